"""Preferences as JSON in the user config dir: schema-versioned, written atomically.

A file that does not parse is moved aside with a timestamp and the person is told; a
file with a few bad values keeps the good ones, and a copy of it is kept. Keys this
version does not know are carried through untouched, so an older app does not erase
what a newer one wrote.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from codingplan import paths
from codingplan.errors import CodingPlanError
from codingplan.fileio import FileTooLarge, NotRegularFile, atomic_write, read_regular, set_aside
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import (
    CATALOG,
    DEFAULT_MODEL,
    INSECURE_ORIGIN_VARIABLE,
    Region,
    Tier,
    check_model,
    normalize_origin,
)
from codingplan.redact import redact
from codingplan.shown import DEFAULT as DEFAULT_SHOWN
from codingplan.shown import Shown


def _warn(message: str, *args: object) -> None:
    import logging  # only for a bad file: reading settings (a prompt's line) loads no logging

    logging.getLogger(__name__).warning(message, *args)


SCHEMA_VERSION = 1
MAX_FILE = 1 << 20  # the app writes a few kilobytes; nothing larger is its settings
LANGUAGES = ("system", "en", "zh_CN")
DEFAULT_NOTIFY_AT = (80, 95)


@dataclass
class Settings:
    """The person's choices, as the settings file holds them (defaults where it is silent)."""

    # None until the person says which plan they have: no made-up headroom before that.
    tier: Tier | None = None
    region: Region = Region.INTL
    origin: str = ""  # a custom origin replaces the region's host; empty means none
    subscription_day: int = 1
    model: str = DEFAULT_MODEL
    notify_at: tuple[int, ...] = DEFAULT_NOTIFY_AT
    # Whether the tray, its menu and tooltip and ``usage --line`` count requests used or left.
    show: Shown = DEFAULT_SHOWN
    language: str = "system"
    start_at_login: bool = False
    # Ask GitHub whether a newer version is released (codingplan.updates): off unless chosen.
    check_updates: bool = False
    # A folder the person syncs between computers: each writes its count there, and reads
    # the others' (empty: this computer counts alone).
    share_folder: str = ""
    # Read the plan's console with the sign-in of Alibaba's ``bl`` command (its token is
    # read from bl's own file each time, never copied): the second way in, after an AccessKey.
    use_bl: bool = False
    setup_complete: bool = False
    tools: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Each change of tier with its time (ISO 8601, UTC): a Lite -> Pro upgrade mid-month
    # raises that month's quota, so the quota tracker needs to know when it happened.
    tier_changes: tuple[dict[str, str], ...] = ()
    # Keys from a newer version of the app, written back as they were.
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        data.update(self.extra)
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            data[f.name] = list(value) if isinstance(value, tuple) else value
        if not self.tier_changes:  # files without upgrades stay as older versions wrote them
            del data["tier_changes"]
        if not self.use_bl:  # nor do files of people who never chose bl's sign-in
            del data["use_bl"]
        return data


# --- validation: one function per field, each raising CodingPlanError ------------------------


def _bad_value(name: str, value: object, expected: str) -> CodingPlanError:
    return CodingPlanError(
        "bad_setting",
        QT_TRANSLATE_NOOP("errors", "'{value}' is not a valid value for {name}."),
        QT_TRANSLATE_NOOP("errors", "Expected {expected}."),
        name=name,
        value=redact(str(value)),  # a key pasted into the wrong field is never repeated
        expected=expected,
    )


def _tier(value: object) -> Tier | None:
    if value is None or value == "":  # not chosen yet (or chosen no longer)
        return None
    try:
        return Tier(str(value).lower())
    except ValueError:
        raise _bad_value("tier", value, "lite or pro") from None


def _region(value: object) -> Region:
    try:
        return Region(str(value).lower())
    except ValueError:
        raise _bad_value("region", value, "intl or cn") from None


def _origin(value: object, allow_insecure: bool = True) -> str:
    """An origin read from the file is taken over plain http:// too: it was confirmed when
    it was set (``parse_value``), or the person wrote it there themselves."""
    text = str(value or "").strip()
    return normalize_origin(text, allow_insecure=allow_insecure) if text else ""


def _subscription_day(value: object) -> int:
    try:
        day = int(str(value))
    except ValueError:
        raise _bad_value("subscription-day", value, "a day of the month, 1 to 31") from None
    if not 1 <= day <= 31:
        raise _bad_value("subscription-day", value, "a day of the month, 1 to 31")
    return day


# The console shows the plan's renewal (or end) as the last day it is valid: a plan bought
# on the 10th is valid "until the corresponding day of the next month, 23:59:59 (UTC+8)",
# the month's last day where it has no such day, and its month turns at 00:00 on the 11th.
RENEWAL_DATE = "renewal-date"


