"""Dated events: dates as precise as the text, resolved against the article's date, with events."""

from __future__ import annotations

import datetime as dt

import pytest
from core_helpers import analyse, article_text, story

from rarewatch.core.dates import find_dates, parse_date

TUESDAY = "Published: 11/04/2025"  # Tuesday 4 November 2025


def timeline_of(text: str) -> list[dict]:
    t = analyse(text)
    body = article_text(t)
    rows = t.timeline.to_dicts()
    for r in rows:
        assert body[r["start"] : r["end"]] == r["text"], r
        assert r["text"] in r["sentence"]
    return rows


def dated(sentence: str, date: str = TUESDAY) -> list[tuple[str, str]]:
    """(text, date) of every dated mention in a one-sentence story."""
    return [(r["text"], r["date"]) for r in timeline_of(story(sentence, date=date))]


# ---- absolute and partial dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trump and Xi met in Busan on October 30, 2025.", [("October 30, 2025", "2025-10-30")]),
        ("China first restricted rare earth exports in October 2022.", [("October 2022", "2022-10")]),
        ("The licensing regime was announced on 9 October 2025.", [("9 October 2025", "2025-10-09")]),
        ("The rules were published on 2025-10-09 by the ministry.", [("2025-10-09", "2025-10-09")]),
        ("Rare earth quotas have existed since 2009.", [("2009", "2009")]),
        ("The curbs were first imposed in early 2023.", [("2023", "2023")]),
        ("The ministry's notice is dated 10.11.2025.", [("10.11.2025", "2025-11-10")]),
    ],
    ids=["mdy", "month-year", "dmy", "iso", "year", "early-year", "dotted-day-first"],
)
def test_dates_only_as_precise_as_the_text(sentence, expected):
    assert dated(sentence) == expected


def test_late_october_is_a_month():
    assert dated("China unveiled the new export controls in late October.") == [("late October", "2025-10")]


def test_lowercase_may_is_not_a_date():
    assert dated("Prices may 5 times higher, traders may worry.") == []


# ---- dates without a year --------------------------------------------------------------------------


def test_month_day_takes_the_year_of_the_article():
    assert dated("Trump and Xi met in Busan on October 30.") == [("October 30", "2025-10-30")]


def test_month_day_after_new_year_looks_back_to_last_year():
    assert dated("Trump and Xi met in Busan on October 30.", date="Published: 01/12/2026") == [
        ("October 30", "2025-10-30")
    ]


def test_month_day_shortly_ahead_is_this_year():
    assert dated("The suspension takes effect on March 3.", date="February 20, 2026") == [("March 3", "2026-03-03")]


def test_month_day_long_past_is_earlier_in_the_year():
    assert dated("Beijing imposed the April curbs on April 4.") == [("April 4", "2025-04-04")]


def test_month_day_ahead_across_new_year():
    assert dated("The pause will be reviewed on January 5.", date="December 20, 2025") == [("January 5", "2026-01-05")]


# ---- relative dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "date"),
    [
        ("Trump and Xi met in Busan on Saturday.", "Saturday", "2025-11-01"),
        ("Negotiators met last Tuesday in Kuala Lumpur.", "last Tuesday", "2025-10-28"),
        ("Negotiators will meet next Friday in Geneva.", "next Friday", "2025-11-07"),
        ("Rare earth prices fell last month.", "last month", "2025-10"),
        ("Earlier this week the commerce ministry issued new licences.", "Earlier this week", "2025-11-03"),
        ("The ministry issued new licences yesterday.", "yesterday", "2025-11-03"),
        ("Rare earth exports slumped last year.", "last year", "2024"),
        ("Talks resume next month.", "next month", "2025-12"),
    ],
)
def test_relative_dates_against_the_published_date(sentence, text, date):
    assert dated(sentence) == [(text, date)]


def test_last_month_in_january_is_december_of_last_year():
    assert dated("Rare earth prices fell last month.", date="January 10, 2026") == [("last month", "2025-12")]


