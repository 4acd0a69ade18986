"""Scenarios written in the labelled-corpus format (exporter/corpus.py): for `eval`, the
example corpus (examples/corpus/build.py) and bench/model_eval.py."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from exporter.model import PodFacts

from .catalog import Scenario


def facts_json(items: list[PodFacts]) -> list[dict[str, object]]:
    """PodFacts as case.json objects: the name and every field that differs from a default."""
    out = []
    for f in items:
        default = dataclasses.asdict(PodFacts(f.name))
        given = dataclasses.asdict(f)
        out.append({k: v for k, v in given.items() if v != default[k] or k == "name"})
    return out


def write_case(
    sc: Scenario, folder: Path, *, why: str = "", stable_lines: int | None = None
) -> Path:
    """`folder` as a corpus case (stable.log, canary.log, case.json); returns it.

    The corpus format has no previous-container log: what a crashed canary container wrote
    before its restart goes first in canary.log, as reading both logs would show it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stable = sc.stable
    if stable_lines is not None:
        stable = "".join(stable.splitlines(keepends=True)[:stable_lines])
    (folder / "stable.log").write_text(stable)
    (folder / "canary.log").write_text(sc.canary_previous + sc.canary)
    meta: dict[str, object] = {
        "expected": sc.expected.value,
        "why": why or sc.trap,
        "system": "scenario suite",
        "kind": sc.trap,
        "sources": ["tests/scenarios/catalog.py"],
    }
    if sc.stable_facts:
        meta["stable_facts"] = facts_json(list(sc.stable_facts))
    if sc.canary_facts:
        meta["canary_facts"] = facts_json(list(sc.canary_facts))
    (folder / "case.json").write_text(json.dumps(meta, indent=2) + "\n")
    return folder


def write_corpus(scenarios: list[Scenario], root: Path) -> Path:
    for sc in scenarios:
        write_case(sc, root / sc.name)
    return root
