"""The Qt Linguist catalogues: refresh the .ts from the sources, build the .qm the app loads.

python scripts/translations.py update   # after changing user-facing text
python scripts/translations.py build    # .ts -> .qm (the install, test and build scripts run this)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "gui" / "codingplan"
CATALOGUES = REPO / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    """The pyside6 tool installed beside this Python (the venv's bin or Scripts folder)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def ts_file(language: str) -> Path:
    return CATALOGUES / f"codingplan_{language}.ts"


def update(catalogues: dict[str, Path] | None = None) -> None:
    """Refresh each language's catalogue (by default the ones in resources) from the sources.

    Without source locations: a catalogue then changes only when a text does, not each time
    code moves a line, so an update adds nothing to a change but its new texts."""
    sources = sorted(str(p) for p in SOURCES.rglob("*.py"))
    for lang, path in (catalogues or {lang: ts_file(lang) for lang in LANGUAGES}).items():
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *sources,
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                lang,
                "-ts",
                str(path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def build() -> list[Path]:
    built = []
    for language in LANGUAGES:
        qm = ts_file(language).with_suffix(".qm")
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts_file(language)), "-qm", str(qm)],
            check=True,
        )
        built.append(qm)
    return built


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "build"
    {"update": update, "build": build}[action]()
