"""What each dashboard pane shows, as pure Polars functions of a `Report`.

The dashboard's widgets only render: every grouping, count, sort, narrowing to one source and
text filter happens here, so it is tested without an App and costs one Polars query per refresh
whatever the size of the corpus. Nothing here imports Textual (a test guards the boundary).

Conventions:
- `source` narrows a view to one source id; `text_filter` keeps rows whose shown text contains it
  (case-insensitive, literal: a user's `(` or `*` is not a regular expression), or whose
  evidence does: the sentences behind a metric, a contradiction's positions, a theme, and for a
  source every sentence the analysis took from it (so `/Bessent` finds the articles naming him).
- Detail lists return `(frame, total)` and are capped at `limit` rows: a DataTable with tens of
  thousands of rows stalls the UI, so the caller says "showing 500 of 42,000" instead.
- Strings are returned as data. Turning them into something a terminal draws is the widgets' job,
  and `printable()` is the one place that makes control characters visible instead of obeyed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import cast

import polars as pl

from rarewatch.core.corpus import DUPLICATE_FLAG, Report, excluded
from rarewatch.core.marks import Mark, is_open

#: Rows a detail list returns at most; the UI says how many there were in all.
DETAIL_LIMIT = 500
#: Distinct values shown side by side in one key-figures row before "+N more".
VALUES_SHOWN = 6
#: Sources quoted per position in the contradiction screen.
QUOTED_SOURCES = 12

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
#: How the sources pane words a flag; flags not listed are shown as they are.
FLAG_WORDS = {
    "ai-generated": "AI-generated",
    "undated": "undated",
    "off-topic": "off-topic",
    "regex-timeout": "too slow to analyse",
    "truncated": "truncated",
}
#: Flags whose reason is the source's `error` column.
REASON_FLAGS = ("unreadable", "skipped")
#: Flags that keep a source's claims out of the aggregates (the same rule as `corpus.EXCLUDED`).

# C0 controls (but tab and newline), DEL and C1 controls become their visible "control pictures"
# (ESC -> U+241B), so text from a file can never send a terminal an instruction.
_PICTURES = {i: 0x2400 + i for i in range(32) if i not in (9, 10)}
_PICTURES[127] = 0x2421
_PICTURES.update({i: 0xFFFD for i in range(0x80, 0xA0)})


def printable(s: str | None) -> str:
    """The string with control characters shown as symbols; never markup, never escapes."""
    return s.translate(_PICTURES) if s else ""


def one_line(s: str | None) -> str:
    """A printable single line: table cells and titles cannot hold newlines."""
    return printable(s).replace("\n", " ").replace("\t", " ")


def _contains(columns: Iterable[str], text: str) -> pl.Expr:
    needle = text.strip().lower()
    hay = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in columns], separator=" ")
    return hay.str.to_lowercase().str.contains(needle, literal=True)


def _filtered(df: pl.DataFrame, columns: Iterable[str], text_filter: str | None) -> pl.DataFrame:
    if not text_filter or not text_filter.strip():
        return df
    return df.filter(_contains(columns, text_filter))


#: Evidence lower-cased and joined per row key, for the report the panes show: name -> (report,
#: narrowing, frame). The `/` filter runs on every key press; this is built once per report (the
#: build worker prepares the sources' one). Entries are replaced whole, never changed in place.
_HAY: dict[str, tuple[Report, str | None, pl.DataFrame]] = {}


def _evidence_hay(
    report: Report, name: str, source: str | None, evidence: Iterable[tuple[pl.DataFrame, str, list[str]]]
) -> pl.DataFrame:
    """(_id, hay): every evidence text of a row key in one lower-cased string (cached)."""
    hit = _HAY.get(name)
    if hit is not None and hit[0] is report and hit[1] == source:
        return hit[2]
    parts = [
        df.select(
            pl.col(idc).alias("_id"),
            pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in cols], separator=" ").alias("s"),
        )
        for df, idc, cols in evidence
        if df.height
    ]
    if parts:
        hay = pl.concat(parts).unique().group_by("_id").agg(pl.col("s").str.join("\n").str.to_lowercase().alias("hay"))
    else:
        hay = pl.DataFrame(schema={"_id": pl.String, "hay": pl.String})
    _HAY[name] = (report, source, hay)
    return hay


def _filtered_by_evidence(
    rows: pl.DataFrame,
    columns: Iterable[str],
    text_filter: str | None,
    key: str,
    evidence: Iterable[tuple[pl.DataFrame, str, list[str]]],
    *,
    cache: tuple[Report, str, str | None],
) -> pl.DataFrame:
    """Rows whose shown text matches, or whose `key` is the `id` of a matching evidence row.

    `evidence` is (table, id column, text columns): e.g. (figures, "metric", ["sentence"]);
    `cache` is (report, name, narrowing) under which its lower-cased text is kept.
    """
    if not text_filter or not text_filter.strip():
        return rows
    hay = _evidence_hay(*cache, evidence)
    ids = hay.filter(pl.col("hay").str.contains(text_filter.strip().lower(), literal=True))["_id"]
    return rows.filter(_contains(columns, text_filter) | pl.col(key).is_in(ids.implode()))


def live_sources(report: Report) -> pl.Series:
    """Ids whose claims count: not off-topic, unreadable or a duplicate (`corpus.excluded`)."""
    return report.sources.filter(~excluded())["id"]


def _names(report: Report) -> pl.DataFrame:
    """id -> title, outlet and a short name (outlet, else the file name) for each source."""
    return report.sources.select(
        pl.col("id").alias("source"),
        "title",
        "outlet",
        pl.coalesce(pl.col("outlet"), file_name()).alias("who"),
        "published",
    )


# ---- sources ------------------------------------------------------------------------------------


def contradiction_sources(report: Report) -> pl.DataFrame:
    """One row per (contradiction id, source) that takes a position in it."""
    c = report.contradictions
    if c.is_empty():
        return pl.DataFrame(schema={"cid": pl.String, "source": pl.String})
    return (
        c.select(pl.col("id").alias("cid"), "positions")
        .explode("positions")
        .select("cid", pl.col("positions").struct.field("sources").alias("source"))
        .explode("source")
        .drop_nulls("source")
        .unique()
    )


def _flag_words(r: dict) -> dict[str, str]:
    full = flag_text(r["flags"], r["error"], r["duplicate_of"])
    if r["published"] is not None:
        return {"flags": full, "byline_flags": full}
    return {"flags": full, "byline_flags": flag_text(r["flags"], r["error"], r["duplicate_of"], skip=("undated",))}


def file_name() -> pl.Expr:
    """A source's file name: the last part of its path (natively: panes ask for it often)."""
    return pl.col("path").str.extract(r"([^/\\]+)$")


