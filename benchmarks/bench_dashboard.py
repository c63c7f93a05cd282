"""How fast the dashboard is on seeds/ and on a large synthetic folder.

    .venv/bin/python benchmarks/bench_dashboard.py [--n 10000] [--runs 3] [--drops 10] [--keys 40]

Measures (medians of several runs, p95 where it says so):
- first paint on seeds/: constructing the App until its first frame (in-process), and a cold
  `python` process importing rarewatch until the first frame (what a user waits for);
- with N articles: first paint, and until the first full scan is rendered;
- with N loaded: a key press until the screen has processed it and repainted;
- with N loaded: a file dropped into the folder until the sources pane shows it (p50 and p95).

The synthetic corpus copies the seeds with varied percentages, headlines and a unique paragraph,
so no two files are exact duplicates. It is written to a temporary folder (or --corpus DIR).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TODAY = dt.date(2026, 11, 23)
SIZE = (140, 40)
DESKS = ("Singapore", "Frankfurt", "Toronto", "Sydney", "Nairobi", "Seoul", "Lima", "Oslo")


# ---- the synthetic corpus: the one generator all benchmarks share ----------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_corpus, vary  # noqa: E402

# ---- measuring ----------------------------------------------------------------------------------


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
    return xs[k]


async def _wait(pilot, cond: Callable[[], bool], timeout: float, step: float = 0.01) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if cond():
            return True
        await pilot.pause(step)
    return cond()


async def first_paint(folder: Path) -> float:
    """App constructed -> first frame written (in-process)."""
    from rarewatch.core.profile import load_profile

    profile = load_profile()
    t0 = time.perf_counter()
    app = timed_app_class()(folder, profile, today=TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await _wait(pilot, lambda: bool(app.frames), 30.0)
        return app.frames[0] - t0


COLD = r"""
import sys, time, datetime as dt
t_start = float(sys.argv[2])
from pathlib import Path
from rarewatch.app.main import RarewatchApp
from rarewatch.core.profile import load_profile

class Timed(RarewatchApp):
    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.done)
    def done(self) -> None:
        sys.__stdout__.write(f"{time.time() - t_start}\n"); sys.__stdout__.flush()
        self.exit()

if __name__ == "__main__":
    Timed(Path(sys.argv[1]), load_profile(), today=dt.date(2026, 11, 23), watch=False).run(
        headless=True, size=(140, 40))
