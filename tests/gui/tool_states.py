"""A state for each tool this app sets up, as ``actions.tool_statuses`` reports them, so that
the cards and the tray's Tools menu can be shown in every state at once (the screen-fit check,
the screenshots): Claude Code set up and verified, Qwen Code set up, Cline changed since this
app set it up, OpenCode set up for another provider, Kilo Code CLI not installed, Continue
whose last Verify failed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from codingplan.plan import Region, endpoints_for
from codingplan.tools.types import (
    ConfigFile,
    ConfigureOptions,
    Detection,
    KeyMode,
    ToolState,
    ToolStatus,
    Verified,
)

ORIGIN = "https://coding-intl.dashscope.aliyuncs.com"


def every_state(home: Path) -> dict[str, ToolStatus]:
    earlier = (datetime.now(UTC) - timedelta(hours=2, minutes=5)).isoformat(timespec="seconds")

    def found(tool_id: str, version: str | None, *files: str) -> Detection:
        configs = tuple(ConfigFile("settings", home / f, True) for f in files)
        executable = home / "bin" / tool_id if version else None
        return Detection(tool_id, version is not None, executable, version, configs)

    def options(model: str, mode: KeyMode = KeyMode.INLINE) -> ConfigureOptions:
        return ConfigureOptions(model, mode, endpoints_for(Region.INTL, ORIGIN))

    return {
        "claude-code": ToolStatus(
            found("claude-code", "2.1.332", ".claude/settings.json"),
            ToolState.CONFIGURED,
            configured=options("qwen3-coder-plus", KeyMode.KEYRING),
            recorded=True,
            verified=Verified(True, "ok", earlier),
        ),
        "qwen-code": ToolStatus(
            found("qwen-code", "0.9.1", ".qwen/settings.json"),
            ToolState.CONFIGURED,
            configured=options("qwen3-coder-plus"),
            recorded=True,
        ),
        "cline": ToolStatus(
            found("cline", "1.0.8", ".cline/data/settings/providers.json"),
            ToolState.DRIFTED,
            configured=options("glm-5"),
            recorded=True,
        ),
        "opencode": ToolStatus(
            found("opencode", "1.1.20", ".config/opencode/opencode.json"),
            ToolState.CONFIGURED_ELSEWHERE,
        ),
        "kilo-cli": ToolStatus(found("kilo-cli", None), ToolState.NOT_INSTALLED),
        "continue": ToolStatus(
            found("continue", "1.2.0", ".continue/config.yaml"),
            ToolState.CONFIGURED,
            configured=options("qwen3-coder-plus"),
            recorded=True,
            verified=Verified(False, "invalid_key", earlier),
        ),
    }
