"""What came of a request to the plan: one category, the words to explain it, and the record
of every test request this app sent.

Everything that reads the plan's answers uses this module: the connection test (``probe``),
a tool's verify run, and the quota tracker reading the tools' records of failed calls. So a
new error text of the plan is taught in one place.
"""

from __future__ import annotations

import enum
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from codingplan.endings import Outcome
from codingplan.i18n import QT_TRANSLATE_NOOP, fill
from codingplan.redact import redact


class Category(enum.StrEnum):
    """What an answer (or the lack of one) means for the person."""

    OK = "ok"
    KEY_FORMAT = "key_format"
    INVALID_KEY = "invalid_key"
    WRONG_ENDPOINT = "wrong_endpoint"
    BAD_PATH = "bad_path"
    MODEL_UNSUPPORTED = "model_unsupported"
    AGENT_ONLY = "agent_only"  # the plan's gate: it serves coding tools only
    QUOTA_5H = "quota_5h"
    QUOTA_WEEK = "quota_week"
    QUOTA_MONTH = "quota_month"
    RATE_LIMITED = "rate_limited"
    NETWORK = "network"
    TIMEOUT = "timeout"
    TLS = "tls"
    PROXY = "proxy"
    SERVER_ERROR = "server_error"
    UNEXPECTED = "unexpected"
    # Only a tool's verify run reports these.
    LOGIN_REQUIRED = "login_required"
    NOT_INSTALLED = "not_installed"
    KEY_UNAVAILABLE = "key_unavailable"
    TOOL_FAILED = "tool_failed"


# Each category's short name, for headlines and lists (translated by the UI).
LABELS: dict[Category, str] = {
    Category.OK: QT_TRANSLATE_NOOP("categories", "Works"),
    Category.KEY_FORMAT: QT_TRANSLATE_NOOP("categories", "Malformed key"),
    Category.INVALID_KEY: QT_TRANSLATE_NOOP("categories", "Key rejected"),
    Category.WRONG_ENDPOINT: QT_TRANSLATE_NOOP("categories", "Wrong address for this key"),
    Category.BAD_PATH: QT_TRANSLATE_NOOP("categories", "Wrong path"),
    Category.MODEL_UNSUPPORTED: QT_TRANSLATE_NOOP("categories", "Model not offered"),
    Category.AGENT_ONLY: QT_TRANSLATE_NOOP("categories", "Coding tools only"),
    Category.QUOTA_5H: QT_TRANSLATE_NOOP("categories", "5-hour quota used up"),
    Category.QUOTA_WEEK: QT_TRANSLATE_NOOP("categories", "Weekly quota used up"),
    Category.QUOTA_MONTH: QT_TRANSLATE_NOOP("categories", "Monthly quota used up"),
    Category.RATE_LIMITED: QT_TRANSLATE_NOOP("categories", "Too many requests at once"),
    Category.NETWORK: QT_TRANSLATE_NOOP("categories", "Network problem"),
    Category.TIMEOUT: QT_TRANSLATE_NOOP("categories", "No answer in time"),
    Category.TLS: QT_TRANSLATE_NOOP("categories", "Secure connection failed"),
    Category.PROXY: QT_TRANSLATE_NOOP("categories", "Proxy problem"),
    Category.SERVER_ERROR: QT_TRANSLATE_NOOP("categories", "Server problem"),
    Category.UNEXPECTED: QT_TRANSLATE_NOOP("categories", "Unexpected answer"),
    Category.LOGIN_REQUIRED: QT_TRANSLATE_NOOP("categories", "The tool asked for a login"),
    Category.NOT_INSTALLED: QT_TRANSLATE_NOOP("categories", "Not installed"),
    Category.KEY_UNAVAILABLE: QT_TRANSLATE_NOOP("categories", "Key not available"),
    Category.TOOL_FAILED: QT_TRANSLATE_NOOP("categories", "The tool failed"),
}


