"""A small in-memory Kubernetes API server for tests and the `demo` command.

The real kubernetes-asyncio client talks to it over HTTP(S) on 127.0.0.1, so tests prove
our wire format, selectors, watch handling and error mapping rather than a mock's idea of
them. It implements only what the collector uses, the way the API server does it: pods
(list, get, `/log` with `container`, `sinceSeconds`/`sinceTime`, `tailLines` and
`limitBytes` applied in the kubelet's order, `previous`, `timestamps`), events (field
selectors), namespaces, and `argoproj.io/v1alpha1`
Rollouts with list + watch (resourceVersion resume, 410 Gone after `compact()`, bookmarks).
Errors are `Status` objects; label selectors follow the real grammar (`kube_selectors`).
Every request is recorded as an `ApiCall` (verb, resource, subresource, namespace) so a
test can check it against the shipped RBAC rules. The cluster itself is `FakeKubeState`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import ssl
import time
from pathlib import Path

import yaml
from aiohttp import web

from exporter.demo.fake_kube_state import (
    JSON,
    KINDS,
    ApiCall,
    FakeKubeState,
    Fault,
    Kind,
    LogSource,
    StoredLog,
    parse_since_time,
    render_live,
    rfc3339,
    status_object,
)
from exporter.demo.kube_selectors import (
    field_selector_matches,
    label_selector_matches,
    parse_label_selector,
)

__all__ = [
    "KINDS",
    "ApiCall",
    "FakeKube",
    "FakeKubeApp",
    "FakeKubeState",
    "Fault",
    "LogSource",
    "StoredLog",
    "field_selector_matches",
    "label_selector_matches",
    "parse_label_selector",
    "rfc3339",
    "status_object",
    "write_kubeconfig",
]

# ---------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------

_PATH_RE = re.compile(
    r"^/(?:api/(?P<core>v1)|apis/(?P<group>[^/]+)/(?P<version>[^/]+))"
    r"(?:/namespaces/(?P<ns>[^/]+)(?=/))?"
    r"/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?(?:/(?P<sub>[^/]+))?$"
)


def _error(code: int, message: str, reason: str | None = None) -> web.Response:
    return web.json_response(status_object(code, message, reason), status=code)


def _flag(request: web.Request, name: str) -> bool:
    return request.query.get(name, "false").lower() in ("true", "1")


class FakeKubeApp:
    """The aiohttp application over a `FakeKubeState`."""

    def __init__(self, state: FakeKubeState) -> None:
        self.state = state
        self.app = web.Application()
        self.app.router.add_get("/version", self._version)
        self.app.router.add_get("/version/", self._version)  # what VersionApi.get_code asks
        self.app.router.add_get("/api", self._api)
        self.app.router.add_get("/api/", self._api)
        self.app.router.add_get("/apis", self._apis)
        self.app.router.add_get("/apis/", self._apis)
        self.app.router.add_get("/_fake/stats", self._stats)
        self.app.router.add_route("*", "/{tail:.*}", self._resource)

    async def _version(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "major": "1",
                "minor": "31",
                "gitVersion": "v1.31.0-fake",
                "gitCommit": "0" * 40,
                "gitTreeState": "clean",
                "buildDate": "2024-08-13T00:00:00Z",
                "goVersion": "go1.22.5",
                "compiler": "gc",
                "platform": "linux/amd64",
            }
        )

    async def _api(self, request: web.Request) -> web.Response:
        return web.json_response({"kind": "APIVersions", "versions": ["v1"]})

    async def _apis(self, request: web.Request) -> web.Response:
        version = {"groupVersion": "argoproj.io/v1alpha1", "version": "v1alpha1"}
        group = {"name": "argoproj.io", "versions": [version], "preferredVersion": version}
        return web.json_response({"kind": "APIGroupList", "apiVersion": "v1", "groups": [group]})

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "requests": self.state.request_count,
                "log_bytes": self.state.log_bytes,
                "log_lines": self.state.log_lines,
            }
        )

    async def _resource(self, request: web.Request) -> web.StreamResponse:
        st = self.state
        st.request_count += 1
        if st.token is not None and request.headers.get("Authorization") != f"Bearer {st.token}":
            return _error(401, "Unauthorized")
        m = _PATH_RE.match(request.path)
        kind = KINDS.get(m.group("resource")) if m else None
        if m is None or kind is None or request.method != "GET":
            return _error(404, "the server could not find the requested resource")
        group = m.group("group") or ""
        if group != kind.group or (m.group("version") or m.group("core")) != kind.version:
            return _error(404, "the server could not find the requested resource")
        ns, name, sub = m.group("ns") or "", m.group("name") or "", m.group("sub") or ""
        watching = _flag(request, "watch")
        verb = "get" if name else ("watch" if watching else "list")
        call = ApiCall(verb, group, kind.resource, sub, ns, name)
        if st.record_calls:
            st.calls.append(call)
        if st.authorize is not None and not st.authorize(call):
            return _error(403, st.forbidden_message(call))
        fault = st.take_fault(call, request.path)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status:
                return _error(fault.status, fault.message or f"injected fault {fault.status}")
        try:
            if sub == "log" and kind.resource == "pods":
                return self._log(request, ns, name)
            if sub:
                return _error(404, "the server could not find the requested resource")
            if name:
                obj = st.get(kind.resource, ns, name)
                if obj is None:
                    return _error(404, f'{kind.resource} "{name}" not found')
                return web.json_response(obj)
            if watching:
                return await self._watch(request, kind, ns)
            return self._list(request, kind, ns)
        except ValueError as exc:
            return _error(400, str(exc))

    def _list(self, request: web.Request, kind: Kind, ns: str) -> web.Response:
        q = request.query
        items = self.state.select(kind.resource, ns, q.get("labelSelector"), q.get("fieldSelector"))
        return web.json_response(
            {
                "kind": f"{kind.kind}List",
                "apiVersion": kind.api_version,
                "metadata": {"resourceVersion": str(self.state.resource_version)},
                "items": items,
            }
        )

    async def _watch(self, request: web.Request, kind: Kind, ns: str) -> web.StreamResponse:
        q = request.query
        stream = self.state.open_watch(
            kind.resource,
            ns,
            q.get("labelSelector"),
            q.get("fieldSelector"),
            resource_version=q.get("resourceVersion", ""),
            bookmarks=_flag(request, "allowWatchBookmarks"),
        )
        timeout = float(q.get("timeoutSeconds", "0") or 0) or None
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        resp = web.StreamResponse(headers={"Content-Type": "application/json"})
        try:
            await resp.prepare(request)
            if stream.gone is not None:
                await resp.write(json.dumps(stream.gone).encode() + b"\n")
            sent = 0
            while stream.gone is None and (stream.limit is None or sent < stream.limit):
                remaining = None if deadline is None else deadline - loop.time()
                if remaining is not None and remaining <= 0:
                    break
                event = await stream.next_event(remaining)
                if event is None:
                    break
                await resp.write(json.dumps(event).encode() + b"\n")
                sent += 1
            with contextlib.suppress(ConnectionError):
                await resp.write_eof()
        except ConnectionError:
            pass  # the client went away
        finally:
            self.state.close_watch(stream)
        return resp

    def _log(self, request: web.Request, ns: str, name: str) -> web.Response:
        pod = self.state.get("pods", ns, name)
        if pod is None:
            return _error(404, f'pods "{name}" not found')
        containers = [c["name"] for c in pod["spec"]["containers"]]
        container = request.query.get("container")
        if not container:
            if len(containers) != 1:
                return _error(
                    400,
                    f"a container name must be specified for pod {name}, "
                    f"choose one of: [{' '.join(containers)}]",
                )
            container = containers[0]
        if container not in containers:
            return _error(400, f"container {container} is not valid for pod {name}")
        previous = _flag(request, "previous")
        source = self.state.log_source(ns, name, container, previous)
        if source is None and previous:
            return _error(
                400, f'previous terminated container "{container}" in pod "{name}" not found'
            )
        # The kubelet's PodLogOptions: tailLines (the last n lines of the file), of those
        # the lines stamped at or after sinceSeconds/sinceTime (one of the two), then
        # limitBytes (the first n bytes of what is left: a limit cuts the newest lines).
        q = request.query
        if "sinceSeconds" in q and "sinceTime" in q:
            return _error(422, "at most one of sinceTime or sinceSeconds may be specified")
        now = time.time()
        since_us = None
        if "sinceSeconds" in q:
            since_us = round((now - int(q["sinceSeconds"])) * 1_000_000)
        elif "sinceTime" in q:
            since_us = parse_since_time(q["sinceTime"])
        stamps = _flag(request, "timestamps")
        tail = max(0, int(q["tailLines"])) if "tailLines" in q else None
        if source is None:
            lines: list[str] = []
        elif isinstance(source, StoredLog):
            lines = source.render(None, stamps, since_us, tail)
        else:
            lines = render_live(source, None, now, stamps, since_us)
            if tail is not None:
                lines = lines[len(lines) - tail :] if tail else []
        body = "".join(lines).encode()
        if "limitBytes" in q:
            body = body[: int(q["limitBytes"])]
        if self.state.record_calls:
            self.state.log_requests.append({"pod": name, **q})
        self.state.log_bytes += len(body)
        self.state.log_lines += len(lines)
        return web.Response(body=body, content_type="text/plain")


class FakeKube:
    """The fake API server on 127.0.0.1: `async with FakeKube() as kube: kube.url …`."""

    def __init__(self, state: FakeKubeState | None = None) -> None:
        self.state = state or FakeKubeState()
        self.app = FakeKubeApp(self.state).app
        self._runner: web.AppRunner | None = None
        self._scheme = "http"
        self.port = 0

    @property
    def url(self) -> str:
        return f"{self._scheme}://127.0.0.1:{self.port}"

    async def start(
        self, host: str = "127.0.0.1", port: int = 0, *, ssl_context: ssl.SSLContext | None = None
    ) -> FakeKube:
        """Listen (HTTPS with `ssl_context`, as an in-cluster API server would)."""
        self._scheme = "https" if ssl_context is not None else "http"
        self._runner = web.AppRunner(
            self.app, handle_signals=False, shutdown_timeout=0.1, access_log=None
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port, ssl_context=ssl_context).start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def close(self) -> None:
        self.state.drop_watches()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeKube:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def write_kubeconfig(self, path: str | Path, *, context: str = "fake") -> Path:
        return write_kubeconfig(path, self.url, token=self.state.token, context=context)


def write_kubeconfig(
    path: str | Path,
    server: str,
    *,
    token: str | None = None,
    context: str = "fake",
    namespace: str = "default",
) -> Path:
    """A kubeconfig with one cluster/user/context pointing at `server` (plain HTTP)."""
    user: JSON = {"token": token} if token else {}
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": context, "cluster": {"server": server}}],
        "users": [{"name": context, "user": user}],
        "contexts": [
            {
                "name": context,
                "context": {"cluster": context, "user": context, "namespace": namespace},
            }
        ],
        "current-context": context,
    }
    out = Path(path)
    out.write_text(yaml.safe_dump(doc))
    return out
