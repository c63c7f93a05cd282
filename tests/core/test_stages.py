"""Figures as real pages state them: ranges, lists, stages of a measure, top rates, rounding.

The second bundled profile (the EU's duties on Chinese electric cars) is the one whose figures
change by stage, so most of these run on it; the articles are written here.
"""

from __future__ import annotations

import pytest
from core_helpers import analyse, figure, figures_of, report, story

from rarewatch.core.profile import load_profile, parse_profile


@pytest.fixture(scope="module")
def ev():
    return load_profile("ev-tariffs")


def ev_article(*paras: str, title: str = "EU duties on Chinese electric vehicles") -> str:
    return f"{title}\n\nNovember 3, 2024\n\n" + "\n\n".join(paras) + "\n"


def by_text(text: str, profile) -> dict[str, dict]:
    return {f["text"]: f for f in figures_of(text, profile=profile)}


# ---- ranges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "low", "high"),
    [
        ("Duties on electric vehicles ranging from 7.8% to 35.3% apply from today.", "7.8% to 35.3%", 7.8, 35.3),
        (
            "Importers pay deposits of between 30.6 percent and 39 percent on brandy.",
            "30.6 percent and 39 percent",
            30.6,
            39,
        ),
        ("In Europe, the tariff rates varied, from 17% to 38%.", "17% to 38%", 17, 38),
        ("Margins ranging from 27.7 percent to 34.9 percent were found.", "27.7 percent to 34.9 percent", 27.7, 34.9),
    ],
)
def test_a_spread_of_values_is_one_range_not_a_move(ev, sentence, span, low, high):
    f = figure(ev_article(sentence), span, profile=ev)
    assert (f["low"], f["high"], f["role"], f["change"]) == (low, high, None, False)


def test_from_to_without_a_spread_word_is_still_a_move(profile):
    fs = by_text(story("The fentanyl tariff was cut from 20% to 10% on Thursday."), profile)
    assert (fs["20%"]["role"], fs["10%"]["role"]) == ("before", "after")


def test_an_approximate_range_keeps_the_ends_it_states(ev):
    f = figure(ev_article("They range from about 8% to 38% depending on the carmaker."), "8% to 38%", profile=ev)
    assert (f["qualifier"], f["low"], f["high"]) == ("about", 8.0, 38.0)


# ---- lists -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The provisional decision sets duties for BYD at 17.4%, Geely at 20%, and SAIC at 38.1%.",
        "Under the provisional rates BYD pays 17.4%, Geely 20% and SAIC 38.1%.",
    ],
)
def test_each_item_of_a_list_takes_its_own_name(ev, sentence):
    fs = by_text(ev_article(sentence), ev)
    assert [fs[t]["metric"] for t in ("17.4%", "20%", "38.1%")] == ["duty_byd", "duty_geely", "duty_saic"]


def test_a_label_and_its_value_on_one_line(ev):
    text = ev_article("The provisional duties on the sampled producers are:", "BYD: 17.4%;\nGeely: 19.9%;")
    fs = by_text(text, ev)
    assert (fs["17.4%"]["metric"], fs["19.9%"]["metric"]) == ("duty_byd", "duty_geely")


def test_an_extra_rate_is_not_a_threat(ev):
    f = figure(
        ev_article("Under the definitive duties BYD was charged an extra 17.4% on its cars."), "17.4%", profile=ev
    )
    assert f["role"] is None and f["metric"] == "duty_byd"


def test_counts_that_share_one_noun(ev):
    text = ev_article("Ten member states voted in favour of the duties, five voted against and 12 abstained.")
    got = {(f["value"], f["metric"]) for f in figures_of(text, profile=ev) if f["unit"] == "count"}
    assert got == {(10.0, "votes_for"), (5.0, "votes_against"), (12.0, "votes_abstain")}


# ---- stages ------------------------------------------------------------------------------------


def test_a_figure_takes_the_stage_its_sentence_names(ev):
    text = ev_article("The definitive duty on BYD is 17.0%.", "The provisional duty on BYD was 17.4%.")
    fs = by_text(text, ev)
    assert (fs["17.0%"]["stage"], fs["17.4%"]["stage"]) == ("definitive", "provisional")


def test_else_the_stage_its_lead_is_about(ev):
    text = ev_article(
        "The Commission adopted definitive duties on electric vehicles today.",
        "They are slightly below the provisional rates of July, which the provisional rules set.",
        "BYD pays 17.0%.",
    )
    assert figure(text, "17.0%", profile=ev)["stage"] == "definitive"


