"""Quota across two computers through a folder both sync: each writes its own count there and
reads the other's. Two HOMEs on this machine stand for the two computers."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import stat
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import codingplan_command, realtool
from tests.fakes.plan_server import CODING_AGENTS
from tests.integration.usage.conftest import configure_tools
from tests.unit.usage.conftest import DATA, ORIGIN, claude_line, place

# The app's own folders in a HOME: what a run may change besides the shared folder.
APP_FOLDERS = (".local/share/codingplan", ".config/codingplan", ".local/state/codingplan")


def computer(tmp_path: Path, name: str) -> dict[str, str]:
    home = tmp_path / name
    home.mkdir()
    return {"HOME": str(home)}


def usage(cli, env, *extra) -> dict:
    result = cli("usage", "--json", *extra, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def clock(seconds: float) -> dict[str, str]:
    """The environment that sets a command's clock ``seconds`` ahead (libfaketime)."""
    found = glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
    if not found:
        pytest.fail("faketime is not installed: run scripts/test.sh, which installs it.")
    return {"LD_PRELOAD": found[0], "FAKETIME": f"{round(seconds):+d}"}


def clock_at(moment: datetime) -> dict[str, str]:
    return clock((moment - datetime.now(UTC)).total_seconds())


def own_file(folder: Path, env: dict[str, str]) -> Path:
    machine = Path(env["HOME"]) / ".local/share/codingplan/machine-id"
    return folder / f"{machine.read_text().strip()}.codingplan-usage.jsonl"


