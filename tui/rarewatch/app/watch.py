"""Watching the folder and re-analysing what changed; the logic behind the App's thread workers.

Design constraints, all measured on watchfiles 1.3:
- watchfiles' default debounce is 1.6 s; a dashboard wants ~200 ms, with a small `step` so a
  burst is yielded as soon as it goes quiet.
- A file is reported as added after its first chunk. Paths are therefore held until their size
  and mtime are unchanged across two looks at least `settle` apart, and only then analysed.
- Events are dropped silently when the kernel queue overflows, so the folder is re-listed on
  start and every `rescan` seconds, and the difference is posted like any other change.
- A burst (500 files dropped at once) becomes one `Batch`; the App coalesces batches that arrive
  while an analysis is running into the next one.
- The watched folder itself may be deleted, moved away, replaced or made unreadable. The loop
  checks it on every tick and raises `FolderUnavailable` with a plain reason, which the App shows
  ("not watching: ...") before restarting the worker; the restarted `run` waits quietly for the
  folder to come back, then lists it again (files gone meanwhile are reported as removed). A
  folder replaced under the same name (new inode) restarts the OS watch on the new one.

Nothing here touches a widget or imports Textual: `FolderWatcher.run` takes a stop event and an
`emit` callback, and `refresh` is a function from (library, batch) to (library, report). The App
wraps them in `@work(thread=True)` workers and turns `emit` into messages.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from rarewatch.app.library import Library
from rarewatch.core.analysis import ArticleTables
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.profile import Profile
from rarewatch.core.scan import analyse_files, ignored, list_files, source_id

#: Milliseconds watchfiles groups a burst over, and waits for quiet before yielding it.
DEBOUNCE_MS = 200
STEP_MS = 50
#: How often the watch loop wakes up when nothing happens (to settle pending files).
TICK_MS = 100
#: A file is read once its size and mtime have not changed for this long.
SETTLE_S = 0.15
#: Re-list the folder this often to catch events the kernel dropped.
RESCAN_S = 30.0

Stat = tuple[int, int]


class FolderUnavailable(OSError):
    """The watched folder is gone, not a folder, or cannot be read; the message says which."""


def folder_problem(root: Path) -> str | None:
    """Why `root` cannot be watched right now, or None when it can."""
    try:
        st = os.stat(root)
    except FileNotFoundError:
        return f"{root} is gone (deleted or moved away); waiting for it to come back"
    except OSError as exc:
        return f"{root}: {exc.strerror or exc}"
    if not stat.S_ISDIR(st.st_mode):
        return f"{root} is no longer a folder"
    if not os.access(root, os.R_OK | os.X_OK):
        return f"{root} cannot be read (permission denied)"
    return None


def _inode(root: Path) -> int | None:
    try:
        return os.stat(root).st_ino
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Batch:
    """Paths to (re)read and paths that are gone; `initial` for the scan at start."""

    changed: frozenset[Path] = frozenset()
    removed: frozenset[Path] = frozenset()
    initial: bool = False
    reason: str = "watch"

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.initial)

    def merge(self, other: Batch) -> Batch:
        """Two batches as one: a later change wins over an earlier removal and vice versa."""
        changed = (self.changed - other.removed) | other.changed
        removed = (self.removed - other.changed) | other.removed
        return Batch(
            frozenset(changed),
            frozenset(removed),
            self.initial or other.initial,
            self.reason if self.reason == other.reason else "watch",
        )


def _stat(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def snapshot(root: Path) -> dict[Path, Stat]:
    """Every candidate file under root with its size and mtime."""
    out: dict[Path, Stat] = {}
    for p in list_files(root):
        st = _stat(p)
        if st is not None:
            out[p] = st
    return out


@dataclass
class FolderWatcher:
    """Turns file-system events into settled `Batch`es; one instance per watch worker."""

    root: Path
    debounce_ms: int = DEBOUNCE_MS
    step_ms: int = STEP_MS
    tick_ms: int = TICK_MS
    settle_s: float = SETTLE_S
    rescan_s: float = RESCAN_S
    known: dict[Path, Stat] = field(default_factory=dict)
    pending: dict[Path, tuple[Stat, float]] = field(default_factory=dict)
    gone: set[Path] = field(default_factory=set)
    #: Set from another thread to re-list the folder at the next tick (Ctrl+R).
    rescan_requested: bool = False
    _gone_since: float = 0.0
    #: The folder went away during a run: the next run waits for it instead of failing at once.
    lost: bool = False

    def accepts(self, _change: object, path: str) -> bool:
        """The watch filter: what `list_files` would list (no hidden, temp or own files)."""
        p = Path(path)
        if ignored(p.name):
            return False
        try:
            rel = p.relative_to(self.root)
        except ValueError:
            return False
        return not any(part.startswith((".", "__")) for part in rel.parts[:-1])

    def initial(self) -> Batch:
        """The folder as it is now: every file, read at once (they are not being written).

        On a restart (the folder came back) files known before but absent now are removed.
        """
        before = set(self.known)
        self.known = snapshot(self.root)
        self.pending.clear()
        self.gone.clear()
        return Batch(frozenset(self.known), frozenset(before - set(self.known)), initial=True, reason="initial")

    def rescan(self, now: float) -> None:
        """Compare a fresh listing with what is known; differences go through the settle step."""
        fresh = snapshot(self.root)
        for p, st in fresh.items():
            if self.known.get(p) != st and p not in self.pending:
                self.pending[p] = (st, now)
        for p in set(self.known) - set(fresh):
            if p not in self.pending:
                self.gone.add(p)

    def observe(self, changes: set[tuple[watchfiles.Change, str]], now: float) -> None:
        """Record raw events; nothing is emitted until paths settle in `tick`."""
        if not self.gone:
            self._gone_since = now
        for change, raw in changes:
            p = Path(raw)
            if change == watchfiles.Change.deleted:
                self.pending.pop(p, None)
                self.gone.add(p)
                continue
            self.gone.discard(p)
            if p.is_dir() and not p.is_symlink():
                for f in list_files(p):  # a folder moved in: its files raise no events
                    st = _stat(f)
                    if st is not None:
                        self.pending[f] = (st, now)
                continue
            st = _stat(p)
            if st is None:
                self.gone.add(p)
            elif self.pending.get(p, (None,))[0] != st:
                self.pending[p] = (st, now)

    def tick(self, now: float) -> Batch:
        """Paths whose size and mtime held still for `settle_s`, and paths that are gone."""
        ready: set[Path] = set()
        for p, (seen, since) in list(self.pending.items()):
            st = _stat(p)
            if st is None:
                del self.pending[p]
                self.gone.add(p)
            elif st != seen:
                self.pending[p] = (st, now)
            elif now - since >= self.settle_s:
                del self.pending[p]
                if self.known.get(p) != st:
                    self.known[p] = st
                    ready.add(p)
        removed: set[Path] = set()
        if self.gone and self.pending and now - self._gone_since < self.settle_s * 8:
            # a rename is a deletion plus an addition that settles a moment later: hold the
            # deletion briefly so both arrive in one batch (one refresh, one notification)
            return Batch(frozenset(ready), frozenset())
        for g in self.gone:
            if g in self.known:
                del self.known[g]
                removed.add(g)
            under = [k for k in self.known if g in k.parents]  # a folder deleted or moved out
            for k in under:
                del self.known[k]
                removed.add(k)
        self.gone.clear()
        return Batch(frozenset(ready), frozenset(removed))

    def run(self, stop: threading.Event, emit: Callable[[Batch], None]) -> None:
        """Emit the initial batch, then settled changes until `stop` is set.

        Raises `FolderUnavailable` when the folder goes away; called again after that, waits for
        the folder to return (or `stop`) and starts over with a fresh listing.
        """
        problem = folder_problem(self.root)
        if problem is not None:
            if not self.lost:  # say it once; the App's retry then waits here
                self.lost = True
                raise FolderUnavailable(problem)
            while (problem := folder_problem(self.root)) is not None:
                if stop.wait(self.tick_ms / 1000):
                    return
        self.lost = False
        emit(self.initial())
        while not stop.is_set():
            if not self._watch(stop, emit):
                return
            # the folder was replaced by another of the same name: list it again and go on
            self.rescan(time.monotonic())

    def _watch(self, stop: threading.Event, emit: Callable[[Batch], None]) -> bool:
        """One OS watch on the folder's current inode; True when it must be restarted."""
        inode = _inode(self.root)
        try:
            return self._loop(stop, emit, inode)
        except FolderUnavailable:
            raise
        except OSError as exc:  # the OS watch itself failed: say why when the folder is the cause
            problem = folder_problem(self.root)
            if problem is None:
                raise
            self.lost = True
            raise FolderUnavailable(problem) from exc

    def _loop(self, stop: threading.Event, emit: Callable[[Batch], None], inode: int | None) -> bool:
        last_rescan = time.monotonic()
        for changes in watchfiles.watch(
            self.root,
            watch_filter=self.accepts,
            debounce=self.debounce_ms,
            step=self.step_ms,
            stop_event=stop,
            rust_timeout=self.tick_ms,
            yield_on_timeout=True,
            raise_interrupt=False,
            recursive=True,
        ):
            problem = folder_problem(self.root)
            if problem is not None:
                self.lost = True
                raise FolderUnavailable(problem)
            if _inode(self.root) != inode:
                return True
            now = time.monotonic()
            if changes:
                self.observe(changes, now)
            if self.rescan_requested or now - last_rescan >= self.rescan_s:
                self.rescan_requested = False
                self.rescan(now)
                last_rescan = now
            batch = self.tick(now)
            if batch:
                emit(Batch(batch.changed, batch.removed, reason="watch"))
            if stop.is_set():
                return False
        return False


