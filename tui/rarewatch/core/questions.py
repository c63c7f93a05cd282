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
from rarewatch.core.patterns import lower_same_length, search_cased
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


def extract_questions(sentences: list[Sentence], profile: Profile, text: str) -> list[Question]:
    """Open questions in text order; `text` is the article the sentences index into."""
    builtin = builtin_cues(text, [s.start for s in sentences]) if profile.builtin_hedges and sentences else {}
    # patterns that name no capital run over the lower-cased article: same matches, a fraction of the time
    low = lower_same_length(text)
    out: list[Question] = []
    for i, s in enumerate(sentences):
        sent_low = low[s.start : s.end]
        if _QUESTION.search(s.text):
            kind, cue = "question", "?"
        elif i in builtin:  # found already in the one pass over the article: no search needed
            kind, cue = "hedge", builtin[i]
        else:
            m = search_cased(profile.hedges, s.text, sent_low)
            if not m:
                continue
            kind, cue = "hedge", s.text[m.start() : m.end()]
        theme = next((t for t in profile.themes if search_cased(t.pattern, s.text, sent_low)), None)
        if theme is None:
            out.append(Question(OTHER_THEME, OTHER_THEME_LABEL, kind, cue, s.start, s.end, s.text))
        else:
            out.append(Question(theme.id, theme.label, kind, cue, s.start, s.end, s.text))
    return out
