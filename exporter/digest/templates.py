"""Masks the variable parts of log events and groups them into templates, counted per side.

Why not drain3: the issue measured drain3 at ~117k lines/s with 10 templates but ~2k
lines/s at ~4,400 distinct templates with its default tree settings (its leaf search is
linear in the templates of a tree node), and real services have thousands. So the miner
here is two cheap steps instead:

1. masking with a few precompiled regexes (every token holding a digit — numbers, hex,
   UUIDs, IPs and ports, durations, timestamps, versions, request ids, paths with ids —
   becomes `<*>`; emails and single-token quoted values too), then an exact dict
   lookup of the masked text: O(1) per line whatever the template count;
2. after reading, one merge pass over the (few thousand) templates: templates of the same
   length, severity and kind that differ in a single token position are folded into one
   with `<*>` there when at least `MERGE_MIN_VARIANTS` variants exist (user names,
   hostnames and other digit-free variables); two or three variants stay apart because
   "Connection refused" and "Connection reset" are different failures. In the first
   `PREFIX_TOKENS` tokens, two name-like variants (dotted logger, `[thread]`) suffice:
   the same message from another logger is the same message, and not "new" in the
   canary because stable happened to log it from elsewhere.

Memory grows with distinct templates, never with lines: each keeps counts and at most
`MAX_EXAMPLES` exemplar messages per side.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from exporter.digest.latency import PER_STEP, ZERO_BIN
from exporter.digest.reader import LogEvent, looks_like_injection
from exporter.digest.signals import (
    DurationSlot,
    duration_at,
    has_unit_number,
    locate_duration,
    substring_gate,
)
from exporter.model import Severity

__all__ = ["MAX_EXAMPLES", "MERGE_MIN_VARIANTS", "Template", "TemplateMiner", "mask", "mask_emails"]

MAX_EXAMPLES = 2
_floor, _log, _PER_STEP = math.floor, math.log, PER_STEP
MERGE_MIN_VARIANTS = 5
PREFIX_TOKENS = 5  # where line prefixes (level, pid, thread, logger) live
_MAX_KEY = 400  # masked text beyond this adds cost, not distinction
WILDCARD = "<*>"

# A token (up to whitespace, quotes, brackets, `=`, `,`, `;`, `/`) holding a digit. The
# look-behind makes matches start at token boundaries only, so digit-free words are
# scanned once (no O(n²) backtracking). Possessive runs (no digit in the first, so no
# backtracking into it) cut the sub by ~18%; measured fastest of the shapes tried.
_SEP = r"\s\"'\[\](){}=,;/<>"
_DIGIT_TOKEN = re.compile(rf"(?<![^{_SEP}])[^{_SEP}\d]*+\d[^{_SEP}]*+")
# The same pattern for ASCII text (nearly every line; `str.isascii` is O(1)): its classes
# spelled as ranges compile to a 256-bit table instead of a Unicode category call per
# character, ~35% off the sub. Equal on ASCII: there `\s` is \t-\r, \x1c-\x1f and space
# (str.isspace) and `\d` is 0-9 (tests/test_digest_fastpaths.py checks every character).
_SEP_ASCII = r"\t-\r\x1c-\x20\"'\[\](){}=,;/<>"
_DIGIT_TOKEN_ASCII = re.compile(rf"(?<![^{_SEP_ASCII}])[^{_SEP_ASCII}0-9]*+[0-9][^{_SEP_ASCII}]*+")
# the domain ends in a letters-only label: `client-go@v0.21.0` is a Go module version;
# starting at a token boundary keeps a long run before an `@` linear
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}(?![\w.\-]*\d)")
_QUOTED = re.compile(r"\"[^\"\s<>]{1,80}\"|'[^'\s<>]{1,80}'")
_COLLAPSE = re.compile(r"<\*>(?:[ ,/]*<\*>)+")
_digit_sub, _ascii_sub, _collapse_sub = _DIGIT_TOKEN.sub, _DIGIT_TOKEN_ASCII.sub, _COLLAPSE.sub


def mask_emails(text: str) -> str:
    """Only the email addresses masked (exemplars keep everything else for the reader)."""
    return _EMAIL.sub("<EMAIL>", text) if "@" in text else text


def mask(text: str) -> str:
    """The text with its variable parts replaced by `<*>` (or `<EMAIL>`)."""
    # masked first, cut after: a cut of the raw text falls at another field of the same
    # line shape whenever a value before it is longer (JSON lines without a message key)
    if len(text) > 2 * _MAX_KEY:
        text = text[: 2 * _MAX_KEY]
    if "@" in text:
        text = _EMAIL.sub("<EMAIL>", text)
    if '"' in text or "'" in text:
        text = _QUOTED.sub('"<*>"', text)
    text = (_ascii_sub if text.isascii() else _digit_sub)(WILDCARD, text)
    if "<*> <*>" in text or "<*>,<*>" in text or "<*>/<*>" in text:
        text = _COLLAPSE.sub(WILDCARD, text)
    return text if len(text) <= _MAX_KEY else text[:_MAX_KEY]


@dataclass(slots=True)
class Template:
    """One group of events: masked text, severity, kind, and per-side counts and exemplars."""

    text: str
    severity: Severity
    kind: str
    signature: str
    counts: list[int]
    examples: list[list[str]]
    injection: bool = False
    http: bool = False
    merged: int = field(default=1)  # how many raw templates were folded into this one
    # durations per side as log-bin histograms (digest.latency). Whether the text holds one
    # is decided once, at the template's first event: substring checks on the short masked
    # text first (`_slot_context`), the finder's costly regexes only for candidates; then
    # `slot` says where the number sits, and later lines are read by token position.
    durations: list[dict[int, int]] = field(default_factory=list)
    slot: DurationSlot | None = None
    decided: bool = False  # the latency question was asked (at the first event)
    lexical: bool = False  # its events hold an error word (digest.signals.lexicon_hit)


class TemplateMiner:
    """Counts events per template for `sides` sides (0 = stable, 1 = canary)."""

    def __init__(self, sides: int = 2) -> None:
        self._sides = sides
        self._by_key: dict[tuple[str, Severity, str, str], Template] = {}
        # `_sorted` of `_sorted_of` when it held `_sorted_n` templates: templates are only
        # ever added and their order fields never change, so the order stays valid until
        # the count does (digest_from asks for it twice: merged and raw)
        self._sorted: list[Template] = []
        self._sorted_of: dict[tuple[str, Severity, str, str], Template] | None = None
        self._sorted_n = -1

    def __len__(self) -> int:
        return len(self._by_key)

    def add(self, event: LogEvent, side: int) -> None:
        text = event.key
        if text and event.http_status is not None:
            # the status stays readable: 200 and 502 on one route are different templates
            route, _, status = text.rpartition(" ")
            if len(route) > _MAX_KEY or "@" in route or '"' in route or "'" in route:
                route = mask(route)
            else:  # `mask` inlined, as below: routes seldom hold quotes or addresses
                route = (_ascii_sub if route.isascii() else _digit_sub)(WILDCARD, route)
                if "<*> <*>" in route or "<*>,<*>" in route or "<*>/<*>" in route:
                    route = _collapse_sub(WILDCARD, route)
            masked = f"{route} {status}"
        else:
            # `mask` inlined for the common case (no quote, no email): a call per event
            text = text or event.message
            if len(text) > _MAX_KEY or "@" in text or '"' in text or "'" in text:
                masked = mask(text)
            else:
                masked = (_ascii_sub if text.isascii() else _digit_sub)(WILDCARD, text)
                if "<*> <*>" in masked or "<*>,<*>" in masked or "<*>/<*>" in masked:
                    masked = _collapse_sub(WILDCARD, masked)
        key = (masked, event.severity, event.kind, event.signature)
        tpl = self._by_key.get(key)
        if tpl is None:
            tpl = Template(
                text=masked,
                severity=event.severity,
                kind=event.kind,
                signature=event.signature,
                counts=[0] * self._sides,
                examples=[[], []] if self._sides == 2 else [[] for _ in range(self._sides)],
                injection=looks_like_injection(event.message),
                http=event.http_status is not None,
                durations=[{}, {}] if self._sides == 2 else [{} for _ in range(self._sides)],
                lexical=event.lexical,
            )
            self._by_key[key] = tpl
        counts = tpl.counts
        counts[side] += 1
        d = event.duration
        if d is None:
            slot = tpl.slot
            if slot is not None:
                # a line laid out otherwise gives no value rather than a regex scan
                d = duration_at(event.message, slot)
            elif not tpl.decided:
                # decided on the template's first event, as every reading of the same lines
                # (a whole window, or its time buckets in digest.incremental) must agree
                tpl.decided = True
                if _slot_context(masked, event.message):
                    slot = locate_duration(event.message)
                    if slot is not None:
                        tpl.slot = slot
                        d = duration_at(event.message, slot)
        if d is not None:
            hist = tpl.durations[side]
            b = _floor(_log(d) * _PER_STEP) if d > 0.0 else ZERO_BIN  # bin_of, inlined
            hist[b] = hist.get(b, 0) + 1
        examples = tpl.examples[side]
        if len(examples) < MAX_EXAMPLES:
            examples.append(event.message)

    def raw(self) -> list[Template]:
        """The templates before the merge pass, in a deterministic order: finer than
        `templates()` (one route's latency is not diluted by the routes merged with it)."""
        return list(self._in_order())

    def templates(self) -> list[Template]:
        """All templates after the single-position merge, in a deterministic order."""
        return _merge(self._in_order())

    def _in_order(self) -> list[Template]:
        by_key = self._by_key  # digest.incremental assigns a merged dict here
        if by_key is not self._sorted_of or len(by_key) != self._sorted_n:
            self._sorted = sorted(by_key.values(), key=_order)
            self._sorted_of, self._sorted_n = by_key, len(by_key)
        return self._sorted


def _slot_context(masked: str, message: str) -> bool:
    """Whether a masked template has a number where latencies are written (`in <*>`,
    `took <*>`, `(<*>)`, `<*> ms`, `time: <*>`, `duration=<*>` …) or its line holds a
    number with a time unit (`| 200 |  2.96ms |`): cheap checks, asked once per template,
    so the finder's regexes run for candidates only."""
    return "<*>" in masked and (_latency_words(masked) or has_unit_number(message))


_latency_words = substring_gate(
    "in <*>", "(<*>)", "<*> ms", "<*> s", "after <*>", "for <*>", "took", "time", "Time",
    "durat", "Durat", "laten", "Laten", "lapsed", "total", "rt=", "spent",
)  # fmt: skip


_SEV_RANK = {s: s.rank for s in Severity}  # a dict lookup, not a property call per template


def _order(t: Template) -> tuple[str, str, str, int]:
    return (t.text, t.kind, t.signature, _SEV_RANK[t.severity])


_Member = tuple[Template, list[str]]  # template, its tokens


def _qualifies(members: list[_Member], idxs: list[int], pos: int) -> bool:
    if len(idxs) >= MERGE_MIN_VARIANTS:
        return True
    if pos >= PREFIX_TOKENS or len(idxs) < 2:
        return False
    # a line prefix (logger, thread, component) that differs: the same message from another
    # logger is the same message (and not "new" when stable logged it elsewhere). Only
    # name-like tokens qualify: "Connection refused" vs "Connection reset" must stay apart.
    return all(_name_like(members[i][1][pos]) for i in idxs)


def _name_like(token: str) -> bool:
    """A logger, thread or component name: dotted, bracketed or namespaced."""
    return "." in token or token[:1] in "[(" or "::" in token


def _merge(templates: list[Template]) -> list[Template]:
    groups: dict[tuple[Severity, str, str, int], list[_Member]] = {}
    for t in templates:
        tokens = t.text.split()  # whitespace runs (padded logger names) do not make a token
        groups.setdefault((t.severity, t.kind, t.signature, len(tokens)), []).append((t, tokens))
    out: list[Template] = []
    for members in groups.values():
        if len(members) < 2:
            out.extend(m[0] for m in members)
            continue
        taken: set[int] = set()
        width = len(members[0][1])
        half = width // 2
        # Two templates differing in one position agree on the other half of the line, so
        # positions of the right half are only tried among templates with the same left
        # half, and vice versa: a template that shares its half with nobody costs two dict
        # inserts instead of one key per position. (On the benchmark mix, where many lines
        # share a logger prefix, the pass still costs ~0.2 s per 24k raw templates.)
        for lo, hi, left in ((half, width, True), (0, half, False)):
            subgroups: dict[tuple[str, ...], list[int]] = {}
            for i, m in enumerate(members):
                if i not in taken:
                    part = m[1][:half] if left else m[1][half:]
                    subgroups.setdefault(tuple(part), []).append(i)
            for idxs in subgroups.values():
                if len(idxs) > 1:
                    _merge_positions(members, idxs, range(lo, hi), taken, out)
        out.extend(m[0] for i, m in enumerate(members) if i not in taken)
    return out


def _merge_positions(
    members: list[_Member], idxs: list[int], positions: range, taken: set[int], out: list[Template]
) -> None:
    # `idxs` agree on every token outside `positions` (the other half of the line), so the
    # tokens of this half without `pos` tell the same buckets as the whole line without it
    lo, hi = positions.start, positions.stop
    for pos in positions:
        free = [i for i in idxs if i not in taken]
        if len(free) < 2 or (pos >= PREFIX_TOKENS and len(free) < MERGE_MIN_VARIANTS):
            continue
        buckets: dict[tuple[str, ...], list[int]] = {}
        for i in free:
            tokens = members[i][1]
            buckets.setdefault((*tokens[lo:pos], *tokens[pos + 1 : hi]), []).append(i)
        for bucket in buckets.values():
            if len(bucket) > 1 and _qualifies(members, bucket, pos):
                out.append(_fold(members, bucket, pos))
                taken.update(bucket)


def _fold(members: list[_Member], idxs: list[int], pos: int) -> Template:
    head_tpl, head_tokens = members[idxs[0]][:2]
    merged = Template(
        text=" ".join((*head_tokens[:pos], WILDCARD, *head_tokens[pos + 1 :])),
        severity=head_tpl.severity,
        kind=head_tpl.kind,
        signature=head_tpl.signature,
        counts=[0] * len(head_tpl.counts),
        examples=[[] for _ in head_tpl.counts],
        http=head_tpl.http,
        merged=0,
        durations=[{} for _ in head_tpl.counts],
    )
    for i in idxs:
        t = members[i][0]
        merged.merged += t.merged
        merged.injection = merged.injection or t.injection
        merged.lexical = merged.lexical or t.lexical
        for side, n in enumerate(t.counts):
            merged.counts[side] += n
            if side < len(t.durations):
                hist = merged.durations[side]
                for b, k in t.durations[side].items():
                    hist[b] = hist.get(b, 0) + k
            room = MAX_EXAMPLES - len(merged.examples[side])
            merged.examples[side].extend(t.examples[side][:room])
    return merged
