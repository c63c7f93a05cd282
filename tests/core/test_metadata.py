"""Article metadata: headline, outlet, author, publication date, flags, and furniture stripping."""

from __future__ import annotations

import pytest
from core_helpers import clean

from rarewatch.core.articles import Document, clean_article, read_document

WIRE = """
Delhi | 25°C (windy)
Home > World > Trade

China pauses rare earth curbs for a year after Busan talks

By Maria Lopez
October 31, 2025

BUSAN, Oct 31 (Pacific Wire) - China will suspend its newest rare earth export controls for one year, officials said.

The leaders met for about two hours at an air base near the port city.

Reporting by Maria Lopez; Editing by Tom Hale
"""

BLOG = """
Politics | Economy | Markets

Why the rare earth pause is only a breather

Posted by Jane Carter on 4 November 2025

I have spent a week reading the fine print, and the magnets will move again for a while.

China still dominates the refining of rare earths, and nobody should mistake this pause for a fix.

Get the Ore Letter newsletter

Subscribe

Leave a Reply

More Stories
"""

FINANCE = """
White House says China will lift rare earth export curbs; miners slide

Commodities
Source: MetalWatch.com Published: 11/03/2025, 05:38:01 EST
Rare Earths
Trade Policy
Share this article
3 minutes read
2 Views
0 Comments

China has agreed to lift its restrictions on exports of rare earth minerals, the White House said, according to Reuters.

Shares of American rare earth miners fell on Monday, Bloomberg reported.

Advertise with Us
"""

EXPLAINER = """
Rare earths truce, explained: what China paused and what it kept

  • Monsoon Brief
  • 03.11.2025
  • 4 Comments
  • 5 minutes read

If you have tried to follow the rare earth saga, you could be forgiven for feeling dizzy.

China agreed to pause for one year the export rules it unveiled in early October.

This article was produced with the help of AI tools and may contain mistakes.
"""

AGGREGATOR = """
Rare Earth Roundup: What the Truce Means for Miners and Markets

Share:  Facebook  X  LinkedIn  WhatsApp  Email

We pulled together what the major outlets are saying about the rare earth truce, according to Reuters.

Beijing will pause the expanded export controls for a year, Bloomberg reported.

Follow BriefStack on
Facebook  X  Instagram
"""

MARKDOWN = """
[Ore Notes](/) · [Archive](/archive) · [About](/about)

# The Busan pause buys time for rare earth buyers

*Written by Tom Becker*

date 2025-11-02 The magnets will move again, for a while, and nobody should mistake that for a fix.

China accounts for **more than 80%** of world supply of these metals.

© 2025 Ore Notes. All rights reserved.
"""

COPYRIGHT = """
Magnet makers cheer China's one-year rare earth pause

Nov. 3, 2025

European magnet makers welcomed the pause in China's rare earth export controls on Monday.

They said they would keep building alternative supply chains regardless.

Copyright 2025 Baltic Metals Review. All rights reserved.
"""

DAY_MONTH_YEAR = """
Beijing details rare earth suspension

3 November 2025

China's commerce ministry published the details of its rare earth pause on Monday.

The suspension of export controls runs for one year.
"""

BULLET_OUTLET = """
How the rare earth pause affects carmakers

- AutoTech Daily
- Nov 4, 2025
- 12 Comments

Carmakers said China's pause on rare earth export controls would ease magnet shortages.

Some still plan to stockpile magnets for the year ahead.
"""

QUOTES_ONLY = """
Rare earth stocks slip as truce details emerge

Shares of rare earth miners fell on Tuesday, according to Reuters.

Bloomberg reported that Beijing would pause its export controls for a year.

Analysts told the Financial Times the truce was fragile.
"""

DATELINE_FIRST = (
    "BUSAN, South Korea (Harbor Wire) - China will put its newest rare earth export restrictions on hold for one "
    "year, the two governments said after the leaders met on October 30, 2025.\n\n"
    "The leaders talked for just under two hours.\n"
)

