"""Roo Code (VS Code): set up by hand, or through the settings file it imports when it starts
(``roo-cline.autoImportSettingsPath``), which needs the real key in a file the person keeps."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints

if TYPE_CHECKING:
    from codingplan.tools.types import Guide


def guide(e: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import KEY_PLACEHOLDER, Guide, step

    profile = {
        "providerProfiles": {
            "currentApiConfigName": "coding-plan",
            "apiConfigs": {
                "coding-plan": {
                    "apiProvider": "openai",
                    "openAiBaseUrl": e.openai_base,
                    "openAiApiKey": KEY_PLACEHOLDER,
                    "openAiModelId": model,
                }
            },
        }
    }
    return Guide.openai(
        e,
        model,
        (
            step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    'In Roo Code\'s settings add a profile with API Provider "OpenAI Compatible".',
                )
            ),
            step(
                QT_TRANSLATE_NOOP(
                    "tools", "Base URL: {url}. API key: the plan key. Model: {model}."
                ),
                url=e.openai_base,
                model=model,
            ),
            step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Or save the snippet as a file (with the real key), and point the VS Code setting "
                    "roo-cline.autoImportSettingsPath at it: Roo Code imports it when it starts.",
                )
            ),
        ),
        snippet=json.dumps(profile, indent=2),
    )


INTEGRATION = Integration("roo-code", "Roo Code", "#5c7cfa", guide)
