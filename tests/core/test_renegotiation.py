"""The renegotiation countdown: an explicit end date, else the start event plus the term."""

from __future__ import annotations

import datetime as dt

from core_helpers import report, story

from rarewatch.core.report import countdown

MEETING_AND_TERM = story(
    "Trump and Xi met in Busan on October 30, 2025, and agreed a one-year truce on rare earth export controls.",
    "Buyers said they would use the breathing space to build stockpiles.",
    title="Rare earth truce agreed in Busan",
)
EXPLICIT_END = story(
    "The commerce ministry said the suspension of rare earth export controls stays in force until 1 March 2027.",
    "Earlier licensing requirements remain in place.",
    title="Beijing sets dates for rare earth pause",
    date="November 8, 2025",
)
NO_TERM = story(
    "Rare earth miners fell 8% on Monday as traders unwound bets on a shortage.",
    "Brokers said the premium priced in during October had evaporated.",
    title="Rare earth miners slide",
)


def test_due_is_the_meeting_plus_the_term():
    r = report([("a.txt", MEETING_AND_TERM)], today=dt.date(2026, 1, 15))
    assert r.renegotiation["due"] == "2026-10-30"
    assert r.renegotiation["days_left"] == (dt.date(2026, 10, 30) - dt.date(2026, 1, 15)).days
    assert "a.txt" in r.renegotiation["basis"]
    assert "2025-10-30" in r.renegotiation["basis"]


def test_days_left_counts_from_today_and_goes_negative():
    for today in (dt.date(2025, 11, 1), dt.date(2026, 10, 30), dt.date(2026, 11, 23)):
        r = report([("a.txt", MEETING_AND_TERM)], today=today)
        assert r.renegotiation["days_left"] == (dt.date(2026, 10, 30) - today).days
    r = report([("a.txt", MEETING_AND_TERM)], today=dt.date(2026, 11, 23))
    assert r.renegotiation["days_left"] == -24
    assert countdown(r).endswith("24 days ago; newest article 2025-11-03")


def test_term_in_months_is_added_in_months():
    six = story(
        "Trump and Xi met in Busan on August 31, 2025, and agreed to a six-month pause on rare earth curbs.",
        title="Six-month rare earth pause agreed",
    )
    r = report([("a.txt", six)])
    assert r.renegotiation["due"] == "2026-02-28"  # no 31 February: the last day of the month


def test_explicit_date_wins_over_computed():
    r = report([("a.txt", MEETING_AND_TERM), ("b.txt", EXPLICIT_END)], today=dt.date(2026, 1, 15))
    assert r.renegotiation["due"] == "2027-03-01"
    assert "b.txt" in r.renegotiation["basis"]
    assert r.renegotiation["days_left"] == (dt.date(2027, 3, 1) - dt.date(2026, 1, 15)).days


def test_explicit_date_alone_is_enough():
    r = report([("b.txt", EXPLICIT_END)])
    assert r.renegotiation["due"] == "2027-03-01"


def test_no_term_means_no_due_date():
    r = report([("c.txt", NO_TERM)])
    assert r.renegotiation["due"] is None
    assert r.renegotiation["days_left"] is None
    assert countdown(r).endswith("unknown")


def test_term_without_a_dated_start_means_no_due_date():
    term_only = story(
        "China agreed to a one-year truce on its rare earth export controls.",
        "Buyers welcomed the pause.",
        title="Rare earth truce agreed",
        date="",
    )
    r = report([("a.txt", term_only)])
    assert r.renegotiation["due"] is None


def test_hedged_term_is_not_used():
    hedged = story(
        "Trump and Xi met in Busan on October 30, 2025, and agreed a truce of up to two years on rare earths.",
        title="Rare earth truce agreed in Busan",
    )
    r = report([("a.txt", hedged)])
    assert r.renegotiation["due"] is None


def test_off_topic_articles_do_not_set_the_date():
    coffee = story(
        "Brazil's coffee tariff stays in force until 1 March 2027, officials said.",
        title="Arabica climbs as Brazil frost squeezes supply",
    )
    r = report([("a.txt", MEETING_AND_TERM), ("coffee.txt", coffee)])
    assert r.renegotiation["due"] == "2026-10-30"


def test_runs_to_a_date_is_a_stated_expiry():
    r = report(
        [
            ("a.txt", story("The pause runs to 10 Nov 2026, the ministry said.")),
            (
                "b.txt",
                story("China agreed to a one-year pause when Trump met Xi in Busan on Oct. 30.", title="Pause agreed"),
            ),
        ]
    )
    assert r.renegotiation["due"] == "2026-11-10"


def test_runs_to_a_year_alone_does_not_override_the_computed_date():
    r = report(
        [
            ("a.txt", story("The pause runs to end-2026, the ministry said.")),
            (
                "b.txt",
                story("China agreed to a one-year pause when Trump met Xi in Busan on Oct. 30.", title="Pause agreed"),
            ),
        ]
    )
    assert r.renegotiation["due"] == "2026-10-30"
