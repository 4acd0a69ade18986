"""Format-agnostic evidence: transports, levels anywhere, error words, status, durations.

Lines are in the shapes real tools print (kubectl --prefix, stern, CRI, docker json-file,
Go's std log, BGL, logcat, MongoDB, Rails, Envoy, nginx); the corpus tests (test_corpus.py)
measure the judge on whole real pairs, these pin each reading rule.
"""

from __future__ import annotations

import json

import pytest

from exporter.digest import read_events
from exporter.digest.latency import bin_of, compare_histograms
from exporter.digest.signals import duration_of, lexicon_hit, text_status
from exporter.digest.transport import unwrap
from exporter.model import Severity

PANIC = "panic: runtime error: invalid memory address or nil pointer dereference"
GO_TRACE = [PANIC, "goroutine 1 [running]:", "main.handler(0x0)", "\t/app/main.go:42 +0x1d"]


def test_kubectl_prefix_and_timestamps_do_not_hide_a_panic() -> None:
    text = "\n".join(
        f"[pod/web-7d9f8-abcde/app] 2024-05-14T11:00:42.123456789Z {ln}" for ln in GO_TRACE
    )
    (ev,) = list(read_events(text))
    assert ev.kind == "panic" and ev.severity is Severity.FATAL


def test_stern_prefix_is_stripped() -> None:
    text = "\n".join(f"web-7d9f8c6b5-x2x9q app {ln}" for ln in GO_TRACE)
    assert unwrap(text).splitlines()[0] == PANIC


def test_cri_partial_lines_are_joined() -> None:
    text = (
        "2024-05-14T11:00:42.1Z stdout P ERROR first half of a long \n"
        "2024-05-14T11:00:42.1Z stdout F line\n"
        "2024-05-14T11:00:43.1Z stderr F INFO next"
    )
    assert unwrap(text).splitlines() == ["ERROR first half of a long line", "INFO next"]


def test_docker_json_file_keeps_traces_together() -> None:
    text = "\n".join(
        json.dumps({"log": ln + "\n", "stream": "stderr", "time": "2024-05-14T11:00:42Z"})
        for ln in GO_TRACE
    )
    (ev,) = list(read_events(text))
    assert ev.kind == "panic"


@pytest.mark.parametrize(
    ("line", "severity"),
    [
        # BGL: the level after eight columns
        (
            "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872"
            " R02-M1-N0-C:J12-U11 RAS KERNEL FATAL data TLB error interrupt",
            Severity.FATAL,
        ),
        ("03-17 16:13:38.811  1702  2395 E WindowManager: failed to freeze", Severity.ERROR),
        ('{"t":{"$date":"2024-05-14"},"s":"W","c":"NETWORK","msg":"slow"}', Severity.WARNING),
        ('{"PRIORITY":"3","MESSAGE":"unit failed"}', Severity.ERROR),
        ('{"level":50,"msg":"boom"}', Severity.ERROR),
        ('{"@l":"Warning","@mt":"disk low"}', Severity.WARNING),
        ("<11>Jun 14 15:16:01 host app[1]: it broke", Severity.ERROR),
        ("2016-09-28 04:30:30, Error CBS Failed to process single phase", Severity.ERROR),
        # Go's std log has no level: the words say it
        (
            "2024/05/14 11:00:42 http: TLS handshake error from 10.0.0.7:52110:"
            " remote error: tls: bad certificate",
            Severity.ERROR,
        ),
        ("2024/05/14 11:00:42 Started server on :8080", Severity.INFO),
        ("2024/05/14 11:00:42 finished with no errors", Severity.INFO),
    ],
)
def test_severity_from_anywhere(line: str, severity: Severity) -> None:
    (ev,) = list(read_events(line))
    assert ev.severity is severity


