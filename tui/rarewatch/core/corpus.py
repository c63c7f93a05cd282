"""From many articles' tables to one report: duplicates, contradictions, the countdown.

Everything here is grouping with Polars over the concatenated per-article tables, so the cost
grows with the number of rows and of distinct subjects, never with pairs of articles. Support is
counted in independent sources: a duplicate counts once, and so do articles that only repeat the
same attribution ("posts on X").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from rarewatch.core import tables as T
from rarewatch.core.analysis import ArticleTables
from rarewatch.core.contradictions import (
    date_contradictions,
    figure_contradictions,
    role_contradictions,
    status_contradictions,
)
from rarewatch.core.dates import date_yearless, to_date
from rarewatch.core.profile import Profile

#: The flag of a copy of another article; the public report writes the original's id after it.
DUPLICATE_FLAG = "duplicate-of:"
#: Flags that keep an article's claims out of contradictions, questions and the countdown.
EXCLUDED = ("off-topic", "unreadable", DUPLICATE_FLAG)


def excluded() -> pl.Expr:
    """True for a sources row whose claims stay out of the analysis (a flag in EXCLUDED)."""
    hit = pl.lit(False)
    for flag in EXCLUDED:
        hit = hit | pl.element().str.starts_with(flag)
    return pl.col("flags").list.eval(hit).list.any().fill_null(False)


#: Two articles sharing this share of sampled shingles are the same story.
DUPLICATE_OVERLAP = 0.6
#: Below this many sampled shingles an article is too short to call a copy by overlap alone.
MIN_SHINGLES = 8


@dataclass(frozen=True, slots=True)
class Report:
    """The whole analysis of a folder; every field a DataFrame with a schema from `tables.py`."""

    sources: pl.DataFrame
    figures: pl.DataFrame
    timeline: pl.DataFrame
    roles: pl.DataFrame
    statuses: pl.DataFrame
    questions: pl.DataFrame
    contradictions: pl.DataFrame
    texts: pl.DataFrame
    renegotiation: dict = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    story: str = ""
    deadline_label: str = "terms lapse"

    def text_of(self, source_id: str) -> str:
        hit = self.texts.filter(pl.col("source") == source_id)
        return hit["text"][0] if hit.height else ""

    def counted(self) -> pl.Series:
        """For each row of `figures`, whether it is one of the key figures."""
        live = self.sources.filter(~excluded())["id"]
        return self.figures.select((pl.col("metric") != "other") & pl.col("source").is_in(live.implode())).to_series()

    def key_figures(self) -> pl.DataFrame:
        """What every count and list of "figures" means, from the header to the exports: the
        figures of a metric, from sources in the analysis (not off-topic, unreadable or a copy)."""
        return self.figures.filter(self.counted())


def concat(parts: Iterable[ArticleTables]) -> dict[str, pl.DataFrame]:
    parts = list(parts)
    schemas = T.ARTICLE_TABLES
    out = {}
    for name, schema in schemas.items():
        frames = [getattr(p, name) for p in parts if getattr(p, name).height]
        out[name] = pl.concat(frames, how="vertical", rechunk=True) if frames else pl.DataFrame(schema=schema)
    return out


def compact(parts: Iterable[ArticleTables]) -> ArticleTables:
    """Many articles' tables as one: thousands of tiny frames cost far more memory than one."""
    t = concat(parts)
    return ArticleTables(**{name: t[name] for name in ArticleTables.FIELDS})


#: The countdown while the first full report is still being built.
STILL_READING = {"due": None, "basis": "still reading", "days_left": None}