# (category, variant) -> (message, remedy): English templates whose {fields} come from the
# diagnosis. The UI translates a template before filling it.
TEXT: dict[tuple[Category, str], tuple[str, str]] = {
    (Category.OK, ""): (
        QT_TRANSLATE_NOOP("probe", "The plan answered: the key, address and model work."),
        "",
    ),
    (Category.INVALID_KEY, ""): (
        QT_TRANSLATE_NOOP(
            "probe", "The plan rejected the key (401: invalid access token or token expired)."
        ),
        QT_TRANSLATE_NOOP(
            "probe",
            "Check that this is the Coding Plan key (sk-sp-…), copied whole, that your "
            "subscription is active, and that the key belongs to this region: a key from the "
            "China console works only with the China address, and the reverse. A Token Plan "
            "key also starts with sk-sp- but works only at the Token Plan's own addresses.",
        ),
    ),
    (Category.WRONG_ENDPOINT, ""): (
        QT_TRANSLATE_NOOP("probe", "The server refused the key (403: invalid api-key)."),
        QT_TRANSLATE_NOOP(
            "probe",
            "Plan keys (sk-sp-…) work only at the plan's own address, such as {expected}; the "
            "general Model Studio address does not take them, and the plan's address does not "
            "take general keys.",
        ),
    ),
    (Category.BAD_PATH, ""): (
        QT_TRANSLATE_NOOP("probe", "Nothing is at this address (404)."),
        QT_TRANSLATE_NOOP(
            "probe",
            "The path is wrong. Use {openai_base} for OpenAI-compatible tools and "
            "{anthropic_base} for Anthropic-compatible ones.",
        ),
    ),
    (Category.MODEL_UNSUPPORTED, "case"): (
        QT_TRANSLATE_NOOP("probe", "The plan does not offer the model '{model}'."),
        QT_TRANSLATE_NOOP(
            "probe", "Model ids are case-sensitive and take no spaces: use '{right}'."
        ),
    ),
    (Category.MODEL_UNSUPPORTED, "pro_only"): (
        QT_TRANSLATE_NOOP(
            "probe", "The plan does not offer the model '{model}' on this subscription."
        ),
        QT_TRANSLATE_NOOP("probe", "'{model}' is available to Pro subscribers only."),
    ),
    (Category.MODEL_UNSUPPORTED, ""): (
        QT_TRANSLATE_NOOP("probe", "The plan does not offer the model '{model}'."),
        QT_TRANSLATE_NOOP("probe", "Choose a model the plan offers, such as qwen3-coder-plus."),
    ),
    (Category.AGENT_ONLY, ""): (
        QT_TRANSLATE_NOOP(
            "probe", "The plan refused the request: it serves only coding tools (405)."
        ),
        QT_TRANSLATE_NOOP(
            "probe",
            "The plan answers only requests that come from a coding tool. Verify the setup by "
            "running it through an installed tool (Verify on the tool's page, or "
            "'codingplan verify TOOL').",
        ),
    ),
    (Category.QUOTA_5H, ""): (
        QT_TRANSLATE_NOOP("probe", "The 5-hour quota is used up (hour allocated quota exceeded)."),
        QT_TRANSLATE_NOOP(
            "probe",
            "Each request comes back 5 hours after it was made: wait for the next ones to "
            "return, or upgrade to Pro.",
        ),
    ),
    (Category.QUOTA_WEEK, ""): (
        QT_TRANSLATE_NOOP("probe", "The weekly quota is used up (week allocated quota exceeded)."),
        QT_TRANSLATE_NOOP(
            "probe", "It resets on Monday at 00:00 (UTC+8); wait until then, or upgrade to Pro."
        ),
    ),
    (Category.QUOTA_MONTH, ""): (
        QT_TRANSLATE_NOOP(
            "probe", "The monthly quota is used up (month allocated quota exceeded)."
        ),
        QT_TRANSLATE_NOOP(
            "probe",
            "It resets at 00:00 (UTC+8) on your subscription day; wait until then, or upgrade "
            "to Pro.",
        ),
    ),
    (Category.RATE_LIMITED, ""): (
        QT_TRANSLATE_NOOP("probe", "Too many requests at once (429)."),
        QT_TRANSLATE_NOOP(
            "probe", "Wait a minute and try again; this is not the 5-hour, weekly or monthly quota."
        ),
    ),
    (Category.NETWORK, "dns"): (
        QT_TRANSLATE_NOOP("probe", "The address {host} could not be found (DNS)."),
        QT_TRANSLATE_NOOP("probe", "Check the address's spelling and your internet connection."),
    ),
    (Category.NETWORK, "refused"): (
        QT_TRANSLATE_NOOP("probe", "{host} refused the connection."),
        QT_TRANSLATE_NOOP(
            "probe", "Check the address and port; if it is a local gateway, start it."
        ),
    ),
    (Category.NETWORK, ""): (
        QT_TRANSLATE_NOOP("probe", "The connection to {host} was cut before an answer came."),
        QT_TRANSLATE_NOOP(
            "probe", "Try again; if it keeps happening, a firewall or proxy may be in the way."
        ),
    ),
    (Category.TIMEOUT, ""): (
        QT_TRANSLATE_NOOP("probe", "No answer from {host} in time."),
        QT_TRANSLATE_NOOP(
            "probe", "Check your connection, or try again later: the service may be slow right now."
        ),
    ),
    (Category.TLS, ""): (
        QT_TRANSLATE_NOOP("probe", "The secure connection to {host} failed: {detail}"),
        QT_TRANSLATE_NOOP(
            "probe",
            "Something between you and the server (a proxy, antivirus or a wrong clock) is "
            "interfering with HTTPS. Check the system date and any HTTPS inspection.",
        ),
    ),
    (Category.PROXY, ""): (
        QT_TRANSLATE_NOOP("probe", "The proxy {proxy} did not pass the request on: {detail}"),
        QT_TRANSLATE_NOOP(
            "probe",
            "Check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and any proxy password.",
        ),
    ),
    (Category.SERVER_ERROR, ""): (
        QT_TRANSLATE_NOOP("probe", "The server had a problem ({status})."),
        QT_TRANSLATE_NOOP("probe", "This is on the service's side; try again in a few minutes."),
    ),
    (Category.UNEXPECTED, "html"): (
        QT_TRANSLATE_NOOP(
            "probe", "A web page came back instead of the plan's answer ({status}): {excerpt}"
        ),
        QT_TRANSLATE_NOOP(
            "probe",
            "A proxy or login page is in the way: sign in to it, or bypass it for this address.",
        ),
    ),
    (Category.UNEXPECTED, "empty"): (
        QT_TRANSLATE_NOOP("probe", "Unexpected answer ({status}) with an empty body."),
        QT_TRANSLATE_NOOP(
            "probe", "Check the address; if a gateway sits in between, check its logs."
        ),
    ),
    (Category.UNEXPECTED, "not_completion"): (
        QT_TRANSLATE_NOOP(
            "probe", "The address answered ({status}), but not with the plan's answer: {excerpt}"
        ),
        QT_TRANSLATE_NOOP(
            "probe",
            "Something other than the plan is answering at this address (a gateway, a proxy or "
            "another service): check the address.",
        ),
    ),
    (Category.UNEXPECTED, ""): (
        QT_TRANSLATE_NOOP("probe", "Unexpected answer ({status}): {excerpt}"),
        QT_TRANSLATE_NOOP(
            "probe", "Check the address; if a gateway sits in between, check its logs."
        ),
    ),
    (Category.OK, "reachable"): (QT_TRANSLATE_NOOP("probe", "{host} is reachable."), ""),
}


