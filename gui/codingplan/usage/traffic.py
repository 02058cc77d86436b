"""Which recorded requests went to the plan.

A request counts when its model is one of the plan's model ids and, where the source
records where it was sent (a base URL, or a provider whose base URL the tool's config
names), that address is the plan's (``plan.is_plan_url``) or the person's custom origin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, TypeGuard

from codingplan.plan import CATALOG, is_plan_url

# Provider ids in tools' catalogs (models.dev) that mean the plan, or mean the general,
# pay-as-you-go Model Studio which serves the same model ids but is not the plan.
PLAN_PROVIDER_IDS = frozenset({"alibaba-coding-plan", "alibaba-coding-plan-cn"})
GENERAL_PROVIDER_IDS = frozenset({"alibaba", "alibaba-cn", "dashscope", "qwen", "openrouter"})

PLAN_MODELS = frozenset(m.id for m in CATALOG)  # the model ids the plan serves


class PlanTraffic(NamedTuple):
    models: frozenset[str] = PLAN_MODELS
    origins: tuple[str, ...] = ()  # custom origins (a gateway, a test server)

    @classmethod
    def with_origins(cls, *origins: str | None) -> PlanTraffic:
        return cls(origins=tuple(dict.fromkeys(o for o in origins if o)))

    def model(self, model_id: object) -> TypeGuard[str]:
        """Whether a model id is one of the plan's (ids are case-sensitive, as the plan's).

        A TypeGuard, so a caller that checked a record's model knows it is a ``str``.
        """
        if not model_id or not isinstance(model_id, str):
            return False
        return model_id in self.models or model_id.rsplit("/", 1)[-1] in self.models

    def url(self, base_url: str | None) -> bool | None:
        """True/False for a known address, None when the address is unknown."""
        return is_plan_url(base_url, self.origins)

    def request(self, model_id: object, base_url: str | None = None) -> bool:
        return self.model(model_id) and self.url(base_url) is not False

    def provider(self, model_id: object, provider: Any, urls: Mapping[str, str]) -> bool:
        """A call recorded with a provider id, whose base URL the tool's config may name."""
        if not self.model(model_id):
            return False
        if provider is not None and not isinstance(provider, str):
            raise TypeError("a provider id is text")  # a damaged record: skipped, counted
        if provider in PLAN_PROVIDER_IDS:
            return True
        if isinstance(provider, str) and provider in urls:
            return self.url(urls[provider]) is not False
        return provider not in GENERAL_PROVIDER_IDS
