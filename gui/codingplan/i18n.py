"""Marking user-facing text in the Qt-free core for translation.

The core cannot import Qt, yet its messages reach the GUI. Strings wrapped in
``QT_TRANSLATE_NOOP(context, text)`` are found by ``pyside6-lupdate`` (it matches the
name, not the import) and the UI translates them with ``QCoreApplication.translate``
at display time. The CLI prints the English text as it is.
"""

from collections.abc import Mapping
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, params: Mapping[str, Any]) -> str:
    """``template`` with its ``{fields}`` from ``params``; a field not given is left blank.

    Templates are translated before they are filled, so filling is done late, here.
    """
    return template.format_map(_Blank(params))
