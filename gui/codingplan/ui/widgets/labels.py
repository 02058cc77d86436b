"""Short names shown for core values: outcome categories (connection test, a tool's verify run),
tool states, and the one tool name the core leaves in English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.tools.model import Notice
from codingplan.ui.translations import core_fill

_CONTEXT = "categories"
# probe.Category values, plus the ones only a tool's verify run reports.
_LABELS = {
    "ok": QT_TRANSLATE_NOOP("categories", "Works"),
    "key_format": QT_TRANSLATE_NOOP("categories", "Malformed key"),
    "invalid_key": QT_TRANSLATE_NOOP("categories", "Key rejected"),
    "wrong_endpoint": QT_TRANSLATE_NOOP("categories", "Wrong address for this key"),
    "bad_path": QT_TRANSLATE_NOOP("categories", "Wrong path"),
    "model_unsupported": QT_TRANSLATE_NOOP("categories", "Model not offered"),
    "quota_5h": QT_TRANSLATE_NOOP("categories", "5-hour quota used up"),
    "quota_week": QT_TRANSLATE_NOOP("categories", "Weekly quota used up"),
    "quota_month": QT_TRANSLATE_NOOP("categories", "Monthly quota used up"),
    "rate_limited": QT_TRANSLATE_NOOP("categories", "Too many requests at once"),
    "network": QT_TRANSLATE_NOOP("categories", "Network problem"),
    "timeout": QT_TRANSLATE_NOOP("categories", "No answer in time"),
    "tls": QT_TRANSLATE_NOOP("categories", "Secure connection failed"),
    "proxy": QT_TRANSLATE_NOOP("categories", "Proxy problem"),
    "server_error": QT_TRANSLATE_NOOP("categories", "Server problem"),
    "unexpected": QT_TRANSLATE_NOOP("categories", "Unexpected answer"),
    "login_required": QT_TRANSLATE_NOOP("categories", "The tool asked for a login"),
    "not_installed": QT_TRANSLATE_NOOP("categories", "Not installed"),
    "key_unavailable": QT_TRANSLATE_NOOP("categories", "Key not available"),
    "tool_failed": QT_TRANSLATE_NOOP("categories", "The tool failed"),
}


def category_label(category: str) -> str:
    """The category's short name in the current language (the raw value if unknown)."""
    text = _LABELS.get(category)
    return QCoreApplication.translate(_CONTEXT, text) if text else category


_STATES = {
    "not_installed": QT_TRANSLATE_NOOP("categories", "Not installed"),
    "not_configured": QT_TRANSLATE_NOOP("categories", "Not set up yet"),
    "configured": QT_TRANSLATE_NOOP("categories", "Set up for the plan"),
    "configured_elsewhere": QT_TRANSLATE_NOOP("categories", "Set up for another provider"),
    "drifted": QT_TRANSLATE_NOOP("categories", "Changed since this app set it up"),
    "overridden": QT_TRANSLATE_NOOP("categories", "Overridden by an environment variable"),
}


def tool_state_label(state: str) -> str:
    text = _STATES.get(state)
    return QCoreApplication.translate(_CONTEXT, text) if text else state


def tool_name(tool_id: str, name: str) -> str:
    """A tool's name; the catch-all entry is a description, so it is translated."""
    if tool_id == "other":
        return QCoreApplication.translate("categories", "Another tool")
    return name


def notice_text(notice: Notice) -> str:
    """A core notice in the current language."""
    return core_fill(notice.template, notice.params)
