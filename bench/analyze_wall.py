"""Wall time of one `ai-canary-exporter analyze --judge heuristic` on a 2,000-line pair.

Run: `.venv/bin/python bench/analyze_wall.py [--lines N] [--runs N]`. Each run is a fresh
process (interpreter start, imports, reading, digest, verdict, JSON out), as a CI step would
pay it; prints every run and the best and median. Issue 15's target: under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loggen import generate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=2000, help="lines per side (default 2000)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("ai-canary-exporter")
    with tempfile.TemporaryDirectory() as tmp:
        stable, canary = Path(tmp) / "stable.log", Path(tmp) / "canary.log"
        stable.write_text(generate(args.lines, seed=1))
        canary.write_text(generate(args.lines, seed=2))
        cmd = [str(exe), "analyze", "--judge", "heuristic", "--stable", str(stable)]
        cmd += ["--canary", str(canary), "--format", "json"]
        times = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
            print(f"run {i + 1}: {times[-1]:.3f} s")
    print(
        f"analyze --judge heuristic, {args.lines}+{args.lines} lines: best {min(times):.3f} s,"
        f" median {statistics.median(times):.3f} s (wall, fresh process each)"
    )


if __name__ == "__main__":
    main()