"""


def cold_first_paint(folder: Path) -> float:
    """A new Python process: imports, profile, App, first frame (headless)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(COLD)
    try:
        out = subprocess.run(
            [sys.executable, fh.name, str(folder), repr(time.time())],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return float(out.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(fh.name)


def timed_app_class():
    """The App with a hook on the method that writes each frame, to time key -> repaint."""
    from rarewatch.app.main import RarewatchApp

    class TimedApp(RarewatchApp):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.frames: list[float] = []

        def _display(self, screen, renderable) -> None:  # textual's frame writer
            self.frames.append(time.perf_counter())
            super()._display(screen, renderable)

    return TimedApp


async def big_run(folder: Path, *, keys: int, drops: int, timeout: float) -> dict:
    """One app on the big folder: first paint, until complete, then keys and drops."""
    from rarewatch.app.widgets.sources import SourcesPane
    from rarewatch.core.profile import load_profile

    profile = load_profile()
    res: dict = {}
    t0 = time.perf_counter()
    app = timed_app_class()(folder, profile, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _wait(pilot, lambda: bool(app.frames), 30.0)
        res["first_paint"] = app.frames[0] - t0
        if not await _wait(pilot, lambda: app.complete, timeout, step=0.1):
            res["complete"] = float("nan")
            return res
        res["complete"] = time.perf_counter() - t0
        res["sources"] = len(app.library)
        await _wait(pilot, lambda: not app.analysing and not app.building, timeout, step=0.1)
        await pilot.pause(0.5)
        if keys:
            # first frame written after the key event is sent (the pilot's own idle waits are
            # not part of it); motion keys in a pane and pane switches (focus + footer) apart
            for name, seq in (("key_move_ms", ("j", "j", "k", "k")), ("key_pane_ms", ("2", "3", "4", "1"))):
                lat = []
                for i in range(keys):
                    t = time.perf_counter()
                    await pilot.press(seq[i % len(seq)])
                    await pilot.pause(0.05)
                    after = [f for f in app.frames if f > t]
                    lat.append((after[0] - t) * 1000 if after else float("nan"))
                res[name] = lat
        if drops:
            table = app.query_one(SourcesPane).table
            rng = random.Random(99)
            seeds = sorted(SEEDS.iterdir())
            lat, full = [], []
            for i in range(drops):
                src = seeds[i % len(seeds)]
                name = f"dropped-{i:03d}{src.suffix}"
                text = vary(src.read_text(encoding="utf-8"), rng, 100000 + i)
                tmp = folder.parent / name
                tmp.write_text(text, encoding="utf-8")
                t = time.perf_counter()
                os.replace(tmp, folder / name)  # appears complete, like a browser's save
                ok = await _wait(pilot, lambda n=name: n in table.rows, 60.0)
                lat.append(time.perf_counter() - t if ok else float("nan"))
                ok = await _wait(pilot, lambda: not app.analysing and not app.building, 120.0)
                full.append(time.perf_counter() - t if ok else float("nan"))
                await pilot.pause(0.3)
            res["drop_s"] = lat
            res["drop_full_s"] = full
    return res


def table(rows: list[tuple[str, str, str]]) -> str:
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    out = [f"{'measure':<{w0}}  {'result':>{w1}}  target", "-" * (w0 + w1 + 12)]
    out += [f"{a:<{w0}}  {b:>{w1}}  {c}" for a, b, c in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="rarewatch dashboard benchmark")
    ap.add_argument("--n", type=int, default=10_000, help="articles in the synthetic folder")
    ap.add_argument("--runs", type=int, default=3, help="runs for the first-paint medians")
    ap.add_argument("--full-runs", type=int, default=1, help="runs of the full scan of N articles")
    ap.add_argument("--keys", type=int, default=40, help="key presses of each kind with N loaded")
    ap.add_argument("--drops", type=int, default=10, help="files dropped with N loaded")
    ap.add_argument("--corpus", help="reuse or create the synthetic folder here")
    ap.add_argument("--timeout", type=float, default=1800.0)
    ap.add_argument("--json", help="also write the raw figures to this file")
    args = ap.parse_args(argv)

    rows: list[tuple[str, str, str]] = []
    raw: dict = {"n": args.n, "cpus": os.cpu_count()}

    warm = [asyncio.run(first_paint(SEEDS)) for _ in range(args.runs)]
    cold = [cold_first_paint(SEEDS) for _ in range(args.runs)]
    raw["seeds_first_paint"], raw["seeds_cold_first_paint"] = warm, cold
    rows.append(("first paint, seeds/ (in-process)", f"{statistics.median(warm) * 1000:.0f} ms", "< 1 s"))
    rows.append(("first paint, seeds/ (cold process)", f"{statistics.median(cold) * 1000:.0f} ms", "< 1 s"))

    base = Path(args.corpus) if args.corpus else Path(tempfile.mkdtemp(prefix="rarewatch-bench-"))
    folder = base / f"corpus-{args.n}"
    try:
        for p in folder.glob("dropped-*"):
            p.unlink()
        if not folder.exists() or sum(1 for _ in folder.rglob("*.*")) != args.n:
            shutil.rmtree(folder, ignore_errors=True)
            t = time.perf_counter()
            make_corpus(folder, args.n)
            print(f"wrote {args.n:,} articles in {time.perf_counter() - t:.1f} s to {folder}", file=sys.stderr)
        paints = [asyncio.run(first_paint(folder)) for _ in range(args.runs)]
        raw["big_first_paint"] = paints
        rows.append((f"first paint, {args.n:,} articles", f"{statistics.median(paints) * 1000:.0f} ms", "< 1.5 s"))
        fulls = []
        for i in range(args.full_runs):
            last = i == args.full_runs - 1
            # dropped files must not pile up across runs
            for p in folder.glob("dropped-*"):
                p.unlink()
            fulls.append(
                asyncio.run(
                    big_run(
                        folder, keys=args.keys if last else 0, drops=args.drops if last else 0, timeout=args.timeout
                    )
                )
            )
        raw["full"] = fulls
        rows.append(
            (
                f"until complete, {args.n:,} articles",
                f"{statistics.median([f['complete'] for f in fulls]):.1f} s",
                "(report)",
            )
        )
        rows.append(
            (
                f"first paint during the full run, {args.n:,}",
                f"{statistics.median([f['first_paint'] for f in fulls]) * 1000:.0f} ms",
                "< 1.5 s",
            )
        )
        last = fulls[-1]
        for key, what in (("key_move_ms", "j/k in a pane"), ("key_pane_ms", "1-4 pane switch")):
            k = [x for x in last.get(key, []) if x == x]
            if k:
                rows.append(
                    (f"key -> repaint, {what}, {args.n:,} loaded (median)", f"{statistics.median(k):.1f} ms", "< 50 ms")
                )
                rows.append((f"key -> repaint, {what}, {args.n:,} loaded (p95)", f"{pct(k, 0.95):.1f} ms", ""))
        if last.get("drop_s"):
            d = [x for x in last["drop_s"] if x == x]
            rows.append(
                (f"file dropped -> pane updated, {args.n:,} loaded (p50)", f"{statistics.median(d) * 1000:.0f} ms", "")
            )
            rows.append(
                (f"file dropped -> pane updated, {args.n:,} loaded (p95)", f"{pct(d, 0.95) * 1000:.0f} ms", "< 1 s")
            )
            f = [x for x in last.get("drop_full_s", []) if x == x]
            if f:
                rows.append(
                    (
                        f"file dropped -> full report + notification, {args.n:,} (p50)",
                        f"{statistics.median(f) * 1000:.0f} ms",
                        "(report)",
                    )
                )
    finally:
        if not args.corpus:
            shutil.rmtree(base, ignore_errors=True)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