def test_warn_reporting_a_failure_is_marked() -> None:
    line = "081109 203615 148 WARN dfs.DataNode$DataXceiver: Got exception while serving blk_1"
    (ev,) = list(read_events(line))
    assert ev.severity is Severity.WARNING and ev.lexical


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("500 - blue", 500),
        ("200 - green (2.000000s)", 200),
        ("Returning 502", 502),
        ("Returning 200 results", None),
        ("request done status=503 path=/x", 503),
        ("rpc error: code = Unavailable desc = connection refused", 503),
        ("Completed 500 Internal Server Error in 12ms", 500),
        ("GET /api/items 500 12.345 ms - 52", 500),
        ('[GIN] 2024/05/14 - 11:00:42 | 502 |  1.2ms | 10.0.0.1 | GET "/x"', 502),
        ("processed 404 items", None),
    ],
)
def test_status_in_any_position(line: str, status: int | None) -> None:
    assert text_status(line) == status


@pytest.mark.parametrize(
    ("line", "seconds"),
    [
        ("200 - green (2.000000s)", 2.0),
        ("Completed 200 OK in 2500ms (Views: 1.2ms)", 2.5),
        ("status: 200 len: 1893 time: 0.2477829", 0.2477829),
        ('time="2024-05-01T12:00:37.375Z" level=info msg=x', None),
        ("GET /api 200 12.5 ms - 52", 0.0125),
        ("LOG:  duration: 2500.123 ms  statement: SELECT 1", 2.500123),
        ("Times: total = 326, boot = -75, init = 114", 326.0),  # Spark: about time
        ("processed batch total=500 records", None),  # a count
        ("request total: 12ms", 0.012),
        # the unit in the key (go-grpc-middleware's logrus fields)
        ("grpc.code=OK grpc.method=List grpc.time_ms=22.643 span.kind=server", 0.022643),
        ("done took_ms=250", 0.25),
        # delay-words with a prefix or a camel-case unit; `start_time` stays a timestamp
        ("msg=done request_duration=0.25", 0.25),
        ("msg=done db_latency_ms=250", 0.25),
        ("x durationMs=12 elapsedMillis=40", 0.012),
        ("start_time=1700000000 duration=12ms", 0.012),
        # an abbreviated delay word with its unit glued on: PowerDNS Recursor's answer line
        # (https://github.com/PowerDNS/pdns/issues/14440); bare, or on other words, a count
        ('msg="Answer" netms="278.527789" outqueries="1" totms="282.543927"', 0.278527789),
        ('msg="Answer" outqueries="1" totms="282.543927"', 0.282543927),
        ("answers tot=5 items=5 rooms=3", None),
        ("start_time=1700000000 status=ok", None),
        ('grpc.start_time="2026-03-09T10:00:00Z" system=grpc', None),
    ],
)
def test_durations(line: str, seconds: float | None) -> None:
    got = duration_of(line)
    assert (got is None) if seconds is None else got == pytest.approx(seconds)


def test_envoy_and_nginx_access_durations() -> None:
    envoy = '[2024-05-14T11:00:42.123Z] "GET /api HTTP/1.1" 200 - 0 91 2300 2299 "-" "curl"'
    nginx = '10.0.0.1 - - [14/May/2024:11:00:42 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua" 0.093'
    (e,) = list(read_events(envoy))
    (n,) = list(read_events(nginx))
    assert e.duration == pytest.approx(2.3) and n.duration == pytest.approx(0.093)


def test_lexicon_ignores_negations() -> None:
    assert lexicon_hit("dial tcp 10.0.0.1:5432: connect: connection refused")
    assert lexicon_hit("Error: connect ECONNREFUSED 10.0.0.1:5432")
    assert not lexicon_hit("health check ok, errors=0")
    assert not lexicon_hit("sync finished without errors")


def test_an_error_key_whose_value_is_none_is_no_error() -> None:
    # go-zookeeper's client closing cleanly, Go std log without a level
    # (https://github.com/CloudTask/cloudtask/blob/master/docs/zh-cn/deploy.md)
    (ok,) = list(read_events("2018/03/16 15:07:30 Send loop terminated: err=<nil>"))
    assert ok.severity is Severity.INFO
    (eof,) = list(read_events("2018/03/16 15:07:30 Recv loop terminated: err=EOF"))
    assert eof.severity is Severity.ERROR
    assert not lexicon_hit('{"msg":"done","error":null}') and not lexicon_hit("failed=false")
    assert lexicon_hit("error: null pointer dereference")  # prose after a colon


