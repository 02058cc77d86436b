"""The connection test: a free look at whether the plan's host answers, then, if the person
asks, one request per protocol with the stored key (each costs one request of quota)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codingplan import integrations
from codingplan.changed import Changed
from codingplan.env import Env
from codingplan.plan import Endpoints
from codingplan.tools.types import ClientIdentity

if TYPE_CHECKING:
    from codingplan.probe import Deadline, ProbeResult, Reachability


def test_identity(protocol: str, env: Env | None = None) -> ClientIdentity:
    """Who a test request over ``protocol`` goes out as: the coding tool that speaks it (the
    plan answers only coding tools), at its installed version if it is installed."""
    env = env or Env.current()
    client = integrations.test_client(protocol)
    version = client.adapter.detect(env).version if client.adapter else None
    assert client.identity is not None
    return client.identity(version, env)


def check_reachability(endpoints: Endpoints, deadline: Deadline | None = None) -> Reachability:
    """Whether the plan's host answers (name, connection, TLS): free, no request is sent."""
    from codingplan import probe

    return probe.check_reachability(endpoints, deadline)


@dataclass(frozen=True)
class SentRequests:
    results: tuple[ProbeResult, ...]  # one per protocol

    @property
    def changed(self) -> Changed:
        """A request sent is recorded, and counted."""
        return Changed.USAGE if any(r.sent for r in self.results) else Changed.NOTHING


def send_test_requests(
    endpoints: Endpoints,
    protocols: Iterable[str],
    model: str,
    deadline: Deadline | None = None,
) -> SentRequests:
    """One request per protocol with the stored key; each costs one request of quota.

    ``deadline`` bounds them all (by default each gets ``probe.READ_TIMEOUT``).
    """
    from codingplan import keystore, probe

    key = keystore.require_key()
    return SentRequests(
        tuple(
            probe.send_test_request(endpoints, key, p, model, test_identity(p), deadline=deadline)
            for p in protocols
        )
    )


@dataclass(frozen=True)
class ConnectionTest:
    reachability: Reachability
    results: tuple[ProbeResult, ...]  # none when the host cannot be reached, or ``free``

    @property
    def ok(self) -> bool:
        return self.reachability.ok and all(r.ok for r in self.results)

    @property
    def requests_used(self) -> int:
        """The requests that count against the plan's quota, by the rule the estimate uses:
        one the plan refused up front (a wrong key, a used-up window) reached it but used
        nothing."""
        from codingplan.endings import COUNTED
        from codingplan.outcomes import outcome_of

        return sum(r.sent and outcome_of(r.category, r.status) in COUNTED for r in self.results)

    @property
    def changed(self) -> Changed:
        # Every request that reached the plan is in the ledger, counted or not.
        return Changed.USAGE if any(r.sent for r in self.results) else Changed.NOTHING


def test_connection(
    endpoints: Endpoints,
    protocols: Iterable[str],
    model: str,
    seconds: float,
    free: bool = False,
    sending: Callable[[int], None] | None = None,
) -> ConnectionTest:
    """The free check, then (unless ``free``, and only if the host answered) the requests,
    announced first through ``sending`` (how many): all of it over by ``seconds``."""
    from codingplan import probe

    protocols = list(protocols)
    deadline = probe.Deadline(seconds)
    reach = check_reachability(endpoints, deadline)
    if not reach.ok or free:
        return ConnectionTest(reach, ())
    if sending is not None:
        sending(len(protocols))
    return ConnectionTest(reach, send_test_requests(endpoints, protocols, model, deadline).results)
