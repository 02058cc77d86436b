"""Qwen Code (``@qwen-code/qwen-code``): configured through ``settings.json`` and its ``.env``,
its requests counted from its usage log (and, for older versions, its chat recordings)."""

from __future__ import annotations

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.integrations.qwen_code.config import QwenCode
from codingplan.integrations.qwen_code.usage import QwenSource
from codingplan.plan import Endpoints
from codingplan.tools.types import Guide, GuideStep


def guide(endpoints: Endpoints, model: str) -> Guide:
    return Guide.openai(
        endpoints,
        model,
        (
            GuideStep(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Run qwen, type /auth, choose Alibaba ModelStudio, then Coding Plan, your "
                    "region, and paste the key.",
                )
            ),
        ),
    )


INTEGRATION = Integration(
    "qwen-code", "Qwen Code", "#615ced", guide, QwenCode(), lambda env: [QwenSource(env)]
)
