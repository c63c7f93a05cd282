"""Roles and statuses: who holds which office, and what happened to the measures.

Roles are read from "Title Name" phrases built from the profile's titles ("Treasury Secretary
nominee Scott Bessent"); nationality words are kept apart so that "U.S. President" and "Chinese
President" stay different offices. Statuses are sentences that say the profile's measures were
eliminated, suspended, eased or are still in force, with the measures they name and who is said
to assert it, so that one side's reading can be set against the other's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from rarewatch.core.figures import _attribution
from rarewatch.core.patterns import finditer, lower_same_length, search, search_cased
from rarewatch.core.profile import Profile, StatusSubject
from rarewatch.core.sentences import Sentence

_NAME = r"(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’-]+){1,2})"
_NEGATION = regex.compile(
    r"\b(?:not|n't|never|without|no longer|nor|neither|rather than|instead of)\b(?:\s+\S+){0,3}\s*$", regex.I
)
#: "has not said whether the controls will be relaxed": a status asked about, not asserted
_OPEN = regex.compile(r"\b(?:whether|if)\b[^.;:,]*$", regex.I)
_NOT_COVERING = regex.compile(
    r"^\S*\s+(?:(?:does|do|did|will|would)\s+not|doesn't|don't|didn't|won't)\s+(?:cover|apply|include|extend|affect|touch)\b"
    r"|^\S*\s+(?:excludes?|spares?|leaves? out)\b",
    regex.I,
)
_places_norm = {
    "u.s.": "US",
    "us": "US",
    "american": "US",
    "chinese": "China",
    "china": "China",
    "china's": "China",
    "eu": "EU",
    "european": "EU",
}


@dataclass(slots=True)
class Role:
    person: str
    title: str
    modifiers: str
    place: str | None
    start: int
    end: int
    sentence: str


@dataclass(slots=True)
class Status:
    position: str
    measures: tuple[str, ...]
    asserter: str | None
    start: int
    end: int
    sentence: str
    subject: str = "measures"


def _titles(profile: Profile) -> str:
    names = [*profile.titles, *(regex.escape(a) for a, _ in profile.title_aliases)]
    return "|".join(sorted(names, key=len, reverse=True)) or "(?!x)x"


def _mods(profile: Profile) -> str:
    return "|".join(profile.modifiers) or "(?!x)x"


def _places(profile: Profile) -> str:
    return "|".join(sorted(profile.places, key=len, reverse=True)) or "(?!x)x"


def _role_pattern(profile: Profile) -> regex.Pattern[str]:
    titles, mods, places = _titles(profile), _mods(profile), _places(profile)
    return regex.compile(
        rf"(?:(?P<place>{places})\s+)?(?:(?P<pre>(?i:{mods}))\s+)?(?P<title>(?i:{titles}))"
        rf"(?:\s+(?P<post>{mods}))?\s+{_NAME}",
        regex.VERSION1,
    )


def _appositive_pattern(profile: Profile) -> regex.Pattern[str]:
    """ "Scott Bessent, the U.S. Treasury Secretary, said": the title after the name."""
    titles, mods, places = _titles(profile), _mods(profile), _places(profile)
    return regex.compile(
        rf"(?:{_NAME}|(?P<surname>\p{{Lu}}[\p{{L}}'’-]+)),\s+(?:the\s+)?(?:(?P<place>{places})\s+)?(?:(?P<pre>{mods})\s+)?"
        rf"(?P<title>(?i:{titles}))"
        rf"(?=\s*(?:[,;:)]|\.(?:\s|$)|$|\s+(?:said|says|told|who|has|had|is|was)\b))",
        regex.VERSION1,
    )


_POSSESSIVE = regex.compile(r"['’]s$")
_THEN = regex.compile(r"\bthen(?:-|\s+)$", regex.I)


@dataclass(frozen=True, slots=True)
class _RolePatterns:
    """The role patterns of a profile, each with a cheap test that must pass before it runs.

    Both patterns open with parts tried at every position (a place, a name), so each only runs
    on sentences where what it cannot do without is present: a title word before a name, a
    comma then a title word after one.
    """

    before: regex.Pattern[str]
    before_gate: re.Pattern[str]
    after: regex.Pattern[str]
    after_gate: regex.Pattern[str]
    #: each title (and alias) in lower case, with the profile's spelling it is reported under
    canonical: dict[str, str]
    #: lower-cased title words, which are never part of a name
    title_words: frozenset[str]


_ROLE_CACHE: dict[str, _RolePatterns] = {}


def role_patterns(profile: Profile) -> _RolePatterns:
    if profile.digest not in _ROLE_CACHE:
        titles, mods, places = _titles(profile), _mods(profile), _places(profile)
        _ROLE_CACHE[profile.digest] = _RolePatterns(
            _role_pattern(profile),
            # a title word, in any case ("ministry spokesperson He Yadong"): matched over the
            # lower-cased sentence with the standard library's engine, as fast as the old
            # case-sensitive test; the capital after it is checked on the sentence itself
            re.compile(rf"(?:{titles.lower()})\s+(?:(?:{mods.lower()})\s+)?"),
            _appositive_pattern(profile),
            regex.compile(rf",\s+(?:the\s+)?(?:(?:{places})\s+)?(?:(?:{mods})\s+)?(?i:{titles})", regex.VERSION1),
            {t.lower(): t for t in profile.titles} | {a.lower(): t for a, t in profile.title_aliases},
            frozenset(t.lower() for t in profile.titles),
        )
    return _ROLE_CACHE[profile.digest]


def extract_roles(sentences: list[Sentence], profile: Profile) -> list[Role]:
    rp = role_patterns(profile)
    out: list[Role] = []
    for s in sentences:
        before = list(finditer(rp.before, s.text)) if _title_before_name(rp.before_gate, s.text) else []
        after = list(finditer(rp.after, s.text)) if search(rp.after_gate, s.text) else []
        for m in [*before, *after]:
            # "then-Treasury Secretary nominee Scott Bessent": a title held at another time says
            # nothing about the one held now
            if _THEN.search(s.text[max(0, m.start() - 6) : m.start()]):
                continue
            if m.groupdict().get("surname"):
                # "Bessent, the Treasury secretary,": the full name the article gives elsewhere
                name = _full_name(m.group("surname"), sentences)
                if name is None:
                    continue
            else:
                name = _POSSESSIVE.sub("", m.group("name"))
            # a name is two or three capitalised words that are not more title words
            parts = [w for w in name.split() if w.lower() not in rp.title_words]
            if len(parts) < 2:
                continue
            mods = " ".join(x for x in (m.group("pre"), m.groupdict().get("post")) if x).lower()
            place = m.group("place")
            out.append(
                Role(
                    " ".join(parts),
                    rp.canonical.get(m.group("title").lower(), m.group("title")),
                    mods,
                    _places_norm.get(place.lower(), place) if place else None,
                    s.start + m.start(),
                    s.start + m.end(),
                    s.text,
                )
            )
    return out


def _title_before_name(gate: re.Pattern[str], text: str) -> bool:
    """Whether a title word in any case stands before a capitalised word (cheap, before the role pattern)."""
    return any(m.end() < len(text) and text[m.end()].isupper() for m in gate.finditer(lower_same_length(text)))


def _full_name(surname: str, sentences: list[Sentence]) -> str | None:
    rx = regex.compile(rf"\b(\p{{Lu}}[\p{{L}}'’-]+)\s+{regex.escape(surname)}\b")
    for s in sentences:
        for m in rx.finditer(s.text):
            if m.group(1) not in _NOT_FIRST_NAMES:
                return f"{m.group(1)} {surname}"
    return None


#: Capitalised words before a surname that are not first names ("Secretary Bessent", "Mr Bessent").
_NOT_FIRST_NAMES = {
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Secretary",
    "President",
    "Minister",
    "Premier",
    "Treasury",
    "The",
    "Commerce",
    "Chairman",
    "Senator",
    "Governor",
    "Ambassador",
    "Representative",
    "Said",
    "But",
    "And",
}


def extract_statuses(sentences: list[Sentence], profile: Profile) -> list[Status]:
    """What each sentence says happened to each of the profile's status subjects."""
    out: list[Status] = []
    for subject in profile.statuses:
        out.extend(_statuses_of(sentences, subject))
    out.sort(key=lambda st: st.start)
    return out