def turn_day_after(renewal: date) -> int:
    """The subscription day (the day the month turns, at 00:00 UTC+8) of a plan whose
    renewal or end the console shows as ``renewal``: the day after it.

    A date on the last day of its month gives the 1st: the purchase day may be one that
    month lacks (a plan bought on the 31st shows 30 April), so the month is never taken to
    turn before it does. In a month too short for the day after (the 29th to 31st), the
    turn falls on the month's last day, as it always has for the subscription day."""
    return (renewal + timedelta(days=1)).day


def renewal_date_of(subscription_day: int, now: datetime) -> date:
    """The date the console would show as the renewal of a plan whose month turns on
    ``subscription_day``: the last day before the next turn, in the plan's time (UTC+8)."""
    from codingplan.usage.windows import PLAN_TZ, month_period

    return (month_period(now, subscription_day).end.astimezone(PLAN_TZ) - timedelta(days=1)).date()


def _renewal_date(value: object) -> int:
    """The subscription day for a renewal date given as the console shows it: a date
    (2027-01-10, 2027/01/10), or the moment the plan ends (2027-01-11 00:00:00, which is a
    turn of its own)."""
    text = str(value).strip().replace("/", "-")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _bad_value(
            RENEWAL_DATE,
            value,
            "the date the plan's console shows as its renewal or end, such as 2027-01-10",
        ) from None
    if moment.time() == datetime.min.time() and len(text) > 10:  # 00:00 itself: the turn
        return moment.day
    return turn_day_after(moment.date())


def _model(value: object) -> str:
    return check_model(str(value)).id


def _notify_at(value: object) -> tuple[int, ...]:
    items = value.split(",") if isinstance(value, str) else value
    try:
        if not isinstance(items, Iterable):
            raise TypeError(items)  # told below like any other wrong shape
        numbers = sorted({int(str(v).strip().rstrip("%")) for v in items})
    except (TypeError, ValueError):
        raise _bad_value("notify-at", value, "percentages used, such as 80,95") from None
    if not numbers or any(not 1 <= n <= 99 for n in numbers):
        raise _bad_value("notify-at", value, "percentages from 1 to 99, such as 80,95")
    return tuple(numbers)


def _show(value: object) -> Shown:
    try:
        return Shown(str(value).strip().lower())
    except ValueError:
        raise _bad_value("show", value, "used or left") from None


def _share_folder(value: object) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    if not _is_utf8(text):
        # A name from an old drive (Latin-1 "café") reaches here with its bytes escaped: the
        # settings file, and every screen showing the path, hold UTF-8 text only.
        shown = os.fsencode(text).decode("utf-8", "replace")
        raise _bad_value(
            "share-folder", shown, "a folder whose name is valid UTF-8: rename it, or pick another"
        )
    path = Path(text).expanduser()
    if not path.is_absolute():
        raise _bad_value("share-folder", value, "a full path to a folder, such as ~/Sync")
    return str(path)


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _language(value: object) -> str:
    text = str(value)
    if text not in LANGUAGES:
        raise _bad_value("language", value, "one of " + ", ".join(LANGUAGES))
    return text


def _flag(name: str) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in ("true", "yes", "on", "1"):
            return True
        if text in ("false", "no", "off", "0"):
            return False
        raise _bad_value(name, value, "true or false")

    return check


def _tools(value: object) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise _bad_value("tools", value, "an object of per-tool objects")
    return value


def _tier_changes(value: object) -> tuple[dict[str, str], ...]:
    expected = 'a list of {"time": ISO 8601 time, "tier": lite or pro}'
    if not isinstance(value, list):
        raise _bad_value("tier_changes", value, expected)
    changes = []
    for entry in value:
        if not isinstance(entry, dict):
            raise _bad_value("tier_changes", value, expected)
        try:
            moment = datetime.fromisoformat(str(entry.get("time", "")).replace("Z", "+00:00"))
            if moment.tzinfo is None:
                raise ValueError("no offset")
            time = _utc_iso(moment)
        except (ValueError, OverflowError):  # e.g. year 1 at +14:00: before year 1 in UTC
            raise _bad_value("tier_changes", value, expected) from None
        tier = _tier(entry.get("tier"))
        if tier is None:
            raise _bad_value("tier_changes", value, expected)
        changes.append({"time": time, "tier": tier.value})
    return tuple(sorted(changes, key=lambda c: c["time"]))


