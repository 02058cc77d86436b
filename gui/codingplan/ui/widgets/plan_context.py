"""Which endpoints and tier a tool widget works with."""

from __future__ import annotations

from codingplan.plan import Endpoints, Tier
from codingplan.ui.model import AppModel


class PlanContext:
    """Which endpoints and tier a tool widget works with: the saved settings by default, or
    what the wizard has chosen but not saved yet."""

    def __init__(self, model: AppModel, endpoints: Endpoints | None, tier: Tier | None) -> None:
        self.model, self._endpoints, self._tier = model, endpoints, tier

    def endpoints(self) -> Endpoints:
        return self._endpoints or self.model.endpoints()

    def tier(self) -> Tier:
        return self._tier or self.model.settings.tier

    def set(self, endpoints: Endpoints | None, tier: Tier | None) -> bool:
        """Returns whether anything changed."""
        changed = (endpoints, tier) != (self._endpoints, self._tier)
        self._endpoints, self._tier = endpoints, tier
        return changed
