"""Proof that a digest optimisation changed nothing: byte-identical output against another tree.

Run: `.venv/bin/python bench/digest_equivalence.py --base /tmp/perfbase` (a worktree of the
code to compare with, e.g. `git worktree add --detach /tmp/perfbase main`).

Both trees read the same inputs — every case of every corpus part under `tests/corpus/`
(dev, heldout, heldout2, …), the scenario suite (`tests/scenarios/catalog.py`) and the
benchmark's generated mix — each in its own interpreter (`PYTHONPATH` = that tree), and
write, per input: the read events of each side (every `LogEvent` field), the raw templates
before the merge pass (text, severity, kind, signature, counts, exemplars, flags, duration
histograms), the `Digest` (its repr: every field, floats exactly) and `render_digest`'s
text. The two dumps are then compared item by item; any difference is reported by part and
case index (not by name: case names and labels of the held-out parts stay unread) and the
script exits 1. Only digests are compared, never verdicts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_ROOT = _HERE.parent


def _events(text: str) -> list[str]:
    from exporter.digest.reader import read_events
    from exporter.digest.redact import redact

    clean, _ = redact(text)
    return [
        repr(
            (
                ev.message,
                ev.severity,
                ev.signature,
                ev.kind,
                ev.http_status,
                ev.lines,
                ev.key,
                ev.duration,
                ev.lexical,
            )
        )
        for ev in read_events(clean)
    ]


def _templates(collected: Any) -> list[str]:
    from exporter.digest.compare import _read_side
    from exporter.digest.templates import TemplateMiner

    miner = TemplateMiner(sides=2)
    _read_side(collected.stable, miner, 0)
    _read_side(collected.canary, miner, 1)
    return [
        repr(
            (
                t.text,
                t.severity,
                t.kind,
                t.signature,
                t.counts,
                t.examples,
                t.injection,
                t.http,
                t.merged,
                [sorted(h.items()) for h in t.durations],
                t.lexical,
            )
        )
        for t in miner.raw()
    ]


def _record(collected: Any) -> dict[str, Any]:
    from exporter.digest import build_digest, render_digest

    digest = build_digest(collected)
    sides = (collected.stable, collected.canary)
    texts = [
        "\n".join(p.previous_text.rstrip("\n") + "\n" + p.text for p in side.pods) for side in sides
    ]
    return {
        "events": [_events(t) for t in texts],
        "templates": _templates(collected),
        "digest": repr(digest),
        "render": render_digest(digest),
    }


def _inputs(data: Path) -> list[tuple[str, Any]]:
    """(part, collected) for every input; collected only, so no label is ever touched."""
    sys.path.insert(0, str(data / "tests"))
    sys.path.insert(0, str(data / "bench"))
    from loggen import generate
    from scenarios.catalog import build

    from exporter.corpus import load_corpus
    from exporter.model import Collected, PodLogs, SideLogs, Target

    out: list[tuple[str, Any]] = []
    for part in sorted(p for p in (data / "tests" / "corpus").iterdir() if p.is_dir()):
        out.extend((part.name, case.collected()) for case in load_corpus(part))
    out.extend(("scenarios", sc.collected()) for sc in build())
    for lines, templates in ((20_000, 3000), (6_000, 200)):
        target = Target("bench", "app", "role=stable", "role=canary", "c0ffee")
        stable = generate(lines, seed=1, templates=templates)
        canary = generate(lines, seed=2, templates=templates, error_share=0.02)
        out.append(
            (
                "bench",
                Collected(
                    target,
                    SideLogs([PodLogs("stable-0", "app", stable)]),
                    SideLogs([PodLogs("canary-0", "app", canary)]),
                ),
            )
        )
    return out


def _dump(data: Path, out: Path) -> None:
    import exporter

    records = [(part, _record(c)) for part, c in _inputs(data)]
    out.write_text(json.dumps({"code": exporter.__file__, "records": records}))


def _run(code: Path, data: Path, out: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, str(_HERE / "digest_equivalence.py"), "--dump", str(out)]
    subprocess.run([*cmd, "--data", str(data)], env=env, check=True, cwd=str(code))
    doc: dict[str, Any] = json.loads(out.read_text())
    if not doc["code"].startswith(str(code)):
        sys.exit(f"{code}: the dump used the code at {doc['code']}")
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, help="the tree to compare this one with")
    ap.add_argument("--data", type=Path, default=_ROOT, help="tree whose inputs are read")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        _dump(args.data.resolve(), args.dump)
        return
    if args.base is None:
        ap.error("--base is required")
    with tempfile.TemporaryDirectory() as tmp:
        base = _run(args.base.resolve(), args.data.resolve(), Path(tmp) / "base.json")
        mine = _run(_ROOT, args.data.resolve(), Path(tmp) / "mine.json")
    a, b = base["records"], mine["records"]
    if len(a) != len(b):
        sys.exit(f"input counts differ: {len(a)} vs {len(b)}")
    parts: dict[str, int] = {}
    differ = 0
    for i, ((part, ra), (_, rb)) in enumerate(zip(a, b, strict=True)):
        parts[part] = parts.get(part, 0) + 1
        for item in ("events", "templates", "digest", "render"):
            if ra[item] != rb[item]:
                differ += 1
                if differ <= 20:
                    print(f"DIFFERS: {part} input #{i} ({item})")
    digest = hashlib.sha256(json.dumps(b, sort_keys=True).encode()).hexdigest()[:16]
    events = sum(len(side) for _, r in b for side in r["events"])
    print(
        "inputs: " + ", ".join(f"{p} {n}" for p, n in parts.items()) + f"; {events} events;"
        f" {'IDENTICAL' if not differ else f'{differ} items differ'} (dump sha256 {digest})"
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
