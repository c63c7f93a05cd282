"""The rarewatch dashboard: four panes over a live folder of articles.

Who owns what:
- Thread workers do all I/O and analysis. The watch worker (`FolderWatcher.run`) posts
  `FilesChanged`; the analysis worker (`watch.analyse_batch`) posts `ScanProgress` and
  `CorpusUpdated` with a provisional report; the build worker (`build_report`, latest snapshot
  wins) posts `ReportBuilt` with the alerts of what the articles read since the last full report
  moved (`core.alerts`). None of them touches a widget. A dropped file reaches the panes
  after its own analysis; contradictions and the notification follow when the build lands.
- The App's handlers own the state, kept in one plain `DashboardState` (`app/state.py`): the
  `Library` snapshot, the `Report`, the source the panes are narrowed to, the set of unseen
  sources, and the batch of changes waiting for the next analysis. Its transitions decide what
  happens next and return it as effects (`Analyse`, `Build`, `StoreCache`, `SaveSession`,
  `Notify` ...) that the handlers carry out (`_carry_out`); the App only renders and starts
  workers. Only one analysis runs at a time; changes that arrive meanwhile are merged into one
  batch, so a burst of 500 files is one refresh with one progress bar.
- Widgets render what `core.views` computes; none of them computes anything.

What the dashboard remembers between sessions, all read and written in thread workers:
- The parse cache (`core.cache.ParseCache`): the first analysis takes every listed file the
  cache still holds and parses only the rest (`counters.parsed` and `counters.cached` count
  them); after a full report that read or dropped something, the library is stored back
  (`StoreCache`, decided by `DashboardState.report_built`).
- Review marks (`core.marks.MarkStore`): `x`/`d`/`a`/`p` ask for an optional note in a modal,
  then the mark shows at once and is written behind, merged with any other rarewatch on the
  folder; the marks file is re-read when it changes (polled) and after each refresh.
- The last session (`core.digest`): the first full report is compared with the snapshot the
  previous session left, the difference is announced and kept for `s`; each full report then
  replaces the snapshot.
- Settings: given `Settings`, the app applies them and writes a theme or layout change back to
  the user's file (`save_user_settings` keeps every other key), saying where it wrote.
- The view (`core.viewstate`): each pane's sort and the settled-rows toggle (`H`), per folder.
Trouble with any of these files is a notification (`Notice`), never a crash.

The first paint never waits for analysis: the layout is composed empty with a progress bar, and
the panes fill in as reports arrive (partial ones during a long first scan).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from pathlib import Path
from typing import ClassVar

import platformdirs
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.events import Resize
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from rarewatch.app.commands import RarewatchCommands
from rarewatch.app.library import Library
from rarewatch.app.messages import (
    CacheStored,
    CorpusUpdated,
    DigestReady,
    Exported,
    FilesChanged,
    MarkRequest,
    MarksLoaded,
    MarksUnreadable,
    Notice,
    OpenDetail,
    OpenReader,
    ReportBuilt,
    ScanProgress,
    SessionSaved,
    SourceChosen,
    SourceSeen,
    ViewLoaded,
)
from rarewatch.app.reading import ReaderScreen, SearchScreen
from rarewatch.app.screens import (
    ContradictionScreen,
    DigestScreen,
    ExportScreen,
    HelpScreen,
    MetricScreen,
    PromptScreen,
    ThemeScreen,
    TimelineScreen,
)
from rarewatch.app.state import (
    Analyse,
    Build,
    Counters,
    DashboardState,
    Effect,
    LoadMarks,
    Notify,
    RaiseAlerts,
    SaveSession,
    StoreCache,
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
from rarewatch.core.alerts import Alert, alerts
from rarewatch.core.alerts import summary as alert_summary
from rarewatch.core.cache import ParseCache, ignore_paths
from rarewatch.core.config import LAYOUTS, ConfigError, Settings, save_user_settings
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.digest import Digest, diff, load_snapshot, save_snapshot, snapshot, snapshot_path
from rarewatch.core.export import FORMATS as EXPORT_FORMATS
from rarewatch.core.export import write_export
from rarewatch.core.marks import Mark, MarksError, MarkStore, marks_frame
from rarewatch.core.marks import now as mark_time
from rarewatch.core.profile import Profile
from rarewatch.core.scan import source_id
from rarewatch.core.views import (
    MARK_WORDS,
    contradiction_positions,
    metric_figures,
    narrowed_report,
    position_values,
    prepare_filters,
    settled_ids,
    source_info,
)
from rarewatch.core.viewstate import ViewState, load_view, save_view, view_path

PANES = ("sources", "figures", "contradictions", "questions")
#: Terminal width under which the footer and the header's countdown take their short forms.
COMPACT_BELOW = 100
#: Seconds between progress messages from the analysis worker.
PROGRESS_EVERY = 0.1
#: Seconds between looks at the marks file (another rarewatch on the folder may have written it).
MARKS_POLL_S = 2.0


def default_export_dir(root: Path) -> Path:
    """Where `e` offers to export: a folder of the user's documents named for the watched folder,
    never the folder rarewatch happened to be started from."""
    return Path(platformdirs.user_documents_dir()) / "rarewatch-export" / (root.name or "articles")


def narrowed_label(narrowed: str | None) -> str:
    return f"narrowed to {narrowed}" if narrowed else "all sources"


class RarewatchApp(App[None]):
    """The dashboard on one folder; `today` fixes the countdown's date (tests, screenshots)."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "rarewatch"
    COMMANDS = App.COMMANDS | {RarewatchCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("t", "timeline", "Timeline", id="app.timeline"),
        Binding("ctrl+f", "search", "Search", id="app.search", tooltip="Search every article's text"),
        Binding("1", "focus_pane('sources')", "Sources", show=False, id="app.pane.sources"),
        Binding("2", "focus_pane('figures')", "Figures", show=False, id="app.pane.figures"),
        Binding("3", "focus_pane('contradictions')", "Contradictions", show=False, id="app.pane.contradictions"),
        Binding("4", "focus_pane('questions')", "Questions", show=False, id="app.pane.questions"),
        Binding("s", "digest", "Since last", show=False, id="app.digest"),
        Binding("e", "export", "Export", show=False, id="app.export"),
        Binding("T", "next_theme", "Theme", show=False, id="app.theme"),
        Binding("L", "next_layout", "Layout", show=False, id="app.layout"),
        Binding("escape", "back", "Back", show=False, id="app.back"),
        Binding("ctrl+r", "rescan", "Rescan", show=False, id="app.rescan"),
        Binding(
            "H",
            "toggle_settled",
            "Hide settled",
            show=False,
            id="app.settled",
            tooltip="Hide or show settled rows",
        ),
    ]

    def __init__(
        self,
        root: Path,
        profile: Profile,
        today: dt.date | None = None,
        *,
        watch: bool = True,
        root_label: str | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        rescan_s: float = RESCAN_S,
        settings: Settings | None = None,
        use_cache: bool = True,
        export_dir: Path | None = None,
    ) -> None:
        """`settings` (from `load_settings`) override debounce, rescan, ignore, theme and the
        about tolerance, and turn on writing changed settings back to the user's file."""
        super().__init__()
        prepare_pool()
        self.settings = settings
        if settings is not None:
            debounce_ms = settings.debounce_ms
            rescan_s = settings.rescan_seconds if settings.rescan_seconds > 0 else float("inf")
            profile = dataclasses.replace(profile, about_tolerance=settings.about_tolerance)
        self.theme = "textual-dark"
        self.root = Path(root).resolve()
        self.root_label = root_label if root_label is not None else str(root).rstrip("/") or str(root)
        self.profile = profile
        self.fixed_today = today
        self.live = watch
        self.watcher = FolderWatcher(self.root, debounce_ms=debounce_ms, rescan_s=rescan_s)
        self.export_dir = export_dir or default_export_dir(self.root)
        self.export_format = "parquet"
        self.layout_name = "grid"
        self.mark_store = MarkStore(self.root, notice=self._notice_from_thread)
        self.exports: list[Path] = []
        # everything the handlers below own, and the rules that change it
        self.state = DashboardState(use_cache=use_cache)

    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # ---- the state, read-only (tests, benchmarks and screens read it here) ---------------------

    @property
    def ignore(self) -> tuple[str, ...]:
        return self.settings.ignore if self.settings is not None else ()

    @property
    def use_cache(self) -> bool:
        return self.state.use_cache

    @property
    def snapshot_file(self) -> Path:
        return snapshot_path(self.root)

    @property
    def view_file(self) -> Path:
        return view_path(self.root)

    @property
    def library(self) -> Library:
        return self.state.library

    @property
    def report(self) -> Report | None:
        return self.state.report

    @property
    def settled(self) -> Report | None:
        return self.state.settled

    @property
    def narrowed(self) -> str | None:
        return self.state.narrowed

    @property
    def unseen(self) -> frozenset[str]:
        return self.state.unseen

    @property
    def pending(self) -> Batch:
        return self.state.pending

    @property
    def analysing(self) -> bool:
        return self.state.analysing

    @property
    def building(self) -> bool:
        return self.state.building

    @property
    def complete(self) -> bool:
        return self.state.complete

    @property
    def hide_settled(self) -> bool:
        return self.state.hide_settled

    @property
    def view_loaded(self) -> bool:
        return self.state.view_loaded

    @property
    def marks(self) -> dict[tuple[str, str], Mark]:
        return self.state.marks

    @property
    def mark_writes(self) -> int:
        return self.state.mark_writes

    @property
    def digest(self) -> Digest | None:
        return self.state.digest

    @property
    def digest_done(self) -> bool:
        return self.state.digest_done

    @property
    def alerts(self) -> list[Alert]:
        return self.state.alerts

    @property
    def counters(self) -> Counters:
        return self.state.counters

    @property
    def refreshes(self) -> int:
        return self.state.counters.refreshes

    @property
    def progress_seen(self) -> int:
        return self.state.counters.progress_seen

    @property
    def parsed(self) -> int:
        return self.state.counters.parsed

    @property
    def cached(self) -> int:
        return self.state.counters.cached

    @property
    def cache_stores(self) -> int:
        return self.state.counters.cache_stores

    @property
    def sessions_saved(self) -> int:
        return self.state.counters.sessions_saved

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

    def on_resize(self, event: Resize) -> None:
        """Below 100 columns the footer drops its spacing, so every shown key fits."""
        self.query_one(Footer).compact = event.size.width < COMPACT_BELOW
        if self.report is not None:
            self.query_one(StoryHeader).show(self.report, settled=len(settled_ids(self.report, self.marks)))

    def on_mount(self) -> None:
        self.query_one(Footer).compact = self.size.width < COMPACT_BELOW
        self.status.progress(0, None, "listing the folder…")
        self.pane("sources").focus_table()
        # the first frame goes out before any worker competes with it for the GIL
        self.call_after_refresh(self.set_timer, 0.05, self._watch)
        self._load_marks()
        self._load_view()
        self.set_interval(MARKS_POLL_S, self._load_marks)
        if self.settings is not None:
            if self.settings.theme != self.theme:
                try:
                    self.theme = self.settings.theme
                except Exception:
                    self.notify(
                        f"theme: no theme called {self.settings.theme!r}; using {self.theme}",
                        title="rarewatch",
                        severity="warning",
                        markup=False,
                    )
            self.theme_changed_signal.subscribe(self, self._theme_changed)
            if self.settings.layout in LAYOUTS:
                self.set_layout(self.settings.layout)
            else:
                self.notify(
                    f"layout: no layout called {self.settings.layout!r} (one of {', '.join(LAYOUTS)}); using grid",
                    title="rarewatch",
                    severity="warning",
                    markup=False,
                )

    def _notice_from_thread(self, text: str) -> None:
        """Cache and marks trouble reported by a worker: a notification, never a crash."""
        self.post_message(Notice(text))

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}", Pane)

    # ---- workers ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False, description="watching the folder")
    def _watch(self) -> None:
        """List the folder, then post settled changes until the app exits."""
        worker = get_current_worker()

        def emit(batch: Batch) -> None:
            self.post_message(FilesChanged(batch))

        if self.live:
            self.watcher.run(worker.cancelled_event, emit)
        else:
            emit(self.watcher.initial())

    @work(thread=True, exclusive=False, group="analysis", exit_on_error=False, description="analysing articles")
    def _analyse(self, library: Library, batch: Batch, base: Report | None) -> None:
        """Re-read the batch's files; the handler starts one analysis at a time."""
        worker = get_current_worker()
        last_progress = 0.0  # this worker's own: no App attribute is written from a thread

        def progress(done: int, total: int) -> None:
            nonlocal last_progress
            now = time.monotonic()
            if now - last_progress >= PROGRESS_EVERY or done == total:
                last_progress = now
                self.post_message(ScanProgress(done, total))

        def partial(result: Refreshed) -> None:
            self.post_message(CorpusUpdated(result, batch))

        if batch.initial and self.use_cache:
            cached = self._cached_parts(sorted(batch.changed))
            if cached:
                library = library.updated(cached.values())
                batch = Batch(
                    frozenset(p for p in batch.changed if source_id(self.root, p) not in cached),
                    batch.removed,
                    initial=True,
                    reason=batch.reason,
                )
        result = analyse_batch(
            library,
            batch,
            self.root,
            self.profile,
            self.today(),
            base=base,
            root_label=self.root_label,
            progress=progress,
            partial=partial,
            cancelled=lambda: worker.is_cancelled,
        )
        if result is not None:
            self.post_message(CorpusUpdated(result, batch))

    def _cached_parts(self, paths: list[Path]) -> dict:
        """The parse cache's tables of every listed file still current (in the analysis worker)."""
        try:
            cache = ParseCache(self.root, self.profile, notice=self._notice_from_thread)
            found = cache.load(self.root_label, paths)
        except Exception as exc:  # a broken cache costs a re-read, never the dashboard
            self._notice_from_thread(f"parse cache not usable ({exc}); reading every article")
            return {}
        return found

    @work(thread=True, exclusive=True, group="cache", exit_on_error=False, description="storing the parse cache")
    def _store_cache(self, library: Library) -> None:
        """Write the folder's tables back, so the next start reads no unchanged article."""
        try:
            ParseCache(self.root, self.profile, notice=self._notice_from_thread).store_parts(
                library.parts, self.root_label
            )
        except Exception as exc:
            self._notice_from_thread(f"could not store the parse cache: {exc}")
            return
        self.post_message(CacheStored())

    @work(thread=True, exclusive=False, group="marks", exit_on_error=False, description="reading the review marks")
    def _load_marks(self) -> None:
        """Re-read the marks file when it changed (another rarewatch may share the folder)."""
        try:
            st = os.stat(self.mark_store.path)
            stamp: object = (st.st_size, st.st_mtime_ns, st.st_ino)
        except OSError:
            stamp = None
        if stamp == self.state.marks_stamp:
            return
        try:
            marks = self.mark_store.load()
        except MarksError as exc:
            self.post_message(MarksUnreadable(str(exc), stamp))
            return
        self.post_message(MarksLoaded(marks, stamp))

    @work(thread=True, exclusive=True, group="view", exit_on_error=False, description="reading the view")
    def _load_view(self) -> None:
        self.post_message(ViewLoaded(load_view(self.view_file)))

    @work(thread=True, exclusive=True, group="view-save", exit_on_error=False, description="saving the view")
    def _save_view(self, state: ViewState) -> None:
        try:
            save_view(self.view_file, state)
        except OSError as exc:
            self._notice_from_thread(f"could not remember the panes' order: {exc.strerror or exc}")

    def on_view_loaded(self, message: ViewLoaded) -> None:
        """The last session's sorts and `H`, applied once at start."""
        state = message.state
        assert isinstance(state, ViewState)
        for name in PANES:
            remembered = state.sorts.get(name)
            if remembered is not None:
                self.pane(name).restore_sort(*remembered)
        self.state.hide_settled = state.hide_settled
        self.state.view_loaded = True
        self.render_report()

    def view_state(self) -> ViewState:
        sorts = {name: s for name in PANES if (s := self.pane(name).sort_state()) is not None}
        return ViewState(sorts, self.hide_settled)

    def on_pane_sorted(self, _message: Pane.Sorted) -> None:
        self._save_view(self.view_state())

    @work(thread=True, exclusive=False, group="marks", exit_on_error=False, description="saving a review mark")
    def _write_mark(self, mark: Mark) -> None:
        try:
            if mark.cleared:
                self.mark_store.clear(mark.kind, mark.item)
            else:
                self.mark_store.mark(mark.kind, mark.item, mark.state, note=mark.note, positions=mark.positions)
            marks = self.mark_store.load()
            st = os.stat(self.mark_store.path)
            stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        except (MarksError, OSError) as exc:
            self.post_message(Notice(f"mark not saved: {exc}", severity="error"))
            self.post_message(MarksLoaded(dict(self.state.marks), self.state.marks_stamp, written=True))
            return
        self.post_message(MarksLoaded(marks, stamp, written=True))

    @work(
        thread=True,
        exclusive=False,
        group="session",
        exit_on_error=False,
        description="comparing with the last session",
    )
    def _session(self, report: Report, first: bool) -> None:
        """First full report: compare with the previous session's snapshot; always: save ours."""
        snap = snapshot(report, mark_time())
        if first:
            old = load_snapshot(self.snapshot_file)
            self.post_message(DigestReady(diff(old, snap) if old is not None else None))
        try:
            save_snapshot(self.snapshot_file, snap)
        except OSError as exc:
            self._notice_from_thread(f"could not save the session snapshot: {exc.strerror or exc}")
            return
        self.post_message(SessionSaved())

    @work(thread=True, exclusive=False, group="export", exit_on_error=False, description="exporting")
    def _export(self, report: Report, narrowed: str | None, folder: Path, fmt: str = "parquet") -> None:
        try:
            marks = marks_frame(self.mark_store.marks())
        except MarksError as exc:
            self._notice_from_thread(f"marks left out of the export: {exc}")
            marks = None
        try:
            files = write_export(narrowed_report(report, narrowed), folder, fmt, marks)
        except OSError as exc:
            self.post_message(Notice(f"{folder}: cannot write the export: {exc.strerror or exc}", severity="error"))
            return
        self.post_message(Exported(str(folder), files))

    @work(thread=True, exclusive=False, group="settings", exit_on_error=False, description="saving settings")
    def _save_settings(self, changes: dict) -> None:
        try:
            result = save_user_settings(changes)
        except (ConfigError, OSError) as exc:
            self._notice_from_thread(f"settings not saved: {exc}")
            return
        said = ", ".join(f"{k} = {v!r}".replace("'", '"') for k, v in changes.items())
        self.post_message(Notice(f"Saved {said} to {result.path}", severity="information"))
        if result.message:
            self._notice_from_thread(result.message)

    @work(thread=True, exclusive=True, group="build", exit_on_error=False, description="comparing the articles")
    def _build(self, library: Library, fresh: frozenset[str] = frozenset(), before_due: str | None = None) -> None:
        """The full report of one library snapshot; a newer snapshot makes this one moot.

        `fresh`: ids read since the last full report (none for the first): what they moved
        becomes alerts (`core.alerts`), computed here, off the UI thread.
        """
        worker = get_current_worker()
        t0 = time.perf_counter()
        report = build_report(library.as_parts(), self.profile, self.today())
        found = alerts(report, fresh, before_due=before_due) if fresh else []
        prepare_filters(report)
        if not worker.is_cancelled:
            self.post_message(ReportBuilt(library, report, time.perf_counter() - t0, found))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker becomes a notification, never a crash."""
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        reason = f"{worker.description or worker.name} failed: {worker.error}"
        self.notify(reason, title="rarewatch", severity="error", markup=False, timeout=10)
        if worker.group in ("analysis", "build"):
            self._carry_out(self.state.worker_failed(worker.group))
            if worker.group == "build":
                self._update_status()
        elif worker.group == "watch":
            self.status.idle(Text(f"not watching: {worker.error}", style="#ff5f5f"))
            self.set_timer(5.0, self._watch)

    # ---- handlers: the state lives here -----------------------------------------------------

    def on_files_changed(self, message: FilesChanged) -> None:
        batch = message.batch
        if self.ignore:
            batch = Batch(
                frozenset(ignore_paths(self.root, batch.changed, self.ignore)),
                batch.removed,
                batch.initial,
                batch.reason,
            )
        self._carry_out(self.state.files_changed(batch))

    def _carry_out(self, effects: list[Effect]) -> None:
        """Do what a transition of the state asked for, in order."""
        for effect in effects:
            if isinstance(effect, Analyse):
                n = len(effect.batch.changed)
                if effect.batch.initial:
                    self.status.progress(0, n or None, f"reading {n:,} files…")
                elif n > 1:
                    self.status.progress(0, n, f"reading {n:,} changed files…")
                self._analyse(effect.library, effect.batch, effect.base)
            elif isinstance(effect, Build):
                self._build(effect.library, effect.fresh, effect.due)
            elif isinstance(effect, StoreCache):
                self._store_cache(effect.library)
            elif isinstance(effect, SaveSession):
                self._session(effect.report, effect.first)
            elif isinstance(effect, Notify):
                if effect.timeout is None:
                    self.notify(effect.text, title="rarewatch", markup=False)
                else:
                    self.notify(effect.text, title="rarewatch", markup=False, timeout=effect.timeout)
            elif isinstance(effect, RaiseAlerts):
                self.alert(list(effect.alerts))
            elif isinstance(effect, LoadMarks):
                self._load_marks()

    def on_scan_progress(self, message: ScanProgress) -> None:
        self.state.counters.progress_seen += 1
        if message.total > 1:
            self.status.progress(message.done, message.total, f"reading {message.done:,} of {message.total:,} files…")

    def on_corpus_updated(self, message: CorpusUpdated) -> None:
        """A batch was read: show the provisional report now, build the full one behind it."""
        effects = self.state.corpus_updated(message.result, message.batch)
        self.render_report()
        self._carry_out(effects)
        self._update_status()

    def on_report_built(self, message: ReportBuilt) -> None:
        """The full report: contradictions and duplicates catch up, and the change is announced."""
        effects = self.state.report_built(message.library, message.report, message.alerts)
        if effects is None:
            return  # a newer snapshot was read meanwhile; its own build is on the way
        # announced first, then shown; the cache, the session and the marks follow
        self._carry_out([e for e in effects if isinstance(e, Notify | RaiseAlerts)])
        self.render_report()
        self._update_status()
        self._carry_out([e for e in effects if not isinstance(e, Notify | RaiseAlerts)])

    # ---- handlers: cache, marks, the last session, export ------------------------------------

    def alert(self, found: list[Alert]) -> None:
        """What a drop moved: in the status line until the next alert, a notification listing
        each one, and the terminal bell when the `bell` setting is on."""
        self.state.alerts = found
        lines = [f"{a.kind.value}: {a.line()}" for a in found[:6]]
        if len(found) > 6:
            lines.append(f"… and {len(found) - 6} more")
        self.notify("\n".join(lines), title="rarewatch: alert", severity="warning", markup=False, timeout=12)
        if self.settings is not None and self.settings.bell:
            self.bell()

    def on_notice(self, message: Notice) -> None:
        self.notify(
            message.text,
            title=message.title,
            severity=message.severity,  # type: ignore[arg-type]
            markup=False,
            timeout=8,
        )

    def on_cache_stored(self, _message: CacheStored) -> None:
        self.state.counters.cache_stores += 1

    def on_marks_loaded(self, message: MarksLoaded) -> None:
        if self.state.marks_loaded(message.marks, message.stamp, written=message.written):
            self.render_report()

    def on_marks_unreadable(self, message: MarksUnreadable) -> None:
        """Said once per version of the marks file: the next poll skips the same version."""
        self.state.marks_stamp = message.stamp
        self.notify(message.text, title="rarewatch", severity="warning", markup=False, timeout=8)

    def on_mark_request(self, message: MarkRequest) -> None:
        """`x`/`d`/`a`/`p` ask for an optional note, then mark; `u` clears at once."""
        if self.report is None:
            return
        kind, item, state = message.kind, message.item, message.state
        old = self.marks.get((kind, item))
        if state is None:
            if old is not None:
                self._apply_mark(dataclasses.replace(old, at=mark_time(), cleared=True))
                self.notify(f"Mark cleared: {old.state}", markup=False, timeout=3)
            return
        positions = position_values(self.report, item).get(item, []) if kind == "contradiction" else []
        words = MARK_WORDS.get(state, state)

        def done(note: str | None) -> None:
            if note is None:
                return
            self._apply_mark(Mark(kind, item, state, mark_time(), note.strip(), tuple(positions)))

        self.push_screen(
            PromptScreen(
                f"{words}: note (optional)", self._item_label(kind, item), value=old.note if old is not None else ""
            ),
            done,
        )

    def _apply_mark(self, mark: Mark) -> None:
        """Show the mark now, write it behind (merged with other instances, atomic)."""
        self.state.apply_mark(mark)
        self.render_report()
        self._write_mark(mark)

    def _item_label(self, kind: str, item: str) -> str:
        """The words a pane shows for an item (for prompts and the digest)."""
        report = self.report
        if report is None:
            return item
        if kind == "contradiction":
            hit = report.contradictions.filter(report.contradictions["id"] == item)
            return hit["subject"][0] if hit.height else item
        if kind == "question":
            return self.profile.theme_label(item)
        metric = self.profile.metric(item)
        return metric.label if metric is not None else item

    def on_digest_ready(self, message: DigestReady) -> None:
        digest = message.digest
        assert digest is None or isinstance(digest, Digest)
        effects = self.state.digest_ready(digest)
        if digest is not None and digest.added:
            # sources that arrived while rarewatch was closed get the "new" dot too
            self.render_report()
        self._carry_out(effects)

    def on_session_saved(self, _message: SessionSaved) -> None:
        self.state.counters.sessions_saved += 1

    def on_exported(self, message: Exported) -> None:
        self.exports.extend(message.files)
        self.notify(f"Exported {len(message.files)} files to {message.folder}", title="rarewatch", markup=False)

    def render_report(self) -> None:
        """Hand the report to every pane; they render what the views compute."""
        if self.report is None:
            return
        t0 = time.perf_counter()
        report = self.report
        self.query_one(StoryHeader).show(report, settled=len(settled_ids(report, self.marks)))
        unseen = self.state.visible_unseen()
        sources = self.query_one(SourcesPane)
        sources.marks = self.marks
        sources.show(report, narrowed=self.narrowed, unseen=unseen)
        for pane in (FiguresPane, ContradictionsPane, QuestionsPane):
            widget = self.query_one(pane)
            widget.marks = self.marks
            widget.hide_settled = self.hide_settled
            widget.show(report, narrowed=self.narrowed)
        self.state.counters.last_render_s = time.perf_counter() - t0

    def _update_status(self) -> None:
        if self.analysing:
            return
        if self.building and len(self.library) >= 1000:
            self.status.progress(0, None, f"comparing {len(self.library):,} articles…")
            return
        watching = (
            f"watching {self.root_label} · {len(self.library):,} files"
            if self.live
            else f"{self.root_label} · {len(self.library):,} files"
        )
        title = None
        if self.narrowed and self.report is not None:
            info = source_info(self.report, self.narrowed)
            title = (info or {}).get("title") or self.narrowed
        self.status.narrowing(title, self.narrowed, watching, alert=alert_summary(self.alerts))

    def on_source_chosen(self, message: SourceChosen) -> None:
        self.narrow(message.source_id)

    def on_source_seen(self, message: SourceSeen) -> None:
        if self.state.seen(message.source_id):
            # the pane is gone while the App shuts down; a late message then changes nothing
            for pane in self.query(SourcesPane):
                pane.mark_seen(message.source_id, self.state.visible_unseen())

    def on_open_reader(self, message: OpenReader) -> None:
        self.open_reader(message.source_id, message.offset, query=message.query)

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
        self.state.narrowed = source_id
        self.render_report()
        self._update_status()

    def open_reader(self, source_id: str, offset: int | None = None, *, query: str = "") -> None:
        if self.report is None:
            return
        self.push_screen(ReaderScreen(self.report, source_id, offset, query=query, path=self.root / source_id))

    def action_search(self) -> None:
        """Search every article's text (`ctrl+f`); narrowed to the source the panes show."""
        if self.report is not None and not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.report, source=self.narrowed))

    def action_focus_pane(self, name: str) -> None:
        if len(self.screen_stack) == 1:
            self.pane(name).focus_table()

    def action_timeline(self) -> None:
        if self.report is not None and not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen(self.report, self.narrowed))

    async def action_back(self) -> None:
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

    def action_digest(self) -> None:
        """What changed since the last session (`s`), any time."""
        if not self.digest_done or isinstance(self.screen, DigestScreen):
            if not self.digest_done:
                self.notify("Still reading the folder…", markup=False, timeout=2)
            return
        labels: dict[str, str] = {}
        if self.digest is not None:
            for c in self.digest.new_contradictions + self.digest.changed_contradictions:
                labels[c] = self._item_label("contradiction", c)
            for q, _ in self.digest.questions:
                labels[q] = self._item_label("question", q)
        self.push_screen(DigestScreen(self.digest, labels))

    def action_export(self) -> None:
        """Ask for a folder and a format (Parquet, CSV, JSON or the Markdown brief), then write."""
        if self.report is None or len(self.screen_stack) > 1:
            return
        report, narrowed = self.report, self.narrowed
        detail = narrowed_label(narrowed) + " · one file per table (markdown: the one-page brief)"

        def done(choice: tuple[str, str] | None) -> None:
            if choice is None or not choice[0].strip():
                return
            folder, fmt = choice
            self.export_format = fmt
            self._export(report, narrowed, Path(folder.strip()).expanduser(), fmt)

        self.push_screen(ExportScreen(detail, str(self.export_dir), EXPORT_FORMATS, self.export_format), done)

    def action_next_theme(self) -> None:
        """Cycle through the themes (`T`); the command palette's "Change theme" lists them."""
        names = sorted(self.available_themes)
        i = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(i + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    def set_layout(self, name: str) -> None:
        panes = self.query_one("#panes", Grid)
        for other in LAYOUTS:
            panes.set_class(other == name and name != "grid", f"layout-{other}")
        self.layout_name = name

    def action_next_layout(self) -> None:
        """Cycle the pane layouts (`L`); saved to the user's settings like the theme."""
        name = LAYOUTS[(LAYOUTS.index(self.layout_name) + 1) % len(LAYOUTS)]
        self.set_layout(name)
        self.notify(f"Layout: {name}", markup=False, timeout=2)
        if self.settings is not None and name != self.settings.layout:
            self.settings = dataclasses.replace(self.settings, layout=name)
            self._save_settings({"layout": name})

    def _theme_changed(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if self.settings is None or not name or name == self.settings.theme:
            return
        self.settings = dataclasses.replace(self.settings, theme=name)
        self._save_settings({"theme": name})

    def action_toggle_settled(self) -> None:
        """`H`: settled rows (explained, dismissed, answered) hidden, or shown dimmed and last."""
        self.state.hide_settled = not self.state.hide_settled
        self.render_report()
        self._save_view(self.view_state())
        self.notify(
            "Settled rows hidden (H shows them)" if self.hide_settled else "Settled rows shown, dimmed and last",
            markup=False,
            timeout=3,
        )

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
            ("Search every article's text", "search", "key Ctrl+F"),
            ("Show all sources (clear narrowing)", "clear_narrowing", "key Esc"),
            ("Rescan the folder now", "rescan", "key Ctrl+R"),
            ("Hide or show settled rows (explained, dismissed, answered)", "toggle_settled", "key H"),
            ("Sort the focused pane by its next column", "sort_focused", "key S"),
            ("Since you last looked: what changed", "digest", "key s"),
            ("Export the current view (Parquet, CSV, JSON or Markdown)", "export", "key e"),
            ("Next theme (saved to your settings)", "next_theme", "key T"),
            ("Next pane layout: grid, wide, tall (saved to your settings)", "next_layout", "key L"),
            (
                "Mark the contradiction explained",
                "mark_in('contradictions', 'explained')",
                "key x in the contradictions pane",
            ),
            (
                "Mark the contradiction dismissed",
                "mark_in('contradictions', 'dismissed')",
                "key d in the contradictions pane",
            ),
            ("Mark the question answered", "mark_in('questions', 'answered')", "key a in the questions pane"),
            ("Pin the key figure", "mark_in('figures', 'pinned')", "key p in the figures pane"),
            ("Show keys (help)", "help", "key ?"),
            ("Quit rarewatch", "quit", "key q"),
        ]

    def action_sort_focused(self) -> None:
        focused = self.focused
        pane = next((a for a in (focused.ancestors if focused else []) if isinstance(a, Pane)), None)
        (pane or self.pane("sources")).action_sort()

    def action_clear_narrowing(self) -> None:
        self.narrow(None)

    def action_mark_in(self, pane: str, state: str) -> None:
        """The palette's marking: the row under the cursor of `pane`."""
        if len(self.screen_stack) == 1:
            self.pane(pane).action_mark(state)

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every binding, grouped by where it applies, read from the classes themselves."""

        def keys(bindings: list[BindingType]) -> list[tuple[str, str]]:
            out = []
            for b in bindings:
                if isinstance(b, Binding):
                    shown = ", ".join(self.get_key_display(Binding(k.strip(), "")) for k in b.key.split(","))
                    out.append((shown, b.tooltip or b.description))  # the footer's words are short
            return out

        from rarewatch.app.screens import ContradictionScreen as CS
        from rarewatch.app.screens import DetailScreen

        everywhere = [
            *keys(self.BINDINGS),
            ("tab, shift+tab", "Next / previous pane"),
            ("ctrl+p", "Command palette: every action"),
        ]
        return [
            ("Everywhere", everywhere),
            ("Tables", [*keys(Table.BINDINGS), ("↑ ↓ PgUp PgDn", "Move")]),
            ("Panes", keys(Pane.BINDINGS) + keys(FilterInput.BINDINGS)),
            ("Sources pane", [*keys(SourcesPane.BINDINGS), ("enter", "Read the article")]),
            ("Key figures pane", [*keys(FiguresPane.BINDINGS), ("enter", "Every figure of the metric")]),
            ("Contradictions pane", [*keys(ContradictionsPane.BINDINGS), ("enter", "Positions side by side")]),
            (
                "Open questions pane",
                [*keys(QuestionsPane.BINDINGS), ("enter", "Sentences by source"), ("t", "Timeline")],
            ),
            (
                "Detail screens",
                [*keys(DetailScreen.BINDINGS), *keys(CS.BINDINGS), ("enter", "Open the reader on the sentence")],
            ),
            ("Article reader", keys(ArticleReader.BINDINGS) + keys(ReaderScreen.BINDINGS)),
            ("Search (ctrl+f)", [*keys(SearchScreen.BINDINGS), ("enter", "Read the article at the match")]),
        ]