def _statuses_of(sentences: list[Sentence], subject: StatusSubject) -> list[Status]:
    out: list[Status] = []
    # most sentences name no measure: the gate runs over the lower-cased sentence where it can
    for s in sentences:
        if not search_cased(subject.measure, s.text, lower_same_length(s.text)):
            continue
        measures = tuple(k for k, mrx in subject.measures if search(mrx, s.text))
        # a generic word ("measures", "rules") is the story's measure only in the story's context
        if not measures and subject.context is not None and not search(subject.context, s.text):
            continue
        seen: set[str] = set()
        for position, rx in subject.positions:
            for m in finditer(rx, s.text):
                if position in seen or not _is_reading(s.text, m, subject):
                    continue
                seen.add(position)
                out.append(
                    Status(
                        position,
                        measures,
                        _asserter(s.text, m.start(), subject),
                        s.start + m.start(),
                        s.start + m.end(),
                        s.text,
                        subject.id,
                    )
                )
                break
    return out


def _is_reading(text: str, m: regex.Match[str], subject: StatusSubject) -> bool:
    """Whether a position word asserts something of the subject's measures: not negated, not
    asked about, not acting on something else, and near a measure that is not another party's."""
    if _NEGATION.search(text[: m.start()]) or _OPEN.search(text[max(0, m.start() - 80) : m.start()]):
        return False
    if _NOT_COVERING.match(text[m.end() : m.end() + 40]):  # "the suspension does not cover ..."
        return False
    # "agreed to ease some tariffs": the word acts on something that is not a measure
    if subject.not_objects is not None:
        tail = text[m.end() : m.end() + 40]
        other = search(subject.not_objects, tail)
        if other and len(tail[: other.start()].split()) <= 2:
            return False
    # the position word must stand near a measure word, and the nearest one must be the story's:
    # "suspend a rule that extended U.S. export restrictions" acts on another party's measure
    near = [mm for mm in finditer(subject.measure, text) if abs(mm.start() - m.start()) < 90]
    if not near:
        return False
    if subject.not_owners is not None:
        nearest = min(near, key=lambda mm: abs(mm.start() - m.start()))
        if search(subject.not_owners, text[max(0, nearest.start() - 30) : nearest.start()]):
            return False
    return True


