"""What is page furniture and what is story, line by line.

Saved articles arrive wrapped in whatever the page had around the story: weather lines, share
counters, bylines, tag lists, newsletter boxes, "Leave a Reply". These rules are about how web
pages and wire copy look, not about any topic, so they live in code; each is a pattern over one
line, tested on several shapes of article.
"""

from __future__ import annotations

import regex

_I = regex.IGNORECASE

WEATHER = regex.compile(
    r"^[\p{L} .,'’()-]{2,40}\s*[|·•,-]\s*-?\d{1,3}\s*°\s*[CF]?\b.*$|^-?\d{1,3}\s*°\s*[CF]\b.{0,30}$"
)
COUNTER = regex.compile(
    r"^(?:[\d.,]+\s*[KkMm]?\+?\s+(?:comments?|views?|shares?|likes?|reads?|reactions?|responses?|replies)"
    r"|\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read(?:ing)?(?:\s+time)?"
    r"|(?:reading|read) time\s*:?\s*\d+.*|no comments?|be the first to comment.*)$",
    _I,
)
SHARE = regex.compile(
    r"^(?:share(?: this)?(?: (?:article|story|post|page))?(?: on .*)?:?|tweet|email|print|copy link|facebook|twitter|linkedin|whatsapp|reddit|pinterest|x|"
    r"advertisement|sponsored|skip to (?:main )?content|menu|home|sign in|log ?in|search|close|"
    r"(?:\w+\s*[>›»/]\s*){2,}\w+|listen to (?:this )?article.*|save (?:article|story)|gift this article|"
    r"photo:.*|image:.*|picture:.*|credit:.*|\(?(?:photo|image|file photo|illustration)(?: by| credit|:).*|"
    r"(?:chart|graphic|graph|infographic|figure)\s*:.*|source: .*(?:chart|graph)|caption:.*|"
    r"notice an error\?|help us improve.*|ready to get started\?|get our media kit|"
    r"by signing up.*|enter your email.*|your email address.*|sign up.*newsletter.*|"
    r"we use cookies.*|this (?:site|website) uses cookies.*|accept (?:all )?cookies.*|"
    r"for immediate release|embargoed (?:until|for) .*|media (?:contact|enquiries|inquiries):?.*)$",
    _I,
)
FOOTER = regex.compile(
    r"^(?:subscribe(?: for updates| to .*| now| today)?|advertise(?: with us)?|leave a (?:reply|comment)|"
    r"more stories(?: today)?|more from (?:category|this author|.*)|related (?:stories|articles|posts|coverage|news)|"
    r"you (?:may|might) also like.*|recommended(?: for you)?|read (?:more|next)|trending(?: now)?|"
    r"follow .{2,40} on\b.*|get the .{2,40} newsletter.*|.{2,40} newsletter|sign up for .*|"
    r"tags?:.*|filed under.*|topics?:.*|©.*|\(c\) .*|copyright .*|all rights reserved.*|"
    r"reporting by .*|editing by .*|additional reporting by .*|comments?|about the author|"
    r"previous (?:article|post)|next (?:article|post)|cookie (?:policy|settings).*|privacy policy.*|terms of (?:use|service).*)$",
    _I,
)
DISCLAIMER = regex.compile(
    r"^(?:disclaimer|note|editor'?s note)\s*:.*\b(?:AI|artificial intelligence)\b"
    r"|\b(?:generated|written|produced|created|drafted|assisted|prepared|compiled)\b.{0,60}\b(?:using|with|by)\b.{0,40}\b(?:artificial intelligence|AI(?: tools?| models?| systems?)?)\b"
    r"|\bAI[- ](?:generated|assisted|written)\b"
    r"|^disclaimer\s*:",
    _I,
)
AI_SECTION = regex.compile(r"^(?:in-depth\s+)?AI\s+(?:insights?|analysis|summary|takeaways?)\b", _I)
BYLINE = regex.compile(
    r"^(?i:(?:written |posted |words |story |reported )?by)[:\s]+(?P<name>[\p{Lu}][\p{L}'’.-]+(?:\s+(?:[\p{Lu}][\p{L}'’.-]+|de|van|von|da|del|al|bin|le))*"
    r"(?:\s+(?:and|&)\s+[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+)*)?)"
    r"(?P<rest>.*)$"
)
AUTHOR_LABEL = regex.compile(r"^(?:author|reporter|writer)s?\s*:\s*(?P<name>.+)$", _I)
SOURCE_LINE = regex.compile(
    r"^source\s*:\s*(?P<outlet>.+?)(?:\s*(?:published|updated|posted|date)\s*:?\s*(?P<date>.*))?$", _I
)
DATE_LABEL = regex.compile(
    r"^(?:published|updated|posted|last updated|first published|date|dated|modified)(?:\s+on)?\s*:?\s*(?P<date>.+)$", _I
)
#: "Nov 1, 2025 — Beijing will ...": a story that opens with its date and a dash
#: or with its date and a comma, as press releases do: "4 July 2024, nine months after ..."
LEAD_DATE = regex.compile(
    r"^\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?,?\s+\d{4})(?:\s*(?:—|–|--|-)\s+(?=\p{Lu})|,\s+(?=\p{Ll}))"
)
#: A headline that opens with its date and a colon, as diaries and blogs do: "11 June 2026: Title"
DATED_TITLE = regex.compile(
    r"^\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?,?\s+\d{4}|\d{4}-\d\d-\d\d):\s+(?=\p{Lu})"
)
#: Separators between the items of a metadata line ("Author: Jane Doe | Date: 02/11/2025",
#: "Metals Monitor — 6 November 2025 — by Jane Doe").
META_SPLIT = regex.compile(r"\s+[|·•—]\s+")
#: Job titles after a byline's name: not an outlet.
JOB_TITLE = regex.compile(
    r"\b(?:correspondent|reporter|editor|writer|columnist|analyst|contributor|staff|journalist|producer|bureau chief)s?\b",
    _I,
)
#: Section labels above a headline ("Opinion", "Analysis"): never the outlet.
SECTION = regex.compile(
    r"^(?:opinion|analysis|commentary|comment|explainer|exclusive|live|breaking(?: news)?|business|world|markets?|"
    r"economy|politics|news|features?|editorial|column|insight|briefing|investigation|review)$",
    _I,
)
DATE_PREFIX = regex.compile(r"^\s*(?:date|published|updated)\s*:?\s+(?P<date>\d{4}-\d\d(?:-\d\d)?)\s+")
WIRE_DATELINE = regex.compile(
    r"^(?P<place>[\p{Lu}][\p{Lu}\p{L} .,'’-]{1,60}?)(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*\((?P<wire>[^()]{2,40})\)\s*(?:-|–|—|--)+\s*"
)
#: a press-release dateline: "DENVER, Colorado, November 4, 2025 /PRNewswire/ --", or a wire's
#: without the service: "WASHINGTON, Nov. 4, 2025 --"
RELEASE_DATELINE = regex.compile(
    r"^(?P<place>[\p{Lu}][\p{L} .,'’-]{1,60}?),\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s+\d{1,2},?\s+\d{4})"
    r"\s*(?:/(?P<wire>[^/]{2,40})/\s*)?(?:-|–|—|--)+\s*"
)
#: a wire's own dateline with the service between slashes: "BEIJING, March 10. /TASS/."
SLASH_WIRE_DATELINE = regex.compile(
    r"^(?P<place>[\p{Lu}][\p{Lu} .,'’-]{1,40}?),\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s+\d{1,2}(?:,?\s+\d{4})?)"
    r"\.?\s*/(?P<wire>[\p{L}][\p{L} -]{1,30})/\.?\s+"
)
PLACE_DATELINE = regex.compile(
    r"^(?P<place>[\p{Lu}][\p{Lu} .'-]{2,30}(?:,\s*[\p{L} .]{2,30})?)\s*(?:-|–|—|--)+\s+(?=\p{Lu})"
)
FOLLOW = regex.compile(r"^follow\s+(?P<outlet>.{2,40}?)\s+on\b", _I)
NEWSLETTER = regex.compile(r"\bget the\s+(?P<outlet>.{2,40}?)\s+newsletter\b", _I)
COPYRIGHT = regex.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<outlet>[^.|,·•]{2,50}?)(?:\s+[-–]\s|[.,|·•]|\s+all rights reserved|$)",
    _I,
)
COPYRIGHT_BEFORE = regex.compile(r"^(?P<outlet>[\p{L}][\p{L}&' -]{1,40}?)\s*(?:©|\(c\))\s*\d{4}", _I)
COMPANY_SUFFIX = regex.compile(
    r"\s+(?:GmbH|Ltd\.?|Limited|Inc\.?|LLC|PLC|S\.A\.|AG|Corp\.?|Co\.?|Media Group|Group|Holdings|Publishing)$"
)
NAV_SPLIT = regex.compile(r"\s{2,}|\s*[|>›»·•]\s*|\s+/\s+")
# Every NAV_SPLIT separator holds one of these characters or two spaces in a row: a line with
# none of them is one item, not a navigation line, and need not be split.
_NAV_SEPARATOR = regex.compile(r"[|>›»·•/]|\s\s")
DOMAIN = regex.compile(
    r"\b(?:www\.)?(?P<label>[a-z][a-z0-9-]{2,40})\.(?:com|net|org|news|io|co\.uk|co|info|biz|tv|media)\b", _I
)
BULLET = regex.compile(r"^\s*[•·▪●◦*-]\s+(?P<item>.+)$")
OUTLET_WORDS = regex.compile(
    r"\b(?:News|Times|Post|Wire|Daily|Journal|Herald|Tribune|Tech|Insider|Review|Report|Today|Media|Press|"
    r"Ledger|Gazette|Weekly|Monitor|Observer|Magazine|Network|Digest|Markets?|Finance|Business|Notes|Brief|Dispatch|Chronicle|"
    r"Desk|Newswire|Courier|Pulse|Watch|Stack|Wire|Bulletin|Letter|Times|Telegraph|Standard|Express|Mirror)$"
)
NAV_WORDS = {"home", "menu", "world", "news", "latest", "search", "login", "log in", "sign in", "subscribe"}
PERSON = regex.compile(r"^[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}]\.)?(?:\s+[\p{Lu}][\p{L}'’-]+){1,2}$")
MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
MD_LINK = regex.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\([^)]*\)")
MD_EMPH = regex.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
AI_TEXT = regex.compile(
    r"\b(?:generated|written|produced|created|drafted|assisted|prepared|compiled)\b.{0,60}\b(?:using|with|by)\b.{0,40}\b(?:artificial intelligence|AI)\b"
    r"|\bAI[- ](?:generated|assisted|written)\b|(?m:^\s*(?:in-depth\s+)?AI\s+insights?\b)",
    _I,
)