@dataclass
class Diagnosis:
    """A category, the variant of its text, and the fields that text needs."""

    category: Category
    variant: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    # Texts that come from elsewhere (the key check's own message and remedy) instead of TEXT.
    templates: tuple[str, str] | None = None


def templates(diagnosis: Diagnosis) -> tuple[str, str]:
    """The English message and remedy templates of a diagnosis, before filling."""
    return diagnosis.templates or TEXT[(diagnosis.category, diagnosis.variant)]


def render(diagnosis: Diagnosis, tr: Callable[[str], str] = lambda text: text) -> tuple[str, str]:
    """Message and remedy; ``tr`` translates a template before its fields are filled."""
    message, remedy = templates(diagnosis)
    return fill(tr(message), diagnosis.params), fill(tr(remedy), diagnosis.params)


# --- reading the plan's answers ----------------------------------------------------------------


def error_text(body: str) -> str:
    """The error's words from any body shape: OpenAI or Anthropic JSON, SSE, text, HTML."""
    pieces: list[str] = []
    for chunk in json_chunks(body):
        pieces.extend(_error_fields(chunk))
    if not pieces:
        pieces.append(strip_html(body))
    return " ".join(p for p in pieces if p)


def json_chunks(body: str) -> list[Any]:
    """The JSON values in a body: the body itself, or each ``data:`` line of an event stream."""
    text = body.strip()
    candidates = [text]
    if "data:" in text:
        candidates = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
    chunks = []
    for candidate in candidates:
        try:
            chunks.append(json.loads(candidate))
        except (ValueError, RecursionError):
            continue
    return chunks


