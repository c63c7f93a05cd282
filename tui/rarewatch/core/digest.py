""" "Since you last looked": a small snapshot of a folder's report, and the difference of two.

The dashboard stores a snapshot per watched folder after each complete refresh and compares the
one left by the previous session with the first complete report of this one. A snapshot holds
ids and counts only, never article text, so it stays small for ten thousand sources:

* sources: id -> number of key figures (new figures are the positive deltas per source);
* contradictions: id -> the position values (a known contradiction that gained a position is
  reported as changed, like a reopened mark);
* questions: theme -> rows of evidence (a theme whose count grew "gained evidence").

It lives next to the review marks (`<data>/<folder-key>/last-session.json`) and is written with
the same `atomic_write`. A missing or unreadable snapshot means "first session": no digest, never
an error. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from rarewatch.core.config import atomic_write, data_home, folder_key
from rarewatch.core.corpus import Report

FORMAT = 1
NAME = "last-session.json"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a session saw of one folder: ids and counts, no text."""

    sources: dict[str, int] = field(default_factory=dict)
    contradictions: dict[str, list[str]] = field(default_factory=dict)
    questions: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "at": self.at,
            "sources": self.sources,
            "contradictions": self.contradictions,
            "questions": self.questions,
            "titles": self.titles,
        }

    @classmethod
    def from_json(cls, raw: Any) -> Snapshot | None:
        """None for anything that is not a snapshot this rarewatch wrote."""
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return None
        try:
            return cls(
                sources={str(k): int(v) for k, v in raw.get("sources", {}).items()},
                contradictions={str(k): [str(x) for x in v] for k, v in raw.get("contradictions", {}).items()},
                questions={str(k): int(v) for k, v in raw.get("questions", {}).items()},
                titles={str(k): str(v) for k, v in raw.get("titles", {}).items()},
                at=str(raw.get("at", "")),
            )
        except (AttributeError, TypeError, ValueError):
            return None


def snapshot(report: Report, at: str = "") -> Snapshot:
    """The ids and counts of one report (key figures only: metric "other" is not counted)."""
    figs = report.figures.filter(pl.col("metric") != "other").group_by("source").len("n")
    per_source = dict(figs.iter_rows())
    sources = {sid: int(per_source.get(sid, 0)) for sid in report.sources["id"].to_list()}
    titles = {r["id"]: r["title"] for r in report.sources.select("id", "title").iter_rows(named=True) if r["title"]}
    contradictions = {}
    for cid, positions in report.contradictions.select("id", "positions").iter_rows():
        contradictions[cid] = sorted({str(p["value"]) for p in positions or []})
    q = report.questions.group_by("theme").len("n")
    questions = {t: int(n) for t, n in q.iter_rows()}
    return Snapshot(sources, contradictions, questions, titles, at)


@dataclass(frozen=True, slots=True)
class Digest:
    """What changed between two sessions."""

    added: list[str]
    removed: list[str]
    new_figures: int
    new_contradictions: list[str]
    changed_contradictions: list[str]
    questions: list[tuple[str, int]]  # theme, evidence gained
    since: str = ""
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.new_figures
            or self.new_contradictions
            or self.changed_contradictions
            or self.questions
        )

    def summary(self) -> str:
        """One line for a notification: "2 new sources, 1 removed, 7 new figures, …"."""
        if self.empty:
            return "Nothing changed since you last looked"
        parts = []
        for n, word in (
            (len(self.added), "new source"),
            (len(self.removed), "removed source"),
            (self.new_figures, "new figure"),
            (len(self.new_contradictions), "new contradiction"),
            (len(self.changed_contradictions), "contradiction with a new position"),
            (len(self.questions), "question with new evidence"),
        ):
            if n:
                parts.append(f"{n:,} {word}" + ("" if n == 1 else "s"))
        return "Since you last looked: " + ", ".join(parts)


def diff(old: Snapshot, new: Snapshot) -> Digest:
    """What `new` has that `old` did not (pure; ordered for display)."""
    added = sorted(set(new.sources) - set(old.sources))
    removed = sorted(set(old.sources) - set(new.sources))
    figures = sum(max(0, n - old.sources.get(sid, 0)) for sid, n in new.sources.items())
    fresh = sorted(set(new.contradictions) - set(old.contradictions))
    changed = sorted(
        cid
        for cid, pos in new.contradictions.items()
        if cid in old.contradictions and set(pos) - set(old.contradictions[cid])
    )
    questions = sorted(
        ((t, n - old.questions.get(t, 0)) for t, n in new.questions.items() if n > old.questions.get(t, 0)),
        key=lambda x: (-x[1], x[0]),
    )
    titles = {**old.titles, **new.titles}
    return Digest(added, removed, figures, fresh, changed, questions, old.at, titles)


def snapshot_path(root: str | Path, base: Path | None = None) -> Path:
    return (base or data_home()) / folder_key(root) / NAME


def load_snapshot(path: Path) -> Snapshot | None:
    """The previous session's snapshot; None when there is none or it cannot be read."""
    try:
        return Snapshot.from_json(json.loads(path.read_bytes()))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def save_snapshot(path: Path, snap: Snapshot) -> None:
    """Atomic: a reader sees the previous snapshot or this one whole. May raise OSError."""
    atomic_write(path, json.dumps(snap.to_json(), separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
