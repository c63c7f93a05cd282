"""From many articles' tables to one report: duplicates, contradictions, the countdown.

Everything here is grouping with Polars over the concatenated per-article tables, so the cost
grows with the number of rows and of distinct subjects, never with pairs of articles. Support is
counted in independent sources: a duplicate counts once, and so do articles that only repeat the
same attribution ("posts on X").
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
import regex

from rarewatch.core import tables as T
from rarewatch.core.analysis import ArticleTables
from rarewatch.core.dates import date_yearless, to_date
from rarewatch.core.numbers import QUALIFIERS, overlaps
from rarewatch.core.profile import Profile, StatusSubject

#: Flags that keep an article's claims out of contradictions, questions and the countdown.
EXCLUDED = ("off-topic", "unreadable", "duplicate-of:")


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


def build_report(parts: Iterable[ArticleTables], profile: Profile, today: dt.date) -> Report:
    t = concat(parts)
    # claims in article order, whatever order a process pool finished the articles in, so that
    # a report is the same from run to run
    for k in ("figures", "timeline", "roles", "statuses", "questions"):
        t[k] = t[k].sort("source", "start", maintain_order=True)
    sources = mark_duplicates(t["source"].sort("id"))
    keep = sources.filter(~excluded())["id"]

    def live(df: pl.DataFrame) -> pl.DataFrame:
        return df.filter(pl.col("source").is_in(keep.implode()))

    t["timeline"] = date_yearless_days(t["timeline"], sources)
    figures, timeline, roles, statuses = (live(t[k]) for k in ("figures", "timeline", "roles", "statuses"))
    questions = order_questions(live(t["questions"]), profile)
    contradictions = pl.concat(
        [
            figure_contradictions(figures, profile, _outlets(sources)),
            date_contradictions(timeline, profile),
            role_contradictions(roles, profile.shared_titles),
            status_contradictions(statuses, profile),
        ],
        how="vertical",
    )
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
        questions=questions,
        contradictions=contradictions,
        texts=t["text"],
        renegotiation=with_newest(renegotiation(timeline, figures, profile, today), sources.filter(~excluded())),
        today=today,
        story=profile.name,
        deadline_label=profile.deadline_label,
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
    newest = to_date(published.max())
    mapping = {d: date_yearless(d, newest) for d in days}
    return timeline.with_columns(pl.col("date").replace(mapping)).filter(pl.col("date").is_not_null())


# ---- duplicates -------------------------------------------------------------------------------


def mark_duplicates(sources: pl.DataFrame) -> pl.DataFrame:
    """Flag `duplicate-of:<id>` on every copy of a story but the one that stands for it: the
    earliest published, then the longest, then the first by name."""
    if sources.height < 2:
        return sources
    readable = sources.filter(pl.col("error").is_null() & (pl.col("words") > 0))
    ex = readable.select("id", "shingles").explode("shingles").drop_nulls("shingles")
    sizes = ex.group_by("id").len("n")
    # shingles that occur in very many documents are boilerplate, not evidence
    common = ex.group_by("shingles").len("df").filter(pl.col("df") <= 50)
    ex = ex.join(common, on="shingles")
    pairs = (
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
    )
    exact = (
        readable.filter(pl.col("fingerprint").is_not_null())
        .group_by("fingerprint")
        .agg(pl.col("id").sort())
        .filter(pl.col("id").list.len() > 1)
        .select(pl.col("id").list.first().alias("id"), pl.col("id").list.slice(1).alias("id_b"))
        .explode("id_b")
    )
    links = pl.concat([pairs.select("id", "id_b"), exact], how="vertical")
    if links.is_empty():
        return sources
    # the copy that stands for its group: the earliest published, then the longest (reposts trim),
    # then the first by name; an undated copy never stands before a dated one
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
    original = (
        oriented.sort("orig_rank")
        .group_by("copy", maintain_order=True)
        .agg(pl.col("orig").first().alias("dup_of"))
        .rename({"copy": "id_b"})
    )
    return (
        sources.join(original, left_on="id", right_on="id_b", how="left")
        .with_columns(
            pl.when(pl.col("dup_of").is_not_null())
            .then(pl.col("flags").list.concat(pl.concat_list(pl.lit("duplicate-of:") + pl.col("dup_of"))))
            .otherwise(pl.col("flags"))
            .alias("flags")
        )
        .drop("dup_of")
    )


# ---- contradictions ---------------------------------------------------------------------------


def _independent(sources: list[str], attributions: list[str | None]) -> int:
    """Sources that only repeat the same attribution count once."""
    seen = set()
    for s, a in zip(sources, attributions, strict=False):
        seen.add(("attr", a.lower()) if a else ("src", s))
    return len(seen)


def _row(
    cid: str, kind: str, subject: str, severity: str, positions: list[dict], support: int, reason: str = ""
) -> dict:
    return {
        "id": cid,
        "kind": kind,
        "subject": subject,
        "severity": severity,
        "positions": [{"who": None, "measures": [], **p} for p in positions],
        "sources": support,
        "reason": reason or None,
    }


def figure_contradictions(
    figures: pl.DataFrame, profile: Profile, outlets: dict[str, str] | None = None
) -> pl.DataFrame:
    """Same metric, same unit, same sense (level or change): intervals that do not overlap.

    Only the statements that disagree with another source's are positions ("well over an hour"
    agrees with both "under two hours" and "three hours"), and the severity comes from the
    evidence: how far apart the two are against the metric's tolerance, whether the figure is
    an official one or an estimate, and how many independent outlets hold each side."""
    # a move ("rose 9% in October", "a 26% drop on a year earlier") is measured over a period the
    # figure does not carry: two moves are not known to measure the same thing, so only levels compare
    comparable = figures.filter((pl.col("metric") != "other") & pl.col("role").is_null() & ~pl.col("change"))
    if comparable.is_empty():
        return pl.DataFrame(schema=T.CONTRADICTIONS)
    maxima = [m.id for m in profile.metrics if m.maximum]
    if maxima:
        # a top rate: "up to 35.3%" and "from 7.8% to 35.3%" both state 35.3%
        top = pl.col("metric").is_in(maxima) & pl.col("high").is_not_null()
        comparable = (
            comparable.with_columns(
                pl.when(top).then(pl.col("high")).otherwise(pl.col(c)).alias(c) for c in ("value", "low")
            )
            .with_columns(
                pl.when(top).then(pl.lit(False)).otherwise(pl.col(c)).alias(c) for c in ("low_open", "high_open")
            )
            .with_columns(pl.when(top).then(pl.lit(None)).otherwise(pl.col("qualifier")).alias("qualifier"))
        )
    comparable = comparable.with_columns(pl.col("stage").fill_null(""))
    positions = (
        comparable.group_by(
            "metric",
            "stage",
            "unit",
            "change",
            "value",
            "low",
            "high",
            "low_open",
            "high_open",
            "aspect",
            "qualifier",
            maintain_order=True,
        )
        .agg(
            pl.col("text").first(),
            pl.col("source").unique(maintain_order=True).alias("srcs"),
            pl.col("sentence").unique(maintain_order=True).alias("sentences"),
            pl.col("attribution"),
            pl.col("source").alias("all_src"),
        )
        .sort("metric", "value")
    )
    rows = []
    stage_labels = {st.id: st.label for st in profile.stages}
    for (metric, stage, unit, change), grp in positions.group_by(
        "metric", "stage", "unit", "change", maintain_order=True
    ):
        recs = grp.to_dicts()
        if len({s for r in recs for s in r["srcs"]}) < 2:
            continue
        m = profile.metric(metric)
        worst: tuple[int, str] | None = None
        involved: set[int] = set()
        for i, a in enumerate(recs):
            for j in range(i + 1, len(recs)):
                b = recs[j]
                if set(a["srcs"]) == set(b["srcs"]) and len(a["srcs"]) == 1:
                    continue
                if not _disagree(a, b, profile.about_tolerance):
                    continue
                involved |= {i, j}
                sev, why = _figure_severity(a, b, m, profile.about_tolerance, unit, outlets or {})
                if worst is None or _SEV[sev] > worst[0]:
                    worst = (_SEV[sev], why)
        if worst is None:
            continue
        severity = next(k for k, v in _SEV.items() if v == worst[0])
        recs = [r for k, r in enumerate(recs) if k in involved]
        subject = (m.label if m else metric) + (f" ({stage_labels.get(stage, stage)})" if stage else "")
        subject += " (change)" if change else ""
        pos = _merge_positions(
            [
                {"value": _stated(r), "number": r["value"], "sources": r["srcs"], "sentences": r["sentences"]}
                for r in recs
            ]
        )
        support = _independent([s for r in recs for s in r["all_src"]], [a for r in recs for a in r["attribution"]])
        rows.append(
            _row(
                f"figure:{metric}{':change' if change else ''}:{unit}{':' + stage if stage else ''}",
                "figure",
                subject,
                severity,
                pos,
                support,
                worst[1],
            )
        )
    return T.frame(rows, T.CONTRADICTIONS)


_SEV = {"low": 0, "medium": 1, "high": 2}


def _figure_severity(a: dict, b: dict, metric: Any, tolerance: float, unit: str, outlets: dict[str, str]) -> tuple:
    """How much two disagreeing statements of one metric matter, and why, in words."""
    sides = _side_counts(a, outlets), _side_counts(b, outlets)
    support = "one source each" if sides == (1, 1) else f"{sides[0]} vs {sides[1]} independent sources"
    if a["aspect"] != b["aspect"]:
        return "low", f"they measure different things ({a['aspect'] or 'overall'} vs {b['aspect'] or 'overall'})"
    if _rounded_alike(a, b):
        return "low", f"one is the other rounded; {support}"
    shared = {outlets.get(s, s) for s in a["srcs"]} & {outlets.get(s, s) for s in b["srcs"]}
    gap = _gap(a, b, tolerance)
    scale = max(abs(a["value"] or 0), abs(b["value"] or 0), 1e-9)
    apart = f"{_amount(gap, unit)} apart" if gap > 0 else "the ends touch"
    if shared and sides == (1, 1):
        return "low", f"{apart}; both from {sorted(shared)[0]}"
    official = bool(metric and metric.official)
    hedged = bool(a["qualifier"] or b["qualifier"])
    kind = "official figures" if official and not hedged else "estimates"
    tol = metric.tolerance if metric and metric.tolerance is not None else tolerance
    rel = gap / scale
    if official and not hedged:
        sev = "high" if gap > 0 else "medium"
    elif rel <= 2 * tol:
        sev = "low"
    elif rel <= 6 * tol:
        sev = "medium"
    else:
        sev = "high"
    # one source on each side, with hedged words, is a difference to check, not a finding
    if sev == "high" and sides == (1, 1) and hedged:
        sev = "medium"
    return sev, f"{kind} {apart}; {support}"


def _side_counts(r: dict, outlets: dict[str, str]) -> int:
    """Independent holders of one statement: copies from one outlet and repeats of one
    attribution count once."""
    seen = set()
    for s, attr in zip(r["all_src"], r["attribution"], strict=False):
        seen.add(("attr", attr.lower()) if attr else ("outlet", outlets.get(s) or s))
    return len(seen)


def _gap(a: dict, b: dict, tolerance: float) -> float:
    """The distance between two statements' intervals (0 when they touch)."""
    if _is_point(a) and _is_point(b):
        return abs(a["value"] - b["value"])
    lo_a, hi_a, *_ = _interval(a, tolerance)
    lo_b, hi_b, *_ = _interval(b, tolerance)
    return max(lo_b - hi_a, lo_a - hi_b, 0.0)