def _duplicate_of(report: Report) -> pl.Expr:
    """The id a source is a copy of (null for none), also for a report built without it."""
    if "duplicate_of" in report.sources.columns:
        return pl.col("duplicate_of")
    return pl.lit(None, dtype=pl.String).alias("duplicate_of")


def flag_text(
    flags: list[str] | None, error: str | None, duplicate_of: str | None = None, *, skip: tuple[str, ...] = ()
) -> str:
    """The flags in words: "AI-generated, duplicate of x.txt, unreadable: binary data"; `skip`
    names flags another part of the row already says ("undated" beside an empty date)."""
    out: list[str] = []
    if duplicate_of:
        out.append("duplicate of " + duplicate_of)
    for f in flags or []:
        if f in skip:
            continue
        if f.startswith(DUPLICATE_FLAG):
            continue  # said above, from the typed column
        if f in REASON_FLAGS:
            reason = (error or "").removeprefix(f"{f}: ").removeprefix("skipped: ")
            out.append(f"{f}: {reason}" if reason else f)
        else:
            out.append(FLAG_WORDS.get(f, f))
    if error and not any(f in REASON_FLAGS for f in flags or []):
        out.append(error)
    return ", ".join(out)


def source_rows(
    report: Report, *, unseen: Iterable[str] = (), text_filter: str | None = None, settled: Iterable[str] = ()
) -> pl.DataFrame:
    """The sources pane: newest first, new (unseen) ones on top, with counts per source.

    Columns: id, title, name (file name, shown when the headline is missing), outlet, published,
    flags (words), figures, disagreements (open contradictions it takes a side in: `settled`
    ones, explained or dismissed by the analyst, do not count), new.
    """
    unseen = list(unseen)
    dis = contradiction_sources(report)
    if settled:
        dis = dis.filter(~pl.col("cid").is_in(pl.Series(list(settled), dtype=pl.String).implode()))
    dis = dis.group_by("source").len("disagreements")
    s = report.sources
    rows = (
        s.select(
            "id",
            "title",
            file_name().alias("name"),
            "outlet",
            "published",
            # the flags in words, and the byline's, where the date slot already says "undated":
            # one pass over the rows for both
            pl.struct("flags", "error", _duplicate_of(report), "published")
            .map_elements(_flag_words, return_dtype=pl.Struct({"flags": pl.String, "byline_flags": pl.String}))
            .struct.unnest(),
            pl.col("figures").cast(pl.Int64),
            pl.col("id").is_in(pl.Series(unseen, dtype=pl.String).implode()).alias("new"),
        )
        .join(dis, left_on="id", right_on="source", how="left")
        .with_columns(pl.col("disagreements").fill_null(0).cast(pl.Int64))
        .sort(["new", "published", "title", "id"], descending=[True, True, False, False], nulls_last=True)
    )
    evidence = [
        (report.figures, "source", ["sentence", "attribution"]),
        (report.questions, "source", ["sentence"]),
        (report.roles, "source", ["person", "title", "sentence"]),
        (report.statuses, "source", ["sentence"]),
        (report.timeline, "source", ["sentence"]),
    ]
    columns = ["title", "name", "outlet", "published", "flags"]
    return _filtered_by_evidence(rows, columns, text_filter, "id", evidence, cache=(report, "sources", None))


#: Days the coverage sparkline spans at most (the latest ones).
COVERAGE_DAYS = 120


def coverage(report: Report, days: int = COVERAGE_DAYS) -> pl.DataFrame:
    """Articles published per day (date, articles), every day from the first to the newest
    (at most the last `days`), zeros included: how the story's coverage rose and fell."""
    dated = report.sources.filter(pl.col("published").str.len_chars() == 10).select(
        pl.col("published").str.to_date(strict=False).alias("date")
    )
    dated = dated.drop_nulls()
    schema = {"date": pl.Date, "articles": pl.Int64}
    if dated.is_empty():
        return pl.DataFrame(schema=schema)
    last = cast(dt.date, dated["date"].max())
    first = max(cast(dt.date, dated["date"].min()), last - dt.timedelta(days=days - 1))
    span = pl.DataFrame({"date": pl.date_range(first, last, "1d", eager=True)})
    counts = dated.group_by("date").len("articles")
    return (
        span.join(counts, on="date", how="left")
        .with_columns(pl.col("articles").fill_null(0).cast(pl.Int64))
        .sort("date")
        .select(list(schema))
    )


