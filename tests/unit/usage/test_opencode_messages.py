"""OpenCode's (and Kilo's) store, one assistant message per call: how each call ended, when
it began, and what the plan's answer said about the quota."""

from __future__ import annotations

import json

from codingplan.endings import Outcome
from tests.unit.usage.conftest import make_opencode_db

START = 1_796_000_000_000


def assistant(message_id: str, created: int, **data) -> dict:
    body = {"role": "assistant", "providerID": "codingplan", "modelID": "qwen3-coder-plus",
            "time": {"created": created}, **data}  # fmt: skip
    return {"id": message_id, "session_id": "ses_1", "time_created": created,
            "time_updated": created + 500, "data": json.dumps(body)}  # fmt: skip


def store(home, messages: list[dict]) -> None:
    session = {"id": "ses_1", "parent_id": None, "title": "New session - x",
               "time_created": START, "time_updated": START}  # fmt: skip
    rows = {"session": [session], "message": messages, "part": []}
    make_opencode_db(home / ".local/share/opencode/opencode.db", rows)


def outcomes(tracker) -> dict[int, str]:
    rows = tracker.ledger.db.execute("SELECT time_ms, outcome FROM requests ORDER BY time_ms")
    return dict(rows.fetchall())


def test_each_call_stamped_at_its_start_with_how_it_ended(home, tracker):
    quota = {"name": "APIError", "data": {"message": "hour allocated quota exceeded",
             "statusCode": 429, "responseHeaders": {"retry-after": "120"}}}  # fmt: skip
    store(
        home,
        [
            assistant(
                "msg_1", START + 1000, time={"created": START + 1000, "completed": START + 9000}
            ),
            assistant(
                "msg_2",
                START + 2000,
                error=quota,
                time={"created": START + 2000, "completed": START + 3000},
            ),
            assistant("msg_3", START + 4000),  # cut off: only its start
        ],
    )
    tracker.refresh()
    assert outcomes(tracker) == {
        START + 1000: Outcome.OK,
        START + 2000: Outcome.QUOTA_5H,
        START + 4000: Outcome.ERROR,  # it reached the plan: counted
    }
    # The answer said when the quota comes back: 120 s after it was given.
    assert tracker.ledger.plan_reset("5h", START, START + 5000) == START + 3000 + 120_000


def test_a_call_seen_running_then_finished_is_one_call(home, tracker):
    path = home / ".local/share/opencode/opencode.db"
    store(home, [assistant("msg_1", START)])
    tracker.refresh()
    assert outcomes(tracker) == {START: Outcome.ERROR}
    import sqlite3

    db = sqlite3.connect(path)
    data = json.loads(db.execute("SELECT data FROM message").fetchone()[0])
    data["time"]["completed"] = START + 800
    db.execute("UPDATE message SET data = ?, time_updated = ?", (json.dumps(data), START + 900))
    db.commit()
    db.close()
    tracker.refresh()
    assert outcomes(tracker) == {START: Outcome.OK}
    assert tracker.ledger.total() == 1
