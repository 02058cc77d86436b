"""Every coding tool this app knows, listed once.

Each tool is one folder here holding all the app knows about it: where it keeps its files
(``locations``), how its files are changed (``config``, an ``Adapter``), how its records
are read (``usage``), its manual steps, and one ``Integration`` that declares the rest (its
install, key modes, own options, verify patterns). The CLI's choices, flags and help, the
app's names, colours and check boxes, the adapters, the usage sources and the README's
table of tools all come from ``INTEGRATIONS``. Adding a tool is a folder and a line below;
everything derived from the list (``IDS``, ``AUTOMATIC_IDS``, ``get``) follows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations import (
    claude_code,
    cline,
    codex,
    continue_dev,
    crush,
    cursor,
    kilo_cli,
    kilo_code,
    opencode,
    other,
    qwen_code,
    roo_code,
)
from codingplan.integrations.integration import Integration

if TYPE_CHECKING:  # the adapters' modules load when an adapter is first asked for
    from codingplan.tools.adapter import Adapter
    from codingplan.usage.source import UsageSource

# In the order the app shows them: the tools it configures, then the ones set up by hand.
INTEGRATIONS: tuple[Integration, ...] = (
    claude_code.INTEGRATION,
    qwen_code.INTEGRATION,
    cline.INTEGRATION,
    opencode.INTEGRATION,
    kilo_cli.INTEGRATION,
    continue_dev.INTEGRATION,
    kilo_code.INTEGRATION,
    roo_code.INTEGRATION,
    cursor.INTEGRATION,
    crush.INTEGRATION,
    codex.INTEGRATION,
    other.INTEGRATION,
)


def __getattr__(name: str) -> tuple[str, ...]:
    """``IDS`` and ``AUTOMATIC_IDS``, from the list as it is."""
    if name == "IDS":
        return tuple(i.id for i in INTEGRATIONS)
    if name == "AUTOMATIC_IDS":
        return tuple(i.id for i in INTEGRATIONS if i.automatic)
    raise AttributeError(name)


def _by_id(tool_id: str) -> Integration | None:
    return next((i for i in INTEGRATIONS if i.id == tool_id), None)


def get(tool_id: str) -> Integration:
    """The integration of ``tool_id``, or a clear error naming the known ones."""
    found = _by_id(tool_id)
    if found is None:
        raise CodingPlanError(
            "unknown_tool",
            QT_TRANSLATE_NOOP("tools", "There is no tool called '{tool}'."),
            QT_TRANSLATE_NOOP("tools", "Tools: {tools}."),
            tool=tool_id,
            tools=", ".join(i.id for i in INTEGRATIONS),
        )
    return found


def adapter(tool_id: str) -> Adapter:
    """The adapter of a tool this app configures (an error for a tool set up by hand)."""
    found = get(tool_id)
    if found.adapter is None:
        raise CodingPlanError(
            "guided_tool",
            QT_TRANSLATE_NOOP(
                "tools", "{tool} is set up by hand: this app does not write its files."
            ),
            QT_TRANSLATE_NOOP("tools", "Follow its guided page ('codingplan guide {tool}')."),
            tool=tool_id,
        )
    return found.adapter


def adapters() -> tuple[Adapter, ...]:
    return tuple(i.adapter for i in INTEGRATIONS if i.adapter is not None)


def usage_sources(env: Env) -> list[UsageSource]:
    """Where every tool's records are, as ``env`` places them."""
    return [source for i in INTEGRATIONS for source in i.sources(env)]


def test_client(protocol: str) -> Integration:
    """The coding tool a connection test over ``protocol`` goes out as."""
    return next(i for i in INTEGRATIONS if i.identity is not None and i.protocol == protocol)


def name(tool_id: str) -> str:
    found = _by_id(tool_id)
    return found.name if found else tool_id
