"""Build the installer for the OS this runs on, and print the artifact's path as the last line.

    python packaging/build.py            # Linux: tarball (+ AppImage when appimagetool is
                                         # present); macOS: .dmg; Windows: setup .exe
    python packaging/build.py --smoke    # also smoke-test what was built (the full test on
                                         # Linux; the installed app's basics elsewhere)

Signing and notarization run when their environment variables are set (see README,
"Building the installers") and are skipped with a message otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This folder's own modules (icons, smoke), the app, and the test fakes the smoke test uses.
# The folder is not a package: "packaging" is also the name of a library PyInstaller needs.
sys.path[:0] = [str(ROOT / "packaging"), str(ROOT / "gui"), str(ROOT)]

from codingplan import APP_NAME, __version__  # noqa: E402

BUILD = ROOT / "build" / "packaging"
NOTICES = ("LICENSE", "THIRD_PARTY_NOTICES.md")
DIST = ROOT / "dist"
FROZEN = DIST / "pyinstaller"  # PyInstaller's own output (the onedir, or the .app)


def log(text: str) -> None:
    print(f"[build] {text}", file=sys.stderr, flush=True)


def run(*cmd: str | Path, **kwargs) -> subprocess.CompletedProcess:
    log(" ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)


# --- the frozen app ----------------------------------------------------------------------


def prepare() -> None:
    """What the spec reads: translations, icons, the license texts, and on Windows the
    version resource."""
    run(sys.executable, ROOT / "scripts" / "translations.py", "build")
    from icons import build_icons

    build_icons(BUILD / "icons")
    collect_licenses(BUILD / "licenses")
    if sys.platform == "win32":
        write_version_info(BUILD / "version_info.txt")


def collect_licenses(target: Path) -> None:
    """Every bundled package's own license files (from its installed metadata), Python's
    license, and the GNU texts Qt is used under (PySide6's wheels carry none)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for text in (ROOT / "LICENSES").glob("*.txt"):
        shutil.copy2(text, target)
    python = Path(sys.base_prefix)
    for candidate in (python / "LICENSE.txt", *python.glob("lib/python3*/LICENSE.txt")):
        if candidate.is_file():
            shutil.copy2(candidate, target / "Python-LICENSE.txt")
            break
    todo, seen = ["codingplan-configurator"], set()
    while todo:
        dist = metadata.distribution(todo.pop())
        for line in dist.requires or []:
            req = Requirement(line)
            wanted = req.marker is None or req.marker.evaluate({"extra": ""})
            if wanted and req.name.lower() not in seen:
                seen.add(req.name.lower())
                todo.append(req.name)
        name = dist.metadata["Name"]
        if name == "codingplan-configurator":
            continue
        for file in dist.files or []:
            if ".dist-info/" in file.as_posix() and _is_license(file.name):
                folder = target / f"{name}-{dist.version}"
                folder.mkdir(exist_ok=True)
                shutil.copy2(Path(str(file.locate())), folder / file.name)


def _is_license(name: str) -> bool:
    return name.upper().startswith(("LICEN", "COPYING", "NOTICE", "AUTHORS"))


def write_version_info(path: Path) -> None:
    numbers = (*tuple(int(n) for n in __version__.split(".")[:3]), 0)
    template = (ROOT / "packaging" / "windows" / "version_info.txt.in").read_text(encoding="utf-8")
    text = template.format(
        version=__version__, numbers=", ".join(str(n) for n in numbers), name=APP_NAME
    )
    path.write_text(text, encoding="utf-8")


def freeze() -> Path:
    shutil.rmtree(FROZEN, ignore_errors=True)
    run(
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        FROZEN,
        "--workpath",
        BUILD / "work",
        ROOT / "packaging" / "codingplan.spec",
    )
    if sys.platform == "darwin":
        return FROZEN / f"{APP_NAME}.app"
    return FROZEN / "codingplan"


# --- Linux ---------------------------------------------------------------------------------


def linux_tarball(onedir: Path) -> Path:
    """codingplan-<version>-linux-<arch>.tar.gz: the app, its .desktop entry and icon, and
    install/uninstall scripts for the current user (no root)."""
    name = f"codingplan-{__version__}-linux-{arch()}"
    stage = BUILD / name
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(onedir, stage / "codingplan", symlinks=True)
    shutil.copy2(ROOT / "resources" / "linux" / "codingplan.desktop", stage)
    shutil.copy2(BUILD / "icons" / "codingplan-256.png", stage / "codingplan.png")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(ROOT / "packaging" / "linux" / script, stage)
    for notice in NOTICES:  # also inside the app, with the license texts
        shutil.copy2(ROOT / notice, stage)
    DIST.mkdir(exist_ok=True)
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
        tar.add(stage, arcname=name)
    return archive


def linux_appimage(onedir: Path) -> Path | None:
    """An AppImage, when appimagetool is installed (it is not in Debian's or PyPI's registries;
    the CI workflow downloads it)."""
    tool = shutil.which("appimagetool") or os.environ.get("APPIMAGETOOL")
    if not tool:
        log("AppImage skipped: appimagetool not found (set APPIMAGETOOL or put it on PATH)")
        return None
    appdir = BUILD / "CodingPlanConfigurator.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(onedir, appdir / "usr" / "lib" / "codingplan", symlinks=True)
    shutil.copy2(ROOT / "resources" / "linux" / "codingplan.desktop", appdir)
    shutil.copy2(BUILD / "icons" / "codingplan-256.png", appdir / "codingplan.png")
    for notice in NOTICES:
        shutil.copy2(ROOT / notice, appdir)
    apprun = appdir / "AppRun"
    apprun.write_text(
        '#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/lib/codingplan/codingplan" "$@"\n'
    )
    apprun.chmod(0o755)
    image = DIST / f"CodingPlanConfigurator-{__version__}-{arch()}.AppImage"
    run(tool, appdir, image, env={**os.environ, "ARCH": arch()})
    return image


# --- macOS ---------------------------------------------------------------------------------


def macos_dmg(app: Path) -> Path:
    notarize(app)
    DIST.mkdir(exist_ok=True)
    dmg = DIST / f"CodingPlanConfigurator-{__version__}-macos-{arch()}.dmg"
    run(ROOT / "packaging" / "macos" / "make_dmg.sh", app, BUILD / "dmg", dmg, APP_NAME)
    identity = os.environ.get("CODESIGN_IDENTITY")
    if identity:
        run("codesign", "--sign", identity, "--timestamp", dmg)
    notarize(dmg)
    return dmg


def notarize(target: Path) -> None:
    """Notarize and staple, when APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD are set."""
    needed = ("APPLE_ID", "APPLE_TEAM_ID", "APPLE_APP_PASSWORD")
    if not all(os.environ.get(v) for v in needed) or not os.environ.get("CODESIGN_IDENTITY"):
        log(f"notarization of {target.name} skipped: set CODESIGN_IDENTITY and {', '.join(needed)}")
        return
    submit = target
    if target.suffix == ".app":
        submit = BUILD / f"{target.stem}.zip"
        run("ditto", "-c", "-k", "--keepParent", target, submit)
    run(
        "xcrun",
        "notarytool",
        "submit",
        submit,
        "--apple-id",
        os.environ["APPLE_ID"],
        "--team-id",
        os.environ["APPLE_TEAM_ID"],
        "--password",
        os.environ["APPLE_APP_PASSWORD"],
        "--wait",
        "--timeout",
        "20m",
    )
    run("xcrun", "stapler", "staple", target)


# --- Windows -------------------------------------------------------------------------------


def windows_installer(onedir: Path) -> Path:
    sign(*onedir.glob("*.exe"))
    iscc = (
        shutil.which("iscc")
        or os.environ.get("ISCC")
        or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    )
    DIST.mkdir(exist_ok=True)
    run(
        iscc,
        f"/DAppVersion={__version__}",
        f"/DSourceDir={onedir}",
        f"/DOutputDir={DIST}",
        f"/DIconFile={BUILD / 'icons' / 'codingplan.ico'}",
        f"/DRepoDir={ROOT}",
        ROOT / "packaging" / "windows" / "installer.iss",
    )
    setup = DIST / f"CodingPlanConfigurator-{__version__}-windows-x64-setup.exe"
    sign(setup)
    return setup


def sign(*files: Path) -> None:
    """Authenticode, when WINDOWS_SIGN_CERT (a .pfx) and WINDOWS_SIGN_PASSWORD are set."""
    cert, password = os.environ.get("WINDOWS_SIGN_CERT"), os.environ.get("WINDOWS_SIGN_PASSWORD")
    if not cert or not password:
        log("signing skipped: set WINDOWS_SIGN_CERT and WINDOWS_SIGN_PASSWORD")
        return
    signtool = shutil.which("signtool") or "signtool"
    for file in files:
        run(
            signtool,
            "sign",
            "/f",
            cert,
            "/p",
            password,
            "/fd",
            "sha256",
            "/tr",
            "http://timestamp.digicert.com",
            "/td",
            "sha256",
            file,
        )


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="smoke-test what was built")
    args = parser.parse_args()
    if args.smoke:
        from smoke import missing_for_smoke

        missing = missing_for_smoke()
        if missing:  # said before a build of minutes, not as a traceback after it
            sys.exit(
                f"build.py: the smoke test needs {', '.join(missing)}: run scripts/test.sh "
                "first (it installs them), then this again."
            )
    started = time.monotonic()
    prepare()
    frozen = freeze()
    log(f"frozen in {time.monotonic() - started:.0f} s: {frozen}")
    if sys.platform == "darwin":
        artifact = macos_dmg(frozen)
    elif sys.platform == "win32":
        artifact = windows_installer(frozen)
    else:
        artifact = linux_tarball(frozen)
        linux_appimage(frozen)
    if args.smoke:
        import smoke

        if sys.platform == "darwin":
            smoke.smoke_dmg(artifact)
        elif sys.platform == "win32":
            smoke.smoke_setup(artifact)
        else:
            smoke.smoke_test(frozen / "codingplan", artifact)
    log(f"{artifact.name}: {artifact.stat().st_size / 2**20:.1f} MB")
    print(artifact)


if __name__ == "__main__":
    main()
