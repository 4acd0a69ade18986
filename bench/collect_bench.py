"""Collect logs for 200 canaries × 3 pods × 2 sides from the fake Kubernetes API.

The fake runs in its own process (so its CPU and memory are not billed to the collector);
the collector uses the real kubernetes-asyncio client with the default settings
(3 pods per side, 32 concurrent log fetches) and up to 64 targets collected at once, as
the scheduler would. Each pod serves ~2,000 realistic log lines (bench/loggen.py).
Prints wall time, requests made, bytes read, and the collector's peak memory: Python heap
peak (tracemalloc, a second pass) and the process's max RSS.

    .venv/bin/python bench/collect_bench.py [--targets 200] [--lines 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loggen import generate

from exporter.collect import LogCollector, connect
from exporter.collect.discovery import rollout_target
from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, FakeKubeState, StoredLog
from exporter.model import Target


def populate(state: FakeKubeState, targets: int, lines: int) -> None:
    now = time.time()
    variants = []
    for seed in range(8):  # a few distinct logs shared by all pods keep the fake small
        text = generate(lines, seed=seed).splitlines()[:lines]
        step = 300.0 / len(text)
        variants.append(StoredLog([(now - 300 + i * step, line) for i, line in enumerate(text)]))
    state.record_calls = False
    for t in range(targets):
        ns, app = f"team-{t % 20}", f"svc-{t}"
        state.put_rollout(
            FakeKubeState.make_rollout(
                ns, app, match_labels={"app": app}, stable_hash=f"s{t}", canary_hash=f"c{t}"
            )
        )
        for side in ("s", "c"):
            for i in range(3):
                pod = f"{app}-{side}{t}-{i}"
                labels = {"app": app, "rollouts-pod-template-hash": f"{side}{t}"}
                state.add_pod(ns, pod, labels, containers=("istio-proxy", "app"))
                state.set_logs(ns, pod, "app", variants[(t + i) % len(variants)])


def serve(conn: object, targets: int, lines: int) -> None:
    async def main() -> None:
        state = FakeKubeState()
        populate(state, targets, lines)
        kube = await FakeKube(state).start()
        conn.send(kube.url)  # type: ignore[attr-defined]
        await asyncio.Event().wait()

    asyncio.run(main())


async def requests_made(url: str) -> int:
    async with aiohttp.ClientSession() as s, s.get(f"{url}/_fake/stats") as r:
        return int((await r.json())["requests"])


async def collect_all(collector: LogCollector, targets: list[Target]) -> tuple[int, int]:
    gate = asyncio.Semaphore(64)
    total_bytes = total_pods = 0

    async def one(t: Target) -> None:
        nonlocal total_bytes, total_pods
        async with gate:
            got = await collector.collect(t)
        for p in got.stable.pods + got.canary.pods:
            total_bytes += len(p.text)
            total_pods += 1

    await asyncio.gather(*(one(t) for t in targets))
    return total_bytes, total_pods


async def run(url: str, n: int, kubeconfig: Path) -> None:
    settings = Settings(kubeconfig=str(kubeconfig))
    conn = await connect(settings, environ={})
    try:
        rollouts = [
            FakeKubeState.make_rollout(
                f"team-{t % 20}",
                f"svc-{t}",
                match_labels={"app": f"svc-{t}"},
                stable_hash=f"s{t}",
                canary_hash=f"c{t}",
            )
            for t in range(n)
        ]
        targets = [t for t in map(rollout_target, rollouts) if t is not None]
        collector = LogCollector(conn, settings)
        await collect_all(collector, targets[:5])  # warm up connections

        before = await requests_made(url)
        start = time.perf_counter()
        size, pods = await collect_all(collector, targets)
        wall = time.perf_counter() - start
        made = await requests_made(url) - before
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        tracemalloc.start()
        await collect_all(collector, targets)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        print(f"targets            {len(targets)}")
        print(f"pods read          {pods} ({pods / len(targets):.1f} per target)")
        print(f"log bytes read     {size / 1e6:.1f} MB")
        print(f"wall time          {wall:.2f} s ({len(targets) / wall:.0f} targets/s)")
        print(f"requests made      {made} ({made / len(targets):.1f} per target)")
        print(f"peak Python heap   {peak / 1e6:.1f} MB (tracemalloc, second pass)")
        print(f"max RSS            {rss_mb:.0f} MB (collector process)")
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(
        target=serve, args=(child, args.targets, args.lines), daemon=True
    )
    proc.start()
    try:
        if not parent.poll(120):
            raise SystemExit("fake Kubernetes API did not start")
        url = parent.recv()
        with tempfile.TemporaryDirectory() as tmp:
            from exporter.demo.fake_kube import write_kubeconfig

            kubeconfig = write_kubeconfig(Path(tmp) / "kubeconfig", url)
            asyncio.run(run(url, args.targets, kubeconfig))
    finally:
        proc.terminate()
        proc.join(5)


if __name__ == "__main__":
    main()
