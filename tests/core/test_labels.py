"""Figures outside every metric are named by a short noun phrase, never a clause fragment; a
figure whose subject is not the metric's (all goods, not rare earths) is not the metric's."""

from __future__ import annotations

import pytest
from core_helpers import figures_of, story

from rarewatch.core.labels import other_label


def label(sentence: str, span: str, unit: str | None = "%") -> str:
    at = sentence.index(span)
    return other_label(sentence, at, at + len(span), unit)


@pytest.mark.parametrize(
    ("sentence", "span", "unit", "want"),
    [
        (
            "The rule reaches products containing 0.1% of Chinese-origin material by value.",
            "0.1%",
            "%",
            "Chinese-origin material",
        ),
        (
            "Exports of rare-earth magnets totaled 45,290 tons in the period.",
            "45,290 tons",
            "t",
            "Exports of rare-earth magnets",
        ),
        (
            "The ministry has accepted price undertakings from 34 European producers.",
            "34 European producers",
            "count",
            "European producers",
        ),
        ("Companies that cooperated received duties ranging from 15.6%.", "15.6%", "%", "duties"),
    ],
)
def test_a_figure_is_named_by_the_noun_phrase_around_it(sentence, span, unit, want):
    assert label(sentence, span, unit) == want


@pytest.mark.parametrize(
    ("sentence", "span", "unit"),
    [
        ("The larger uncertainty lies twelve months out.", "twelve months", "month"),  # not "out"
        ("Hybrids boomed from 4% to 22% last year.", "4%", "%"),  # not "boomed"
        ("In value terms, supplies fell by 15.9% to $68.6 mln.", "$68.6 mln", "USD"),  # not "to"
        ("It is set to begin in one hour in Busan.", "one hour", "hour"),  # not "in"
    ],
)
def test_a_clause_fragment_is_never_a_label(sentence, span, unit):
    got = label(sentence, span, unit)
    words = got.split()
    assert words, got
    assert got.lower() not in {"out", "to", "in", "boomed", "from", "by"}
    assert not got.lower().endswith((" to", " in", " of", " from", " by"))


def test_exports_of_all_goods_are_not_the_rare_earth_exports_metric():
    goods = story("China's exports to the United States recorded a 26% drop on a year earlier, Bloomberg reported.")
    rare = story("China's rare earth exports to the United States recorded a 26% drop on a year earlier.")
    (g,) = [f for f in figures_of(goods) if f["text"] == "26%"]
    (r,) = [f for f in figures_of(rare) if f["text"] == "26%"]
    assert g["metric"] == "other"
    assert r["metric"] == "china_export_change"
