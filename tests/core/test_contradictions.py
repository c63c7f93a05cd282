"""Contradictions across small corpora of inline articles, duplicates and off-topic exclusion."""

from __future__ import annotations

import os
import subprocess
import sys

from core_helpers import analyse, report, story


def contradictions(*articles: str, kind: str | None = None) -> list[dict]:
    r = report((f"{i}.txt", a) for i, a in enumerate(articles))
    return [c for c in r.contradictions.to_dicts() if kind is None or c["kind"] == kind]


def values(c: dict) -> dict[str, list[str]]:
    return {p["value"]: p["sources"] for p in c["positions"]}


# ---- figure contradictions -------------------------------------------------------------------------

PROCESSING_90 = story(
    "China performs 90% of the world's rare earth separation and processing, analysts said on Monday.",
    "Buyers in Europe and Japan said they would keep stockpiling magnets regardless of the truce.",
    title="China's rare earth grip loosens for a year",
)
PROCESSING_92 = story(
    "Beijing handles 92% of rare earth processing worldwide, a share that took decades to build.",
    "Investors in miners outside China sold shares as the supply scare faded.",
    title="Why the rare earth pause matters for buyers",
    date="November 4, 2025",
)


def test_different_values_for_the_same_metric_are_a_figure_contradiction():
    (c,) = contradictions(PROCESSING_90, PROCESSING_92, kind="figure")
    assert c["id"].startswith("figure:china_share_processing")
    assert c["severity"] == "low"  # two estimates two points apart, one source each
    assert values(c) == {"90%": ["0.txt"], "92%": ["1.txt"]}
    assert c["sources"] == 2
    assert any("90%" in s for p in c["positions"] for s in p["sentences"])


def test_hedged_disagreement_is_medium():
    other = story(
        "Customs figures suggest about 85% of rare earth processing happens in China.",
        "Refiners elsewhere are years away from matching that capacity.",
        title="Rare earth refiners outside China face a long road",
    )
    (c,) = contradictions(PROCESSING_90, other, kind="figure")
    assert c["severity"] == "medium"
    assert set(values(c)) == {"90%", "about 85%"}


def test_different_metrics_do_not_contradict():
    mining = story(
        "China accounts for 70% of global rare earth mining, according to the USGS.",
        "Australia and the United States are the next largest producers.",
        title="Rare earth shares explained for buyers",
    )
    magnets = story(
        "China makes 93% of the world's permanent rare earth magnets, industry groups say.",
        "Japanese producers supply most of the rest.",
        title="Magnet makers brace for a rare earth year",
    )
    assert contradictions(mining, magnets, kind="figure") == []


def test_before_and_after_values_do_not_contradict_a_current_value():
    cut = story(
        "The tariff on Chinese goods was cut from 20% to 10% as part of the rare earth deal.",
        "Business groups welcomed the reduction but said other duties remain.",
        title="Tariffs fall as rare earth truce holds",
    )
    now = story(
        "The fentanyl tariff on Chinese goods now stands at 10%, the White House said.",
        "Officials said the rare earth pause would be reviewed every year.",
        title="Rare earth truce brings lower tariffs",
    )
    before = story(
        "Until last week the fentanyl tariff on Chinese goods stood at 20%, importers noted.",
        "Importers said the rare earth deal had not yet changed their orders.",
        title="Importers wait for the rare earth deal to bite",
    )
    assert contradictions(cut, now, kind="figure") == []
    assert contradictions(cut, before, kind="figure") == []


def test_same_value_from_two_sources_does_not_contradict():
    again = story(
        "About nine-tenths of refining, or 90% of rare earth processing, happens in China.",
        "That concentration is what gives Beijing its leverage.",
        title="The number behind China's rare earth leverage",
    )
    assert contradictions(PROCESSING_90, again, kind="figure") == []


def test_about_seventy_and_seventy_do_not_contradict():
    a = story(
        "China is home to about 70% of global rare earth mining, by industry estimates.",
        "Its share of refining is higher still.",
        title="Rare earth mining stays concentrated in China",
    )
    b = story(
        "Even after a decade of new projects, 70% of global rare earth mining takes place in China.",
        "Analysts expect that share to fall only slowly.",
        title="New mines barely dent China's rare earth share",
    )
    assert contradictions(a, b, kind="figure") == []


