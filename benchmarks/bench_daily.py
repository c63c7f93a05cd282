"""The daily loop's own work on a large folder: search, the pane filter, sorting, history, alerts.

    .venv/bin/python benchmarks/bench_daily.py [--n 10000] [--runs 5] [--corpus DIR]

Each is the core function the dashboard calls, timed in this process on the report of a
synthetic corpus (`synth.make_corpus`, through the parse cache so a second run starts warm):

* search over every article's text (`core.search.search_texts`, in a worker in the dashboard):
  target under 1 s at 10,000 articles (rows are capped: only the articles needed are split);
* the `/` filter of the sources pane, first key press (builds each source's evidence) and the
  next ones (on the UI thread: target under 50 ms per key press at 10,000);
* a pane sorted by a column (`views.sort_rows`), a metric's history, coverage per day;
* alerts for ten fresh articles (`core.alerts.alerts`, in the build worker).

Medians of --runs runs, in milliseconds. Run by hand: timing targets never go in unit tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rarewatch.core import views
from rarewatch.core.alerts import alerts
from rarewatch.core.cache import scan_cached
from rarewatch.core.profile import load_profile
from rarewatch.core.search import search_texts
from synth import make_corpus

TODAY = dt.date(2026, 11, 23)


def ms(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the synthetic corpus")
    ap.add_argument("--runs", type=int, default=5, help="runs per median")
    ap.add_argument("--corpus", type=Path, help="reuse (or create) the corpus here instead of a temp folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rarewatch-bench-") as tmp:
        folder = args.corpus or Path(tmp) / "corpus"
        if not folder.exists() or not any(folder.iterdir()):
            make_corpus(folder, args.n)
        t = time.perf_counter()
        report = scan_cached(folder, load_profile(), TODAY, root_label=folder.name)
        print(f"{report.sources.height:,} articles, report in {time.perf_counter() - t:.1f} s")
        metric = views.figures_by_metric(report)["metric"][0]
        fresh = set(report.sources["id"].to_list()[:10])
        contradictions = views.contradiction_rows(report)
        keys = iter(f"china{'a' * i}" for i in range(10**6))  # a new needle each run: no reuse
        rows: list[tuple[str, Callable[[], object]]] = [
            ("search 'bessent' (all articles)", lambda: search_texts(report, "bessent")),
            ("search 'rare earth' (most articles)", lambda: search_texts(report, "rare earth")),
            # a copy of the report is a new report to the filter: its evidence is built again
            ("sources / filter, first key", lambda: views.source_rows(dataclasses.replace(report), text_filter="b")),
            ("sources / filter, next keys", lambda: views.source_rows(report, text_filter=next(keys))),
            ("figures / filter", lambda: views.figures_by_metric(report, text_filter="bessent")),
            ("sort contradictions by sources", lambda: views.sort_rows(contradictions, "sources", True)),
            ("metric history", lambda: views.metric_history(report, metric)),
            ("coverage per day", lambda: views.coverage(report)),
            ("alerts, 10 fresh articles", lambda: alerts(report, fresh)),
        ]
        for name, fn in rows:
            print(f"{name:38s} {ms(args.runs, fn):9.1f} ms")


if __name__ == "__main__":
    main()
