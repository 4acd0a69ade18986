"""The set of canaries to score, merged from every source, split between replicas.

Three sources feed one `TargetRegistry`: Rollout discovery (replaced wholesale on each
list, updated per watch event), static targets from the config, and targets named by A2A
requests (kept for a time-to-live, renewed each time they are named again). `all()` is a
snapshot: deduplicated by `Target.key` (discovery wins over static over A2A, because a
discovered Rollout carries its annotations), then filtered to this replica's shard by
rendezvous hashing, which moves only ~1/n of the targets when a replica is added. Targets
only an A2A request named stay with the replica that was asked: no other replica knows
them, so sharding them away would leave them unscored.
`synced` tells readiness that discovery has listed at least once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable

from exporter.config import Settings, StaticTarget
from exporter.model import Target, selector_hash
from exporter.sharding import shard_of

__all__ = ["TargetRegistry", "shard_of", "static_target"]


def static_target(spec: StaticTarget) -> Target:
    return Target(
        namespace=spec.namespace,
        rollout=spec.rollout,
        stable_selector=spec.stable_selector,
        canary_selector=spec.canary_selector,
        canary_hash=spec.canary_hash or selector_hash(spec.canary_selector),
        source="static",
        extra_prompt=spec.extra_prompt,
        repo_url=spec.repo_url,
        base_branch=spec.base_branch,
        container=spec.container,
    )


class TargetRegistry:
    """Thread-unsafe, loop-local registry; every method is cheap and non-blocking."""

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._ttl = settings.a2a_target_ttl_seconds
        self._a2a_cap = settings.max_a2a_targets
        self._shard_index = settings.shard_index
        self._shard_count = settings.shard_count
        self._static = [static_target(t) for t in settings.targets]
        self._rollouts: dict[tuple[str, str], Target] = {}
        self._a2a: dict[tuple[str, str, str], tuple[Target, float]] = {}
        self._synced = asyncio.Event()
        self.version = 0  # bumped on every change, so a scheduler can cheaply notice one
        if not settings.discover_rollouts:
            self._synced.set()

    # --- readiness --------------------------------------------------------------------
    @property
    def synced(self) -> bool:
        return self._synced.is_set()

    def mark_synced(self) -> None:
        self._synced.set()

    async def wait_synced(self) -> None:
        await self._synced.wait()

    # --- sources ----------------------------------------------------------------------
    def replace_rollouts(self, targets: Iterable[Target], namespace: str | None = None) -> None:
        """The result of a full list: replaces discovered targets in `namespace` (None = all)."""
        kept = {
            k: t for k, t in self._rollouts.items() if namespace is not None and k[0] != namespace
        }
        for t in targets:
            kept[(t.namespace, t.rollout)] = t
        self._rollouts = kept
        self.version += 1

    def set_rollout(self, namespace: str, name: str, target: Target | None) -> None:
        """One watch event: the rollout's current target, or None when it is no canary."""
        if target is None:
            if self._rollouts.pop((namespace, name), None) is not None:
                self.version += 1
        elif self._rollouts.get((namespace, name)) != target:
            self._rollouts[(namespace, name)] = target
            self.version += 1

    def name_a2a(self, target: Target) -> int:
        """A target named by an A2A request; scored until `a2a_target_ttl_seconds` pass.

        A new revision of the same rollout replaces the older one at once: its selectors now
        pick the new revision's pods, so scoring it on would label them with the old hash.
        At most `max_a2a_targets` are kept: naming one more drops the one named longest ago
        (requests are unauthenticated by default; each target costs a series set and a
        loop slot). Returns how many were dropped for room.
        """
        superseded = [k for k in self._a2a if k[:2] == target.key[:2] and k != target.key]
        for k in superseded:
            del self._a2a[k]
        if superseded or target.key not in self._a2a:
            self.version += 1
        # dict order is naming order: renewals move to the end
        self._a2a.pop(target.key, None)
        self._a2a[target.key] = (target, self._clock() + self._ttl)
        dropped = 0
        while len(self._a2a) > self._a2a_cap:
            del self._a2a[next(iter(self._a2a))]
            dropped += 1
        return dropped

    def find(self, namespace: str, rollout: str) -> Target | None:
        """The discovered (else static) target of a rollout, whichever replica owns it.

        For an A2A request about a known Rollout: its revision hash and annotations."""
        found = self._rollouts.get((namespace, rollout))
        if found is None:
            found = next(
                (t for t in self._static if (t.namespace, t.rollout) == (namespace, rollout)),
                None,
            )
        return found

    # --- snapshot ---------------------------------------------------------------------
    def owns(self, target: Target) -> bool:
        return shard_of(target.key, self._shard_count) == self._shard_index

    def all(self) -> list[Target]:
        now = self._clock()
        expired = [k for k, (_, until) in self._a2a.items() if until <= now]
        for k in expired:
            del self._a2a[k]
        if expired:
            self.version += 1
        merged: dict[tuple[str, str, str], Target] = {}
        for t in [*self._rollouts.values(), *self._static, *(t for t, _ in self._a2a.values())]:
            merged.setdefault(t.key, t)
        mine = (t for t in merged.values() if t.source == "a2a" or self.owns(t))
        return sorted(mine, key=lambda t: t.key)

    def counts_by_source(self) -> dict[str, int]:
        counts = {"rollout": 0, "static": 0, "a2a": 0}
        for t in self.all():
            counts[t.source] += 1
        return counts
