"""Sentence splitting with offsets into the cleaned text."""

from __future__ import annotations

import pytest

from rarewatch.core.sentences import split_sentences


def texts(text: str) -> list[str]:
    out = split_sentences(text)
    for s in out:
        assert text[s.start : s.end] == s.text
    return [s.text for s in out]


def test_offsets_point_at_each_sentence():
    text = "China paused its curbs. The U.S. cut tariffs!\n\nWill it last? Nobody knows…\n  Indented line here.\n"
    out = split_sentences(text)
    assert [s.text for s in out] == [
        "China paused its curbs.",
        "The U.S. cut tariffs!",
        "Will it last?",
        "Nobody knows…",
        "Indented line here.",
    ]
    for s in out:
        assert text[s.start : s.end] == s.text
    assert [s.start for s in out] == sorted(s.start for s in out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Treasury said the pause would hold. Beijing agreed.",
            ["The U.S. Treasury said the pause would hold.", "Beijing agreed."],
        ),
        (
            "The leaders met on Oct. 30 in Busan. Talks lasted two hours.",
            ["The leaders met on Oct. 30 in Busan.", "Talks lasted two hours."],
        ),
        (
            "China issued Announcement No. 70 on Oct. 9. Exporters reacted quickly.",
            ["China issued Announcement No. 70 on Oct. 9.", "Exporters reacted quickly."],
        ),
        (
            "Analyst J. R. Smith disagreed. He expects new curbs.",
            ["Analyst J. R. Smith disagreed.", "He expects new curbs."],
        ),
        (
            "Dr. Li spoke at 3 p.m. Monday in Beijing. Prices rose.",
            ["Dr. Li spoke at 3 p.m. Monday in Beijing.", "Prices rose."],
        ),
        (
            "Output rose 5.5% in 2024. It fell in 2025.",
            ["Output rose 5.5% in 2024.", "It fell in 2025."],
        ),
        (
            'Trump called it "settled." Beijing was quieter.',
            ['Trump called it "settled."', "Beijing was quieter."],
        ),
    ],
    ids=["U.S.", "Oct.", "No. 70", "initials", "Dr. and p.m.", "decimal", "closing-quote"],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    assert texts(text) == expected


def test_lowercase_after_full_stop_does_not_start_a_sentence():
    assert texts("Prices rose approx. three percent on the news.") == ["Prices rose approx. three percent on the news."]


def test_bullets_are_sentences_of_their_own_without_the_marker():
    text = (
        "The October package did three things:\n"
        "- It put licensing requirements on 12 of the 17 elements\n"
        "• It claimed jurisdiction abroad\n"
        "* It singled out chipmakers. Defence buyers too.\n"
        "1. First numbered point\n"
    )
    assert texts(text) == [
        "The October package did three things:",
        "It put licensing requirements on 12 of the 17 elements",
        "It claimed jurisdiction abroad",
        "It singled out chipmakers.",
        "Defence buyers too.",
        "First numbered point",
    ]


def test_headings_are_sentences_of_their_own():
    text = "Why the share numbers matter\nChina accounts for more than 80% of supply. Its lead is wider in refining.\n"
    assert texts(text) == [
        "Why the share numbers matter",
        "China accounts for more than 80% of supply.",
        "Its lead is wider in refining.",
    ]


def test_line_breaks_are_hard_boundaries_even_without_punctuation():
    assert texts("China paused its curbs\nfor one year") == ["China paused its curbs", "for one year"]


def test_question_and_exclamation_marks_end_sentences():
    assert texts("Will the truce hold? Nobody knows! Analysts doubt it.") == [
        "Will the truce hold?",
        "Nobody knows!",
        "Analysts doubt it.",
    ]


def test_blank_and_punctuation_only_lines_are_not_sentences():
    assert texts("\n\n---\n  \n***\nReal sentence.\n") == ["Real sentence."]


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []


def test_inline_bullets_after_a_sentence_are_split_without_markers():
    assert texts("Three things changed. • Licences are general. • Quotas are gone.") == [
        "Three things changed.",
        "Licences are general.",
        "Quotas are gone.",
    ]


def test_us_ending_a_sentence_ends_it():
    text = "China eased its duties on the U.S. The ministry said more steps would follow."
    assert [s.text for s in split_sentences(text)] == [
        "China eased its duties on the U.S.",
        "The ministry said more steps would follow.",
    ]


@pytest.mark.parametrize(
    "text",
    ["The U.S. Treasury chief said so.", "Tariffs on U.S. Soybeans were cut.", "U.S. President Trump met Xi."],
)
def test_us_before_a_name_stays_inside_the_sentence(text):
    assert [s.text for s in split_sentences(text)] == [text]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The talks began at 10 a.m. The leaders then ate lunch.", "The talks began at 10 a.m."),
        (
            "It was founded by Northfield Magnetics Inc. The company makes magnets.",
            "It was founded by Northfield Magnetics Inc.",
        ),
    ],
)
def test_other_abbreviations_can_end_a_sentence(text, first):
    assert split_sentences(text)[0].text == first


def test_abbreviation_before_a_name_stays_inside():
    assert len(split_sentences("At 10 a.m. Beijing time the rules began.")) == 1
