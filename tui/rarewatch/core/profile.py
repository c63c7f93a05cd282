"""The topic profile: the story-specific vocabulary the analysis runs on.

All rare-earth knowledge lives in `config/profile.toml`; this module only loads, validates and
compiles it. Every pattern is compiled with the `regex` module and later run under a timeout, so a
careless pattern in a user's profile cannot hang a scan. Errors name file, line and column.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

FLAGS = regex.IGNORECASE | regex.VERSION1

#: Where an open question that fits none of the profile's themes goes; always shown last.
OTHER_THEME = "other"
OTHER_THEME_LABEL = "Other open questions"


class ProfileError(ValueError):
    """A profile that cannot be used; the message names file, line and column."""


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    label: str
    units: tuple[str, ...]
    aspects: tuple[tuple[str, regex.Pattern[str]], ...]
    #: Whether a movement ("rose 4%", "down 20%") can be this metric; a share is a level, not a move.
    changes: bool = True
    #: Words that, said of the figure's own subject or object, make it another quantity
    #: ("Japan's imports", "a company's output"): the metric is then not considered.
    not_near: regex.Pattern[str] | None = None
    #: Whether a level ("exports were 5,238 tonnes") can be this metric; false for a metric of
    #: moves only ("change in exports"), which levels would only fill with other quantities.
    levels: bool = True
    #: The metric is a maximum (a top rate): "up to 35.3%" states its value, and so does the upper
    #: end of a range ("ranging from 7.8% to 35.3%").
    maximum: bool = False
    #: Words one of which must stand in the figure's sentence for the metric to be considered
    #: ("tariffs", "vehicles": the car duties, not China's duties on brandy told the same way).
    context: regex.Pattern[str] | None = None
    #: Figures an authority sets (a duty rate, a quota): two that differ beyond rounding are a
    #: clash of facts, however close; estimates (a market share) differ by degrees.
    official: bool = False
    #: How far apart two estimates may be, relative to their size, before they are more than a
    #: low-severity difference; None takes the profile's `about_tolerance`.
    tolerance: float | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage of the measures (provisional, definitive; a round of controls): figures of two
    stages measure two different things and are never compared."""

    id: str
    label: str
    pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    label: str
    pattern: regex.Pattern[str]
    single: bool
    #: For an event that recurs: two days in the same month are the same occurrence told differently.
    once_a_month: bool = False
    #: An event that is reported after it happens: a date well after the article is a plan or a review.
    past: bool = False
    #: Words that, near the date, make it another measure's or another party's event ("gallium").
    not_near: regex.Pattern[str] | None = None


#: How strongly two positions on one subject disagree, strongest first.
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class StatusSubject:
    """One thing whose state the sources report (a measure, a sector, a regime): the positions
    they may take on it and which pairs of positions cannot both be true."""

    id: str
    label: str
    measure: regex.Pattern[str]
    positions: tuple[tuple[str, regex.Pattern[str]], ...]
    #: pairs of position names that clash, with how strongly: ("eliminated", "suspended") -> "high"
    clashes: tuple[tuple[frozenset[str], str], ...] = ()
    measures: tuple[tuple[str, regex.Pattern[str]], ...] = ()
    asserters: tuple[tuple[str, regex.Pattern[str]], ...] = ()
    not_objects: regex.Pattern[str] | None = None
    #: Words one of which must stand in a sentence that names none of `measures`: a generic
    #: word ("measures", "rules") is the story's measure only in the story's context.
    context: regex.Pattern[str] | None = None
    #: Words just before the measure word that make it another party's measure ("U.S. export
    #: restrictions" in a story about China's).
    not_owners: regex.Pattern[str] | None = None

    def clash(self, a: str, b: str) -> str | None:
        return next((sev for pair, sev in self.clashes if pair == frozenset({a, b})), None)


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class Profile:
    """A compiled topic profile. `digest` keys caches: a changed profile re-parses."""

    path: str
    digest: str
    story_id: str
    name: str
    deadline_label: str
    topic: regex.Pattern[str]
    metrics: tuple[Metric, ...]
    count_nouns: regex.Pattern[str]
    events: tuple[Event, ...]
    start_events: tuple[str, ...]
    term_metric: str
    expiry: regex.Pattern[str]
    titles: tuple[str, ...]
    modifiers: tuple[str, ...]
    places: tuple[str, ...]
    #: what the sources say happened to each subject ([status], or several [[status]] tables)
    statuses: tuple[StatusSubject, ...]
    themes: tuple[Theme, ...]
    hedges: regex.Pattern[str]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    #: How far "about 90%" stretches against a bound ("over 92%"); a setting, not a profile
    #: key: it changes only how figures are compared, never what is extracted (or cached).
    about_tolerance: float = 0.02
    #: Other words for a title ("Treasury chief" is the Treasury Secretary), as (alias, title) pairs.
    title_aliases: tuple[tuple[str, str], ...] = ()
    #: Titles many people hold at once (in companies, ministries): without a place, never one office.
    shared_titles: tuple[str, ...] = ()
    #: Whether the built-in English hedges (`hedges.py`) count besides the profile's own.
    builtin_hedges: bool = True
    #: Words that speak of the story without naming it ("tariffs", "Busan"): each counts half.
    topic_related: regex.Pattern[str] | None = None
    #: How much topic an article needs to be on topic: a term counts 1, a related word 0.5.
    topic_min_score: float = 1.0
    #: Units that are counted nouns of the story ("page", "vessel"): "a four-page text" is 4 pages.
    noun_units: tuple[str, ...] = ()
    #: Stages of the measures, and the stage of a figure whose article names none.
    stages: tuple[Stage, ...] = ()
    default_stage: str = ""

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)

    def theme_label(self, theme_id: str) -> str:
        if theme_id == OTHER_THEME:
            return OTHER_THEME_LABEL
        return next((t.label for t in self.themes if t.id == theme_id), theme_id)


