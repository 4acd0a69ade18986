"""The fault matrix as a table: fault → what requests got → promotes → readiness → signal →
time to recover.

Every fault is injected on the wire by a local server (fake Kubernetes API, a proxy in
front of the fake model server, fake GitHub) against the real service; the canary is
failing, so any promote would be one a fault caused. The Kubernetes API stays down for
`--down` seconds (default 60). Run: `.venv/bin/python bench/faults.py` (about 2 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability.faults import SCENARIOS, Row, world


async def main(down: float) -> int:
    rows: list[Row] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        async with world(Path(tmp), hold=down) as w:
            for scenario in SCENARIOS:
                row = await scenario(w)
                rows.append(row)
                print(f"  {row.fault}: done", file=sys.stderr, flush=True)
    print("| fault | answers during the fault | promotes | live | readiness | signal | recovered |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        recovered = f"{r.recovered_s:.2f} s" if r.recovered_s is not None else "not within 120 s"
        print(
            f"| {r.fault} | {r.answer} | {r.promotes} | {'UP' if r.live else 'DOWN'} | "
            f"{r.ready} | {r.signal} | {recovered} |"
        )
    promotes = sum(r.promotes for r in rows)
    unrecovered = [r.fault for r in rows if r.recovered_s is None]
    print(
        f"\n{len(rows)} faults, {promotes} promotes caused by a fault, "
        f"{len(unrecovered)} not recovered; {time.monotonic() - started:.0f} s in all"
    )
    return 1 if promotes or unrecovered else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--down", type=float, default=60.0, help="seconds the Kubernetes API is down")
    sys.exit(asyncio.run(main(ap.parse_args().down)))
