"""What the command prints: results as text or one JSON object, errors as one line on stderr,
and the exit codes. Everything goes out through ``Output``, and everything is masked there."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from codingplan.redact import redact

if TYPE_CHECKING:
    from codingplan.errors import CodingPlanError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Errors that mean the command line itself was wrong: exit code 2, like a usage error.
BAD_INPUT = frozenset(
    {
        "bad_origin",
        "bad_setting",
        "bad_setting_name",
        "unknown_model",
        "key_format",
        "bad_reading",
        "unknown_tool",
        "guided_tool",
        "key_mode_unsupported",
        "option_unsupported",
        "confirmation_required",
        "console_credentials_format",
    }
)


class Output:
    """Prints results as text, or as one JSON object on stdout with ``--json``.

    A key pasted in the wrong place (``key set sk-sp-…``, ``--model sk-sp-…``) is never
    repeated: every string is masked on its way out."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def result(self, data: dict[str, Any], text: str | Callable[[], str] = "") -> None:
        if self.as_json:
            print(one_line_json(_masked(data)))
        elif text:
            print(redact(text() if callable(text) else text))

    def error(
        self, code: str, message: str, remedy: str = "", *, prog: str = "codingplan", **extra: Any
    ) -> None:
        """One clear line on stderr; with --json also the JSON on stdout."""
        if self.as_json:
            error = {"code": code, "message": message, "remedy": remedy}
            data = {**extra, "ok": False, "error": error}
            print(one_line_json(_masked(data)))
        line = f"{message} {remedy}".strip()
        print(redact(f"{prog}: {line}"), file=sys.stderr)

    def fail(self, err: CodingPlanError, **extra: Any) -> int:
        """Tell ``err`` (with ``extra`` fields in the JSON); its exit code."""
        self.error(err.code, err.message, err.remedy, **extra)
        return EXIT_USAGE if err.code in BAD_INPUT else EXIT_FAILED

    def notice(self, text: str) -> None:
        print(redact(f"codingplan: {text}"), file=sys.stderr)

    def tell(self, notices: list[CodingPlanError]) -> None:
        for notice in notices:
            self.notice(notice.one_line())

    def secret(self, data: dict[str, Any]) -> None:
        """``key print --json`` only: the one output meant to hold the key."""
        print(one_line_json(data))


# Characters that end a line for readers other than JSON's (Python's splitlines, editors),
# which JSON leaves as they are inside a string: escaped, a result stays one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line_json(data: Any) -> str:
    """``data`` as JSON on one line, whatever its strings hold (the text as it is, not
    ``\\u`` escapes, but for the few characters that would break the line)."""
    return json.dumps(data, ensure_ascii=False).translate(_LINE_BREAKS)


def _masked(value: Any) -> Any:
    """``value`` with every string masked, before it is encoded: in the encoded text an
    escape such as ``\\n`` would hide a key that follows it from the mask."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact(k) if isinstance(k, str) else k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value
