"""Reading the plan's console: mint a console token from the AccessKey (signed), then ask
the console's gateway for the plan's counters.

One deadline covers the whole read (connecting, reading, every call, a second mint, a
second gateway row): when it passes, the sockets are shut and the read ends with the
``console_timeout`` fault, whatever the network does. Redirects are never followed (each
is a fault of its own: a captive portal or a proxy answering for the console), and no
answer is read past ``MAX_BODY``.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

import httpx

from codingplan import __version__
from codingplan.console import answer, credentials, faults, hosts
from codingplan.console.answer import PlanReading
from codingplan.console.bailian import BlLogin
from codingplan.console.credentials import Credentials
from codingplan.console.signature import acs_date, authorization, sha256_hex, sign
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.plan import Region
from codingplan.probe import Deadline, ssl_context

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0  # seconds for the whole read
CONNECT_TIMEOUT = 5.0
MAX_BODY = 256 * 1024  # a real answer is about 2 KB

# When no gateway row answers with the plan, the fault reported is the most telling one:
# what a row said about the account, then an answer that could not be read (it may hold
# the plan), then an empty list (perhaps only the wrong row), then the ways there.
_TELLING = (
    faults.PLAN_NOT_VALID,
    faults.NOT_MEMBER,
    faults.WORKSPACE_PERMISSION,
    faults.BAD_ANSWER,
    faults.REFUSED,
    faults.NO_PLAN,
    faults.BL_EXPIRED,
    faults.NOT_LOGGED_IN,
    faults.HTTP_ERROR,
    faults.REDIRECT,
    faults.UNREACHABLE,
)


class ConsoleAnswer(NamedTuple):
    """A reading of the console, and the gateway row that gave it: keep ``row`` (say in
    the settings) and pass it back as ``remembered`` so the next read asks it first."""

    reading: PlanReading
    row: str  # a GatewayRow.key, e.g. "ap-southeast-1/international"


class _Reply(NamedTuple):
    status: int
    headers: httpx.Headers
    body: bytes
    received: float  # this computer's time.time() when the answer came


class _Http:
    """POSTs under one deadline, no redirects followed, bodies bounded."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.client = httpx.Client(
            verify=ssl_context(),
            trust_env=True,
            follow_redirects=False,
            headers={"user-agent": f"codingplan/{__version__}"},
        )

    def close(self) -> None:
        self.client.close()

    def post(self, url: str, headers: dict[str, str], body: bytes) -> _Reply:
        host = urlsplit(url).netloc
        failure: CodingPlanError | None = None
        try:
            timeout = httpx.Timeout(
                self.deadline.left(self.deadline.seconds),
                connect=self.deadline.left(CONNECT_TIMEOUT),
            )
            with self.client.stream(
                "POST",
                url,
                headers=headers,
                content=body,
                timeout=timeout,
                extensions={"trace": self.deadline.trace},
            ) as response:
                reply = self._reply(response)
        except CodingPlanError as fault:
            failure = fault
        except (httpx.TimeoutException, TimeoutError):
            failure = faults.timeout(self.deadline.seconds)
        except (httpx.HTTPError, OSError) as exc:
            failure = (
                faults.timeout(self.deadline.seconds)
                if self.deadline.expired
                else faults.unreachable(host, f"{type(exc).__name__}: {exc}")
            )
        if failure is not None:
            raise failure
        return reply

    def _reply(self, response: httpx.Response) -> _Reply:
        if response.is_redirect or 300 <= response.status_code < 400:
            location = response.headers.get("location", "")
            shown = urlsplit(location).netloc or location[:80]
            raise faults.redirect(shown, f"HTTP {response.status_code} to {shown}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            raise faults.bad_answer(f"the answer is {declared} bytes, more than {MAX_BODY}")
        data = bytearray()
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > MAX_BODY:
                raise faults.bad_answer(f"the answer is longer than {MAX_BODY} bytes")
        if self.deadline.expired:
            raise faults.timeout(self.deadline.seconds)
        return _Reply(response.status_code, response.headers, bytes(data), time.time())


def _skew(reply: _Reply) -> float | None:
    """This computer's clock minus the console's, from the answer's ``Date``; None if it
    has none that reads."""
    text = reply.headers.get("date")
    if not text:
        return None
    try:
        server = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if server.tzinfo is None:
        return None
    return reply.received - server.timestamp()


def _mint(http: _Http, auth: Credentials, url: str) -> str:
    """A fresh console token for ``auth`` (the signed ``GenerateCLIAccessToken`` call)."""
    parts = urlsplit(url)
    body = b""
    body_hash = sha256_hex(body)
    headers = {
        "host": parts.netloc,
        "content-type": "application/json",
        "x-acs-action": hosts.MINT_ACTION,
        "x-acs-version": hosts.MINT_VERSION,
        "x-acs-date": acs_date(datetime.now(UTC)),
        "x-acs-signature-nonce": str(uuid.uuid4()),
        "x-acs-content-sha256": body_hash,
    }
    if auth.security_token:
        headers["x-acs-security-token"] = auth.security_token
    signed = sign(auth.access_key_secret, "POST", parts.path, "", headers, body_hash)
    headers["authorization"] = authorization(auth.access_key_id, signed)
    reply = http.post(url, headers, body)
    if reply.status != 200:
        raise answer.mint_fault(reply.status, reply.body, _skew(reply))
    return answer.parse_token(reply.body)


class _MintFailed(Exception):
    """A mint fault: no gateway row can help, so the read stops with it."""

    def __init__(self, fault: CodingPlanError) -> None:
        super().__init__(fault.code)
        self.fault = fault


class _Tokens:
    """The console token of one read: kept, else minted; minted again at most once."""

    def __init__(self, http: _Http, auth: Credentials | BlLogin, mint_url: str) -> None:
        self.http, self.auth, self.mint_url = http, auth, mint_url
        self.renewed = False
        self.scope = (
            credentials.token_scope(auth.access_key_id, mint_url)
            if isinstance(auth, Credentials)
            else ""
        )

    def get(self) -> str:
        if isinstance(self.auth, BlLogin):
            return self.auth.token
        return credentials.kept_token(self.scope) or self._mint()

    def renew(self) -> str:
        self.renewed = True
        credentials.forget_token()
        return self._mint()

    def _mint(self) -> str:
        assert isinstance(self.auth, Credentials)
        try:
            token = _mint(self.http, self.auth, self.mint_url)
        except CodingPlanError as fault:
            failure = _MintFailed(fault)
        else:
            credentials.keep_token(self.scope, token)
            return token
        raise failure


def _gateway_body(row: hosts.GatewayRow, site: hosts.Site) -> bytes:
    params = {
        "Api": hosts.PLAN_API,
        "V": "1.0",
        "Data": {
            "queryCodingPlanInstanceInfoRequest": {
                "commodityCode": hosts.COMMODITY_CODES[site],
                "onlyLatestOne": True,
            },
            "cornerstoneParam": {
                "protocol": "V2",
                "console": "ONE_CONSOLE",
                "productCode": "p_efm",
                "consoleSite": "BAILIAN_ALIYUN",
            },
        },
    }
    form = {"params": json.dumps(params, separators=(",", ":")), "region": row.region}
    return urlencode(form).encode("ascii")


def _query(
    http: _Http, row: hosts.GatewayRow, site: hosts.Site, token: str, origin: str | None
) -> PlanReading:
    headers = {
        "accept": "*/*",
        "content-type": "application/x-www-form-urlencoded",
        "authorization": f"Bearer {token}",
    }
    reply = http.post(hosts.gateway_url(row, origin), headers, _gateway_body(row, site))
    if reply.status != 200:
        excerpt = reply.body[:300].decode("utf-8", "replace")
        raise faults.http_error(reply.status, f"HTTP {reply.status}: {excerpt}")
    return answer.parse_plan(reply.body, datetime.now(UTC))


def _read_row(
    http: _Http, tokens: _Tokens, row: hosts.GatewayRow, site: hosts.Site, origin: str | None
) -> PlanReading:
    """The plan from one gateway row; a token the console no longer knows is minted
    again once per read (``bl``'s token cannot be: that is its own fault)."""
    token = tokens.get()
    try:
        return _query(http, row, site, token, origin)
    except CodingPlanError as fault:
        refused = fault
    if refused.code != faults.NOT_LOGGED_IN or tokens.renewed:
        raise refused
    if isinstance(tokens.auth, BlLogin):
        raise faults.bl_expired(refused.params.get("detail", ""))
    log.info("console token refused by %s: minting a new one", row.key)
    return _query(http, row, site, tokens.renew(), origin)


def read_plan(
    auth: Credentials | BlLogin,
    region: Region,
    *,
    site: hosts.Site | None = None,
    remembered: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    env: Env | None = None,
) -> ConsoleAnswer:
    """Read the plan's own figures from its console. Spends no plan quota.

    ``auth``: stored credentials (``credentials.require()``) or ``bl``'s login
    (``bailian.read_login()``). ``region``: the plan's region (the mint and the first
    gateway row follow it). ``site``: the account's site; by default the credentials', or
    the one ``region`` suggests. ``remembered``: the row that answered last time.
    ``timeout``: seconds for the whole read. ``env``: where ``CODINGPLAN_CONSOLE_ORIGIN``
    is read (a test console on loopback replaces every console host).

    Raises a ``CodingPlanError`` whose code is one of ``faults.CODES`` (or ``bad_origin``,
    ``bad_console_origin``, or a keyring fault), never anything else."""
    origin = hosts.console_origin(env)
    console_region = hosts.CONSOLE_REGIONS[region]
    if isinstance(auth, BlLogin):
        console_region = auth.region or console_region
    chosen = site or auth.site or hosts.default_site(region)
    rows = hosts.gateway_rows(console_region, chosen, remembered)
    started = time.monotonic()
    with Deadline(timeout) as deadline:
        http = _Http(deadline)
        try:
            tokens = _Tokens(http, auth, hosts.mint_url(console_region, origin))
            result = _read_rows(http, tokens, rows, chosen, origin)
        finally:
            http.close()
    elapsed = int((time.monotonic() - started) * 1000)
    if isinstance(result, CodingPlanError):
        log.info("console read failed: %s in %d ms", result.code, elapsed)
        raise result
    log.info("console read from %s in %d ms", result.row, elapsed)
    return result


def _read_rows(
    http: _Http,
    tokens: _Tokens,
    rows: list[hosts.GatewayRow],
    site: hosts.Site,
    origin: str | None,
) -> ConsoleAnswer | CodingPlanError:
    """The first row's answer with the plan, else the most telling fault."""
    seen: list[CodingPlanError] = []
    for row in rows:
        try:
            return ConsoleAnswer(_read_row(http, tokens, row, site, origin), row.key)
        except _MintFailed as stop:
            return stop.fault
        except CodingPlanError as fault:
            if fault.code == faults.TIMEOUT:
                return fault
            log.info("console row %s: %s", row.key, fault.code)
            seen.append(fault)
    return min(seen, key=lambda f: _TELLING.index(f.code) if f.code in _TELLING else len(_TELLING))
