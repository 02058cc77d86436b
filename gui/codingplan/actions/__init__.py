"""What a person can do, once: the one implementation the CLI and the desktop app both call.

Each action is one function that does a whole step the way the person expects it done
(configure a tool and remember the choice, store a key and find the tools holding the old
one, refuse a verify run that would not test the plan), so the two faces of the app can
never disagree about it. Each returns a typed result whose ``changed`` (``Changed``) says
what it changed: the app's one runner refreshes exactly that (``ui/operations.py``), and the
CLI prints the result. None imports Qt; the slow ones run on a worker thread in the app.

The actions live in a module per subject: ``tools``, ``key``, ``login`` (start at login),
``readings`` (calibration), ``connection`` (the connection test), ``updates`` (whether a
newer version is released) and ``console`` (the plan's console: ``actions.console.login``,
``logout``, ``status``, ``read_now``; its functions are reached through the module, their
names being common words). Adding one is a function there (or a new module, imported below)
returning a result with ``changed``; its command group in ``cli/`` and its widget in ``ui/``
both call it, and nothing else.
"""

from codingplan.actions import console
from codingplan.actions.connection import (
    ConnectionTest,
    SentRequests,
    check_reachability,
    send_test_requests,
    test_connection,
    test_identity,
)
from codingplan.actions.console import ConsoleStatus
from codingplan.actions.key import (
    ClearedKey,
    KeyUpdate,
    StoredKey,
    clear_key,
    key_place,
    key_status,
    preview_each_rotation,
    preview_rotations,
    store_key,
    update_key_copies,
)
from codingplan.actions.login import LoginEntry, set_start_at_login
from codingplan.actions.readings import (
    Calibrated,
    Dismissed,
    Reading,
    calibrate,
    dismiss_answers,
    reading_problem,
)
from codingplan.actions.tools import (
    apply,
    apply_each,
    check_verifiable,
    configure_options,
    configured_tools,
    guided_page,
    key_for_pasting,
    option_values,
    preview_configure,
    preview_revert,
    recorded_tools,
    remember_choice,
    revert,
    revert_all,
    tool_lock,
    tool_status,
    tool_statuses,
    tools_holding_key,
    verify,
    verify_refusal,
)
from codingplan.actions.updates import (
    DismissedUpdate,
    check_for_update,
    dismiss_update,
    update_check_offered,
    update_check_on,
    update_notice,
)
from codingplan.changed import Changed

__all__ = [
    "Calibrated",
    "Changed",
    "ClearedKey",
    "ConnectionTest",
    "ConsoleStatus",
    "Dismissed",
    "DismissedUpdate",
    "KeyUpdate",
    "LoginEntry",
    "Reading",
    "SentRequests",
    "StoredKey",
    "apply",
    "apply_each",
    "calibrate",
    "check_for_update",
    "check_reachability",
    "check_verifiable",
    "clear_key",
    "configure_options",
    "configured_tools",
    "console",
    "dismiss_answers",
    "dismiss_update",
    "guided_page",
    "key_for_pasting",
    "key_place",
    "key_status",
    "option_values",
    "preview_configure",
    "preview_each_rotation",
    "preview_revert",
    "preview_rotations",
    "reading_problem",
    "recorded_tools",
    "remember_choice",
    "revert",
    "revert_all",
    "send_test_requests",
    "set_start_at_login",
    "store_key",
    "test_connection",
    "test_identity",
    "tool_lock",
    "tool_status",
    "tool_statuses",
    "tools_holding_key",
    "update_check_offered",
    "update_check_on",
    "update_key_copies",
    "update_notice",
    "verify",
    "verify_refusal",
]
