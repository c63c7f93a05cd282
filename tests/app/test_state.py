"""The dashboard's rules as `DashboardState` transitions, without Textual (`app/state.py`).

Each test drives the state with real analyses of a copy of seeds/ and checks both what it now
holds and the effects it asks the App to carry out.
"""

from __future__ import annotations

from pathlib import Path

from rarewatch.app.library import Library
from rarewatch.app.state import (
    Analyse,
    Build,
    DashboardState,
    LoadMarks,
    Notify,
    SaveSession,
    StoreCache,
)
from rarewatch.app.watch import Batch, Refreshed, analyse_batch
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.digest import Digest
from rarewatch.core.marks import Mark
from rarewatch.core.profile import Profile
from rarewatch.core.scan import list_files

from .conftest import TODAY

NEW_ARTICLE = """Beijing Halts Rare Earth Licences Again

Source: Example Wire Published: 11/20/2025

China suspended rare earth export licences again on Thursday, officials said.
The 100% tariff threatened on Chinese goods is back on the table, the White House said.
"""


def _read(state: DashboardState, batch: Batch, root: Path, profile: Profile) -> Refreshed:
    """What the analysis worker posts for `batch` (read into the state's library)."""
    result = analyse_batch(state.library, batch, root, profile, TODAY, base=state.settled)
    assert result is not None
    return result


def _full(library: Library, profile: Profile) -> Report:
    """What the build worker posts for `library`."""
    return build_report(library.as_parts(), profile, TODAY)


def _first_scan(state: DashboardState, root: Path, profile: Profile) -> list:
    """The start: the folder listed, read, and its full report built; the last effects."""
    initial = Batch(frozenset(list_files(root)), initial=True)
    [analyse] = state.files_changed(initial)
    assert isinstance(analyse, Analyse)
    effects = state.corpus_updated(_read(state, analyse.batch, root, profile), analyse.batch)
    [build] = effects
    assert isinstance(build, Build)
    done = state.report_built(build.library, _full(build.library, profile), [])
    assert done is not None
    return done


def test_batches_arriving_during_an_analysis_wait_as_one_and_start_when_it_ends(seeds: Path, profile: Profile):
    state = DashboardState()
    initial = Batch(frozenset(list_files(seeds)), initial=True)
    first = state.files_changed(initial)
    [analyse] = first
    assert isinstance(analyse, Analyse) and analyse.batch == initial and analyse.base is None
    assert analyse.library is state.library
    assert state.analysing

    a, b = seeds / "a.txt", seeds / "b.txt"
    assert state.files_changed(Batch(frozenset({a}))) == []
    assert state.files_changed(Batch(frozenset({b}))) == []
    assert state.pending == Batch(frozenset({a, b}))

    result = _read(state, initial, seeds, profile)
    effects = state.corpus_updated(result, initial)
    assert state.library is result.library and state.report is result.report
    assert not state.analysing or state.pending == Batch()
    build, analyse = effects
    assert isinstance(build, Build) and build.library is result.library
    assert build.fresh == frozenset() and build.due is None  # the first report raises no alert
    assert isinstance(analyse, Analyse) and analyse.batch == Batch(frozenset({a, b}))
    assert analyse.library is result.library
    assert state.analysing and state.building and not state.pending
    assert state.counters.parsed == len(initial.changed)


def test_a_partial_report_is_shown_but_nothing_is_built(seeds: Path, profile: Profile):
    state = DashboardState()
    initial = Batch(frozenset(list_files(seeds)), initial=True)
    state.files_changed(initial)
    result = _read(state, initial, seeds, profile)
    partial = Refreshed(result.library, result.report, frozenset(), frozenset(), partial=True)
    assert state.corpus_updated(partial, initial) == []
    assert state.report is result.report
    assert state.analysing and not state.building
    assert state.counters.parsed == 0


def test_the_first_full_report_completes_stores_the_cache_and_compares_the_session(seeds: Path, profile: Profile):
    state = DashboardState()
    effects = _first_scan(state, seeds, profile)
    assert state.complete and not state.building
    assert state.settled is state.report
    assert state.counters.refreshes == 1
    store, session, marks = effects
    assert isinstance(store, StoreCache) and store.library is state.library
    assert isinstance(session, SaveSession) and session.report is state.settled and session.first
    assert isinstance(marks, LoadMarks)
    assert not state.cache_dirty


