"""Dated events: every date an article gives, with the sentence that dates something.

Dates are resolved against the article's own date (its publication date, else the latest full
date it prints) so that "on Saturday" or "October 30" land on the right day. Each dated sentence
is labelled with the profile event its words sit closest to, which is what date contradictions
and the renegotiation countdown group by.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from rarewatch.core.dates import LOOKAHEAD_DAYS, DateMention, find_dates, to_date
from rarewatch.core.figures import stage_of
from rarewatch.core.patterns import finditer, lower_same_length, on_lower, search, search_cased
from rarewatch.core.profile import Event, Profile
from rarewatch.core.sentences import Sentence

#: How far around a date its event's words may stand.
WINDOW = 80
#: What `_distance` adds for event words in another clause: such words do not date the event.
CROSS = 1000


@dataclass(slots=True)
class Dated:
    date: str
    kind: str
    text: str
    start: int
    end: int
    event_id: str | None
    event: str
    sentence: str
    sentence_start: int
    expiry: bool
    stage: str | None = None


def reference_date(text: str, published: str | None) -> dt.date | None:
    """The date relative expressions are measured from: the article's own, else its latest."""
    if published:
        return dt.date.fromisoformat(published)
    dates = [d for d in find_dates(text) if len(d.value) == 10]
    # "lasts until Nov. 10, 2026": an end date lies ahead of the article, it does not date it
    written = [d.value for d in dates if not _AHEAD.search(text[max(0, d.start - 30) : d.start])]
    full = written or [d.value for d in dates]
    return dt.date.fromisoformat(max(full)) if full else None


#: Words that put the date after them in the future: an end date, not the article's own.
_AHEAD = regex.compile(
    r"\b(?:until|till|through|expires?|expiring|lapses?|runs? out|ends?|by|from|before)\s+(?:on\s+)?$", regex.I
)


def extract_timeline(
    text: str, sentences: list[Sentence], ref: dt.date | None, profile: Profile, *, published: bool = True
) -> tuple[list[Dated], list[DateMention]]:
    """Every date in the text with the event it dates. `published` says whether `ref` is the
    article's own date; when it is only the latest date the text prints, a later date is not
    known to lie ahead of the article (the article may be newer than any date it prints)."""
    # an article that gives no date of its own keeps "Oct 30" as a day of no year, which the
    # folder's newest article dates later (`corpus.date_yearless_days`), never today
    mentions = find_dates(text, ref, yearless=ref is None)
    out: list[Dated] = []
    si = 0
    for d in mentions:
        while si < len(sentences) and sentences[si].end <= d.start:
            si += 1
        if si >= len(sentences) or sentences[si].start > d.start:
            continue
        ahead = published and ref is not None and to_date(d.value) > ref + dt.timedelta(days=LOOKAHEAD_DAYS)
        out.append(_dated(text, d, sentences[si], ref, profile, ahead))
    return out, mentions


def _dated(text: str, d: DateMention, s: Sentence, ref: dt.date | None, profile: Profile, ahead: bool) -> Dated:
    """A date in its sentence, with the event it dates (else its clause as the label); `ahead`
    says the date lies well after the article's own."""
    ds, de = d.start - s.start, d.end - s.start
    event_id, label = _nearest_event(s.text, ds, de, profile, ahead)
    if not label:
        label = _clause(s.text, ds, de)
    # an end date is named after its keyword ("until November 10, 2026") and lies ahead
    expiry = bool(search(profile.expiry, s.text[max(0, ds - 40) : ds])) and (
        ref is None or d.value > ref.isoformat()[: len(d.value)]
    )
    if expiry and event_id is not None:
        # "takes effect today and runs until Nov. 10, 2026": the end of the terms, not an event
        # whose words happen to stand near it
        event_id, label = None, profile.deadline_label
    stage = stage_of(text, s.text, ds, profile) if profile.stages and event_id else None
    return Dated(
        date=d.value,
        kind=d.kind,
        text=d.text,
        start=d.start,
        end=d.end,
        event_id=event_id,
        event=label,
        sentence=s.text,
        sentence_start=s.start,
        expiry=expiry,
        stage=stage,
    )


