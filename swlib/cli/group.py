"""The ``swreport`` command group: its errors turned into messages and exit codes, and the
options its commands share.

Exit codes: 0 success, 2 bad input (a message, no traceback), 1 an internal failure.
"""

from __future__ import annotations

import _imp
import logging
import os
import signal
import sys
import threading
from pathlib import Path

import click

from ..errors import ConfigError, DataError, PeriodError, ReportError

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def _terminate(signum, frame):  # SIGTERM: unwind like Ctrl-C so temporary files and kernels are cleaned up
    raise KeyboardInterrupt


def _release_import_lock() -> None:
    """An interrupt raised just after importlib took the global import lock, before its ``try``,
    leaves the lock held by this thread (about 1 interrupt in 100 that land in an import): every
    other thread's next import would then wait for ever. Unwinding, this thread is in no import."""

    while True:
        try:
            _imp.release_lock()
        except RuntimeError:  # not held by this thread
            return


class _Group(click.Group):
    """Turns swlib's errors into messages and exit codes; a traceback only with SWREPORT_DEBUG=1."""

    def invoke(self, ctx):
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except DataError as e:
            click.echo(f"swreport: {e.headline()}:\n{e.describe()}", err=True)
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
            _release_import_lock()
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


def council_in(data, council: str | None) -> tuple[str | None, object]:
    """The council id a --council option names in the data set in use: its id in any case, or its
    name ('Fife', 'Fife Council'), where one council alone fits (``Dataset.council_id``); and the
    data set read, for the checks to cut the council's rows from (one load, not two)."""
    if council is None:
        return None, None
    from ..loading import load  # pandas: not on the CLI's start (--help, the unchanged re-run)

    ds = load(data)
    return ds.council_id(council.strip()), ds


data_option = click.option(
    "--data", "data", type=click.Path(path_type=Path), default=None,
    help="data folder of CSV files or an .xlsx workbook (default: ./data where it exists, else the demo data)",
)  # fmt: skip


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="swreport")
def main():
    """Council social work performance reports from plain data files."""
