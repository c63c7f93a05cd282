"""Decoding article bytes and making the text safe to show in a terminal."""

from __future__ import annotations

import codecs

import pytest

from rarewatch.core.articles import Document, ReadError, clean_article, read_document
from rarewatch.core.text import NotText, decode, sanitize

FRENCH_SHORT = (
    "Pékin a suspendu pour un an ses contrôles sur les terres rares, a annoncé le ministère. "
    "« C’est une trêve, pas une paix », a déclaré l’économiste. Les industriels européens restent prudents."
)
FRENCH_ARTICLE = """Terres rares : l’Europe s’inquiète déjà de l’après-trêve

Par Claire Dubois — 4 novembre 2025

La trêve commerciale entre Pékin et Washington a été saluée à Bruxelles. « C’est un répit, pas une solution »,
a déclaré jeudi un diplomate européen.

Les fabricants d’aimants restent très prudents : la Chine contrôle près de 90 % du raffinage des terres rares,
et la suspension des contrôles à l’exportation ne vaut que pour un an.

À Paris, le ministère de l’Économie prépare déjà un plan de stockage. « Nous n’avons pas le choix », résume un
conseiller.
"""


# ---- decode -------------------------------------------------------------------------------------


def test_utf8_bom_is_removed_and_text_kept():
    d = decode(codecs.BOM_UTF8 + "Pékin’s rare earth pause".encode())
    assert d.text == "Pékin’s rare earth pause"
    assert not d.fallback


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_decodes(codec):
    text = "Rare earth pause — “one year”, said Bessent. Pékin agreed.\n"
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    d = decode(bom + text.encode(codec))
    assert d.text == text
    assert not d.fallback


def test_strict_utf8_is_read_as_utf8():
    text = "Xi Jinping (习近平) met Trump; Pékin’s “truce” — 90 % of processing.\n"
    d = decode(text.encode("utf-8"))
    assert d.encoding == "utf-8"
    assert d.text == text
    assert not d.fallback


def test_invalid_utf8_is_not_silently_read_as_utf8():
    d = decode("Pékin a suspendu ses contrôles.".encode("cp1252"))
    assert d.encoding != "utf-8"
    assert "Pékin" in d.text and "contrôles" in d.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(FRENCH_SHORT, id="short-paragraph"),
        pytest.param(
            FRENCH_ARTICLE,
            id="article-with-smart-quotes",
        ),
    ],
)
def test_windows_1252_french_is_read_as_cp1252_not_cp1250(text):
    d = decode(text.encode("cp1252"))
    assert d.text == text, f"read as {d.encoding}"
    assert d.encoding.replace("_", "").replace("-", "").lower() in ("cp1252", "windows1252")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"%PDF-1.7\n" + bytes(200) + b"stream",
        bytes([1, 2, 3, 4, 5, 6, 7, 0x0E, 0x0F, 0x10, 0xFF, 0xFE]) * 100,
    ],
    ids=["png", "pdf-with-nul", "control-bytes-no-nul"],
)
def test_binary_data_is_refused(data):
    with pytest.raises(NotText):
        decode(data)


def test_read_document_refuses_binary_with_a_reason(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(512))
    with pytest.raises(ReadError, match="not text"):
        read_document(p)


def test_read_document_reads_utf16_file(tmp_path):
    p = tmp_path / "note.txt"
    p.write_bytes("China pauses rare earth curbs\n\nPékin agreed.\n".encode("utf-16"))
    doc = read_document(p)
    assert doc.text.startswith("China pauses rare earth curbs")
    assert "Pékin" in doc.text


def test_read_document_empty_file_is_a_read_error(tmp_path):
    p = tmp_path / "empty.md"
    p.write_bytes(b"  \n\n")
    with pytest.raises(ReadError, match="empty"):
        read_document(p)


def test_read_document_skips_non_article_suffix(tmp_path):
    p = tmp_path / "data.csv"
    p.write_text("a,b\n1,2\n")
    with pytest.raises(ReadError, match="skipped"):
        read_document(p)


# ---- sanitize -----------------------------------------------------------------------------------


def _printable(s: str) -> bool:
    return all(c in "\n\t" or (c.isprintable() and c not in "\u202e\u202d\u2066\u2067\u2068\u2069") for c in s)


def test_osc_title_change_is_removed_with_its_payload():
    out = sanitize("Rare earth\x1b]0;pwned\x07 pause")
    assert out == "Rare earth pause"
    assert "pwned" not in out


def test_osc_terminated_by_st_is_removed():
    out = sanitize("Rare\x1b]2;owned\x1b\\ earth")
    assert out == "Rare earth"


def test_osc52_clipboard_write_is_removed():
    out = sanitize("Copy this \x1b]52;c;cm0gLXJmIH4=\x07safely")
    assert out == "Copy this safely"
    assert "52" not in out and "cm0g" not in out


def test_csi_colour_and_cursor_sequences_are_removed():
    out = sanitize("\x1b[31mRed\x1b[0m headline\x1b[2J\x1b[H here")
    assert out == "Red headline here"


def test_eight_bit_csi_and_c1_controls_are_removed():
    out = sanitize("a\x9b2Jb\x85c\x90d\x9ce")
    assert "\x9b" not in out and "\x85" not in out and "\x90" not in out
    assert "2J" not in out
    assert _printable(out)


def test_bidi_override_is_removed():
    out = sanitize("price: \u202e%09\u202c of processing")
    assert "\u202e" not in out and "\u202c" not in out
    assert out == "price: %09 of processing"


def test_bidi_isolates_and_zero_width_chars_are_removed():
    out = sanitize("Bes\u200bsent \u2066said\u2069 Xi\u200d \ufeffagreed\u2060")
    assert out == "Bessent said Xi agreed"


def test_other_c0_controls_removed_but_tab_and_newline_kept():
    out = sanitize("a\x00b\x07c\x08d\te\nf\x7fg")
    assert out == "abcd\te\nfg"


def test_crlf_and_lone_cr_become_newlines():
    assert sanitize("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_exotic_spaces_become_plain_spaces():
    assert sanitize("90\u00a0%\u2009of\u202fprocessing") == "90 % of processing"


def test_clean_article_text_never_contains_escape_sequences():
    raw = (
        "\x1b]0;pwned\x07China pauses rare earth curbs for a year\r\n\r\n"
        "November 3, 2025\r\n\r\n"
        "China will pause its \x1b[1mrare earth\x1b[0m export controls for one year.\u202e\r\n"
        "Buyers welcomed the pause.\r"
    )
    art = clean_article(Document(raw, "text"))
    for bad in ("\x1b", "\r", "\u202e", "\x07", "pwned"):
        assert bad not in art.text
        assert bad not in (art.title or "")
    assert art.title == "China pauses rare earth curbs for a year"
    assert "China will pause its rare earth export controls for one year." in art.text