def outside(tmp_path: Path, folder: Path, *computers: dict[str, str]) -> dict[str, object]:
    """Every entry under ``tmp_path`` but the shared folder and the app's own folders, with
    what it is and holds (links not followed)."""
    left_out = {folder, *(Path(c["HOME"]) / f for c in computers for f in APP_FOLDERS)}
    found: dict[str, object] = {}
    for root, folders, files in os.walk(tmp_path):
        here = Path(root)
        folders[:] = [f for f in folders if here / f not in left_out]
        for name in folders + files:
            path = here / name
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                found[str(path)] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                found[str(path)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[str(path)] = ("other", stat.S_IFMT(st.st_mode))
    return found


def shared_source(data: dict) -> dict:
    (source,) = [s for s in data["sources"] if s["id"] == "shared"]
    return source


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


def test_new_requests_are_added_in_a_new_file_renamed_over_the_old(cli, shared):
    folder, a, _b = shared
    transcript(a, 2)
    usage(cli, a)
    (own,) = folder.iterdir()
    before, inode = own.read_bytes().splitlines(), own.stat().st_ino
    transcript(a, 1)
    usage(cli, a)
    after = own.read_bytes().splitlines()
    assert after[1:3] == before[1:] and len(after) == len(before) + 1
    assert own.stat().st_ino != inode  # never written in place
    assert json.loads(after[0])["written"] > json.loads(before[0])["written"]
    assert [p.name for p in folder.iterdir()] == [own.name]  # no temporary file left


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
    header = json.loads(lines[0])
    assert set(header) == {"codingplan_share", "machine", "label", "written", "write", "seen"}
    assert header["seen"] == {}  # no other computer's file read yet
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


# --- what a computer writes --------------------------------------------------------------------


@pytest.mark.parametrize("case", ["append", "create", "rewrite"])
def test_a_link_in_place_of_this_computers_file_is_never_followed(cli, shared, tmp_path, case):
    folder, a, _b = shared
    home = Path(a["HOME"])
    transcript(a, 2)
    usage(cli, a)
    own = own_file(folder, a)
    target = {
        "append": home / ".bashrc",  # a file of the person's, appended to
        "create": home / ".config/autostart/codingplan.desktop",  # made where it points
        "rewrite": home / "thesis.txt",  # replaced whole when the file is written anew
    }[case]
    if case != "create":
        target.write_text("mine\n")
    own.unlink()
    own.symlink_to(target)
    transcript(a, 1)
    before = outside(tmp_path, folder, a)
    # A full rewrite comes when the file holds requests older than it keeps: 41 days on.
    later = clock(41 * 86_400) if case == "rewrite" else {}
    data = usage(cli, {**a, **later})
    assert outside(tmp_path, folder, a) == before
    assert own.is_symlink() and os.readlink(own) == str(target)  # left as it is
    assert not (case == "create" and target.parent.exists())
    assert any("is not a file this app wrote" in n for n in data["notices"]), data["notices"]


def test_the_shared_folder_itself_as_a_link_is_not_used(cli, tmp_path):
    a = computer(tmp_path, "laptop")
    real = tmp_path / "elsewhere"
    real.mkdir()
    link = tmp_path / "Sync"
    link.symlink_to(real)
    assert cli("settings", "set", "share-folder", str(link), env=a).returncode == 0
    transcript(a, 2)
    data = usage(cli, a)
    assert data["windows"]["5h"]["used"] == 2
    assert list(real.iterdir()) == []
    assert any("is a link" in n for n in data["notices"])


def test_a_full_disk_keeps_unsent_requests_and_says_so(tmp_path):
    """A real full file system under the shared folder: a tiny tmpfs in a mount namespace
    of the test's own. Whatever did not reach the folder reaches it once there is room."""
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    a, b = computer(tmp_path, "laptop"), computer(tmp_path, "desktop")
    transcript(a, 2)
    staged = tmp_path / "more.jsonl"  # 80 more requests, put in place once the disk is full
    transcript({"HOME": str(tmp_path / "stage")}, 80)
    shutil.move(next((tmp_path / "stage/.claude/projects/p").iterdir()), staged)
    cmd = " ".join(codingplan_command())
    # Filled after the first write, the file's last page has room for part of the new
    # lines: an append would be a short write.
    fill = f"dd if=/dev/zero of={mnt}/filler bs=1k count=64 2>/dev/null"
    script = f"""
        set -u
        mount -t tmpfs -o size=64k tmpfs {mnt} || exit 90
        mkdir {mnt}/Sync
        for h in {a["HOME"]} {b["HOME"]}; do
            HOME=$h {cmd} settings set share-folder {mnt}/Sync >/dev/null || exit 91
        done
        HOME={a["HOME"]} {cmd} usage --json > {out}/a0.json
        {fill}
        cp {staged} {a["HOME"]}/.claude/projects/p/more.jsonl
        HOME={a["HOME"]} {cmd} usage --json > {out}/a1.json
        HOME={b["HOME"]} {cmd} usage --json > {out}/b1.json
        rm {mnt}/filler
        HOME={a["HOME"]} {cmd} usage --json > {out}/a2.json
        HOME={b["HOME"]} {cmd} usage --json > {out}/b2.json
        ls -a {mnt}/Sync > {out}/listing
        cat {mnt}/Sync/*.codingplan-usage.jsonl > {out}/files
    """
    result = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    runs = {n: json.loads((out / f"{n}.json").read_text()) for n in ("a1", "b1", "a2", "b2")}
    assert runs["a1"]["windows"]["5h"]["used"] == 82
    assert any("No space left on device" in n for n in runs["a1"]["notices"])
    assert runs["b1"]["windows"]["5h"]["used"] == 2
    assert not any("cannot be written" in n for n in runs["a2"]["notices"])
    assert runs["b2"]["windows"]["5h"]["used"] == 82  # nothing was lost on the way
    assert ".tmp" not in (out / "listing").read_text()
    lines = (out / "files").read_text().splitlines()
    assert all(json.loads(line) for line in lines)  # no half line


# --- what a computer reads: hostile files ------------------------------------------------------


def evil(folder: Path, lines: list, header: dict | None = None, name: str = "evil") -> Path:
    """A count file as a stranger may write it, one line per value (text as it is)."""
    header = header or {"codingplan_share": 1, "machine": name, "label": name, "written": "x"}
    body = [header, *lines]
    text = "".join((v if isinstance(v, str) else json.dumps(v)) + "\n" for v in body)
    path = folder / f"{name}.codingplan-usage.jsonl"
    path.write_text(text)
    return path


def recent_ms(minutes_ago: int = 5) -> int:
    return int((datetime.now(UTC) - timedelta(minutes=minutes_ago)).timestamp() * 1000)


def test_another_computers_file_cannot_change_what_others_counted(cli, shared, tmp_path):
    folder, a, b = shared
    transcript(a, 3)
    transcript(b, 6)
    usage(cli, a)
    usage(cli, b)
    ids = [json.loads(line)[0] for f in folder.iterdir() for line in f.read_text().splitlines()[1:]]
    assert len(ids) == 9
    # Every request of both, told as refused: no request of either may stop counting.
    evil(folder, [[i, "claude-code", recent_ms(), "qwen3-coder-plus", "rejected"] for i in ids])
    own_before = own_file(folder, b).read_text().splitlines()[1:]
    before = outside(tmp_path, folder, a, b)
    data = usage(cli, b)
    assert data["windows"]["5h"]["used"] == 9
    assert own_file(folder, b).read_text().splitlines()[1:] == own_before
    assert shared_source(data)["skipped"] == 9
    assert any("speaks only for its own requests" in n for n in data["notices"])
    assert usage(cli, a)["windows"]["5h"]["used"] == 9
    assert outside(tmp_path, folder, a, b) == before


LINE = [7, "claude-code", 0, "qwen3-coder-plus", "ok"]


@pytest.mark.parametrize(
    "bad",
    [
        [2**64, "claude-code", None, "qwen3-coder-plus", "ok"],
        [8, "claude-code", 2**64, "qwen3-coder-plus", "ok"],
        [8, "claude-code", 253_402_300_799_000, "qwen3-coder-plus", "ok"],  # year 9999
        '[8, "\\ud800", 0, "qwen3-coder-plus", "ok"]',
        [8, "claude-code", 0, "qwen3-coder-plus", "ok", True],
        [8, "claude-code", 1e400, "qwen3-coder-plus", "ok"],
        "[8, " * 5000 + "]" * 5000,
        "9" * 5000,
        '{"codingplan_share": 1}',
        '[8, "claude-code", 0, "qwen3-coder-plus", "ok"',
    ],
)
def test_a_bad_line_is_skipped_and_counted_never_fatal(cli, shared, tmp_path, bad):
    folder, _a, b = shared
    now = recent_ms()
    if isinstance(bad, list):
        bad = [now if v is None else v for v in bad]
        if bad[2] == 0:
            bad[2] = now
    elif isinstance(bad, str):
        bad = bad.replace(" 0,", f" {now},")
    evil(folder, [bad, [*LINE[:2], now, *LINE[3:]]])
    before = outside(tmp_path, folder, b)
    data = usage(cli, b)
    assert data["windows"]["5h"]["used"] == 1  # the good line still counts
    assert shared_source(data)["skipped"] == 1
    assert data["machines"][1]["skipped"] == 1
    assert any("they are skipped" in n for n in data["notices"])
    assert outside(tmp_path, folder, b) == before
    line = cli("usage", "--line", env=b)
    assert line.returncode == 0 and line.stdout.startswith("5h 1"), line.stdout


@pytest.mark.parametrize("field", ["machine", "label", "model"])
def test_text_with_a_lone_surrogate_never_breaks_usage(cli, shared, tmp_path, field):
    folder, _a, b = shared
    header = {"codingplan_share": 1, "machine": "evil", "label": "evil", "written": "x"}
    line = [7, "claude-code", recent_ms(), "qwen3-coder-plus", "ok"]
    if field == "model":
        line[3] = "qwen\udfff3"
    else:
        header[field] = "ev\ud800il"
    evil(folder, [line], header)
    before = outside(tmp_path, folder, b)
    data = usage(cli, b)
    assert outside(tmp_path, folder, b) == before
    if field == "machine":  # no id to count it under: the file is not read
        assert data["windows"]["5h"]["used"] == 0
        assert shared_source(data)["skipped"] == 1
        assert any("is not a count this app can read" in n for n in data["notices"])
    else:  # the text is cleaned where it is read; the request counts
        assert data["windows"]["5h"]["used"] == 1
        assert data["machines"][1]["label"] == "evil"
        assert shared_source(data)["skipped"] == 0


def test_files_that_are_not_regular_files_are_never_opened(cli, shared, tmp_path):
    folder, _a, b = shared
    secret = Path(b["HOME"]) / "private.txt"
    secret.write_text(json.dumps({"codingplan_share": 1, "machine": "x"}) + "\n")
    os.mkfifo(folder / "pipe.codingplan-usage.jsonl")  # would block whoever opens it
    (folder / "folder.codingplan-usage.jsonl").mkdir()
    (folder / "link.codingplan-usage.jsonl").symlink_to(secret)
    (folder / "zero.codingplan-usage.jsonl").symlink_to("/dev/zero")
    with (folder / "huge.codingplan-usage.jsonl").open("wb") as huge:
        huge.truncate(40 << 20)  # 40 MB, sparse: more than any computer writes
    before = outside(tmp_path, folder, b)
    result = cli("usage", "--json", env=b, timeout=30)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert shared_source(data)["skipped"] == 5
    assert sum("is not a count this app can read" in n for n in data["notices"]) == 5
    assert outside(tmp_path, folder, b) == before
    assert not any(n.count("\x1b") for n in data["notices"])


def test_another_computers_label_and_file_name_are_shown_clean(cli, shared, tmp_path):
    folder, _a, b = shared
    header = {
        "codingplan_share": 1,
        "machine": "evil",
        "label": "\x1b]0;owned\x07\x1b[2Jdesk\u202etop\u200b\n",
        "written": "x",
    }
    evil(folder, [[7, "claude-code", recent_ms(), "qwen3\x1b[31m", "ok"], "junk"], header)
    (folder / "\x1b[2J.codingplan-usage.jsonl").mkdir()
    before = outside(tmp_path, folder, b)
    data = usage(cli, b)
    assert outside(tmp_path, folder, b) == before
    assert shared_source(data)["skipped"] == 2  # the junk line, the folder
    assert data["machines"][1]["label"] == "]0;owned[2Jdesktop"
    text = cli("usage", env=b).stdout
    assert "desktop" in text and "\x1b" not in text and "\u202e" not in text


def test_times_in_another_computers_file_are_bounded(cli, shared, tmp_path):
    folder, _a, b = shared
    header = {"codingplan_share": 1, "machine": "evil", "label": "evil"}
    header["written"] = "9999-12-31T23:59:59+00:00"
    far = 253_402_300_799_000
    evil(
        folder,
        [[7, "claude-code", far, "m", "ok"], [8, "claude-code", recent_ms(), "m", "ok"]],
        header,
    )
    before = outside(tmp_path, folder, b)
    data = usage(cli, b)
    assert outside(tmp_path, folder, b) == before
    assert data["windows"]["5h"]["used"] == 1
    claude = next(s for s in data["sources"] if s["id"] == "claude-code")
    assert claude["last_request"] < data["now"][:4] + "~"  # not in year 9999
    assert data["machines"][1]["written"] is None  # a time no clock can show is not believed
    assert data["machines"][1]["skipped"] == 1


# --- quota truth across computers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("tool", "at", "calls"),
    [
        ("qwen-code", datetime(2026, 11, 28, 3, 30, tzinfo=UTC), 2),
        ("cline", datetime(2026, 12, 1, 9, 0, tzinfo=UTC), 1),
    ],
)
def test_a_call_recorded_twice_counts_once_on_every_computer(cli, tmp_path, tool, at, calls):
    folder = tmp_path / "Sync"
    folder.mkdir()
    computers = [computer(tmp_path, name) for name in ("laptop", "desktop", "tower")]
    home = Path(computers[0]["HOME"])
    if tool == "qwen-code":
        place(home, ".qwen/usage/token-usage-2026-11.jsonl", "qwen-0.24.4-token-usage.jsonl")
        place(home, ".qwen/projects/-tmp-work/chats/a.jsonl", "qwen-0.24.4-chat-ok.jsonl")
    else:
        shutil.copytree(DATA / "cline-3.0.65-first429", home / ".cline/data")
    then = clock_at(at)
    for env in computers:
        assert cli("settings", "set", "share-folder", str(folder), env=env).returncode == 0
    for env in computers:
        usage(cli, {**env, **then}, "--origin", ORIGIN)
    for env in computers:
        data = usage(cli, {**env, **then}, "--origin", ORIGIN)
        assert data["windows"]["5h"]["used"] == calls, env
        assert sum(m["requests"] for m in data["machines"]) == data["windows"]["month"]["used"]


