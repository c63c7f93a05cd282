"""What the parse cache buys: cold scan against warm scan, every core against one.

    .venv/bin/python benchmarks/bench_cache.py [--n 10000] [--runs 3] [--one-core-runs 1]

Each measurement is one call of `scan_cached` from a folder path to a complete `Report` (the
tables the dashboard and `rarewatch scan` render), timed in this process with a fresh
`ParseCache` each time, so nothing is kept in memory between runs:

* cold: `use_cache=False`, every article parsed, over every core (and again with `workers=1`);
* warm: the cache is current, so the run is one `stat` per file, seven Parquet reads and
  `build_report`. Targets: warm under 1.5 s at 10,000 articles and at least 5x faster than cold.

Also reported: the first run that fills the cache (cold plus the write), the warm run split into
cache lookup and report building, and a warm `rarewatch scan --format json` process end to end
(interpreter start, imports and JSON rendering included). Medians of --runs runs. The corpus
comes from `synth.make_corpus` (the seeds with varied numbers, outlets and paragraph order).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rarewatch.core.cache import ParseCache, scan_cached, to_tables
from rarewatch.core.corpus import build_report
from rarewatch.core.profile import load_profile
from rarewatch.core.scan import list_files
from synth import make_corpus

TODAY = dt.date(2026, 11, 23)


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def median_of(runs: int, fn: Callable[[], object]) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the synthetic corpus")
    ap.add_argument("--runs", type=int, default=3, help="runs per median")
    ap.add_argument("--one-core-runs", type=int, default=1, help="runs of the (slow) one-core cold scan")
    ap.add_argument("--corpus", type=Path, help="reuse (or create) the corpus here instead of a temp folder")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="rarewatch-bench-") as tmp:
        os.environ["RAREWATCH_CACHE_DIR"] = str(Path(tmp) / "cache")  # never the user's cache
        folder = args.corpus or Path(tmp) / f"corpus-{args.n}"
        if not folder.exists() or len(list_files(folder)) != args.n:
            make_corpus(folder, args.n)
        profile = load_profile()
        files = list_files(folder)
        mb = sum(p.stat().st_size for p in files) / 1e6

        def cold(workers: int | None) -> Callable[[], object]:
            return lambda: scan_cached(folder, profile, TODAY, workers=workers, use_cache=False)

        def warm() -> object:
            return scan_cached(folder, profile, TODAY, notice=print)

        # settle the files as on a real disk: brand-new mtimes are re-hashed on purpose
        past = time.time_ns() - 3600 * 10**9
        for p in files:
            os.utime(p, ns=(past, past))

        cold_all = median_of(args.runs, cold(None))
        cold_one = median_of(args.one_core_runs, cold(1))
        fill = timed(warm)
        warm_t = median_of(args.runs, warm)

        cache = ParseCache(folder, profile)
        lookup_t = median_of(args.runs, lambda: cache.combine(cache.lookup(files), []))
        combined = cache.combine(cache.lookup(files), [])
        build_t = median_of(args.runs, lambda: build_report([to_tables(combined)], profile, TODAY))
        cli = [sys.executable, "-m", "rarewatch", "scan", str(folder), "--format", "json", "--today", TODAY.isoformat()]
        cli_t = median_of(args.runs, lambda: subprocess.run(cli, check=True, stdout=subprocess.DEVNULL))
        cache_mb = sum(p.stat().st_size for p in cache.dir.iterdir()) / 1e6
        report = warm()

    print(
        f"corpus: {args.n} articles, {mb:.0f} MB; cache {cache_mb:.1f} MB; cores: {os.cpu_count()}; "
        f"report: {report.sources.height} sources, {report.figures.height} figures"
    )  # type: ignore[attr-defined]
    rows = [
        ("cold scan, every core", cold_all, f"{args.n / cold_all:,.0f} articles/s"),
        (
            "cold scan, one core",
            cold_one,
            f"{args.n / cold_one:,.0f} articles/s; every core is {cold_one / cold_all:.2f}x faster",
        ),
        ("first cached run (fills cache)", fill, f"{fill - cold_all:+.2f} s over cold"),
        (
            "warm scan (cache current)",
            warm_t,
            f"{cold_all / warm_t:,.0f}x faster than cold; target < 1.5 s: {'met' if warm_t < 1.5 else 'MISSED'}",
        ),
        ("  of which lookup + read", lookup_t, "stat every file, read 7 Parquet files, place rows"),
        ("  of which build_report", build_t, "duplicates, contradictions, countdown"),
        ("warm `rarewatch scan --format json`", cli_t, "new process: start-up, imports, JSON"),
    ]
    print(f"{'measurement':<38} {'median s':>9}  note")
    for name, secs, note in rows:
        print(f"{name:<38} {secs:>9.3f}  {note}")


if __name__ == "__main__":
    main()