#: Who speaks in a sentence: "X said", "X has argued", "according to X", "per X", "X's fact sheet".
_SPEECH_VERBS = (
    r"(?:has |have |had |also |later |previously )?(?:said|says|announced|announces|stated|states|confirmed|"
    r"confirms|claimed|claims|argued|argues|insisted|insists|declared|declares|told|tells|noted|notes|wrote|"
    r"writes|indicated|indicates|maintained|maintains|described|describes|characteri[sz]ed|characteri[sz]es|"
    r"presents|presented|reported|reports|added|adds|called|calls)\b"
)
#: A speech verb with the words it needs before it; the speaker is read backwards from it.
_SPEECH = regex.compile(r"(?<= )" + _SPEECH_VERBS, regex.V1)
#: The up to eight words right before a speech verb ("the White House and China's Commerce
#: Ministry had both"), read backwards from its end so no start position is tried twice.
_WORDS_BEFORE_VERB = regex.compile(r"(?r)(?:[\p{L}\p{N}’'.&()-]+ ){0,7}[\p{L}\p{N}’'.&()-]+ $", regex.V1)
_SPEAKER_AFTER = regex.compile(
    r"\b(?i:according to|per|citing) (?P<who>(?:the )?[^,;:.()“”\"]{2,60})"
    r"|\b(?:said|says|wrote) (?P<who>\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,3})(?=[,.;]|$)",
    regex.V1,
)
#: A statement or fact sheet, whose owner is named right before it ("the ministry's statement").
_DOCUMENT = regex.compile(r"(?:'s|’s)? (?:fact sheet|statement|announcement|notice|readout)\b", regex.V1)
_WORDS_BEFORE_DOC = regex.compile(r"(?r)(?:[\p{L}’'.&-]+ ){0,4}[\p{L}’'.&-]+$", regex.V1)
_OWNER_S = regex.compile(r"(?:'s|’s)$")


def _speakers(text: str) -> list[tuple[int, str]]:
    """(where, who) for each speaker frame of a sentence: "X said", "according to X", "said X",
    "X's statement". A speech verb and a document word are found first, and the words before
    them read backwards from there, which costs a scan of the sentence, not one per position."""
    frames = []
    after = 0  # a speaker's words never reach back past the previous speech verb
    for v in finditer(_SPEECH, text):
        head = text[max(after, v.start() - 200) : v.start()]
        after = v.end()
        w = search(_WORDS_BEFORE_VERB, head)
        if w:
            frames.append((v.start() - len(head) + w.start(), w.group().rstrip(" ")))
    for f in finditer(_SPEAKER_AFTER, text):
        frames.append((f.start("who"), f.group("who")))
    for d in finditer(_DOCUMENT, text):
        head = text[max(0, d.start() - 120) : d.start()]
        w = search(_WORDS_BEFORE_DOC, head)
        if w:
            frames.append((d.start() - len(head) + w.start(), _OWNER_S.sub("", w.group())))
    return frames


def _asserter(text: str, at: int, subject: StatusSubject) -> str | None:
    """Who asserts the reading at `at`: the speaker of the sentence's own speech or attribution
    nearest to it ("the White House said", "according to MOFCOM"), named as the profile names
    its asserters; never an organisation merely mentioned ("Beijing would lift ...")."""
    frames = sorted((abs(where - at), who) for where, who in _speakers(text))
    for _, who in frames:
        # "the White House and China's Commerce Ministry had both stated": each of them says it
        names = [name for name, arx in subject.asserters if search(arx, who)]
        if names:
            return " and ".join(names)
    found = _attribution(text)
    return None if found is None or _PRONOUN.match(found) else found


#: "via its fact sheet": an attribution that names no one.
_PRONOUN = regex.compile(r"^(?:its|their|his|her|our|my|this|that|these|those)\b", regex.I)
