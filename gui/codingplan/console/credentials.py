"""The console's credentials: an AccessKey ID and secret of a RAM user, and an optional STS
token, kept in the OS keyring beside the plan key and nowhere else.

They are one keyring entry (service ``codingplan``, account ``console-access-key``), so a
login stores all of them or none. The console token minted from them is kept there too
(account ``console-token``), tied to the AccessKey and the mint's address, so that a
command run every few minutes does not mint a new one each time.

Once loaded (or typed in), the secret, the STS token and the console token are masked by
value in every log and error, and the AccessKey ID to its last 4 characters.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass

from codingplan import keystore, paths
from codingplan.console import faults
from codingplan.console.hosts import Site
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.redact import mask_value

log = logging.getLogger(__name__)

ACCOUNT = "console-access-key"
TOKEN_ACCOUNT = "console-token"
_FORMAT = 1

_ID = re.compile(r"[A-Za-z0-9._\-]{8,128}")
_VISIBLE = re.compile(r"[!-~]+")  # printable ASCII, no space
_LONGEST_SECRET = 128
_LONGEST_STS_TOKEN = 8192


def masked_id(access_key_id: str) -> str:
    """How an AccessKey ID is shown: its last 4 characters, e.g. ``…wxyz``."""
    return f"…{access_key_id[-4:]}" if len(access_key_id) >= 8 else "…"


@dataclass(frozen=True, repr=False)
class Credentials:
    """An AccessKey pair (and an STS token when the pair is temporary). Make one with
    ``check``; its ``repr`` and ``str`` show the ID's last 4 characters only."""

    access_key_id: str
    access_key_secret: str
    security_token: str | None = None
    site: Site | None = None  # the account's site, when the person said it

    def __post_init__(self) -> None:
        mask_value(self.access_key_id, masked_id(self.access_key_id))
        mask_value(self.access_key_secret)
        if self.security_token:
            mask_value(self.security_token)

    @property
    def masked_id(self) -> str:
        return masked_id(self.access_key_id)

    @property
    def temporary(self) -> bool:
        return bool(self.security_token)

    def __repr__(self) -> str:
        site = self.site.value if self.site else None
        return f"Credentials(access_key_id={self.masked_id!r}, temporary={self.temporary}, site={site!r})"

    __str__ = __repr__


def _refuse(message: str) -> CodingPlanError:
    return faults.credentials_format(message)


def check(
    access_key_id: str,
    access_key_secret: str,
    security_token: str | None = None,
    site: Site | str | None = None,
) -> Credentials:
    """Credentials from what a person typed or pasted (outer spaces removed), or the
    ``console_credentials_format`` fault naming what is wrong. The error never holds them."""
    key_id, secret = access_key_id.strip(), access_key_secret.strip()
    token = (security_token or "").strip() or None
    if key_id.startswith("sk-") or secret.startswith("sk-"):
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "errors",
                "That is a Model Studio key (sk-…), not an AccessKey: the console needs the "
                "AccessKey ID and secret of a RAM user.",
            )
        )
    if not key_id:
        raise _refuse(QT_TRANSLATE_NOOP("errors", "The AccessKey ID is empty."))
    if not _ID.fullmatch(key_id):
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "errors",
                "The AccessKey ID should be 8 to 128 letters, digits, dots or dashes, "
                "without spaces.",
            )
        )
    if not secret:
        raise _refuse(QT_TRANSLATE_NOOP("errors", "The AccessKey secret is empty."))
    if not _VISIBLE.fullmatch(secret) or not 8 <= len(secret) <= _LONGEST_SECRET:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "errors",
                "The AccessKey secret should be 8 to 128 visible characters, without spaces.",
            )
        )
    if secret == key_id:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "errors", "The AccessKey secret is the same as its ID: copy the secret itself."
            )
        )
    if token is not None and (not _VISIBLE.fullmatch(token) or len(token) > _LONGEST_STS_TOKEN):
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "errors",
                "The STS token should be visible characters only, without spaces, at most "
                "8192 of them.",
            )
        )
    try:
        chosen = Site(site) if site else None
    except ValueError:
        raise _refuse(
            QT_TRANSLATE_NOOP("errors", "The site should be 'international' or 'domestic'.")
        ) from None
    return Credentials(key_id, secret, token, chosen)