def test_relative_dates_use_the_latest_date_printed_when_undated():
    rows = timeline_of(
        story(
            "Negotiators met in Kuala Lumpur on October 25, 2025.",
            "Trump and Xi met in Busan on Thursday, October 30, 2025.",
            "The ministry issued new rare earth licences on Saturday.",
            date="",
        )
    )
    assert [(r["text"], r["date"]) for r in rows][-1] == ("Saturday", "2025-10-25")


def test_relative_dates_are_dropped_without_any_reference_date():
    rows = timeline_of(story("The ministry issued new rare earth licences on Saturday.", date=""))
    assert rows == []


# ---- expiry --------------------------------------------------------------------------------------


def test_future_expiry_date_is_marked():
    (r,) = timeline_of(story("The suspension of rare earth export controls runs until November 10, 2026."))
    assert r["date"] == "2026-11-10"
    assert r["expiry"]


def test_expiry_word_before_a_past_date_is_not_an_expiry():
    (r,) = timeline_of(story("The previous rare earth quota expired in March 2024."))
    assert r["date"] == "2024-03"
    assert not r["expiry"]


def test_future_date_without_expiry_word_is_not_an_expiry():
    (r,) = timeline_of(story("Rare earth talks resume on March 1, 2026."))
    assert not r["expiry"]


# ---- events --------------------------------------------------------------------------------------


def test_meeting_in_busan_is_the_leaders_meeting():
    (r,) = timeline_of(story("Donald Trump and Xi Jinping met in Busan on October 30, 2025."))
    assert r["event_id"] == "leaders_meeting"
    assert r["event"] == "Trump and Xi meet"


def test_suspension_taking_effect_is_its_own_event():
    (r,) = timeline_of(story("The rare earth suspension takes effect on November 10, 2025."))
    assert r["event_id"] == "suspension_effective"


def test_date_with_no_profile_event_keeps_its_clause_as_label():
    (r,) = timeline_of(story("Rare earth oxide prices peaked on October 14, 2025, traders noted."))
    assert r["event_id"] is None
    assert "prices peaked" in r["event"]


def test_each_date_in_a_sentence_is_listed():
    rows = timeline_of(
        story("China announced the controls on October 9, 2025, and Trump and Xi met on October 30, 2025.")
    )
    assert [r["date"] for r in rows] == ["2025-10-09", "2025-10-30"]


# ---- the date finder directly ----------------------------------------------------------------------


def test_find_dates_offsets_and_kinds():
    text = "Met on Oct. 30, 2025; talks in October 2022; since 2009; on Saturday."
    found = find_dates(text, dt.date(2025, 11, 4))
    for d in found:
        assert text[d.start : d.end] == d.text
    assert [(d.value, d.kind) for d in found] == [
        ("2025-10-30", "absolute"),
        ("2022-10", "partial"),
        ("2009", "partial"),
        ("2025-11-01", "relative"),
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published: 11/03/2025, 05:38:01 EST", "2025-11-03"),
        ("03.11.2025", "2025-11-03"),
        ("3 November 2025", "2025-11-03"),
        ("Nov. 3, 2025", "2025-11-03"),
        ("Monday, November 3, 2025 at 5:38 PM", "2025-11-03"),
        ("2025-11-03T05:38:01Z", "2025-11-03"),
        ("November 2025", None),
        ("31/02/2025", None),
    ],
)
def test_parse_date_needs_a_full_valid_date(text, iso):
    assert parse_date(text) == iso


# ---- dates in other shapes -----------------------------------------------------------------------


def test_month_at_a_sentence_end_does_not_take_the_next_lines_clock_time():
    text = "second term in January.\n\n09:47 GMT\nThe leaders shook hands."
    assert [d.value for d in find_dates(text, dt.date(2025, 10, 30))] == ["2025-01"]


def test_month_and_day_on_one_line_is_still_a_date():
    assert [d.value for d in find_dates("met on January 9 in Washington", dt.date(2025, 10, 30))] == ["2025-01-09"]


def test_next_month_name_is_the_first_one_after_the_article():
    # in November, "next November" is a year away; "this November" stays this year's
    assert dated("The deal is due to be revisited next November.", "November 2, 2025") == [("November", "2026-11")]
    assert dated("The deal is due to be revisited next March.", "November 2, 2025") == [("March", "2026-03")]


def test_last_month_name_is_the_last_one_before_the_article():
    assert dated("Prices peaked last November.", "November 2, 2025") == [("November", "2024-11")]


