"""Steps of the release workflow that are worth testing here rather than in YAML.

    python packaging/release.py check-tag v0.2.0   # exit 1 unless the tag is the version
    python packaging/release.py notes 0.2.0        # that version's CHANGELOG.md section
    python packaging/release.py checksums dist     # dist/SHA256SUMS for every file there

The version lives in one place, ``gui/codingplan/__init__.py``; a tag that does not match it
is refused, so a release never carries a version other than its name.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMS = "SHA256SUMS"


def version() -> str:
    text = (ROOT / "gui" / "codingplan" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if not found:
        raise SystemExit("release.py: no __version__ in gui/codingplan/__init__.py")
    return found.group(1)


def check_tag(tag: str) -> None:
    expected = f"v{version()}"
    if tag != expected:
        raise SystemExit(
            f"release.py: the tag {tag} does not match the version in "
            f"gui/codingplan/__init__.py ({version()}): tag {expected}, or change the version."
        )


def notes(wanted: str) -> str:
    """The CHANGELOG.md section headed ``## [wanted]`` (without its heading)."""
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    section = re.search(
        rf"^## \[{re.escape(wanted)}\][^\n]*\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    if not section or not section.group(1).strip():
        raise SystemExit(f"release.py: CHANGELOG.md has no section for {wanted}")
    return section.group(1).strip() + "\n"


def checksums(folder: Path) -> Path:
    """``sha256sum``'s format, so that ``sha256sum -c SHA256SUMS`` checks a download."""
    lines = []
    for file in sorted(p for p in folder.iterdir() if p.is_file() and p.name != SUMS):
        digest = hashlib.sha256()
        with file.open("rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {file.name}\n")
    target = folder / SUMS
    target.write_text("".join(lines), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("check-tag").add_argument("tag")
    steps.add_parser("notes").add_argument("version")
    steps.add_parser("checksums").add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.step == "check-tag":
        check_tag(args.tag)
    elif args.step == "notes":
        sys.stdout.write(notes(args.version))
    else:
        print(checksums(args.folder))


if __name__ == "__main__":
    main()
