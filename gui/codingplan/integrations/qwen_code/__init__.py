"""Qwen Code (``@qwen-code/qwen-code``): configured through ``settings.json`` and its ``.env``,
its requests counted from its usage log (and, for older versions, its chat recordings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.integration import Integration
from codingplan.integrations.qwen_code.usage import QwenSource
from codingplan.plan import Endpoints
from codingplan.tools.declared import Install, VerifyPatterns

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import ClientIdentity, Guide


def guide(endpoints: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, GuideStep

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


# The version tests/realtools pins, for a connection test where Qwen Code is not installed.
KNOWN_VERSION = "0.24.4"
# Node.js's names for the machine's architecture, which Qwen Code's User-Agent uses.
_NODE_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def identity(version: str | None, env: Env) -> ClientIdentity:
    """What Qwen Code sends (measured with 0.24.4): ``QwenCode/<version> (<os>; <arch>)``."""
    import platform  # here, not at the top: `usage` loads this module and needs no identity

    from codingplan.tools.types import ClientIdentity

    version = version or KNOWN_VERSION
    machine = platform.machine().lower()
    arch = _NODE_ARCH.get(machine, "ia32" if machine in ("i386", "i686", "x86") else machine)
    agent = f"QwenCode/{version} ({env.platform}; {arch})"
    return ClientIdentity(f"Qwen Code {version}", {"User-Agent": agent})


def _adapter(declared: Integration) -> Adapter:  # loaded when first asked for: `usage` needs none
    from codingplan.integrations.qwen_code.config import QwenCode

    return QwenCode(declared)


INTEGRATION = Integration(
    "qwen-code",
    "Qwen Code",
    "#615ced",
    guide,
    _adapter,
    lambda env: [QwenSource(env)],
    identity=identity,
    install=Install(("@qwen-code/qwen-code",), ("qwen",)),
    verify=VerifyPatterns(login=r"No auth type is selected"),
    verify_requests=2,  # the answer, and a background memory-extraction call
    environment=(
        "QWEN_HOME",
        "QWEN_RUNTIME_DIR",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_MODEL",
        "BAILIAN_CODING_PLAN_API_KEY",  # config.ENV_KEY
    ),
)
