"""What reading one article costs: `read_document` (text and Markdown apart from saved HTML)
and `clean_article`, in milliseconds per article on a synthetic corpus.

    .venv/bin/python benchmarks/bench_reading.py [--n 300] [--runs 3] [--profile]

Reading comes before every other stage of a scan, so it is measured on its own here; the best
of --runs runs is shown, as the machine is shared. --profile prints the functions that cost
most instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rarewatch.core.articles import clean_article, read_document
from synth import make_corpus


def one_run(files: list[Path]) -> dict[str, float]:
    """Milliseconds per article for each step over all `files`."""
    total = {"read text/md": 0.0, "read html": 0.0, "clean": 0.0}
    count = dict.fromkeys(total, 0)
    for p in files:
        t0 = time.perf_counter()
        doc = read_document(p)
        t1 = time.perf_counter()
        clean_article(doc)
        t2 = time.perf_counter()
        key = "read html" if p.suffix == ".html" else "read text/md"
        total[key] += t1 - t0
        count[key] += 1
        total["clean"] += t2 - t1
        count["clean"] += 1
    return {k: 1000 * total[k] / count[k] for k in total if count[k]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp), args.n)
        one_run(files)  # imports and caches, so the runs measure steady work
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(one_run, files)
            pstats.Stats(prof).sort_stats("tottime").print_stats(30)
            return
        best: dict[str, float] = {}
        for _ in range(args.runs):
            for k, v in one_run(files).items():
                best[k] = min(best.get(k, v), v)
    print("  ".join(f"{k}: {v:.3f} ms" for k, v in best.items()))


if __name__ == "__main__":
    main()
