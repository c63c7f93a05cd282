"""The one path from article text to tables.

`analyse_document` is a pure function of a document's text and the topic profile: the dashboard,
`rarewatch scan`, the cache and the benchmarks all call it, and it never touches the disk, the
clock or the UI. Cross-article work (duplicates, contradictions, the countdown) happens afterwards
in `corpus.py`, over the concatenated tables.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import asdict, dataclass

import polars as pl
import regex

from rarewatch.core import tables as T
from rarewatch.core.articles import Article, Document, clean_article
from rarewatch.core.claims import extract_roles, extract_statuses
from rarewatch.core.figures import extract_figures
from rarewatch.core.patterns import PatternTimeout, search
from rarewatch.core.profile import Profile
from rarewatch.core.questions import extract_questions
from rarewatch.core.sentences import split_sentences
from rarewatch.core.timeline import extract_timeline, reference_date

#: Shingles sampled for duplicate detection: one in SAMPLE of the 8-word windows.
SHINGLE = 8
SAMPLE = 4
_U64 = (1 << 64) - 1


_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class ArticleTables:
    """Everything one article contributes; each frame has the schema in `tables.py`."""

    source: pl.DataFrame
    figures: pl.DataFrame
    timeline: pl.DataFrame
    roles: pl.DataFrame
    statuses: pl.DataFrame
    questions: pl.DataFrame
    text: pl.DataFrame

    FIELDS = ("source", "figures", "timeline", "roles", "statuses", "questions", "text")


def failed_source(source_id: str, path: str, error: str, flags: tuple[str, ...] = ("unreadable",)) -> ArticleTables:
    """The tables of a file that could not be read: one sources row carrying the reason."""
    row = {
        "id": source_id,
        "path": path,
        "title": None,
        "outlet": None,
        "author": None,
        "published": None,
        "words": 0,
        "flags": list(flags),
        "error": error,
        "fingerprint": None,
        "shingles": [],
    }
    return _tables(row, [], [], [], [], [], "")


def analyse_document(source_id: str, path: str, doc: Document, profile: Profile) -> ArticleTables:
    """Read one article's story, metadata and claims; never raises on bad text."""
    try:
        article = clean_article(doc)
        return _analyse(source_id, path, article, profile)
    except PatternTimeout as exc:
        return failed_source(source_id, path, f"skipped: {exc}", ("unreadable", "regex-timeout"))
    except RecursionError:
        return failed_source(source_id, path, "skipped: text too deeply nested")


def _analyse(source_id: str, path: str, a: Article, profile: Profile) -> ArticleTables:
    flags = list(a.flags)
    on_topic = bool(search(profile.topic, a.text)) or bool(a.title and search(profile.topic, a.title))
    if not on_topic:
        flags.append("off-topic")
    norm = _NON_WORD.sub(" ", a.text.lower()).split()
    row = {
        "id": source_id,
        "path": path,
        "title": a.title,
        "outlet": a.outlet,
        "author": a.author,
        "published": a.published,
        "words": a.words,
        "flags": flags,
        "error": None,
        "fingerprint": hashlib.blake2b(" ".join(norm).encode(), digest_size=12).hexdigest(),
        "shingles": _shingles(norm),
    }
    if not on_topic or not a.text:
        return _tables(row, [], [], [], [], [], a.text)
    sentences = split_sentences(a.text)
    ref = reference_date(a.text, a.published)
    dated, mentions = extract_timeline(a.text, sentences, ref, profile)
    figures = extract_figures(a.text, sentences, [(d.start, d.end) for d in mentions], profile)
    fig_rows = [{"source": source_id, **{k: getattr(f, k) for k in f.__slots__}} for f in figures]
    tl_rows = [{"source": source_id, **asdict(d)} for d in dated]
    role_rows = [{"source": source_id, **asdict(r)} for r in extract_roles(sentences, profile)]
    status_rows = [{"source": source_id, **asdict(s)} for s in extract_statuses(sentences, profile)]
    q_rows = [{"source": source_id, **asdict(q)} for q in extract_questions(sentences, profile)]
    return _tables(row, fig_rows, tl_rows, role_rows, status_rows, q_rows, a.text)


def _shingles(words: list[str]) -> list[int]:
    """A sample of hashed 8-word windows: the same story with other furniture shares most.

    Words get a CRC each and a window the hash of its tuple of CRCs: both are the same in every
    process and run (unlike the hash of a string), and far cheaper than a digest per window.
    """
    ids = [zlib.crc32(w.encode()) for w in words]
    out = set()
    for i in range(max(0, len(ids) - SHINGLE + 1)):
        h = hash(tuple(ids[i : i + SHINGLE])) & _U64
        if h % SAMPLE == 0:
            out.add(h)
    return sorted(out)[:400]


def _tables(row: dict, figs: list, tl: list, roles: list, statuses: list, qs: list, text: str) -> ArticleTables:
    return ArticleTables(
        source=T.frame([row], T.SOURCES),
        figures=T.frame(figs, T.FIGURES),
        timeline=T.frame(tl, T.TIMELINE),
        roles=T.frame(roles, T.ROLES),
        statuses=T.frame(statuses, T.STATUSES),
        questions=T.frame(qs, T.QUESTIONS),
        text=T.frame([{"source": row["id"], "text": text}], T.TEXTS),
    )