def test_without_the_cache_nothing_is_stored(seeds: Path, profile: Profile):
    state = DashboardState(use_cache=False)
    effects = _first_scan(state, seeds, profile)
    assert not any(isinstance(e, StoreCache) for e in effects)


def test_a_report_of_an_older_library_is_ignored(seeds: Path, profile: Profile):
    state = DashboardState()
    initial = Batch(frozenset(list_files(seeds)), initial=True)
    state.files_changed(initial)
    result = _read(state, initial, seeds, profile)
    state.corpus_updated(result, initial)
    older = Library()
    assert state.report_built(older, _full(older, profile), []) is None
    assert state.report is result.report and state.building and not state.complete
    assert state.counters.refreshes == 0


def test_a_dropped_article_is_new_alerts_are_asked_for_and_the_change_is_announced(seeds: Path, profile: Profile):
    state = DashboardState()
    _first_scan(state, seeds, profile)
    due = (state.settled.renegotiation or {}).get("due")  # type: ignore[union-attr]
    dropped = seeds / "example-wire.txt"
    dropped.write_text(NEW_ARTICLE, encoding="utf-8")

    [analyse] = state.files_changed(Batch(frozenset({dropped})))
    assert isinstance(analyse, Analyse) and analyse.base is state.settled
    result = _read(state, analyse.batch, seeds, profile)
    [build] = state.corpus_updated(result, analyse.batch)
    assert isinstance(build, Build) and build.library is result.library
    assert build.fresh == {"example-wire.txt"} and build.due == due
    assert state.unseen == {"example-wire.txt"}
    assert state.changed_since == {"example-wire.txt"}

    effects = state.report_built(build.library, _full(build.library, profile), [])
    assert effects is not None
    notes = [e for e in effects if isinstance(e, Notify)]
    assert len(notes) == 1 and notes[0].text.startswith("New: Beijing Halts Rare Earth Licences Again")
    # the session is saved only once the previous one was compared
    assert not any(isinstance(e, SaveSession) for e in effects)
    assert state.changed_since == set() and state.counters.refreshes == 2


def test_a_failed_analysis_lets_the_waiting_batch_start(seeds: Path):
    state = DashboardState()
    state.files_changed(Batch(frozenset({seeds / "a.txt"})))
    state.files_changed(Batch(frozenset({seeds / "b.txt"})))
    [analyse] = state.worker_failed("analysis")
    assert isinstance(analyse, Analyse) and analyse.batch == Batch(frozenset({seeds / "b.txt"}))
    assert state.analysing
    state.building = True
    assert state.worker_failed("build") == []
    assert not state.building


def test_the_digest_marks_sources_added_while_closed_as_new(seeds: Path, profile: Profile):
    state = DashboardState()
    _first_scan(state, seeds, profile)
    known = sorted(state.library.parts)[0]
    digest = Digest(
        added=[known, "gone-meanwhile.txt"],
        removed=[],
        new_figures=0,
        new_contradictions=[],
        changed_contradictions=[],
        questions=[],
    )
    [note] = state.digest_ready(digest)
    assert isinstance(note, Notify) and note.timeout == 10 and note.text.endswith("(s: details)")
    assert state.unseen == {known}
    assert state.digest_done and state.digest is digest
    assert state.seen(known) and not state.seen(known)
    assert state.visible_unseen() == frozenset()


def test_a_poll_landing_while_a_mark_is_written_does_not_undo_it():
    state = DashboardState()
    mark = Mark("question", "supply", "answered", "2026-11-23T10:00:00", "", ())
    state.apply_mark(mark)
    assert state.marks == {mark.ident: mark} and state.mark_writes == 1
    assert not state.marks_loaded({}, "old", written=False)  # the poll read the file before the write
    assert state.marks == {mark.ident: mark}
    assert not state.marks_loaded({mark.ident: mark}, "new", written=True)  # same marks: nothing to render
    assert state.mark_writes == 0 and state.marks_stamp == "new"
    assert state.marks_loaded({}, "newer", written=False)  # another rarewatch cleared it
    assert state.marks == {}
