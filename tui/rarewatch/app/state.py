"""What the dashboard knows, and what it does next when something arrives: a plain model.

`DashboardState` holds everything the App's handlers used to keep as attributes (the library,
the report on show and the last full one, the narrowing, unseen sources, the batch waiting for the
next analysis, the analysing/building/complete flags, what was read or dropped since the last full
report, the last session's digest, alerts and review marks). Its transitions change that state
and return what to do next as a short list of typed effects (`Analyse`, `Build`, `StoreCache`,
`SaveSession`, `Notify`, `RaiseAlerts`, `LoadMarks`); the App's message handlers carry them out,
start workers and render. So the rules (one analysis at a time, bursts merged into one batch,
the cache stored only once the folder is quiet, the previous session compared once) can be
tested without a terminal, and no worker ever needs to write to the App.

No Textual import here (a test checks it): this module must run where the App cannot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rarewatch.app.library import Library
from rarewatch.app.watch import Batch, Refreshed
from rarewatch.core.alerts import Alert
from rarewatch.core.corpus import Report
from rarewatch.core.digest import Digest
from rarewatch.core.marks import Mark
from rarewatch.core.views import change_summary

# ---- effects: what a transition asks the App to do -----------------------------------------


@dataclass(frozen=True, slots=True, eq=False)  # holds DataFrames: compare fields
class Analyse:
    """Read `batch` into `library` (the analysis worker); `base` is the last full report."""

    library: Library
    batch: Batch
    base: Report | None


@dataclass(frozen=True, slots=True, eq=False)  # holds DataFrames: compare fields
class Build:
    """Build the full report of `library` (the build worker); `fresh` ids become alerts, compared
    with the renegotiation date `due` of the last full report."""

    library: Library
    fresh: frozenset[str]
    due: str | None


@dataclass(frozen=True, slots=True, eq=False)  # holds DataFrames: compare fields
class StoreCache:
    """Write the library back to the parse cache."""

    library: Library


@dataclass(frozen=True, slots=True, eq=False)  # holds DataFrames: compare fields
class SaveSession:
    """Save the session snapshot of `report`; `first`: compare with the previous session first."""

    report: Report
    first: bool


@dataclass(frozen=True, slots=True)
class Notify:
    """Tell the user something (a notification)."""

    text: str
    timeout: float | None = None


@dataclass(frozen=True, slots=True)
class RaiseAlerts:
    """What the articles read since the last full report moved: status line, notification, bell."""

    alerts: tuple[Alert, ...]


@dataclass(frozen=True, slots=True)
class LoadMarks:
    """Re-read the marks file (another rarewatch may have written it meanwhile)."""


Effect = Analyse | Build | StoreCache | SaveSession | Notify | RaiseAlerts | LoadMarks


# ---- the state --------------------------------------------------------------------------------


@dataclass(slots=True)
class Counters:
    """How much the dashboard did; tests and benchmarks wait on these, nothing decides by them."""

    refreshes: int = 0  # full reports rendered
    last_render_s: float = 0.0
    progress_seen: int = 0  # progress messages handled
    parsed: int = 0  # files analysed (not taken from the parse cache)
    cached: int = 0  # files taken from the parse cache at start
    cache_stores: int = 0
    sessions_saved: int = 0


@dataclass(slots=True)
class DashboardState:
    """The dashboard's state; `use_cache` says whether the parse cache is read and stored."""

    use_cache: bool = True
    library: Library = field(default_factory=Library)
    report: Report | None = None  # what the panes show (may be provisional)
    settled: Report | None = None  # the last full report
    narrowed: str | None = None
    hide_settled: bool = False  # `H`: settled contradictions and questions left out
    view_loaded: bool = False  # the last session's sorts and `H` were applied
    unseen: frozenset[str] = frozenset()
    pending: Batch = field(default_factory=Batch)
    analysing: bool = False
    complete: bool = False  # the first full scan has been rendered
    building: bool = False  # a full report is being built
    changed_since: set[str] = field(default_factory=set)  # read since the last full report
    removed_since: set[str] = field(default_factory=set)
    # ids in the library when the running analysis began: what its batch adds is "new",
    # also for the parts a provisional report has already put in the library
    known_before: frozenset[str] = frozenset()
    cache_dirty: bool = False  # parsed or removed something since the cache was stored
    marks: dict[tuple[str, str], Mark] = field(default_factory=dict)
    marks_stamp: object = None
    mark_writes: int = 0  # writes in flight; a poll must not undo them meanwhile
    digest: Digest | None = None
    digest_done: bool = False  # the previous session was compared (or there was none)
    alerts: list[Alert] = field(default_factory=list)  # the last alerts, shown in the status line
    counters: Counters = field(default_factory=Counters)

    # ---- analysis and build ---------------------------------------------------------------

    def files_changed(self, batch: Batch) -> list[Effect]:
        """Changes settled: merged into the waiting batch, analysed when none runs."""
        self.pending = self.pending.merge(batch)
        return self.kick()

    def kick(self) -> list[Effect]:
        """Start the next analysis if none runs and something is waiting."""
        if self.analysing or not self.pending:
            return []
        batch, self.pending = self.pending, Batch()
        self.analysing = True
        self.known_before = frozenset(self.library.parts)
        return [Analyse(self.library, batch, self.settled)]

    def corpus_updated(self, result: Refreshed, batch: Batch) -> list[Effect]:
        """A batch was read: its provisional report goes on show, and when the batch is done
        the full report is built behind it and the next batch may start."""
        if not batch.initial:
            arrived = set(result.library.parts) - self.known_before
            self.unseen = frozenset((self.unseen | arrived) - set(result.removed))
        if not result.partial:
            self.changed_since |= set(result.changed)
            self.removed_since = (self.removed_since | set(result.removed)) - set(result.changed)
            self.analysing = False
            self.counters.parsed += len(result.changed)
            if batch.initial:
                self.counters.cached = len(result.library) - len(result.changed)
            self.cache_dirty = self.cache_dirty or bool(result.changed or result.removed)
        self.library = result.library
        self.report = result.report
        if self.narrowed is not None and self.narrowed not in self.library:
            self.narrowed = None
        if result.partial:
            return []
        self.building = True
        fresh = frozenset(self.changed_since) if self.complete else frozenset()
        due = (self.settled.renegotiation or {}).get("due") if self.settled is not None else None
        return [Build(result.library, fresh, due), *self.kick()]

    def report_built(self, library: Library, report: Report, found: list[Alert]) -> list[Effect] | None:
        """The full report of `library`: None when a newer snapshot was read meanwhile (its own
        build is on the way); else what to announce, store and save."""
        if library is not self.library:
            return None
        old, first = self.settled, not self.complete
        self.report = self.settled = report
        self.building = False
        effects: list[Effect] = []
        if first:
            self.complete = True
        elif self.changed_since or self.removed_since:
            summary = change_summary(old, report, self.changed_since, self.removed_since)
            if not summary.empty:
                effects.append(Notify(summary.message()))
            if found:
                effects.append(RaiseAlerts(tuple(found)))
        self.changed_since, self.removed_since = set(), set()
        self.counters.refreshes += 1
        if self.use_cache and self.cache_dirty and not self.analysing and not self.pending:
            # only once the folder is quiet: a burst is stored once, not after every batch
            self.cache_dirty = False
            effects.append(StoreCache(self.library))
        if first or self.digest_done:
            effects.append(SaveSession(report, first))
        effects.append(LoadMarks())
        return effects

    def worker_failed(self, group: str) -> list[Effect]:
        """A failed analysis lets the next batch start; a failed build stops saying "comparing"."""
        if group == "analysis":
            self.analysing = False
            return self.kick()
        if group == "build":
            self.building = False
        return []

    # ---- the last session, marks, sources ---------------------------------------------------

    def digest_ready(self, digest: Digest | None) -> list[Effect]:
        """The comparison with the previous session: sources that arrived while rarewatch was
        closed become unseen too, and a non-empty digest is announced."""
        self.digest = digest
        self.digest_done = True
        if digest is None:
            return []
        if digest.added:
            self.unseen = frozenset(self.unseen | (set(digest.added) & set(self.library.parts)))
        return [] if digest.empty else [Notify(digest.summary() + " (s: details)", timeout=10)]

    def marks_loaded(self, marks: dict[tuple[str, str], Mark], stamp: object, *, written: bool) -> bool:
        """The marks file as read; True when what the panes show changed. A poll that lands while
        a write of ours is in flight is ignored: the write's own reload follows."""
        if written:
            self.mark_writes = max(0, self.mark_writes - 1)
        elif self.mark_writes:
            return False
        self.marks_stamp = stamp
        if marks == self.marks:
            return False
        self.marks = marks
        return True

    def apply_mark(self, mark: Mark) -> None:
        """Show a mark at once (its write, in flight, is counted until its reload lands)."""
        marks = dict(self.marks)
        if mark.cleared:
            marks.pop(mark.ident, None)
        else:
            marks[mark.ident] = mark
        self.marks = marks
        self.mark_writes += 1

    def seen(self, source_id: str) -> bool:
        """The cursor reached `source_id`; True when it was unseen."""
        if source_id not in self.unseen:
            return False
        self.unseen = self.unseen - {source_id}
        return True

    def visible_unseen(self) -> frozenset[str]:
        """Unseen sources still in the library."""
        return frozenset(self.unseen & set(self.library.parts))