def test_disagreement_inside_one_source_is_not_a_contradiction():
    one = story(
        "China performs 90% of rare earth processing, analysts said.",
        "Other estimates put China at 92% of rare earth processing.",
        title="Rare earth processing in two numbers",
    )
    assert contradictions(one, kind="figure") == []


def test_bound_and_value_inside_it_do_not_contradict():
    a = story(
        "Customs data show that more than 60% of US rare earth imports come from China.",
        "The share has barely moved in a decade.",
        title="Rare earth imports explained",
    )
    b = story(
        "Even after years of effort, 72% of US rare earth imports still come from China, officials said.",
        "Officials said the rare earth pause would help.",
        title="Why rare earth imports matter",
    )
    assert contradictions(a, b, kind="figure") == []


def test_bound_and_value_outside_it_contradict():
    a = story(
        "Customs data show that more than 60% of US rare earth imports come from China.",
        "The share has barely moved in a decade.",
        title="Rare earth imports explained",
    )
    b = story(
        "Even after years of effort, 55% of US rare earth imports still come from China, officials said.",
        "Officials said the rare earth pause would help.",
        title="Why rare earth imports matter",
    )
    (c,) = contradictions(a, b, kind="figure")
    assert set(values(c)) == {"more than 60%", "55%"}


def test_at_least_and_its_own_value_do_not_contradict():
    a = story(
        "Customs data show that at least 60% of US rare earth imports come from China.",
        "The share has barely moved in a decade.",
        title="Rare earth imports explained",
    )
    b = story(
        "Even after years of effort, 60% of US rare earth imports still come from China, officials said.",
        "Officials said the rare earth pause would help.",
        title="Why rare earth imports matter",
    )
    assert contradictions(a, b, kind="figure") == []


def test_sources_repeating_one_attribution_count_once():
    a = story(
        "China's share of rare earth magnets is 94%, as noted in posts on X.",
        "Traders on the platform were split on the truce.",
        title="Social media reacts to the rare earth truce",
    )
    b = story(
        "Some users claimed China makes 94% of rare earth magnets, as noted in posts on X.",
        "Others argued the pause changed little.",
        title="What investors are saying about rare earths online",
    )
    c = story(
        "China makes 90% of the world's rare earth magnets, the industry association said.",
        "Its members plan new plants in Europe.",
        title="Magnet makers plan for life after the pause",
    )
    (con,) = contradictions(a, b, c, kind="figure")
    assert con["sources"] == 2  # two posts-on-X articles are one independent source


# ---- date contradictions ---------------------------------------------------------------------------


def test_same_single_event_dated_differently_is_a_date_contradiction():
    a = story("Trump and Xi met in Busan on October 30, 2025, and agreed to pause the rare earth curbs.")
    b = story(
        "Trump and Xi met in Busan on October 31, 2025, according to the Chinese readout of the rare earth talks.",
        title="Busan summit: what each side said about rare earths",
    )
    (c,) = contradictions(a, b, kind="date")
    assert c["id"] == "date:leaders_meeting"
    assert c["severity"] == "high"
    assert values(c) == {"2025-10-30": ["0.txt"], "2025-10-31": ["1.txt"]}


def test_same_event_at_different_precision_does_not_contradict():
    a = story("Trump and Xi met in Busan in October 2025 to settle the rare earth dispute.")
    b = story(
        "Trump and Xi met in Busan on October 30, 2025, according to the Chinese readout of the rare earth talks.",
        title="Busan summit: what each side said about rare earths",
    )
    assert contradictions(a, b, kind="date") == []


def test_relative_and_absolute_dates_for_the_same_day_agree():
    a = story(
        "Trump and Xi met in Busan on Thursday and agreed to pause the rare earth curbs.",
        date="Published: 11/01/2025",
    )
    b = story(
        "Trump and Xi met in Busan on October 30, according to the Chinese readout of the rare earth talks.",
        title="Busan summit: what each side said about rare earths",
    )
    assert contradictions(a, b, kind="date") == []


def test_expiry_dates_are_not_event_dates():
    a = story("The rare earth deal agreed in Busan runs until November 10, 2026.")
    b = story(
        "The rare earth agreement was announced on November 1, 2025, by the White House.",
        title="White House sets out the rare earth deal",
    )
    assert contradictions(a, b, kind="date") == []


