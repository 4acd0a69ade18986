"""A plugin request answers well inside the plugin's 5-minute timeout, whatever hangs.

Once, with the API server hung, plugin requests took 121–123 s to get their 503 (four
30-s attempts). Past `request_timeout_seconds` the request now answers 503 + Retry-After
and the analysis goes on, so the plugin's retry gets the result.
"""

from __future__ import annotations

from pathlib import Path

from exporter.demo.fake_kube import Fault
from tests.service_harness import add_canary, eventually, failing_log, healthy_log, running_service

CONTEXT = {"context": {"namespace": "shop", "rolloutName": "checkout"}}


async def test_a_hung_api_gives_a_503_at_the_request_deadline(tmp_path: Path) -> None:
    async with running_service(
        tmp_path, request_timeout_seconds=2, cache_seconds=60, interval_seconds=3600
    ) as env:
        add_canary(
            env.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=failing_log()
        )
        await eventually(lambda: env.service.registry.all(), timeout=30)
        await eventually(lambda: env.service.analyzer.latest(env.service.registry.all()[0]))
        env.service.analyzer.forget(env.service.registry.all()[0])
        # the API now takes 6 s per log read: longer than the request may wait
        env.state.inject(Fault(status=0, delay=6.0, times=2, path="/log"))
        status, body = await env.post_json("/a2a/analyze", CONTEXT)
        assert status == 503, body
        assert "request_timeout_seconds" in body["error"]

        async def answered() -> bool:
            status, body = await env.post_json("/a2a/analyze", CONTEXT)
            return status == 200 and body["verdict"] == "abort"

        await eventually(answered, timeout=30)  # the analysis went on; the retry has it
        assert not env.state.faults  # both slow reads were made by that one analysis


def test_the_deadline_is_well_under_the_plugins_timeout() -> None:
    from exporter.config import Settings

    assert Settings().request_timeout_seconds <= 300 / 3