WEATHER_AND_DAY = """
Seoul | -3°C (clear)
Tuesday, November 4, 2025

Seoul widens mineral task force as buyers weigh China's pause

By Hyun-woo Lee

South Korea widened a task force on critical minerals on Tuesday, officials said.

The rare earth pause gives buyers a year to diversify.
"""

AI_SECTION = """
US says China agreed to pause rare earth curbs for a year

Source: Benzinga.com Published: 11/03/2025, 05:38:01 EST
Tags: Rare Earths, China, Trade

Treasury Secretary Scott Bessent said China agreed to pause its rare earth export controls for one year.

In-Depth AI Insights

What does the pause mean for investors? The one-year window is short for building supply chains.
"""

AI_TOPIC_NOT_AI_WRITTEN = """
Analysts debate AI demand for rare earth magnets

November 3, 2025

Demand for rare earth magnets from AI data centres is rising, analysts said.

The pause in export controls helps buyers plan for the year ahead.
"""

WRITTEN_BY_LABEL = """
China pauses rare earth export curbs for one year

Written by Priya Natarajan
Published: 11/03/2025

China will pause its rare earth export controls for one year, officials said.
"""

NAV_PIPES_ONLY = """
Politics | Economy | Markets

China pauses rare earth export curbs for one year

November 3, 2025

China will pause its rare earth export controls for one year, officials said.

Buyers welcomed the pause.
"""

BYLINE_FIRST = """
By Jane Doe
November 3, 2025

China will pause its rare earth export controls for one year, officials said after the leaders met in Busan.

Buyers welcomed the pause but said they would keep stockpiling magnets.
"""


def md(text: str):
    return clean(text, "markdown")


# ---- title --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "title"),
    [
        (WIRE, "text", "China pauses rare earth curbs for a year after Busan talks"),
        (BLOG, "text", "Why the rare earth pause is only a breather"),
        (FINANCE, "text", "White House says China will lift rare earth export curbs; miners slide"),
        (EXPLAINER, "text", "Rare earths truce, explained: what China paused and what it kept"),
        (AGGREGATOR, "text", "Rare Earth Roundup: What the Truce Means for Miners and Markets"),
        (MARKDOWN, "markdown", "The Busan pause buys time for rare earth buyers"),
        (WEATHER_AND_DAY, "text", "Seoul widens mineral task force as buyers weigh China's pause"),
    ],
    ids=["wire", "blog", "finance", "explainer", "aggregator", "markdown", "weather-and-weekday"],
)
def test_title_is_the_headline(text, kind, title):
    assert clean(text, kind).title == title


def test_title_is_never_weather_nav_or_byline():
    a = clean(WIRE)
    assert "°C" not in a.title
    assert ">" not in a.title
    assert not a.title.startswith("By ")


def test_title_is_not_a_dateline_when_the_story_starts_without_headline():
    a = clean(DATELINE_FIRST)
    assert a.title is None or "(Harbor Wire)" not in a.title
    assert a.title is None or not a.title.startswith("BUSAN")


def test_markdown_heading_marks_are_not_in_title():
    assert not md(MARKDOWN).title.startswith("#")


# ---- outlet -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (FINANCE, "MetalWatch"),  # "Source: MetalWatch.com": the domain ending is dropped
        (AGGREGATOR, "BriefStack"),  # footer "Follow BriefStack on"
        (BLOG, "Ore Letter"),  # "Get the Ore Letter newsletter"
        (COPYRIGHT, "Baltic Metals Review"),  # copyright line
        (WIRE, "Pacific Wire"),  # wire dateline "(Pacific Wire) -"
        (EXPLAINER, "Monsoon Brief"),  # bullet under the headline
        (BULLET_OUTLET, "AutoTech Daily"),  # dash bullet under the headline
        (DATELINE_FIRST, "Harbor Wire"),
    ],
    ids=["source-line", "follow-footer", "newsletter", "copyright", "wire", "bullet", "dash-bullet", "dateline-first"],
)
def test_outlet_from_publisher_lines(text, outlet):
    assert clean(text).outlet == outlet


