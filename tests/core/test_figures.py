"""Key figures: what counts as a figure, its value, unit, hedge, metric and attribution."""

from __future__ import annotations

import pytest
from core_helpers import figure, figures_of, story

from rarewatch.core.numbers import interval, overlaps

# ---- percentages, money, quantities, counts, durations -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("China produces 92% of the world's rare earth magnets.", "92%", 92.0),
        ("Officials said tariffs would fall by 20 percent under the deal.", "20 percent", 20.0),
        ("Washington dropped a 25-percent levy on some Chinese goods.", "25-percent", 25.0),
        ("China refines 90 per cent of rare earth oxides.", "90 per cent", 90.0),
        ("China mines 69.5% of the world's rare earths.", "69.5%", 69.5),
    ],
)
def test_percentages(sentence, span, value):
    f = figure(story(sentence), span)
    assert f["unit"] == "%"
    assert f["value"] == f["low"] == f["high"] == value
    assert f["qualifier"] is None


def test_percentage_range_keeps_both_ends():
    f = figure(story("Prices of rare earth oxides rose 12-15% in October."), "12-15%")
    assert (f["low"], f["high"], f["unit"]) == (12.0, 15.0, "%")


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("U.S. stocks lost $2 trillion in value on October 10.", "$2 trillion", 2e12, "USD"),
        ("European buyers have spent EUR 1.5bn on rare earth stockpiles.", "EUR 1.5bn", 1.5e9, "EUR"),
        ("Buyers spent US$1.5bn on rare earth magnets.", "US$1.5bn", 1.5e9, "USD"),
        ("The fund raised 200 million euros for rare earth mines.", "200 million euros", 2e8, "EUR"),
        ("A new separation plant costs £350m to build.", "£350m", 3.5e8, "GBP"),
    ],
)
def test_money_with_scale_and_currency(sentence, span, value, unit):
    f = figure(story(sentence), span)
    assert f["value"] == pytest.approx(value)
    assert f["unit"] == unit


def test_money_range():
    f = figure(story("Investors lost $12 to $15 billion on rare earth stocks."), "$12 to $15 billion")
    assert (f["low"], f["high"], f["unit"]) == (12e9, 15e9, "USD")


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("Exports of 40,000 tonnes of rare earth oxides were delayed.", "40,000 tonnes", 40000.0, "t"),
        ("The deal also covers 3.2 million barrels of oil.", "3.2 million barrels", 3.2e6, "barrel"),
        ("China exports 3,000 tons of rare earths every month.", "3,000 tons", 3000.0, "t"),
    ],
)
def test_quantities(sentence, span, value, unit):
    f = figure(story(sentence), span)
    assert f["value"] == pytest.approx(value)
    assert f["unit"] == unit


def test_count_of_a_whole():
    f = figure(story("The rules cover 12 of 17 rare earth elements."), "12 of 17 rare earth elements")
    assert (f["value"], f["unit"], f["metric"]) == (12.0, "count", "controlled_elements")


def test_count_in_words():
    text = story("Four ministries oversee rare earth licences, and seven elements are on the list.")
    f = figure(text, "Four ministries")
    assert (f["value"], f["unit"]) == (4.0, "count")
    assert figure(text, "seven elements")["value"] == 7.0


def test_count_span_stops_at_its_noun():
    texts = [f["text"] for f in figures_of(story("The rules cover 12 of the 17 rare earth elements used in magnets."))]
    assert "12 of the 17 rare earth elements" in texts


def test_count_needs_a_profile_noun():
    assert figures_of(story("Five people attended the rare earth briefing in 12 rooms.")) == []


@pytest.mark.parametrize(
    ("sentence", "span", "low", "high", "unit"),
    [
        ("The truce is a one-year arrangement on rare earths.", "one-year", 1, 1, "year"),
        ("The rare earth pause will last for two years, officials said.", "two years", 2, 2, "year"),
        ("Building alternative rare earth supply will take 12 to 24 months.", "12 to 24 months", 12, 24, "month"),
        ("New rare earth mines need 3-5 years to build capacity.", "3-5 years", 3, 5, "year"),
        ("The rare earth pause runs for half a year.", "half a year", 0.5, 0.5, "year"),
        ("Rare earth talks took 90 minutes.", "90 minutes", 90, 90, "minute"),
        ("Rare earth supply chains take a decade to build.", None, None, None, None),
    ],
)
def test_durations(sentence, span, low, high, unit):
    if span is None:  # "a decade" with no hedge or preposition is not a stated figure
        assert all(f["unit"] != "year" for f in figures_of(story(sentence)))
        return
    f = figure(story(sentence), span)
    assert (f["low"], f["high"], f["unit"]) == (low, high, unit)