def config_dir() -> Path:
    """The shipped config folder: `rarewatch/data` in a wheel, `config/` in a source checkout.

    The wheel packages `config/` as `rarewatch.data`, so there is one copy of each file; an
    editable install cannot map that sub-package, so it reads the checkout's `config/` directly.
    The folder is found on disk rather than through `importlib.resources`, which hands back a
    MultiplexedPath (not a real path) for a package without `__init__.py`.
    """
    shipped = Path(__file__).resolve().parents[1] / "data"
    if (shipped / "profile.toml").is_file():
        return shipped
    return Path(__file__).resolve().parents[3] / "config"


def default_profile_path() -> Path:
    """The bundled rare earth profile."""
    return config_dir() / "profile.toml"


#: The bundled profiles by the name `--profile NAME` takes; the truce's file keeps its old name.
BUNDLED = {"truce": "profile.toml", "ev-tariffs": "ev-tariffs.toml"}


def is_profile_name(spec: str) -> bool:
    """Whether `spec` names a bundled profile rather than a file ("ev-tariffs", not "x.toml")."""
    return spec in BUNDLED


def profile_path(spec: str | Path | None) -> Path:
    """The file a `--profile` value means: a bundled profile's name, or a path as given.

    A file of that name in the current folder wins over a bundled profile, so an existing
    `./truce` file is never shadowed.
    """
    if spec is None or spec == "":
        return default_profile_path()
    p = Path(spec)
    if isinstance(spec, str) and is_profile_name(spec) and not p.exists():
        return config_dir() / BUNDLED[spec]
    return p


def load_profile(path: str | Path | None = None) -> Profile:
    """Load and compile a profile (a path, or a bundled profile's name); raise ProfileError
    naming file, line and column."""
    p = profile_path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{p}: cannot read profile: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    return parse_profile(text, str(p))


def parse_profile(text: str, name: str = "<profile>") -> Profile:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # "Illegal character (at line 5, column 27)" -> "name:5:27: Illegal character", as every message
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", str(exc))
        if m:
            raise ProfileError(f"{name}:{m.group(1)}:{m.group(2)}: {str(exc)[: m.start()]}") from None
        raise ProfileError(f"{name}: {exc}") from None
    builder = _Builder(raw, text, name)
    problems = builder.unknown_keys()
    if problems:
        raise ProfileError("\n".join(problems))
    profile = builder.build()
    builder.check_references(profile)
    builder.check_run_patterns(profile)
    return profile


