"""Open questions: what the sources ask outright or say is not settled yet.

A sentence is an open question when it ends in a question mark or carries one of the profile's
hedges ("remains elusive", "if talks sour"); it belongs to the first profile theme it matches, and
sentences that match no theme are not about the renegotiation and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rarewatch.core.patterns import search
from rarewatch.core.profile import Profile
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


def extract_questions(sentences: list[Sentence], profile: Profile) -> list[Question]:
    out: list[Question] = []
    for s in sentences:
        if _QUESTION.search(s.text):
            kind, cue = "question", "?"
        else:
            m = search(profile.hedges, s.text)
            if not m:
                continue
            kind, cue = "hedge", m.group()
        theme = next((t for t in profile.themes if search(t.pattern, s.text)), None)
        if theme is None:
            continue
        out.append(Question(theme.id, theme.label, kind, cue, s.start, s.end, s.text))
    return out