def test_duration_with_hedge_is_an_interval():
    f = figure(story("The leaders talked for roughly three hours about rare earths."), "three hours")
    assert f["unit"] == "hour" and f["value"] == 3.0
    assert f["qualifier"] == "roughly"
    assert f["low"] < 3.0 < f["high"]


# ---- hedges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "qualifier", "low", "high"),
    [
        ("China refines over 85% of rare earth oxides.", "over", 85.0, 100.0),
        ("It accounts for about 70% of global rare earth mining.", "about", 68.6, 71.4),
        ("It makes nearly 90% of rare earth magnets.", "nearly", 81.0, 90.0),
        ("At least 60% of rare earth imports come from China.", "at least", 60.0, 100.0),
        ("The tariff on rare earth goods could rise up to 100%.", "up to", 0.0, 100.0),
        ("Less than 10% of rare earth supply comes from outside China.", "less than", 0.0, 10.0),
        ("More than 80% of world rare earth supply comes from China.", "more than", 80.0, 100.0),
    ],
)
def test_qualifier_kept_and_turns_value_into_interval(sentence, qualifier, low, high):
    (f,) = [f for f in figures_of(story(sentence)) if f["unit"] == "%"]
    assert f["qualifier"] == qualifier
    assert f["low"] == pytest.approx(low)
    assert f["high"] == pytest.approx(high)
    assert f["text"].endswith("%")  # the hedge is reported, not part of the span


def test_unhedged_figure_is_a_point():
    f = figure(story("China performs 90% of rare earth processing."), "90%")
    assert f["low"] == f["high"] == 90.0
    assert not f["low_open"] and not f["high_open"]


def test_at_least_includes_its_own_value():
    f = figure(story("At least 60% of rare earth imports come from China."), "60%")
    assert not f["low_open"]
    assert overlaps((f["low"], f["high"], f["low_open"], f["high_open"]), (60.0, 60.0, False, False))


def test_bounds_that_share_no_point_do_not_overlap():
    assert not overlaps(interval(60, "over", cap=100), interval(60, "under"))
    assert overlaps(interval(60, "up to"), (60.0, 60.0, False, False))
    assert overlaps(interval(70, "about"), (70.0, 70.0, False, False))


# ---- before and after ----------------------------------------------------------------------------


def test_from_to_gives_two_linked_figures():
    figs = figures_of(story("The tariff on Chinese goods fell from 30% to 25% after the rare earth talks."))
    assert [f["text"] for f in figs] == ["30%", "25%"]
    before, after = figs
    assert (before["role"], after["role"]) == ("before", "after")
    assert before["pair"] == 1 and after["pair"] == 0
    assert before["value"] == 30.0 and after["value"] == 25.0
    assert before["metric"] == after["metric"] == "tariff_rate"
    assert before["change"] and after["change"]


def test_from_to_with_words_splits_a_count_range():
    figs = figures_of(story("The list of controlled rare earth elements grew from five to nine elements."))
    assert [(f["role"], f["value"], f["unit"]) for f in figs] == [("before", 5.0, "count"), ("after", 9.0, "count")]


def test_range_without_from_is_not_split():
    (f,) = figures_of(story("Building alternative rare earth supply will take 12 to 24 months."))
    assert f["role"] is None


# ---- not figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "China's rare earth controls were expanded on October 9, 2025.",
        "Rare earth controls were first imposed in 2023 and widened in 2025.",
        "In 2024 companies rushed to stockpile rare earth magnets.",
        "By March 3 firms had filed rare earth licence requests.",
        "The rare earth statement was released at 05:38 on Monday.",
        "The rare earth statement was released at 10:30 hours local time.",
        "Announcement No. 70 lists items subject to rare earth licensing.",
        "Article 12 covers minerals used in rare earth magnets.",
        "The rare earth explainer (3 minutes read, 2 Views) was updated.",
        "It was 25°C in Busan when the leaders discussed rare earths.",
    ],
    ids=[
        "full-date",
        "years",
        "year-before-count-noun",
        "date-before-count-noun",
        "clock",
        "clock-hours",
        "No. 70",
        "Article 12",
        "counters",
        "temperature",
    ],
)
def test_not_figures(sentence):
    assert figures_of(story(sentence)) == []


