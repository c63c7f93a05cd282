"""Turning bytes from disk into text that is safe to analyse and to show.

Articles arrive in whatever encoding the saving browser or editor chose, and may carry bytes that
a terminal would obey (ESC and OSC sequences, C1 controls) or that reorder what the reader sees
(bidi overrides). Decoding is deliberately conservative: a BOM wins, then strict UTF-8, then a
detector restricted to the encodings such files really use, and only then Windows-1252 with the
fallback recorded, because an unconstrained detector happily reads Windows-1252 French as cp1250.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import regex

#: Encodings a saved article plausibly uses once UTF-8 has failed.
LIKELY_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
    "koi8_r",
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# ANSI CSI, OSC (terminated by BEL or ST), and other two-byte ESC sequences.
_ESCAPES = regex.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# zero-width characters and the BOM.
# Plain character classes: the standard `re` scans a long text for them several times faster
# than `regex`, with the same meaning.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
#: Every escape sequence starts with one of these; a text without them needs no escape pass.
_ESCAPE_STARTS = ("\x1b", "\x9b", "\x9d")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and whether it was a guess."""

    text: str
    encoding: str
    fallback: bool = False


class NotText(ValueError):
    """The bytes are not a text document (binary data, NUL bytes outside UTF-16/32)."""


def decode(data: bytes) -> Decoded:
    """Decode article bytes, refusing binary data instead of producing mojibake."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise NotText(f"declares {name} with a byte-order mark but does not decode") from exc
    sample = data[:65536]
    if b"\x00" in sample:
        raise NotText("binary data (NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(sample):
        raise NotText("binary data")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:262144], cp_isolation=list(LIKELY_ENCODINGS)).best()
    except Exception:  # the detector is a hint; never let it stop a read
        best = None
    if best is not None and best.encoding:
        # Among the Latin single-byte code pages the detector cannot really tell; Windows-1252
        # is by far the most common, so it wins whenever it decodes cleanly.
        if best.encoding in _LATIN and _decodes(data, "cp1252"):
            return Decoded(data.decode("cp1252"), "cp1252", fallback=False)
        try:
            return Decoded(data.decode(best.encoding), best.encoding, fallback=False)
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252", fallback=True)


_LATIN = {"cp1252", "cp1250", "latin_1", "iso8859_15", "iso8859_2", "cp1257", "mac_roman"}


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(sample: bytes) -> bool:
    """Binary files have many control bytes that no text encoding produces."""
    if not sample:
        return False
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl / len(sample) > 0.05


def inert(text: str) -> str:
    """`text` without escape sequences, control characters (newline and tab kept) or bidi overrides.

    For strings that do not pass through `sanitize` at ingest, file names above all, before they
    are written where a terminal may show them (the brief, CSV cells).
    """
    return _CONTROLS.sub("", _ESCAPES.sub("", text)).replace("\r", "")


def sanitize(text: str) -> str:
    """Remove what a terminal would execute or reorder, and normalise line ends and spaces.

    The result contains no C0/C1 controls other than newline and tab, no escape sequences and no
    bidi overrides, so it can be rendered literally anywhere.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(c in text for c in _ESCAPE_STARTS):
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)
