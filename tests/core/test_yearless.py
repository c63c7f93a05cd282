"""Days without a year in undated articles: dated from the folder's newest article, never today."""

from __future__ import annotations

import datetime as dt

from core_helpers import analyse, report, story

UNDATED = """
Leaders strike a rare earth deal in Busan

US President Donald Trump said his meeting on Oct 30 with Xi Jinping in Busan was amazing and that the rare earth issues were settled.
"""


def dated(day: str) -> str:
    return story("China's rare earth exports rose 5% in the month.", date=day, title="Rare earth exports rise")


def meeting_dates(r) -> list[str]:
    return r.timeline.filter(r.timeline["source"] == "undated.txt")["date"].to_list()


def test_an_undated_article_keeps_a_day_of_no_year():
    t = analyse(UNDATED)
    assert "--10-30" in t.timeline["date"].to_list()


def test_the_folder_newest_article_gives_the_year():
    r = report([("undated.txt", UNDATED), ("later.txt", dated("June 11, 2026"))])
    assert meeting_dates(r) == ["2025-10-30"]


def test_the_year_never_comes_from_today():
    for today in (dt.date(2026, 11, 29), dt.date(2030, 1, 1)):
        r = report([("undated.txt", UNDATED), ("later.txt", dated("November 11, 2025"))], today=today)
        assert meeting_dates(r) == ["2025-10-30"]


def test_without_any_dated_article_the_day_is_left_out():
    r = report([("undated.txt", UNDATED)])
    assert meeting_dates(r) == []
    assert not r.timeline["date"].str.starts_with("--").any()


def test_yearless_days_of_two_undated_articles_can_disagree():
    other = UNDATED.replace("Oct 30", "November 30").replace("Leaders strike", "Summit ends with")
    r = report([("undated.txt", UNDATED), ("other.txt", other), ("later.txt", dated("June 11, 2026"))])
    dates = r.contradictions.filter(r.contradictions["kind"] == "date")
    assert dates.height == 1
    values = sorted(p["value"] for p in dates["positions"][0])
    assert values == ["2025-10-30", "2025-11-30"]


# ---- topic as a score ---------------------------------------------------------------------------


def test_the_tariff_side_of_the_deal_is_on_topic_without_naming_its_terms():
    tariffs = """
Fentanyl tariff halved after leaders meet

President Trump said the fentanyl tariff on Chinese goods would fall to 10% and that China would buy soybeans again, after his talks with Xi Jinping.
"""
    (row,) = analyse(tariffs).source.to_dicts()
    assert "off-topic" not in row["flags"]
    assert row["topic_score"] >= 1.0


def test_one_related_word_alone_is_not_the_topic():
    coffee = """
Coffee importers brace for new tariffs

Arabica prices rose as importers weighed the effect of tariffs on beans from Brazil, and tariffs on cups too.
"""
    (row,) = analyse(coffee).source.to_dicts()
    assert "off-topic" in row["flags"]
    assert row["topic_score"] == 0.5


# ---- a lapse in the past -------------------------------------------------------------------------


def test_a_lapsed_deadline_names_the_newest_article():
    from rarewatch.core.report import countdown

    old = story(
        "The suspension of the rare earth controls runs until November 10, 2026.",
        date="June 11, 2026",
        title="Rare earth pause: what lapses when",
    )
    r = report([("old.txt", old)], today=dt.date(2026, 11, 29))
    assert r.renegotiation["due"] == "2026-11-10"
    assert r.renegotiation["newest_article"] == "2026-06-11"
    assert countdown(r) == "terms lapse 2026-11-10, 19 days ago; newest article 2026-06-11"