def test_page_counters_are_not_figures_even_when_left_in_text():
    figs = figures_of(story("Rare earth miners slid 8% on Monday.", "3 minutes read", "2 Views", "0 Comments"))
    assert [f["text"] for f in figs] == ["8%"]


# ---- metric assignment ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "metric"),
    [
        ("China performs 90% of separation and processing worldwide.", "90%", "china_share_processing"),
        ("China accounts for 93% of magnet manufacturing.", "93%", "china_share_magnets"),
        ("China is home to 70% of global mining of rare earths.", "70%", "china_share_supply"),
        ("About 70% of US rare earth imports come from China.", "70%", "us_import_share"),
        ("The US cut the tariff on Chinese goods to 47%.", "47%", "tariff_rate"),
        ("U.S. stocks lost $2 trillion in market value.", "$2 trillion", "market_value_lost"),
        ("China agreed to a one-year pause of its rare earth rules.", "one-year", "truce_term"),
        ("Trump and Xi talked for two hours about rare earths.", "two hours", "talks_duration"),
    ],
)
def test_metric_from_the_words_next_to_the_figure(sentence, span, metric):
    assert figure(story(sentence), span)["metric"] == metric


def test_each_figure_in_a_list_gets_its_own_metric():
    sentence = (
        "By industry estimates, China is home to about 70% of global rare earth mining, performs 90% of the "
        "separation and processing that turns ore into oxides, and produces 93% of the world's permanent magnets."
    )
    metrics = {f["text"]: f["metric"] for f in figures_of(story(sentence))}
    assert metrics == {"70%": "china_share_supply", "90%": "china_share_processing", "93%": "china_share_magnets"}


def test_figure_with_no_profile_words_is_other_with_a_label():
    f = figure(story("Rare earth oxide prices rose 5% last week."), "5%")
    assert f["metric"] == "other"
    assert f["label"]


def test_unit_must_fit_the_metric():
    # "magnets" names a % metric; a tonnage next to it is not a share
    f = figure(story("China shipped 5,000 tonnes of rare earth magnets in October."), "5,000 tonnes")
    assert f["metric"] == "other"


# ---- attribution ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ("China refines 90% of rare earths, according to Reuters.", "Reuters"),
        ("China supplies 70% of US rare earth imports, per USGS data.", "USGS data"),
        ("China's share of rare earth magnets is 94%, as noted in posts on X.", "posts on X"),
        ('"China makes 93% of the world\'s magnets," said Bessent, adding that talks would go on.', "Bessent"),
        ("Beijing controls 85% of rare earth processing, Bloomberg reported.", "Bloomberg"),
        (
            "According to the International Energy Agency, China refines 90% of rare earths.",
            "International Energy Agency",
        ),
    ],
)
def test_attribution(sentence, attribution):
    (f,) = [f for f in figures_of(story(sentence)) if f["unit"] == "%"]
    assert f["attribution"] == attribution


def test_no_attribution_when_none_given():
    f = figure(story("China performs 90% of rare earth processing."), "90%")
    assert f["attribution"] is None


def test_attribution_at_sentence_end_has_no_full_stop():
    f = figure(story('"China makes 93% of the world\'s magnets," said Treasury Secretary Scott Bessent.'), "93%")
    assert f["attribution"] == "Treasury Secretary Scott Bessent"


def test_attribution_is_the_speaker_not_the_subject_of_the_claim():
    f = figure(story("Bessent said China makes 93% of the world's rare earth magnets."), "93%")
    assert f["attribution"] == "Bessent"


# ---- offsets and sentences -----------------------------------------------------------------------


