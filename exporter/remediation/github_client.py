"""The synchronous PyGithub side of the follow-up: find or file the issue, comment, open the PR.

PyGithub is blocking (requests), so everything here runs in a worker thread owned by
`GitHubFollowUp`; nothing here touches the event loop. One call handles one abort of one
canary revision and is serialised per revision by a thread lock, so two concurrent aborts of
the same revision cannot both decide "no issue yet" and file two.

Finding the issue again: open and closed issues carrying our label are listed newest first
and their bodies searched for the revision's hidden marker (listing is consistent right
after a write; the search API is indexed with a delay and would miss a just-filed issue).
What was learned is remembered per revision, so an unchanged repeat abort costs no request.

Retries: PyGithub's own `GithubRetry` (urllib3) retries 5xx and rate-limit 403s; it is
bounded here (few attempts, a cap on how long a rate-limit reset may be waited for) so a
GitHub outage costs a bounded amount of time, and the caller adds an overall deadline.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field

from github import Auth, Github, GithubException, GithubRetry
from github.Issue import Issue
from github.Repository import Repository

from exporter.digest.redact import redact
from exporter.model import AnalysisResult, FileChange
from exporter.remediation import issue_body as text
from exporter.remediation.allowlist import RepoRef

log = logging.getLogger(__name__)

MAX_ISSUES_SCANNED = 300
MAX_SEARCH_RESULTS = 30
MAX_FILE_CHANGES = 10
MAX_FILE_BYTES = 256 * 1024
MAX_PR_ATTEMPTS = 3


@dataclass(slots=True)
class ClientOptions:
    """How hard to try: PyGithub's throttling and retries, bounded."""

    api_url: str = "https://api.github.com"
    token: str | None = None
    seconds_between_requests: float | None = 0.25  # PyGithub's defaults
    seconds_between_writes: float | None = 1.0
    retries: int = 3
    retry_backoff: float = 1.0  # urllib3 backoff_factor: 0s, 2s, 4s, …
    max_rate_limit_wait: float = 60.0  # longer rate-limit resets fail instead of waiting
    timeout: int = 15  # per HTTP request


@dataclass(slots=True)
class Known:
    """What is known about one revision's follow-up (to skip requests on repeat aborts)."""

    issue_number: int
    issue_url: str
    fingerprints: set[str] = field(default_factory=set)  # root causes already reported
    commented: bool = False  # the one follow-up comment was posted
    pr_url: str = ""
    pr_attempts: int = 0  # failed PR attempts; stop trying after MAX_PR_ATTEMPTS


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    status: str  # issue_created | commented | unchanged
    issue_url: str
    pr_url: str = ""
    pr_created: bool = False
    pr_error: str = ""  # the PR failed although the issue is fine


def _safe_path(path: str) -> str | None:
    """A repository-relative file path a model may change, or None.

    Model output is untrusted: no absolute paths, no `..`, nothing under `.git/` or
    `.github/` (workflows would run with repository secrets).
    """
    p = path.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    if not p or p.startswith("/") or len(p) > 300 or "\x00" in p:
        return None
    parts = p.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    if parts[0].lower() in (".git", ".github"):
        return None
    return p


def branch_name(result: AnalysisResult) -> str:
    t = result.target
    raw = f"ai-canary/{t.namespace}-{t.rollout}-{t.canary_hash}"
    return re.sub(r"[^A-Za-z0-9._/-]", "-", raw)[:200]


