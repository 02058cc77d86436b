"""The connection test: a free reachability check, then (only when a person asks) one
minimal authenticated request per protocol, each diagnosed into one category with a remedy.

Every request this module sends costs one request of the plan's quota, so each is
recorded in ``paths.test_requests_file()`` for the quota tracker.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import os
import re
import socket
import ssl
import time
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from codingplan import __version__, paths
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP, fill
from codingplan.plan import (
    GENERAL_HOSTS,
    Endpoints,
    Region,
    catalog_spelling,
    check_key,
    find_model,
)
from codingplan.redact import mask_key, redact

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
_EXCERPT_LEN = 200
_MAX_BODY = 64 * 1024


class Category(enum.StrEnum):
    OK = "ok"
    KEY_FORMAT = "key_format"
    INVALID_KEY = "invalid_key"
    WRONG_ENDPOINT = "wrong_endpoint"
    BAD_PATH = "bad_path"
    MODEL_UNSUPPORTED = "model_unsupported"
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


class Protocol(enum.StrEnum):
    OPENAI = "openai"
    ANTHROPIC = "anthropic"


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
            "China console works only with the China address, and the reverse.",
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
    (Category.UNEXPECTED, ""): (
        QT_TRANSLATE_NOOP("probe", "Unexpected answer ({status}): {excerpt}"),
        QT_TRANSLATE_NOOP(
            "probe", "Check the address; if a gateway sits in between, check its logs."
        ),
    ),
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


def render(diagnosis: Diagnosis, tr=lambda text: text) -> tuple[str, str]:
    """Message and remedy; ``tr`` translates a template before its fields are filled."""
    message, remedy = templates(diagnosis)
    return fill(tr(message), diagnosis.params), fill(tr(remedy), diagnosis.params)


@dataclass
class ProbeResult:
    protocol: str
    diagnosis: Diagnosis
    status: int | None = None
    excerpt: str = ""
    elapsed_ms: int = 0
    url: str = ""
    model: str = ""
    sent: bool = False  # whether the request reached the server (and so may cost quota)

    @property
    def category(self) -> Category:
        return self.diagnosis.category

    @property
    def ok(self) -> bool:
        return self.category is Category.OK

    @property
    def message(self) -> str:
        return render(self.diagnosis)[0]

    @property
    def remedy(self) -> str:
        return render(self.diagnosis)[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "protocol": self.protocol,
            "ok": self.ok,
            "category": self.category.value,
            "status": self.status,
            "message": self.message,
            "remedy": self.remedy,
            "model": self.model,
            "url": self.url,
            "elapsed_ms": self.elapsed_ms,
            "sent": self.sent,
        }


# --- reading error bodies ----------------------------------------------------------------


def error_text(body: str) -> str:
    """The error's words from any body shape: OpenAI or Anthropic JSON, SSE, text, HTML."""
    pieces: list[str] = []
    for chunk in _json_chunks(body):
        pieces.extend(_error_fields(chunk))
    if not pieces:
        pieces.append(_strip_html(body))
    return " ".join(p for p in pieces if p)


def _json_chunks(body: str) -> list[Any]:
    text = body.strip()
    candidates = [text]
    if "data:" in text:  # a server-sent event stream
        candidates = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
    chunks = []
    for candidate in candidates:
        try:
            chunks.append(json.loads(candidate))
        except ValueError:
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


def _strip_html(body: str) -> str:
    title = re.search(r"<title[^>]*>(.*?)</title>", body, re.I | re.S)
    if title:
        return title.group(1).strip()
    return re.sub(r"<[^>]+>", " ", body)


def _excerpt(body: str, key: str | None) -> str:
    text = body.replace(key, mask_key(key)) if key else body
    text = " ".join(_strip_html(text).split()) if _looks_html(text) else " ".join(text.split())
    return redact(text)[:_EXCERPT_LEN]


def _looks_html(body: str) -> bool:
    head = body.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


_QUOTA_RE = re.compile(r"\b(hour|week|month|concurrency)\s+allocated quota exceeded", re.I)
_MODEL_RE = re.compile(
    r"model\b.*\b(not (be )?supported|not exist|does not exist|not found)|model_?not_?found|"
    r"unsupported model|invalid model",
    re.I,
)


def classify(status: int, body: str, content_type: str = "") -> tuple[Category, str]:
    """(category, text variant), decided from the status and the body together."""
    text = error_text(body)
    quota = _QUOTA_RE.search(text) or _QUOTA_RE.search(body)
    if quota:
        kind = quota.group(1).lower()
        windows = {
            "hour": Category.QUOTA_5H,
            "week": Category.QUOTA_WEEK,
            "month": Category.QUOTA_MONTH,
        }
        return windows.get(kind, Category.RATE_LIMITED), ""
    html = "html" in content_type.lower() or _looks_html(body)
    if 200 <= status < 300:
        if html:
            return Category.UNEXPECTED, "html"
        return (Category.UNEXPECTED, "") if _stream_error(body) else (Category.OK, "")
    if status == 401:
        return Category.INVALID_KEY, ""
    if status == 403 and re.search(r"invalid[ _-]?api[ _-]?key", text, re.I):
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