def test_two_days_in_one_month_for_a_recurring_once_a_month_event_are_a_possible_contradiction():
    a = story("China's controls on seven elements were imposed on 4 April 2025.")
    b = story("The April rare earth controls, first imposed on April 2, are being eased.", title="April curbs")
    (c,) = contradictions(a, b, kind="date")
    assert c["id"] == "date:controls_imposed" and c["severity"] == "low"
    assert {p["value"] for p in c["positions"]} == {"2025-04-04", "2025-04-02"}


def test_same_day_or_a_recurring_event_without_once_a_month_is_no_contradiction():
    a = story("China's controls on seven elements were imposed on 4 April 2025.")
    b = story("The April rare earth controls were imposed on April 4, officials said.", title="April curbs")
    assert contradictions(a, b, kind="date") == []
    c = story("China announced the rare earth deal on Oct. 9 after a long review.")
    d = story("Washington signed a rare earth deal on Oct. 28 with Tokyo.", title="Tokyo deal")
    assert contradictions(c, d, kind="date") == []


# ---- role contradictions ---------------------------------------------------------------------------


def test_same_person_with_and_without_nominee_is_a_role_contradiction():
    a = story("Treasury Secretary Scott Bessent said China would suspend its rare earth export controls.")
    b = story(
        "Treasury Secretary nominee Scott Bessent told interviewers the rare earth pause should restore deliveries.",
        title="Bessent on the rare earth pause",
    )
    (c,) = contradictions(a, b, kind="role")
    assert c["id"] == "role:scott_bessent"
    assert c["severity"] == "high"
    assert set(values(c)) == {"Treasury Secretary Scott Bessent", "Treasury Secretary nominee Scott Bessent"}


def test_nationality_only_difference_is_not_a_role_contradiction():
    a = story("President Xi Jinping agreed to pause the rare earth export controls for a year.")
    b = story(
        "Chinese President Xi Jinping told Trump that Beijing would keep talking about rare earths.",
        title="Xi and Trump agree to keep talking on rare earths",
    )
    assert contradictions(a, b, kind="role") == []


def test_one_office_held_by_two_people_is_a_role_contradiction():
    a = story("Treasury Secretary Scott Bessent said the rare earth controls would be paused.")
    b = story(
        "Treasury Secretary Janet Yellen said the rare earth curbs were a warning to allies.",
        title="Yellen on rare earths",
    )
    (c,) = contradictions(a, b, kind="role")
    assert c["id"] == "office:treasury_secretary"
    assert set(values(c)) == {"Scott Bessent", "Janet Yellen"}


def test_same_role_in_two_sources_is_no_contradiction():
    a = story("Treasury Secretary Scott Bessent said the rare earth controls would be paused.")
    b = story(
        "Treasury Secretary Scott Bessent told reporters that rare earth deliveries would resume within weeks.",
        title="Bessent expects rare earth deliveries soon",
    )
    assert contradictions(a, b, kind="role") == []


