"""The core of the daily loop without an App: sorting, settled rows, history, coverage, staleness,
alerts. Expectations are computed from the report's own tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import polars as pl
import pytest

from rarewatch.core import views as V
from rarewatch.core.alerts import AlertKind, alerts
from rarewatch.core.corpus import Report
from rarewatch.core.marks import Mark
from rarewatch.core.profile import load_profile
from rarewatch.core.scan import scan

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def report() -> Report:
    return scan(SEEDS, load_profile(), dt.date(2026, 11, 23), workers=1)


def test_sort_rows_by_text_number_and_severity(report: Report) -> None:
    rows = V.contradiction_rows(report)
    by_subject = V.sort_rows(rows, "subject")["subject"].to_list()
    assert by_subject == sorted(by_subject, key=str.lower)
    most = V.sort_rows(rows, "sources", descending=True)["sources"].to_list()
    assert most == sorted(most, reverse=True)
    ranks = [V.SEVERITY_ORDER[s] for s in V.sort_rows(rows, "severity")["severity"].to_list()]
    assert ranks == sorted(ranks)
    assert V.sort_rows(rows, None).equals(rows)


def test_settled_rows_go_last_or_away(report: Report) -> None:
    rows = V.contradiction_rows(report)
    first = rows["id"][0]
    mark = Mark(
        "contradiction", first, "dismissed", "2026-01-01T00:00:00Z", "", tuple(V.position_values(report)[first])
    )
    marks = {mark.ident: mark}
    assert V.settled_ids(report, marks) == {first}
    marked = V.with_marks(rows, "contradiction", marks, V.position_values(report))
    assert V.settled_last(marked)["id"].to_list()[-1] == first
    assert first not in V.settled_last(marked, hide=True)["id"].to_list()
    # a mark made before a position existed is open again, so not settled
    stale = dataclasses.replace(mark, positions=())
    assert V.settled_ids(report, {stale.ident: stale}) == set()


def test_metric_history_is_in_date_order_and_names_who_moved_it(report: Report) -> None:
    for metric in report.figures["metric"].unique().to_list():
        h = V.metric_history(report, metric)
        dates = h.series["published"].to_list()
        assert dates == sorted(dates)
        values = h.series["value"].to_list()
        assert len(h.moves) == sum(a != b for a, b in itertools.pairwise(values))


def test_coverage_counts_every_day_from_first_to_newest(report: Report) -> None:
    cov = V.coverage(report)
    dated = [p for p in report.sources["published"].to_list() if p and len(p) == 10]
    assert cov["articles"].sum() == len(dated)
    assert cov["date"][0].isoformat() == min(dated) and cov["date"][-1].isoformat() == max(dated)
    assert cov.height == (cov["date"][-1] - cov["date"][0]).days + 1


def test_staleness_only_past_the_deadline(report: Report) -> None:
    stale = V.staleness(report)
    assert stale is not None and stale["days_ago"] == -report.renegotiation["days_left"]
    assert stale["newest"] == max(p for p in report.sources["published"].to_list() if p)
    fresh = dataclasses.replace(report, renegotiation={**report.renegotiation, "days_left": 3})
    assert V.staleness(fresh) is None


def test_alerts_only_for_what_fresh_articles_moved(report: Report) -> None:
    assert alerts(report, set()) == []
    newest = report.sources.sort("published", descending=True, nulls_last=True)["id"][0]
    found = alerts(report, {newest}, before_due=report.renegotiation["due"])
    assert all(newest in a.sources for a in found if a.kind != AlertKind.DEADLINE)
    assert not [a for a in found if a.kind == AlertKind.DEADLINE]
    for a in found:
        if a.kind == AlertKind.CONTRADICTION:
            positions = report.contradictions.filter(pl.col("id") == a.key)["positions"][0]
            assert sum(bool(set(p["sources"]) - {newest}) for p in positions) < 2