def _utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# Field name in the file -> (CLI name, validator)
_FIELDS: dict[str, tuple[str, Callable[[object], Any]]] = {
    "tier": ("tier", _tier),
    "region": ("region", _region),
    "origin": ("origin", _origin),
    "subscription_day": ("subscription-day", _subscription_day),
    "model": ("model", _model),
    "notify_at": ("notify-at", _notify_at),
    "show": ("show", _show),
    "language": ("language", _language),
    "start_at_login": ("start-at-login", _flag("start-at-login")),
    "check_updates": ("check-updates", _flag("check-updates")),
    "share_folder": ("share-folder", _share_folder),
    "use_bl": ("use-bl", _flag("use-bl")),
    "setup_complete": ("setup-complete", _flag("setup-complete")),
    "tools": ("tools", _tools),
    "tier_changes": ("tier-changes", _tier_changes),
}
CLI_NAMES = {
    cli: attr for attr, (cli, _check) in _FIELDS.items() if attr not in ("tools", "tier_changes")
}
# Another way to give the subscription day: the date the console shows (see turn_day_after).
CLI_NAMES[RENEWAL_DATE] = "subscription_day"
# Attribute -> the name people see and type (``settings show`` and ``settings set`` agree).
SHOWN_NAMES = {attr: cli for attr, (cli, _check) in _FIELDS.items()}


def describe_values() -> dict[str, str]:
    """What each setting takes, by its CLI name (for ``settings set --help``)."""
    return {
        "tier": "lite or pro; empty while not chosen",
        "region": "intl or cn",
        "origin": "an https:// address (a gateway), http:// only for this computer; empty to clear",
        "subscription-day": "the day of the month (1-31) the monthly quota comes back, at 00:00 "
        "UTC+8: the day after the renewal date the plan's console shows",
        RENEWAL_DATE: "the date the plan's console shows as its renewal or end, such as "
        "2027-01-10: sets subscription-day to the day after",
        "model": ", ".join(m.id for m in CATALOG),
        "notify-at": "percentages used that raise a notification, such as 80,95",
        "show": "used or left: what the tray, its menu and usage --line count",
        "language": " or ".join(LANGUAGES),
        "start-at-login": "true or false",
        "check-updates": "true or false: the app asks GitHub once a day whether a newer version "
        "is out (off unless turned on; not in a package manager's build)",
        "setup-complete": "true or false",
        "share-folder": "a folder other computers also use (a synced one); empty to stop sharing",
        "use-bl": "true or false: read the plan's console with the sign-in of Alibaba's bl",
    }


@dataclass
class LoadResult:
    """The settings read, and what the person must be told about the file."""

    settings: Settings
    # Things the person must be told (a damaged file moved aside, values reset).
    notices: list[CodingPlanError] = field(default_factory=list)


