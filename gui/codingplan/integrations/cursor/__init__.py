"""Cursor: set up by hand in its settings (kept in its own database, not in a file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints

if TYPE_CHECKING:
    from codingplan.tools.types import Guide


def guide(e: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, Notice, step

    cursor_model = model.replace(".", "-")
    notes = [
        Notice(
            "cursor_pro",
            QT_TRANSLATE_NOOP(
                "tools",
                "Custom models need Cursor Pro or higher, and the base URL override applies to "
                "every OpenAI model in Cursor.",
            ),
        )
    ]
    if cursor_model != model:  # with no dot to replace, "X becomes X" would read as a riddle
        notes.insert(
            0,
            Notice(
                "cursor_hyphens",
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Cursor needs dots in model names replaced by hyphens: {model} becomes {cursor}.",
                ),
                {"model": model, "cursor": cursor_model},
            ),
        )
    return Guide.openai(
        e,
        cursor_model,
        (
            step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    'Cursor Settings → Models: turn on "OpenAI API Key" and paste the plan key.',
                )
            ),
            step(
                QT_TRANSLATE_NOOP("tools", 'Turn on "Override OpenAI Base URL" and enter {url}.'),
                url=e.openai_base,
            ),
            step(
                QT_TRANSLATE_NOOP("tools", "Add a custom model named {model}."), model=cursor_model
            ),
        ),
        tuple(notes),
    )


INTEGRATION = Integration("cursor", "Cursor", "#495057", guide)
