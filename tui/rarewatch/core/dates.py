"""Finding dates in article text, as precise as the text is and no more.

The same finder serves the metadata (when was this published?), the timeline (which events are
dated when?) and the figure extractor (numbers inside dates are not figures). Partial dates stay
partial ("October 2022" is "2022-10"); dates without a year and relative dates ("on Saturday",
"last month") are resolved against the article's own date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, cast

import regex

from rarewatch.core.patterns import lower_same_length

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# The patterns run over a lower-cased copy of the text with the standard library's engine, which
# is several times faster here than case-insensitive `regex`; the groups are read back from the
# original text by offset, where case still matters ("May" the month, "may" the verb). They are
# ours, not the user's, and have no nested repetition, so they need no time limit.
_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "2025-11-11", "2026/04/20 11:39", also glued to a word before it ("Mining.com2026/04/20")
    (
        "iso",
        re.compile(
            rf"(?<![\d/.-]){_YEAR}(?P<isep>[-/])(?P<m>[01]?\d)(?P=isep)(?P<d>[0-3]?\d)(?:[t ]\d\d:\d\d(?::\d\d)?\S*)?\b"
        ),
    ),
    ("num", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b")),
    ("mdy", re.compile(rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b")),
    # "4 December 2025", "4. Dec 2025" (the day-first header of many European sites)
    ("dmy", re.compile(rf"\b(?:{_WD},?\s+)?{_DAY}\.?(?:\s+of)?\s+{_MON},?\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late)[\s-])?{_MON},?\s+(?:of\s+)?{_YEAR}\b")),
    # "November next year", "November 10 next year", "10 November next year"
    (
        "mny",
        re.compile(
            rf"\b(?:{_DAY}\s+(?:of\s+)?)?{_MON}(?:\s+(?P<day2>[0-3]?\d)\b)?,?\s+(?P<rel>next|last|this)\s+year\b"
        ),
    ),
    # month and day on one line ("January.\n\n09:47 GMT" is a sentence end and a clock time)
    ("md", re.compile(rf"\b(?:{_WD},?\s+)?{_MON}[^\S\n]+{_DAY}\b(?!\s*(?:%|percent|,\s*\d)|:\d)")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b")),
    ("mpart", re.compile(rf"\b(?P<part>early|mid|late|end of|beginning of|mid-)[\s-]?{_MON}\b")),
    (
        "mon",
        re.compile(
            rf"\b(?P<pre>in|since|by|until|from|during|last|this|next|early|late|mid|before|after|on)\s+(?P<the>the\s+)?{_MON}\b(?!\s+\d)"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:(?:in|since|by|until|from|during|before|after|of|early|late|mid-?|throughout)\s+(?:the\s+)?(?:year\s+)?"
            rf"|(?:early|mid|late|end)-){_YEAR}\b(?!\s*(?:%|percent|tonnes|tons|people|units|\d))"
        ),
    ),
    ("wd", re.compile(rf"\b(?P<rel>on|last|this|next|past|since|by|until|early|late)\s+{_WD}\b")),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>yesterday|today|last week|this week|earlier this week|earlier this month|last month|this month|next month|last year|this year|earlier this year|next year|next week)\b"
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class _Raw:
    """One pattern's match, its groups read from the original text."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]
    starts: dict[str, int]


#: Patterns that cannot match without a month name are only run near one.
_NEEDS_MONTH = frozenset({"mdy", "dmy", "my", "mny", "md", "dm", "mpart", "mon"})
_MONTH_TOKEN = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
#: How far a month-based match reaches around its month name ("wednesday, 30th of " before,
#: " 30th, 2025" after), with room to spare for the look-arounds.
_REACH = 48
#: Patterns skipped outright when none of these words is in the text.
_NEEDS_WORD = {
    "wd": ("day",),
    "rel": ("today", "yesterday", "week", "month", "year"),
    "num": ("/", "."),
}


def _windows(low: str) -> list[tuple[int, int]]:
    """Stretches of the text around month names, merged where they touch."""
    out: list[tuple[int, int]] = []
    for m in _MONTH_TOKEN.finditer(low):
        a, b = max(0, m.start() - _REACH), min(len(low), m.start() + _REACH)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


