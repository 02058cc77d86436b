"""The shared folder holds whatever other computers and sync software put there: links,
pipes, folders, huge files, cut lines, any JSON in any field, numbers past 64 bits, lone
surrogates, claims about this computer's requests. Whatever it holds, a refresh never
raises, never waits on a file, never changes this computer's requests (in the ledger or in
its own file), keeps the ledger's tallies exact, and never writes outside the folder."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codingplan.endings import Outcome
from codingplan.integrations.claude_code.usage import PARSER
from codingplan.settings import Settings
from codingplan.usage import Tracker
from codingplan.usage.events import RequestEvent
from codingplan.usage.scanner import FileResult
from codingplan.usage.shared import ShareFolder, own_file_name, parse_count
from codingplan.usage.source import Target
from tests.depth import examples
from tests.unit.usage.test_tallies import _expected, _kept

ME, FRIEND = "5e1f000000000001", "f00d000000000002"
NOW_MS = int(time.time() * 1000)
MINUTE = 60_000
# This computer's requests: served, failed, refused, and one call Qwen Code recorded twice.
OURS = [
    RequestEvent("claude-code", "a", NOW_MS - 30 * MINUTE, "qwen3-coder-plus"),
    RequestEvent("claude-code", "b", NOW_MS - 20 * MINUTE, "qwen3-coder-plus", Outcome.ERROR),
    RequestEvent("claude-code", "c", NOW_MS - 10 * MINUTE, "glm-5", Outcome.QUOTA_5H),
    RequestEvent("qwen-code", "log", NOW_MS - 5 * MINUTE, "m", session="q", covers=True),
    RequestEvent("qwen-code", "chat", NOW_MS - 5 * MINUTE, "m", session="q", secondary=True),
]
OUR_IDS = [e.id for e in OURS]
FRIEND_IDS = [11, 12, 13]

odd_text = st.text(
    st.one_of(st.characters(), st.sampled_from(["\ud800", "\udfff", "\x1b", "\u202e", "\x00"])),
    max_size=8,
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**40, 253_402_300_799_000]),
        st.floats(),
        odd_text,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(odd_text, inner, max_size=3)
    ),
    max_leaves=4,
)
times = st.one_of(st.integers(-3 * 86_400_000, 86_400_000).map(lambda d: NOW_MS + d), json_values)
request_fields = st.tuples(
    st.one_of(st.sampled_from(OUR_IDS + FRIEND_IDS), st.integers(), json_values),
    st.one_of(st.sampled_from(["claude-code", "qwen-code", "Bad Tool", "\ud800"]), json_values),
    times,
    st.one_of(st.sampled_from(["qwen3-coder-plus", "\x1b[2J"]), json_values),
    st.one_of(st.sampled_from([o.value for o in Outcome]), json_values),
    st.one_of(st.nothing(), st.just(1), json_values),
)


def _dump(value: object) -> str:
    try:
        return json.dumps(value)
    except ValueError:  # an integer longer than Python writes
        return "9" * 5000


request_lines = st.one_of(
    request_fields.map(lambda f: _dump(list(f[:5]))),
    request_fields.map(lambda f: _dump(list(f))),
    json_values.map(_dump),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["9" * 5000, "[" * 3000, "", "[]", '{"codingplan_share": 1}']),
)
headers = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "codingplan_share": st.one_of(st.just(1), st.just(2), json_values),
            "machine": st.one_of(st.sampled_from([ME, FRIEND, "evil", "not an id"]), json_values),
            "label": st.one_of(odd_text, json_values),
            "written": st.one_of(
                st.sampled_from(["9999-12-31T23:59:59+00:00", "2020-01-01T00:00:00Z"]),
                times.map(lambda t: str(t)),
                json_values,
            ),
            "write": st.one_of(st.sampled_from(["ab", "zz"]), json_values),
            "seen": st.one_of(
                st.fixed_dictionaries({ME: st.lists(times, min_size=2, max_size=2)}),
                json_values,
            ),
        },
    ).map(_dump),
    json_values.map(_dump),
)
contents = st.tuples(
    headers, st.lists(request_lines, max_size=8), st.integers(0, 400)
).map(
    lambda parts: "\n".join([parts[0], *parts[1]]).encode("utf-8", "surrogatepass")[
        : parts[2]
        if parts[2] < 300
        else None  # mostly whole, sometimes cut anywhere
    ]
)
names = st.sampled_from(
    [
        "evil",
        FRIEND,
        ME,
        f"{ME} (conflicted copy 2026-12-01)",
        f"{FRIEND}.sync-conflict-20261201-101010-ABC",
        ".hidden",
        "\x1b[2J",
    ]
).map(lambda name: f"{name}.codingplan-usage.jsonl")
entries = st.lists(
    st.tuples(
        names,
        st.one_of(
            st.tuples(st.just("file"), contents),
            st.tuples(
                st.just("link"),
                st.sampled_from(["victim", "dangling", "/dev/zero", "outside", ".", "own"]),
            ),
            st.tuples(st.just("pipe"), st.none()),
            st.tuples(st.just("folder"), st.none()),
            st.tuples(st.just("huge"), st.none()),
        ),
    ),
    max_size=4,
)


class Hung(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raises ``Hung`` in whatever waits longer than ``seconds`` (a blocked open included)."""

    if not hasattr(signal, "setitimer"):  # Windows: pytest-timeout's deadline alone
        yield
        return

    def hung(*_: object) -> None:
        raise Hung

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def tree(root: Path) -> dict[str, object]:
    found: dict[str, object] = {}
    for here, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(here) / name
            st_ = os.lstat(path)
            if stat.S_ISLNK(st_.st_mode):
                found[str(path)] = os.readlink(path)
            elif stat.S_ISREG(st_.st_mode):
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[str(path)] = stat.S_IFMT(st_.st_mode)
    return found


