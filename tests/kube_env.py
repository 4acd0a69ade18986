"""Shared set-up for the Kubernetes tests: the fake API on 127.0.0.1 and a real client.

`kube_env()` starts `FakeKube` on port 0, writes a kubeconfig pointing at it and connects
with the real kubernetes-asyncio client through `exporter.collect.connect`, exactly as
`serve` does with a user's kubeconfig.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter.collect import KubeConnection, RetryPolicy, connect
from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, FakeKubeState
from tests.polling import eventually as eventually

FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, timeout=5.0)


@dataclass
class KubeEnv:
    kube: FakeKube
    settings: Settings
    conn: KubeConnection

    @property
    def state(self) -> FakeKubeState:
        return self.kube.state


@asynccontextmanager
async def kube_env(
    tmp_path: Path, *, token: str | None = None, **settings: Any
) -> AsyncIterator[KubeEnv]:
    kube = FakeKube(FakeKubeState(token=token))
    await kube.start()
    try:
        kubeconfig = kube.write_kubeconfig(tmp_path / "kubeconfig")
        s = Settings(kubeconfig=str(kubeconfig), **settings)
        conn = await connect(s, environ={})
        try:
            yield KubeEnv(kube, s, conn)
        finally:
            await conn.close()
    finally:
        await kube.close()


def add_side(
    state: FakeKubeState,
    namespace: str,
    app: str,
    pod_hash: str,
    count: int,
    text: str,
    **pod: Any,
) -> list[str]:
    """`count` pods of one revision with the same log text; returns their names."""
    names = []
    for i in range(count):
        name = f"{app}-{pod_hash}-{i}"
        state.add_pod(namespace, name, {"app": app, "rollouts-pod-template-hash": pod_hash}, **pod)
        containers = pod.get("containers", ("app",))
        for c in containers:
            state.set_logs(namespace, name, c, text)
        names.append(name)
    return names
