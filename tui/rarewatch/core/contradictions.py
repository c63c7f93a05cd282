"""Where the sources disagree: figures, dates, roles and statuses set against each other.

Every contradiction is a row of `tables.CONTRADICTIONS`: what it is about as typed columns
(`kind`, `topic`, `unit`, `change`, `stage`), the positions taken, each with the sources and
sentences behind it, and why its severity is what it is, in words. The id
("figure:<metric>:<unit>") only names the row for marks and the public report; nothing reads it
back. Support is counted in independent sources: a duplicate counts once, and so do articles
that only repeat the same attribution ("posts on X").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import polars as pl
import regex

from rarewatch.core import tables as T
from rarewatch.core.numbers import QUALIFIERS, overlaps
from rarewatch.core.profile import Metric, Profile, StatusSubject
from rarewatch.core.tables import Kind, Severity

#: How many sentences a position keeps.
SENTENCES_KEPT = 5


@dataclass(frozen=True, slots=True)
class About:
    """What a contradiction is about, as the columns that say it."""

    kind: Kind
    topic: str
    unit: str | None = None
    change: bool = False
    stage: str | None = None


def _row(
    cid: str,
    about: About,
    *,
    subject: str,
    severity: str,
    positions: list[dict],
    support: int,
    reason: str = "",
) -> dict:
    return {
        "id": cid,
        "kind": about.kind,
        "subject": subject,
        "severity": severity,
        "positions": [{"who": None, "measures": [], "reading": p["value"], **p} for p in positions],
        "sources": support,
        "reason": reason or None,
        "topic": about.topic,
        "unit": about.unit,
        "change": about.change,
        "stage": about.stage,
    }


def _independent(sources: list[str], attributions: list[str | None]) -> int:
    """Sources that only repeat the same attribution count once."""
    seen = set()
    for s, a in zip(sources, attributions, strict=False):
        seen.add(("attr", a.lower()) if a else ("src", s))
    return len(seen)


def _max_sev(a: str | None, b: str) -> str:
    return b if a is None or _SEV[b] > _SEV[a] else a


_SEV: dict[str, int] = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}


# ---- figures ------------------------------------------------------------------------------------


def figure_contradictions(
    figures: pl.DataFrame, profile: Profile, outlets: dict[str, str] | None = None
) -> pl.DataFrame:
    """Same metric, same unit, same sense (level or change): intervals that do not overlap.

    Only the statements that disagree with another source's are positions ("well over an hour"
    agrees with both "under two hours" and "three hours"), and the severity comes from the
    evidence: how far apart the two are against the metric's tolerance, whether the figure is
    an official one or an estimate, and how many independent outlets hold each side."""
    statements = _statements(_comparable(figures, profile))
    if statements.is_empty():
        return pl.DataFrame(schema=T.CONTRADICTIONS)
    rows = []
    stage_labels = {st.id: st.label for st in profile.stages}
    for (metric, stage, unit, change), grp in statements.group_by(
        "metric", "stage", "unit", "change", maintain_order=True
    ):
        recs = grp.to_dicts()
        if len({s for r in recs for s in r["srcs"]}) < 2:
            continue
        m = profile.metric(metric)
        clash = _worst_clash(recs, m, profile.about_tolerance, unit, outlets or {})
        if clash is None:
            continue
        severity, reason, recs = clash
        subject = (m.label if m else metric) + (f" ({stage_labels.get(stage, stage)})" if stage else "")
        subject += " (change)" if change else ""
        pos = _merge_positions(
            [
                {"value": _stated(r), "number": r["value"], "sources": r["srcs"], "sentences": r["sentences"]}
                for r in recs
            ]
        )
        support = _independent([s for r in recs for s in r["all_src"]], [a for r in recs for a in r["attribution"]])
        cid = f"figure:{metric}{':change' if change else ''}:{unit}{':' + stage if stage else ''}"
        about = About(Kind.FIGURE, metric, unit, bool(change), stage or None)
        rows.append(_row(cid, about, subject=subject, severity=severity, positions=pos, support=support, reason=reason))
    return T.frame(rows, T.CONTRADICTIONS)


def _comparable(figures: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """The figures that can be set against each other: a metric's levels in force.

    A move ("rose 9% in October", "a 26% drop on a year earlier") is measured over a period the
    figure does not carry: two moves are not known to measure the same thing, so only levels
    compare. A top rate ("up to 35.3%", "from 7.8% to 35.3%") states its upper end."""
    comparable = figures.filter((pl.col("metric") != "other") & pl.col("role").is_null() & ~pl.col("change"))
    maxima = [m.id for m in profile.metrics if m.maximum]
    if maxima and comparable.height:
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
    return comparable.with_columns(pl.col("stage").fill_null(""))


#: What makes two figures one statement: the same metric, stage and unit, and the same value
#: with the same bounds, aspect and hedge.
_STATEMENT = (
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
)


def _statements(comparable: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct statement, with every source and sentence that makes it."""
    if comparable.is_empty():
        return comparable
    return (
        comparable.group_by(*_STATEMENT, maintain_order=True)
        .agg(
            pl.col("text").first(),
            pl.col("source").unique(maintain_order=True).alias("srcs"),
            pl.col("sentence").unique(maintain_order=True).alias("sentences"),
            pl.col("attribution"),
            pl.col("source").alias("all_src"),
        )
        .sort("metric", "value")
    )


