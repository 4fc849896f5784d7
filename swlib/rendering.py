"""Execute a report notebook with papermill and export one self-contained HTML file.

The HTML has no code, no prompts, no scripts and makes no external request (a
Content-Security-Policy forbids them). The same inputs give the same bytes: cell ids,
figure ids and metadata are fixed, and the "generated" stamp honours SOURCE_DATE_EPOCH.
Files are written atomically: a failed or interrupted run never leaves a half report.

papermill, nbconvert, nbformat and ``loading`` (pandas) are imported where they are used: the
command line imports this module before a report's kernel starts.
"""

from __future__ import annotations

import os
import threading
import uuid
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import published, reports, workforce
from .config import AUDIENCES, council_settings, describe_data, notebooks_dir, params_dir, public_name
from .errors import ConfigError, ReportError
from .kernels import KernelSession, run_dir
from .limits import check_narrative
from .loading import load
from .meanwhile import Meanwhile
from .notebook_view import report_html
from .outputs import check_target, out_dir, output_paths, remove_stale_temporaries, write_atomic
from .periods import Period, made_at
from .publishing import shown_path
from .scheduling import is_relative, resolve_one
from .schema import narrative_dir
from .status import performance
from .template_cache import bytecode_cache
from .templating import _css, page_css, section_title, without_blank_lines  # noqa: F401 (_css: the stylesheet, for tests)
from .templating import render as render_template
from .version import __version__

if TYPE_CHECKING:
    import nbformat

TEMPLATES = Path(__file__).parent / "templates"


def check_request(
    report: str, council: str, period, audience: str, data, *, whole=None, typed: Period | None = None
) -> tuple[Period, object]:
    """Validate everything before a kernel starts: bad input is exit 2, not a failed run. ``whole``:
    the data set read from ``data`` already (the run that named the council by it), not read again;
    ``typed``: ``period`` read already (``Period.parse``), not read again."""
    r = reports.get(report)
    if audience not in AUDIENCES:
        raise ConfigError(f"unknown audience {audience!r}: expected one of {', '.join(AUDIENCES)}")

    P = None if is_relative(period) else r.period(period, typed)
    # a council's report reads its council's rows
    ds = load(data, council=council if r.per_council else None, whole=whole)
    if not r.per_council and council != r.filed_under:
        raise ConfigError(f"the {report} report covers every council: give no council (found {council!r})")
    if r.needs_benchmarks and ds.benchmarks.empty:
        raise ConfigError(f"the {report} report needs the LGBF panel, and {describe_data(ds.path)} has no benchmarks: "
                          "make them with 'swreport import lgbf WORKBOOK'")  # fmt: skip
    if r.per_council:
        ds.council_name(council)
        check_narrative(narrative_dir(ds.path) / council, shown_path)  # before a kernel reads it (exit 2)
    return P or resolve_one(report, period, ds, council), ds


