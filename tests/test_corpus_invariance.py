"""Metamorphic checks on the studied corpus parts: the verdict on a real pair must not
depend on how its lines were shipped (CRI file, docker json-file, `kubectl logs --prefix
--timestamps`), on how the canary's lines are spread over its pods, or on stable logging a
longer window. Each transform keeps every rate in the pair, so a flip is a reader or judge
that keyed on one layout: the held-out figures only mean something if this holds.

Only parts whose cases were studied are used (dev, heldout2 to heldout10): a flip is then
printed with its case name, which would turn a held-out part into a dev set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from exporter.corpus import Case, load_corpus
from exporter.digest import build_digest
from exporter.judges.heuristic import judge_digest
from exporter.model import Collected, PodFacts, PodLogs, SideLogs, Verdict

ROOT = Path(__file__).parent / "corpus"
PARTS = ("dev", *(f"heldout{i}" for i in range(2, 11)))
# a case shipped in a transport already is not wrapped again: no real pipeline does that
_WRAPPED = re.compile(r'^(\[pod/|\d{4}-\d\d-\d\dT\S+Z |\{"log":)')
# stern's `<pod> <container> ` (a client like `kubectl --prefix`): one pod's lines all
# start with the same two columns, the first a pod name (ReplicaSet suffix or ordinal)
_STERN = re.compile(r"[a-z0-9][a-z0-9.\-]*-(?:[a-z0-9]{5}|\d{1,5}) [a-z0-9][a-z0-9\-]* ")


def _wrapped(text: str) -> bool:
    if _WRAPPED.match(text[:80]):
        return True
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    heads = [m.group(0) for ln in lines if (m := _STERN.match(ln)) is not None]
    return bool(heads) and heads.count(heads[0]) >= 0.8 * len(lines)


def _ts(i: int) -> str:
    return f"2026-03-09T10:{(i // 60) % 60:02d}:{i % 60:02d}.{i % 1000:03d}000000Z"


def _cri(text: str) -> str:
    return "".join(f"{_ts(i)} stdout F {line}\n" for i, line in enumerate(text.splitlines()))


def _docker(text: str) -> str:
    return "".join(
        json.dumps({"log": line + "\n", "stream": "stdout", "time": _ts(i)}) + "\n"
        for i, line in enumerate(text.splitlines())
    )


def _kubectl(text: str) -> str:  # kubectl logs --prefix --timestamps
    return "".join(
        f"[pod/web-7d9f8-abcde/app] {_ts(i)} {line}\n" for i, line in enumerate(text.splitlines())
    )


TRANSPORTS: dict[str, Callable[[str], str]] = {
    "cri": _cri,
    "docker": _docker,
    "kubectl": _kubectl,
}


def _two_canary_pods(case: Case) -> Collected:
    """The canary's lines split at a record boundary over two pods."""
    lines = case.canary.splitlines()
    cut = len(lines) // 2
    while 0 < cut < len(lines) and lines[cut][:1] in (" ", "\t", ""):
        cut += 1  # never split a stack trace between pods
    facts = case.canary_facts or [PodFacts("canary-0")]
    pods = [
        PodLogs(facts[0].name, "app", "\n".join(lines[:cut]) + "\n", facts=facts[0]),
        PodLogs("canary-x", "app", "\n".join(lines[cut:]) + "\n", facts=PodFacts("canary-x")),
        *(PodLogs(f.name, "app", "", facts=f) for f in facts[1:]),
    ]
    base = case.collected()
    return Collected(base.target, base.stable, SideLogs(pods))


def _verdict(collected: Collected) -> Verdict:
    return judge_digest(build_digest(collected)).verdict


@pytest.fixture(scope="module", params=PARTS)
def judged(request: pytest.FixtureRequest) -> list[tuple[Case, Verdict]]:
    return [(c, _verdict(c.collected())) for c in load_corpus(ROOT / request.param)]


def test_verdict_does_not_depend_on_the_transport(judged: list[tuple[Case, Verdict]]) -> None:
    flips = []
    for case, base in judged:
        if any(_wrapped(t) for t in (case.stable, case.canary)):
            continue
        for name, wrap in TRANSPORTS.items():
            wrapped = replace(case, stable=wrap(case.stable), canary=wrap(case.canary))
            got = _verdict(wrapped.collected())
            if got is not base:
                flips.append(f"{case.name} [{name}]: {base.value} -> {got.value}")
    assert not flips, flips


def test_verdict_does_not_depend_on_pods_or_stable_window(
    judged: list[tuple[Case, Verdict]],
) -> None:
    flips = []
    for case, base in judged:
        if _verdict(_two_canary_pods(case)) is not base:
            flips.append(f"{case.name} [two canary pods]")
        # stable logged twice as long: every stable rate is the same
        if base is not Verdict.INCONCLUSIVE:
            doubled = replace(case, stable=case.stable + case.stable)
            if _verdict(doubled.collected()) is not base:
                flips.append(f"{case.name} [stable x2]")
    assert not flips, flips
