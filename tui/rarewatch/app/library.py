"""The analysed folder as the dashboard keeps it: one `ArticleTables` per file, plus their union.

A change to one file must cost the analysis of that file and a Polars recompute of the
aggregates, never a re-read of the folder. `Library` is an immutable snapshot: a worker derives
the next one from the current one and posts it; the App's handler swaps it in. Alongside the
per-file parts (a dict keyed by source id) it keeps their concatenation, updated by filtering out
the changed ids and appending the new rows, so `build_report` is handed one part instead of
re-concatenating ten thousand small frames on every keystroke in an editor.

No Textual import: this module also runs in the benchmark and in the process-pool children.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import polars as pl

from rarewatch.core import tables as T
from rarewatch.core.analysis import ArticleTables

_SCHEMAS = {
    "source": T.SOURCES,
    "figures": T.FIGURES,
    "timeline": T.TIMELINE,
    "roles": T.ROLES,
    "statuses": T.STATUSES,
    "questions": T.QUESTIONS,
    "text": T.TEXTS,
}


def part_id(part: ArticleTables) -> str:
    """The source id one part describes."""
    return part.source["id"][0]


def _empty() -> ArticleTables:
    return ArticleTables(**{k: pl.DataFrame(schema=s) for k, s in _SCHEMAS.items()})


def _key(name: str) -> str:
    return "id" if name == "source" else "source"


@dataclass(frozen=True, slots=True)
class Library:
    """Per-file tables keyed by source id, and all of them concatenated (`merged`)."""

    parts: Mapping[str, ArticleTables] = field(default_factory=lambda: MappingProxyType({}))
    merged: ArticleTables = field(default_factory=_empty)

    def __len__(self) -> int:
        return len(self.parts)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.parts

    def ids_under(self, rel: str) -> set[str]:
        """Ids of the file `rel`, or of every file below it when `rel` was a folder."""
        prefix = rel.rstrip("/") + "/"
        return {i for i in self.parts if i == rel or i.startswith(prefix)}

    def updated(self, new_parts: Iterable[ArticleTables], removed: Iterable[str] = ()) -> Library:
        """A new snapshot with `new_parts` added or replaced and `removed` ids dropped."""
        new_parts = list(new_parts)
        fresh = {part_id(p): p for p in new_parts}
        drop = (set(removed) | set(fresh)) & set(self.parts)
        if not fresh and not drop:
            return self
        parts = {k: v for k, v in self.parts.items() if k not in drop}
        parts.update(fresh)
        frames = {}
        drop_s = pl.Series(sorted(drop), dtype=pl.String).implode()
        for name, schema in _SCHEMAS.items():
            base = getattr(self.merged, name)
            if drop:
                base = base.filter(~pl.col(_key(name)).is_in(drop_s))
            add = [getattr(p, name) for p in fresh.values() if getattr(p, name).height]
            frames[name] = pl.concat([base, *add], how="vertical", rechunk=len(add) > 64) if add else base
            if frames[name].width != len(schema):  # never happens; keep the schema honest
                frames[name] = pl.DataFrame(schema=schema)
        return Library(MappingProxyType(parts), ArticleTables(**frames))

    def as_parts(self) -> list[ArticleTables]:
        """What `build_report` takes: the one merged part (cheap to concatenate again)."""
        return [self.merged]
