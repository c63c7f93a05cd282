"""Searching the articles' own text: every sentence that says a word, with its source.

The panes show what the analysis found; an analyst also asks "who else mentions Bessent?",
which only the text can answer. The search is two steps so that it stays cheap on ten thousand
articles:

1. One Polars pass over the text table counts the matches of every article (case-insensitive,
   the query taken literally: a `(` or `*` the user types is not a regular expression). That
   gives the totals ("Showing 500 of 3,212 matches in 840 articles") without Python loops.
2. Only the articles needed to fill `limit` rows, newest first, are split into sentences, and
   each match is placed in its sentence with the match's own offsets, so the reader can open on
   it. Offsets come from the original text (never a lower-cased copy, whose length may differ).

Nothing here imports Textual; the dashboard runs `search_texts` in a thread worker.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import polars as pl
import regex

from rarewatch.core.corpus import Report
from rarewatch.core.sentences import split_sentences

#: Result rows returned at most; the screen says how many there were in all.
SEARCH_LIMIT = 500
#: Shortest query searched (one letter would match every sentence).
MIN_QUERY = 2

RESULT_SCHEMA = {
    "source": pl.String,
    "who": pl.String,
    "title": pl.String,
    "published": pl.String,
    "sentence": pl.String,
    "sentence_start": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
}


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The rows of one search (capped), and how many matches and articles there were in all."""

    query: str
    rows: pl.DataFrame
    total: int
    articles: int

    @property
    def capped(self) -> bool:
        return self.rows.height < self.total

    def summary(self) -> str:
        """ "12 matches in 4 articles", or "showing 500 of 3,212 matches in 840 articles"."""
        if not self.query:
            return "type at least two characters"
        if not self.total:
            return "no matches"
        what = f"{self.total:,} match{'es' if self.total != 1 else ''} in {self.articles:,} article" + (
            "s" if self.articles != 1 else ""
        )
        return f"showing {self.rows.height:,} of {what}" if self.capped else what


def pattern(query: str) -> regex.Pattern[str] | None:
    """The query as a literal, case-insensitive pattern (None when too short to search)."""
    q = query.strip()
    if len(q) < MIN_QUERY:
        return None
    return regex.compile(regex.escape(q), regex.IGNORECASE | regex.V1)


def matches_in(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every match of `query` in one text, in reading order."""
    rx = pattern(query)
    if rx is None or not text:
        return []
    return [m.span() for m in rx.finditer(text)]


def search_texts(report: Report, query: str, *, source: str | None = None, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Every sentence of every article that contains `query`, newest article first.

    `source` narrows the search to one article (the panes' narrowing). Rows: source, who (outlet
    or file name), title, published, sentence, sentence_start, start and end of the match.
    """
    q = query.strip()
    rx = pattern(q)
    if rx is None:
        return SearchResult("", pl.DataFrame(schema=RESULT_SCHEMA), 0, 0)
    texts = report.texts if source is None else report.texts.filter(pl.col("source") == source)
    counted = (
        texts.with_columns(pl.col("text").str.count_matches("(?i)" + pl.escape_regex(q)).alias("n"))
        .filter(pl.col("n") > 0)
        .join(
            report.sources.select(
                pl.col("id").alias("source"),
                "title",
                "published",
                pl.coalesce(pl.col("outlet"), pl.col("id").str.split("/").list.last()).alias("who"),
            ),
            on="source",
            how="left",
        )
        .sort(["published", "source"], descending=[True, False], nulls_last=True)
    )
    total = int(counted["n"].sum()) if counted.height else 0
    rows: list[dict] = []
    for r in counted.iter_rows(named=True):
        if len(rows) >= limit:
            break
        rows.extend(_sentences_with(r, rx, limit - len(rows)))
    return SearchResult(q, pl.DataFrame(rows, schema=RESULT_SCHEMA), total, counted.height)


def _sentences_with(article: dict, rx: regex.Pattern[str], room: int) -> list[dict]:
    """One row per match in one article: the sentence around it and the match's offsets."""
    text: str = article["text"] or ""
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    out: list[dict] = []
    for m in rx.finditer(text):
        if len(out) >= room:
            break
        i = bisect.bisect_right(starts, m.start()) - 1
        s = sentences[i] if i >= 0 and sentences[i].end >= m.end() else None
        if s is None:  # a match across a sentence boundary: show its line
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            sentence, at = text[line_start : line_end if line_end >= 0 else len(text)], line_start
        else:
            sentence, at = s.text, s.start
        out.append(
            {
                "source": article["source"],
                "who": article["who"],
                "title": article["title"],
                "published": article["published"],
                "sentence": sentence,
                "sentence_start": at,
                "start": m.start(),
                "end": m.end(),
            }
        )
    return out
