"""OpenCode (``opencode-ai``): configured through its global ``opencode.json(c)``, its requests
counted from its SQLite store. Its forks (Kilo Code CLI) reuse this folder with their layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.integrations.opencode.locations import OPENCODE
from codingplan.integrations.opencode.usage import OpenCodeSource
from codingplan.plan import Endpoints
from codingplan.tools.declared import Install

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import Guide


def guide_for(config: str) -> Callable[[Endpoints, str], Guide]:
    """The manual steps for OpenCode, or a fork of it whose config is ``config``."""

    def guide(endpoints: Endpoints, model: str) -> Guide:
        from codingplan.tools.types import Guide, step

        return Guide.openai(
            endpoints,
            model,
            (
                step(
                    QT_TRANSLATE_NOOP(
                        "tools",
                        'Add a provider with "npm": "@ai-sdk/openai-compatible", '
                        '"options": {{"baseURL": "{url}", "apiKey": the key}} and the model '
                        '{model} to {file}, and set "model" to it.',
                    ),
                    url=endpoints.openai_base,
                    model=model,
                    file=config,
                ),
            ),
        )

    return guide


def _adapter(declared: Integration) -> Adapter:  # loaded when first asked for: `usage` needs none
    from codingplan.integrations.opencode.config import OpenCode

    return OpenCode(declared)


INTEGRATION = Integration(
    "opencode",
    "OpenCode",
    "#8a8f98",
    guide_for("~/.config/opencode/opencode.json"),
    _adapter,
    lambda env: [OpenCodeSource("opencode", OPENCODE, env)],
    install=Install(("opencode-ai",), ("opencode",), OPENCODE.install_locations),
    verify_requests=2,  # the answer, and a title for the session
    # OPENCODE_CONFIG_DIR: a further folder OpenCode reads config from (this app does not).
    environment=(*OPENCODE.variables, "OPENCODE_CONFIG_DIR"),
)