def _amount(x: float, unit: str) -> str:
    n = f"{x:.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{n} point" + ("" if n == "1" else "s")
    if not unit or unit in {"count", "number"}:
        return n
    return f"{n} {unit}" + ("s" if n != "1" and unit.isalpha() and not unit.endswith("s") else "")


def _stated(r: dict) -> str:
    """A figure as a reader would quote it, hedge included ("about 70%")."""
    q = r["qualifier"]
    return f"{q} {r['text']}" if q and not r["text"].lower().startswith(q.lower()) else r["text"]


def _merge_positions(positions: list[dict]) -> list[dict]:
    """One position per way of stating it, with every source that states it so."""
    merged: dict[str, dict] = {}
    for p in positions:
        key = p["value"].lower()
        if key in merged:
            m = merged[key]
            m["sources"] = list(dict.fromkeys(m["sources"] + p["sources"]))
            m["sentences"] = list(dict.fromkeys(m["sentences"] + p["sentences"]))
        else:
            merged[key] = dict(p)
    for m in merged.values():
        m["sentences"] = m["sentences"][:5]
    return list(merged.values())


_RANGE_TEXT = regex.compile(r"\d\s*(?:%|percent|per cent)?\s*(?:-|–|—|to|and)\s*\d", regex.I)
_DECIMALS = regex.compile(r"\d+(?:[.,](\d+))?")