def test_outlet_from_markdown_copyright_footer():
    assert md(MARKDOWN).outlet == "Ore Notes"


@pytest.mark.parametrize("text", [QUOTES_ONLY, FINANCE, AGGREGATOR])
def test_outlet_is_never_one_the_article_quotes(text):
    outlet = clean(text).outlet
    assert outlet not in ("Reuters", "Bloomberg", "Financial Times")


def test_article_that_only_quotes_outlets_has_no_outlet():
    assert clean(QUOTES_ONLY).outlet is None


def test_outlet_line_does_not_stay_in_story():
    a = clean(AGGREGATOR)
    assert "Follow BriefStack" not in a.text
    assert "BriefStack" not in a.text


def test_nav_section_names_are_not_the_outlet():
    assert clean(NAV_PIPES_ONLY).outlet is None


# ---- author -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "author"),
    [
        (WIRE, "text", "Maria Lopez"),  # "By X"
        (BLOG, "text", "Jane Carter"),  # "Posted by X on <date>"
        (WRITTEN_BY_LABEL, "text", "Priya Natarajan"),  # "Written by X"
        (MARKDOWN, "markdown", "Tom Becker"),  # "*Written by X*"
        (WEATHER_AND_DAY, "text", "Hyun-woo Lee"),
    ],
    ids=["by", "posted-by-on-date", "written-by", "markdown-emphasis", "hyphenated"],
)
def test_author_from_bylines(text, kind, author):
    assert clean(text, kind).author == author


def test_no_byline_means_no_author():
    assert clean(FINANCE).author is None
    assert clean(QUOTES_ONLY).author is None


def test_byline_is_not_left_in_the_story():
    a = clean(WIRE)
    assert "By Maria Lopez" not in a.text
    assert not a.text.startswith("BUSAN")  # the dateline is metadata, the story starts after it
    assert a.text.startswith("China will suspend its newest rare earth export controls")


def test_byline_as_first_line_is_the_author_not_the_outlet():
    a = clean(BYLINE_FIRST)
    assert a.author == "Jane Doe"
    assert a.outlet != "By Jane Doe"


# ---- published ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "published"),
    [
        (FINANCE, "text", "2025-11-03"),  # "Published: 11/03/2025, 05:38:01 EST": month first
        (EXPLAINER, "text", "2025-11-03"),  # "03.11.2025": day first, in a bullet
        (DAY_MONTH_YEAR, "text", "2025-11-03"),  # "3 November 2025"
        (COPYRIGHT, "text", "2025-11-03"),  # "Nov. 3, 2025"
        (MARKDOWN, "markdown", "2025-11-02"),  # bare "date 2025-11-02" prefix
        (BULLET_OUTLET, "text", "2025-11-04"),  # "- Nov 4, 2025" bullet
        (BLOG, "text", "2025-11-04"),  # "Posted by X on 4 November 2025"
        (WIRE, "text", "2025-10-31"),
        (WEATHER_AND_DAY, "text", "2025-11-04"),  # "Tuesday, November 4, 2025"
        (WRITTEN_BY_LABEL, "text", "2025-11-03"),
    ],
    ids=[
        "published-label-us",
        "dotted-day-first",
        "day-month-year",
        "abbrev-month",
        "date-prefix",
        "bullet-date",
        "posted-on",
        "wire",
        "weekday",
        "published-label-alone",
    ],
)
def test_published_date(text, kind, published):
    a = clean(text, kind)
    assert a.published == published
    assert "undated" not in a.flags


def test_dotted_date_with_day_above_twelve_is_day_first():
    a = clean("Rare earth pause in numbers\n\n• Ledger Weekly\n• 14.11.2025\n\nChina paused its rare earth curbs.\n")
    assert a.published == "2025-11-14"


