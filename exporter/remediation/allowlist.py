"""Which repositories the follow-up may write to: parse a repo URL, match the allow-list.

The repository comes from untrusted places (an A2A request's `repoUrl`, a Rollout
annotation), while the token is ours; without an allow-list any AnalysisTemplate could aim
the service's token at any repository. Matching is on `owner/name` only (case-insensitive,
as GitHub treats them), exact or `owner/*`; the host is not trusted either way, the
configured API URL decides where requests go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# owner: GitHub user/org names; name: repository names (letters, digits, . _ -).
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"[A-Za-z0-9._-]{1,100}"
_FORMS = (
    re.compile(rf"^(?P<owner>{_OWNER})/(?P<name>{_NAME})$"),  # owner/name
    re.compile(  # https://host[/path-prefix]/owner/name[.git][/]
        rf"^(?:https?|git|ssh)://(?:[^@/\s]+@)?[^/\s]+/(?P<owner>{_OWNER})/(?P<name>{_NAME})/?$"
    ),
    re.compile(rf"^[\w.-]+@[^:/\s]+:(?P<owner>{_OWNER})/(?P<name>{_NAME})$"),  # git@host:o/n
)


@dataclass(frozen=True, slots=True)
class RepoRef:
    owner: str
    name: str

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


def parse_repo(repo_url: str) -> RepoRef | None:
    """`owner/name` from a GitHub URL, SSH remote or bare `owner/name`; None if not one."""
    text = repo_url.strip().rstrip("/")
    if text.endswith(".git"):
        text = text[:-4]
    for form in _FORMS:
        m = form.match(text)
        if m and m.group("name") not in (".", ".."):
            return RepoRef(m.group("owner"), m.group("name"))
    return None


class RepoAllowList:
    """Allow-list of `owner/name` and `owner/*` entries; empty means nothing is allowed."""

    def __init__(self, entries: Iterable[str]) -> None:
        self._exact: set[str] = set()
        self._owners: set[str] = set()
        for raw in entries:
            entry = raw.strip().lower()
            if not entry:
                continue
            owner, _, name = entry.partition("/")
            if name == "*":
                self._owners.add(owner)
            elif name:
                self._exact.add(entry)

    def __bool__(self) -> bool:
        return bool(self._exact or self._owners)

    def allows(self, repo: RepoRef) -> bool:
        return repo.full_name.lower() in self._exact or repo.owner.lower() in self._owners
