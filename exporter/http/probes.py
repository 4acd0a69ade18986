"""Active health probes, so readiness follows the world and not only our traffic.

- Kubernetes: `GET /version` every `health_probe_seconds`; two failures in a row take
  readiness DOWN (the service cannot read a log), the first success brings it back.
- Model: once `ModelHealth` counts the provider as failing, one small judge request per
  probe period (a two-line synthetic digest). Before, a model outage kept readiness DOWN
  until something happened to trigger an analysis — with no targets, 60 s after the model
  was back. A probe that gets an answer resets the failure count.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from exporter.analysis import collected_from_texts
from exporter.digest import build_digest
from exporter.http.health import MODEL_FAILURES_UNREADY, ModelHealth
from exporter.http.state import Check
from exporter.judges.ensemble import ModelEnsemble
from exporter.model import Target

log = logging.getLogger(__name__)

KUBE_FAILURES_UNREADY = 2
_PROBE_LOG = "2026-01-01T00:00:00Z INFO health probe: request served in 3ms"


class KubeHealth:
    """Readiness check fed by the API reachability probe."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.consecutive_failures = 0
        self.last_error = ""

    def record(self, error: str | None) -> None:
        if error is None:
            if self.consecutive_failures >= KUBE_FAILURES_UNREADY:
                log.info("Kubernetes API reachable again")
            self.consecutive_failures = 0
            self.last_error = ""
        else:
            self.consecutive_failures += 1
            self.last_error = error[:200]
            if self.consecutive_failures == KUBE_FAILURES_UNREADY:
                log.warning("readiness DOWN: %s", self.last_error)

    def check(self, discovery_error: str | None) -> Check:
        up = self.consecutive_failures < KUBE_FAILURES_UNREADY
        data: dict[str, object] = {"connected": True, "source": self.source, "reachable": up}
        if self.last_error:
            data["lastError"] = self.last_error
        elif discovery_error:
            data["lastError"] = discovery_error[:200]
        return Check("kubernetes", up, data)


async def probe_model(models: ModelEnsemble) -> str | None:
    """None when at least one model answers a tiny judge request, else the first error."""
    target = Target("health", "probe", "probe=stable", "probe=canary", "probe", source="static")
    digest = build_digest(collected_from_texts(target, _PROBE_LOG, _PROBE_LOG))
    results = await models.judge(digest)
    if any(not r.error for r in results):
        return None
    return results[0].error if results else "no model configured"


def probes_context(
    interval: float,
    *,
    kube: KubeHealth | None,
    kube_probe: Callable[[], Awaitable[str | None]] | None,
    model: ModelHealth,
    models: ModelEnsemble | None,
) -> Callable[[web.Application], AsyncIterator[None]]:
    """A cleanup context running both probes until the app stops."""

    async def loop() -> None:
        while True:
            if kube is not None and kube_probe is not None:
                kube.record(await kube_probe())
            if models is not None and model.consecutive_failures >= MODEL_FAILURES_UNREADY:
                error = await probe_model(models)
                if error is None:
                    log.info("model provider answers again (health probe)")
                    model.consecutive_failures = 0
                    model.last_error = ""
                else:
                    model.last_error = error[:200]
            await asyncio.sleep(interval)

    async def context(_: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(_guard(loop), name="health probes")
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return context


async def _guard(loop: Callable[[], Awaitable[None]]) -> None:
    while True:
        try:
            await loop()
        except asyncio.CancelledError:
            raise
        except Exception:  # a probe bug must not end the probes
            log.exception("health probe failed; restarting it")
            await asyncio.sleep(5.0)
