"""The general rules on a small profile of another story, so that none leans on the truce's words.

The story here (steel safeguard quotas) is written for the test; its profile names nothing the
bundled ones do, and every rule below (hedges, the other-questions group, ranges, lists, stages,
days without a year, duplicates) is exercised through it.
"""

from __future__ import annotations

import pytest
from core_helpers import analyse, figures_of, report

from rarewatch.core.profile import parse_profile

STEEL = r"""
[story]
id = "steel-quotas"
name = "Steel safeguard quotas"
deadline_label = "quotas expire"

[topic]
terms = ['steel', 'safeguard']
related = ['quotas?', 'Brussels', 'Ankara']

[stages]
default = "extended"

[[stage]]
id = "first"
label = "first measure"
pattern = '\b(?:first|original|initial)\b'

[[stage]]
id = "extended"
label = "extension"
pattern = '\b(?:extended|extension|renewed)\b'

[[metric]]
id = "quota_cut"
label = "Cut in the quota volume"
units = ["%"]
changes = false
aspects = { cut = ['cut', 'reduction'] }

[[metric]]
id = "tariff_out_of_quota"
label = "Duty above the quota"
units = ["%"]
changes = false
aspects = { duty = ['above the quota', 'out-of-quota', 'over-quota'] }

[[metric]]
id = "quota_length"
label = "Length of the quota"
units = ["year"]
aspects = { length = ['quotas?', 'measure'] }

[[event]]
id = "quotas_apply"
label = "Quotas apply"
pattern = '\b(?:apply from|take effect|effective)\b'
single = true

[renegotiation]
start_events = ["quotas_apply"]
term_metric = "quota_length"

[[theme]]
id = "trade_partners"
label = "Will partners retaliate?"
pattern = '\b(?:retaliat\w*|countermeasures?)\b'
"""


@pytest.fixture(scope="module")
def steel():
    return parse_profile(STEEL, "steel.toml")


def article(*paras: str, title: str = "Brussels tightens steel safeguard", date: str | None = "March 2, 2026") -> str:
    head = f"{title}\n\n" + (f"{date}\n\n" if date else "")
    return head + "\n\n".join(paras) + "\n"


def test_builtin_hedges_and_the_other_group_need_no_profile_words(steel):
    t = analyse(
        article("The quotas could be revised before the summer.", "Nobody knows what the mills will do."), profile=steel
    )
    rows = t.questions.to_dicts()
    assert [(q["theme"], q["cue"]) for q in rows] == [("other", "could be revised")]


def test_a_theme_still_takes_its_hedged_sentences(steel):
    t = analyse(article("Whether Ankara will retaliate is not yet clear."), profile=steel)
    assert t.questions["theme"].to_list() == ["trade_partners"]


def test_ranges_lists_and_stages_on_another_story(steel):
    text = article(
        "The extended safeguard sets a duty above the quota ranging from 15% to 25% for each product.",
        "Under the original measure the duty above the quota was 25%, and the reduction 10%.",
    )
    fs = {f["text"]: f for f in figures_of(text, profile=steel)}
    assert (fs["15% to 25%"]["low"], fs["15% to 25%"]["high"], fs["15% to 25%"]["stage"]) == (15, 25, "extended")
    assert (fs["25%"]["metric"], fs["25%"]["stage"]) == ("tariff_out_of_quota", "first")
    assert (fs["10%"]["metric"], fs["10%"]["stage"]) == ("quota_cut", "first")


