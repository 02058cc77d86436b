"""The plan key in the OS keyring, and nowhere else.

Every keyring failure becomes one ``CodingPlanError`` with a remedy. There is no fallback
to a file: a backend that would keep the key in a file, or drop it, is refused.

Every call to the keyring, finding it included, goes through ``_backend()`` and runs under
a deadline (``TIMEOUT_S``): a session bus or keyring daemon that takes the call and never
answers must not hang a command, least of all ``key print``, which Claude Code waits on.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

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


# How long a keyring call may take. A keyring answers in milliseconds; an unlock prompt
# left open keeps its own dialog and is answered before the next try.
TIMEOUT_S = 5.0

_T = TypeVar("_T")
_pending: list[threading.Event] = []  # calls that never ended (at most one is kept waiting)
_found: list[str] = []  # the name of the keyring found last, to name it when it stops answering


def _keyring_name() -> str:
    if _found:
        return _found[-1]
    if sys.platform == "darwin":
        return "macOS Keychain"
    if sys.platform == "win32":
        return "Windows Credential Manager"
    return "Secret Service"


def _timed_out(name: str) -> CodingPlanError:
    return CodingPlanError(
        "keyring_timeout",
        QT_TRANSLATE_NOOP(
            "errors", "The system keyring ({keyring}) did not answer within {seconds} seconds."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Answer its unlock prompt if one is open; otherwise restart the keyring (log out "
            "and in again), then try again.",
        ),
        keyring=name,
        seconds=f"{TIMEOUT_S:g}",
    )


def _within_deadline(call: Callable[[], _T], name: str) -> _T:
    """``call()``'s result or exception, or ``keyring_timeout`` after ``TIMEOUT_S``.

    The call runs in a thread of its own, which a keyring that never answers leaves
    waiting (it ends with the process); while one waits, later calls fail at once rather
    than pile up behind it."""
    if _pending and not _pending[-1].is_set():
        raise _timed_out(name)
    _pending.clear()
    done = threading.Event()
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=run, name="keyring-call", daemon=True).start()
    if not done.wait(TIMEOUT_S):
        _pending.append(done)
        raise _timed_out(name)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


class _Guarded:
    """The backend, each of its calls made under the deadline (``_within_deadline``)."""

    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self.backend = backend
        self.name = backend_name(backend)
        _found[:] = [self.name]

    def get_password(self, service: str, username: str) -> str | None:
        return _within_deadline(lambda: self.backend.get_password(service, username), self.name)

    def set_password(self, service: str, username: str, password: str) -> None:
        _within_deadline(lambda: self.backend.set_password(service, username, password), self.name)

    def delete_password(self, service: str, username: str) -> None:
        _within_deadline(lambda: self.backend.delete_password(service, username), self.name)

    def __getattr__(self, attribute: str) -> Any:
        found = getattr(self.backend, attribute)
        if not callable(found):
            return found
        return lambda *args, **kwargs: _within_deadline(lambda: found(*args, **kwargs), self.name)


def _backend() -> _Guarded:
    """The keyring, found under the deadline (finding it asks the session bus), every call
    to it under the deadline too."""
    return _within_deadline(_find_backend, _keyring_name())


def _find_backend() -> _Guarded:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc or plugin must not crash the app
        raise _unavailable(redact(str(exc))) from exc
    chained = getattr(backend, "backends", None)
    modules = [type(b).__module__ for b in chained or [backend]]
    # A chain of no keyring at all keeps nothing, and says nothing of it.
    if any(m.startswith(_REFUSED_PREFIXES) for m in modules) or chained == []:
        raise _unavailable(_backend_id(backend))
    return _Guarded(backend)


def _translate(exc: Exception) -> CodingPlanError:
    """One clear error for each way a keyring call fails."""
    if isinstance(exc, CodingPlanError):  # told already (a deadline passed)
        return exc
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
        # Read back: a keyring may take the key and keep nothing (a chain of none, a plugin).
        kept = backend.get_password(SERVICE, ACCOUNT) == key
    except Exception as exc:
        raise _translate(exc) from None
    if not kept:
        raise CodingPlanError(
            "keyring_not_kept",
            QT_TRANSLATE_NOOP(
                "errors", "The system keyring ({keyring}) took the key but does not hold it."
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use a keyring that keeps secrets (GNOME Keyring, KWallet or KeePassXC); check "
                "PYTHON_KEYRING_BACKEND if you set it.",
            ),
            keyring=backend.name,
        )
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
    name, ident = backend.name, _backend_id(backend.backend)
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
