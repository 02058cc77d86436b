"""The property searches cut short in the default run are the ones CI runs again in full."""

from __future__ import annotations

import re
from pathlib import Path

from tests import depth

ROOT = Path(__file__).resolve().parents[2]


def test_every_search_cut_short_is_run_in_full_by_ci():
    uses = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").rglob("test_*.py")
        if re.search(r"max_examples=examples\(", p.read_text(encoding="utf-8"))
    }
    assert uses == set(depth.DEEP_FILES)
    for runner in (ROOT / ".ci" / "run", ROOT / ".github" / "workflows" / "ci.yml"):
        assert re.search(r"python\"? -m tests\.depth", runner.read_text(encoding="utf-8")), runner


def test_the_deep_pass_gives_each_reader_two_thousand_examples(monkeypatch):
    monkeypatch.setenv(depth.VARIABLE, "deep")
    assert depth.examples(2000) == 2000
    monkeypatch.delenv(depth.VARIABLE)
    assert depth.examples(2000) == 200 and depth.examples(25) == 20
