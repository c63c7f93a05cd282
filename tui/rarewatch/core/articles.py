"""Reading an article file into clean story text and its metadata.

`read_document` does the I/O (size limits, decoding, HTML extraction) and `clean_article` is a
pure function from raw text to an `Article`: the headline, the outlet that published it (never one
it merely quotes), the author, the publication date, the story without its furniture, and flags.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from configparser import ConfigParser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from rarewatch.core import furniture as F
from rarewatch.core.dates import WEEKDAYS, find_dates, parse_date, to_date
from rarewatch.core.text import NotText, decode, sanitize

#: File kinds rarewatch reads; everything else in a folder is listed as skipped.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
#: Larger files are listed with an error rather than read: no article is 20 MB of text.
MAX_BYTES = 20 * 1024 * 1024
#: Text beyond this many characters is not analysed (the article is flagged `truncated`).
MAX_CHARS = 1_000_000
#: Lines longer than this are cut: a 1 MB line with no spaces is not prose.
MAX_LINE = 20_000


@dataclass(frozen=True, slots=True)
class Document:
    """A file's text as read from disk, before any analysis."""

    text: str
    kind: str  # text | markdown | html
    encoding: str = "utf-8"
    flags: tuple[str, ...] = ()
    html_meta: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """One article's clean text and metadata; `text` is what all offsets point into."""

    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    text: str
    flags: tuple[str, ...]
    words: int


class ReadError(Exception):
    """Why a file could not be read, in words for the sources pane."""


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_document(path: Path) -> Document:
    """Read and decode one article file; raise ReadError with a reason a user understands."""
    kind = kind_of(path)
    if kind is None:
        raise ReadError(f"skipped: not an article file ({path.suffix or 'no extension'})")
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ReadError(_os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file (device, FIFO or socket)")
    if st.st_size > MAX_BYTES:
        raise ReadError(f"too large to be an article ({st.st_size / 1e6:.1f} MB; limit {MAX_BYTES // 2**20} MB)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(_os_reason(exc)) from None
    if not data.strip():
        raise ReadError("empty file")
    try:
        decoded = decode(data)
    except NotText as exc:
        raise ReadError(f"not text: {exc}") from None
    flags = [f"encoding-fallback:{decoded.encoding}"] if decoded.fallback else []
    text = decoded.text
    if kind == "html":
        # sanitise before parsing: the HTML parser drops a bare ESC and would leave "[31m" behind
        return _html_document(sanitize(text), decoded.encoding, flags)
    return Document(text, kind, decoded.encoding, tuple(flags))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file disappeared before it could be read"
    if exc.errno == 40:  # ELOOP
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


def _html_document(html: str, encoding: str, flags: list[str]) -> Document:
    """Main text and metadata of a saved web page, via trafilatura (imported only when needed)."""
    try:
        import trafilatura

        cfg = _trafilatura_config()
    except Exception as exc:  # a broken optional stack must not stop the other files
        raise ReadError(f"cannot read HTML: trafilatura unavailable ({exc})") from None
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
            favor_precision=True,
            config=cfg,
        )
    except Exception as exc:
        raise ReadError(f"cannot parse HTML: {type(exc).__name__}") from None
    if doc is None:
        raise ReadError("no article text found in the HTML page")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        raise ReadError("no article text found in the HTML page")
    meta = {k: (str(get(k)) if get(k) else None) for k in ("title", "author", "date", "sitename", "hostname")}
    meta["page"], meta["raw_title"] = _page_text(html)
    return Document(text, "html", encoding, tuple(flags), meta)


@functools.cache
def _trafilatura_config() -> ConfigParser:
    """trafilatura's settings without its extraction timeout; reading the settings file on
    every page cost about half a millisecond, and trafilatura only reads the object."""
    from trafilatura.settings import use_config

    cfg = use_config()
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    _share_justext_stoplist()
    return cfg


class _HashOnceTuple(tuple[str, ...]):
    """A tuple that computes its hash once; equal to, and used exactly like, the plain tuple."""

    _hash: int

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = super().__hash__()
            return self._hash


def _share_justext_stoplist() -> None:
    """trafilatura's justext fallback passes its stopword tuple (all languages, ~150,000 words)
    to a function cached with `lru_cache`, which hashes the whole tuple on every call: about
    3 ms per page that reaches the fallback. The same words in a tuple that remembers its hash
    give the same cache entry and the same result at no cost. Skipped if trafilatura changes."""
    try:
        from trafilatura import external
    except Exception:
        return
    words: Any = getattr(external, "JT_STOPLIST", None)
    if words is None and callable(getattr(external, "jt_stoplist_init", None)):
        words = external.jt_stoplist_init()
    if isinstance(words, tuple) and not isinstance(words, _HashOnceTuple):
        external.JT_STOPLIST = _HashOnceTuple(words)  # type: ignore[assignment]


_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "td",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "section",
    "article",
    "aside",
    "nav",
    "table",
    "ol",
    "ul",
    "blockquote",
    "span",
    "time",
    "address",
)


