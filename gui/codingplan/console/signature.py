"""Alibaba Cloud's ACS3-HMAC-SHA256 request signature (the "V3" signature), for the one
signed call this app makes: the console token mint.

The canonical request is ``METHOD\\nPATH\\nQUERY\\nHEADERS\\nSIGNED_HEADERS\\nBODY_HASH``,
where HEADERS holds one ``name:value\\n`` line per signed header (lower-case names, sorted)
and SIGNED_HEADERS the same names joined by ``;``. The string to sign is the algorithm's
name, a newline and the hex SHA-256 of the canonical request; the signature is the hex
HMAC-SHA256 of that string, keyed with the AccessKey secret.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import NamedTuple

ALGORITHM = "ACS3-HMAC-SHA256"


def sha256_hex(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def acs_date(moment: datetime) -> str:
    """``x-acs-date``: UTC to the second, e.g. ``2024-01-01T00:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_signed(name: str) -> bool:
    """The headers the signature covers: ``host``, ``content-type`` and every ``x-acs-*``."""
    return name in ("host", "content-type") or name.startswith("x-acs-")


class Signed(NamedTuple):
    """What a signature was computed from, kept for tests and for a stand-in to compare."""

    canonical_request: str
    signed_headers: str
    signature: str

    @property
    def canonical_hash(self) -> str:
        return sha256_hex(self.canonical_request)


def canonical_request(
    method: str, path: str, query: str, headers: Mapping[str, str], body_hash: str
) -> tuple[str, str]:
    """The canonical request and the signed header names (``a;b;c``) for ``headers``.

    Only the headers the signature covers are taken; names are compared lower-case and
    values with their outer spaces removed, as the server does."""
    chosen = sorted(
        (name.lower(), value.strip()) for name, value in headers.items() if is_signed(name.lower())
    )
    lines = "".join(f"{name}:{value}\n" for name, value in chosen)
    names = ";".join(name for name, _value in chosen)
    return "\n".join((method.upper(), path, query, lines, names, body_hash)), names


def sign(
    secret: str, method: str, path: str, query: str, headers: Mapping[str, str], body_hash: str
) -> Signed:
    """The signature of a request whose signed headers are ``headers``."""
    request, names = canonical_request(method, path, query, headers, body_hash)
    to_sign = f"{ALGORITHM}\n{sha256_hex(request)}"
    digest = hmac.new(secret.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256)
    return Signed(request, names, digest.hexdigest())


def authorization(access_key_id: str, signed: Signed) -> str:
    """The ``Authorization`` header's value."""
    return (
        f"{ALGORITHM} Credential={access_key_id},"
        f"SignedHeaders={signed.signed_headers},Signature={signed.signature}"
    )
