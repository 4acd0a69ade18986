"""A plugin request for a canary another replica owns is answered by that replica.

With `shard_count` > 1 each replica scores only its shard of the canaries. Argo Rollouts'
plugin calls one Service, so its request can land on any replica; answering locally would
make a second analysis (and model call) of the same canary revision. When
`shard_peer_url` says where replica N listens, the request is passed on unchanged to the
owner (same body, same Authorization) and the owner's answer is returned as is. The owner
is computed from the same key the registries shard by, so it never forwards again; the
`X-AI-Canary-Forwarded` header makes that certain even when two replicas disagree on the
shard count during a resize. An unreachable owner is not an outage: the request is then
answered here, as it was before sharding.
"""

from __future__ import annotations

import logging

import aiohttp
from aiohttp import web

from exporter.http.state import ApiState
from exporter.model import Target
from exporter.sharding import peer_url, shard_of

log = logging.getLogger(__name__)

FORWARDED = "X-AI-Canary-Forwarded"
_PASSED_HEADERS = ("Authorization", "Content-Type", "Accept")
_RELAYED_HEADERS = ("Content-Type", "Retry-After")
FORWARD_TIMEOUT_SECONDS = 120.0


def owner_url(state: ApiState, target: Target, request: web.Request) -> str | None:
    """The owning replica's base URL when it is not this one (None: answer here)."""
    s = state.settings
    if s.shard_count <= 1 or not s.shard_peer_url or request.headers.get(FORWARDED):
        return None
    owner = shard_of(target.key, s.shard_count)
    return None if owner == s.shard_index else peer_url(s.shard_peer_url, owner)


async def answer_elsewhere(
    request: web.Request, state: ApiState, asked: Target, *, inline: bool
) -> web.Response | None:
    """The owner's answer to a plugin request, or None: answer it here (ours, inline logs,
    no sharding, or the owner is down)."""
    s = state.settings
    if inline or not state.cluster or s.shard_count <= 1 or not s.shard_peer_url:
        return None
    # The key the owner will use: the discovered Rollout's revision, else the request's
    # target tied to its Rollout (as `plugin.analyze_request` does).
    target = state.targets.find(asked.namespace, asked.rollout)
    if target is None:
        target = asked
        if state.resolve_target is not None:
            target = await state.resolve_target(asked)
    return await to_owner(request, state, target)


async def to_owner(request: web.Request, state: ApiState, target: Target) -> web.Response | None:
    """The owner's answer to this request, or None when it is ours or the owner is down."""
    base = owner_url(state, target, request)
    if base is None:
        return None
    headers = {h: request.headers[h] for h in _PASSED_HEADERS if h in request.headers}
    headers[FORWARDED] = str(state.settings.shard_index)
    body = await request.read()
    # The owner may be running the analysis (a model call) right now: wait as long as the
    # plugin itself would for a slow answer.
    timeout = aiohttp.ClientTimeout(total=FORWARD_TIMEOUT_SECONDS)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.post(base + request.path, data=body, headers=headers) as resp,
        ):
            payload = await resp.read()
            relayed = {h: resp.headers[h] for h in _RELAYED_HEADERS if h in resp.headers}
            return web.Response(status=resp.status, body=payload, headers=relayed)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning(
            "owner replica %s of %s/%s did not answer (%s); analysing here",
            base,
            target.namespace,
            target.rollout,
            exc,
        )
        return None
