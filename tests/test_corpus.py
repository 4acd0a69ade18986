"""The deterministic judge on real logs nobody here wrote: tests/corpus/.

Parts split by source system (each folder's README.md): `dev` is what the rules were
developed on; the `heldout*` parts were built by others from other systems and measured
before anyone tuned on them. Once a part's misses have been studied it is a development set
and is held to the spec's bar (abort recall ≥ 0.98, accuracy ≥ 0.90, no expected-abort case
promoted); a part still held out asserts what was measured on it blind, so a regression
fails while the README says where the bar is not reached. Held-out misses are reported as
counts only, so that reading a failure does not turn the set into a dev set.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from exporter.corpus import Case, load_corpus
from exporter.digest import build_digest
from exporter.judges.heuristic import judge_digest
from exporter.model import Verdict

ROOT = Path(__file__).parent / "corpus"
ORDER = (Verdict.PROMOTE, Verdict.INCONCLUSIVE, Verdict.ABORT)
# part: (abort recall, accuracy, expected-abort cases promoted at most).
# - dev: the spec's bar.
# - heldout: the bar and its measured accuracy (26/26, 56/57 on 2026-12-02, after rules
#   that heldout2's misses led to; it had been 25/26 before them). Never studied.
# - heldout2: measured blind once (20/24, 4 failures promoted), then studied: the dev bar.
# - heldout3: built after every rule change, measured blind once (19/22, 46/49, one failure
#   promoted), then studied (a quiet stable; a latency key carrying its unit): the dev bar.
# - heldout4: built from 12 more systems while heldout3 was studied, measured blind once
#   after that (20/25, 50/56, 5 failures promoted), then studied (latency in a column or
#   glued to punctuation, a failure split over templates, failures at INFO, `/_health`).
# - heldout5: 13 more systems, built while heldout4 was studied, measured blind once after
#   that (20/27, 48/57, 4 failures promoted), then studied (Squid's and oauth2-proxy's
#   access logs, an error one word away from stable's), and after heldout10's study
#   (a boot-only window, `no reply from` a peer): the dev bar; an 18-event canary with
#   same-rate warnings stays inconclusive (below the 20-event minimum).
# - heldout6: 12 more systems, measured blind once after heldout5's rules (18/23, 39/49, 4
#   failures promoted), then studied (nested JSON, `resp=`, QTime, 4xx rate, `version=`).
# - heldout7: 13 more systems, measured blind once after heldout6's rules (22/24, 52/55, 2
#   failures promoted), then studied (syslog host/`#011`, zap console levels, `resp_time`);
#   PowerDNS's `totms=` latency was read after heldout10's study (a delay word abbreviated
#   with its unit glued on): the dev bar.
# - heldout8: 13 more systems, measured blind once after heldout7's rules (21/26, 51/56, 4
#   failures promoted), then studied (padded levels after an app stamp, one program's
#   syslog tag, a padded access line, error fields and failures at INFO, a quiet stable's
#   warnings).
# - heldout9: 11 more systems, measured blind once after heldout8's rules (23/27, 49/54, 3
#   failures promoted), then studied (a right-aligned number column, a route's status at
#   INFO, authentik's `runtime`, one failure spread over templates by an unmaskable id).
# - heldout10: 9 more systems, built while heldout9 was studied, measured blind once on the
#   final rules (17/22, 44/50, 2 failures promoted), then studied (a StatefulSet pod's stern
#   prefix, an exception named by its type, a failure at TRACE grown to a large share, a
#   window that is one boot on both sides); heldout5's nested-JSON boot failure went with it.
FLOORS = {
    "dev": (0.98, 0.90, 0),
    "heldout": (0.98, 0.98, 0),
    "heldout2": (0.98, 0.90, 0),
    "heldout3": (0.98, 0.90, 0),
    "heldout4": (0.98, 0.90, 0),
    "heldout5": (0.98, 0.90, 0),
    "heldout6": (0.98, 0.90, 0),
    "heldout7": (0.98, 0.90, 0),
    "heldout8": (0.98, 0.90, 0),
    "heldout9": (0.98, 0.90, 0),
    "heldout10": (0.98, 0.90, 0),
}
STUDIED = ("dev", *(f"heldout{i}" for i in range(2, 11)))


def _judge(cases: list[Case]) -> list[tuple[Case, Verdict]]:
    return [(c, judge_digest(build_digest(c.collected())).verdict) for c in cases]


@pytest.fixture(scope="module", params=list(FLOORS))
def part(request: pytest.FixtureRequest) -> tuple[str, list[tuple[Case, Verdict]]]:
    name: str = request.param
    return name, _judge(load_corpus(ROOT / name))


def test_parts_are_big_and_disjoint() -> None:
    parts = {name: load_corpus(ROOT / name) for name in FLOORS}
    systems = {name: {c.system for c in cases} for name, cases in parts.items()}
    for name, cases in parts.items():
        assert len(cases) >= 40, name
        for other in FLOORS:
            assert other == name or not systems[name] & systems[other], (name, other)
    held = parts["heldout"]
    for c in (c for cases in parts.values() for c in cases):
        assert c.sources and all(s.startswith(("https://", "http://")) for s in c.sources)
        assert c.why
    labels = Counter(c.expected for c in held)
    assert labels[Verdict.ABORT] >= 15 and labels[Verdict.PROMOTE] >= 10


def test_recall_and_accuracy(part: tuple[str, list[tuple[Case, Verdict]]]) -> None:
    name, outcomes = part
    matrix = Counter((c.expected, got) for c, got in outcomes)
    print(f"\n[{name}] expected \\ judged " + " ".join(f"{v.value:>12}" for v in ORDER))
    for exp in ORDER:
        print(f"{exp.value:>24} " + " ".join(f"{matrix[(exp, got)]:>12}" for got in ORDER))
    if name in STUDIED:  # their misses may be read
        for c, got in outcomes:
            if got is not c.expected:
                print(f"MISS {c.name} ({c.kind}): expected {c.expected.value}, got {got.value}")
    aborts = [got for c, got in outcomes if c.expected is Verdict.ABORT]
    recall = sum(g is Verdict.ABORT for g in aborts) / len(aborts)
    accuracy = sum(got is c.expected for c, got in outcomes) / len(outcomes)
    print(f"[{name}] abort recall {recall:.3f} over {len(aborts)}; accuracy {accuracy:.3f}")
    promoted_failures = sum(
        1 for c, got in outcomes if c.expected is Verdict.ABORT and got is Verdict.PROMOTE
    )
    min_recall, min_accuracy, max_promoted = FLOORS[name]
    assert promoted_failures <= max_promoted
    assert accuracy >= min_accuracy
    assert recall >= min_recall
