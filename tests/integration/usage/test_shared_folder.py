"""Quota across two computers through a folder both sync: each writes its own count there and
reads the other's. Two HOMEs on this machine stand for the two computers."""

from __future__ import annotations

import json
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import realtool
from tests.fakes.plan_server import CODING_AGENTS
from tests.integration.usage.conftest import configure_tools
from tests.unit.usage.conftest import claude_line


def computer(tmp_path: Path, name: str) -> dict[str, str]:
    home = tmp_path / name
    home.mkdir()
    return {"HOME": str(home)}


def usage(cli, env, *extra) -> dict:
    result = cli("usage", "--json", *extra, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def transcript(env: dict[str, str], n: int, minutes_ago: int = 10) -> None:
    """``n`` Claude Code calls in this computer's transcripts."""
    path = Path(env["HOME"]) / ".claude" / "projects" / "p" / f"{uuid.uuid4()}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat()
    with path.open("a") as out:
        for _ in range(n):
            out.write(
                claude_line(
                    "api-request",
                    sessionId="s",
                    id=str(uuid.uuid4()),
                    timestamp=stamp.replace("+00:00", "Z"),
                    params={"model": "qwen3-coder-plus"},
                )
            )


@pytest.fixture
def shared(tmp_path, cli):
    folder = tmp_path / "Sync"
    folder.mkdir()
    a, b = computer(tmp_path, "laptop"), computer(tmp_path, "desktop")
    for env in (a, b):
        assert cli("settings", "set", "share-folder", str(folder), env=env).returncode == 0
    return folder, a, b


def test_each_computer_sees_the_sum(cli, shared):
    folder, a, b = shared
    transcript(a, 3)
    transcript(b, 5)
    usage(cli, a)  # each writes its count when it reads its own
    usage(cli, b)
    for env in (a, b):
        data = usage(cli, env)
        assert data["windows"]["5h"]["used"] == 8, env
        machines = data["machines"]
        assert [m["this_computer"] for m in machines] == [True, False]
        assert sorted(m["requests"] for m in machines) == [3, 5]
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2 and all(".codingplan-usage.jsonl" in f for f in files)
    text = "".join(p.read_text() for p in folder.iterdir())
    assert str(Path(a["HOME"])) not in text and "projects" not in text  # no paths in it


def test_new_requests_are_appended_not_rewritten(cli, shared):
    folder, a, _b = shared
    transcript(a, 2)
    usage(cli, a)
    (own,) = folder.iterdir()
    before = own.read_bytes()
    transcript(a, 1)
    usage(cli, a)
    after = own.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1


def test_a_conflicted_copy_counts_nothing_twice(cli, shared):
    folder, a, b = shared
    transcript(a, 4)
    usage(cli, a)
    (own,) = folder.iterdir()
    copy = own.with_name(own.stem + " (conflicted copy 2026-12-01).jsonl")
    copy.write_bytes(own.read_bytes())
    syncthing = own.with_name(own.stem + ".sync-conflict-20261201-101010-ABCDEFG.jsonl")
    syncthing.write_bytes(own.read_bytes())
    assert usage(cli, b)["windows"]["5h"]["used"] == 4
    assert usage(cli, a)["windows"]["5h"]["used"] == 4  # its own copies are not read back


def test_a_half_written_file_is_read_up_to_its_last_whole_line(cli, shared):
    folder, a, b = shared
    transcript(a, 3)
    usage(cli, a)
    (own,) = folder.iterdir()
    whole = own.read_bytes()
    own.write_bytes(whole[: len(whole) - 7])  # the sync tool is still copying it
    assert usage(cli, b)["windows"]["5h"]["used"] == 2
    own.write_bytes(whole)
    assert usage(cli, b)["windows"]["5h"]["used"] == 3


def test_a_file_of_a_newer_format_is_ignored_with_a_notice(cli, shared):
    folder, _a, b = shared
    header = {"codingplan_share": 99, "machine": "f00", "label": "future", "written": "x"}
    (folder / "f00.codingplan-usage.jsonl").write_text(
        json.dumps(header) + "\n" + json.dumps([1, "claude-code", 1, "qwen3-coder-plus", "ok"])
    )
    data = usage(cli, b)
    assert data["windows"]["5h"]["used"] == 0
    assert any("newer version" in n for n in data["notices"])
    assert any(m["newer_format"] for m in data["machines"])


def test_a_folder_that_cannot_be_written_leaves_the_local_count_going(cli, shared):
    folder, a, _b = shared
    # Root ignores permission bits, so the file this computer writes is made a folder.
    machine = Path(a["HOME"]) / ".local/share/codingplan/machine-id"
    transcript(a, 2)
    usage(cli, a)
    own = folder / f"{machine.read_text().strip()}.codingplan-usage.jsonl"
    own.unlink()
    own.mkdir()
    transcript(a, 1)
    data = usage(cli, a)
    assert data["windows"]["5h"]["used"] == 3
    assert any("cannot be written" in n for n in data["notices"])


def test_a_missing_folder_is_said_and_the_local_count_goes_on(cli, tmp_path):
    a = computer(tmp_path, "laptop")
    gone = tmp_path / "not-synced-yet"
    assert cli("settings", "set", "share-folder", str(gone), env=a).returncode == 0
    transcript(a, 2)
    data = usage(cli, a)
    assert data["windows"]["5h"]["used"] == 2
    assert any("is not there" in n for n in data["notices"])


def test_the_shared_file_holds_no_key_prompt_or_project(cli, shared, stored_key):
    folder, a, _b = shared
    transcript(a, 1)
    usage(cli, a)
    text = "".join(p.read_text() for p in folder.iterdir())
    assert stored_key not in text
    lines = text.splitlines()
    assert set(json.loads(lines[0])) == {"codingplan_share", "machine", "label", "written"}
    assert all(len(json.loads(line)) == 5 for line in lines[1:])


@pytest.mark.realtools
def test_two_computers_running_real_tools(cli, tmp_path, plan_server, realtool_env):
    plan_server.agents = (*CODING_AGENTS,)
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    computers = [computer(tmp_path, "laptop"), computer(tmp_path, "desktop")]
    for env, (tool, args) in zip(
        computers, [("claude", ["-p", "say pong"]), ("opencode", ["run", "say pong"])], strict=True
    ):
        configure_tools(Path(env["HOME"]), plan_server.origin)
        assert cli("settings", "set", "share-folder", str(folder), env=env).returncode == 0
        work = Path(env["HOME"]) / "work"
        work.mkdir()
        done = subprocess.run(
            [str(realtool(tool)), *args],
            cwd=work,
            env={**realtool_env, **env},
            capture_output=True,
            text=True,
            timeout=240,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    origin = ("--origin", plan_server.origin)
    for env in computers:
        usage(cli, env, *origin)
    sent = len(plan_server.model_requests())
    for env in computers:
        assert usage(cli, env, *origin)["windows"]["5h"]["used"] == sent