# Every branch of DISCLAIMER and AI_TEXT needs the word "AI", "artificial intelligence" or a
# leading "disclaimer"; these much simpler patterns rule most text out at a fraction of the cost.
_AI_MENTION = regex.compile(r"\b(?:AI|artificial intelligence)\b|^disclaimer", _I)
_AI_ANYWHERE = regex.compile(r"\b(?:AI|artificial intelligence)\b|disclaimer", _I)
# Under IGNORECASE the patterns' "i" also matches U+0130, their "I" U+0131 and "s" U+017F, which
# `lower()` does not turn into ASCII; every other letter of the words only matches its own cases.
_FOLD_ODDITIES = ("\u0130", "\u0131", "\u017f")
# Characters that are certainly word characters after `lower()`; no character outside `\w`
# lowers into one of them.
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _may_have_ai_word(text: str) -> bool:
    """False only when `_AI_ANYWHERE` cannot match: plain `str.find` for "ai" (frequent inside
    words such as "said") with a look at its neighbours, several times faster than the pattern."""
    if any(c in text for c in _FOLD_ODDITIES):
        return True
    low = text.lower()
    if "disclaimer" in low:
        return True
    n = len(low)
    for word in ("ai", "artificial intelligence"):
        i = low.find(word)
        while i != -1:
            j = i + len(word)
            if (i == 0 or low[i - 1] not in _ASCII_WORD) and (j == n or low[j] not in _ASCII_WORD):
                return True
            i = low.find(word, i + 1)
    return False