def test_a_peer_that_does_not_answer_is_a_failure() -> None:
    # Ceph OSD's heartbeat failure (https://github.com/ceph/ceph-ansible/issues/1297,
    # https://github.com/rook/rook/issues/605), its `-1` level a number in a column
    line = (
        "debug 2026-11-24T13:21:00.000+0000 7ff446e91b4d -1 osd.0 12 heartbeat_check: no reply"
        " from 10.1.65.75:6803 osd.1 ever on either front or back, first ping sent"
        " 2026-11-24 13:20:40.000000 (cutoff 2026-11-24 13:20:40.000000)"
    )
    assert lexicon_hit(line)
    (ev,) = list(read_events(line))
    assert ev.severity is Severity.ERROR
    assert lexicon_hit("mon.a is not responding")
    assert not lexicon_hit("reply sent to 10.0.0.7; responding with cached answer")


def _hist(values: list[float]) -> dict[int, int]:
    out: dict[int, int] = {}
    for v in values:
        out[bin_of(v)] = out.get(bin_of(v), 0) + 1
    return out


def test_rank_test_sees_slowdowns_not_noise() -> None:
    stable = _hist([0.20 + 0.01 * (i % 7) for i in range(200)])
    slow = _hist([0.55 + 0.02 * (i % 5) for i in range(40)])
    noisy = _hist([0.21 + 0.012 * (i % 6) for i in range(40)])
    faster = _hist([0.05 + 0.01 * (i % 3) for i in range(40)])
    shift = compare_histograms("t", stable, slow, 1)
    assert shift is not None and shift.regression
    assert shift.canary_median > 2 * shift.stable_median
    for other in (noisy, faster):
        got = compare_histograms("t", stable, other, 1)
        assert got is not None and not got.regression
    assert compare_histograms("t", stable, _hist([9.0] * 5), 1) is None  # too few values


def test_quarkus_common_format_duration_closes_the_line() -> None:
    line = (
        "2026-11-30 09:00:00,790 INFO  [io.qua.htt.access-log] (executor-thread-5) 10.0.0.6"
        ' - - [30/Nov/2026:09:00:00 +0000] "GET /fruits/36 HTTP/1.1" 200 41 235'
    )
    (ev,) = list(read_events(line))
    assert ev.http_status == 200 and ev.duration == pytest.approx(0.235)


def test_every_line_of_a_timed_template_is_counted() -> None:
    from exporter.digest.templates import TemplateMiner

    miner = TemplateMiner(2)
    text = "\n".join(f"INFO request {i} served in {100 + i}ms" for i in range(30))
    for ev in read_events(text):
        miner.add(ev, 1)
    (tpl,) = miner.raw()
    assert sum(tpl.durations[1].values()) == 30  # the first two read back from exemplars


def test_a_delay_stable_never_reports_aborts_but_stays_soft() -> None:
    from exporter.judges.heuristic import judge_digest
    from exporter.model import Digest, LatencyShift, SideStats, Verdict

    added = LatencyShift("all 2xx requests", 0, 300, 0.0, 2.0, 0.0, 2.1, 0.0, True)
    digest = Digest(
        stable=SideStats(pods=1, lines=3000, events=3000, requests=3000),
        canary=SideStats(pods=1, lines=300, events=300, requests=300),
        diffs=[],
        latency=[added],
    )
    verdict = judge_digest(digest)
    assert verdict.verdict is Verdict.ABORT
    assert [e.weight for e in verdict.evidence if e.kind == "latency_added"] == ["soft"]


