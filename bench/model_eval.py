"""Deterministic judge alone vs deterministic + a real local model, over the scenario suite.

Run: `.venv/bin/python bench/model_eval.py [--cases SUBSTRING ...] [--timeout S]`.

Writes the scenario suite (tests/scenarios/catalog.py) as a labelled corpus, starts the real
llama.cpp server with SmolLM2-135M (tests/local_model.py, from the test extras) on
127.0.0.1, and runs `ai-canary-exporter eval --judge heuristic --judge openai --json` on it
— the command users run. Prints, per configuration: accuracy, abort recall, inconclusive
rate, promotes on expected-abort cases, tokens, latency p50/p95, model failures, and how
often the model's opinion was overruled; then the cases where the model changed the
deterministic verdict. Figures depend on the machine (2 shared cores here); the model is
tiny, so the point is what the guardrails keep, not how good it is.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_model import LocalModelServer  # noqa: E402
from tests.scenarios.catalog import SCENARIOS  # noqa: E402
from tests.scenarios.corpus import write_corpus  # noqa: E402


def run_eval(corpus: Path, server: LocalModelServer, timeout: float) -> dict[str, Any]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AI_CANARY_", "OPENAI_", "ANALYSIS_", "GOOGLE_", "GEMINI_"))
    }
    env |= {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_MODEL": server.model,
        "AI_CANARY_MODEL_TIMEOUT_SECONDS": str(timeout),
    }
    command = [sys.executable, "-m", "exporter", "eval", "--corpus", str(corpus)]
    command += ["--judge", "heuristic", "--judge", "openai", "--json"]
    print("$ " + " ".join(command[1:]), file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    doc: dict[str, Any] = json.loads(done.stdout)
    return doc


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def report(doc: dict[str, Any], wall: float) -> None:
    rows = [
        (
            "deterministic only" if r["model"] == "-" else f"deterministic + {r['model']}",
            _f(r["accuracy"]),
            _f(r["abortRecall"]),
            _f(r["inconclusiveRate"]),
            str(r["promotesOnExpectedAbort"]),
            str(r["promptTokens"]),
            str(r["completionTokens"]),
            f"{r['latencyP50Seconds']:.2f}",
            f"{r['latencyP95Seconds']:.2f}",
            str(sum(r["modelFailures"].values()))
            + (
                " (" + ", ".join(f"{k} {v}" for k, v in r["modelFailures"].items()) + ")"
                if r["modelFailures"]
                else ""
            ),
            f"{r['modelOverruled']}/{r['modelAnswers']}" if r["model"] != "-" else "-",
        )
        for r in doc["judges"]
    ]
    header = (
        "configuration",
        "accuracy",
        "abort recall",
        "inconclusive",
        "promotes on abort",
        "prompt tok",
        "completion tok",
        "p50 s",
        "p95 s",
        "model failures",
        "overruled",
    )
    widths = [max(len(x) for x in col) for col in zip(header, *rows, strict=True)]
    print(f"\n{doc['cases']} scenario cases, eval wall time {wall:.0f} s")
    for row in (header, *rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())

    heuristic, model = doc["judges"]
    by_case = {o["case"]: o for o in heuristic["outcomes"]}
    changed = [
        (o["case"], o["expected"], by_case[o["case"]]["verdict"], o["verdict"], o["modelVotes"])
        for o in model["outcomes"]
        if o["verdict"] != by_case[o["case"]]["verdict"]
    ]
    answered = [o for o in model["outcomes"] if o["modelVotes"]]
    tokens = [o["completionTokens"] for o in answered]
    print(
        f"\nmodel answered {len(answered)} of {model['cases']} analyses; completion tokens per"
        f" answer min/median/max {min(tokens, default=0)}/"
        f"{sorted(tokens)[len(tokens) // 2] if tokens else 0}/{max(tokens, default=0)}"
    )
    print(f"verdicts the model changed: {len(changed)}")
    for case, expected, before, after, votes in changed:
        print(
            f"  {case}: expected {expected}; deterministic {before} -> with model {after} {votes}"
        )
    print(
        f"expected-abort cases promoted: deterministic {heuristic['promotesOnExpectedAbort']},"
        f" with model {model['promotesOnExpectedAbort']}; abort recall"
        f" {_f(heuristic['abortRecall'])} vs {_f(model['abortRecall'])}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="*", help="only scenarios whose name contains one")
    parser.add_argument("--timeout", type=float, default=240.0, help="model deadline (s)")
    parser.add_argument("--json", metavar="FILE", help="also write eval's JSON here")
    args = parser.parse_args()
    scenarios = [
        sc for sc in SCENARIOS if not args.cases or any(part in sc.name for part in args.cases)
    ]
    with tempfile.TemporaryDirectory() as tmp, LocalModelServer() as server:
        corpus = write_corpus(scenarios, Path(tmp) / "scenarios")
        started = time.perf_counter()
        doc = run_eval(corpus, server, args.timeout)
        wall = time.perf_counter() - started
    if args.json:
        Path(args.json).write_text(json.dumps(doc, indent=2) + "\n")
    report(doc, wall)
    return 0


if __name__ == "__main__":
    sys.exit(main())