def test_offsets_point_at_text_in_a_long_article():
    text = story(
        "Trump and Xi met in Busan on October 30, 2025, for roughly three hours.",
        "China performs 90% of separation and processing, and makes 93% of magnets, according to Reuters.",
        "The tariff fell from 20% to 10%; US stocks had lost $2 trillion earlier.",
        "- It put licensing requirements on 12 of 17 rare earth elements.",
        "Building alternatives will take 12 to 24 months, said Bessent.",
        title="Rare earth truce: “the numbers” — explained",
    )
    figs = figures_of(text)  # checks every offset
    assert len(figs) >= 8
    for f in figs:
        assert f["text"] in f["sentence"]
        assert f["sentence_start"] <= f["start"] < f["end"] <= f["sentence_start"] + len(f["sentence"])


def test_offsets_survive_furniture_and_markdown_stripping():
    text = (
        "# Rare earth pause in **three** numbers\n\n"
        "*Posted by Tom Becker on 4 November 2025*\n\n"
        "2 Views\n\n"
        "China accounts for **more than 80%** of world supply, and [USGS](https://usgs.gov) says 70% of imports.\n\n"
        "> The pause runs for one year.\n"
    )
    figs = figures_of(text, kind="markdown")
    assert {f["text"] for f in figs} >= {"80%", "70%", "one year"}


# ---- figures in other spellings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("China refines close to nine-tenths of the world's rare earths.", "nine-tenths", 90.0),
        ("Two-thirds of the magnets go to carmakers.", "Two-thirds", 200 / 3),
        ("Three quarters of the refining capacity is in China.", "Three quarters", 75.0),
    ],
)
def test_shares_in_words_are_percentages(sentence, span, value):
    f = figure(story(sentence), span)
    assert (f["unit"], f["value"]) == ("%", pytest.approx(value))


@pytest.mark.parametrize(
    "sentence",
    ["Prices are about a third higher than in spring.", "Output was cut by a tenth.", "Half of the firms agreed."],
)
def test_a_single_fraction_in_words_is_not_a_share(sentence):
    assert [f for f in figures_of(story(sentence)) if f["unit"] == "%"] == []


def test_hours_and_minutes_are_one_duration():
    f = figure(story("The talks lasted roughly one hour and 40 minutes, officials said."), "one hour and 40 minutes")
    assert (f["unit"], f["value"], f["qualifier"], f["metric"]) == ("minute", 100.0, "roughly", "talks_duration")


def test_hours_alone_stay_hours():
    f = figure(story("The talks lasted two hours and ended with a handshake."), "two hours")
    assert (f["unit"], f["value"]) == ("hour", 2.0)


def test_count_with_paired_adjectives_before_the_noun():
    f = figure(
        story("Controls on seven medium and heavy rare earth elements remain."),
        "seven medium and heavy rare earth elements",
    )
    assert (f["unit"], f["value"], f["metric"]) == ("count", 7.0, "controlled_elements")


def test_count_noun_far_behind_a_number_is_not_a_count():
    assert [
        f
        for f in figures_of(story("Seven of the big and small trading houses met exporters of elements."))
        if f["unit"] == "count"
    ] == []


def test_list_items_each_take_the_words_that_follow_them():
    text = story(
        "China accounts for about 70% of mining, close to 90% of processing and roughly 93% of "
        "the world's permanent magnet output."
    )
    metrics = {f["text"]: f["metric"] for f in figures_of(text)}
    assert metrics == {"70%": "china_share_supply", "90%": "china_share_processing", "93%": "china_share_magnets"}


def test_words_before_the_figure_still_count_without_words_after_it():
    f = figure(story("China's share of rare earth processing, and of refining, is 90%."), "90%")
    assert f["metric"] == "china_share_processing"


def test_after_first_change_is_a_before_and_after_pair():
    figs = {f["text"]: f for f in figures_of(story("The fentanyl tariff fell to 10% from 20%, officials said."))}
    assert (figs["10%"]["role"], figs["20%"]["role"]) == ("after", "before")
    assert figs["10%"]["metric"] == figs["20%"]["metric"] == "tariff_rate"


def test_to_and_from_in_other_roles_make_no_pair():
    figs = figures_of(story("Exports to Japan rose 12% while those from Vietnam grew 20%."))
    assert {f["role"] for f in figs} == {None}


