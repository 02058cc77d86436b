"""A stand-in for the plan's console, over real HTTP on 127.0.0.1: the token mint and the
gateway that answers with the plan's counters.

It checks every request as the real console would, with its own code: the ACS3-HMAC-SHA256
signature recomputed from the secret it knows, the signed header list, the content hash,
the date (within 15 minutes of its own clock), a nonce never seen before, the STS token of
a temporary pair, the mint permission; then the gateway's query, form body, ``params``
JSON and Bearer token. A request that breaks a rule gets the real console's refusal, and
the rule is listed in ``problems`` so a test can assert there are none.

It plays every fault: a missing permission, an unknown AccessKey, a wrong secret, a skewed
clock (its ``Date`` header and its date check follow ``clock_offset``), expired tokens
(``expire_tokens``), a RAM user outside the workspace, a missing workspace permission,
no plan, expired plans, redirects, slow answers, huge bodies, HTML, numbers as strings.

``python -m tests.fakes.console_server`` runs one by hand and prints its origin.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import hmac
import json
import re
import secrets
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

KEY_ID = "LTAI5tFakeConsoleKey0001"
SECRET = "fakeConsoleSecret0f30charsAbCd"
STS_KEY_ID = "STS.NUfakeTemporaryKey01"
STS_SECRET = "fakeTemporarySecret0123456789xyz"
STS_TOKEN = "CAISfakeSecurityToken+/0123456789abcdefghijklmnopqrstuvwxyzFAKE=="

MINT_PATH = "/modelstudio/cli/generateAccessToken"
GATEWAY_PATH = "/cli/api.json"
PLAN_API = "zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2"
ACTIONS = {"cn-beijing": "BroadScopeAspnGateway", "ap-southeast-1": "IntlBroadScopeAspnGateway"}
COMMODITIES = {
    "international": "sfm_codingplan_public_intl",
    "domestic": "sfm_codingplan_public_cn",
}
CORNERSTONE = {
    "protocol": "V2",
    "console": "ONE_CONSOLE",
    "productCode": "p_efm",
    "consoleSite": "BAILIAN_ALIYUN",
}
_AUTH = re.compile(
    r"ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([^,\s]+),Signature=([0-9a-f]{64})"
)
_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
DAY_MS = 86_400_000
HOUR_MS = 3_600_000


def now_ms() -> int:
    return int(time.time() * 1000)


def instance(
    *,
    tier: str = "pro",
    status: str = "VALID",
    used: tuple[int, int, int] = (812, 9_000, 20_000),
    totals: tuple[int, int, int] | None = None,
    at_ms: int | None = None,
    auto_renew: bool = False,
    days_left: int = 20,
) -> dict[str, Any]:
    """One plan instance, shaped as the real console's (the one real capture's fields)."""
    at = at_ms or now_ms()
    totals = totals or ((6_000, 45_000, 90_000) if tier == "pro" else (1_200, 9_000, 18_000))
    end = at + days_left * DAY_MS + 6 * HOUR_MS
    refresh = (at + 3 * HOUR_MS, at + 4 * DAY_MS, end)
    quota: dict[str, Any] = {}
    for prefix, u, t, r in zip(
        ("per5Hour", "perWeek", "perBillMonth"), used, totals, refresh, strict=True
    ):
        quota[f"{prefix}UsedQuota"] = u
        quota[f"{prefix}TotalQuota"] = t
        quota[f"{prefix}QuotaNextRefreshTime"] = r
    return {
        "codingPlanQuotaInfo": quota,
        "instanceId": "sfm_codingplan_public_intl-fake0001",
        "instanceName": f"Coding Plan {tier.capitalize()}",
        "instanceType": tier,
        "status": status,
        "instanceStartTime": end - 30 * DAY_MS,
        "instanceEndTime": end,
        "remainingDays": days_left,
        "chargeType": "MONTH",
        "chargeAmount": 200 if tier == "pro" else 40,
        "autoRenewFlag": auto_renew,
    }


def gateway_success(instances: list[Any], older_shape: bool = False) -> dict[str, Any]:
    payload = {"codingPlanInstanceInfos": instances, "userId": "5000000000000000"}
    if older_shape:
        data: dict[str, Any] = {"data": payload, "success": True}
    else:
        data = {
            "DataV2": {
                "ret": ["SUCCESS::API call succeeded"],
                "data": {"data": payload, "success": True, "failed": False},
            },
            "success": True,
            "httpStatus": 200,
            "errorCode": "",
            "errorMsg": "",
        }
    return {"code": "200", "data": data, "httpStatusCode": "200", "successResponse": True}


def gateway_failure(code: str, message: str) -> dict[str, Any]:
    data = {"success": False, "httpStatus": 200, "errorCode": code, "errorMsg": message}
    return {"code": "200", "data": data, "httpStatusCode": "200", "successResponse": True}


def stringify_numbers(value: Any) -> Any:
    """Every number written as a string, as some services answer (``bl`` refuses them)."""
    if isinstance(value, dict):
        return {k: stringify_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify_numbers(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


@dataclass
class Received:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    time: float = field(default_factory=time.time)


class ConsoleServer:
    """The fake console. Use as a context manager; ``origin`` is where it listens."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.keys: dict[str, str] = {KEY_ID: SECRET, STS_KEY_ID: STS_SECRET}
        self.sts_tokens: dict[str, str] = {STS_KEY_ID: STS_TOKEN}
        self.allowed: set[str] = {KEY_ID, STS_KEY_ID}  # may mint console tokens
        self.site = "international"  # the account's site
        self.region = "ap-southeast-1"  # the gateway region that holds the plan
        self.instances: list[Any] = [instance()]
        self.clock_offset = 0.0  # seconds the console's clock is ahead of this computer's
        # Faults: "slow", "redirect", "html", "huge", "server_error", "drop", and for the
        # mint "no_permission"; for the gateway "not_member", "workspace_permission",
        # "strings", "older_shape", "refused", "not_logined".
        self.mint_scenario: str | None = None
        self.gateway_scenario: str | None = None
        self.gateway_next: list[str] = []  # one each for the next gateway requests
        self.delay = 30.0  # seconds a "slow" answer waits
        self.tokens: set[str] = set()
        self.bl_token: str | None = None  # a token bl minted, that the gateway takes
        self.minted = 0
        self.received: list[Received] = []
        self.problems: list[str] = []
        self._nonces: set[str] = set()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> ConsoleServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def expire_tokens(self) -> None:
        """Every console token minted so far stops working (the console says NotLogined)."""
        with self._lock:
            self.tokens.clear()

    def mints(self) -> list[Received]:
        return [r for r in self.received if r.path == MINT_PATH]

    def reads(self) -> list[Received]:
        return [r for r in self.received if r.path == GATEWAY_PATH]

    def problem(self, text: str) -> None:
        with self._lock:
            self.problems.append(text)

    def now(self) -> float:
        return time.time() + self.clock_offset

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(_Handler):
            console = server

        return Handler


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    console: ConsoleServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return formatdate(self.console.now(), usegmt=True)  # the console's own clock

    def do_GET(self) -> None:
        self._send(404, {"Code": "NotFound"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        headers = {k.lower(): v for k, v in self.headers.items()}
        with self.console._lock:
            self.console.received.append(Received("POST", path, query, headers, body))
        if path == MINT_PATH:
            scenario = self.console.mint_scenario
            if not self._played(scenario):
                self._mint(headers, body)
        elif path == GATEWAY_PATH:
            with self.console._lock:
                queued = self.console.gateway_next
                scenario = queued.pop(0) if queued else self.console.gateway_scenario
            if not self._played(scenario):
                self._gateway(query, headers, body, scenario)
        else:
            self._send(404, {"Code": "NotFound"})

    # --- faults any call can meet
    def _played(self, scenario: str | None) -> bool:
        """Answer with a fault of the way there; False when ``scenario`` is none of them."""
        if scenario == "slow":
            time.sleep(self.console.delay)
            return False
        if scenario == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if scenario == "redirect":
            self.send_response(302)
            self.send_header("Location", f"{self.console.origin}/login?redirect=console")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if scenario == "html":
            self._raw(
                200, b"<!DOCTYPE html><html><body>Sign in to Wi-Fi</body></html>", "text/html"
            )
            return True
        if scenario == "huge":
            self._raw(200, b'{"padding": "' + b"x" * (4 << 20) + b'"}', "application/json")
            return True
        if scenario == "server_error":
            self._send(
                500, {"Code": "InternalError", "Message": "The request processing has failed."}
            )
            return True
        return False

    # --- the mint
    def _mint(self, headers: dict[str, str], body: bytes) -> None:
        console = self.console
        refusal = self._check_signature(headers, body)
        if refusal is not None:
            status, code, message = refusal
            return self._send(
                status, {"RequestId": str(uuid.uuid4()), "Code": code, "Message": message}
            )
        key_id = _AUTH.match(headers["authorization"]).group(1)  # type: ignore[union-attr]
        if key_id not in console.allowed or console.mint_scenario == "no_permission":
            return self._send(
                403,
                {
                    "RequestId": str(uuid.uuid4()),
                    "Code": "NoPermission",
                    "Message": "You are not authorized to do this action. Action: "
                    "modelstudio:GenerateCLIAccessToken",
                },
            )
        token = "cli-" + secrets.token_urlsafe(32)
        with console._lock:
            console.tokens.add(token)
            console.minted += 1
        self._send(200, {"cliAccessToken": token, "RequestId": str(uuid.uuid4())})

    def _check_signature(self, headers: dict[str, str], body: bytes) -> tuple[int, str, str] | None:
        console = self.console
        found = _AUTH.fullmatch(headers.get("authorization", ""))
        if not found:
            console.problem("no ACS3-HMAC-SHA256 Authorization header")
            return (
                400,
                "IncompleteSignature",
                "The request signature does not conform to standards.",
            )
        key_id, signed_names, signature = found.groups()
        wanted = {
            "host": None,
            "content-type": "application/json",
            "x-acs-action": "GenerateCLIAccessToken",
            "x-acs-version": "2026-02-10",
            "x-acs-date": None,
            "x-acs-signature-nonce": None,
            "x-acs-content-sha256": _sha256(body),
        }
        for name, value in wanted.items():
            if name not in headers or (value is not None and headers[name] != value):
                console.problem(f"header {name} is {headers.get(name)!r}")
                return 400, "MissingParameter", f"The input parameter {name} is missing or wrong."
        if headers["host"] != urlsplit(console.origin).netloc:
            console.problem(f"host header {headers['host']!r}")
        names = sorted(
            n for n in headers if n in ("host", "content-type") or n.startswith("x-acs-")
        )
        if signed_names != ";".join(names):
            console.problem(f"signed headers {signed_names!r}, expected {';'.join(names)!r}")
            return (
                400,
                "IncompleteSignature",
                "The request signature does not conform to standards.",
            )
        if not _DATE.fullmatch(headers["x-acs-date"]):
            console.problem(f"x-acs-date {headers['x-acs-date']!r}")
            return (
                400,
                "InvalidTimeStamp.Format",
                "Specified time stamp or date value is not well formatted.",
            )
        try:
            uuid.UUID(headers["x-acs-signature-nonce"])
        except ValueError:
            console.problem("the nonce is not a UUID")
        with console._lock:
            reused = headers["x-acs-signature-nonce"] in console._nonces
            console._nonces.add(headers["x-acs-signature-nonce"])
        if reused:
            console.problem("a nonce was used twice")
            return 400, "SignatureNonceUsed", "Specified signature nonce was used already."
        if key_id not in console.keys:
            return 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."
        canonical = "\n".join(
            [
                "POST",
                urlsplit(self.path).path,
                "",
                "".join(f"{n}:{headers[n].strip()}\n" for n in names),
                ";".join(names),
                headers["x-acs-content-sha256"],
            ]
        )
        to_sign = "ACS3-HMAC-SHA256\n" + _sha256(canonical.encode())
        expected = hmac.new(console.keys[key_id].encode(), to_sign.encode(), hashlib.sha256)
        sent_at = calendar.timegm(time.strptime(headers["x-acs-date"], "%Y-%m-%dT%H:%M:%SZ"))
        if abs(console.now() - sent_at) > 15 * 60 or not hmac.compare_digest(
            expected.hexdigest(), signature
        ):
            return (
                400,
                "SignatureDoesNotMatch",
                (
                    "Specified signature is not matched with our calculation. server string to sign is:"
                    + to_sign.replace("\n", "\\n")
                ),
            )
        needed = console.sts_tokens.get(key_id)
        if needed is not None and headers.get("x-acs-security-token") != needed:
            return 400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."
        return None

    # --- the gateway
    def _gateway(
        self, query: str, headers: dict[str, str], body: bytes, scenario: str | None
    ) -> None:
        console = self.console
        form = parse_qs(
            body.decode("ascii", "replace"), keep_blank_values=True, strict_parsing=False
        )
        args = parse_qs(query)
        region = (form.get("region") or [""])[0]
        expected_args = {
            "action": [ACTIONS.get(region, "?")],
            "product": ["sfm_bailian"],
            "api": [PLAN_API],
        }
        if args != expected_args:
            console.problem(f"gateway query {args!r}, expected {expected_args!r}")
            return self._send(400, {"code": "InvalidParameter"})
        if headers.get("content-type") != "application/x-www-form-urlencoded":
            console.problem(f"gateway content-type {headers.get('content-type')!r}")
        if sorted(form) != ["params", "region"] or any(len(v) != 1 for v in form.values()):
            console.problem(f"gateway form fields {sorted(form)!r}")
            return self._send(400, {"code": "InvalidParameter"})
        try:
            params = json.loads(form["params"][0])
        except ValueError:
            params = None
        commodity = None
        if isinstance(params, dict):
            request = params.get("Data", {}).get("queryCodingPlanInstanceInfoRequest", {})
            commodity = request.get("commodityCode") if isinstance(request, dict) else None
        expected = {
            "Api": PLAN_API,
            "V": "1.0",
            "Data": {
                "queryCodingPlanInstanceInfoRequest": {
                    "commodityCode": commodity,
                    "onlyLatestOne": True,
                },
                "cornerstoneParam": CORNERSTONE,
            },
        }
        if params != expected or commodity not in COMMODITIES.values():
            console.problem(f"gateway params {params!r}")
            return self._send(400, {"code": "InvalidParameter"})
        auth = headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        with console._lock:
            known = token in console.tokens or (
                token and token == getattr(console, "bl_token", None)
            )
        if not known or scenario == "not_logined":
            return self._send(
                200,
                gateway_failure(
                    "BailianGateway.Login.NotLogined",
                    "The user is not logged in or the login has expired.",
                ),
            )
        if scenario == "not_member":
            return self._send(
                200,
                gateway_failure(
                    "BailianGateway.Workspace.NotAuthorised",
                    "The current user is not authorised to access this workspace.",
                ),
            )
        if scenario == "workspace_permission":
            return self._send(
                200,
                gateway_failure(
                    "BailianGateway.AuthorityPolicies.NoPermission", "sfm:QueryCodingPlanInstance"
                ),
            )
        if scenario == "refused":
            return self._send(
                200, gateway_failure("BailianGateway.Throttling", "Too many requests.")
            )
        answers_here = region == console.region and commodity == COMMODITIES[console.site]
        instances = console.instances if answers_here else []
        answer = gateway_success(instances, older_shape=scenario == "older_shape")
        if scenario == "strings":
            answer = stringify_numbers(answer)
        self._send(200, answer)

    # --- writing
    def _send(self, status: int, body: Any) -> None:
        self._raw(status, json.dumps(body).encode(), "application/json")

    def _raw(self, status: int, data: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:  # a client that stopped reading a huge answer, as it should
            self.close_connection = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    with ConsoleServer() as server:
        print(server.origin, flush=True)
        print(f"AccessKey ID {KEY_ID}, secret {SECRET}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
