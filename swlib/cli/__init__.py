"""The ``swreport`` command line: ``group`` (the command group, its messages and exit codes),
``data`` (validate, list, table, template, merge, init, export, check-public, import lgbf) and
``reports`` (run, batch).

Exit codes: 0 success, 2 bad input (a message, no traceback), 1 an internal failure.

A command imports what needs pandas, pydantic or papermill (loading, config, outputs, rendering,
batch, ...) inside itself: ``swreport --help`` and an unchanged re-run (``tests/test_rerun.py``)
import none of them, and ``run`` starts its kernel before this process loads pandas.
"""

from .. import quick_exit
from . import data, reports  # noqa: F401  (each registers its commands with main)
from .group import EXIT_BAD_INPUT, EXIT_FAILURE, main

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "entry", "main"]


def entry() -> None:
    """The ``swreport`` program: ``main``, then leave without Python's teardown of every module
    (``swlib.quick_exit``; ``main`` itself is the group tests and other code call)."""
    quick_exit.run(main)
