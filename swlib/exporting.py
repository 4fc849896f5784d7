"""The executed report notebook exported as one self-contained HTML page (``swlib.rendering``
runs the notebook, then calls ``export``): nbconvert's exporter with swreport's page template
(``templates/nbconvert/swreport``), made once a process, and the page's head and foot from the
report templates; the printed page's CSS (A4, the running head, page numbers); the cells' tags
that say what each builds, kept out of the page. The same notebook gives the same bytes.

nbconvert and nbformat are imported where they are used, as in ``rendering``.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import reports
from .config import council_settings, public_name
from .notebook_view import report_html
from .periods import Period, made_at
from .template_cache import bytecode_cache
from .templating import page_css, without_blank_lines
from .templating import render as render_template
from .version import __version__

if TYPE_CHECKING:
    import nbformat


TEMPLATES = Path(__file__).parent / "templates"


def subject_name(ds, report: str, council: str) -> str:
    """Whom a report is about, as its pages and the index name it."""
    r = reports.get(report)
    return ds.council_name(council) if r.per_council else r.subject


# a report notebook's cells are tagged with what they build: "section:<id>" (the id its template
# gives the section) or "layout" (the last cell: the template lays the report out); and with the
# data they read, to say in words where a failure came from: "reads:<table>", one tag a table
SECTION_TAG, LAYOUT_TAG, READS_TAG = "section:", "layout", "reads:"


def css_string(text: str) -> str:
    """A CSS string literal of ``text`` that nothing can break out of (every character that is
    not a plain letter, digit, space or simple punctuation is escaped)."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.:;()/-'&")
    return '"' + "".join(ch if ch in safe else f"\\{ord(ch):06x} " for ch in text) + '"'


def print_css(running_head: str, landscape: bool) -> str:
    """The printed committee paper: A4 (landscape for the quarterly report's wide tables, as
    councils print them), the council, report and period at the top of every page, and page
    numbers at the foot, each in its 14 mm margin."""
    return (
        f"@page {{ size: A4 {'landscape' if landscape else 'portrait'}; margin: 14mm;"
        f" @top-left {{ content: {css_string(running_head)}; font: 9pt sans-serif; color: #333; }}"
        ' @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #333; } }\n'
        "@page wide { size: A4 landscape; }\n"  # wide tables (class page: wide in report.css)
        # a landscape report is all one named page: its wide tables start no new page; its glossary
        # in three columns across the page, not two (D&G's 35 terms took a page, the sources the next)
        + (
            "@media print { body { page: wide; }"
            " dl.glossary { columns: 3; line-height: 1.15; } dl.glossary > div { margin-bottom: 0.1rem; } }\n"
            if landscape
            else ""
        )
    )


def generated_stamp() -> str:
    return made_at().strftime("%-d %B %Y %H:%M UTC")


