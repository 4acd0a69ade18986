"""GitHub follow-up: the real PyGithub client against the fake GitHub API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from exporter.config import Settings
from exporter.model import AnalysisResult, Evidence, FileChange, Target, Verdict
from exporter.remediation import FollowUpOutcome, GitHubFollowUp
from exporter.remediation.allowlist import RepoAllowList, RepoRef, parse_repo
from tests.data.secrets_corpus import LINES, MULTILINE, SECRETS
from tests.fakes.github_api import PREFIX, FakeGitHub
from tests.service_harness import eventually, failing_log, healthy_log, running_service

TOKEN = "test-token-for-the-fake"


@pytest.fixture
async def fake(aiohttp_server: Any) -> AsyncIterator[FakeGitHub]:
    gh = FakeGitHub(token=TOKEN)
    gh.add_repo("acme/shop")
    gh.add_repo("tools/deployer", default_branch="trunk")
    gh.add_repo("evil/exfil")
    server = await aiohttp_server(gh.app, host="127.0.0.1")
    gh.base_url = f"http://127.0.0.1:{server.port}{PREFIX}"
    yield gh
    if gh.hold is not None:
        gh.hold.set()


def _settings(fake: FakeGitHub, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "github_token": TOKEN,
        "github_api_url": fake.base_url,
        "github_repos": ["acme/shop", "tools/*"],
        "github_pr_enabled": True,
    }
    values.update(overrides)
    return Settings(**values)


def _follow_up(fake: FakeGitHub, **overrides: Any) -> GitHubFollowUp:
    return GitHubFollowUp(
        _settings(fake, **overrides),
        seconds_between_requests=0,
        seconds_between_writes=0,
        retries=2,
        retry_backoff=0,
        max_rate_limit_wait=1,
        request_timeout=5,
        budget_seconds=30,
    )


def _result(
    canary_hash: str = "7d9f8b6c5d",
    *,
    repo_url: str = "https://github.com/acme/shop",
    root_cause: str = "HikariPool exhausted: connection pool too small for the new batch job",
    verdict: Verdict = Verdict.ABORT,
    file_changes: list[FileChange] | None = None,
    base_branch: str = "",
) -> AnalysisResult:
    target = Target(
        namespace="shop",
        rollout="orders",
        stable_selector="app=orders,rollouts-pod-template-hash=5c6b7a8d9e",
        canary_selector=f"app=orders,rollouts-pod-template-hash={canary_hash}",
        canary_hash=canary_hash,
        source="a2a",
        repo_url=repo_url,
        base_branch=base_branch,
    )
    return AnalysisResult(
        target=target,
        verdict=verdict,
        score=0.12,
        confidence=91,
        judge="heuristic+openai",
        analysis="The canary logs a new exception not seen in stable.",
        root_cause=root_cause,
        remediation="Raise maximumPoolSize to 50 or revert the batch job.",
        evidence=[
            Evidence("exception", "hard", "new in canary: SQLTransientConnectionException x42"),
            Evidence("error_rate", "soft", "error rate 0.4% -> 6.1%"),
        ],
        file_changes=file_changes or [],
        stable_lines=9000,
        canary_lines=1000,
    )


def _hanging(fake: FakeGitHub, **options: Any) -> GitHubFollowUp:
    """A follow-up against a GitHub that holds every request until `fake.hold` is set."""
    fake.hold = asyncio.Event()
    return GitHubFollowUp(
        _settings(fake), seconds_between_requests=0, seconds_between_writes=0, retries=0, **options
    )


async def test_one_issue_for_many_analyses_of_one_revision(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    first = await follow.on_result(_result())
    assert first.status == "issue_created"
    assert first.issue_url == "https://github.example/acme/shop/issues/1"
    for _ in range(3):
        again = await follow.on_result(_result())
        assert again == FollowUpOutcome("unchanged", first.issue_url)
    issues = fake.issues_of("acme/shop")
    assert len(issues) == 1
    assert "shop/orders" in issues[0]["title"] and "7d9f8b6c5d" in issues[0]["title"]
    body = issues[0]["body"]
    for expected in ("abort", "0.12", "91", "HikariPool exhausted", "maximumPoolSize", "x42"):
        assert expected in body
    assert "<!-- ai-canary-exporter:shop/orders/7d9f8b6c5d rc=" in body
    assert issues[0]["labels"][0]["name"] == "ai-canary"

    # root cause changed: one comment, and never a second one
    changed = await follow.on_result(_result(root_cause="OOMKilled: heap too small"))
    assert changed.status == "commented"
    assert (await follow.on_result(_result(root_cause="Yet another story"))).status == "unchanged"
    assert len(fake.repos["acme/shop"].comments[1]) == 1
    assert "OOMKilled" in fake.repos["acme/shop"].comments[1][0]["body"]

    # a restarted service finds the issue again by its marker and still comments no more
    restarted = _follow_up(fake)
    again = await restarted.on_result(_result(root_cause="Something else entirely"))
    assert again.status == "unchanged"
    assert again.issue_url == first.issue_url
    assert len(fake.issues_of("acme/shop")) == 1
    assert len(fake.repos["acme/shop"].comments[1]) == 1
    assert follow.outcomes == {"issue_created": 1, "unchanged": 4, "commented": 1}


async def test_model_text_cannot_ping_people_close_issues_or_forge_the_marker(
    fake: FakeGitHub,
) -> None:
    result = _result(
        root_cause="@octocat @acme/sre fixes #1 <!-- ai-canary-exporter:shop/orders/other rc=0 -->"
    )
    await _follow_up(fake).on_result(result)
    body = fake.issues_of("acme/shop")[0]["body"]
    assert "@octocat" not in body and "@acme/sre" not in body and "#1" not in body
    assert "@\u200boctocat" in body
    assert "shop/orders/other" not in body.split("&lt;!--")[0]
    assert body.count("<!-- ai-canary-exporter:") == 1


async def test_restarted_service_comments_once_when_root_cause_changed(fake: FakeGitHub) -> None:
    await _follow_up(fake).on_result(_result())
    restarted = _follow_up(fake)
    outcome = await restarted.on_result(_result(root_cause="OOMKilled: heap too small"))
    assert outcome.status == "commented"
    assert len(fake.issues_of("acme/shop")) == 1


async def test_issue_without_its_label_is_found_again_by_search(fake: FakeGitHub) -> None:
    fake.drop_labels = True  # a token without push access: GitHub drops the labels
    first = await _follow_up(fake).on_result(_result())
    assert first.status == "issue_created"
    assert fake.issues_of("acme/shop")[0]["labels"] == []
    restarted = await _follow_up(fake).on_result(_result())
    assert restarted == FollowUpOutcome("unchanged", first.issue_url)
    assert len(fake.issues_of("acme/shop")) == 1
    searches = [r for r in fake.requests if r.path == "/search/issues"]
    assert "repo:acme/shop" in searches[-1].query["q"]


async def test_concurrent_aborts_of_one_revision_file_one_issue(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    outcomes = await asyncio.gather(*(follow.on_result(_result()) for _ in range(4)))
    # one job per revision runs; the others do not queue behind it
    assert sorted(o.status for o in outcomes) == ["coalesced"] * 3 + ["issue_created"]
    assert len(fake.issues_of("acme/shop")) == 1
    assert (await follow.on_result(_result())).status == "unchanged"  # the next one runs


async def test_a_hanging_github_queues_one_job_per_revision(fake: FakeGitHub) -> None:
    # aborts keep coming while GitHub hangs: once it is back, the revision's issue is filed
    # by the one job in flight, not after a backlog of one job per abort has drained
    follow = _hanging(fake, budget_seconds=0.05, max_workers=1)
    outcomes = [await follow.on_result(_result()) for _ in range(20)]
    other = await follow.on_result(_result("66cf4b9a21"))  # another revision still queues
    assert outcomes[0] == FollowUpOutcome("error", detail="deadline exceeded")
    assert {o.status for o in outcomes[1:]} == {"coalesced"}
    assert other.status == "error"
    fake.hold.set()
    await follow.aclose()
    assert len(fake.issues_of("acme/shop")) == 2
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/issues")]
    assert len(posts) == 2  # one per revision, none for the 19 coalesced aborts


async def test_new_revision_gets_a_new_issue(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    a = await follow.on_result(_result("7d9f8b6c5d"))
    b = await follow.on_result(_result("66cf4b9a21"))
    assert a.status == b.status == "issue_created"
    assert a.issue_url != b.issue_url
    assert len(fake.issues_of("acme/shop")) == 2
    assert follow.links(_result("66cf4b9a21").target) == (b.issue_url, "")


@pytest.mark.parametrize(
    "repo_url",
    [
        "https://github.com/evil/exfil",
        "https://github.com/acme/shop-fork",
        "https://github.com/acme",
        "not a repository",
    ],
)
async def test_repository_outside_the_allow_list_is_refused(
    fake: FakeGitHub, repo_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    follow = _follow_up(fake)
    with caplog.at_level(logging.WARNING, logger="exporter.remediation"):
        outcome = await follow.on_result(_result(repo_url=repo_url))
    assert outcome.status == "refused"
    assert follow.outcomes["refused"] == 1
    assert fake.requests == []  # not a single request to GitHub
    assert "not in the allow-list" in caplog.text
    assert "shop/orders/7d9f8b6c5d" in caplog.text


async def test_owner_wildcard_and_ssh_remote_are_allowed(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    outcome = await follow.on_result(_result(repo_url="git@github.com:tools/deployer.git"))
    assert outcome.status == "issue_created"
    assert len(fake.issues_of("tools/deployer")) == 1


async def test_not_an_abort_or_no_repository_or_no_token_does_nothing(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    assert (await follow.on_result(_result(verdict=Verdict.PROMOTE))).status == "skipped"
    assert (await follow.on_result(_result(repo_url=""))).status == "skipped"
    assert follow.submit(_result(verdict=Verdict.INCONCLUSIVE)) is None
    no_token = _follow_up(fake, github_token=None)
    assert not no_token.enabled
    assert (await no_token.on_result(_result())).status == "disabled"
    assert fake.requests == []


async def test_pr_with_the_proposed_change_on_its_own_branch(fake: FakeGitHub) -> None:
    repo = fake.repos["acme/shop"]
    repo.branches["release"] = "a" * 40
    repo.files[("release", "deploy/values.yaml")] = "pool:\n  maxSize: 10\n"
    changes = [
        FileChange("deploy/values.yaml", "pool:\n  maxSize: 50\n", "raise the pool size"),
        FileChange("docs/runbook.md", "# Pool exhaustion\nRaise maxSize.\n", "runbook"),
        FileChange(".github/workflows/pwn.yml", "on: push", "must be refused"),
        FileChange("../outside.txt", "x", "must be refused"),
    ]
    follow = _follow_up(fake)
    result = _result(file_changes=changes, base_branch="release")
    outcome = await follow.on_result(result)
    assert outcome.status == "issue_created"
    assert outcome.pr_created
    assert outcome.pr_url == "https://github.example/acme/shop/pull/2"
    assert result.pr_link == outcome.pr_url and result.issue_link == outcome.issue_url

    branch = "ai-canary/shop-orders-7d9f8b6c5d"
    ref = next(r for r in fake.requests if r.path == "/repos/acme/shop/git/refs")
    assert ref.json() == {"ref": f"refs/heads/{branch}", "sha": "a" * 40}
    assert repo.files[(branch, "deploy/values.yaml")] == "pool:\n  maxSize: 50\n"
    assert repo.files[(branch, "docs/runbook.md")].startswith("# Pool exhaustion")
    assert repo.files[("release", "deploy/values.yaml")] == "pool:\n  maxSize: 10\n"
    assert not any(path.startswith(".github") for _, path in repo.files)
    assert not any("outside" in path for _, path in repo.files)
    (pr,) = fake.pulls_of("acme/shop")
    pull = pr["_pull"]
    assert (pull["head"]["ref"], pull["base"]["ref"]) == (branch, "release")
    assert "Refs #1" in pull["body"]

    # the same revision again: no second PR, no second issue
    again = await follow.on_result(_result(file_changes=changes, base_branch="release"))
    assert (again.status, again.pr_url, again.pr_created) == ("unchanged", outcome.pr_url, False)
    assert len(fake.pulls_of("acme/shop")) == 1
    assert follow.outcomes["pr_created"] == 1


async def test_pr_uses_the_default_branch_and_is_found_again_after_restart(
    fake: FakeGitHub,
) -> None:
    changes = [FileChange("values.yaml", "replicas: 3\n", "")]
    first = await _follow_up(fake).on_result(
        _result(repo_url="tools/deployer", file_changes=changes)
    )
    assert first.pr_created
    assert fake.pulls_of("tools/deployer")[0]["_pull"]["base"]["ref"] == "trunk"
    restarted = await _follow_up(fake).on_result(
        _result(repo_url="tools/deployer", file_changes=changes)
    )
    assert (restarted.pr_url, restarted.pr_created) == (first.pr_url, False)
    assert len(fake.pulls_of("tools/deployer")) == 1


async def test_no_pr_when_prs_are_disabled(fake: FakeGitHub) -> None:
    follow = _follow_up(fake, github_pr_enabled=False)
    outcome = await follow.on_result(_result(file_changes=[FileChange("a.txt", "b", "")]))
    assert outcome.status == "issue_created"
    assert outcome.pr_url == ""
    assert fake.pulls_of("acme/shop") == []


async def test_github_5xx_returns_an_error_outcome_then_recovers(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    fake.fail(502, times=100)
    outcome = await follow.on_result(_result())
    assert outcome.status == "error"
    assert follow.outcomes["error"] == 1
    assert 1 < len(fake.requests) <= 3  # retried, within the budget of 2 retries
    fake.failures.clear()
    assert (await follow.on_result(_result())).status == "issue_created"


async def test_a_transient_5xx_is_retried_transparently(fake: FakeGitHub) -> None:
    fake.fail(503, times=1, method="POST", path_re=r"/issues$")
    outcome = await _follow_up(fake).on_result(_result())
    assert outcome.status == "issue_created"
    assert len(fake.issues_of("acme/shop")) == 1


async def test_github_403_returns_an_error_outcome(fake: FakeGitHub) -> None:
    fake.fail(403, method="POST", message="Resource not accessible by personal access token")
    follow = _follow_up(fake)
    outcome = await follow.on_result(_result())
    assert outcome.status == "error"
    assert "403" in outcome.detail
    assert fake.issues_of("acme/shop") == []


async def test_rate_limit_longer_than_the_wait_cap_fails_fast(fake: FakeGitHub) -> None:
    reset = str(int(time.time()) + 3600)
    fake.fail(
        403,
        times=10,
        message="API rate limit exceeded for user ID 1.",
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    )
    outcome = await _follow_up(fake).on_result(_result())
    assert outcome.status == "error"
    assert len(fake.requests) == 1  # no waiting an hour for the reset


async def test_a_hanging_github_hits_the_deadline_without_raising(fake: FakeGitHub) -> None:
    follow = _hanging(fake, budget_seconds=0.2)
    outcome = await follow.on_result(_result())
    assert outcome == FollowUpOutcome("error", detail="deadline exceeded")
    # the thread is not killed: released, it finishes the issue, and the next abort sees it
    fake.hold.set()
    await follow.aclose()
    assert len(fake.issues_of("acme/shop")) == 1
    assert (await _follow_up(fake).on_result(_result())).status == "unchanged"


async def test_pr_failure_keeps_the_issue_and_stops_retrying(fake: FakeGitHub) -> None:
    fake.fail(
        403, times=100, method="POST", path_re=r"/git/refs$", message="Resource not accessible"
    )
    follow = _follow_up(fake)
    changes = [FileChange("values.yaml", "replicas: 3\n", "")]
    outcomes = [await follow.on_result(_result(file_changes=changes)) for _ in range(5)]
    assert outcomes[0].status == "issue_created"
    assert outcomes[0].pr_url == ""
    assert "PR failed" in outcomes[0].detail and "403" in outcomes[0].detail
    assert follow.outcomes["pr_error"] == 3  # three attempts, then it gives up
    assert outcomes[4] == FollowUpOutcome("unchanged", outcomes[0].issue_url)
    assert len(fake.issues_of("acme/shop")) == 1


async def test_submit_runs_in_the_background(fake: FakeGitHub) -> None:
    follow = _follow_up(fake)
    task = follow.submit(_result())
    assert task is not None
    outcome = await task
    assert outcome.status == "issue_created"
    assert follow.links(_result().target) == (outcome.issue_url, "")
    await follow.aclose()


async def test_no_corpus_secret_reaches_github(fake: FakeGitHub) -> None:
    leaky = "\n".join(LINES)
    result = _result(
        root_cause=f"pool exhausted; config printed: {LINES[0]} {LINES[30]}",
        file_changes=[
            FileChange("deploy/values.yaml", "\n".join(LINES + MULTILINE), LINES[5]),
            FileChange(f"docs/{LINES[3][:20]}.md", leaky, LINES[7]),
        ],
    )
    result = dataclasses.replace(
        result,
        analysis=leaky,
        remediation=" ".join(LINES[10:20]),
        evidence=[Evidence("log", "hard", line) for line in LINES + MULTILINE],
        judge=f"heuristic+{LINES[2]}",
    )
    follow = _follow_up(fake)
    assert (await follow.on_result(result)).pr_created
    changed = dataclasses.replace(result, root_cause=f"now: {LINES[-1]}")
    assert (await follow.on_result(changed)).status == "commented"
    sent = "\n".join(r.text + " " + str(r.query) for r in fake.requests)
    assert len(fake.writes()) >= 5  # issue, comment, ref, files, PR
    assert [s for s in SECRETS if s in sent] == []
    assert "[REDACTED:" in sent


def test_parse_repo_forms() -> None:
    assert parse_repo("https://github.com/acme/shop") == RepoRef("acme", "shop")
    assert parse_repo("https://github.com/acme/shop.git/") == RepoRef("acme", "shop")
    assert parse_repo("git@github.com:acme/shop.git") == RepoRef("acme", "shop")
    assert parse_repo("ssh://git@ghe.corp:22/acme/shop") == RepoRef("acme", "shop")
    assert parse_repo("acme/shop") == RepoRef("acme", "shop")
    for bad in ("", "acme", "https://github.com/acme", "acme/../x", "acme/shop/tree/main"):
        assert parse_repo(bad) is None


def test_allow_list_matching() -> None:
    allow = RepoAllowList(["Acme/Shop", "tools/*", " "])
    assert allow.allows(RepoRef("acme", "shop"))
    assert allow.allows(RepoRef("TOOLS", "anything"))
    assert not allow.allows(RepoRef("acme", "shop2"))
    assert not allow.allows(RepoRef("toolsx", "a"))
    assert not RepoAllowList([])


# --- end to end: the plugin endpoint while GitHub misbehaves ------------------------------

_PLUGIN_REQUEST: dict[str, Any] = {
    "userId": "argo-rollouts",
    "memoryId": "rollout:shop/checkout",
    "prompt": "Analyze canary deployment for rollout 'checkout'. Namespace: shop.",
    "context": {
        "namespace": "shop",
        "rolloutName": "checkout",
        "stableSelector": "role=stable",
        "canarySelector": "role=canary",
        "repoUrl": "https://github.com/acme/shop",
        "baseBranch": "main",
    },
}


async def test_github_faults_do_not_touch_the_plugin_reply(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    fake.fail(502, times=10_000)
    follow = _follow_up(fake)
    async with running_service(tmp_path, followup=follow) as env:
        env.state.ensure_namespace("shop")
        for role, text in (("stable", healthy_log(300)), ("canary", failing_log())):
            env.state.add_pod("shop", f"checkout-{role}-0", {"app": "checkout", "role": role})
            env.state.set_logs("shop", f"checkout-{role}-0", "app", text)

        status, doc = await env.post_json("/a2a/analyze", _PLUGIN_REQUEST)
        assert status == 200
        assert (doc["promote"], doc["verdict"]) == (False, "abort")
        assert "prLink" not in doc and "issueLink" not in doc
        await eventually(lambda: follow.outcomes["error"] >= 1)
        assert fake.issues_of("acme/shop") == []

        fake.failures.clear()  # GitHub is back: the next scoring of the revision files it
        await eventually(lambda: len(fake.issues_of("acme/shop")) == 1)
        issue_url = fake.issues_of("acme/shop")[0]["html_url"]

        async def linked() -> dict[str, Any] | None:
            status, doc = await env.post_json("/a2a/analyze", _PLUGIN_REQUEST)
            return doc if status == 200 and doc.get("issueLink") == issue_url else None

        later = await eventually(linked)
        assert (later["promote"], later["verdict"]) == (False, "abort")
        assert len(fake.issues_of("acme/shop")) == 1  # every later abort found the same one


async def test_a_plugin_abort_answered_from_the_schedulers_result_is_followed_up(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    # the scheduler scored the revision first, for a target from the Rollout, which names no
    # repository; the plugin request for the same revision does: its follow-up must not be
    # skipped because the result it is answered with carries the scheduler's target
    follow = _follow_up(fake)
    async with running_service(tmp_path, followup=follow) as env:
        scored = _result(repo_url="")
        asked = dataclasses.replace(scored.target, repo_url="https://github.com/acme/shop")
        env.service.on_result(asked, scored, None)
        await eventually(lambda: len(fake.issues_of("acme/shop")) == 1)
        assert follow.outcomes["issue_created"] == 1 and not follow.outcomes["skipped"]