def prepare_filters(report: Report) -> None:
    """Build the sources pane's filter evidence now (the build worker calls it), so the first
    `/` key press on a fresh report does not pay for it on the UI thread."""
    source_rows(report, text_filter="\x00")


def source_info(report: Report, source_id: str) -> dict | None:
    """One source's row (title, outlet, published, flags in words...) or None if it is gone."""
    hit = source_rows(report).filter(pl.col("id") == source_id)
    return hit.row(0, named=True) if hit.height else None


# ---- key figures --------------------------------------------------------------------------------


def disputed_metrics(report: Report, settled: Iterable[str] = ()) -> pl.DataFrame:
    """metric -> the worst severity of a figure contradiction about it (`settled` ones, explained
    or dismissed by the analyst, no longer make a metric disputed)."""
    c = report.contradictions.filter(pl.col("kind") == "figure")
    if settled:
        c = c.filter(~pl.col("id").is_in(pl.Series(list(settled), dtype=pl.String).implode()))
    if c.is_empty():
        return pl.DataFrame(schema={"metric": pl.String, "severity": pl.String})
    # severity is an Enum in the order high, medium, low: the first row per metric is its worst
    return (
        c.select(pl.col("topic").alias("metric"), "severity")
        .sort("severity", maintain_order=True)
        .unique("metric", keep="first", maintain_order=True)
        .with_columns(pl.col("severity").cast(pl.String))
    )


def _key_figures(report: Report, source: str | None) -> pl.DataFrame:
    if source is not None:
        return report.figures.filter((pl.col("metric") != "other") & (pl.col("source") == source))
    return report.key_figures()


def stated_figure() -> pl.Expr:
    """A figure as a reader would quote it: its hedge ("about 70%", "well over an hour") and its
    role when it is not the value in force ("20% before", "100% threatened")."""
    q, t = pl.col("qualifier"), pl.col("text")
    hedged = (
        pl.when(q.is_not_null() & ~t.str.to_lowercase().str.starts_with(q.fill_null("").str.to_lowercase()))
        .then(q + pl.lit(" ") + t)
        .otherwise(t)
    )
    return pl.when(pl.col("role").is_not_null()).then(hedged + pl.lit(" ") + pl.col("role")).otherwise(hedged)


def metric_summaries(report: Report) -> pl.DataFrame:
    """One line per metric for the brief: its range as stated, how many sources, and the latest
    statement (from the most recently published source that gives one).

    Columns: metric, label, low, high, range, figures, sources, latest, latest_source."""
    f = report.key_figures()
    if f.is_empty():
        return pl.DataFrame(
            schema={
                "metric": pl.String,
                "label": pl.String,
                "range": pl.String,
                "figures": pl.Int64,
                "sources": pl.Int64,
                "latest": pl.String,
                "latest_source": pl.String,
            }
        )
    f = f.join(_names(report).select("source", "who", "published"), on="source", how="left").with_columns(
        stated_figure().alias("stated")
    )
    # the range is of the values in force; a threatened or earlier rate is not one of them
    in_force = pl.col("role").is_null() | (pl.col("role") == "after")
    ranged = pl.when(in_force.any()).then(in_force).otherwise(pl.lit(True))
    return (
        f.sort("value", "start", nulls_last=True)
        .group_by("metric", maintain_order=True)
        .agg(
            pl.col("label").first(),
            pl.col("stated").filter(ranged).first().alias("lowest"),
            pl.col("stated").filter(ranged).last().alias("highest"),
            (pl.col("value").filter(ranged).min() == pl.col("value").filter(ranged).max()).alias("one_value"),
            pl.len().cast(pl.Int64).alias("figures"),
            pl.col("source").n_unique().cast(pl.Int64).alias("sources"),
            pl.col("stated").sort_by(pl.col("published").fill_null(""), "start").last().alias("latest"),
            pl.col("who").sort_by(pl.col("published").fill_null(""), "start").last().alias("latest_source"),
        )
        .with_columns(
            pl.when((pl.col("lowest") == pl.col("highest")) | pl.col("one_value").fill_null(False))
            .then(pl.col("lowest"))
            .otherwise(pl.col("lowest") + pl.lit(" to ") + pl.col("highest"))
            .alias("range")
        )
        .sort(["sources", "label"], descending=[True, False])
        .select("metric", "label", "range", "figures", "sources", "latest", "latest_source")
    )


