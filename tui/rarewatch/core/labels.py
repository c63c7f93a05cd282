"""Short noun-phrase labels for figures that belong to no metric of the profile.

Such a figure still needs a name in the reader, the exports and the brief, and "to", "out" or
"had reached a one-year agreement on" are not names. Without a tagger (none is light enough to
ship offline), the label is read from the words around the figure with English function words
as the boundaries of a phrase: "of X" after the figure names what it is a share of ("0.1% of
Chinese-origin material"); otherwise the nearest words before it, cut at a verb or a
preposition ("exports of rare-earth magnets totaled 45,290 tons"). A phrase without a content
word is no label, and the figure is then named by its kind of quantity ("a share or rate").
These are words of the English language, not of any story, so they live here and not in a
profile.
"""

from __future__ import annotations

import regex

#: Words that end a noun phrase read leftwards from a figure, or start one read rightwards.
_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "some",
        "any",
        "each",
        "every",
        "no",
        "all",
        "both",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "within",
        "since",
        "until",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "around",
        "after",
        "before",
        "between",
        "through",
        "during",
        "without",
        "per",
        "via",
        "than",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "because",
        "though",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "n't",
        "only",
        "just",
        "nearly",
        "almost",
        "roughly",
        "approximately",
        "more",
        "less",
        "fewer",
        "most",
        "least",
        "up",
        "down",
        "out",
        "off",
        "also",
        "still",
        "even",
        "ever",
        "already",
        "again",
        "then",
        "there",
        "here",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "i",
        "who",
        "which",
        "whose",
        "what",
        "where",
        "why",
        "how",
        "set",
        "reached",
        "totaled",
        "totalled",
        "rose",
        "fell",
        "climbed",
        "slipped",
        "dropped",
        "jumped",
        "grew",
        "added",
        "boosted",
        "saw",
        "post",
        "posted",
        "assigned",
        "received",
        "imposed",
        "levied",
        "face",
        "facing",
        "said",
        "says",
        "say",
        "told",
        "argued",
        "noted",
        "showed",
        "shows",
        "show",
        "stood",
        "stands",
        "stand",
        "hit",
        "hits",
        "reaching",
        "ranging",
        "including",
        "according",
        "earlier",
        "later",
        "ago",
        "next",
        "last",
        "past",
        "little",
        "above",
        "below",
        "it's",
        "that's",
        "there's",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
#: Verbs and prepositions that, inside the words before a figure, end the phrase that names it.
_WORD = regex.compile(r"[\p{L}][\p{L}'’-]*")
#: What a figure with no readable phrase is, by its unit.
_KIND = {
    "%": "a share or rate",
    "USD": "an amount",
    "EUR": "an amount",
    "year": "a length of time",
    "month": "a length of time",
    "week": "a length of time",
    "day": "a length of time",
    "hour": "a length of time",
    "minute": "a length of time",
}
MAX_WORDS = 5
_NUMBER_WORD = regex.compile(
    r"(?i)^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions)$"
)


def _content(word: str) -> bool:
    return len(word) > 2 and word.lower() not in _FUNCTION


def _after(tail: str) -> str:
    """ "of X Y" right after the figure: what it is a share or count of ("in June" is when, not what)."""
    words = _WORD.findall(tail[:80])
    m = regex.match(r"\s*of\s", tail)
    if not m or len(words) < 2:
        return ""
    out: list[str] = []
    for w in words[1:]:
        if w.lower() in _FUNCTION and out:
            break
        if w.lower() in _FUNCTION:
            continue
        out.append(w)
        if len(out) == MAX_WORDS:
            break
    return " ".join(out)


def _before(head: str) -> str:
    """The nearest words before the figure that name something, cut at a verb or preposition."""
    clause = regex.split(r"[,;:()—–\"“”]|\s-\s", head[-120:])[-1]
    words = _WORD.findall(clause)
    # drop what stands between the phrase and the figure ("exports of magnets totaled", "rose to")
    while words and not _content(words[-1]):
        words.pop()
    out: list[str] = []
    for w in reversed(words):
        if w.lower() in _FUNCTION and w.lower() != "of":
            break
        if len(w) > 4 and w.lower().endswith("ed"):  # "accepted price undertakings", "boomed"
            break
        out.insert(0, w)
        if len(out) == MAX_WORDS:
            break
    while out and out[0].lower() == "of":
        out.pop(0)
    return " ".join(out)


def other_label(sentence: str, start: int, end: int, unit: str | None) -> str:
    """A short noun phrase for the figure at sentence[start:end], never a clause fragment."""
    if unit == "count":
        # "34 European producers", "two countries": a count names what it counts
        counted = [w for w in _WORD.findall(sentence[start:end]) if _content(w) and not _NUMBER_WORD.match(w)]
        if counted:
            return " ".join(counted[-MAX_WORDS:])
    for phrase in (_after(sentence[end:]), _before(sentence[:start])):
        if phrase and any(_content(w) for w in phrase.split()):
            return phrase
    return _KIND.get(unit or "", "a quantity")
