"""Continue (the ``cn`` CLI, ``@continuedev/cli``, and the Continue extensions for VS Code and
JetBrains, which share its ``config.yaml``): configured through that file and its ``.env``,
its requests counted from its session files.

Continue sends the OpenAI library's own User-Agent (``ls/JS …``), not its name: whether the
plan's coding-agent gate lets it through is not known, so a refusal by the gate is
diagnosed as such when verifying (``agent_only``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.continue_dev.usage import ContinueSource
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints
from codingplan.tools.declared import Install, VerifyPatterns

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import Guide


def guide(endpoints: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, step

    return Guide.openai(
        endpoints,
        model,
        (
            step(
                QT_TRANSLATE_NOOP(
                    "tools",
                    "In ~/.continue/config.yaml, add a model at the top of models: provider "
                    "openai, model {model}, apiBase {url}, apiKey ${{{{ secrets.CODING_PLAN_API_KEY }}}}.",
                ),
                url=endpoints.openai_base,
                model=model,
            ),
            step(
                QT_TRANSLATE_NOOP(
                    "tools", "In ~/.continue/.env, set CODING_PLAN_API_KEY to the plan key."
                )
            ),
        ),
    )


def _adapter(declared: Integration) -> Adapter:  # loaded when first asked for: `usage` needs none
    from codingplan.integrations.continue_dev.config import Continue

    return Continue(declared)


INTEGRATION = Integration(
    "continue",
    "Continue",
    "#2e7d32",
    guide,
    _adapter,
    lambda env: [ContinueSource(env)],
    install=Install(("@continuedev/cli",), ("cn",)),
    # {"status":"error","message":"405 …"}: how cn prints the server's refusal
    verify=VerifyPatterns(status=r'"message"\s*:\s*"([45]\d\d) '),
    environment=("CONTINUE_GLOBAL_DIR", "CODING_PLAN_API_KEY"),  # config.SECRET
)