def test_figures_of_two_stages_never_clash_on_another_story(steel):
    a = article("Under the original measure the duty above the quota was 25%.", title="Steel safeguard: the first one")
    b = article(
        "Under the extension the duty above the quota is 30%.", title="Steel safeguard extended for two more years"
    )
    c = article(
        "The renewed safeguard puts the duty above the quota at 40%.", title="Steel safeguard renewed by the Commission"
    )
    r = report([("a.txt", a), ("b.txt", b), ("c.txt", c)], profile=steel)
    (clash,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert clash["subject"] == "Duty above the quota (extension)"
    assert sorted(p["number"] for p in clash["positions"]) == [30.0, 40.0]


def test_days_without_a_year_are_dated_from_the_folder_on_another_story(steel):
    undated = article("The new quotas take effect on April 1 across the bloc's steel market.", date=None)
    dated = article("Mills welcomed the steel safeguard.", date="June 3, 2026")
    r = report([("u.txt", undated), ("d.txt", dated)], profile=steel)
    assert r.timeline.filter(r.timeline["source"] == "u.txt")["date"].to_list() == ["2026-04-01"]


def test_topic_score_counts_related_words_once_each(steel):
    one = analyse(article("Quotas, quotas and more quotas were discussed.", title="A meeting"), profile=steel)
    assert "off-topic" in one.source["flags"][0].to_list()
    two = analyse(article("Brussels and Ankara discussed quotas.", title="A meeting"), profile=steel)
    assert "off-topic" not in two.source["flags"][0].to_list()


# ---- plain words instead of patterns, and nouns as units --------------------------------------

LETTER = r"""
[story]
id = "letter"
name = "The leaked letter"

[topic]
terms = [{ words = ["letter", "draft"] }]

[[metric]]
id = "length"
label = "Length of the text"
units = ["page"]
aspects = { length = [{ words = ["text", "letter", "draft"] }] }

[[metric]]
id = "ships"
label = "Ships in the convoy"
units = ["vessel"]
aspects = { convoy = ['convoy'] }

[[event]]
id = "sent"
label = "Letter sent"
pattern = { near = ["letter", "send"], within = 4 }

[[theme]]
id = "response"
label = "Will the ministry answer?"
pattern = { words = ["reply", "response", "answer", "ban"] }
"""


@pytest.fixture(scope="module")
def letter():
    return parse_profile(LETTER, "letter.toml")


def test_words_match_their_inflections_and_hyphen_variants():
    from rarewatch.core.profile import word_pattern

    rx = __import__("regex").compile(rf"\b(?:{word_pattern('export control')})\b", __import__("regex").I)
    for text in ("export controls", "export-control", "Export Controlled"):
        assert rx.search(text), text
    assert not rx.search("export contr")
    for word, forms in (
        ("pause", ["paused", "pausing", "pauses"]),
        ("policy", ["policies"]),
        ("scrap", ["scrapping", "scrapped"]),
        ("ban", ["banned", "bans"]),
    ):
        rx = __import__("regex").compile(rf"\b(?:{word_pattern(word)})\b", __import__("regex").I)
        assert all(rx.search(f) for f in forms), word


def test_near_finds_two_words_close_together_in_either_order(letter):
    ev = letter.events[0].pattern
    assert ev.search("The ministry will send the letter to Brussels")
    assert ev.search("the letter they are sending today")
    assert not ev.search("the letter, which the ministry had been asked many times to send")


def test_a_noun_a_metric_is_measured_in_is_its_unit(letter):
    text = article(
        "The four-page text reached the ministry on Monday; the first draft ran to 12 pages.",
        "A 3-1/2-page letter followed, and a convoy of 20 vessels left the port.",
        title="The leaked letter and its reply",
    )
    got = {(f["text"], f["value"], f["unit"], f["metric"]) for f in figures_of(text, profile=letter)}
    assert got == {
        ("four-page", 4.0, "page", "length"),
        ("12 pages", 12.0, "page", "length"),
        ("3-1/2-page", 3.5, "page", "length"),
        ("20 vessels", 20.0, "vessel", "ships"),
    }


def test_a_unit_word_that_names_a_known_unit_is_refused():
    from rarewatch.core.profile import ProfileError

    with pytest.raises(ProfileError, match=r"metric\[1\]\.units: unknown unit 'percent'; did you mean '%'\?"):
        parse_profile(LETTER.replace('units = ["page"]', 'units = ["percent"]'), "bad.toml")


def test_a_words_table_with_a_mistake_is_named():
    from rarewatch.core.profile import ProfileError

    with pytest.raises(ProfileError, match=r"theme\[1\]\.pattern: unknown key 'word' in a words table"):
        parse_profile(LETTER.replace('pattern = { words = ["reply"', 'pattern = { word = ["reply"'), "bad.toml")
    with pytest.raises(ProfileError, match=r"near takes two words"):
        parse_profile(LETTER.replace('near = ["letter", "send"]', 'near = ["letter"]'), "bad.toml")
