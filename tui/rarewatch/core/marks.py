"""The analyst's review marks: what has been explained, dismissed, answered or pinned.

Marks are the user's own work, so they live in the user data folder (not the cache), one TOML
file per watched folder: `<data>/<folder-key>/marks.toml`. Three rules keep them safe:

* A write never leaves half a file: temp file in the same folder, fsync, `os.replace`, fsync of
  the folder (`config.atomic_write`). A writer killed midway leaves the previous file intact.
* Two rarewatch instances on one folder lose no mark: every write takes an exclusive `flock` on
  a side lock file, re-reads the file, merges by item (the latest timestamp wins) and writes.
  Removing a mark writes a tombstone (`cleared = true`), so a merge cannot resurrect it.
* A file that does not parse is never overwritten silently: reading it raises `MarksError`
  naming file and line; the next write keeps it aside as `marks.toml.bak-<timestamp>` and says so.

A contradiction mark remembers the positions it was marked against; `is_open` reopens it when a
new source brings a position the analyst has not seen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl
import tomli_w

from rarewatch.core.config import ConfigError, atomic_write, data_home, folder_key, keep_aside, parse_toml
from rarewatch.core.tables import Schema

FORMAT = 1
#: Which states each kind of mark can have.
STATES: dict[str, tuple[str, ...]] = {
    "contradiction": ("explained", "dismissed"),
    "question": ("answered",),
    "figure": ("pinned",),
}
#: The marks table as exported; one row per live mark.
MARKS: Schema = {
    "kind": pl.String,
    "item": pl.String,
    "state": pl.String,
    "note": pl.String,
    "at": pl.String,
    "positions": pl.List(pl.String),
}
_HEADER = "# rarewatch review marks. Written by rarewatch; edits are kept if the file stays valid TOML.\n"


class MarksError(ValueError):
    """A marks file that cannot be read or a mark that cannot be made; names file and line."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One review decision about one item.

    `item` is a contradiction id, a question theme or sentence key, or a figure key
    (`figure_key(source, start)`). `at` is an ISO-8601 UTC timestamp: the merge keeps the latest.
    """

    kind: str
    item: str
    state: str
    at: str
    note: str = ""
    positions: tuple[str, ...] = ()
    cleared: bool = False

    @property
    def ident(self) -> tuple[str, str]:
        return (self.kind, self.item)


def figure_key(source: str, start: int) -> str:
    """A figure is pinned by where it stands: its source and its offset in the clean text."""
    return f"{source}@{start}"


def sentence_key(source: str, start: int) -> str:
    """One question sentence, when the analyst answers a single sentence rather than a theme."""
    return f"{source}@{start}"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _when(at: str) -> dt.datetime:
    try:
        t = dt.datetime.fromisoformat(at)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def newer(a: Mark, b: Mark) -> Mark:
    """The mark that wins a merge: latest timestamp; ties broken the same way in every process."""
    ka = (_when(a.at), a.cleared, a.state, a.note, a.positions)
    kb = (_when(b.at), b.cleared, b.state, b.note, b.positions)
    return a if ka >= kb else b


def merge(*layers: Iterable[Mark]) -> dict[tuple[str, str], Mark]:
    out: dict[tuple[str, str], Mark] = {}
    for layer in layers:
        for m in layer:
            old = out.get(m.ident)
            out[m.ident] = m if old is None else newer(old, m)
    return out


def is_open(mark: Mark | None, current_positions: Iterable[str] = ()) -> bool:
    """Still needs the analyst's attention?

    Unmarked and cleared items are open. A contradiction marked explained or dismissed reopens
    when a position appears that was not there at marking time (a new source disagrees anew);
    a position disappearing does not reopen it.
    """
    if mark is None or mark.cleared:
        return True
    if mark.kind == "contradiction":
        return bool(set(current_positions) - set(mark.positions))
    return False


def check(kind: str, item: str, state: str) -> None:
    if kind not in STATES:
        raise MarksError(f"unknown kind of mark '{kind}'; expected one of {', '.join(STATES)}")
    if state not in STATES[kind]:
        raise MarksError(f"a {kind} mark is {' or '.join(STATES[kind])}, not '{state}'")
    if not item:
        raise MarksError(f"a {kind} mark needs an item id")


# ---- the file -----------------------------------------------------------------------------------


def _mark_line(text: str, n: int) -> int | None:
    """Line of the n-th `[[mark]]` (0-based), for messages about one entry."""
    hits = [m.start() for m in re.finditer(r"^[ \t]*\[\[[ \t]*mark[ \t]*\]\]", text, re.M)]
    return text.count("\n", 0, hits[n]) + 1 if n < len(hits) else None


def parse_marks(text: str, name: str) -> list[Mark]:
    """Marks in a file's text; MarksError naming file and line when it is not a marks file."""
    try:
        raw = parse_toml(text, name)
    except ConfigError as exc:
        raise MarksError(str(exc)) from None
    fmt = raw.get("format", FORMAT)
    if fmt != FORMAT:
        raise MarksError(f"{name}: marks format {fmt!r} is not one this rarewatch reads ({FORMAT})")
    entries = raw.get("mark", [])
    if not isinstance(entries, list):
        raise MarksError(f"{name}: 'mark' should be an array of tables ([[mark]])")
    out = []
    for i, e in enumerate(entries):
        line = _mark_line(text, i)
        where = f"{name}:{line}" if line else f"{name}: mark {i + 1}"
        out.append(_entry(e, where))
    return out