def build_report(
    parts: Iterable[ArticleTables],
    profile: Profile,
    today: dt.date,
    *,
    full: bool = True,
    base: Report | None = None,
    changed: Iterable[str] = (),
) -> Report:
    """The report of a folder's articles: the one function every view, `scan`, the cache and
    the benchmarks build a report with.

    `full=False` skips the corpus-wide work (duplicates, contradictions, the countdown), which
    on a large folder takes seconds: every source, figure, date and question is as read, with
    the duplicate flags, contradictions and countdown of the last full report (`base`) for the
    articles that did not change. The dashboard shows it while the full report is built.
    """
    t = concat(parts)
    # claims in article order, whatever order a process pool finished the articles in, so that
    # a report is the same from run to run
    for k in ("figures", "timeline", "roles", "statuses", "questions"):
        t[k] = t[k].sort("source", "start", maintain_order=True)
    sources = t["source"].sort("id")
    sources = mark_duplicates(sources) if full else _flags_of(base, sources, changed)
    keep = sources.filter(~excluded())["id"]

    def live(df: pl.DataFrame) -> pl.DataFrame:
        return df.filter(pl.col("source").is_in(keep.implode()))

    t["timeline"] = date_yearless_days(t["timeline"], sources)
    figures, timeline = live(t["figures"]), live(t["timeline"])
    if full:
        contradictions = find_contradictions(figures, timeline, live(t["roles"]), live(t["statuses"]), sources, profile)
        countdown = with_newest(renegotiation(timeline, figures, profile, today), sources.filter(~excluded()))
    else:
        contradictions = base.contradictions if base is not None else pl.DataFrame(schema=T.CONTRADICTIONS)
        countdown = base.renegotiation if base is not None else dict(STILL_READING)
    # the figures column counts what the header counts: key figures of sources in the analysis
    counts = figures.filter(pl.col("metric") != "other").group_by("source").len("figures")
    sources = sources.join(counts, left_on="id", right_on="source", how="left").with_columns(
        pl.col("figures").fill_null(0)
    )
    return Report(
        sources=sources,
        figures=t["figures"],
        timeline=t["timeline"],
        roles=t["roles"],
        statuses=t["statuses"],
        questions=order_questions(live(t["questions"]), profile),
        contradictions=contradictions,
        texts=t["text"],
        renegotiation=countdown,
        today=today,
        story=profile.name,
        deadline_label=profile.deadline_label,
    )


def find_contradictions(
    figures: pl.DataFrame,
    timeline: pl.DataFrame,
    roles: pl.DataFrame,
    statuses: pl.DataFrame,
    sources: pl.DataFrame,
    profile: Profile,
) -> pl.DataFrame:
    """Every kind of contradiction among the claims of the sources in the analysis."""
    return pl.concat(
        [
            figure_contradictions(figures, profile, _outlets(sources)),
            date_contradictions(timeline, profile),
            role_contradictions(roles, profile.shared_titles),
            status_contradictions(statuses, profile),
        ],
        how="vertical",
    )


def _flags_of(base: Report | None, sources: pl.DataFrame, changed: Iterable[str]) -> pl.DataFrame:
    """The sources as read, with the flags (and copy links) the last full report gave those
    that did not change since; a changed or new article keeps only its own flags."""
    if base is None or not base.sources.height:
        return sources.with_columns(pl.lit(None, dtype=pl.String).alias("duplicate_of"))
    carried = base.sources.select(
        "id",
        pl.col("flags").alias("_base_flags"),
        (pl.col("duplicate_of") if "duplicate_of" in base.sources.columns else pl.lit(None, dtype=pl.String)).alias(
            "duplicate_of"
        ),
    ).filter(~pl.col("id").is_in(pl.Series(list(changed), dtype=pl.String).implode()))
    return (
        sources.join(carried, on="id", how="left")
        .with_columns(pl.coalesce("_base_flags", "flags").alias("flags"))
        .drop("_base_flags")
    )


def _outlets(sources: pl.DataFrame) -> dict[str, str]:
    """source id -> its outlet, lower-cased, for counting independent sources; an article
    without an outlet stands for itself."""
    named = sources.filter(pl.col("outlet").is_not_null() & (pl.col("outlet") != ""))
    return dict(zip(named["id"].to_list(), named["outlet"].str.to_lowercase().to_list(), strict=True))


# ---- days without a year ----------------------------------------------------------------------


