"""Codex (``@openai/codex``): set up by hand, and only its versions up to 0.80.0.

The plan serves the Chat Completions API; Codex after 0.80.0 speaks only the Responses API
and refuses ``wire_api = "chat"`` (its ``CHAT_WIRE_API_REMOVED_ERROR``), so newer Codex cannot
use the plan at all. The page says so plainly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints

if TYPE_CHECKING:
    from codingplan.tools.types import Guide


def guide(e: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, Notice, step

    toml = (
        'model_provider = "Model_Studio_Coding_Plan"\n'
        f'model = "{model}"\n\n'
        "[model_providers.Model_Studio_Coding_Plan]\n"
        'name = "Model_Studio_Coding_Plan"\n'
        f'base_url = "{e.openai_base}"\n'
        'env_key = "OPENAI_API_KEY"\n'
        'wire_api = "chat"\n'
    )
    return Guide.openai(
        e,
        model,
        (
            step(
                QT_TRANSLATE_NOOP(
                    "tools", "Install Codex 0.80.0 or earlier: npm install -g @openai/codex@0.80.0."
                )
            ),
            step(QT_TRANSLATE_NOOP("tools", "Put the snippet in ~/.codex/config.toml.")),
            step(
                QT_TRANSLATE_NOOP(
                    "tools", "Export OPENAI_API_KEY with the plan key in your shell profile."
                )
            ),
        ),
        (
            Notice(
                "codex_responses",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Current Codex versions speak only the Responses API and refuse wire_api = "
                    '"chat"; the plan documents only the Chat Completions API, for Codex 0.80.0 and '
                    "earlier. Newer Codex will not work with the plan.",
                ),
            ),
        ),
        snippet=toml,
    )


INTEGRATION = Integration("codex", "Codex", "#10a37f", guide)
