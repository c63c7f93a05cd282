"""Properties over arbitrary text: the reader and the analysis never raise, and offsets hold."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata

from core_helpers import bundled_profile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rarewatch.core.analysis import analyse_document
from rarewatch.core.articles import MAX_LINE, Document, clean_article
from rarewatch.core.sentences import split_sentences

EXAMPLES = int(os.environ.get("RAREWATCH_HYPOTHESIS_EXAMPLES", "50"))
COMMON = settings(
    max_examples=EXAMPLES,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Pieces of real articles, furniture and hostile bytes, so that random text reaches every rule.
# fmt: off
TOKENS = [
    "rare earth", "Rare Earths", "90%", "92 percent", "a 25-percent levy", "$2 trillion", "EUR 1.5bn",
    "40,000 tonnes", "12 of 17 rare earth elements", "four ministries", "one-year", "for two years",
    "12 to 24 months", "3-5 years", "roughly three hours", "over", "about", "nearly", "at least", "up to",
    "from 30% to 25%", "October 30, 2025", "Oct. 30", "late October", "on Saturday", "last month",
    "11/03/2025", "03.11.2025", "2025-11-02", "05:38", "No. 70", "Article 12", "3 minutes read", "2 Views",
    "25°C", "U.S.", "J. R. Smith", "said Bessent", "according to Reuters", "per USGS data",
    "Treasury Secretary nominee Scott Bessent", "President Xi Jinping", "Trump and Xi met in Busan",
    "effectively eliminate", "suspend", "export controls", "until November 10, 2026", "remains elusive",
    "if talks sour", "Will the truce hold?", "By Jane Doe", "Source: X.com Published:", "Follow X on",
    "Get the X newsletter", "© 2025 X", "BUSAN, Oct 31 (Wire) - ", "Delhi | 25°C (windy)",
    "Home > World > Trade", "• ", "- ", "# ", "## ", "**", "_", "[link](http://x)", "> ", "(", ")", "[", "]",
    "?", ".", ",", ";", ":", " — ", "“", "”", "’", "\n", "\n\n", "\r\n", "\t", " ", "\x1b]0;pwned\x07",
    "\x1b[31m", "\u202e", "\u200b", "\x85", "\ufeff", "é", "习近平", "١٢٣", "½", "²",
]
# fmt: on

BIDI_AND_ZERO_WIDTH = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")

news_like = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=80).map("".join)
kinds = st.sampled_from(["text", "markdown"])


def check(raw: str, kind: str) -> None:
    """Analyse `raw` and check every invariant a user relies on."""
    doc = Document(raw, kind)
    art = clean_article(doc)
    assert not [c for c in art.text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    assert not [c for c in art.text if c in BIDI_AND_ZERO_WIDTH]
    for field in (art.title, art.outlet, art.author):
        assert field is None or ("\n" not in field and "\x1b" not in field)
    if art.published is not None:
        dt.date.fromisoformat(art.published)
    assert ("undated" in art.flags) == (art.published is None)

    t = analyse_document("x.txt", "x.txt", doc, bundled_profile())
    row = t.source.row(0, named=True)
    assert row["error"] is None or "regex-timeout" in row["flags"], row["error"]
    text = t.text["text"][0]
    if row["error"] is None:
        assert text == art.text
    for f in t.figures.iter_rows(named=True):
        assert text[f["start"] : f["end"]] == f["text"], f
        assert f["text"] in f["sentence"]
        if f["low"] is not None and f["high"] is not None:
            assert f["low"] <= f["high"], f
    for d in t.timeline.iter_rows(named=True):
        assert text[d["start"] : d["end"]] == d["text"], d
        # a day of no stated year ("--10-30") waits for the folder's newest article to date it
        date = d["date"].replace("--", "2000-", 1) if d["date"].startswith("--") else d["date"]
        dt.date.fromisoformat((date + "-01-01")[:10])
    for q in t.questions.iter_rows(named=True):
        assert text[q["start"] : q["end"]] == q["sentence"], q
    for df in (t.roles, t.statuses):
        for r in df.iter_rows(named=True):
            assert 0 <= r["start"] < r["end"] <= len(text)
            assert text[r["start"] : r["end"]] in r["sentence"]


@COMMON
@given(st.text(), kinds)
def test_arbitrary_unicode_never_raises(raw, kind):
    check(raw, kind)


@COMMON
@given(news_like, kinds)
def test_news_like_text_keeps_offsets(raw, kind):
    # an on-topic headline and tail so that the whole analysis runs, not just the off-topic check
    check("Rare earth curbs paused for a year\n\n" + raw + "\nChina makes 90% of rare earth magnets.\n", kind)


@COMMON
@given(st.lists(news_like, min_size=1, max_size=6), kinds)
def test_articles_made_of_many_paragraphs_keep_offsets(paragraphs, kind):
    check("# Rare earth truce\n\nBy Jane Doe\nNovember 3, 2025\n\n" + "\n\n".join(paragraphs) + "\n", kind)


@settings(COMMON, max_examples=min(EXAMPLES, 20), deadline=dt.timedelta(seconds=15))
@given(
    st.integers(min_value=1, max_value=3000),
    st.sampled_from(["(", "[", "((", "[(", "{", "**", "_", "« ", "“", "> ", "# "]),
    kinds,
)
def test_deeply_nested_brackets_never_raise(depth, opener, kind):
    closer = opener[::-1].translate(str.maketrans("([{«“", ")]}»”"))
    check("Rare earth curbs paused\n\n" + opener * depth + "China makes 90% of magnets" + closer * depth + "\n", kind)


@settings(COMMON, max_examples=min(EXAMPLES, 12), deadline=dt.timedelta(seconds=20))
@given(
    st.integers(min_value=MAX_LINE // 4, max_value=MAX_LINE + 5000),
    st.sampled_from(["a", "9", "rare earth ", "90% ", "x.", "-", "1,", "(1", "Oct. 30 ", "é"]),
    kinds,
)
def test_long_lines_never_raise(length, unit, kind):
    line = unit * (length // len(unit))
    check("Rare earth curbs paused\n\n" + line + "\nChina makes 90% of rare earth magnets.\n", kind)


@COMMON
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_sentences_always_index_their_text(raw):
    for s in split_sentences(raw):
        assert raw[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text


DATE_TOKENS = [
    "October 30, 2025",
    "Oct. 30",
    "30 October 2025",
    "the 30th of October",
    "late October",
    "mid-Nov",
    "in October",
    "in the October",
    "by May",
    "may",
    "May 5",
    "Wednesday, October 29",
    "on Saturday",
    "last Tuesday",
    "since 2009",
    "in 2025",
    "earlier this week",
    "last month",
    "next year",
    "11/03/2025",
    "03.11.2025",
    "2025-11-02",
    "2025-11-02T05:38:00Z",
    "İstanbul",
    "ǅ",
    "ß",
    " ",
    "  ",
    "\n",
    "\n\n",
    ", ",
    ". ",
    "percent",
    "%",
    "30",
    "2026",
    "of",
    "the",
    "beginning of",
    "end of",
    "x",
    "sept.",
    "Sept",
]


@COMMON
@given(st.lists(st.sampled_from(DATE_TOKENS), max_size=60).map(" ".join))
def test_date_search_near_month_names_finds_what_a_whole_text_search_finds(text: str) -> None:
    # month-based date patterns only run around month names; that must never lose a match
    from rarewatch.core import dates
    from rarewatch.core.patterns import lower_same_length

    dates._raw_matches.cache_clear()
    fast = [(m.kind, m.start, m.end) for m in dates._raw_matches(text)]
    low = lower_same_length(text)
    whole = [(kind, m.start(), m.end()) for kind, rx in dates._PATTERNS for m in rx.finditer(low)]
    assert fast == whole


@COMMON
@given(
    st.lists(st.sampled_from([*TOKENS, "US$", "U.S. $", "Eur", "ONE", "A Dozen", "an hour", "İ"]), max_size=40).map(
        " ".join
    )
)
def test_figure_starts_found_on_a_lower_cased_copy_are_the_case_blind_ones(text: str) -> None:
    # where a figure can start is searched case-sensitively on a lower-cased copy, for speed
    import regex

    from rarewatch.core import figures
    from rarewatch.core.patterns import lower_same_length

    fast = [m.start() for m in figures._CANDIDATE.finditer(lower_same_length(text))]
    blind = regex.compile(figures._CANDIDATE.pattern, regex.IGNORECASE | regex.VERSION1)
    assert fast == [m.start() for m in blind.finditer(text)]
