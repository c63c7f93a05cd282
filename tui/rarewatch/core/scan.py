"""Scanning a folder: which files are articles, reading them, analysing them in parallel.

The per-file work is `analyse_path`, which wraps the pure `analyse_document` with the file I/O;
cold scans of large folders run it in a process pool over every core, small ones in-process
(start-up of a pool costs more than a handful of articles).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from rarewatch.core.analysis import ArticleTables, Rows, document_rows, failed_rows, tables_of
from rarewatch.core.articles import ReadError, kind_of, read_document
from rarewatch.core.corpus import Report, build_report, compact
from rarewatch.core.profile import Profile, load_profile

#: Names a watcher and a scan never treat as articles: editor swap files, partial downloads.
IGNORED_SUFFIXES = (
    ".swp",
    ".swo",
    ".swx",
    ".tmp",
    ".temp",
    ".part",
    ".crdownload",
    ".download",
    ".lock",
    "~",
    ".bak",
    ".orig",
)
#: Below this many files a process pool is slower than reading in-process.
POOL_THRESHOLD = 48


def ignored(name: str) -> bool:
    """Hidden files, editor temporaries and rarewatch's own files are not articles."""
    return (
        name.startswith((".", "~$", "#"))
        or name.endswith(IGNORED_SUFFIXES)
        or name.startswith("rarewatch-")
        or name.endswith(".rarewatch")
    )


def list_files(root: Path) -> list[Path]:
    """Candidate files under root, sorted, not following directory links (no loops)."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not d.startswith("__"))
        for name in filenames:
            if not ignored(name):
                out.append(Path(dirpath) / name)
        # symlinked directories, and directories named like articles ("x.txt/"), are listed so the
        # user sees why they are not read
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink() or kind_of(p) is not None:
                out.append(p)
                dirnames.remove(d)
    return sorted(out)


def source_id(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def analyse_path(root: Path, path: Path, profile: Profile, root_label: str | None = None) -> ArticleTables:
    """Read and analyse one file; any problem becomes a sources row with its reason."""
    return tables_of([path_rows(root, path, profile, root_label)])


def path_rows(root: Path, path: Path, profile: Profile, root_label: str | None = None) -> Rows:
    """`analyse_path` as rows, for gathering a chunk of files into one frame per table."""
    sid = source_id(root, path)
    shown = f"{root_label}/{sid}" if root_label else str(path)
    if kind_of(path) is None and not path.is_dir():
        return failed_rows(sid, shown, f"skipped: not an article file ({path.suffix or 'no extension'})", ("skipped",))
    try:
        doc = read_document(path)
    except ReadError as exc:
        flags = ("skipped",) if str(exc).startswith("skipped") else ("unreadable",)
        return failed_rows(sid, shown, str(exc), flags)
    except Exception as exc:  # never let one file stop the scan
        return failed_rows(sid, shown, f"cannot read: {type(exc).__name__}: {exc}")
    try:
        return document_rows(sid, shown, doc, profile)
    except Exception as exc:
        return failed_rows(sid, shown, f"analysis failed: {type(exc).__name__}: {exc}")


#: Parts gathered before they are concatenated into one (memory: 10,000 tiny frames are heavy).
COMPACT_EVERY = 256
#: Files per task sent to a worker: large enough to amortise the round trip, small enough
#: that cancelling leaves little queued work behind.
CHUNK = 16

_WORKER_PROFILE: Profile | None = None


def _init_worker(profile_path: str, niceness: int = 0) -> None:
    global _WORKER_PROFILE
    if niceness:
        with contextlib.suppress(OSError):  # not allowed here: run at the normal priority
            os.nice(niceness)
    _WORKER_PROFILE = load_profile(profile_path)


def _work(root: str, paths: list[str], label: str | None, batched: bool) -> tuple[int, list[ArticleTables]]:
    assert _WORKER_PROFILE is not None
    rows = [path_rows(Path(root), Path(p), _WORKER_PROFILE, label) for p in paths]
    return len(rows), ([tables_of(rows)] if batched else [tables_of([r]) for r in rows])


class _Progress:
    """Counts finished files and reports (done, total) to the caller's callback, if any."""

    def __init__(self, total: int, report: Callable[[int, int], None] | None) -> None:
        self.total = total
        self.done = 0
        self.report = report

    def __call__(self, k: int) -> None:
        self.done += k
        if self.report:
            self.report(self.done, self.total)