def export(nb: nbformat.NotebookNode, report: str, council: str, P: Period, audience: str, ds) -> str:
    """HTML from the executed notebook with swreport's page template (the report's own template,
    run in the notebook, made the body and its table of contents)."""
    import nbformat  # as in rendering.render: imported when a report renders, not by the CLI's start

    body_nb = nbformat.from_dict(nb)
    body_nb.cells = [c for c in body_nb.cells if not _hidden(c) and (c.cell_type != "code" or c.get("outputs"))]
    for c in body_nb.cells:  # what a cell builds is for messages, not a class in the page
        if "tags" in c.metadata:
            c.metadata.tags = [
                t for t in c.metadata.tags if t != LAYOUT_TAG and not t.startswith((SECTION_TAG, READS_TAG))
            ]

    for o in (o for c in body_nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})):
        html = o["data"]["text/html"]  # the report as the notebook shows it: the page has its stylesheet already
        o["data"]["text/html"] = report_html("".join(html) if isinstance(html, list) else html)
    exporter = html_exporter()
    r = reports.get(report)
    name = subject_name(ds, report, council)
    name = public_name(name, council, audience) if r.per_council else name  # councils.csv's words, checked
    period_label = r.period_label(P)
    title = f"{name}: {r.title}, {period_label}"
    edition = "" if r.footer else " · Public version" if audience == "public" else " · Internal: not for publication"
    css, style_hash = page_css(print_css(f"{name} · {r.title}, {period_label}{edition}", landscape=r.landscape))
    page = {
        "title": title, "council_name": name, "report_name": r.title, "period_label": period_label,
        "audience": audience, "has_footer": bool(r.footer), "css": Markup(css), "style_hash": style_hash,
        "version": __version__, "generated": generated_stamp(), "data_name": Path(ds.path).name,
        # the PDF's Author: the council and the report's owner (page 1's); the national overview has no
        # author to name (the Improvement Service publishes its figures but did not write it): none
        "author": f"{name}, {council_settings(council).owner}" if r.per_council else None,
        "footer": r.footer or ("Figures marked [c] are suppressed to protect confidentiality." if audience == "public"
                               else "For internal use: small numbers are not suppressed."),
    }  # fmt: skip
    resources = {  # the page's head and foot from swreport's templates (autoescaped); nbconvert places them
        "swreport": {
            "page_header": str(render_template("shared/page_header.html.j2", **page)),
            "page_footer": str(render_template("shared/page_footer.html.j2", **page)),
        },
        "metadata": {"name": title},
    }
    with _EXPORTING:  # one exporter for the process: a batch's worker threads export in turn
        page, _ = exporter.from_notebook_node(body_nb, resources=resources)
    return without_blank_lines(page) + "\n"


_EXPORTING = threading.Lock()


@lru_cache(maxsize=1)
def html_exporter():
    """One nbconvert exporter for the process (its templates compiled once), with swreport's page
    template; inputs, prompts and cells tagged ``remove_cell`` are left out."""
    from nbconvert import HTMLExporter  # as nbformat in export
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from traitlets.config import Config

    class Exporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter's own version then parses the whole page with BeautifulSoup to give
            # alt text to images without it and tabindex to JupyterLab cells; swreport's page has
            # neither (every figure has its alt text), so the page is the template's, as written
            resources = self._init_resources(resources)
            lexer = nb.metadata.get("language_info", {}).get("pygments_lexer")
            self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            self.register_filter(
                "filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                          resources=resources),
            )  # fmt: skip
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = ("remove_cell",)
    c.TagRemovePreprocessor.enabled = True
    # markdown headings keep their ids (the table of contents links to them) but show no "¶":
    # the empty anchor link is hidden by the stylesheet, so no reader or screen reader meets it
    c.HTMLExporter.anchor_link_text = ""
    # the notebook is validated once, after the preprocessors, not after each of them (about a dozen)
    c.HTMLExporter.optimistic_validation = True
    exporter = Exporter(config=c, extra_template_basedirs=[str(TEMPLATES / "nbconvert")], template_name="swreport")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.environment.bytecode_cache = bytecode_cache("nbconvert")  # swlib.template_cache
    _compile_templates(exporter)
    return exporter


def _compile_templates(exporter) -> None:
    """Export a one-cell notebook and forget it: jinja compiles the page template and those it
    extends and includes (and nbconvert sets up its markdown renderer) on first use, about 0.1 s
    of CPU. ``html_exporter`` is first called while a report's kernel runs its cells (``render``'s
    ``Meanwhile``), so a single run pays that then, not after the last cell."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # as nbformat in export

    cell = new_code_cell(outputs=[new_output("display_data", data={"text/html": "-", "text/plain": "-"})])
    nb = new_notebook(cells=[new_markdown_cell("# -"), cell])
    with _EXPORTING:
        exporter.from_notebook_node(nb, resources={"swreport": {"page_header": "", "page_footer": ""}})


def _hidden(cell) -> bool:
    tags = cell.metadata.get("tags", [])
    return "remove_cell" in tags or "parameters" in tags or "injected-parameters" in tags
