"""Faults around a configure: containers left behind, concurrent runs, a tool writing its file
while this app does, a file that cannot be written. Real files, real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from codingplan import fileio
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.integrations import adapter
from codingplan.tools import records
from codingplan.tools.types import KeyMode, ToolState
from tests.conftest import codingplan_command
from tests.unit.tools.conftest import KEY, ORIGIN, options
from tests.unit.tools.test_changes import claude_settings, configure, revert, write


def state_file(env: Env) -> Path:
    return env.home / ".claude.json"


# --- containers this app created -------------------------------------------------------------


def test_revert_after_two_models_and_an_outside_edit_leaves_no_empty_container(env):
    configure("claude-code", env, KeyMode.KEYRING)
    configure("claude-code", env, KeyMode.KEYRING, model="glm-5")
    path = claude_settings(env)
    data = json.loads(path.read_text())
    data["theme"] = "dark"
    path.write_text(json.dumps(data, indent=2))
    revert("claude-code", env)
    assert json.loads(path.read_text()) == {"theme": "dark"}


def test_qwen_code_revert_after_two_models_and_an_outside_edit_leaves_no_empty_list(env):
    configure("qwen-code", env)
    # The last model of the catalog: its entry, the one that created the list, moves last.
    configure("qwen-code", env, model="MiniMax-M2.5")
    path = env.home / ".qwen" / "settings.json"
    data = json.loads(path.read_text())
    data["$version"] = 3
    path.write_text(json.dumps(data, indent=2))
    revert("qwen-code", env)
    assert json.loads(path.read_text()) == {"$version": 3}


def test_a_container_the_person_had_stays_even_when_empty(env):
    path = claude_settings(env)
    write(path, '{"modelPicker": {"options": []}, "env": {}}')
    configure("claude-code", env, KeyMode.KEYRING)
    configure("claude-code", env, KeyMode.KEYRING, model="glm-5")
    data = json.loads(path.read_text())
    data["theme"] = "dark"
    path.write_text(json.dumps(data))
    revert("claude-code", env)
    assert json.loads(path.read_text()) == {
        "modelPicker": {"options": []},
        "env": {},
        "theme": "dark",
    }


MODELS = ("qwen3-coder-plus", "glm-5", "kimi-k2.5", "qwen3-coder-next", "MiniMax-M2.5", "glm-4.7")


def test_concurrent_configures_of_one_tool_are_serialised(home):
    """Six `configure --yes` at once, three times: each lands whole, one after another."""
    env = {**os.environ, "CODINGPLAN_ORIGIN": ORIGIN}
    settings = home / ".claude" / "settings.json"
    for _round in range(3):
        runs = [
            subprocess.Popen(
                [*codingplan_command(), "configure", "claude-code", "--yes", "--model", model],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for model in MODELS
        ]
        for run in runs:
            _out, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
        data = json.loads(settings.read_text())
        picked = [row["model"] for row in data["modelPicker"]["options"]]
        assert len(picked) == 1 and picked[0] == data["env"]["ANTHROPIC_MODEL"], picked
        assert adapter("claude-code").status(Env.current()).state is ToolState.CONFIGURED
        theirs = json.loads(settings.read_text())
        theirs["theme"] = "dark"  # value by value from here on
        settings.write_text(json.dumps(theirs))
        revert("claude-code", Env.current())
        assert json.loads(settings.read_text()) == {"theme": "dark"}
        settings.unlink()


# --- a tool writing its own file while this app writes it ------------------------------------


def _tool_writes(path: Path, **values: object) -> None:
    """What the tool does: read its file, change its own values, write it back (renamed)."""
    data = json.loads(path.read_text())
    data.update(values)
    tmp = path.with_name(path.name + ".tool-tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, path)


def _on_flush(monkeypatch: pytest.MonkeyPatch, target: Path, times: int) -> list[int]:
    """The tool writes ``target`` right after this app flushed its new bytes for it, that is
    between this app's check and its rename: the moment of the race, made certain."""
    real_fsync, seen = os.fsync, []

    def fsync(fd: int) -> None:
        real_fsync(fd)
        name = os.readlink(f"/proc/self/fd/{fd}")
        if Path(name).name.startswith(f".{target.name}.") and len(seen) < times:
            seen.append(fd)
            _tool_writes(target, numStartups=len(seen), theirs=True)

    monkeypatch.setattr(fileio.os, "fsync", fsync)
    return seen


def test_a_write_by_the_tool_during_apply_is_kept(env, monkeypatch):
    state = state_file(env)
    write(state, '{"numStartups": 0}')
    planned = adapter("claude-code").preview(options(KeyMode.KEYRING), None, env)
    seen = _on_flush(monkeypatch, state, times=1)
    adapter("claude-code").apply(planned)
    assert seen, "the tool never wrote: the test did not drive the race"
    data = json.loads(state.read_text())
    assert data == {"numStartups": 1, "theirs": True, "hasCompletedOnboarding": True}
    assert adapter("claude-code").status(env).state is ToolState.CONFIGURED
    revert("claude-code", env)
    assert json.loads(state.read_text()) == {"numStartups": 1, "theirs": True}


def test_a_tool_that_keeps_writing_makes_apply_give_up_and_change_nothing(env, monkeypatch):
    settings = claude_settings(env)
    original = write(settings, '{"env": {"A": "1"}}')
    state = state_file(env)
    write(state, '{"numStartups": 0}')
    planned = adapter("claude-code").preview(options(KeyMode.KEYRING), None, env)
    _on_flush(monkeypatch, state, times=1000)
    with pytest.raises(CodingPlanError) as caught:
        adapter("claude-code").apply(planned)
    err = caught.value
    assert err.code == "changed_while_writing"
    assert err.params["file"] == str(state)
    assert "nothing was changed" in err.message
    assert settings.read_bytes() == original
    assert json.loads(state.read_text())["theirs"] is True
    assert "hasCompletedOnboarding" not in json.loads(state.read_text())
    assert records.load("claude-code") is None
    assert records.list_backups("claude-code") == []