# ---- the schema -----------------------------------------------------------------------------------
#: Every key a profile may hold, table by table; docs/profile.md describes each. A list of one
#: dict is an array of tables (`[[metric]]`); `FREE` marks tables whose keys the user names.
FREE = "free"
STRINGS = "list of strings"
SCHEMA: dict[str, Any] = {
    "story": {"id": str, "name": str, "deadline_label": str},
    "topic": {"terms": STRINGS, "related": STRINGS, "min_score": float},
    "stages": {"default": str},
    "stage": [{"id": str, "label": str, "pattern": str}],
    "metric": [
        {
            "id": str,
            "label": str,
            "units": STRINGS,
            "aspects": FREE,
            "changes": bool,
            "levels": bool,
            "maximum": bool,
            "official": bool,
            "tolerance": float,
            "context": STRINGS,
            "not_near": STRINGS,
        }
    ],
    "figures": {"count_nouns": STRINGS},
    "event": [
        {
            "id": str,
            "label": str,
            "pattern": str,
            "single": bool,
            "once_a_month": bool,
            "past": bool,
            "not_near": STRINGS,
        }
    ],
    "renegotiation": {"start_events": STRINGS, "term_metric": str, "expiry_pattern": str},
    "roles": {"titles": STRINGS, "modifiers": STRINGS, "aliases": FREE, "shared": STRINGS, "places": STRINGS},
    "status": {
        "id": str,
        "subject": str,
        "measure": str,
        "not_objects": STRINGS,
        "context": STRINGS,
        "not_owners": STRINGS,
        "measures": FREE,
        "positions": FREE,
        "asserters": FREE,
        "clash": [{"between": STRINGS, "severity": str}],
    },
    "theme": [{"id": str, "label": str, "pattern": str}],
    "questions": {"hedges": STRINGS, "builtin_hedges": bool},
}

#: What a unit is often called, for the suggestion when a profile names it so.
_UNIT_WORDS = {
    "percent": "%",
    "per cent": "%",
    "pct": "%",
    "percentage": "%",
    "tonne": "t",
    "ton": "t",
    "metric ton": "t",
    "dollar": "USD",
    "usd": "USD",
    "euro": "EUR",
    "eur": "EUR",
    "yr": "year",
    "hr": "hour",
    "min": "minute",
    "item": "count",
    "number": "count",
}

#: How long any one profile pattern may take on the probe text before the profile is refused:
#: a pattern that backtracks badly there would stall on real articles too.
PROBE_SECONDS = 0.25
#: Text that makes a backtracking pattern show itself: long runs of one letter, of words, of
#: punctuation, and a news-like sentence.
PROBE = (
    "a" * 3000
    + " "
    + "word " * 600
    + ",.;:-" * 200
    + "\n"
    + "China's commerce ministry said on Oct. 30, 2025 that export controls on rare earths would be "
    "suspended for one year, while 90% of processing remains in China. " * 20
)


