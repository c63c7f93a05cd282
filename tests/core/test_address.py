"""An article's web address, read from its file: only plain http(s) addresses count."""

from __future__ import annotations

from pathlib import Path

from rarewatch.core.address import article_address, html_address, safe_url, text_address


def test_canonical_link_wins_over_og_url_in_either_attribute_order() -> None:
    page = (
        '<head><meta property="og:url" content="https://b.example/og">'
        "<link href='https://a.example/story?id=1&amp;x=2' rel='canonical'></head>"
    )
    assert html_address(page) == "https://a.example/story?id=1&x=2"
    assert html_address('<meta property="og:url" content="https://b.example/og">') == "https://b.example/og"


def test_hostile_addresses_are_no_address() -> None:
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://a.example/\x1b]52;c;x\x07", "data:text/html,x"):
        assert safe_url(bad) is None
    assert html_address('<link rel="canonical" href="javascript:alert(1)">') is None


def test_a_labelled_or_lone_url_line_near_either_end_of_a_text() -> None:
    body = "\n".join(f"Paragraph {i} mentions https://inline.example/not-this." for i in range(40))
    assert text_address("Headline\nURL: https://x.example/a\n" + body) == "https://x.example/a"
    assert text_address(body + "\n\n<https://y.example/b>\n") == "https://y.example/b"
    assert text_address(body) is None


def test_the_file_is_read_first_then_the_cleaned_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Title\nSource: https://file.example/x\n\nBody.\n")
    assert article_address(f, "Body.") == "https://file.example/x"
    assert article_address(tmp_path / "gone.txt", "Link: https://text.example/y") == "https://text.example/y"
