"""How English says that something is not settled: the built-in cue lexicon for open questions.

Reporters rarely write "it is unclear". They write "officials hope to renew it", "details are still
being worked out", "the curbs could be reinstated", "nothing shows that", "awaiting sign-off",
"the bigger test is whether". These are features of the language, not of one story, so they live
here and serve every profile; a profile's `[questions] hedges` add the story's own cues on top
(and `builtin_hedges = false` turns this list off).

Each family is a list of plain lower-case patterns for the standard library's engine, run once
over the lower-cased article: no look-arounds, no nested repetition, so a search is linear in
the text and needs no time limit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from rarewatch.core.patterns import lower_same_length

#: Families of cues, each a list of patterns over lower-cased text. Kept apart so a test (and a
#: reader) can see which kind of hedge a sentence carries.
FAMILIES: dict[str, tuple[str, ...]] = {
    # something may happen, or is expected or hoped to: the outcome is not known yet
    "modal": (
        r"(?:could|might|may) (?:\w+ )?(?:not )?(?:be|become|return|resume|change|reverse|collapse|unravel|falter|"
        r"derail|lapse|expire|end|last|hold|survive|snap|revert|come back|fall apart|break down)\b",
        r"(?:will|would|shall) (?:\w+ )?(?:have to )?be (?:extended|renewed|reviewed|revisited|renegotiated|"
        r"reconsidered|reassessed|revised|required|needed|decided|determined|settled|finali[sz]ed|signed|confirmed)\b",
        r"(?:will|would|to) (?:review|revisit|reconsider|reassess|renegotiate|re-?examine)\b",
        r"(?:is|are|was|were|widely|still|not) expected to\b",
        r"\bexpected (?:at|to|by|in|next|later|soon)\b",
        r"\bhop(?:e|es|ed|ing) (?:to|that|for)\b",
        r"\b(?:possible|possibly|potential|potentially|likely|unlikely|probably)\b",
        r"\b(?:consider|considers|considering|weighing|mulling|explore|explores|exploring)\b",
    ),
    # it holds only if something else happens
    "conditional": (
        r"\b(?:unless|provided (?:that|they|it|the)|as long as|so long as|on condition that|conditional on|"
        r"contingent on|hinges? on|hinged on|depends? on|depending on|dependent on|tied to)\b",
        r"\bonly (?:if|when|as|once|after|until)\b",
        r"\bif (?:they|it|the|talks|relations|ties|beijing|washington|china|circumstances)\b",
    ),
    # the evidence is missing, or the thing has not happened yet
    "not_yet": (
        r"\b(?:not yet|yet to|cannot yet|can't yet|no longer certain|still (?:being|to be|under|awaiting|pending))\b",
        r"\b(?:pending|awaiting|awaits|in the works|under (?:review|discussion|negotiation|consideration))\b",
        r"\b(?:not|never) (?:been )?(?:confirmed|clear|settled|resolved|known|finali[sz]ed|decided|specified|"
        r"disclosed|published|spelled out|made public)\b",
        r"\bnothing (?:stopping|stops|prevents|preventing|shows|suggests|indicates|guarantees)\b",
        r"\bno (?:sign|signs|evidence|guarantee|indication|assurance|timeline|timetable|details|clarity|word)\b",
        r"\b(?:are|is|remain|remains) (?:still )?ongoing\b",
        r"\b(?:talks|discussions|negotiations|contacts|consultations|dialogue) (?:\w+ ){0,8}(?:continue|continues|"
        r"continued|resumed|are continuing)\b",
        r"\binconclusive(?:ly)?\b",
        r"\bfurther (?:action|steps|talks|negotiations|details|clarification|guidance)\b",
    ),
    # the matter is vague, doubted or disputed
    "doubt": (
        r"\b(?:unclear|uncertain|uncertainty|unknown|vague|ambiguous|ambiguity|murky|unresolved|unsettled)\b",
        r"\b(?:room for interpretation|open to interpretation|open question|anyone's guess|time will tell)\b",
        # "there is no doubt" is certainty
        r"(?<!\bno )(?<!\bnot a )\b(?:doubt|doubts|doubtful|skeptical|sceptical|skepticism|scepticism|wary|cautious)\b",
        r"\b(?:worried|worries|worry|fear|fears|feared)\b",
        r"\b(?:fragile|fragility|tentative|precarious|shaky)\b",
        r"\b(?:pipe dream|wishful thinking|far-fetched|unrealistic|long shot)\b",
        r"\b(?:odds|chances|prospects?) (?:\w+ ){0,8}(?:slim|low|remote|dim)\b",
        r"\b(?:divided|at odds|disagree|disagreement|differences remain|sticking points?)\b",
        r"\b(?:\w+ )?test (?:is whether|of whether)\b|\b(?:unprecedented|real|bigger|biggest|key|true|crucial) test\b",
        r"\bwhether\b",
        r"\bhow (?:complex|long|far|soon|quickly|effective|durable|much longer)\b",
        r"\bframe[sd]? (?:[\w-]+ ){1,4}as\b",
    ),
}

_LEXICON = re.compile("|".join(f"(?:{p})" for ps in FAMILIES.values() for p in ps))


def builtin_cues(text: str, starts: Sequence[int]) -> dict[int, str]:
    """The first built-in cue in each sentence, by sentence index.

    `starts` are the sentences' start offsets in `text`, in order. One pass over the lower-cased
    text finds every cue; a cue that straddles two sentences counts for the one it starts in.
    """
    out: dict[int, str] = {}
    if not starts:
        return out
    for m in _LEXICON.finditer(lower_same_length(text)):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and i not in out:
            out[i] = text[m.start() : m.end()]
    return out


__all__ = ["FAMILIES", "builtin_cues"]
