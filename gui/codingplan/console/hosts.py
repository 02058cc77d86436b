"""Where the console answers: the token mint per region, the gateway rows per region and
site, and the test origin that replaces both (``CODINGPLAN_CONSOLE_ORIGIN``)."""

from __future__ import annotations

import enum
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Region, is_loopback, normalize_origin
from codingplan.redact import redact

ORIGIN_VARIABLE = "CODINGPLAN_CONSOLE_ORIGIN"

MINT_PATH = "/modelstudio/cli/generateAccessToken"
MINT_ACTION = "GenerateCLIAccessToken"
MINT_VERSION = "2026-02-10"

GATEWAY_PATH = "/cli/api.json"
GATEWAY_PRODUCT = "sfm_bailian"
PLAN_API = "zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2"


class Site(enum.StrEnum):
    """Which Alibaba Cloud site the account lives on: alibabacloud.com or aliyun.com."""

    INTERNATIONAL = "international"
    DOMESTIC = "domestic"


def default_site(region: Region) -> Site:
    """The site a plan of ``region`` is most likely bought on."""
    return Site.DOMESTIC if region is Region.CN else Site.INTERNATIONAL


# The console's own names for the plan's two regions.
CONSOLE_REGIONS = {Region.INTL: "ap-southeast-1", Region.CN: "cn-beijing"}
COMMODITY_CODES = {
    Site.INTERNATIONAL: "sfm_codingplan_public_intl",
    Site.DOMESTIC: "sfm_codingplan_public_cn",
}


class GatewayRow(NamedTuple):
    """One address of the console's gateway: a region on a site."""

    region: str  # "cn-beijing" or "ap-southeast-1"
    site: Site
    host: str
    action: str

    @property
    def key(self) -> str:
        """The row's name, e.g. ``ap-southeast-1/international``: what a caller keeps."""
        return f"{self.region}/{self.site}"


GATEWAY_ROWS = (
    GatewayRow(
        "cn-beijing", Site.DOMESTIC, "bailian-cs.console.aliyun.com", "BroadScopeAspnGateway"
    ),
    GatewayRow(
        "cn-beijing",
        Site.INTERNATIONAL,
        "bailian-cs.console.alibabacloud.com",
        "BroadScopeAspnGateway",
    ),
    GatewayRow(
        "ap-southeast-1",
        Site.DOMESTIC,
        "modelstudio-cs.console.aliyun.com",
        "IntlBroadScopeAspnGateway",
    ),
    GatewayRow(
        "ap-southeast-1",
        Site.INTERNATIONAL,
        "bailian-singapore-cs.alibabacloud.com",
        "IntlBroadScopeAspnGateway",
    ),
)


def gateway_rows(region: str, site: Site, remembered: str | None = None) -> list[GatewayRow]:
    """The rows to try, in order: the one that answered last time (``remembered``, a
    ``GatewayRow.key``), then the site's row in the plan's console region ``region``, then
    the site's other row. Which row an account answers on is not published, so each is
    tried until one does (an international plan: ap-southeast-1, then cn-beijing)."""
    rows = [row for row in GATEWAY_ROWS if row.site is site]
    rows.sort(key=lambda row: (row.key != remembered, row.region != region))
    return rows


def mint_host(region: str) -> str:
    """The token mint's host for a console region (``cn-beijing``, ``ap-southeast-1``)."""
    return f"modelstudio.{region}.aliyuncs.com"


def console_origin(env: Env | None = None) -> str | None:
    """The origin that replaces every console host (``CODINGPLAN_CONSOLE_ORIGIN``), checked;
    None when unset. Plain ``http://`` is taken only for this computer: the AccessKey's
    signature and the console token would cross the network readable."""
    text = (env or Env.current()).var(ORIGIN_VARIABLE)
    if text is None:
        return None
    # The plan origin's checks (a usable address, no user part, no key in it, ...) apply.
    origin = normalize_origin(text, allow_insecure=True)
    parts = urlsplit(origin)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise CodingPlanError(
            "bad_console_origin",
            QT_TRANSLATE_NOOP(
                "errors",
                "'{url}' would reach the plan's console unencrypted (plain http://) on "
                "another computer.",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use an https:// address, or http:// only on this computer (127.0.0.1), "
                "in CODINGPLAN_CONSOLE_ORIGIN.",
            ),
            url=redact(origin),
        )
    return origin


def mint_url(region: str, origin: str | None = None) -> str:
    return f"{origin or 'https://' + mint_host(region)}{MINT_PATH}"


def gateway_url(row: GatewayRow, origin: str | None = None) -> str:
    query = urlencode({"action": row.action, "product": GATEWAY_PRODUCT, "api": PLAN_API})
    return f"{origin or 'https://' + row.host}{GATEWAY_PATH}?{query}"
