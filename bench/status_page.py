"""Status page render time and size at 10, 100 and 1,000 canaries (60 points of history each).

    .venv/bin/python bench/status_page.py

The page is rendered off the event loop, but it still costs CPU per browser refresh; this
prints what one render costs so the card cap (`max_cards`) can be judged.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exporter.history import ScoreHistory
from exporter.http.status_page import CanaryRow, render_status_page
from exporter.model import AnalysisResult, Evidence, Target, Verdict


def rows(n: int, now: float) -> list[CanaryRow]:
    rng = random.Random(n)
    history = ScoreHistory(clock=lambda: now)
    out = []
    for i in range(n):
        t = Target("shop", f"rollout-{i}", "app=a", "app=b", f"hash{i:05d}", source="rollout")
        verdict = rng.choice([Verdict.PROMOTE] * 8 + [Verdict.ABORT, Verdict.INCONCLUSIVE])
        result = None
        for k in range(60):
            result = AnalysisResult(
                t,
                verdict,
                rng.random(),
                80,
                "heuristic",
                analysis="Canary: 412 events from 1 pod(s), error rate 0.3%; " * 4,
                evidence=[Evidence("new_error", "soft", "only in canary: " + "x" * 120)] * 6,
                timestamp=now - 3600 + k * 60,
            )
            history.record(t, result)
        out.append(CanaryRow(t, result, history.points(t)))
    return out


def main() -> None:
    now = time.time()
    for n in (10, 100, 1000):
        data = rows(n, now)
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            page = render_status_page(data, promote_threshold=0.8, abort_threshold=0.5, now=now)
            best = min(best, time.perf_counter() - t0)
        print(f"{n:>5} canaries: render {best * 1000:6.1f} ms, page {len(page) / 1e6:5.2f} MB")


if __name__ == "__main__":
    main()
