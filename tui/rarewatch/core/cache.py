"""The parse cache: each file's `ArticleTables`, kept between runs so a warm start reads no article.

Design constraints, and the choices they force:

* **Warm start of 10,000 articles well under 1.5 s.** One Parquet file per table for the whole
  folder (seven files, not 70,000), each row tagged with `_key`, plus `manifest.json` mapping
  every source id to `(size, mtime_ns, key)`. A warm start is one `stat` per file, seven Parquet
  reads, one join and one `build_report` over the concatenated tables.
* **Re-parse exactly what changed.** `key` is a blake2b of the file's kind and bytes; the profile
  digest and the rarewatch version are checked for the whole folder. A file whose size and
  mtime match the manifest is not even hashed; one that changed is hashed, and re-parsed only if
  its bytes are new (a `touch` or a rename costs a hash, not a parse). A changed profile re-parses
  everything, because every table depends on it.
* **Never wrong, never a crash.** Rows are keyed by content, and the source id and path columns
  are rewritten from the current listing on load, so a renamed or copied file gets its own id.
  A file modified within the last two seconds is stored as "check again" (the mtime may not have
  ticked yet). A file that changes while it is parsed is not stored. A cache that cannot be read
  (bad Parquet, wrong schema, another rarewatch version) is discarded with a notice and rebuilt.
* **Atomic.** A store writes the tables under a new generation name (temp file, fsync,
  `os.replace`), then the manifest naming that generation, then removes older generations, all
  under an `flock`; a crash at any point leaves a manifest that names complete files.

Files rarewatch never reads (wrong extension, directories, files over the size limit) and files
that cannot be opened are not cached: listing them costs nothing. Files that open but fail (not
text, empty, no article in the HTML) are cached with their error row, keyed by content too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import fnmatch
import hashlib
import io
import json
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from rarewatch import __version__
from rarewatch.core import tables as T
from rarewatch.core.analysis import ArticleTables
from rarewatch.core.articles import MAX_BYTES, kind_of
from rarewatch.core.config import atomic_write, cache_home, folder_key
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.profile import Profile
from rarewatch.core.scan import analyse_files, list_files, scan, source_id

#: 2: shingles hashed from word CRCs; 3: figure and event stages, topic scores; 4: statuses
#: asserted by their speaker; 5: the measures a status names as a list
FORMAT = 5
KEY = "_key"
#: Each ArticleTables field with its schema; the cache stores exactly these columns plus `_key`.
SCHEMAS: dict[str, dict] = T.ARTICLE_TABLES
assert tuple(SCHEMAS) == ArticleTables.FIELDS
#: Files modified this recently are re-hashed next time: their mtime may not have moved yet.
RACY_NS = 2_000_000_000

Notice = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class FileState:
    """What the cache knows of one file: a stat fingerprint and the key of its bytes."""

    size: int
    mtime_ns: int
    key: str


def content_key(path: Path, kind: str) -> str:
    """blake2b of the file's kind and bytes: the same bytes read as HTML and as text differ."""
    h = hashlib.blake2b(digest_size=16)
    h.update(kind.encode() + b"\0")
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def shown_path(root: Path, sid: str, root_label: str | None) -> str:
    """The `path` column exactly as `scan.analyse_path` writes it."""
    return f"{root_label}/{sid}" if root_label else str(root / sid)


def _id_column(table: str) -> str:
    return "id" if table == "source" else "source"


def ignore_paths(root: Path, paths: Iterable[Path], patterns: Sequence[str]) -> list[Path]:
    """Drop files matching any glob in `patterns`, tried on the path inside the folder and the name."""
    if not patterns:
        return list(paths)
    out = []
    for p in paths:
        sid = source_id(root, p)
        if not any(fnmatch.fnmatch(sid, g) or fnmatch.fnmatch(p.name, g) for g in patterns):
            out.append(p)
    return out


@dataclass(slots=True)
class Lookup:
    """A folder listing matched against the cache: what can be reused, what must be parsed."""

    root: Path
    root_label: str | None
    paths: list[Path]
    ids: list[str]
    states: list[FileState | None]  # None: not cacheable (not an article file, unreadable)
    hits: dict[str, pl.DataFrame]  # per table, cached rows of hit files with `_key` and `_i`
    misses: list[int]  # indices into `paths` still to analyse
    changed: bool  # anything to write back (new rows, new stats, removals)