def analyse_files(
    root: Path,
    paths: list[Path],
    profile: Profile,
    *,
    root_label: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    batched: bool = False,
    niceness: int = 0,
) -> Iterator[ArticleTables]:
    """Analyse files, in a process pool when there are many, yielding as chunks finish.

    Each yielded part holds one article, or with `batched` a whole chunk of them (for callers
    that only concatenate: building and sending one frame per table per chunk is cheaper).
    `niceness` lowers the workers' priority, so that a dashboard reading thousands of files
    still answers keys at once: the system gives the workers what the interface leaves.

    The pool is spawned, not forked (forking a process whose Polars thread pool runs can
    deadlock), keeps its queue short and is cancelled on exit, so the dashboard can stop a
    10,000-file scan at once. Where no pool can start (a Textual app replaces stderr with an
    object without a file descriptor) the files are read in this process instead.
    """
    tick = _Progress(len(paths), progress)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    pool = None
    if len(paths) >= POOL_THRESHOLD and workers > 1 and Path(profile.path).is_file():
        pool = _start_pool(workers, profile, niceness)
    if pool is None:
        yield from _in_process(root, paths, profile, root_label, cancelled, tick, batched)
        return
    try:
        yield from _in_pool(pool, workers, root, paths, profile, root_label, cancelled, tick, batched)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _start_pool(workers: int, profile: Profile, niceness: int) -> ProcessPoolExecutor | None:
    """A spawned pool whose workers load the profile once; None where no pool can start."""
    ctx = multiprocessing.get_context("spawn")
    try:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(profile.path, niceness)
        )
    except (OSError, ValueError):
        return None


def _in_pool(
    pool: ProcessPoolExecutor,
    workers: int,
    root: Path,
    paths: list[Path],
    profile: Profile,
    root_label: str | None,
    cancelled: Callable[[], bool],
    tick: Callable[[int], None],
    batched: bool,
) -> Iterator[ArticleTables]:
    """Chunks of files through the pool, at most four per worker queued at a time (a cancel
    leaves little behind), yielded as each finishes; in this process if the first submit fails."""
    chunks = iter([[str(p) for p in paths[i : i + CHUNK]] for i in range(0, len(paths), CHUNK)])
    todo: set[Future[tuple[int, list[ArticleTables]]]] = set()
    try:
        for c in chunks:
            todo.add(pool.submit(_work, str(root), c, root_label, batched))
            if len(todo) >= workers * 4:
                break
    except (OSError, ValueError, BrokenProcessPool):
        yield from _in_process(root, paths, profile, root_label, cancelled, tick, batched)
        return
    while todo:
        if cancelled():
            return
        finished, todo = wait(todo, timeout=0.2, return_when=FIRST_COMPLETED)
        for fut in finished:
            count, batch = fut.result()
            yield from batch
            tick(count)
            nxt = next(chunks, None)
            if nxt is not None:
                todo.add(pool.submit(_work, str(root), nxt, root_label, batched))


def _in_process(
    root: Path,
    paths: list[Path],
    profile: Profile,
    root_label: str | None,
    cancelled: Callable[[], bool],
    tick: Callable[[int], None],
    batched: bool = False,
) -> Iterator[ArticleTables]:
    rows: list[Rows] = []
    for p in paths:
        if cancelled():
            return
        rows.append(path_rows(root, p, profile, root_label))
        if not batched or len(rows) >= CHUNK:
            yield tables_of(rows)
            tick(len(rows))
            rows = []
    if rows:
        yield tables_of(rows)
        tick(len(rows))


def _default() -> Path:
    from rarewatch.core.profile import default_profile_path

    return default_profile_path()


def scan(
    root: Path, profile: Profile, today: dt.date, *, root_label: str | None = None, workers: int | None = None
) -> Report:
    """The whole folder as a report: the headless path `rarewatch scan` takes."""
    paths = list_files(root)
    parts: list[ArticleTables] = []
    batch: list[ArticleTables] = []
    for part in analyse_files(root, paths, profile, root_label=root_label, workers=workers, batched=True):
        batch.append(part)
        if len(batch) >= COMPACT_EVERY:
            parts.append(compact(batch))
            batch = []
    parts.append(compact(batch))
    return build_report(parts, profile, today)
