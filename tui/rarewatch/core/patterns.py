"""Running patterns under a time limit.

Article text is untrusted and profiles are user-written, so a pattern with catastrophic
backtracking must not hang a scan. Every search in the core goes through these helpers, which
pass the `regex` module's timeout; the article is then flagged and skipped by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

#: Seconds any single search may take on one piece of text.
TIMEOUT = 1.0


class PatternTimeout(RuntimeError):
    """A pattern ran past TIMEOUT on an article."""


def search(pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
    try:
        return pattern.search(text, pos, len(text) if endpos is None else endpos, timeout=TIMEOUT)
    except TimeoutError as exc:
        raise PatternTimeout(f"pattern {pattern.pattern[:60]!r} timed out") from exc


def finditer(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    try:
        yield from pattern.finditer(text, timeout=TIMEOUT)
    except TimeoutError as exc:
        raise PatternTimeout(f"pattern {pattern.pattern[:60]!r} timed out") from exc


def match(pattern: regex.Pattern[str], text: str, pos: int = 0) -> regex.Match[str] | None:
    try:
        return pattern.match(text, pos, timeout=TIMEOUT)
    except TimeoutError as exc:
        raise PatternTimeout(f"pattern {pattern.pattern[:60]!r} timed out") from exc


def lower_same_length(text: str) -> str:
    """The text lower-cased with every character kept in place, so offsets carry over.

    Fixed patterns run over this copy case-sensitively with the standard library's engine, which
    is several times faster than a case-insensitive `regex` search.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_ESCAPE = regex.compile(r"\\(?:[pPN]\{[^}]*\}|.)", regex.S)
_CASE_FREE: dict[tuple[str, int], regex.Pattern[str] | None] = {}


def on_lower(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """The same pattern without IGNORECASE, to run over `lower_same_length(text)`, when its source
    names no capital letter; else None.

    Case-insensitive matching makes the `regex` engine try both cases at every step: over
    lower-cased text a case-sensitive twin finds the same matches two to three times faster.
    """
    key = (pattern.pattern, pattern.flags)
    if key not in _CASE_FREE:
        letters = _ESCAPE.sub("", pattern.pattern)
        free = pattern.flags & regex.IGNORECASE and not any(c.isupper() for c in letters)
        _CASE_FREE[key] = regex.compile(pattern.pattern, pattern.flags & ~regex.IGNORECASE) if free else None
    return _CASE_FREE[key]


def search_cased(pattern: regex.Pattern[str], text: str, low: str) -> regex.Match[str] | None:
    """`search(pattern, text)`, run over `low` (`lower_same_length(text)`) when the pattern names no
    capital: the same match at the same offsets, found faster."""
    lower = on_lower(pattern)
    return search(lower, low) if lower is not None else search(pattern, text)