@pytest.mark.parametrize(
    ("lines", "seconds"),
    [
        # Gin's column layout: the latency has no key, only its unit, padded to a width
        (
            [
                f'[GIN] 2026/11/30 - 09:00:0{i} | 200 | {w} | 10.0.3.{i} | GET "/api"'
                for i, w in enumerate(("  2.96ms", " 12.5ms", "    743ns"))
            ],
            [0.00296, 0.0125, 743e-9],
        ),
        # the unit glued to a colon (Celery) or a full stop (ClickHouse's `sec.,`)
        (
            [f"Task app.tasks.t[{i}] succeeded in 0.1{i}s: None" for i in range(3)],
            [0.10, 0.11, 0.12],
        ),
        (
            [
                f"executeQuery: Read {i} rows, 1.69 KiB in 0.00{i + 1} sec., 31799 rows/sec."
                for i in range(3)
            ],
            [0.001, 0.002, 0.003],
        ),
    ],
)
def test_each_line_of_a_template_gives_its_latency(lines: list[str], seconds: list[float]) -> None:
    from exporter.digest.templates import TemplateMiner

    miner = TemplateMiner(2)
    for ev in read_events("\n".join(lines)):
        miner.add(ev, 0)
    got = sorted(b for t in miner.raw() for b, k in t.durations[0].items() for _ in range(k))
    assert got == sorted(bin_of(s) for s in seconds)


def test_a_layout_the_token_slot_cannot_read_falls_back_to_the_finder() -> None:
    from exporter.digest.signals import SCAN, duration_at, locate_duration
    from exporter.digest.templates import TemplateMiner

    # the finder reads `10ms`; the token `elapsed:5ms/10ms` reads as `5` with no unit
    lines = [f"request {i} elapsed:5ms/{10 + i}ms done" for i in range(3)]
    assert locate_duration(lines[0]) == SCAN
    assert duration_at(lines[0], SCAN) == pytest.approx(0.010)
    miner = TemplateMiner(2)
    for ev in read_events("\n".join(lines)):
        miner.add(ev, 0)
    got = sorted(b for t in miner.raw() for b, k in t.durations[0].items() for _ in range(k))
    assert got == sorted(bin_of(0.010 + i / 1000) for i in range(3))  # every line, not none


def test_json_fields_named_like_a_delay_are_latencies() -> None:
    lines = [
        {"level": "info", "msg": "served", "http.server.duration": 0.5},
        {"level": "info", "msg": "served", "responseTimeMs": 120},
        {"level": "info", "msg": "served", "elapsed_millis": 40},
        {"level": "info", "msg": "served", "start_time": 5, "timestamp": 6},
        {"level": "info", "msg": "answered", "items": 5, "totms": 282.5},
    ]
    got = [ev.duration for ev in read_events("\n".join(json.dumps(o) for o in lines))]
    approx = pytest.approx
    assert got == [approx(0.5), approx(0.12), approx(0.04), None, approx(0.2825)]


@pytest.mark.parametrize(
    ("line", "status", "seconds", "key"),
    [
        # Squid's native access log: epoch, elapsed ms, client, CODE/status, bytes, method, URL
        (
            "1795525205.663   2022 192.168.13.78 TAG_NONE/503 0 CONNECT graph.facebook.com:443"
            " - HIER_NONE/- -",
            503,
            2.022,
            "CONNECT graph.facebook.com:443 503",
        ),
        # oauth2-proxy's request log: the status after the quoted user agent
        (
            "172.20.0.1 - e6042aad - admin@example.com [2026/11/24 13:05:07] bank1.localho.st"
            ' GET httpbin "/status/200" HTTP/1.1 "Mozilla/5.0 (Macintosh)" 502 9316 5.012',
            502,
            5.012,
            "GET /status/200 502",
        ),
    ],
)
def test_access_logs_without_a_quoted_request(
    line: str, status: int, seconds: float, key: str
) -> None:
    (ev,) = list(read_events(line))
    assert ev.http_status == status and ev.duration == pytest.approx(seconds)
    assert (ev.severity is Severity.ERROR) == (status >= 500)
    assert ev.key == key