def render(
    report: str,
    council: str,
    period,
    audience: str = "internal",
    data=None,
    out=None,
    *,
    ds=None,
    councils=None,
    session: KernelSession | None = None,
    meanwhile=None,
) -> Path:
    """Render one report; returns the path of the HTML written (``council`` is ignored, and may be
    None, for the national report; ``councils``, a list of council ids, restricts the councils
    the national report shows, not how they are ranked). ``session``: a kernel to run it in (a
    batch worker's warm kernel); without one, a kernel is started first and boots while the
    data is checked, and is stopped once the report has run. ``meanwhile``: a function the
    caller needs after the report (reading only), called in a thread while the kernel runs the
    cells (``swlib.meanwhile``); it should keep its own result and errors."""
    own = session is None
    if own:
        session = KernelSession(notebooks_dir(), imports=reports.get(report).kernel_imports).start()
    try:
        r = reports.get(report)
        if not r.per_council:
            council = r.filed_under
        P, ds = (
            check_request(report, council, period, audience, data)
            if ds is None
            else (report_period(report, period), ds)
        )
        html_path, nb_path = output_paths(report, council, P, audience, out)
        check_target(html_path, out), check_target(nb_path, out)  # inside --out, before the work
        remove_stale_temporaries(html_path.parent)
        extra = {} if r.per_council else {"councils": ",".join(check_councils(ds, councils))}
        failed = nb_path.with_suffix(".failed.ipynb")
        import papermill  # noqa: F401 (imported here, not beside the thread's imports: one importer at a time)

        # while the kernel runs the cells: the exporter, and what a public report records
        public = audience == "public" and r.per_council
        work = (
            [_exporter]
            + ([lambda: _printed(ds, council, P, out, report)] if public else [])
            + ([meanwhile] if meanwhile else [])
        )
        later = Meanwhile(*work)
        try:
            nb = execute(
                report, council, P, audience, ds.path, failed_path=failed, extra=extra, session=session, out=out
            )
        finally:
            later.join()
    finally:
        if own:
            session.close()
    nb.metadata.papermill["output_path"] = nb_path.name  # not the scratch file it was executed as
    page = export(nb, report, council, P, audience, ds)
    import nbformat  # nbformat, papermill and nbconvert: imported when a report renders, not by the CLI's start

    html_path.parent.mkdir(parents=True, exist_ok=True)
    check_target(html_path, out), check_target(nb_path, out)  # a link made while the report ran
    if public:  # what it prints, for later public runs to difference against: recorded before the report is out,
        # so a run stopped between the two leaves the record ahead of the public tree (safe), never behind it
        published.write(published.figures_path(nb_path), later.result(1))
    write_atomic(nb_path, nbformat.writes(nb).encode("utf-8"))
    write_atomic(html_path, page.encode("utf-8"))
    if failed.exists():
        failed.unlink()
    return html_path


def _printed(ds, council: str, P: Period, out=None, report: str = "quarterly"):
    """The figures a council's public report prints (as ``swlib.published`` records them): as it
    prints them, set against the record in ``out`` as the report's kernel is, and every figure the
    data give (as with no record). Both: a figure the record hides can leave another printed that
    the data alone would hide (of three percentages of one base, one hidden as revised leaves the
    other two printed), and a figure printed must be in the record. A report with the workforce
    table: its headcounts too (``swlib.workforce``)."""
    record = published.read(council, out_dir(out))
    seen = performance(ds, council, P, audience="public", published=record).attrs["printed"]
    if "workforce" in reports.get(report).free_text:  # the annual report prints the workforce table
        cfg = council_settings(council)
        seen += workforce.printed(ds, council, P, record, cfg.suppress_min, cfg.suppress_max)
    return seen + performance(ds, council, P, audience="public", published=published.empty()).attrs["printed"]


def subject_name(ds, report: str, council: str) -> str:
    """Whom a report is about, as its pages and the index name it."""
    r = reports.get(report)
    return ds.council_name(council) if r.per_council else r.subject


def report_period(report: str, period) -> Period:
    """The period a report is for: a year for the annual report; for the quarterly report a
    quarter, half or month (a year means its fourth quarter)."""
    return reports.get(report).period(period)


def check_councils(ds, councils, national: bool = True) -> list[str]:
    """Council ids from a list or a comma-separated string ("all", None or empty: none chosen,
    which means every one). The national report knows every council of the LGBF panel; the
    council reports only those in councils.csv."""
    if councils in (None, "", "all", ["all"]):
        return []
    chosen = [c.strip() for c in (councils.split(",") if isinstance(councils, str) else councils) if c.strip()]
    known = list(ds.councils["council"])
    if national:
        known += sorted(set(ds.benchmarks["council"]) - set(known) - {reports.SCOTLAND})
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ConfigError(f"unknown council(s) {', '.join(unknown)} in {describe_data(ds.path)}: expected some of "
                          f"{', '.join(known)}{describe_data(ds.path, hint=True)}")  # fmt: skip
    return list(dict.fromkeys(chosen))