def test_tariff_on_imports_is_a_tariff_not_an_import_share():
    f = figure(story("The tariff on Chinese imports was cut to 10%."), "10%")
    assert f["metric"] == "tariff_rate"
    g = figure(story("China supplied 65% of America's rare earth imports last year."), "65%")
    assert g["metric"] == "us_import_share"


def test_another_buyers_imports_are_not_us_imports():
    # a share of Japan's or the EU's imports is neither America's import share nor magnet making
    for text, value in [
        ("China supplied 65% of Japan's rare earth imports last year.", "65%"),
        ("Japan cut its reliance on Chinese rare earths to around 65% of imports after 2010.", "65%"),
        ("China supplied roughly 58 percent of the European Union's rare earth magnet imports.", "58 percent"),
        ("At least 60% of the magnets in new European wind turbines are imported from China.", "60%"),
    ]:
        assert figure(story(text), value)["metric"] == "other", text
    # what the United States imports is still America's import share, whoever supplies it
    g = figure(story("China supplies 70% of the rare earth compounds the United States imports."), "70%")
    assert g["metric"] == "us_import_share"
    h = figure(story("Per USGS data, China is the source of about 70% of American rare earth imports."), "70%")
    assert h["metric"] == "us_import_share"


def test_a_price_move_is_not_a_share():
    for text, value in [
        ("Copper prices rose 4% over the week as mine disruptions tightened supply.", "4%"),
        ("Cobalt prices are down 12% since the summer as supply from Congo recovered.", "12%"),
    ]:
        assert figure(story(text), value)["metric"] == "other", text
    # a share that moved is still the share, before and after
    figs = figures_of(story("China's share of world mining fell from 80% to 70%."))
    assert {f["metric"] for f in figs} == {"china_share_supply"}


def test_a_companys_share_is_not_chinas():
    for text, value in [
        ("Australia's Lynas, the largest producer outside China, accounts for roughly 8% of global output.", "8%"),
        (
            "JL Mag, the largest Chinese magnet maker, produces roughly 16 percent of the world's sintered magnets.",
            "16 percent",
        ),
    ]:
        assert figure(story(text), value)["metric"] == "other", text
    g = figure(story("China makes about 90% of the world's sintered magnets."), "90%")
    assert g["metric"] == "china_share_magnets"


def test_a_share_of_the_total_after_a_tonnage_measures_the_tonnage():
    f = figure(story("China mined about 270,000 tonnes in 2024, almost 70 percent of the global total."), "70 percent")
    assert f["metric"] == "china_share_supply"
    # a share with nothing named before it stays unlabelled
    g = figure(story("The United States produced roughly 45,000 tonnes, or about 12 percent."), "12 percent")
    assert g["metric"] == "other"


def test_a_forecast_is_kept_out_of_comparisons():
    f = figure(story("Forecasters expect China's share of mine output to slip to 62 percent by 2030."), "62 percent")
    assert f["role"] == "forecast"
    g = figure(story("China accounts for about 70% of global mining."), "70%")
    assert g["role"] is None


def test_an_overall_rate_is_the_tariff():
    f = figure(story("The fentanyl tariff fell, bringing the overall rate on Chinese goods down to about 47%."), "47%")
    assert f["metric"] == "tariff_rate"


def test_a_companys_own_output_is_not_chinas_share():
    f = figure(story("The plant will supply two-thirds of its output to carmakers."), "two-thirds")
    assert f["metric"] == "other"
    g = figure(story("China controls 70% of world output of rare earths."), "70%")
    assert g["metric"] == "china_share_supply"


def test_threatened_tariff_is_kept_out_of_comparisons():
    assert figure(story("Trump had threatened an extra 100% tariff on Chinese goods."), "100%")["role"] == "threatened"
    assert figure(story("The combined tariff on Chinese goods is now 47%."), "47%")["role"] is None


def test_shelved_for_a_year_is_the_truce_term():
    f = figure(story("The export control regime has been shelved for a year."), "a year")
    assert (f["metric"], f["value"]) == ("truce_term", 1.0)
    assert (
        figure(story("China refines between 85% and 90% of the world's rare earths."), "85% and 90%")["metric"]
        == "china_share_processing"
    )


def test_n_out_of_ten_is_a_share():
    f = figure(story("China makes nine out of ten of the world's permanent magnets."), "nine out of ten")
    assert (f["unit"], f["value"], f["metric"]) == ("%", 90.0, "china_share_magnets")
    assert figure(story("One in 10 rare earth magnets is made outside China."), "One in 10")["value"] == 10.0


