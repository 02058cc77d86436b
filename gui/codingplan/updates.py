"""Whether a newer version of the app has been released: opt-in, asked of GitHub's "latest
release" API, never self-updating.

One check is one GET of the latest release (and, when it is newer, one of its SHA256SUMS
file), all within one deadline. It sends a plain User-Agent naming the app and its version,
and nothing else about the person or their use: no cookies (a fresh client each time, its
jar cleared), no credentials (not even a ~/.netrc entry for GitHub), no query. Redirects are
followed only to GitHub's own hosts, bodies are read up to a bound, and every fault of the
network or of the answer is a result (``Status.UNKNOWN``) with a line in the log, never an
exception for the caller.

Builds delivered by a package manager update through it: their packager writes the manager's
name into the file ``MANAGED_BY`` beside this module, and the check is then neither offered
nor run (``offered``).

``CODINGPLAN_UPDATES_ORIGIN`` points the check at a stand-in of the API (tests only: plain
http on this computer's loopback address, else ignored).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from codingplan import APP_NAME, __version__, paths
from codingplan.fileio import atomic_write

if TYPE_CHECKING:
    import httpx

    from codingplan.settings import Settings

log = logging.getLogger(__name__)

REPOSITORY = "codingplan/configurator"
API_ORIGIN = "https://api.github.com"
ORIGIN_VARIABLE = "CODINGPLAN_UPDATES_ORIGIN"
MANAGED_BY_FILE = Path(__file__).with_name("MANAGED_BY")
SUMS_ASSET = "SHA256SUMS"
DEADLINE_SECONDS = 15.0
MAX_RELEASE_BYTES = 1 << 20  # a release's JSON with its notes and assets
MAX_SUMS_BYTES = 64 << 10
MAX_REDIRECTS = 3
# Where GitHub's API and release downloads send a client: nowhere else.
GITHUB_HOSTS = frozenset(
    {
        "api.github.com",
        "github.com",
        "objects.githubusercontent.com",
        "release-assets.githubusercontent.com",
    }
)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
STATE_FILE = "updates.json"
_VERSION = re.compile(r"^v?(\d+(?:\.\d+){0,3})$")
_SUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](\S.*)$")


class Status(Enum):
    NEWER = "newer"  # a newer version is released
    SAME = "same"  # this is the latest release
    OLDER = "older"  # this is newer than the latest release (a build from source)
    UNKNOWN = "unknown"  # the check could not tell (offline, refused, a malformed answer)


@dataclass(frozen=True)
class UpdateCheck:
    """One check's result. The URLs are GitHub's release page (its notes, its downloads);
    ``sums`` are the release's SHA256SUMS lines as (file name, sha256)."""

    status: Status
    current: str
    latest: str = ""
    whats_new_url: str = ""
    download_url: str = ""
    sums: tuple[tuple[str, str], ...] = ()
    reason: str = ""  # why UNKNOWN, in English, for the log

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "current": self.current,
            "latest": self.latest or None,
            "whats_new_url": self.whats_new_url or None,
            "download_url": self.download_url or None,
            "sums": [{"file": name, "sha256": digest} for name, digest in self.sums],
        }


# --- opt-in -----------------------------------------------------------------------------------


def managed_by() -> str:
    """The package manager this build came from ("" for the project's own installers)."""
    try:
        return MANAGED_BY_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def offered() -> bool:
    """Whether to offer the check at all (in the first-run wizard and Settings)."""
    return not managed_by()


def enabled(settings: Settings) -> bool:
    """Whether to check: the person turned it on, in a build that may offer it."""
    return bool(getattr(settings, "check_updates", False)) and offered()


# --- versions ---------------------------------------------------------------------------------


def parse_version(text: str) -> tuple[int, ...] | None:
    """``1.2.3`` or a tag ``v1.2.3`` as numbers; None for anything else (a pre-release, a
    name): such a release is not compared."""
    found = _VERSION.match(text.strip())
    if not found:
        return None
    numbers = tuple(int(n) for n in found.group(1).split("."))
    return numbers + (0,) * (4 - len(numbers))


def compare(current: str, latest: str) -> Status:
    mine, theirs = parse_version(current), parse_version(latest)
    if mine is None or theirs is None:
        return Status.UNKNOWN
    if theirs > mine:
        return Status.NEWER
    return Status.SAME if theirs == mine else Status.OLDER


# --- the check ------------------------------------------------------------------------------


class _Refused(Exception):
    """A fault of the network or of the answer: the check's result is UNKNOWN."""


def api_origin() -> str:
    """GitHub's API, or the stand-in named in CODINGPLAN_UPDATES_ORIGIN when that is plain
    http on loopback (anything else there is ignored, with a line in the log)."""
    value = os.environ.get(ORIGIN_VARIABLE, "").strip().rstrip("/")
    if not value:
        return API_ORIGIN
    parts = urlsplit(value)
    if parts.scheme == "http" and parts.hostname in LOOPBACK and parts.path in ("", "/"):
        return value
    log.warning("%s ignored: only http:// on this computer's loopback is taken", ORIGIN_VARIABLE)
    return API_ORIGIN


