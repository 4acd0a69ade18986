"""Discovery relists when the API server's state is not the one its watch could resume.

Once, after the API server restarted with fresh state (resourceVersions starting over),
discovery resumed the watch from its old resourceVersion and never relisted: canary hashes
stayed stale for 7+ minutes (only a 410 Gone relisted). Here the fake API server really
restarts on the same port with a new store, as `kube-apiserver` over a restored etcd would.
"""

from __future__ import annotations

from pathlib import Path

from exporter.demo.fake_kube import FakeKube, FakeKubeState
from tests.service_harness import (
    ServiceEnv,
    add_canary,
    eventually,
    healthy_log,
    running_service,
)


async def _rollout_hashes(env: ServiceEnv) -> set[tuple[str, str]]:
    status, doc = await env.get_json("/api/v1/targets")
    assert status == 200
    return {(t["rollout"], t["canaryHash"]) for t in doc["targets"] if t["source"] == "rollout"}


async def test_a_restarted_api_server_with_fresh_state_is_relisted(tmp_path: Path) -> None:
    async with running_service(tmp_path, interval_seconds=3600) as env:
        old = env.kube
        logs = {"stable_log": healthy_log(100), "canary_log": healthy_log(100, offset=7)}
        add_canary(old.state, "shop", "checkout", canary_hash="0ld0ld", **logs)
        for i in range(10):  # history the new store will not have: its versions are lower
            add_canary(old.state, "shop", f"other-{i}", canary_hash=f"0th{i}", **logs)
        await eventually(lambda: old.state.open_watches >= 1)
        await eventually(lambda: _rollout_hashes(env), timeout=30)
        assert ("checkout", "0ld0ld") in await _rollout_hashes(env)

        port = old.port
        await old.close()
        fresh = FakeKube(FakeKubeState())
        add_canary(fresh.state, "shop", "checkout", canary_hash="n3wn3w", **logs)
        await fresh.start(port=port)
        try:
            assert fresh.state.resource_version < old.state.resource_version
            # (the harness closes `env.kube`; point it at the running server)
            env.kube = fresh

            async def current() -> bool:
                return await _rollout_hashes(env) == {("checkout", "n3wn3w")}

            await eventually(current, timeout=30)
        finally:
            env.kube = old
            await fresh.close()
