"""Which recorded requests went to the plan.

A request counts when its model is one of the plan's model ids and, where the source
records where it was sent (a base URL, or a provider whose base URL the tool's config
names), that address is the plan's host or the person's custom origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from codingplan.plan import CATALOG, Region

PLAN_HOSTS = frozenset(urlsplit(r.info.origin).hostname or "" for r in Region)


def _netloc(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return ""


@dataclass(frozen=True)
class PlanTraffic:
    models: frozenset[str] = field(default_factory=lambda: frozenset(m.id for m in CATALOG))
    # host or host:port of custom origins (a gateway, a test server)
    origins: frozenset[str] = frozenset()

    @classmethod
    def with_origins(cls, *origins: str | None) -> PlanTraffic:
        return cls(origins=frozenset(_netloc(o) for o in origins if o))

    def model(self, model_id: str | None) -> bool:
        """Whether a model id is one of the plan's (ids are case-sensitive, as the plan's)."""
        if not model_id:
            return False
        return model_id in self.models or model_id.rsplit("/", 1)[-1] in self.models

    def url(self, base_url: str | None) -> bool | None:
        """True/False for a known address, None when the address is unknown."""
        if not base_url:
            return None
        netloc = _netloc(base_url)
        host = netloc.split(":")[0]
        if netloc in self.origins or host in PLAN_HOSTS:
            return True
        return False if host else None

    def request(self, model_id: str | None, base_url: str | None = None) -> bool:
        if not self.model(model_id):
            return False
        return self.url(base_url) is not False


# Provider ids in tools' catalogs (models.dev) that mean the plan, or mean the general,
# pay-as-you-go Model Studio which serves the same model ids but is not the plan.
PLAN_PROVIDER_IDS = frozenset({"alibaba-coding-plan", "alibaba-coding-plan-cn"})
GENERAL_PROVIDER_IDS = frozenset({"alibaba", "alibaba-cn", "dashscope", "qwen", "openrouter"})