def _entry(e: Any, where: str) -> Mark:
    if not isinstance(e, dict):
        raise MarksError(f"{where}: a mark should be a table")
    fields = {"kind", "item", "state", "at", "note", "positions", "cleared"}
    unknown = set(e) - fields
    if unknown:
        raise MarksError(f"{where}: unknown key '{sorted(unknown)[0]}' in a mark")
    at = e.get("at", "")
    if isinstance(at, dt.datetime):  # a hand-edited, unquoted TOML datetime
        at = at.isoformat()
    strings = {k: e.get(k, "") for k in ("kind", "item", "state", "note")}
    positions = e.get("positions", [])
    cleared = e.get("cleared", False)
    if (
        not all(isinstance(v, str) for v in (*strings.values(), at))
        or not isinstance(cleared, bool)
        or not isinstance(positions, list)
        or not all(isinstance(p, str) for p in positions)
    ):
        raise MarksError(
            f"{where}: a mark's kind, item, state, note and at are strings, "
            "positions a list of strings, cleared true or false"
        )
    try:
        check(strings["kind"], strings["item"], strings["state"])
    except MarksError as exc:
        raise MarksError(f"{where}: {exc}") from None
    return Mark(
        kind=strings["kind"],
        item=strings["item"],
        state=strings["state"],
        at=at,
        note=strings["note"],
        positions=tuple(positions),
        cleared=cleared,
    )


def dump_marks(marks: Iterable[Mark], folder: str = "") -> bytes:
    rows = []
    for m in sorted(marks, key=lambda m: (m.kind, m.item)):
        row: dict[str, Any] = {"kind": m.kind, "item": m.item, "state": m.state, "at": m.at}
        if m.note:
            row["note"] = m.note
        if m.positions:
            row["positions"] = list(m.positions)
        if m.cleared:
            row["cleared"] = True
        rows.append(row)
    doc: dict[str, Any] = {"format": FORMAT}
    if folder:
        doc["folder"] = folder
    doc["mark"] = rows
    return (_HEADER + tomli_w.dumps(doc)).encode("utf-8")


class MarkStore:
    """The marks of one watched folder. Cheap to create; every call reads or writes the file."""

    def __init__(
        self, root: str | Path, *, base: Path | None = None, notice: Callable[[str], None] | None = None
    ) -> None:
        self.root = Path(root).expanduser().resolve()
        self.path = (base or data_home()) / folder_key(self.root) / "marks.toml"
        self.lock_path = self.path.with_name("marks.lock")
        self.notice = notice
        self.notices: list[str] = []

    def _say(self, msg: str) -> None:
        self.notices.append(msg)
        if self.notice:
            self.notice(msg)

    def _read(self) -> list[Mark]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise MarksError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MarksError(f"{self.path}: not UTF-8 text (byte {exc.start})") from None
        return parse_marks(text, str(self.path))

    def load(self, *, include_cleared: bool = False) -> dict[tuple[str, str], Mark]:
        """Every mark by (kind, item). Raises MarksError when the file is not readable."""
        marks = merge(self._read())
        return marks if include_cleared else {k: m for k, m in marks.items() if not m.cleared}

    def marks(self) -> list[Mark]:
        return sorted(self.load().values(), key=lambda m: (m.kind, m.item))

    def get(self, kind: str, item: str) -> Mark | None:
        return self.load().get((kind, item))

    def mark(self, kind: str, item: str, state: str, *, note: str = "", positions: Iterable[str] = ()) -> Mark:
        """Record a decision; contradictions remember the positions they were judged on."""
        check(kind, item, state)
        m = Mark(kind=kind, item=item, state=state, at=now(), note=note, positions=tuple(sorted(set(positions))))
        self.write([m])
        return m

    def clear(self, kind: str, item: str) -> None:
        """Reopen an item. Writes a tombstone so another instance's merge cannot bring it back."""
        old = self.load(include_cleared=True).get((kind, item))
        if old is None or old.cleared:
            return
        self.write([replace(old, at=now(), cleared=True)])

    def write(self, new: Iterable[Mark]) -> None:
        """Merge `new` into the file under the lock: re-read, keep the latest per item, replace."""
        new = list(new)
        with self._locked():
            self._sweep()
            try:
                current = self._read()
            except MarksError as exc:
                if not self.path.exists():
                    raise
                backup = keep_aside(self.path)
                self._say(f"{exc}; kept it as {backup} and started a new marks file")
                current = []
            merged = merge(current, new)
            try:
                atomic_write(self.path, dump_marks(merged.values(), str(self.root)))
            except OSError as exc:  # full disk, read-only folder: say so; the old file is whole
                raise MarksError(
                    f"{self.path}: cannot save marks: {exc.strerror or exc}; the previous marks are unchanged"
                ) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise MarksError(f"{self.lock_path}: cannot lock marks: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _sweep(self) -> None:
        """Temp files of writers that died mid-write; only called under the lock, so stale."""
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def marks_frame(marks: Iterable[Mark]) -> pl.DataFrame:
    """Live marks as a table with the `MARKS` schema (for export)."""
    rows = [
        {"kind": m.kind, "item": m.item, "state": m.state, "note": m.note, "at": m.at, "positions": list(m.positions)}
        for m in marks
        if not m.cleared
    ]
    return pl.DataFrame(rows, schema=MARKS) if rows else pl.DataFrame(schema=MARKS)
