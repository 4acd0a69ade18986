"""What the HTTP handlers share, as one typed object under one `web.AppKey`.

Handlers read the service's parts from here instead of importing them, so the HTTP layer
depends only on small protocols (no Kubernetes client, no model SDK) and a test or the
demo can assemble an app from whatever parts it has.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from aiohttp import web

from exporter.analysis import Analyzer
from exporter.config import Settings
from exporter.metrics import Metrics
from exporter.model import Target


class TargetBook(Protocol):
    """The parts of `exporter.collect.TargetRegistry` the API uses."""

    @property
    def synced(self) -> bool: ...

    def all(self) -> list[Target]: ...

    def counts_by_source(self) -> dict[str, int]: ...

    def name_a2a(self, target: Target) -> int: ...

    def find(self, namespace: str, rollout: str) -> Target | None: ...


# Renders `GET /` for a browser (Accept: text/html); None → JSON only.
StatusPage = Callable[[web.Request, "ApiState"], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Check:
    """One entry of the Quarkus-style health body."""

    name: str
    up: bool
    data: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class ApiState:
    """Everything the handlers need; built by `exporter.service`."""

    settings: Settings
    analyzer: Analyzer
    targets: TargetBook
    metrics: Metrics
    version: str
    judge: str  # low-cardinality judge label, e.g. "heuristic" or "heuristic+openai"
    judge_description: str = ""  # one line for humans (startup log, GET /)
    cluster: bool = True  # False: no log source, only inline logs can be analysed
    on_target_named: Callable[[], None] = lambda: None  # wakes the scheduler
    # Ties a target named only by selectors to its Rollout's canary revision (reads the
    # Rollout); None without a cluster. The plugin's fixed `role=canary` selector would
    # otherwise hash the same for every revision.
    resolve_target: Callable[[Target], Awaitable[Target]] | None = None
    status_page: StatusPage | None = None
    live_checks: list[Callable[[], Check]] = field(default_factory=list)
    ready_checks: list[Callable[[], Check]] = field(default_factory=list)
    draining: bool = False  # set on shutdown: readiness goes DOWN


STATE: web.AppKey[ApiState] = web.AppKey("ai_canary_state", ApiState)
