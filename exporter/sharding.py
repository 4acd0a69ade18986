"""Which replica owns a canary: rendezvous hashing of its key over `shard_count` shards.

Rendezvous (highest random weight) hashing moves only ~1/n of the canaries when an n-th
replica is added, and every replica computes the same owner from the key alone, so a
request that reaches the wrong replica can be sent to the right one (`peer_url`).
"""

from __future__ import annotations

import hashlib


def shard_of(key: tuple[str, str, str], shard_count: int) -> int:
    """The shard (0..shard_count-1) that owns a target key (namespace, rollout, revision)."""
    if shard_count <= 1:
        return 0
    text = "\x1f".join(key)

    def weight(shard: int) -> bytes:
        return hashlib.blake2b(f"{shard}\x1e{text}".encode(), digest_size=8).digest()

    return max(range(shard_count), key=weight)


def peer_url(template: str, index: int) -> str:
    """The base URL of replica `index` from a `{index}` template (no trailing slash)."""
    return template.replace("{index}", str(index)).rstrip("/")