def may_mention_ai(text: str) -> bool:
    """False only when neither DISCLAIMER nor AI_TEXT can match `text`; a cheap pre-test."""
    return _may_have_ai_word(text) and _AI_MENTION.search(text) is not None


def first_ai_line(text: str) -> int | None:
    """Offset of the first line that may mention AI, or None when AI_TEXT cannot match `text`
    and DISCLAIMER cannot match any stripped line (or stripped tail of a line) of it.

    One scan instead of one per line: newlines and the whitespace `strip` removes are not word
    characters, so a word boundary inside a line is one in the whole text too.
    """
    if not _may_have_ai_word(text):
        return None
    m = _AI_ANYWHERE.search(text)
    return None if m is None else text.rfind("\n", 0, m.start()) + 1


def is_ai_text(text: str, first_line: int | None) -> bool:
    """`AI_TEXT.search(text)` given `first_ai_line(text)`. Every match holds the word AI (or
    "artificial intelligence") and can start on that word's own line, as the multi-line branch
    only adds blank space or an "In-depth" line before it, so the search starts there."""
    return first_line is not None and AI_TEXT.search(text[first_line:]) is not None


def is_disclaimer(line: str) -> bool:
    """`DISCLAIMER.search(line)`, with the pre-test first: most lines never mention AI."""
    return may_mention_ai(line) and DISCLAIMER.search(line) is not None


