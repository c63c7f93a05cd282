"""Contradictions an analyst can act on: severity from the evidence, rounds of a recurring event,
each side's reading with who asserts it; each rule with the counter-examples that must not fire."""

from __future__ import annotations

import pytest
from core_helpers import report, story

from rarewatch.core.profile import load_profile


def contradictions(*articles: str, kind: str, profile=None) -> list[dict]:
    r = report(((f"{i}.txt", a) for i, a in enumerate(articles)), profile=profile)
    return [c for c in r.contradictions.to_dicts() if c["kind"] == kind]


def values(c: dict) -> set[str]:
    return {p["value"] for p in c["positions"]}


def processing(share: str, title: str, said: str = "analysts said on Monday") -> str:
    return story(
        f"China performs {share} of the world's rare earth separation and processing, {said}.",
        "Buyers in Europe said they would keep stockpiling magnets regardless of the truce.",
        title=title,
    )


# ---- severity from the evidence ---------------------------------------------------------------


def test_two_estimates_two_points_apart_are_low_and_say_why():
    (c,) = contradictions(
        processing("90%", "Rare earth grip loosens"), processing("92%", "Why the pause matters"), kind="figure"
    )
    assert c["severity"] == "low"
    assert c["reason"] == "estimates 2 points apart; one source each"


def test_estimates_far_apart_are_high():
    (c,) = contradictions(
        processing("90%", "Rare earth grip loosens"), processing("60%", "Why the pause matters"), kind="figure"
    )
    assert c["severity"] == "high"
    assert c["reason"].startswith("estimates 30 points apart")


def test_estimates_ten_points_apart_are_medium():
    (c,) = contradictions(
        processing("90%", "Rare earth grip loosens"), processing("80%", "Why the pause matters"), kind="figure"
    )
    assert c["severity"] == "medium"


def test_official_rates_that_differ_at_all_are_high():
    ev = load_profile("ev-tariffs")
    a = story(
        "The European Commission set a definitive countervailing duty of 17.0% on BYD electric vehicles.",
        title="EU confirms duties on Chinese electric vehicles",
    )
    b = story(
        "BYD was charged a definitive countervailing duty of 17.4% on its electric vehicles by the EU.",
        title="What the EU electric vehicle tariffs mean",
    )
    (c,) = contradictions(a, b, kind="figure", profile=ev)
    assert c["severity"] == "high"
    assert c["reason"] == "official figures 0.4 points apart; one source each"


def test_a_side_repeating_one_attribution_counts_once():
    a = processing("90%", "Rare earth grip loosens", said="according to Benchmark Mineral Intelligence")
    b = processing("90%", "Rare earth explainer", said="according to Benchmark Mineral Intelligence")
    c_ = processing("70%", "Why the pause matters")
    (c,) = contradictions(a, b, c_, kind="figure")
    assert "1 vs 1" in c["reason"] or "one source each" in c["reason"]


def test_statements_that_agree_with_every_other_are_not_positions():
    talks = [
        ("The leaders met for well over an hour in Busan on Thursday.", "Busan talks end in a truce"),
        ("The leaders met for just under two hours in Busan on Thursday.", "Leaders seal rare earth pause"),
        ("The leaders met for roughly three hours in Busan on Thursday.", "Rare earth truce: the details"),
    ]
    arts = [story(s, "China agreed to pause its rare earth export controls for a year.", title=t) for s, t in talks]
    (c,) = contradictions(*arts, kind="figure")
    assert values(c) == {"just under two hours", "roughly three hours"}


def test_agreeing_intervals_are_no_contradiction():
    arts = [
        story(s, "China agreed to pause its rare earth export controls for a year.", title=t)
        for s, t in [
            ("The leaders met for well over an hour in Busan on Thursday.", "Busan talks end in a truce"),
            ("The leaders met for just under two hours in Busan on Thursday.", "Leaders seal rare earth pause"),
        ]
    ]
    assert contradictions(*arts, kind="figure") == []


# ---- events that recur ------------------------------------------------------------------------


def controls(sentence: str, title: str) -> str:
    return story(sentence, "The truce pauses the newest rare earth export controls for a year.", title=title)