def test_solr_qtime_and_kube_apiserver_resp_are_read() -> None:
    solr = (
        "2026-11-24 09:00:59.170 INFO  (qtp884231967-27) [   x:search] o.a.s.c.S.Request"
        " [search]  webapp=/solr path=/select params={q=label:x&rows=10} hits=243 status=0"
        " QTime=7"
    )
    assert duration_of(solr) == pytest.approx(0.007)  # QTime is milliseconds
    api = (
        'I1124 09:00:17.434922       1 httplog.go:131] "HTTP" verb="PUT" URI="/apis/x"'
        ' latency="13.668119ms" userAgent="kuberay-operator" resp=500'
    )
    (ev,) = list(read_events(api))
    assert ev.http_status == 500 and ev.severity is Severity.ERROR


def test_status_and_delay_in_nested_json_objects() -> None:
    line = json.dumps(
        {
            "timestamp": "2026-11-24T09:00:04.367+0000",
            "level": "info",
            "type": "http-log",
            "detail": {
                "operation": {"query_execution_time": 0.0082, "request_id": "551ccbf2"},
                "http_info": {"status": 503, "url": "/v1/graphql", "method": "POST"},
            },
        }
    )
    (ev,) = list(read_events(line))
    assert ev.http_status == 503 and ev.key == "POST /v1/graphql 503"
    assert ev.duration == pytest.approx(0.0082)


def test_access_duration_after_a_request_id() -> None:
    line = (
        '[httpd] 10.42.0.83 - root [24/Nov/2026:09:00:03 +0000] "POST /write?db=telegraf'
        ' HTTP/1.1" 204 0 "-" "InfluxDBClient" 5a17ea61-9804-11e7-1b97-000000000000 10304'
    )
    (ev,) = list(read_events(line))
    assert ev.http_status == 204 and ev.duration == pytest.approx(10.304)


def test_long_json_lines_of_one_shape_are_one_template() -> None:
    # the cut to the template's length comes after masking: a longer value early in the
    # line must not move the cut to another field
    from exporter.digest.templates import TemplateMiner

    miner = TemplateMiner(2)
    for i, host in enumerate(("rocketchat-7c9d8f6b5-m2xkq", "rocketchat-canary-5b8f9-r7tzl")):
        rec = {
            "level": 35,
            "hostname": host,
            "name": "Meteor",
            "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " * 4,
            "referer": "https://chat.example.org/home",
            "remoteIP": None,
            "instanceId": "mycY9oRuaBL8azVbW",
        }
        for ev in read_events(json.dumps(rec)):
            miner.add(ev, i)
    assert [t.counts for t in miner.raw()] == [[1, 1]]


def test_syslog_stamp_and_host_are_transport_and_zap_console_levels_are_read() -> None:
    # rsyslog forwarding a zap console line: `#011` is the tab, the host is not the app's
    stable = (
        "Mar 14 09:03:43 query vminsert-prod: 2026-03-14T09:03:43.389Z#011warn#011"
        "VictoriaMetrics/app/vminsert/netstorage/netstorage.go:306#011cannot send 1568 bytes"
    )
    canary = stable.replace(" query ", " query2 ")
    assert unwrap(stable).startswith("2026-03-14T09:03:43.389Z\twarn\t")  # one program
    assert unwrap(canary) == unwrap(stable)
    (ev,) = list(read_events(stable))
    assert ev.severity is Severity.WARNING
    postfix = (
        "<30>Nov 24 13:46:27 mail postfix/smtpd[642607]: NOQUEUE: reject\n"
        "<30>Nov 24 13:46:27 mail postfix/qmgr[1]: 1A2B: removed\n"
    )
    # several programs in one journal keep their tags; one program's tag is transport too
    assert unwrap(postfix) == (
        "<30>postfix/smtpd[642607]: NOQUEUE: reject\n<30>postfix/qmgr[1]: 1A2B: removed\n"
    )
    journal = "".join(
        f"Jun 11 09:10:20 broker-0 pulsar[14021]: {ln}\n"
        for ln in ("java.lang.NullPointerException: null", "\tat org.apache.pulsar.X.y(X.java:1)")
    )
    (npe,) = list(read_events(journal))
    assert npe.kind == "exception" and npe.severity is Severity.ERROR


