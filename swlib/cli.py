"""The ``swreport`` command line.

Exit codes: 0 success, 2 bad input (a message, no traceback), 1 an internal failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import reports
from .errors import ConfigError, DataError, PeriodError, ReportError
from .validate import plural

EXIT_BAD_INPUT = 2


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


EXIT_FAILURE = 1


def _terminate(signum, frame):  # SIGTERM: unwind like Ctrl-C so temporary files and kernels are cleaned up
    raise KeyboardInterrupt


class _Group(click.Group):
    """Turns swlib's errors into messages and exit codes; a traceback only with SWREPORT_DEBUG=1."""

    def invoke(self, ctx):
        import signal

        if threading_main():
            signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except DataError as e:
            click.echo(f"swreport: the data has {plural(len(e.problems), 'problem')}:\n{e.describe()}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except (ConfigError, PeriodError) as e:
            click.echo(f"swreport: {e}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except ReportError as e:
            kept = f" (the executed notebook is kept: {e.notebook})" if e.notebook else ""
            click.echo(f"swreport: {e}{kept}", err=True)
            sys.exit(EXIT_BAD_INPUT if e.bad_input else EXIT_FAILURE)
        except BrokenPipeError:  # `swreport list measures | head -3`: the reader has all it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # Python's own advice: no second error at exit
            sys.exit(0)
        except KeyboardInterrupt:
            import logging

            logging.disable(logging.CRITICAL)  # the kernel's shutdown chatter ("Kernel died") is expected now
            click.echo("swreport: interrupted; finished reports are kept, nothing half-written was left", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except Exception as e:  # an internal failure: say so plainly
            if os.environ.get("SWREPORT_DEBUG"):
                raise
            click.echo(
                f"swreport: internal error: {type(e).__name__}: {e} (set SWREPORT_DEBUG=1 for details)", err=True
            )
            sys.exit(EXIT_FAILURE)


data_option = click.option(
    "--data", "data", type=click.Path(path_type=Path), default=None,
    help="data folder of CSV files or an .xlsx workbook (default: ./data where it exists, else the demo data)",
)  # fmt: skip


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="swreport")
def main():
    """Council social work performance reports from plain data files."""


@main.command()
@click.option("--strict", is_flag=True, help="exit 2 when there are warnings, not only errors")
@data_option
def validate(strict, data):
    """Check a data set; list every problem (and warning) with file, row and column."""
    from .validate import validate as check

    sys.exit(check(data, strict, click.echo))


@main.command("list")
@click.argument("what", type=click.Choice(["councils", "measures", "periods", "reports"]))
@click.option("--council", default=None, help="only this council's measures or periods")
@data_option
def list_(what, council, data):
    """List councils, measures, the periods with data, or the reports."""
    from .loading import load
    from .periods import Period
    from .status import catalogue

    if what == "reports":
        for r in reports.REPORTS.values():
            click.echo(f"{r.name}\t{r.notebook}")
        return
    ds = load(data)
    if council is not None:
        ds.council_name(council)  # an unknown council: say so (and which data was read), not an empty list
    if what == "councils":
        for r in ds.councils.itertuples():
            click.echo(f"{r.council}\t{r.name}\tfamily group {r.family_group}")
    elif what == "measures":
        cat = catalogue(ds, council) if council else ds.measures
        for r in cat.itertuples():
            click.echo(f"{r.measure}\t{r.unit}\t{r.frequency}\t{r.title}")
    else:
        obs = ds.observations if not council else ds.observations[ds.observations["council"] == council]
        for p in sorted({Period.parse(p) for p in obs["period"].unique()}):
            click.echo(f"{p}\t{p.label}")


@main.command()
@click.option("--council", required=True)
@click.option("--period", required=True)
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal")
@data_option
def table(council, period, audience, data):
    """Print the performance table and both summaries for a terminal."""
    from .loading import load
    from .tables import terminal_report

    ds = load(data)
    click.echo(terminal_report(ds, council, period, audience))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--council", default=None, help="only this council and its measures; with --period, its observation rows")
@click.option("--period", default=None, help="with --council: pre-fill the observation rows this period needs")
@click.option("--empty", is_flag=True, help="headers, notes and drop-downs only: no councils, measures or figures")
@data_option
def template(path, council, period, empty, data):
    """Write a data-return workbook: a sheet per table, notes and drop-down lists."""
    from .excel import write_template
    from .loading import load

    if period is not None and council is None:
        raise ConfigError("--period pre-fills one council's return: give --council too")
    if empty and (council or period or data):
        raise ConfigError("--empty writes a return with no rows: give no --council, --period or --data with it")
    if path.suffix.lower() != ".xlsx":
        raise ConfigError(f"template writes an .xlsx workbook: found {path.name!r}")
    click.echo(str(write_template(path, None if empty else load(data), council=council, period=period)))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@data_option
@click.option("--replace", "replace_changed", is_flag=True, help="replace figures the data set already holds")
def merge(path, data, replace_changed):
    """Fold a filled-in return (.xlsx) into the data set in use: adds rows, refuses changes unless --replace."""
    from .config import default_data_path, describe_data, is_demo_data
    from .merge import ChangesRefused
    from .merge import merge as fold

    target = data if data is not None else default_data_path()
    if data is None and is_demo_data(target):
        raise ConfigError(
            f"merge writes into the data set in use, and that is {describe_data(target)}: run it from a folder "
            "with ./data (see 'swreport init') or give --data"
        )
    click.echo(f"return: {path}; data: {describe_data(target)}")
    try:
        plan, written, warnings = fold(path, target, replace_changed)
    except ChangesRefused as e:
        for line in e.plan.summary():
            click.echo(line)
        for w in e.warnings:
            click.echo(f"warning: {w}")
        raise
    except DataError as e:
        whose = f"the return {path.name}" if getattr(e, "in_return", False) else "the data set after the merge"
        click.echo(
            f"swreport: nothing written: {whose} has {plural(len(e.problems), 'problem')}:\n{e.describe()}", err=True
        )
        sys.exit(EXIT_BAD_INPUT)
    for line in plan.summary():
        click.echo(line)
    for w in warnings:
        click.echo(f"warning: {w}")
    click.echo("wrote " + ", ".join(str(p) for p in written) if written else "nothing written")


@main.command()
@click.argument("council")
@click.option("--name", required=True, help="the council's name as reports print it, e.g. 'Fife Council'")
@click.option("--workbook", type=click.Path(path_type=Path), default=None,
              help="write the data set as one .xlsx workbook (e.g. data.xlsx) instead of ./data/*.csv")  # fmt: skip
@click.option("--family-group", type=int, default=None,
              help="LGBF family group 1-4 (default: the LGBF's, for the 32 councils)")  # fmt: skip
@click.option("--population", type=click.IntRange(min=0), default=None, help="the council's population")
def init(council, name, workbook, family_group, population):
    """Start a council's data set (./data) and settings (./params) in an empty folder."""
    from .init import init_council, lgbf_note
    from .scheduling import last_ended_quarter, today

    written = init_council(Path.cwd(), council, name, workbook, family_group, population)
    for p in written:
        click.echo(f"wrote {p.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p}")
    note = lgbf_note(council.strip(), family_group)
    if note:
        click.echo(note)
    data = f" --data {workbook}" if workbook is not None and Path(workbook).name != "data.xlsx" else ""
    click.echo(
        f"next: 'swreport template return.xlsx --council {council.strip()} --period {last_ended_quarter(today())}{data}' for a return "
        f"to fill in, 'swreport merge return.xlsx{data}' to bring it in, 'swreport validate{data}' to check"
    )


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--council", required=True)
@click.option("--period", required=True)
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal")
@data_option
def export(path, council, period, audience, data):
    """Write the performance table and both summaries to a formatted .xlsx workbook."""
    from .excel import export_performance
    from .loading import load

    if path.suffix.lower() != ".xlsx":
        raise ConfigError(f"export writes an .xlsx workbook: found {path.name!r}")
    if path.is_dir():
        raise ConfigError(f"{path} is a folder: expected the name of an .xlsx workbook to write")
    if not path.parent.is_dir():
        found = "a file" if path.parent.exists() else "no such folder"
        raise ConfigError(f"cannot write {path.name} in {path.parent}: found {found}; expected an existing folder")
    ds = load(data)
    ds.council_name(council)
    click.echo(str(export_performance(ds, council, period, path, audience)))


@main.command("check-public")
@click.option("--council", required=True)
@click.option("--period", required=True)
@click.option("--strict", is_flag=True, help="exit 2 when anything is found (for scheduled pre-publication checks)")
@data_option
def check_public(council, period, strict, data):
    """List comments and narrative that mention small numbers (1-4), to reword before publishing."""
    from .disclosure import check_public as check
    from .loading import load

    ds = load(data)
    ds.council_name(council)
    from .disclosure import where

    found = check(ds, council, period)
    findings = [f for f in found if not f["cleared"]]
    for f in found:
        click.echo(f"{where(f)}: ...{f['text']}..." + (" (cleared by an officer)" if f["cleared"] else ""))
    click.echo(
        f"{len(findings)} passage{'s mention' if len(findings) > 1 else ' mentions'} a small number and "
        f"{'are' if len(findings) > 1 else 'is'} withheld from public reports until reworded or "
        "cleared (cleared = yes on the row; front matter in narrative: see the guide)."
        if findings
        else "No small numbers found in comments or narrative (or every one is cleared)."
    )
    if findings and strict:
        sys.exit(EXIT_BAD_INPUT)  # something in the data to reword; 1 is kept for a failed report


def _is_year(period: str) -> bool:
    from .periods import Period
    from .scheduling import is_relative

    return not is_relative(period) and Period.parse(period).kind == "year"


@main.command()
@click.argument("report", type=click.Choice(reports.NAMES))
@click.option("--council", default=None, help="the council (not for the national report)")
@click.option("--councils", default=None, help="national report only: the councils to show, comma-separated")
@click.option(
    "--period", required=True,
    help="a quarter for quarterly (2021-22-Q2), a year for annual and national (2016-17); or latest, previous",
)  # fmt: skip
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal")
@data_option
@click.option("--out", type=click.Path(path_type=Path), default=None, help="output folder (default: ./outputs)")
@click.option("--pdf", is_flag=True, help="also print <report>.pdf beside the HTML: the committee paper")
def run(report, council, councils, period, audience, data, out, pdf):
    """Render one report to outputs/<council>/<period>/<report>.html."""
    import time

    from .kernels import KernelSession

    start = time.perf_counter()
    if pdf:
        from .pdf import require

        require()
    r = reports.get(report)
    if r.per_council and council is None:
        raise ConfigError(f"the {report} report needs --council")
    if councils and r.per_council:
        raise ConfigError(f"--councils is for the national report; the {report} report takes one --council")
    # the kernel boots, and imports what the report needs, while this process checks the data
    with KernelSession().start() as session:
        from .outputs import Job, Outcome, out_dir, record
        from .rendering import check_councils, check_request, render, subject_name
        from .scheduling import is_relative

        if not r.per_council:
            council = council or r.filed_under
        P, ds = check_request(report, council, period, audience, data)
        if reports.get(report).per_council:
            from .coverage import require_figures

            require_figures(report, ds, council, P)  # not a report of nothing but "Report later"
        if r.period_kind == "quarter" and _is_year(period):
            click.echo(f"{period} is a financial year: the quarterly report for its fourth quarter, {P} "
                       f"(give --period {P.fy_id}-Q2, say, for another quarter)")  # fmt: skip
        if is_relative(period):
            click.echo(f"{report} {period}: {council} {P}")
        from .outputs import acquire, release

        acquire(out_dir(out))  # another run there: exit 2 naming it
        click.get_current_context().call_on_close(lambda: release(out_dir(out)))  # held until this one ends
        only = "" if r.per_council else ",".join(check_councils(ds, councils))
        path = render(report, council, P, audience, out=out, ds=ds, councils=only or None, session=session)
    if pdf:
        from .pdf import PdfEngine

        with PdfEngine() as engine:
            pdf = engine.render(path)
    folder = out_dir(out)
    job = Job(
        report, council, str(P), audience, str(Path(ds.path).resolve()), str(folder),
        subject_name(ds, report, council), only,
    )  # fmt: skip
    done = Outcome.rendered(job, start, path)
    done.pdf = str(pdf) if pdf else None
    record(folder, [done])
    from .config import where

    click.echo(where(ds.path, folder))
    if audience == "public":
        from .disclosure import where as place
        from .disclosure import withheld

        for w in withheld(ds, report, council, P):
            click.echo(f"withheld: {place(w)}: ...{w['text']}... ({w['reason']})")
    click.echo(str(path))
    if pdf:
        click.echo(str(pdf))


@main.command()
@click.argument("report", type=click.Choice(reports.NAMES), required=False)
@click.option("--period", default=None)
@click.option("--councils", default="all", help="comma-separated council ids, or all")
@click.option(
    "--audience",
    "audiences",
    multiple=True,
    type=click.Choice(["internal", "public"]),
    help="repeatable; default internal",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="reports at a time (default: the number of cores)"
)
@click.option(
    "--schedule", type=click.Path(path_type=Path), default=None, help="a YAML file of runs, e.g. params/schedule.yaml"
)
@data_option
@click.option("--out", type=click.Path(path_type=Path), default=None, help="output folder (default: ./outputs)")
@click.option("--quiet", is_flag=True, help="no progress bar")
@click.option("--force", is_flag=True, help="render even the reports whose inputs have not changed")
@click.option(
    "--executor", type=click.Choice(["local", "dask"]), default="local", help="where the reports are rendered"
)
@click.option("--scheduler", default=None, help="Dask scheduler address, with --executor dask")
@click.option("--dry-run", is_flag=True, help="print the plan (each report, and whether it would be rendered) and exit")
@click.option("--pdf", is_flag=True, help="also print each <report>.pdf beside its HTML: the committee paper")
@click.option("--summary", "summary_file", type=click.Path(path_type=Path), default=None,
              help="write what the run did as JSON to this file (for a scheduler or monitoring)")  # fmt: skip
@click.option("--wait", type=click.FloatRange(min=0), default=0,
              help="seconds to wait for another run using the outputs folder (default: exit 2 at once)")  # fmt: skip
def batch(summary_file, **options):
    """Render a report for many councils (or every run in a schedule); continue past failures.

    --period latest (or previous) picks, for each council, the latest period of the report's kind
    that has ended and has figures (SWREPORT_TODAY=2025-04-01 shows what it picks on that date).
    A council with no figures for a period written out is listed, not rendered (``swreport run``
    refuses it); the others go on.
    Exit code: 0 every report rendered or unchanged (a council with no period or no figures to
    report is listed, not a failure), 1 a report failed, 2 bad input or settings.
    """
    from .rerun import Recorder, answer

    if summary_file is None and answer(options):  # nothing changed since a run that rendered nothing
        return
    from .scheduling import RunRecord

    with RunRecord(summary_file) as record, Recorder(options) as seen:  # written however the run ends
        _batch(record, **options)
        seen.outcomes = record.outcomes


def _batch(record, report, period, councils, audiences, jobs, schedule, data, out, quiet, force, executor, scheduler,
           dry_run, pdf, wait):  # fmt: skip
    from .batch import batch_runs, make_plan, summary_lines
    from .config import load_schedule

    if schedule is not None:
        runs = [(r.report, r.period, r.councils, tuple(r.audience), r.pdf) for r in load_schedule(schedule).runs]
    elif report and period:
        runs = [(report, period, councils, tuple(audiences) or ("internal",))]
    else:
        raise ConfigError("give a report and --period, or --schedule FILE")
    from .config import where

    click.echo(where(data, out))
    if pdf or any(r[4:] and r[4] for r in runs):
        from .pdf import require

        require()
    from .rerun import likely_work

    if executor == "local" and not dry_run and likely_work({"data": data, "out": out, "force": force}):
        from .executors import LocalPool

        executor = LocalPool(jobs, not quiet).start()  # its kernels boot while the plan is made
    plan = make_plan(runs, data, out, force, pdf=pdf)
    record.on, record.data, record.out = plan.today, plan.data, plan.out_dir
    for line in plan.resolutions():
        click.echo(line)
    if dry_run:
        none = [o.status for o in plan.unresolved]
        click.echo(f"plan: {len(plan.todo)} to render, {len(plan.skipped)} unchanged, "
                   f"{none.count('no-period')} with no period to report"
                   + (f", {none.count('no-figures')} with no figures for the period" if "no-figures" in none else "")
                   + " (dry run: nothing rendered)")  # fmt: skip
        for line in plan.lines():
            click.echo(line)
        record.outcomes = plan.dry_run()
        return
    outcomes = batch_runs(
        runs, jobs=jobs, data=data, out=out, progress=not quiet, force=force, executor=executor, scheduler=scheduler,
        plan=plan, wait=wait,
    )  # fmt: skip
    record.outcomes = outcomes
    for line in summary_lines(outcomes):
        click.echo(line)
    public = [o.job for o in outcomes if o.status == "ok" and o.job.audience == "public"]
    if public:
        from .disclosure import where as place
        from .disclosure import withheld
        from .loading import load

        ds = load(plan.data)
        for j in public:
            for w in withheld(ds, j.report, j.council, j.period):
                click.echo(f"withheld from {j.key}: {place(w)}: ...{w['text']}... ({w['reason']})")
    from .config import outputs_dir

    click.echo(f"index: {(Path(out) if out else outputs_dir()) / 'index.html'}")
    if any(o.status == "failed" for o in outcomes):
        sys.exit(EXIT_FAILURE)


@main.group("import")
def import_():
    """Bring published figures into the data set's tables."""


@import_.command("lgbf")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option(
    "--metadata",
    type=click.Path(path_type=Path),
    default=None,
    help="the LGBF indicator metadata workbook (default: lgbf-indicator-metadata*.xlsx beside WORKBOOK)",
)
@click.option(
    "--lookups",
    type=click.Path(path_type=Path),
    default=None,
    help="the LGBF council lookups workbook (default: lgbf-council-lookups*.xlsx beside WORKBOOK)",
)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="write the benchmarks table to this CSV file instead of into the data set")  # fmt: skip
@data_option
def import_lgbf(workbook, metadata, lookups, out, data):
    """Make the benchmarks table from the Improvement Service's LGBF workbook (sheet 'Raw Data') in
    the data set in use: benchmarks.csv in a data folder, the benchmarks sheet of a workbook."""
    from .config import default_data_path, describe_data, is_demo_data
    from .lgbf import import_lgbf as read
    from .lgbf import write_benchmarks, write_csv

    df = read(workbook, metadata, lookups)  # first: given the wrong file, that is what to hear
    target = data if data is not None else default_data_path()
    if out is None and data is None and is_demo_data(target):
        raise ConfigError(
            f"import lgbf writes into the data set in use, and that is {describe_data(target)}: run it from a "
            "folder with ./data (see 'swreport init'), or give --data (or --out FILE)"
        )
    path = write_csv(df, out) if out is not None else write_benchmarks(df, target)
    years = sorted(df["period"].unique())
    where = f"the benchmarks sheet of {path}" if path.suffix.lower() in (".xlsx", ".xlsm") else str(path)
    click.echo(f"read {Path(workbook).name}: {df['lgbf'].nunique()} indicators, {df['council'].nunique() - 1} councils "
               f"and Scotland, {years[0]} to {years[-1]}; wrote {len(df):,} rows to {where}")  # fmt: skip


if __name__ == "__main__":
    main()
