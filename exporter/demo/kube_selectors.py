"""Kubernetes label and field selector semantics, for the fake API server.

The fake must filter exactly as the API server does, or tests would pass against a
selector the real cluster reads differently: `a=b`/`a==b`, `a!=b` (also matches objects
without the label), `a in (x,y)`, `a notin (x)` (likewise), `a` and `!a`; clauses are
ANDed and commas inside parentheses do not split. Field selectors support `=`, `==`, `!=`
on dotted paths. Invalid input raises ValueError, which the fake answers with a 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_KEY = r"[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?"
_VALUE = r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
_SET_RE = re.compile(rf"^\s*({_KEY})\s+(in|notin)\s*\(([^)]*)\)\s*$")
_EQ_RE = re.compile(rf"^\s*({_KEY})\s*(==|=|!=)\s*({_VALUE})\s*$")
_EXISTS_RE = re.compile(rf"^\s*(!?)\s*({_KEY})\s*$")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One clause of a label selector."""

    key: str
    op: str  # "=", "!=", "in", "notin", "exists", "!"
    values: frozenset[str] = frozenset()

    def matches(self, labels: Mapping[str, str]) -> bool:
        present = self.key in labels
        value = labels.get(self.key)
        if self.op == "=":
            return present and value in self.values
        if self.op == "in":
            return present and value in self.values
        if self.op in ("!=", "notin"):
            # Kubernetes: `a!=b` and `a notin (b)` also match objects without the label.
            return not present or value not in self.values
        if self.op == "exists":
            return present
        return not present  # "!"


def _split_clauses(selector: str) -> list[str]:
    """Split on commas that are not inside `( … )`."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(selector):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    parts.append(selector[start:])
    return [p for p in (part.strip() for part in parts) if p]


def parse_label_selector(selector: str | None) -> list[Requirement]:
    """Parse a label selector string; raises ValueError like the API server's 400."""
    reqs: list[Requirement] = []
    for clause in _split_clauses(selector or ""):
        if m := _SET_RE.match(clause):
            values = frozenset(v.strip() for v in m.group(4).split(",") if v.strip())
            reqs.append(Requirement(m.group(1), m.group(3), values))
        elif m := _EQ_RE.match(clause):
            op = "!=" if m.group(3) == "!=" else "="
            reqs.append(Requirement(m.group(1), op, frozenset({m.group(4)})))
        elif m := _EXISTS_RE.match(clause):
            reqs.append(Requirement(m.group(2), "!" if m.group(1) else "exists"))
        else:
            raise ValueError(f"unable to parse requirement: {clause!r}")
    return reqs


def label_selector_matches(selector: str | None, labels: Mapping[str, str]) -> bool:
    return all(r.matches(labels) for r in parse_label_selector(selector))


def _field(obj: Mapping[str, Any], path: str) -> str:
    cur: Any = obj
    for part in path.split("."):
        cur = cur.get(part) if isinstance(cur, dict) else None
    return "" if cur is None else str(cur)


def field_selector_matches(selector: str | None, obj: Mapping[str, Any]) -> bool:
    """Field selectors: `a.b=c`, `a.b==c`, `a.b!=c`, comma-joined (ANDed)."""
    for clause in _split_clauses(selector or ""):
        m = re.match(r"^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$", clause)
        if m is None:
            raise ValueError(f"invalid field selector: {clause!r}")
        path, op, want = m.group(1), m.group(2), m.group(3).strip()
        got = _field(obj, path)
        if (got == want) != (op != "!="):
            return False
    return True