_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _page_text(html: str) -> tuple[str, str | None]:
    """All visible text of a page, a line per block (bylines and footers trafilatura drops), and
    the page's own <title> with its site suffix, which trafilatura removes."""
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
    except Exception:
        return "", None
    titles = root.xpath("//title")
    raw_title = titles[0].text_content().strip() if titles else None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        # a character reference may have put a control character in the text ("&#x1b;"), which
        # lxml will not write back: it goes (sanitize removes it from the story anyway)
        tail = _XML_UNSAFE.sub("", el.tail) if el.tail else ""
        el.tail = ("\n" + tail) if tail else "\n"
        if el.tag in ("span", "time", "td"):
            el.tail = " " + el.tail.lstrip("\n") if el.tag != "td" else el.tail
    text = root.text_content()
    return "\n".join(ln.strip() for ln in text.split("\n") if ln.strip()), raw_title


# ------------------------------------------------------------------------------------------------

_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_TLD = regex.compile(r"\.(?:com|net|org|news|io|co\.uk|co|info)\b.*$", regex.I)
_TITLE_SUFFIX = regex.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
# Compiled once: `regex.sub(str, ...)` in a per-line loop pays a cache lookup on every call.
_MD_H1 = regex.compile(r"^\s{0,3}#\s+\S")
_MD_QUOTE = regex.compile(r"^\s*>\s?")
_MD_RULE = regex.compile(r"\s*(?:[-*_]\s*){3,}")
_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_SPACES = regex.compile(r"\s+")
_PUNCT_OR_DIGIT = regex.compile(r"[.!?:,\d]")
_SENTENCE_END = regex.compile(r"[.!?,;:]$")
_DIGIT = regex.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NAME_COMMA_ORG = regex.compile(
    r"^(?P<name>[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){1,2}),\s*(?P<org>[^,]{2,40})$"
)
#: A bracket opening a footer line ("(Reporting by ...)"), not the "(c)" of a copyright line.
_OPEN_PAREN = regex.compile(r"^\((?=\w{2,})")
_REPORTING_BY = regex.compile(r"^(?:reporting|written|additional reporting) by\s+(?P<name>[^;.]+)", regex.I)
_PLACE_AFTER_NAME = regex.compile(r"\s+(?:in|at|for)\s+\p{Lu}")


def clean_article(doc: Document) -> Article:
    """Separate story from furniture and read the metadata; pure, no I/O."""
    text = sanitize(doc.text)
    flags = list(doc.flags)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        flags.append("truncated")
    lines = [ln[:MAX_LINE] for ln in text.split("\n")]
    meta = _Meta()
    if doc.kind == "markdown":
        h1 = next((ln for ln in lines if _MD_H1.match(ln)), None)
        lines = _strip_markdown(lines)
        if h1:
            meta.title = _strip_markdown([h1])[0].strip() or None
    if doc.html_meta:
        _page_meta(doc.html_meta, meta)
    story = "\n".join(lines)
    story_ai_line = F.first_ai_line(story)
    # usually the lines are the text itself (no markdown, no cut line): scan it only once
    ai = F.is_ai_text(text, story_ai_line if story == text else F.first_ai_line(text))
    body = _classify(lines, meta, doc.kind, story_ai_line is not None)
    outlet = meta.best_outlet(text)
    if outlet:
        folded = _fold(outlet)
        body = [ln for ln in body if not _folds_to(ln, folded)]
    clean = _join(body)
    if ai:
        flags.append("ai-generated")
    published = meta.best_date(text)
    if published is None:
        flags.append("undated")
    words = len(clean.split())
    return Article(meta.title, outlet, meta.best_author(), published, clean, tuple(flags), words)


