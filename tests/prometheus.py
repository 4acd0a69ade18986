"""A real Prometheus for tests: start it, let it scrape, query it, stop it.

Integration tests run the exact PromQL users ship (AnalysisTemplates, dashboards, alert
rules) against the Prometheus binary from Debian's `prometheus` package instead of trusting
a parser or a mock. The server gets a temporary config and TSDB, a free loopback port and a
1 s scrape interval so that data appears within seconds; every wait is a poll with a deadline.

Use the `prometheus_factory` fixture (import it into the test module), or `PrometheusServer`
directly. A missing binary fails the test under CI=true and skips it elsewhere, with the
install command.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

INSTALL_HINT = "apt-get install prometheus  (Debian's package provides prometheus and promtool)"


def require_binary(name: str) -> str:
    """Path of `name`; pytest.fail under CI=true, pytest.skip elsewhere when it is missing."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found on PATH; install it: {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PromQLError(Exception):
    """Prometheus answered a query with an error (`bad_data` = the expression does not parse)."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(f"{error_type}: {message}")
        self.error_type = error_type
        self.message = message


@dataclass
class ScrapeJob:
    """One scrape job: targets as host:port, optional target labels and honor_labels."""

    name: str
    targets: Sequence[str]
    labels: dict[str, str] = field(default_factory=dict)
    honor_labels: bool = False
    metrics_path: str = "/metrics"


class PrometheusServer:
    """A Prometheus process on 127.0.0.1 scraping the given jobs every `scrape_interval`."""

    def __init__(
        self,
        workdir: Path,
        jobs: Sequence[ScrapeJob],
        *,
        scrape_interval: str = "1s",
        rule_files: Sequence[Path] = (),
    ) -> None:
        self.binary = require_binary("prometheus")
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = {
            "global": {
                "scrape_interval": scrape_interval,
                "scrape_timeout": scrape_interval,
                "evaluation_interval": scrape_interval,
            },
            "rule_files": [str(p) for p in rule_files],
            "scrape_configs": [
                {
                    "job_name": job.name,
                    "honor_labels": job.honor_labels,
                    "metrics_path": job.metrics_path,
                    "static_configs": [{"targets": list(job.targets), "labels": job.labels}],
                }
                for job in jobs
            ],
        }
        workdir.mkdir(parents=True, exist_ok=True)
        self.config_path = workdir / "prometheus.yml"
        self.config_path.write_text(yaml.safe_dump(config))
        self.log_path = workdir / "prometheus.log"
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        log = self.log_path.open("wb")
        self._proc = subprocess.Popen(
            [
                self.binary,
                f"--config.file={self.config_path}",
                f"--storage.tsdb.path={self.workdir / 'data'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
                "--log.level=warn",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"prometheus exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=1) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)  # poll interval of a deadline loop, not a wait for an event
        self.stop()
        raise TimeoutError(f"prometheus not ready after {timeout} s:\n{self.log()}")

    def stop(self) -> None:
        if self._proc is None or self._proc.poll() is not None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def query(self, expr: str, at: float | None = None) -> list[dict[str, Any]]:
        """Instant query; returns the result as a list of {"metric", "value"} samples.

        Raises PromQLError when Prometheus rejects the query (`bad_data`: it does not parse).
        A scalar or string result comes back as one sample with an empty label set.
        """
        params = {"query": expr}
        if at is not None:
            params["time"] = f"{at:.3f}"
        req = urllib.request.Request(
            f"{self.url}/api/v1/query",
            data=urllib.parse.urlencode(params).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                body = json.load(resp)
        except urllib.error.HTTPError as exc:
            body = json.load(exc)
        if body.get("status") != "success":
            raise PromQLError(body.get("errorType", "unknown"), body.get("error", ""))
        data = body["data"]
        if data["resultType"] in ("scalar", "string"):
            return [{"metric": {}, "value": data["result"]}]
        return list(data["result"])

    def wait_for(
        self,
        expr: str,
        predicate: Callable[[list[dict[str, Any]]], bool] = bool,
        timeout: float = 20.0,
    ) -> list[dict[str, Any]]:
        """Poll `expr` until `predicate(result)` holds; fail with the last result otherwise."""
        deadline = time.monotonic() + timeout
        result: list[dict[str, Any]] = []
        while True:
            result = self.query(expr)
            if predicate(result):
                return result
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"no matching result for {expr!r} within {timeout} s; last: {result}"
                )
            time.sleep(0.2)  # poll interval of a deadline loop

    def __enter__(self) -> PrometheusServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def sample_values(result: list[dict[str, Any]]) -> list[float]:
    """The float values of a query result, in Prometheus' order (Argo's `result` list)."""
    return [float(sample["value"][1]) for sample in result]


@pytest.fixture
def prometheus_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., PrometheusServer]]:
    """Factory fixture: `prometheus_factory([ScrapeJob(...)], rule_files=[...])` → started server.

    Every server started through it is stopped at teardown.
    """
    servers: list[PrometheusServer] = []

    def start(
        jobs: Sequence[ScrapeJob],
        *,
        scrape_interval: str = "1s",
        rule_files: Sequence[Path] = (),
    ) -> PrometheusServer:
        server = PrometheusServer(
            tmp_path_factory.mktemp("prometheus"),
            jobs,
            scrape_interval=scrape_interval,
            rule_files=rule_files,
        )
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
