"""SIGTERM: the loop stops at once, and in-flight work ends at the grace deadline.

The real `serve` process against the fake API server, signalled like the kubelet does.
Once, with 305 targets and the API down, the process still ran 174 s after SIGTERM (the
drain kept starting queued analyses as slots freed), and with a hung API a 20-s grace
became 29 s while in-flight plugin requests were dropped without an answer.
"""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

import aiohttp

from exporter.demo.fake_kube import FakeKube, FakeKubeState, Fault
from tests.reliability.served import served
from tests.service_harness import add_canary, eventually, healthy_log

HANG = 3600.0  # seconds: longer than any test; the fault is what keeps work in flight


async def _kube_with_canaries(n: int) -> FakeKube:
    kube = FakeKube(FakeKubeState())
    await kube.start()
    for i in range(n):
        add_canary(
            kube.state, "shop", f"svc-{i}", stable_log=healthy_log(40), canary_log=healthy_log(40)
        )
    return kube


async def _target_count(http: aiohttp.ClientSession, url: str) -> int:
    async with http.get(url + "/api/v1/targets") as resp:
        doc = await resp.json()
    return int(doc["counts"]["rollout"])


async def test_sigterm_starts_no_queued_analysis(tmp_path: Path) -> None:
    concurrency = 4
    kube = await _kube_with_canaries(40)
    # every log read fails (retried with backoff): analyses hold their slots for seconds
    kube.state.inject(Fault(status=500, times=10**6, path="/log"))
    try:
        async with served(
            tmp_path,
            kube=kube,
            AI_CANARY_MAX_CONCURRENT_ANALYSES=str(concurrency),
            AI_CANARY_SHUTDOWN_GRACE_SECONDS="60",
        ) as svc:
            async with aiohttp.ClientSession() as http:
                await eventually(lambda: _target_count(http, svc.url), timeout=30)
            await eventually(lambda: sum(c.subresource == "log" for c in kube.state.calls) > 0)
            svc.process.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(svc.process.wait(), timeout=120)  # hang guard
            assert code == 0
            log = svc.log_text()
        after = log[log.index("shutting down") :]
        finished = set(re.findall(r"analysis of (shop/svc-\d+) failed", after))
        # only the analyses holding a slot at SIGTERM ran on; none of the queue started
        assert len(finished) <= concurrency, sorted(finished)
    finally:
        await kube.close()


async def test_in_flight_requests_get_a_503_at_the_grace_deadline(tmp_path: Path) -> None:
    kube = await _kube_with_canaries(10)
    try:
        async with (
            served(tmp_path, kube=kube, AI_CANARY_SHUTDOWN_GRACE_SECONDS="2") as svc,
            aiohttp.ClientSession() as http,
        ):
            await eventually(lambda: _target_count(http, svc.url), timeout=30)
            kube.state.inject(Fault(status=0, delay=HANG, times=10**6))  # the API hangs
            names = [f"new-{i}" for i in range(5)]
            requests = [
                asyncio.ensure_future(
                    http.post(
                        svc.url + "/a2a/analyze",
                        json={"context": {"namespace": "shop", "rolloutName": name}},
                    )
                )
                for name in names
            ]

            def all_asked() -> bool:  # each handler reads its Rollout (and hangs there)
                asked = {c.name for c in kube.state.calls if c.resource == "rollouts"}
                return asked >= set(names)

            await eventually(all_asked)
            svc.process.send_signal(signal.SIGTERM)
            # exits while the API still hangs: it cancelled, it did not wait the work out
            code = await asyncio.wait_for(svc.process.wait(), timeout=60)
            assert code == 0
            for future in requests:
                resp = await future
                assert resp.status == 503, await resp.text()
                assert resp.headers["Retry-After"]
                assert "error" in await resp.json()
        assert "shutdown grace over" in svc.log_text()
    finally:
        await kube.close()
