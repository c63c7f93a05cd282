"""The search over every article's text: totals from all articles, rows capped, offsets exact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rarewatch.core.corpus import Report
from rarewatch.core.profile import load_profile
from rarewatch.core.scan import scan
from rarewatch.core.search import matches_in, search_texts

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def report() -> Report:
    return scan(SEEDS, load_profile(), dt.date(2026, 11, 23), workers=1)


def test_every_match_is_a_row_whose_offsets_point_at_it(report: Report) -> None:
    res = search_texts(report, "Truce")
    texts = dict(report.texts.select("source", "text").iter_rows())
    assert res.total == sum(t.lower().count("truce") for t in texts.values()) > 0
    assert res.rows.height == res.total and res.articles == sum("truce" in t.lower() for t in texts.values())
    for r in res.rows.iter_rows(named=True):
        text = texts[r["source"]]
        assert text[r["start"] : r["end"]].lower() == "truce"
        assert text[r["sentence_start"] :].startswith(r["sentence"])
        assert r["sentence_start"] <= r["start"] < r["sentence_start"] + len(r["sentence"])
    published = [p for p in res.rows.unique("source", maintain_order=True)["published"].to_list()]
    assert published == sorted(published, key=lambda p: p or "", reverse=True)


def test_rows_are_capped_but_the_total_is_not(report: Report) -> None:
    res = search_texts(report, "the", limit=5)
    assert res.rows.height == 5 and res.total > 5 and res.capped
    assert res.summary().startswith(f"showing 5 of {res.total:,} matches")


def test_queries_are_literal_and_short_ones_do_not_run(report: Report) -> None:
    assert search_texts(report, "(.*").total == 0
    assert search_texts(report, "a").rows.height == 0
    assert matches_in("A.b a.B", "a.b") == [(0, 3), (4, 7)]


def test_narrowed_to_one_source(report: Report) -> None:
    res = search_texts(report, "china", source="trade-ledger.html")
    assert set(res.rows["source"].to_list()) == {"trade-ledger.html"}
    assert res.total == report.text_of("trade-ledger.html").lower().count("china")
