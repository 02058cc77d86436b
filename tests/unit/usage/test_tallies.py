"""The ledger's tallies, latest times and refusals always agree with its rows, whatever the
order of commits, repeats, outcome changes and coverage; counts read through them equal
counts of the rows themselves."""

from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codingplan.endings import Outcome
from codingplan.integrations.claude_code.usage import PARSER
from codingplan.usage.events import OutcomeUpdate, RequestEvent
from codingplan.usage.ledger import SLOT_MS, Ledger
from codingplan.usage.scanner import FileResult
from codingplan.usage.source import Target

BASE = 1_795_000_000_000
OUTCOMES = [Outcome.OK, Outcome.OK, Outcome.ERROR, Outcome.QUOTA_5H, Outcome.RATE_LIMITED]

events = st.builds(
    RequestEvent,
    source=st.sampled_from(["claude-code", "qwen-code"]),
    key=st.integers(0, 40).map(str),  # few keys: repeats are common
    time_ms=st.integers(-3 * SLOT_MS, 3 * SLOT_MS).map(lambda t: BASE + t),
    model=st.just("qwen3-coder-plus"),
    outcome=st.sampled_from(OUTCOMES),
    session=st.sampled_from(["", "a", "b"]),
    secondary=st.booleans(),
    covers=st.booleans(),
    reset_ms=st.none(),
    row_id=st.none(),
)
updates = st.builds(
    OutcomeUpdate,
    source=st.sampled_from(["claude-code", "qwen-code"]),
    key=st.integers(0, 40).map(str),
    outcome=st.sampled_from(OUTCOMES),
    reset_ms=st.none(),
    row_id=st.none(),
)
batches = st.lists(st.lists(st.one_of(events, updates), max_size=12), min_size=1, max_size=6)


def _commit(ledger: Ledger, items) -> None:
    ledger.commit([FileResult.of(Target("claude-code", PARSER, "-"), None, items)])


def _expected(db: sqlite3.Connection) -> tuple[dict, dict, set]:
    slots: dict = {}
    for t, source in db.execute("SELECT time_ms, source FROM counted"):
        key = (t - t % SLOT_MS, source)
        slots[key] = slots.get(key, 0) + 1
    latest = dict(db.execute("SELECT source, max(time_ms) FROM requests GROUP BY source"))
    refused = set(
        db.execute(
            "SELECT id, time_ms, outcome FROM requests"
            " WHERE outcome IN ('quota_5h', 'quota_week', 'quota_month')"
        )
    )
    return slots, latest, refused


def _kept(db: sqlite3.Connection) -> tuple[dict, dict, set]:
    slots = {(s, source): n for s, source, n in db.execute("SELECT * FROM tallies") if n}
    return (
        slots,
        dict(db.execute("SELECT * FROM latest")),
        set(db.execute("SELECT * FROM refusals")),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches, st.integers(-4 * SLOT_MS, 4 * SLOT_MS), st.integers(0, 5 * SLOT_MS))
def test_tallies_follow_every_change_and_counts_equal_the_rows(batches, start, span):
    ledger = Ledger(None)
    for items in batches:
        _commit(ledger, items)
        assert _kept(ledger.db) == _expected(ledger.db)
    low, high = BASE + start, BASE + start + span
    rows = ledger.db.execute(
        "SELECT source, count(*) FROM counted WHERE time_ms >= ? AND time_ms <= ? GROUP BY 1",
        (low, high),
    )
    assert ledger.count_by_source(low, high) == dict(rows.fetchall())


