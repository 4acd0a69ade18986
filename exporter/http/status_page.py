"""The HTML status page served at `GET /` to browsers: every canary, its verdict and why.

One self-contained document: inline CSS, an inline SVG chart per canary, no JavaScript and
no external asset, so it works offline inside a cluster and under a strict CSP. It refreshes
itself with a meta refresh. Everything shown that came from logs or a model is untrusted
text and goes through `html.escape`; links from results are only rendered when they are
plain http(s) URLs.

The page is a pure function of plain values (`CanaryRow`s and thresholds), so it is tested
without a server; `status_page_handler(history)` is the few lines that plug it into the
`ApiState.status_page` seam of `GET /`.
"""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from aiohttp import web

from exporter.history import ScoreHistory, ScorePoint
from exporter.http.state import ApiState, StatusPage
from exporter.model import AnalysisResult, Evidence, Target, Verdict

_CHART_W, _CHART_H = 640, 180
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 34, 112, 10, 24
_MIN_SPAN = 30.0
_EVIDENCE_SHOWN = 5  # the rest folds into a <details>, so one noisy canary stays short


@dataclass(frozen=True, slots=True)
class CanaryRow:
    """What the page shows for one canary revision."""

    target: Target
    result: AnalysisResult | None = None
    points: Sequence[ScorePoint] = field(default_factory=tuple)
    error: str = ""  # the last analysis error, when the latest attempt failed


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _safe_url(url: str) -> str | None:
    return url if url.startswith(("https://", "http://")) else None


