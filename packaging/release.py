"""Steps of the release workflow that are worth testing here rather than in YAML.

    python packaging/release.py check-tag v0.2.0   # exit 1 unless the tag is the version
    python packaging/release.py notes 0.2.0        # that version's CHANGELOG.md section
    python packaging/release.py checksums dist     # dist/SHA256SUMS for every file there
    python packaging/release.py manifests dist     # the winget manifests and the Homebrew
                                                   # cask for the installers in dist
    python packaging/release.py --dry-run          # all of it for the tag at HEAD, with the
                                                   # installers in dist: publishes nothing

Only the standard library: the publishing job runs this with the runner's own Python.

The version lives in one place, ``gui/codingplan/__init__.py``; a tag that does not match it
is refused, so a release never carries a version other than its name.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMS = "SHA256SUMS"
APP_NAME = "Coding Plan Configurator"
BUNDLE_ID = "io.github.codingplan.configurator"
WINGET_ID = "CodingPlan.Configurator"
CASK = "coding-plan-configurator"
# The same AppId as packaging/windows/installer.iss: how Windows lists the installed app.
PRODUCT_CODE = "{6E0C5B3A-2B7C-4F3D-9C1E-4B7A2E5D8F10}_is1"
WINGET_SCHEMA = "1.6.0"
# A heading "## [1.2.3] - 2026-12-01": a released version has its date.
# What this script writes beside the installers: never summed as one of them.
GENERATED = frozenset(
    {
        SUMS,
        "notes.md",
        f"{WINGET_ID}.yaml",
        f"{WINGET_ID}.installer.yaml",
        f"{WINGET_ID}.locale.en-US.yaml",
        f"{CASK}.rb",
    }
)
RELEASED = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def version(root: Path = ROOT) -> str:
    text = (root / "gui" / "codingplan" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if not found:
        raise SystemExit("release.py: no __version__ in gui/codingplan/__init__.py")
    return found.group(1)


def check_tag(tag: str, root: Path = ROOT) -> None:
    expected = f"v{version(root)}"
    if tag != expected:
        raise SystemExit(
            f"release.py: the tag {tag} does not match the version in "
            f"gui/codingplan/__init__.py ({version(root)}): tag {expected}, or change the version."
        )


def notes(wanted: str, root: Path = ROOT) -> str:
    """The CHANGELOG.md section headed ``## [wanted] - YYYY-MM-DD`` (without its heading).
    A section without its release date (such as "not released yet") is refused."""
    text = (root / "CHANGELOG.md").read_text("utf-8")
    section = re.search(
        rf"^## \[{re.escape(wanted)}\]([^\n]*)\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    if not section or not section.group(2).strip():
        raise SystemExit(f"release.py: CHANGELOG.md has no section for {wanted}")
    date = section.group(1).strip().removeprefix("-").strip()
    if not RELEASED.match(date):
        raise SystemExit(
            f'release.py: CHANGELOG.md\'s heading for {wanted} says "{section.group(1).strip()}" '
            f"where the release date belongs: make it ## [{wanted}] - YYYY-MM-DD."
        )
    return section.group(2).strip() + "\n"


def sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums(folder: Path) -> Path:
    """``sha256sum``'s format, so that ``sha256sum -c SHA256SUMS`` checks a download."""
    lines = [
        f"{sha256(file)}  {file.name}\n"
        for file in sorted(p for p in folder.iterdir() if p.is_file() and p.name not in GENERATED)
    ]
    target = folder / SUMS
    target.write_text("".join(lines), encoding="utf-8")
    return target


# --- package-manager manifests -----------------------------------------------------------


