"""Deterministic generator of a realistic log mix for the benchmarks.

Several real formats interleaved as one service mesh would produce them (Spring Boot
logback lines, zap JSON, structlog JSON, logrus text, nginx and envoy access logs, the odd
Java/Python stack trace), with thousands of distinct message templates drawn with a
Zipf-like skew, as real services have: a few very frequent lines and a long tail.
"""

from __future__ import annotations

import json
import random

_NOUNS = [
    "order",
    "cart",
    "payment",
    "invoice",
    "user",
    "session",
    "tag",
    "cache",
    "shard",
    "queue",
    "topic",
    "lease",
    "job",
    "report",
    "export",
    "import",
    "account",
    "refund",
    "coupon",
    "price",
    "stock",
    "item",
    "shipment",
    "address",
    "quote",
    "ticket",
    "profile",
    "webhook",
    "schema",
    "index",
    "snapshot",
    "backup",
    "tenant",
    "plan",
    "quota",
    "bucket",
]
_VERBS = [
    "created",
    "updated",
    "deleted",
    "fetched",
    "validated",
    "rejected",
    "scheduled",
    "retried",
    "flushed",
    "loaded",
    "evicted",
    "synced",
    "published",
    "consumed",
    "locked",
    "released",
    "expired",
    "renewed",
    "archived",
    "indexed",
]
_SERVICES = [
    "api",
    "worker",
    "billing",
    "search",
    "gateway",
    "auth",
    "inventory",
    "notify",
    "ledger",
    "catalog",
]
_LOGGERS = [
    f"c.e.{s}.{n.capitalize()}{k}"
    for s in _SERVICES
    for n in _NOUNS[:12]
    for k in ("Service", "Controller")
]


def message_templates(n: int, rng: random.Random) -> list[str]:
    """`n` distinct message shapes with `{}` placeholders for variable parts."""
    out: set[str] = set()
    while len(out) < n:
        noun, verb, other = rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_NOUNS)
        shape = rng.randrange(6)
        if shape == 0:
            t = f"{noun.capitalize()} {{}} {verb} for {other} {{}}"
        elif shape == 1:
            t = f"{verb.capitalize()} {noun} batch of {{}} {other}s in {{}}ms"
        elif shape == 2:
            t = f"{noun}.{verb} {other}_id={{}} status={verb[:4]} took={{}}ms"
        elif shape == 3:
            t = f"Cannot {verb[:-1]} {noun} {{}}: {other} not {rng.choice(_VERBS)}"
        elif shape == 4:
            t = f"{noun.capitalize()}{other.capitalize()}Handler {verb} request {{}} from {{}}"
        else:
            t = f"{rng.choice(_SERVICES)}/{noun}: {verb} {other} ref={{}} ttl={{}}s"
        out.add(t)
    return sorted(out)


def _fill(template: str, rng: random.Random) -> str:
    parts = template.split("{}")
    vals = (
        rng.choice(
            (
                str(rng.randrange(100000)),
                f"{rng.getrandbits(64):016x}",
                f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}:8080",
                f"req-{rng.getrandbits(32):08x}",
            )
        )
        for _ in parts[1:]
    )
    out = parts[0]
    for v, p in zip(vals, parts[1:], strict=True):
        out += v + p
    return out


def _ts(i: int) -> str:
    return f"2024-05-01T12:{(i // 600) % 60:02d}:{(i // 10) % 60:02d}.{i % 1000:03d}Z"


_JAVA_TRACE = (
    "java.lang.IllegalStateException: {} not ready\n"
    "\tat com.example.{}.process({}.java:{})\n"
    "\tat com.example.api.Router.dispatch(Router.java:88)\n"
    "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)\n"
    "\t... 42 more"
)
_PY_TRACE = (
    "Traceback (most recent call last):\n"
    '  File "/app/svc/handlers.py", line {}, in handle\n'
    "    result = process(payload)\n"
    '  File "/app/svc/{}.py", line 12, in process\n'
    '    raise KeyError("{}")\n'
    "KeyError: '{}'"
)


