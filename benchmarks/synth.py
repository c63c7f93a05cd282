"""A synthetic corpus for the benchmarks: the sample articles in many varied copies.

Each copy keeps its source's shape (wire story, blog, finance page, explainer, aggregator, saved
web page) but gets different numbers, a different outlet name and its paragraphs reordered, so
that no two files are the same story and the analysis does real work on every one.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
_NUM = re.compile(r"(?<![\w/:.-])(\d{1,3})(?=%| percent| per cent| months| years| hours| of \d| rare)")
_OUTLETS = ["Harbor Wire", "Ore Notes", "MetalMarkets Daily", "Monsoon Brief", "BriefStack", "Trade Ledger"]
_WORDS = ["copper", "lithium", "cobalt", "nickel", "graphite", "tungsten", "antimony", "gallium", "germanium", "zinc"]


def vary(text: str, rng: random.Random, i: int) -> str:
    """One synthetic article from a sample: other numbers, another outlet, paragraphs reordered."""
    text = _NUM.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-3, 3))), text)
    first = rng.choice(["North", "East", "Blue", "Iron", "Delta", "Summit"])
    outlet = f"{first} {rng.choice(['Wire', 'Post', 'Ledger', 'Desk'])} {i}"
    for o in _OUTLETS:
        text = text.replace(o, outlet)
    head, _, body = text.partition("\n\n\n") if "\n\n\n" in text else text.partition("\n\n")
    paras = body.split("\n\n")
    middle = paras[1:-3] if len(paras) > 6 else paras
    rng.shuffle(middle)
    if len(paras) > 6:
        paras = paras[:1] + middle + paras[-3:]
    extra = (
        f"Separately, traders said {rng.choice(_WORDS)} premiums moved {rng.randint(2, 40)}% "
        f"over {rng.randint(2, 11)} weeks in note {i}."
    )
    paras.insert(min(2, len(paras)), extra if not text.lstrip().startswith("<") else f"<p>{extra}</p>")
    return head + "\n\n" + "\n\n".join(paras)


def make_corpus(dest: Path, n: int, seed: int = 7) -> list[Path]:
    """Write n varied articles into dest (created); returns their paths."""
    rng = random.Random(seed)
    sources = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html"))
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        sub = dest / f"batch{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        p = sub / f"article-{i:05d}{suffix}"
        p.write_text(vary(text, rng, i), encoding="utf-8")
        out.append(p)
    return out
