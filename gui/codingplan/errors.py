"""The project's own error type: a stable code, an English message and a remedy.

The UI maps ``code`` to translated text; the CLI prints ``message`` (and ``remedy``).
Messages are templates with ``{name}`` fields filled from ``params`` so the UI can
translate the template first and fill it afterwards.
"""

from __future__ import annotations

from typing import Any


class CodingPlanError(Exception):
    """A failure the person can act on."""

    def __init__(self, code: str, message: str, remedy: str = "", **params: Any) -> None:
        self.code = code
        self.template = message
        self.remedy_template = remedy
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    @property
    def remedy(self) -> str:
        return self.remedy_template.format(**self.params)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "remedy": self.remedy}

    def one_line(self) -> str:
        return f"{self.message} {self.remedy}".strip()


def os_reason(exc: OSError) -> str:
    """What the system said went wrong (``Permission denied``), for an error's ``reason``."""
    return exc.strerror or str(exc)