def _values_text(f: pl.DataFrame, report: Report) -> pl.DataFrame:
    """metric -> its statements side by side ("90% (MetalMarkets) │ 92% ×2  +3 more")."""
    # one entry per statement as a reader would quote it: its hedge ("well over an hour" is not
    # "an hour") and its role ("100% threatened" is not the rate in force) are part of the figure
    per_value = (
        f.join(_names(report).select("source", "who"), on="source", how="left")
        .sort("source", "start")
        .with_columns(stated_figure().alias("stated"))
        # "one year", "one-year" and "a year" are one figure; "about 70%" and "70%" are not
        .group_by("metric", "value", "unit", "change", "qualifier", "role", maintain_order=True)
        .agg(
            pl.col("stated").mode().sort().first(),
            pl.col("who").unique(maintain_order=True),
            pl.col("source").n_unique().alias("n"),
        )
        .with_columns(
            pl.when(pl.col("n") == 1)
            .then(pl.col("stated") + pl.lit(" (") + pl.col("who").list.first() + pl.lit(")"))
            .otherwise(pl.col("stated") + pl.lit(" ×") + pl.col("n").cast(pl.String))
            .alias("shown")
        )
        .sort("metric", "change", "value", "stated", "shown")
    )
    values = per_value.group_by("metric", maintain_order=True).agg(
        pl.col("shown").head(VALUES_SHOWN).str.join("  │  ").alias("values"), pl.len().alias("n_values")
    )
    return values.with_columns(
        pl.when(pl.col("n_values") > VALUES_SHOWN)
        .then(pl.col("values") + pl.lit("  +") + (pl.col("n_values") - VALUES_SHOWN).cast(pl.String) + pl.lit(" more"))
        .otherwise(pl.col("values"))
        .alias("values")
    )


def figures_by_metric(
    report: Report, source: str | None = None, text_filter: str | None = None, settled: Iterable[str] = ()
) -> pl.DataFrame:
    """The key-figures pane: one row per metric, its values side by side, disputed ones first.

    Columns: metric, label, values (text: "90% (MetalMarkets) │ 92% (Trade Ledger)"), figures,
    sources, severity (of the worst contradiction about the metric, or null).
    """
    f = _key_figures(report, source)
    schema = {
        "metric": pl.String,
        "label": pl.String,
        "values": pl.String,
        "figures": pl.Int64,
        "sources": pl.Int64,
        "severity": pl.String,
    }
    if f.is_empty():
        return pl.DataFrame(schema=schema)
    values = _values_text(f, report)
    rows = (
        f.group_by("metric")
        .agg(
            pl.col("label").first(),
            pl.len().cast(pl.Int64).alias("figures"),
            pl.col("source").n_unique().cast(pl.Int64).alias("sources"),
        )
        .join(values.select("metric", "values"), on="metric", how="left")
        .join(disputed_metrics(report, settled), on="metric", how="left")
        .with_columns(pl.col("severity").replace_strict(SEVERITY_ORDER, default=3).alias("_o"))
        .sort(["_o", "sources", "label"], descending=[False, True, False])
        .drop("_o")
        .select(list(schema))
    )
    return _filtered_by_evidence(
        rows,
        ["label", "values"],
        text_filter,
        "metric",
        [(f, "metric", ["sentence", "attribution"])],
        cache=(report, "figures", source),
    )


def metric_figures(
    report: Report, metric: str, source: str | None = None, limit: int = DETAIL_LIMIT
) -> tuple[pl.DataFrame, int]:
    """Every figure of one metric with its sentence and attribution, for the detail screen: by
    publication date (the figure's history), undated articles last."""
    f = report.figures.filter(pl.col("metric") == metric)
    if source is not None:
        f = f.filter(pl.col("source") == source)
    f = (
        f.join(_names(report), on="source", how="left")
        .join(report.sources.select(pl.col("id").alias("source"), "published"), on="source", how="left")
        .select(
            "published",
            "source",
            "title",
            "outlet",
            "who",
            "label",
            "text",
            "value",
            "unit",
            "qualifier",
            "attribution",
            "aspect",
            "sentence",
            "start",
            "end",
            "sentence_start",
        )
        .sort("published", "source", "start", nulls_last=True)
    )
    return f.head(limit), f.height


@dataclass(frozen=True, slots=True)
class History:
    """A key figure over time: each value by its article's publication date, and its moves.

    `rows` (date order): published, source, who, title, text, value, unit, role, start, sentence.
    `series` holds the values the chart draws (one unit, the metric's commonest; values given a
    role such as "previous" are context, not the figure's own). `moves` are the rows of `series`
    whose value differs from the one before: the articles that moved the figure.
    """

    rows: pl.DataFrame
    series: pl.DataFrame
    moves: list[dict]
    undated: int

    @property
    def first(self) -> dict | None:
        return self.series.row(0, named=True) if self.series.height else None

    @property
    def latest(self) -> dict | None:
        return self.series.row(-1, named=True) if self.series.height else None


def metric_history(report: Report, metric: str, source: str | None = None) -> History:
    """One metric's figures by publication date (undated articles cannot be placed: counted)."""
    f = _key_figures(report, source).filter(pl.col("metric") == metric)
    names = _names(report).join(
        report.sources.select(pl.col("id").alias("source"), "published"), on="source", how="left"
    )
    # each figure as a reader would quote it: "well over an hour" did not move to "an hour"
    f = f.join(names, on="source", how="left").select(
        "published",
        "source",
        "who",
        "title",
        stated_figure().alias("text"),
        "value",
        "unit",
        "role",
        "start",
        "sentence",
    )
    dated = f.filter(pl.col("published").is_not_null()).sort("published", "source", "start")
    own = dated.filter(pl.col("role").is_null() & pl.col("value").is_not_null())
    if own.height:
        unit = own.group_by("unit").len().sort("len", "unit", descending=[True, False], nulls_last=True)["unit"][0]
        own = own.filter(pl.col("unit") == unit if unit is not None else pl.col("unit").is_null())
    moves: list[dict] = []
    last: dict | None = None
    for r in own.iter_rows(named=True):
        if last is not None and r["value"] != last["value"]:
            moves.append({**r, "from": last["text"], "from_who": last["who"]})
        last = r
    return History(dated, own, moves, f.height - dated.height)


