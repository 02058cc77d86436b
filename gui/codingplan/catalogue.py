"""The app's built translations (the ``.qm`` files Qt Linguist makes), read without Qt.

The desktop app loads the catalogues through Qt. A command that must answer at once
(``usage --line``, run on every shell prompt) cannot afford to start Qt, so it reads the
few texts it needs straight from the same file: one catalogue, one translation of each
text. A ``.qm`` file is a few tagged sections; the messages section lists, per message,
its translation (UTF-16), source text and context (UTF-8), each as tag, length, bytes.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_MESSAGES = 0x69  # the section of the messages
# Tags of a message's fields.
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8


def translations_dir() -> Path:
    """Where the built catalogues are: beside the frozen app, or in the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "translations"
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def load(language: str, context: str, folder: Path | None = None) -> dict[str, str]:
    """Source text -> translation of every message of ``context`` in the catalogue of
    ``language``; empty when there is none (the texts then stay in English)."""
    path = (folder or translations_dir()) / f"codingplan_{language}.qm"
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        return _messages(data, context.encode())
    except (struct.error, UnicodeDecodeError, IndexError):  # damaged: English it is
        return {}


def _messages(data: bytes, context: bytes) -> dict[str, str]:
    if not data.startswith(_MAGIC):
        return {}
    at, found = len(_MAGIC), {}
    while at + 5 <= len(data):
        tag, size = data[at], struct.unpack_from(">I", data, at + 1)[0]
        at += 5
        if tag == _MESSAGES:
            found.update(_section(data, at, at + size, context))
        at += size
    return found


def _section(data: bytes, at: int, end: int, context: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    translation: str | None = None
    source = message_context = b""
    while at < end:
        tag = data[at]
        at += 1
        if tag == _END:
            if translation is not None and message_context == context and source:
                found[source.decode("utf-8")] = translation
            translation, source, message_context = None, b"", b""
            continue
        if tag == _OBSOLETE1:  # a bare 32-bit value
            at += 4
            continue
        size = struct.unpack_from(">I", data, at)[0]
        at += 4
        if tag == _TRANSLATION:
            if size != 0xFFFFFFFF:  # that length means "no translation"
                translation = data[at : at + size].decode("utf-16-be")
                at += size
            continue
        value = data[at : at + size]
        at += size
        if tag == _SOURCE:
            source = value
        elif tag == _CONTEXT:
            message_context = value
    return found
