"""Splitting cleaned article text into sentences with character offsets.

Offsets point into the cleaned text so that every figure, date and hedge can be highlighted in
the reader. Lines are hard boundaries (headings, bullets and one-line paragraphs are sentences of
their own); inside a line a full stop ends a sentence unless it belongs to an abbreviation
("U.S.", "Oct.", "No. 70", initials such as "J. R.").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_ABBREV = {
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "us",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "st",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "no",
    "nos",
    "vs",
    "v",
    "etc",
    "e.g",
    "i.e",
    "approx",
    "est",
    "dept",
    "fig",
    "vol",
    "pp",
    "p",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "fri",
    "sat",
    "sun",
    "a.m",
    "p.m",
    "mt",
    "ft",
    "capt",
    "sgt",
    "adm",
    "rev",
    "hon",
    "pres",
}
# Candidate ends: terminal punctuation, optional closing quotes/brackets, then space.
_END = regex.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_BULLET = regex.compile(r"^\s*(?:[-*•·▪●◦]|\d{1,2}[.)])\s+")
_INLINE_BULLET = regex.compile(r"[-•–]\s+\p{Lu}")
_LEADING_BULLET = regex.compile(r"\s*[-•–]\s+(?=\p{Lu})")
_ACRONYM = regex.compile(r"(?:\w\.)+\w")
#: The word before a full stop, read backwards from it (a forward search would rescan the line).
_WORD_BEFORE = regex.compile(r"([\w.]+)$", regex.REVERSE)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order; `text[s.start:s.end] == s.text` for each."""
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        _split_line(line, pos, out)
        pos += len(line) + 1
    return out


def _split_line(line: str, offset: int, out: list[Sentence]) -> None:
    start = 0
    m = _BULLET.match(line)
    if m:
        start = m.end()
    for end in _ends(line, start):
        _emit(line, start, end, offset, out)
        start = end
    _emit(line, start, len(line), offset, out)


def _ends(line: str, start: int) -> list[int]:
    ends = []
    for m in _END.finditer(line, start):
        if m.group().startswith(".") and _is_abbreviation(line, m.start()) and not _place_ends(line, m):
            continue
        rest = line[m.end() :].lstrip()
        if _INLINE_BULLET.match(rest):
            ends.append(m.end())
            continue
        nxt = rest[:1]
        # A sentence starts with a capital, a digit, a quote or an opening bracket.
        if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([¿¡"):
            continue
        ends.append(m.end())
    return ends


#: Abbreviations that can end a sentence ("... tariffs on the U.S. The ministry said ...",
#: "... at 10 a.m. It said ...", "... Northfield Magnetics Inc. The company ...").
_PLACES = {"u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "inc", "corp", "ltd", "co", "etc"}
#: Words that open a sentence but never follow "U.S." inside one ("U.S. Treasury" does).
_OPENS = regex.compile(
    r"(?:The|It|Its|He|She|They|We|I|But|And|However|This|That|These|Those|There|A|An|In|On|At|"
    r"His|Her|Their|Our|Meanwhile|Still|Yet|So|If|When|While|Some|Many|Analysts|Officials)\b"
)


def _place_ends(line: str, m: regex.Match[str]) -> bool:
    w = _WORD_BEFORE.search(line, 0, m.start())
    return bool(w and w.group(1).lower().strip(".") in _PLACES and _OPENS.match(line[m.end() :].lstrip()))


def _is_abbreviation(line: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(line, 0, dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in _ABBREV:
        return True
    # Single initials ("J. R. Smith") and dotted acronyms ("U.S.A.")
    return (len(word) == 1 and word.isalpha()) or bool(_ACRONYM.fullmatch(word))


def _emit(line: str, start: int, end: int, offset: int, out: list[Sentence]) -> None:
    seg = line[start:end]
    bullet = _LEADING_BULLET.match(seg)
    if bullet and start > 0:
        start += bullet.end()
        seg = line[start:end]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if not seg or not any(c.isalnum() for c in seg):
        return
    s = offset + start + lead
    out.append(Sentence(s, s + len(seg), seg))
