"""The pane views as pure functions of a Report (no App), and the import boundary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from rarewatch.app.library import Library, part_id
from rarewatch.core import views as V
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.profile import Profile
from rarewatch.core.scan import analyse_path, list_files

from .conftest import SEEDS, TODAY


@pytest.fixture(scope="module")
def parts(profile: Profile) -> list:
    return [analyse_path(SEEDS, p, profile) for p in list_files(SEEDS)]


@pytest.fixture(scope="module")
def report(parts: list, profile: Profile) -> Report:
    return build_report(parts, profile, TODAY)


def test_views_and_watch_never_import_textual() -> None:
    code = (
        "import sys, rarewatch.core.views, rarewatch.app.library, rarewatch.app.watch; "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_source_rows_newest_first_with_unseen_on_top(report: Report) -> None:
    rows = V.source_rows(report, unseen=["roundup-aggregator.txt"])
    assert rows["id"][0] == "roundup-aggregator.txt"
    dated = rows.filter(~pl.col("new") & pl.col("published").is_not_null())["published"].to_list()
    assert dated == sorted(dated, reverse=True)
    undated = rows.filter(pl.col("id") == "roundup-aggregator.txt").row(0, named=True)
    assert undated["published"] is None and "undated" in undated["flags"]
    ai = rows.filter(pl.col("id") == "explainer-ai-disclaimer.txt")["flags"][0]
    assert "AI-generated" in ai


def test_flag_words_carry_the_reason() -> None:
    assert V.flag_text(["unreadable"], "binary data (NUL bytes)") == "unreadable: binary data (NUL bytes)"
    assert V.flag_text(["duplicate-of:a.txt"], None, "a.txt") == "duplicate of a.txt"


def test_text_filter_is_literal_and_case_insensitive(report: Report) -> None:
    assert V.source_rows(report, text_filter="TRADE-LEDGER.HTML")["id"].to_list() == ["trade-ledger.html"]
    assert V.source_rows(report, text_filter="(").height == 0  # not a regex error


def test_pane_filters_match_the_evidence_behind_a_row(report: Report) -> None:
    """`/Bessent` finds the articles, the dispute and the theme whose sentences name him."""
    named = set(report.roles.filter(pl.col("person").str.contains("Bessent"))["source"].to_list())
    assert named and set(V.source_rows(report, text_filter="bessent")["id"].to_list()) >= named
    assert not any("Bessent" in (t or "") for t in V.source_rows(report, text_filter="bessent")["title"].to_list())
    disputes = V.contradiction_rows(report, text_filter="bessent")
    assert disputes.height >= 1
    for cid in disputes["id"].to_list():
        said = [s for p in report.contradictions.filter(pl.col("id") == cid)["positions"][0] for s in p["sentences"]]
        assert any("bessent" in s.lower() for s in said) or "bessent" in cid
    themes = V.question_themes(report, text_filter="bessent")["theme"].to_list()
    asked = report.questions.filter(pl.col("sentence").str.contains("Bessent"))["theme"].unique().to_list()
    assert sorted(themes) == sorted(asked)


def test_figures_by_metric_one_row_per_metric_disputed_first(report: Report) -> None:
    rows = V.figures_by_metric(report)
    assert rows["metric"].n_unique() == rows.height
    assert "other" not in rows["metric"].to_list()
    sev = rows["severity"].to_list()
    disputed = [s is not None for s in sev]
    assert disputed == sorted(disputed, reverse=True)
    proc = rows.filter(pl.col("metric") == "china_share_processing").row(0, named=True)
    assert "90%" in proc["values"] and "92%" in proc["values"]


def test_figures_pane_shows_each_value_once_whatever_its_wording(report: Report) -> None:
    # "one year" and "one-year" are one value at a glance; its hedge ("about 70%", "well over an
    # hour") and its role ("100% threatened") make another statement, always shown
    rows = V.figures_by_metric(report)
    for r in rows.iter_rows(named=True):
        live = V.live_sources(report).implode()
        f = report.figures.filter(pl.col("metric") == r["metric"], pl.col("source").is_in(live))
        distinct = f.select("value", "unit", "change", "qualifier", "role").unique().height
        assert len(r["values"].split("  │  ")) == min(distinct, V.VALUES_SHOWN)
    # ("70% of what the United States imports" is an import share now, so the mining share no
    # longer holds two 70%s; "one year" and "for a year" are the same value told two ways)
    term = rows.filter(pl.col("metric") == "truce_term").row(0, named=True)
    assert term["values"].startswith("one year ×")
    talks = rows.filter(pl.col("metric") == "talks_duration").row(0, named=True)
    assert "well over an hour" in talks["values"] and "just under two hours" in talks["values"]
    tariff = rows.filter(pl.col("metric") == "tariff_rate").row(0, named=True)
    assert "100% threatened" in tariff["values"]


def test_narrowing_to_a_source(report: Report) -> None:
    sid = "trade-ledger.html"
    figs = V.figures_by_metric(report, source=sid)
    assert figs["sources"].max() == 1
    for r in V.contradiction_rows(report, source=sid).iter_rows(named=True):
        _, positions = V.contradiction_positions(report, r["id"])
        assert any(sid in p.sources for p in positions)
    themes = V.question_themes(report, source=sid)
    assert set(themes["theme"]) <= set(report.questions.filter(pl.col("source") == sid)["theme"])


def test_contradiction_quotes_point_into_the_source_text(report: Report) -> None:
    for cid in report.contradictions["id"]:
        row, positions = V.contradiction_positions(report, cid)
        assert row is not None and len(positions) >= 2
        for p in positions:
            for q in p.quotes:
                if q.start is not None:
                    assert report.text_of(q.source)[q.start :].startswith(q.sentence)


def test_detail_lists_are_capped(report: Report) -> None:
    rows, total = V.timeline_rows(report, limit=3)
    assert rows.height == 3 and total == report.timeline.height


def test_highlights_are_sorted_spans_of_the_text(report: Report) -> None:
    sid = "harbor-wire-busan-truce.txt"
    h = V.highlights(report, sid)
    text = report.text_of(sid)
    assert h.height > 0
    assert h["start"].to_list() == sorted(h["start"].to_list())
    assert set(h["kind"]) <= set(V.HIGHLIGHT_KINDS)
    assert all(0 <= s < e <= len(text) for s, e in h.select("start", "end").iter_rows())


def test_change_summary_messages(parts: list, profile: Profile, report: Report) -> None:
    without = build_report([p for p in parts if part_id(p) != "trade-ledger.html"], profile, TODAY)
    added = V.change_summary(without, report, ["trade-ledger.html"], [])
    msg = added.message()
    assert msg.startswith("New: Beijing Formally Suspends") and "(Trade Ledger)" in msg
    assert "figures" in msg
    removed = V.change_summary(report, without, [], ["trade-ledger.html"])
    assert removed.message().startswith("Removed: Beijing")
    batch = V.change_summary(None, report, [part_id(p) for p in parts], [])
    assert batch.message().startswith("6 new articles")


def test_printable_shows_control_characters() -> None:
    assert V.printable("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert V.one_line("x\ny\tz") == "x y z"


def test_library_replaces_and_removes_parts(parts: list, profile: Profile, report: Report) -> None:
    lib = Library().updated(parts)
    assert len(lib) == len(parts)
    rebuilt = build_report(lib.as_parts(), profile, TODAY)
    assert rebuilt.figures.height == report.figures.height
    again = lib.updated([parts[0]])  # a changed file replaces its own rows
    assert again.merged.figures.height == lib.merged.figures.height
    gone = lib.updated((), [part_id(parts[0])])
    assert part_id(parts[0]) not in gone
    assert gone.merged.source.height == len(parts) - 1
    assert lib.ids_under("") == set() and Library().updated(parts).ids_under(part_id(parts[0]))


def test_reader_blocks_cover_the_text() -> None:
    from rarewatch.app.widgets.reader import blocks_of

    text = "one\ntwo\n\nthree"
    assert [text[s:e] for s, e in blocks_of(text)] == ["one", "two", "three"]
    many = "\n".join(f"line {i}" for i in range(2000))
    blocks = blocks_of(many)
    assert len(blocks) < 400 and many[blocks[0][0] : blocks[-1][1]] == many


def test_fixture_seeds_exist() -> None:
    assert len(list(Path(SEEDS).iterdir())) >= 6


def test_a_quick_report_shows_new_files_before_the_full_build(parts: list, profile: Profile, report: Report) -> None:
    base_parts = [p for p in parts if part_id(p) != "trade-ledger.html"]
    base = build_report(base_parts, profile, TODAY)
    lib = Library().updated(parts)
    quick = build_report([lib.merged], profile, TODAY, full=False, base=base, changed=["trade-ledger.html"])
    assert "trade-ledger.html" in quick.sources["id"].to_list()
    assert (
        quick.sources.filter(pl.col("id") == "trade-ledger.html")["figures"][0]
        == report.sources.filter(pl.col("id") == "trade-ledger.html")["figures"][0]
    )
    assert quick.contradictions.equals(base.contradictions)  # until the full build
    assert V.source_rows(quick).height == report.sources.height
    assert V.figures_by_metric(quick).height == V.figures_by_metric(report).height
    fresh = build_report([lib.merged], profile, TODAY, full=False)
    assert fresh.contradictions.is_empty() and fresh.sources.height == len(parts)
    assert fresh.renegotiation["basis"] == "still reading"