def generate(lines: int, *, seed: int, templates: int = 3000, error_share: float = 0.01) -> str:
    """About `lines` physical lines of mixed-format logs."""
    rng = random.Random(seed)
    shapes = message_templates(templates, random.Random(7))  # same vocabulary on both sides
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(shapes))]
    routes = [f"/api/v1/{n}/{{}}/{v}" for n in _NOUNS for v in ("items", "history", "status")]
    out: list[str] = []
    i = 0
    picks = rng.choices(range(len(shapes)), weights=weights, k=lines)
    while len(out) < lines:
        pick = picks[i % len(picks)]
        shape = shapes[pick]
        # as in real code, a message is written by one logger (class) of one service
        logger, service = _LOGGERS[pick % len(_LOGGERS)], _SERVICES[pick % len(_SERVICES)]
        msg = _fill(shape, rng)
        r = rng.random()
        level = "ERROR" if r < error_share else ("WARN" if r < error_share * 4 else "INFO")
        fmt = i % 7
        if fmt == 0:
            thread = f"http-nio-8080-exec-{rng.randrange(1, 40)}"
            out.append(f"{_ts(i)} {level:>5} 1 --- [{thread}] {logger} : {msg}")
            if level == "ERROR" and rng.random() < 0.3:
                cls = rng.choice(_LOGGERS).split(".")[-1]
                out.extend(
                    _JAVA_TRACE.format(rng.choice(_NOUNS), cls, cls, rng.randrange(900)).split("\n")
                )
        elif fmt == 1:
            out.append(
                json.dumps(
                    {
                        "level": level.lower(),
                        "ts": 1714564800 + i / 1000,
                        "caller": f"{rng.choice(_NOUNS)}/handler.go:{rng.randrange(400)}",
                        "msg": msg,
                        "request_id": f"{rng.getrandbits(64):016x}",
                    }
                )
            )
        elif fmt == 2:
            status = 500 if r < error_share else rng.choice((200, 200, 200, 201, 204, 304, 404))
            path = rng.choice(routes).format(rng.randrange(10000))
            out.append(
                f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)} - - "
                f"[01/May/2024:12:{(i // 600) % 60:02d}:{(i // 10) % 60:02d} +0000] "
                f'"GET {path}?page={rng.randrange(9)} HTTP/1.1" {status} {rng.randrange(90000)} '
                f'"-" "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0"'
            )
        elif fmt == 3:
            ev = {
                "event": msg,
                "level": level.lower().replace("warn", "warning"),
                "logger": f"svc.{rng.choice(_NOUNS)}",
                "timestamp": _ts(i),
            }
            if level == "ERROR" and rng.random() < 0.3:
                k = rng.choice(_NOUNS)
                ev["exception"] = _PY_TRACE.format(rng.randrange(300), k, k, k)
            out.append(json.dumps(ev))
        elif fmt == 4:
            out.append(f'time="{_ts(i)}" level={level.lower()} msg="{msg}" component=worker')
        elif fmt == 5:
            status = 503 if r < error_share else 200
            out.append(
                f'[{_ts(i)}] "POST /rpc.{rng.choice(_SERVICES)}/{rng.choice(_VERBS)} HTTP/2" '
                f"{status} - {rng.randrange(2000)} {rng.randrange(9000)} {rng.randrange(300)} - "
                f'"10.1.{rng.randrange(256)}.{rng.randrange(256)}" "grpc-go/1.62" '
                f'"{rng.getrandbits(128):032x}" "{rng.choice(_SERVICES)}" '
                f'"10.2.0.{rng.randrange(256)}:9000"'
            )
        else:
            out.append(f"{_ts(i)} {level} [{service}] {msg}")
        i += 1
    return "\n".join(out[:lines]) + "\n"