def _error_fields(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return []
    found = []
    error = obj.get("error")
    if isinstance(error, dict):
        found += [str(error.get(k)) for k in ("message", "code", "type") if error.get(k)]
    elif isinstance(error, str):
        found.append(error)
    found += [str(obj.get(k)) for k in ("message", "code", "msg") if isinstance(obj.get(k), str)]
    return found


def strip_html(body: str) -> str:
    title = re.search(r"<title[^>]*>(.*?)</title>", body, re.I | re.S)
    if title:
        return title.group(1).strip()
    return re.sub(r"<[^>]+>", " ", body)


def looks_html(body: str) -> bool:
    head = body.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


# The plan's own words (its FAQ, and what users of other clients reported).
_QUOTA_RE = re.compile(r"\b(hour|week|month|concurrency)\s+allocated quota exceeded", re.I)
_THROTTLE_RE = re.compile(r"rate limit|too many requests", re.I)
_AGENT_ONLY_RE = re.compile(r"only available for coding agents", re.I)
_MODEL_RE = re.compile(
    r"model\b.*\b(not (be )?supported|not exist|does not exist|not found)|model_?not_?found|"
    r"unsupported model|invalid model",
    re.I,
)
_INVALID_KEY_RE = re.compile(r"invalid access token|token expired", re.I)
_WRONG_ENDPOINT_RE = re.compile(r"invalid[ _-]?api[ _-]?key", re.I)
_QUOTA_WINDOWS = {
    "hour": Category.QUOTA_5H,
    "week": Category.QUOTA_WEEK,
    "month": Category.QUOTA_MONTH,
}


def classify(status: int | None, body: str, content_type: str = "") -> tuple[Category, str]:
    """(category, text variant) of an answer, from its status and body together.

    ``status`` is None where only the error's words were recorded (a tool's log line).
    """
    text = error_text(body)
    quota = _QUOTA_RE.search(text) or _QUOTA_RE.search(body)
    if quota:
        return _QUOTA_WINDOWS.get(quota.group(1).lower(), Category.RATE_LIMITED), ""
    if status in (None, 405) and (_AGENT_ONLY_RE.search(text) or _AGENT_ONLY_RE.search(body)):
        return Category.AGENT_ONLY, ""
    html = "html" in content_type.lower() or looks_html(body)
    if status is None:
        return _classify_words(text), ""
    if 200 <= status < 300:
        if html:
            return Category.UNEXPECTED, "html"
        return (Category.UNEXPECTED, "") if _stream_error(body) else (Category.OK, "")
    if status == 401:
        return Category.INVALID_KEY, ""
    if status == 403 and _WRONG_ENDPOINT_RE.search(text):
        return Category.WRONG_ENDPOINT, ""
    if 400 <= status < 500 and status not in (407, 429) and _MODEL_RE.search(text):
        return Category.MODEL_UNSUPPORTED, ""
    if status == 404:
        return Category.BAD_PATH, ""
    if status == 407:
        return Category.PROXY, ""
    if status == 429:
        return Category.RATE_LIMITED, ""
    if status >= 500:
        return Category.SERVER_ERROR, ""
    if html:
        return Category.UNEXPECTED, "html"
    return Category.UNEXPECTED, "" if body.strip() else "empty"


def _classify_words(text: str) -> Category:
    if _THROTTLE_RE.search(text):
        return Category.RATE_LIMITED
    if _INVALID_KEY_RE.search(text):
        return Category.INVALID_KEY
    if _WRONG_ENDPOINT_RE.search(text):
        return Category.WRONG_ENDPOINT
    if _MODEL_RE.search(text):
        return Category.MODEL_UNSUPPORTED
    return Category.UNEXPECTED


def _stream_error(body: str) -> bool:
    """A 200 stream that carries an error event instead of an answer."""
    return any(
        isinstance(c, dict) and (c.get("type") == "error" or isinstance(c.get("error"), dict))
        for c in json_chunks(body)
    )


# --- when the plan says the quota comes back ------------------------------------------------

_RESET_AT = re.compile(
    r"resets?\s+(?:at|on)\s+(\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)",
    re.I,
)
_PLAN_ZONE = timezone(timedelta(hours=8))  # a time the plan gives without its zone


def reset_hint(text: str, headers: Mapping[str, str] | None, answered_ms: int) -> int | None:
    """When a quota answer says the quota comes back, in UTC milliseconds, or None.

    Other Alibaba plans send it two ways: a ``Retry-After`` header (seconds, or an HTTP
    date) and "… will reset at 2026-12-07 00:00:00" in the message (taken in UTC+8, the
    plan's zone, when it names none). Whether the Coding Plan sends either is not known.
    """
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            found = _retry_after(str(value).strip(), answered_ms)
            if found is not None:
                return found
    match = _RESET_AT.search(text)
    if not match:
        return None
    try:
        moment = datetime.fromisoformat(match.group(1).replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_PLAN_ZONE)
    return _plausible(int(moment.timestamp() * 1000), answered_ms)


# No window is longer than a month: a reset further off (or already past) is not one.
RESET_HORIZON_MS = 40 * 86_400_000


def _plausible(reset_ms: int, answered_ms: int) -> int | None:
    return reset_ms if answered_ms < reset_ms <= answered_ms + RESET_HORIZON_MS else None


def _retry_after(value: str, answered_ms: int) -> int | None:
    if value.isdigit():
        return _plausible(answered_ms + int(value[:12]) * 1000, answered_ms)
    try:
        import email.utils  # only for a Retry-After date: kept off the quick commands' path

        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return _plausible(int(moment.timestamp() * 1000), answered_ms)


# --- what a request's outcome means for the quota ---------------------------------------------


_REFUSED = frozenset(
    {
        Category.KEY_FORMAT,
        Category.INVALID_KEY,
        Category.WRONG_ENDPOINT,
        Category.BAD_PATH,
        Category.MODEL_UNSUPPORTED,
        Category.AGENT_ONLY,
    }
)


def outcome_of(category: str, status: int | None = None) -> Outcome:
    """The quota outcome of a diagnosed answer (a category's value, maybe from an old record)."""
    try:
        known: Category | None = Category(category)
    except ValueError:
        known = None
    if known is Category.OK:
        return Outcome.OK
    if known in (Category.QUOTA_5H, Category.QUOTA_WEEK, Category.QUOTA_MONTH):
        return Outcome(category)
    if known is Category.RATE_LIMITED:
        return Outcome.RATE_LIMITED
    if known in _REFUSED or status in (400, 401, 403, 404):
        return Outcome.REJECTED
    return Outcome.ERROR


def classify_error(text: str, status: int | None = None) -> Outcome:
    """The outcome of a failed request from a tool's record of it (its words, maybe a status)."""
    category, _ = classify(status, text)
    if category is Category.OK:  # a 2xx status with an error's words: the call failed
        category, _ = classify(None, text)
    return outcome_of(category, status)


# --- the record of the test requests this app sent ------------------------------------------


@dataclass(frozen=True)
class ProbeRecord:
    """One test request this app sent (each costs quota), as the quota tracker reads it."""

    id: str
    time: str  # ISO 8601, UTC
    protocol: str
    model: str
    origin: str
    status: int | None
    category: str
    identity: str = ""  # the client the request went out as
    reset_at: str = ""  # when the plan said the quota comes back (ISO 8601), if it said

    def __post_init__(self) -> None:
        # The record is a file on disk: a key given as the model or in the origin (a
        # slip of the paste) must not end up in it.
        for name in ("id", "time", "protocol", "model", "origin", "category", "identity"):
            object.__setattr__(self, name, redact(getattr(self, name)))

    @classmethod
    def new(
        cls,
        protocol: str,
        model: str,
        origin: str,
        status: int | None,
        category: str,
        identity: str = "",
        reset_ms: int | None = None,
    ) -> ProbeRecord:
        import uuid  # only when a test request is sent

        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        reset = "" if reset_ms is None else datetime.fromtimestamp(reset_ms / 1000, UTC).isoformat()
        return cls(
            str(uuid.uuid4()), now, protocol, model, origin, status, category, identity, reset
        )

    def to_line(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_value(cls, value: Any) -> ProbeRecord:
        """Read one parsed line back; raises ValueError for a line of another shape."""
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            raise ValueError("not a test-request record")
        status = value.get("status")
        return cls(
            value["id"],
            str(value.get("time") or ""),
            str(value.get("protocol") or ""),
            str(value.get("model") or ""),
            str(value.get("origin") or ""),
            status if isinstance(status, int) and not isinstance(status, bool) else None,
            str(value.get("category") or ""),
            str(value.get("identity") or ""),
            str(value.get("reset_at") or ""),
        )

    @property
    def outcome(self) -> Outcome:
        return outcome_of(self.category, self.status)


def append_record(path: Path, record: ProbeRecord) -> None:
    """Add a record with one O_APPEND write: concurrent writers never interleave a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, record.to_line())
    finally:
        os.close(fd)