# ---- contradictions -----------------------------------------------------------------------------


def _positions_text(c: pl.DataFrame) -> pl.DataFrame:
    """id -> its positions in one line ("90% (1)  vs  92% (1)") and how many there are."""
    return (
        c.select("id", "positions")
        .explode("positions")
        .select(
            "id",
            pl.col("positions").struct.field("value").alias("v"),
            pl.col("positions").struct.field("number").alias("num"),
            pl.col("positions").struct.field("sources").list.len().alias("n"),
        )
        .sort("id", "num", "v", nulls_last=True)
        .with_columns((pl.col("v") + pl.lit(" (") + pl.col("n").cast(pl.String) + pl.lit(")")).alias("shown"))
        .group_by("id", maintain_order=True)
        .agg(pl.col("shown").str.join("  vs  ").alias("positions"), pl.len().cast(pl.Int64).alias("n_positions"))
    )


def contradiction_rows(report: Report, source: str | None = None, text_filter: str | None = None) -> pl.DataFrame:
    """The contradictions pane: one row per subject, most severe first.

    Columns: id, kind, subject, severity, positions (text: "90% (1) vs 92% (1)"), n_positions,
    sources (independent sources taking a side).
    """
    c = report.contradictions
    schema = {
        "id": pl.String,
        "kind": pl.String,
        "subject": pl.String,
        "severity": pl.String,
        "positions": pl.String,
        "n_positions": pl.Int64,
        "sources": pl.Int64,
    }
    if c.is_empty():
        return pl.DataFrame(schema=schema)
    if source is not None:
        ids = contradiction_sources(report).filter(pl.col("source") == source)["cid"]
        c = c.filter(pl.col("id").is_in(ids.implode()))
    pos = _positions_text(c)
    rows = (
        c.select(
            "id",
            pl.col("kind").cast(pl.String),
            "subject",
            pl.col("severity").cast(pl.String),
            pl.col("sources").cast(pl.Int64),
        )
        .join(pos, on="id", how="left")
        .with_columns(pl.col("severity").replace_strict(SEVERITY_ORDER, default=3).alias("_o"))
        .sort("_o", "kind", "subject", "id")
        .drop("_o")
        .select(list(schema))
    )
    said = (
        c.select("id", "positions")
        .explode("positions")
        .select("id", pl.col("positions").struct.field("sentences").alias("s"))
        .explode("s")
        .drop_nulls("s")
    )
    return _filtered_by_evidence(
        rows,
        ["kind", "subject", "severity", "positions"],
        text_filter,
        "id",
        [(said, "id", ["s"])],
        cache=(report, "contradictions", source),
    )


@dataclass(frozen=True, slots=True)
class Quote:
    """One source's sentence for a position, with where it sits in that source's text."""

    source: str
    who: str
    title: str | None
    sentence: str
    start: int | None


@dataclass(frozen=True, slots=True)
class Position:
    """One side of a contradiction: the value, who holds it, and their sentences."""

    value: str
    sources: list[str]
    quotes: list[Quote] = field(default_factory=list)
    #: who asserts it (a status reading's speaker), and the measures its sentences name
    who: str | None = None
    measures: list[str] = field(default_factory=list)
    #: the reading itself, without who asserts it ("eliminated")
    reading: str = ""


def contradiction_positions(report: Report, cid: str) -> tuple[dict | None, list[Position]]:
    """A contradiction's row and its positions, each sentence placed in the source that says it.

    The core keeps a position's sources and sentences as two lists; the sentence is matched to
    the source whose text contains it, so the reader can open on it.
    """
    hit = report.contradictions.filter(pl.col("id") == cid)
    if hit.is_empty():
        return None, []
    row = hit.row(0, named=True)
    names = {r["source"]: r for r in _names(report).iter_rows(named=True)}
    out: list[Position] = []
    ordered = sorted(row["positions"], key=lambda p: (p["number"] is None, p["number"] or 0, p["value"] or ""))
    for p in ordered:
        sources = sorted(p["sources"] or [])
        quotes: list[Quote] = []
        placed: set[str] = set()
        for sid in sources[:QUOTED_SOURCES]:
            text = report.text_of(sid)
            for sentence in p["sentences"] or []:
                at = text.find(sentence) if text else -1
                if at >= 0:
                    n = names.get(sid, {})
                    quotes.append(Quote(sid, n.get("who") or sid, n.get("title"), sentence, at))
                    placed.add(sentence)
        for sentence in p["sentences"] or []:
            if sentence not in placed:  # e.g. from a source beyond the quoted ones
                sid = sources[0] if sources else ""
                n = names.get(sid, {})
                quotes.append(Quote(sid, n.get("who") or sid, n.get("title"), sentence, None))
        out.append(
            Position(p["value"], sources, quotes, p["who"], list(p["measures"] or []), p["reading"] or p["value"])
        )
    return row, out


#: The column of readings no one is said to assert, and the row of sentences naming no measure.
UNATTRIBUTED = "unattributed"
UNNAMED = "measure not named"


