"""``swreport validate``: every error and every warning about a data set, in one run.

Errors (``DataError``) stop reports; warnings (``swlib.checks``) are allowed but probably
wrong. Exit code 0 when there are no errors (2 with ``--strict`` when there are warnings),
2 when there are errors. Kept free of heavy imports: the CLI imports it at start.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError

WORDS = {"inspections": "inspection", "actions": "action", "observations": "observation", "councils": "council",
         "measures": "measure", "targets": "target", "benchmarks": "benchmark row"}  # fmt: skip


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 council', '2 councils', '0 problems'."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def table_counts(ds) -> str:
    """'1 council, 26 measures, 0 targets, ...' in contract order."""
    from .schema import TABLE_ORDER  # schema, config and loading import pandas or pydantic: not at start

    out = []
    for t in TABLE_ORDER:
        n = len(ds.table(t))
        word = WORDS.get(t)
        out.append(plural(n, word) if word else f"{n:,} {t} row{'' if n == 1 else 's'}")
    return ", ".join(out)


def warning_lines(warnings: list) -> list[str]:
    """A data set's warnings as ``run`` and ``batch`` print them, once per data set: a head line
    and one line each (``validate`` lists them the same)."""
    if not warnings:
        return []
    head = f"the data has {plural(len(warnings), 'warning')} (allowed, but probably wrong; 'swreport validate' lists them too):"
    return [head, *(f"  warning: {w}" for w in warnings)]


def validate(data, strict: bool, echo) -> int:
    """Check the data set at ``data``; print its problems and warnings; return the exit code."""
    from .config import default_data_path, describe_data, is_demo_data  # pydantic, pandas: as table_counts
    from .loading import load

    try:
        ds = load(data)
    except DataError as e:
        where = describe_data(data if data is not None else default_data_path())
        echo(f"swreport: the data has {plural(len(e.problems), 'problem')} ({where}):", err=True)
        echo(e.describe(), err=True)
        if e.warnings:
            echo(f"and {plural(len(e.warnings), 'warning')}:", err=True)
            echo(DataError(e.warnings).describe(), err=True)
        return 2
    from .narrative_names import misnamed  # pandas (via statutory): as load, not on the CLI's start

    warnings = [*ds.warnings, *misnamed(ds.path, ds.councils["council"])]  # and narrative no report reads
    if warnings:
        echo(f"{plural(len(warnings), 'warning')}:")
        echo(DataError(warnings).describe())
    what = describe_data(ds.path)
    verdict = "OK" if not warnings else f"OK, with {plural(len(warnings), 'warning')}"
    if strict and warnings:  # --strict: a warning fails the check, and the last line says so
        verdict = f"not OK with --strict: {plural(len(warnings), 'warning')}"
    echo(f"{what}: {verdict}: {table_counts(ds)}")
    here = Path.cwd()
    none_here = (
        not os.environ.get("SWREPORT_DATA") and not (here / "data").exists() and not (here / "data.xlsx").exists()
    )
    if data is None and none_here and is_demo_data(ds.path):  # not the analyst's own data: say so, not "OK" alone
        echo("that is the demo data swreport ships with, not yours: there is no ./data or ./data.xlsx in this "
             "folder; run from the folder that has it, or give --data PATH")  # fmt: skip
    return 2 if strict and warnings else 0
