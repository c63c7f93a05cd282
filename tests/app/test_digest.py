"""The pure functions behind the dashboard's memory: the session digest, marks on pane rows and
the narrowed export. No App here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from rarewatch.core.cache import scan_cached
from rarewatch.core.digest import Snapshot, diff, load_snapshot, save_snapshot, snapshot
from rarewatch.core.marks import Mark
from rarewatch.core.views import (
    contradiction_rows,
    figures_by_metric,
    narrowed_report,
    position_values,
    question_themes,
    with_marks,
)

from .conftest import TODAY


def mark(kind: str, item: str, state: str, positions: tuple[str, ...] = (), note: str = "") -> Mark:
    return Mark(kind, item, state, dt.datetime.now(dt.UTC).isoformat(), note, positions)


def test_diff_lists_new_and_removed_sources_figures_contradictions_and_questions() -> None:
    old = Snapshot(
        sources={"a.txt": 2, "b.txt": 1},
        contradictions={"c1": ["90%", "92%"]},
        questions={"hold": 3, "verify": 1},
        at="2026-11-20T10:00:00+00:00",
    )
    new = Snapshot(
        sources={"a.txt": 3, "c.txt": 4},
        contradictions={"c1": ["90%", "92%", "97%"], "c2": ["x", "y"]},
        questions={"hold": 5, "verify": 1, "prices": 1},
        titles={"c.txt": "A new story"},
    )
    d = diff(old, new)
    assert d.added == ["c.txt"] and d.removed == ["b.txt"]
    assert d.new_figures == 1 + 4
    assert d.new_contradictions == ["c2"] and d.changed_contradictions == ["c1"]
    assert d.questions == [("hold", 2), ("prices", 1)]
    assert d.since.startswith("2026-11-20") and d.titles["c.txt"] == "A new story"
    assert not d.empty
    assert d.summary().startswith("Since you last looked: 1 new source, 1 removed source, 5 new figures")


def test_diff_of_equal_snapshots_is_empty_and_a_lost_position_is_no_change() -> None:
    s = Snapshot(sources={"a.txt": 2}, contradictions={"c1": ["1", "2", "3"]}, questions={"q": 2})
    assert diff(s, s).empty
    fewer = Snapshot(sources={"a.txt": 1}, contradictions={"c1": ["1", "2"]}, questions={"q": 1})
    assert diff(s, fewer).empty
    assert diff(s, fewer).summary() == "Nothing changed since you last looked"


def test_snapshot_round_trips_and_bad_files_mean_no_snapshot(seeds: Path, profile, tmp_path: Path) -> None:
    report = scan_cached(seeds, profile, TODAY, use_cache=False)
    snap = snapshot(report, "2026-11-23T00:00:00+00:00")
    assert len(snap.sources) == 6 and sum(snap.sources.values()) > 0
    assert set(snap.contradictions) == set(report.contradictions["id"].to_list())
    path = tmp_path / "s" / "last-session.json"
    save_snapshot(path, snap)
    assert load_snapshot(path) == snap
    assert diff(snap, snapshot(report)).empty
    path.write_text("{not json")
    assert load_snapshot(path) is None
    path.write_text('{"format": 99}')
    assert load_snapshot(path) is None
    assert load_snapshot(tmp_path / "missing.json") is None


def test_with_marks_dims_reopens_and_pins(seeds: Path, profile) -> None:
    report = scan_cached(seeds, profile, TODAY, use_cache=False)
    rows = contradiction_rows(report)
    cid = rows["id"][0]
    pos = position_values(report)
    marks = {("contradiction", cid): mark("contradiction", cid, "explained", tuple(pos[cid]), "ok")}
    out = with_marks(rows, "contradiction", marks, pos)
    first = out.row(0, named=True)
    assert first["mark"] == "✓ explained" and first["note"] == "ok" and first["open"] is False
    assert out.filter(pl.col("id") != cid)["open"].all()
    # a position the mark has not seen reopens it
    stale = {("contradiction", cid): mark("contradiction", cid, "dismissed", tuple(pos[cid][:1]))}
    again = with_marks(rows, "contradiction", stale, pos).row(0, named=True)
    assert again["mark"] == "↺ reopened" and again["open"] is True
    # pinned figures come first
    figs = figures_by_metric(report)
    last = figs["metric"][-1]
    pinned = with_marks(figs, "figure", {("figure", last): mark("figure", last, "pinned")})
    assert pinned["metric"][0] == last and pinned["mark"][0] == "★ pinned"
    assert pinned.height == figs.height
    themes = question_themes(report)
    t = themes["theme"][0]
    answered = with_marks(themes, "question", {("question", t): mark("question", t, "answered")})
    assert answered["mark"][0] == "✓ answered" and answered["open"][0] is False
    # a cleared mark is no mark
    cleared = Mark("question", t, "answered", "2026-01-01T00:00:00+00:00", cleared=True)
    assert with_marks(themes, "question", {("question", t): cleared})["mark"][0] is None


def test_narrowed_report_keeps_one_source(seeds: Path, profile) -> None:
    report = scan_cached(seeds, profile, TODAY, use_cache=False)
    assert narrowed_report(report, None) is report
    one = narrowed_report(report, "trade-ledger.html")
    assert one.sources["id"].to_list() == ["trade-ledger.html"]
    assert set(one.figures["source"].to_list()) == {"trade-ledger.html"}
    assert one.contradictions.height == contradiction_rows(report, "trade-ledger.html").height
    assert 0 < one.contradictions.height < report.contradictions.height