def execute(
    report: str,
    council: str,
    P: Period,
    audience: str,
    data_path,
    failed_path: Path,
    extra: dict | None = None,
    *,
    session: KernelSession,
    out=None,
) -> nbformat.NotebookNode:
    """Run the report's notebook with papermill in ``session``'s kernel. A kernel that dies or
    hangs is stopped (the session starts a new one for the next report); the report fails with a
    ReportError."""
    from nbclient.exceptions import CellTimeoutError  # papermill and nbclient as nbformat in render
    from papermill.engines import papermill_engines
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import prepare_notebook_metadata, raise_for_execution_errors, remove_error_markers
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    source = notebooks_dir() / reports.get(report).notebook
    params = {"council": council, "period": str(P), "audience": audience, "data": str(Path(data_path).resolve())}
    params.update(extra or {})
    stat = source.stat()
    unknown = sorted(set(params) - _declared(str(source), stat.st_mtime_ns, stat.st_size))
    if unknown:
        raise ConfigError(
            f"{source.name} does not declare the parameter(s) {', '.join(unknown)} in its 'parameters' cell"
        )
    failed_path.parent.mkdir(parents=True, exist_ok=True)
    # the notebook being executed lives outside the outputs: a killed run leaves nothing there
    running = run_dir() / f"{uuid.uuid4().hex[:8]}-{failed_path.stem}.running.ipynb"
    try:
        # the kernel runs in the notebooks folder: it reads the caller's settings, not the ones there
        # and the record of what public reports printed in the outputs folder it writes to (swlib.published)
        km = session.prepare(
            {"SWREPORT_PARAMS": str(params_dir().resolve()), "SWREPORT_OUT": str(out_dir(out).resolve()),
             **{k: os.environ[k] for k in ("SOURCE_DATE_EPOCH",) if k in os.environ}}  # page 1's issue date
        )  # fmt: skip
        # pm.execute_notebook's steps, less its writes: a report's executed notebook (about 270,000
        # characters) is serialised once, by render; only a failed one is written here, marked at its cell
        nb = parameterize_notebook(load_notebook_node(str(source)), params, kernel_name="python3")
        nb = remove_error_markers(prepare_notebook_metadata(nb, str(source), str(running)))
        nb = papermill_engines.execute_notebook_with_engine(
            None, nb, "python3", input_path=str(source), output_path=None, progress_bar=False,
            km=km, log_output=False, execution_timeout=session.timeout,
        )  # fmt: skip
        raise_for_execution_errors(nb, str(running))  # a cell failed: written to running, and raised
    except PapermillExecutionError as e:
        kept, tags = None, ()
        if running.exists():
            write_atomic(failed_path, running.read_bytes())  # kept for diagnosis, marked at the failing cell
            kept, tags = failed_path, failed_cell_tags(running, e.source)
        raise ReportError(
            report,
            council,
            str(P),
            failure_message(e.cell_index, e.ename, e.evalue, report, tags),
            notebook=kept,
            bad_input=e.ename in BAD_INPUT_ERRORS,
        ) from None
    except CellTimeoutError:
        session.close()  # hung: killed, and the next report gets a new kernel
        raise ReportError(
            report, council, str(P),
            f"a cell ran for more than {session.timeout:g} s, so the kernel was taken to have hung and was stopped "
            "(set SWREPORT_CELL_TIMEOUT to allow longer)",
        ) from None  # fmt: skip
    except Exception as e:  # the kernel died or could not start: replaced for the next report
        session.close()
        what = (
            "the kernel died while running the report" if type(e).__name__ == "DeadKernelError" else "the kernel failed"
        )
        raise ReportError(report, council, str(P), f"{what} ({type(e).__name__}: {e})") from None
    finally:
        running.unlink(missing_ok=True)
        session.after_report()
    return tidy(nb)


