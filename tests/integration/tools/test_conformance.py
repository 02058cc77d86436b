"""One contract for every integration, a made-up one included (``madeup/``: a folder, and the
one line that registers it): where it keeps its files, configure, revert to the exact bytes,
Verify refused before Apply, its records counted from a sample, the environment read only
through ``Env`` and only the variables it declares, and its declarations (install, key
modes, options) shown by the command line and the README."""

from __future__ import annotations

import ast
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from codingplan import actions, integrations
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.integrations.integration import Integration
from codingplan.plan import Region, endpoints_for
from codingplan.settings import Settings
from codingplan.tools.types import KeyMode, ToolState
from codingplan.usage.tracker import Tracker
from codingplan.usage.traffic import PlanTraffic
from tests.conftest import REPO
from tests.integration.tools import madeup
from tests.unit.test_integrations import _variables_read
from tests.unit.usage.conftest import ORIGIN, make_opencode_db, place

pytestmark = pytest.mark.secret_service
ENDPOINTS = endpoints_for(Region.INTL, ORIGIN)  # the origin the captured records went to


@pytest.fixture(autouse=True)
def registered(monkeypatch) -> None:
    """The made-up tool, registered as a real one is: one more entry in the list."""
    monkeypatch.setattr(
        integrations, "INTEGRATIONS", (*integrations.INTEGRATIONS, madeup.INTEGRATION)
    )


# --- samples of each tool's records: a writer, and the plan requests they hold ------------


def _madeup_calls(home: Path) -> int:
    log = home / ".madeup" / "calls.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        {"id": "c1", "at": 1_795_000_000_000, "model": "qwen3-coder-plus", "base": f"{ORIGIN}/v1"},
        {"id": "c2", "at": 1_795_000_060_000, "model": "glm-5", "base": f"{ORIGIN}/v1"},
        {"id": "c3", "at": 1_795_000_120_000, "model": "gpt-5", "base": "https://api.openai.com"},
    ]
    log.write_text("".join(json.dumps({**c, "status": 200}) + "\n" for c in lines))
    return 2  # the third went to another provider


def _continue_session(home: Path) -> int:
    sessions = home / ".continue" / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    answer = {"role": "assistant", "usage": {"model": "qwen3-coder-plus"}}
    history = [{"message": {"role": "user"}}, {"message": answer}]
    (sessions / "s1.json").write_text(json.dumps({"sessionId": "s1", "history": history}))
    return 1


def _claude_transcript(home: Path) -> int:
    place(home, ".claude/projects/-tmp-work/s1.jsonl", "claude-2.1.332-ok.jsonl")
    return 1


def _qwen_usage_log(home: Path) -> int:
    place(home, ".qwen/usage/token-usage-2026-11.jsonl", "qwen-0.24.4-token-usage.jsonl")
    return 2  # the answer, and the memory extractor's call


def _cline_session(home: Path) -> int:
    place(home, ".cline/data/sessions/1/1.messages.json", "cline-3.0.65-ok.messages.json")
    return 1


def _opencode_store(folder: str) -> Callable[[Path], int]:
    def write(home: Path) -> int:
        make_opencode_db(home / ".local/share" / folder)
        return 2  # the answer, and the session's title

    return write


# Every tool whose records are counted has a sample here; the made-up one brings its own.
SAMPLES: dict[str, Callable[[Path], int]] = {
    "claude-code": _claude_transcript,
    "qwen-code": _qwen_usage_log,
    "cline": _cline_session,
    "opencode": _opencode_store("opencode/opencode.db"),
    "kilo-cli": _opencode_store("kilo/kilo.db"),
    "continue": _continue_session,
    "madeup": _madeup_calls,
}


class Case(NamedTuple):
    integration: Integration

    @property
    def id(self) -> str:
        return self.integration.id


def _automatic() -> Iterator[Case]:
    for integration in (*integrations.INTEGRATIONS, madeup.INTEGRATION):
        if integration.automatic:
            yield Case(integration)


CASES = list(_automatic())


def _folder(integration: Integration) -> Path:
    """The folder whose package declares ``integration`` (a fork may share its parent's
    guide, not its declaration)."""
    for module in list(sys.modules.values()):
        if getattr(module, "INTEGRATION", None) is integration and module.__file__:
            return Path(module.__file__).parent
    raise LookupError(integration.id)


def _env(home: Path) -> Env:
    return Env("linux", home, {"HOME": str(home), "PATH": ""})


def _options(case: Case, key_mode: KeyMode = KeyMode.INLINE):
    mode = key_mode if key_mode in case.integration.key_modes else case.integration.default_key_mode
    return actions.configure_options(case.id, Settings(), ENDPOINTS, key_mode=mode.value)


def _persons_file(fmt: str) -> bytes:
    """A file of the person's own, in the tool's format: it must come back byte for byte."""
    return {
        "json": b'{\n  "mine": 1\n}\n',
        "jsonc": b'{\n  // mine\n  "mine": 1,\n}\n',
        "yaml": b"# mine\nname: Mine\nversion: 1.0.0\nschema: v1\n",
        "dotenv": b"# mine\nMINE=1\n",
    }[fmt]