def test_slashed_date_with_day_above_twelve_is_read_day_first():
    a = clean("Rare earth pause in numbers\n\nPublished: 14/11/2025\n\nChina paused its rare earth curbs.\n")
    assert a.published == "2025-11-14"


def test_dateline_date_without_year_takes_year_from_article():
    a = clean(
        "Rare earth pause agreed\n\n"
        "SEOUL, Nov 4 (Gulf Courier) - Buyers welcomed China's one-year rare earth pause agreed in October 2025.\n"
    )
    assert a.published == "2025-11-04"
    assert a.outlet == "Gulf Courier"


@pytest.mark.parametrize("text", [AGGREGATOR, QUOTES_ONLY, DATELINE_FIRST])
def test_undated_article_has_no_date_and_is_flagged(text):
    a = clean(text)
    assert a.published is None
    assert "undated" in a.flags


def test_date_inside_story_is_not_the_publication_date():
    a = clean(
        "Rare earth truce: a recap\n\n"
        "Trump and Xi met in Busan on October 30, 2025, and agreed to a one-year pause.\n\n"
        "The suspension runs until November 10, 2026.\n"
    )
    assert a.published is None
    assert "undated" in a.flags


def test_metadata_date_line_is_not_left_in_story():
    a = clean(DAY_MONTH_YEAR)
    assert "3 November 2025" not in a.text
    a = clean(FINANCE)
    assert "Published" not in a.text and "05:38" not in a.text


# ---- flags --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [EXPLAINER, AI_SECTION], ids=["disclaimer", "in-depth-ai-insights"])
def test_ai_generated_flag(text):
    assert "ai-generated" in clean(text).flags


def test_note_disclaimer_flags_ai_and_leaves_story():
    a = clean(
        "China's rare earth pause: five things to know\n\nNovember 3, 2025\n\n"
        "China will pause its rare earth export controls for one year.\n\n"
        "Note: This summary was generated using artificial intelligence and reviewed by an editor.\n"
    )
    assert "ai-generated" in a.flags
    assert "artificial intelligence" not in a.text
    assert "China will pause its rare earth export controls for one year." in a.text


def test_article_about_ai_is_not_flagged_ai_generated():
    assert "ai-generated" not in clean(AI_TOPIC_NOT_AI_WRITTEN).flags


def test_ai_disclaimer_is_not_story_text():
    a = clean(EXPLAINER)
    assert "produced with the help of AI" not in a.text


# ---- furniture ----------------------------------------------------------------------------------

FURNITURE_LINES = [
    "2 Views",
    "0 Comments",
    "4 Comments",
    "3 minutes read",
    "5 minutes read",
    "Share this article",
    "Subscribe",
    "Leave a Reply",
    "More Stories",
    "Advertise with Us",
    "Get the Ore Letter newsletter",
    "Tags: Rare Earths, China, Trade",
    "Follow BriefStack on",
    "Facebook  X  Instagram",
    "Share:  Facebook  X  LinkedIn  WhatsApp  Email",
    "Reporting by Maria Lopez; Editing by Tom Hale",
    "Delhi | 25°C (windy)",
    "Home > World > Trade",
    "Politics | Economy | Markets",
    "Commodities",
    "Trade Policy",
]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (WIRE, "text"),
        (BLOG, "text"),
        (FINANCE, "text"),
        (EXPLAINER, "text"),
        (AGGREGATOR, "text"),
        (AI_SECTION, "text"),
        (MARKDOWN, "markdown"),
    ],
    ids=["wire", "blog", "finance", "explainer", "aggregator", "ai-section", "markdown"],
)
def test_furniture_lines_are_not_in_the_story(text, kind):
    story_lines = clean(text, kind).text.split("\n")
    for line in story_lines:
        assert line.strip() not in FURNITURE_LINES, line


