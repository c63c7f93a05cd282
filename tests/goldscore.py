"""Scoring a `rarewatch/1` report against hand-made gold (the format of tests/gold/*.toml).

The project keeps its own scorer so that the gold tests run on a user's clone too; the matching
rules follow the gold files' header: sources by file name with folded title/outlet/author and exact
date, figures by file, unit, value (or range) and an `about` pattern, events by date prefix,
contradictions by kind, pattern, files and values, questions by pattern.
"""

from __future__ import annotations

import re
from pathlib import Path

UNITS = {
    "%": "%",
    "percent": "%",
    "usd": "USD",
    "$": "USD",
    "years": "year",
    "months": "month",
    "t": "t",
    "tonnes": "t",
    "tons": "t",
    "hours": "hour",
    "": "count",
    "count": "count",
}


def fold(s: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(s or "").lower()).strip()


def unit(u: object) -> str:
    u = str(u or "").strip().lower()
    return UNITS.get(u, u)


def near(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def score(report: dict, gold: dict) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Hits and totals per part, and a line per miss, noise figure or false alarm."""
    by_file = {Path(s["path"]).name: s for s in report["sources"]}
    name = {s["id"]: Path(s["path"]).name for s in report["sources"]}
    rows: dict[str, list[int]] = {}
    misses: list[str] = []

    def add(part: str, ok: bool, what: str) -> None:
        r = rows.setdefault(part, [0, 0])
        r[0] += ok
        r[1] += 1
        if not ok:
            misses.append(f"{part}: {what}")

    for g in gold.get("source", []):
        s = by_file.get(g["file"])
        bad = [] if s else ["not listed"]
        for key in ("title", "outlet", "author"):
            if s and key in g and fold(s.get(key)) != fold(g[key]):
                bad.append(f"{key} {s.get(key)!r} != {g[key]!r}")
        if s and "published" in g and str(s.get("published")) != str(g["published"]):
            bad.append(f"published {s.get('published')!r} != {g['published']}")
        for flag in g.get("flags", []):
            if s and not any(fold(flag) in fold(x) for x in s.get("flags", [])):
                bad.append(f"flag {flag} missing")
        add("sources", not bad, f"{g['file']}: {bad}")
    figs = report["figures"]
    for g in gold.get("figure", []):
        rx = re.compile(g["about"], re.I)

        def hit(f: dict, g: dict = g, rx: re.Pattern[str] = rx) -> bool:
            if name.get(f["source"]) != g["file"] or unit(f["unit"]) != unit(g["unit"]):
                return False
            if "value" in g:
                ok = f["value"] is not None and near(f["value"], g["value"])
            else:
                lo, hi = f["low"], f["high"]
                ok = lo is not None and hi is not None and near(lo, g["low"]) and near(hi, g["high"])
            return ok and bool(rx.search(f"{f['sentence']} {f['label']}"))

        add("figures", any(hit(f) for f in figs), f"{g['file']} {g.get('value', (g.get('low'), g.get('high')))}")
    for g in gold.get("noise", []):
        for f in figs:
            if name.get(f["source"]) == g["file"] and g["text"].lower() in f["text"].lower():
                misses.append(f"noise: {g['file']} {f['text']!r}")
    for f in figs:
        if re.fullmatch(r"(19|20)\d\d|\d{1,2}:\d\d(:\d\d)?", f["text"].strip()):
            misses.append(f"noise: {f['text']!r} is a date or time")
    for g in gold.get("event", []):
        rx = re.compile(g["about"], re.I)
        ok = any(
            name.get(e["source"]) == g["file"]
            and e["date"].startswith(str(g["date"]))
            and rx.search(f"{e['sentence']} {e['event']}")
            for e in report["timeline"]
        )
        add("events", ok, f"{g['file']} {g['date']} ~ {g['about']}")

    def values(c: dict) -> list[float]:
        return [p["number"] for p in c["positions"] if p.get("number") is not None]

    for g in gold.get("contradiction", []):
        rx = re.compile(g["about"], re.I)

        def chit(c: dict, g: dict = g, rx: re.Pattern[str] = rx) -> bool:
            text = " ".join([c["subject"]] + [p["value"] + " " + " ".join(p["sentences"]) for p in c["positions"]])
            files = {name.get(s, s) for p in c["positions"] for s in p["sources"]}
            vals = values(c)
            return (
                c["kind"] == g.get("kind", c["kind"])
                and bool(rx.search(text))
                and set(g["files"]) <= files
                and all(any(near(v, w) for v in vals) for w in g.get("values", []))
            )

        add("contradictions", any(chit(c) for c in report["contradictions"]), f"{g.get('kind')} ~ {g['about']}")
    for g in gold.get("false_alarm", []):
        for c in report["contradictions"]:
            if c["kind"] == "figure" and all(any(near(v, w) for v in values(c)) for w in g["values"]):
                misses.append(f"false alarm: {c['subject']} holds {g['values']}")
    for g in gold.get("question", []):
        rx = re.compile(g["about"], re.I)
        ok = any(name.get(q["source"]) == g["file"] and rx.search(q["sentence"]) for q in report["questions"])
        add("questions", ok, f"{g['file']} ~ {g['about']}")
    if "renegotiation" in gold:
        due = str(report["renegotiation"].get("due") or "")
        lo, hi = str(gold["renegotiation"]["due_after"]), str(gold["renegotiation"]["due_before"])
        add("renegotiation", bool(due) and lo < due < hi, f"due {due!r}")
    if len(figs) > 2 * len(gold.get("figure", [])):
        misses.append(f"bloat: {len(figs)} figures reported for {len(gold.get('figure', []))} in the gold")
    return {k: (h, t) for k, (h, t) in rows.items()}, misses
