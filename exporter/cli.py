"""Command line: `serve`, `demo`, `analyze` and `eval` (contracts/cli.md).

Heavy imports happen inside the subcommands so `--help` is instant and a broken optional
piece cannot stop the others. Errors end as one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from exporter import __version__
from exporter.config import ConfigError, Settings, load_settings
from exporter.errors import CanaryError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_FAIL_ON = 0, 1, 2, 3

_ENV_HELP = """\
environment:
  model keys (reference Secret names): GOOGLE_API_KEY, GEMINI_MODEL, GEMINI_BASE_URL,
  OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL, ANALYSIS_MODEL, ANALYSIS_BASE_URL,
  ANALYSIS_API_KEY, GITHUB_TOKEN. Every other setting is AI_CANARY_<NAME>
  (e.g. AI_CANARY_JUDGE, AI_CANARY_INTERVAL_SECONDS); `ai-canary-exporter settings`
  lists them all with their defaults.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ai-canary-exporter",
        description="Judge Argo Rollouts canaries from their logs; export the verdict as "
        "Prometheus gauges and a metric-ai compatible A2A endpoint.",
        epilog=_ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def server_args(p: argparse.ArgumentParser, *, config: bool) -> None:
        p.add_argument("--host", help="address to listen on (default 0.0.0.0)")
        p.add_argument("--port", type=int, help="HTTP port (default 8080)")
        if config:
            p.add_argument("--config", metavar="FILE", help="YAML settings file")
        p.add_argument("--log-format", choices=["text", "json"], help="log output format")

    serve = sub.add_parser(
        "serve",
        help="run the service: discovery, continuous scoring, HTTP API",
        description="Run the service: discover canaries, score them continuously, serve "
        "/metrics, /a2a/analyze, A2A JSON-RPC and the status API.",
        epilog=_ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    server_args(serve, config=True)

    demo = sub.add_parser(
        "demo",
        help="the service against a built-in simulated cluster (no cluster, no key)",
        description="Run the real service against a simulated cluster whose canaries move "
        "through 10/30/60/100%% and whose logs change (healthy, new exception, error-rate "
        "slider, memory leak). Prints the URLs to open.",
    )
    server_args(demo, config=False)
    demo.add_argument(
        "--duration", type=float, help="stop after this many seconds (default: run until Ctrl-C)"
    )
    demo.add_argument(
        "--speed", type=float, default=1.0, help="simulation speed factor (default 1.0)"
    )

    analyze = sub.add_parser(
        "analyze",
        help="judge two log files (stable vs canary) once",
        description="One analysis of two log files. Exit 0 when an analysis was produced "
        "(any verdict), 1 on error, 3 when --fail-on matches the verdict.",
        epilog=_ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("--stable", required=True, metavar="FILE", help="stable log ('-' = stdin)")
    analyze.add_argument("--canary", required=True, metavar="FILE", help="canary log ('-' = stdin)")
    analyze.add_argument("--extra-prompt", default="", metavar="TEXT", help="context for the model")
    analyze.add_argument(
        "--judge", choices=["auto", "heuristic", "openai", "gemini"], help="judge (default auto)"
    )
    analyze.add_argument("--format", choices=["json", "text"], default="text", help="output format")
    analyze.add_argument(
        "--fail-on",
        choices=["abort", "inconclusive"],
        help="exit 3 on this verdict (inconclusive also fails on abort)",
    )
    analyze.add_argument("--config", metavar="FILE", help="YAML settings file")

    evaluate = sub.add_parser(
        "eval",
        help="run a labelled corpus through the judges and print accuracy, recall, tokens",
        description="Run every case of a labelled corpus (folders with stable.log, canary.log "
        'and case.json {"expected": "promote|abort|inconclusive"}) through each judge '
        "and print, per judge and model: accuracy, abort recall, inconclusive rate, promotes "
        "on expected-abort cases, prompt/completion tokens, latency p50/p95, model failures "
        "and how often the model was overruled. Exit 0 when the run completed.",
        epilog=_ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("--corpus", required=True, metavar="DIR", help="corpus folder")
    evaluate.add_argument(
        "--judge",
        action="append",
        choices=["auto", "heuristic", "openai", "gemini"],
        help="a judge to evaluate; repeat to compare (default: heuristic, plus the configured "
        "model if any)",
    )
    evaluate.add_argument("--json", action="store_true", help="machine-readable output")
    evaluate.add_argument("--config", metavar="FILE", help="YAML settings file")

    sub.add_parser("settings", help="list every setting with its environment name and default")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "demo":
            return _demo(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "settings":
            return _settings(sys.stdout)
    except (ConfigError, CanaryError) as exc:
        print(f"ai-canary-exporter: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    raise AssertionError(args.command)  # argparse only admits the commands above


def _setup_logging(settings: Settings) -> None:
    from exporter.logs import configure_logging

    configure_logging(level=settings.log_level, fmt=settings.log_format)


def _serve(args: argparse.Namespace) -> int:
    from exporter.service import run_service

    settings = load_settings(
        args.config, host=args.host, port=args.port, log_format=args.log_format
    )
    _setup_logging(settings)
    return asyncio.run(run_service(settings))


def _demo(args: argparse.Namespace) -> int:
    from exporter.demo.run import run_demo

    settings = load_settings(None, host=args.host, port=args.port, log_format=args.log_format)
    _setup_logging(settings)
    return asyncio.run(run_demo(settings, duration=args.duration, speed=args.speed))


def _read_input(name: str, role: str) -> str:
    from exporter.digest import decode_log

    if name == "-":
        return decode_log(sys.stdin.buffer.read())
    try:
        return decode_log(Path(name).read_bytes())
    except OSError as exc:
        raise ConfigError(f"cannot read {role} log {name}: {exc.strerror or exc}") from exc


def _analyze(args: argparse.Namespace) -> int:
    from exporter.analysis import analyze_texts

    if args.stable == "-" and args.canary == "-":
        raise ConfigError("only one of --stable/--canary can be '-' (stdin)")
    settings = load_settings(args.config, judge=args.judge)
    _setup_logging(settings)
    progress = _Progress(sys.stderr)
    progress.say("reading logs")
    stable = _read_input(args.stable, "stable")
    canary = _read_input(args.canary, "canary")
    result = asyncio.run(
        analyze_texts(
            stable, canary, settings=settings, extra_prompt=args.extra_prompt, progress=progress.say
        )
    )
    progress.done()
    if args.format == "json":
        json.dump(result.to_wire(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_as_text(result.to_wire()))
    fail_on = {"abort": {"abort"}, "inconclusive": {"abort", "inconclusive"}}.get(
        args.fail_on or "", set()
    )
    return EXIT_FAIL_ON if result.verdict.value in fail_on else EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from exporter.corpus import load_corpus
    from exporter.evaluate import evaluate, table
    from exporter.judges.select import describe_choice, model_configured

    base = load_settings(args.config)
    _setup_logging(base)
    cases = load_corpus(Path(args.corpus))
    judges: list[str] = args.judge or ["heuristic"]
    if not args.judge and model_configured(base):
        judges.append(base.judge)
    plans = [(judge, load_settings(args.config, judge=judge)) for judge in judges]
    for _, settings in plans:
        model_configured(settings)  # a judge that cannot be configured fails before any work
    bar = _Bar(sys.stderr)
    reports = []
    for judge, settings in plans:
        print(f"eval {judge}: {describe_choice(settings)}; {len(cases)} cases", file=sys.stderr)
        reports.append(asyncio.run(evaluate(cases, settings, label=judge, progress=bar.show)))
        bar.done()
    if args.json:
        doc = {"corpus": str(args.corpus), "cases": len(cases)}
        json.dump({**doc, "judges": [r.to_json() for r in reports]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(table(reports))
    return EXIT_OK


class _Bar:
    """A progress bar on a terminal (stderr); silent when stderr is piped."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._shown = False

    def show(self, judge: str, done: int, total: int) -> None:
        if not self._tty or total <= 0:
            return
        filled = round(self.WIDTH * done / total)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self._stream.write(f"\r\033[K{judge} [{bar}] {done}/{total}")
        self._stream.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            self._stream.write("\r\033[K")
            self._stream.flush()
            self._shown = False


def _as_text(wire: dict[str, Any]) -> str:
    lines = [
        f"verdict:    {wire['verdict']} (score {wire['score']:.2f}, "
        f"confidence {wire['confidence']}, judge {wire['judge']})",
        f"log lines:  stable {wire['logLines']['stable']}, canary {wire['logLines']['canary']}",
        f"analysis:   {wire['analysis']}",
    ]
    if wire["rootCause"]:
        lines.append(f"root cause: {wire['rootCause']}")
    if wire["remediation"]:
        lines.append(f"remediate:  {wire['remediation']}")
    if wire["evidence"]:
        lines.append("evidence:")
        lines += [f"  [{e['weight']}] {e['message']}" for e in wire["evidence"]]
    for m in wire["modelResults"]:
        status = f"error: {m['error']}" if m["error"] else f"promote={m['promote']}"
        lines.append(f"model:      {m['modelName']} {status} confidence {m['confidence']}")
    if wire["votingRationale"]:
        lines.append(f"voting:     {wire['votingRationale']}")
    return "\n".join(lines) + "\n"


class _Progress:
    """One updating status line on a terminal; silent when stderr is piped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._shown = False

    def say(self, message: str) -> None:
        if self._tty:
            self._stream.write(f"\r\033[K… {message}")
            self._stream.flush()
            self._shown = True

    def done(self) -> None:
        if self._shown:
            self._stream.write("\r\033[K")
            self._stream.flush()


def _settings(out: TextIO) -> int:
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        env = (
            " / ".join(str(c) for c in alias.choices[:-1])  # type: ignore[union-attr]
            if alias is not None
            else f"AI_CANARY_{name.upper()}"
        )
        default = field.get_default(call_default_factory=True)
        if "SecretStr" in str(field.annotation) and default is not None:
            default = "***"
        out.write(f"{env:<40} default={default!r}  {field.description or ''}\n")
    return EXIT_OK