def _ago(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 90:
        return f"{seconds:.0f} s ago"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"


_BADGE = {
    Verdict.PROMOTE: ("promote", "✓"),
    Verdict.ABORT: ("abort", "✗"),
    Verdict.INCONCLUSIVE: ("inconclusive", "?"),
}


def _badge(verdict: Verdict | None, error: str) -> str:
    if verdict is None:
        cls, icon, text = ("error", "!", "error") if error else ("pending", "…", "pending")
    else:
        cls, icon = _BADGE[verdict]
        text = verdict.value
    return (
        f'<span class="badge {cls}" data-verdict="{_e(text)}">'
        f'<span aria-hidden="true">{icon}</span> {_e(text)}</span>'
    )


def _chart(
    points: Sequence[ScorePoint],
    *,
    now: float,
    max_age: float,
    promote_threshold: float,
    abort_threshold: float,
    label: str,
    chart_id: str,
) -> str:
    """Score (0..1) over time, with the promote and abort thresholds as dashed lines."""
    plot_w = _CHART_W - _PAD_L - _PAD_R
    plot_h = _CHART_H - _PAD_T - _PAD_B
    first = min((p.timestamp for p in points), default=now)
    span = min(max_age, max(_MIN_SPAN, (now - first) * 1.05))
    start = now - span

    def x(ts: float) -> float:
        return _PAD_L + plot_w * min(1.0, max(0.0, (ts - start) / span))

    def y(score: float) -> float:
        return _PAD_T + plot_h * (1.0 - min(1.0, max(0.0, score)))

    right = _PAD_L + plot_w
    parts: list[str] = []
    # zones: promote above its threshold, abort below its threshold
    parts.append(
        f'<rect class="zone-promote" x="{_PAD_L}" y="{_PAD_T}" width="{plot_w}" '
        f'height="{y(promote_threshold) - _PAD_T:.1f}"/>'
    )
    parts.append(
        f'<rect class="zone-abort" x="{_PAD_L}" y="{y(abort_threshold):.1f}" width="{plot_w}" '
        f'height="{_PAD_T + plot_h - y(abort_threshold):.1f}"/>'
    )
    for tick in (0.0, 0.5, 1.0):
        parts.append(
            f'<text class="axis" x="{_PAD_L - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{tick:.1f}</text>'
        )
    parts.append(f'<path class="frame" d="M{_PAD_L},{_PAD_T} V{_PAD_T + plot_h} H{right}"/>')
    for name, value, text in (
        ("promote", promote_threshold, f"promote ≥ {promote_threshold:.2f}"),
        ("abort", abort_threshold, f"abort &lt; {abort_threshold:.2f}"),
    ):
        parts.append(
            f'<path class="threshold {name}" d="M{_PAD_L},{y(value):.1f} H{right}"/>'
            f'<text class="threshold-label {name}" x="{right + 6}" y="{y(value) + 4:.1f}">'
            f"{text}</text>"
        )
    minutes = span / 60
    ago = f"{span:.0f} s" if span < 120 else f"{minutes:.0f} min"
    parts.append(
        f'<text class="axis" x="{_PAD_L}" y="{_CHART_H - 6}">−{ago}</text>'
        f'<text class="axis" x="{right}" y="{_CHART_H - 6}" text-anchor="end">now</text>'
    )

    # the score line, broken where an analysis failed
    segments: list[list[ScorePoint]] = [[]]
    for p in points:
        if p.score is None:
            segments.append([])
        else:
            segments[-1].append(p)
    for seg in segments:
        if not seg:
            continue
        coords = [f"{x(p.timestamp):.1f},{y(p.score or 0.0):.1f}" for p in seg]
        if len(coords) == 1:  # a lone result still draws a visible tick
            coords.append(f"{x(seg[0].timestamp) + 2:.1f},{y(seg[0].score or 0.0):.1f}")
        parts.append(f'<path class="score" d="M{" L".join(coords)}"/>')
    for p in points[-60:]:  # markers for the most recent points only: keeps the page small
        if p.score is None:
            parts.append(
                f'<text class="err-mark" x="{x(p.timestamp):.1f}" y="{_PAD_T + plot_h - 2}" '
                f'text-anchor="middle">×</text>'
            )
        else:
            verdict = p.verdict.value if p.verdict else "pending"
            parts.append(
                f'<circle class="pt {verdict}" cx="{x(p.timestamp):.1f}" '
                f'cy="{y(p.score):.1f}" r="3"/>'
            )
    if not points:
        parts.append(
            f'<text class="axis" x="{_PAD_L + plot_w / 2:.1f}" y="{_PAD_T + plot_h / 2:.1f}" '
            f'text-anchor="middle">no result yet</text>'
        )
    latest = next((p for p in reversed(points) if p.score is not None), None)
    desc = (
        f"{len(points)} analyses; latest score {latest.score:.2f}, {latest.verdict}"
        if latest is not None and latest.score is not None
        else "no score yet"
    )
    return (
        f'<svg class="chart" viewBox="0 0 {_CHART_W} {_CHART_H}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-t">Score of {_e(label)} over the last {ago}'
        f'</title><desc id="{chart_id}-d">{_e(desc)}</desc>{"".join(parts)}</svg>'
    )


def _evidence(result: AnalysisResult) -> str:
    if not result.evidence:
        return '<p class="muted">No evidence recorded.</p>'

    def items(evidence: Sequence[Evidence]) -> str:
        return "".join(
            f'<li class="ev {_e(ev.weight)}"><span class="weight">{_e(ev.weight)}</span> '
            f'<span class="kind">{_e(ev.kind)}</span> {_e(ev.message)}</li>'
            for ev in evidence
        )

    shown, more = result.evidence[:_EVIDENCE_SHOWN], result.evidence[_EVIDENCE_SHOWN:30]
    html_ = f'<ul class="evidence">{items(shown)}</ul>'
    if more:
        html_ += (
            f"<details><summary>{len(more)} more finding{'s' if len(more) > 1 else ''}"
            f'</summary><ul class="evidence">{items(more)}</ul></details>'
        )
    return html_


def _explanation(result: AnalysisResult) -> str:
    rows = [
        ("Analysis", result.analysis),
        ("Root cause", result.root_cause),
        ("Remediation", result.remediation),
        ("Voting", result.voting_rationale),
    ]
    body = "".join(f"<dt>{name}</dt><dd>{_e(text)}</dd>" for name, text in rows if text)
    models = "".join(
        f"<li><code>{_e(m.model_name)}</code> "
        + (
            f'<span class="err">error: {_e(m.error)}</span>'
            if m.error
            else f"{'promote' if m.promote else 'abort'} · confidence {int(m.confidence)}"
        )
        + "</li>"
        for m in result.model_results
    )
    if models:
        body += f'<dt>Models</dt><dd><ul class="models">{models}</ul></dd>'
    links = [
        (name, url)
        for name, raw in (("pull request", result.pr_link), ("issue", result.issue_link))
        if raw and (url := _safe_url(raw))
    ]
    if links:
        body += "<dt>Follow-up</dt><dd>" + " · ".join(
            f'<a href="{_e(url)}" rel="noreferrer">{_e(name)}</a>' for name, url in links
        )
        body += "</dd>"
    return f'<dl class="explain">{body}</dl>' if body else ""


def _card(
    row: CanaryRow,
    index: int,
    *,
    now: float,
    max_age: float,
    promote_threshold: float,
    abort_threshold: float,
    targets_url: str,
) -> str:
    t, r = row.target, row.result
    label = f"{t.namespace}/{t.rollout}"
    head_id = f"c{index}"
    facts: list[tuple[str, str]] = [("Canary", f"<code>{_e(t.canary_hash)}</code>")]
    if t.stable_hash:
        facts.append(("Stable", f"<code>{_e(t.stable_hash)}</code>"))
    if r is not None:
        facts += [
            ("Score", f"<strong>{r.score:.2f}</strong>"),
            ("Confidence", str(int(r.confidence))),
            ("Updated", f'<time datetime="{_iso(r.timestamp)}">{_ago(now - r.timestamp)}</time>'),
            ("Log lines", f"stable {r.stable_lines:,} · canary {r.canary_lines:,}"),
            ("Judge", _e(r.judge)),
        ]
    facts.append(("Source", _e(t.source)))
    fact_html = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in facts)
    query = urlencode({"namespace": t.namespace, "rollout": t.rollout})
    error = (
        f'<p class="err" role="status">Last analysis failed: {_e(row.error)}</p>'
        if row.error
        else ""
    )
    body = (
        _evidence(r) + _explanation(r)
        if r is not None
        else '<p class="muted">Waiting for the first analysis of this canary.</p>'
    )
    chart = _chart(
        row.points,
        now=now,
        max_age=max_age,
        promote_threshold=promote_threshold,
        abort_threshold=abort_threshold,
        label=label,
        chart_id=f"{head_id}-chart",
    )
    verdict = r.verdict if r is not None else None
    return (
        f'<article class="card" id="{_e(t.namespace)}-{_e(t.rollout)}" '
        f'aria-labelledby="{head_id}" data-canary-hash="{_e(t.canary_hash)}">'
        f'<header><h2 id="{head_id}">{_e(label)}</h2>{_badge(verdict, row.error)}</header>'
        f'<dl class="facts">{fact_html}</dl>{error}'
        f'<div class="chart-wrap">{chart}</div>'
        f"<h3>Evidence</h3>{body}"
        f'<p class="links"><a href="{_e(targets_url)}?{_e(query)}">JSON of this canary</a></p>'
        f"</article>"
    )


