"""Free text made safe: officers' comments and the CSWO's narrative markdown.

All free text is untrusted. Markdown is rendered with markdown-it, then everything passes
through nh3 (the Rust ammonia sanitiser) allowing only basic formatting and links with
http, https or mailto. Council systems export comments with <p> and <ul>: they still
render as paragraphs and lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3
from markupsafe import Markup

from .config import council_settings
from .errors import SwError
from .limits import check_narrative
from .loading import load
from .periods import fy_text
from .printed import lazily
from .public_text import narrative_cleared, public_narrative
from .publishing import printed_series
from .schema import NARRATIVE_SECTIONS as SECTIONS  # the notebooks read it here too
from .schema import narrative_dir
from .shown_text import ALLOWED_TAGS, markdown_parser, shift_headings  # the small-number check reads what these print
from .templating import macro
from .uncleared import cleared_narrative

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def sanitise(fragment: str) -> Markup:
    """Keep basic formatting; drop scripts, handlers, styles, iframes and unsafe links. This is
    the one place free text becomes markup the templates print as it is."""
    return Markup(nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ))  # fmt: skip


def markdown_html(text: str) -> Markup:
    """Markdown (which may contain HTML) to sanitised HTML. Headings drop two levels (# -> h3)."""
    return sanitise(shift_headings(markdown_parser().render(text)))


def comment_html(text) -> Markup:
    """An officer's comment: HTML from council systems kept as basic formatting; plain text
    escaped, its lines kept."""
    if text is None or (isinstance(text, float) and text != text):
        return Markup("")
    s = str(text)
    if _TAG.search(s):
        return sanitise(s)
    return macro("lines", s.splitlines())


def section_file(data_path: Path, council: str, year: str, name: str) -> str:
    """Where the CSWO writes a section's words, named from the data set in use as the analyst
    finds it: ``data/narrative/<council>/<year>/<section>.md`` for a data folder called data, the
    ``narrative`` folder beside the workbook for a workbook (never a full local path)."""
    base = Path(data_path)
    where = f"narrative/{council}/{year}/{name}.md"
    return f"{where} beside {base.name}" if base.is_file() else f"{base.name}/{where}"


def printed_by(data_path: Path, council: str, year: str, ds=None, perf=None):
    """The public report's printed figures (``publishing.printed_series``), worked out on first need; none
    where the folder holds narrative but no data set to print figures from. ``ds`` and ``perf``: the
    report's data set and its public performance table for ``year``, where the caller has them (the
    notebook's: not loaded and worked out again)."""

    def figures():
        try:
            data = ds if ds is not None else load(data_path)
            return printed_series(data, council, year, council_settings(council).suppress_max, perf=perf)
        except SwError:
            return []

    return lazily(figures)


def section(
    data_path: Path, council: str, year: str, name: str, audience: str = "internal", printed=None
) -> Markup | None:
    """The CSWO's words for a section as sanitised HTML, or None when there is none. For the
    public, a paragraph that mentions a small number is withheld unless cleared (front matter,
    see ``public_text.narrative_cleared``). ``printed``: the public report's printed figures
    (``printed_by``), shared by its sections (``sections_of``); worked out for this one if None."""
    f = narrative_dir(data_path) / council / year / f"{name}.md"
    check_narrative([f], lambda _: section_file(data_path, council, year, name))
    try:
        raw = f.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if audience == "public":
        cfg = council_settings(council)
        public = cleared_narrative if cfg.public_text == "cleared" else public_narrative  # the policy (public_text)
        text, _ = public(text, cfg.suppress_min, cfg.suppress_max, printed or printed_by(data_path, council, year))
    else:
        text = narrative_cleared(text)[2]  # the front matter is for officers, not readers
    return markdown_html(fy_text(text)) if text.strip() else None  # 2023/24, as the report prints it


def sections_of(
    data_path: Path, council: str, year: str, audience: str = "internal", ds=None, perf=None
) -> dict[str, Markup | None]:
    """The CSWO's words for every section of the annual report (``section``, by ``SECTIONS``); a
    public report's printed figures worked out once for all of them, on first need, from ``ds`` and
    ``perf`` (the report's data set and public performance table) where given (``printed_by``)."""
    printed = printed_by(data_path, council, year, ds, perf) if audience == "public" else None
    return {name: section(data_path, council, year, name, audience, printed) for name in SECTIONS}
