"""Any other tool: the plan's two addresses, the model and the key, for whatever it asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints

if TYPE_CHECKING:
    from codingplan.tools.types import Guide


def guide(e: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, Notice, step

    return Guide(
        "both",
        {"openai": e.openai_base, "anthropic": e.anthropic_base},
        model,
        (
            step(
                QT_TRANSLATE_NOOP(
                    "tools", "OpenAI-compatible tools: base URL {url} (they add /chat/completions)."
                ),
                url=e.openai_base,
            ),
            step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Anthropic-compatible tools: base URL {url}; tools built on @ai-sdk/anthropic "
                    "take {sdk}.",
                ),
                url=e.anthropic_base,
                sdk=e.anthropic_sdk_base,
            ),
            step(
                QT_TRANSLATE_NOOP(
                    "tools", "Model: {model} (model ids are case-sensitive). Key: the plan key."
                ),
                model=model,
            ),
        ),
        (
            Notice(
                "interactive_only",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "The plan is for interactive coding tools; scripts, backends and API testers "
                    "such as Postman are outside its terms.",
                ),
            ),
        ),
    )


# A description rather than a name: the app shows it translated.
INTEGRATION = Integration(
    "other", QT_TRANSLATE_NOOP("categories", "Another tool"), "#868e96", guide
)