def test_else_the_profile_default(ev):
    text = ev_article("Last year the EU put duties on Chinese electric cars.", "BYD pays 17.0%.")
    assert figure(text, "17.0%", profile=ev)["stage"] == "definitive"


def test_figures_of_two_stages_are_never_compared(ev):
    prov = ev_article("Under the provisional duties Geely pays 19.9%.", title="Provisional duties on Chinese EVs")
    final = ev_article("Under the definitive duties Geely pays 18.8%.", title="Definitive duties on Chinese EVs")
    r = report([("prov.txt", prov), ("final.txt", final)], profile=ev)
    assert r.contradictions.filter(r.contradictions["kind"] == "figure").is_empty()


def test_figures_of_one_stage_that_differ_disagree(ev):
    a = ev_article("Under the provisional duties Geely pays 19.9%.", title="Provisional duties on Chinese EVs")
    b = ev_article("The first provisional decision sets the duty on Geely at 20%.", title="EU sets duties")
    r = report([("a.txt", a), ("b.txt", b)], profile=ev)
    (c,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert c["subject"] == "EU duty on Geely (provisional)"
    assert sorted(p["number"] for p in c["positions"]) == [19.9, 20.0]


# ---- top rates and context ---------------------------------------------------------------------


def test_up_to_states_a_top_rate(ev):
    a = ev_article("The vote lets the Commission set definitive tariffs of up to 35.3% on Chinese cars.")
    b = ev_article("The definitive tariffs on Chinese vehicles reach up to 45.3%.")
    r = report([("a.txt", a), ("b.txt", b)], profile=ev)
    (c,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert c["subject"].startswith("Top EU duty")
    assert sorted(p["number"] for p in c["positions"]) == [35.3, 45.3]


def test_a_range_states_its_top_rate(ev):
    a = ev_article("The definitive duties on electric vehicles range from 7.8% to 35.3%.")
    b = ev_article("In Europe the definitive tariff rates on cars varied, from 17% to 38%.")
    r = report([("a.txt", a), ("b.txt", b)], profile=ev)
    (c,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert c["subject"].startswith("Top EU duty")


def test_a_metric_needs_its_context_words(ev):
    pork = ev_article("China set provisional duties as high as 62.4% on pork from the EU.")
    assert figure(pork, "62.4%", profile=ev)["metric"] == "pork_duty"
    firms = ev_article("Cooperating firms received provisional duties ranging from 15.6% to 32.7% on their pork.")
    assert figure(firms, "15.6% to 32.7%", profile=ev)["metric"] != "duty_top"


def test_a_moves_only_metric_takes_no_level(profile):
    text = story("Shipments can export without a licence when the content is at most 0.1% of exports.")
    assert figure(text, "0.1%")["metric"] != "china_export_change"
    moved = story("China's rare earth exports fell 12% in October.")
    assert figure(moved, "12%")["metric"] == "china_export_change"


# ---- severity --------------------------------------------------------------------------------


def test_a_rounded_value_is_at_most_a_low_disagreement(ev):
    a = ev_article("The definitive tariffs on Chinese vehicles reach up to 45.3%.")
    b = ev_article("Last year it set definitive rates of up to 45% on Chinese electric vehicles.")
    r = report([("a.txt", a), ("b.txt", b)], profile=ev)
    (c,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert c["severity"] == "low"


def test_whole_numbers_one_apart_are_not_a_rounding(profile):
    a = story("China controls 89% of global rare earth refining.", title="Refining: China's grip")
    b = story("China controls 90% of global rare earth refining.", title="Rare earth refining report")
    r = report([("a.txt", a), ("b.txt", b)])
    (c,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert "rounded" not in c["reason"]
    assert c["reason"] == "estimates 1 point apart; one source each"


# ---- the profile keys behind these ----------------------------------------------------------------


def test_a_default_stage_must_be_one_of_the_stages():
    from rarewatch.core.profile import ProfileError, config_dir

    text = (
        (config_dir() / "ev-tariffs.toml")
        .read_text(encoding="utf-8")
        .replace('default = "definitive"', 'default = "final"')
    )
    with pytest.raises(ProfileError, match=r"stages\.default.*unknown stage 'final'"):
        parse_profile(text, "ev.toml")


def test_the_bundled_profiles_load_by_name():
    assert load_profile("ev-tariffs").story_id == "eu-china-ev-duties"
    assert load_profile("truce").story_id == "us-china-rare-earths-2025"


def test_analysis_of_a_bundled_profile_article_without_stages_has_no_stage(profile):
    t = analyse(story("China controls 90% of global rare earth refining."))
    assert t.figures["stage"].to_list() == [None]