def _stream_error(body: str) -> bool:
    """A 200 stream that carries an error event instead of an answer."""
    return any(
        isinstance(c, dict) and (c.get("type") == "error" or isinstance(c.get("error"), dict))
        for c in _json_chunks(body)
    )


# --- proxies and TLS ---------------------------------------------------------------------


def proxy_for(url: str) -> str | None:
    """The proxy the environment routes ``url`` through, as httpx would, or None."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies_environment()
    if parts.hostname and urllib.request.proxy_bypass_environment(parts.hostname, proxies):
        return None
    return proxies.get(parts.scheme) or proxies.get("all")


def ssl_context() -> ssl.SSLContext:
    # The same trust store httpx uses (certifi, or SSL_CERT_FILE / SSL_CERT_DIR).
    return httpx.create_ssl_context()


def _causes(exc: BaseException) -> list[BaseException]:
    chain, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def diagnose_exception(exc: BaseException, url: str) -> Diagnosis:
    """Map a transport failure to a category, naming the host or proxy involved."""
    proxy = proxy_for(url)
    causes = _causes(exc)
    detail = redact(str(exc)) or type(exc).__name__
    params: dict[str, Any] = {
        "host": urlsplit(url).hostname or "",
        "proxy": proxy or "",
        "detail": detail,
    }

    def found(*types: type) -> bool:
        return any(isinstance(c, types) for c in causes)

    if found(httpx.ProxyError):
        return Diagnosis(Category.PROXY, "", params)
    if found(httpx.TimeoutException, TimeoutError):
        return Diagnosis(Category.TIMEOUT, "", params)
    if found(ssl.SSLError, ssl.CertificateError) or "CERTIFICATE_VERIFY_FAILED" in detail:
        return Diagnosis(Category.TLS, "", params)
    if proxy and found(httpx.ConnectError, ConnectionRefusedError):
        return Diagnosis(Category.PROXY, "", params)
    if found(socket.gaierror) or "Name or service not known" in detail:
        return Diagnosis(Category.NETWORK, "dns", params)
    if found(ConnectionRefusedError) or "refused" in detail.lower():
        return Diagnosis(Category.NETWORK, "refused", params)
    return Diagnosis(Category.NETWORK, "", params)


# --- stage 1: reachability (free) --------------------------------------------------------


@dataclass
class Step:
    name: str  # dns, tcp, tls, proxy
    ok: bool = False
    elapsed_ms: int = 0
    detail: str = ""


@dataclass
class Reachability:
    url: str
    diagnosis: Diagnosis
    steps: list[Step] = field(default_factory=list)

    @property
    def category(self) -> Category:
        return self.diagnosis.category

    @property
    def ok(self) -> bool:
        return self.category is Category.OK

    def to_dict(self) -> dict[str, Any]:
        message, remedy = render(self.diagnosis)
        return {
            "url": self.url,
            "ok": self.ok,
            "category": self.category.value,
            "message": message,
            "remedy": remedy,
            "steps": [asdict(s) for s in self.steps],
        }


TEXT[(Category.OK, "reachable")] = (QT_TRANSLATE_NOOP("probe", "{host} is reachable."), "")


def check_reachability(endpoints: Endpoints, timeout: float = CONNECT_TIMEOUT) -> Reachability:
    """DNS, TCP and TLS to the plan's host, or through the proxy the environment sets.

    Sends no model request and no credentials, so it costs nothing.
    """
    url = endpoints.origin
    steps: list[Step] = []
    try:
        if proxy_for(url):
            _reach_via_proxy(url, timeout, steps)
        else:
            _reach_direct(url, timeout, steps)
    except Exception as exc:
        diagnosis = diagnose_exception(exc, url)
        if steps:
            steps[-1].detail = diagnosis.params["detail"]
        return Reachability(url, diagnosis, steps)
    return Reachability(url, Diagnosis(Category.OK, "reachable", {"host": endpoints.host}), steps)


@contextlib.contextmanager
def _step(steps: list[Step], name: str):
    """Times the body as one Step, marked ok only if the body did not raise."""
    step = Step(name)
    steps.append(step)
    start = time.monotonic()
    try:
        yield step
        step.ok = True
    finally:
        step.elapsed_ms = int((time.monotonic() - start) * 1000)


def _reach_direct(url: str, timeout: float, steps: list[Step]) -> None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    with _step(steps, "dns") as step:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        step.detail = ", ".join(sorted({str(i[4][0]) for i in infos}))
    with _step(steps, "tcp"), socket.create_connection((host, port), timeout=timeout) as sock:
        pass
    if parts.scheme == "https":
        with (
            _step(steps, "tls") as step,
            socket.create_connection((host, port), timeout=timeout) as sock,
            ssl_context().wrap_socket(sock, server_hostname=host) as tls,
        ):
            step.detail = tls.version() or ""


def _reach_via_proxy(url: str, timeout: float, steps: list[Step]) -> None:
    # Through a proxy the TLS session runs inside a tunnel: a HEAD to the origin (no
    # credentials, no model call) proves the whole path.
    with (
        _step(steps, "proxy") as step,
        httpx.Client(timeout=timeout, verify=ssl_context(), trust_env=True) as client,
    ):
        response = client.head(url)
        step.detail = f"HTTP {response.status_code}"
        if response.status_code == 407:
            raise httpx.ProxyError("407 Proxy Authentication Required")


# --- stage 2: the authenticated request (costs 1 request) ------------------------------


def _request_spec(endpoints: Endpoints, protocol: Protocol, key: str, model: str):
    messages = [{"role": "user", "content": "ping"}]
    body = {"model": model, "messages": messages, "max_tokens": 1, "stream": True}
    if protocol is Protocol.OPENAI:
        return endpoints.chat_completions_url, {"Authorization": f"Bearer {key}"}, body
    # Claude Code sends the key both ways; so does this test.
    headers = {
        "x-api-key": key,
        "Authorization": f"Bearer {key}",
        "anthropic-version": "2023-06-01",
    }
    return endpoints.messages_url, headers, body


def _model_variant(model: str) -> tuple[str, dict[str, str]]:
    right = catalog_spelling(model)
    if right and right != model:
        return "case", {"right": right}
    known = find_model(model)
    if known and known.pro_only:
        return "pro_only", {}
    return "", {}


def send_test_request(
    endpoints: Endpoints,
    key: str,
    protocol: Protocol | str,
    model: str,
    *,
    record: bool = True,
    connect_timeout: float = CONNECT_TIMEOUT,
    read_timeout: float = READ_TIMEOUT,
) -> ProbeResult:
    """One minimal request (1 output token). Costs 1 request of the plan's quota."""
    protocol = Protocol(protocol)
    try:
        key = check_key(key)
    except CodingPlanError as err:
        diagnosis = Diagnosis(
            Category.KEY_FORMAT, "", err.params, (err.template, err.remedy_template)
        )
        return ProbeResult(protocol.value, diagnosis, model=model)
    url, headers, payload = _request_spec(endpoints, protocol, key, model)
    headers["User-Agent"] = f"codingplan/{__version__}"
    start = time.monotonic()
    status, body, content_type, sent = None, "", "", False
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
                verify=ssl_context(),
                trust_env=True,
            ) as client,
            client.stream("POST", url, headers=headers, json=payload) as response,
        ):
            sent = True
            status = response.status_code
            content_type = response.headers.get("content-type", "")
            body = _read_capped(response)
        diagnosis = None
    except httpx.HTTPError as exc:
        # Once connected, the server may have counted the request even without an answer.
        sent = sent or not isinstance(
            exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.ProxyError
        )
        diagnosis = diagnose_exception(exc, url)
    elapsed = int((time.monotonic() - start) * 1000)
    excerpt = _excerpt(body, key)
    if diagnosis is None:
        category, variant = classify(status or 0, body, content_type)
        params: dict[str, Any] = {
            "status": status,
            "excerpt": excerpt,
            "model": model,
            "host": endpoints.host,
            "expected": Region.INTL.info.origin
            if endpoints.host in GENERAL_HOSTS
            else endpoints.origin,
            "openai_base": endpoints.openai_base,
            "anthropic_base": endpoints.anthropic_base,
        }
        if category is Category.MODEL_UNSUPPORTED:
            variant, extra = _model_variant(model)
            params.update(extra)
        diagnosis = Diagnosis(category, variant, params)
    result = ProbeResult(protocol.value, diagnosis, status, excerpt, elapsed, url, model, sent)
    log.info(
        "test request %s %s -> %s (%s) in %d ms",
        protocol.value,
        url,
        result.category,
        status,
        elapsed,
    )
    if record and sent:
        record_test_request(result, endpoints.origin)
    return result


def _read_capped(response: httpx.Response) -> str:
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= _MAX_BODY:
            break
    return data.decode("utf-8", errors="replace")


def record_test_request(result: ProbeResult, origin: str) -> None:
    """Append the request to the app's own record; the quota tracker counts it later."""
    entry = {
        "id": str(uuid.uuid4()),
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "protocol": result.protocol,
        "model": result.model,
        "origin": origin,
        "status": result.status,
        "category": result.category.value,
    }
    path = paths.test_requests_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One write with O_APPEND: concurrent writers never interleave within a line.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (json.dumps(entry) + "\n").encode("utf-8"))
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("could not record the test request in %s: %s", path, exc)
