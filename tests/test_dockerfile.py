"""The Dockerfile, proven without Docker.

`docker build` is not available on the development and CI machines, so this test reads the
Dockerfile and checks what a build would produce: the runtime stage's contract (base image,
non-root user, port, entrypoint, labels), that the build context (.dockerignore) holds every
file the COPY steps need, hadolint's verdict, and — the slow part — it replays the builder
stage's ENV/WORKDIR/COPY/RUN steps in a clean temporary directory: a fresh virtualenv gets
`pip install .` exactly as the RUN line says (dependencies come from the package registry,
as in a real build), and `ai-canary-exporter --help` must run from it outside the source tree.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


@dataclass
class Instruction:
    keyword: str
    args: str


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [i.args for i in self.instructions if i.keyword == keyword]


def parse_dockerfile(text: str) -> tuple[dict[str, str], list[Stage]]:
    """Global ARG defaults and the stages, with line continuations joined."""
    logical: list[str] = []
    buffer = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if buffer and line.startswith("#"):
            continue
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        logical.append(buffer + line)
        buffer = ""
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        keyword, args = keyword.upper(), args.strip()
        if keyword == "FROM":
            parts = args.split()
            base = re.sub(r"\$\{?(\w+)\}?", lambda m: global_args.get(m.group(1), ""), parts[0])
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(base, name))
        elif not stages and keyword == "ARG":
            key, _, value = args.partition("=")
            global_args[key] = value
        elif stages:
            stages[-1].instructions.append(Instruction(keyword, args))
    return global_args, stages


def env_pairs(args: str) -> dict[str, str]:
    """ENV key=value pairs (the modern form), quotes removed."""
    pairs = {}
    for token in shlex.split(args):
        key, _, value = token.partition("=")
        pairs[key] = value
    return pairs


def expand(value: str, env: dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), ""), value)


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return parse_dockerfile(DOCKERFILE.read_text())[1]


def test_two_stages_on_the_same_slim_python(stages: list[Stage]) -> None:
    builder, runtime = stages
    assert builder.name == "builder"
    # The virtualenv's interpreter path must exist in the runtime image: same base.
    assert builder.base == runtime.base == "python:3.12-slim"


def test_runtime_stage_contract(stages: list[Stage]) -> None:
    runtime = stages[-1]
    assert runtime.all("USER") == ["10001:10001"]
    assert runtime.all("EXPOSE") == ["8080"]
    assert [json.loads(a) for a in runtime.all("ENTRYPOINT")] == [["ai-canary-exporter"]]
    assert [json.loads(a) for a in runtime.all("CMD")] == [["serve"]]
    copies = runtime.all("COPY")
    assert copies == ["--from=builder /opt/venv /opt/venv"], "only the virtualenv ships"
    labels = " ".join(runtime.all("LABEL"))
    for key in ("title", "description", "version", "licenses", "source"):
        assert f"org.opencontainers.image.{key}=" in labels
    assert not any("pip" in run for run in runtime.all("RUN")), "no installs in the runtime"
    assert "--uid 10001" in " ".join(runtime.all("RUN"))


def test_deployment_runs_as_the_image_user() -> None:
    import yaml

    deployment = yaml.safe_load((ROOT / "deploy" / "base" / "deployment.yaml").read_text())
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["containers"][0]["ports"][0]["containerPort"] == 8080


def dockerignore_excludes(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; `!` re-includes."""
    excluded = False
    for raw in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        candidates = [path] + [str(p) for p in Path(path).parents if str(p) != "."]
        if any(fnmatch.fnmatch(c, pattern) for c in candidates):
            excluded = not negate
    return excluded


def test_build_context_holds_what_the_copy_steps_need(stages: list[Stage]) -> None:
    builder = stages[0]
    for copy in builder.all("COPY"):
        *sources, _dest = copy.split()
        for source in sources:
            files = (
                [source]
                if (ROOT / source).is_file()
                else [str(p.relative_to(ROOT)) for p in (ROOT / source).rglob("*.py")]
            )
            assert files, f"COPY {source}: nothing to copy"
            for file in files:
                assert (ROOT / file).exists(), file
                assert not dockerignore_excludes(file), f"{file} is excluded by .dockerignore"
    assert dockerignore_excludes(".venv/bin/python")
    assert dockerignore_excludes("tests/test_dockerfile.py")


def hadolint_binary() -> str | None:
    local = Path(sys.executable).parent / "hadolint"
    return str(local) if local.exists() else shutil.which("hadolint")


def test_hadolint_is_clean() -> None:
    binary = hadolint_binary()
    if binary is None:
        message = "hadolint not found; install the test extras (pip install -e '.[test]')"
        if os.environ.get("CI") == "true" and sys.platform == "linux":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [binary, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_builder_install_steps_work_in_a_clean_virtualenv(
    stages: list[Stage], tmp_path: Path
) -> None:
    builder, runtime = stages
    # Absolute paths of the image, mapped into the temporary directory.
    (venv_path,) = [c.split()[1] for c in runtime.all("COPY")]
    image_paths = {venv_path, *builder.all("WORKDIR")}

    def to_local(text: str) -> str:
        for image_path in sorted(image_paths, key=len, reverse=True):
            text = text.replace(image_path, str(tmp_path / image_path.lstrip("/")))
        return text

    # `python` before the venv exists = a plain interpreter (the image's /usr/local/bin/python).
    shim = tmp_path / "shim"
    shim.mkdir()
    base_python = getattr(sys, "_base_executable", sys.executable)
    (shim / "python").symlink_to(base_python)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")
    }
    env["PATH"] = f"{shim}{os.pathsep}{env.get('PATH', '')}"
    cwd = tmp_path
    for instruction in builder.instructions:
        args = instruction.args
        if instruction.keyword == "ENV":
            for key, value in env_pairs(args).items():
                env[key] = to_local(expand(value, env))
        elif instruction.keyword == "WORKDIR":
            cwd = Path(to_local(args))
            cwd.mkdir(parents=True, exist_ok=True)
        elif instruction.keyword == "COPY":
            *sources, dest = args.split()
            target = Path(to_local(dest)) if dest.startswith("/") else cwd / dest
            for source in sources:
                src = ROOT / source
                if src.is_dir():
                    shutil.copytree(
                        src, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
                    )
                else:
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, target / src.name)
        elif instruction.keyword == "RUN":
            result = subprocess.run(
                ["bash", "-ec", to_local(args)],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert result.returncode == 0, (
                f"RUN {args}\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )

    venv = Path(to_local(venv_path))
    entrypoint = venv / "bin" / "ai-canary-exporter"
    assert entrypoint.exists(), "the console script is not installed in the virtualenv"
    clean_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import exporter; print(exporter.__file__)"],
        cwd=outside,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv), "package must come from the venv"
    result = subprocess.run(
        [str(entrypoint), "--help"],
        cwd=outside,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "serve" in result.stdout