def user_agent(current: str) -> str:
    return f"{APP_NAME.replace(' ', '')}/{current}"


def check(current: str = __version__, *, deadline_seconds: float = DEADLINE_SECONDS) -> UpdateCheck:
    """Asks for the latest release and compares it with ``current``. Never raises for the
    network or the answer: those are ``Status.UNKNOWN`` with a reason, logged."""
    origin = api_origin()
    deadline = time.monotonic() + deadline_seconds
    try:
        import httpx

        with httpx.Client(
            follow_redirects=False,
            trust_env=True,  # a proxy and the system's certificates, as the connection test
            headers={
                "User-Agent": user_agent(current),
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
            },
        ) as client:
            release = _json(
                _get(
                    client,
                    f"{origin}/repos/{REPOSITORY}/releases/latest",
                    deadline,
                    MAX_RELEASE_BYTES,
                    origin,
                )
            )
            result = _read_release(release, current, origin)
            if result.status is Status.NEWER:
                result = _with_sums(client, release, result, deadline, origin)
    except _Refused as exc:
        result = UpdateCheck(Status.UNKNOWN, current, reason=str(exc))
    except Exception as exc:  # httpx's, ssl's and the OS's faults alike
        result = UpdateCheck(Status.UNKNOWN, current, reason=f"{type(exc).__name__}: {exc}")
    if result.status is Status.UNKNOWN:
        log.info("update check: could not tell (%s)", result.reason)
    else:
        log.info(
            "update check: %s (latest %s, this %s)", result.status.value, result.latest, current
        )
    return result


def _allowed(url: str, origin: str) -> bool:
    parts, home = urlsplit(url), urlsplit(origin)
    if parts.scheme == home.scheme == "http":  # the loopback stand-in
        return parts.netloc == home.netloc
    return parts.scheme == "https" and parts.hostname in GITHUB_HOSTS and parts.port is None


