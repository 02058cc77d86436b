"""The Coding Plan as data: tiers, regions and endpoints, the model catalog, the key format.

Facts come from the vendor's plan pages; keep them here, as data, so a new model or a
changed limit is a one-line edit.
"""

from __future__ import annotations

import enum
import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple, TextIO
from urllib.parse import urlsplit

from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.redact import redact

KEY_PREFIX = "sk-sp-"


class Window(enum.StrEnum):
    """The plan's three quota windows, by the names the ledger, the settings and ``--json``
    use: the 5 hours (sliding), the week and the month (each reset at a fixed time)."""

    FIVE_HOURS = "5h"
    WEEK = "week"
    MONTH = "month"


WINDOWS = tuple(Window)


class TierInfo(NamedTuple):
    """A tier's requests per 5 hours, week and month, and its price a month on each site:
    in US dollars on the international site, in yuan on the China site (the same limits)."""

    limit_5h: int
    limit_week: int
    limit_month: int
    price_usd: int
    price_cny: int

    def limit(self, window: str) -> int:
        limits = {
            Window.FIVE_HOURS: self.limit_5h,
            Window.WEEK: self.limit_week,
            Window.MONTH: self.limit_month,
        }
        return limits[Window(window)]


class Tier(enum.StrEnum):
    LITE = "lite"
    PRO = "pro"

    @property
    def info(self) -> TierInfo:
        return _TIERS[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()


# The list prices, without first-month offers.
_TIERS = {
    Tier.LITE: TierInfo(
        limit_5h=1_200, limit_week=9_000, limit_month=18_000, price_usd=10, price_cny=40
    ),
    Tier.PRO: TierInfo(
        limit_5h=6_000, limit_week=45_000, limit_month=90_000, price_usd=50, price_cny=200
    ),
}


class RegionInfo(NamedTuple):
    """Where a region's plan answers, and its console page."""

    origin: str
    console_url: str


class Region(enum.StrEnum):
    INTL = "intl"
    CN = "cn"

    @property
    def info(self) -> RegionInfo:
        return _REGIONS[self]


_REGIONS = {
    Region.INTL: RegionInfo(
        origin="https://coding-intl.dashscope.aliyuncs.com",
        console_url="https://modelstudio.console.alibabacloud.com/?tab=coding-plan#/efm/coding-plan-index",
    ),
    Region.CN: RegionInfo(
        origin="https://coding.dashscope.aliyuncs.com",
        console_url="https://bailian.console.aliyun.com/cn-beijing?tab=coding-plan#/efm/coding-plan-index",
    ),
}

# The general (pay-as-you-go) Model Studio hosts: a plan key there gets "403 invalid api-key".
GENERAL_HOSTS = frozenset(
    {"dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com", "dashscope-us.aliyuncs.com"}
)
# The plan's own hosts, in both regions.
PLAN_HOSTS = frozenset(urlsplit(info.origin).hostname or "" for info in _REGIONS.values())


def _address(url: str) -> tuple[str, int | None, str] | None:
    """(host, port, path) of a URL, the port filled in from the scheme; None if unusable."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:
        return None
    return (host, port, parts.path.rstrip("/")) if host else None


def is_plan_url(url: str | None, origins: Iterable[str] = ()) -> bool | None:
    """Whether requests to ``url`` go to the plan: its own hosts, or one of the person's
    custom ``origins`` (a gateway, a test server). None when there is no address to judge."""
    found = _address(url) if url else None
    if found is None:
        return None
    host, port, path = found
    if host in PLAN_HOSTS:
        return True
    for origin in origins:
        wanted = _address(origin) if origin else None
        if wanted and wanted[:2] == (host, port) and (path + "/").startswith(wanted[2] + "/"):
            return True
    return False


class Endpoints(NamedTuple):
    """The plan's two protocol bases under one origin."""

    origin: str

    @property
    def openai_base(self) -> str:
        """What OpenAI-compatible clients take as base URL (they append /chat/completions)."""
        return f"{self.origin}/v1"

    @property
    def anthropic_base(self) -> str:
        """What Claude Code takes as ANTHROPIC_BASE_URL (it appends /v1/messages)."""
        return f"{self.origin}/apps/anthropic"

    @property
    def anthropic_sdk_base(self) -> str:
        """What @ai-sdk/anthropic clients (OpenCode, Kilo) take: the base including /v1."""
        return f"{self.origin}/apps/anthropic/v1"

    @property
    def chat_completions_url(self) -> str:
        return f"{self.openai_base}/chat/completions"

    @property
    def messages_url(self) -> str:
        return f"{self.anthropic_base}/v1/messages"

    @property
    def host(self) -> str:
        return urlsplit(self.origin).hostname or ""


# Alibaba's separate Token Plan also issues sk-sp- keys, metered in credits rather than
# requests: a Coding Plan key (and this app's quota tracking) does not work there.
TOKEN_PLAN_HOSTS = frozenset(
    {"token-plan.cn-beijing.maas.aliyuncs.com", "token-plan.ap-southeast-1.maas.aliyuncs.com"}
)
# Set to 1 (or pass --allow-insecure-origin) to accept a plain http:// origin that is not
# this computer: a gateway on a network the person trusts.
INSECURE_ORIGIN_VARIABLE = "CODINGPLAN_ALLOW_INSECURE_ORIGIN"


def _origin_error(url: str, message: str, remedy: str, **params: str) -> CodingPlanError:
    # An origin can hold a pasted key: the message never repeats it.
    return CodingPlanError("bad_origin", message, remedy, url=redact(url), **params)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer (a test server or a local gateway): a loopback
    address, or ``localhost`` itself. A name under ``.localhost`` is not taken on its name:
    nothing makes every resolver keep it on this computer."""
    name = host.lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_ipv6(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).version == 6
    except ValueError:
        return False


def _plan_addresses() -> dict[str, str]:
    return {"intl": Region.INTL.info.origin, "cn": Region.CN.info.origin}


def _check_host(text: str, host: str) -> None:
    """Refuse the hosts a plan key is known not to work at, saying what each one is."""
    if host in TOKEN_PLAN_HOSTS:
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP(
                "errors",
                "{host} is the address of Alibaba Cloud's Token Plan (metered in credits), "
                "not of the Coding Plan.",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use the Coding Plan's address, {intl} (International) or {cn} (China), or "
                "leave the origin empty.",
            ),
            host=host,
            **_plan_addresses(),
        )
    if host in GENERAL_HOSTS:
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP(
                "errors",
                "{host} is the general pay-as-you-go Model Studio address; it does not take "
                "Coding Plan keys.",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use the Coding Plan's address, {intl} (International) or {cn} (China), or "
                "leave the origin empty.",
            ),
            host=host,
            **_plan_addresses(),
        )


# A host as an origin may name it: a bracketed IPv6 address, or a name or IPv4 address;
# then an optional port. Anything else ("[::1]evil.com") is read differently by different
# programs, so the tools could be sent somewhere other than what the app checked.
_AUTHORITY = re.compile(r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|[^\[\]:/@?#]+)(?::[^\[\]:/@?#]*)?")


def _check_authority(text: str, netloc: str) -> str:
    """The host of ``netloc`` once its user part and port pass; raises otherwise."""
    parts = urlsplit(f"//{netloc}")
    if "@" in netloc:
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' has a user name or password in it."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Remove the part up to '@': the plan key is the only credential the app sends.",
            ),
        )
    shape = _AUTHORITY.fullmatch(netloc)
    if shape is None or (shape["v6"] is not None and not _is_ipv6(shape["v6"])):
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' is not a usable origin."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Give a host name, or an IPv6 address alone in brackets, then at most a port: "
                "https://[::1]:8443.",
            ),
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or netloc.endswith(":"):
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' has no usable port."),
            QT_TRANSLATE_NOOP(
                "errors", "Give a port from 1 to 65535 after the host, or none at all."
            ),
        )
    return (parts.hostname or "").lower()


def normalize_origin(url: str, *, allow_insecure: bool = False) -> str:
    """Check a custom origin (a gateway, or a test server) and drop a trailing slash.

    A path prefix is allowed (``https://gw.example/plan``); the protocol paths
    ``/v1`` and ``/apps/anthropic`` are appended to it. Plain ``http://`` carries the key
    unencrypted, so it is taken only for this computer unless ``allow_insecure``.
    """
    text = url.strip()
    if redact(text) != text:
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' holds something shaped like a key."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Give the address alone; store the key with 'codingplan key set' or in the app.",
            ),
        )
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed [IPv6 bracket
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' is not a usable origin."),
            QT_TRANSLATE_NOOP(
                "errors", "Give a full http:// or https:// address, such as https://gw.example.com."
            ),
        )
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in text):
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' has a space or an invisible character in it."),
            QT_TRANSLATE_NOOP("errors", "Type or paste the address again, without spaces."),
        )
    host = _check_authority(text, parts.netloc)
    if not host:
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' is not a usable origin."),
            QT_TRANSLATE_NOOP(
                "errors", "Give a full http:// or https:// address, such as https://gw.example.com."
            ),
        )
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP("errors", "'{url}' is not a usable origin."),
            QT_TRANSLATE_NOOP("errors", "Remove the part after '?' or '#'."),
        )
    path = parts.path.rstrip("/")
    for suffix in ("/apps/anthropic/v1", "/apps/anthropic", "/v1"):
        if path.endswith(suffix):
            raise _origin_error(
                text,
                QT_TRANSLATE_NOOP("errors", "'{url}' already ends in a protocol path."),
                QT_TRANSLATE_NOOP(
                    "errors", "Give the origin only, without '{suffix}': the app adds the paths."
                ),
                suffix=suffix,
            )
    _check_host(text, host)
    if parts.scheme == "http" and not allow_insecure and not is_loopback(host):
        raise _origin_error(
            text,
            QT_TRANSLATE_NOOP(
                "errors",
                "'{url}' would send the plan key unencrypted (plain http://) to another computer.",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use https://; to send it unencrypted anyway (a gateway on a network you trust), "
                "add --allow-insecure-origin or set CODINGPLAN_ALLOW_INSECURE_ORIGIN=1.",
            ),
        )
    return f"{parts.scheme}://{parts.netloc}{path}"


def endpoints_for(region: Region, custom_origin: str | None = None) -> Endpoints:
    # Plain http:// is not refused here: every origin that reaches this point was taken
    # where the person gave it (--origin, the variable, the settings), with their consent.
    if custom_origin:
        return Endpoints(normalize_origin(custom_origin, allow_insecure=True))
    return Endpoints(region.info.origin)


# --- models -----------------------------------------------------------------------------


class Model(NamedTuple):
    """A model the plan serves."""

    id: str
    name: str
    context_window: int | None = None  # tokens; None where no source states it
    max_output: int | None = None
    pro_only: bool = False


DEFAULT_MODEL = "qwen3-coder-plus"
# Used where a tool needs a context size and the catalog has none: small enough to be safe.
FALLBACK_CONTEXT_WINDOW = 131_072

# Sources: the plan's per-tool pages, Qwen Code 0.24's bundled auth.md, models.dev.
CATALOG: tuple[Model, ...] = (
    Model("qwen3-coder-plus", "Qwen3 Coder Plus", 1_000_000, 65_536),
    Model("qwen3-coder-next", "Qwen3 Coder Next", 262_144, 65_536),
    Model("qwen3.5-plus", "Qwen3.5 Plus", 1_000_000, 65_536),
    Model("qwen3.6-plus", "Qwen3.6 Plus", pro_only=True),
    Model("qwen3.7-plus", "Qwen3.7 Plus"),
    Model("qwen3-max-2026-01-23", "Qwen3 Max (2026-01-23)"),
    Model("glm-5", "GLM-5", 202_752, 16_384),
    Model("glm-4.7", "GLM-4.7"),
    Model("kimi-k2.5", "Kimi K2.5", 262_144, 32_768),
    Model("MiniMax-M2.5", "MiniMax M2.5", 196_608, 24_576),
)
_BY_ID = {m.id: m for m in CATALOG}


def find_model(model_id: str) -> Model | None:
    return _BY_ID.get(model_id)


def catalog_spelling(model_id: str) -> str | None:
    """The catalog id that ``model_id`` matches except for case or surrounding spaces."""
    wanted = model_id.strip().casefold()
    return next((m.id for m in CATALOG if m.id.casefold() == wanted), None)


def check_model(model_id: str) -> Model:
    """The catalog entry for ``model_id``; ids are case-sensitive, as the plan is."""
    model = find_model(model_id)
    if model:
        return model
    right = catalog_spelling(model_id)
    if right:
        raise CodingPlanError(
            "unknown_model",
            QT_TRANSLATE_NOOP("errors", "The plan has no model '{model}'."),
            QT_TRANSLATE_NOOP("errors", "Model ids are case-sensitive: use '{right}'."),
            model=model_id,
            right=right,
        )
    import difflib  # only to suggest a model for a mistyped one

    close = difflib.get_close_matches(model_id, [m.id for m in CATALOG], n=1)
    raise CodingPlanError(
        "unknown_model",
        QT_TRANSLATE_NOOP("errors", "The plan has no model '{model}'."),
        QT_TRANSLATE_NOOP("errors", "Choose one of: {choices}.")
        if not close
        else QT_TRANSLATE_NOOP("errors", "Did you mean '{right}'?"),
        model=model_id,
        right=close[0] if close else "",
        choices=", ".join(m.id for m in CATALOG),
    )


def context_window(model_id: str) -> int:
    model = find_model(model_id)
    return (model.context_window if model else None) or FALLBACK_CONTEXT_WINDOW


# --- the key ----------------------------------------------------------------------------

_KEY_BODY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
# The shortest part after "sk-sp-" a key may have. Alibaba does not publish the length, and
# its own tools (Qwen Code, the bl CLI) check only the prefix. Every plan key seen in public
# (keys leaked from the China site, a secret scanner's rule for them) has 32 hexadecimal
# characters there, like the general sk- keys; whether the international site's are the same
# is not known. So the rule is kept loose: fewer than 20 (a third or more of the known 32
# lost) is refused as cut short, and a key between 20 and 31 goes to the plan, whose 401
# names a truncated key among its causes. No key seen could be refused by it.
MIN_KEY_BODY = 20


# The most read from standard input for a key: a key is under a hundred characters, and
# a pipe that never ends (or a file piped by mistake) must not be read whole.
MAX_KEY_INPUT = 4096


def read_key_input(stream: TextIO) -> str:
    """What was piped in as the key, at most ``MAX_KEY_INPUT`` characters; more is refused
    (``key_format``) without reading further."""
    text = stream.read(MAX_KEY_INPUT + 1)
    if len(text) > MAX_KEY_INPUT:
        raise _key_error(
            QT_TRANSLATE_NOOP(
                "errors", "What was given is too long to be a key (over {limit} characters)."
            ),
            QT_TRANSLATE_NOOP("errors", "Pipe in the key alone, or type it at the prompt."),
            limit=f"{MAX_KEY_INPUT:,}",
        )
    return text


def _key_error(message: str, remedy: str, **params: str) -> CodingPlanError:
    return CodingPlanError("key_format", message, remedy, **params)


def check_key(raw: str) -> str:
    """Return the plan key in ``raw`` with surrounding whitespace stripped, or raise.

    Each way a pasted key goes wrong gets its own message; none of them repeats the key.
    """
    key = raw.strip()
    if not key:
        raise _key_error(
            QT_TRANSLATE_NOOP("errors", "No key was given."),
            QT_TRANSLATE_NOOP("errors", "Paste the plan key from the Coding Plan console."),
        )
    if any(ch.isspace() for ch in key):
        raise _key_error(
            QT_TRANSLATE_NOOP("errors", "The key contains a space or line break."),
            QT_TRANSLATE_NOOP("errors", "Copy the whole key again, as one piece without spaces."),
        )
    if any(unicodedata.category(ch).startswith("C") for ch in key):
        raise _key_error(
            QT_TRANSLATE_NOOP("errors", "The key contains invisible control characters."),
            QT_TRANSLATE_NOOP("errors", "Copy the key again from the Coding Plan console."),
        )
    if not key.startswith(KEY_PREFIX):
        if key.startswith("sk-"):
            raise _key_error(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "This is a general Model Studio key (sk-…), not a Coding Plan key (sk-sp-…).",
                ),
                QT_TRANSLATE_NOOP(
                    "errors",
                    "The plan has its own key: open the Coding Plan page of the console and copy "
                    "the key that starts with sk-sp-.",
                ),
            )
        raise _key_error(
            QT_TRANSLATE_NOOP("errors", "Coding Plan keys start with 'sk-sp-'."),
            QT_TRANSLATE_NOOP("errors", "Copy the key from the Coding Plan page of the console."),
        )
    body = key[len(KEY_PREFIX) :]
    if not body:
        raise _key_error(
            QT_TRANSLATE_NOOP("errors", "The key ends right after 'sk-sp-'."),
            QT_TRANSLATE_NOOP("errors", "Copy the whole key: part of it is missing."),
        )
    if not set(body) <= _KEY_BODY_CHARS:
        raise _key_error(
            QT_TRANSLATE_NOOP(
                "errors",
                "The key has characters a plan key never has (only letters, digits, - and _).",
            ),
            QT_TRANSLATE_NOOP("errors", "Copy the key again from the Coding Plan console."),
        )
    if len(body) < MIN_KEY_BODY:
        raise _key_error(
            QT_TRANSLATE_NOOP(
                "errors",
                "The key is cut short: it has only {count} characters after 'sk-sp-', too few "
                "for a plan key.",
            ),
            QT_TRANSLATE_NOOP("errors", "Copy the whole key again from the Coding Plan console."),
            count=str(len(body)),
        )
    return key