def _sparkline(points: Sequence[ScorePoint], promote_threshold: float) -> str:
    scored = [p for p in points if p.score is not None]
    if not scored:
        return ""
    w, h = 120, 26
    t0, t1 = scored[0].timestamp, scored[-1].timestamp
    span = max(t1 - t0, 1e-9)

    def xy(p: ScorePoint) -> str:
        x = 2 + (w - 4) * ((p.timestamp - t0) / span if len(scored) > 1 else 1.0)
        return f"{x:.1f},{2 + (h - 4) * (1 - (p.score or 0.0)):.1f}"

    line = " L".join(xy(p) for p in scored)
    y_promote = 2 + (h - 4) * (1 - promote_threshold)
    last = scored[-1]
    verdict = last.verdict.value if last.verdict else "pending"
    return (
        f'<svg class="spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true">'
        f'<path class="threshold promote" d="M0,{y_promote:.1f} H{w}"/>'
        f'<path class="score" d="M{line}"/>'
        f'<circle class="pt {verdict}" cx="{xy(last).split(",")[0]}" '
        f'cy="{xy(last).split(",")[1]}" r="2.5"/></svg>'
    )


def _table(
    rows: Sequence[CanaryRow],
    *,
    now: float,
    promote_threshold: float,
    section_id: str,
    title: str,
    intro: str,
) -> str:
    """Canaries as compact table rows (verdict, score, sparkline, main finding)."""
    if not rows:
        return ""
    body = []
    for row in rows:
        t, r = row.target, row.result
        last_ts = row.points[-1].timestamp if row.points else (r.timestamp if r else now)
        hard = next((ev.message for ev in r.evidence if ev.weight == "hard"), "") if r else ""
        headline = hard or (r.analysis if r else row.error)
        if len(headline) > 180:
            headline = headline[:177] + "…"
        body.append(
            f'<tr><th scope="row">{_e(t.namespace)}/{_e(t.rollout)} '
            f"<code>{_e(t.canary_hash)}</code></th>"
            f"<td>{_badge(r.verdict if r else None, row.error)}</td>"
            f"<td>{f'{r.score:.2f}' if r else '–'}</td>"
            f"<td>{_sparkline(row.points, promote_threshold)}</td>"
            f"<td>{_ago(now - last_ts)}</td><td>{_e(headline)}</td></tr>"
        )
    return (
        f'<section class="ended" id="{section_id}" aria-labelledby="{section_id}-h">'
        f'<h2 id="{section_id}-h">{_e(title)}</h2><p class="muted">{_e(intro)}</p>'
        '<div class="table-wrap"><table><thead><tr>'
        '<th scope="col">Canary</th><th scope="col">Last verdict</th><th scope="col">Score'
        '</th><th scope="col">Trend</th><th scope="col">Last result</th>'
        '<th scope="col">Main finding</th></tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table></div></section>"
    )


