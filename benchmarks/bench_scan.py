"""How fast `rarewatch scan` reads a folder, against a floor: one regex pass for numbers.

    .venv/bin/python benchmarks/bench_scan.py [--sizes 1000 10000] [--runs 3]

The floor reads every file and runs a single `regex` search for numbers over it: no analysis can
be faster than reading the files. The target is a full scan of 10,000 articles in at most 4x the
floor's time with both cores used, and peak memory under 1 GB. Medians of --runs runs, all
measured in this one run so the ratio is fair on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_corpus

NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


def floor(folder: Path) -> float:
    t = time.perf_counter()
    n = 0
    for dirpath, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                n += len(NUMBER.findall(fh.read().decode("utf-8", "replace")))
    return time.perf_counter() - t


def scan(folder: Path, workers: int | None) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one `rarewatch scan --format json` process tree."""
    cmd = [sys.executable, "-m", "rarewatch", "scan", str(folder), "--format", "json", "--today", "2026-11-23"]
    if workers:
        cmd += ["--workers", str(workers)]
    if (
        "--no-cache"
        in subprocess.run([sys.executable, "-m", "rarewatch", "scan", "-h"], capture_output=True, text=True).stdout
    ):
        cmd.append("--no-cache")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}")
    print(f"{'articles':>9} {'floor s':>9} {'scan s':>9} {'ratio':>7} {'1 core s':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / f"corpus-{n}"
            make_corpus(folder, n)
            floors = [floor(folder) for _ in range(args.runs)]
            scans = [scan(folder, None) for _ in range(args.runs)]
            one = scan(folder, 1)[0] if n <= 1000 else float("nan")
            f, s = statistics.median(floors), statistics.median(w for w, _ in scans)
            peak = max(p for _, p in scans)
            print(f"{n:>9} {f:>9.2f} {s:>9.2f} {s / f:>7.1f} {one:>9.2f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
