"""The schemas of rarewatch's tables, in one place.

Every producer (the per-article analysis, the corpus builder, the cache) and every consumer (the
report, the dashboard models, the exporters) uses these, so an empty table still has its columns.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

import polars as pl

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

#: A table's columns and their types.
Schema: TypeAlias = "dict[str, PolarsDataType]"


class Kind(StrEnum):
    """What a contradiction is about."""

    FIGURE = "figure"
    DATE = "date"
    ROLE = "role"
    STATUS = "status"


class Severity(StrEnum):
    """How strongly two positions disagree, strongest first (the order panes sort by)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: Polars columns of these closed vocabularies: a typo is an error, and they sort in this order.
KIND = pl.Enum([k.value for k in Kind])
SEVERITY = pl.Enum([s.value for s in Severity])

SOURCES: Schema = {
    "id": pl.String,
    "path": pl.String,
    "title": pl.String,
    "outlet": pl.String,
    "author": pl.String,
    "published": pl.String,
    "words": pl.Int64,
    "flags": pl.List(pl.String),
    "error": pl.String,
    "fingerprint": pl.String,
    "shingles": pl.List(pl.UInt64),
    "topic_score": pl.Float64,
}
FIGURES: Schema = {
    "source": pl.String,
    "metric": pl.String,
    "aspect": pl.String,
    "label": pl.String,
    "value": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "low_open": pl.Boolean,
    "high_open": pl.Boolean,
    "unit": pl.String,
    "qualifier": pl.String,
    "text": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "sentence": pl.String,
    "sentence_start": pl.Int64,
    "attribution": pl.String,
    "change": pl.Boolean,
    "role": pl.String,
    "pair": pl.Int64,
    "stage": pl.String,
}
TIMELINE: Schema = {
    "source": pl.String,
    "date": pl.String,
    "kind": pl.String,
    "text": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "event_id": pl.String,
    "event": pl.String,
    "sentence": pl.String,
    "sentence_start": pl.Int64,
    "expiry": pl.Boolean,
    "stage": pl.String,
}
ROLES: Schema = {
    "source": pl.String,
    "person": pl.String,
    "title": pl.String,
    "modifiers": pl.String,
    "place": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "sentence": pl.String,
}
STATUSES: Schema = {
    "source": pl.String,
    "position": pl.String,
    "measures": pl.List(pl.String),
    "asserter": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "sentence": pl.String,
    "subject": pl.String,
}
QUESTIONS: Schema = {
    "source": pl.String,
    "theme": pl.String,
    "label": pl.String,
    "kind": pl.String,
    "cue": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "sentence": pl.String,
}
CONTRADICTIONS: Schema = {
    "id": pl.String,
    "kind": KIND,
    "subject": pl.String,
    "severity": SEVERITY,
    "positions": pl.List(
        pl.Struct(
            {
                "value": pl.String,
                "number": pl.Float64,
                "sources": pl.List(pl.String),
                "sentences": pl.List(pl.String),
                # who asserts this position (a status reading's speaker), and the measures it names
                "who": pl.String,
                "measures": pl.List(pl.String),
                # the position without who asserts it ("eliminated"), for display
                "reading": pl.String,
            }
        )
    ),
    "sources": pl.Int64,
    # why the severity is what it is, in words ("estimates differ by 2 points; one source each")
    "reason": pl.String,
    # what it is about, as columns: the metric, event, person or status subject; for a figure,
    # its unit and whether it is a change; the stage of the measures
    "topic": pl.String,
    "unit": pl.String,
    "change": pl.Boolean,
    "stage": pl.String,
}
TEXTS: Schema = {"source": pl.String, "text": pl.String}

#: Each per-article table (the fields of `analysis.ArticleTables`) with its schema.
ARTICLE_TABLES: dict[str, Schema] = {
    "source": SOURCES,
    "figures": FIGURES,
    "timeline": TIMELINE,
    "roles": ROLES,
    "statuses": STATUSES,
    "questions": QUESTIONS,
    "text": TEXTS,
}


def frame(rows: list[dict], schema: Schema) -> pl.DataFrame:
    """A DataFrame with exactly `schema`, also when `rows` is empty."""
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame(rows, schema=schema, orient="row" if isinstance(rows[0], tuple) else None)
