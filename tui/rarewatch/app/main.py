"""The rarewatch dashboard: four panes over a live folder of articles.

Who owns what:
- Thread workers do all I/O and analysis. The watch worker (`FolderWatcher.run`) posts
  `FilesChanged`; the analysis worker (`watch.analyse_batch`) posts `ScanProgress` and
  `CorpusUpdated` with a provisional report; the build worker (`build_report`, latest snapshot
  wins) posts `ReportBuilt`. None of them touches a widget. A dropped file reaches the panes
  after its own analysis; contradictions and the notification follow when the build lands.
- The App's handlers own the state: the `Library` snapshot, the `Report`, the source the panes are
  narrowed to, the set of unseen sources, and the batch of changes waiting for the next analysis.
  Only one analysis runs at a time; changes that arrive meanwhile are merged into one batch, so a
  burst of 500 files is one refresh with one progress bar.
- Widgets render what `core.views` computes; none of them computes anything.

The first paint never waits for analysis: the layout is composed empty with a progress bar, and
the panes fill in as reports arrive (partial ones during a long first scan).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from rarewatch.app.commands import RarewatchCommands
from rarewatch.app.library import Library
from rarewatch.app.messages import (
    CorpusUpdated,
    FilesChanged,
    OpenDetail,
    OpenReader,
    ReportBuilt,
    ScanProgress,
    SourceChosen,
    SourceSeen,
)
from rarewatch.app.screens import (
    ContradictionScreen,
    HelpScreen,
    MetricScreen,
    ReaderScreen,
    ThemeScreen,
    TimelineScreen,
)
from rarewatch.app.watch import (
    DEBOUNCE_MS,
    RESCAN_S,
    Batch,
    FolderWatcher,
    Refreshed,
    analyse_batch,
    prepare_pool,
)
from rarewatch.app.widgets.contradictions import ContradictionsPane
from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.header import StatusLine, StoryHeader
from rarewatch.app.widgets.questions import QuestionsPane
from rarewatch.app.widgets.reader import ArticleReader
from rarewatch.app.widgets.sources import SourcesPane
from rarewatch.app.widgets.table import FilterInput, Pane, Table
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.profile import Profile
from rarewatch.core.views import change_summary, contradiction_positions, metric_figures, source_info

PANES = ("sources", "figures", "contradictions", "questions")
#: Seconds between progress messages from the analysis worker.
PROGRESS_EVERY = 0.1


class RarewatchApp(App[None]):
    """The dashboard on one folder; `today` fixes the countdown's date (tests, screenshots)."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "rarewatch"
    COMMANDS = App.COMMANDS | {RarewatchCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("t", "timeline", "Timeline", id="app.timeline"),
        Binding("1", "focus_pane('sources')", "Sources", show=False, id="app.pane.sources"),
        Binding("2", "focus_pane('figures')", "Figures", show=False, id="app.pane.figures"),
        Binding("3", "focus_pane('contradictions')", "Contradictions", show=False,
                id="app.pane.contradictions"),
        Binding("4", "focus_pane('questions')", "Questions", show=False, id="app.pane.questions"),
        Binding("escape", "back", "Back", show=False, id="app.back"),
        Binding("ctrl+r", "rescan", "Rescan", show=False, id="app.rescan"),
    ]

    def __init__(self, root: Path, profile: Profile, today: dt.date | None = None, *,
                 watch: bool = True, root_label: str | None = None,
                 debounce_ms: int = DEBOUNCE_MS, rescan_s: float = RESCAN_S) -> None:
        super().__init__()
        prepare_pool()
        self.theme = "textual-dark"
        self.root = Path(root).resolve()
        self.root_label = root_label if root_label is not None else str(root).rstrip("/") or str(root)
        self.profile = profile
        self.fixed_today = today
        self.live = watch
        self.watcher = FolderWatcher(self.root, debounce_ms=debounce_ms, rescan_s=rescan_s)
        # state owned by the handlers below
        self.library = Library()
        self.report: Report | None = None        # what the panes show (may be provisional)
        self.settled: Report | None = None       # the last full report
        self.narrowed: str | None = None
        self.unseen: frozenset[str] = frozenset()
        self.pending = Batch()
        self.analysing = False
        self.complete = False        # the first full scan has been rendered
        self.building = False        # a full report is being built
        self.changed_since: set[str] = set()    # read since the last full report
        self.removed_since: set[str] = set()
        self.refreshes = 0           # reports rendered (tests and benchmarks wait on it)
        self.last_render_s = 0.0
        self.progress_seen = 0       # progress messages handled (tests check the bar was shown)
        self._last_progress = 0.0

    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # ---- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StoryHeader(self.profile.name, self.root_label, id="header")
        yield StatusLine(id="status")
        with Grid(id="panes"):
            yield SourcesPane(id="sources")
            yield FiguresPane(id="figures")
            yield ContradictionsPane(id="contradictions")
            yield QuestionsPane(id="questions")
        yield Footer()

    def on_mount(self) -> None:
        self.status.progress(0, None, "listing the folder…")
        self.pane("sources").focus_table()
        # the first frame goes out before any worker competes with it for the GIL
        self.call_after_refresh(self.set_timer, 0.05, self._watch)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}", Pane)

    # ---- workers ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False,
          description="watching the folder")
    def _watch(self) -> None:
        """List the folder, then post settled changes until the app exits."""
        worker = get_current_worker()

        def emit(batch: Batch) -> None:
            self.post_message(FilesChanged(batch))

        if self.live:
            self.watcher.run(worker.cancelled_event, emit)
        else:
            emit(self.watcher.initial())

    @work(thread=True, exclusive=False, group="analysis", exit_on_error=False,
          description="analysing articles")
    def _analyse(self, library: Library, batch: Batch, base: Report | None) -> None:
        """Re-read the batch's files; the handler starts one analysis at a time."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - self._last_progress >= PROGRESS_EVERY or done == total:
                self._last_progress = now
                self.post_message(ScanProgress(done, total))

        def partial(result: Refreshed) -> None:
            self.post_message(CorpusUpdated(result, batch))

        result = analyse_batch(library, batch, self.root, self.profile, self.today(), base=base,
                               root_label=self.root_label, progress=progress, partial=partial,
                               cancelled=lambda: worker.is_cancelled)
        if result is not None:
            self.post_message(CorpusUpdated(result, batch))

    @work(thread=True, exclusive=True, group="build", exit_on_error=False,
          description="comparing the articles")
    def _build(self, library: Library) -> None:
        """The full report of one library snapshot; a newer snapshot makes this one moot."""
        worker = get_current_worker()
        t0 = time.perf_counter()
        report = build_report(library.as_parts(), self.profile, self.today())
        if not worker.is_cancelled:
            self.post_message(ReportBuilt(library, report, time.perf_counter() - t0))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker becomes a notification, never a crash."""
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        reason = f"{worker.description or worker.name} failed: {worker.error}"
        self.notify(reason, title="rarewatch", severity="error", markup=False, timeout=10)
        if worker.group == "analysis":
            self.analysing = False
            self._kick()
        elif worker.group == "build":
            self.building = False
            self._update_status()
        elif worker.group == "watch":
            self.status.idle(Text(f"not watching: {worker.error}", style="#ff5f5f"))
            self.set_timer(5.0, self._watch)

    # ---- handlers: the state lives here -----------------------------------------------------

    def on_files_changed(self, message: FilesChanged) -> None:
        self.pending = self.pending.merge(message.batch)
        self._kick()

    def _kick(self) -> None:
        """Start the next analysis if none runs and something is waiting."""
        if self.analysing or not self.pending:
            return
        batch, self.pending = self.pending, Batch()
        self.analysing = True
        n = len(batch.changed)
        if batch.initial:
            self.status.progress(0, n or None, f"reading {n:,} files…")
        elif n > 1:
            self.status.progress(0, n, f"reading {n:,} changed files…")
        self._analyse(self.library, batch, self.settled)

    def on_scan_progress(self, message: ScanProgress) -> None:
        self.progress_seen += 1
        if message.total > 1:
            self.status.progress(message.done, message.total,
                                 f"reading {message.done:,} of {message.total:,} files…")

    def on_corpus_updated(self, message: CorpusUpdated) -> None:
        """A batch was read: show the provisional report now, build the full one behind it."""
        result = message.result
        if not result.partial:
            if not message.batch.initial:
                fresh = set(result.changed) - set(self.library.parts)
                self.unseen = frozenset((self.unseen | fresh) - set(result.removed))
            self.changed_since |= set(result.changed)
            self.removed_since = (self.removed_since | set(result.removed)) - set(result.changed)
            self.analysing = False
        self.library = result.library
        self.report = result.report
        if self.narrowed is not None and self.narrowed not in self.library:
            self.narrowed = None
        self.render_report()
        if not result.partial:
            self.building = True
            self._build(result.library)
            self._kick()
        self._update_status()

    def on_report_built(self, message: ReportBuilt) -> None:
        """The full report: contradictions and duplicates catch up, and the change is announced."""
        if message.library is not self.library:
            return      # a newer snapshot was read meanwhile; its own build is on the way
        old, first = self.settled, not self.complete
        self.report = self.settled = message.report
        self.building = False
        if first:
            self.complete = True
        elif self.changed_since or self.removed_since:
            summary = change_summary(old, message.report, self.changed_since, self.removed_since)
            if not summary.empty:
                self.notify(summary.message(), title="rarewatch", markup=False)
        self.changed_since, self.removed_since = set(), set()
        self.render_report()
        self.refreshes += 1
        self._update_status()

    def render_report(self) -> None:
        """Hand the report to every pane; they render what the views compute."""
        if self.report is None:
            return
        t0 = time.perf_counter()
        report = self.report
        self.query_one(StoryHeader).show(report)
        unseen = frozenset(self.unseen & set(self.library.parts))
        self.query_one(SourcesPane).show(report, narrowed=self.narrowed, unseen=unseen)
        self.query_one(FiguresPane).show(report, narrowed=self.narrowed)
        self.query_one(ContradictionsPane).show(report, narrowed=self.narrowed)
        self.query_one(QuestionsPane).show(report, narrowed=self.narrowed)
        self.last_render_s = time.perf_counter() - t0

    def _update_status(self) -> None:
        if self.analysing:
            return
        if self.building and len(self.library) >= 1000:
            self.status.progress(0, None, f"comparing {len(self.library):,} articles…")
            return
        watching = (f"watching {self.root_label} · {len(self.library):,} files"
                    if self.live else f"{self.root_label} · {len(self.library):,} files")
        title = None
        if self.narrowed and self.report is not None:
            info = source_info(self.report, self.narrowed)
            title = (info or {}).get("title") or self.narrowed
        self.status.narrowing(title, self.narrowed, watching)

    def on_source_chosen(self, message: SourceChosen) -> None:
        self.narrow(message.source_id)

    def on_source_seen(self, message: SourceSeen) -> None:
        if message.source_id in self.unseen:
            self.unseen = self.unseen - {message.source_id}
            self.query_one(SourcesPane).mark_seen(message.source_id,
                                                  frozenset(self.unseen & set(self.library.parts)))

    def on_open_reader(self, message: OpenReader) -> None:
        self.open_reader(message.source_id, message.offset)

    def on_open_detail(self, message: OpenDetail) -> None:
        if self.report is None:
            return
        report, key = self.report, message.key
        if message.kind == "metric":
            if message.read:
                rows, _ = metric_figures(report, key, self.narrowed, limit=1)
                if rows.height:
                    self.open_reader(rows["source"][0], rows["start"][0])
                return
            self.push_screen(MetricScreen(report, key, self.narrowed))
        elif message.kind == "contradiction":
            if message.read:
                _, positions = contradiction_positions(report, key)
                quote = next((q for p in positions for q in p.quotes if q.source), None)
                if quote is not None:
                    self.open_reader(quote.source, quote.start)
                return
            self.push_screen(ContradictionScreen(report, key))
        elif message.kind == "theme":
            self.push_screen(ThemeScreen(report, key, self.narrowed))

    # ---- actions ----------------------------------------------------------------------------

    def narrow(self, source_id: str | None) -> None:
        """Show only `source_id` in the figures, contradictions and questions panes (None: all)."""
        self.narrowed = source_id
        self.render_report()
        self._update_status()

    def open_reader(self, source_id: str, offset: int | None = None) -> None:
        if self.report is None:
            return
        self.push_screen(ReaderScreen(self.report, source_id, offset))

    def action_focus_pane(self, name: str) -> None:
        if len(self.screen_stack) == 1:
            self.pane(name).focus_table()

    def action_timeline(self) -> None:
        if self.report is not None and not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen(self.report, self.narrowed))

    def action_back(self) -> None:
        """Escape: close a screen, else drop the focused pane's filter, else the narrowing."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
            return
        focused = self.focused
        pane = next((a for a in (focused.ancestors if focused else []) if isinstance(a, Pane)), None)
        if pane is not None and pane.clear_filter():
            return
        if self.narrowed is not None:
            self.narrow(None)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def action_rescan(self) -> None:
        """Re-list the folder now (it also happens every 30 s)."""
        self.watcher.rescan_requested = True
        self.notify("Rescanning the folder…", markup=False, timeout=2)

    # ---- keys as data -----------------------------------------------------------------------

    def palette_actions(self) -> list[tuple[str, str, str]]:
        """(name, action, help) for the command palette; help strings are constants."""
        return [
            ("Focus: Sources pane", "focus_pane('sources')", "key 1"),
            ("Focus: Key figures pane", "focus_pane('figures')", "key 2"),
            ("Focus: Contradictions pane", "focus_pane('contradictions')", "key 3"),
            ("Focus: Open questions pane", "focus_pane('questions')", "key 4"),
            ("Show the timeline of dated events", "timeline", "key t"),
            ("Show all sources (clear narrowing)", "clear_narrowing", "key Esc"),
            ("Rescan the folder now", "rescan", "key Ctrl+R"),
            ("Show keys (help)", "help", "key ?"),
            ("Quit rarewatch", "quit", "key q"),
        ]

    def action_clear_narrowing(self) -> None:
        self.narrow(None)

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every binding, grouped by where it applies, read from the classes themselves."""

        def keys(bindings: list[BindingType]) -> list[tuple[str, str]]:
            out = []
            for b in bindings:
                if isinstance(b, Binding):
                    shown = ", ".join(self.get_key_display(Binding(k.strip(), ""))
                                      for k in b.key.split(","))
                    out.append((shown, b.description))
            return out

        from rarewatch.app.screens import ContradictionScreen as CS
        from rarewatch.app.screens import DetailScreen

        everywhere = [*keys(self.BINDINGS), ("tab, shift+tab", "Next / previous pane"),
                      ("ctrl+p", "Command palette: every action")]
        return [
            ("Everywhere", everywhere),
            ("Tables", [*keys(Table.BINDINGS), ("↑ ↓ PgUp PgDn", "Move")]),
            ("Panes", keys(Pane.BINDINGS) + keys(FilterInput.BINDINGS)),
            ("Sources pane", [*keys(SourcesPane.BINDINGS), ("enter", "Read the article")]),
            ("Key figures pane", [*keys(FiguresPane.BINDINGS),
                                  ("enter", "Every figure of the metric")]),
            ("Contradictions pane", [*keys(ContradictionsPane.BINDINGS),
                                     ("enter", "Positions side by side")]),
            ("Open questions pane", [("enter", "Sentences by source"), ("t", "Timeline")]),
            ("Detail screens", [*keys(DetailScreen.BINDINGS), *keys(CS.BINDINGS),
                                ("enter", "Open the reader on the sentence")]),
            ("Article reader", keys(ArticleReader.BINDINGS)),
        ]
