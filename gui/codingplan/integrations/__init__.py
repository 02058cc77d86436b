"""Every coding tool this app knows, listed once.

Each tool is one folder here holding all the app knows about it: where it keeps its files
(``locations``), how its files are changed (``config``, an ``Adapter``), how its records
are read (``usage``), its manual steps, and one ``Integration`` that names them. The CLI's
choices and help, the app's names and colours, the adapters and the usage sources all come
from ``INTEGRATIONS``. Adding a tool is a folder and a line below.
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
_BY_ID = {i.id: i for i in INTEGRATIONS}
IDS = tuple(_BY_ID)
AUTOMATIC_IDS = tuple(i.id for i in INTEGRATIONS if i.automatic)


def get(tool_id: str) -> Integration:
    """The integration of ``tool_id``, or a clear error naming the known ones."""
    found = _BY_ID.get(tool_id)
    if found is None:
        raise CodingPlanError(
            "unknown_tool",
            QT_TRANSLATE_NOOP("tools", "There is no tool called '{tool}'."),
            QT_TRANSLATE_NOOP("tools", "Tools: {tools}."),
            tool=tool_id,
            tools=", ".join(IDS),
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
    found = _BY_ID.get(tool_id)
    return found.name if found else tool_id
