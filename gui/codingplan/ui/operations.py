"""The one way the app runs an action (``codingplan.actions``): off the GUI thread, then, on
the GUI thread, it refreshes what the action's result says it changed (``Changed``), then
hands the result to the widget that asked. Anki's ``aqt/operations`` is the model: one
runner, one refresh, so that no view refreshes by itself and none is forgotten.

A widget may be gone by the time the action ends (a closed dialog): its callbacks are then
skipped, but the refresh still happens, for the views that remain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from codingplan.changed import Changed
from codingplan.ui.state import AppState
from codingplan.ui.widgets.background import guarded

R = TypeVar("R")


def changed_by(result: object) -> Changed:
    """What a result says its action changed (nothing, for a look or a preview)."""
    changed = getattr(result, "changed", Changed.NOTHING)
    return changed if isinstance(changed, Changed) else Changed.NOTHING


def run_action(
    owner: QObject,
    state: AppState,
    action: Callable[..., R],
    *args: Any,
    on_done: Callable[[R], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``action(*args)`` on a worker; then refresh what it changed, then ``on_done``
    (or ``on_error``, if it raised) while ``owner`` still exists."""
    done = guarded(owner, on_done)

    def finished(result: R) -> None:
        state.refresh(changed_by(result))
        if done is not None:
            done(result)

    state.tasks.run(action, *args, on_done=finished, on_error=guarded(owner, on_error))
