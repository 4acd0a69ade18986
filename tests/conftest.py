"""Session fixtures shared across test modules."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.local_model import LocalModelMissing, LocalModelServer


@pytest.fixture(scope="session")
def local_model() -> Iterator[LocalModelServer]:
    """One real llama.cpp server (SmolLM2-135M) for every real-model test of the run."""
    server = LocalModelServer()
    try:
        server.start()
    except LocalModelMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the real model server is required under CI=true: {exc}")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()