@functools.lru_cache(maxsize=2)
def _raw_matches(text: str) -> tuple[_Raw, ...]:
    """Every pattern's matches in priority order; what they resolve to depends on the reference date.

    Month-based patterns run only around month names, and the others only when a word they need
    is there: the same matches as a search of the whole text, at a fraction of the cost. Cached
    because an undated article is searched twice: once for its latest full date, once with that
    date as reference.
    """
    low = lower_same_length(text)
    whole = [(0, len(low))]
    months = _windows(low)
    out = []
    for kind, rx in _PATTERNS:
        if kind in _NEEDS_WORD and not any(w in low for w in _NEEDS_WORD[kind]):
            continue
        for a, b in months if kind in _NEEDS_MONTH else whole:
            for m in rx.finditer(low, a, b):
                spans = {name: m.span(name) for name in rx.groupindex}
                groups = {name: text[x:y] if x >= 0 else None for name, (x, y) in spans.items()}
                out.append(_Raw(kind, m.start(), m.end(), groups, {name: x for name, (x, _) in spans.items()}))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    kind: str  # absolute | partial | inferred | relative


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(y, m, d).isoformat()
        if m is not None:
            if not 1 <= m <= 12:
                return None
            return f"{y:04d}-{m:02d}"
        return f"{y:04d}"
    except ValueError:
        return None


#: A date written without its year is taken as the latest one no later than this many days
#: after the article's own date: reports mostly look back, and name the year when they look ahead.
LOOKAHEAD_DAYS = 45


#: "will meet again in April": a date in a clause about the future lies ahead of the article
_FUTURE = regex.compile(
    r"\b(?:will|would|shall|is due to|are due to|is set to|are set to|is scheduled to|are scheduled to|is expected to|"
    r"are expected to|plans? to|planning to)\b(?P<gap>[^.!?,;]{0,40})$",
    regex.I,
)
_PAST_PARTICIPLE = regex.compile(r"\w{2,}ed\b|\b(?:taken|given|chosen|written|begun|seen|made)\b")


def _ahead(text: str, start: int) -> bool:
    f = _FUTURE.search(text, max(0, start - 60), start)
    # "will review the rules introduced in April": a past participle in between dates the past
    return f is not None and not _PAST_PARTICIPLE.search(f.group("gap"))


def _nearest_year(month: int, day: int | None, ref: dt.date | None) -> int | None:
    """The year of a month/day written without one, relative to the article's date."""
    if ref is None:
        return None
    for y in (ref.year + 1, ref.year, ref.year - 1):
        try:
            d = dt.date(y, month, day or 1)
        except ValueError:
            continue
        if (d - ref).days <= LOOKAHEAD_DAYS:
            return y
    return ref.year - 1


def find_dates(
    text: str, ref: dt.date | None = None, *, day_first: bool = False, yearless: bool = False
) -> list[DateMention]:
    """All date mentions in `text`; where matches overlap, the earlier pattern in the list wins.

    With no `ref`, a day and month without a year ("on Oct 30") is dropped, or with `yearless`
    kept as "--10-30" (ISO 8601's form for a day of no stated year), for the folder to date.
    """
    found: list[DateMention] = []
    covered = bytearray(len(text) + 1)
    for m in _raw_matches(text):
        s, e = m.start, m.end
        if any(covered[s:e]):
            continue
        mention = _resolve(m.kind, m.groups, ref, day_first, text, m.start, yearless)
        if mention is None:
            continue
        value, how = mention
        kind = m.kind
        # Keep the span tight for prepositional patterns: only the date words.
        if kind == "year":
            s = m.starts["year"]
        elif kind == "mon":
            s = m.starts["mon"]
        elif kind == "wd" and (m.groups["rel"] or "").lower() in ("on", "since", "by", "until"):
            s = m.starts["wd"]
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        found.append(DateMention(s, e, text[s:e], value, how))
    found.sort(key=lambda d: d.start)
    return found


class _Found(NamedTuple):
    """One pattern's match to resolve, with what its value may depend on."""

    g: dict[str, str | None]
    ref: dt.date | None
    day_first: bool
    text: str
    start: int
    yearless: bool


def _resolve(
    kind: str,
    g: dict[str, str | None],
    ref: dt.date | None,
    day_first: bool,
    text: str,
    start: int,
    yearless: bool = False,
) -> tuple[str, str] | None:
    """The value ("YYYY[-MM[-DD]]", or "--MM-DD" for a day of no year) and kind of one match,
    read by its pattern's resolver; None when the words are no date after all ("may 5" the verb)
    or nothing dates them (a weekday in an article with no date)."""
    return _RESOLVERS[kind](_Found(g, ref, day_first, text, start, yearless))


