"""English and Simplified Chinese: Qt Linguist catalogues for the app and Qt's own strings.

The core marks its texts with ``QT_TRANSLATE_NOOP`` (contexts below) and hands templates
plus fields; they are translated here, then filled.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from codingplan.errors import CodingPlanError
from codingplan.i18n import fill
from codingplan.redact import redact
from codingplan.ui.resources import translations_dir

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
CORE_CONTEXTS = ("errors", "probe", "tools", "usage", "alerts")
_installed: list[QTranslator] = []


def choose(setting: str, system: QLocale | None = None) -> str:
    """The language to show: the setting, or for "system" the closest one we have."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def install(app: QCoreApplication, setting: str) -> str:
    """Load the catalogues for ``setting``; returns the language chosen."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = choose(setting)
    if language == "en":
        # Numbers, days and times follow the language shown: the system's own conventions
        # when it speaks English, else (the bare C locale groups no digits; a German one
        # would write "1.033" and "Mo." among English words) those of US English.
        system = QLocale.system()
        english = system.language() == QLocale.Language.English
        QLocale.setDefault(
            system if english else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        )
        return language
    ours = QTranslator(app)
    if ours.load(f"codingplan_{language}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no %s catalogue in %s", language, translations_dir())
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return language


def core(text: str) -> str:
    """A core template in the current language (it names no context, so try each)."""
    for context in CORE_CONTEXTS:
        translated = QCoreApplication.translate(context, text)
        if translated != text:
            return translated
    return text


def core_fill(template: str, params: Mapping[str, Any]) -> str:
    return fill(core(template), params) if template else ""


def error_texts(err: CodingPlanError) -> tuple[str, str]:
    """An error's message and remedy, translated."""
    return core_fill(err.template, err.params), core_fill(err.remedy_template, err.params)


def error_parts(error: BaseException) -> tuple[str, str]:
    """Message and remedy of any error, translated; the key masked even in unexpected ones."""
    if isinstance(error, CodingPlanError):
        return error_texts(error)
    return redact(str(error)) or type(error).__name__, ""


def error_line(error: BaseException) -> str:
    return " ".join(t for t in error_parts(error) if t)