def test_a_session_covered_later_stops_counting_its_secondary_rows():
    """Qwen Code's chat recorded first (counted), its usage log read later (covering it):
    the chat's slot is counted again, in either order and in one commit or two."""
    chat = RequestEvent("qwen-code", "chat", BASE + 5_000, "m", session="a", secondary=True)
    log = RequestEvent("qwen-code", "log", BASE, "m", session="a", covers=True)
    earlier = RequestEvent("qwen-code", "log0", BASE - 1_000, "m", session="a", covers=True)
    for commits in ([[chat], [log]], [[log], [chat]], [[chat, log]], [[chat], [log], [earlier]]):
        ledger = Ledger(None)
        for items in commits:
            _commit(ledger, items)
            assert _kept(ledger.db) == _expected(ledger.db), commits
        logs = sum(1 for items in commits for event in items if event.covers)
        assert ledger.count(BASE - SLOT_MS, BASE + SLOT_MS) == logs  # the chat is not counted


def test_an_ending_told_again_rewrites_no_row():
    """OpenCode tells each call's ending with the call, and again on every later read: only
    an ending that differs from the stored one changes a row."""
    ledger = Ledger(None)
    statements: list[str] = []
    ledger.db.set_trace_callback(statements.append)
    call = RequestEvent("claude-code", "a", BASE, "m", Outcome.ERROR)
    told = OutcomeUpdate("claude-code", "a", Outcome.ERROR)
    _commit(ledger, [call, told])  # a first read: the call and its ending together
    _commit(ledger, [told])  # read again, nothing changed
    assert not [q for q in statements if q.startswith("UPDATE requests SET outcome")]
    assert ledger.count(BASE - SLOT_MS, BASE + SLOT_MS) == 1
    # The same call ended otherwise after all: its row and its count change.
    _commit(ledger, [OutcomeUpdate("claude-code", "a", Outcome.QUOTA_5H)])
    assert [q for q in statements if q.startswith("UPDATE requests SET outcome")]
    assert ledger.count(BASE - SLOT_MS, BASE + SLOT_MS) == 0
    assert _kept(ledger.db) == _expected(ledger.db)


def test_an_ending_names_its_own_call_whatever_came_before():
    call = RequestEvent("claude-code", "a", BASE, "m")
    items = [
        call,
        OutcomeUpdate("claude-code", "a", Outcome.ERROR),  # told with its call
        OutcomeUpdate("claude-code", "b", Outcome.ERROR),  # another call's
        OutcomeUpdate("qwen-code", "a", Outcome.ERROR),  # the same key in another source
        OutcomeUpdate("claude-code", "a", Outcome.ERROR, row_id=7),  # a shared request's
    ]
    result = FileResult.of(Target("claude-code", PARSER, "-"), None, items)
    assert [i for _, i in result.updates] == [u.id for u in items[1:]]
    assert result.updates[0][1] == call.id


def test_two_connections_writing_in_turn_keep_the_tallies_exact(tmp_path):
    path = tmp_path / "usage.sqlite3"
    one, two = Ledger(path), Ledger(path)
    same = RequestEvent("claude-code", "k", BASE, "qwen3-coder-plus")
    _commit(one, [same])  # the first found the ledger empty: it knows what it wrote
    _commit(two, [same, RequestEvent("claude-code", "j", BASE + 1, "qwen3-coder-plus")])
    _commit(one, [RequestEvent("claude-code", "j", BASE + 1, "qwen3-coder-plus")])
    for ledger in (one, two):
        assert _kept(ledger.db) == _expected(ledger.db)
        assert ledger.count(BASE - SLOT_MS, BASE + SLOT_MS) == 2


def test_an_older_ledger_gets_its_tallies_from_its_rows(tmp_path):
    path = tmp_path / "usage.sqlite3"
    ledger = Ledger(path)
    _commit(
        ledger, [RequestEvent("claude-code", str(n), BASE + n * 7_000, "m") for n in range(300)]
    )
    _commit(ledger, [RequestEvent("qwen-code", "q", BASE, "m", Outcome.QUOTA_5H)])
    expected = _kept(ledger.db)
    for table in ("tallies", "latest", "refusals"):
        ledger.db.execute(f"DELETE FROM {table}")  # as a version 4 ledger has them: not at all
    ledger.db.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    ledger.close()
    upgraded = Ledger(path)
    assert _kept(upgraded.db) == expected == _expected(upgraded.db)
