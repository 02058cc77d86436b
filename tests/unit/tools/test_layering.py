"""The tool adapters are core: no Qt, and ``key print`` does not load them."""

import subprocess
import sys

MODULES = [
    "codingplan.tools",
    "codingplan.tools.verify",
    "codingplan.tools.keyhelper",
    "codingplan.tools.guided",
]


def test_the_tool_adapters_never_import_qt():
    code = (
        "\n".join(f"import {m}" for m in MODULES) + "\nimport sys; print('\\n'.join(sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [m for m in loaded if m.startswith(("PySide6", "shiboken6"))]
    assert "codingplan.tools.claude_code" in loaded
