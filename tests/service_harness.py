"""The whole service on 127.0.0.1 for end-to-end tests: fake cluster, optional fake model.

`running_service(tmp_path, ...)` starts `FakeKube`, writes a kubeconfig for it, builds the
real service with `build_service` (real kubernetes-asyncio client, real discovery, real
collector, real analyzer and judges) on port 0 and yields a `ServiceEnv` with an aiohttp
client session. `add_canary` puts a Rollout mid-update with stable and canary pods whose
logs are the given texts, the way the Argo controller leaves it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, FakeKubeState
from exporter.service import Service, build_service
from tests.polling import eventually as eventually

HEALTHY_CODE = "ok"


def access_lines(n: int, *, offset: int = 0, status: int = 200) -> list[str]:
    return [
        f"2026-11-26T08:{(i // 60) % 60:02d}:{i % 60:02d}Z INFO GET /api/orders/{i + offset}"
        f" {status} in {i % 40}ms"
        for i in range(n)
    ]


def healthy_log(n: int = 200, *, offset: int = 0) -> str:
    return "\n".join(access_lines(n, offset=offset))


def failing_log(n: int = 200) -> str:
    lines = access_lines(n)
    for i in range(0, n, 10):
        lines[i] = (
            f"2026-11-26T08:05:{i % 60:02d}Z ERROR java.lang.NullPointerException: "
            'Cannot invoke "Discount.rate()" because "discount" is null\n'
            "\tat com.shop.OrderService.total(OrderService.java:42)\n"
            "\tat com.shop.OrderController.checkout(OrderController.java:17)"
        )
    return "\n".join(lines)


def add_canary(
    state: FakeKubeState,
    namespace: str,
    name: str,
    *,
    stable_log: str,
    canary_log: str,
    stable_hash: str = "stab1e",
    canary_hash: str = "c4nary",
    pods: int = 1,
) -> dict[str, Any]:
    """A Rollout paused mid-canary with `pods` stable and canary pods; returns the rollout."""
    state.ensure_namespace(namespace)
    for pod_hash, text in ((stable_hash, stable_log), (canary_hash, canary_log)):
        for i in range(pods):
            pod = f"{name}-{pod_hash}-{i}"
            labels = {"app": name, "rollouts-pod-template-hash": pod_hash}
            state.add_pod(namespace, pod, labels)
            state.set_logs(namespace, pod, "app", text)
    rollout = state.make_rollout(
        namespace,
        name,
        match_labels={"app": name},
        stable_hash=stable_hash,
        canary_hash=canary_hash,
    )
    state.put_rollout(rollout)
    return rollout


def finish_canary(state: FakeKubeState, rollout: dict[str, Any]) -> None:
    """The controller promoted the canary: stable = canary, phase Healthy."""
    status = rollout["status"]
    status["stableRS"] = status["currentPodHash"]
    status["phase"] = "Healthy"
    state.put_rollout(rollout)


@dataclass
class ServiceEnv:
    service: Service
    kube: FakeKube
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return self.service.url

    @property
    def state(self) -> FakeKubeState:
        return self.kube.state

    async def get_json(self, path: str, **kwargs: Any) -> tuple[int, Any]:
        async with self.http.get(self.url + path, **kwargs) as resp:
            return resp.status, await resp.json(content_type=None)

    async def post_json(self, path: str, body: Any, **kwargs: Any) -> tuple[int, Any]:
        async with self.http.post(self.url + path, json=body, **kwargs) as resp:
            return resp.status, await resp.json(content_type=None)


@asynccontextmanager
async def running_service(
    tmp_path: Path,
    *,
    cluster: bool = True,
    status_page: Any = None,
    followup: Any = None,
    kube_state: FakeKubeState | None = None,
    **settings: Any,
) -> AsyncIterator[ServiceEnv]:
    """The service (port 0) against a fresh fake cluster (or `kube_state`, e.g. with RBAC
    set before discovery's first list); settings override the defaults."""
    kube = FakeKube(kube_state or FakeKubeState())
    await kube.start()
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 0,
        "interval_seconds": 2.0,
        "cache_seconds": 0.5,
        "min_canary_events": 20,
        "shutdown_grace_seconds": 2.0,
        "judge": "heuristic",
    }
    if cluster:
        values["kubeconfig"] = str(kube.write_kubeconfig(tmp_path / "kubeconfig"))
    values.update(settings)
    service = await build_service(
        Settings(**values), connect_cluster=cluster, status_page=status_page, followup=followup
    )
    await service.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield ServiceEnv(service, kube, http)
    finally:
        await service.stop()
        await kube.close()
