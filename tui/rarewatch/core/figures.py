"""Key figures: percentages, money, quantities, counts and durations, with their hedges.

A number is a figure only when it carries a unit a reader would quote ("92%", "$2 trillion",
"40,000 tonnes", "12 of 17 elements", "one-year"); dates, clock times, announcement numbers and
page counters are not. Each figure is tied to a metric of the profile by the words nearest to it
in its clause, and keeps the attribution its sentence gives.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import regex

from rarewatch.core.labels import other_label
from rarewatch.core.numbers import (
    DIGITS,
    NUMBER,
    QUALIFIER_RX,
    QUALIFIERS,
    SCALES,
    WORD_NUMBER,
    WORD_VALUES,
    interval,
    to_number,
)
from rarewatch.core.patterns import finditer, lower_same_length, match, on_lower, search
from rarewatch.core.profile import Profile
from rarewatch.core.sentences import Sentence

_I = regex.IGNORECASE | regex.VERSION1
_CLOCK_BEFORE = regex.compile(r"\d:$")
_CLOCK_AFTER = regex.compile(r"^(?::\d|[.,]\d)")
_SCALE = r"(?:trillion|billion|million|thousand|tn|trn|bn|bln|mn|mln|[mbk])\b"
_CUR = r"(?:US\$|U\.S\.\s?\$|\$|€|£|¥|EUR|USD|GBP|CNY|RMB|JPY)"
_CUR_WORD = r"(?:dollars|euros|pounds|yuan|renminbi|yen|USD|EUR|GBP|CNY)"
_RANGE_SEP = r"\s*(?:-|–|—|to|and)\s*"
_DUR = r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|decades?)"
_QTY = (
    r"(?:metric tons|metric tonnes|tonnes|tons|kilotonnes|kt|mmt|mt|kilograms|kg|barrels|bpd|ounces|oz|"
    r"megawatts|MW|gigawatts|GW|cubic meters|square kilometers|km|miles|containers|shipments)"
)

_FIGURE = regex.compile(
    # money: "$2 trillion", "US$1.5bn", "EUR 1.5bn", "$12 to $15 billion"
    rf"(?P<money>(?P<cur>{_CUR})\s?(?P<a>{DIGITS})(?:\s?(?P<sa>{_SCALE}))?"
    rf"(?:{_RANGE_SEP}(?:{_CUR})?\s?(?P<b>{DIGITS})(?:\s?(?P<sb>{_SCALE}))?)?)"
    rf"|(?P<money2>(?P<a2>{DIGITS})(?:\s?(?P<sa2>{_SCALE}))?\s(?P<cur2>{_CUR_WORD})\b)"
    # shares in words: "nine-tenths", "two-thirds" (not "a third", which is as often "a third higher")
    r"|(?P<frac>(?P<fn>two|three|four|five|six|seven|eight|nine)[\s-](?P<fd>thirds|quarters|fifths|tenths)\b)"
    # "nine out of ten", "one in 10": a share of ten or a hundred
    rf"|(?P<outof>(?P<on>{NUMBER})\s+(?:out\s+of|in)\s+(?P<od>ten|10|a hundred|hundred|100)\b)"
    # percentages: "92%", "20 percent", "a 25-percent levy", "12-15%"
    rf"|(?P<pct>(?P<pa>{NUMBER})(?:\s?%?{_RANGE_SEP}(?P<pb>{NUMBER}))?\s?(?:%|-?\s?per\s?cent\b|-percent\b|percentage points?\b|pct\b|(?<=\d)pc\b))"
    # durations: "one-year", "for two years", "12 to 24 months", "3-5 years", "roughly three hours"
    rf"|(?P<dur>(?P<da>{NUMBER}|an?|half an?)(?:{_RANGE_SEP}(?P<db>{NUMBER}))?[\s-](?:(?:working|business|calendar|consecutive)\s+)?(?P<du>{_DUR})(?:-long)?"
    rf"(?:\s+and\s+(?P<dm>{NUMBER})\s+minutes?)?\b(?!\s+(?:ago|earlier|later|old|plans?)\b))"
    # quantities: "40,000 tonnes", "3.2 million barrels"
    rf"|(?P<qty>(?P<qa>{NUMBER})(?:{_RANGE_SEP}(?P<qb>{NUMBER}))?(?:\s?(?P<qs>{_SCALE}))?\s(?P<qu>{_QTY})\b)"
    # counts: "12 of 17 rare earth elements", "from five to nine ministries"
    rf"|(?P<count>(?P<ca>{NUMBER})(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<cof>{NUMBER})|{_RANGE_SEP}(?P<cb>{NUMBER}))?\s+(?P<cn>(?:[\p{{L}}-]+\s+(?:and|or)\s+)?(?:[\p{{L}}-]+\s+){{0,3}})(?P<cnoun>\p{{L}}+))",
    _I,
)

_NOT_BEFORE = regex.compile(
    r"(?:\b(?:No|Nos|Number|Art|Article|Section|Sec|Chapter|Clause|Page|Rule|Order|Decree|Announcement|Notice|Resolution|Document|Item|Part|Paragraph|Annex|Case|Round|Phase|Vol|Volume|Issue|Edition|Version|Table|Figure|Fig|Step|Level|Tier|Class|Grade|Gen|Model|Series|Boeing|Airbus)\.?|#|№)\s*$",
    _I,
)
_FURNITURE_AFTER = regex.compile(r"^\s*(?:°|º|min(?:ute)?s?\s+read|views?\b|comments?\b|shares?\b|likes?\b|read\b)", _I)
_CHANGE_AFTER = regex.compile(
    r"^(?:\s+[\p{L}-]+){0,2}?\s+(?:cut|cuts|reduction|drop|drops|decline|fall|increase|rise|jump|surge|hike|hikes|plunge|slump|gain|growth|decrease|slide|contraction|reduction|lower|higher)\b",
    _I,
)
_CHANGE_BEFORE = regex.compile(
    r"\b(?:cut|cuts|cutting|reduce[ds]?|reducing|lower(?:ed|s|ing)?|rais(?:e|ed|es|ing)|increas(?:e|ed|es|ing)|slash(?:ed|es)?|trim(?:med|s)?|"
    r"rose|risen|rises?|fell|fallen|falls?|dropp?(?:ed|s)?|jump(?:ed|s)?|grew|grown|grows?|declin(?:ed|es)|climb(?:ed|s)?|"
    r"plung(?:ed|es)|surg(?:ed|es)|shr[ai]nk|slip(?:s|ped)?|dipp?(?:ed|s)?|add(?:s|ed)|gain(?:s|ed)|sank|tumbl(?:ed|es)|"
    r"soar(?:s|ed)|edg(?:ed|es)|lost|shed|down|up|by)\s+(?:\S+\s+){0,2}?$",
    _I,
)
#: "bringing the overall rate down to about 47%": the level reached, not the size of a move
_LEVEL_REACHED = regex.compile(r"\b(?:down|up) to\s+$", _I)
#: A threatened or extra tariff is not the rate in force: such figures are kept out of comparisons.
_THREAT = regex.compile(r"\bthreat(?:s|en|ens|ened)?\b", _I)
_THREAT_AFTER = regex.compile(r"^[^,.;]{0,50}\bthreat(?:s|en|ens|ened)?\b", _I)


def _threatened(text: str, start: int, end: int, unit: str) -> bool:
    """ "his threat of an extra 100% tariff", "the 100% tariff he had threatened"."""
    if unit != "%" and unit not in CURRENCY.values():
        return False
    return bool(_THREAT.search(text[max(0, start - 25) : start]) or _THREAT_AFTER.match(text[end:]))


#: A forecast is not a measurement: "expected to slip to 62 percent by 2030" is kept out of comparisons.
_FORECAST_BEFORE = regex.compile(
    r"\b(?:expect(?:s|ed)?|forecasts?|forecast(?:ed|ing)|projected|projecting|predict(?:s|ed)?|set to|on course to|on track to"
    r"|would (?:place|impose|put|set|add|levy))\b[^.;:,]{0,50}$",
    _I,
)
#: "in 2019, when it stood near 80%", "lower than in 2019, when": a figure for an earlier year set
#: against today's is history, not a rival reading of today's
_EARLIER = regex.compile(r"\b(?:(?:than|since|from) (?:it was |they were )?)?in (?:19|20)\d\d, when\b[^.;:]{0,40}$", _I)
_FORECAST_AFTER = regex.compile(r"^[^.;:,]{0,30}?\bby (?:the end of |the mid-|the late )?(?:20\d\d|next year)\b", _I)


def _forecast(text: str, start: int, end: int) -> str | None:
    """ "expect China's share to slip to 62 percent by 2030": a figure for later, not for now."""
    if _FORECAST_AFTER.match(text[end:]) or _FORECAST_BEFORE.search(text[max(0, start - 60) : start]):
        return "forecast"
    if _EARLIER.search(text[max(0, start - 70) : start]):
        return "earlier"
    return None


#: Nouns that take "over" as their own preposition: "control over 60-70%" is control of that
#: much, not more than it ("remained over 30%" still means more than 30%).
_GOVERNS = regex.compile(
    r"\b(?:control|controls|controlled|power|grip|sway|authority|dominance|leverage|influence|hold|say|"
    r"jurisdiction|rule|concerns?|dispute|fight|talks|tensions?|lead|edge|advantage|stake)\s*$",
    _I,
)
_FROM = regex.compile(r"\bfrom\s+$", _I)
_TO = regex.compile(r"^\s*to\s*$", _I)
_UP_FROM = regex.compile(r"^,?\s+(?:up|down)\s+from\b", _I)  # "10%, down from 20%"
_BY = regex.compile(r"\bby\s+$", _I)
_VERSUS = regex.compile(r"^,?\s+(?:compared (?:with|to)|versus|vs\.?)\s+$", _I)  # "47%, compared with 57% before"
_FROM_GAP = regex.compile(r"^\s*from\s*$", _I)
_TO_BEFORE = regex.compile(r"\bto\s+(?:(?:about|around|roughly|nearly|almost|some|approximately|just)\s+)?$", _I)
_ATTRIBUTION = [
    regex.compile(r"\baccording to (?P<a>(?:the )?[^,.;:()]{2,90}?)(?=[,.;:()]| (?:that|which|who|in a|on)\b|$)", _I),
    regex.compile(
        r"\b(?:as )?(?:noted|reported|detailed|cited|highlighted|discussed|outlined|referenced|stated|shown|documented) (?:in|by) (?P<a>(?:the )?[^,.;:()]{2,50}?)(?=[,.;:()]|$| (?:that|which)\b)",
        _I,
    ),
    regex.compile(r"(?:^|[,(—–-]\s*)(?:per|via|citing) (?P<a>[^,.;:()]{2,50}?)(?=[,.;:()]|$)", _I),
    regex.compile(
        r"\b(?:per|citing) (?P<a>(?:\p{Lu}[\p{L}&.'-]*|posts on X)(?: [\p{Lu}&][\p{L}&.'-]*)*(?: data| figures| estimates| analysis| report)?)",
        regex.VERSION1,
    ),
    regex.compile(
        r"(?P<a>(?:\p{Lu}[\p{L}.'&-]+)(?: \p{Lu}[\p{L}.'&-]+){0,3}) (?:has |have |had )?(?:said|says|reported|reports|"
        r"estimated|estimates|noted|told|argued|argues|warned|warns|contends|contended|cautioned|calculated|calculates)\b",
        regex.VERSION1,
    ),
    _DATA_FROM := regex.compile(
        r"\b(?:data|figures|statistics|numbers|estimates)(?: \w+)? (?:from|by|of|compiled by|published by|released by) "
        r"(?P<a>(?:the )?\p{Lu}[^,.;:()]{1,50}?)(?=[,.;:()]|$| (?:show|shows|showed|suggest|suggests)\b)",
        regex.VERSION1,
    ),
    _BY_ESTIMATES := regex.compile(
        r"\bby (?P<a>(?:\w+ ){0,3}?\w+?(?:'s|’s)? (?:estimates|reckoning|count|calculations))\b", _I
    ),
    regex.compile(
        r"\b(?:said|says|told|estimated|estimates|noted|wrote) (?P<a>(?:\p{Lu}[\p{L}.'-]+)(?: \p{Lu}[\p{L}.'-]+){0,3})",
        regex.VERSION1,
    ),
]
_DURATION_LEAD = regex.compile(r"\b(?:for|within|after|in|by)\s+$", _I)
_UNIT_AFTER_A = regex.compile(r"\s?%|\s?(?:" + _SCALE + ")", _I)
_TO_WORD = regex.compile(r"\bto\b", _I)
_LEADING_THE = regex.compile(r"^(?:the)\s+", _I)
_ATTR_STOP = regex.compile(r"^(?:The|This|That|It|He|She|They|We|I|But|And|In|On|As|While|Yet|However)$")

_DENOMINATORS = {"thirds": 3, "quarters": 4, "fifths": 5, "tenths": 10}

UNIT_OF_DURATION = {
    "year": "year",
    "yr": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "hr": "hour",
    "minute": "minute",
    "min": "minute",
    "decade": "year",
}
#: Units that carry their own scale: million metric tons, kilotonnes.
_QTY_SCALE = {"mmt": 1e6, "kilotonnes": 1e3, "kt": 1e3}
UNIT_OF_QTY = {
    "mmt": "t",
    "metric tons": "t",
    "metric tonnes": "t",
    "tonnes": "t",
    "tons": "t",
    "kilotonnes": "t",
    "kt": "t",
    "mt": "t",
    "kilograms": "kg",
    "kg": "kg",
    "barrels": "barrel",
    "bpd": "barrel/day",
    "ounces": "oz",
    "oz": "oz",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gw": "GW",
}
CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "u.s. $": "USD",
    "usd": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "¥": "CNY",
    "cny": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "jpy": "JPY",
    "yen": "JPY",
}

#: Every unit a figure can have, so a profile can be checked against them.
KNOWN_UNITS = frozenset({"%", "count", *UNIT_OF_DURATION.values(), *UNIT_OF_QTY.values(), *CURRENCY.values()})


@dataclass(slots=True, kw_only=True)
class Figure:
    """One figure as the article gives it; built by keyword, as its fields are many and alike."""

    metric: str
    aspect: str | None
    label: str
    value: float
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    unit: str
    qualifier: str | None
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    attribution: str | None
    change: bool
    role: str | None = None  # "before" / "after" for "from X to Y", "threatened" for "a threatened 100% tariff"
    pair: int | None = None  # index of the linked figure within the article
    stage: str | None = None  # the profile stage the figure belongs to ("provisional"), if it has stages


def extract_figures(
    text: str, sentences: list[Sentence], date_spans: list[tuple[int, int]], profile: Profile
) -> list[Figure]:
    """All figures in the article, in text order; offsets index `text`."""
    figures: list[Figure] = []
    for s in sentences:
        found = [f for m in _figure_matches(s.text) for f in _split_from_to(m, s, _figure(m, s, date_spans, profile))]
        hyphened = _hyphen_units(s, found, date_spans, profile)
        if hyphened:
            found = sorted(found + hyphened, key=lambda f: f.start)
        if not found:
            continue
        elided = _elided(s, found, date_spans) + _elided_counts(s, found, date_spans)
        if elided:
            found = sorted(found + elided, key=lambda f: f.start)
        if len(found) > 1:
            found = _merge_ranges(found, s)
        _link_before_after(found, s)
        attribution = _attribution(s.text)
        for i, f in enumerate(found):
            f.attribution = attribution
            nxt = found[i + 1].start - s.start if i + 1 < len(found) else len(s.text)
            prv = found[i - 1].end - s.start if i > 0 else 0
            _assign_metric(f, s.text, prv, nxt, profile)
        _share_metrics(found, s)
        base = len(figures)
        for f in found:
            if f.pair is not None:
                f.pair += base
        figures.extend(found)
    if profile.stages and figures:
        _assign_stages(text, figures, profile)
    return figures


def _share_metrics(found: list[Figure], s: Sentence) -> None:
    """A figure of no metric takes the metric of a figure that measures the same thing: the other
    side of "from 20% to 10%", or the move before the level reached ("cut tariffs by 10 percentage
    points to 47%")."""
    for f in found:
        if f.pair is not None and f.metric == "other" and found[f.pair].metric != "other":
            f.metric, f.aspect, f.label = found[f.pair].metric, found[f.pair].aspect, found[f.pair].label
    for a, b in itertools.pairwise(found):
        gap = s.text[a.end - s.start : b.start - s.start]
        if (
            b.metric == "other"
            and a.metric != "other"
            and a.unit == b.unit
            and _TO.match(gap)
            and _BY.search(s.text[max(0, a.start - s.start - 12) : a.start - s.start])
        ):
            b.metric, b.aspect, b.label = a.metric, a.aspect, a.label


def _assign_stages(text: str, figures: list[Figure], profile: Profile) -> None:
    for f in figures:
        f.stage = stage_of(text, f.sentence, f.start - f.sentence_start, profile)


def stage_of(text: str, sentence: str, pos: int, profile: Profile) -> str | None:
    """The stage of a claim at `pos` in `sentence`: the stage word nearest it in its sentence, else
    the stage its article names most often, else the profile's default."""
    best: tuple[int, str] | None = None
    for st in profile.stages:
        for m in finditer(st.pattern, sentence):
            gap = m.start() - pos if m.start() >= pos else pos - m.end()
            if best is None or gap < best[0]:
                best = (gap, st.id)
    if best:
        return best[1]
    return _article_stage(text, profile) or None


#: How much of an article is its headline and lead, where it says what it is about.
LEAD_CHARS = 600


def _article_stage(text: str, profile: Profile) -> str:
    """The stage an article is about: the first its lead names, else the one the whole text names
    most often (the first listed at a tie), else the default. A story of the definitive duties
    recalls the provisional ones ("adopted definitive duties, below the provisional rates"); its
    lead says first which it is about."""
    # the cache holds the text itself, so no other text can take its identity while it is cached
    if _ARTICLE_STAGE[0] is not text or _ARTICLE_STAGE[2] != profile.digest:
        first = [(m.start(), st.id) for st in profile.stages if (m := search(st.pattern, text, 0, LEAD_CHARS))]
        if first:
            stage = min(first)[1]
        else:
            counts = {st.id: sum(1 for _ in finditer(st.pattern, text)) for st in profile.stages}
            stage = max(counts, key=lambda k: counts[k]) if any(counts.values()) else profile.default_stage
        _ARTICLE_STAGE[:] = [text, stage, profile.digest]
    return _ARTICLE_STAGE[1]


#: The last article's text, its stage and the profile's digest: figures and dates of one article
#: ask in turn.
_ARTICLE_STAGE: list = [None, "", ""]


#: Where a figure can start, over the lower-cased sentence with the standard library's engine: a
#: case-insensitive word list is several times slower in `regex`. Ours, linear, so no time limit.
_CANDIDATE = re.compile(
    r"us\$|u\.s\.\s?\$|[$€£¥]|(?<![\d.,])\d|\b(?:eur|usd|gbp|cny|rmb|jpy|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|dozen|a dozen|a hundred|half an?|an?(?= (?:year|month|hour|decade|week|day|minute)))\b"
)


def _figure_matches(text: str) -> Iterator[regex.Match[str]]:
    """The figure pattern tried only where a figure can start: far fewer attempts than a scan.

    Every alternative of the pattern begins with a currency or a number, which is what
    `_CANDIDATE` finds; unlike `_FIGURE.finditer` it never starts inside a number ("11.2025"),
    and the words after a count's numbers stay open to other figures.
    """
    pos = 0
    for c in _CANDIDATE.finditer(lower_same_length(text)):
        if c.start() < pos:
            continue
        m = match(_FIGURE, text, c.start())
        if m and m.end() > m.start():
            # a count is only checked later against its noun: do not let "10 and last for one"
            # swallow the "one year" after it
            pos = max(m.end(g) for g in ("ca", "cof", "cb")) if m.group("count") else m.end()
            yield m


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a figure's words say: its unit, its value and the other end of a range, and the span
    when it is tighter than the match (a count keeps only its number and noun)."""

    unit: str
    value: float
    other: float | None = None
    text: str | None = None


#: Reads one alternative of `_FIGURE`: the match, its groups, its sentence and the profile.
_Reader = Callable[[regex.Match[str], dict[str, Any], Sentence, Profile], _Reading | None]


def _figure(m: regex.Match[str], s: Sentence, date_spans: list[tuple[int, int]], profile: Profile) -> Figure | None:
    """The figure a match of `_FIGURE` stands for, or None when the number is no figure: part of a
    date, a clock time, an article number, a page counter, a count of nothing the profile counts."""
    start = s.start + m.start()
    if _is_not_a_figure(m, s, start, date_spans):
        return None
    reading = _read(m, m.groupdict(), s, profile)
    if reading is None:
        return None
    text = m.group() if reading.text is None else reading.text
    qm = _qualifier(s.text, m.start())
    qualifier = qm.group("q").lower() if qm else None
    low, high, low_open, high_open = _bounds(reading, qualifier)
    return Figure(
        metric="other",
        aspect=None,
        label="",
        value=reading.value,
        low=low,
        high=high,
        low_open=low_open,
        high_open=high_open,
        unit=reading.unit,
        qualifier=qualifier,
        text=text,
        start=start,
        end=start + len(text),
        sentence=s.text,
        sentence_start=s.start,
        attribution=None,
        change=_is_change(s.text, m, len(qm.group()) if qm else 0),
        role=_role(s.text, m.start(), m.end(), reading.unit),
    )


def _is_not_a_figure(m: regex.Match[str], s: Sentence, start: int, date_spans: list[tuple[int, int]]) -> bool:
    """A number inside a date, after "No." or "Article", before "min read", or of a clock time."""
    end = s.start + m.end()
    if any(a < end and start < b for a, b in date_spans):
        return True
    before = s.text[max(0, m.start() - 24) : m.start()]
    after = s.text[m.end() : m.end() + 20]
    if _NOT_BEFORE.search(before) or (_FURNITURE_AFTER.match(after) and not (m.group("pct") or m.group("money"))):
        return True
    return bool(_CLOCK_BEFORE.search(before) or _CLOCK_AFTER.match(after))


def _read(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """The reading of the one alternative of `_FIGURE` that matched."""
    for group, reader in _READERS:
        if g[group]:
            return reader(m, g, s, profile)
    return _read_count(m, g, s, profile)


def _read_money(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "$2 trillion", "US$1.5bn", "$12 to $15 billion", "40 billion yuan"; dollars when unsure."""
    cur = (g["cur"] or g["cur2"] or "").lower().replace(" ", "")
    unit = CURRENCY.get(cur, CURRENCY.get(cur.replace(".", ""), "USD"))
    a = _scaled(g["a"] or g["a2"], g["sa"] or g["sa2"] or g["sb"])
    b = _scaled(g["b"], g["sb"] or g["sa"]) if g["b"] else None
    return None if a is None else _Reading(unit, a, b)


def _read_fraction(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "two-thirds", "nine-tenths": a share in per cent."""
    return _Reading("%", 100.0 * WORD_VALUES[g["fn"].lower()] / _DENOMINATORS[g["fd"].lower()])


def _read_out_of(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "nine out of ten", "one in 10": a share in per cent."""
    n, d = to_number(g["on"]), to_number(g["od"].lower().removeprefix("a "))
    if n is None or not d or n > d:  # "a 12 out of 10" is a boast, not a share
        return None
    return _Reading("%", 100.0 * n / d)


def _read_percent(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "92%", "20 percent", "12-15%" ("a percent" is no figure)."""
    a, b = to_number(g["pa"]), to_number(g["pb"]) if g["pb"] else None
    if a is None or g["pa"].lower() in ("a", "an"):
        return None
    return _Reading("%", a, b)


def _read_duration(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "one-year", "12 to 24 months", "one hour and 40 minutes" (in minutes), "two decades" (in
    years); "a year" only when hedged, led in ("for a year") or "-long": else it is a phrase."""
    du = g["du"].lower().rstrip("s")
    unit = UNIT_OF_DURATION.get(du, du)
    da = g["da"].lower()
    a = 0.5 if da.startswith("half") else to_number(da)
    b = to_number(g["db"]) if g["db"] else None
    if a is None:
        return None
    if da in ("a", "an", "half a", "half an"):
        pre = s.text[max(0, m.start() - 20) : m.start()]
        q = QUALIFIER_RX.search(pre) or _DURATION_LEAD.search(pre)
        if not q and not g["dur"].lower().endswith("-long"):
            return None
    if g["dm"] and unit == "hour" and b is None and to_number(g["dm"]) is not None:
        # "one hour and 40 minutes": one duration, in minutes
        a, unit = a * 60 + (to_number(g["dm"]) or 0.0), "minute"
    if du == "decade":
        a, b = a * 10, (b * 10 if b is not None else None)
    return _Reading(unit, a, b)


def _read_quantity(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "40,000 tonnes", "3.2 million barrels", "25 MMT" (25 million tonnes)."""
    unit = UNIT_OF_QTY.get(g["qu"].lower(), g["qu"].lower())
    a = _scaled(g["qa"], g["qs"])
    b = _scaled(g["qb"], g["qs"]) if g["qb"] else None
    if a is None:
        return None
    scale = _QTY_SCALE.get(g["qu"].lower(), 1.0)
    return _Reading(unit, a * scale, b * scale if b is not None else None)


def _read_count(m: regex.Match[str], g: dict[str, Any], s: Sentence, profile: Profile) -> _Reading | None:
    """ "12 of 17 rare earth elements", "three vessels": a count of a noun the profile counts or
    measures in, its span cut to the number and that noun; a bare year is no count."""
    noun_phrase = (g["cn"] + g["cnoun"]).strip()
    # a noun the profile measures in ("12 pages", "three vessels") is the figure's unit
    units = _noun_units(profile)
    nm = match(units[0], noun_phrase) if units else None
    unit = _singular(nm.group(), profile) if nm else "count"
    if nm is None:
        nm = search(profile.count_nouns, noun_phrase)
        if nm is None:
            return None
    a = to_number(g["ca"])
    b = to_number(g["cb"]) if g["cb"] else None
    if a is None or (g["ca"].isdigit() and 1900 <= a <= 2100 and not g["cof"]):
        return None
    # keep the span tight: the number and the noun the profile knows
    return _Reading(unit, a, b, s.text[m.start() : m.start("cn") + nm.end()])


#: The alternatives of `_FIGURE` by the group that names them, in the pattern's order; a match
#: that is none of these is a count.
_READERS: tuple[tuple[str, _Reader], ...] = (
    ("money", _read_money),
    ("money2", _read_money),
    ("frac", _read_fraction),
    ("outof", _read_out_of),
    ("pct", _read_percent),
    ("dur", _read_duration),
    ("qty", _read_quantity),
)


def _qualifier(text: str, start: int) -> regex.Match[str] | None:
    """The hedge before a figure ("about", "over"), unless it belongs to the noun before it."""
    qm = QUALIFIER_RX.search(text[max(0, start - 24) : start])
    if qm and _GOVERNS.search(text[max(0, start - 40) : start - len(qm.group())]):
        return None  # "control over 60-70%": the word belongs to the noun before it, not to the number
    return qm


def _bounds(reading: _Reading, qualifier: str | None) -> tuple[float | None, float | None, bool, bool]:
    """The interval a figure stands for (low, high, and whether each end is open), from its
    value or range and its hedge; a share never passes 100%."""
    a, b = reading.value, reading.other
    cap = 100.0 if reading.unit == "%" else None
    if b is None:
        low, high, low_open, high_open = interval(a, qualifier, cap=cap)
        return low, high, low_open, high_open
    lo, hi = min(a, b), max(a, b)
    low, high = lo, hi
    # "about 8% to 38%" keeps the ends it states; how far "about" stretches is a comparison's
    # business (the `about_tolerance` setting), not the figure's
    if qualifier and QUALIFIERS.get(qualifier) != "about":
        low = interval(lo, qualifier, cap=cap)[0]
        high = interval(hi, qualifier, cap=cap)[1]
    return low, high, False, False


def _is_change(text: str, m: regex.Match[str], hedge: int) -> bool:
    """ "cut by 10 points", "a 20% drop": the size of a move, not a level; "down to 47%" is the
    level reached. `hedge` is the length of the qualifier before the figure."""
    before = m.start() - hedge
    return bool(
        _CHANGE_AFTER.match(text[m.end() : m.end() + 40])
        or _CHANGE_BEFORE.search(text[max(0, m.start() - 40) : before])
    ) and not _LEVEL_REACHED.search(text[max(0, m.start() - 30) : before])


def _role(text: str, start: int, end: int, unit: str) -> str | None:
    """ "threatened" for a threatened tariff, else "forecast" or "earlier" for a figure of
    another time, else None: such figures are kept out of comparisons."""
    return "threatened" if _threatened(text, start, end, unit) else _forecast(text, start, end)


_NOUN_UNITS: dict[str, tuple[regex.Pattern[str], regex.Pattern[str]] | tuple[()]] = {}


def _noun_units(profile: Profile):
    """The profile's noun units as (a noun at the start of a phrase, "a four-page text"), or ()."""
    if profile.digest not in _NOUN_UNITS:
        if not profile.noun_units:
            _NOUN_UNITS[profile.digest] = ()
        else:
            nouns = "|".join(regex.escape(u) for u in sorted(profile.noun_units, key=len, reverse=True))
            _NOUN_UNITS[profile.digest] = (
                regex.compile(rf"(?:{nouns})(?:s|es)?\b", _I),
                regex.compile(
                    rf"(?<![\w.,-])(?P<n>\d+(?:\.\d+)?(?:-\d+/\d+)?|{WORD_NUMBER})-(?P<u>(?:{nouns}))(?:s|es)?\b", _I
                ),
            )
    return _NOUN_UNITS[profile.digest]


def _singular(noun: str, profile: Profile) -> str:
    low = noun.lower()
    return next((u for u in sorted(profile.noun_units, key=len, reverse=True) if low.startswith(u)), low)


def _plain(
    s: Sentence,
    *,
    value: float,
    unit: str,
    text: str,
    start: int,
    end: int,
    low: float | None = None,
    high: float | None = None,
) -> Figure:
    """A figure found beside the pattern's matches ("a four-page text", the "two to three" that
    closes a list), as written: no hedge, no change, its metric and attribution still to come."""
    return Figure(
        metric="other",
        aspect=None,
        label="",
        value=value,
        low=value if low is None else low,
        high=value if high is None else high,
        low_open=False,
        high_open=False,
        unit=unit,
        qualifier=None,
        text=text,
        start=start,
        end=end,
        sentence=s.text,
        sentence_start=s.start,
        attribution=None,
        change=False,
    )


def _hyphen_units(
    s: Sentence, found: list[Figure], date_spans: list[tuple[int, int]], profile: Profile
) -> list[Figure]:
    """ "a four-page text", "a 3-1/2-page letter": a number joined to a noun the profile measures in."""
    units = _noun_units(profile)
    if not units or "-" not in s.text:
        return []
    out: list[Figure] = []
    taken = [(f.start, f.end) for f in found] + date_spans
    for m in finditer(units[1], s.text):
        start, end = s.start + m.start(), s.start + m.end()
        if any(a < end and start < b for a, b in taken):
            continue
        n = m.group("n")
        whole, _, frac = n.partition("-")
        a = to_number(whole) if frac else to_number(n)
        if a is None:
            continue
        if frac:
            num, _, den = frac.partition("/")
            a += int(num) / int(den) if int(den) else 0.0
        unit = _singular(m.group("u"), profile)
        out.append(_plain(s, value=a, unit=unit, text=m.group(), start=start, end=end))
    return out


#: "a refinery, perhaps five years; a magnet plant, two to three.": a bare number closing a list
#: item takes the unit of the item before it
_ELIDED = regex.compile(rf",\s+(?P<n>(?P<a>{NUMBER})(?:\s+(?:to|or)\s+(?P<b>{NUMBER}))?)(?=\s*(?:[;.]|$))", _I)
_ELIDED_UNITS = {"year", "month", "week", "day", "hour", "t"}


def _elided(s: Sentence, found: list[Figure], date_spans: list[tuple[int, int]]) -> list[Figure]:
    out: list[Figure] = []
    for m in finditer(_ELIDED, s.text):
        start, end = s.start + m.start("n"), s.start + m.end("n")
        prev = [f for f in found if f.end <= start]
        if not prev or prev[-1].unit not in _ELIDED_UNITS or any(a < end and start < b for a, b in date_spans):
            continue
        a, b = to_number(m.group("a")), to_number(m.group("b")) if m.group("b") else None
        if a is None or (m.group("b") and b is None):
            continue
        lo, hi = (min(a, b), max(a, b)) if b is not None else (a, a)
        unit = prev[-1].unit
        out.append(_plain(s, value=a, unit=unit, text=m.group("n"), start=start, end=end, low=lo, high=hi))
    return out


#: "Ten member states voted in favour, five voted against and 12 abstained": a bare number before a
#: verb, after a count in the same sentence, counts the same noun
_BARE_COUNT = regex.compile(
    rf"(?<![\w.,$%€£-])(?P<n>{NUMBER})\s+(?=(?:voted|abstained|backed|opposed|supported|rejected|refused|"
    rf"agreed|signed|joined|declined|were|did)\b)",
    _I,
)


def _elided_counts(s: Sentence, found: list[Figure], date_spans: list[tuple[int, int]]) -> list[Figure]:
    counts = [f for f in found if f.unit == "count"]
    if not counts:
        return []
    out: list[Figure] = []
    taken = [(f.start, f.end) for f in found] + date_spans
    for m in finditer(_BARE_COUNT, s.text):
        start, end = s.start + m.start("n"), s.start + m.end("n")
        if start <= counts[0].start or any(a < end and start < b for a, b in taken):
            continue
        a = to_number(m.group("n"))
        if a is None or (m.group("n").isdigit() and 1900 <= a <= 2100):
            continue
        out.append(_plain(s, value=a, unit="count", text=m.group("n"), start=start, end=end))
    return out


_RANGE_GROUPS = (("a", "b"), ("pa", "pb"), ("da", "db"), ("qa", "qb"), ("ca", "cb"))


def _split_from_to(m: regex.Match[str], s: Sentence, f: Figure | None) -> list[Figure]:
    """ "from five to nine ministries" is a change, not a range: a before and an after figure.
    ("rates ranging from 17% to 38%" is a range, and stays one.)"""
    if f is None:
        return []
    pre = s.text[max(0, m.start() - 12) : m.start()]
    if f.low == f.high or f.qualifier or not _FROM.search(pre) or _is_range_lead(s.text, m.start()):
        return [f]
    ends = next(((ga, gb) for ga, gb in _RANGE_GROUPS if m.group(ga) is not None and m.group(gb) is not None), None)
    if ends is None:
        return [f]
    ga, gb = ends
    a_end = m.end(ga)
    unit_after_a = _UNIT_AFTER_A.match(s.text[a_end : m.start(gb)])
    if unit_after_a:
        a_end += unit_after_a.end()
    va, vb = to_number(m.group(ga)), to_number(m.group(gb))
    if va is None or vb is None:
        return [f]
    if f.unit in ("USD", "EUR", "GBP", "CNY", "JPY"):
        # money ends carry their scale ("$12 to $15 billion"): the figure's own values have it
        va, vb = f.value if f.value == f.low or f.value == f.high else va, (f.high if f.value == f.low else f.low)
    before = _side(f, s, va, m.start(), a_end, "before")
    # a count's after figure ends where the count's tight span does, at its noun
    after = _side(f, s, cast(float, vb), m.start(gb), f.end - s.start if f.unit == "count" else m.end(), "after")
    return [before, after]


def _side(f: Figure, s: Sentence, value: float, start: int, end: int, role: str) -> Figure:
    """One side of "from X to Y": a change figure of `f`'s metric and unit at `s.text[start:end]`."""
    return Figure(
        metric=f.metric,
        aspect=f.aspect,
        label=f.label,
        value=value,
        low=value,
        high=value,
        low_open=False,
        high_open=False,
        unit=f.unit,
        qualifier=None,
        text=s.text[start:end],
        start=s.start + start,
        end=s.start + end,
        sentence=s.text,
        sentence_start=s.start,
        attribution=None,
        change=True,
        role=role,
    )


def _scaled(digits: str | None, scale: str | None) -> float | None:
    v = to_number(digits or "")
    if v is None:
        return None
    if scale:
        v *= SCALES.get(scale.lower(), 1.0)
    return v


#: Words that make "from X to Y" (or "X and Y") a spread of values, not a move from one to the other:
#: "duties ranging from 7.8% to 35.3%", "rates varied, from 17% to 38%", "between 30.6 and 39 percent".
_RANGE_LEAD = regex.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere|spanning|between)\b,?\s+(?:from\s+)?$", _I
)
_RANGE_GAP = regex.compile(r"^\s*(?:to|and|-|–|—)\s*$", _I)


def _is_range_lead(text: str, start: int) -> bool:
    return bool(_RANGE_LEAD.search(text[max(0, start - 30) : start]))


def _merge_ranges(found: list[Figure], s: Sentence) -> list[Figure]:
    """ "between 30.6 percent and 39 percent", "ranging from 27.7 percent to 34.9 percent": two
    figures of one unit written as the ends of a spread are one range figure."""
    out: list[Figure] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.unit == b.unit
            and a.low == a.high
            and b.low == b.high
            and a.qualifier is None
            and _RANGE_GAP.match(s.text[a.end - s.start : b.start - s.start])
            and _is_range_lead(s.text, a.start - s.start)
        ):
            lo, hi = min(a.value, b.value), max(a.value, b.value)
            a.low, a.high, a.change, a.role = lo, hi, False, None
            a.text = s.text[a.start - s.start : b.end - s.start]
            a.end = b.end
            out.append(a)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _link_before_after(found: list[Figure], s: Sentence) -> None:
    """ "from 30% to 25%": two figures linked as before and after, never a contradiction."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.role == "before" and b.role == "after":
            a.pair, b.pair = i + 1, i
            continue
        gap = s.text[a.end - s.start : b.start - s.start]
        pre = s.text[max(0, a.start - s.start - 12) : a.start - s.start]
        if _TO.match(gap) and _FROM.search(pre) and a.unit == b.unit:
            a.role, b.role = "before", "after"
            a.pair, b.pair = i + 1, i
            a.change = b.change = True
        elif ((_FROM_GAP.match(gap) and _TO_BEFORE.search(pre)) or _UP_FROM.match(gap) or _VERSUS.match(gap)) and (
            a.unit == b.unit
        ):
            # "fell to 10% from 20%": the same change written after-first
            a.role, b.role = "after", "before"
            a.pair, b.pair = i + 1, i
            a.change = b.change = True
    # "12 of the 17 elements, up from seven": the level after a change, not a standing level
    for f in found:
        if f.role is None and _UP_FROM.match(s.text[f.end - s.start :]):
            f.role, f.change = "after", True
    # "from five to nine ministries" arrives as one range; split it into before and after
    for f in found:
        pre = s.text[max(0, f.start - s.start - 12) : f.start - s.start]
        if (
            f.role is None
            and f.low != f.high
            and f.qualifier is None
            and _FROM.search(pre)
            and _TO_WORD.search(f.text)
            and not _is_range_lead(s.text, f.start - s.start)
        ):
            f.role = "range-change"


#: A unit's metric finder: the pattern, its reverse twin, each group's (metric id, aspect), and
#: whether it runs over lower-cased text.
_Finder = tuple[regex.Pattern[str], regex.Pattern[str], dict[str, tuple[str, str]], bool]


_FINDERS: dict[tuple[str, str], _Finder | None] = {}


def _finder(profile: Profile, unit: str) -> _Finder | None:
    """One pattern over every metric word for a unit (and its reverse twin for "before").

    A single search finds the nearest metric word after the figure, a reverse search the nearest
    before it; at equal distance the metric listed first in the profile wins.
    """
    key = (profile.digest, unit)
    if key not in _FINDERS:
        parts: list[str] = []
        names: dict[str, tuple[str, str]] = {}
        for metric in profile.metrics:
            if unit not in metric.units and not (unit in ("week", "day") and "month" in metric.units):
                continue
            for aspect, rx in metric.aspects:
                name = f"g{len(names)}"
                names[name] = (metric.id, aspect)
                parts.append(f"(?P<{name}>{rx.pattern})")
        if not parts:
            _FINDERS[key] = None
        else:
            src = "|".join(parts)
            # metric words that name no capital run case-sensitively over lower-cased text
            lower = on_lower(regex.compile(src, _I)) is not None
            flags = regex.VERSION1 if lower else _I
            _FINDERS[key] = (regex.compile(src, flags), regex.compile(src, flags | regex.REVERSE), names, lower)
    return _FINDERS[key]


#: Where a clause ends: a figure's metric words are looked for inside its own clause only.
_CLAUSE_END = regex.compile(r"[;:]|\s[—–]\s|,\s+(?:which|while|but|although|though|whereas|meaning|so)\b", _I)


_LIST_ITEM = regex.compile(r",|\b(?:and|or)\b", _I)
#: A figure's own words stop at a comma or semicolon: what follows is the next item of a list.
_NEXT_ITEM = regex.compile(r"^\W*(?:[,;]|(?:and|or)\b)", _I)
_LABEL_BEFORE = regex.compile(r"^\s*[\p{L}][\p{L}\p{N} .'’&()-]{0,40}:\s*$")


def _assign_metric(f: Figure, sentence: str, prev_end: int, next_start: int, profile: Profile) -> None:
    """The profile metric whose words sit nearest the figure in its clause (after preferred)."""
    fs, fe = f.start - f.sentence_start, f.end - f.sentence_start
    before, after = _own_words(sentence, fs, fe, prev_end, next_start)
    finder = _finder(profile, f.unit)
    best = _nearest_metric(f, sentence, before, after, prev_end, finder, profile) if finder is not None else None
    if best is not None:
        f.metric, f.aspect = best[1], best[2]
        metric = profile.metric(best[1])
        f.label = metric.label if metric else best[1]
    else:
        f.label = other_label(sentence, fs, fe, f.unit)


def _own_words(sentence: str, fs: int, fe: int, prev_end: int, next_start: int) -> tuple[str, str]:
    """The words of the figure's clause before and after it, up to the figures beside it."""
    after = sentence[fe:next_start]
    cut = _CLAUSE_END.search(after)
    if cut:
        after = after[: cut.start()]
    before = sentence[prev_end:fs]
    if not _LABEL_BEFORE.match(before):  # "Geely: 19.9%": a label and its value, not two clauses
        cut = _last(_CLAUSE_END.finditer(before))
        if cut:
            before = before[cut.end() :]
    if prev_end:
        # "a 10% base duty and a 20.7% additional duty": the words before "and" are the last item's
        item = _last(regex.finditer(_LIST_ITEM, before))
        if item:
            before = before[item.end() :]
    return before, after


def _nearest_metric(
    f: Figure, sentence: str, before: str, after: str, prev_end: int, finder: _Finder, profile: Profile
) -> tuple[int, str, str] | None:
    """(distance, metric id, aspect) of the metric words nearest the figure: a count's own noun,
    else the words after it, unless those before are nearer; else, for "70 percent of the global
    total", those of the quantity named just before."""
    fwd, rev, names, lower = finder
    low = lower_same_length if lower else str
    skip = _RuledOut(f, before, after, profile)
    best: tuple[int, str, str] | None = None
    if f.unit == "count":
        m = search(fwd, low(f.text))
        if m:
            best = (-1, *names[str(m.lastgroup)])
    if best is None:
        m = _first(fwd, low(after), names, skip)
        if m:
            best = (m.start(), *names[str(m.lastgroup)])
            # in a list ("90% of processing and 93% of magnet output") the words before "and"
            # belong to the item before; the figure's own words follow it
            item = _last(regex.finditer(_LIST_ITEM, before))
            if item:
                before = before[item.end() :]
        mb = _first(rev, low(before), names, skip)
        if mb and (best is None or len(before) - mb.end() + 12 < best[0] or _NEXT_ITEM.search(after[: best[0]])):
            # "BYD at 17.4%, Geely at 20%": words after a comma belong to the next item of the list
            best = (len(before) - mb.end() + 12, *names[mb.lastgroup])
    if best is None and _OF_TOTAL.match(after) and prev_end:
        # "270,000 tonnes in 2024, almost 70 percent of the global total": a share of the quantity
        # just named measures what that quantity measures
        lead = sentence[:prev_end]
        cut = _last(_CLAUSE_END.finditer(lead))
        mb = _first(rev, low(lead[cut.end() :] if cut else lead), names, skip)
        if mb:
            best = (0, *names[mb.lastgroup])
    return best


#: "almost 70 percent of the global total": a share of a quantity named just before it
_OF_TOTAL = regex.compile(r"\s*of (?:the )?(?:global|world(?:'s|’s)?|worldwide|total)\b(?: \w+)?", _I)
#: Where the figure's subject and object end for `not_near`: the words after it up to a comma.
_PHRASE_END = regex.compile(r"[,;:]")


class _RuledOut:
    """Metrics this figure cannot be, worked out only for the metrics its words point to: a
    movement for a level-only metric ("copper prices rose 4%" is no share), or a metric whose
    `not_near` words name the figure's own subject or object ("Japan's imports", "Lynas, the
    largest producer outside China")."""

    __slots__ = ("_after", "_before", "_f", "_profile", "_scope", "_seen")

    def __init__(self, f: Figure, before: str, after: str, profile: Profile) -> None:
        self._f, self._before, self._after, self._profile = f, before, after, profile
        self._scope: str | None = None
        self._seen: dict[str, bool] = {}

    def __call__(self, metric_id: str) -> bool:
        if metric_id not in self._seen:
            self._seen[metric_id] = self._rule(metric_id)
        return self._seen[metric_id]

    def _rule(self, metric_id: str) -> bool:
        metric = self._profile.metric(metric_id)
        if metric is None:
            return False
        if not metric.changes and self._f.change and self._f.role is None:
            return True
        if not metric.levels and not self._f.change:
            return True
        if metric.context is not None and not search(metric.context, self._f.sentence):
            return True
        if metric.not_near is None:
            return False
        if self._scope is None:
            stop = _PHRASE_END.search(self._after)
            self._scope = self._before + " " + (self._after[: stop.start()] if stop else self._after)
        return bool(search(metric.not_near, self._scope))


def _first(rx: regex.Pattern[str], text: str, names: dict[str, tuple[str, str]], ruled: _RuledOut):
    """The first match of a metric finder whose metric is not ruled out."""
    m = search(rx, text)
    if m is None or not ruled(names[str(m.lastgroup)][0]):
        return m
    for m in finditer(rx, text):
        if not ruled(names[str(m.lastgroup)][0]):
            return m
    return None


def _last(matches: Iterator[regex.Match[str]]) -> regex.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007 - only the last one is wanted
        pass
    return last


#: "trade data compiled by analysts at Benchmark" names Benchmark: the party, not the phrase.
_PARTY = regex.compile(
    r"^(?:[\w ]*?\b(?:data|figures|statistics|estimates|numbers)\b[\w ]*? "
    r"(?:compiled|published|gathered|collected|released|produced|provided) by "
    r"|[\w ]*?\b(?:data|figures|statistics|estimates|numbers) (?:from|of) )?"
    r"(?:(?:analysts|researchers|economists|experts|officials) (?:at|from|with) )?(?P<p>.+)$",
    _I,
)


_OWNER = regex.compile(r"['’]s$")
#: The words an attribution with a party inside it has; most ("Reuters", "USGS") have none.
_PARTY_WORDS = regex.compile(r" (?:by|from|of|at|with) ", regex.I)


#: Words without which an attribution pattern cannot match, so it is not tried ("data from X").
#: Words without which an attribution shape cannot match, so it is not tried: "data from the
#: General Administration of Customs", "by industry estimates".
_ATTRIBUTION_GATES = {
    _DATA_FROM: ("data", "figures", "statistics", "numbers", "estimates"),
    _BY_ESTIMATES: ("estimates", "reckoning", "count", "calculations"),
}


def _attribution(sentence: str) -> str | None:
    low: str | None = None
    for rx in _ATTRIBUTION:
        gate = _ATTRIBUTION_GATES.get(rx)
        if gate is not None:
            low = sentence.lower() if low is None else low
            if not any(w in low for w in gate):
                continue
        m = search(rx, sentence)
        if not m:
            continue
        a = m.group("a").strip(" '\"“”‘’").rstrip(".,;:")
        party = _PARTY.match(a) if _PARTY_WORDS.search(a) else None
        if party and party.group("p") != a and party.group("p")[:1].isupper():
            a = party.group("p")  # one party counts once, however its data is introduced
        a = _OWNER.sub("", a)
        a = _LEADING_THE.sub("", a)
        words = a.split()
        if not words or _ATTR_STOP.match(words[0]) or len(words) > 7:
            continue
        return a
    return None


__all__ = ["WORD_NUMBER", "Figure", "extract_figures"]
