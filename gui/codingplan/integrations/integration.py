"""What an integration is: everything the app knows about one coding tool, in one value.

Each ``integrations/<tool>/`` folder exports one ``Integration`` and ``integrations`` lists
them once; the CLI's choices, the app's names and colours, the adapters and the usage sources
all come from that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # an adapter's modules load when it is first asked for (not by `usage`)
    from codingplan.env import Env
    from codingplan.plan import Endpoints
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import ClientIdentity, Guide, GuidedPage
    from codingplan.usage.source import UsageSource


@dataclass(frozen=True)
class Integration:
    id: str  # stable: in the CLI, in settings, in the ledger
    name: str  # the tool's own name (not translated)
    colour: str  # "#rrggbb", the tool's colour in charts
    guide: Callable[[Endpoints, str], Guide]  # the manual steps (automatic tools have them too)
    # Makes the adapter; None: this app does not write the tool's files.
    make_adapter: Callable[[], Adapter] | None = None
    usage: Callable[[Env], list[UsageSource]] | None = None  # where its records are read
    # The headers the tool sends (given its version, or None when it is not installed), for
    # a connection test that goes out as it does; and the protocol it speaks.
    identity: Callable[[str | None, Env], ClientIdentity] | None = None
    protocol: str = "openai"
    # The environment variables the tool reads that change where it keeps its files or which
    # address, key or model it uses: the tests clear them all, and a test holds that every
    # variable the integration's code reads is named here.
    environment: tuple[str, ...] = ()

    @cached_property
    def adapter(self) -> Adapter | None:
        return self.make_adapter() if self.make_adapter else None

    @property
    def automatic(self) -> bool:
        return self.make_adapter is not None

    @property
    def install_command(self) -> str:
        """How to install the tool, where the app knows (its npm package)."""
        if self.adapter is None or not self.adapter.packages:
            return ""
        return f"npm install -g {self.adapter.packages[0]}"

    def guided_page(self, endpoints: Endpoints, model: str) -> GuidedPage:
        from codingplan.tools.types import GuidedPage

        guide = self.guide(endpoints, model)
        return GuidedPage(self.id, guide.title or self.name, guide)

    def sources(self, env: Env) -> list[UsageSource]:
        return self.usage(env) if self.usage else []