def reading_matrix(positions: list[Position]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Who says what of which measure: columns are who asserts, rows are the measures named,
    each cell the readings given (with how many sources). Empty when no position names a
    measure or a speaker, where the positions themselves say it all."""
    if not any(p.who or p.measures for p in positions):
        return [], []
    cells: dict[tuple[str, str], list[str]] = {}
    cols: dict[str, None] = {}
    rows: dict[str, None] = {}
    for p in positions:
        col = p.who or UNATTRIBUTED
        cols[col] = None
        for m in p.measures or [UNNAMED]:
            rows[m] = None
            n = len(p.sources)
            cells.setdefault((m, col), []).append(f"{p.reading} ({n})")
    columns = sorted(cols, key=lambda c: (c == UNATTRIBUTED, c))
    ordered = sorted(rows, key=lambda r: (r == UNNAMED, r))
    return columns, [(r, [", ".join(cells.get((r, c), [])) for c in columns]) for r in ordered]


# ---- open questions -----------------------------------------------------------------------------


def question_themes(report: Report, source: str | None = None, text_filter: str | None = None) -> pl.DataFrame:
    """The open-questions pane: the profile's themes in order, with evidence counts.

    Columns: theme, label, questions (outright), hedges, sources, evidence (all rows).
    """
    q = report.questions
    if source is not None:
        q = q.filter(pl.col("source") == source)
    schema = {
        "theme": pl.String,
        "label": pl.String,
        "questions": pl.Int64,
        "hedges": pl.Int64,
        "sources": pl.Int64,
        "evidence": pl.Int64,
    }
    if q.is_empty():
        return pl.DataFrame(schema=schema)
    rows = q.group_by("theme", maintain_order=True).agg(
        pl.col("label").first(),
        (pl.col("kind") == "question").sum().cast(pl.Int64).alias("questions"),
        (pl.col("kind") == "hedge").sum().cast(pl.Int64).alias("hedges"),
        pl.col("source").n_unique().cast(pl.Int64).alias("sources"),
        pl.len().cast(pl.Int64).alias("evidence"),
    )
    return _filtered_by_evidence(
        rows.select(list(schema)),
        ["label"],
        text_filter,
        "theme",
        [(q, "theme", ["sentence", "cue"])],
        cache=(report, "questions", source),
    )


def theme_evidence(
    report: Report, theme: str, source: str | None = None, limit: int = DETAIL_LIMIT
) -> tuple[pl.DataFrame, int]:
    """The sentences behind one theme, grouped by source (questions before hedges)."""
    q = report.questions.filter(pl.col("theme") == theme)
    if source is not None:
        q = q.filter(pl.col("source") == source)
    q = (
        q.join(_names(report), on="source", how="left")
        .select("source", "title", "who", "kind", "cue", "sentence", "start", "end")
        .sort("source", pl.col("kind") != "question", "start")
    )
    return q.head(limit), q.height


# ---- timeline -----------------------------------------------------------------------------------


def timeline_rows(
    report: Report,
    source: str | None = None,
    text_filter: str | None = None,
    limit: int = 2000,
    *,
    markers: bool = False,
) -> tuple[pl.DataFrame, int]:
    """Dated events in date order: date, event, text (as written), who, sentence, offsets.

    `markers` adds two rows that are not events, in their place by date (column `marker`):
    "today" (the date the countdown is measured from) and "due" (when the current terms lapse),
    so the analyst sees at a glance which events are past and where the end date falls.
    """
    t = report.timeline
    if source is not None:
        t = t.filter(pl.col("source") == source)
    t = (
        t.join(_names(report).select("source", "who"), on="source", how="left")
        .select(
            "date",
            pl.coalesce("event", pl.lit("")).alias("event"),
            "event_id",
            "text",
            "source",
            "who",
            "sentence",
            "start",
            "end",
            "expiry",
            pl.lit(None, dtype=pl.String).alias("marker"),
        )
        .sort("date", "source", "start")
    )
    t = _filtered(t, ["date", "event", "text", "who", "sentence"], text_filter)
    total = t.height
    if markers:
        marks = _timeline_markers(report, t.schema)
        if marks.height:
            # a marker goes after the events of its own day ("today" has happened by then)
            t = pl.concat([t, marks]).sort(
                "date", pl.col("marker").is_not_null(), "source", "start", nulls_last=True, maintain_order=True
            )
    return t.head(limit + (t.height - total)), total


def _timeline_markers(report: Report, schema: pl.Schema) -> pl.DataFrame:
    due = (report.renegotiation or {}).get("due")
    rows = [{"date": report.today.isoformat(), "event": "today", "marker": "today"}]
    if due:
        lapsed = dt.date.fromisoformat(str(due)) < report.today
        label = past_label(report.deadline_label) if lapsed else report.deadline_label
        rows.append({"date": str(due), "event": f"{label} (end date)", "marker": "due"})
    return pl.DataFrame([{**{c: None for c in schema}, "expiry": False, **r} for r in rows], schema=schema)


def past_label(label: str) -> str:
    """The deadline's words once it has passed: "terms lapse" -> "terms lapsed"."""
    words = label.strip()
    if words.endswith("e") and not words.endswith("date"):
        return words + "d"
    return f"{words}: passed"


def staleness(report: Report) -> dict | None:
    """Past the deadline: when it was, how long ago, and the newest article's date and age.

    None while the terms still run (or nothing is known). A lapse long after the newest article
    usually means the folder has not been fed since, not that nothing happened: the header says so.
    """
    r = report.renegotiation or {}
    days = r.get("days_left")
    if days is None or days >= 0 or not r.get("due"):
        return None
    newest = r.get("newest_article")
    age = (report.today - dt.date.fromisoformat(newest)).days if newest and len(newest) == 10 else None
    return {"due": r["due"], "days_ago": -days, "newest": newest, "newest_age": age}


# ---- the article reader -------------------------------------------------------------------------

HIGHLIGHT_KINDS = ("figure", "date", "question", "hedge")


def highlights(report: Report, source_id: str) -> pl.DataFrame:
    """Spans to mark in one article's text: figures, dates, questions and hedges.

    Columns: start, end, kind (figure | date | question | hedge), label; sorted by start, so
    `n`/`N` in the reader walk them in reading order.
    """
    f = report.figures.filter(pl.col("source") == source_id).select(
        "start",
        "end",
        pl.lit("figure").alias("kind"),
        pl.when(pl.col("metric") == "other")
        .then(pl.col("text"))
        .otherwise(pl.col("label") + pl.lit(": ") + pl.col("text"))
        .alias("label"),
    )
    d = report.timeline.filter(pl.col("source") == source_id).select(
        "start",
        "end",
        pl.lit("date").alias("kind"),
        (
            pl.col("date")
            + pl.when(pl.col("event_id").is_not_null()).then(pl.lit(" — ") + pl.col("event")).otherwise(pl.lit(""))
        ).alias("label"),
    )
    q = report.questions.filter(pl.col("source") == source_id).select("start", "end", "kind", "label")
    out = pl.concat([f, d, q], how="vertical").with_columns(
        pl.col("kind").replace_strict({k: i for i, k in enumerate(HIGHLIGHT_KINDS)}, default=9).alias("_o")
    )
    return out.sort("start", "_o").drop("_o").unique(["start", "end", "kind"], maintain_order=True)


# ---- what changed -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """What one refresh changed, for the notification."""

    added: list[dict]
    updated: list[dict]
    removed: list[dict]
    figures: int
    new_contradictions: int
    renamed: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.updated or self.removed or self.renamed)

    def message(self) -> str:
        """ "New: <headline> (<outlet>): 4 figures, 1 new contradiction" and its batch forms."""
        tail = []
        if self.added or self.updated:
            tail.append(_plural(self.figures, "figure"))
        if self.new_contradictions:
            tail.append(_plural(self.new_contradictions, "new contradiction"))
        n = len(self.added) + len(self.updated) + len(self.removed) + len(self.renamed)
        if n == 1 and self.renamed:
            ((a, b),) = self.renamed
            return one_line(f"Renamed: {a['title'] or a['name']}: {a['id']} → {b['id']}")
        if n == 1:
            ((verb, s),) = [
                (v, x)
                for v, xs in (("New", self.added), ("Updated", self.updated), ("Removed", self.removed))
                for x in xs
            ]
            who = f" ({s['outlet']})" if s.get("outlet") else ""
            head = f"{verb}: {s['title'] or s['name']}{who}"
        else:
            parts = [
                f"{len(xs)} {w}"
                for w, xs in (
                    ("new", self.added),
                    ("updated", self.updated),
                    ("renamed", self.renamed),
                    ("removed", self.removed),
                )
                if xs
            ]
            head = ", ".join(parts) + " articles"
        return one_line(head + (": " + ", ".join(tail) if tail else ""))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def change_summary(old: Report | None, new: Report, changed: Iterable[str], removed: Iterable[str]) -> ChangeSummary:
    """Compare two reports after `changed` ids were (re)read and `removed` ids were deleted."""
    old_ids = set(old.sources["id"].to_list()) if old is not None else set()
    new_src = new.sources.filter(pl.col("id").is_in(pl.Series(list(set(changed)), dtype=pl.String).implode()))
    added: list[dict] = []
    updated: list[dict] = []
    figures = 0
    for r in new_src.iter_rows(named=True):
        d = {
            "id": r["id"],
            "title": r["title"],
            "outlet": r["outlet"],
            "name": PurePath(r["path"] or r["id"]).name,
            "figures": r["figures"] or 0,
        }
        figures += d["figures"]
        (updated if r["id"] in old_ids else added).append(d)
    gone = []
    removed = set(removed)
    if old is not None and removed:
        for r in old.sources.filter(pl.col("id").is_in(pl.Series(list(removed), dtype=pl.String).implode())).iter_rows(
            named=True
        ):
            gone.append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "outlet": r["outlet"],
                    "name": PurePath(r["path"] or r["id"]).name,
                    "figures": 0,
                }
            )
    # a file moved or renamed: gone under one id, back under another with the same text
    renamed: list[tuple[dict, dict]] = []
    if gone and added and old is not None:
        prints = dict(old.sources.select("id", "fingerprint").iter_rows())
        now_prints = dict(new.sources.select("id", "fingerprint").iter_rows())
        for g in list(gone):
            fp = prints.get(g["id"])
            match = next((a for a in added if fp and now_prints.get(a["id"]) == fp), None)
            if match is not None:
                gone.remove(g)
                added.remove(match)
                figures -= match["figures"]
                renamed.append((g, match))
    before = set(old.contradictions["id"].to_list()) if old is not None else set()
    fresh = len(set(new.contradictions["id"].to_list()) - before)
    return ChangeSummary(added, updated, gone, figures, fresh, renamed)


