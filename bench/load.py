"""Load and soak against the demo: concurrent plugin requests mixed with `/metrics` scrapes.

The real `ai-canary-exporter demo` runs in a subprocess, judging with the real OpenAI SDK
against a fake OpenAI-compatible server in this process (2 s per answer, like a hosted
model), so model calls can be counted: concurrent requests for the same canary revision
must share one analysis (single flight).

    .venv/bin/python bench/load.py                      # 50 clients x 20 requests
    .venv/bin/python bench/load.py --clients 20 --requests 10
    .venv/bin/python bench/load.py --soak 1800 --speed 5   # RSS and open fds over time

Load prints throughput, p50/p99 latency of plugin requests and of scrapes (one every
100 ms throughout), errors by status, model calls, and the demo's RSS before and after.
Soak keeps a trickle of requests and scrapes going for `--soak` seconds and prints RSS and
open file descriptors every `--every` seconds (growth without bound would show there).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.openai_server import FakeOpenAI

ROOT = Path(__file__).resolve().parents[1]

ROLLOUTS = ("checkout", "gateway", "catalog", "colour-web")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _start_demo(
    workdir: Path, model: FakeOpenAI, speed: float
) -> tuple[asyncio.subprocess.Process, str]:
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AI_CANARY_", "OPENAI_", "GEMINI_", "GOOGLE_", "ANALYSIS_"))
    }
    env.update(
        PYTHONPATH=str(ROOT),
        OPENAI_API_KEY="sk-load-bench-key",
        OPENAI_BASE_URL=model.base_url,
        AI_CANARY_JUDGE="openai",
        AI_CANARY_LOG_LEVEL="WARNING",
    )
    log = (workdir / "demo.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "exporter",
        "demo",
        "--port",
        str(port),
        "--speed",
        str(speed),
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                async with http.get(url + "/api/v1/targets") as resp:
                    doc = await resp.json()
                    scored = [t for t in doc.get("targets", []) if t.get("result")]
                    if resp.status == 200 and len(scored) >= 2:  # canaries scored once
                        return process, url
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    process.kill()
    raise RuntimeError("the demo did not come up; see " + str(workdir / "demo.log"))


REASONS: Counter[str] = Counter()  # 503 answers by the start of their error message


async def _plugin(http: aiohttp.ClientSession, url: str, rollout: str) -> tuple[float, int]:
    body = {
        "userId": "argo-rollouts",
        "memoryId": f"rollout:demo/{rollout}",
        "context": {"namespace": "demo", "rolloutName": rollout},
    }
    started = time.perf_counter()
    try:
        async with http.post(url + "/a2a/analyze", json=body) as resp:
            payload = await resp.read()
            status = resp.status
            if status == 503:
                REASONS[payload.decode(errors="replace")[10:50]] += 1
    except aiohttp.ClientError:
        status = 0
    return time.perf_counter() - started, status


async def _scrape(http: aiohttp.ClientSession, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        async with http.get(url + "/metrics") as resp:
            await resp.read()
            status = resp.status
    except aiohttp.ClientError:
        status = 0
    return time.perf_counter() - started, status


async def _scraper(
    http: aiohttp.ClientSession, url: str, stop: asyncio.Event, out: list[tuple[float, int]]
) -> None:
    while not stop.is_set():
        out.append(await _scrape(http, url))
        await asyncio.sleep(0.1)


async def load(args: argparse.Namespace) -> None:
    async with FakeOpenAI(latency=args.model_latency, exact_usage=False) as model:
        with tempfile.TemporaryDirectory() as tmp:
            process, url = await _start_demo(Path(tmp), model, args.speed)
            try:
                rss_before = _rss_kb(process.pid)
                fds_before = _fds(process.pid)
                calls_before = len(model.requests)
                connector = aiohttp.TCPConnector(limit=args.clients + 5)
                async with aiohttp.ClientSession(
                    connector=connector, timeout=aiohttp.ClientTimeout(total=300)
                ) as http:
                    scrapes: list[tuple[float, int]] = []
                    stop = asyncio.Event()
                    scraper = asyncio.create_task(_scraper(http, url, stop, scrapes))
                    idle = [await _scrape(http, url) for _ in range(20)]
                    rng = random.Random(7)

                    async def client() -> list[tuple[float, int]]:
                        return [
                            await _plugin(http, url, rng.choice(ROLLOUTS))
                            for _ in range(args.requests)
                        ]

                    started = time.perf_counter()
                    per_client = await asyncio.gather(*(client() for _ in range(args.clients)))
                    elapsed = time.perf_counter() - started
                    stop.set()
                    await scraper
                requests = [r for rs in per_client for r in rs]
                statuses = Counter(s for _, s in requests)
                latencies = [t for t, _ in requests]
                scrape_ms = [t * 1000 for t, _ in scrapes]
                idle_ms = [t * 1000 for t, _ in idle]
                calls = len(model.requests) - calls_before
                print(
                    f"plugin requests: {len(requests)} ({args.clients} clients x {args.requests}) "
                    f"in {elapsed:.1f} s -> {len(requests) / elapsed:.1f} req/s"
                )
                print(
                    f"  latency p50 {_pct(latencies, 0.5) * 1000:.0f} ms, "
                    f"p99 {_pct(latencies, 0.99) * 1000:.0f} ms, "
                    f"max {max(latencies) * 1000:.0f} ms"
                )
                print(f"  statuses: {dict(sorted(statuses.items()))}")
                for reason, n in REASONS.most_common(4):
                    print(f"    503 x{n}: {reason}…")
                print(
                    f"/metrics scrapes during load: {len(scrapes)}, p50 "
                    f"{_pct(scrape_ms, 0.5):.1f} ms, p99 {_pct(scrape_ms, 0.99):.1f} ms, "
                    f"max {max(scrape_ms):.1f} ms; errors "
                    f"{sum(1 for _, s in scrapes if s != 200)}"
                )
                print(
                    f"/metrics idle: p50 {_pct(idle_ms, 0.5):.1f} ms, "
                    f"p99 {_pct(idle_ms, 0.99):.1f} ms"
                )
                print(
                    f"model calls: {calls} for {len(requests)} requests (plus the loop's own "
                    f"analyses), max {model.max_in_flight} in flight"
                )
                print(
                    f"demo RSS: {rss_before / 1024:.1f} MB before, "
                    f"{_rss_kb(process.pid) / 1024:.1f} MB after; open fds {fds_before} -> "
                    f"{_fds(process.pid)}"
                )
            finally:
                process.terminate()
                await process.wait()


async def soak(args: argparse.Namespace) -> None:
    async with FakeOpenAI(latency=args.model_latency, exact_usage=False) as model:
        with tempfile.TemporaryDirectory() as tmp:
            process, url = await _start_demo(Path(tmp), model, args.speed)
            try:
                started = time.monotonic()
                statuses: Counter[int] = Counter()
                rng = random.Random(11)
                print(" elapsed_s   rss_mb  open_fds  requests  model_calls  scrape_ms")
                async with aiohttp.ClientSession() as http:
                    next_report = 0.0
                    while (now := time.monotonic() - started) < args.soak:
                        _, status = await _plugin(http, url, rng.choice(ROLLOUTS))
                        statuses[status] += 1
                        scrape, _ = await _scrape(http, url)
                        if now >= next_report:
                            print(
                                f"{now:10.0f} {_rss_kb(process.pid) / 1024:8.1f} "
                                f"{_fds(process.pid):9d} {sum(statuses.values()):9d} "
                                f"{len(model.requests):12d} {scrape * 1000:10.1f}",
                                flush=True,
                            )
                            next_report += args.every
                        await asyncio.sleep(args.pause)
                print(f"statuses: {dict(sorted(statuses.items()))}")
            finally:
                process.terminate()
                await process.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description="Load or soak the demo (see the module docstring).")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20, help="requests per client")
    ap.add_argument("--speed", type=float, default=5.0, help="demo simulation speed")
    ap.add_argument("--model-latency", type=float, default=2.0, help="fake model seconds/answer")
    ap.add_argument("--soak", type=float, default=0.0, help="soak for this many seconds")
    ap.add_argument("--every", type=float, default=60.0, help="soak report period (s)")
    ap.add_argument("--pause", type=float, default=0.5, help="soak pause between requests (s)")
    args = ap.parse_args()
    if args.soak > 0:
        asyncio.run(soak(args))
    else:
        asyncio.run(load(args))


if __name__ == "__main__":
    main()