def test_an_abbreviated_response_time_key_is_a_delay() -> None:
    line = "coprocessor.go:664: [info] [TIME_COP_PROCESS] resp_time:210.76269ms txn_start_ts:4"
    assert duration_of(line) == pytest.approx(0.21076269)


def test_padded_levels_after_an_app_stamp_and_padding_after_a_duration() -> None:
    # zap's console encoder aligned with spaces: the stamp has the kubelet's shape
    text = (
        "2024-06-11T09:00:00Z\tINFO\tReconciling ScaledObject\n"
        "2024-06-11T09:00:46.483Z    ERROR    metrics_api_scaler    Error when checking"
        " metric value: api returned 403\n"
    )
    assert [ev.severity for ev in read_events(text)] == [Severity.INFO, Severity.ERROR]
    actix = (
        '2024-06-11T09:00:00.266548Z  INFO actix_web::middleware::logger: 10.0.10.59 "POST'
        ' /collections/c/points/search HTTP/1.1" 200 81 "-" "python-httpx/0.25.2" 0.065    '
    )
    (ev,) = list(read_events(actix))
    assert ev.http_status == 200 and ev.duration == pytest.approx(0.065)


def test_an_error_field_makes_an_info_line_report_a_failure() -> None:
    rec = {"level": "info", "msg": "matching client encountered error", "error": "EOF"}
    (ev,) = list(read_events(json.dumps(rec)))
    assert ev.severity is Severity.INFO and ev.lexical


def test_right_aligned_number_column_and_info_route_status_and_runtime() -> None:
    zabbix = (
        ' 17416:20261130:090037.281 resuming Zabbix agent checks on host "web-01"\n'
        ' 7465:20261130:090501.867 Zabbix agent item "x" on host "db" failed: first network'
        " error, wait for 15 seconds\n"
    )
    assert len(list(read_events(zabbix))) == 2  # the padding is alignment, not continuation
    ray = (
        "(ServeReplica:default:Ingress pid=1351463) INFO 2026-11-30 09:00:10,931"
        " default_Ingress r9k0uop3 123e8a35-4533 -- GET /index 500 58.1ms"
    )
    (ev,) = list(read_events(ray))
    assert ev.http_status == 500 and ev.severity is Severity.ERROR
    rec = {"event": "/api/v3/flows/", "level": "info", "method": "GET", "runtime": 68}
    (ev,) = list(read_events(json.dumps(rec)))
    assert ev.duration == 68  # authentik's `runtime` (ms), compared per template


def test_stern_prefix_of_a_statefulset_pod_is_stripped() -> None:
    # Weaviate's Go std-log panic (https://github.com/weaviate/weaviate/issues/7408) as
    # stern prints a StatefulSet pod's lines: `<pod>-<ordinal> <container> …`
    # (https://github.com/stern/stern)
    lines = [
        "2022/11/16 09:16:05 http: panic serving 10.244.3.94:57772: Unable to load shard"
        ' q5SMpbLMnJwK: cannot create index queue for "regular": failed to skip record: EOF',
        "goroutine 24087 [running]:",
        "net/http.(*conn).serve.func1()",
    ]
    (ev,) = list(read_events("\n".join(f"weaviate-canary-0 weaviate {ln}" for ln in lines)))
    assert ev.kind == "panic"
    # a thread or worker named like a pod, then words of a message: not a prefix
    workers = "\n".join(f"worker-{i % 4} {w} job {i}" for i, w in enumerate(("took", "ran") * 5))
    assert unwrap(workers) == workers


def test_an_exception_named_by_its_type_is_an_error_word() -> None:
    # Redpanda's seastar warning (https://github.com/redpanda-data/redpanda/issues/14441)
    line = (
        "WARN  2023-10-26 09:05:13,871 [shard 1:main] seastar - Exceptional future ignored:"
        " seastar::gate_closed_exception (gate closed), backtrace: 0xeee86"
    )
    assert lexicon_hit(line)
    (ev,) = list(read_events(line))
    assert ev.severity is Severity.WARNING and ev.lexical
    assert lexicon_hit("java.lang.NullPointerException: null")
    assert not lexicon_hit("INFO exceptional throughput this hour")