class ParseCache:
    """The parse cache of one watched folder under one profile."""

    def __init__(
        self, root: str | Path, profile: Profile, *, base: Path | None = None, notice: Notice | None = None
    ) -> None:
        self.root = Path(root)
        self.profile = profile
        self.dir = (base or cache_home()) / folder_key(self.root)
        self.manifest_path = self.dir / "manifest.json"
        self.notice = notice
        self.notices: list[str] = []

    # ---- reading ------------------------------------------------------------------------------

    def _say(self, msg: str) -> None:
        self.notices.append(msg)
        if self.notice:
            self.notice(msg)

    def _manifest(self) -> dict[str, Any] | None:
        """The manifest if it belongs to this rarewatch and profile; None means start afresh."""
        try:
            raw = self.manifest_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._say(f"parse cache {self.dir} not readable ({exc.strerror or exc}); re-reading the articles")
            return None
        try:
            m = json.loads(raw)
            ok = (
                isinstance(m, dict)
                and isinstance(m.get("files"), dict)
                and isinstance(m.get("generation"), str)
                and m["generation"].isalnum()
            )
        except (ValueError, UnicodeDecodeError):
            ok = False
        if not ok:
            self._discard("its manifest is not valid")
            return None
        if m.get("format") != FORMAT or m.get("version") != __version__:
            self._discard(f"it was written by rarewatch {m.get('version', '?')} (cache format {m.get('format', '?')})")
            return None
        if m.get("root") != str(self.root.resolve()):
            self._discard(f"it belongs to another folder ({m.get('root')})")
            return None
        if m.get("profile") != self.profile.digest:
            return None  # another profile: every file re-parses, the store replaces the cache
        return m

    def _table_path(self, generation: str, table: str) -> Path:
        return self.dir / f"{table}-{generation}.parquet"

    def _read_tables(self, generation: str, keys: set[str]) -> dict[str, pl.DataFrame] | None:
        """Cached rows whose key is in `keys`; None (and the cache discarded) if a file is damaged."""
        out = {}
        want = pl.Series(KEY, sorted(keys), dtype=pl.String)
        for table, schema in SCHEMAS.items():
            path = self._table_path(generation, table)
            try:
                df = pl.read_parquet(path)
            except Exception as exc:  # polars raises several kinds for a damaged file
                self._discard(f"{path.name} cannot be read ({type(exc).__name__})")
                return None
            expected = {**schema, KEY: pl.String}
            if dict(df.schema) != expected:
                self._discard(f"{path.name} has other columns than this rarewatch writes")
                return None
            out[table] = df.filter(pl.col(KEY).is_in(want.implode()))
        return out

    def _discard(self, reason: str) -> None:
        self._say(f"parse cache for {self.root} discarded: {reason}; re-reading the articles")
        self.clear()

    def clear(self) -> None:
        """Remove this folder's cache files (not the folder, which another process may be using)."""
        with contextlib.suppress(OSError):
            for p in self.dir.iterdir():
                if p.suffix in (".parquet", ".json", ".tmp"):
                    with contextlib.suppress(OSError):
                        p.unlink()

    def state(self, path: Path, known: FileState | None = None) -> FileState | None:
        """The file's fingerprint; hashes only when `known` does not match size and mtime."""
        kind = kind_of(path)
        if kind is None:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES or st.st_size == 0:
            return None
        if known is not None and known.size == st.st_size and known.mtime_ns == st.st_mtime_ns:
            return known
        try:
            key = content_key(path, kind)
        except OSError:
            return None
        return FileState(st.st_size, st.st_mtime_ns, key)

    def lookup(self, paths: Sequence[Path], root_label: str | None = None) -> Lookup:
        """Match the listing against the cache; read the cached rows of every file that hits."""
        ids = [source_id(self.root, p) for p in paths]
        with self._locked(fcntl.LOCK_SH):  # a writer swaps generations under LOCK_EX
            manifest = self._manifest()
            files: dict[str, list] = manifest["files"] if manifest else {}
            states: list[FileState | None] = []
            for sid, p in zip(ids, paths, strict=True):
                entry = files.get(sid)
                known = FileState(*entry) if entry is not None and _valid_entry(entry) else None
                states.append(self.state(p, known))
            stored = {e[2] for e in files.values() if _valid_entry(e)}
            hit_keys = {i: s.key for i, s in enumerate(states) if s is not None and s.key in stored}
            hit_idx = list(hit_keys)
            frames = None
            if hit_idx and manifest:
                frames = self._read_tables(manifest["generation"], set(hit_keys.values()))
        if frames is None:
            hit_idx = []
            frames = {t: pl.DataFrame(schema={**s, KEY: pl.String}) for t, s in SCHEMAS.items()}
        hits = self._place(frames, paths, ids, states, hit_idx, root_label)
        hit_set = set(hit_idx)
        misses = [i for i in range(len(paths)) if i not in hit_set]
        unchanged = (
            manifest is not None
            and not misses
            and len(files) == len(hit_idx)
            and all(files.get(ids[i]) == _entry(states[i]) for i in hit_idx)
        )
        return Lookup(self.root, root_label, list(paths), ids, states, hits, misses, not unchanged)

    def _place(
        self,
        frames: dict[str, pl.DataFrame],
        paths: Sequence[Path],
        ids: list[str],
        states: list[FileState | None],
        hit_idx: list[int],
        root_label: str | None,
    ) -> dict[str, pl.DataFrame]:
        """Give cached rows the id, path and order of the files that hit now (renames, copies)."""
        mapping = pl.DataFrame(
            {
                KEY: [s.key for i in hit_idx if (s := states[i]) is not None],
                "_i": [i for i in hit_idx],
                "_sid": [ids[i] for i in hit_idx],
                "_path": [shown_path(self.root, ids[i], root_label) for i in hit_idx],
            },
            schema={KEY: pl.String, "_i": pl.Int64, "_sid": pl.String, "_path": pl.String},
        )
        out = {}
        for table, df in frames.items():
            col = _id_column(table)
            j = df.join(mapping, on=KEY, how="inner", maintain_order="left")
            fix = [pl.col("_sid").alias(col)]
            if table == "source":
                fix.append(pl.col("_path").alias("path"))
            out[table] = j.with_columns(fix).sort("_i", maintain_order=True).select(*SCHEMAS[table], KEY, "_i")
        return out

    # ---- combining and writing ----------------------------------------------------------------

    def combine(self, lookup: Lookup, fresh: Sequence[ArticleTables]) -> dict[str, pl.DataFrame]:
        """Cached and freshly parsed rows in listing order, each with `_key` (None: not cached)."""
        idx = {sid: i for i, sid in enumerate(lookup.ids)}
        keys = {lookup.ids[i]: (s.key if (s := lookup.states[i]) else None) for i in lookup.misses}
        out = {}
        for table, schema in SCHEMAS.items():
            col = _id_column(table)
            parts = [f for p in fresh if (f := getattr(p, table)).height]
            # rechunk first: expressions over 10,000 one-article chunks are slow and memory-hungry
            new = pl.concat(parts, how="vertical", rechunk=True) if parts else pl.DataFrame(schema=schema)
            new = new.with_columns(
                pl.col(col).replace_strict(keys, default=None, return_dtype=pl.String).alias(KEY),
                pl.col(col).replace_strict(idx, default=len(idx), return_dtype=pl.Int64).alias("_i"),
            )
            both = pl.concat([lookup.hits[table], new], how="vertical")
            out[table] = both.sort("_i", maintain_order=True).rechunk()
        return out

    def store(self, lookup: Lookup, combined: Mapping[str, pl.DataFrame]) -> None:
        """Write the folder's current tables back, if anything changed; never raises OSError."""
        if not lookup.changed:
            return
        files: dict[str, list] = {}
        unsafe: set[str] = set()
        now = time.time_ns()
        hits = set(range(len(lookup.paths))) - set(lookup.misses)
        for i, (sid, s) in enumerate(zip(lookup.ids, lookup.states, strict=True)):
            if s is None:
                continue
            if i not in hits and self.state(lookup.paths[i], s) != s:
                unsafe.add(s.key)  # changed while it was parsed: the rows may not match the key
                continue
            racy = now - s.mtime_ns < RACY_NS
            files[sid] = [s.size, -1 if racy else s.mtime_ns, s.key]
        keep = {e[2] for e in files.values()} - unsafe
        files = {sid: e for sid, e in files.items() if e[2] in keep}
        tables = {}
        for table, df in combined.items():
            rows = df.filter(pl.col(KEY).is_in(pl.Series(sorted(keep), dtype=pl.String).implode()))
            # one copy of each key: two identical files share rows (ids are rewritten on load)
            first = rows.group_by(KEY).agg(pl.col("_i").min())
            tables[table] = rows.join(first, on=[KEY, "_i"], how="semi", maintain_order="left").select(
                *SCHEMAS[table], KEY
            )
        try:
            self._write(files, tables)
        except OSError as exc:
            self._say(f"could not write the parse cache in {self.dir}: {exc.strerror or exc}")

    def _write(self, files: dict[str, list], tables: Mapping[str, pl.DataFrame]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        generation = secrets.token_hex(6)
        with self._locked():
            for table, df in tables.items():
                buf = io.BytesIO()
                df.write_parquet(buf, statistics=False)
                atomic_write(self._table_path(generation, table), buf.getvalue())
            manifest = {
                "format": FORMAT,
                "version": __version__,
                "profile": self.profile.digest,
                "root": str(self.root.resolve()),
                "generation": generation,
                "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "files": files,
            }
            atomic_write(self.manifest_path, json.dumps(manifest, separators=(",", ":")).encode())
            for p in self.dir.glob("*.parquet"):
                if not p.name.endswith(f"-{generation}.parquet"):
                    with contextlib.suppress(OSError):
                        p.unlink()
            for p in self.dir.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    p.unlink()

    @contextlib.contextmanager
    def _locked(self, how: int = fcntl.LOCK_EX) -> Iterator[None]:
        """Readers share, the writer is alone; with no cache folder yet there is nothing to lock."""
        if how == fcntl.LOCK_SH and not self.dir.is_dir():
            yield
            return
        fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, how)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    # ---- per-article view, for an incremental model -------------------------------------------

    def load(self, root_label: str | None = None, paths: Sequence[Path] | None = None) -> dict[str, ArticleTables]:
        """Cached tables of every listed file that is still current, by source id.

        Files missing from the result need parsing. Splitting into per-article frames costs more
        than the warm `scan_cached` path, which never splits; use this to seed a live model.
        """
        paths = list_files(self.root) if paths is None else paths
        lk = self.lookup(paths, root_label)
        split = {t: _runs(df) for t, df in lk.hits.items()}
        empty = {t: pl.DataFrame(schema=s) for t, s in SCHEMAS.items()}
        out = {}
        for i in sorted(set(range(len(paths))) - set(lk.misses)):
            out[lk.ids[i]] = ArticleTables(**{t: split[t].get(i, empty[t]) for t in SCHEMAS})
        return out

    def store_parts(self, parts: Mapping[str, ArticleTables], root_label: str | None = None) -> None:
        """Write a live model's per-article tables (source id -> tables) as the folder's cache.

        Files are fingerprinted now (a stat when the manifest still matches, else a hash), so a
        file edited between its parse and this call would be stored under its new bytes; the
        watcher's event for that edit re-parses and stores it again.
        """
        manifest = self._manifest()
        files: dict[str, list] = manifest["files"] if manifest else {}
        ids = sorted(parts)
        paths = [self.root / sid for sid in ids]
        states = [
            self.state(p, FileState(*files[sid]) if _valid_entry(files.get(sid)) else None)
            for sid, p in zip(ids, paths, strict=True)
        ]
        empty = {t: pl.DataFrame(schema={**s, KEY: pl.String, "_i": pl.Int64}) for t, s in SCHEMAS.items()}
        lookup = Lookup(self.root, root_label, paths, ids, states, empty, list(range(len(ids))), True)
        self.store(lookup, self.combine(lookup, [parts[sid] for sid in ids]))


