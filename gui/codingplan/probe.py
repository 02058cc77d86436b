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
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from codingplan import paths
from codingplan.errors import CodingPlanError
from codingplan.outcomes import (
    Category,
    Diagnosis,
    ProbeRecord,
    append_record,
    classify,
    error_text,
    json_chunks,
    looks_html,
    render,
    reset_hint,
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
from codingplan.tools.types import ClientIdentity

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
_EXCERPT_LEN = 200
_MAX_BODY = 64 * 1024


class Protocol(enum.StrEnum):
    OPENAI = "openai"
    ANTHROPIC = "anthropic"


class Deadline:
    """When a whole test must be over, whatever the network does.

    Timeouts on each read cannot stop a server (or proxy) that sends one byte every few
    seconds, so every socket a test opens is watched, and shut down when the time is up:
    the read waiting on it then returns at once. Use as a context manager.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        self._timer = threading.Timer(self.remaining(), self._expire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def left(self, cap: float) -> float:
        """The time one step may take: at most ``cap``, never past the deadline."""
        remaining = self.remaining()
        if remaining <= 0:
            raise TimeoutError("the test ran out of time")
        return min(cap, remaining)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's trace hook: each connection opened for the request is watched."""
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                self.watch(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


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
    identity: str = ""  # the coding tool the request went out as, e.g. "Claude Code 2.1.332"
    reset_ms: int | None = None  # a quota answer said when the quota comes back

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
            "identity": self.identity,
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


def check_reachability(endpoints: Endpoints, deadline: Deadline | None = None) -> Reachability:
    """DNS, TCP and TLS to the plan's host, or through the proxy the environment sets.

    Sends no model request and no credentials, so it costs nothing. Ends by ``deadline``
    (by default ``CONNECT_TIMEOUT`` from now) whatever the network does.
    """
    url = endpoints.origin
    steps: list[Step] = []
    with deadline or Deadline(CONNECT_TIMEOUT) as limit:
        try:
            if proxy_for(url):
                _reach_via_proxy(url, limit, steps)
            else:
                _reach_direct(url, limit, steps)
        except Exception as exc:
            diagnosis = _failure(exc, url, limit)
            if steps:
                steps[-1].detail = diagnosis.params["detail"]
            return Reachability(url, diagnosis, steps)
    return Reachability(url, Diagnosis(Category.OK, "reachable", {"host": endpoints.host}), steps)


def _failure(exc: BaseException, url: str, deadline: Deadline) -> Diagnosis:
    """What went wrong; a connection shut because the time was up is a timeout."""
    diagnosis = diagnose_exception(exc, url)
    if deadline.expired and diagnosis.category is not Category.TIMEOUT:
        return Diagnosis(Category.TIMEOUT, "", diagnosis.params)
    return diagnosis


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


def _resolve(host: str, port: int, timeout: float) -> list[Any]:
    """getaddrinfo, given up on after ``timeout`` (the system resolver has no timeout)."""
    found: list[Any] = []
    failed: list[BaseException] = []

    def look_up() -> None:
        try:
            found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller's thread
            failed.append(exc)

    worker = threading.Thread(target=look_up, name="dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"no answer from the name server for {host}")
    if failed:
        raise failed[0]
    return found


def _connect(host: str, port: int, deadline: Deadline) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=deadline.left(CONNECT_TIMEOUT))
    deadline.watch(sock)
    return sock


def _reach_direct(url: str, deadline: Deadline, steps: list[Step]) -> None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    with _step(steps, "dns") as step:
        infos = _resolve(host, port, deadline.left(CONNECT_TIMEOUT))
        step.detail = ", ".join(sorted({str(i[4][0]) for i in infos}))
    with _step(steps, "tcp"), _connect(host, port, deadline):
        pass
    if parts.scheme == "https":
        with (
            _step(steps, "tls") as step,
            _connect(host, port, deadline) as sock,
            ssl_context().wrap_socket(sock, server_hostname=host) as tls,
        ):
            step.detail = tls.version() or ""


def _reach_via_proxy(url: str, deadline: Deadline, steps: list[Step]) -> None:
    # Through a proxy the TLS session runs inside a tunnel: a HEAD to the origin (no
    # credentials, no model call) proves the whole path.
    timeout = deadline.left(CONNECT_TIMEOUT)
    with (
        _step(steps, "proxy") as step,
        httpx.Client(timeout=timeout, verify=ssl_context(), trust_env=True) as client,
    ):
        response = client.head(url, extensions={"trace": deadline.trace})
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
    identity: ClientIdentity,
    *,
    record: bool = True,
    deadline: Deadline | None = None,
) -> ProbeResult:
    """One minimal request (1 output token), sent as ``identity`` (the coding tool that speaks
    this protocol: the plan serves only coding tools). Costs 1 request of the plan's quota.

    Ends by ``deadline`` (by default ``READ_TIMEOUT`` from now) whatever the server does.
    """
    protocol = Protocol(protocol)
    try:
        key = check_key(key)
    except CodingPlanError as err:
        refused = Diagnosis(
            Category.KEY_FORMAT, "", err.params, (err.template, err.remedy_template)
        )
        return ProbeResult(protocol.value, refused, model=model, identity=identity.tool)
    url, headers, payload = _request_spec(endpoints, protocol, key, model)
    headers.update(identity.headers)
    start = time.monotonic()
    answer, failure = _Answer(), None
    written: list[str] = []  # the request went out: it may cost quota even unanswered

    def trace(event: str, info: dict[str, Any]) -> None:
        if event.endswith(("send_request_headers.complete", "send_request_body.complete")):
            written.append(event)
        limit.trace(event, info)

    with deadline or Deadline(READ_TIMEOUT) as limit:
        try:
            timeout = httpx.Timeout(limit.left(READ_TIMEOUT), connect=limit.left(CONNECT_TIMEOUT))
            with (
                httpx.Client(timeout=timeout, verify=ssl_context(), trust_env=True) as client,
                client.stream(
                    "POST", url, headers=headers, json=payload, extensions={"trace": trace}
                ) as response,
            ):
                answer = _read_answer(response, protocol, limit)
        except (httpx.HTTPError, TimeoutError) as exc:
            failure = _failure(exc, url, limit)
    # What a proxy refused never reached the plan.
    sent = bool(written) and not (failure and failure.category is Category.PROXY)
    elapsed = int((time.monotonic() - start) * 1000)
    excerpt = _excerpt(answer.body, key)
    diagnosis = failure or _diagnose_answer(answer, excerpt, endpoints, model)
    result = ProbeResult(
        protocol.value, diagnosis, answer.status, excerpt, elapsed, url, model, sent, identity.tool
    )
    if diagnosis.category in (Category.QUOTA_5H, Category.QUOTA_WEEK, Category.QUOTA_MONTH):
        answered = int(time.time() * 1000)
        result.reset_ms = reset_hint(error_text(answer.body), answer.headers, answered)
    log.info(
        "test request %s %s as %s -> %s (%s) in %d ms",
        protocol.value,
        url,
        identity.user_agent,
        result.category,
        answer.status,
        elapsed,
    )
    if record and sent:
        record_test_request(result, endpoints.origin, identity.user_agent)
    return result


@dataclass
class _Answer:
    status: int | None = None
    content_type: str = ""
    body: str = ""
    completion: bool = False  # a well-formed completion of the protocol asked for
    headers: dict[str, str] = field(default_factory=dict)


def _read_answer(response: httpx.Response, protocol: Protocol, deadline: Deadline) -> _Answer:
    """The answer, read until it proves to be a completion, or to its end, at most
    ``_MAX_BODY`` bytes (an endless stream of junk stops there)."""
    answer = _Answer(response.status_code, response.headers.get("content-type", ""))
    answer.headers = dict(response.headers)
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= _MAX_BODY or deadline.expired:
            break
        if 200 <= response.status_code < 300 and is_completion(protocol, data):
            answer.completion = True
            break
    answer.body = data.decode("utf-8", errors="replace")
    if not answer.completion and 200 <= response.status_code < 300:
        answer.completion = is_completion(protocol, data)
    return answer


def is_completion(protocol: Protocol, data: bytes | bytearray) -> bool:
    """Whether the body (complete, or the start of a stream) is the protocol's answer with
    something in it: an OpenAI chat completion or chunk with a choice; an Anthropic message
    with content, or its ``message_start`` followed by a content block. An answer of the
    right shape with nothing in it (``"choices": []``, ``"content": []``) is not one."""
    started = False  # an Anthropic stream's message_start (its content comes in blocks)
    for chunk in json_chunks(bytes(data).decode("utf-8", errors="replace")):
        if not isinstance(chunk, dict) or "error" in chunk:
            continue
        if protocol is Protocol.OPENAI:
            choices = chunk.get("choices")
            if (
                str(chunk.get("object", "")).startswith("chat.completion")
                and isinstance(choices, list)
                and any(isinstance(c, dict) for c in choices)
            ):
                return True
            continue
        kind = chunk.get("type")
        if kind == "message_start":
            message = chunk.get("message")
            started = isinstance(message, dict) and message.get("type") == "message"
        elif kind == "message":
            content = chunk.get("content")
            if isinstance(content, list) and any(isinstance(b, dict) for b in content):
                return True
        elif started and kind in ("content_block_start", "content_block_delta"):
            return True
    return False


def _diagnose_answer(answer: _Answer, excerpt: str, endpoints: Endpoints, model: str) -> Diagnosis:
    category, variant = classify(answer.status or 0, answer.body, answer.content_type)
    if category is Category.OK and not answer.completion:
        category, variant = Category.UNEXPECTED, "not_completion"
    params: dict[str, Any] = {
        "status": answer.status,
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
    return Diagnosis(category, variant, params)


def record_test_request(result: ProbeResult, origin: str, identity: str = "") -> None:
    """Append the request to the app's own record; the quota tracker counts it later."""
    record = ProbeRecord.new(
        result.protocol,
        result.model,
        origin,
        result.status,
        result.category.value,
        identity,
        result.reset_ms,
    )
    path = paths.test_requests_file()
    try:
        append_record(path, record)
    except OSError as exc:
        log.warning("could not record the test request in %s: %s", path, exc)
