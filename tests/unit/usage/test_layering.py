"""The quota tracker is core: no Qt, so the CLI and a worker thread can use it."""

import subprocess
import sys


def test_usage_imports_no_qt():
    code = (
        "import codingplan.usage, codingplan.usage.sources, codingplan.usage.watcher\n"
        "import sys; print('\\n'.join(sys.modules))"
    )
    modules = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "codingplan.usage.tracker" in modules
    assert not [m for m in modules if m.startswith(("PySide6", "shiboken6"))]
