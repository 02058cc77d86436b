"""Every tool whose own records the tracker reads, and the parsers for their files."""

from __future__ import annotations

from codingplan.usage.sources import app, claude, cline, opencode, qwen
from codingplan.usage.sources.base import Item, OutcomeUpdate, SourceInfo, Target

SOURCE_IDS = ("claude-code", "qwen-code", "cline", "opencode", "app")

PARSERS = {
    "claude": claude.PARSER,
    "qwen-usage": qwen.USAGE_PARSER,
    "qwen-chat": qwen.CHAT_PARSER,
    "cline-session": cline.SESSION_PARSER,
    "cline-task": cline.TASK_PARSER,
    "opencode": opencode.PARSER,
    "app": app.PARSER,
}


def all_sources() -> list[SourceInfo]:
    """The sources as this environment places them (HOME, XDG and tool variables)."""
    return [
        claude.ClaudeSource(),
        qwen.QwenSource(),
        cline.ClineSource(),
        opencode.OpenCodeSource(),
        app.AppSource(),
    ]


__all__ = ["PARSERS", "SOURCE_IDS", "Item", "OutcomeUpdate", "SourceInfo", "Target", "all_sources"]