def repository(root: Path = ROOT) -> str:
    """owner/name on GitHub, from the project's Source URL in pyproject.toml."""
    text = (root / "pyproject.toml").read_text("utf-8")
    found = re.search(r'^Source = "https://github\.com/([^/"]+/[^/"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("release.py: no GitHub Source URL in pyproject.toml")
    return found.group(1)


def installers(folder: Path, wanted: str) -> dict[str, Path]:
    """The Windows setup and the two macOS disk images of ``wanted`` in ``folder``."""
    names = {
        "windows": f"CodingPlanConfigurator-{wanted}-windows-x64-setup.exe",
        "arm": f"CodingPlanConfigurator-{wanted}-macos-arm64.dmg",
        "intel": f"CodingPlanConfigurator-{wanted}-macos-x86_64.dmg",
    }
    missing = [name for name in names.values() if not (folder / name).is_file()]
    if missing:
        raise SystemExit(
            f"release.py: {folder} lacks {', '.join(missing)}: the manifests need every "
            "installer they point to."
        )
    return {kind: folder / name for kind, name in names.items()}


def _yaml(fields: dict) -> str:
    """YAML for the manifests: every scalar a JSON string (valid YAML), nested mappings and
    lists indented by two."""

    def lines(value, indent: str) -> list[str]:
        out = []
        for key, item in value.items():
            if isinstance(item, dict):
                out += [f"{indent}{key}:", *lines(item, indent + "  ")]
            elif isinstance(item, list):
                out.append(f"{indent}{key}:")
                for element in item:
                    if isinstance(element, dict):
                        first, *rest = lines(element, indent + "    ")
                        out += [f"{indent}  - {first.lstrip()}", *rest]
                    else:
                        out.append(f"{indent}  - {json.dumps(element)}")
            else:
                out.append(f"{indent}{key}: {json.dumps(item)}")
        return out

    return "\n".join(lines(fields, "")) + "\n"


def winget_manifests(folder: Path, wanted: str, repo: str) -> dict[str, str]:
    """winget's three files (version, installer, default locale) for the per-user Inno setup."""
    setup = installers(folder, wanted)["windows"]
    release = f"https://github.com/{repo}/releases"
    common = {"PackageIdentifier": WINGET_ID, "PackageVersion": wanted}
    tail = {"ManifestVersion": WINGET_SCHEMA}
    switches = "/SUPPRESSMSGBOXES /NORESTART /CURRENTUSER"
    return {
        f"{WINGET_ID}.yaml": _yaml(
            {**common, "DefaultLocale": "en-US", "ManifestType": "version", **tail}
        ),
        f"{WINGET_ID}.installer.yaml": _yaml(
            {
                **common,
                "InstallerType": "inno",
                "Scope": "user",
                "InstallModes": ["interactive", "silent", "silentWithProgress"],
                "InstallerSwitches": {
                    "Silent": f"/VERYSILENT {switches}",
                    "SilentWithProgress": f"/SILENT {switches}",
                },
                "UpgradeBehavior": "install",
                "ProductCode": PRODUCT_CODE,
                "Commands": ["codingplan"],
                "Installers": [
                    {
                        "Architecture": "x64",
                        "InstallerUrl": f"{release}/download/v{wanted}/{setup.name}",
                        "InstallerSha256": sha256(setup).upper(),
                    }
                ],
                "ManifestType": "installer",
                **tail,
            }
        ),
        f"{WINGET_ID}.locale.en-US.yaml": _yaml(
            {
                **common,
                "PackageLocale": "en-US",
                "Publisher": APP_NAME,
                "PackageName": APP_NAME,
                "PackageUrl": f"https://github.com/{repo}",
                "License": "MIT",
                "LicenseUrl": f"https://github.com/{repo}/blob/v{wanted}/LICENSE",
                "ShortDescription": "Set up Alibaba Cloud Model Studio's Coding Plan in your "
                "coding tools and watch its quota from the tray.",
                "ReleaseNotesUrl": f"{release}/tag/v{wanted}",
                "ManifestType": "defaultLocale",
                **tail,
            }
        ),
    }


def homebrew_cask(folder: Path, wanted: str, repo: str) -> str:
    """A cask for the two disk images. Uninstalling runs ``revert --all --yes`` before the
    app goes, so that no coding tool is left pointing at it."""
    found = installers(folder, wanted)
    cli = f"#{{appdir}}/{APP_NAME}.app/Contents/MacOS/codingplan"
    url = (
        f"https://github.com/{repo}/releases/download/v#{{version}}/"
        "CodingPlanConfigurator-#{version}-macos-#{arch}.dmg"
    )
    return f"""cask "{CASK}" do
  arch arm: "arm64", intel: "x86_64"

  version "{wanted}"
  sha256 arm:   "{sha256(found["arm"])}",
         intel: "{sha256(found["intel"])}"

  url "{url}"
  name "{APP_NAME}"
  desc "Set up Model Studio's Coding Plan in coding tools and watch its quota"
  homepage "https://github.com/{repo}"

  depends_on macos: ">= :monterey"

  app "{APP_NAME}.app"
  binary "{cli}"

  uninstall early_script: {{
              executable: "{cli}",
              args:       ["revert", "--all", "--yes"],
            }},
            quit:         "{BUNDLE_ID}",
            launchctl:    "{BUNDLE_ID}"

  zap trash: [
    "~/Library/Application Support/codingplan",
    "~/Library/LaunchAgents/{BUNDLE_ID}.plist",
    "~/Library/Logs/codingplan",
    "~/Library/Preferences/codingplan",
  ]
end
"""


def manifests(folder: Path, wanted: str | None = None, root: Path = ROOT) -> list[Path]:
    """Writes the winget manifests and the Homebrew cask into ``folder``, beside the
    installers whose checksums they carry."""
    wanted = wanted or version(root)
    repo = repository(root)
    files = {
        **winget_manifests(folder, wanted, repo),
        f"{CASK}.rb": homebrew_cask(folder, wanted, repo),
    }
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def tag_at_head(root: Path = ROOT) -> str:
    found = subprocess.run(
        ["git", "-C", str(root), "describe", "--tags", "--exact-match", "HEAD"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        raise SystemExit(
            f"release.py: HEAD has no tag: tag it v{version(root)} first (git tag v{version(root)})."
        )
    return found.stdout.strip()


def dry_run(folder: Path, root: Path = ROOT) -> list[Path]:
    """What the publishing job does for the tag at HEAD, short of publishing: the tag checked,
    the notes, the checksums and the manifests, written into ``folder``."""
    check_tag(tag_at_head(root), root)
    wanted = version(root)
    text = notes(wanted, root)
    written = [checksums(folder), *manifests(folder, wanted, root)]  # sums of the installers
    (folder / "notes.md").write_text(text, encoding="utf-8")
    return [*written, folder / "notes.md"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check the tag at HEAD, then write the notes, SHA256SUMS and the manifests into "
        "--dist (dist by default) from the installers there; publishes nothing",
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    steps = parser.add_subparsers(dest="step")
    steps.add_parser("check-tag").add_argument("tag")
    steps.add_parser("notes").add_argument("version")
    steps.add_parser("checksums").add_argument("folder", type=Path)
    steps.add_parser("manifests").add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.dry_run:
        for path in dry_run(args.dist):
            print(path)
    elif args.step == "check-tag":
        check_tag(args.tag)
    elif args.step == "notes":
        sys.stdout.write(notes(args.version))
    elif args.step == "checksums":
        print(checksums(args.folder))
    elif args.step == "manifests":
        for path in manifests(args.folder):
            print(path)
    else:
        parser.error("name a step, or --dry-run")


if __name__ == "__main__":
    main()
