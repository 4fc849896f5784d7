"""The template loader: every piece of report HTML comes from the Jinja2 templates in
``swlib/templates/``, with autoescaping on.

Python hands the templates plain data (strings, numbers, lists and dicts built by
``swlib.views``); a template escapes every one of them. The only text let through as markup is
free text that ``narrative`` has already passed through nh3 (``narrative.sanitise``), and the
fragments these templates themselves produced (``Fragment``).

Layout, in ``swlib/templates/``:
- ``shared/macros.html.j2``: the pieces every report uses (status cell, tables, legend, banner,
  chart figure, icons, glossary, sources, table of contents);
- ``shared/report.html.j2``: a report's body (title, banner, contents, then each section);
- ``<report>/report.html.j2``: the report's own list of sections (number, id, title), its title,
  and what each section shows (a macro per section, most of them calling the shared macros);
- ``shared/page_header.html.j2``, ``shared/page_footer.html.j2``: the head and foot of a report's
  page, rendered here like every other template;
- ``index/index.html.j2`` (the batch index), ``explorer/view.html.j2`` (the measure explorer),
  ``shared/report.css`` (the stylesheet of every page);
- ``nbconvert/swreport/``: nbconvert's own template folder (its only one): the page that places
  the executed notebook's outputs between that head and foot.
"""

from __future__ import annotations

import base64
import hashlib
import traceback
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from . import formatting
from .errors import ConfigError
from .template_cache import bytecode_cache

TEMPLATES = Path(__file__).parent / "templates"
MACROS = "shared/macros.html.j2"


class Fragment(Markup):
    """A piece of report HTML made by a template; shows as HTML in a notebook. Adding plain
    text to it escapes the text."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # the notebook's text/plain: short, the HTML is what matters
        return f"<report HTML, {len(self):,} characters>"


@lru_cache(maxsize=1)
def environment():
    import jinja2  # on first render: ``outputs`` imports this module before a batch's kernels start

    class Undefined(jinja2.StrictUndefined):
        """A name a template misspells is an error when printed; an absent optional field
        (``{% if row.note %}``) is simply false."""

        def __bool__(self) -> bool:
            return False

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=bytecode_cache("swlib"),  # compiled once, not in every kernel (swlib.template_cache)
    )
    env.globals.update(STATUS_ICONS=formatting.STATUS_ICONS, SYMBOL=formatting.SYMBOL)
    env.filters["slug"] = formatting.slug
    return env


def render(template: str, **context) -> Fragment:
    """One template, rendered with ``context``."""
    with named_template(template):
        return Fragment(without_blank_lines(environment().get_template(template).render(**context)))


def macro(name: str, *args, **kwargs) -> Fragment:
    """One macro of the shared macros, called with plain data."""
    with named_template(MACROS):
        fn = getattr(environment().get_template(MACROS).module, name)
        return Fragment(without_blank_lines(str(fn(*args, **kwargs))))


@contextmanager
def named_template(template: str):
    """A template that fails says which file and line, in words: an analyst who edited it
    reads "templates/quarterly/report.html.j2, line 18: ...", not a traceback (IPython
    cannot even format one through a template's frames)."""
    try:
        yield
    except Exception as e:
        if isinstance(e, ConfigError):
            raise
        where = [f for f in traceback.extract_tb(e.__traceback__) if f.filename.endswith(".j2")]
        file, line = (
            (where[-1].filename, where[-1].lineno)
            if where
            else (getattr(e, "filename", None), getattr(e, "lineno", None))
        )
        name = Path(file).resolve().relative_to(TEMPLATES.parent).as_posix() if file else f"templates/{template}"
        raise ConfigError(f"{name}{f', line {line}' if line else ''}: {type(e).__name__}: {e}") from None


def sections(report: str) -> list[dict]:
    """A report's sections as its template lists them: number, id, title (and fixed parts)."""
    with named_template(f"{report}/report.html.j2"):  # the first to read it: a syntax error is named here
        return list(environment().get_template(f"{report}/report.html.j2").module.sections)


def heading_text(section: dict) -> str:
    """A section's heading as printed: "5. Finance", or "Glossary" for an unnumbered one."""
    return f"{section['number']}. {section['title']}" if section.get("number") else section["title"]


def section_title(report: str, section_id: str) -> str | None:
    return next((heading_text(s) for s in sections(report) if s["id"] == section_id), None)


def numbered(parts: list[dict], number: str | int | None) -> list[dict]:
    """Each part with its heading text: "3.1 Children and families" under a numbered section,
    the bare title otherwise. The contents and the headings both read this text."""
    return [{**p, "text": f"{number}.{i} {p['title']}" if number else p["title"]} for i, p in enumerate(parts, start=1)]


def outline(report: str, context: dict) -> list[dict]:
    """The report's sections in the template's order, each with its heading text and its parts
    (listed by the template, or given by the section's data): what the contents list and the
    headings print."""
    out = []
    for s in sections(report):
        view = context.get(s["id"])
        parts = s.get("parts") or (view.get("parts") if isinstance(view, dict) else None) or []
        parts, empty = with_words(parts, context.get("narrative"))
        number = s.get("number") if s.get("number_parts", True) else None
        out.append({**s, "text": heading_text(s), "parts": numbered(parts, number), "empty_parts": empty})
    return out


def with_words(parts: list[dict], narrative: dict | None) -> tuple[list[dict], list[dict]]:
    """A section's parts that have something to print, and those that are the CSWO's words only
    (``"narrative"``) with none given: these get no heading, contents line or bookmark, and the
    section lists them once (the annual reports printed four headed "No narrative was provided" in
    a row, D&G and SLC section 4)."""
    if narrative is None:
        return parts, []
    empty = [p for p in parts if p.get("narrative") and not narrative.get(p["narrative"])]
    return [p for p in parts if p not in empty], empty


def report_css() -> str:
    return (TEMPLATES / "shared" / "report.css").read_text(encoding="utf-8")


def page_css(extra: str = "") -> tuple[str, str]:
    """The stylesheet as it stands in a page (no blank lines: pages are printed without them)
    and its Content-Security-Policy hash, which must be of exactly that text."""
    css = without_blank_lines(report_css() + extra)
    return css, "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()


def without_blank_lines(text: str) -> str:
    """Blank lines a template's layout left are dropped (they mean nothing in HTML; and a
    stylesheet's hash is of the text as the page holds it, without them)."""
    return "\n".join(line for line in text.splitlines() if line.strip())