@pytest.mark.parametrize(
    ("text", "kind", "sentences"),
    [
        (WIRE, "text", ["The leaders met for about two hours at an air base near the port city."]),
        (BLOG, "text", ["China still dominates the refining of rare earths"]),
        (FINANCE, "text", ["Shares of American rare earth miners fell on Monday, Bloomberg reported."]),
        (EXPLAINER, "text", ["China agreed to pause for one year the export rules it unveiled in early October."]),
        (AGGREGATOR, "text", ["Beijing will pause the expanded export controls for a year, Bloomberg reported."]),
        (AI_SECTION, "text", ["The one-year window is short for building supply chains."]),
        (MARKDOWN, "markdown", ["China accounts for more than 80% of world supply of these metals."]),
    ],
    ids=["wire", "blog", "finance", "explainer", "aggregator", "ai-section", "markdown"],
)
def test_story_sentences_stay(text, kind, sentences):
    story = clean(text, kind).text
    for s in sentences:
        assert s in story


NEWSLETTER_BOX_AND_MORE_STORIES = """
Why the rare earth pause is only a breather

Posted by Jane Carter on 4 November 2025

I have spent a week reading the fine print, and the magnets will move again for a while.

Get the Ore Letter newsletter
Sign up for our weekly briefing on critical minerals.

China still dominates the refining of rare earths, and nobody should mistake this pause for a fix.

Buyers are stockpiling magnets and signing up second suppliers.

Analysts expect the truce to be renegotiated next autumn.

More Stories
Gold holds near record as dollar softens
Copper traders eye Chilean supply disruptions

You May Also Like
Lithium prices stabilize after two-year slump
"""


def test_newsletter_box_and_related_headlines_are_not_story():
    a = clean(NEWSLETTER_BOX_AND_MORE_STORIES)
    for gone in ("newsletter", "Sign up", "More Stories", "Gold holds", "Copper traders", "Lithium prices"):
        assert gone not in a.text
    assert a.text.split("\n\n") == [
        "I have spent a week reading the fine print, and the magnets will move again for a while.",
        "China still dominates the refining of rare earths, and nobody should mistake this pause for a fix.",
        "Buyers are stockpiling magnets and signing up second suppliers.",
        "Analysts expect the truce to be renegotiated next autumn.",
    ]


def test_furniture_shaped_words_inside_story_sentences_stay():
    a = clean(
        "Rare earth buyers weigh the pause\n\nNovember 3, 2025\n\n"
        "Readers left 40 comments on the rare earth story, and some asked us to subscribe them to alerts.\n\n"
        "More stories like this are likely as the truce runs its course.\n"
    )
    assert "Readers left 40 comments on the rare earth story" in a.text
    assert "More stories like this are likely as the truce runs its course." in a.text


def test_words_counts_the_story_not_the_furniture():
    a = clean(FINANCE)
    assert a.words == len(a.text.split())
    assert a.words < 40


