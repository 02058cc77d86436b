"""Madeup Code, a coding tool that does not exist: everything about it in this one folder,
as a real tool is under ``codingplan/integrations/``, to show that the contract every tool
passes (``test_conformance.py``) asks for nothing more. It keeps a JSON settings file and
its key in a ``.env`` beside it, and logs each model call as one JSONL line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints
from codingplan.tools.declared import Install, ToolOption, VerifyPatterns
from tests.integration.tools.madeup.usage import MadeupSource

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import Guide


def guide(endpoints: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, step

    return Guide.openai(
        endpoints,
        model,
        (step(QT_TRANSLATE_NOOP("tools", "Base URL: {url}."), url=endpoints.openai_base),),
    )


def _adapter(declared: Integration) -> Adapter:
    from tests.integration.tools.madeup.config import Madeup

    return Madeup(declared)


INTEGRATION = Integration(
    "madeup",
    "Madeup Code",
    "#123456",
    guide,
    _adapter,
    lambda env: [MadeupSource(env)],
    install=Install(("madeup-code",), ("madeup",)),
    options=(ToolOption("telemetry", "Send telemetry", "let the tool send its telemetry", False),),
    verify=VerifyPatterns(login=r"Run madeup login"),
    environment=("MADEUP_HOME", "MADEUP_KEY"),
)
