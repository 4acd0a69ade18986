"""Digest throughput and memory on 50,000-line stable and canary windows.

Run: `.venv/bin/python bench/digest_bench.py [--lines N] [--templates N] [--profile]`.
Prints lines/second of `build_digest` (single thread, so one core; timed in process CPU
time, because the machine is shared and wall time measures the neighbours) including
redaction, the number of distinct templates found, and peak traced memory of the digest.
Target: ≥100,000 lines/s on a realistic mix with thousands of distinct templates.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from loggen import generate

from exporter.digest import build_digest
from exporter.digest.redact import redact
from exporter.model import Collected, PodLogs, SideLogs, Target


def _collected(stable: str, canary: str) -> Collected:
    target = Target("bench", "app", "role=stable", "role=canary", "c0ffee")
    return Collected(
        target,
        SideLogs([PodLogs("stable-0", "app", stable)]),
        SideLogs([PodLogs("canary-0", "app", canary)]),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=50_000)
    ap.add_argument("--templates", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    stable = generate(args.lines, seed=1, templates=args.templates)
    canary = generate(args.lines, seed=2, templates=args.templates, error_share=0.02)
    collected = _collected(stable, canary)
    total = stable.count("\n") + canary.count("\n")
    mb = (len(stable) + len(canary)) / 1e6
    print(f"input: {total} lines ({mb:.1f} MB), {args.templates} message shapes x 7 formats")

    build_digest(collected)  # warm-up (regex compilation, imports)
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        digest = build_digest(collected)
        best = min(best, time.process_time() - t0)
    print(
        f"build_digest: {best:.3f} s  ->  {total / best:,.0f} lines/s (best of {args.repeat},"
        " one core)"
    )
    print(
        f"templates: stable {digest.stable.templates}, canary {digest.canary.templates};"
        f" events {digest.stable.events + digest.canary.events}; diffs kept {len(digest.diffs)}"
    )

    best_redact = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        redact(stable)
        redact(canary)
        best_redact = min(best_redact, time.process_time() - t0)
    rest = best - best_redact
    print(
        f"  of which redaction (exporter.digest.redact): {best_redact:.3f} s"
        f" ({total / best_redact:,.0f} lines/s); reading+templating+comparison: {rest:.3f} s"
        f" ({total / rest:,.0f} lines/s)"
    )

    tracemalloc.start()
    build_digest(collected)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory during build_digest: {peak / 1e6:.1f} MB (input text {mb:.1f} MB)")

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(build_digest, collected)
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