def _get(client: httpx.Client, url: str, deadline: float, limit: int, origin: str) -> bytes:
    """The body of a GET, following redirects among GitHub's hosts only, read up to
    ``limit`` bytes and within ``deadline``."""
    import httpx

    for _hop in range(MAX_REDIRECTS + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Refused("the deadline passed")
        client.cookies.clear()  # nothing a server set is ever sent back
        # An explicit Auth that adds nothing: else httpx would send a ~/.netrc entry.
        with client.stream("GET", url, timeout=httpx.Timeout(left), auth=httpx.Auth()) as answer:
            if answer.is_redirect:
                target = urljoin(url, answer.headers.get("location", ""))
                if not _allowed(target, origin):
                    raise _Refused(f"a redirect to {urlsplit(target).hostname or target}")
                url = target
                continue
            _refuse_status(answer)
            body = bytearray()
            for chunk in answer.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _Refused(f"an answer over {limit} bytes")
                if time.monotonic() > deadline:
                    raise _Refused("the deadline passed")
            return bytes(body)
    raise _Refused("too many redirects")


def _refuse_status(answer: httpx.Response) -> None:
    if answer.status_code == 200:
        return
    limited = answer.status_code == 429 or (
        answer.status_code == 403 and answer.headers.get("x-ratelimit-remaining") == "0"
    )
    if limited:
        raise _Refused(f"rate-limited by GitHub (HTTP {answer.status_code})")
    if answer.status_code == 404:
        raise _Refused("no release published yet (HTTP 404)")
    raise _Refused(f"HTTP {answer.status_code}")


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _Refused("the answer is not JSON") from None
    if not isinstance(data, dict):
        raise _Refused("the answer is not a JSON object")
    return data


def _read_release(release: dict[str, Any], current: str, origin: str) -> UpdateCheck:
    tag, page = release.get("tag_name"), release.get("html_url")
    if not isinstance(tag, str) or not isinstance(page, str):
        raise _Refused("the release has no tag_name or html_url")
    if not _page_allowed(page, origin):
        raise _Refused("the release page is not on GitHub")
    latest = tag.strip().removeprefix("v")
    status = compare(current, tag)
    if status is Status.UNKNOWN:
        raise _Refused(f"a version that cannot be compared: {tag[:40]!r}")
    return UpdateCheck(status, current, latest, whats_new_url=page, download_url=page)


def _page_allowed(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if origin != API_ORIGIN:
        return _allowed(url, origin)
    return parts.scheme == "https" and parts.hostname == "github.com" and parts.port is None


def _with_sums(
    client: httpx.Client, release: dict[str, Any], result: UpdateCheck, deadline: float, origin: str
) -> UpdateCheck:
    """The result with the release's SHA256SUMS; without them when the release has none or
    they cannot be read (the newer version is still worth telling)."""
    assets = release.get("assets")
    url = None
    for asset in assets if isinstance(assets, list) else ():
        if isinstance(asset, dict) and asset.get("name") == SUMS_ASSET:
            url = asset.get("browser_download_url")
    if not isinstance(url, str) or not _allowed(url, origin):
        log.info("update check: the release has no %s", SUMS_ASSET)
        return result
    try:
        text = _get(client, url, deadline, MAX_SUMS_BYTES, origin).decode("utf-8")
    except (_Refused, UnicodeDecodeError) as exc:
        log.info("update check: %s not read (%s)", SUMS_ASSET, exc)
        return result
    except Exception as exc:  # the network's faults
        log.info("update check: %s not read (%s: %s)", SUMS_ASSET, type(exc).__name__, exc)
        return result
    sums = tuple(
        (found.group(2).strip(), found.group(1).lower())
        for line in text.splitlines()
        if (found := _SUM_LINE.match(line.strip()))
    )
    return UpdateCheck(
        result.status,
        result.current,
        result.latest,
        result.whats_new_url,
        result.download_url,
        sums,
    )


# --- what was found, and what was shown -------------------------------------------------------
#
# One small file: when the last check ran (the app asks at most once a day), the newest newer
# version it found (shown until dismissed, across restarts; a check that cannot tell keeps
# it), and the version the person dismissed (never shown again).

CHECK_EVERY_SECONDS = 24 * 3600


def _state_path() -> Path:
    return paths.data_dir() / STATE_FILE


def _read_state() -> dict[str, Any]:
    try:
        state = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _write_state(state: dict[str, Any]) -> None:
    """A file that cannot be written costs at most one more check, or one more showing."""
    with contextlib.suppress(OSError):
        paths.private_dir(paths.data_dir())
        data = json.dumps(state) + "\n"
        atomic_write(_state_path(), data.encode("utf-8"), mode=paths.PRIVATE_FILE)


def from_dict(data: object, current: str = __version__) -> UpdateCheck | None:
    """A newer version as ``record`` kept it, compared again with ``current`` (the app may
    have been updated since); None for anything else, or for what the file should not hold."""
    if not isinstance(data, dict):
        return None
    latest, page = data.get("latest"), data.get("whats_new_url")
    if not isinstance(latest, str) or not isinstance(page, str):
        return None
    parts = urlsplit(page)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None  # a hand-edited file opens no other kind of link
    sums = data.get("sums")
    pairs = tuple(
        (str(entry["file"]), str(entry["sha256"]))
        for entry in (sums if isinstance(sums, list) else ())
        if isinstance(entry, dict) and "file" in entry and "sha256" in entry
    )
    download = data.get("download_url")
    return UpdateCheck(
        compare(current, latest),
        current,
        latest,
        whats_new_url=page,
        download_url=download if isinstance(download, str) else page,
        sums=pairs,
    )


def last_checked() -> float | None:
    """When the last check ran (seconds since the epoch), if one did."""
    value = _read_state().get("checked_at")
    return float(value) if isinstance(value, int | float) else None


def due(now: float | None = None) -> bool:
    """Whether a day has passed since the last check (or none ran, or its time is ahead of
    the clock: a clock set back does not stop the checks for good)."""
    now = time.time() if now is None else now
    last = last_checked()
    return last is None or not 0 <= now - last < CHECK_EVERY_SECONDS


def record(result: UpdateCheck, now: float | None = None) -> None:
    """Remember that a check ran, and what it found: a newer version replaces the one kept;
    this being the latest (or newer) drops it; a check that could not tell keeps it."""
    state = _read_state()
    state["checked_at"] = time.time() if now is None else now
    if result.status is Status.NEWER:
        state["found"] = result.to_dict()
    elif result.status in (Status.SAME, Status.OLDER):
        state.pop("found", None)
    _write_state(state)


def found(current: str = __version__) -> UpdateCheck | None:
    """The newer version the last checks found, if it is still newer than ``current``."""
    result = from_dict(_read_state().get("found"), current)
    return result if result is not None and result.status is Status.NEWER else None


def already_shown(result: UpdateCheck) -> bool:
    """Whether this newer version was shown and dismissed before (each is shown once)."""
    return _read_state().get("shown") == result.latest


def to_show(result: UpdateCheck) -> bool:
    """True for a newer version not dismissed yet: the tray and the dashboard show it until
    the person dismisses it (``mark_shown``)."""
    return result.status is Status.NEWER and not already_shown(result)


def mark_shown(result: UpdateCheck) -> None:
    """Remembers that ``result``'s version was shown and dismissed: it is not shown again,
    a later version is."""
    if result.status is not Status.NEWER:
        return
    state = _read_state()
    state["shown"] = result.latest
    _write_state(state)