def _page_meta(html_meta: dict[str, str | None], meta: _Meta) -> None:
    """What a web page says of its article: the metadata trafilatura found, the site after the
    page's title, and the bylines and footers of the page around the story."""
    meta.title = _clean_title(html_meta.get("title"), html_meta.get("sitename"))
    if html_meta.get("sitename"):
        meta.outlet(html_meta["sitename"] or "", _SCORE.page_site_name)
    if html_meta.get("author"):
        meta.author(html_meta["author"] or "", _SCORE.page_author)
    if html_meta.get("date"):
        meta.date(parse_date(html_meta["date"] or ""), _SCORE.page_date)
    raw_title = html_meta.get("raw_title") or html_meta.get("title") or ""
    suffix = _TITLE_SUFFIX.search(raw_title)
    if suffix:
        meta.outlet(suffix.group().strip(" |–—-"), _SCORE.page_title_suffix)
    # the page around the story (bylines, footers) speaks of who published it
    page = html_meta.get("page") or ""
    if page:
        _classify([ln[:MAX_LINE] for ln in sanitize(page).split("\n")], meta, "page")


def _fold(s: str) -> str:
    return _NOT_ALNUM.sub("", s.lower())


def _folds_to(line: str, folded: str) -> bool:
    """`_fold(line) == folded`, deciding most story lines by their first letter or digit alone."""
    low = line.lower()
    first = _ALNUM.search(low)
    if first is None:
        return folded == ""
    return first.group() == folded[:1] and _NOT_ALNUM.sub("", low) == folded