def overview(report: Report) -> dict[str, int]:
    """Counts for titles: sources, live sources, figures, contradictions, themes."""
    return {
        "sources": report.sources.height,
        "live": live_sources(report).len(),
        "figures": report.key_figures().height,
        "contradictions": report.contradictions.height,
        "themes": report.questions["theme"].n_unique(),
        "events": report.timeline.height,
    }


# ---- review marks -------------------------------------------------------------------------------

#: How each state is shown next to a marked row.
MARK_WORDS = {"explained": "✓ explained", "dismissed": "✗ dismissed", "answered": "✓ answered", "pinned": "★ pinned"}
#: The key column of each pane's rows, by kind of mark.
MARK_KEYS = {"contradiction": "id", "question": "theme", "figure": "metric"}


def position_values(report: Report, cid: str | None = None) -> dict[str, list[str]]:
    """Contradiction id -> its position values, what a contradiction mark remembers."""
    c = report.contradictions
    if cid is not None:
        c = c.filter(pl.col("id") == cid)
    return {i: sorted({str(p["value"]) for p in pos or []}) for i, pos in c.select("id", "positions").iter_rows()}


def with_marks(
    rows: pl.DataFrame,
    kind: str,
    marks: Mapping[tuple[str, str], Mark],
    positions: Mapping[str, Iterable[str]] | None = None,
) -> pl.DataFrame:
    """A pane's rows with the analyst's marks: columns `mark` (words or null), `note`, `open`.

    A contradiction marked explained or dismissed is open again when a position appeared since
    (`marks.is_open`); its `mark` then reads "reopened". Pinned figures sort first; other marked
    rows keep their place (the pane dims them).
    """
    key = MARK_KEYS[kind]
    ids = rows[key].to_list() if rows.height else []
    words: list[str | None] = []
    notes: list[str | None] = []
    opened: list[bool] = []
    for item in ids:
        m = marks.get((kind, item))
        if m is None or m.cleared:
            words.append(None)
            notes.append(None)
            opened.append(True)
            continue
        still_open = is_open(m, (positions or {}).get(item, ())) if kind == "contradiction" else False
        words.append("↺ reopened" if still_open else MARK_WORDS.get(m.state, m.state))
        notes.append(m.note or None)
        opened.append(still_open)
    out = rows.with_columns(
        pl.Series("mark", words, dtype=pl.String),
        pl.Series("note", notes, dtype=pl.String),
        pl.Series("open", opened, dtype=pl.Boolean),
    )
    if kind == "figure" and out.height:
        pinned = pl.col("mark").is_not_null()
        out = out.with_columns(pinned.alias("_p")).sort("_p", descending=True, maintain_order=True).drop("_p")
    return out