def test_month_next_year():
    rows = dated("Whether it is extended after November next year is unclear.", "November 2, 2025")
    assert rows == [("November next year", "2026-11")]


def events_of(sentence: str, date: str = TUESDAY) -> list[tuple[str, str | None]]:
    return [(r["date"], r["event_id"]) for r in timeline_of(story(sentence, date=date))]


def test_date_in_a_clause_of_its_own_is_not_the_meetings_date():
    rows = events_of("It is their first meeting with Xi since Trump began his second term in January.")
    assert rows == [("2025-01", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The pause was agreed when President Trump met Xi Jinping in Busan on Oct. 30.",
        "After Trump and Xi met in Busan on 30 October, China agreed to pause its controls.",
        "On Oct. 30, when Trump met Xi in Busan, the leaders sealed the truce.",
    ],
)
def test_date_in_the_meetings_own_clause_keeps_the_meeting(sentence):
    assert ("2025-10-30", "leaders_meeting") in events_of(sentence)


def test_since_right_before_a_date_opens_no_clause():
    rows = events_of("Beijing's restrictions on seven elements have applied since early April.")
    assert rows == [("2025-04", "controls_imposed")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The suspension runs until November 10 next year.", [("November 10 next year", "2026-11-10")]),
        ("It lapses on 10 November next year.", [("10 November next year", "2026-11-10")]),
        ("Prices peaked in March last year.", [("March last year", "2024-03")]),
        ("Prices may this year stay high.", [("this year", "2025")]),
    ],
    ids=["md-next-year", "dm-next-year", "month-last-year", "may-is-a-verb"],
)
def test_month_and_day_with_a_relative_year(sentence, expected):
    assert dated(sentence, "November 2, 2025") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials will meet again in April to review the truce.", [("April", "2026-04")]),
        ("Xi is expected to visit the US on April 2.", [("April 2", "2026-04-02")]),
        ("Officials will review the rules introduced in April.", [("April", "2025-04")]),
        ("Prices have risen since April.", [("April", "2025-04")]),
    ],
    ids=["will-month", "expected-month-day", "participle-between", "past"],
)
def test_a_yearless_date_in_a_clause_about_the_future_lies_ahead(sentence, expected):
    assert dated(sentence, "November 2, 2025") == expected


def test_a_meeting_planned_long_after_the_article_is_not_the_meeting():
    rows = events_of("Trump and Xi will meet again in April, officials said.", "November 2, 2025")
    assert rows == [("2026-04", None)]
    assert events_of("Trump and Xi will meet in Busan on Oct. 30.", "October 28, 2025") == [
        ("2025-10-30", "leaders_meeting")
    ]


def test_would_in_reported_speech_looks_ahead():
    assert dated("Trump said he would visit China in April.", "November 2, 2025") == [("April", "2026-04")]
    assert dated("The rules would have taken effect in April.", "November 2, 2025") == [("April", "2025-04")]


@pytest.mark.parametrize("text", ["by mid-2026", "at end-2026", "in early-2026"])
def test_year_with_a_part_prefix(text):
    assert [(d.text, d.value) for d in find_dates(text, dt.date(2025, 11, 2))] == [("2026", "2026")]


def test_year_inside_a_hyphenated_word_is_no_date():
    assert find_dates("a pre-2025 rule for the 2026-27 season", dt.date(2025, 11, 2)) == []


def test_a_relative_clause_still_dates_the_noun_it_refers_to():
    rows = events_of("The April controls, which were first imposed on April 2, are also being eased.")
    assert rows == [("2025-04-02", "controls_imposed")]


@pytest.mark.parametrize(
    ("sentence", "date", "event"),
    [
        (
            "After Trump and Xi met in Busan on 30 October, China agreed to pause its rare earth controls.",
            "2025-10-30",
            "leaders_meeting",
        ),
        (
            "The truce announced after the summit suspends the rare earth controls first imposed on April 4.",
            "2025-04-04",
            "controls_imposed",
        ),
        (
            "The White House announced on Saturday that China has agreed to roll back its restrictions.",
            "2025-11-01",
            "agreement",
        ),
    ],
    ids=["meeting-before-comma", "nearest-event-words", "tie-goes-to-first-listed"],
)
def test_a_date_takes_the_event_whose_words_stand_nearest_in_its_clause(sentence, date, event):
    assert (date, event) in events_of(sentence)


