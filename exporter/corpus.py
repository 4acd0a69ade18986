"""Labelled corpora of stable/canary log pairs: one folder per case.

    <corpus>/<case>/stable.log   stable pod's log text (as `kubectl logs` gives it)
    <corpus>/<case>/canary.log   canary pod's log text
    <corpus>/<case>/case.json    {"expected": "promote|abort|inconclusive", "why": "...",
                                  "system": "...", "kind": "...", "sources": ["https://..."],
                                  "stable_facts": [...], "canary_facts": [...]}   (facts optional)

Facts are `PodFacts` fields (`name`, `phase`, `ready`, `restart_count`,
`last_termination_reason`, `last_exit_code`, `waiting_reason`, `warning_events`): what
Kubernetes says about a pod beside its logs (ImagePullBackOff, OOMKilled, restarts). The same
format feeds the test corpus (`tests/corpus/`), `eval --corpus` and users' own cases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from exporter.errors import CanaryError
from exporter.model import Collected, PodFacts, PodLogs, SideLogs, Target, Verdict

_FACT_FIELDS = {f.name for f in fields(PodFacts)}


class CorpusError(CanaryError):
    """A case folder that cannot be read as a labelled case."""


@dataclass(slots=True)
class Case:
    """One labelled stable/canary pair."""

    name: str
    stable: str
    canary: str
    expected: Verdict
    why: str = ""
    system: str = ""
    kind: str = ""
    sources: list[str] = field(default_factory=list)
    stable_facts: list[PodFacts] = field(default_factory=list)
    canary_facts: list[PodFacts] = field(default_factory=list)

    def collected(self) -> Collected:
        """The case as one analysis input: the log goes to the first pod of each side."""
        target = Target("corpus", self.name, "role=stable", "role=canary", "corpus")
        return Collected(
            target,
            _side(self.stable, self.stable_facts or [PodFacts("stable-0")]),
            _side(self.canary, self.canary_facts or [PodFacts("canary-0")]),
        )


def _side(text: str, facts: list[PodFacts]) -> SideLogs:
    return SideLogs(
        [PodLogs(f.name, "app", text if i == 0 else "", facts=f) for i, f in enumerate(facts)]
    )


def _facts(raw: Any, where: Path) -> list[PodFacts]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        raise CorpusError(f"{where}: facts must be a list of objects")
    out = []
    for item in raw:
        unknown = set(item) - _FACT_FIELDS
        if unknown or "name" not in item:
            raise CorpusError(f"{where}: pod facts need 'name'; unknown keys {sorted(unknown)}")
        out.append(PodFacts(**item))
    return out


def _read_text(path: Path) -> str:
    # Logs are bytes from the wild: undecodable bytes become U+FFFD rather than an error.
    return path.read_bytes().decode("utf-8", errors="replace")


def load_case(folder: Path) -> Case:
    meta_path = folder / "case.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(f"{folder}: no case.json") from exc
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{meta_path}: {exc}") from exc
    if not isinstance(meta, dict):
        raise CorpusError(f"{meta_path}: not a JSON object")
    try:
        expected = Verdict(str(meta.get("expected")))
    except ValueError as exc:
        msg = f"{meta_path}: 'expected' must be promote, abort or inconclusive"
        raise CorpusError(msg) from exc
    try:
        stable = _read_text(folder / "stable.log")
        canary = _read_text(folder / "canary.log")
    except OSError as exc:
        raise CorpusError(f"{folder}: {exc}") from exc
    sources = meta.get("sources", [])
    return Case(
        name=folder.name,
        stable=stable,
        canary=canary,
        expected=expected,
        why=str(meta.get("why", "")),
        system=str(meta.get("system", "")),
        kind=str(meta.get("kind", "")),
        sources=[str(s) for s in sources] if isinstance(sources, list) else [str(sources)],
        stable_facts=_facts(meta.get("stable_facts"), meta_path),
        canary_facts=_facts(meta.get("canary_facts"), meta_path),
    )


def load_corpus(root: Path) -> list[Case]:
    """Every case under `root` (folders holding a case.json, at any depth), sorted by path."""
    if not root.is_dir():
        raise CorpusError(f"{root}: not a directory")
    cases = [load_case(p.parent) for p in sorted(root.rglob("case.json"))]
    if not cases:
        raise CorpusError(f"{root}: no cases (folders with case.json)")
    return cases
