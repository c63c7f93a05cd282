"""Where a cold scan's time goes, stage by stage, against the floor's cost per article.

    .venv/bin/python benchmarks/bench_stages.py [--n 600] [--runs 3]

One process, one core, processor time (not wall time, so a busy machine skews it less). Each
stage is timed on the synthetic corpus of `synth.py` by calling the same functions
`analysis.analyse_document` calls, in the same order; the last line times `analyse_document`
itself, so the stages can be checked against the whole. The floor is `bench_scan.py`'s: read
the file and run one regex for numbers over it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rarewatch.core import analysis as A
from rarewatch.core.articles import clean_article, read_document
from rarewatch.core.claims import extract_roles, extract_statuses
from rarewatch.core.figures import extract_figures
from rarewatch.core.profile import default_profile_path, load_profile
from rarewatch.core.questions import extract_questions
from rarewatch.core.sentences import split_sentences
from rarewatch.core.timeline import extract_timeline, reference_date
from synth import make_corpus

NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


def _floor(path: Path) -> int:
    """`bench_scan.py`'s floor for one file."""
    with open(path, "rb") as fh:
        return len(NUMBER.findall(fh.read().decode("utf-8", "replace")))


def one_run(paths: list[Path]) -> dict[str, float]:
    """Processor seconds per stage, summed over the files."""
    profile = load_profile(default_profile_path())
    acc: dict[str, float] = defaultdict(float)

    def timed(name: str, f: Callable[..., Any], *args: Any) -> Any:
        t = time.process_time()
        out = f(*args)
        acc[name] += time.process_time() - t
        return out

    # the floor in one tight pass over the files, as `bench_scan.py` times it
    t = time.process_time()
    for p in paths:
        _floor(p)
    acc["floor: read + one regex"] = time.process_time() - t
    for p in paths:
        doc = timed(f"read {'html' if p.suffix == '.html' else 'text'}", read_document, p)
        a = timed("clean (furniture, metadata)", clean_article, doc)
        norm = timed("words", lambda a=a: A._NON_WORD.sub(" ", a.text.lower()).split())
        timed("shingles", A._shingles, norm)
        s = timed("sentences", split_sentences, a.text)
        ref = timed("reference date", reference_date, a.text, a.published)
        _, mentions = timed("timeline (dates, events)", extract_timeline, a.text, s, ref, profile)
        timed("figures", extract_figures, a.text, s, [(d.start, d.end) for d in mentions], profile)
        timed("roles", extract_roles, s, profile)
        timed("statuses", extract_statuses, s, profile)
        timed("questions", extract_questions, s, profile, a.text)
        timed("= analyse_document (all but read)", A.analyse_document, "x", str(p), doc, profile)
    return acc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), args.n)
        html = sum(p.suffix == ".html" for p in paths)
        runs = [one_run(paths) for _ in range(args.runs)]
    floor = statistics.median(r["floor: read + one regex"] for r in runs) / len(paths)
    print(f"{len(paths)} articles ({html} saved web pages), medians of {args.runs} runs, one core")
    print(f"{'stage':36} {'µs/article':>11} {'x floor':>8}")
    for name in runs[0]:
        n = html if name == "read html" else len(paths) - html if name == "read text" else len(paths)
        per = statistics.median(r[name] for r in runs) / max(1, n)
        print(f"{name:36} {per * 1e6:>11.0f} {per / floor:>8.1f}")


if __name__ == "__main__":
    main()