def date_yearless_days(timeline: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Give the days undated articles name without a year ("--10-30") the year they most likely
    fell in, seen from the newest publication date in the folder: the story's present, which
    today is not (a folder read a year later would move every such day a year on). Without any
    dated article they cannot be dated and are left out."""
    floating = pl.col("date").str.starts_with("--")
    days = timeline.filter(floating)["date"].unique().to_list()
    if not days:
        return timeline
    published = sources["published"].drop_nulls()
    if published.is_empty():
        return timeline.filter(~floating)
    newest = to_date(str(published.max()))
    mapping = {d: date_yearless(d, newest) for d in days}
    return timeline.with_columns(pl.col("date").replace(mapping)).filter(pl.col("date").is_not_null())


# ---- duplicates -------------------------------------------------------------------------------


def mark_duplicates(sources: pl.DataFrame) -> pl.DataFrame:
    """Flag `duplicate-of:<id>` on every copy of a story but the one that stands for it: the
    earliest published, then the longest, then the first by name. The same id is in the
    `duplicate_of` column, for code that needs it (the flag is what the public report shows)."""
    if sources.height < 2:
        return sources.with_columns(pl.lit(None, dtype=pl.String).alias("duplicate_of"))
    readable = sources.filter(pl.col("error").is_null() & (pl.col("words") > 0))
    links = pl.concat([_overlapping(readable), _identical(readable)], how="vertical")
    if links.is_empty():
        return sources.with_columns(pl.lit(None, dtype=pl.String).alias("duplicate_of"))
    return (
        sources.join(_originals(links, readable), left_on="id", right_on="id_b", how="left")
        .with_columns(
            pl.when(pl.col("dup_of").is_not_null())
            .then(pl.col("flags").list.concat(pl.concat_list(pl.lit(DUPLICATE_FLAG) + pl.col("dup_of"))))
            .otherwise(pl.col("flags"))
            .alias("flags")
        )
        .rename({"dup_of": "duplicate_of"})
    )


def _overlapping(readable: pl.DataFrame) -> pl.DataFrame:
    """Pairs (id, id_b) of articles sharing enough sampled shingles to be one story."""
    ex = readable.select("id", "shingles").explode("shingles").drop_nulls("shingles")
    sizes = ex.group_by("id").len("n")
    # shingles that occur in very many documents are boilerplate, not evidence
    common = ex.group_by("shingles").len("df").filter(pl.col("df") <= 50)
    ex = ex.join(common, on="shingles")
    return (
        ex.join(ex, on="shingles", suffix="_b")
        .filter(pl.col("id") < pl.col("id_b"))
        .group_by("id", "id_b")
        .len("shared")
        .join(sizes, on="id")
        .join(sizes.rename({"id": "id_b", "n": "n_b"}), on="id_b")
        .filter(
            (pl.col("shared") >= DUPLICATE_OVERLAP * pl.min_horizontal("n", "n_b"))
            & (pl.min_horizontal("n", "n_b") >= MIN_SHINGLES)
        )
        .select("id", "id_b")
    )


def _identical(readable: pl.DataFrame) -> pl.DataFrame:
    """Pairs (first id, another id) of articles with the same text fingerprint."""
    return (
        readable.filter(pl.col("fingerprint").is_not_null())
        .group_by("fingerprint")
        .agg(pl.col("id").sort())
        .filter(pl.col("id").list.len() > 1)
        .select(pl.col("id").list.first().alias("id"), pl.col("id").list.slice(1).alias("id_b"))
        .explode("id_b")
    )


def _originals(links: pl.DataFrame, readable: pl.DataFrame) -> pl.DataFrame:
    """For each copy (id_b), the copy that stands for its group (dup_of): the earliest
    published, then the longest (reposts trim), then the first by name; an undated copy never
    stands before a dated one."""
    rank = (
        readable.sort(pl.col("published").fill_null("9999"), "words", "id", descending=[False, True, False])
        .with_row_index("rank")
        .select("id", "rank")
    )
    ranked = links.join(rank, on="id").join(rank.rename({"id": "id_b", "rank": "rank_b"}), on="id_b")
    oriented = ranked.select(
        pl.when(pl.col("rank") < pl.col("rank_b")).then("id").otherwise("id_b").alias("orig"),
        pl.when(pl.col("rank") < pl.col("rank_b")).then("id_b").otherwise("id").alias("copy"),
        pl.min_horizontal("rank", "rank_b").alias("orig_rank"),
    )
    return (
        oriented.sort("orig_rank")
        .group_by("copy", maintain_order=True)
        .agg(pl.col("orig").first().alias("dup_of"))
        .rename({"copy": "id_b"})
    )


# ---- questions --------------------------------------------------------------------------------


def order_questions(questions: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Themes in profile order, outright questions before hedges, then by source."""
    order = {t.id: i for i, t in enumerate(profile.themes)}
    return (
        questions.with_columns(pl.col("theme").replace_strict(order, default=len(order)).alias("_o"))
        .sort("_o", pl.col("kind") != "question", "source", "start")
        .drop("_o")
    )


# ---- the renegotiation countdown --------------------------------------------------------------


def renegotiation(timeline: pl.DataFrame, figures: pl.DataFrame, profile: Profile, today: dt.date) -> dict:
    """When the current terms lapse: an explicit date wins over start date plus term."""
    stated = _stated_expiry(timeline, today)
    if stated is not None:
        return stated
    term = (
        figures.filter(
            (pl.col("metric") == profile.term_metric)
            & pl.col("role").is_null()
            & pl.col("unit").is_in(["year", "month"])
            & pl.col("qualifier").is_null()
        )
        .group_by("value", "unit")
        .agg(pl.col("source").unique().alias("sources"))
        .with_columns(pl.col("sources").list.len().alias("n"))
        .sort("n", descending=True)
    )
    if term.is_empty():
        return {"due": None, "basis": "no source gives the length of the current terms", "days_left": None}
    return _term_from_start(timeline, term.row(0, named=True), profile, today)


def _stated_expiry(timeline: pl.DataFrame, today: dt.date) -> dict | None:
    """The expiry date the most sources state (to the month at least), or None."""
    explicit = timeline.filter(pl.col("expiry") & (pl.col("date").str.len_chars() >= 7))
    if not explicit.height:
        return None
    cands = {
        r["date"]: set(r["sources"])
        for r in explicit.group_by("date").agg(pl.col("source").unique().alias("sources")).iter_rows(named=True)
    }
    # "November 2026" supports "November 10, 2026": the precise date inherits its support
    for d in [d for d in cands if len(d) == 7]:
        precise = [x for x in cands if len(x) == 10 and x.startswith(d)]
        if precise:
            for x in precise:
                cands[x] |= cands[d]
            del cands[d]
    date, srcs = min(cands.items(), key=lambda kv: (-len(kv[1]), -len(kv[0]), kv[0]))
    basis = f"stated expiry {date} ({', '.join(sorted(srcs)[:3])})"
    return _due(to_date(date), basis, today)


def _term_from_start(timeline: pl.DataFrame, t: dict, profile: Profile, today: dt.date) -> dict:
    """The term `t` counted from the best-supported day of the first start event that has one."""
    if profile.default_stage:
        # the current terms start with the current stage: a provisional start is not theirs
        current = timeline.filter(pl.col("stage").fill_null(profile.default_stage) == profile.default_stage)
        timeline = current if current.height else timeline
    for event_id in profile.start_events:
        starts = (
            timeline.filter((pl.col("event_id") == event_id) & (pl.col("date").str.len_chars() == 10))
            .group_by("date")
            .agg(pl.col("source").unique().alias("sources"))
            .with_columns(pl.col("sources").list.len().alias("n"))
            .sort(["n", "date"], descending=[True, True])
        )
        if starts.is_empty():
            continue
        s = starts.row(0, named=True)
        due = _add(dt.date.fromisoformat(s["date"]), t["value"], t["unit"])
        if due is None:
            continue
        label = next((e.label for e in profile.events if e.id == event_id), event_id)
        n = int(t["value"]) if float(t["value"]).is_integer() else t["value"]
        basis = (
            f"{n}-{t['unit']} term ({', '.join(sorted(t['sources'])[:3])}) from "
            f"{label.lower()} on {s['date']} ({', '.join(sorted(s['sources'])[:3])})"
        )
        return _due(due, basis, today)
    return {"due": None, "basis": "no dated start of the current terms", "days_left": None}


def with_newest(reneg: dict, sources: pl.DataFrame) -> dict:
    """The countdown with the newest article's publication date beside it: a lapse in the past
    may only mean the folder has not been fed since (the header says so)."""
    published = sources["published"].drop_nulls()
    return {**reneg, "newest_article": published.max() if published.len() else None}


def _add(start: dt.date, value: float, unit: str) -> dt.date | None:
    months = round(value * 12) if unit == "year" else round(value) if unit == "month" else None
    if months is None:
        return None
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _due(due: dt.date, basis: str, today: dt.date) -> dict:
    return {"due": due.isoformat(), "basis": basis, "days_left": (due - today).days}