def test_two_computers_with_the_same_id_find_each_other(cli, shared, tmp_path):
    folder, a, b = shared
    transcript(a, 3)
    usage(cli, a)
    # b is a copy of a (a cloned system): the same id, the same history, then its own work.
    shutil.rmtree(b["HOME"])
    shutil.copytree(a["HOME"], b["HOME"], symlinks=True)
    transcript(b, 5)
    transcript(a, 2)
    usage(cli, b)
    told = usage(cli, a)
    assert any("under the same id" in n for n in told["notices"]), told["notices"]
    usage(cli, b)
    for env in (a, b):
        data = usage(cli, env)
        assert data["windows"]["5h"]["used"] == 10, env
        assert len(data["machines"]) == 2
    assert len({own_file(folder, env).name for env in (a, b)}) == 2


def test_clocks_proven_apart_are_said_and_corrected(cli, shared):
    _folder, a, b = shared
    ahead = {**a, **clock(2 * 3600)}  # the laptop's clock is two hours ahead
    transcript(a, 1, minutes_ago=10 - 120)  # 10 minutes ago by its own clock
    usage(cli, ahead)
    data = usage(cli, b)
    (release,) = data["windows"]["5h"]["releases"]
    back = datetime.fromisoformat(release["at"]) - datetime.fromisoformat(data["now"])
    assert timedelta(hours=4, minutes=45) < back < timedelta(hours=4, minutes=55)
    assert 7000 < data["machines"][1]["clock_offset_seconds"] <= 7200
    assert any("minutes ahead of this computer's" in n for n in data["notices"])
    # The other way round: the desktop is behind the laptop, as the laptop can prove once
    # the desktop said when it read the laptop's file.
    transcript(b, 1)
    usage(cli, b)
    data = usage(cli, ahead)
    for release in data["windows"]["5h"]["releases"]:
        back = datetime.fromisoformat(release["at"]) - datetime.fromisoformat(data["now"])
        assert timedelta(hours=4, minutes=45) < back < timedelta(hours=4, minutes=55)
    assert -7200 <= data["machines"][1]["clock_offset_seconds"] < -7000
    assert any("minutes behind this computer's" in n for n in data["notices"])


def test_a_computer_at_work_is_never_shown_as_silent(cli, shared):
    _folder, a, b = shared
    transcript(a, 2)
    usage(cli, a)
    days = 86_400
    assert usage(cli, {**b, **clock(4 * days)})["machines"][1]["silent"]
    # Four days on, the laptop counts one more request: its file says it is there.
    transcript(a, 1, minutes_ago=10 - 4 * 1440)
    usage(cli, {**a, **clock(4 * days)})
    assert not usage(cli, {**b, **clock(4 * days)})["machines"][1]["silent"]
    # Two more days with nothing new: still there, as its file is renewed twice a day.
    usage(cli, {**a, **clock(6 * days)})
    assert not usage(cli, {**b, **clock(6 * days)})["machines"][1]["silent"]
