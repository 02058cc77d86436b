"""Marking user-facing text in the Qt-free core for translation.

The core cannot import Qt, yet its messages reach the GUI. Strings wrapped in
``QT_TRANSLATE_NOOP(context, text)`` are found by ``pyside6-lupdate`` (it matches the
name, not the import) and the UI translates them with ``QCoreApplication.translate``
at display time. The CLI prints the English text as it is.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
