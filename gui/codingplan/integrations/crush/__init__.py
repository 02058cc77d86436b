"""Crush: set up by hand in its ``crushrc``.

It stays guided because it cannot be tested here: its npm package (``@charmland/crush``)
downloads the real binary from GitHub while it installs, and this project's test machines
reach only the package registries. Without its binary run against the stand-in of the plan,
nothing this app wrote for it could be shown to work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints

if TYPE_CHECKING:
    from codingplan.tools.types import Guide


def guide(e: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, Notice, step

    rc = (
        f'provider add codingplan --type openai-compat --base-url "{e.openai_base}" '
        '--api-key "$CODING_PLAN_API_KEY"\n'
        f'model add codingplan/{model} --name "{model}"\n'
    )
    return Guide.openai(
        e,
        model,
        (
            step(QT_TRANSLATE_NOOP("tools", "Add the snippet to ~/.config/crush/crushrc.")),
            step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Export CODING_PLAN_API_KEY with the plan key in your shell profile, or replace "
                    "$CODING_PLAN_API_KEY with the key.",
                )
            ),
            step(
                QT_TRANSLATE_NOOP("tools", "Choose {model} in Crush's model picker."),
                model=f"codingplan/{model}",
            ),
        ),
        (
            Notice(
                "crush_json",
                QT_TRANSLATE_NOOP(
                    "tools",
                    'Older Crush versions read crush.json instead: a provider with "type": '
                    '"openai-compat", "base_url" and "api_key".',
                ),
            ),
        ),
        snippet=rc,
    )


INTEGRATION = Integration("crush", "Crush", "#e64980", guide)