class _Builder:
    """Validates the raw TOML, turning each problem into a message with a location."""

    def __init__(self, raw: dict[str, Any], text: str, name: str) -> None:
        self.raw, self.text, self.name = raw, text, name

    def unknown_keys(self) -> list[str]:
        """A line for every key the schema does not know, at every level, with a suggestion."""
        out: list[str] = []

        def walk(table: dict[str, Any], spec: dict[str, Any], prefix: str) -> None:
            for key, value in table.items():
                path = f"{prefix}{key}"
                if key not in spec:
                    kind = "table" if isinstance(value, (dict, list)) and not prefix else "key"
                    tip = _suggestion(key, sorted(spec), "known", cutoff=0.6)
                    out.append(f"{self.where(path)}: {path}: unknown {kind}{tip}")
                    continue
                sub = spec[key]
                if key == "status" and not prefix and isinstance(value, list):
                    sub = [sub]  # several [[status]] subjects, each a [status] table
                if isinstance(sub, dict) and isinstance(value, dict):
                    walk(value, sub, f"{path}.")
                elif isinstance(sub, list) and isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, dict):
                            walk(item, sub[0], f"{path}[{i + 1}].")
                        else:
                            got = type(item).__name__
                            out.append(f"{self.where(path)}: {path}: expected [[{key}]] tables, got {got}")
                elif isinstance(sub, list):
                    out.append(f"{self.where(path)}: {path}: expected [[{key}]] tables, got {type(value).__name__}")
                elif isinstance(sub, dict) and not isinstance(value, dict):
                    out.append(f"{self.where(path)}: {path}: expected a [{key}] table, got {type(value).__name__}")

        walk(self.raw, SCHEMA, "")
        return out

    def check_references(self, p: Profile) -> None:
        """Every id a profile names elsewhere must exist; every unit must be one figures can have."""
        from rarewatch.core.figures import KNOWN_UNITS

        def unique(kind: str, ids: list[str]) -> None:
            seen: set[str] = set()
            for i, x in enumerate(ids):
                if x in seen:
                    raise self.fail(f"{kind}[{i + 1}].id", f"{x!r} is used by another [[{kind}]]")
                seen.add(x)

        unique("metric", [m.id for m in p.metrics])
        unique("event", [e.id for e in p.events])
        unique("theme", [t.id for t in p.themes])
        unique("stage", [st.id for st in p.stages])
        for i, t in enumerate(p.themes):
            if t.id == OTHER_THEME:
                raise self.fail(f"theme[{i + 1}].id", f"{OTHER_THEME!r} is the group for questions outside every theme")
        for i, m in enumerate(p.metrics):
            for u in m.units:
                if u not in KNOWN_UNITS and not (u in p.noun_units and u.lower() not in _UNIT_WORDS):
                    alias = _UNIT_WORDS.get(u.lower().rstrip("s"))
                    tip = f"; did you mean {alias!r}?" if alias else _suggestion(u, sorted(KNOWN_UNITS), "units")
                    raise self.fail(f"metric[{i + 1}].units", f"unknown unit {u!r}{tip}")
        events = [e.id for e in p.events]
        for ev in p.start_events:
            if ev not in events:
                tip = _suggestion(ev, events, "events")
                raise self.fail("renegotiation.start_events", f"unknown event {ev!r}{tip}")
        metrics = [m.id for m in p.metrics]
        term = p.metric(p.term_metric) if p.term_metric else None
        if term is not None and not {"year", "month"} & set(term.units):
            raise self.fail(
                "renegotiation.term_metric",
                f"{p.term_metric!r} has no unit year or month, so it cannot give the length of the terms",
            )
        if p.term_metric and p.term_metric not in metrics:
            tip = _suggestion(p.term_metric, metrics, "metrics")
            raise self.fail("renegotiation.term_metric", f"unknown metric {p.term_metric!r}{tip}")

    def check_run_patterns(self, p: Profile) -> None:
        """Patterns built from the profile as the analysis builds them (role titles for the
        standard library's engine too), and every pattern on a probe text within PROBE_SECONDS."""
        from rarewatch.core.claims import role_patterns

        try:
            role_patterns(p)
        except (regex.error, re.error) as exc:
            raise self.fail("roles.titles", f"a title, modifier or place the role patterns cannot use: {exc}") from None
        for path, rx in _patterns_of(p):
            try:
                rx.search(PROBE, timeout=PROBE_SECONDS)
            except TimeoutError:
                raise self.fail(
                    path, f"pattern too slow: over {PROBE_SECONDS} s on a probe text (nested repetition?)"
                ) from None

    def where(self, key: str) -> str:
        """Line and column of `key` in the file, for messages.

        For a key inside an array of tables ("metric[3].units") the search starts at the third
        `[[metric]]` header, so the message points at the entry that is wrong.
        """
        start = 0
        # the last array-of-tables entry the key is in: "status.clash[3].between" is under the
        # third [[status.clash]] header
        heads = list(regex.finditer(r"((?:\w+(?:\[\d+\])?\.)*\w+)\[(\d+)\]", key))
        head = heads[-1] if heads else None
        if head:
            table = regex.sub(r"\[\d+\]", "", head.group(1))
            headers = list(regex.finditer(rf"^[ \t]*\[\[[ \t]*{regex.escape(table)}[ \t]*\]\]", self.text, regex.M))
            n = int(head.group(2))
            if 0 < n <= len(headers):
                start = headers[n - 1].start()
        leaf = key.split(".")[-1].split("[")[0]
        # [ \t]*, not \s*: a line start may not reach back over blank lines and miscount
        rx = regex.compile(rf"^[ \t]*(?:\[\[?[ \t]*)?[\"']?{regex.escape(leaf)}[\"']?[ \t]*(?:=|\]|\.)", regex.M)
        m = rx.search(self.text, start)
        if head and m and "." not in key[head.end() :]:
            m = None
        if m is None and head and start:
            m = regex.compile(r"^.*$", regex.M).search(self.text, start)
        if not m:
            return f"{self.name}"
        line = self.text.count("\n", 0, m.start()) + 1
        col = m.start() - (self.text.rfind("\n", 0, m.start()) + 1) + len(m.group()) - len(m.group().lstrip()) + 1
        return f"{self.name}:{line}:{col}"

    def fail(self, key: str, msg: str) -> ProfileError:
        return ProfileError(f"{self.where(key)}: {key}: {msg}")

    def get(self, table: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(path, "missing")
            return default
        value = table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
            want = " or ".join(_TOML_TYPES.get(k, k.__name__) for k in _kinds(kind))
            raise self.fail(path, f"expected {want}, got {_TOML_TYPES.get(type(value), type(value).__name__)}")
        return value

    def source(self, item: Any, path: str) -> str:
        """A pattern's text: a pattern as written, or one built from a plain-words helper,
        `{ words = ["export control", "curb"] }` or `{ near = ["suspend", "controls"], within = 5 }`."""
        if isinstance(item, str):
            return item
        if not isinstance(item, dict):
            raise self.fail(path, f"expected a pattern or a words table, got {_TOML_TYPES.get(type(item), 'a value')}")
        extra = sorted(set(item) - {"words", "near", "within"})
        if extra:
            raise self.fail(
                path,
                f"unknown key {extra[0]!r} in a words table; it takes words = [...] or near = [a, b] with within = N",
            )
        if "near" in item:
            pair = item["near"]
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) and w.strip() for w in pair)):
                raise self.fail(path, 'near takes two words or phrases: near = ["suspend", "controls"]')
            n = item.get("within", 5)
            if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 30:
                raise self.fail(path, "within takes a whole number of words from 0 to 30")
            return near_pattern(pair[0], pair[1], n)
        words = item.get("words")
        if not (isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words)):
            raise self.fail(path, 'words takes a list of words or phrases: words = ["export control", "curb"]')
        return r"\b(?:" + "|".join(word_pattern(w) for w in words) + r")\b"

    def pattern(self, source: Any, path: str) -> regex.Pattern[str]:
        text = self.source(source, path)
        try:
            return regex.compile(text, FLAGS)
        except regex.error as exc:
            raise self.fail(path, f"invalid pattern {text[:60]!r}: {exc}") from None

    def alternation(self, items: list[Any], path: str) -> regex.Pattern[str]:
        sources = []
        for s in items:
            src = self.source(s, path)
            self.pattern(src, path)
            sources.append(src)
        if not sources:
            return regex.compile(r"(?!x)x")
        return self.pattern(r"\b(?:" + "|".join(f"(?:{s})" for s in sources) + r")\b", path)

    def _tolerance(self, table: dict[str, Any], path: str) -> float | None:
        if "tolerance" not in table:
            return None
        value = self.get(table, "tolerance", path, (int, float), 0)
        if isinstance(value, bool) or not 0 <= value < 1:
            raise self.fail(path, f"expected a number from 0 to below 1 (0.05 = 5%), got {value!r}")
        return float(value)

    def optional(self, table: dict[str, Any], key: str, path: str) -> regex.Pattern[str] | None:
        """The alternation of a list of patterns, or None when the key is absent or empty."""
        return self.alternation(self.patterns(table, key, path), path) if table.get(key) else None

    def patterns(self, table: dict[str, Any], key: str, path: str) -> list[Any]:
        """A list of patterns, each a pattern string or a words table."""
        items = self.get(table, key, path, list, [])
        for i, item in enumerate(items):
            if not isinstance(item, (str, dict)):
                raise self.fail(path, f"item {i + 1}: expected a pattern or a words table")
        return items

    def strings(self, table: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        items = self.get(table, key, path, list, [])
        if not all(isinstance(s, str) for s in items):
            raise self.fail(path, "expected a list of strings")
        return tuple(items)

    def status_subjects(self, status: dict[str, Any] | list[Any]) -> tuple[StatusSubject, ...]:
        """`[status]` (one subject) or `[[status]]` (several), each with its positions and clashes."""
        tables = [status] if isinstance(status, dict) else status
        out = []
        for i, st in enumerate(tables):
            if not st:
                continue
            sp = "status" if isinstance(status, dict) else f"status[{i + 1}]"
            positions = self.get(st, "positions", f"{sp}.positions", dict, {})
            clashes = self._clashes(st, sp, positions, numbered=isinstance(status, dict))
            label = self.get(st, "subject", f"{sp}.subject", str, "the measures")
            out.append(
                StatusSubject(
                    id=self.get(st, "id", f"{sp}.id", str, "measures" if i == 0 else f"subject{i + 1}"),
                    label=label,
                    measure=self.pattern(
                        self.get(st, "measure", f"{sp}.measure", (str, dict), r"(?!x)x"), f"{sp}.measure"
                    ),
                    positions=tuple((k, self.pattern(v, f"{sp}.positions.{k}")) for k, v in positions.items()),
                    clashes=tuple(clashes),
                    measures=tuple(
                        (k, self.pattern(v, f"{sp}.measures.{k}"))
                        for k, v in self.get(st, "measures", f"{sp}.measures", dict, {}).items()
                    ),
                    asserters=tuple(
                        (k, self.pattern(v, f"{sp}.asserters.{k}"))
                        for k, v in self.get(st, "asserters", f"{sp}.asserters", dict, {}).items()
                    ),
                    not_objects=self.optional(st, "not_objects", f"{sp}.not_objects"),
                    context=self.optional(st, "context", f"{sp}.context"),
                    not_owners=self.optional(st, "not_owners", f"{sp}.not_owners"),
                )
            )
        return tuple(out)

    def _clashes(
        self, st: dict[str, Any], sp: str, positions: dict[str, Any], *, numbered: bool
    ) -> list[tuple[frozenset[str], str]]:
        """`[[status.clash]]`: pairs of two different known positions that cannot both be true,
        each with its severity. `numbered` when the subject is a lone `[status]` table, whose
        clashes are named by their number in messages."""
        clashes = []
        for j, c in enumerate(self.get(st, "clash", f"{sp}.clash", list, [])):
            cp = f"{sp}.clash[{j + 1}]" if numbered else f"{sp}.clash"
            pair = self.strings(c, "between", f"{cp}.between")
            for name in pair:
                if name not in positions:
                    tip = _suggestion(name, list(positions), "positions")
                    raise self.fail(f"{cp}.between", f"unknown position {name!r}{tip}")
            if len(set(pair)) != 2:
                raise self.fail(f"{cp}.between", "a clash is between two different positions")
            sev = self.get(c, "severity", f"{cp}.severity", str, "high")
            if sev not in SEVERITIES:
                raise self.fail(f"{cp}.severity", f"expected one of {', '.join(SEVERITIES)}, got {sev!r}")
            clashes.append((frozenset(pair), sev))
        return clashes

    def build(self) -> Profile:
        """The compiled profile. Tables are read in the order they always were (story, topic,
        metrics, stages, events, themes, then each setting in the order `Profile` lists it), so
        a file with several mistakes reports the same first one."""
        r = self.raw
        story = self.get(r, "story", "story", dict)
        topic = self.get(r, "topic", "topic", dict)
        metrics = self._metrics(r)
        stages = self._stages(r)
        default_stage = self._default_stage(r, stages)
        events = self._events(r)
        themes = self._themes(r)
        figures = self.get(r, "figures", "figures", dict, {})
        ren = self.get(r, "renegotiation", "renegotiation", dict, {})
        roles = self.get(r, "roles", "roles", dict, {})
        status = self.get(r, "status", "status", (dict, list), {})
        questions = self.get(r, "questions", "questions", dict, {})
        digest = hashlib.sha256(repr(sorted(_flatten(r))).encode()).hexdigest()[:16]
        return Profile(
            path=self.name,
            digest=digest,
            **self._story_settings(story),
            **self._topic_settings(topic),
            metrics=tuple(metrics),
            count_nouns=self.alternation(
                self.patterns(figures, "count_nouns", "figures.count_nouns"), "figures.count_nouns"
            ),
            events=tuple(events),
            **self._renegotiation_settings(ren),
            **self._role_settings(roles),
            statuses=self.status_subjects(status),
            noun_units=_noun_units(metrics),
            themes=tuple(themes),
            hedges=self.alternation(self.patterns(questions, "hedges", "questions.hedges"), "questions.hedges"),
            builtin_hedges=self.get(questions, "builtin_hedges", "questions.builtin_hedges", bool, True),
            stages=tuple(stages),
            default_stage=default_stage,
            raw=r,
        )

    def _metrics(self, r: dict[str, Any]) -> list[Metric]:
        """`[[metric]]`: what the figures measure, each with its units and aspects."""
        metrics = []
        for i, m in enumerate(self.get(r, "metric", "metric", list, [])):
            mp = f"metric[{i + 1}]"
            aspects = self.get(m, "aspects", f"{mp}.aspects", dict)
            metrics.append(
                Metric(
                    id=self.get(m, "id", f"{mp}.id", str),
                    label=self.get(m, "label", f"{mp}.label", str),
                    units=self.strings(m, "units", f"{mp}.units"),
                    aspects=tuple(
                        (k, self.alternation(v if isinstance(v, list) else [v], f"{mp}.aspects.{k}"))
                        for k, v in aspects.items()
                    ),
                    changes=self.get(m, "changes", f"{mp}.changes", bool, True),
                    not_near=self.optional(m, "not_near", f"{mp}.not_near"),
                    maximum=self.get(m, "maximum", f"{mp}.maximum", bool, False),
                    levels=self.get(m, "levels", f"{mp}.levels", bool, True),
                    context=self.optional(m, "context", f"{mp}.context"),
                    official=self.get(m, "official", f"{mp}.official", bool, False),
                    tolerance=self._tolerance(m, f"{mp}.tolerance"),
                )
            )
        return metrics

    def _stages(self, r: dict[str, Any]) -> list[Stage]:
        """`[[stage]]`: stages of the measures, whose figures are never compared across."""
        stages = []
        for i, st in enumerate(self.get(r, "stage", "stage", list, [])):
            sp = f"stage[{i + 1}]"
            stages.append(
                Stage(
                    id=self.get(st, "id", f"{sp}.id", str),
                    label=self.get(st, "label", f"{sp}.label", str, self.get(st, "id", f"{sp}.id", str)),
                    pattern=self.pattern(self.get(st, "pattern", f"{sp}.pattern", (str, dict)), f"{sp}.pattern"),
                )
            )
        return stages

    def _default_stage(self, r: dict[str, Any], stages: list[Stage]) -> str:
        """`[stages] default`: the stage of an article that names none; one of the stages."""
        stage_settings = self.get(r, "stages", "stages", dict, {})
        default_stage: str = self.get(stage_settings, "default", "stages.default", str, "")
        if default_stage and default_stage not in {st.id for st in stages}:
            tip = _suggestion(default_stage, [st.id for st in stages], "stages")
            raise self.fail("stages.default", f"unknown stage {default_stage!r}{tip}")
        return default_stage

    def _events(self, r: dict[str, Any]) -> list[Event]:
        """`[[event]]`: what the story's dates are dates of."""
        events = []
        for i, e in enumerate(self.get(r, "event", "event", list, [])):
            ep = f"event[{i + 1}]"
            events.append(
                Event(
                    id=self.get(e, "id", f"{ep}.id", str),
                    label=self.get(e, "label", f"{ep}.label", str),
                    pattern=self.pattern(self.get(e, "pattern", f"{ep}.pattern", (str, dict)), f"{ep}.pattern"),
                    single=self.get(e, "single", f"{ep}.single", bool, False),
                    once_a_month=self.get(e, "once_a_month", f"{ep}.once_a_month", bool, False),
                    past=self.get(e, "past", f"{ep}.past", bool, False),
                    not_near=self.optional(e, "not_near", f"{ep}.not_near"),
                )
            )
        return events

    def _themes(self, r: dict[str, Any]) -> list[Theme]:
        """`[[theme]]`: the groups of open questions."""
        themes = []
        for i, t in enumerate(self.get(r, "theme", "theme", list, [])):
            tp = f"theme[{i + 1}]"
            themes.append(
                Theme(
                    id=self.get(t, "id", f"{tp}.id", str),
                    label=self.get(t, "label", f"{tp}.label", str),
                    pattern=self.pattern(self.get(t, "pattern", f"{tp}.pattern", (str, dict)), f"{tp}.pattern"),
                )
            )
        return themes

    # The settings below are `Profile` fields by name, read in the order `build` passes them.

    def _story_settings(self, story: dict[str, Any]) -> dict[str, Any]:
        """`[story]`: its id, its name, and what its deadline is called."""
        return {
            "story_id": self.get(story, "id", "story.id", str),
            "name": self.get(story, "name", "story.name", str),
            "deadline_label": self.get(story, "deadline_label", "story.deadline_label", str, "terms lapse"),
        }

    def _topic_settings(self, topic: dict[str, Any]) -> dict[str, Any]:
        """`[topic]`: the words that make an article part of the story, and how many it takes."""
        return {
            "topic": self.alternation(self.patterns(topic, "terms", "topic.terms"), "topic.terms"),
            "topic_related": self.optional(topic, "related", "topic.related"),
            "topic_min_score": float(self.get(topic, "min_score", "topic.min_score", (int, float), 1.0)),
        }

    def _renegotiation_settings(self, ren: dict[str, Any]) -> dict[str, Any]:
        """`[renegotiation]`: the events that start the terms, their length, and their end date."""
        return {
            "start_events": self.strings(ren, "start_events", "renegotiation.start_events"),
            "term_metric": self.get(ren, "term_metric", "renegotiation.term_metric", str, ""),
            "expiry": self.pattern(
                self.get(ren, "expiry_pattern", "renegotiation.expiry_pattern", (str, dict), r"(?!x)x"),
                "renegotiation.expiry_pattern",
            ),
        }

    def _role_settings(self, roles: dict[str, Any]) -> dict[str, Any]:
        """`[roles]`: the titles people hold, and the words around them."""
        return {
            "titles": self.strings(roles, "titles", "roles.titles"),
            "modifiers": self.strings(roles, "modifiers", "roles.modifiers"),
            "places": self.strings(roles, "places", "roles.places"),
            "title_aliases": tuple(
                (str(k), str(v)) for k, v in self.get(roles, "aliases", "roles.aliases", dict, {}).items()
            ),
            "shared_titles": self.strings(roles, "shared", "roles.shared"),
        }


#: Python types as a TOML file names them, for messages.
_TOML_TYPES = {
    bool: "true or false",
    str: "a string",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a table",
}


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _noun_units(metrics: list[Metric]) -> tuple[str, ...]:
    """The metrics' units that are plain nouns rather than known units: "page", "vessel"."""
    from rarewatch.core.figures import KNOWN_UNITS

    nouns = {u for m in metrics for u in m.units if u not in KNOWN_UNITS and regex.fullmatch(r"[a-z]{2,30}", u)}
    return tuple(sorted(nouns))


def _inflected(word: str) -> str:
    """A word with the regular endings English gives it: "curb" curbs curbed curbing, "pause"
    paused pausing, "tariff" tariffs, "policy" policies, "ban" banned. Irregular forms ("sent",
    "held") are words of their own."""
    w = regex.escape(word)
    if len(word) < 3 or not word.isalpha():
        return w + "s?"
    if word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        # "scrap" scrapping scrapped, "ban" banned (and "visit" visited: both are allowed)
        return w + f"(?:s|es|{regex.escape(word[-1])}?(?:ed|ing))?"
    if word.endswith("e"):
        return regex.escape(word[:-1]) + "(?:e|es|ed|ing)"
    if word.endswith("y") and word[-2] not in "aeiou":
        return regex.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    return w + "(?:s|es|ed|ing)?"


def word_pattern(phrase: str) -> str:
    """A plain word or phrase as a pattern: its last word inflected, and any space between words
    also a hyphen or a line break ("rare earth", "rare-earth")."""
    words = phrase.lower().split()
    return r"[-\s]+".join([regex.escape(w) for w in words[:-1]] + [_inflected(words[-1])])


def near_pattern(a: str, b: str, within: int) -> str:
    """Two words or phrases, in either order, with at most `within` words between them."""
    pa, pb, gap = word_pattern(a), word_pattern(b), rf"\W+(?:\w+\W+){{0,{within}}}?"
    return rf"\b(?:{pa}){gap}(?:{pb})\b|\b(?:{pb}){gap}(?:{pa})\b"


def _suggestion(name: str, known: list[str], what: str, cutoff: float = 0.5) -> str:
    """ "; did you mean 'x'?" for the closest known name, else the list of names to choose from."""
    hint = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    return f"; did you mean {hint[0]!r}?" if hint else f"; {what}: {', '.join(known) or 'none'}"


def _patterns_of(p: Profile) -> list[tuple[str, regex.Pattern[str]]]:
    """Every compiled pattern of a profile, with the key it comes from."""
    out: list[tuple[str, regex.Pattern[str]]] = [
        ("topic.terms", p.topic),
        ("figures.count_nouns", p.count_nouns),
        ("renegotiation.expiry_pattern", p.expiry),
        ("questions.hedges", p.hedges),
    ]
    if p.topic_related is not None:
        out.append(("topic.related", p.topic_related))
    for i, m in enumerate(p.metrics):
        out += [(f"metric[{i + 1}].aspects", rx) for _, rx in m.aspects]
        out += [(f"metric[{i + 1}].{k}", rx) for k, rx in (("not_near", m.not_near), ("context", m.context)) if rx]
    for i, e in enumerate(p.events):
        out.append((f"event[{i + 1}].pattern", e.pattern))
        if e.not_near is not None:
            out.append((f"event[{i + 1}].not_near", e.not_near))
    out += [(f"stage[{i + 1}].pattern", st.pattern) for i, st in enumerate(p.stages)]
    out += [(f"theme[{i + 1}].pattern", t.pattern) for i, t in enumerate(p.themes)]
    for i, st in enumerate(p.statuses):
        sp = "status" if len(p.statuses) == 1 else f"status[{i + 1}]"
        out.append((f"{sp}.measure", st.measure))
        for key, rx in (("not_objects", st.not_objects), ("context", st.context), ("not_owners", st.not_owners)):
            if rx is not None:
                out.append((f"{sp}.{key}", rx))
        for table, items in (("measures", st.measures), ("positions", st.positions), ("asserters", st.asserters)):
            out += [(f"{sp}.{table}.{k}", rx) for k, rx in items]
    return out


def _flatten(obj: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(obj, dict):
        out: list[tuple[str, str]] = []
        for k, v in obj.items():
            out.extend(_flatten(v, f"{prefix}.{k}"))
        return out
    if isinstance(obj, list):
        out = []
        for i, v in enumerate(obj):
            out.extend(_flatten(v, f"{prefix}[{i}]"))
        return out
    return [(prefix, repr(obj))]