def _rounded_alike(a: dict, b: dict) -> bool:
    """Two points of which the less precise is the other rounded ("45%" and "45.3%"): worth a look
    at most, not a clash."""
    if not (_is_point(a) and _is_point(b)):
        return False

    def half_step(r: dict) -> float:
        m = _DECIMALS.search(r["text"] or "")
        places = len(m.group(1)) if m and m.group(1) else 0
        return 0.5 * 10.0**-places

    return abs(a["value"] - b["value"]) < max(half_step(a), half_step(b))


def _is_point(r: dict) -> bool:
    kind = QUALIFIERS.get(r["qualifier"] or "")
    return kind == "about" or (kind is None and r["low"] == r["high"])


def _interval(r: dict, tolerance: float) -> tuple:
    if QUALIFIERS.get(r["qualifier"] or "") == "about":
        if _RANGE_TEXT.search(r["text"] or ""):  # "about 8% to 38%" keeps the ends it states
            return r["low"] * (1 - tolerance), r["high"] * (1 + tolerance), False, False
        return r["value"] * (1 - tolerance), r["value"] * (1 + tolerance), False, False
    return r["low"], r["high"], r["low_open"], r["high_open"]


def _disagree(a: dict, b: dict, tolerance: float) -> bool:
    """Whether two stated figures of one metric cannot both be right.

    Point statements, hedged or not ("about 90%", "92 percent"), disagree when their values
    differ; a bound ("over 80%", "under an hour") disagrees only with what lies outside it.
    """
    if _is_point(a) and _is_point(b):
        return a["value"] != b["value"]
    return not overlaps(_interval(a, tolerance), _interval(b, tolerance))