def test_a_boast_out_of_ten_is_not_a_share():
    assert [f for f in figures_of(story("Trump called the meeting a 12 out of 10.")) if f["unit"] == "%"] == []


def test_working_days_are_days():
    f = figure(story("Licence approvals take 45 working days at best."), "45 working days")
    assert (f["unit"], f["value"]) == ("day", 45.0)


def test_rare_earths_counted():
    f = figure(story("The April rules cover seven heavy rare earths."), "seven heavy rare earths")
    assert (f["unit"], f["value"], f["metric"]) == ("count", 7.0, "controlled_elements")


def test_a_bare_number_closing_a_list_item_takes_the_unit_before_it():
    text = story("Building a mine takes a decade; a refinery, perhaps five years; a magnet plant, two to three.")
    f = figure(text, "two to three")
    assert (f["unit"], f["low"], f["high"]) == ("year", 2.0, 3.0)


def test_a_bare_number_after_a_percentage_or_alone_is_no_figure():
    assert [f["text"] for f in figures_of(story("China refines 90% of supply; Japan, 4."))] == ["90%"]
    assert figures_of(story("The vote in the committee, held late, was 12.")) == []


def test_level_after_a_change_is_kept_out_of_comparisons():
    f = figure(
        story("It put licensing requirements on 12 of the 17 rare earth elements, up from seven in the spring."),
        "12 of the 17 rare earth elements",
    )
    assert (f["role"], f["change"]) == ("after", True)
    assert (
        figure(story("The rules cover 12 of the 17 rare earth elements."), "12 of the 17 rare earth elements")["role"]
        is None
    )


def test_level_reached_after_by_takes_the_metric_of_the_change():
    text = story("Washington will reduce tariffs on Chinese goods by 10 percentage points to 47%.")
    assert figure(text, "47%")["metric"] == "tariff_rate"
    # a level in another unit is another quantity
    assert figure(story("Rare earth exports rose by 5% to 3,000 tonnes."), "3,000 tonnes")["metric"] == "other"


def test_down_from_pairs_the_new_level_with_the_old():
    figs = {f["text"]: f for f in figures_of(story("The fentanyl tariff falls to 10 per cent, down from 20 per cent."))}
    assert (figs["10 per cent"]["role"], figs["20 per cent"]["role"]) == ("after", "before")
    assert figs["20 per cent"]["metric"] == "tariff_rate"


def test_pc_glued_to_a_number_is_percent():
    assert figure(story("China controls about 90pc of rare earth processing."), "90pc")["value"] == 90.0
    assert figures_of(story("Sales of 90 PC units rose.")) == []


def test_delay_by_a_year_is_a_duration():
    assert figure(story("China would delay its controls by a year."), "a year")["metric"] == "truce_term"
    assert figures_of(story("A year of talks lies ahead.")) == []


def test_words_after_a_rejected_count_stay_open_to_other_figures():
    text = story("The suspension will take effect on Nov. 10 and last for one year.")
    assert [f["text"] for f in figures_of(text)] == ["one year"]
    assert [f["text"] for f in figures_of(story("Controls now cover 12 of 17 elements."))] == ["12 of 17 elements"]


def test_five_year_plan_is_a_name_not_a_duration():
    assert figures_of(story("China's 15th Five-Year Plan guides rare earth output.")) == []
    assert figure(story("Beijing drew up a five-year strategy for rare earths."), "five-year")["value"] == 5.0


def test_a_term_near_a_threatened_tariff_is_not_threatened():
    text = story("A threatened 100% tariff on Chinese goods is on hold for one year.")
    assert figure(text, "100%")["role"] == "threatened"
    assert figure(text, "one year")["role"] is None
    assert figure(story("Washington is holding off on the 100% tariff Trump had threatened."), "100%")["role"] == (
        "threatened"
    )


def test_to_about_x_from_y_is_a_pair():
    text = story("Washington will lower tariffs on Chinese goods to about 47% from 57%.")
    figs = {f["text"]: f for f in figures_of(text)}
    assert (figs["47%"]["role"], figs["57%"]["role"]) == ("after", "before")


