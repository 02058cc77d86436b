; Inno Setup script for Coding Plan Configurator: a per-user install, no administrator rights.
; Compiled by packaging/build.py:  ISCC /DAppVersion=… /DSourceDir=… /DOutputDir=… /DIconFile=… installer.iss

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\pyinstaller\codingplan"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\packaging\icons\codingplan.ico"
#endif
#define AppName "Coding Plan Configurator"
#define AppExe "Coding Plan Configurator.exe"

[Setup]
; The same AppId in every version: a new installer upgrades the old install in place.
AppId={{6E0C5B3A-2B7C-4F3D-9C1E-4B7A2E5D8F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=CodingPlanConfigurator-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The running app holds this mutex (codingplan/ui/single_instance.py): setup asks to close it.
AppMutex=CodingPlanConfigurator
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "startup"; Description: "Start {#AppName} when I log in (in the notification area)"; Flags: unchecked

[InstallDelete]
; A new version's files replace the old ones wholesale: no stale library stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"

[Registry]
; The same value the app writes when "Start at login" is ticked in its settings.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "CodingPlanConfigurator"; ValueData: """{app}\{#AppExe}"" --tray"; Tasks: startup

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveData: Boolean;

function InitializeUninstall(): Boolean;
begin
  // Keeping the key and settings is the default: a reinstall picks them up again.
  RemoveData := MsgBox('Also remove your plan key from Windows Credential Manager, and your ' +
    'settings and usage history?' + #13#10#13#10 +
    'Choose No to keep them for a later install.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Code: Integer;
begin
  if CurUninstallStep = usUninstall then
  begin
    // Start at login goes with the app, whoever set it (the installer or the app).
    RegDeleteValue(HKCU, 'Software\Microsoft\Windows\CurrentVersion\Run', 'CodingPlanConfigurator');
    if RemoveData then
      Exec(ExpandConstant('{app}\codingplan.exe'), 'key clear', '', SW_HIDE, ewWaitUntilTerminated, Code);
  end;
  if (CurUninstallStep = usPostUninstall) and RemoveData then
    DelTree(ExpandConstant('{localappdata}\codingplan'), True, True, True);
end;
