"""Reading one target's stable and canary logs and pod facts: `LogCollector.collect`.

Per target: list both sides' pods and the namespace's recent Warning events (three
requests, concurrently), pick pods and containers (`pods`), then fetch each log with
`sinceSeconds` = the analysis window, `limitBytes` per pod and timestamps on, plus the
previous container's log when it restarted (a crash's last words are there). Log fetches
across all targets share one semaphore so a burst of analyses cannot open hundreds of
streams. No canary pods is not an error: the canary side is simply empty and the judge
answers inconclusive. Log lines keep the kubelet's RFC 3339 timestamp prefix.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Mapping
from typing import Any

from kubernetes_asyncio import client

from exporter.collect.apicall import ApiCaller, NotFoundOrGone, Op, RetryPolicy
from exporter.collect.client import KubeConnection
from exporter.collect.pods import (
    choose_container,
    pod_facts,
    pod_name,
    select_pods,
    warnings_by_pod,
)
from exporter.config import Settings
from exporter.model import Collected, PodLogs, SideLogs, Target

log = logging.getLogger(__name__)


async def _all(*aws: Awaitable[Any]) -> list[Any]:
    """`gather`, but the first failure cancels the other requests instead of orphaning them."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for t in tasks:
            t.cancel()
        raise


class LogCollector:
    """Collects `Collected` for targets; one instance per process (it owns the semaphore)."""

    def __init__(
        self, conn: KubeConnection, settings: Settings, *, retry: RetryPolicy | None = None
    ) -> None:
        self._core = client.CoreV1Api(conn.api)
        self._caller = ApiCaller(conn.identity, retry)
        self._window = settings.window_seconds
        self._max_pods = settings.max_pods_per_side
        self._limit_bytes = settings.max_log_bytes_per_pod
        self._container = settings.container
        self._semaphore = asyncio.Semaphore(settings.log_fetch_concurrency)

    async def collect(self, target: Target) -> Collected:
        """Both sides' logs and facts; raises CollectError/PermissionDenied on API failure."""
        stable_pods, canary_pods, events = await _all(
            self._list_pods(target.namespace, target.stable_selector),
            self._list_pods(target.namespace, target.canary_selector),
            self._list_warnings(target.namespace),
        )
        warnings = warnings_by_pod(events, self._window)
        stable, canary = await _all(
            self._side(target, stable_pods, warnings),
            self._side(target, canary_pods, warnings),
        )
        if not canary.pods:  # normal between steps; the judge says inconclusive
            log.debug(
                "no canary pods for %s/%s (%s)",
                target.namespace,
                target.rollout,
                target.canary_selector,
            )
        return Collected(target=target, stable=stable, canary=canary, window_seconds=self._window)

    async def _list_pods(self, namespace: str, selector: str) -> list[dict[str, Any]]:
        doc = await self._caller.json(
            Op("list", "pods", namespace),
            self._core.list_namespaced_pod,
            namespace,
            label_selector=selector,
        )
        return list(doc.get("items") or [])

    async def _list_warnings(self, namespace: str) -> list[dict[str, Any]]:
        doc = await self._caller.json(
            Op("list", "events", namespace),
            self._core.list_namespaced_event,
            namespace,
            field_selector="type=Warning,involvedObject.kind=Pod",
        )
        return list(doc.get("items") or [])

    async def _side(
        self, target: Target, pods: list[dict[str, Any]], warnings: dict[str, list[str]]
    ) -> SideLogs:
        chosen = select_pods(pods, self._max_pods)
        logs = await _all(*(self._pod(target, p, warnings) for p in chosen))
        return SideLogs(pods=[p for p in logs if p is not None])

    async def _pod(
        self, target: Target, pod: Mapping[str, Any], warnings: dict[str, list[str]]
    ) -> PodLogs | None:
        name = pod_name(pod)
        container = choose_container(pod, target.container or self._container)
        if container is None:
            return None
        facts = pod_facts(pod, container, warnings.get(name, ()))
        current = self._log(target.namespace, name, container, previous=False)
        if facts.restart_count > 0:
            text, previous = await _all(
                current, self._log(target.namespace, name, container, previous=True)
            )
        else:
            text, previous = await current, ""
        return PodLogs(
            pod=name, container=container, text=text, previous_text=previous, facts=facts
        )

    async def _log(self, namespace: str, pod: str, container: str, *, previous: bool) -> str:
        async with self._semaphore:
            try:
                body = await self._caller.raw(
                    Op("get", "pods/log", namespace, pod),
                    self._core.read_namespaced_pod_log,
                    pod,
                    namespace,
                    container=container,
                    since_seconds=self._window,
                    limit_bytes=self._limit_bytes,
                    timestamps=True,
                    previous=previous,
                    max_body_bytes=self._limit_bytes,
                )
            except NotFoundOrGone as exc:
                # The pod went away, its container has not started, or there is no previous
                # container: an empty log, not a failed analysis.
                log.debug(
                    "no log for %s/%s[%s] previous=%s: %s", namespace, pod, container, previous, exc
                )
                return ""
        return body.decode("utf-8", "replace")
