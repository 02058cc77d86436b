"""What reading the console's answers and the plan's facts costs to import: a status line
or the quota model may use them without loading the network or the keyring."""

import subprocess
import sys


def test_the_reading_and_the_facts_load_neither_httpx_nor_the_keyring():
    code = (
        "import sys\n"
        "import codingplan.console.answer, codingplan.console.facts, codingplan.console.hosts\n"
        "import codingplan.console.bailian\n"
        "print('\\n'.join(sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "codingplan.console.facts" in loaded
    heavy = {"httpx", "keyring", "PySide6", "codingplan.console.client", "codingplan.probe"}
    assert not {m for m in loaded if m in heavy or m.split(".")[0] in heavy}