def settled_ids(report: Report, marks: Mapping[tuple[str, str], Mark], kind: str = "contradiction") -> set[str]:
    """Items of `kind` the analyst has settled (explained, dismissed, answered) and that have not
    reopened since: they are dimmed, sorted last and left out of the counts."""
    if kind not in ("contradiction", "question"):
        return set()
    positions = position_values(report) if kind == "contradiction" else {}
    return {
        item
        for (k, item), m in marks.items()
        if k == kind and not m.cleared and not is_open(m, positions.get(item, ()) if kind == "contradiction" else ())
    }


def settled_last(rows: pl.DataFrame, *, hide: bool = False) -> pl.DataFrame:
    """Rows with `open` false after the open ones (their order kept), or left out (`hide`)."""
    if "open" not in rows.columns or rows.is_empty():
        return rows
    if hide:
        return rows.filter(pl.col("open"))
    return rows.sort(pl.col("open").not_(), maintain_order=True)


# ---- sorting ------------------------------------------------------------------------------------


def sort_rows(rows: pl.DataFrame, column: str | None, descending: bool = False) -> pl.DataFrame:
    """A pane's rows by one of its columns (text without regard to case, severity by rank);
    ties keep the pane's own order, and missing values go last either way."""
    if column is None or rows.is_empty() or column not in rows.columns:
        return rows
    key = pl.col(column)
    if column == "severity":
        key = key.replace_strict(SEVERITY_ORDER, default=3, return_dtype=pl.Int64)
    elif rows.schema[column] == pl.String:
        key = key.str.to_lowercase()
    return rows.sort(key, descending=descending, nulls_last=True, maintain_order=True)


# ---- export -------------------------------------------------------------------------------------


def narrowed_report(report: Report, source: str | None) -> Report:
    """The report as the panes show it narrowed to one source (None: unchanged).

    Per-source tables keep that source's rows; contradictions keep those the source takes a
    side in (with every position, so the disagreement still reads).
    """
    if source is None:
        return report
    keep = pl.col("source") == source
    cids = contradiction_sources(report).filter(pl.col("source") == source)["cid"]
    return replace(
        report,
        sources=report.sources.filter(pl.col("id") == source),
        figures=report.figures.filter(keep),
        timeline=report.timeline.filter(keep),
        roles=report.roles.filter(keep),
        statuses=report.statuses.filter(keep),
        questions=report.questions.filter(keep),
        texts=report.texts.filter(keep),
        contradictions=report.contradictions.filter(pl.col("id").is_in(cids.implode())),
    )