def _clean_title(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    t = title.strip()
    m = _TITLE_SUFFIX.search(t)
    if m and (site is None or _fold(site) in _fold(m.group()) or len(m.group()) < 30):
        t = t[: m.start()].strip()
    return t or None


def _strip_markdown(lines: list[str]) -> list[str]:
    return [_strip_markdown_line(ln) for ln in lines]


def _strip_markdown_line(s: str) -> str:
    """One line without its Markdown syntax. Each pattern runs only when the line holds the
    character it needs: most lines of an article are plain prose."""
    if "#" in s and F.MD_HEADING.match(s):
        s = F.MD_HEADING.sub("", s)
    if ">" in s:
        s = _MD_QUOTE.sub("", s)
    if "](" in s:
        s = F.MD_LINK.sub(lambda m: m.group(1) or "", s)
    for _ in range(2):
        if "*" in s or "_" in s:
            s = F.MD_EMPH.sub(r"\2", s)
    if ("-" in s or "*" in s or "_" in s) and _MD_RULE.fullmatch(s):
        s = ""
    return s


class _Meta:
    """Candidates for each field with a confidence; the best one wins at the end."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.outlets: list[tuple[int, str]] = []
        self.authors: list[tuple[int, str]] = []
        self.dates: list[tuple[int, str]] = []
        self.dateline_dates: list[str] = []

    def outlet(self, name: str, score: int) -> None:
        name = _TLD.sub("", name.strip().strip("•·|:-–— ")).strip()
        name = F.COMPANY_SUFFIX.sub("", name).strip()
        if 2 <= len(name) <= 50 and any(c.isalpha() for c in name) and len(name.split()) <= 5:
            self.outlets.append((score, name))

    def author(self, name: str, score: int) -> None:
        name = _SPACES.sub(" ", name).strip(" ,;|")
        if 3 <= len(name) <= 80:
            self.authors.append((score, name))

    def date(self, iso: str | None, score: int) -> None:
        if iso:
            self.dates.append((score, iso))

    def best_outlet(self, text: str) -> str | None:
        """The best-supported name; places that agree add up, and mixed case beats CAPITALS."""
        if not self.outlets:
            return None
        groups: dict[str, list[tuple[int, str]]] = {}
        for c in self.outlets:
            groups.setdefault(_fold(c[1]), []).append(c)
        if len(groups) == 1:  # nothing to weigh: skip the scan of the text for domains
            best = next(iter(groups.values()))
        else:
            # Domains printed in footers confirm (and case) outlet names found elsewhere.
            domains = {m.group("label").lower() for m in F.DOMAIN.finditer(text)}

            def score(key: str) -> int:
                g = groups[key]
                return max(c[0] for c in g) + 10 * (len(g) - 1) + (20 if key in domains else 0)

            best = groups[max(groups, key=score)]
        return max(best, key=lambda c: (not c[1].isupper(), c[0]))[1]

    def best_author(self) -> str | None:
        return max(self.authors, key=lambda c: c[0])[1] if self.authors else None

    def best_date(self, text: str) -> str | None:
        if self.dates:
            return max(self.dates, key=lambda c: c[0])[1]
        if self.dateline_dates:
            return self.dateline_dates[0]
        return None


@dataclass(frozen=True, slots=True)
class _Confidence:
    """How far each place on a page is trusted to name the outlet, the author or the date.

    Candidates are weighed against each other (`_Meta.best_*`), so only the order matters: a
    source line ("Source: Reuters, 2 Nov 2025") or the page's own metadata beats a byline, which
    beats a masthead guessed from a short first line, which beats a name after an author's comma.
    """

    # the outlet
    source_line: int = 100
    page_site_name: int = 95
    follow_us: int = 90
    copyright: int = 85
    newsletter: int = 85
    wire_dateline: int = 80
    byline_site: int = 80  # "By: Mining.com"
    page_title_suffix: int = 75
    meta_bullet_outlet: int = 70
    short_first_line: int = 65
    site_address: int = 60  # "Mining.com" or "Daily News from ExampleSite.com" above the story
    nav_outlet: int = 60  # "Home | Markets | Example Times"
    beside_byline: int = 60  # "Gearshift Notes · by Marta Kowalczyk"
    masthead_section: int = 60  # "AUTOLINE WEEKLY | Trade & Policy"
    first_nav_item: int = 55
    org_after_name: int = 40  # "Jane Doe, Example Institute"
    # the author
    page_author: int = 95
    byline: int = 90
    author_label: int = 90
    handle_byline: int = 85  # "By bellecarter // 2025-11-11"
    meta_bullet_byline: int = 85
    byline_after_date: int = 85  # "Updated 2 Nov 2025 · By Priya Raman"
    name_comma_org: int = 75
    author_box: int = 70
    meta_bullet_person: int = 70
    reporting_by: int = 60
    # the date
    source_line_date: int = 100
    page_date: int = 95
    date_label: int = 95  # "Published: 3 May 2025"
    date_prefix: int = 90
    lead_date: int = 85  # "Nov 1, 2025 — Beijing will ..."
    dated_title: int = 85  # "11 June 2026: The License as Chokepoint"
    byline_date: int = 85
    meta_bullet_date: int = 80
    date_line: int = 80  # a line that is a date near the top


_SCORE = _Confidence()


def _classify(lines: list[str], meta: _Meta, kind: str, mentions_ai: bool | None = None) -> list[str]:
    """Walk the lines once: record metadata, drop furniture, return the story lines.

    `mentions_ai` says whether `F.first_ai_line` found a line in the joined lines, when the
    caller already knows. The footer is read first (its outlet names weigh on the masthead),
    then the author box and the masthead, then every line above the footer in order.
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    footer_from = _footer_start(lines, nonblank)
    for i in range(footer_from, len(lines)):
        _footer_meta(lines[i].strip(), meta)
    box = _author_box(lines, nonblank)
    if box:
        name, drop = box
        meta.author(name, _SCORE.author_box)
        lines = [("" if i in drop else ln) for i, ln in enumerate(lines)]
    may_disclaim = F.first_ai_line("\n".join(lines)) is not None if mentions_ai is None else mentions_ai
    if nonblank:
        lines = _masthead(lines, nonblank[0], meta, kind)
    walk = _Walk(lines, meta, kind, set(nonblank[:14]), may_disclaim)
    body: list[str] = []
    for i in range(footer_from):
        if not lines[i].strip():
            body.append("")
            continue
        story = walk.story_line(i)
        if story is not None:
            body.append(story)
    return body


def _footer_start(lines: list[str], nonblank: list[int]) -> int:
    """Where the trailing block starts: the first footer marker in the last part of the page."""
    n = len(lines)
    for i in nonblank:
        s = lines[i].strip()
        if i > n * 0.4 and F.FOOTER.match(_OPEN_PAREN.sub("", s)) and not _is_long(s):
            return i
    return n


def _masthead(lines: list[str], first: int, meta: _Meta, kind: str) -> list[str]:
    """The outlet named by the page's first line; the lines without it when it is only that name."""
    found = _masthead_outlet(lines[first].strip(), kind)
    if found is None:
        return lines
    name, score, is_masthead = found
    meta.outlet(name, score)
    if not is_masthead:
        return lines
    lines = list(lines)
    lines[first] = ""
    return lines


def _masthead_outlet(first: str, kind: str) -> tuple[str, int, bool] | None:
    """The outlet a page's first line names, its score, and whether the line is nothing else."""
    nav = F.nav_items(first)
    if nav and kind != "page" and F.OUTLET_WORDS.search(nav[0]):
        return nav[0], _SCORE.first_nav_item, False
    if F.BYLINE.match(first) or F.DATE_LABEL.match(first) or F.SECTION.match(first):
        return None
    if F.DOMAIN.fullmatch(first):  # a site's address above the story: "Mining.com"
        return first, _SCORE.site_address, True
    if len(first.split()) <= 8 and not _PROSE_END.search(first) and (dom := F.DOMAIN.search(first)):
        # "Daily News from ExampleSite.com": the site's name and tagline above the story
        return dom.group(), _SCORE.site_address, True
    if _is_masthead_name(first):
        return first, _SCORE.short_first_line, True
    return None


def _is_masthead_name(first: str) -> bool:
    """A first line of a few words that is no headline, no furniture and no sentence: a name."""
    return (
        len(first.split()) <= 4
        and not _PUNCT_OR_DIGIT.search(first)
        and not F.is_furniture(first)
        and not F.looks_like_headline(first + " x x")
    ) or (
        len(first.split()) <= 3
        and not _PUNCT_OR_DIGIT.search(first)
        and first[:1].isupper()
        and not F.is_furniture(first)
    )


@dataclass(slots=True)
class _Walk:
    """The pass over the lines above the footer: each line is metadata, furniture or story.

    `top` holds the first 14 non-blank lines, where a headline, a byline or a bare date may stand;
    `title_seen` turns true once the headline, or the story without one, has begun.
    """

    lines: list[str]
    meta: _Meta
    kind: str
    top: set[int]
    may_disclaim: bool
    title_seen: bool = False

    def story_line(self, i: int) -> str | None:
        """Line `i` of the story without a dateline before it, or None when it is not story."""
        raw = self._without_leading_date(i, self.lines[i])
        s = raw.strip()
        if self._is_metadata(i, s):
            return None
        headline = self._headline(i, s)
        if headline is None or self._is_page_furniture(i, headline):
            return None
        return self._without_dateline(headline, raw)

    def _without_leading_date(self, i: int, raw: str) -> str:
        """The line after a "date 2025-11-02" prefix, and after a date leading the first lines."""
        meta = self.meta
        m = F.DATE_PREFIX.match(raw)
        if m:
            if len(m.group("date")) == 10:  # a month alone ("date 2025-04") dates no day
                meta.date(m.group("date"), _SCORE.date_prefix)
            raw = raw[m.end() :]
        lead = F.LEAD_DATE.match(raw) if i in self.top and meta.title else None
        lead_iso = parse_date(lead.group("date")) if lead else None
        if lead and lead_iso:
            meta.date(lead_iso, _SCORE.lead_date)
            # "Nov 1, 2025 — Beijing will ..." is a dateline before the story; "4 July 2024, nine
            # months after ..." is the story's own first words, and stays in it
            if not raw[: lead.end()].rstrip().endswith(","):
                raw = raw[lead.end() :]
        return raw

    def _is_metadata(self, i: int, s: str) -> bool:
        """Furniture, an AI disclaimer, a byline, date or source line, or the headline again."""
        meta = self.meta
        if F.is_furniture(s):
            # "Staff Writer | November 2, 2025 | 10:14 am"; a photo caption's date is the photo's
            if i in self.top and _has_digit(s) and not F.CAPTION.search(s):
                _meta_line(s, meta, True)
            return True
        if self.may_disclaim and _is_disclaimer_line(s):
            return True
        bullet = F.BULLET.match(s)
        if bullet and i in self.top and _meta_bullet(bullet.group("item").strip(), meta):
            return True
        if _meta_line(s, meta, i in self.top):
            return True
        if meta.title and s == meta.title:
            self.title_seen = True
            return True
        return False

    def _headline(self, i: int, s: str) -> str | None:
        """The line, without a date that opens it; None when it is the headline (now recorded).

        Only a line near the top before any headline or story is a candidate (not in HTML, whose
        headline the page's metadata gives)."""
        meta = self.meta
        if not (i in self.top and not self.title_seen and meta.title is None and self.kind != "html"):
            return s
        dated = F.DATED_TITLE.match(s)
        if dated and parse_date(dated.group("date")):  # "11 June 2026: The License as Chokepoint"
            meta.date(parse_date(dated.group("date")), _SCORE.dated_title)
            s = s[dated.end() :]
        if F.looks_like_headline(s) and not _is_long(s):
            meta.title = _without_section(s)
            self.title_seen = True
            return None
        if _is_long(s) or _is_prose(s):
            self.title_seen = True  # the story started before any headline: there is none
        return s

    def _is_page_furniture(self, i: int, s: str) -> bool:
        """A section label or navigation near the top, or a footer line above the footer."""
        if i in self.top and _is_label(s):
            return True
        if i in self.top and len(s) < 80:
            items = [x.strip() for x in F.NAV_SPLIT.split(s) if x.strip()]
            named = [x for x in items if F.OUTLET_WORDS.search(x)] if 2 <= len(items) <= 3 else []
            if named and all(len(x.split()) <= 4 for x in items):
                self.meta.outlet(named[-1], _SCORE.nav_outlet)
                return True
        if F.FOOTER.match(_OPEN_PAREN.sub("", s)) and not _is_long(s):
            _footer_meta(s, self.meta)
            return True
        return False

    def _without_dateline(self, s: str, raw: str) -> str:
        """The story line without its wire, agency or press-release dateline, whose outlet and
        date are recorded ("BEIJING, Nov 2 (Reuters) -", "BEIJING, March 10. /TASS/.")."""
        meta = self.meta
        wire = F.WIRE_DATELINE.match(s)
        if wire and len(wire.group("place")) < 50:
            meta.outlet(wire.group("wire").split(",")[0], _SCORE.wire_dateline)
            if wire.group("date"):
                iso = _dateline_date(wire.group("date"), self.lines)
                if iso:
                    meta.dateline_dates.append(iso)
            raw = s[wire.end() :]
        slash = F.SLASH_WIRE_DATELINE.match(s) if not wire and "/" in s[:80] else None
        if slash:
            meta.outlet(slash.group("wire"), _SCORE.wire_dateline)
            iso = _dateline_date(slash.group("date"), self.lines)
            if iso:
                meta.dateline_dates.append(iso)
            raw = s[slash.end() :]
        release = F.RELEASE_DATELINE.match(s) if not wire and not slash else None
        if release:
            iso = parse_date(release.group("date"))
            if iso:
                meta.dateline_dates.append(iso)
            raw = s[release.end() :]
        return raw.rstrip()


def _author_box(lines: list[str], nonblank: list[int]) -> tuple[str, set[int]] | None:
    """An author box: a name alone on its line, then a job title ("Contributor") or a bio that
    opens with the same name ("Luke James is a freelance writer"). Returns the name and the
    lines the box takes."""
    for k, i in enumerate(nonblank[:-1]):
        s = lines[i].strip()
        if len(s) > 40 or not F.PERSON.match(s):
            continue
        j = nonblank[k + 1]
        t = lines[j].strip()
        if (len(t.split()) <= 3 and F.JOB_TITLE.search(t)) or t.startswith(s + " is "):
            drop = {i, j}
            drop.update(x for x in nonblank[k + 2 : k + 4] if lines[x].strip().startswith(s + " is "))
            return s, drop
    return None


def _is_disclaimer_line(s: str) -> bool:
    """A note that the story was made with AI: furniture, though the article is flagged."""
    return F.is_disclaimer(s) and (s.lower().startswith(("disclaimer", "note", "editor")) or len(s) < 400)


def _is_long(s: str) -> bool:
    return len(s.split()) >= 30


_PROSE_END = regex.compile(r"[.!?][\"'”’)\]]*$")
#: " – live updates | China": a section or site tag after a bar closes many headlines
_SECTION_SUFFIX = regex.compile(r"\s+\|\s+[^|]{2,30}$")


def _is_prose(s: str) -> bool:
    """A sentence of the story: ends like one and is too long for a label."""
    return len(s.split()) >= 10 and bool(_PROSE_END.search(s))


def _without_section(title: str) -> str:
    """The headline without a short tag after a bar ("... – live updates | China")."""
    m = _SECTION_SUFFIX.search(title)
    if m and len(m.group().split()) <= 4 and len(title[: m.start()].split()) >= 4:
        return title[: m.start()].rstrip()
    return title


def _is_label(s: str) -> bool:
    """Section labels and tag lines above the story: a few capitalised words, no sentence."""
    words = s.split()
    return (
        len(words) <= 4
        and not _SENTENCE_END.search(s)
        and not _DIGIT.search(s)
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
    )


def _meta_bullet(item: str, meta: _Meta) -> bool:
    """Bullets of the block under a headline: outlet, date, comment and view counters."""
    if F.COUNTER.match(item):
        return True
    if len(item.split()) > 6:
        return False
    iso = parse_date(item)
    if iso:
        meta.date(iso, _SCORE.meta_bullet_date)
        return True
    b = F.BYLINE.match(item)
    if b:
        meta.author(b.group("name"), _SCORE.meta_bullet_byline)
        return True
    words = item.split()
    if (len(words) == 1 and item[0].isupper()) or F.OUTLET_WORDS.search(item) or F.DOMAIN.search(item):
        meta.outlet(item, _SCORE.meta_bullet_outlet)
        return True
    if F.PERSON.match(item):
        meta.author(item, _SCORE.meta_bullet_person)
        return True
    return False


def _meta_line(s: str, meta: _Meta, in_top: bool) -> bool:
    """Source, byline and date lines anywhere in the story part; True when consumed.

    Length tests come before the patterns they guard: most lines are long story paragraphs.
    """
    parts = F.META_SPLIT.split(s) if in_top and len(s) < 160 and not F.BYLINE.match(s) else [s]
    if len(parts) > 1 and all(len(p.split()) <= 6 for p in parts) and _meta_parts(parts, meta, in_top):
        return True
    m = F.SOURCE_LINE.match(s) if len(s) < 160 else None
    if m:
        meta.outlet(m.group("outlet"), _SCORE.source_line)
        if m.group("date"):
            meta.date(parse_date(m.group("date")), _SCORE.source_line_date)
        return True
    if _byline(s, meta):
        return True
    if len(s) < 120 and _meta_date_line(s, meta, in_top):
        return True
    if in_top and meta.title:
        m = _NAME_COMMA_ORG.match(s)
        if m and not F.OUTLET_WORDS.search(m.group("name")):
            meta.author(m.group("name"), _SCORE.name_comma_org)
            if not F.JOB_TITLE.search(m.group("org")):  # "Jane Doe, Senior Correspondent"
                meta.outlet(m.group("org"), _SCORE.org_after_name)
            return True
    return False


def _meta_parts(parts: list[str], meta: _Meta, in_top: bool) -> bool:
    """A line of short parts between bars or dots, each read as a line of its own; True when any
    part is metadata, or the first is a masthead."""
    # "Author: Jane Doe | Date: 02/11/2025", "Staff Writer | November 2, 2025 | 10:14 am"
    hits = [_meta_line(p, meta, in_top) for p in parts]
    if any(hits):
        # "Gearshift Notes · by Marta Kowalczyk": the short name beside a byline is the site's
        for p, hit in zip(parts, hits, strict=True):
            if not hit and _is_name_like(p):
                meta.outlet(p, _SCORE.beside_byline)
        return True
    if F.is_kicker(parts[0]) and _is_name_like(parts[0]):
        # "AUTOLINE WEEKLY | Trade & Policy": the masthead and its section
        meta.outlet(parts[0].title() if parts[0].isupper() else parts[0], _SCORE.masthead_section)
        return True
    return False


def _byline(s: str, meta: _Meta) -> bool:
    """A byline ("By Jane Doe", "By bellecarter // 2025-11-11", "Author: Jane Doe"), with the date
    it may carry; "By: Mining.com" names the site, not a person. True when consumed."""
    m = F.BYLINE_HANDLE.match(s) if len(s) < 80 else None
    if m:
        meta.author(m.group("name"), _SCORE.handle_byline)
        iso = parse_date(m.group("rest")) if m.group("rest") else None
        if iso:
            meta.date(iso, _SCORE.byline_date)
        return True
    m = F.BYLINE.match(s) if not s.endswith(".") else None
    if m and len(s.split()) <= 14 and F.DOMAIN.fullmatch(m.group("name").strip()):
        meta.outlet(m.group("name"), _SCORE.byline_site)
        return True
    if m and len(s.split()) <= 14:
        meta.author(m.group("name"), _SCORE.byline)
        rest = m.group("rest")
        iso = parse_date(rest) if rest else None
        if iso:
            meta.date(iso, _SCORE.byline_date)
        return True
    m = F.AUTHOR_LABEL.match(s)
    if m and len(s.split()) <= 8:
        meta.author(m.group("name"), _SCORE.author_label)
        return True
    return False


_BY_AFTER_DATE = regex.compile(r"\s[|·•]\s+(?P<by>by\s.+)$", regex.I)


def _meta_date_line(s: str, meta: _Meta, in_top: bool) -> bool:
    """A short line that is a date ("Published: 3 May 2025", or a bare date near the top)."""
    if not _has_digit(s):
        return False
    m = F.DATE_LABEL.match(s)
    if m:
        iso = parse_date(m.group("date"))
        if iso:
            meta.date(iso, _SCORE.date_label)
            # "Updated 2 Nov 2025 · By Priya Raman": a byline may share the date's line
            by = _BY_AFTER_DATE.search(s)
            b = F.BYLINE.match(by.group("by")) if by else None
            if b:
                meta.author(b.group("name"), _SCORE.byline_after_date)
            return True
    # the cheap shape tests first: parse_date is the costly part
    if in_top and len(s) < 80 and len(s.split()) <= 10 and not s.endswith("."):
        iso = _date_line(s)
        if iso:
            meta.date(iso, _SCORE.date_line)
            return True
    return False


#: A lower-case letter glued to a capitalised word: "iconDec 21, 2025" is an icon's alt text and a date.
_GLUED = regex.compile(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")
#: What may stand beside a date on a line that is a date: a clock time, a zone, a weekday, labels.
_TIME = regex.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", regex.I)


def _date_line(s: str) -> str | None:
    """The date of a line that is a date ("iconDec 21, 2025 17:03", "Mining.com 2026/04/20 11:39"),
    not one that mentions a date among other words (a photo caption, a sentence)."""
    if F.DATED_TITLE.match(s):  # "11 June 2026: Title" is a headline that carries its date
        return None
    text = _GLUED.sub(" ", s)
    for d in find_dates(text):
        if len(d.value) != 10 or d.kind != "absolute":
            continue
        rest = _TIME.sub(" ", text[: d.start] + " " + text[d.end :])
        words = [w for w in rest.split() if _ALNUM.search(w) and w.lower().strip(",.") not in _WEEKDAY_WORDS]
        return d.value if len(words) <= 4 else None
    return None


def _is_name_like(s: str) -> bool:
    """A short name: a few words, each capitalised (or "&", "of"), no digits, no sentence."""
    words = s.strip().split()
    return (
        1 <= len(words) <= 4
        and not _has_digit(s)
        and not _SENTENCE_END.search(s.strip())
        and all(w[0].isupper() or w in ("&", "of", "the", "and") for w in words)
    )


def _has_digit(s: str) -> bool:
    """`any(c.isdigit() for c in s)` without a Python-level step per character: ASCII digits
    by one scan, and only the few non-ASCII characters (other scripts' digits, superscripts)
    are asked one by one."""
    if _ASCII_DIGIT.search(s):
        return True
    if s.isascii():
        return False
    return any(c.isdigit() for c in "".join(_NON_ASCII.findall(s)))


def _footer_meta(s: str, meta: _Meta) -> None:
    s = _OPEN_PAREN.sub("", s)  # "(Reporting by Jane Doe; Editing by ...)"
    for m, score in (
        (F.FOLLOW.match(s), _SCORE.follow_us),
        (F.COPYRIGHT.match(s), _SCORE.copyright),
        (F.copyright_before(s), _SCORE.copyright),
    ):
        if m:
            meta.outlet(m.group("outlet"), score)
    m = F.NEWSLETTER.search(s)
    if m:
        meta.outlet(m.group("outlet"), _SCORE.newsletter)
    m = _REPORTING_BY.match(s)
    if m:
        meta.author(_PLACE_AFTER_NAME.split(m.group("name"))[0], _SCORE.reporting_by)


_WEEKDAY_NAMES = [d.capitalize() for d in WEEKDAYS]
_WEEKDAY_WORDS = frozenset(WEEKDAYS) | {d[:3] for d in WEEKDAYS}


def _full_dates(text: str) -> list[str]:
    return [d.value for d in find_dates(text) if d.kind == "absolute"]


def _dateline_date(text: str, lines: list[str]) -> str | None:
    iso = parse_date(text)
    if iso:
        return iso
    years = [int(y) for y in _YEAR.findall("\n".join(lines))]
    if not years:
        return None
    year = max(y for y in years if y <= 2100)
    body = "\n".join(lines)
    # "BRUSSELS, Oct. 4 (Wire) -- ... on Friday ...": the one year whose calendar makes the dateline
    # that weekday is the strongest evidence (the year after every year named counts too: a story
    # of 2024 that recalls 2023)
    cands = sorted({y for x in years if x <= 2100 for y in (x + 1, x, x - 1)}, reverse=True)
    by_weekday = []
    for y in cands:
        iso = parse_date(f"{text}, {y}")
        if iso and regex.search(rf"\bon {_WEEKDAY_NAMES[to_date(iso).weekday()]}\b", body):
            by_weekday.append(iso)
    if len(by_weekday) == 1:
        return by_weekday[0]
    full = set(_full_dates("\n".join(lines[:20])))  # a header date stands near the top
    for y in sorted({x for x in years if x <= 2100}, reverse=True):
        iso = parse_date(f"{text}, {y}")
        if iso and iso in full:  # the same day written out in full in the header
            return iso
    if by_weekday:
        return by_weekday[0]
    return parse_date(f"{text}, {year}")


def _join(lines: list[str]) -> str:
    out: list[str] = []
    for ln in lines:
        if not ln.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
