"""Keeping the plan key out of everything a person or a log can see.

Kept apart from ``keystore`` so that code which only needs masking does not
import ``keyring`` (nor ``logging``, until logs are set up: ``usage --line`` needs neither).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import logging

KEY_PREFIX = "sk-sp-"
# A dash, as written or URL-encoded ("%2D"), and a key's characters likewise.
_DASH = r"(?:-|%2[dD])"
_BODY = r"(?:[A-Za-z0-9_\-]|%2[dD]|%5[fF])"
# Any plan-key-shaped run, and general Model Studio keys too: neither belongs in output.
# A plan key of a real key's length is one wherever it starts (after "-", a letter, "%22",
# a colour code's "m"). Otherwise the look-behind keeps words such as "task-list" or
# "desk-sp-lamp" from being taken for a key; a key right after an escape (a repr() or JSON
# text of "\nsk-…", "\u200bsk-…"), a URL-encoded character ("%22sk-…") or a terminal
# colour code is still one.
_KEY_RE = re.compile(
    rf"sk{_DASH}sp{_DASH}{_BODY}{{12,}}"
    r"|(?:(?<![A-Za-z0-9_\-])|(?<=\\[abfnrtv0])|(?<=\\x[0-9a-fA-F]{2})"
    r"|(?<=\\u[0-9a-fA-F]{4})|(?<=\\U[0-9a-fA-F]{8})|(?<=%[0-9a-fA-F]{2})"
    r"|(?<=\x1b\[\dm)|(?<=\x1b\[\d\dm)|(?<=\x1b\[\d;\dm)|(?<=\x1b\[\d;\d\dm)"
    r"|(?<=\x1b\[\d\d;\dm)|(?<=\x1b\[\d\d;\d\dm)|(?<=\x1b\[\d;\d\d;\dm))"
    rf"sk{_DASH}{_BODY}{{4,}}"
)


def mask_key(key: str) -> str:
    """Display form of a key: its prefix and last 4 characters, e.g. ``sk-sp-…abcd``.

    A key too short to hide anything shows no tail at all.
    """
    plain = key.replace("%2D", "-").replace("%2d", "-")  # a URL-encoded key shows as one
    prefix = next((p for p in (KEY_PREFIX, "sk-") if plain.startswith(p)), "")
    tail = key[-4:] if len(key) >= len(prefix) + 8 else ""
    return f"{prefix}…{tail}"


def redact(text: str) -> str:
    """Replace every key-shaped substring in ``text`` by its masked form."""
    if _VALUES:
        text = _mask_values(text)
    if "sk-" not in text and "sk%" not in text:
        return text
    return _KEY_RE.sub(lambda m: mask_key(m.group(0)), text)


# Secrets with no shape of their own (an AccessKey secret, an STS token, a console token):
# masked by value from the moment the code that loads one registers it. A tuple, replaced
# whole, so that a thread logging while another registers never sees it half-changed.
_VALUES: tuple[tuple[str, str], ...] = ()
_SHORTEST_MASKED = 6  # anything shorter would mask ordinary words, and hides little anyway


def mask_value(value: str, shown: str = "…") -> None:
    """From now on show ``value`` as ``shown`` wherever ``redact`` runs, logs included.

    The forms a value takes in JSON (``/`` escaped) and in a URL (percent-encoded) are
    masked too."""
    global _VALUES
    if len(value) < _SHORTEST_MASKED:
        return
    from urllib.parse import quote

    forms = {value, value.replace("/", "\\/"), quote(value, safe="")}
    known = dict(_VALUES)
    known.update((form, shown) for form in forms)
    # The longest first: a value that holds another is masked whole.
    _VALUES = tuple(sorted(known.items(), key=lambda item: -len(item[0])))


def _mask_values(text: str) -> str:
    for value, shown in _VALUES:
        if value in text:
            text = text.replace(value, shown)
    return text


def _mask_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # a broken format string must not lose the record
        message = str(record.msg)
    masked = redact(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        import logging

        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    return record


_installed = False


def install_log_masking() -> None:
    """Mask keys in every log record created in this process, whichever handler gets it.

    A record factory sees each record once, before any handler or formatter, so no
    handler added later can miss the filter.
    """
    import logging

    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _mask_record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    _installed = True