# --- the contract --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_its_places_are_in_the_persons_home_as_its_env_says(case, home):
    env = _env(home)
    adapter = case.integration.adapter
    assert adapter is not None and adapter.id == case.id and adapter.name == case.integration.name
    files = adapter.config_files(env)
    assert files and all(f.path.is_relative_to(home) for f in files)
    specs = adapter.file_specs(_options(case), "sk-sp-conformance0key0aaaaaaaa", env)
    assert {s.path for s in specs} <= {f.path for f in files}  # it writes only what it names
    for source in case.integration.sources(env):
        assert source.id == case.id and all(root.is_relative_to(home) for root in source.roots)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_configure_then_revert_gives_back_the_exact_bytes(case, home, stored_key):
    adapter = case.integration.adapter
    assert adapter is not None
    specs = adapter.file_specs(_options(case), stored_key, _env(home))
    before = {}
    for spec in specs[:1]:  # a file of the person's own; the others this app creates
        spec.path.parent.mkdir(parents=True, exist_ok=True)
        spec.path.write_bytes(_persons_file(spec.format))
        before[spec.path] = spec.path.read_bytes()
    change = actions.preview_configure(case.id, _options(case))
    assert not change.empty and stored_key not in change.diff
    result = actions.apply(change)
    assert result.changed == actions.Changed.TOOLS | actions.Changed.SETTINGS
    assert adapter.status(endpoints=ENDPOINTS).state in (ToolState.CONFIGURED, ToolState.OVERRIDDEN)
    assert actions.preview_configure(case.id, _options(case)).empty  # applied once is enough
    reverted = actions.revert(case.id)
    assert reverted.changed == actions.Changed.TOOLS
    for spec in specs:
        if spec.path in before:
            assert spec.path.read_bytes() == before[spec.path], spec.path
        else:
            assert not spec.path.exists(), spec.path
    assert actions.revert(case.id).changed == actions.Changed.NOTHING  # nothing left to undo


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_verify_is_refused_before_apply_and_allowed_after(case, home, stored_key):
    with pytest.raises(CodingPlanError) as refused:
        actions.verify(case.id, ENDPOINTS, timeout=5)
    assert refused.value.code == "not_set_up"
    assert f"codingplan configure {case.id}" in refused.value.remedy
    actions.apply(actions.preview_configure(case.id, _options(case)))
    assert actions.verify_refusal(case.id, ENDPOINTS) is None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_its_records_are_counted_from_a_sample(case, home, stored_key, tmp_path):
    # Set up for the plan first: a tool whose records name no address is judged by its config.
    actions.apply(actions.preview_configure(case.id, _options(case)))
    expected = SAMPLES[case.id](home)
    env = _env(home)
    with Tracker(
        tmp_path / "ledger.sqlite3",
        traffic=PlanTraffic.with_origins(ORIGIN),
        sources=lambda _env=None: case.integration.sources(env),
        workers=1,
    ) as tracker:
        tracker.refresh()
        counted = tracker.ledger.count_by_source(0, 2**62)
    assert counted == {case.id: expected}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_it_reads_the_environment_only_through_env_and_only_what_it_declares(
    case, home, monkeypatch
):
    # The person's own variables, set in this process: the places follow the Env given.
    for variable in case.integration.environment:
        monkeypatch.setenv(variable, str(home / "elsewhere"))
    env = _env(home)
    adapter = case.integration.adapter
    assert adapter is not None
    places = [f.path for f in adapter.config_files(env)]
    places += [r for s in case.integration.sources(env) for r in s.roots]
    assert not any("elsewhere" in str(p) for p in places)
    # And every variable its code reads is declared (so that the tests clear it).
    folder = _folder(case.integration)
    assert _variables_read(folder) <= set(case.integration.environment)
    assert "os.environ" not in "".join(p.read_text() for p in folder.glob("*.py"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_its_declarations_show_on_the_command_line(case, capsys):
    from codingplan.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser("configure").parse_args(["configure", "--help"])
    shown = capsys.readouterr().out
    assert case.id in shown
    for option in case.integration.options:
        assert option.flag in shown and f"--no-{option.flag[2:]}" in shown
    assert case.integration.install.command.startswith("npm install -g ")
    assert case.integration.key_modes and case.integration.verify_requests >= 1


def test_an_option_a_tool_does_not_have_is_refused(home):
    with pytest.raises(CodingPlanError) as refused:
        actions.configure_options("qwen-code", Settings(), ENDPOINTS, extras={"status_line": False})
    assert refused.value.code == "option_unsupported"
    assert "--status-line" in refused.value.message


def test_the_readme_table_of_tools_is_made_from_the_declarations(monkeypatch):
    """Each tool's row in the README is what its integration declares (the made-up one
    aside: it is in no README)."""
    monkeypatch.setattr(
        integrations,
        "INTEGRATIONS",
        tuple(i for i in integrations.INTEGRATIONS if i is not madeup.INTEGRATION),
    )
    readme = (REPO / "README.md").read_text("utf-8")
    expected = "\n".join(i.readme_row() for i in integrations.INTEGRATIONS)
    assert expected in readme, "README's table of tools should read:\n" + expected


def test_the_made_up_tool_needs_nothing_outside_its_folder():
    folder = Path(madeup.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                outside = node.module.startswith("tests.") and not node.module.startswith(
                    "tests.integration.tools.madeup"
                )
                assert not outside, (path.name, node.module)
    assert os.path.basename(folder) == "madeup"


def test_contributing_declares_a_tool_as_the_code_does():
    """CONTRIBUTING's example of a declaration names every field of ``Integration``, in its
    order, and no other."""
    import dataclasses

    text = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    section = text[text.index("## Adding a coding tool") :]
    code = section[
        section.index("```python") + len("```python") : section.index(
            "```\n", section.index("```python") + 9
        )
    ]
    call = ast.parse(textwrap.dedent(code)).body[0].value
    assert isinstance(call, ast.Call) and call.func.id == "Integration"
    fields = [f.name for f in dataclasses.fields(Integration)]
    named = [f for f, _arg in zip(fields, call.args, strict=False)]
    named += [k.arg for k in call.keywords]
    assert named == fields