def _group(g: dict[str, str | None], name: str) -> str:
    """A group its pattern always fills."""
    return cast(str, g[name])


def _month(g: dict[str, str | None]) -> int:
    return MONTHS[_group(g, "mon").lower().rstrip(".")]


def _absolute(v: str | None) -> tuple[str, str] | None:
    return (v, "absolute") if v else None


def _iso_date(f: _Found) -> tuple[str, str] | None:
    """ "2025-11-11", "2026/04/20 11:39"."""
    return _absolute(_iso(int(_group(f.g, "year")), int(_group(f.g, "m")), int(_group(f.g, "d"))))


def _numeric_date(f: _Found) -> tuple[str, str] | None:
    """ "11/03/2025": a part over 12 is the day; else dots (or `day_first`) put the day first and
    slashes the month, as American pages write it."""
    a, b, y = int(_group(f.g, "a")), int(_group(f.g, "b")), int(_group(f.g, "year"))
    if a > 12:
        d, mo = a, b
    elif b > 12:
        mo, d = a, b
    elif f.g["sep"] == "." or f.day_first:
        d, mo = a, b
    else:
        mo, d = a, b
    return _absolute(_iso(y, mo, d))


def _full_date(f: _Found) -> tuple[str, str] | None:
    """ "November 2, 2025", "4 December 2025"."""
    return _absolute(_iso(int(_group(f.g, "year")), _month(f.g), int(_group(f.g, "day"))))


def _month_year(f: _Found) -> tuple[str, str] | None:
    """ "October 2022" stays as precise as it is written: "2022-10"."""
    v = _iso(int(_group(f.g, "year")), _month(f.g))
    return (v, "partial") if v else None


def _month_day(f: _Found) -> tuple[str, str] | None:
    """ "Oct 30": "may 5" is far more often a verb and a number than a date."""
    mon = _group(f.g, "mon")
    if mon.lower() == "may" and not f.g.get("wd") and not mon[0].isupper():
        return None
    return _day_month(f)


def _day_month(f: _Found) -> tuple[str, str] | None:
    """ "30 October": the latest such day not well after the article's date, or the next one in a
    clause about the future ("will meet again on March 3")."""
    mon, day, ref = _month(f.g), int(_group(f.g, "day")), f.ref
    if ref is None:
        # 2000 is a leap year: "February 29" is a day of some year
        return (f"--{mon:02d}-{day:02d}", "yearless") if f.yearless and _iso(2000, mon, day) else None
    y = _nearest_year(mon, day, ref)
    if y is None:
        return None
    if _ahead(f.text, f.start) and (mon, day) < (ref.month, ref.day):
        y = ref.year + 1
    v = _iso(y, mon, day)
    return (v, "inferred") if v else None


#: Month abbreviations that are also common words in lower case ("mar", "jun", "sep", "dec").
_SHORT_MONTHS = ("mar", "jun", "jul", "aug", "sep", "dec", "jan", "feb", "apr", "oct", "nov")


def _month_alone(f: _Found) -> tuple[str, str] | None:
    """ "in April", "late October", "next November": a month of the year around the article's date,
    only when written as a month (capitalised)."""
    word = _group(f.g, "mon")
    if word.lower() == "may" and not word[0].isupper():
        return None
    if word.lower() in _SHORT_MONTHS and not word[0].isupper():
        return None
    mon, ref = _month(f.g), f.ref
    y = _nearest_year(mon, None, ref)
    if y is None:
        return None
    pre = (f.g.get("pre") or "").lower()
    if ref is not None and _ahead(f.text, f.start) and pre != "last":
        y = ref.year if mon >= ref.month else ref.year + 1
    if ref is not None and pre == "next":  # "next November": the first one after this month
        y = ref.year if mon > ref.month else ref.year + 1
    elif ref is not None and pre == "last":
        y = ref.year if mon < ref.month else ref.year - 1
    return (_iso(y, mon) or "", "inferred")


