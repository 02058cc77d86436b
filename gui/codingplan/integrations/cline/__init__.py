"""Cline (the ``cline`` CLI 3.x and the VS Code extension 4.x, which share ``providers.json``):
configured through that file, its requests counted from its session and task files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.cline.usage import ClineSource
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints
from codingplan.tools.declared import Install

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import Guide


def guide(endpoints: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, GuideStep

    return Guide.openai(
        endpoints,
        model,
        (
            GuideStep(
                QT_TRANSLATE_NOOP(
                    "tools", 'Open Cline\'s settings, choose the API provider "OpenAI Compatible".'
                )
            ),
            GuideStep(
                QT_TRANSLATE_NOOP(
                    "tools", "Base URL: {url}. API key: the plan key. Model ID: {model}."
                ),
                {"url": endpoints.openai_base, "model": model},
            ),
            GuideStep(
                QT_TRANSLATE_NOOP(
                    "tools", 'Run "Developer: Reload Window" so VS Code picks the change up.'
                )
            ),
        ),
        title="Cline (VS Code extension)",
    )


def _adapter(declared: Integration) -> Adapter:  # loaded when first asked for: `usage` needs none
    from codingplan.integrations.cline.config import Cline

    return Cline(declared)


INTEGRATION = Integration(
    "cline",
    "Cline",
    "#2b8a9e",
    guide,
    _adapter,
    lambda env: [ClineSource(env)],
    install=Install(
        ("cline", "@cline/cli-linux-x64", "@cline/cli-darwin-arm64", "@cline/cli-win32-x64"),
        ("cline",),
    ),
    environment=(
        "CLINE_DIR",
        "CLINE_DATA_DIR",
        "CLINE_PROVIDER_SETTINGS_PATH",
        "CLINE_LOG_PATH",
        "CLINE_DB_DATA_DIR",
        "CLINE_SESSION_DATA_DIR",
    ),
)
