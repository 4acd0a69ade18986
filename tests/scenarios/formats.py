"""Real log line formats, rendered from (level, message) pairs, for the scenario suite.

Each renderer reproduces what the named framework writes with its stock configuration
(Spring Boot's logback console pattern, Quarkus' console format, Python `logging`'s
`%(asctime)s %(levelname)s %(name)s: %(message)s`, structlog's JSONRenderer, zap's
production JSON encoder, logrus' TextFormatter, nginx `combined`, envoy's default access
format and its JSON access log), so the reader is tested on the shapes it meets in pods.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

Renderer = Callable[[random.Random, int, str, str], str]
_SECONDS = 600


def ts(i: int) -> str:
    s = (i * 7) % _SECONDS
    return f"2024-05-01T12:{s // 60:02d}:{s % 60:02d}.{(i * 37) % 1000:03d}Z"


def spring(rng: random.Random, i: int, level: str, msg: str) -> str:
    thread = f"http-nio-8080-exec-{rng.randrange(1, 20)}"
    logger = rng.choice(
        ("c.e.orders.OrderController", "c.e.orders.OrderService", "c.e.orders.PaymentClient")
    )
    return f"{ts(i)} {level:>5} 1 --- [{thread}] {logger:<40} : {msg}"


def quarkus(rng: random.Random, i: int, level: str, msg: str) -> str:
    t = ts(i).replace("T", " ").replace("Z", "").replace(".", ",")
    cat = rng.choice(("org.acme.InventoryResource", "org.acme.StockRepository", "io.quarkus"))
    return f"{t} {level:<5} [{cat}] (executor-thread-{rng.randrange(1, 9)}) {msg}"


def pylogging(rng: random.Random, i: int, level: str, msg: str) -> str:
    t = ts(i).replace("T", " ").replace("Z", "").replace(".", ",")
    name = rng.choice(("checkout.views", "checkout.payments", "gunicorn.error"))
    lvl = {"WARN": "WARNING"}.get(level, level)
    return f"{t} {lvl} {name}: {msg}"


def structlog_json(rng: random.Random, i: int, level: str, msg: str) -> str:
    lvl = {"WARN": "warning"}.get(level, level.lower())
    return json.dumps(
        {
            "event": msg,
            "level": lvl,
            "logger": "recs.api",
            "timestamp": ts(i),
            "request_id": f"{rng.getrandbits(64):016x}",
        }
    )


def zap_json(rng: random.Random, i: int, level: str, msg: str) -> str:
    return json.dumps(
        {
            "level": level.lower(),
            "ts": 1714564800 + i * 0.137,
            "caller": f"server/{rng.choice(('handler', 'store'))}.go:{rng.randrange(30, 400)}",
            "msg": msg,
            "trace_id": f"{rng.getrandbits(128):032x}",
        },
        separators=(",", ":"),
    )


def logrus(rng: random.Random, i: int, level: str, msg: str) -> str:
    lvl = {"WARN": "warning"}.get(level, level.lower())
    esc = msg.replace('"', '\\"')
    return f'time="{ts(i)}" level={lvl} msg="{esc}" component=scheduler worker={rng.randrange(8)}'


FORMATS: dict[str, Renderer] = {
    "spring": spring,
    "quarkus": quarkus,
    "python": pylogging,
    "structlog": structlog_json,
    "zap": zap_json,
    "logrus": logrus,
}

_UA = (
    '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"',
    '"curl/8.5.0"',
    '"kube-probe/1.29"',
    '"okhttp/4.12.0"',
)
ROUTES = (
    "/api/v1/products/{}",
    "/api/v1/cart/{}/items",
    "/api/v1/orders/{}",
    "/healthz",
    "/api/v1/search",
    "/static/app.{}.js",
    "/api/v1/users/{}/profile",
)


def _route(rng: random.Random) -> str:
    return rng.choice(ROUTES).format(rng.randrange(1, 99999))


def nginx(rng: random.Random, i: int, status: int, method: str = "GET") -> str:
    s = (i * 7) % _SECONDS
    ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    q = f"?page={rng.randrange(5)}" if rng.random() < 0.3 else ""
    return (
        f'{ip} - - [01/May/2024:12:{s // 60:02d}:{s % 60:02d} +0000] "{method} {_route(rng)}{q}'
        f' HTTP/1.1" {status} {rng.randrange(200, 90000)} "-" {rng.choice(_UA)}'
    )


def envoy(rng: random.Random, i: int, status: int, method: str = "GET") -> str:
    flags = "UF" if status == 503 else "-"
    return (
        f'[{ts(i)}] "{method} {_route(rng)} HTTP/1.1" {status} {flags} 0 {rng.randrange(90000)}'
        f' {rng.randrange(1, 900)} {rng.randrange(1, 800)} "10.0.{rng.randrange(256)}.'
        f'{rng.randrange(256)}" {rng.choice(_UA)} "{rng.getrandbits(128):032x}" "shop.local"'
        f' "10.1.0.{rng.randrange(256)}:8080"'
    )


def json_access(rng: random.Random, i: int, status: int, method: str = "GET") -> str:
    return json.dumps(
        {
            "start_time": ts(i),
            "method": method,
            "path": _route(rng),
            "protocol": "HTTP/1.1",
            "response_code": status,
            "response_flags": "-",
            "bytes_sent": rng.randrange(90000),
            "duration": rng.randrange(1, 900),
            "upstream_host": f"10.1.0.{rng.randrange(256)}:8080",
            "x_request_id": f"{rng.getrandbits(64):016x}",
        }
    )


ACCESS_FORMATS: dict[str, Callable[..., str]] = {
    "nginx": nginx,
    "envoy": envoy,
    "json_access": json_access,
}
