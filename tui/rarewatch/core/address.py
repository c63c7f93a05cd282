"""Where an article came from: its web address, for the reader's "open the original" (`o`).

A saved web page says where it lives in `<link rel="canonical">` (or `og:url`); a text file
copied from a site often keeps a line such as `URL: https://...` or the address alone on a line.
The analysis does not keep the raw page, so the address is read from the file when the reader
opens it (in a worker: it is file I/O).

The address is untrusted text that will be handed to a browser, so only plain `http(s)` addresses
without spaces or control characters are returned; anything else (`javascript:`, `file:`, a
data URL) is treated as no address, and the reader falls back to opening the file itself.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

#: Bytes of a saved page read to find its address (the `<head>` is at the top).
HEAD_BYTES = 512 * 1024
#: Lines at either end of a text article that may carry its address.
EDGE_LINES = 12
MAX_LENGTH = 2000

_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)
_TAG = re.compile(r"<(?:link|meta)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_LABELLED = re.compile(r"^\s*(?:url|link|source|original|canonical|address)\s*:\s*(https?://\S+)\s*$", re.IGNORECASE)
_ALONE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$", re.IGNORECASE)


def safe_url(candidate: str | None) -> str | None:
    """The address if it is a plain http(s) URL a browser may be given, else None."""
    if not candidate:
        return None
    url = html.unescape(candidate.strip())
    m = _URL.fullmatch(url)
    if m is None or len(url) > MAX_LENGTH:
        return None
    return url


def html_address(page: str) -> str | None:
    """`<link rel="canonical" href=...>`, else `<meta property="og:url" content=...>`."""
    found: dict[str, str] = {}
    for tag in _TAG.finditer(page):
        attrs = {
            m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(tag.group(0))
        }
        if "canonical" in attrs.get("rel", "").lower().split() and "href" in attrs:
            found.setdefault("canonical", attrs["href"])
        elif attrs.get("property", attrs.get("name", "")).lower() == "og:url" and "content" in attrs:
            found.setdefault("og", attrs["content"])
    return safe_url(found.get("canonical")) or safe_url(found.get("og"))


def text_address(text: str) -> str | None:
    """A `URL: https://...` line, or an address alone on a line, near the top or the end."""
    lines = text.splitlines()
    edges = lines[:EDGE_LINES] + lines[-EDGE_LINES:] if len(lines) > 2 * EDGE_LINES else lines
    for rx in (_LABELLED, _ALONE):
        for line in edges:
            m = rx.match(line)
            if m and (url := safe_url(m.group(1).rstrip(".,;)"))):
                return url
    return None


def article_address(path: str | Path | None, text: str = "") -> str | None:
    """The article's web address: a saved page's head, else a URL line of the file, else of
    the cleaned `text` (the cleaning may drop such a line as page furniture, so the file comes
    first)."""
    if path:
        p = Path(path)
        try:
            with open(p, "rb") as fh:
                raw = fh.read(HEAD_BYTES).decode("utf-8", errors="replace")
        except OSError:
            raw = ""
        if p.suffix.lower() in (".html", ".htm", ".xhtml"):
            if url := html_address(raw):
                return url
        elif url := text_address(raw):
            return url
    return text_address(text) if text else None