def load(path: Path | None = None) -> LoadResult:
    path = path or paths.settings_file()
    try:
        raw = read_regular(path, MAX_FILE)
    except FileNotFoundError:
        return LoadResult(Settings())
    except (NotRegularFile, FileTooLarge) as exc:
        raise CodingPlanError(
            "settings_unreadable",
            QT_TRANSLATE_NOOP("errors", "The settings file {path} cannot be read: {reason}."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Move it away (the app then starts from default settings), then try again.",
            ),
            path=str(path),
            reason=exc.strerror,
        ) from None
    except OSError as exc:
        raise CodingPlanError(
            "settings_unreadable",
            QT_TRANSLATE_NOOP("errors", "The settings file {path} cannot be read: {reason}."),
            QT_TRANSLATE_NOOP("errors", "Check the file's permissions."),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from None
    try:
        data = _parse(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
    except (UnicodeDecodeError, ValueError) as exc:
        from codingplan.jsonc import ParseError

        where = f"line {exc.line}: {exc.reason}" if isinstance(exc, ParseError) else str(exc)
        aside = set_aside(path)
        _warn("settings file %s was damaged (%s); moved to %s", path, where, aside)
        return LoadResult(
            Settings(),
            [
                CodingPlanError(
                    "settings_damaged",
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "The settings file was damaged ({where}) and has been moved to {aside}.",
                    ),
                    QT_TRANSLATE_NOOP(
                        "errors", "Default settings are in use; set your choices again."
                    ),
                    where=where,
                    aside=str(aside),
                )
            ],
        )
    return _from_dict(data, path)


# jsonc.MAX_DEPTH: a text with no more brackets than this cannot nest deeper.
_PLAIN_BRACKETS = 200


def _parse(text: str) -> Any:
    """The settings file's value, read by the rules of the JSON-with-comments reader: a byte
    order mark, a comment or a trailing comma (an editor's, or a hand edit's) costs no
    setting; NaN and nesting too deep are refused. The app writes plain JSON, which the
    standard reader gives the same value without loading that reader (``usage --line``
    runs at every prompt); anything else goes to it."""
    if text.count("[") + text.count("{") <= _PLAIN_BRACKETS:
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except ValueError:
            pass
    from codingplan import jsonc

    return jsonc.loads(text)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _from_dict(data: dict[str, Any], path: Path) -> LoadResult:
    settings, problems = Settings(), []
    for attr, value in data.items():
        if attr == "schema_version":
            continue
        if attr not in _FIELDS:
            settings.extra[attr] = value
            continue
        try:
            setattr(settings, attr, _FIELDS[attr][1](value))
        except CodingPlanError as err:
            problems.append(err)
    if not problems:
        return LoadResult(settings)
    aside = set_aside(path, move=False)
    names = ", ".join(str(p.params.get("name")) for p in problems)
    _warn("settings %s had bad values (%s); a copy is at %s", path, names, aside)
    notice = CodingPlanError(
        "settings_reset_values",
        QT_TRANSLATE_NOOP("errors", "Some settings had values this app cannot use ({names})."),
        QT_TRANSLATE_NOOP(
            "errors", "Those settings are back to their defaults; the old file is kept at {aside}."
        ),
        names=names,
        aside=str(aside),
    )
    return LoadResult(settings, [notice, *problems])


def save(settings: Settings, path: Path | None = None) -> Path:
    path = path or paths.settings_file()
    data = settings.to_dict()
    try:
        raw = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # text that is not UTF-8 (kept from a newer version's keys):
        raw = (json.dumps(data, indent=2) + "\n").encode("ascii")  # written escaped, as read
    try:
        paths.private_dir(path.parent)
        return atomic_write(path, raw, mode=paths.PRIVATE_FILE)
    except OSError as exc:
        raise CodingPlanError(
            "settings_unwritable",
            QT_TRANSLATE_NOOP("errors", "The settings could not be saved to {path}: {reason}."),
            QT_TRANSLATE_NOOP("errors", "Free some disk space or check the folder's permissions."),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from None


def parse_value(
    cli_name: str, value: str, *, allow_insecure_origin: bool | None = None
) -> tuple[str, Any]:
    """Check a value given by its CLI name (or the file's spelling, ``subscription_day``);
    returns (attribute, parsed value). ``renewal-date`` gives the ``subscription_day``.

    A plain http:// origin other than this computer is taken only with
    ``allow_insecure_origin`` (None: when CODINGPLAN_ALLOW_INSECURE_ORIGIN is 1).
    """
    attr = CLI_NAMES.get(cli_name) or CLI_NAMES.get(cli_name.replace("_", "-"))
    if attr is None:
        raise CodingPlanError(
            "bad_setting_name",
            QT_TRANSLATE_NOOP("errors", "There is no setting called '{name}'."),
            QT_TRANSLATE_NOOP("errors", "Settings: {names}."),
            name=redact(cli_name),
            names=", ".join(CLI_NAMES),
        )
    if cli_name.replace("_", "-") == RENEWAL_DATE:
        return attr, _renewal_date(value)
    if attr == "origin":
        if allow_insecure_origin is None:
            from codingplan.env import Env

            allow_insecure_origin = Env.current().var(INSECURE_ORIGIN_VARIABLE) == "1"
        return attr, _origin(value, allow_insecure=allow_insecure_origin)
    return attr, _FIELDS[attr][1](value)


def update(
    changes: dict[str, Any], path: Path | None = None, *, since: datetime | None = None
) -> LoadResult:
    """Load the file fresh, apply already-checked ``changes`` by attribute, save.

    A change of tier is also recorded with its time (``since``, default now) in
    ``tier_changes``: the quota of the month it happened in depends on when. The file is
    locked from the read to the write, so two processes changing settings at once (the
    app and a ``codingplan settings set``) both keep their change.
    """
    path = path or paths.settings_file()
    with _locked(path):
        result = load(path)
        new_tier, old_tier = changes.get("tier"), result.settings.tier
        # The first choice is no change: the plan was that tier all along.
        if new_tier is not None and old_tier is not None and new_tier != old_tier:
            moment = since or datetime.now(UTC)
            entry = {"time": _utc_iso(moment), "tier": Tier(new_tier).value}
            # A change with an earlier time tells the history from then on: what was
            # recorded for later times no longer holds.
            kept = [c for c in result.settings.tier_changes if c["time"] <= entry["time"]]
            result.settings.tier_changes = (*kept, entry)
        for attr, value in changes.items():
            setattr(result.settings, attr, value)
        save(result.settings, path)
    return result


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<settings>.lock`` (a file of its own: the settings file
    itself is replaced by each save). Without a lock file (a read-only folder) the change
    goes ahead unlocked, and saving it reports the real problem."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Private like the settings (0600), and closed if an older version left it open.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(path.with_name(path.name + ".lock"), flags, 0o600)
        if os.name != "nt":
            os.fchmod(fd, 0o600)
        handle = os.fdopen(fd, "r+b")
    except OSError:
        yield
        return
    with handle:
        _lock_file(handle.fileno())
        try:
            yield
        finally:
            _unlock_file(handle.fileno())


if sys.platform == "win32":
    import msvcrt

    def _lock_file(fd: int) -> None:
        while True:  # LK_LOCK gives up after about 10 s; a save never takes that long
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock_file(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