def our_rows(tracker: Tracker) -> list[tuple]:
    return tracker.ledger.db.execute(
        "SELECT r.*, r.id IN (SELECT id FROM counted) FROM requests r"
        " WHERE session NOT LIKE '@%' ORDER BY id"
    ).fetchall()


def plant(folder: Path, outside: Path, name: str, kind: str, content: bytes | None) -> None:
    path = folder / name
    if os.name == "nt" and kind in ("link", "pipe"):  # neither is made there without rights
        kind = "folder"
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()
    if kind == "file":
        assert content is not None
        path.write_bytes(content)
    elif kind == "link":
        assert isinstance(content, str)
        targets = {
            "victim": outside / "victim.txt",
            "dangling": outside / "made.desktop",
            "outside": outside,
            ".": folder,
            "own": folder / own_file_name(ME),
        }
        os.symlink(targets.get(content, Path(content)), path)
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        with path.open("wb") as huge:
            huge.truncate(40 << 20)  # sparse: no disk used


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shared folder holding another computer's file and this one's, as a refresh left
    them, the ledger beside it, and a folder outside with a file of the person's."""
    root = tmp_path_factory.mktemp("start")
    folder, outside = root / "Sync", root / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text("the person's own file\n")
    friend = {"codingplan_share": 1, "machine": FRIEND, "label": "desk", "written": "x"}
    lines = [[i, "claude-code", NOW_MS - i * MINUTE, "m", "ok"] for i in FRIEND_IDS]
    (folder / own_file_name(FRIEND)).write_text(
        "\n".join(json.dumps(v) for v in [friend, *lines]) + "\n"
    )
    with Tracker(root / "usage.sqlite3", sources=lambda: [], workers=1) as tracker:
        tracker.share = ShareFolder(folder, ME, "here", root / "machine-id")
        tracker.ledger.commit([FileResult.of(Target("claude-code", PARSER, "-"), None, OURS)])
        tracker.refresh()
    return root