# ---- HTML ---------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Beijing suspends October rare earth rules until November 2026 | Trade Ledger</title>
<meta name="author" content="Daniel Okafor">
<meta property="og:site_name" content="Trade Ledger">
<meta property="article:published_time" content="2025-11-08T09:30:00+00:00">
</head><body>
<header><a href="/">Trade Ledger</a><nav><ul><li><a href="/">Home</a></li><li><a href="/m">Markets</a></li></ul></nav>
</header>
<main><article>
<h1>Beijing suspends October rare earth rules until November 2026</h1>
<p>China's commerce ministry on Friday published the dates of its one-year pause on rare earth export controls,
saying the October measures would be suspended until November 10, 2026.</p>
<p>Earlier licensing requirements introduced in April remain in force, the ministry said, and exporters of seven
heavy rare earths still need permits for every shipment.</p>
<p>Analysts said the notice left room for the controls to be reinstated if talks sour, and several buyers said they
would keep stockpiling magnets.</p>
</article></main>
<footer><p>Subscribe</p><p>© 2025 Trade Ledger. All rights reserved.</p></footer>
</body></html>"""


def _html(tmp_path, html: str):
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    return clean_article(read_document(p))


def test_html_metadata_from_meta_tags(tmp_path):
    a = _html(tmp_path, HTML_PAGE)
    assert a.title == "Beijing suspends October rare earth rules until November 2026"
    assert a.outlet == "Trade Ledger"
    assert a.author == "Daniel Okafor"
    assert a.published == "2025-11-08"
    assert "until November 10, 2026" in a.text
    assert "©" not in a.text and "Subscribe" not in a.text.split("\n")


def test_html_title_suffix_is_an_outlet_when_meta_is_given_directly():
    d = Document(
        "China's commerce ministry said the rare earth pause runs for a year.\n",
        "html",
        html_meta={"title": "Beijing suspends rare earth rules | Trade Ledger", "sitename": None},
    )
    a = clean_article(d)
    assert a.title == "Beijing suspends rare earth rules"
    assert a.outlet == "Trade Ledger"


_HTML_NO_META = """<html><head><title>Beijing suspends rare earth rules | Trade Ledger</title></head><body><article>
<p>China's commerce ministry on Friday published the dates of its one-year pause on rare earth export controls,
saying the October measures would be suspended until November 10, 2026.</p>
<p>Earlier licensing requirements introduced in April remain in force, the ministry said, and exporters of seven
heavy rare earths still need permits for every shipment.</p>
<p>Analysts said the notice left room for the controls to be reinstated if talks sour, and several buyers said they
would keep stockpiling magnets.</p>
</article></body></html>"""


def test_html_title_suffix_gives_outlet_from_a_saved_page(tmp_path):
    a = _html(tmp_path, _HTML_NO_META)
    assert a.title == "Beijing suspends rare earth rules"
    assert a.outlet == "Trade Ledger"


def test_html_page_without_date_metadata_is_undated(tmp_path):
    a = _html(tmp_path, _HTML_NO_META)
    assert a.published is None
    assert "undated" in a.flags


# ---- datelines and bylines in other shapes ---------------------------------------------------------

XINHUA = """
China suspends new rare earth export rules for a year

BEIJING, Nov. 1 (Xinhua) -- China will suspend the measures until Nov. 10, 2026, the ministry said on Saturday.

The controls on seven elements introduced in April 2025 remain in place.
"""


def test_yearless_dateline_takes_the_year_whose_calendar_fits_the_weekday():
    # 1 Nov 2025 was a Saturday; 1 Nov 2026, the latest year printed, is a Sunday
    assert clean(XINHUA).published == "2025-11-01"


def test_yearless_dateline_without_a_weekday_takes_the_latest_year():
    assert clean(XINHUA.replace(" on Saturday", "")).published == "2026-11-01"


def test_yearless_dateline_takes_the_year_of_the_same_day_printed_in_full():
    # "on Thursday" is the day before the dateline: the full date above settles the year
    text = WIRE.replace("officials said.", "officials said after the leaders met on Thursday.")
    assert clean(text).published == "2025-10-31"


RELEASE = """
FOR IMMEDIATE RELEASE

Northfield Magnetics welcomes rare earth suspension, confirms magnet plant expansion

DENVER, Colorado, November 4, 2025 /PRNewswire/ -- Northfield Magnetics Inc. today welcomed China's decision.

China will suspend its rare earth export controls for one year.

