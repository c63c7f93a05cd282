"""Reading numbers as reporters write them: digits, words, scales, hedges.

Shared by the figure extractor and anything else that needs "12 to 24", "two", "1.5bn" or
"more than" turned into values and intervals. Pure English; nothing topic-specific.
"""

from __future__ import annotations

import regex

WORD_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "half": 0.5,
    "a half": 0.5,
    "a": 1,
    "an": 1,
    "single": 1,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
WORD_NUMBER = (
    rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    rf"seventeen|eighteen|nineteen|ten|{_UNITS}|a dozen|dozen|a hundred|hundred)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"

#: Hedges before a number, longest first, with the interval they turn the number into.
QUALIFIERS: dict[str, str] = {}
for words, kind in [
    (
        [
            "well over",
            "well above",
            "just over",
            "just above",
            "more than",
            "over",
            "above",
            "in excess of",
            "upwards of",
            "north of",
            "exceeding",
            "greater than",
        ],
        "over",
    ),
    (["at least", "no less than", "a minimum of"], "at least"),
    (["nearly", "almost", "close to", "just under", "just below", "just shy of", "barely"], "nearly"),
    (
        [
            "about",
            "around",
            "roughly",
            "approximately",
            "approx.",
            "some",
            "an estimated",
            "estimated",
            "circa",
            "an approximate",
            "or so",
        ],
        "about",
    ),
    (["up to", "at most", "no more than", "as much as", "as many as", "as high as"], "up to"),
    (["less than", "fewer than", "under", "below", "well under", "well below", "lower than"], "under"),
]:
    for w in words:
        QUALIFIERS[w] = kind

QUALIFIER_RX = regex.compile(
    r"(?:^|(?<=\W))(?P<q>" + "|".join(regex.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$",
    regex.I,
)

#: Relative half-width of an "about" interval.
ABOUT_TOLERANCE = 0.02


def to_number(token: str) -> float | None:
    t = token.strip().lower().replace(",", "")
    if not t:
        return None
    try:
        return float(t)
    except ValueError:
        pass
    if t in WORD_VALUES:
        return float(WORD_VALUES[t])
    if "-" in t:
        a, _, b = t.partition("-")
        if a in WORD_VALUES and b in WORD_VALUES:
            return float(WORD_VALUES[a] + WORD_VALUES[b])
    return None


def interval(
    value: float, qualifier: str | None, *, cap: float | None = None
) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low_open, high_open) for a stated value and its hedge.

    None means unbounded. Open ends matter: "under an hour" and "well over an hour" share no
    point, so they disagree.
    """
    kind = QUALIFIERS.get((qualifier or "").lower())
    if kind == "over":
        return value, cap, True, False
    if kind == "at least":
        return value, cap, False, False
    if kind == "nearly":
        return value * 0.9, value, False, True
    if kind == "about":
        return value * (1 - ABOUT_TOLERANCE), value * (1 + ABOUT_TOLERANCE), False, False
    if kind == "up to":
        return 0.0, value, False, False
    if kind == "under":
        return 0.0, value, False, True
    return value, value, False, False


def overlaps(a: tuple, b: tuple) -> bool:
    """Whether two (low, high, low_open, high_open) intervals share a point."""
    alo, ahi, alo_open, ahi_open = a
    blo, bhi, blo_open, bhi_open = b
    alo = float("-inf") if alo is None else alo
    blo = float("-inf") if blo is None else blo
    ahi = float("inf") if ahi is None else ahi
    bhi = float("inf") if bhi is None else bhi
    if ahi < blo or bhi < alo:
        return False
    if ahi == blo and (ahi_open or blo_open):
        return False
    return not (bhi == alo and (bhi_open or alo_open))
