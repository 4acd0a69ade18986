"""The demo's four workloads: live logs in the formats real services write.

Each scenario is one Argo Rollout in the simulated cluster. Its pods log per request, in
real time, at the traffic share the mesh gives them (stable ~90% at the first step), so a
`sinceSeconds` window reads what a real pod would have written in that window:

- `colour-web` (Quarkus, access log + app log): blue → yellow; only cosmetic differences
  → promote.
- `checkout` (Spring Boot logback): the canary throws a new NullPointerException with a
  stack trace on a share of the orders → abort.
- `gateway` (nginx access + error log): the canary's HTTP 5xx share rises with its age,
  an error-rate slider → abort once the jump is clear.
- `catalog` (Spring Boot logback): the canary leaks memory, heap warnings grow, then
  `java.lang.OutOfMemoryError` and an OOMKilled restart (the cluster applies the pod facts)
  → abort.

Every workload also writes INFO noise with ids and durations and a few pre-existing
warnings/errors at the same rate on both sides, which a good judge must not blame on the
canary. Generation is seeded per pod, so a run is reproducible for a given start time.
`PodLog` is the live log object the fake Kubernetes API calls as a log source.
"""

from __future__ import annotations

import bisect
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from exporter.model import Verdict

Line = tuple[float, str]


@dataclass(frozen=True, slots=True)
class Flavour:
    """What one revision of a workload runs: its colour and whether it carries the bug."""

    revision: int
    colour: str = "blue"
    buggy: bool = False


@dataclass(slots=True)
class RequestContext:
    """Per-pod facts a line generator needs."""

    rng: random.Random
    pod: str
    flavour: Flavour
    age: float  # simulated seconds since this container started (scaled by the demo speed)


Generator = Callable[[float, RequestContext], list[str]]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One workload: a rollout name, how its pods log, and what a judge should conclude."""

    name: str
    title: str
    expect: Verdict
    container: str
    request: Generator  # the lines of one request at time t
    startup: Callable[[float, RequestContext], list[str]]
    oom_after: float | None = None  # simulated seconds a buggy container lives before OOM
    first_colour: str = "blue"
    next_colours: tuple[str, ...] = ("blue",)


# --- formatting helpers -------------------------------------------------------------------

_IPS = [f"10.42.{a}.{b}" for a in (0, 1, 2) for b in (5, 17, 33, 64, 101, 188)]
_AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15",
    "okhttp/4.12.0",
    "curl/8.5.0",
    "kube-probe/1.31",
)


def _ms(t: float) -> int:
    return int((t % 1) * 1000)


def logback_ts(t: float) -> str:
    """Spring Boot's default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{_ms(t):03d}Z"


def quarkus_ts(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + f",{_ms(t):03d}"


def nginx_ts(t: float) -> str:
    return time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t))


def nginx_error_ts(t: float) -> str:
    return time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(t))


def spring(t: float, level: str, thread: str, logger: str, msg: str, app: str) -> str:
    return f"{logback_ts(t)} {level:>5} 1 --- [{app}] [{thread:>15}] {logger:<40} : {msg}"


def quarkus(t: float, level: str, logger: str, thread: str, msg: str) -> str:
    return f"{quarkus_ts(t)} {level:<5} [{logger}] ({thread}) {msg}"


def access(
    t: float, rng: random.Random, method: str, path: str, status: int, size: int, secs: float
) -> str:
    """nginx `combined` plus request time, as most ingress configs log it."""
    ip = rng.choice(_IPS)
    agent = rng.choice(_AGENTS)
    return (
        f'{ip} - - [{nginx_ts(t)}] "{method} {path} HTTP/1.1" {status} {size} "-" "{agent}" '
        f"rt={secs:.3f}"
    )


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _exec(rng: random.Random) -> str:
    return f"nio-8080-exec-{rng.randint(1, 10)}"


# --- 1. colour-web: healthy colour change ----------------------------------------------------


def _colour_request(t: float, c: RequestContext) -> list[str]:
    rng, colour = c.rng, c.flavour.colour
    lines: list[str] = []
    took = max(1, int(rng.gauss(6, 2)))
    thread = f"executor-thread-{rng.randint(1, 8)}"
    roll = rng.random()
    if roll < 0.82:
        lines.append(
            quarkus(
                t,
                "INFO",
                "dev.demo.ColorResource",
                thread,
                f'Serving color "{colour}" to session={_hex(rng, 12)} in {took} ms',
            )
        )
        lines.append(access(t, rng, "GET", "/color", 200, 38 + len(colour), took / 1000))
    elif roll < 0.97:
        lines.append(access(t, rng, "GET", "/", 200, 2817, 0.002))
    else:
        lines.append(access(t, rng, "GET", "/favicon.ico", 404, 0, 0.001))
    # pre-existing, same rate on both sides
    if rng.random() < 0.01:
        lines.append(
            quarkus(
                t,
                "WARN",
                "io.qua.mic.reg.statsd",
                "vert.x-eventloop-thread-1",
                "Failed to send metrics to statsd-exporter.monitoring:9125: Connection refused",
            )
        )
    if rng.random() < 0.004:
        lines.append(
            quarkus(
                t,
                "ERROR",
                "dev.demo.SessionStore",
                thread,
                f"Session {_hex(rng, 12)} expired before it could be refreshed (ttl 1800 s)",
            )
        )
    return lines


