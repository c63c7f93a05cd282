"""Properties beyond tests/core/test_properties.py: raw bytes, huge numbers, hostile nesting, time.

The core file covers arbitrary text and news-like tokens; here the reader gets arbitrary bytes
(`decode`, `read_document` on .txt/.md/.html files), numbers no float can hold, and nesting deep
enough to break a recursive parser, and every call must finish within a bound.
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rarewatch.core.analysis import analyse_document
from rarewatch.core.articles import Document, ReadError, clean_article, read_document
from rarewatch.core.profile import load_profile
from rarewatch.core.text import NotText, decode, sanitize

PROFILE = load_profile()
#: Seconds one article may take, whatever it holds (the suite's own budget is far looser per call).
BOUND = 5.0
SETTINGS = settings(
    max_examples=60,
    deadline=dt.timedelta(seconds=BOUND),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
HEAD = "Rare earth curbs paused for a year\n\n"
TAIL = "\nChina makes 90% of rare earth magnets.\n"

huge_numbers = st.sampled_from(
    [
        "1" * 5000,
        "9e999",
        "-9e999",
        "1e-999",
        "NaN",
        "inf",
        "0x" + "f" * 400,
        "1,000," * 500 + "000",
        "1." + "0" * 3000 + "1%",
        "$" + "9" * 400 + " trillion",
        "10^999",
        "1" * 400 + "%",
        "٣" * 500,
        "½" * 200,
        "1/0",
        "0.0.0.0.0",
        "12-" * 300 + "12 months",
        "from " + "1" * 300 + "% to 2%",
    ]
)
openers = st.sampled_from(["(", "[", "{", "“", "«", '"', "'", "> ", "**", "<", "‘", "„", "(“["])


def invariants(raw: str, kind: str = "text") -> None:
    t0 = time.perf_counter()
    doc = Document(raw, kind)
    art = clean_article(doc)
    t = analyse_document("x.txt", "x.txt", doc, PROFILE)
    assert time.perf_counter() - t0 < BOUND
    assert not [c for c in art.text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    row = t.source.row(0, named=True)
    assert row["error"] is None or "regex-timeout" in row["flags"], row["error"]
    text = t.text["text"][0]
    for f in t.figures.iter_rows(named=True):
        assert text[f["start"] : f["end"]] == f["text"], f
        for v in (f["value"], f["low"], f["high"]):
            assert v is None or isinstance(v, float | int)
    for d in t.timeline.iter_rows(named=True):
        assert text[d["start"] : d["end"]] == d["text"], d
    for q in t.questions.iter_rows(named=True):
        assert text[q["start"] : q["end"]] == q["sentence"], q
    for df in (t.roles, t.statuses):
        for r in df.iter_rows(named=True):
            assert 0 <= r["start"] < r["end"] <= len(text)


@SETTINGS
@given(
    st.lists(
        st.one_of(huge_numbers, st.sampled_from([" ", "\n", " rare earth ", "% ", " tonnes ", ". "])),
        min_size=1,
        max_size=12,
    ).map("".join),
    st.sampled_from(["text", "markdown"]),
)
def test_huge_numbers_never_raise_and_keep_offsets(body: str, kind: str) -> None:
    invariants(HEAD + body + TAIL, kind)


@settings(SETTINGS, max_examples=15)
@given(st.integers(min_value=500, max_value=20_000), openers, st.sampled_from(["text", "markdown"]))
def test_deeply_nested_quotes_and_brackets_unclosed(depth: int, opener: str, kind: str) -> None:
    """Unbalanced nesting: openers only, then closers only (the core file tests balanced pairs)."""
    invariants(HEAD + opener * depth + " China makes 90% of magnets " + TAIL, kind)
    invariants(HEAD + "China makes 90% of magnets " + opener[::-1] * depth + TAIL, kind)


@SETTINGS
@given(st.binary(max_size=4000))
def test_decode_gives_text_or_not_text_never_anything_else(data: bytes) -> None:
    try:
        d = decode(data)
    except NotText:
        return
    assert isinstance(d.text, str) and d.encoding


@SETTINGS
@given(st.text(max_size=2000))
def test_sanitize_is_idempotent_and_leaves_nothing_a_terminal_obeys(raw: str) -> None:
    once = sanitize(raw)
    assert sanitize(once) == once
    assert "\x1b" not in once and "\r" not in once and "\x9b" not in once and "\x9d" not in once
    assert not {"\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"} & set(once)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("files")


@settings(SETTINGS, max_examples=40)
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_on_disk_read_or_refused_with_a_reason(folder: Path, data: bytes, suffix: str) -> None:
    p = folder / f"any{suffix}"
    p.write_bytes(data)
    t0 = time.perf_counter()
    try:
        doc = read_document(p)
    except ReadError as exc:
        assert str(exc)
        return
    invariants(doc.text, doc.kind)
    assert time.perf_counter() - t0 < BOUND


@settings(SETTINGS, max_examples=25)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<b>",
                "<i>",
                "</span>",
                "<!--",
                "-->",
                "<script>",
                "</script>",
                "<![CDATA[",
                "&amp;",
                "&#0;",
                "&#x1b;",
                "<",
                ">",
                "Rare earth curbs paused. ",
                "China makes 90% of magnets. ",
                "\x1b]0;x\x07",
            ]
        ),
        max_size=200,
    ).map("".join)
)
def test_malformed_html_is_read_or_refused(folder: Path, html: str) -> None:
    p = folder / "page.html"
    p.write_text("<html><body>" + html, encoding="utf-8")
    try:
        doc = read_document(p)
    except ReadError:
        return
    assert "\x1b" not in doc.text
    invariants(doc.text, doc.kind)


@pytest.mark.parametrize("length", [200_000, 1_100_000])
def test_one_long_line_is_bounded(length: int) -> None:
    t0 = time.perf_counter()
    invariants(HEAD + ("rare earth 90% of magnets, " * (length // 27)) + TAIL)
    assert time.perf_counter() - t0 < 15