About Northfield Magnetics
Northfield Magnetics is a Denver-based producer of rare earth permanent magnets.
"""


def test_press_release_dateline_dates_the_release_and_is_not_story():
    a = clean(RELEASE)
    assert a.published == "2025-11-04"
    assert a.title == "Northfield Magnetics welcomes rare earth suspension, confirms magnet plant expansion"
    assert "PRNewswire" not in a.text and "FOR IMMEDIATE RELEASE" not in a.text
    assert a.outlet != "FOR IMMEDIATE RELEASE"


def test_byline_sharing_the_date_line():
    a = clean(
        "# Rare earths truce: your questions answered\n\n*Updated 2 Nov 2025* · By Priya Raman\n\n"
        "China agreed to pause its rare earth export controls for one year.\n",
        kind="markdown",
    )
    assert (a.published, a.author) == ("2025-11-02", "Priya Raman")


def test_date_line_with_a_place_is_not_a_byline():
    a = clean(
        "# Rare earths truce\n\n*Updated 2 Nov 2025* · Beijing\n\n"
        "China agreed to pause its rare earth export controls for one year.\n",
        kind="markdown",
    )
    assert (a.published, a.author) == ("2025-11-02", None)


def test_section_label_above_the_headline_is_not_the_outlet():
    a = clean(
        "Opinion\nChina pauses rare earth curbs for a year\n\nBeijing will suspend its rare earth export "
        "controls for one year, the ministry said.\n"
    )
    assert (a.title, a.outlet) == ("China pauses rare earth curbs for a year", None)
    b = clean(
        "Mining Weekly\nChina pauses rare earth curbs for a year\n\nBeijing will suspend its rare earth export "
        "controls for one year, the ministry said.\n"
    )
    assert b.outlet == "Mining Weekly"


def test_story_opening_with_its_date_and_a_dash_is_dated():
    a = clean(
        "China pauses rare earth curbs for a year\n\nNov 1, 2025 — Beijing will suspend its rare earth export "
        "controls for one year, the ministry said.\n"
    )
    assert a.published == "2025-11-01"
    assert a.text.splitlines()[-1].startswith("Beijing will suspend")


def test_a_date_range_opening_a_sentence_is_not_a_dateline():
    a = clean(
        "China pauses rare earth curbs for a year\n\nNovember 3, 2025\n\nOct 9, 2025 - the day the rules came "
        "out - was a shock to rare earth buyers.\n"
    )
    assert a.published == "2025-11-03"


STORY_LINE = "Beijing will suspend its rare earth export controls for one year, the ministry said on Saturday.\n"


def test_metadata_line_with_separators_is_read_item_by_item():
    a = clean("China pauses rare earth curbs for a year\nAuthor: Jane Doe | Date: 2025-11-02\n\n" + STORY_LINE)
    assert (a.author, a.published) == ("Jane Doe", "2025-11-02")


def test_nav_like_metadata_line_still_gives_its_date():
    a = clean(
        "Mining.com\nChina pauses rare earth curbs for a year\nStaff Writer | November 2, 2025 | 10:14 am\n\n"
        + STORY_LINE
    )
    assert (a.outlet, a.author, a.published) == ("Mining", None, "2025-11-02")


def test_job_title_after_a_byline_name_is_not_the_outlet():
    a = clean("China pauses rare earth curbs for a year\nJane Doe, Senior Correspondent\n\n" + STORY_LINE)
    assert (a.author, a.outlet) == ("Jane Doe", None)
    b = clean("China pauses rare earth curbs for a year\nJane Doe, The Daily Ledger\n\n" + STORY_LINE)
    assert (b.author, b.outlet) == ("Jane Doe", "The Daily Ledger")


def test_a_wire_dateline_without_a_service_dates_the_article():
    from core_helpers import clean

    a = clean(
        "Capitol notes on the rare earth truce\n\n"
        "WASHINGTON, Nov. 4, 2025 -- Lawmakers are trying to pin down what the rare earth deal changes.\n\n"
        "The suspension lasts until Nov. 10, 2026.\n"
    )
    assert a.published == "2025-11-04"


def test_a_dash_separated_header_line_gives_outlet_date_and_author():
    from core_helpers import clean

    a = clean(
        "# Magnet makers weigh a year of calm\n\n"
        "*Magnet Industry Monitor — 6 November 2025 — by Lena Achterberg*\n\n"
        "Magnet producers spent the week working out what the rare earth pause means.\n",
        kind="markdown",
    )
    assert (a.published, a.author) == ("2025-11-06", "Lena Achterberg")