def _colour_startup(t: float, c: RequestContext) -> list[str]:
    return [
        quarkus(
            t,
            "INFO",
            "io.quarkus",
            "main",
            f"colour-web 1.{c.flavour.revision}.0 on JVM (powered by Quarkus 3.15.1) started in "
            "0.912s. Listening on: http://0.0.0.0:8080",
        ),
        quarkus(t, "INFO", "io.quarkus", "main", "Profile prod activated."),
        quarkus(
            t,
            "INFO",
            "dev.demo.ColorResource",
            "main",
            f'Theme loaded: color "{c.flavour.colour}"',
        ),
    ]


# --- 2. checkout: a new NullPointerException -------------------------------------------------

_CHECKOUT = "checkout"
_NPE = (
    'java.lang.NullPointerException: Cannot invoke "java.math.BigDecimal.multiply(java.math.'
    'BigDecimal)" because the return value of "com.example.checkout.domain.Discount.getRate()" '
    "is null"
)
_NPE_FRAMES = (
    "\tat com.example.checkout.domain.Order.total(Order.java:87)",
    "\tat com.example.checkout.service.OrderService.place(OrderService.java:54)",
    "\tat com.example.checkout.web.OrderController.create(OrderController.java:41)",
    "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke("
    "DirectMethodHandleAccessor.java:103)",
    "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
    "\tat org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)",
    "\tat java.base/java.lang.Thread.run(Thread.java:1583)",
)


def _checkout_request(t: float, c: RequestContext) -> list[str]:
    rng = c.rng
    thread = _exec(rng)
    order, customer = rng.randint(40000, 99999), rng.randint(1000, 9999)
    items = rng.randint(1, 6)
    took = max(3, int(rng.lognormvariate(3.0, 0.4)))
    ctl = "c.e.checkout.web.OrderController"
    lines = [
        spring(t, "INFO", thread, ctl, f"Placing order {order} for customer {customer}, "
               f"{items} items", _CHECKOUT),
    ]  # fmt: skip
    discounted = rng.random() < 0.3
    if c.flavour.buggy and discounted and rng.random() < 0.6:
        lines.append(
            spring(
                t,
                "ERROR",
                thread,
                "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                "Servlet.service() for servlet [dispatcherServlet] in context with path [] "
                "threw exception [Request processing failed: " + _NPE + "] with root cause",
                _CHECKOUT,
            )
        )
        lines.append(_NPE)
        lines.extend(_NPE_FRAMES)
        return lines
    if discounted:
        lines.append(
            spring(t, "INFO", thread, "c.e.checkout.pricing.DiscountService",
                   f"Applied discount SPRING{rng.randint(10, 30)} to order {order}", _CHECKOUT)
        )  # fmt: skip
    if rng.random() < 0.006:  # pre-existing: the payment provider times out now and then
        lines.append(
            spring(
                t,
                "ERROR",
                thread,
                "c.e.checkout.payment.PaymentClient",
                f"Payment authorisation timed out after 5000 ms for order {order}; will retry",
                _CHECKOUT,
            )
        )
    else:
        lines.append(
            spring(t, "INFO", thread, "c.e.checkout.payment.PaymentClient",
                   f"Payment authorised for order {order}: txn={_hex(rng, 16)} "
                   f"amount={rng.randint(5, 400)}.{rng.randint(0, 99):02d} EUR", _CHECKOUT)
        )  # fmt: skip
    if rng.random() < 0.02:
        lines.append(
            spring(t, "WARN", thread, "c.e.checkout.inventory.InventoryClient",
                   f"Inventory lookup slow: {rng.randint(700, 1500)} ms for sku "
                   f"SKU-{rng.randint(1000, 9999)}", _CHECKOUT)
        )  # fmt: skip
    lines.append(spring(t, "INFO", thread, ctl, f"Order {order} placed in {took} ms", _CHECKOUT))
    return lines


