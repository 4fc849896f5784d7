"""The ``swreport`` command line.

Exit codes: 0 success, 2 bad input (a message, no traceback), 1 an internal failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import ConfigError, DataError, PeriodError, ReportError

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


class _Group(click.Group):
    """Turns swlib's errors into messages and exit codes; a traceback only with SWREPORT_DEBUG=1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DataError as e:
            click.echo(f"swreport: the data has {len(e.problems)} problem(s):\n{e.describe()}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except (ConfigError, PeriodError) as e:
            click.echo(f"swreport: {e}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except ReportError as e:
            click.echo(f"swreport: {e}", err=True)
            sys.exit(EXIT_FAILURE)
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
    help="data folder of CSV files or an .xlsx workbook (default: the demo data in data/)",
)  # fmt: skip


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="swreport")
def main():
    """Council social work performance reports from plain data files."""


@main.command()
@data_option
def validate(data):
    """Check a data set; list every problem with file, row and column."""
    from .loading import load

    ds = load(data)
    counts = ", ".join(
        f"{len(ds.table(t))} {t}"
        for t in ("councils", "measures", "targets", "observations", "actions", "finance", "workforce", "inspections")
    )
    click.echo(f"{ds.path}: OK: {counts}")


@main.command("list")
@click.argument("what", type=click.Choice(["councils", "measures", "periods", "reports"]))
@click.option("--council", default=None, help="only this council's measures or periods")
@data_option
def list_(what, council, data):
    """List councils, measures, the periods with data, or the reports."""
    from .config import REPORTS
    from .loading import load
    from .periods import Period
    from .status import catalogue

    if what == "reports":
        for name, nb in REPORTS.items():
            click.echo(f"{name}\t{nb}")
        return
    ds = load(data)
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


def run_main():  # pragma: no cover - console entry alias
    main()