def _attention(row: CanaryRow) -> int:
    """Which canaries get a full card when there are too many: the ones to look at first."""
    if row.result is None:
        return 1 if row.error else 3
    return {Verdict.ABORT: 0, Verdict.INCONCLUSIVE: 2, Verdict.PROMOTE: 4}[row.result.verdict]


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def render_status_page(
    rows: Sequence[CanaryRow],
    *,
    promote_threshold: float,
    abort_threshold: float,
    version: str = "",
    judge: str = "",
    now: float | None = None,
    max_age: float = 3600.0,
    refresh_seconds: int = 10,
    targets_url: str = "/api/v1/targets",
    notice: str = "",
    ended: Sequence[CanaryRow] = (),
    max_cards: int = 48,
) -> str:
    """The whole HTML document for `rows` (sorted by namespace, rollout, canary hash) and
    the canaries that `ended` recently (newest first).

    At most `max_cards` canaries get a full card (aborts, errors and inconclusive ones
    first); the rest are table rows, so a thousand canaries stay a page a browser can load
    and a render that does not hold the event loop for long.
    """
    now = time.time() if now is None else now

    def by_name(r: CanaryRow) -> tuple[str, str, tuple[str, str, str]]:
        return (r.target.namespace, r.target.rollout, r.target.key)

    ordered = sorted(rows, key=by_name)
    carded, tabled = ordered, []
    if len(ordered) > max_cards:
        ranked = sorted(ordered, key=lambda r: (_attention(r), by_name(r)))
        carded = sorted(ranked[:max_cards], key=by_name)
        tabled = sorted(ranked[max_cards:], key=by_name)
    counts = {v: 0 for v in Verdict}
    for row in ordered:
        if row.result is not None:
            counts[row.result.verdict] += 1
    summary = (
        f"{len(ordered)} canar{'y' if len(ordered) == 1 else 'ies'} being scored: "
        f"{counts[Verdict.PROMOTE]} promote, {counts[Verdict.ABORT]} abort, "
        f"{counts[Verdict.INCONCLUSIVE]} inconclusive"
    )
    cards = "".join(
        _card(
            row,
            i,
            now=now,
            max_age=max_age,
            promote_threshold=promote_threshold,
            abort_threshold=abort_threshold,
            targets_url=targets_url,
        )
        for i, row in enumerate(carded)
    )
    if not cards:
        cards = (
            '<p class="empty">No canary in progress. Canaries appear here when an Argo Rollout '
            "starts a new revision, when a static target is configured, or when the metric-ai "
            "plugin calls <code>POST /a2a/analyze</code>.</p>"
        )
    meta = " · ".join(
        part
        for part in (
            f"version {_e(version)}" if version else "",
            f"judge {_e(judge)}" if judge else "",
            f"thresholds: promote ≥ {promote_threshold:.2f}, abort &lt; {abort_threshold:.2f}",
            f'updated <time datetime="{_iso(now)}">{time.strftime("%H:%M:%S", time.gmtime(now))}'
            " UTC</time>",
        )
        if part
    )
    notice_html = f'<p class="notice">{_e(notice)}</p>' if notice else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="{int(refresh_seconds)}">'
        "<title>ai-canary-exporter · canary status</title>"
        '<link rel="icon" href="data:,">'
        f"<style>{_CSS}</style></head><body>"
        '<a class="skip" href="#canaries">Skip to canaries</a>'
        '<header class="top"><h1>ai-canary-exporter</h1>'
        f'<p class="meta">{meta}</p>'
        f'<p class="summary" role="status">{_e(summary)}</p>{notice_html}'
        '<nav aria-label="API"><a href="/metrics">/metrics</a>'
        f'<a href="{_e(targets_url)}">{_e(targets_url)}</a>'
        '<a href="/q/health">/q/health</a>'
        '<a href="/.well-known/agent-card.json">agent card</a></nav></header>'
        f'<main id="canaries">{cards}</main>'
        + _table(
            tabled,
            now=now,
            promote_threshold=promote_threshold,
            section_id="more",
            title=f"{len(tabled)} more canaries",
            intro="The rest in short: aborts, errors and inconclusive canaries get cards first.",
        )
        + _table(
            ended,
            now=now,
            promote_threshold=promote_threshold,
            section_id="ended",
            title="Recently ended canaries",
            intro="No longer scored (promoted, aborted, gone, or judged once from logs sent "
            "with a request): their last result within the last hour.",
        )
        + "<footer><p>Score 1 means the canary is as healthy as stable. Hard evidence (a new "
        "fatal error or stack trace only in the canary, crash loops, OOMKilled, an error-rate "
        "jump) always aborts, whatever a model says. "
        f"This page refreshes every {int(refresh_seconds)} s.</p></footer>"
        "</body></html>\n"
    )