def _spring_startup(app: str, main_class: str) -> Callable[[float, RequestContext], list[str]]:
    def startup(t: float, c: RequestContext) -> list[str]:
        return [
            spring(t, "INFO", "main", f"c.e.{app}.{main_class}",
                   f"Starting {main_class} v2.{c.flavour.revision}.0 using Java 21.0.5 with "
                   "PID 1", app),
            spring(t, "INFO", "main", f"c.e.{app}.{main_class}",
                   'The following 1 profile is active: "prod"', app),
            spring(t, "INFO", "main", "o.s.b.w.embedded.tomcat.TomcatWebServer",
                   "Tomcat started on port 8080 (http) with context path '/'", app),
            spring(t, "INFO", "main", f"c.e.{app}.{main_class}",
                   f"Started {main_class} in 4.812 seconds (process running for 5.377)", app),
        ]  # fmt: skip

    return startup


# --- 3. gateway: an error-rate slider ---------------------------------------------------------

_ROUTES = (
    ("GET", "/api/products/{}", 200, 1834),
    ("GET", "/api/cart", 200, 512),
    ("POST", "/api/cart/items", 201, 96),
    ("GET", "/static/app.{}.js", 304, 0),
    ("POST", "/api/checkout", 200, 221),
)
_SLIDER_MAX = 0.35  # 5xx share the canary reaches
_SLIDER_RAMP = 30.0  # simulated seconds to get there


def _gateway_request(t: float, c: RequestContext) -> list[str]:
    rng = c.rng
    method, path, status, size = rng.choice(_ROUTES)
    if "{}" in path:
        path = path.format(rng.randint(100, 9999))
    fail = 0.004  # pre-existing: same share of 502s on both sides
    if c.flavour.buggy:
        fail += _SLIDER_MAX * min(1.0, c.age / _SLIDER_RAMP)
    if rng.random() < fail:
        upstream = f"10.96.{rng.randint(0, 3)}.{rng.randint(2, 250)}:8080"
        return [
            f"{nginx_error_ts(t)} [error] 29#29: *{rng.randint(10000, 99999)} upstream "
            "prematurely closed connection while reading response header from upstream, "
            f'client: {rng.choice(_IPS)}, server: shop.demo, request: "{method} {path} '
            f'HTTP/1.1", upstream: "http://{upstream}{path}", host: "shop.demo"',
            access(t, rng, method, path, 502, 157, rng.uniform(0.2, 1.5)),
        ]
    return [access(t, rng, method, path, status, size, max(0.001, rng.gauss(0.02, 0.008)))]


def _gateway_startup(t: float, c: RequestContext) -> list[str]:
    ts = nginx_error_ts(t)
    return [
        f'{ts} [notice] 1#1: using the "epoll" event method',
        f"{ts} [notice] 1#1: nginx/1.27.3",
        f"{ts} [notice] 1#1: start worker processes",
    ]


# --- 4. catalog: a memory leak ---------------------------------------------------------------

_CATALOG = "catalog"
_OOM_AFTER = 24.0  # simulated seconds a leaking container lives
_OOM_FRAMES = (
    "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3541)",
    "\tat java.base/java.util.ArrayList.grow(ArrayList.java:237)",
    "\tat com.example.catalog.cache.ProductCache.remember(ProductCache.java:58)",
    "\tat com.example.catalog.web.ProductController.get(ProductController.java:33)",
)


def _catalog_request(t: float, c: RequestContext) -> list[str]:
    rng = c.rng
    thread = _exec(rng)
    sku = f"SKU-{rng.randint(1000, 9999)}"
    hit = rng.random() < 0.7
    took = max(1, int(rng.gauss(4 if hit else 28, 3)))
    lines = [
        spring(t, "INFO", thread, "c.e.catalog.web.ProductController",
               f"GET /api/products/{sku} cache={'hit' if hit else 'miss'} took {took} ms",
               _CATALOG),
    ]  # fmt: skip
    if rng.random() < 0.005:  # pre-existing on both sides
        lines.append(
            spring(t, "WARN", thread, "c.e.catalog.search.SearchClient",
                   "Search index replica slow, falling back to primary after "
                   f"{rng.randint(300, 900)} ms", _CATALOG)
        )  # fmt: skip
    if c.flavour.buggy:
        heap = min(99.0, 60.0 + 40.0 * c.age / _OOM_AFTER)
        if heap >= 80 and rng.random() < 0.15:
            used = int(768 * heap / 100)
            lines.append(
                spring(t, "WARN", "Thread-4", "c.e.catalog.health.HeapMonitor",
                       f"Heap usage above {int(heap)}% of max after full GC (used={used}MB "
                       f"max=768MB, cache entries={int(c.age * 5210)})", _CATALOG)
            )  # fmt: skip
        if heap >= 95 and rng.random() < 0.2:
            lines.append(
                spring(t, "ERROR", thread, "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                       "Servlet.service() for servlet [dispatcherServlet] threw exception",
                       _CATALOG)
            )  # fmt: skip
            lines.append("java.lang.OutOfMemoryError: Java heap space")
            lines.extend(_OOM_FRAMES)
    return lines