def _worst_clash(
    recs: list[dict], metric: Metric | None, tolerance: float, unit: str, outlets: dict[str, str]
) -> tuple[str, str, list[dict]] | None:
    """The worst disagreement among one metric's statements, why, and the statements in any
    disagreement; None when they all agree."""
    worst: tuple[int, str] | None = None
    involved: set[int] = set()
    for i, a in enumerate(recs):
        for j in range(i + 1, len(recs)):
            b = recs[j]
            if set(a["srcs"]) == set(b["srcs"]) and len(a["srcs"]) == 1:
                continue
            if not _disagree(a, b, tolerance):
                continue
            involved |= {i, j}
            sev, why = _figure_severity(a, b, metric, tolerance, unit, outlets)
            if worst is None or _SEV[sev] > worst[0]:
                worst = (_SEV[sev], why)
    if worst is None:
        return None
    severity = next(k for k, v in _SEV.items() if v == worst[0])
    return severity, worst[1], [r for k, r in enumerate(recs) if k in involved]


def _figure_severity(
    a: dict, b: dict, metric: Metric | None, tolerance: float, unit: str, outlets: dict[str, str]
) -> tuple[Severity, str]:
    """How much two disagreeing statements of one metric matter, and why, in words."""
    sides = _side_counts(a, outlets), _side_counts(b, outlets)
    support = "one source each" if sides == (1, 1) else f"{sides[0]} vs {sides[1]} independent sources"
    if a["aspect"] != b["aspect"]:
        return Severity.LOW, f"they measure different things ({a['aspect'] or 'overall'} vs {b['aspect'] or 'overall'})"
    if _rounded_alike(a, b):
        return Severity.LOW, f"one is the other rounded; {support}"
    shared = {outlets.get(s, s) for s in a["srcs"]} & {outlets.get(s, s) for s in b["srcs"]}
    gap = _gap(a, b, tolerance)
    scale = max(abs(a["value"] or 0), abs(b["value"] or 0), 1e-9)
    apart = f"{_amount(gap, unit)} apart" if gap > 0 else "the ends touch"
    if shared and sides == (1, 1):
        return Severity.LOW, f"{apart}; both from {sorted(shared)[0]}"
    official = bool(metric and metric.official)
    hedged = bool(a["qualifier"] or b["qualifier"])
    kind = "official figures" if official and not hedged else "estimates"
    tol = metric.tolerance if metric and metric.tolerance is not None else tolerance
    rel = gap / scale
    if official and not hedged:
        sev = Severity.HIGH if gap > 0 else Severity.MEDIUM
    elif rel <= 2 * tol:
        sev = Severity.LOW
    elif rel <= 6 * tol:
        sev = Severity.MEDIUM
    else:
        sev = Severity.HIGH
    # one source on each side, with hedged words, is a difference to check, not a finding
    if sev == Severity.HIGH and sides == (1, 1) and hedged:
        sev = Severity.MEDIUM
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
        return float(abs(a["value"] - b["value"]))
    lo_a, hi_a, *_ = _interval(a, tolerance)
    lo_b, hi_b, *_ = _interval(b, tolerance)
    return float(max(lo_b - hi_a, lo_a - hi_b, 0.0))


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
        m["sentences"] = m["sentences"][:SENTENCES_KEPT]
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

    return bool(abs(a["value"] - b["value"]) < max(half_step(a), half_step(b)))


def _is_point(r: dict) -> bool:
    kind = QUALIFIERS.get(r["qualifier"] or "")
    return kind == "about" or (kind is None and r["low"] == r["high"])


