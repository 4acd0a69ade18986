"""`GitHubFollowUp`: the abort sink that files one GitHub issue (and maybe a PR) per revision.

Shaped so that it can never hurt the verdict: `on_result` never raises, refuses
repositories outside the allow-list before any request, runs PyGithub on its own small
thread pool (not the loop's default executor, which aiohttp also uses for DNS) and gives up
after an overall deadline. Callers that must not wait use `submit()`, which schedules the
follow-up as a background task; the outcome is counted in `outcomes` (plain ints the service
wires to Prometheus) and the issue/PR links become available through `links()`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from exporter.config import Settings
from exporter.model import AnalysisResult, Target, Verdict
from exporter.remediation import issue_body
from exporter.remediation.allowlist import RepoAllowList, parse_repo
from exporter.remediation.github_client import ClientOptions, GitHubClient, SyncOutcome

log = logging.getLogger(__name__)

OutcomeStatus = str  # see FollowUpOutcome.status


@dataclass(frozen=True, slots=True)
class FollowUpOutcome:
    """What the follow-up did for one result.

    status: `skipped` (not an abort, or no repository), `disabled` (no token or empty
    allow-list), `refused` (repository not allow-listed or not a GitHub repository),
    `coalesced` (a follow-up of the same revision is still running), `issue_created`,
    `commented` (root cause changed), `unchanged` (issue exists, nothing new), or `error`
    (GitHub failed; `detail` says how).
    """

    status: OutcomeStatus
    issue_url: str = ""
    pr_url: str = ""
    pr_created: bool = False
    detail: str = ""


class GitHubFollowUp:
    """Files the follow-up of aborted canaries in allow-listed GitHub repositories.

    `outcomes` counts statuses (plus `pr_created`); the service exports it.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        seconds_between_requests: float | None = 0.25,
        seconds_between_writes: float | None = 1.0,
        retries: int = 3,
        retry_backoff: float = 1.0,
        max_rate_limit_wait: float = 60.0,
        request_timeout: int = 15,
        budget_seconds: float = 180.0,
        max_workers: int = 2,
    ) -> None:
        token = settings.github_token.get_secret_value() if settings.github_token else None
        self._token_set = bool(token)
        self._allow = RepoAllowList(settings.github_repos)
        self._pr_enabled = settings.github_pr_enabled
        self._budget = budget_seconds
        self._client = GitHubClient(
            ClientOptions(
                api_url=settings.github_api_url,
                token=token,
                seconds_between_requests=seconds_between_requests,
                seconds_between_writes=seconds_between_writes,
                retries=retries,
                retry_backoff=retry_backoff,
                max_rate_limit_wait=max_rate_limit_wait,
                timeout=request_timeout,
            )
        )
        self._executor = ThreadPoolExecutor(max_workers, thread_name_prefix="github-followup")
        self._tasks: set[asyncio.Task[FollowUpOutcome]] = set()
        # the thread jobs, also past their deadline, one per revision at a time: every
        # abort of a revision asks for a follow-up, so while GitHub hangs an uncoalesced
        # queue grows by one job per scoring and takes minutes to drain once GitHub is back
        # (the later aborts retry anyway)
        self._running: dict[tuple[str, str, str], asyncio.Future[SyncOutcome]] = {}
        self._links: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.outcomes: Counter[str] = Counter()

    @property
    def enabled(self) -> bool:
        return self._token_set and bool(self._allow)

    def links(self, target: Target) -> tuple[str, str]:
        """(issue URL, PR URL) filed for this revision so far, '' where none."""
        return self._links.get(target.key, ("", ""))

    def submit(self, result: AnalysisResult) -> asyncio.Task[FollowUpOutcome] | None:
        """Schedule `on_result` in the background (for callers that must not wait)."""
        if result.verdict is not Verdict.ABORT or not result.target.repo_url:
            return None
        task = asyncio.get_running_loop().create_task(self.on_result(result))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def aclose(self, grace_seconds: float = 10.0) -> None:
        """Wait a little for background follow-ups (and threads past their deadline), then
        stop the worker threads."""
        pending: set[asyncio.Future[Any]] = {*self._tasks, *self._running.values()}
        if pending:
            await asyncio.wait(pending, timeout=grace_seconds)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _job_done(self, key: tuple[str, str, str], job: asyncio.Future[SyncOutcome]) -> None:
        self._running.pop(key, None)
        if not job.cancelled():
            job.exception()  # mark it retrieved: a job past its deadline must not warn later

    async def on_result(self, result: AnalysisResult) -> FollowUpOutcome:
        """File or update the follow-up for an abort; never raises."""
        try:
            outcome = await self._on_result(result)
        except Exception as exc:  # a sink must never break the caller
            log.exception("GitHub follow-up failed unexpectedly")
            outcome = FollowUpOutcome("error", detail=type(exc).__name__)
        self.outcomes[outcome.status] += 1
        if outcome.pr_created:
            self.outcomes["pr_created"] += 1
        if outcome.status != "error" and outcome.detail.startswith("PR failed"):
            self.outcomes["pr_error"] += 1
        if outcome.issue_url or outcome.pr_url:
            self._links[result.target.key] = (outcome.issue_url, outcome.pr_url)
            result.issue_link = outcome.issue_url
            result.pr_link = outcome.pr_url
        return outcome

    async def _on_result(self, result: AnalysisResult) -> FollowUpOutcome:
        target = result.target
        if result.verdict is not Verdict.ABORT or not target.repo_url:
            return FollowUpOutcome("skipped")
        where = issue_body.revision_key(target)
        if not self.enabled:
            log.debug("GitHub follow-up disabled (no GITHUB_TOKEN or empty allow-list)")
            return FollowUpOutcome("disabled")
        repo = parse_repo(target.repo_url)
        if repo is None or not self._allow.allows(repo):
            shown = repo.full_name if repo else target.repo_url[:200]
            log.warning(
                "GitHub follow-up refused for %s: repository %r is not in the allow-list "
                "(AI_CANARY_GITHUB_REPOS)",
                where,
                shown,
            )
            return FollowUpOutcome("refused", detail=f"repository {shown} not allow-listed")
        key = target.key
        if key in self._running:
            return FollowUpOutcome(
                "coalesced", detail="a follow-up of this revision is still running"
            )
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(
            self._executor,
            lambda: self._client.follow_up(repo, result, open_pr=self._pr_enabled),
        )
        self._running[key] = job
        job.add_done_callback(lambda done: self._job_done(key, done))
        try:
            done: SyncOutcome = await asyncio.wait_for(asyncio.shield(job), self._budget)
        except TimeoutError:
            log.warning("GitHub follow-up for %s gave up after %.0fs", where, self._budget)
            return FollowUpOutcome("error", detail="deadline exceeded")
        except Exception as exc:
            detail = _describe(exc)
            log.warning("GitHub follow-up for %s failed: %s", where, detail)
            return FollowUpOutcome("error", detail=detail)
        return FollowUpOutcome(
            done.status, done.issue_url, done.pr_url, done.pr_created, done.pr_error
        )


def _describe(exc: BaseException) -> str:
    """A short, secret-free reason: the HTTP status and GitHub's message when there is one."""
    status = getattr(exc, "status", None)
    message = getattr(exc, "message", None)
    if status is not None:
        return f"GitHub answered {status}" + (f": {message}" if message else "")
    return f"{type(exc).__name__}: {str(exc)[:200]}"