def test_compared_with_pairs_the_level_with_the_earlier_one():
    text = story("Tariffs on Chinese goods now average around 47%, compared with 57% before the deal.")
    figs = {f["text"]: f for f in figures_of(text)}
    assert (figs["47%"]["role"], figs["57%"]["role"], figs["57%"]["metric"]) == ("after", "before", "tariff_rate")


def test_elided_figure_takes_its_place_in_text_order():
    text = story("In 2024 China mined 270,000 tonnes; the US, 45,000; and Australia exported 20% more.")
    assert [f["text"] for f in figures_of(text)] == ["270,000 tonnes", "45,000", "20%"]


def test_export_controls_are_not_exports():
    for text, value in [
        ("The rule extended U.S. export restrictions to companies 50% owned by listed firms.", "50%"),
        ("Japan cut its reliance on Chinese supply to around 65% of its needs after a 2010 export halt.", "65%"),
    ]:
        assert figure(story(text), value)["metric"] != "china_export_change", text
    f = figure(story("China's rare earth exports fell 26% from a year earlier."), "26%")
    assert f["metric"] == "china_export_change"


def test_a_proposal_and_an_earlier_year_are_kept_out_of_comparisons():
    f = figure(story("A bill would place a 25-percent levy on Chinese magnets from 2027."), "25-percent")
    assert f["role"] == "forecast"
    g = figure(story("Its share of U.S. imports is lower than in 2019, when it stood near 80%."), "80%")
    assert (g["metric"], g["role"]) == ("us_import_share", "earlier")
    h = figure(story("China was the source of about 70% of U.S. rare earth imports, the USGS says."), "70%")
    assert (h["metric"], h["role"]) == ("us_import_share", None)


def test_a_level_reached_is_not_a_move():
    f = figure(story("The cut brings the overall rate on Chinese goods down to about 47%."), "47%")
    assert (f["metric"], f["change"]) == ("tariff_rate", False)
    g = figure(story("Washington agreed to a 10% tariff cut on Chinese goods."), "10%")
    assert (g["metric"], g["change"]) == ("tariff_rate", True)


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            "China holds 90% of refining, according to trade data compiled by analysts at "
            "Benchmark Mineral Intelligence.",
            "Benchmark Mineral Intelligence",
        ),
        ("China holds 90% of rare earth refining, according to analysts at Benchmark.", "Benchmark"),
        ("China holds 90% of rare earth refining by industry estimates.", "industry estimates"),
        ("Benchmark has argued that China holds 90% of rare earth refining.", "Benchmark"),
        (
            "Exports rose 23% to 10,460 tons, data from the General Administration of Customs showed.",
            "General Administration of Customs",
        ),
    ],
)
def test_attribution_names_the_party_however_its_data_is_introduced(sentence, who):
    fs = figures_of(story(sentence))
    assert fs and all(f["attribution"] == who for f in fs)


def test_a_sentence_that_credits_no_one_has_no_attribution():
    (f,) = figures_of(story("China holds 90% of rare earth refining capacity."))
    assert f["attribution"] is None


@pytest.mark.parametrize(
    ("sentence", "span", "qualifier"),
    [
        ("China has control over 60-70% of rare earth mining.", "60-70%", None),
        ("China holds a grip over 90% of rare earth refining.", "90%", None),
        ("China refines over 90% of rare earths.", "90%", "over"),
        ("Prices rose over 20% in a month, traders of rare earths said.", "20%", "over"),
    ],
)
def test_a_preposition_of_the_noun_before_is_no_qualifier(sentence, span, qualifier):
    assert figure(story(sentence), span)["qualifier"] == qualifier


def test_over_after_a_verb_still_qualifies():
    assert figure(story("Tariffs on rare earth magnets remained over 30% all year."), "30%")["qualifier"] == "over"


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("China committed to buy 25 MMT/year of soybeans and rare earth ores.", "25 MMT", 25_000_000),
        ("Rare earth oxide output reached 40 kt last year.", "40 kt", 40_000),
        ("Rare earth exports were 5,238 metric tons in March.", "5,238 metric tons", 5238),
    ],
)
def test_tonnage_units_carry_their_scale(sentence, span, value):
    f = figure(story(sentence), span)
    assert (f["unit"], f["value"]) == ("t", value)
