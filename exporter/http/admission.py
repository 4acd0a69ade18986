"""Which canaries a plugin or A2A request may add to the scored targets.

Requests are unauthenticated by default, and each named target costs a set of series on
`/metrics` and a slot in the loop until its TTL ends: 300 made-up names once grew
`/metrics` from 12 to 269 KB and kept a core busy. So a request may only name a Rollout
in a watched namespace (`namespaces`; empty = all), and the registry keeps at most
`max_a2a_targets`, dropping the one named longest ago. Both are counted in
`ai_canary_a2a_targets_refused_total{reason}`.
"""

from __future__ import annotations

from exporter.http.state import ApiState
from exporter.http.validation import Forbidden
from exporter.model import Target


def check_namespace(state: ApiState, namespace: str) -> None:
    """Raise `Forbidden` (403) for a namespace the service does not watch."""
    watched = state.settings.namespaces
    if watched and namespace not in watched:
        state.metrics.count_refused("unwatched_namespace")
        raise Forbidden(
            f"namespace {namespace!r} is not watched by this exporter "
            f"(AI_CANARY_NAMESPACES: {', '.join(watched)})"
        )


def name_target(state: ApiState, target: Target) -> None:
    """Register a request-named target for continuous scoring, within the cap."""
    dropped = state.targets.name_a2a(target)
    if dropped:
        state.metrics.count_refused("capped", dropped)
    state.on_target_named()