def _interval(r: dict, tolerance: float) -> tuple[Any, Any, bool, bool]:
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
        return bool(a["value"] != b["value"])
    return not overlaps(_interval(a, tolerance), _interval(b, tolerance))


# ---- dates --------------------------------------------------------------------------------------


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
        positions = _date_positions(grp, involved) if involved else []
        if len(positions) < 2:
            continue
        single_each = bool((by_src["date"].list.len() == 1).all())
        severity = Severity.LOW if not ev.single else Severity.HIGH if single_each else Severity.MEDIUM
        subject = ev.label + (f" ({stage_labels.get(stage, stage)})" if stage else "")
        what = "one event dated differently" if ev.single else "one round dated differently"
        rows.append(
            _row(
                f"date:{event_id}{':' + stage if stage else ''}",
                About(Kind.DATE, event_id, stage=stage or None),
                subject=subject,
                severity=severity,
                positions=positions,
                support=by_src.height,
                reason=f"{what}; {by_src.height} sources give dates",
            )
        )
    return T.frame(rows, T.CONTRADICTIONS)


def _date_positions(grp: pl.DataFrame, involved: set[str]) -> list[dict]:
    """One position per date in a clash, with its sources and sentences."""
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
    return _merge_precisions(
        [{"value": p["date"], "number": None, "sources": p["sources"], "sentences": p["sentences"]} for p in pos]
    )