# ---- analysis ---------------------------------------------------------------------------------


def prepare_pool() -> None:
    """Start multiprocessing's resource tracker now, while stderr is a real file.

    A running Textual app replaces `sys.stderr` with an object whose `fileno()` is -1, and the
    tracker, started lazily by the first pool, passes that to the child: "bad value(s) in
    fds_to_keep". Call this before `App.run()`.
    """
    try:
        from multiprocessing import resource_tracker

        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            resource_tracker.ensure_running()
    except Exception:  # no pool then; analyse_many falls back to reading in-thread
        pass


#: How much lower the dashboard's analysis processes run than the dashboard itself: with every
#: core busy reading a large drop, keys are still answered at once.
WORKER_NICENESS = 10


def analyse_many(
    root: Path,
    paths: list[Path],
    profile: Profile,
    *,
    root_label: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
) -> Iterator[ArticleTables]:
    """The core's cancellable, spawned pool (kept as a name the dashboard's callers use)."""
    return analyse_files(
        root, paths, profile, root_label=root_label, workers=workers, cancelled=cancelled, niceness=WORKER_NICENESS
    )


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What one refresh produced: the new snapshot, its report and what was (re)read."""

    library: Library
    report: Report
    changed: frozenset[str]
    removed: frozenset[str]
    partial: bool = False
    seconds: float = 0.0


#: From this many sources on, the panes get a provisional report before the full one is built.
QUICK_FROM = 1000


def analyse_batch(
    library: Library,
    batch: Batch,
    root: Path,
    profile: Profile,
    today: dt.date,
    *,
    base: Report | None = None,
    root_label: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    partial: Callable[[Refreshed], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Refreshed | None:
    """Re-analyse the files in `batch` only; the result carries a provisional report.

    The corpus-wide `build_report` is left to the caller (the App runs it in its own worker,
    latest library wins), so a dropped file reaches the panes without waiting for it. While a
    long batch is read, `partial` gets a provisional report every second or so (less often as
    the scan goes on). `base` is the last full report. Returns None when cancelled.
    """
    t0 = time.perf_counter()
    removed: set[str] = set()
    for p in batch.removed:
        try:
            removed |= library.ids_under(source_id(root, p))
        except ValueError:
            continue
    paths = sorted(batch.changed)
    ids = frozenset(source_id(root, p) for p in paths)
    done: list[ArticleTables] = []
    lib = library.updated((), removed) if removed else library
    next_partial = t0 + 1.0
    for i, part in enumerate(analyse_many(root, paths, profile, root_label=root_label, cancelled=cancelled)):
        done.append(part)
        if progress is not None and (i % 25 == 0 or i + 1 == len(paths)):
            progress(i + 1, len(paths))
        now = time.perf_counter()
        if partial is not None and now >= next_partial and i + 1 < len(paths):
            lib = lib.updated(done)
            done = []
            partial(
                Refreshed(
                    lib,
                    build_report([lib.merged], profile, today, full=False, base=base, changed=ids),
                    frozenset(),
                    frozenset(removed),
                    partial=True,
                    seconds=now - t0,
                )
            )
            next_partial = time.perf_counter() + max(1.0, 0.1 * (now - t0))
    if cancelled():
        return None
    lib = lib.updated(done)
    return Refreshed(
        lib,
        build_report([lib.merged], profile, today, full=False, base=base, changed=ids),
        ids,
        frozenset(removed - ids),
        seconds=time.perf_counter() - t0,
    )


def refresh(
    library: Library,
    batch: Batch,
    root: Path,
    profile: Profile,
    today: dt.date,
    *,
    root_label: str | None = None,
    **kwargs: object,
) -> Refreshed | None:
    """`analyse_batch` followed by the full report: the whole update in one call."""
    done = analyse_batch(library, batch, root, profile, today, root_label=root_label, **kwargs)  # type: ignore[arg-type]
    if done is None:
        return None
    report = build_report(done.library.as_parts(), profile, today)
    return Refreshed(done.library, report, done.changed, done.removed, seconds=done.seconds)