def _month_of_a_named_year(f: _Found) -> tuple[str, str] | None:
    """ "November next year", "10 November this year"."""
    if f.ref is None or not _group(f.g, "mon")[0].isupper():  # "prices may this year ..." is a verb
        return None
    mon = _month(f.g)
    y = f.ref.year + {"next": 1, "last": -1}.get(_group(f.g, "rel").lower(), 0)
    day = f.g.get("day") or f.g.get("day2")
    v = _iso(y, mon, int(day)) if day else _iso(y, mon)
    return (v, "relative") if v else None


def _year(f: _Found) -> tuple[str, str] | None:
    """ "in 2019", "mid-2026"."""
    return (_group(f.g, "year"), "partial")


def _weekday(f: _Found) -> tuple[str, str] | None:
    """ "on Saturday": the latest such day up to the article's date; "next Monday" the first after."""
    ref = f.ref
    if ref is None:
        return None
    wd = WEEKDAYS[_group(f.g, "wd").lower()]
    rel = _group(f.g, "rel").lower()
    back = (ref.weekday() - wd) % 7
    if rel == "next":
        fwd = (wd - ref.weekday()) % 7 or 7
        return ((ref + dt.timedelta(days=fwd)).isoformat(), "relative")
    if rel in ("last", "past") and back == 0:
        back = 7
    return ((ref - dt.timedelta(days=back)).isoformat(), "relative")


def _month_from(ref: dt.date, step: int) -> str:
    """The month `step` months (-1, 0 or 1) from the reference date's, as "YYYY-MM"."""
    y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
    return f"{y:04d}-{mo + 1:02d}"


#: Words that date relative to the article's own date, each with the period it names.
_RELATIVE: dict[str, Callable[[dt.date], str]] = {
    "yesterday": lambda ref: (ref - dt.timedelta(days=1)).isoformat(),
    "today": lambda ref: ref.isoformat(),
    "this week": lambda ref: (ref - dt.timedelta(days=ref.weekday())).isoformat()[:10],
    "earlier this week": lambda ref: (ref - dt.timedelta(days=ref.weekday())).isoformat()[:10],
    "last week": lambda ref: (ref - dt.timedelta(days=ref.weekday() + 7)).isoformat(),
    "next week": lambda ref: (ref + dt.timedelta(days=7 - ref.weekday())).isoformat(),
    "this month": lambda ref: _month_from(ref, 0),
    "earlier this month": lambda ref: _month_from(ref, 0),
    "last month": lambda ref: _month_from(ref, -1),
    "next month": lambda ref: _month_from(ref, 1),
    "this year": lambda ref: f"{ref.year:04d}",
    "earlier this year": lambda ref: f"{ref.year:04d}",
    "last year": lambda ref: f"{ref.year - 1:04d}",
    "next year": lambda ref: f"{ref.year + 1:04d}",
}


def _relative(f: _Found) -> tuple[str, str] | None:
    """ "yesterday", "last month", "earlier this year", measured from the article's date."""
    if f.ref is None:
        return None
    period = _RELATIVE.get(_group(f.g, "rel").lower())
    return (period(f.ref), "relative") if period else None


#: Each pattern of `_PATTERNS` by kind, and what its matches mean.
_RESOLVERS: dict[str, Callable[[_Found], tuple[str, str] | None]] = {
    "iso": _iso_date,
    "num": _numeric_date,
    "mdy": _full_date,
    "dmy": _full_date,
    "my": _month_year,
    "md": _month_day,
    "dm": _day_month,
    "mpart": _month_alone,
    "mon": _month_alone,
    "mny": _month_of_a_named_year,
    "year": _year,
    "wd": _weekday,
    "rel": _relative,
}


def date_yearless(value: str, ref: dt.date) -> str | None:
    """A "--MM-DD" day given the year it most likely fell in, seen from `ref` (the newest article
    of the folder): the nearest such day that is not well after it."""
    month, day = int(value[2:4]), int(value[5:7])
    y = _nearest_year(month, day, ref)
    return _iso(y, month, day) if y is not None else None


def parse_date(text: str, *, day_first: bool = False) -> str | None:
    """The first full date in a metadata string ("Published: 11/03/2025, 05:38 EST")."""
    for d in find_dates(text, None, day_first=day_first):
        if len(d.value) == 10:
            return d.value
    return None


def to_date(value: str) -> dt.date:
    """A date for a "YYYY[-MM[-DD]]" value, at the start of the period."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(parts[0], parts[1], parts[2])