# --- the keyring ------------------------------------------------------------------------------


def store(credentials: Credentials) -> None:
    """Keep ``credentials`` in the keyring, replacing any earlier ones (and their token)."""
    entry = {
        "format": _FORMAT,
        "access_key_id": credentials.access_key_id,
        "access_key_secret": credentials.access_key_secret,
        "security_token": credentials.security_token,
        "site": credentials.site.value if credentials.site else None,
    }
    keystore.set_secret(ACCOUNT, json.dumps(entry))
    forget_token()
    _mark_logged_in(True)


def load() -> Credentials | None:
    """The stored credentials, or None. Raises a keyring fault, or
    ``console_credentials_damaged`` for an entry this app cannot read."""
    text = keystore.get_secret(ACCOUNT)
    if text is None:
        return None
    try:
        entry = json.loads(text)
    except (ValueError, RecursionError):
        raise faults.credentials_damaged("the keyring entry is not JSON") from None
    if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
        raise faults.credentials_damaged("the keyring entry is of an unknown format")
    key_id, secret = entry.get("access_key_id"), entry.get("access_key_secret")
    token, site = entry.get("security_token"), entry.get("site")
    if not (isinstance(key_id, str) and isinstance(secret, str)) or not all(
        v is None or isinstance(v, str) for v in (token, site)
    ):
        raise faults.credentials_damaged("a field of the keyring entry is missing")
    try:
        return check(key_id, secret, token, site)
    except CodingPlanError as err:
        raise faults.credentials_damaged(err.message) from None


def require() -> Credentials:
    """The stored credentials, or the ``console_no_credentials`` fault."""
    found = load()
    if found is None:
        raise faults.no_credentials()
    return found


def delete() -> bool:
    """Remove the credentials and their token; False if none were stored."""
    forget_token()
    _mark_logged_in(False)
    return keystore.delete_secret(ACCOUNT)


def _mark_logged_in(stored: bool) -> None:
    """Keep the file that tells ``codingplan usage`` to read the console (without asking the
    keyring first) in step with the keyring. It holds nothing of the credentials."""
    marker = paths.console_login_marker()
    try:
        if stored:
            paths.private_dir(marker.parent)
            marker.touch()
        else:
            marker.unlink(missing_ok=True)
    except OSError as exc:
        log.info("console login marker not kept: %s", exc)


# --- the console token, kept for the process and between runs -------------------------------
# A convenience only: a keyring that fails here costs a new mint, never the reading.

_memory: dict[str, str] = {}


def token_scope(access_key_id: str, mint_url: str) -> str:
    """What a kept token belongs to: this AccessKey at this mint (a hash: names neither)."""
    return hashlib.sha256(f"{access_key_id}\n{mint_url}".encode()).hexdigest()[:32]


def kept_token(scope: str) -> str | None:
    """The token kept for ``scope`` in this process, else in the keyring, else None."""
    if scope in _memory:
        return _memory[scope]
    try:
        text = keystore.get_secret(TOKEN_ACCOUNT)
        entry = json.loads(text) if text else None
    except (CodingPlanError, ValueError, RecursionError) as exc:
        log.info("no console token kept: %s", exc)
        return None
    if not isinstance(entry, dict) or entry.get("scope") != scope:
        return None
    token = entry.get("token")
    if not isinstance(token, str) or not _VISIBLE.fullmatch(token):
        return None
    mask_value(token)
    _memory[scope] = token
    return token


def keep_token(scope: str, token: str) -> None:
    mask_value(token)
    _memory.clear()  # one AccessKey at a time
    _memory[scope] = token
    try:
        keystore.set_secret(TOKEN_ACCOUNT, json.dumps({"scope": scope, "token": token}))
    except CodingPlanError as exc:
        log.info("console token not kept in the keyring: %s", exc)


def forget_token() -> None:
    """Drop the kept token, here and in the keyring (the console refused it, or a logout)."""
    _memory.clear()
    try:
        keystore.delete_secret(TOKEN_ACCOUNT)
    except CodingPlanError as exc:
        log.info("console token not forgotten: %s", exc)
