"""Free text as a reader of a report sees it, for the small-number check (``swlib.small_numbers``).

A comment or a narrative paragraph is printed after its markdown is rendered and nh3 has
sanitised it (``swlib.narrative``): `**47**` prints as 47, `&#51;` as 3, `Tw<span>o</span>` as
Two, `tw&shy;o` as two. ``shown_texts`` gives the plain text of each way a field can be printed
(markdown rendered and sanitised, as the narrative and the actions are; sanitised without markdown,
as a comment with HTML in it is), entities decoded, tags stripped, soft hyphens and zero-width
characters removed, so that the check reads what the reader reads, not the source.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

# the tags the sanitiser keeps (``swlib.narrative.sanitise``)
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a", "blockquote", "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr", "sup", "sub", "code"}  # fmt: skip
# characters a browser draws as nothing (or as a hyphen only at a line break): removed
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")  # fmt: skip
# anything that can make the printed text differ from the source
_MARKUP = re.compile(r"[<>&*_`\\\[\]]|[^\x00-\x7f]")
# tags whose content a reader never sees (nh3 drops it)
_HIDDEN = {"script", "style"}
# tags that end a line or a paragraph when printed (of ALLOWED_TAGS: the sanitiser drops any other)
# a table's rows are lines of one paragraph, as a reader reads them together ("Q1 41", "Q2 44": 3)
_BREAK = {"br": "\n", "td": " ", "th": " ", "tr": "\n", "thead": "\n", "tbody": "\n"}
_BLOCK = {"p", "li", "ul", "ol", "table", "caption", "blockquote", "h3", "h4", "h5"}  # fmt: skip
# what a printed page keeps of a link or an abbreviation besides its text: the address (its words:
# "/secure-placements-3-children" is "secure placements 3 children"; "2022-23" stays a range) and the title
_ATTRIBUTES = {"a": ("href", "title"), "abbr": ("title",)}
_URL_SEPARATOR = re.compile(r"(?<!\d)[-_/?=&#+.:%~]+|[-_/?=&#+.:%~]+(?!\d)")


def shift_headings(rendered: str) -> str:
    """Rendered markdown's headings two levels down (# -> h3, at most h5), as a report prints them
    under its own section headings."""
    return re.sub(r"<(/?)h([1-4])>", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 5)}>", rendered)


@lru_cache(maxsize=1)
def markdown_parser():
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


class _Text(HTMLParser):
    """The text of sanitised HTML, entities decoded, a paragraph break for each block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.attributes: list[str] = []  # each link's address (as words) and title, each a paragraph
        self.tables = 0  # how deep in tables: a blank line between rows does not end the table's paragraph

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        self.tables += tag == "table"
        for name, value in attrs:
            if value and name in _ATTRIBUTES.get(tag, ()):
                self.attributes.append(_URL_SEPARATOR.sub(" ", value).strip() if name == "href" else value)
        self.parts.append(_BREAK.get(tag, "\n\n" if tag in _BLOCK else ""))

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        self.tables = max(0, self.tables - (tag == "table"))
        self.parts.append("\n\n" if tag in _BLOCK else "")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(" " if self.tables and not data.strip() else data)


def plain(html: str, attributes: bool = False) -> str:
    """The text a browser prints for sanitised ``html``: tags stripped (a paragraph break for each
    block), entities decoded, invisible characters removed, compatibility forms folded (NFKC).
    ``attributes``: instead, the links' addresses and titles the sanitised html keeps, a paragraph each."""
    p = _Text()
    p.feed(nh3.clean(html, tags=ALLOWED_TAGS, strip_comments=True))  # as printed: any other tag goes, its text stays
    p.close()
    parts = ["\n\n".join(p.attributes)] if attributes else p.parts
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", "".join(parts)))
    text = re.sub(r"[ \t]*\n[ \t]*(?:\n[ \t]*)+", "\n\n", text)  # one blank line between blocks
    return text.strip()


def shown_texts(text: str) -> list[str]:
    """The plain text of each way free text can be printed, where it differs from the source:
    markdown rendered then sanitised (narrative, actions), and sanitised as HTML (a comment); and
    the addresses and titles of the links each keeps (a reader sees them on hover and in the source)."""
    if not isinstance(text, str) or not _MARKUP.search(text):
        return []
    out = []
    rendered = shift_headings(markdown_parser().render(text))
    for variant in (plain(rendered), plain(text), plain(rendered, True), plain(text, True)):
        if variant and variant != text.strip() and variant not in out:
            out.append(variant)
    return out
