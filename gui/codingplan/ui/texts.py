"""The words and numbers shared by the tray, the dashboard and the wizard, translated."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QLocale

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.outcomes import LABELS
from codingplan.plan import Window
from codingplan.tools.types import STATE_LABELS, Notice
from codingplan.ui.translations import core_fill

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.plan import TierInfo
    from codingplan.usage.estimate import WindowEstimate


def tr(text: str) -> str:
    """For texts marked elsewhere with QT_TRANSLATE_NOOP("texts", …); literal strings below
    call QCoreApplication.translate directly so that lupdate files them under "texts"."""
    return QCoreApplication.translate("texts", text)


def window_name(window: str) -> str:
    names: dict[str, str] = {
        Window.FIVE_HOURS: QCoreApplication.translate("texts", "5 hours"),
        Window.WEEK: QCoreApplication.translate("texts", "This week"),
        Window.MONTH: QCoreApplication.translate("texts", "This month"),
    }
    return names[window]


def number(value: int) -> str:
    return QLocale().toString(value)


def prices(info: TierInfo) -> str:
    """A tier's price on each site, as each site charges it: "US$10 a month on the
    international site, ¥40 on the China site"."""
    return QCoreApplication.translate(
        "texts", "US${usd} a month on the international site, ¥{cny} on the China site"
    ).format(usd=number(info.price_usd), cny=number(info.price_cny))


def used_line(estimate: WindowEstimate) -> str:
    if estimate.limit is None:
        return QCoreApplication.translate("texts", "{used} used").format(used=number(estimate.used))
    return QCoreApplication.translate("texts", "{used} of {limit} used").format(
        used=number(estimate.used), limit=number(estimate.limit)
    )


CONFIDENCE = {
    "counted": (
        QT_TRANSLATE_NOOP("texts", "Counted"),
        QT_TRANSLATE_NOOP(
            "texts",
            "Counted from the tools' own records on this computer; calls they do not record, "
            "and use on other computers, are not included.",
        ),
    ),
    "calibrated": (
        QT_TRANSLATE_NOOP("texts", "Calibrated"),
        QT_TRANSLATE_NOOP(
            "texts", "Carried on from the reading you entered from the plan's console."
        ),
    ),
    "lower_bound": (
        QT_TRANSLATE_NOOP("texts", "At least"),
        QT_TRANSLATE_NOOP(
            "texts",
            "The plan answered 'quota exceeded' in this window: at least this much is used.",
        ),
    ),
    "official": (
        QT_TRANSLATE_NOOP("texts", "From the plan"),
        QT_TRANSLATE_NOOP(
            "texts",
            "The plan's own figure, read from its console, and the calls the tools recorded since.",
        ),
    ),
}


def confidence(estimate: WindowEstimate) -> tuple[str, str]:
    label, hint = CONFIDENCE.get(estimate.confidence, (estimate.confidence, ""))
    return tr(label), tr(hint)


def source_name(source: str) -> str:
    """The name of a tool whose requests are counted (or of this app's own tests)."""
    if source == "app":
        return QCoreApplication.translate("texts", "This app's tests")
    return tool_name(source)


def tool_name(tool_id: str) -> str:
    """A tool's name in the current language (only the catch-all entry's changes)."""
    from codingplan import integrations  # the tools load after the first paint

    return QCoreApplication.translate("categories", integrations.name(tool_id))


NO_BREAK_SPACE = "\u00a0"


def unbroken_names(text: str) -> str:
    """``text`` with each tool's name kept on one line ("Qwen Code", "Kilo Code CLI"): a
    wrapped sentence may break between words, never inside a name."""
    from codingplan import integrations

    for tool_id in integrations.IDS:
        name = tool_name(tool_id)
        if " " in name and name in text:
            text = text.replace(name, name.replace(" ", NO_BREAK_SPACE))
    return text


def category_label(category: str) -> str:
    """An outcome category's short name (the raw value if unknown)."""
    # A StrEnum key is found by its value too, which the dict's key type cannot say.
    text = cast("dict[str, str]", LABELS).get(category)
    return QCoreApplication.translate("categories", text) if text else category


def tool_state_label(state: str) -> str:
    text = cast("dict[str, str]", STATE_LABELS).get(state)  # as in category_label
    return QCoreApplication.translate("categories", text) if text else state


def notice_text(notice: Notice) -> str:
    """A core notice in the current language."""
    return core_fill(notice.template, notice.params)


def join_list(items: list[str]) -> str:
    """Names in a sentence as the language writes them: "A, B and C", "A、B和C"."""
    return QLocale().createSeparatedList(items)