class GitHubClient:
    """Blocking follow-up logic over PyGithub; call from a worker thread only."""

    def __init__(self, options: ClientOptions) -> None:
        self._options = options
        self._guard = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self.known: dict[tuple[str, str], Known] = {}

    def _github(self) -> Github:
        o = self._options
        retry = GithubRetry(
            total=o.retries,
            backoff_factor=o.retry_backoff,
            secondary_rate_wait=min(60.0, o.max_rate_limit_wait),
            max_rate_limit_wait=o.max_rate_limit_wait,
        )
        return Github(
            auth=Auth.Token(o.token) if o.token else None,
            base_url=o.api_url.rstrip("/"),
            timeout=o.timeout,
            retry=retry,
            per_page=100,
            seconds_between_requests=o.seconds_between_requests,
            seconds_between_writes=o.seconds_between_writes,
        )

    def _lock(self, key: tuple[str, str]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def follow_up(self, repo_ref: RepoRef, result: AnalysisResult, *, open_pr: bool) -> SyncOutcome:
        key = (repo_ref.full_name.lower(), text.revision_key(result.target))
        with self._lock(key):
            return self._follow_up(key, repo_ref, result, open_pr)

    def _follow_up(
        self, key: tuple[str, str], repo_ref: RepoRef, result: AnalysisResult, open_pr: bool
    ) -> SyncOutcome:
        fingerprint = text.root_cause_fingerprint(result)
        wants_pr = open_pr and bool(result.file_changes)
        known = self.known.get(key)
        if (
            known is not None
            and (fingerprint in known.fingerprints or known.commented)
            and (known.pr_url or not wants_pr or known.pr_attempts >= MAX_PR_ATTEMPTS)
        ):
            return SyncOutcome("unchanged", known.issue_url, known.pr_url)
        with self._github() as gh:  # closes its HTTP session
            return self._act(gh, key, repo_ref, result, wants_pr)

    def _act(
        self,
        gh: Github,
        key: tuple[str, str],
        repo_ref: RepoRef,
        result: AnalysisResult,
        wants_pr: bool,
    ) -> SyncOutcome:
        fingerprint = text.root_cause_fingerprint(result)
        known = self.known.get(key)
        repo = gh.get_repo(repo_ref.full_name)
        status = "unchanged"
        if known is None:
            issue = self._find_issue(gh, repo, result)
            if issue is None:
                issue = repo.create_issue(
                    title=text.issue_title(result),
                    body=text.issue_body(result),
                    labels=[text.LABEL],
                )
                status = "issue_created"
                log.info(
                    "GitHub follow-up: opened %s for %s",
                    issue.html_url,
                    text.revision_key(result.target),
                )
            known = Known(issue.number, issue.html_url)
            known.fingerprints.add(text.fingerprint_in(issue.body or "") or fingerprint)
            known.commented = any(
                text.is_followup_comment(c.body or "", result.target) for c in issue.get_comments()
            )
            self.known[key] = known
        if fingerprint not in known.fingerprints and not known.commented:
            repo.get_issue(known.issue_number).create_comment(text.followup_comment(result))
            known.commented = True
            known.fingerprints.add(fingerprint)
            status = "commented"
            log.info("GitHub follow-up: root cause changed, commented on %s", known.issue_url)
        pr_created, pr_error = False, ""
        if wants_pr and not known.pr_url and known.pr_attempts < MAX_PR_ATTEMPTS:
            # the issue stands on its own: a PR failure (e.g. no Contents permission) is
            # reported beside it and retried on a few later aborts, not every minute forever
            try:
                known.pr_url, pr_created = self._pull_request(repo, result, known.issue_number)
            except GithubException as exc:
                known.pr_attempts += 1
                pr_error = f"PR failed: GitHub answered {exc.status}: {exc.message or ''}"
                log.warning("GitHub follow-up for %s: %s", known.issue_url, pr_error)
        return SyncOutcome(status, known.issue_url, known.pr_url, pr_created, pr_error)

    def _find_issue(self, gh: Github, repo: Repository, result: AnalysisResult) -> Issue | None:
        wanted = text.marker(result.target)
        issues = repo.get_issues(state="all", labels=[text.LABEL], sort="created", direction="desc")
        for n, issue in enumerate(issues):
            if n >= MAX_ISSUES_SCANNED:
                break
            # body first: `pull_request` is absent from real listings and costs a GET
            if wanted in (issue.body or "") and issue.pull_request is None:
                return issue
        # GitHub silently drops the labels of an issue opened by a token without push
        # access; such an issue is found by the revision in its title (search is indexed
        # with a delay, but this process remembers what it filed itself)
        query = f'"{result.target.canary_hash}" in:title is:issue'
        try:
            for n, found in enumerate(gh.search_issues(query, repo=repo.full_name)):
                if n >= MAX_SEARCH_RESULTS:
                    break
                if wanted in (found.body or ""):
                    return found
        except GithubException as exc:  # search has its own, tighter rate limit
            log.info("GitHub follow-up: issue search failed (%s); listing only", exc.status)
        return None

    def _pull_request(
        self, repo: Repository, result: AnalysisResult, issue_number: int
    ) -> tuple[str, bool]:
        """Branch from the base, commit the proposed files, open (or find) the PR."""
        branch = branch_name(result)
        base = result.target.base_branch or repo.default_branch
        existing = repo.get_pulls(state="all", head=f"{repo.owner.login}:{branch}")
        for pr in existing:
            return pr.html_url, False
        changes = [c for c in result.file_changes[:MAX_FILE_CHANGES] if _safe_path(c.path)]
        if not changes:
            log.warning("GitHub follow-up: no acceptable file change proposed; no PR opened")
            return "", False
        base_sha = repo.get_branch(base).commit.sha
        try:
            repo.create_git_ref(ref=f"refs/heads/{branch}", sha=base_sha)
        except GithubException as exc:
            if exc.status != 422:  # 422: the branch exists from an earlier, interrupted try
                raise
        for change in changes:
            self._commit_file(repo, result, change, branch)
        pr = repo.create_pull(
            base=base,
            head=branch,
            title=text.pr_title(result),
            body=text.pr_body(result, issue_number),
        )
        log.info("GitHub follow-up: opened %s on branch %s", pr.html_url, branch)
        return pr.html_url, True

    def _commit_file(
        self, repo: Repository, result: AnalysisResult, change: FileChange, branch: str
    ) -> None:
        path = _safe_path(change.path)
        if path is None:
            return
        content = redact(change.content)[0]
        if len(content.encode()) > MAX_FILE_BYTES:
            log.warning("GitHub follow-up: proposed %s is too large; skipped", path)
            return
        message = text.commit_message(result, path)
        try:
            current = repo.get_contents(path, ref=branch)
        except GithubException as exc:
            if exc.status != 404:
                raise
            repo.create_file(path, message, content, branch=branch)
            return
        if isinstance(current, list):
            log.warning("GitHub follow-up: proposed path %s is a directory; skipped", path)
            return
        repo.update_file(path, message, content, current.sha, branch=branch)