def _nearest_event(sentence: str, ds: int, de: int, profile: Profile, ahead: bool) -> tuple[str | None, str]:
    """The profile event whose words sit closest to the date at `sentence[ds:de]`, in its clause:
    (id, label), or (None, "") when no event's words stand near it."""
    lo = max(0, ds - WINDOW)
    # "their first meeting since Trump began his second term in January": a clause that
    # opens between the event's words and the date dates that clause, not the event
    opener = _last_opener(sentence[lo:ds])
    if opener is not None:
        lo += opener
    window = sentence[lo : de + WINDOW]
    low_window = lower_same_length(window)
    event_id, label = None, ""
    nearest: int | None = None
    fronted = bool(_FRONTED.fullmatch(sentence[:ds]))
    # "their first meeting since 2019": the date is the last time, not this one
    last_time = bool(_FIRST_SINCE.search(sentence[max(0, ds - 100) : ds]))
    for ev in profile.events:
        if not _may_date(ev, window, low_window, ahead, last_time):
            continue
        # the event whose words sit closest to the date wins; at equal distance, the first listed
        lower = on_lower(ev.pattern)
        for em in finditer(lower, low_window) if lower is not None else finditer(ev.pattern, window):
            gap = _distance(em.start(), em.end(), ds - lo, de - lo, window)
            # words in another clause date nothing, unless the date opens the sentence and
            # sets the time for what follows ("On Oct. 30, when Trump met Xi in Busan, ...")
            if gap >= CROSS and not (fronted and em.start() >= de - lo):
                continue
            if nearest is None or gap < nearest:
                nearest, event_id, label = gap, ev.id, ev.label
    return event_id, label


def _may_date(ev: Event, window: str, low_window: str, ahead: bool, last_time: bool) -> bool:
    """Whether event `ev` can be the one a date dates, before its words are looked for."""
    # an event that happens once is not the one dated well after the article: that is a plan
    if (ev.single or ev.past) and ahead:
        return False
    if ev.single and last_time:
        return False
    # "export controls on gallium first imposed in July 2023": another measure's event
    return not (ev.not_near is not None and search_cased(ev.not_near, window, low_window))


_FIRST_SINCE = regex.compile(r"\bfirst\b[^,.;:]{0,80}\bsince\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", regex.I)
_CLAUSE_START = regex.compile(r"[,;:—–]\s|\.\s")
_CLAUSE_STOP = regex.compile(r"[,;:—–]\s|\.(?:\s|$)")


#: Words that open a clause of its own; a date at least a few words into it belongs to that clause.
#: ("which" and "who" are left out: "the controls, which were first imposed on April 2" still dates
#: the controls they refer back to.)
_OPENER = regex.compile(r"\b(?:since|when|while|because|although|though|whereas)\b", regex.I)
#: How many words must stand between the opener and the date ("since early April" opens no clause).
OPENER_WORDS = 4


_WHEN_AFTER = regex.compile(r",?\s*when\b")
#: What may stand before a date that opens its sentence: "On", "In early", "Late on".
_FRONTED = regex.compile(r"\W*(?:\w+\W+){0,2}")
#: What separates a date from event words of another clause: punctuation, or a word that opens a
#: clause ("due to take effect on Dec. 1 before Beijing agreed", "announced this year would not
#: be ready before the truce runs out").
_BOUNDARY = regex.compile(r"[,;:—–]|\b(?:before|after|when|while|because|although|though|whereas|unless)\b")


def _distance(ms: int, me: int, ds: int, de: int, window: str) -> int:
    """How far an event's words stand from a date: characters to the nearer end of the match, and
    much further when a comma or semicolon lies between them (another clause)."""
    if me <= ds:
        gap, between = ds - me, window[me:ds]
    elif ms >= de:
        gap, between = ms - de, window[de:ms]
        # "trace back to October 2025, when China announced expanded controls": the clause
        # that "when" opens right after a date tells what happened then
        when = _WHEN_AFTER.match(between)
        if when:
            between = between[when.end() :]
    elif ds - ms <= me - de:
        gap, between = ds - ms, window[ms:ds]
    else:
        gap, between = me - de, window[de:me]
    # "the summit between Trump and Xi, held on November 30": a participle after the comma tells
    # when the thing before it happened, in the same clause
    if between.count(",") == 1 and _REDUCED_RELATIVE.search(between) and not _BOUNDARY_WORD.search(between):
        return gap
    return gap + (CROSS if _BOUNDARY.search(between) else 0)


_REDUCED_RELATIVE = regex.compile(
    r",\s+(?:\w+ed|held|made|set|sent|taken|given|begun|done|signed|struck|reached)\s+(?:on|in|at|from|since)?\s*$",
    regex.I,
)
_BOUNDARY_WORD = regex.compile(r"[;:—–]|\b(?:before|after|when|while|because|although|though|whereas|unless)\b")


def _last_opener(before: str) -> int | None:
    last = None
    for m in _OPENER.finditer(before):
        if len(before[m.end() :].split()) >= OPENER_WORDS:
            last = m.start()
    return last


def _clause(sentence: str, ds: int, de: int) -> str:
    """The clause around a date, trimmed to read as an event label."""
    left = max((m.end() for m in _CLAUSE_START.finditer(sentence[:ds])), default=0)
    right_m = _CLAUSE_STOP.search(sentence[de:])
    right = de + right_m.start() if right_m else len(sentence)
    clause = sentence[left:right].strip()
    if len(clause) > 90:
        clause = clause[:88].rstrip() + "…"
    return clause
