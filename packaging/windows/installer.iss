; Inno Setup script for Coding Plan Configurator: a per-user install, no administrator rights.
; Compiled by packaging/build.py:  ISCC /DAppVersion=… /DSourceDir=… /DOutputDir=… /DIconFile=… /DRepoDir=… installer.iss
;
; Silent use (winget, scripts):  setup.exe /VERYSILENT /CURRENTUSER [/TASKS=startup]
;   unins000.exe /VERYSILENT [/KEEPTOOLS] [/REMOVEDATA]
; The uninstaller reverts the coding tools the app set up unless /KEEPTOOLS is given, and keeps
; the key, settings and usage history unless /REMOVEDATA is given (asked when not silent).
; Pascal lines must not start with '#': the preprocessor would take them for its directives.

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
#ifndef RepoDir
  #define RepoDir "..\.."
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
; No AppMutex: run silently, Setup would give up while the app runs. The [Code] below closes
; the running app (it holds the mutex named in AppMutexName) before files are replaced.
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "startup"; Description: "Start {#AppName} when I log in (in the notification area)"; Flags: unchecked

[InstallDelete]
; A new version's files replace the old ones wholesale: no stale library stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Also inside _internal with every bundled package's license; here where people look first.
Source: "{#RepoDir}\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "{#RepoDir}\THIRD_PARTY_NOTICES.md"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"

[Registry]
; The same value the app writes when "Start at login" is ticked in its settings.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "CodingPlanConfigurator"; ValueData: """{app}\{#AppExe}"" --tray"; Tasks: startup

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent

[Code]
const
  // Held by the running app (codingplan/ui/single_instance.py).
  AppMutexName = 'CodingPlanConfigurator';
  CRLF = #13#10;

var
  RemoveData: Boolean;
  KeepTools: Boolean;

function AppCli(): String;
begin
  Result := ExpandConstant('{app}\codingplan.exe');
end;

function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\codingplan');
end;

// True when the command line has Name (such as /KEEPTOOLS), in any case.
function HasParam(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

function AppRunning(): Boolean;
begin
  Result := CheckForMutexes(AppMutexName);
end;

// The running app holds the files an upgrade replaces and an uninstall removes: it is ended
// first (its settings and history are written as they change, so nothing is lost). False
// if it is still running ten seconds later.
function CloseRunningApp(): Boolean;
var
  Code, Tenths: Integer;
begin
  Result := True;
  if not AppRunning() then
    Exit;
  Log('The app is running: ending it.');
  Exec(ExpandConstant('{sys}\taskkill.exe'), '/F /IM "{#AppExe}"', '', SW_HIDE,
    ewWaitUntilTerminated, Code);
  Tenths := 0;
  while AppRunning() and (Tenths < 100) do
  begin
    Sleep(100);
    Tenths := Tenths + 1;
  end;
  Result := not AppRunning();
end;

function StillRunningMessage(): String;
begin
  Result := '{#AppName} is still running and could not be closed. Quit it (its icon in ' +
    'the notification area, then Quit), then run this again.';
end;

function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if not CloseRunningApp() then
    Result := StillRunningMessage();
end;

// The coding tools the app set up ("id  name" lines, indented); False if it could not tell.
function ListConfiguredTools(var Listed: String): Boolean;
var
  Output: TExecOutput;
  Code, I: Integer;
begin
  Listed := '';
  Result := ExecAndCaptureOutput(AppCli(), 'configured', '', SW_HIDE, ewWaitUntilTerminated,
    Code, Output) and (Code = 0);
  if Result then
    for I := 0 to GetArrayLength(Output.StdOut) - 1 do
      if Trim(Output.StdOut[I]) <> '' then
        Listed := Listed + '    ' + Trim(Output.StdOut[I]) + CRLF;
end;

// Uninstalling never leaves a coding tool pointing at the removed app: the tools it set up
// are reverted first (asked, yes by default; unasked when silent, unless /KEEPTOOLS).
function InitializeUninstall(): Boolean;
var
  Listed: String;
  Code: Integer;
  Revert: Boolean;
begin
  Result := True;
  KeepTools := False;
  if not CloseRunningApp() then
  begin
    SuppressibleMsgBox('Nothing was uninstalled: ' + StillRunningMessage(), mbError, MB_OK, IDOK);
    Result := False;
    Exit;
  end;
  if FileExists(AppCli()) then
  begin
    if not ListConfiguredTools(Listed) then
    begin
      SuppressibleMsgBox('Nothing was uninstalled: the app could not list the coding tools ' +
        'it set up. Run "codingplan configured" in ' + ExpandConstant('{app}') +
        ' to see why.', mbError, MB_OK, IDOK);
      Result := False;
      Exit;
    end;
    if Listed <> '' then
    begin
      if HasParam('/KEEPTOOLS') then
        Revert := False
      else
        Revert := SuppressibleMsgBox('{#AppName} set up these coding tools:' + CRLF + CRLF +
          Listed + CRLF + 'Undo what it set there before uninstalling? (Recommended: ' +
          'otherwise they cannot get the key once the app is removed.)', mbConfirmation,
          MB_YESNO, IDYES) = IDYES;
      if Revert then
      begin
        if not Exec(AppCli(), 'revert --all --yes', '', SW_HIDE, ewWaitUntilTerminated, Code)
            or (Code <> 0) then
        begin
          SuppressibleMsgBox('Nothing was uninstalled: a tool could not be reverted. Run ' +
            '"codingplan revert --all" in ' + ExpandConstant('{app}') + ' to see why.',
            mbError, MB_OK, IDOK);
          Result := False;
          Exit;
        end;
      end
      else
        KeepTools := True;
    end;
  end;
  // Keeping the key and settings is the default: a reinstall picks them up again.
  if HasParam('/REMOVEDATA') then
    RemoveData := True
  else
    RemoveData := SuppressibleMsgBox('Also remove your plan key from Windows Credential ' +
      'Manager, and your settings and usage history?' + CRLF + CRLF +
      'Choose No to keep them for a later install.', mbConfirmation,
      MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
end;

// Everything in the data folder but what a tool still set up needs to be reverted later.
procedure DeleteAllButToolRecords(const Folder: String);
var
  Found: TFindRec;
  Name: String;
begin
  if FindFirst(Folder + '\*', Found) then
  try
    repeat
      Name := Found.Name;
      if (Name <> '.') and (Name <> '..') and (CompareText(Name, 'tools') <> 0) and
         (CompareText(Name, 'backups') <> 0) and (CompareText(Name, 'bin') <> 0) then
      begin
        if Found.Attributes and FILE_ATTRIBUTE_DIRECTORY <> 0 then
          DelTree(Folder + '\' + Name, True, True, True)
        else
          DeleteFile(Folder + '\' + Name);
      end;
    until not FindNext(Found);
  finally
    FindClose(Found);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Code: Integer;
begin
  if CurUninstallStep = usUninstall then
  begin
    // Start at login goes with the app, whoever set it (the installer or the app).
    RegDeleteValue(HKCU, 'Software\Microsoft\Windows\CurrentVersion\Run', 'CodingPlanConfigurator');
    // The key stays for the tools still set up; otherwise it goes when asked.
    if RemoveData and not KeepTools then
      Exec(AppCli(), 'key clear --yes', '', SW_HIDE, ewWaitUntilTerminated, Code);
  end;
  if CurUninstallStep = usPostUninstall then
  begin
    if RemoveData and KeepTools then
      DeleteAllButToolRecords(DataDir())
    else if RemoveData then
      DelTree(DataDir(), True, True, True)
    else if not KeepTools then
      DelTree(DataDir() + '\bin', True, True, True); // the launcher no tool runs any more
  end;
end;
