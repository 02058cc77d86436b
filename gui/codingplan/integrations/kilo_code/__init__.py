"""Kilo Code in VS Code and JetBrains: set up by hand in its settings (its own storage, which
no other program may write). The Kilo Code CLI is the ``kilo_cli`` integration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints

if TYPE_CHECKING:
    from codingplan.tools.types import Guide


def guide(e: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, Notice, step

    return Guide.openai(
        e,
        model,
        (
            step(QT_TRANSLATE_NOOP("tools", 'In Kilo Code\'s settings choose "Bring my own key".')),
            step(
                QT_TRANSLATE_NOOP("tools", 'API Provider: "OpenAI Compatible". Base URL: {url}.'),
                url=e.openai_base,
            ),
            step(QT_TRANSLATE_NOOP("tools", "API key: paste the plan key (use Copy key).")),
            step(
                QT_TRANSLATE_NOOP("tools", 'Model: type {model} and choose "Use custom".'),
                model=model,
            ),
        ),
        (
            Notice(
                "kilo_cli",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "The Kilo Code CLI (the kilo command) is set up by this app: choose Kilo "
                    "Code CLI in the list of tools.",
                ),
            ),
        ),
    )


INTEGRATION = Integration("kilo-code", "Kilo Code", "#e1b12c", guide)
