"""What a profile makes of one article, for the author writing the profile.

`rarewatch profile explain PROFILE FILE` prints this: each figure with its metric, the aspect
that chose it and its stage; each dated sentence with its event; roles, statuses and open
questions with their cue. It runs the one analysis path (`analysis.document_rows`), so what it
shows is what the dashboard and `scan` will show.
"""

from __future__ import annotations

from pathlib import Path

from rarewatch.core.analysis import document_rows
from rarewatch.core.articles import read_document
from rarewatch.core.profile import Profile
from rarewatch.core.text import inert


def _line(s: object, n: int = 90) -> str:
    text = inert(str(s or "")).replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def explain(path: Path, profile: Profile) -> str:
    """A plain-text account of what `profile` reads in the article at `path`."""
    doc = read_document(path)
    rows = document_rows(path.name, str(path), doc, profile)
    (src,) = rows["source"]
    out = [
        f"{path.name}  (profile: {profile.name})",
        f"  headline   {_line(src['title']) or '-'}",
        f"  outlet     {_line(src['outlet']) or '-'}   author {_line(src['author']) or '-'}"
        f"   published {src['published'] or '-'}",
        f"  topic      score {src['topic_score'] if src['topic_score'] is not None else '-'}"
        f" (needs {profile.topic_min_score:g})   flags {', '.join(src['flags']) or 'none'}",
    ]
    if src["error"]:
        out.append(f"  error      {src['error']}")
    out.append(f"\nfigures ({len(rows['figures'])})")
    for f in rows["figures"]:
        chosen = f"{f['metric']}" + (f" via {f['aspect']}" if f["aspect"] else "")
        extra = ", ".join(x for x in (f["role"], f["stage"], "change" if f["change"] else None) if x)
        q = f"{f['qualifier']} " if f["qualifier"] and not f["text"].lower().startswith(f["qualifier"]) else ""
        out.append(f"  {q}{_line(f['text'], 30):32} {f['unit']:6} {chosen}" + (f"  [{extra}]" if extra else ""))
        out.append(f"      {_line(f['sentence'])}")
    out.append(f"\ndated sentences ({len(rows['timeline'])})")
    for d in rows["timeline"]:
        what = d["event_id"] or "(no event)"
        tags = ", ".join(x for x in ("ends the terms" if d["expiry"] else None, d["stage"]) if x)
        out.append(f"  {d['date']:10} {_line(d['text'], 22):24} {what}" + (f"  [{tags}]" if tags else ""))
        out.append(f"      {_line(d['sentence'])}")
    out.append(f"\nroles ({len(rows['roles'])})")
    for r in rows["roles"]:
        where = f"{r['place']} " if r["place"] else ""
        mods = f" ({r['modifiers']})" if r["modifiers"] else ""
        out.append(f"  {_line(r['person'], 30):32} {where}{r['title']}{mods}")
    out.append(f"\nstatuses ({len(rows['statuses'])})")
    for s in rows["statuses"]:
        who = f" per {s['asserter']}" if s["asserter"] else ""
        measures = ",".join(s["measures"] or []) or "-"
        out.append(f"  {s['subject']}: {s['position']:12} {measures}{who}")
        out.append(f"      {_line(s['sentence'])}")
    out.append(f"\nopen questions ({len(rows['questions'])})")
    for row in rows["questions"]:
        out.append(f"  {row['theme']:20} {row['kind']:8} cue {_line(row['cue'], 30)!r}")
        out.append(f"      {_line(row['sentence'])}")
    return "\n".join(out) + "\n"


def summary(profile: Profile) -> str:
    """One line on what a profile holds, for `profile check`."""
    parts = [
        f"{len(profile.metrics)} metrics",
        f"{len(profile.events)} events",
        f"{len(profile.themes)} themes",
        f"{sum(len(st.positions) for st in profile.statuses)} status positions",
        f"{len(profile.titles)} titles",
    ]
    if profile.stages:
        parts.append(f"{len(profile.stages)} stages")
    return f"ok: {profile.path}: {profile.name} ({', '.join(parts)})"
