"""How English says that something is not settled: the built-in cue lexicon for open questions.

Reporters rarely write "it is unclear". They write "officials hope to renew it", "details are still
being worked out", "the curbs could be reinstated", "nothing shows that", "awaiting sign-off",
"the bigger test is whether". These are features of the language, not of one story, so they live
here and serve every profile; a profile's `[questions] hedges` add the story's own cues on top
(and `builtin_hedges = false` turns this list off).

Each cue is a plain lower-case pattern for the standard library's engine that begins with one of
its trigger words. One pass over the article's words finds which triggers it holds, a plain string
search finds where they stand, and a cue's pattern is only tried there: one alternation of every
cue tried at every position cost twenty times as much. No look-arounds but fixed-width ones, no nested repetition: a match is
linear in the text and needs no time limit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from rarewatch.core.patterns import lower_same_length

#: A cue: the words it can begin with, and the pattern tried where one of them stands.
Cue = tuple[tuple[str, ...], str]

_PARTICIPLES = (
    "extended|renewed|reviewed|revisited|renegotiated|reconsidered|reassessed|revised|required|needed|decided|"
    "determined|settled|finalised|finalized|signed|confirmed"
)

#: The cues by family, so a test (and a reader) can see which kind of hedge a sentence carries.
FAMILIES: dict[str, tuple[Cue, ...]] = {
    # something may happen, or is expected or hoped to: the outcome is not known yet
    "modal": (
        (
            ("could", "might", "may"),
            r"(?:could|might|may) (?:\w+ )?(?:not )?(?:be \w+ed|be|become|return|resume|change|reverse|collapse|unravel|falter|"
            r"derail|lapse|expire|end|last|hold|survive|snap|revert|come back|fall apart|break down)\b",
        ),
        (("will", "would", "shall"), rf"(?:will|would|shall) (?:\w+ )?(?:have to )?be (?:{_PARTICIPLES})\b"),
        (
            ("review", "revisit", "reconsider", "reassess", "renegotiate", "re-examine"),
            r"(?:(?<=will )|(?<=would )|(?<=to ))(?:review|revisit|reconsider|reassess|renegotiate|re-examine)\b",
        ),
        (("expected",), r"expected (?:at|to|by|in|next|later|soon)\b"),
        (("hope", "hopes", "hoped", "hoping"), r"hop(?:e|es|ed|ing) (?:to|that|for)\b"),
        (("possible", "possibly", "potential", "potentially", "likely", "unlikely", "probably"), r"\w+"),
        (("consider", "considers", "considering", "weighing", "mulling", "explore", "explores", "exploring"), r"\w+"),
    ),
    # it holds only if something else happens
    "conditional": (
        (("unless",), r"unless\b"),
        (("provided",), r"provided (?:that|they|it|the)\b"),
        (("long",), r"(?:(?<=as )|(?<=so ))long as\b"),
        (("condition", "conditional", "contingent"), r"(?:(?<=on )condition that|conditional on|contingent on)\b"),
        (("hinge", "hinges", "hinged", "depend", "depends", "depending", "dependent"), r"\w+ on\b"),
        (("tied",), r"tied to\b"),
        (("only",), r"only (?:if|when|as|once|after|until)\b"),
        (("if",), r"if (?:they|it|the|talks|relations|ties|beijing|washington|china|circumstances)\b"),
    ),
    # the evidence is missing, or the thing has not happened yet
    "not_yet": (
        (
            ("not",),
            r"not (?:yet|(?:been )?(?:confirmed|clear|settled|resolved|known|finali[sz]ed|decided|specified|"
            r"disclosed|published|spelled out|made public))\b",
        ),
        (("never",), r"never (?:been )?(?:confirmed|settled|resolved|decided|specified|disclosed|published)\b"),
        (("yet",), r"yet to\b"),
        (("cannot", "can't"), r"(?:cannot|can't) yet\b"),
        (("still",), r"still (?:being|to be|under|awaiting|pending)\b"),
        (("pending", "awaiting", "awaits"), r"\w+"),
        (("works",), r"(?<=in the )works\b"),
        (("under",), r"under (?:review|discussion|negotiation|consideration)\b"),
        (("nothing",), r"nothing (?:stopping|stops|prevents|preventing|shows|suggests|indicates|guarantees)\b"),
        (
            ("no",),
            r"no (?:sign|signs|evidence|guarantee|indication|assurance|timeline|timetable|details|clarity|word|"
            r"longer certain)\b",
        ),
        (("ongoing",), r"ongoing\b"),
        (
            ("talks", "discussions", "negotiations", "contacts", "consultations", "dialogue"),
            r"\w+ (?:[\w-]+ ){0,8}(?:continue|continues|continued|resumed|are continuing)\b",
        ),
        (("inconclusive", "inconclusively"), r"\w+"),
        (("further",), r"further (?:action|steps|talks|negotiations|details|clarification|guidance)\b"),
    ),
    # the matter is vague, doubted or disputed
    "doubt": (
        (
            (
                "unclear",
                "uncertain",
                "uncertainty",
                "unknown",
                "vague",
                "ambiguous",
                "ambiguity",
                "murky",
                "unresolved",
                "unsettled",
            ),
            r"\w+",
        ),
        (
            ("room", "open", "anyone's", "time"),
            r"(?:room for interpretation|open to interpretation|open question|anyone's guess|time will tell)\b",
        ),
        # "there is no doubt" is certainty
        (
            ("doubt", "doubts", "doubtful", "skeptical", "sceptical", "skepticism", "scepticism", "wary", "cautious"),
            r"(?<!no )(?<!not a )\w+",
        ),
        (("worried", "worries", "worry", "fear", "fears", "feared"), r"\w+"),
        (("fragile", "fragility", "tentative", "precarious", "shaky"), r"\w+"),
        (
            ("pipe", "wishful", "far-fetched", "unrealistic"),
            r"(?:pipe dream|wishful thinking|far-fetched|unrealistic)\b",
        ),
        (("long",), r"long shot\b"),
        (("odds", "chances", "prospect", "prospects"), r"\w+ (?:[\w-]+ ){0,8}(?:slim|low|remote|dim)\b"),
        (("divided", "disagree", "disagreement"), r"\w+"),
        (("odds",), r"(?<=at )odds\b"),
        (("differences",), r"differences remain\b"),
        (("sticking",), r"sticking points?\b"),
        (
            ("test",),
            r"test (?:is|of) whether\b|(?<=unprecedented )test|(?<=real )test|(?<=bigger )test|"
            r"(?<=biggest )test|(?<=key )test|(?<=true )test|(?<=crucial )test",
        ),
        (("whether",), r"whether\b"),
        (("how",), r"how (?:complex|long|far|soon|quickly|effective|durable|much longer)\b"),
        (("frame", "frames", "framed"), r"frame[sd]? (?:[\w-]+ ){1,4}as\b"),
    ),
}

#: Words as the lexicon sees them: letters, with inner apostrophes and hyphens.
_TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")


def _by_trigger() -> dict[str, re.Pattern[str]]:
    """Each trigger word with one pattern: the alternation of every cue that begins with it."""
    parts: dict[str, list[str]] = {}
    for cues in FAMILIES.values():
        for triggers, pattern in cues:
            for word in triggers:
                parts.setdefault(word, []).append(pattern)
    return {w: re.compile("|".join(f"(?:{p})" for p in ps)) for w, ps in parts.items()}


_BY_TRIGGER = _by_trigger()
#: Each trigger word as a plain string search: a literal pattern is scanned for at C speed.
_LITERAL = {w: re.compile(re.escape(w)) for w in _BY_TRIGGER}
_WORD_CHAR = frozenset("abcdefghijklmnopqrstuvwxyz'’-")


def builtin_cues(text: str, starts: Sequence[int]) -> dict[int, str]:
    """The first built-in cue in each sentence, by sentence index.

    `starts` are the sentences' start offsets in `text`, in order. A cue that straddles two
    sentences counts for the one it starts in.
    """
    out: dict[int, tuple[int, str]] = {}
    if not starts:
        return {}
    low = lower_same_length(text).replace("’", "'")
    # the article's words once (at C speed), then only the triggers it holds, where they stand
    for word in _BY_TRIGGER.keys() & set(_TOKEN.findall(low)):
        rx = _BY_TRIGGER[word]
        for hit in _LITERAL[word].finditer(low):
            at, end = hit.start(), hit.end()
            if (at and low[at - 1] in _WORD_CHAR) or (end < len(low) and low[end] in _WORD_CHAR):
                continue  # inside a longer word
            m = rx.match(low, at)
            if m is None:
                continue
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and (i not in out or at < out[i][0]):
                out[i] = (at, text[at : m.end()])
    return {i: cue for i, (_, cue) in out.items()}


__all__ = ["FAMILIES", "builtin_cues"]
