"""The commands on data: validate, list, table, template, merge, init, export, check-public and
import lgbf."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import reports
from ..errors import ConfigError, DataError, SwError
from ..periods import Period
from ..scheduling import last_ended_quarter, today
from ..validate import validate as check
from .group import EXIT_BAD_INPUT, data_option, main

# each command imports what it needs when it runs: --help and the unchanged re-run load no pandas or pydantic


@main.command()
@click.option("--strict", is_flag=True, help="exit 2 when there are warnings, not only errors")
@data_option
@click.argument("path", required=False, metavar="")
def validate(strict, data, path):
    """Check a data set; list every problem (and warning) with file, row and column."""

    if path is not None:  # 'swreport validate data': the data set is named with --data, as everywhere
        raise ConfigError(f"validate names its data set with --data: use 'swreport validate --data {path}'")
    sys.exit(check(data, strict, click.echo))


@main.command("list")
@click.argument("what", type=click.Choice(["councils", "measures", "periods", "reports"]))
@click.option("--council", default=None, help="only this council's measures or periods")
@data_option
def list_(what, council, data):
    """List councils, measures, the periods with data, or the reports."""
    from ..loading import load
    from ..status import catalogue

    if what == "reports":
        for r in reports.REPORTS.values():
            click.echo(f"{r.name}\t{r.notebook}")
        return
    ds = load(data)
    if council is not None:
        council = ds.council_id(council)  # an unknown council: say so (and which data was read), not an empty list
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
    from ..loading import load
    from ..tables import terminal_report

    ds = load(data)
    click.echo(terminal_report(ds, ds.council_id(council), period, audience))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--council", default=None, help="only this council and its measures; with --period, its observation rows")
@click.option("--period", default=None, help="with --council: pre-fill the observation rows this period needs")
@click.option(
    "--empty",
    is_flag=True,
    help="headers, notes and drop-downs only: no measures or figures (the councils of the data set in use)",
)
@data_option
def template(path, council, period, empty, data):
    """Write a data-return workbook: a sheet per table, notes and drop-down lists."""
    from ..loading import load
    from ..return_template import write_template

    if period is not None and council is None:
        raise ConfigError("--period pre-fills one council's return: give --council too")
    if empty and (council or period or data):
        raise ConfigError("--empty writes a return with no rows: give no --council, --period or --data with it")
    if path.suffix.lower() != ".xlsx":
        raise ConfigError(f"template writes an .xlsx workbook: found {path.name!r}")
    ds = None if empty else load(data)
    councils = _own_councils() if empty else None  # so that the council drop-downs take the council's own id
    council = ds.council_id(council) if ds is not None and council is not None else council
    prefilled = None
    if ds is not None and council is not None and period is not None:  # worked out once, for the sheet and here
        from ..return_template import return_observations

        prefilled = return_observations(ds, council, period)
    click.echo(str(write_template(path, ds, council=council, period=period, observations=prefilled, councils=councils)))
    note = prefilled[1] if prefilled else None
    if note:  # as the observations sheet's cell A1 says
        click.echo(note[0].lower() + note[1:])


def _own_councils() -> list[dict] | None:
    """The councils of the data set in use for an empty return's councils sheet, where it is a
    council's own (``swreport init``'s ./data), not the demo data; None where there is none or it
    cannot be read (ANALYST-9 #16: with the sheet empty, Excel refused 'highland' in the measures
    sheet's council column, whose drop-down lists the councils sheet)."""
    from ..config import default_data_path, is_demo_data
    from ..loading import load

    path = default_data_path()
    if path is None or is_demo_data(path) or not Path(path).exists():
        return None
    try:
        return load(path).councils.to_dict("records")
    except SwError:
        return None


def _written_data(data, command: str, or_else: str):
    """The data set ``command`` writes into: ``--data``, else the one in use, which must not be
    the demonstration data (a ConfigError saying so, then ``or_else``: what else to give)."""
    from ..config import default_data_path, describe_data, is_demo_data

    target = data if data is not None else default_data_path()
    if data is None and is_demo_data(target):
        raise ConfigError(
            f"{command} writes into the data set in use, and that is {describe_data(target)}: run it from a "
            f"folder with ./data (see 'swreport init'){or_else}"
        )
    return target


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@data_option
@click.option("--replace", "replace_changed", is_flag=True, help="replace figures the data set already holds")
@click.option("--small-finance", is_flag=True, help="budget or outturn lines under £1m in all are in pounds, not £000")
def merge(path, data, replace_changed, small_finance):
    """Fold a filled-in return (.xlsx) into the data set in use: adds rows, refuses changes unless --replace."""
    from ..config import describe_data
    from ..merge import ChangesRefused
    from ..merge import merge as fold

    target = _written_data(data, "merge", " or give --data")
    click.echo(f"return: {path}; data: {describe_data(target)}")
    try:
        plan, written, warnings = fold(path, target, replace_changed, small_finance)
    except ChangesRefused as e:
        for line in e.plan.summary():
            click.echo(line)
        for w in e.warnings:
            click.echo(f"warning: {w}")
        raise
    except DataError as e:
        click.echo(f"swreport: nothing written: {e.headline()}:\n{e.describe()}", err=True)
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
    from ..init import init_council, lgbf_note

    written = init_council(Path.cwd(), council, name, workbook, family_group, population)
    for p in written:
        click.echo(f"wrote {p.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p}")
    note = lgbf_note(council.strip(), family_group)
    if note:
        click.echo(note)
    data = f" --data {workbook}" if workbook is not None and Path(workbook).name != "data.xlsx" else ""
    click.echo(
        f"next: add your own measures ('swreport template measures.xlsx --empty', fill in its measures sheet, "
        f"'swreport merge measures.xlsx{data}'); then 'swreport template return.xlsx --council {council.strip()} "
        f"--period {last_ended_quarter(today())}{data}' for a return to fill in, 'swreport merge return.xlsx{data}' "
        f"to bring it in, 'swreport validate{data}' to check (docs/guide.md, 'Setting up a new council')"
    )


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--council", required=True)
@click.option("--period", required=True)
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="public: the outputs folder the public reports were written to, whose record of what they "
                   "printed the export is checked against (default: $SWREPORT_OUT or ./outputs)")  # fmt: skip
