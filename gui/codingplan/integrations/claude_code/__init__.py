"""Claude Code (``@anthropic-ai/claude-code``): configured through ``settings.json``, its
requests counted from its session transcripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.claude_code import locations
from codingplan.integrations.claude_code.usage import ClaudeSource
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints
from codingplan.tools.declared import Install, KeyMode, ToolOption, VerifyPatterns

if TYPE_CHECKING:
    from codingplan.tools.adapter import Adapter
    from codingplan.tools.types import ClientIdentity, Guide


def guide(endpoints: Endpoints, model: str) -> Guide:
    from codingplan.tools.types import Guide, GuideStep

    return Guide(
        "anthropic",
        {"anthropic": endpoints.anthropic_base},
        model,
        (
            GuideStep(
                QT_TRANSLATE_NOOP(
                    "tools",
                    'In ~/.claude/settings.json, under "env", set ANTHROPIC_BASE_URL to '
                    "{url}, ANTHROPIC_MODEL and the ANTHROPIC_DEFAULT_*_MODEL tiers to {model}, "
                    "and ANTHROPIC_AUTH_TOKEN to the key.",
                ),
                {"url": endpoints.anthropic_base, "model": model},
            ),
            GuideStep(
                QT_TRANSLATE_NOOP("tools", 'In ~/.claude.json, set "hasCompletedOnboarding": true.')
            ),
        ),
    )


# The version tests/realtools pins, for a connection test where Claude Code is not installed.
KNOWN_VERSION = "2.1.332"


def identity(version: str | None, env: Env) -> ClientIdentity:
    """What Claude Code sends (measured with 2.1.328 to 2.1.332): its CLI's User-Agent family
    and ``x-app: cli``, the pair another client used to pass the plan's coding-agent gate."""
    from codingplan.tools.types import ClientIdentity

    version = version or KNOWN_VERSION
    headers = {"User-Agent": f"claude-cli/{version} (external, cli)", "x-app": "cli"}
    return ClientIdentity(f"Claude Code {version}", headers)


def _adapter(declared: Integration) -> Adapter:  # loaded when first asked for: `usage` needs none
    from codingplan.integrations.claude_code.config import ClaudeCode

    return ClaudeCode(declared)


STATUS_LINE = ToolOption(
    "status_line",
    QT_TRANSLATE_NOOP(
        "tools", "Show the plan's usage in Claude Code's status line (where you have none)"
    ),
    "show the plan's usage in its status line, where you have none of your own",
)


INTEGRATION = Integration(
    "claude-code",
    "Claude Code",
    "#d97757",
    guide,
    _adapter,
    lambda env: [ClaudeSource(env)],
    identity=identity,
    protocol="anthropic",
    install=Install(
        ("@anthropic-ai/claude-code", "@anthropic-ai/claude-code-linux-x64"),
        ("claude",),
        locations.install_locations,
    ),
    key_modes=(KeyMode.KEYRING, KeyMode.INLINE),
    options=(STATUS_LINE,),
    verify=VerifyPatterns(
        login=r"Not logged in|Please run /login|Select login method|Invalid API key · Please run",
        key_unavailable=r"apiKeyHelper failed: (.*)",
        unknown_model=r"doesn't recognize the model|\[claude-code:unrecognized_model\]",
    ),
    environment=(
        "CLAUDE_CONFIG_DIR",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
        # config.MODEL_VARIABLES (not imported here: `usage` loads no adapter)
        "ANTHROPIC_MODEL",
        "ANTHROPIC_DEFAULT_OPUS_MODEL",
        "ANTHROPIC_DEFAULT_SONNET_MODEL",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL",
        "CLAUDE_CODE_SUBAGENT_MODEL",
        "ANTHROPIC_SMALL_FAST_MODEL",
    ),
)