def _compatible(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


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
        p["sentences"] = p["sentences"][:SENTENCES_KEPT]
    return out


def _day_clash(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two sources giving the same month different days ("April 4" and "April 2") and no day in common."""
    for month in {x[:7] for x in a if len(x) == 10} & {y[:7] for y in b if len(y) == 10}:
        days_a = {x for x in a if len(x) == 10 and x.startswith(month)}
        days_b = {y for y in b if len(y) == 10 and y.startswith(month)}
        if not days_a & days_b:
            return True
    return False


# ---- roles --------------------------------------------------------------------------------------


def _name_key(name: str) -> str:
    """A person's name for comparison: lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def role_contradictions(roles: pl.DataFrame, shared: tuple[str, ...] = ()) -> pl.DataFrame:
    """The same person with different titles, or the same office held by different people."""
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
    return T.frame(_title_rows(r) + _office_rows(r, shared), T.CONTRADICTIONS)


def _title_rows(r: pl.DataFrame) -> list[dict]:
    """One person under titles that cannot both be right ("Secretary" and "Secretary nominee")."""
    rows = []
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
        severity = _title_severity(titles)
        if severity is None:
            continue
        person = titles[0]["person"]
        positions = [
            {
                "value": f"{t['full_title']} {person}",
                "number": None,
                "sources": t["sources"],
                "sentences": t["sentences"][:SENTENCES_KEPT],
            }
            for t in titles
        ]
        reason = "one person under different titles" + (
            "; one title is qualified (former, acting, nominee)" if severity == Severity.HIGH else ""
        )
        rows.append(
            _row(
                f"role:{pkey.replace(' ', '_')}",
                About(Kind.ROLE, pkey),
                subject=f"Role of {person}",
                severity=severity,
                positions=positions,
                support=grp["source"].n_unique(),
                reason=reason,
            )
        )
    return rows


def _title_severity(titles: list[dict]) -> str | None:
    """High when a title is qualified in one source and not another ("nominee"); medium when
    neither title contains the other; None when they agree."""
    severity = None
    for i, a in enumerate(titles):
        for b in titles[i + 1 :]:
            if set(a["sources"]) == set(b["sources"]):
                continue
            ta, tb = set(a["title"].lower().split()), set(b["title"].lower().split())
            if a["modifiers"] != b["modifiers"]:
                severity = _max_sev(severity, Severity.HIGH)
            elif not (ta <= tb or tb <= ta):
                severity = _max_sev(severity, Severity.MEDIUM)
    return severity


def _office_rows(r: pl.DataFrame, shared: tuple[str, ...]) -> list[dict]:
    """The same office (place and a title of two or more words) held by different people
    ("Chief Executive Laura Kim" and "Chief executive Jonas Reuter" run different companies,
    so a title alone of two words names an office only when it is not one many people hold)."""
    offices = r.filter(
        ~pl.col("modifiers").str.contains("former")
        & (
            pl.col("place").is_not_null()
            | ((pl.col("title").str.count_matches(" ") >= 1) & ~pl.col("title").is_in(list(shared)))
        )
    ).with_columns(
        (pl.col("place").fill_null("") + pl.lit(" ") + pl.col("title").str.to_lowercase())
        .str.strip_chars()
        .alias("office"),
        (pl.col("place").fill_null("") + pl.lit(" ") + pl.col("title")).str.strip_chars().alias("office_label"),
    )
    rows = []
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
            {
                "value": p["person"],
                "number": None,
                "sources": p["sources"],
                "sentences": p["sentences"][:SENTENCES_KEPT],
            }
            for p in people
        ]
        rows.append(
            _row(
                f"office:{office.replace(' ', '_')}",
                About(Kind.ROLE, office),
                subject=f"Who is {grp['office_label'][0]}?",  # as the sources write it: "EU Trade Commissioner"
                severity=Severity.MEDIUM,
                positions=positions,
                support=grp["source"].n_unique(),
                reason="one office named with different people",
            )
        )
    return rows


# ---- statuses -----------------------------------------------------------------------------------


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
    severity, n_readings = _status_severity(statuses, subject)
    if severity is None:
        return None
    sides = _status_sides(statuses, subject)
    positions = [
        {
            "value": p["reading"] + (f" (per {p['asserter']})" if p["asserter"] else ""),
            "reading": p["reading"],
            "number": None,
            "sources": p["sources"],
            "sentences": p["sentences"][:SENTENCES_KEPT],
            "who": p["asserter"] or None,
            "measures": sorted(m for m in p["measures"] if m),
        }
        for p in sides
    ]
    says: dict[str, list[str]] = {}
    for p in sides:
        if p["asserter"]:
            says.setdefault(p["asserter"], []).append(p["reading"])
    reason = "; ".join(f"{who}: {', '.join(dict.fromkeys(ps))}" for who, ps in says.items()) or (
        f"{n_readings} readings, none attributed"
    )
    return _row(
        f"status:{subject.id}",
        About(Kind.STATUS, subject.id),
        subject=subject.label,
        severity=severity,
        positions=positions,
        support=statuses["source"].n_unique(),
        reason=reason,
    )


def _status_severity(statuses: pl.DataFrame, subject: StatusSubject) -> tuple[str | None, int]:
    """The worst clash between two readings different sources give of what can be one measure,
    and how many readings there are."""
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
    return severity, len(by_pos)


def _status_sides(statuses: pl.DataFrame, subject: StatusSubject) -> list[dict]:
    """Each (reading, who asserts it) with its sources, sentences and the measures named, in
    the profile's order of readings, attributed sides first."""
    order = {k: i for i, (k, _) in enumerate(subject.positions)}
    sides = (
        statuses.with_columns(pl.col("asserter").fill_null(""))
        .group_by("position", "asserter", maintain_order=True)
        .agg(
            pl.col("source").unique(maintain_order=True).alias("sources"),
            pl.col("sentence").unique(maintain_order=True).alias("sentences"),
            pl.col("measures").list.explode(keep_nulls=False, empty_as_null=False).unique(maintain_order=True),
        )
        .with_columns(pl.col("position").str.replace_all("_", " ").alias("reading"))
        .to_dicts()
    )
    sides.sort(key=lambda p: (order.get(p["position"], 99), p["asserter"] == "", p["asserter"]))
    return sides


def _said_of(statuses: pl.DataFrame) -> dict[str, dict[str, set[str]]]:
    """For each position, the sources saying it of each measure ("" when no measure is named)."""
    out: dict[str, dict[str, set[str]]] = {}
    for pos, measures, src in statuses.select("position", "measures", "source").iter_rows():
        for m in measures or [""]:
            out.setdefault(pos, {}).setdefault(m, set()).add(src)
    return out


def _same_measure(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Whether two different sources can be speaking of one measure: "the October rules are
    suspended" and "the April controls remain in force" speak of two; a sentence naming no measure
    may speak of any."""

    def apart(x: set[str], y: set[str]) -> bool:
        return bool(x) and bool(y) and not (len(x) == 1 and x == y)

    every_a: set[str] = set().union(*a.values())
    every_b: set[str] = set().union(*b.values())
    if apart(a.get("", set()), every_b) or apart(every_a, b.get("", set())):
        return True
    return any(apart(srcs, b[m]) for m, srcs in a.items() if m and m in b)


__all__ = ["date_contradictions", "figure_contradictions", "role_contradictions", "status_contradictions"]