HAMMER = textwrap.dedent(
    """
    import json, os, random, sys, time
    path, stop = sys.argv[1], sys.argv[2]
    last, lost, writes = 0, 0, 0
    while not os.path.exists(stop):
        # Bursts of writes with quiet gaps, so that some land between this app's check and
        # its write, and some not.
        for _ in range(random.randint(1, 30)):
            data = json.loads(open(path).read())
            if data.get("counter") != last:
                lost += 1  # someone wrote what they read before our last write
            last += 1
            data["counter"] = last
            tmp = path + ".hammer-tmp"
            with open(tmp, "w") as f:
                f.write(json.dumps(data))
            os.replace(tmp, path)
            writes += 1
        time.sleep(random.random() * 0.004)
    print(json.dumps({"lost": lost, "writes": writes}))
    """
)


def test_a_tool_hammering_its_file_loses_no_write(env, tmp_path):
    state = state_file(env)
    write(state, '{"counter": 0}')
    stop = tmp_path / "stop"
    hammer = subprocess.Popen(
        [sys.executable, "-c", HAMMER, str(state), str(stop)], stdout=subprocess.PIPE, text=True
    )
    outcomes: dict[str, int] = {}
    try:
        while json.loads(state.read_text()).get("counter", 0) == 0:
            time.sleep(0.01)  # the hammer has started
        start = time.monotonic()
        while time.monotonic() < start + 4 or (
            outcomes.get("applied", 0) < 15 and time.monotonic() < start + 30
        ):
            for planned in (
                adapter("claude-code").preview(options(KeyMode.KEYRING), None, env),
                adapter("claude-code").preview_revert(),
            ):
                try:
                    adapter("claude-code").apply(planned)
                    outcome = "applied"
                except CodingPlanError as err:
                    assert err.code in ("changed_since_preview", "changed_while_writing")
                    outcome = err.code
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        stop.touch()
        report = json.loads(hammer.communicate(timeout=30)[0])
    assert report["writes"] > 100
    assert outcomes.get("applied", 0) > 0, outcomes
    assert report["lost"] == 0, (report, outcomes)


# --- all or nothing ---------------------------------------------------------------------------


def test_a_file_that_cannot_be_written_leaves_every_file_as_it_was(env, home):
    """The state file is a link to a name too long for the temporary file next to it: the
    write fails for real, after the settings file would have been written."""
    settings = claude_settings(env)
    original = write(settings, '{"env": {"A": "1"}}')
    long_name = home / "dotfiles" / ("c" * 245 + ".json")
    write(long_name, '{"numStartups": 2}')
    state_file(env).symlink_to(long_name)
    planned = adapter("claude-code").preview(options(KeyMode.KEYRING), None, env)
    with pytest.raises(CodingPlanError) as caught:
        adapter("claude-code").apply(planned)
    err = caught.value
    assert err.code == "write_failed"
    assert err.params["file"] == str(state_file(env))
    assert "Nothing was changed" in err.message
    assert settings.read_bytes() == original
    assert records.load("claude-code") is None
    assert records.list_backups("claude-code") == []
    assert adapter("claude-code").status(env).state is not ToolState.DRIFTED
    assert sorted(p.name for p in settings.parent.iterdir()) == ["settings.json"]


def test_a_write_failing_after_others_landed_puts_them_back(env, monkeypatch):
    """The rename of the second file fails (a disk error at the worst moment, which cannot
    be made to happen for real here): the first file is put back and the error says so."""
    settings = claude_settings(env)
    original = write(settings, '{"env": {"A": "1"}}', 0o640)
    state = state_file(env)
    state_original = write(state, '{"numStartups": 2}')
    planned = adapter("claude-code").preview(options(KeyMode.KEYRING), None, env)
    real_commit = fileio.Staged.commit

    def commit(self: fileio.Staged, expected: bytes | None) -> None:
        if self.target.name == ".claude.json":
            raise OSError(5, "Input/output error")
        real_commit(self, expected)

    monkeypatch.setattr(fileio.Staged, "commit", commit)
    with pytest.raises(CodingPlanError) as caught:
        adapter("claude-code").apply(planned)
    err = caught.value
    assert err.code == "write_failed"
    assert str(settings) in err.message and "put back" in err.message
    assert settings.read_bytes() == original
    assert oct(settings.stat().st_mode & 0o777) == oct(0o640)
    assert state.read_bytes() == state_original
    assert records.load("claude-code") is None
    assert records.list_backups("claude-code") == []
    leftovers = [p.name for p in state.parent.iterdir() if p.name.startswith(".claude.json.")]
    assert leftovers == []


def test_a_new_file_in_new_folders_that_fails_leaves_no_folder(env, home, monkeypatch):
    planned = adapter("qwen-code").preview(options(), KEY, env)
    real_commit = fileio.Staged.commit

    def commit(self: fileio.Staged, expected: bytes | None) -> None:
        if self.target.name == ".env":
            raise OSError(28, "No space left on device")
        real_commit(self, expected)

    monkeypatch.setattr(fileio.Staged, "commit", commit)
    with pytest.raises(CodingPlanError):
        adapter("qwen-code").apply(planned)
    assert not (home / ".qwen").exists()
    assert records.load("qwen-code") is None
