"""The built-in hedge lexicon: how English says something is not settled, for every profile."""

from __future__ import annotations

import pytest
from core_helpers import analyse, article_text, bundled_profile, story

from rarewatch.core.hedges import FAMILIES, builtin_cues
from rarewatch.core.profile import default_profile_path, parse_profile


def questions_of(text: str, profile=None) -> list[dict]:
    t = analyse(text, profile=profile)
    body = article_text(t)
    rows = t.questions.to_dicts()
    for q in rows:
        assert body[q["start"] : q["end"]] == q["sentence"]
    return rows


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # modal and expectation
        ("He said it is a one-year rare earth agreement that will be extended.", "will be extended"),
        ("The rare earth accord would be renewed annually, the minister said.", "would be renewed"),
        ("The export curbs could be reinstated at short notice.", "could be reinstated"),
        ("Officials hope to renew the rare earth pause in the spring.", "hope to"),
        ("An extension of the rare earth pause is expected at the April summit.", "expected at"),
        ("Buyers should prepare for a possible re-activation of the export controls.", "possible"),
        ("Brussels is considering scrapping the duties in favour of minimum prices.", "considering"),
        # conditional
        ("Exporters pay no duty provided they comply with the agreed prices.", "provided they"),
        ("Any wider easing will show only as more firms get rare earth licences.", "only as"),
        # not yet, pending
        ("The formal approval of the rare earth deal is still pending in Beijing.", "pending"),
        ("Several buyers cannot yet find workable alternatives to Chinese magnets.", "cannot yet"),
        ("The details of the rare earth licences are still being worked out.", "still being"),
        ("There is nothing stopping Beijing from pulling out of the agreement.", "nothing stopping"),
        (
            "Talks between the two sides on rare earth licences continue at technical level.",
            "talks between the two sides on rare earth licences continue",
        ),
        ("Negotiations on the minimum prices have been inconclusive so far.", "inconclusive"),
        # doubt and vagueness
        ("The text of the rare earth notice leaves room for interpretation.", "room for interpretation"),
        ("Rare earth independence within a year is simply a pipe dream.", "pipe dream"),
        ("The two sides remain sharply divided over the rare earth curbs.", "divided"),
        ("The bigger test is whether the rare earth pause becomes something sturdier.", "test is whether"),
        ("Extending the price rule to cars is an unprecedented test for Brussels.", "unprecedented test"),
        (
            "The odds of a deal before December are increasingly slim.",
            "odds of a deal before december are increasingly slim",
        ),
        ("The case shows just how complex the rare earth licensing process can be.", "how complex"),
        (
            "The analysis frames the rare earth pause as tactical rather than a concession.",
            "frames the rare earth pause as",
        ),
    ],
)
def test_builtin_cues_make_a_sentence_an_open_question(sentence, cue):
    (q,) = questions_of(story(sentence))
    assert q["kind"] == "hedge"
    assert q["sentence"] == sentence
    assert cue in q["cue"].lower() or q["cue"].lower() in cue


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no doubt the rare earth truce helped buyers.",
        "The ministry published the list of rare earth licences on Monday.",
        "China's rare earth exports rose 5% in March from a year earlier.",
        "The rare earth agreement was signed in Busan and took effect at once.",
        "Ten member states voted for the duties and five against.",
    ],
)
def test_settled_statements_carry_no_builtin_cue(sentence):
    assert questions_of(story(sentence)) == []


def test_a_cue_counts_for_the_sentence_it_starts_in():
    text = "The deal is done. Whether it lasts is open. Prices fell."
    starts = [0, 18, 44]
    assert builtin_cues(text, starts) == {1: "Whether"}


def test_a_trigger_inside_another_word_is_no_cue():
    text = "The hopeless notion was reconsidered by nobody, and the undivided board signed it."
    assert builtin_cues(text, [0]) == {}


def test_every_trigger_word_has_a_cue_that_can_begin_there():
    import re

    for family, cues in FAMILIES.items():
        for triggers, pattern in cues:
            assert all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in triggers), (family, triggers)
            re.compile(pattern)


def test_a_profile_can_turn_the_builtin_cues_off():
    text = (
        default_profile_path().read_text(encoding="utf-8").replace("[questions]", "[questions]\nbuiltin_hedges = false")
    )
    quiet = parse_profile(text, "quiet.toml")
    sentence = "Officials hope to renew the rare earth pause in the spring."
    assert questions_of(story(sentence), profile=quiet) == []
    assert len(questions_of(story(sentence), profile=bundled_profile())) == 1