@lru_cache(maxsize=16)
def _declared(source: str, mtime_ns: int, size: int) -> frozenset[str]:
    """The parameters a notebook declares, read once per version of the file (papermill reads and
    validates the whole notebook for them: about 5 ms of a batch's time a report)."""
    import papermill as pm  # as nbformat in render

    return frozenset(pm.inspect_notebook(source))


BAD_INPUT_ERRORS = ("DataError", "ConfigError", "PeriodError")
# a report notebook's cells are tagged with what they build: "section:<id>" (the id its template
# gives the section) or "layout" (the last cell: the template lays the report out); and with the
# data they read, to say in words where a failure came from: "reads:<table>", one tag a table
SECTION_TAG, LAYOUT_TAG, READS_TAG = "section:", "layout", "reads:"
READS_WORDS = {"sources": "every table's sources"}  # a table's name, where the words are not it


def failed_cell_tags(notebook: Path, source: str) -> tuple[str, ...]:
    """The tags of the cell that failed in an executed notebook (the one holding the error)."""
    import nbformat  # as in render

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # unreadable: the failure is still reported, without its section
        return ()
    code = [c for c in nb.cells if c.cell_type == "code"]
    failed = [c for c in code if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    cell = next(iter(failed or [c for c in code if c.source == source]), None)
    return tuple(cell.metadata.get("tags", ())) if cell is not None else ()


def failure_message(cell_index: int, ename: str, evalue: str, report: str | None = None, tags=()) -> str:
    """A failed cell in words: the report section it builds (named by the cell's tag, with the
    heading the report's template gives it), the data it reads (named by its tags), the error."""

    ids = [t.removeprefix(SECTION_TAG) for t in tags if t.startswith(SECTION_TAG)]
    title = section_title(report, ids[0]) if report and ids else None
    tables = [READS_WORDS.get(t, t) for t in (t.removeprefix(READS_TAG) for t in tags if t.startswith(READS_TAG))]
    if ids:
        section = f"the section '{title or ids[0]}'"
    elif LAYOUT_TAG in tags:
        section = "the report's layout"
    else:
        section = f"the report's set-up (cell {cell_index})"
    reads = f" from the {' and '.join(tables)} data" if tables else ""
    if ename in BAD_INPUT_ERRORS:  # its message already names the file, row and column
        return f"{section} could not be built: {evalue}"
    return f"{section} could not be built{reads}: {ename}: {evalue} (cell {cell_index} of the notebook)"


def tidy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give the executed notebook fixed cell ids and no timings, so the same inputs give the same file."""
    nb.metadata.get("papermill", {}).pop("start_time", None)
    for key in ("end_time", "duration", "exception"):
        nb.metadata.get("papermill", {}).pop(key, None)
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
        pm = cell.metadata.get("papermill")
        if pm is not None:
            for key in ("start_time", "end_time", "duration"):
                pm.pop(key, None)
    return nb


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
    import nbformat  # as in render

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
    exporter = _exporter()
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
def _exporter():
    """One nbconvert exporter for the process (its templates compiled once), with swreport's page
    template; inputs, prompts and cells tagged ``remove_cell`` are left out."""
    from nbconvert import HTMLExporter  # as nbformat in render
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
    of CPU. ``_exporter`` is first called while a report's kernel runs its cells (``render``'s
    ``Meanwhile``), so a single run pays that then, not after the last cell."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # as nbformat in render

    cell = new_code_cell(outputs=[new_output("display_data", data={"text/html": "-", "text/plain": "-"})])
    nb = new_notebook(cells=[new_markdown_cell("# -"), cell])
    with _EXPORTING:
        exporter.from_notebook_node(nb, resources={"swreport": {"page_header": "", "page_footer": ""}})


def _hidden(cell) -> bool:
    tags = cell.metadata.get("tags", [])
    return "remove_cell" in tags or "parameters" in tags or "injected-parameters" in tags
