"""Helpers for the headless core tests: one profile, one way to analyse inline text.

They live in a module of their own (not in conftest.py) because `tests/conftest.py` already
takes the module name `conftest`; test files import them with `from core_helpers import ...`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable

from rarewatch.core.analysis import ArticleTables, analyse_document
from rarewatch.core.articles import Article, Document, clean_article
from rarewatch.core.corpus import Report, build_report
from rarewatch.core.profile import Profile, load_profile

_PROFILE: Profile | None = None

#: A fixed "today" so that countdowns do not depend on the day the suite runs.
TODAY = dt.date(2026, 1, 15)


def bundled_profile() -> Profile:
    """The shipped profile, loaded once per test session."""
    global _PROFILE
    if _PROFILE is None:
        _PROFILE = load_profile()
    return _PROFILE


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def doc(text: str, kind: str = "text", html_meta: dict | None = None) -> Document:
    return Document(dedent(text) if kind != "html" else text, kind, html_meta=html_meta or {})


def clean(text: str, kind: str = "text") -> Article:
    """Clean an inline article (dedented) the way the reader does."""
    return clean_article(doc(text, kind))


def analyse(text: str, kind: str = "text", id: str = "a.txt", profile: Profile | None = None) -> ArticleTables:
    """Analyse an inline article with the bundled profile (or the one given)."""
    return analyse_document(id, f"inline/{id}", doc(text, kind), profile or bundled_profile())


def report(articles: Iterable[tuple[str, str]], profile: Profile | None = None, today: dt.date = TODAY) -> Report:
    """A report over inline articles given as (id, text) pairs."""
    p = profile or bundled_profile()
    return build_report([analyse(text, id=i, profile=p) for i, text in articles], p, today)


def article_text(tables: ArticleTables) -> str:
    return tables.text["text"][0]


def story(
    *sentences: str, title: str = "Rare earth truce: what the numbers say", date: str = "November 3, 2025"
) -> str:
    """A small on-topic article: a headline, a date line and one paragraph per sentence given."""
    head = f"{title}\n\n" + (f"{date}\n\n" if date else "")
    return head + "\n\n".join(sentences) + "\n"


def figures_of(text: str, kind: str = "text", profile: Profile | None = None) -> list[dict]:
    """The figures of an inline article, after checking that every offset points at its text."""
    t = analyse(text, kind, profile=profile)
    body = article_text(t)
    out = t.figures.to_dicts()
    for f in out:
        assert body[f["start"] : f["end"]] == f["text"], f
    return out


def figure(text: str, span: str, **kw) -> dict:
    """The one figure whose text is `span`."""
    hits = [f for f in figures_of(text, **kw) if f["text"] == span]
    assert len(hits) == 1, [f["text"] for f in figures_of(text, **kw)]
    return hits[0]