def nav_items(line: str) -> list[str] | None:
    """The items of a navigation or section line ("Home > World > Trade"), else None."""
    s = line.strip()
    if len(s) > 200 or s.endswith((".", "!", "?")) or not _NAV_SEPARATOR.search(s):
        return None
    items = [x.strip() for x in NAV_SPLIT.split(s) if x.strip()]
    if len(items) < 3 or any(len(x.split()) > 4 for x in items):
        return None
    return items


#: "Home / Metal News / China's ...": a trail of links from the site's home to the page; its last
#: item may be the whole headline, so it is known by its first item, not by short items.
BREADCRUMB = regex.compile(r"^(?:home|homepage|start|main page)\s*(?:/|>|›|»|\|)\s*\S", _I)
#: A photo caption's credit: "Beijing, June 11, 2025. /VCG", "(Image credit: Lynas)", "Photo: Jane Doe".
CAPTION = regex.compile(
    r"(?:\s/\s?[\p{Lu}][\p{L}.]{1,20}\s*$|^\(?(?:image|photo|picture|graphic)(?: credit)?s?\s*:|"
    r"\bphoto:\s*\S+(?:\s+\S+){0,3}\s*$|^\(image credit:)",
    _I,
)
#: A byline under a handle, not a name: "By bellecarter // 2025-11-11".
BYLINE_HANDLE = regex.compile(r"^by[:\s]+(?P<name>[\w.-]{3,30})\s*(?://|\||·|•|—|–)\s*(?P<rest>.*)$", _I)


#: The buttons of a share bar, which pages print as a line of names: "Facebook Twitter LinkedIn".
SOCIAL = frozenset(
    {
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "reddit",
        "pinterest",
        "instagram",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "mastodon",
        "email",
        "e-mail",
        "print",
        "copy",
        "link",
        "share",
        "messenger",
        "wechat",
        "weibo",
        "line",
        "flipboard",
        "pocket",
        "sms",
    }
)
#: A temperature in a short line is a weather widget: "Weather: light rain, 18°C".
TEMPERATURE = regex.compile(r"-?\d{1,3}\s?°\s?[CF]?\b")


_BAR_SPLIT = regex.compile(r"[\s|·•/,]+")


def is_share_bar(s: str) -> bool:
    # most lines are prose: the first word decides before the line is split
    if len(s) > 120 or s.split(None, 1)[0].strip("|·•/,").lower() not in SOCIAL if s.strip() else True:
        return False
    words = [w for w in _BAR_SPLIT.split(s.lower()) if w]
    return len(words) >= 2 and all(w in SOCIAL for w in words)


def is_furniture(line: str) -> bool:
    """Lines that are never story, wherever they stand."""
    s = line.strip().strip("•·▪●◦*-| ").strip()
    return bool(
        ("°" in s and (WEATHER.match(s) or (len(s) < 60 and TEMPERATURE.search(s))))
        or is_share_bar(s)
        or COUNTER.match(s)
        or SHARE.match(s)
        or nav_items(s)
        or (("/" in s or ">" in s or "›" in s or "»" in s or "|" in s) and BREADCRUMB.match(s))
        or (len(s) < 120 and ("/" in s or ":" in s) and CAPTION.search(s))
    )


def is_kicker(line: str) -> bool:
    """A label in capitals above or beside a headline ("EXPORT CONTROL GUIDE · 2026", "CHOOSE YOUR
    LANGUAGE"): shouting, not a headline."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(line.split()) <= 8


def copyright_before(line: str) -> regex.Match[str] | None:
    """`COPYRIGHT_BEFORE.match(line)`, skipped (it backtracks) when there is no © or (c) at all."""
    if "©" not in line and "(c)" not in line.lower():
        return None
    return COPYRIGHT_BEFORE.match(line)


def looks_like_headline(line: str) -> bool:
    s = line.strip()
    words = s.split()
    if not 3 <= len(words) <= 30 or len(s) > 240:
        return False
    if s.endswith((".", ",", ":", ";")) and not s.endswith("..."):
        return False
    if s[0].islower() or not (s[0].isalnum() or s[0] in "\"'“‘[(¿¡"):
        return False
    if is_kicker(s):
        return False
    if len(words) <= 8 and DOMAIN.search(s) and not s.endswith(("?", "!")):
        return False  # "Daily News from ExampleSite.com": the site's name and tagline
    return not (is_furniture(s) or FOOTER.match(s) or BYLINE.match(s) or DATE_LABEL.match(s))
