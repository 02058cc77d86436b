"""Configure, revert and their safety rules, through the real adapters and real files."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codingplan.actions import preview_rotations
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.integrations import adapter
from codingplan.jsonc import JsoncDocument
from codingplan.tools import records
from codingplan.tools.types import KeyMode, ToolState
from tests.unit.test_jsonc import documents, values
from tests.unit.tools.conftest import KEY, OTHER_KEY, options


def claude_settings(env: Env) -> Path:
    return env.home / ".claude" / "settings.json"


def qwen_settings(env: Env) -> Path:
    return env.home / ".qwen" / "settings.json"


def write(path: Path, data: bytes | str, mode: int = 0o644) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    path.chmod(mode)
    return path.read_bytes()


def configure(tool: str, env: Env, key_mode: KeyMode = KeyMode.INLINE, **kw):
    planned = adapter(tool).preview(options(key_mode, **kw), KEY, env)
    adapter(tool).apply(planned)
    return planned


def revert(tool: str, env: Env):
    planned = adapter(tool).preview_revert()
    adapter(tool).apply(planned)
    return planned


@st.composite
def strict_json(draw) -> str:
    """What Claude Code accepts: JSON without comments, in any layout."""
    value = draw(st.dictionaries(st.text(max_size=8), values, max_size=5))
    if draw(st.booleans()):
        value["env"] = draw(st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3))
    text = json.dumps(
        value,
        indent=draw(st.sampled_from([None, 2, 4, "\t"])),
        ensure_ascii=draw(st.booleans()),
        separators=draw(st.sampled_from([None, (",", ":")])),
    )
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text + draw(st.sampled_from(["", "\n", "\r\n"]))


HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(strict_json(), st.booleans(), st.sampled_from([KeyMode.KEYRING, KeyMode.INLINE]))
def test_claude_code_configure_then_revert_gives_the_exact_bytes(home, text, has_state, mode):
    env = Env("linux", Path(tempfile.mkdtemp(dir=home)), {})
    original = write(claude_settings(env), text, 0o640)
    state = env.home / ".claude.json"
    state_original = write(state, '{"numStartups": 3}') if has_state else None
    try:
        configure("claude-code", env, mode)
    except CodingPlanError as err:
        assert err.code == "edit_refused"  # e.g. "env" is not an object here
        assert claude_settings(env).read_bytes() == original
        return
    written = claude_settings(env).read_bytes()
    assert (KEY.encode() in written) == (mode is KeyMode.INLINE)
    revert("claude-code", env)
    assert claude_settings(env).read_bytes() == original
    assert stat.S_IMODE(os.stat(claude_settings(env)).st_mode) == 0o640
    assert state.read_bytes() == state_original if has_state else not state.exists()


@HYPOTHESIS
@given(documents(), st.sampled_from(["qwen-code", "opencode", "kilo-cli"]))
def test_jsonc_tools_configure_then_revert_gives_the_exact_bytes(home, text, tool):
    env = Env("linux", Path(tempfile.mkdtemp(dir=home)), {})
    target = adapter(tool).config_files(env)[0].path
    original = write(target, text)
    try:
        configure(tool, env)
    except CodingPlanError as err:
        assert err.code == "edit_refused"
        assert target.read_bytes() == original
        return
    revert(tool, env)
    assert target.read_bytes() == original
    assert not (env.home / ".qwen" / ".env").exists()


@HYPOTHESIS
@given(documents(), values)
def test_a_tool_rewriting_its_file_keeps_its_change_and_loses_ours(home, text, tools_value):
    """Qwen Code adds "$version" after us: revert takes out only what we set."""
    env = Env("linux", Path(tempfile.mkdtemp(dir=home)), {})
    path = qwen_settings(env)
    write(path, text)
    before = JsoncDocument(text).value()
    try:
        configure("qwen-code", env)
    except CodingPlanError:
        return
    doc = JsoncDocument(path.read_text())
    doc.put(("$version",), tools_value)
    path.write_text(doc.text)
    planned = revert("qwen-code", env)
    assert JsoncDocument(path.read_text()).value() == {**before, "$version": tools_value}
    assert any(n.code == "reverted_ours_only" for n in planned.notes)
    for comment in ("// note é", "/* block */", "// header", "// tail"):
        assert text.count(comment) <= path.read_text().count(comment)


def test_a_value_changed_after_us_stays(env):
    configure("claude-code", env, KeyMode.KEYRING)
    path = claude_settings(env)
    data = json.loads(path.read_text())
    data["env"]["ANTHROPIC_MODEL"] = "my-choice"
    data["theme"] = "dark"
    path.write_text(json.dumps(data, indent=2))
    assert adapter("claude-code").status(env).state is ToolState.DRIFTED
    planned = revert("claude-code", env)
    assert json.loads(path.read_text()) == {
        "env": {"ANTHROPIC_MODEL": "my-choice"},
        "theme": "dark",
    }
    assert [n.params["setting"] for n in planned.notes if n.code == "kept_changed"] == [
        "env.ANTHROPIC_MODEL"
    ]


def test_malformed_file_is_left_untouched_and_named(env):
    path = qwen_settings(env)
    original = write(path, '{\n  "ui": {"theme": "x"},\n  "model": \n}\n')
    with pytest.raises(CodingPlanError) as caught:
        adapter("qwen-code").preview(options(), KEY, env)
    err = caught.value
    assert err.code == "config_unparsable"
    assert (err.params["file"], err.params["line"]) == (str(path), 4)
    assert "line 4" in err.message
    assert path.read_bytes() == original
    assert records.load("qwen-code") is None


def test_claude_code_refuses_comments_it_would_not_read(env):
    path = claude_settings(env)
    original = write(path, '{\n  "env": {}, // mine\n}\n')
    with pytest.raises(CodingPlanError) as caught:
        adapter("claude-code").preview(options(KeyMode.KEYRING), None, env)
    assert caught.value.code == "config_unparsable"
    # The trailing comma comes first, at column 12.
    assert (caught.value.params["line"], caught.value.params["column"]) == (2, 12)
    assert path.read_bytes() == original


def test_non_utf8_file_is_refused_with_its_line(env):
    path = qwen_settings(env)
    original = write(path, b'{\n  "name": "caf\xe9"\n}\n')
    with pytest.raises(CodingPlanError) as caught:
        adapter("qwen-code").preview(options(), KEY, env)
    assert caught.value.code == "config_unparsable"
    assert (caught.value.params["line"], caught.value.params["column"]) == (2, 15)
    assert path.read_bytes() == original


def test_empty_file_is_configured_and_restored(env):
    path = qwen_settings(env)
    write(path, b"")
    configure("qwen-code", env)
    assert json.loads(path.read_text())["security"]["auth"]["selectedType"] == "openai"
    revert("qwen-code", env)
    assert path.read_bytes() == b""


def test_read_only_file_is_refused(env):
    path = claude_settings(env)
    original = write(path, '{"env": {}}', 0o444)
    with pytest.raises(CodingPlanError) as caught:
        adapter("claude-code").preview(options(KeyMode.KEYRING), None, env)
    assert caught.value.code == "config_read_only"
    assert path.read_bytes() == original


def test_symlinked_config_is_written_through(env, home):
    target = write(home / "dotfiles" / "qwen-settings.json", '{\n  "ui": {}\n}\n')
    link = qwen_settings(env)
    link.parent.mkdir(parents=True)
    link.symlink_to(home / "dotfiles" / "qwen-settings.json")
    configure("qwen-code", env)
    assert link.is_symlink()
    assert "qwen3-coder-plus" in (home / "dotfiles" / "qwen-settings.json").read_text()
    revert("qwen-code", env)
    assert link.is_symlink()
    assert (home / "dotfiles" / "qwen-settings.json").read_bytes() == target


def test_file_changed_after_the_preview_is_not_written(env):
    path = qwen_settings(env)
    write(path, '{"a": 1}')
    planned = adapter("qwen-code").preview(options(), KEY, env)
    write(path, '{"a": 2}')
    with pytest.raises(CodingPlanError) as caught:
        adapter("qwen-code").apply(planned)
    assert caught.value.code == "changed_since_preview"
    assert path.read_bytes() == b'{"a": 2}'
    assert not (env.home / ".qwen" / ".env").exists()
    assert records.load("qwen-code") is None


def test_huge_file(env):
    path = claude_settings(env)
    big = {"permissions": {"allow": [f"Bash(tool-{i} --flag)" for i in range(600_000)]}}
    original = write(path, json.dumps(big, indent=2))
    assert len(original) > 20_000_000
    start = time.monotonic()
    planned = configure("claude-code", env, KeyMode.KEYRING)
    assert planned.diff.count("\n") < 80  # the diff shows the change, not the file
    revert("claude-code", env)
    assert path.read_bytes() == original
    assert time.monotonic() - start < 120


def test_backups_and_records_are_private_and_key_free(env):
    path = qwen_settings(env)
    write(path, '{"ui": {}}')
    planned = configure("qwen-code", env)
    assert KEY not in planned.diff and KEY not in repr(planned)
    backups = records.list_backups("qwen-code")
    assert [b.name for b in backups] == ["settings.json"]
    assert backups[0].read_bytes() == b'{"ui": {}}'
    for private in (backups[0], records.record_file("qwen-code")):
        assert stat.S_IMODE(os.stat(private).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(backups[0].parent).st_mode) == 0o700
    assert KEY not in records.record_file("qwen-code").read_text()
    dotenv = env.home / ".qwen" / ".env"
    assert stat.S_IMODE(os.stat(dotenv).st_mode) == 0o600
    assert dotenv.read_text() == f"BAILIAN_CODING_PLAN_API_KEY={KEY}\n"


def test_switching_key_mode_removes_the_other(env):
    path = claude_settings(env)
    original = write(path, '{"env": {"ANTHROPIC_AUTH_TOKEN": "sk-sp-persons0own0token00"}}')
    configure("claude-code", env, KeyMode.KEYRING)
    data = json.loads(path.read_text())
    assert "ANTHROPIC_AUTH_TOKEN" not in data["env"] and "apiKeyHelper" in data
    configure("claude-code", env, KeyMode.INLINE)
    data = json.loads(path.read_text())
    assert data["env"]["ANTHROPIC_AUTH_TOKEN"] == KEY and "apiKeyHelper" not in data
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    configure("claude-code", env, KeyMode.KEYRING, model="glm-5")
    data = json.loads(path.read_text())
    assert [o["model"] for o in data["modelPicker"]["options"]] == ["glm-5"]
    assert data["env"]["CLAUDE_CODE_MAX_CONTEXT_TOKENS"] == "202752"
    revert("claude-code", env)
    assert path.read_bytes() == original


def test_revert_takes_a_changed_value_that_still_holds_our_key(env):
    configure("cline", env)
    path = adapter("cline").config_files(env)[0].path
    data = json.loads(path.read_text())
    data["providers"]["openai-compatible"]["settings"]["model"] = "glm-5"  # via `cline config`
    path.write_text(json.dumps(data))
    revert("cline", env)
    assert KEY not in path.read_text() if path.exists() else True


INLINE_TOOLS = ("qwen-code", "cline", "opencode", "kilo-cli", "continue")


def test_key_rotation_updates_every_copy_with_preview(env):
    for tool in INLINE_TOOLS:
        configure(tool, env)
    configure("claude-code", env, KeyMode.KEYRING)  # holds no copy
    change_sets = preview_rotations(OTHER_KEY, env)
    assert sorted(c.tool_id for c in change_sets) == sorted(INLINE_TOOLS)
    for planned in change_sets:
        assert planned.action == "rotate"
        assert KEY not in planned.diff and OTHER_KEY not in planned.diff
        assert "sk-sp-…bbbb" in planned.diff
        adapter(planned.tool_id).apply(planned)
    for tool in INLINE_TOOLS:
        files = [f.path.read_text() for f in adapter(tool).config_files(env) if f.path.exists()]
        assert any(OTHER_KEY in text for text in files)
        assert not any(KEY in text for text in files)
        assert adapter(tool).status(env).state is ToolState.CONFIGURED
        revert(tool, env)
        files = [f.path for f in adapter(tool).config_files(env)]
        assert not any(p.exists() and OTHER_KEY in p.read_text() for p in files)
    assert preview_rotations(KEY, env) == []


def test_configuring_twice_changes_nothing(env):
    for tool in ("claude-code", *INLINE_TOOLS):
        mode = KeyMode.KEYRING if tool == "claude-code" else KeyMode.INLINE
        configure(tool, env, mode)
        assert adapter(tool).preview(options(mode), KEY, env).empty