@data_option
def export(path, council, period, audience, out, data):
    """Write the performance table and both summaries to a formatted .xlsx workbook."""
    from .. import published
    from ..config import default_data_path, shipped_params_note
    from ..loading import load
    from ..performance_workbook import export_performance

    if path.suffix.lower() != ".xlsx":
        raise ConfigError(f"export writes an .xlsx workbook: found {path.name!r}")
    if path.is_dir():
        raise ConfigError(f"{path} is a folder: expected the name of an .xlsx workbook to write")
    if not path.parent.is_dir():
        found = "a file" if path.parent.exists() else "no such folder"
        raise ConfigError(f"cannot write {path.name} in {path.parent}: found {found}; expected an existing folder")
    if out is not None and not out.is_dir():
        raise ConfigError(f"--out {out}: found {'a file' if out.exists() else 'no such folder'}; expected the outputs "
                          "folder the public reports were written to")  # fmt: skip
    if audience == "public":  # ATTACK-10 #4: as the public explorer (explorer.Explorer._public_period)
        public_period(period)
    ds = load(data)
    council = ds.council_id(council)
    record = None
    if audience == "public":  # what earlier public reports printed: a revision they would hide stays hidden
        record = published.read(council, out)
        for note in (published.missing(council, out), shipped_params_note(data or default_data_path())):
            if note:
                click.echo(f"warning: {note}", err=True)
    click.echo(str(export_performance(ds, council, period, path, audience, published=record)))


def public_period(period: str) -> None:
    """Refuse a public export for a period no public report is made for (a month, a half year):
    its year to date, which no public report prints, could be set against the quarter's report
    (August's 150 beside Quarter 2's 153: September's 3)."""
    try:
        kind = Period.parse(period).kind
    except (ValueError, SwError):
        return  # not a period: said where the export reads it, as before
    if kind not in ("quarter", "year"):
        raise ConfigError(
            f"--period {period}: found a {kind}; a public export is for a quarter or a year, the periods a public "
            "report is made for (a figure to date that no public report prints could be set against the quarter's "
            "report and give a small number away): give a quarter (2023-24-Q2) or a year (2023-24), or export for "
            "the internal audience"
        )


