"""Digest CPU and memory per canary per cycle: full re-digest vs the incremental digest.

One canary at the realistic profile of bench/scale_bench.py — 3 stable pods and 1 canary
pod at 20 lines/s each, a 10-minute window, ~300 message templates in mixed formats
(bench/loggen.py), one cycle per minute — without the service around it, so the figures
are the digest's own. The window is filled for 11 minutes first; then, for `--cycles`
cycles, it times `build_digest` over the window (what full-window mode does every cycle)
and `IncrementalDigests.digest` over the minute's new lines, checks both agree on the
counts, and reports the incremental state's size (buckets, templates, traced bytes).

    .venv/bin/python bench/incremental_digest_bench.py [--cycles 5] [--rate 20] [--bucket 60]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loggen import generate

from exporter.digest import build_digest
from exporter.digest.incremental import IncrementalDigests
from exporter.model import Collected, PodLogs, SideLogs, Target
from exporter.timestamps import format_ns

NS = 1_000_000_000
T0 = 1_780_000_000 * NS
WINDOW = 600
PODS = 4  # 3 stable + 1 canary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--rate", type=int, default=20, help="lines per second per pod")
    parser.add_argument("--bucket", type=int, default=60, help="bucket seconds")
    args = parser.parse_args()
    bucket = args.bucket
    per_min = args.rate * 60
    pools = [generate(WINDOW * args.rate, seed=s, templates=300).splitlines() for s in range(4)]
    step = NS // args.rate

    def lines(pod: int, a: int, b: int) -> str:
        pool = pools[pod]
        return "".join(f"{format_ns(T0 + i * step)} {pool[i % len(pool)]}\n" for i in range(a, b))

    target = Target("bench", "svc", "app=svc,h=s", "app=svc,h=c", "c")

    def collected(a: int, b: int, delta: bool) -> Collected:
        pods = [PodLogs(f"svc-{k}", "app", lines(k, a, b)) for k in range(PODS)]
        return Collected(target, SideLogs(pods[:3]), SideLogs(pods[3:]), WINDOW, delta=delta)

    now = [T0]
    inc = IncrementalDigests(window_seconds=WINDOW, bucket_seconds=bucket, clock=lambda: now[0])
    tracemalloc.start()
    for minute in range(1, 12):  # fill the window
        now[0] = T0 + minute * 60 * NS
        inc.digest(collected((minute - 1) * per_min, minute * per_min, True))
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    full_cpu: list[float] = []
    inc_cpu: list[float] = []
    for minute in range(12, 12 + args.cycles):
        now[0] = T0 + minute * 60 * NS
        # the lines the buckets hold: from the start of the oldest bucket still in the window
        edge = (now[0] - WINDOW * NS) // (bucket * NS) * bucket * NS
        window = collected(-(-(edge - T0) // step), minute * per_min, False)
        delta = collected((minute - 1) * per_min, minute * per_min, True)
        t = time.process_time()
        full = build_digest(window)
        full_cpu.append(time.process_time() - t)
        t = time.process_time()
        got = inc.digest(delta)
        inc_cpu.append(time.process_time() - t)
        if got != full:  # the same digest, or the figures mean nothing
            raise SystemExit(f"minute {minute}: incremental digest differs from the full one")
    buckets, templates = inc.size(target.key)
    lines_in_window = full.stable.lines + full.canary.lines
    f, i = sorted(full_cpu)[len(full_cpu) // 2], sorted(inc_cpu)[len(inc_cpu) // 2]
    print(f"window            {lines_in_window:,} lines ({PODS} pods × {args.rate} lines/s)")
    print(f"templates         {full.stable.templates} stable / {full.canary.templates} canary")
    print(f"new lines/cycle   {PODS * per_min:,}")
    print(f"full re-digest    {f * 1000:.0f} ms CPU per cycle (median of {args.cycles})")
    print(f"incremental       {i * 1000:.0f} ms CPU per cycle  (×{f / i:.1f} less)")
    print(f"incremental state {buckets} buckets, {templates:,} bucket templates, "
          f"{held / 2**20:.1f} MiB traced")  # fmt: skip


if __name__ == "__main__":
    main()