# --- the catalogue of scenarios -------------------------------------------------------------

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        name="colour-web",
        title="Healthy colour change (blue → yellow): only cosmetic differences",
        expect=Verdict.PROMOTE,
        container="web",
        request=_colour_request,
        startup=_colour_startup,
        first_colour="blue",
        next_colours=("yellow", "green", "purple", "orange", "blue"),
    ),
    Scenario(
        name="checkout",
        title="New NullPointerException with a stack trace on discounted orders",
        expect=Verdict.ABORT,
        container="checkout",
        request=_checkout_request,
        startup=_spring_startup(_CHECKOUT, "CheckoutApplication"),
    ),
    Scenario(
        name="gateway",
        title="Error-rate slider: the canary's HTTP 5xx share rises over time",
        expect=Verdict.ABORT,
        container="nginx",
        request=_gateway_request,
        startup=_gateway_startup,
    ),
    Scenario(
        name="catalog",
        title="Memory leak: heap warnings, then OutOfMemoryError and OOMKilled restarts",
        expect=Verdict.ABORT,
        container="catalog",
        request=_catalog_request,
        startup=_spring_startup(_CATALOG, "CatalogApplication"),
        oom_after=_OOM_AFTER,
    ),
)


def scenario(name: str) -> Scenario:
    for s in SCENARIOS:
        if s.name == name:
            return s
    raise KeyError(name)


# --- live pod logs ---------------------------------------------------------------------------


class PodLog:
    """The live log of one container: lines are written as simulated requests arrive.

    The cluster calls `advance(now, rate)` every tick with this pod's current request rate;
    the fake Kubernetes API calls the object itself as a log source with (since, now).
    Lines older than `retention` seconds are dropped, so memory stays bounded.
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        pod: str,
        flavour: Flavour,
        started: float,
        speed: float = 1.0,
        seed: int = 0,
        retention: float = 900.0,
    ) -> None:
        self.scenario = scenario
        self.pod = pod
        self.flavour = flavour
        self.started = started
        self._speed = speed
        self._rng = random.Random(f"{pod}:{seed}")
        self._retention = retention
        self._times: list[float] = []
        self._lines: list[str] = []
        self._until = started
        self._write(started, scenario.startup(started, self._ctx(started)))

    def _ctx(self, t: float) -> RequestContext:
        return RequestContext(self._rng, self.pod, self.flavour, (t - self.started) * self._speed)

    def _write(self, t: float, lines: Iterable[str]) -> None:
        for line in lines:
            self._times.append(t)
            self._lines.append(line)

    @property
    def age(self) -> float:
        """Simulated seconds this container has lived."""
        return (self._until - self.started) * self._speed

    def advance(self, now: float, rate: float) -> None:
        """Write the requests of (last advance, now] at `rate` requests per second."""
        start = self._until
        if now <= start:
            return
        expected = rate * (now - start)
        count = int(expected) + (1 if self._rng.random() < expected % 1 else 0)
        stamps = sorted(self._rng.uniform(start, now) for _ in range(count))
        for t in stamps:
            self._write(t, self.scenario.request(t, self._ctx(t)))
        self._until = now
        self._trim(now)

    def _trim(self, now: float) -> None:
        cut = bisect.bisect_left(self._times, now - self._retention)
        if cut > 256:  # amortised: delete in chunks
            del self._times[:cut]
            del self._lines[:cut]

    def __call__(self, since: float | None, now: float) -> list[Line]:
        start = 0 if since is None else bisect.bisect_left(self._times, since)
        return list(zip(self._times[start:], self._lines[start:], strict=True))

    def crash(self, now: float, lines: Iterable[str]) -> FrozenLog:
        """The container dies now: its last words are written and its log frozen."""
        self._write(now, lines)
        return FrozenLog(self._times, self._lines)

    def __len__(self) -> int:
        return len(self._lines)


class FrozenLog:
    """A dead container's log (what `kubectl logs --previous` shows)."""

    def __init__(self, times: list[float], lines: list[str]) -> None:
        self._times = times
        self._lines = lines

    def __call__(self, since: float | None, now: float) -> list[Line]:
        start = 0 if since is None else bisect.bisect_left(self._times, since)
        return list(zip(self._times[start:], self._lines[start:], strict=True))


def oom_last_words(t: float, rng: random.Random) -> list[str]:
    """What a JVM writes as the kernel's OOM killer is about to end it."""
    return [
        spring(t, "ERROR", _exec(rng), "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
               "Servlet.service() for servlet [dispatcherServlet] threw exception", _CATALOG),
        "java.lang.OutOfMemoryError: Java heap space",
        *_OOM_FRAMES,
        spring(t, "WARN", "Thread-4", "c.e.catalog.health.HeapMonitor",
               "Heap usage above 99% of max after full GC (used=766MB max=768MB)", _CATALOG),
    ]  # fmt: skip
