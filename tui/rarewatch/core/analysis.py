"""The one path from article text to tables.

`analyse_document` is a pure function of a document's text and the topic profile: the dashboard,
`rarewatch scan`, the cache and the benchmarks all call it, and it never touches the disk, the
clock or the UI. Cross-article work (duplicates, contradictions, the countdown) happens afterwards
in `corpus.py`, over the concatenated tables.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import regex

from rarewatch.core import tables as T
from rarewatch.core.articles import Article, Document, clean_article
from rarewatch.core.claims import extract_roles, extract_statuses
from rarewatch.core.figures import extract_figures
from rarewatch.core.patterns import PatternTimeout, finditer
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


#: One article's rows for each table of `ArticleTables`, before they become frames: a worker
#: turns a whole chunk of articles into one frame per table, which is cheaper to build and to
#: send back than a frame per table per article.
Rows = dict[str, list[dict]]


def failed_rows(source_id: str, path: str, error: str, flags: tuple[str, ...] = ("unreadable",)) -> Rows:
    """The rows of a file that could not be read: one sources row carrying the reason."""
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
        "topic_score": None,
    }
    return _rows(row, [], [], [], [], [], "")


def failed_source(source_id: str, path: str, error: str, flags: tuple[str, ...] = ("unreadable",)) -> ArticleTables:
    """The tables of a file that could not be read: one sources row carrying the reason."""
    return tables_of([failed_rows(source_id, path, error, flags)])


def analyse_document(source_id: str, path: str, doc: Document, profile: Profile) -> ArticleTables:
    """Read one article's story, metadata and claims; never raises on bad text."""
    return tables_of([document_rows(source_id, path, doc, profile)])


def document_rows(source_id: str, path: str, doc: Document, profile: Profile) -> Rows:
    """`analyse_document` as rows, for callers that gather many articles into one frame."""
    try:
        article = clean_article(doc)
        return _analyse(source_id, path, article, profile)
    except PatternTimeout as exc:
        return failed_rows(source_id, path, f"skipped: {exc}", ("unreadable", "regex-timeout"))
    except RecursionError:
        return failed_rows(source_id, path, "skipped: text too deeply nested")


def tables_of(rows: Sequence[Rows]) -> ArticleTables:
    """The tables of one or many articles' rows, one frame per table."""
    return ArticleTables(
        **{name: T.frame([r for one in rows for r in one[name]], schema) for name, schema in T.ARTICLE_TABLES.items()}
    )


def _analyse(source_id: str, path: str, a: Article, profile: Profile) -> Rows:
    flags = list(a.flags)
    score = topic_score(a, profile)
    on_topic = score >= profile.topic_min_score
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
        "topic_score": score,
    }
    if not on_topic or not a.text:
        return _rows(row, [], [], [], [], [], a.text)
    sentences = split_sentences(a.text)
    ref = reference_date(a.text, a.published)
    dated, mentions = extract_timeline(a.text, sentences, ref, profile, published=a.published is not None)
    figures = extract_figures(a.text, sentences, [(d.start, d.end) for d in mentions], profile)
    return _rows(
        row,
        _claim_rows(source_id, figures),
        _claim_rows(source_id, dated),
        _claim_rows(source_id, extract_roles(sentences, profile)),
        _claim_rows(source_id, extract_statuses(sentences, profile)),
        _claim_rows(source_id, extract_questions(sentences, profile, a.text)),
        a.text,
    )


#: Occurrences of one kind of topic word that count towards the score: the tenth mention of
#: "tariffs" says no more about the topic than the fifth.
TOPIC_CAP = 5


def topic_score(a: Article, profile: Profile) -> float:
    """How much an article is about the story: each mention of a topic term counts 1 and each
    distinct related word 0.5 (up to TOPIC_CAP of each), over the headline and the text. A score,
    not a one-word gate: a story on the tariff side of the same deal names tariffs, fentanyl and
    soybeans without "rare earths", while a story on coffee tariffs names only tariffs."""
    text = f"{a.title}\n{a.text}" if a.title else a.text
    strong = sum(1 for _, m in zip(range(TOPIC_CAP), finditer(profile.topic, text), strict=False))
    if strong >= profile.topic_min_score or profile.topic_related is None:
        return float(strong)
    # related words count once each, however often: "tariffs" ten times is a story on tariffs
    weak = {m.group().lower().rstrip("s") for m in finditer(profile.topic_related, text)}
    return strong + 0.5 * min(len(weak), TOPIC_CAP)


def _claim_rows(source_id: str, claims: Sequence[Any]) -> list[dict]:
    """Rows of slotted dataclasses, field by field (`asdict` deep-copies, at several times the cost)."""
    return [{"source": source_id, **{k: getattr(c, k) for k in c.__slots__}} for c in claims]


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


def _rows(row: dict, figs: list, tl: list, roles: list, statuses: list, qs: list, text: str) -> Rows:
    return {
        "source": [row],
        "figures": figs,
        "timeline": tl,
        "roles": roles,
        "statuses": statuses,
        "questions": qs,
        "text": [{"source": row["id"], "text": text}],
    }