def test_title_after_the_name_is_a_role():
    a = story("Scott Bessent, the US Treasury secretary, said the rare earth controls would be paused.")
    b = story(
        "Trade Representative Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    (c,) = contradictions(a, b, kind="role")
    assert set(values(c)) == {"Treasury Secretary Scott Bessent", "Trade Representative Scott Bessent"}


def test_a_title_alias_is_the_title():
    a = story("U.S. Treasury chief Scott Bessent said the rare earth controls would be paused.")
    b = story(
        "Treasury Secretary Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    assert contradictions(a, b, kind="role") == []
    c = story(
        "Trade Representative Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    (r,) = contradictions(a, c, kind="role")
    assert set(values(r)) == {"Treasury Secretary Scott Bessent", "Trade Representative Scott Bessent"}


def test_surname_with_a_title_after_it_takes_the_full_name_the_article_gives():
    a = story(
        "Scott Bessent spoke to reporters about the rare earth controls.",
        "Bessent, the Trade Representative, said the rare earth controls would be paused.",
    )
    b = story(
        "Treasury Secretary Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    (r,) = contradictions(a, b, kind="role")
    assert set(values(r)) == {"Treasury Secretary Scott Bessent", "Trade Representative Scott Bessent"}


def test_surname_alone_with_a_title_after_it_is_no_role():
    a = story("Bessent, the Trade Representative, said the rare earth controls would be paused.")
    b = story(
        "Treasury Secretary Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    assert contradictions(a, b, kind="role") == []


def test_title_after_the_name_agrees_with_the_same_title_before_it():
    a = story("Scott Bessent, the Treasury Secretary, said the rare earth controls would be paused.")
    b = story(
        "Treasury Secretary Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    assert contradictions(a, b, kind="role") == []


def test_a_title_word_inside_a_longer_phrase_after_a_name_is_no_role():
    a = story("Scott Bessent, the Secretary's closest ally on rare earths, said the controls would be paused.")
    b = story(
        "Trade Representative Scott Bessent told reporters that rare earth deliveries would resume.",
        title="Bessent expects rare earth deliveries soon",
    )
    assert contradictions(a, b, kind="role") == []


# ---- status contradictions -------------------------------------------------------------------------


def test_shelved_versus_scrapped_is_a_status_contradiction():
    a = story("China's new rare earth export controls have been shelved for a year.")
    b = story("China's new rare earth export controls were scrapped after the summit.", title="Curbs scrapped")
    (c,) = contradictions(a, b, kind="status")
    assert {p["value"].split(" ")[0] for p in c["positions"]} == {"suspended", "eliminated"}


def test_a_status_asked_about_is_not_asserted():
    a = story("China's rare earth export controls have been suspended for a year.")
    b = story("Beijing has not said whether the rare earth export controls will be lifted.", title="Open questions")
    assert contradictions(a, b, kind="status") == []
    c = story(
        "The controls could return if relations sour, but for now the export controls are lifted.",
        title="Lifted for now",
    )
    assert contradictions(a, c, kind="status") != []


def test_what_a_suspension_does_not_cover_is_not_suspended():
    a = story("The suspension does not cover the April export controls, which remain in place.")
    b = story("China's April export controls remain in place, officials said.", title="April rules stay")
    assert contradictions(a, b, kind="status") == []
    c = story("The suspension covers the April export controls, officials said.", title="April rules paused")
    assert contradictions(b, c, kind="status") != []


def test_eliminate_versus_suspend_is_a_status_contradiction():
    a = story(
        "The White House said China would effectively eliminate its rare earth export controls.",
        title="White House hails rare earth deal",
    )
    b = story(
        "China's Ministry of Commerce said it would suspend the export controls for one year.",
        title="Beijing sets out rare earth pause",
    )
    (c,) = contradictions(a, b, kind="status")
    assert c["severity"] == "high"
    by_value = values(c)
    assert by_value["eliminated (per White House)"] == ["0.txt"]
    assert by_value["suspended (per China's Ministry of Commerce)"] == ["1.txt"]


def test_agreeing_statuses_do_not_contradict():
    a = story("China will suspend its rare earth export controls for one year.")
    b = story(
        "Beijing agreed to pause the new export controls on rare earths until next autumn.",
        title="Beijing sets out rare earth pause",
    )
    assert contradictions(a, b, kind="status") == []


def test_negated_status_is_not_a_position():
    a = story("China did not eliminate its rare earth export controls, analysts stressed.")
    b = story(
        "China's Ministry of Commerce said it would suspend the export controls for one year.",
        title="Beijing sets out rare earth pause",
    )
    assert contradictions(a, b, kind="status") == []


def test_status_clash_inside_one_source_only_is_not_a_contradiction():
    a = story(
        "The White House said China would effectively eliminate its rare earth export controls.",
        "Beijing said it would merely suspend the controls for a year.",
    )
    assert contradictions(a, kind="status") == []


# ---- duplicates ------------------------------------------------------------------------------------

BODY = (
    "China will put its newest rare earth export restrictions on hold for one year, the two governments said "
    "after the leaders met in the South Korean port city of Busan.\n\n"
    "China performs 90% of the world's rare earth separation and processing, according to industry estimates, "
    "and its lead in magnet making is wider still.\n\n"
    "Carmakers, defence contractors and electronics groups in the United States, Europe and Japan had warned "
    "that the October rules could idle assembly lines within weeks if licences were not granted quickly.\n\n"
    "Analysts said both capitals have kept the instruments they reached for this autumn within easy reach, and "
    "that the pause could unravel if talks sour over chips or soybeans.\n"
)
ORIGINAL = (
    "Rare earth curbs paused for a year after Busan talks\n\nBy Ana Ruiz\nNovember 3, 2025\n\n"
    + BODY
    + "\nFollow Harbor Wire on X\n"
)
COPY = (
    "Partner Feed\nHome > World > Asia\n\nChina puts rare earth curbs on hold after Busan summit\n\n"
    "2 Views\n0 Comments\n3 minutes read\nNovember 5, 2025\n\n" + BODY + "\nMore Stories\nSubscribe\n"
)


def _flags(r, sid):
    return r.sources.filter(r.sources["id"] == sid)["flags"][0].to_list()


def test_copy_with_other_furniture_is_a_duplicate_of_the_first():
    r = report([("a-original.txt", ORIGINAL), ("b-copy.txt", COPY)])
    assert _flags(r, "a-original.txt") == []
    assert "duplicate-of:a-original.txt" in _flags(r, "b-copy.txt")


def test_the_earliest_published_copy_stands_for_the_group_whatever_its_file_name():
    # the repost sorts first by name, but the original was published two days before it
    r = report([("z-original.txt", ORIGINAL), ("a-repost.txt", COPY)])
    assert _flags(r, "z-original.txt") == []
    assert "duplicate-of:z-original.txt" in _flags(r, "a-repost.txt")


def test_among_undated_copies_the_longest_stands_for_the_group():
    undated_long = ORIGINAL.replace("November 3, 2025\n", "").replace(
        BODY, BODY + "The ministry gave no further detail on the rules.\n"
    )
    undated_short = COPY.replace("November 5, 2025\n", "")
    r = report([("b-long.txt", undated_long), ("a-short.txt", undated_short)])
    assert "duplicate-of:b-long.txt" in _flags(r, "a-short.txt")
    assert not any(f.startswith("duplicate-of:") for f in _flags(r, "b-long.txt"))


def test_lightly_edited_copy_is_still_a_duplicate():
    edited = COPY.replace("Carmakers, defence", "Automakers, defence").replace("within easy reach", "close at hand")
    r = report([("a.txt", ORIGINAL), ("b.txt", edited)])
    assert "duplicate-of:a.txt" in _flags(r, "b.txt")


def test_different_stories_on_the_same_topic_are_not_duplicates():
    r = report([("a.txt", ORIGINAL), ("b.txt", PROCESSING_92), ("c.txt", PROCESSING_90)])
    for sid in ("a.txt", "b.txt", "c.txt"):
        assert not any(f.startswith("duplicate-of:") for f in _flags(r, sid))


def test_duplicates_do_not_double_support_or_create_contradictions():
    r = report([("a.txt", ORIGINAL), ("b.txt", COPY), ("c.txt", PROCESSING_92)])
    (c,) = [c for c in r.contradictions.to_dicts() if c["kind"] == "figure"]
    assert c["sources"] == 2
    assert all("b.txt" not in p["sources"] for p in c["positions"])


def test_copies_read_by_different_processes_are_still_duplicates():
    # a scan hands articles to several processes, each with its own string-hash seed: the
    # samples of an article and of its copy must not depend on which process read them
    code = (
        "import sys, json; from rarewatch.core.analysis import _shingles, _NON_WORD; "
        "t = sys.stdin.read(); print(json.dumps(_shingles(_NON_WORD.sub(' ', t.lower()).split())))"
    )
    outs = [
        subprocess.run(
            [sys.executable, "-c", code],
            input=BODY,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outs[0] == outs[1] and len(outs[0]) > 10


def test_figure_only_in_a_duplicate_does_not_contradict_its_original():
    copy = COPY.replace("Analysts said", "Some estimates put the share at 95% of rare earth processing. Analysts said")
    r = report([("a.txt", ORIGINAL), ("b.txt", copy)])
    assert "duplicate-of:a.txt" in _flags(r, "b.txt")
    assert r.contradictions.is_empty()


# ---- off-topic -------------------------------------------------------------------------------------

COFFEE = """Arabica climbs as Brazil frost squeezes bean supply

By Marco Pellegrini
November 4, 2025

Arabica futures rose 4% on Tuesday as frost in Minas Gerais damaged flowering trees.

Brazil handles 50% of the world's coffee processing, traders said, and exporters expect smaller shipments.
"""


def test_off_topic_article_is_flagged_and_excluded():
    r = report([("coffee.txt", COFFEE), ("a.txt", PROCESSING_90)])
    assert "off-topic" in _flags(r, "coffee.txt")
    assert "off-topic" not in _flags(r, "a.txt")
    assert r.figures.filter(r.figures["source"] == "coffee.txt").is_empty()
    assert r.contradictions.is_empty()  # "50% of ... processing" never meets "90% of processing"
    assert r.sources.filter(r.sources["id"] == "coffee.txt")["figures"][0] == 0


def test_a_title_held_then_does_not_contradict_the_one_held_now():
    a = story("Treasury Secretary Scott Bessent said China would suspend its rare earth export controls.")
    b = story(
        "In January, then-Treasury Secretary nominee Scott Bessent warned that rare earth supply chains take years.",
        title="Bessent on rare earth supply chains",
    )
    assert contradictions(a, b, kind="role") == []
    # without "then-" the nominee title is still set against the Secretary's
    c = story(
        "Treasury Secretary nominee Scott Bessent told interviewers the rare earth pause should restore deliveries.",
        title="Bessent on the rare earth pause",
    )
    (r,) = contradictions(a, c, kind="role")
    assert r["severity"] == "high"


def test_a_lowercase_title_before_a_name_is_a_role():
    t = analyse(story("Commerce ministry spokesperson He Yadong said general licences for rare earths would follow."))
    (r,) = t.roles.to_dicts()
    assert (r["person"], r["title"]) == ("He Yadong", "Spokesperson")
    # "spokesman" and "spokesperson" are one title; a former official is read as former
    a = story("Ministry spokesman He Yadong said rare earth export controls were suspended.")
    b = story("Spokesperson He Yadong said the rare earth export controls were suspended.", title="MOFCOM briefing")
    assert contradictions(a, b, kind="role") == []
    f = analyse(story("Former Commerce Secretary Gina Raimondo called the rare earth truce useful but thin."))
    assert f.roles.to_dicts()[0]["modifiers"] == "former"


def test_two_chief_executives_hold_two_offices():
    a = story("Chief Executive Laura Kim said a year of predictable rare earth supply is welcome.")
    b = story("Chief executive Jonas Reuter said rare earth projects need years.", title="Nordmag seeks funds")
    assert contradictions(a, b, kind="role") == []
    # a national office is still one office
    c = story("U.S. Trade Representative Jamieson Greer said the rare earth controls were suspended.")
    d = story("U.S. Trade Representative Scott Bessent said the rare earth controls were scrapped.", title="Scrapped")
    (r,) = contradictions(c, d, kind="role")
    assert r["id"].startswith("office:")


def test_easing_tariffs_is_not_easing_the_controls():
    a = story("China agreed to pause its rare earth export controls, and the US agreed to ease some tariffs.")
    b = story("China has suspended its rare earth export controls for a year.", title="Suspended")
    assert contradictions(a, b, kind="status") == []
    # easing the controls themselves still stands against their being in force
    c = story("The April rare earth controls remain in force, the ministry said.", title="In force")
    d = story("The April rare earth controls are also being eased, he said.", title="Eased")
    assert contradictions(c, d, kind="status") != []


def test_two_moves_over_unknown_periods_are_not_compared():
    a = story("China's rare earth exports were 9% higher in October than in September.")
    b = story("China's rare earth exports recorded a 26% drop on a year earlier.", title="Exports drop")
    assert contradictions(a, b, kind="figure") == []
    # two levels of the same share still are
    c = story("China refines about 85% of the world's rare earths.")
    d = story("China handles about 92 percent of the world's rare earth processing.", title="Processing")
    assert len(contradictions(c, d, kind="figure")) == 1


def test_statuses_of_two_different_measures_do_not_clash():
    a = story("China has suspended the October rare earth export controls for a year.")
    b = story("The April rare earth export controls remain in force, the ministry said.", title="April rules")
    assert contradictions(a, b, kind="status") == []
    # the same measure read two ways does, and so does a reading that names no measure
    c = story("Beijing's October rare earth export controls have been scrapped.", title="Scrapped")
    (r,) = contradictions(a, c, kind="status")
    assert r["severity"] == "high"
    d = story("China's rare earth export controls remain in force.", title="Still in force")
    assert contradictions(a, d, kind="status") != []
