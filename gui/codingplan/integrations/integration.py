"""What an integration is: everything the app knows about one coding tool, in one value.

Each ``integrations/<tool>/`` folder exports one ``Integration`` and ``integrations`` lists
them once; the CLI's choices and flags, the app's names, colours and check boxes, the
adapters, the usage sources and the README's table of tools all come from that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from codingplan.tools.declared import Install, KeyMode, ToolOption, VerifyPatterns

if TYPE_CHECKING:  # an adapter's modules load when it is first asked for (not by `usage`)
    from codingplan.env import Env
    from codingplan.plan import Endpoints
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import ClientIdentity, Guide, GuidedPage
    from codingplan.usage.source import UsageSource


_NOTHING_KNOWN = Install()  # a tool set up by hand: how it is installed is its own affair
_NO_PATTERNS = VerifyPatterns()


@dataclass(frozen=True)
class Integration:
    id: str  # stable: in the CLI, in settings, in the ledger
    name: str  # the tool's own name (not translated)
    colour: str  # "#rrggbb", the tool's colour in charts
    guide: Callable[[Endpoints, str], Guide]  # the manual steps (automatic tools have them too)
    # Makes the adapter from this declaration; None: this app does not write the tool's files.
    make_adapter: Callable[[Integration], Adapter] | None = None
    usage: Callable[[Env], list[UsageSource]] | None = None  # where its records are read
    # The headers the tool sends (given its version, or None when it is not installed), for
    # a connection test that goes out as it does; and the protocol it speaks.
    identity: Callable[[str | None, Env], ClientIdentity] | None = None
    protocol: str = "openai"
    # The environment variables the tool reads that change where it keeps its files or which
    # address, key or model it uses: the tests clear them all, and a test holds that every
    # variable the integration's code reads is named here.
    environment: tuple[str, ...] = ()
    install: Install = _NOTHING_KNOWN
    # Where it can get the key: the first is the default. KEYRING needs a tool that can run
    # a command for its key (``codingplan key print``).
    key_modes: tuple[KeyMode, ...] = (KeyMode.INLINE,)
    options: tuple[ToolOption, ...] = ()  # its own yes/no choices (Claude Code's status line)
    verify: VerifyPatterns = _NO_PATTERNS
    verify_requests: int = 1  # the plan requests one verify run costs (its calls, all told)

    @cached_property
    def adapter(self) -> Adapter | None:
        return self.make_adapter(self) if self.make_adapter else None

    @property
    def automatic(self) -> bool:
        return self.make_adapter is not None

    @property
    def install_command(self) -> str:
        """How to install the tool, where the app knows (its npm package)."""
        return self.install.command

    @property
    def default_key_mode(self) -> KeyMode:
        return self.key_modes[0]

    def option(self, name: str) -> ToolOption | None:
        return next((o for o in self.options if o.name == name), None)

    def base_url(self, endpoints: Endpoints) -> str:
        """The address the tool is given: the Anthropic-compatible base if that is the
        protocol it speaks, else the OpenAI-compatible one."""
        return endpoints.anthropic_base if self.protocol == "anthropic" else endpoints.openai_base

    def guided_page(self, endpoints: Endpoints, model: str) -> GuidedPage:
        from codingplan.tools.types import GuidedPage

        guide = self.guide(endpoints, model)
        return GuidedPage(self.id, guide.title or self.name, guide)

    def sources(self, env: Env) -> list[UsageSource]:
        return self.usage(env) if self.usage else []

    def readme_row(self) -> str:
        """The tool's row in the README's table of tools, made from this declaration (a
        test holds the README to it)."""
        cells = [self.name, f"`{self.id}`"]
        adapter = self.adapter
        if adapter is None:
            cells += ["guided (`codingplan guide`)", "", "", "", ""]
        else:
            from pathlib import Path

            run = adapter.verify_command(Path(self.install.executables[0]), "PROMPT")
            cells += [
                "configured",
                f"`{self.install.command}`" if self.install.command else "",
                ", ".join(f"`{m.value}`" for m in self.key_modes),
                ", ".join(f"`{o.flag}`" for o in self.options),
                "`" + " ".join(run) + "`",
            ]
        cells.append("yes" if self.usage else "")
        return "| " + " | ".join(cells) + " |"