@main.command("check-public")
@click.option("--council", required=True)
@click.option("--period", required=True)
@click.option("--strict", is_flag=True, help="exit 2 when anything is found (for scheduled pre-publication checks)")
@data_option
def check_public(council, period, strict, data):
    """List comments, narrative and other text (measure titles...) a public report withholds, to reword."""
    from ..loading import load
    from ..publishing import check_public as check

    ds = load(data)
    council = ds.council_id(council)
    from ..findings import where

    found = check(ds, council, period)
    # value-only percentages (counts unknown), ids renamed without replaces, text not cleared (public_text: cleared)
    figures, renames, uncleared = ([f for f in found if f.get("kind") == k] for k in ("figure", "renamed", "uncleared"))
    found = [f for f in found if f.get("kind") not in ("figure", "renamed", "uncleared")]
    findings = [f for f in found if not f["cleared"]]
    for f in found:
        click.echo(f"{where(f)}: ...{f['text']}..." + (" (cleared by an officer)" if f["cleared"] else ""))
    for f in uncleared:
        click.echo(f"{where(f)}: {f['text']}: not cleared")
    if uncleared:
        click.echo(f"{len(uncleared)} comment{'s and paragraphs' if len(uncleared) > 1 else ' or paragraph'} not "
                   "cleared: this council's public reports print only free text an officer has cleared "
                   "(public_text: cleared in params/councils.yaml).")  # fmt: skip
    for f in renames:
        click.echo(f"{where(f)}: {f['text']}")
    for f in figures:
        click.echo(f"{where(f)}: {f['text']}: not checked")
    if figures:
        click.echo(f"{len(figures)} measure{'s' if len(figures) > 1 else ''} with a percentage, rate or ratio given "
                   "without numerator and denominator: public reports print "
                   f"{'them' if len(figures) > 1 else 'it'}, but whether {'they give' if len(figures) > 1 else 'it gives'} "
                   "away a small number cannot be checked (give the numerator and denominator, or set cleared = yes "
                   "on each row once an officer has checked its counts).")  # fmt: skip
    click.echo(
        f"{len(findings)} passage{'s mention' if len(findings) > 1 else ' mentions'} a small number and "
        f"{'are' if len(findings) > 1 else 'is'} withheld from public reports until reworded or "
        "cleared (cleared = yes on the row; front matter in narrative; a name or a source: cleared in "
        "params/councils.yaml; see the guide)."
        if findings
        else "No small numbers found in comments, narrative or other text (or every one is cleared)."
    )
    if findings:  # ANALYST-11 #8: rows 6, 12, 32 here, 32 from the annual run: this lists every report's
        P = Period.parse(period)
        upto = "" if P.kind == "year" else f" up to {P.label}"
        click.echo(f"(These are the free text of every public report of {P.year_period.label}{upto}: each "
                   "quarter's comments as well as the annual report's; 'swreport run ... --audience public' lists "
                   "what its own report withholds.)")  # fmt: skip
    from ..percent_bases import derivable, lines

    beside = derivable(ds, council, period)  # a value-only percentage beside its base: a public run refuses it
    for line in lines(beside):
        click.echo(f"{line}: a public run refuses this")
    from ..amounts import council_warnings

    amounts = council_warnings(ds.warnings, council)  # parts, flows, totals and averages undeclared (validate too)
    for w in amounts:
        click.echo(f"{w}: public reports print them together")
    if (findings or figures or uncleared or beside or renames or amounts) and strict:
        sys.exit(EXIT_BAD_INPUT)  # something in the data to reword; 1 is kept for a failed report


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
    from ..lgbf import import_lgbf as read
    from ..lgbf import write_benchmarks, write_csv

    df = read(workbook, metadata, lookups)  # first: given the wrong file, that is what to hear
    if out is not None:
        path = write_csv(df, out)
    else:
        path = write_benchmarks(df, _written_data(data, "import lgbf", ", or give --data (or --out FILE)"))
    years = sorted(df["period"].unique())
    where = f"the benchmarks sheet of {path}" if path.suffix.lower() in (".xlsx", ".xlsm") else str(path)
    click.echo(f"read {Path(workbook).name}: {df['lgbf'].nunique()} indicators, {df['council'].nunique() - 1} councils "
               f"and Scotland, {years[0]} to {years[-1]}; wrote {len(df):,} rows to {where}")  # fmt: skip
