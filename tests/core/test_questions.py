"""Open questions: outright questions and hedges, grouped by the profile's themes."""

from __future__ import annotations

import pytest
from core_helpers import analyse, article_text, report, story


def questions_of(text: str) -> list[dict]:
    t = analyse(text)
    body = article_text(t)
    rows = t.questions.to_dicts()
    for q in rows:
        assert body[q["start"] : q["end"]] == q["sentence"]
    return rows


def test_question_mark_sentence_is_a_question_with_its_theme():
    (q,) = questions_of(story("Will the truce hold once its one-year term runs out?"))
    assert q["kind"] == "question"
    assert q["theme"] == "truce_durability"
    assert q["label"] == "Will the truce hold past its one-year term?"


def test_question_inside_closing_quote_counts():
    (q,) = questions_of(story("“Can the rare earth controls come back if talks sour?”"))
    assert q["kind"] == "question"
    assert q["theme"] == "reimposition"


@pytest.mark.parametrize(
    ("sentence", "theme", "cue"),
    [
        ("A lasting fix for rare earth supply chains remains elusive.", "diversification", "remains elusive"),
        ("The licensing review process is under scrutiny in Brussels.", "implementation", "under scrutiny"),
        ("The rare earth controls could be reimposed if talks sour.", "reimposition", None),
        ("The durability of the rare earth arrangement is far from settled.", "truce_durability", "far from settled"),
        ("Which controls are really lifted is not yet clear.", "scope_of_lifting", None),
        ("Analysts anticipate volatility in rare earth prices.", "market_volatility", None),
    ],
)
def test_hedges_are_grouped_by_theme(sentence, theme, cue):
    (q,) = questions_of(story(sentence))
    assert q["kind"] == "hedge"
    assert q["theme"] == theme
    assert q["sentence"] == sentence
    if cue:
        assert q["cue"].lower() == cue


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather in Busan remains unclear for the rest of the week.",
        "What did the leaders eat at the summit?",
        "Whether the band will play again is far from settled.",
    ],
)
def test_hedge_or_question_with_no_theme_goes_to_other_open_questions(sentence):
    (q,) = questions_of(story(sentence, "China will pause its rare earth export controls for one year."))
    assert q["sentence"] == sentence
    assert (q["theme"], q["label"]) == ("other", "Other open questions")


def test_other_open_questions_come_after_every_theme():
    r = report([("a.txt", story("What did the leaders eat at the summit?", "Will the truce hold past next year?"))])
    assert r.questions["theme"].to_list() == ["truce_durability", "other"]


def test_settled_statements_are_not_questions():
    assert (
        questions_of(
            story(
                "China will pause its rare earth export controls for one year.",
                "The truce took effect on November 10.",
            )
        )
        == []
    )


def test_each_sentence_gives_one_question_in_the_first_matching_theme():
    # matches truce_durability and reimposition; the profile lists truce_durability first
    (q,) = questions_of(story("Will the truce survive if talks sour and the controls come back?"))
    assert q["theme"] == "truce_durability"


def test_report_orders_themes_as_the_profile_then_questions_before_hedges(profile):
    a = story(
        "Market volatility is likely to persist, analysts said.",
        "The rare earth controls could return if talks sour.",
        "The licensing review process is under scrutiny.",
        "Will the truce hold once the one-year term runs out?",
    )
    b = story(
        "The durability of the rare earth arrangement is far from settled.",
        "Could Beijing reimpose the controls at the first renegotiation?",
        title="Five open questions about the rare earth pause",
    )
    r = report([("b.txt", b), ("a.txt", a)])
    got = [(q["theme"], q["kind"], q["source"]) for q in r.questions.to_dicts()]
    order = [t.id for t in profile.themes]
    assert [order.index(t) for t, _, _ in got] == sorted(order.index(t) for t, _, _ in got)
    assert got[:2] == [("truce_durability", "question", "a.txt"), ("truce_durability", "hedge", "b.txt")]
    reimposition = [(k, s) for t, k, s in got if t == "reimposition"]
    assert reimposition == [("question", "b.txt"), ("hedge", "a.txt")]


def test_questions_from_excluded_sources_are_not_in_the_report():
    coffee = story(
        "Will arabica prices keep rising if frost returns to Brazil?",
        "Market volatility is likely to persist, traders said.",
        title="Arabica climbs as Brazil frost squeezes supply",
    )
    r = report([("coffee.txt", coffee)])
    assert r.questions.is_empty()


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        (
            "Nothing stops Beijing from reactivating them, and there is no guarantee the pause will be renewed.",
            "truce_durability",
        ),
        ("Whether the relief lasts is another matter.", "truce_durability"),
        ("There is no word yet from Beijing on the details of the rare earth rules.", "scope_of_lifting"),
        (
            "The deal is due to be revisited next year, and it remains unclear how Washington would respond.",
            "reimposition",
        ),
        ("It is unclear whether buyers will sign long-term contracts outside China.", "diversification"),
        ("The measures can be switched back on whenever Beijing chooses.", "reimposition"),
        ("The deal could unravel if either side reneges.", "truce_durability"),
        ("Beijing has not said whether the April controls will be relaxed.", "scope_of_lifting"),
        ("Critics say the agreement is fragile.", "truce_durability"),
        ("Whether Beijing will honour the pause is anyone's guess.", "truce_durability"),
        ("Investors remain cautious about the outlook for rare earth prices.", "market_volatility"),
        ("How long the truce will last is unclear.", "truce_durability"),
        ("Only time will tell whether the deal holds.", "truce_durability"),
        ("It's unclear whether the April controls will be eased.", "scope_of_lifting"),
        ("Traders doubt the pause will be extended.", "truce_durability"),
        ("Analysts cautioned that the suspension could easily be reversed.", "reimposition"),
        ("There are concerns that Beijing could reimpose the curbs at any time.", "reimposition"),
    ],
    ids=[
        "no-guarantee",
        "another-matter",
        "no-word-yet",
        "revisited",
        "outside-china",
        "switched-back-on",
        "unravel",
        "not-said-relaxed",
        "fragile",
        "anyones-guess",
        "cautious",
        "is-unclear",
        "time-will-tell",
        "its-unclear",
        "doubt",
        "cautioned",
        "concerns",
    ],
)
def test_other_ways_of_saying_it_is_unsettled(sentence, theme):
    (q,) = questions_of(story(sentence))
    assert (q["kind"], q["theme"]) == ("hedge", theme)


@pytest.mark.parametrize(
    "sentence",
    [
        "The rare earth pause lasts one year, the ministry said.",
        "A guarantee fund for magnet makers opened on Monday.",
        "Word of the rare earth pause spread quickly among traders.",
        "China's rare earth prices rose 5% last week.",
        "The truce held through the winter, and deliveries resumed.",
        "Makers had warned that the rules, which reached goods made outside China, could disrupt exports.",
        "There is no doubt the truce helped buyers.",
    ],
)
def test_settled_statements_with_the_same_words_are_not_questions(sentence):
    assert questions_of(story(sentence)) == []


def test_whether_something_happens_before_the_pause_runs_out_is_about_the_truce():
    from core_helpers import analyse, story

    t = analyse(story("It is unclear whether Congress will act before the rare earth pause runs out."))
    assert t.questions["theme"].to_list() == ["truce_durability"]
