"""The layering rules: the core never imports Qt, and the key helper path stays lean."""

import subprocess
import sys

CORE = ["plan", "keystore", "settings", "probe", "redact", "errors", "fileio", "paths", "cli"]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_the_core_never_imports_qt():
    modules = _loaded_after("\n".join(f"import codingplan.{m}" for m in CORE))
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}


def test_key_print_imports_only_what_it_needs():
    code = (
        "import sys, io\n"
        "from codingplan import cli\n"
        "sys.stdout = io.StringIO()\n"
        "cli.main(['key', 'print'])\n"
        "sys.stdout = sys.__stdout__\n"
    )
    modules = _loaded_after(code)
    heavy = {
        "httpx",
        "PySide6",
        "codingplan.settings",
        "codingplan.probe",
        "codingplan.plan",
        "logging.handlers",
    }
    assert not {m for m in modules if m.split(".")[0] in heavy or m in heavy}