# ---- precision: the words that date an event must be that event's own ---------------------------


def test_rules_announced_on_a_date_are_their_imposition_not_the_truce():
    # "announced" alone names no truce; what was announced is the rules
    assert events_of("China will suspend the export control measures it announced on Oct. 9 for a year.") == [
        ("2025-10-09", "controls_imposed")
    ]
    assert events_of("Tokyo and Washington signed a critical minerals framework on Oct. 28.") == [("2025-10-28", None)]
    # a truce that was announced or signed still dates the agreement
    assert ("2025-11-01", "agreement") in events_of("The White House announced the truce on Saturday.")
    assert ("2025-10-30", "agreement") in events_of("The deal was struck on Oct. 30 in South Korea.")


def test_expanded_controls_named_in_passing_are_not_dated():
    rows = events_of("Northfield today welcomed China's decision to suspend its expanded rare earth export controls.")
    assert [e for _, e in rows] == [None]
    # expanding the controls on a date is an imposition
    assert ("2025-10-09", "controls_imposed") in events_of("Beijing expanded its export controls on Oct. 9.")


def test_a_date_in_another_clause_takes_no_event():
    rows = events_of("The October rules had been due to take effect on Dec. 1 before Beijing agreed to shelve them.")
    assert rows == [("2025-12-01", None)]
    rows = events_of("A refinery announced this year would not be ready before the truce runs out.")
    assert rows == [("2025", None)]
    # the suspension's own start is still its start
    rows = events_of("The suspension of the October measures takes effect on Nov. 10.")
    assert rows == [("2025-11-10", "suspension_effective")]
    rows = events_of("The measures it announced on Oct. 9 will be suspended from Nov. 10, the ministry said.")
    assert ("2025-11-10", "suspension_effective") in rows


def test_a_deal_is_not_dated_ahead_of_its_report():
    rows = events_of("The deal is due to be revisited next November.")
    assert [e for _, e in rows] == [None]
    assert ("2025-10-30", "agreement") in events_of("The deal was agreed on Oct. 30.")


def test_controls_on_other_minerals_are_another_event():
    rows = events_of("Beijing first imposed export controls on gallium and germanium in July 2023.")
    assert rows == [("2023-07", None)]
    rows = events_of("Beijing first imposed export controls on seven rare earths in April 2025.")
    assert rows == [("2025-04", "controls_imposed")]


def test_an_end_date_does_not_date_the_article():
    from rarewatch.core.timeline import reference_date

    text = "WASHINGTON -- The suspension takes effect on Nov. 4, 2025 and lasts until Nov. 10, 2026."
    assert str(reference_date(text, None)) == "2025-11-04"


def test_an_end_date_is_the_terms_lapsing_not_a_nearby_event():
    rows = timeline_of(
        story(
            "China's suspension of the measures it announced on Oct. 9 takes effect today"
            " and runs until Nov. 10, 2026.",
            date="November 10, 2025",
        )
    )
    end = next(r for r in rows if r["date"] == "2026-11-10")
    assert (end["event_id"], end["event"], end["expiry"]) == (None, "terms lapse", True)
    assert ("2025-10-09", "controls_imposed") in [(r["date"], r["event_id"]) for r in rows]


def test_a_when_clause_right_after_a_date_tells_what_happened_then():
    rows = events_of("The truce's roots trace back to October 2025, when China announced expanded export controls.")
    assert rows == [("2025-10", "controls_imposed")]
    # a when-clause before the date is still a clause of its own
    rows = events_of("It is their first meeting since Trump began his second term in January, when he took office.")
    assert rows == [("2025-01", None)]


def test_the_first_meeting_since_a_year_is_not_dated_by_that_year():
    rows = events_of("It was the first meeting between Trump and Xi in Busan since 2019.")
    assert rows == [("2019", None)]
    rows = events_of("Trump and Xi met in Busan on October 30, 2025.")
    assert rows == [("2025-10-30", "leaders_meeting")]