def _runs(df: pl.DataFrame) -> dict[int, pl.DataFrame]:
    """Rows sorted by `_i` cut into per-file frames with zero-copy slices (partition_by is slower)."""
    body = df.drop(KEY, "_i")
    runs = df.group_by("_i", maintain_order=True).len()
    out, offset = {}, 0
    for i, n in runs.iter_rows():
        out[i] = body.slice(offset, n)
        offset += n
    return out


def _valid_entry(e: Any) -> bool:
    return (
        isinstance(e, list)
        and len(e) == 3
        and isinstance(e[0], int)
        and isinstance(e[1], int)
        and isinstance(e[2], str)
    )


def _entry(s: FileState | None) -> list | None:
    return None if s is None else [s.size, s.mtime_ns, s.key]


def to_tables(combined: Mapping[str, pl.DataFrame]) -> ArticleTables:
    """The whole folder as one ArticleTables: `build_report` concatenates parts anyway."""
    return ArticleTables(**{t: df.select(*SCHEMAS[t]) for t, df in combined.items()})


def scan_cached(
    root: Path,
    profile: Profile,
    today: dt.date,
    *,
    root_label: str | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    notice: Notice | None = None,
    ignore: Sequence[str] = (),
    base: Path | None = None,
) -> Report:
    """`scan.scan` through the cache: parse only what is new or changed, then build the report.

    The report equals `scan.scan`'s for the same files; cache trouble becomes a notice, never
    an exception.
    """
    if not use_cache and not ignore:
        return scan(root, profile, today, root_label=root_label, workers=workers)
    paths = ignore_paths(root, list_files(root), ignore)
    if not use_cache:
        parts = analyse_files(root, paths, profile, root_label=root_label, workers=workers, batched=True)
        return build_report(parts, profile, today)
    cache = ParseCache(root, profile, base=base, notice=notice)
    try:
        lookup = cache.lookup(paths, root_label)
    except OSError as exc:
        cache._say(f"parse cache unavailable ({exc.strerror or exc}); reading every article")
        parts = analyse_files(root, paths, profile, root_label=root_label, workers=workers, batched=True)
        return build_report(parts, profile, today)
    fresh = list(
        analyse_files(
            root, [paths[i] for i in lookup.misses], profile, root_label=root_label, workers=workers, batched=True
        )
    )
    combined = cache.combine(lookup, fresh)
    cache.store(lookup, combined)
    return build_report([to_tables(combined)], profile, today)