def test_rounds_of_controls_are_not_a_clash():
    arts = [
        controls("China has restricted rare earth exports through quotas since 2009.", "A long history of curbs"),
        controls(
            "The truce leaves in place the export restrictions China imposed in October 2022 and April 2025.",
            "What the pause leaves out",
        ),
    ]
    assert [c for c in contradictions(*arts, kind="date") if "restrictions" in c["subject"].lower()] == []


def test_a_one_off_event_told_in_two_years_is_a_clash():
    arts = [
        controls(
            "The pause covers China's ban on gallium and germanium exports to the US of December 2023.", "Gallium"
        ),
        controls("The pause covers China's ban on gallium and germanium exports to the US of December 2024.", "Truce"),
    ]
    dated = contradictions(*arts, kind="date")
    assert any(values(c) == {"2023-12", "2024-12"} for c in dated), dated


def test_one_round_of_a_recurring_event_told_in_two_years_is_a_clash():
    arts = [
        controls("China imposed rare earth export restrictions in April 2025, hitting magnet makers.", "Curbs"),
        controls("China imposed rare earth export restrictions in April 2024, hitting magnet makers.", "History"),
    ]
    dated = contradictions(*arts, kind="date")
    assert any(values(c) == {"2025-04", "2024-04"} for c in dated), dated


def test_one_event_at_two_precisions_is_one_position():
    arts = [
        story("Trump and Xi met in Busan in October 2025.", "China agreed to pause its controls.", title="Busan"),
        story("Trump and Xi met in Busan on October 30, 2025.", "China agreed to pause its controls.", title="Talks"),
        story("Trump and Xi met in Busan on November 30, 2025.", "China agreed to pause its controls.", title="Summit"),
    ]
    (c,) = [c for c in contradictions(*arts, kind="date") if "meet" in c["subject"].lower()]
    assert values(c) == {"2025-10-30", "2025-11-30"}
    (oct30,) = [p for p in c["positions"] if p["value"] == "2025-10-30"]
    assert sorted(oct30["sources"]) == ["0.txt", "1.txt"]


# ---- each side's reading, with who asserts it ----------------------------------------------------


def test_each_side_is_a_reading_and_its_speaker():
    wh = story(
        'China has agreed to "effectively eliminate" its rare earth export controls, the White House said.',
        title="White House hails rare earth deal",
    )
    mofcom = story(
        "China's Ministry of Commerce said the rare earth export controls would be suspended for one year.",
        title="Beijing sets out its rare earth pause",
    )
    (c,) = contradictions(wh, mofcom, kind="status")
    sides = {(p["value"], p["who"]) for p in c["positions"]}
    assert sides == {
        ("eliminated (per White House)", "White House"),
        ("suspended (per China's Ministry of Commerce)", "China's Ministry of Commerce"),
    }
    assert c["reason"] == "White House: eliminated; China's Ministry of Commerce: suspended"


def test_a_party_named_but_not_speaking_is_not_the_asserter():
    wh = story(
        "The administration says Beijing has agreed to lift the rare earth export rules.",
        title="White House hails rare earth deal",
    )
    other = story("The rare earth export controls will be suspended for one year.", title="The pause explained")
    (c,) = contradictions(wh, other, kind="status")
    assert {p["who"] for p in c["positions"]} == {"White House", None}


@pytest.mark.parametrize(
    "sentence",
    [
        # another party's measure
        "The Commerce Department said it would suspend a rule that extended U.S. export restrictions for a year.",
        # a generic measure word with nothing of the story around it
        "Washington's side includes a tariff cut on goods, along with the shelving of tougher measures.",
        # the status word acts on tariffs
        "The United States agreed to suspend tariffs on Chinese goods for a year.",
    ],
)
def test_a_status_word_acting_on_something_else_is_no_evidence(sentence):
    eliminated = story(
        'China has agreed to "effectively eliminate" its rare earth export controls, the White House said.',
        title="White House hails rare earth deal",
    )
    other = story(sentence, title="Washington's side of the deal")
    assert contradictions(eliminated, other, kind="status") == []


def test_explain_names_the_measures_a_reading_is_about(tmp_path):
    from rarewatch.core.explain import explain
    from rarewatch.core.profile import load_profile

    path = tmp_path / "a.txt"
    path.write_text(
        story(
            "China's Ministry of Commerce said the rare earth export controls introduced in April remain in force.",
            title="The April controls stay",
        )
    )
    out = explain(path, load_profile())
    assert "in_force     april per China's Ministry of Commerce" in out
