"""The connection test: a free reachability check, then (only when a person asks) one
minimal authenticated request per protocol, each diagnosed into one category with a remedy.

Every request this module sends costs one request of the plan's quota, so each is
recorded in ``paths.test_requests_file()`` for the quota tracker.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import socket
import ssl
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from codingplan import __version__, paths
from codingplan.errors import CodingPlanError
from codingplan.outcomes import (
    Category,
    Diagnosis,
    ProbeRecord,
    append_record,
    classify,
    looks_html,
    render,
    strip_html,
)
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


class Protocol(enum.StrEnum):
    OPENAI = "openai"
    ANTHROPIC = "anthropic"


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


def _excerpt(body: str, key: str | None) -> str:
    text = body.replace(key, mask_key(key)) if key else body
    text = " ".join(strip_html(text).split()) if looks_html(text) else " ".join(text.split())
    return redact(text)[:_EXCERPT_LEN]


# --- proxies and TLS ---------------------------------------------------------------------


def proxy_for(url: str) -> str | None:
    """The proxy the environment routes ``url`` through, as httpx would, or None."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies_environment()
    # urllib has proxy_bypass_environment at run time, but typeshed leaves it out.
    bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
    if parts.hostname and bypass(parts.hostname, proxies):
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
def _step(steps: list[Step], name: str) -> Iterator[Step]:
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


def _request_spec(
    endpoints: Endpoints, protocol: Protocol, key: str, model: str
) -> tuple[str, dict[str, str], dict[str, Any]]:
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
        refused = Diagnosis(
            Category.KEY_FORMAT, "", err.params, (err.template, err.remedy_template)
        )
        return ProbeResult(protocol.value, refused, model=model)
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


def record_test_request(result: ProbeResult, origin: str, identity: str = "") -> None:
    """Append the request to the app's own record; the quota tracker counts it later."""
    record = ProbeRecord.new(
        result.protocol, result.model, origin, result.status, result.category.value, identity
    )
    path = paths.test_requests_file()
    try:
        append_record(path, record)
    except OSError as exc:
        log.warning("could not record the test request in %s: %s", path, exc)
