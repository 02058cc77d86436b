"""Which endpoints and tier a tool widget works with."""

from __future__ import annotations

from codingplan.plan import Endpoints, Tier
from codingplan.ui.state import AppState


class PlanContext:
    """Which endpoints and tier a tool widget works with: the saved settings by default, or
    what the wizard has chosen but not saved yet."""

    def __init__(self, state: AppState, endpoints: Endpoints | None, tier: Tier | None) -> None:
        self.state, self._endpoints, self._tier = state, endpoints, tier

    def endpoints(self) -> Endpoints:
        return self._endpoints or self.state.endpoints()

    def tier(self) -> Tier | None:
        return self._tier or self.state.tier

    def set(self, endpoints: Endpoints | None, tier: Tier | None) -> bool:
        """Returns whether anything changed."""
        changed = (endpoints, tier) != (self._endpoints, self._tier)
        self._endpoints, self._tier = endpoints, tier
        return changed
