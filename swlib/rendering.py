"""Execute a report notebook with papermill and export one self-contained HTML file (the export:
``swlib.exporting``).

The HTML has no code, no prompts, no scripts and makes no external request (a
Content-Security-Policy forbids them). The same inputs give the same bytes: cell ids,
figure ids and metadata are fixed, and the "generated" stamp honours SOURCE_DATE_EPOCH.
Files are written atomically: a failed or interrupted run never leaves a half report.

papermill, nbconvert, nbformat and ``loading`` (pandas) are imported where they are used: the
command line imports this module before a report's kernel starts.
"""

from __future__ import annotations

import os
import uuid
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import published, reports, workforce
from .config import AUDIENCES, council_settings, describe_data, notebooks_dir, params_dir
from .errors import ConfigError, ReportError
from .exporting import LAYOUT_TAG, READS_TAG, SECTION_TAG, export, html_exporter
from .findings import shown_path
from .kernels import KernelSession, run_dir
from .limits import check_narrative
from .loading import load
from .meanwhile import Meanwhile
from .outputs import check_target, out_dir, output_paths, remove_stale_temporaries, write_atomic
from .periods import Period
from .scheduling import is_relative, resolve_one
from .schema import narrative_dir
from .status import performance
from .templating import section_title

if TYPE_CHECKING:
    import nbformat


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
            [html_exporter]
            + ([lambda: _printed(ds, council, P, out, report)] if public else [])
            + ([meanwhile] if meanwhile else [])
        )
        later = Meanwhile(*work)
        try:
            nb = execute(
                report, council, P, audience, ds.path, failed_path=failed, extra=extra, session=session, out=out
            )
        except Exception:
            later.join()
            raise
        # not waited for when the run is stopped (KeyboardInterrupt, SIGTERM): the thread only reads, and
        # an interrupt that lands inside importlib can leave the import lock held, which the thread's
        # imports (nbconvert's) would wait on for ever
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
