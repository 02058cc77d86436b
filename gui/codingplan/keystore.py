"""The plan key in the OS keyring, and nowhere else.

Every keyring failure becomes one ``CodingPlanError`` with a remedy. There is no fallback
to a file: a backend that would keep the key in a file, or drop it, is refused.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import keyring
import keyring.backend
import keyring.errors

from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.redact import mask_key, redact

SERVICE = "codingplan"
ACCOUNT = "plan-key"

_FRIENDLY = {
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service (libsecret)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
}
# Backends that would silently drop the key or keep it in a plain file.
_REFUSED_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


@dataclass(frozen=True)
class KeyStatus:
    """What the keyring holds, for display. Never carries the key itself."""

    usable: bool
    stored: bool
    backend: str  # a person-readable name, e.g. "Secret Service"
    backend_id: str  # module.Class, for support
    masked: str | None = None
    error: CodingPlanError | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "usable": self.usable,
            "stored": self.stored,
            "backend": self.backend,
            "backend_id": self.backend_id,
            "service": SERVICE,
            "account": ACCOUNT,
            "masked": self.masked,
            "error": self.error.to_dict() if self.error else None,
        }


def _backend_id(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def backend_name(backend: object) -> str:
    chained = getattr(backend, "backends", None)
    if chained:
        return " + ".join(backend_name(b) for b in chained)
    module = type(backend).__module__
    return _FRIENDLY.get(module, type(backend).__qualname__)


def _unavailable_remedy() -> str:
    if sys.platform == "darwin":
        return QT_TRANSLATE_NOOP("errors", "Open Keychain Access and check your login keychain.")
    if sys.platform == "win32":
        return QT_TRANSLATE_NOOP("errors", "Check that Windows Credential Manager is running.")
    return QT_TRANSLATE_NOOP(
        "errors",
        "Install and start a Secret Service provider (GNOME Keyring, KeePassXC or KWallet) in "
        "your desktop session, then try again.",
    )


def _unavailable(detail: str = "") -> CodingPlanError:
    return CodingPlanError(
        "keyring_unavailable",
        QT_TRANSLATE_NOOP("errors", "No system keyring is available to hold the key."),
        _unavailable_remedy(),
        detail=detail,
    )


def _backend() -> keyring.backend.KeyringBackend:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc or plugin must not crash the app
        raise _unavailable(redact(str(exc))) from exc
    modules = [type(b).__module__ for b in getattr(backend, "backends", None) or [backend]]
    if any(m.startswith(_REFUSED_PREFIXES) for m in modules):
        raise _unavailable(_backend_id(backend))
    return backend


def _translate(exc: Exception) -> CodingPlanError:
    """One clear error for each way a keyring call fails."""
    detail = redact(str(exc))
    if isinstance(exc, keyring.errors.NoKeyringError):
        return _unavailable(detail)
    lowered = detail.lower()
    if (
        isinstance(exc, keyring.errors.KeyringLocked)
        or "dismissed" in lowered
        or "locked" in lowered
    ):
        return CodingPlanError(
            "keyring_locked",
            QT_TRANSLATE_NOOP(
                "errors", "The system keyring is locked, or its unlock prompt was dismissed."
            ),
            QT_TRANSLATE_NOOP(
                "errors", "Unlock your keyring (for example by logging in again), then try again."
            ),
            detail=detail,
        )
    return CodingPlanError(
        "keyring_error",
        QT_TRANSLATE_NOOP("errors", "The system keyring refused the request: {detail}"),
        QT_TRANSLATE_NOOP(
            "errors", "Check that your keyring is unlocked and working, then try again."
        ),
        detail=detail,
    )


def set_key(raw: str) -> str:
    """Check ``raw`` and store it; returns the masked form. Nothing is stored if it is malformed."""
    from codingplan.plan import check_key  # only this path needs the format rules

    key = check_key(raw)
    backend = _backend()
    try:
        backend.set_password(SERVICE, ACCOUNT, key)
    except Exception as exc:
        raise _translate(exc) from None
    return mask_key(key)


def get_key() -> str | None:
    """The stored key, or None if there is none. Raises if the keyring cannot be used."""
    backend = _backend()
    try:
        return backend.get_password(SERVICE, ACCOUNT)
    except Exception as exc:
        raise _translate(exc) from None


def require_key() -> str:
    key = get_key()
    if not key:
        raise CodingPlanError(
            "key_missing",
            QT_TRANSLATE_NOOP("errors", "No plan key is stored yet."),
            QT_TRANSLATE_NOOP(
                "errors", "Store it with 'codingplan key set' or in the setup wizard."
            ),
        )
    return key


def delete_key() -> bool:
    """Remove the key; False if there was none to remove."""
    backend = _backend()
    try:
        if backend.get_password(SERVICE, ACCOUNT) is None:
            return False
        backend.delete_password(SERVICE, ACCOUNT)
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as exc:
        raise _translate(exc) from None
    return True


def status() -> KeyStatus:
    try:
        backend = _backend()
    except CodingPlanError as err:
        return KeyStatus(False, False, "", err.params.get("detail", ""), error=err)
    name, ident = backend_name(backend), _backend_id(backend)
    try:
        key = backend.get_password(SERVICE, ACCOUNT)
    except Exception as exc:
        return KeyStatus(False, False, name, ident, error=_translate(exc))
    return KeyStatus(True, key is not None, name, ident, mask_key(key) if key else None)


# --- other secrets of this app, beside the plan key ------------------------------------------
# Each under an account of its own in the same service, through the same backend checks and
# error translation as the key, so whatever guards the key's keyring calls guards these too.


def set_secret(account: str, value: str) -> None:
    """Store ``value`` under ``account``. Raises ``CodingPlanError`` as ``set_key`` does."""
    if account == ACCOUNT:
        raise ValueError("the plan key is stored with set_key, which checks its format")
    backend = _backend()
    try:
        backend.set_password(SERVICE, account, value)
    except Exception as exc:
        raise _translate(exc) from None


def get_secret(account: str) -> str | None:
    """The secret under ``account``, or None. Raises if the keyring cannot be used."""
    backend = _backend()
    try:
        return backend.get_password(SERVICE, account)
    except Exception as exc:
        raise _translate(exc) from None


def delete_secret(account: str) -> bool:
    """Remove the secret under ``account``; False if there was none."""
    if account == ACCOUNT:
        raise ValueError("the plan key is removed with delete_key")
    backend = _backend()
    try:
        if backend.get_password(SERVICE, account) is None:
            return False
        backend.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as exc:
        raise _translate(exc) from None
    return True
