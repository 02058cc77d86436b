"""The coding tools this app sets up for the plan.

The GUI and the CLI use this package the same way:

- ``registry()`` lists every tool (id, display name, automatic or guided);
- ``adapter(tool_id)`` gives an automatic tool's adapter: ``detect()``, ``status()``,
  ``plan(options)`` → a ``ChangeSet`` to preview, ``apply(changes)``, ``plan_revert()``,
  ``plan_rotation(new_key)``, ``verify()``;
- ``guided_page(tool_id, endpoints, model)`` gives the manual steps for any tool;
- ``plan_key_rotation(new_key)`` previews putting a new key everywhere a copy was left.

Nothing here imports Qt; every slow call (files, subprocesses) is safe on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints
from codingplan.tools.base import Adapter
from codingplan.tools.claude_code import ClaudeCode
from codingplan.tools.cline import Cline
from codingplan.tools.guided import GUIDED
from codingplan.tools.model import ChangeSet, Env, GuidedPage
from codingplan.tools.opencode import OpenCode
from codingplan.tools.qwen_code import QwenCode

ADAPTERS: tuple[Adapter, ...] = (ClaudeCode(), QwenCode(), Cline(), OpenCode())


@dataclass(frozen=True)
class ToolInfo:
    id: str
    name: str
    automatic: bool  # False: a guided page, no file is written


def registry() -> tuple[ToolInfo, ...]:
    """Every tool, automatic ones first, in the order the app shows them."""
    automatic = tuple(ToolInfo(a.id, a.name, True) for a in ADAPTERS)
    return automatic + tuple(ToolInfo(g.id, g.name, False) for g in GUIDED)


def _unknown(tool_id: str) -> CodingPlanError:
    return CodingPlanError(
        "unknown_tool",
        QT_TRANSLATE_NOOP("tools", "There is no tool called '{tool}'."),
        QT_TRANSLATE_NOOP("tools", "Tools: {tools}."),
        tool=tool_id,
        tools=", ".join(t.id for t in registry()),
    )


def adapter(tool_id: str) -> Adapter:
    """The adapter of an automatically configured tool."""
    for candidate in ADAPTERS:
        if candidate.id == tool_id:
            return candidate
    if any(g.id == tool_id for g in GUIDED):
        raise CodingPlanError(
            "guided_tool",
            QT_TRANSLATE_NOOP(
                "tools", "{tool} is set up by hand: this app does not write its files."
            ),
            QT_TRANSLATE_NOOP("tools", "Follow its guided page ('codingplan guide {tool}')."),
            tool=tool_id,
        )
    raise _unknown(tool_id)


def guided_page(tool_id: str, endpoints: Endpoints, model: str) -> GuidedPage:
    """The manual steps for any tool (automatic tools have them too, for the fallback)."""
    for candidate in ADAPTERS:
        if candidate.id == tool_id:
            return candidate.guide(endpoints, model)
    for guided in GUIDED:
        if guided.id == tool_id:
            return guided.page(endpoints, model)
    raise _unknown(tool_id)


def plan_key_rotation(new_key: str, env: Env | None = None) -> list[ChangeSet]:
    """One preview per tool that holds a copy of the key this app wrote."""
    plans = []
    for candidate in ADAPTERS:
        planned = candidate.plan_rotation(new_key, env)
        if planned is not None and not planned.empty:
            plans.append(planned)
    return plans
