"""Alerts: what new articles changed that the analyst must not miss.

Three things, each decided from the full report and the set of `fresh` source ids (the articles
just read, or published since a date):

* a key figure's **latest value moved**: by publication date, the newest value of a metric now
  comes from a fresh article and differs from the newest value the other articles give;
* a **contradiction opened**: fewer than two of its positions are held by articles other than the
  fresh ones, so without them there was no disagreement;
* the **deadline answered anew**: when the current terms lapse (the question the countdown
  answers) is now a different date than before (`before_due`).

Deciding from one report (instead of diffing two) means the dashboard (after a drop) and
`rarewatch digest DIR --since DATE` (a cron job, with no earlier state) give the same answer.
Nothing here imports Textual; the dashboard computes alerts in its build worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from rarewatch.core.corpus import Report, renegotiation
from rarewatch.core.profile import Profile
from rarewatch.core.views import contradiction_rows, figures_by_metric, metric_history, one_line


class AlertKind(StrEnum):
    FIGURE = "figure moved"
    CONTRADICTION = "new contradiction"
    DEADLINE = "deadline"


@dataclass(frozen=True, slots=True)
class Alert:
    """One thing that moved: what, the change in words, and the fresh sources behind it."""

    kind: AlertKind
    subject: str
    detail: str
    sources: tuple[str, ...] = ()
    key: str = ""  # metric or contradiction id, for opening it

    def line(self) -> str:
        """ "China's share of processing: 90% → 92% (Trade Ledger, 2025-11-08)"."""
        return one_line(f"{self.subject}: {self.detail}")


def alerts(report: Report, fresh: Iterable[str], *, before_due: str | None = None) -> list[Alert]:
    """Everything `fresh` articles moved: figures, then contradictions, then the deadline."""
    fresh = set(fresh)
    if not fresh:
        return []
    return [*_moved_figures(report, fresh), *_opened_contradictions(report, fresh), *_deadline(report, before_due)]


def _moved_figures(report: Report, fresh: set[str]) -> list[Alert]:
    out: list[Alert] = []
    touched = report.figures.filter(
        (pl.col("metric") != "other") & pl.col("source").is_in(pl.Series(sorted(fresh), dtype=pl.String).implode())
    )["metric"].unique()
    order = figures_by_metric(report)["metric"].to_list()  # the pane's order: disputed first
    for metric in sorted(touched.to_list(), key=lambda m: order.index(m) if m in order else len(order)):
        series = metric_history(report, metric).series
        if not series.height:
            continue
        latest = series.row(-1, named=True)
        before = series.filter(~pl.col("source").is_in(pl.Series(sorted(fresh), dtype=pl.String).implode()))
        if latest["source"] not in fresh or not before.height:
            continue
        prev = before.row(-1, named=True)
        if prev["value"] == latest["value"]:
            continue
        label = report.figures.filter(pl.col("metric") == metric)["label"][0]
        detail = f"{prev['text']} → {latest['text']} ({latest['who']}, {latest['published']})"
        out.append(Alert(AlertKind.FIGURE, label, detail, (latest["source"],), metric))
    return out


def _opened_contradictions(report: Report, fresh: set[str]) -> list[Alert]:
    out: list[Alert] = []
    shown = {r["id"]: r for r in contradiction_rows(report).iter_rows(named=True)}
    for cid, positions in report.contradictions.select("id", "positions").iter_rows():
        held_before = [p for p in positions or [] if set(p["sources"] or []) - fresh]
        by_fresh = sorted({s for p in positions or [] for s in p["sources"] or []} & fresh)
        if len(held_before) >= 2 or not by_fresh:
            continue
        row = shown.get(cid, {})
        detail = f"{row.get('severity', '')}: {row.get('positions', '')}".strip(": ")
        out.append(Alert(AlertKind.CONTRADICTION, row.get("subject") or cid, detail, tuple(by_fresh), cid))
    return out


def _deadline(report: Report, before_due: str | None) -> list[Alert]:
    due = (report.renegotiation or {}).get("due")
    if not due or due == before_due:
        return []
    detail = f"{before_due or 'unknown'} → {due} ({(report.renegotiation or {}).get('basis', '')})"
    return [Alert(AlertKind.DEADLINE, report.deadline_label, detail)]


def due_before(report: Report, fresh: Iterable[str], profile: Profile) -> str | None:
    """When the terms lapsed by the other articles alone (for a digest with no earlier state)."""
    keep = ~pl.col("source").is_in(pl.Series(sorted(set(fresh)), dtype=pl.String).implode())
    return renegotiation(report.timeline.filter(keep), report.figures.filter(keep), profile, report.today).get("due")


def summary(found: list[Alert]) -> str:
    """One line for the status bar and the notification: the first alert and how many more."""
    if not found:
        return ""
    more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
    return f"{found[0].kind.value}: {found[0].line()}{more}"


def to_markdown(report: Report, found: list[Alert], fresh: Iterable[str], since: str) -> str:
    """The digest for a cron job: the new articles, then what they moved, as Markdown."""
    fresh = sorted(set(fresh))
    titles = dict(report.sources.select("id", "title").iter_rows())
    published = dict(report.sources.select("id", "published").iter_rows())
    lines = [f"# {one_line(report.story)}: since {since}", ""]
    lines.append(f"{len(fresh)} new article{'s' if len(fresh) != 1 else ''} since {since}.")
    lines.append("")
    for sid in fresh:
        lines.append(f"- {one_line(titles.get(sid) or sid)} ({one_line(sid)}, {published.get(sid) or 'undated'})")
    sections = (
        (AlertKind.FIGURE, "Key figures that moved"),
        (AlertKind.CONTRADICTION, "New contradictions"),
        (AlertKind.DEADLINE, f"{one_line(report.deadline_label).capitalize()}: a new date"),
    )
    for kind, head in sections:
        items = [a for a in found if a.kind == kind]
        if items:
            lines += ["", f"## {head}", ""]
            lines += [f"- **{one_line(a.subject)}**: {one_line(a.detail)}" for a in items]
    if not found:
        lines += ["", "Nothing moved: no key figure, contradiction or deadline changed."]
    return "\n".join(lines) + "\n"
