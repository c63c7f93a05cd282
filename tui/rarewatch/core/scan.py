"""Scanning a folder: which files are articles, reading them, analysing them in parallel.

The per-file work is `analyse_path`, which wraps the pure `analyse_document` with the file I/O;
cold scans of large folders run it in a process pool over every core, small ones in-process
(start-up of a pool costs more than a handful of articles).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rarewatch.core.analysis import ArticleTables, analyse_document, failed_source
from rarewatch.core.articles import ReadError, kind_of, read_document
from rarewatch.core.corpus import Report, build_report
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
        # symlinked directories are listed so the user sees why they are not read
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink():
                out.append(p)
                dirnames.remove(d)
    # directories named like articles ("x.txt/") are listed with their reason
    return sorted(out)


def source_id(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def analyse_path(root: Path, path: Path, profile: Profile, root_label: str | None = None) -> ArticleTables:
    """Read and analyse one file; any problem becomes a sources row with its reason."""
    sid = source_id(root, path)
    shown = f"{root_label}/{sid}" if root_label else str(path)
    if kind_of(path) is None and not path.is_dir():
        return failed_source(
            sid, shown, f"skipped: not an article file ({path.suffix or 'no extension'})", ("skipped",)
        )
    try:
        doc = read_document(path)
    except ReadError as exc:
        flags = ("skipped",) if str(exc).startswith("skipped") else ("unreadable",)
        return failed_source(sid, shown, str(exc), flags)
    except Exception as exc:  # never let one file stop the scan
        return failed_source(sid, shown, f"cannot read: {type(exc).__name__}: {exc}")
    try:
        return analyse_document(sid, shown, doc, profile)
    except Exception as exc:
        return failed_source(sid, shown, f"analysis failed: {type(exc).__name__}: {exc}")


_WORKER_PROFILE: Profile | None = None


def _init_worker(profile_path: str | None) -> None:
    global _WORKER_PROFILE
    _WORKER_PROFILE = load_profile(profile_path)


def _work(args: tuple[str, str, str | None]) -> ArticleTables:
    root, path, label = args
    assert _WORKER_PROFILE is not None
    return analyse_path(Path(root), Path(path), _WORKER_PROFILE, label)


def analyse_files(
    root: Path,
    paths: list[Path],
    profile: Profile,
    *,
    root_label: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[ArticleTables]:
    """Analyse files, in a process pool when there are many; yields in input order."""
    n = len(paths)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if n < POOL_THRESHOLD or workers <= 1:
        for i, p in enumerate(paths):
            yield analyse_path(root, p, profile, root_label)
            if progress:
                progress(i + 1, n)
        return
    profile_path = None if profile.path == str(_default()) else profile.path
    chunk = max(1, min(64, n // (workers * 8) or 1))
    # spawn, not fork: forking a process whose Polars thread pool is running can deadlock
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(profile_path,)) as pool:
        for i, r in enumerate(pool.map(_work, [(str(root), str(p), root_label) for p in paths], chunksize=chunk)):
            yield r
            if progress and (i % 50 == 0 or i + 1 == n):
                progress(i + 1, n)


def _default() -> Path:
    from rarewatch.core.profile import default_profile_path

    return default_profile_path()


def scan(
    root: Path, profile: Profile, today: dt.date, *, root_label: str | None = None, workers: int | None = None
) -> Report:
    """The whole folder as a report: the headless path `rarewatch scan` takes."""
    paths = list_files(root)
    parts = list(analyse_files(root, paths, profile, root_label=root_label, workers=workers))
    return build_report(parts, profile, today)
