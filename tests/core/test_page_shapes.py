"""Metadata from the shapes real pages have: furniture is known by its shape, not its words.

Every article here is written for this test in the shape of a published page (a breadcrumb, a
kicker in capitals, a photo caption with a date, a date glued to an icon's text, a byline under a
handle, an author box, a wire's dateline between slashes ...).
"""

from __future__ import annotations

from core_helpers import clean

BODY = (
    "Beijing said on Monday that the suspension of its rare earth export controls would run for a year, "
    "and officials in Washington welcomed the step as a sign of calmer trade relations between the two."
)


def test_breadcrumb_is_not_the_headline():
    a = clean(f"""
        Home / Market News / Rare Earth Curbs Paused for a Year [Desk Analysis]

        Rare Earth Curbs Paused for a Year [Desk Analysis]

        {BODY}
        """)
    assert a.title == "Rare Earth Curbs Paused for a Year [Desk Analysis]"
    assert "Home /" not in a.text


def test_a_kicker_in_capitals_is_not_the_headline():
    a = clean(f"""
        Lumen Magnets Ltd

        EXPORT COMPLIANCE NOTES · 2026

        China's Magnet Licences Explained

        {BODY}
        """)
    assert a.title == "China's Magnet Licences Explained"


def test_a_photo_captions_date_is_not_the_publication_date():
    a = clean(f"""
        Beijing accepts price pledges from brandy makers

        Ministry of Commerce, Beijing, June 11, 2025. /VCG

        {BODY}
        """)
    assert a.published is None
    assert "undated" in a.flags
    assert "/VCG" not in a.text


def test_a_date_glued_to_an_icons_text_is_read():
    a = clean(f"""
        Rare earth controls suspended for one year

        iconDec 21, 2025 17:03

        {BODY}
        """)
    assert a.published == "2025-12-21"


def test_a_slashed_date_glued_to_the_site_name_is_read():
    a = clean(f"""
        China's magnet exports slip in March

        Ore Daily.comOre Daily.com2026/04/20 11:39

        {BODY}
        """)
    assert a.published == "2026-04-20"


def test_a_day_first_header_date_with_a_dot_is_read():
    a = clean(f"""
        Seltene Erden: Peking setzt Kontrollen aus

        4. Dec 2025 - 09:40

        {BODY}
        """)
    assert a.published == "2025-12-04"


def test_a_byline_under_a_handle_gives_author_and_date():
    a = clean(f"""
        U.S. and China reach a rare earth truce

        By quillwright // 2025-11-11

        {BODY}
        """)
    assert (a.author, a.published) == ("quillwright", "2025-11-11")


def test_a_byline_naming_a_site_gives_the_outlet_not_an_author():
    a = clean(f"""
        China's rare earth exports fall in March

        By: Oreline.com

        {BODY}
        """)
    assert a.author is None
    assert a.outlet == "Oreline"


def test_an_author_box_at_the_end_gives_the_author():
    a = clean(f"""
        China issues its first general rare earth licences

        {BODY}

        Mara Lindqvist
        Contributor

        Mara Lindqvist is a freelance writer who covers supply chains.
        """)
    assert a.author == "Mara Lindqvist"
    assert "freelance writer" not in a.text


def test_a_wire_dateline_between_slashes_names_the_outlet():
    a = clean(f"""
        BEIJING, March 10. /NOVOSTI WIRE/. {BODY}

        In 2025, exports of rare earths rose by 13%.
        """)
    assert a.outlet == "NOVOSTI WIRE" or a.outlet == "Novosti Wire"
    assert a.text.startswith("Beijing said")


def test_a_release_that_opens_with_its_date_and_a_comma_is_dated():
    a = clean(f"""
        Commission sets provisional duties on imported electric cars

        4 July 2024, nine months after it opened an inquiry, the Commission set provisional duties. {BODY}
        """)
    assert a.published == "2024-07-04"


def test_a_headline_that_opens_with_its_date_gives_both():
    a = clean(f"""
        11 June 2026: The Licence as Chokepoint

        {BODY}
        """)
    assert (a.title, a.published) == ("The Licence as Chokepoint", "2026-06-11")


def test_a_section_tag_after_a_bar_is_not_part_of_the_headline():
    a = clean(f"""
        Leaders meet in Busan amid hopes for a rare earth deal – live updates | World

        {BODY}
        """)
    assert a.title == "Leaders meet in Busan amid hopes for a rare earth deal – live updates"


def test_a_line_after_the_story_has_started_is_not_a_headline():
    a = clean("""
        The European Union is weighing minimum prices for Chinese electric cars instead of duties.

        Last year it set duties of up to 45% on Chinese-made electric vehicles after an inquiry.

        SAIC was hit with the highest rate while BYD was charged an extra 17.4%
        """)
    assert a.title is None
    assert "17.4%" in a.text


def test_a_masthead_in_capitals_beside_its_section_is_the_outlet():
    a = clean(f"""
        RIVERGATE WEEKLY | Trade & Policy

        Cupra Tavascan swaps duties for a minimum price

        By Jane Doe | 11 February 2026

        {BODY}
        """)
    assert a.title == "Cupra Tavascan swaps duties for a minimum price"
    assert a.outlet == "Rivergate Weekly"
    assert (a.author, a.published) == ("Jane Doe", "2026-02-11")


def test_a_short_name_beside_a_byline_is_the_outlet():
    a = clean(
        f"""
        # How Beijing answered the car duties

        *Sprocket Notes* · by Marta Kowal

        {BODY}
        """,
        kind="markdown",
    )
    assert (a.outlet, a.author) == ("Sprocket Notes", "Marta Kowal")


def test_a_reporting_credit_in_brackets_gives_the_author():
    a = clean(f"""
        EU states fail to block duties on Chinese electric cars

        {BODY}

        (Reporting by Lucie Marchand; Editing by Tom Brandt)
        """)
    assert a.author == "Lucie Marchand"


def test_a_copyright_line_in_brackets_still_names_the_outlet():
    a = clean(f"""
        Magnet makers welcome the pause

        {BODY}

        (c) 2025 Metall Kurier GmbH - Impressum
        """)
    assert a.outlet == "Metall Kurier"


def test_a_yearless_dateline_takes_the_year_whose_weekday_the_story_names():
    a = clean("""
        EU states fail to block duties on Chinese electric cars

        BRUSSELS, Oct. 4 (Example Wire) -- Governments on Friday failed to stop the duties, exactly one year after the inquiry opened on Oct. 4, 2023.
        """)
    assert a.published == "2024-10-04"  # a Friday; 4 October 2023 was a Wednesday


def test_a_share_bar_a_weather_widget_and_a_site_tagline_are_not_headlines():
    for head, outlet in (
        ("Facebook Twitter LinkedIn", None),
        ("Facebook | X | WhatsApp | Email", None),
        ("Weather: light rain, 18°C", None),
        ("Daily News from ExampleSite.com", "ExampleSite"),
    ):
        a = clean(f"""
            {head}

            China pauses rare earth curbs for a year after summit

            {BODY}
            """)
        assert a.title == "China pauses rare earth curbs for a year after summit", head
        assert a.outlet == outlet, head
        assert head not in a.text