def _max_sev(a: str | None, b: str) -> str:
    return b if a is None or _SEV[b] > _SEV[a] else a


def _compatible(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def date_contradictions(timeline: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """The same event dated differently by different sources.

    A single event (the leaders' meeting) must agree to the precision both sources give. An
    event that recurs (rounds of controls, monthly data) is compared within a round: "October
    2022" and "April 2025" are two rounds, not a clash; a clash is one round told in another
    year ("the December 2023 ban" against "the December 2024 ban") or, for a monthly event,
    another day. One event at two precisions ("October", "October 9") is one position."""
    rows = []
    dated = timeline.filter(pl.col("event_id").is_not_null() & ~pl.col("expiry")).with_columns(
        pl.col("stage").fill_null("")
    )
    stage_labels = {st.id: st.label for st in profile.stages}
    events = {e.id: e for e in profile.events}
    # an event of the provisional stage and the same event of the definitive one are two events
    for (event_id, stage), grp in dated.group_by("event_id", "stage", maintain_order=True):
        ev = events.get(event_id)
        if ev is None:
            continue
        by_src = grp.group_by("source").agg(pl.col("date").unique().sort())
        if by_src.height < 2:
            continue
        sets = [tuple(d) for d in by_src["date"].unique(maintain_order=True).to_list()]
        clash = _single_clash if ev.single else _round_clash
        involved: set[str] = set()
        for i, a in enumerate(sets):
            for b in sets[i + 1 :]:
                involved |= clash(a, b, ev.once_a_month)
        if not involved:
            continue
        single_each = bool((by_src["date"].list.len() == 1).all())
        severity = "high" if ev.single and single_each else "low" if not ev.single else "medium"
        pos = (
            grp.filter(pl.col("date").is_in(list(involved)))
            .group_by("date", maintain_order=True)
            .agg(
                pl.col("source").unique(maintain_order=True).alias("sources"),
                pl.col("sentence").unique(maintain_order=True).alias("sentences"),
            )
            .sort("date")
            .to_dicts()
        )
        positions = _merge_precisions(
            [{"value": p["date"], "number": None, "sources": p["sources"], "sentences": p["sentences"]} for p in pos]
        )
        if len(positions) < 2:
            continue
        subject = ev.label + (f" ({stage_labels.get(stage, stage)})" if stage else "")
        n = by_src.height
        reason = ("one event dated differently" if ev.single else "one round dated differently") + (
            f"; {n} sources give dates"
        )
        rows.append(
            _row(
                f"date:{event_id}{':' + stage if stage else ''}",
                "date",
                subject,
                severity,
                positions,
                n,
                reason,
            )
        )
    return T.frame(rows, T.CONTRADICTIONS)


def _single_clash(a: tuple[str, ...], b: tuple[str, ...], _monthly: bool) -> set[str]:
    """The dates of two sources for a one-off event that agree with none of the other's."""
    if any(_compatible(x, y) for x in a for y in b):
        return set()
    return _finest(a) | _finest(b)


def _finest(dates: tuple[str, ...]) -> set[str]:
    """A source's dates without those it also gives more precisely ("2024" beside "2024-10")."""
    return {d for d in dates if not any(e != d and e.startswith(d) for e in dates)}


def _round_clash(a: tuple[str, ...], b: tuple[str, ...], monthly: bool) -> set[str]:
    """The dates of two sources for a recurring event that tell one round differently: the same
    month a year apart, neither source giving the other's year for it; or for a monthly event,
    the same month on different days. Dates of other rounds are no evidence either way."""
    out: set[str] = set()
    for x in (d for d in a if len(d) >= 7):
        for y in (d for d in b if len(d) >= 7):
            if x[5:7] != y[5:7] or abs(int(x[:4]) - int(y[:4])) != 1:
                continue
            if any(d[:7] == y[:7] for d in a) or any(d[:7] == x[:7] for d in b):
                continue
            out |= {d for d in a if d[:7] == x[:7]} | {d for d in b if d[:7] == y[:7]}
    if monthly and _day_clash(a, b):
        for month in {x[:7] for x in a if len(x) == 10} & {y[:7] for y in b if len(y) == 10}:
            out |= {d for d in (*a, *b) if d[:7] == month}
    return out


def _merge_precisions(positions: list[dict]) -> list[dict]:
    """A date given at a coarser precision joins the one finer date it agrees with ("2025-10"
    and "2025-10-30" are one position); one that agrees with several stays apart."""
    fine = [p for p in positions if len(p["value"]) == 10]
    out = []
    for p in positions:
        if len(p["value"]) < 10:
            hosts = [f for f in fine if f["value"].startswith(p["value"])]
            if len(hosts) == 1:
                h = hosts[0]
                h["sources"] = list(dict.fromkeys(h["sources"] + p["sources"]))
                h["sentences"] = list(dict.fromkeys(h["sentences"] + p["sentences"]))
                continue
        out.append(p)
    for p in out:
        p["sentences"] = p["sentences"][:5]
    return out


def _day_clash(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two sources giving the same month different days ("April 4" and "April 2") and no day in common."""
    for month in {x[:7] for x in a if len(x) == 10} & {y[:7] for y in b if len(y) == 10}:
        days_a = {x for x in a if len(x) == 10 and x.startswith(month)}
        days_b = {y for y in b if len(y) == 10 and y.startswith(month)}
        if not days_a & days_b:
            return True
    return False


def _name_key(name: str) -> str:
    """A person's name for comparison: lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def role_contradictions(roles: pl.DataFrame, shared: tuple[str, ...] = ()) -> pl.DataFrame:
    """The same person with different titles, or the same office held by different people."""
    rows = []
    if roles.is_empty():
        return pl.DataFrame(schema=T.CONTRADICTIONS)
    # "Maros Sefcovic" and "Maroš Šefčovič" are one person: names compare without their accents
    keys = {p: _name_key(p) for p in roles["person"].unique().to_list()}
    r = roles.with_columns(
        pl.col("person").replace_strict(keys, return_dtype=pl.String).alias("pkey"),
        (
            pl.col("title")
            + pl.when(pl.col("modifiers") != "").then(pl.lit(" ") + pl.col("modifiers")).otherwise(pl.lit(""))
        ).alias("full_title"),
    )
    for (pkey,), grp in r.group_by("pkey", maintain_order=True):
        titles = (
            grp.group_by("full_title", "title", "modifiers", maintain_order=True)
            .agg(
                pl.col("source").unique(maintain_order=True).alias("sources"),
                pl.col("sentence").unique(maintain_order=True).alias("sentences"),
                pl.col("person").first(),
            )
            .to_dicts()
        )
        if len(titles) < 2 or grp["source"].n_unique() < 2:
            continue
        severity = None
        for i, a in enumerate(titles):
            for b in titles[i + 1 :]:
                if set(a["sources"]) == set(b["sources"]):
                    continue
                ta, tb = set(a["title"].lower().split()), set(b["title"].lower().split())
                if a["modifiers"] != b["modifiers"]:
                    severity = _max_sev(severity, "high")
                elif not (ta <= tb or tb <= ta):
                    severity = _max_sev(severity, "medium")
        if severity is None:
            continue
        person = titles[0]["person"]
        positions = [
            {
                "value": f"{t['full_title']} {person}",
                "number": None,
                "sources": t["sources"],
                "sentences": t["sentences"][:5],
            }
            for t in titles
        ]
        rows.append(
            _row(
                f"role:{pkey.replace(' ', '_')}",
                "role",
                f"Role of {person}",
                severity,
                positions,
                grp["source"].n_unique(),
                "one person under different titles"
                + ("; one title is qualified (former, acting, nominee)" if severity == "high" else ""),
            )
        )
    # the same office (place and a title of two or more words) held by different people
    # ("Chief Executive Laura Kim" and "Chief executive Jonas Reuter" run different companies)
    offices = r.filter(
        ~pl.col("modifiers").str.contains("former")
        & (
            pl.col("place").is_not_null()
            | ((pl.col("title").str.count_matches(" ") >= 1) & ~pl.col("title").is_in(list(shared)))
        )
    )
    offices = offices.with_columns(
        (pl.col("place").fill_null("") + pl.lit(" ") + pl.col("title").str.to_lowercase())
        .str.strip_chars()
        .alias("office"),
        (pl.col("place").fill_null("") + pl.lit(" ") + pl.col("title")).str.strip_chars().alias("office_label"),
    )
    for (office,), grp in offices.group_by("office", maintain_order=True):
        people = (
            grp.group_by("pkey", maintain_order=True)
            .agg(
                pl.col("person").first(),
                pl.col("source").unique(maintain_order=True).alias("sources"),
                pl.col("sentence").unique(maintain_order=True).alias("sentences"),
            )
            .to_dicts()
        )
        if len(people) < 2 or grp["source"].n_unique() < 2:
            continue
        positions = [
            {"value": p["person"], "number": None, "sources": p["sources"], "sentences": p["sentences"][:5]}
            for p in people
        ]
        rows.append(
            _row(
                f"office:{office.replace(' ', '_')}",
                "role",
                f"Who is {grp['office_label'][0]}?",  # as the sources write it: "EU Trade Commissioner"
                "medium",
                positions,
                grp["source"].n_unique(),
                "one office named with different people",
            )
        )
    return T.frame(rows, T.CONTRADICTIONS)


def status_contradictions(statuses: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Sources disagreeing on what happened to each of the profile's status subjects: two
    positions the profile says clash, said of the same measure by different sources."""
    if statuses.is_empty():
        return pl.DataFrame(schema=T.CONTRADICTIONS)
    rows = []
    for subject in profile.statuses:
        of = statuses.filter(pl.col("subject").fill_null("measures") == subject.id)
        if of.height:
            row = _status_row(of, subject)
            if row is not None:
                rows.append(row)
    return T.frame(rows, T.CONTRADICTIONS)


def _status_row(statuses: pl.DataFrame, subject: StatusSubject) -> dict | None:
    """One contradiction for a status subject when two readings the profile says clash are
    given by different sources of what can be the same measure. Positions are kept per side:
    a reading and who asserts it ("eliminated, per the White House" is not "eliminated, per the
    ministry"), each with the measures its sentences name."""
    by_pos = (
        statuses.group_by("position", maintain_order=True)
        .agg(pl.col("source").unique(maintain_order=True).alias("sources"))
        .to_dicts()
    )
    said = _said_of(statuses)
    severity = None
    for i, a in enumerate(by_pos):
        for b in by_pos[i + 1 :]:
            if set(a["sources"]) == set(b["sources"]) and len(a["sources"]) == 1:
                continue
            sev = subject.clash(a["position"], b["position"])
            if sev and _same_measure(said[a["position"]], said[b["position"]]):
                severity = _max_sev(severity, sev)
    if severity is None:
        return None
    order = {k: i for i, (k, _) in enumerate(subject.positions)}
    sides = (
        statuses.with_columns(pl.col("asserter").fill_null(""))
        .group_by("position", "asserter", maintain_order=True)
        .agg(
            pl.col("source").unique(maintain_order=True).alias("sources"),
            pl.col("sentence").unique(maintain_order=True).alias("sentences"),
            pl.col("measures")
            .str.split(",")
            .list.explode(keep_nulls=False, empty_as_null=False)
            .unique(maintain_order=True)
            .alias("measures"),
        )
        .to_dicts()
    )
    sides.sort(key=lambda p: (order.get(p["position"], 99), p["asserter"] == "", p["asserter"]))
    positions = [
        {
            "value": p["position"].replace("_", " ") + (f" (per {p['asserter']})" if p["asserter"] else ""),
            "number": None,
            "sources": p["sources"],
            "sentences": p["sentences"][:5],
            "who": p["asserter"] or None,
            "measures": sorted(m for m in p["measures"] if m),
        }
        for p in sides
    ]
    says: dict[str, list[str]] = {}
    for p in sides:
        if p["asserter"]:
            says.setdefault(p["asserter"], []).append(p["position"].replace("_", " "))
    reason = "; ".join(f"{who}: {', '.join(dict.fromkeys(ps))}" for who, ps in says.items()) or (
        f"{len(by_pos)} readings, none attributed"
    )
    return _row(
        f"status:{subject.id}", "status", subject.label, severity, positions, statuses["source"].n_unique(), reason
    )


def _said_of(statuses: pl.DataFrame) -> dict[str, dict[str, set[str]]]:
    """For each position, the sources saying it of each measure ("" when no measure is named)."""
    out: dict[str, dict[str, set[str]]] = {}
    for pos, measures, src in statuses.select("position", "measures", "source").iter_rows():
        for m in (measures or "").split(",") if measures else [""]:
            out.setdefault(pos, {}).setdefault(m, set()).add(src)
    return out


def _same_measure(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Whether two different sources can be speaking of one measure: "the October rules are
    suspended" and "the April controls remain in force" speak of two; a sentence naming no measure
    may speak of any."""

    def apart(x: set[str], y: set[str]) -> bool:
        return bool(x) and bool(y) and not (len(x) == 1 and x == y)

    every_a = set().union(*a.values())
    every_b = set().union(*b.values())
    if apart(a.get("", set()), every_b) or apart(every_a, b.get("", set())):
        return True
    return any(apart(srcs, b[m]) for m, srcs in a.items() if m and m in b)


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
    explicit = timeline.filter(pl.col("expiry") & (pl.col("date").str.len_chars() >= 7))
    if explicit.height:
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
        best = {"date": date, "sources": sorted(srcs)}
        due = to_date(best["date"])
        basis = f"stated expiry {best['date']} ({', '.join(sorted(best['sources'])[:3])})"
        return _due(due, basis, today)
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
    t = term.row(0, named=True)
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
        start = dt.date.fromisoformat(s["date"])
        due = _add(start, t["value"], t["unit"])
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
