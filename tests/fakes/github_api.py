"""A fake GitHub REST API (aiohttp, 127.0.0.1) for the real PyGithub client.

Implements what the follow-up calls: get repository, list/search issues, get/create issue,
list/create comments, get branch, get/create git refs, get/create/update file contents, list/
create pull requests. Objects carry `url`/`html_url` (PyGithub follows `url` to complete
objects and build sub-resource URLs) and listings omit `pull_request` for plain issues, as
GitHub does. Served under a path prefix (`/api/v3`, like GitHub Enterprise) so the base URL
handling is exercised too.

Every request is recorded (`requests`, with base64 file contents decoded in `text`) so tests
can assert on bodies, and `fail()` makes the next matching requests answer 5xx/403/422.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

PREFIX = "/api/v3"


@dataclass
class Recorded:
    method: str
    path: str  # without the prefix, e.g. /repos/acme/shop/issues
    query: dict[str, str]
    body: str

    @property
    def text(self) -> str:
        """Body plus any base64 `content` decoded: what a secret scan must look at."""
        out = self.body
        try:
            doc = json.loads(self.body) if self.body else None
        except ValueError:
            return out
        if isinstance(doc, dict) and isinstance(doc.get("content"), str):
            with contextlib.suppress(ValueError):
                out += "\n" + base64.b64decode(doc["content"]).decode("utf-8", "replace")
        return out

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Failure:
    status: int
    times: int = 1
    method: str | None = None
    path_re: str | None = None
    message: str = "Server Error"
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path_re is None or re.search(self.path_re, path) is not None
        )


@dataclass
class Repo:
    owner: str
    name: str
    default_branch: str = "main"
    branches: dict[str, str] = field(default_factory=dict)  # name -> head commit sha
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (branch, path) -> text
    issues: list[dict[str, Any]] = field(default_factory=list)  # issues and PRs, by number
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


def _sha(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


class FakeGitHub:
    """State and request log of the fake; `app` is the aiohttp application to serve."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token
        self.base_url = ""  # set by the test once the server listens: http://127.0.0.1:N/api/v3
        self.repos: dict[str, Repo] = {}
        self.requests: list[Recorded] = []
        self.failures: list[Failure] = []
        self.hold: asyncio.Event | None = None  # when set, requests wait until it is set
        self.drop_labels = False  # GitHub drops labels set by a token without push access
        self._ids = itertools.count(1000)
        self.app = web.Application()
        self.app.router.add_route("*", PREFIX + "/{tail:.*}", self._dispatch)

    # ---- test helpers -------------------------------------------------------------------
    def add_repo(self, full_name: str, default_branch: str = "main") -> Repo:
        owner, name = full_name.split("/")
        repo = Repo(owner, name, default_branch)
        repo.branches[default_branch] = _sha(full_name, default_branch)
        self.repos[full_name.lower()] = repo
        return repo

    def fail(
        self,
        status: int,
        *,
        times: int = 1,
        method: str | None = None,
        path_re: str | None = None,
        message: str = "Server Error",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.failures.append(Failure(status, times, method, path_re, message, headers or {}))

    def issues_of(self, full_name: str) -> list[dict[str, Any]]:
        return [i for i in self.repos[full_name.lower()].issues if "pull_request" not in i]

    def pulls_of(self, full_name: str) -> list[dict[str, Any]]:
        return [i for i in self.repos[full_name.lower()].issues if "pull_request" in i]

    def writes(self) -> list[Recorded]:
        return [r for r in self.requests if r.method in ("POST", "PUT", "PATCH", "DELETE")]

    # ---- dispatch ----------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await request.text()
        self.requests.append(Recorded(request.method, path, dict(request.query), body))
        if self.hold is not None:
            await self.hold.wait()
        for failure in self.failures:
            if failure.times > 0 and failure.matches(request.method, path):
                failure.times -= 1
                return web.json_response(
                    {"message": failure.message, "documentation_url": "https://docs.github.com"},
                    status=failure.status,
                    headers=failure.headers,
                )
        if self.token is not None:
            auth = request.headers.get("Authorization", "")
            if auth not in (f"token {self.token}", f"Bearer {self.token}"):
                return _error(401, "Bad credentials")
        base = f"http://{request.host}{PREFIX}"
        data = json.loads(body) if body else {}
        for method, pattern, handler in _ROUTES:
            if method == request.method:
                m = re.fullmatch(pattern, path)
                if m:
                    return handler(self, base, m, request.query, data)
        return _error(404, "Not Found")

    # ---- resources -----------------------------------------------------------------------
    def _repo(self, m: re.Match[str]) -> Repo:
        repo = self.repos.get(f"{m['owner']}/{m['repo']}".lower())
        if repo is None:
            raise web.HTTPNotFound(
                text=json.dumps({"message": "Not Found"}), content_type="application/json"
            )
        return repo

    def _repo_json(self, base: str, repo: Repo) -> dict[str, Any]:
        url = f"{base}/repos/{repo.full_name}"
        return {
            "id": abs(hash(repo.full_name)) % 10**8,
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": {
                "login": repo.owner,
                "id": 1,
                "type": "Organization",
                "url": f"{base}/users/{repo.owner}",
                "html_url": f"https://github.example/{repo.owner}",
            },
            "private": False,
            "url": url,
            "html_url": f"https://github.example/{repo.full_name}",
            "default_branch": repo.default_branch,
        }

    def get_repo(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        return web.json_response(self._repo_json(base, self._repo(m)))

    def list_issues(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        state = q.get("state", "open")
        labels = {x for x in q.get("labels", "").split(",") if x}
        out = [
            i
            for i in repo.issues
            if (state == "all" or i["state"] == state)
            and labels <= {lb["name"] for lb in i["labels"]}
        ]
        if q.get("direction", "desc") == "desc":
            out = list(reversed(out))
        return web.json_response([_public(i) for i in out])

    def search_issues(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        query = q.get("q", "")
        repo_m = re.search(r"repo:(\S+)", query)
        phrases = re.findall(r'"([^"]+)"', query)
        items = [
            i
            for r in self.repos.values()
            if repo_m is None or r.full_name.lower() == repo_m.group(1).lower()
            for i in r.issues
            if all(p in (i.get("body") or "") or p in i["title"] for p in phrases)
        ]
        return web.json_response(
            {
                "total_count": len(items),
                "incomplete_results": False,
                "items": [_public(i) for i in items],
            }
        )

    def create_issue(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        if not data.get("title"):
            return _error(422, "Validation Failed")
        issue = self._issue_json(base, repo, data["title"], data.get("body", ""))
        labels = [] if self.drop_labels else data.get("labels", [])
        issue["labels"] = [{"name": n, "url": f"{base}/labels/{n}"} for n in labels]
        repo.issues.append(issue)
        return web.json_response(issue, status=201)

    def _issue_json(self, base: str, repo: Repo, title: str, body: str) -> dict[str, Any]:
        number = len(repo.issues) + 1
        return {
            "id": next(self._ids),
            "number": number,
            "title": title,
            "body": body,
            "state": "open",
            "labels": [],
            "url": f"{base}/repos/{repo.full_name}/issues/{number}",
            "comments_url": f"{base}/repos/{repo.full_name}/issues/{number}/comments",
            "html_url": f"https://github.example/{repo.full_name}/issues/{number}",
            "repository_url": f"{base}/repos/{repo.full_name}",
            "user": {"login": "ai-canary-bot", "id": 2},
            "created_at": "2026-11-26T08:00:00Z",
        }

    def get_issue(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        n = int(m["number"])
        if not 1 <= n <= len(repo.issues):
            return _error(404, "Not Found")
        return web.json_response(_public(repo.issues[n - 1]))

    def list_comments(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        return web.json_response(self._repo(m).comments.get(int(m["number"]), []))

    def create_comment(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        n = int(m["number"])
        if not 1 <= n <= len(repo.issues):
            return _error(404, "Not Found")
        cid = next(self._ids)
        comment = {
            "id": cid,
            "body": data.get("body", ""),
            "url": f"{base}/repos/{repo.full_name}/issues/comments/{cid}",
            "html_url": f"https://github.example/{repo.full_name}/issues/{n}#issuecomment-{cid}",
            "user": {"login": "ai-canary-bot", "id": 2},
        }
        repo.comments.setdefault(n, []).append(comment)
        return web.json_response(comment, status=201)

    def get_branch(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        sha = repo.branches.get(m["branch"])
        if sha is None:
            return _error(404, "Branch not found")
        commit_url = f"{base}/repos/{repo.full_name}/commits/{sha}"
        return web.json_response(
            {
                "name": m["branch"],
                "commit": {"sha": sha, "url": commit_url},
                "protected": False,
                "_links": {"self": f"{base}/repos/{repo.full_name}/branches/{m['branch']}"},
            }
        )

    def _ref_json(self, base: str, repo: Repo, branch: str) -> dict[str, Any]:
        sha = repo.branches[branch]
        return {
            "ref": f"refs/heads/{branch}",
            "url": f"{base}/repos/{repo.full_name}/git/refs/heads/{branch}",
            "object": {
                "sha": sha,
                "type": "commit",
                "url": f"{base}/repos/{repo.full_name}/git/commits/{sha}",
            },
        }

    def get_ref(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        if m["branch"] not in repo.branches:
            return _error(404, "Not Found")
        return web.json_response(self._ref_json(base, repo, m["branch"]))

    def create_ref(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        ref = data.get("ref", "")
        if not ref.startswith("refs/heads/") or not data.get("sha"):
            return _error(422, "Validation Failed")
        branch = ref.removeprefix("refs/heads/")
        if branch in repo.branches:
            return _error(422, "Reference already exists")
        repo.branches[branch] = data["sha"]
        for (b, path), content in list(repo.files.items()):
            if b == repo.default_branch:
                repo.files[(branch, path)] = content
        return web.json_response(self._ref_json(base, repo, branch), status=201)

    def _content_json(self, base: str, repo: Repo, branch: str, path: str) -> dict[str, Any]:
        content = repo.files[(branch, path)]
        return {
            "type": "file",
            "encoding": "base64",
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "size": len(content.encode()),
            "sha": _sha(path, content),
            "content": base64.b64encode(content.encode()).decode(),
            "url": f"{base}/repos/{repo.full_name}/contents/{path}?ref={branch}",
            "html_url": f"https://github.example/{repo.full_name}/blob/{branch}/{path}",
        }

    def get_contents(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        branch = q.get("ref", repo.default_branch)
        if (branch, m["path"]) not in repo.files:
            return _error(404, "Not Found")
        return web.json_response(self._content_json(base, repo, branch, m["path"]))

    def put_contents(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        branch = data.get("branch", repo.default_branch)
        path = m["path"]
        if branch not in repo.branches:
            return _error(404, "Branch not found")
        existing = repo.files.get((branch, path))
        if existing is not None and data.get("sha") != _sha(path, existing):
            return _error(409 if data.get("sha") else 422, "sha does not match")
        repo.files[(branch, path)] = base64.b64decode(data["content"]).decode()
        commit_sha = _sha(branch, path, repo.files[(branch, path)])
        repo.branches[branch] = commit_sha
        return web.json_response(
            {
                "content": self._content_json(base, repo, branch, path),
                "commit": {
                    "sha": commit_sha,
                    "url": f"{base}/repos/{repo.full_name}/git/commits/{commit_sha}",
                    "html_url": f"https://github.example/{repo.full_name}/commit/{commit_sha}",
                    "message": data.get("message", ""),
                },
            },
            status=201 if existing is None else 200,
        )

    def list_pulls(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        head = q.get("head")
        state = q.get("state", "open")
        out = [
            p["_pull"]
            for p in repo.issues
            if "_pull" in p
            and (state == "all" or p["state"] == state)
            and (head is None or f"{repo.owner}:{p['_pull']['head']['ref']}" == head)
        ]
        return web.json_response(out)

    def create_pull(self, base: str, m: re.Match[str], q: Any, data: Any) -> web.Response:
        repo = self._repo(m)
        head, base_branch = data.get("head", ""), data.get("base", "")
        if head not in repo.branches or base_branch not in repo.branches:
            return _error(422, "Validation Failed: head or base does not exist")
        if any("_pull" in p and p["_pull"]["head"]["ref"] == head for p in repo.issues):
            return _error(422, f"A pull request already exists for {repo.owner}:{head}.")
        issue = self._issue_json(base, repo, data.get("title", ""), data.get("body", ""))
        n = issue["number"]
        issue["pull_request"] = {"url": f"{base}/repos/{repo.full_name}/pulls/{n}"}
        pull = {
            **{k: v for k, v in issue.items() if k != "pull_request"},
            "url": f"{base}/repos/{repo.full_name}/pulls/{n}",
            "html_url": f"https://github.example/{repo.full_name}/pull/{n}",
            "issue_url": issue["url"],
            "head": {"ref": head, "sha": repo.branches[head], "label": f"{repo.owner}:{head}"},
            "base": {"ref": base_branch, "sha": repo.branches[base_branch]},
            "merged": False,
        }
        issue["_pull"] = pull
        repo.issues.append(issue)
        return web.json_response(pull, status=201)


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not k.startswith("_")}


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"message": message}, status=status)


_R = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"
_Handler = Callable[[FakeGitHub, str, "re.Match[str]", Any, Any], web.Response]
_ROUTES: list[tuple[str, str, _Handler]] = [
    ("GET", _R, FakeGitHub.get_repo),
    ("GET", _R + r"/issues", FakeGitHub.list_issues),
    ("POST", _R + r"/issues", FakeGitHub.create_issue),
    ("GET", _R + r"/issues/(?P<number>\d+)", FakeGitHub.get_issue),
    ("GET", _R + r"/issues/(?P<number>\d+)/comments", FakeGitHub.list_comments),
    ("POST", _R + r"/issues/(?P<number>\d+)/comments", FakeGitHub.create_comment),
    ("GET", _R + r"/branches/(?P<branch>.+)", FakeGitHub.get_branch),
    ("GET", _R + r"/git/ref/heads/(?P<branch>.+)", FakeGitHub.get_ref),
    ("POST", _R + r"/git/refs", FakeGitHub.create_ref),
    ("GET", _R + r"/contents/(?P<path>.+)", FakeGitHub.get_contents),
    ("PUT", _R + r"/contents/(?P<path>.+)", FakeGitHub.put_contents),
    ("GET", _R + r"/pulls", FakeGitHub.list_pulls),
    ("POST", _R + r"/pulls", FakeGitHub.create_pull),
    ("GET", r"/search/issues", FakeGitHub.search_issues),
]
