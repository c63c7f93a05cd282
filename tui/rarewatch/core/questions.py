"""Open questions: what the sources ask outright or say is not settled yet.

A sentence is an open question when it ends in a question mark, carries one of the built-in
English hedges (`hedges.py`: "could be reinstated", "awaiting sign-off", "whether") or one of
the profile's own. It belongs to the first profile theme it matches; a question or hedge that
fits no theme still goes to the pane, under "Other open questions", so nothing the sources leave
open is dropped because the profile did not foresee it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rarewatch.core.hedges import builtin_cues
from rarewatch.core.patterns import lower_same_length, on_lower, search
from rarewatch.core.profile import OTHER_THEME, OTHER_THEME_LABEL, Profile
from rarewatch.core.sentences import Sentence

_QUESTION = regex.compile(r"\?[\"'”’)\]]*\s*$")


@dataclass(slots=True)
class Question:
    theme: str
    label: str
    kind: str
    cue: str
    start: int
    end: int
    sentence: str


def extract_questions(sentences: list[Sentence], profile: Profile, text: str | None = None) -> list[Question]:
    """Open questions in text order. `text` is the article the sentences index into; without it
    the built-in cues are looked for sentence by sentence."""
    builtin: dict[int, str] = {}
    if profile.builtin_hedges and sentences:
        if text is None:
            text = "\n".join(s.text for s in sentences)
            starts, pos = [], 0
            for s in sentences:
                starts.append(pos)
                pos += len(s.text) + 1
        else:
            starts = [s.start for s in sentences]
        builtin = builtin_cues(text, starts)
    out: list[Question] = []
    # the profile's hedges over the lower-cased sentence when they name no capital: same matches,
    # a fraction of the time
    lower = on_lower(profile.hedges)
    low = lower_same_length(text) if text is not None else None
    for i, s in enumerate(sentences):
        if _QUESTION.search(s.text):
            kind, cue = "question", "?"
        elif i in builtin:  # found already in the one pass over the article: no search needed
            kind, cue = "hedge", builtin[i]
        else:
            if lower is not None:
                m = search(lower, low[s.start : s.end] if low is not None else lower_same_length(s.text))
            else:
                m = search(profile.hedges, s.text)
            if not m:
                continue
            kind, cue = "hedge", s.text[m.start() : m.end()]
        sent_low = low[s.start : s.end] if low is not None else lower_same_length(s.text)
        theme = next((t for t in profile.themes if _matches(t.pattern, s.text, sent_low)), None)
        if theme is None:
            out.append(Question(OTHER_THEME, OTHER_THEME_LABEL, kind, cue, s.start, s.end, s.text))
        else:
            out.append(Question(theme.id, theme.label, kind, cue, s.start, s.end, s.text))
    return out


def _matches(pattern: regex.Pattern[str], text: str, low: str) -> bool:
    """Whether `pattern` matches `text`, over its lower-cased copy `low` when it names no capital."""
    lower = on_lower(pattern)
    return bool(search(lower, low) if lower is not None else search(pattern, text))