@settings(
    max_examples=examples(2000),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(planted=entries)
def test_nothing_in_the_shared_folder_breaks_or_changes_this_computers_count(start, planted):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "run"
        shutil.copytree(start, root, symlinks=True)
        folder, outside = root / "Sync", root / "outside"
        tracker = Tracker(root / "usage.sqlite3", sources=lambda: [], workers=1)
        tracker.share = ShareFolder(folder, ME, "here", root / "machine-id")
        before, outside_before = our_rows(tracker), tree(outside)
        own_before = (folder / own_file_name(ME)).read_bytes().splitlines()[1:]
        for name, (kind, content) in planted:
            plant(folder, outside, name, kind, content)
        with deadline(20):
            tracker.refresh()
            snapshot = tracker.snapshot(Settings()).to_dict()
        assert our_rows(tracker) == before
        assert _kept(tracker.ledger.db) == _expected(tracker.ledger.db)
        assert tree(outside) == outside_before
        assert {p.name for p in Path(tmp).iterdir()} == {"run"}
        # What this computer tells of its requests is unchanged, unless a stranger's entry
        # took its file's place (then left alone, as it is not a file this computer wrote).
        mine = tracker.share.machine
        if mine != ME or own_file_name(ME) not in {name for name, _ in planted}:
            assert (folder / own_file_name(mine)).read_bytes().splitlines()[1:] == own_before
        shown = json.dumps(snapshot, ensure_ascii=False)
        assert not any(ch in shown for ch in "\x1b\u202e\x07")
        tracker.close()


def test_a_file_longer_than_any_computer_writes_is_read_only_as_far_as_the_bound(monkeypatch):
    from codingplan.usage import shared

    monkeypatch.setattr(shared, "MAX_ROWS", 100)
    header = json.dumps({"codingplan_share": 1, "machine": FRIEND, "label": "x"})
    lines = [json.dumps([i, "claude-code", NOW_MS, "m", "ok"]) for i in range(250)]
    items, skipped, _ = parse_count(("\n".join([header, *lines]) + "\n").encode(), ME, NOW_MS)
    assert len(items) == 100 and skipped == 150


def test_a_request_told_again_by_its_computer_moves_with_its_tallies():
    from codingplan.usage.ledger import Ledger

    ledger = Ledger(None)
    session = "@" + FRIEND
    first = (11, "claude-code", NOW_MS, "m", "quota_5h", session, False)
    ours = OURS[0]
    ledger.commit([FileResult(Target("shared", PARSER, "-"), None, [first])])
    ledger.commit([FileResult.of(Target("claude-code", PARSER, "-"), None, [ours])])
    # Its clock was found two hours ahead, the call was served after all, and another
    # computer's file says the same of this computer's request: only the first changes.
    moved = (11, "claude-code", NOW_MS - 120 * MINUTE, "m", "ok", session, False)
    claim = (ours.id, "claude-code", NOW_MS, "m", "rejected", session, False)
    ledger.restate([moved, claim])
    assert _kept(ledger.db) == _expected(ledger.db)
    assert ledger.holders([11])[11][2:5] == (NOW_MS - 120 * MINUTE, "m", "ok")
    assert ledger.holders([ours.id])[ours.id][4] == "ok"
    assert dict(ledger.db.execute("SELECT * FROM latest")) == {"claude-code": ours.time_ms}
    # A second record of a call it counted from another: not counted from then on.
    ledger.restate([(*moved[:6], True)])
    assert _kept(ledger.db) == _expected(ledger.db)
    assert ledger.count(0, 2**62) == 1


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps no owner in a file's stat")
def test_a_folder_of_another_user_is_neither_read_nor_written(tmp_path):
    if os.geteuid() == 0:  # root owns nearly everything: give the folder away
        folder = tmp_path / "theirs"
        folder.mkdir()
        os.chown(folder, 65534, 65534)
    else:
        folder = Path("/")  # root's
    share = ShareFolder(folder, ME, "here")
    problem = share.problem()
    assert problem is not None and problem.code == "share_folder_unsafe"
    assert list(share.source().targets()) == []
