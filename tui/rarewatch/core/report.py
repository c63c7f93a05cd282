"""Rendering a Report for people and programs: JSON `rarewatch/1`, a terminal table, Markdown.

The JSON shape is a public interface described in SCHEMA.md: fields may be added, none renamed or
dropped without a new schema version.
"""

from __future__ import annotations

import datetime as dt
import json

import polars as pl

from rarewatch.core.corpus import Report
from rarewatch.core.text import inert
from rarewatch.core.views import metric_summaries, stated_figure

SCHEMA = "rarewatch/1"


def _head(report: Report, root: str) -> dict:
    """The report's fields around its tables."""
    return {
        "schema": SCHEMA,
        "root": root,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "today": report.today.isoformat(),
        "story": report.story,
    }


def to_json_dict(report: Report, root: str) -> dict:
    """The report as plain data, the shape SCHEMA.md describes."""
    tables = {name: df.to_dicts() for name, df in _json_tables(report).items()}
    return {**_head(report, root), **tables, "renegotiation": report.renegotiation}


def to_json(report: Report, root: str) -> str:
    """`to_json_dict` as text, one row of each table per line.

    The rows are written by Polars, not by `json.dumps(indent=...)`, whose pure-Python encoder
    took longer than building the whole report for 10,000 articles. Parsed, the text equals
    `to_json_dict` exactly.
    """
    items = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in _head(report, root).items()]
    for name, df in _json_tables(report).items():
        # rows end at "\n" only: a string may hold U+2028 and the like, which `splitlines` splits at
        lines = df.write_ndjson().rstrip("\n").split("\n") if df.height else []
        items.append(f'  "{name}": [' + ("\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "]"))
    reneg = json.dumps(report.renegotiation, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    items.append(f'  "renegotiation": {reneg}')
    return "{\n" + ",\n".join(items) + "\n}"


def _finite(c: pl.Expr) -> pl.Expr:
    """A float with NaN and infinities as null, as JSON has neither."""
    return pl.when(c.is_finite()).then(c).otherwise(None)


#: The columns of each table in the public report, in their order (rarewatch/1: add, never break).
_SOURCES = (
    "id",
    "path",
    "title",
    "outlet",
    "author",
    "published",
    "words",
    pl.col("flags").fill_null(pl.lit([], dtype=pl.List(pl.String))),
    "error",
    "figures",
    "topic_score",
)
_FIGURES = (
    "source",
    "metric",
    "label",
    *(_finite(pl.col(c)).alias(c) for c in ("value", "low", "high")),
    "unit",
    "qualifier",
    "text",
    "start",
    "end",
    "sentence",
    "attribution",
    "aspect",
    "change",
    "role",
    "stage",
)
_TIMELINE = ("source", "date", "event", "sentence", "event_id", "text", "start", "end", "stage")
_POSITION = pl.struct(
    pl.element().struct.field("value"),
    _finite(pl.element().struct.field("number")).alias("number"),
    pl.element().struct.field("sources"),
    pl.element().struct.field("sentences"),
    pl.element().struct.field("who"),
    pl.element().struct.field("measures"),
)
_CONTRADICTIONS = (
    "id",
    "kind",
    "subject",
    "severity",
    pl.col("positions").list.eval(_POSITION),
    pl.col("sources").alias("independent_sources"),
    "reason",
)
_QUESTIONS = ("theme", "label", "source", "kind", "cue", "sentence", "start", "end")
# what the profile's roles and statuses matched, for its author (additive to rarewatch/1)
_ROLES = ("source", "person", "title", "modifiers", "place", "sentence", "start", "end")
# measures as the comma-joined names rarewatch/1 has always written
_STATUSES = ("source", "subject", "position", pl.col("measures").list.join(","), "asserter", "sentence", "start", "end")


def _json_tables(report: Report) -> dict[str, pl.DataFrame]:
    """The report's tables with exactly the columns, order and names of `to_json_dict`."""
    return {
        "sources": report.sources.sort("id").select(_SOURCES),
        "figures": report.figures.select(_FIGURES),
        "timeline": report.timeline.select(_TIMELINE),
        "contradictions": report.contradictions.select(_CONTRADICTIONS),
        "questions": report.questions.select(_QUESTIONS),
        "roles": report.roles.select(_ROLES),
        "statuses": report.statuses.select(_STATUSES),
    }


def countdown(report: Report) -> str:
    r = report.renegotiation or {}
    if not r.get("due"):
        return f"{report.deadline_label}: unknown"
    days = r["days_left"]
    when = (
        f"in {days} days"
        if days > 1
        else "tomorrow"
        if days == 1
        else "today"
        if days == 0
        else f"{-days} day ago"
        if days == -1
        else f"{-days} days ago"
    )
    if days < 0 and r.get("newest_article"):
        # lapsed: say how old the folder's news is, which may be why nothing newer is known
        return f"{report.deadline_label} {r['due']}, {when}; newest article {r['newest_article']}"
    return f"{report.deadline_label} {r['due']}, {when}"


def _short(s: str | None, n: int) -> str:
    s = inert(s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def to_table(report: Report) -> str:
    """A plain-text summary that reads well in a terminal and in a CI log."""
    lines = [f"{report.story} — {countdown(report)}", ""]
    src = report.sources.sort("published", descending=True, nulls_last=True)
    lines.append(f"SOURCES ({src.height})")
    for r in src.iter_rows(named=True):
        flags = inert(",".join(r["flags"] or []))
        title = r["title"] or f"({r['id']})"
        lines.append(
            f"  {r['published'] or '—':10}  {_short(r['outlet'] or '?', 18):18}  {_short(title, 60):60}"
            f"  {r['figures']:>3} fig  {flags}{'  ' + inert(r['error']) if r['error'] else ''}"
        )
    key = report.key_figures()
    lines += ["", f"KEY FIGURES ({key.height})"]
    for r in key.with_columns(stated_figure().alias("stated")).sort("metric").iter_rows(named=True):
        lines.append(f"  {_short(r['label'], 44):44}  {_short(r['stated'], 28):28}  {inert(r['source'])}")
    lines += ["", f"CONTRADICTIONS ({report.contradictions.height})"]
    for c in report.contradictions.iter_rows(named=True):
        pos = " | ".join(f"{p['value']} ({', '.join(p['sources'])})" for p in c["positions"])
        lines.append(f"  [{c['severity']}] {c['kind']}: {c['subject']}: {_short(pos, 160)}")
    lines += ["", f"OPEN QUESTIONS ({report.questions.height})"]
    for (label,), grp in report.questions.group_by("label", maintain_order=True):
        lines.append(f"  {label} ({grp.height})")
        for q in grp.head(3).iter_rows(named=True):
            lines.append(f"    - {_short(q['sentence'], 120)} [{inert(q['source'])}]")
    return "\n".join(lines) + "\n"


def _md(s: str | None) -> str:
    """Escape text for Markdown tables and prose: article text is untrusted."""
    s = inert(s or "").replace("\n", " ")
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s


def to_markdown(report: Report) -> str:
    """A one-page brief an analyst can paste into a message."""
    out = [f"# {_md(report.story)}", "", f"**{_md(countdown(report))}** — {_md(report.renegotiation.get('basis'))}", ""]
    # one line per metric: a brief summarises; the figures themselves are in the exports
    summaries = metric_summaries(report)
    out += [
        f"## Key figures ({int(summaries['figures'].sum())} from {report.key_figures()['source'].n_unique()} sources)"
    ]
    out += ["", "| Metric | Range | Figures | Sources | Latest |", "|---|---|---|---|---|"]
    for r in summaries.iter_rows(named=True):
        latest = f"{r['latest']} ({r['latest_source']})" if r["latest_source"] else r["latest"]
        out.append(f"| {_md(r['label'])} | {_md(r['range'])} | {r['figures']} | {r['sources']} | {_md(latest)} |")
    out += ["", f"## Contradictions ({report.contradictions.height})", ""]
    if report.contradictions.is_empty():
        out.append("None found.")
    for c in report.contradictions.iter_rows(named=True):
        why = f": {_md(c['reason'])}" if c.get("reason") else ""
        out.append(f"- **{_md(c['subject'])}** ({c['kind']}, {c['severity']}){why}")
        for p in c["positions"]:
            quote = p["sentences"][0] if p["sentences"] else ""
            out.append(f"  - {_md(p['value'])}: {_md(', '.join(p['sources']))} — “{_md(_short(quote, 200))}”")
    out += ["", "## Open questions", ""]
    for (label,), grp in report.questions.group_by("label", maintain_order=True):
        out.append(f"- **{_md(label)}** ({grp.height})")
        for q in grp.head(3).iter_rows(named=True):
            out.append(f"  - “{_md(_short(q['sentence'], 200))}” ({_md(q['source'])})")
    out += ["", "## Sources", ""]
    for r in report.sources.sort("id").iter_rows(named=True):
        flags = f" [{_md(', '.join(r['flags']))}]" if r["flags"] else ""
        out.append(
            f"- {_md(r['id'])}: {_md(r['title'] or '(no headline)')} — {_md(r['outlet'] or 'unknown outlet')}, "
            f"{r['published'] or 'undated'}{flags}"
        )
    return "\n".join(out) + "\n"
