"""The header: the story's name, what is loaded, and the countdown to when the terms lapse.

Below it a status line shows the scan's progress bar while files are being read and, when the
panes are narrowed to one source, which one and how to go back. Every string from an article
(the narrowed headline) goes in as `Text`, never as markup.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from rarewatch.core.corpus import Report
from rarewatch.core.report import countdown
from rarewatch.core.views import one_line, overview, past_label, staleness

URGENT = Style(color="#ff5f5f", bold=True)
SOON = Style(color="#ffaf00", bold=True)
CALM = Style(color="#5fd7af", bold=True)


def countdown_text(report: Report | None, waiting: str = "reading the folder…", *, short: bool = False) -> Text:
    """ "terms lapse 2026-11-10, in 12 days", coloured by how near (or past) it is."""
    if report is None:
        return Text(waiting, style="dim")
    days = (report.renegotiation or {}).get("days_left")
    style = "dim" if days is None else URGENT if days <= 14 else SOON if days <= 60 else CALM
    stale = staleness(report)
    if stale is None:
        return Text(one_line(countdown(report)), style=style)
    # past the deadline: say it lapsed, and how old the newest news is (the folder may be stale)
    # (`short`: a narrow terminal; the lapse and the newest article's date still show)
    ago = "1 day ago" if stale["days_ago"] == 1 else f"{stale['days_ago']} days ago"
    t = Text()
    t.append(f" {one_line(past_label(report.deadline_label))} ", style="bold reverse #ff5f5f")
    t.append(f" {stale['due']}" if short else f" {stale['due']}, {ago}", style=URGENT)
    if stale["newest"]:
        t.append(f" · newest article {stale['newest']}", style="#ffaf00")
        if not short and stale["newest_age"] is not None and stale["newest_age"] > stale["days_ago"]:
            t.append(": folder may be stale", style="#ffaf00")
    return t


class StoryHeader(Horizontal):
    """Story name and counts on the left, the countdown on the right."""

    def __init__(self, story: str, folder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.folder = folder

    def compose(self) -> ComposeResult:
        yield Static(self._title(None), id="story")
        yield Static(countdown_text(None), id="countdown")

    def _title(self, report: Report | None, settled: int = 0) -> Text:
        t = Text(no_wrap=True, overflow="ellipsis")  # the countdown keeps its room; this gives way
        t.append(" rarewatch ", style="bold reverse")
        t.append("  ")
        t.append(one_line(self.story), style="bold")
        t.append("  ")
        t.append(one_line(self.folder), style="dim")
        if report is not None:
            o = overview(report)
            live = o["contradictions"] - settled
            t.append(
                f"  ·  {o['sources']:,} sources · {o['figures']:,} figures · {live:,} contradictions",
                style="dim",
            )
        return t

    def show(self, report: Report, *, settled: int = 0) -> None:
        """`settled`: contradictions the analyst explained or dismissed, left out of the count."""
        self.query_one("#story", Static).update(self._title(report, settled))
        short = 0 < self.app.size.width < 100
        self.query_one("#countdown", Static).update(countdown_text(report, short=short))


class StatusLine(Horizontal):
    """Progress of the current scan, and the narrowing, on one line under the header."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield ProgressBar(total=None, show_eta=False, id="progress")

    def progress(self, done: int, total: int | None, label: str) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)
        self.query_one("#status-text", Static).update(Text(label, style="dim"))
        self.add_class("busy")

    def idle(self, message: Text | str = "") -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#status-text", Static).update(
            message if isinstance(message, Text) else Text(message, style="dim")
        )
        self.remove_class("busy")

    def narrowing(self, title: str | None, source_id: str | None, watching: str, *, alert: str = "") -> None:
        """Say which source the panes are narrowed to (as plain text), or what is watched, and the
        last alert (a key figure moved, a contradiction opened) until the next one."""
        if source_id is None:
            t = Text(watching, style="dim")
            if alert:
                t.append("   ")
                t.append(" ⚑ ", style="bold reverse #ffaf00")
                t.append(" " + one_line(alert), style="bold #ffaf00")
            self.idle(t)
            return
        t = Text()
        t.append(" narrowed ", style="bold reverse #5fd7af")
        t.append("  ")
        t.append(one_line(title or source_id), style="bold #5fd7af")
        t.append("   space/f on the source or Esc to show all", style="dim")
        self.idle(t)