def status_page_handler(history: ScoreHistory | None = None, *, notice: str = "") -> StatusPage:
    """The `ApiState.status_page` renderer: reads targets, latest results and `history`.

    Feed `history` from the analyzer (`analyzer.add_listener(history.listener)`); without
    it the charts show only the latest result of each canary.
    """

    async def render(request: web.Request, state: ApiState) -> web.StreamResponse:
        rows: list[CanaryRow] = []
        for target in state.targets.all():
            result = state.analyzer.latest(target)
            points = history.points(target) if history is not None else []
            if not points and result is not None:
                points = [ScorePoint(result.timestamp, result.score, result.verdict)]
            last = points[-1] if points else None
            error = last.error if last is not None and last.score is None else ""
            rows.append(CanaryRow(target, result, points, error))
        ended: list[CanaryRow] = []
        if history is not None:
            current = {t.key for t in state.targets.all()}
            for target, result, points in history.recent(exclude=current, limit=12):
                last = points[-1]
                ended.append(CanaryRow(target, result, points, last.error))
        settings = state.settings
        # a pure function over copies: render off the event loop, scrapes stay fast
        page = await asyncio.to_thread(
            render_status_page,
            rows,
            promote_threshold=settings.promote_threshold,
            abort_threshold=settings.abort_threshold,
            version=state.version,
            judge=state.judge_description or state.judge,
            max_age=history.max_age if history is not None else 3600.0,
            refresh_seconds=max(2, min(30, round(settings.interval_seconds))),
            notice=notice,
            ended=ended,
        )
        return web.Response(
            text=page,
            content_type="text/html",
            charset="utf-8",
            headers={
                "Cache-Control": "no-store",
                # the page needs nothing from anywhere: say so, and no script at all
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "img-src data:; frame-ancestors 'none'",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return render


_CSS = """
:root{--bg:#f6f8fa;--fg:#1f2328;--muted:#57606a;--card:#fff;--line:#d0d7de;
--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--info:#0969da;--accent:#6639ba}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;
--card:#161b22;--line:#30363d;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--info:#58a6ff;
--accent:#a371f7}.badge{color:#0d1117!important}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:var(--bg);color:var(--fg)}
a{color:var(--info)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--card);
padding:4px 8px}
header.top{padding:18px 24px 10px;border-bottom:1px solid var(--line);background:var(--card)}
h1{margin:0 0 4px;font-size:22px}
.meta,.muted{color:var(--muted)}.meta{margin:0 0 4px;font-size:13px}
.summary{margin:4px 0 8px;font-weight:600}
.notice{margin:4px 0 8px;padding:6px 10px;border-left:4px solid var(--accent);
background:var(--bg)}
nav a{margin-right:16px;font-size:14px}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:16px;
padding:16px 24px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.card>header{display:flex;align-items:center;justify-content:space-between;gap:12px}
h2{margin:0;font-size:18px;word-break:break-all}
h3{margin:12px 0 4px;font-size:15px}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:700;
font-size:14px;color:#fff;white-space:nowrap}
.badge.promote{background:var(--ok)}.badge.abort{background:var(--bad)}
.badge.inconclusive{background:var(--warn)}.badge.pending{background:var(--muted)}
.badge.error{background:var(--accent)}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 22px;
margin:10px 0}
dl.facts dt{font-size:12px;color:var(--muted)}dl.facts dd{margin:0 0 4px}
dl.explain dt{font-weight:600;margin-top:6px}dl.explain dd{margin:0 0 0 0}
.chart{width:100%;height:auto;display:block}
.chart .zone-promote{fill:var(--ok);opacity:.08}.chart .zone-abort{fill:var(--bad);opacity:.08}
.chart .frame{fill:none;stroke:var(--line)}
.chart .axis{fill:var(--muted);font-size:11px}
.chart .threshold{fill:none;stroke-width:1.5;stroke-dasharray:6 4}
.chart .threshold.promote{stroke:var(--ok)}.chart .threshold.abort{stroke:var(--bad)}
.chart .threshold-label{font-size:12px;font-weight:600}
.chart .threshold-label.promote{fill:var(--ok)}.chart .threshold-label.abort{fill:var(--bad)}
.chart .score{fill:none;stroke:var(--info);stroke-width:2.2;stroke-linejoin:round}
.chart .pt{stroke:var(--card);stroke-width:1}
.chart .pt.promote{fill:var(--ok)}.chart .pt.abort{fill:var(--bad)}
.chart .pt.inconclusive{fill:var(--warn)}.chart .err-mark{fill:var(--accent);font-size:14px}
ul.evidence,ul.models{margin:4px 0;padding-left:0;list-style:none}
.ev{padding:3px 0;border-bottom:1px dashed var(--line);font-size:14px}
.ev .weight{display:inline-block;min-width:40px;font-size:11px;font-weight:700;
text-transform:uppercase;color:var(--muted)}
.ev.hard .weight{color:var(--bad)}.ev.soft .weight{color:var(--warn)}
.ev .kind{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted)}
.err{color:var(--bad)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.links{margin:10px 0 0;font-size:13px}
.empty{grid-column:1/-1;padding:24px;background:var(--card);border:1px dashed var(--line);
border-radius:8px}
footer{padding:0 24px 24px;color:var(--muted);font-size:13px}
details{margin:4px 0;font-size:14px}summary{cursor:pointer;color:var(--info)}
section.ended{margin:0 24px 16px;background:var(--card);border:1px solid var(--line);
border-radius:8px;padding:14px 16px}
section.ended h2{font-size:17px}section.ended p{margin:2px 0 8px;font-size:13px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:middle}
thead th{font-size:12px;color:var(--muted);font-weight:600}
tbody th{font-weight:600;white-space:nowrap}
.spark{display:block}.spark .score{fill:none;stroke:var(--info);stroke-width:1.6}
.spark .threshold{fill:none;stroke:var(--ok);stroke-dasharray:3 3;stroke-width:1}
.spark .pt.promote{fill:var(--ok)}.spark .pt.abort{fill:var(--bad)}
.spark .pt.inconclusive{fill:var(--warn)}
"""
