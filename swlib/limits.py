"""Size limits on input files, checked before memory grows.

A workbook of a few megabytes can hold millions of rows (the file is compressed), and a CSV file
of tens of megabytes as many; read whole, either stalls ``validate``, ``merge`` or ``import
lgbf`` for minutes while memory rises. Each sheet or CSV file may hold at most ``max_rows`` rows
and ``max_cells`` cells, and a whole workbook ``max_file_cells`` cells. A workbook's declared
size (its ``dimension``) is checked before any row is read, and rows are counted as they are
read (the declaration can be missing or false), so reading stops at the limit. Going over is
bad input: a ``DataError`` naming the file (and sheet), what was found and the limit (exit 2).

The limits are far above any council's data (the LGBF workbook's largest sheet has 39 rows of
2,189 cells); ``SWREPORT_MAX_ROWS`` and ``SWREPORT_MAX_CELLS`` raise them (the file limit is
twice the sheet limit).

Callers: ``sheet_rows(ws, label)`` in place of ``ws.iter_rows(values_only=True)`` with a
``Budget`` per workbook; ``check_workbook(wb, name)`` after opening one; ``check_csv(raw, label)``
on a CSV file's bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem

MAX_ROWS = 200_000
MAX_CELLS = 2_000_000


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_cells: int

    @property
    def max_file_cells(self) -> int:
        return 2 * self.max_cells


def _env(name: str, default: int) -> int:
    """A limit from the environment (at least 1), or ``default`` when unset or not a number."""
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def limits() -> Limits:
    """The limits in force (the defaults, or the environment's)."""
    return Limits(_env("SWREPORT_MAX_ROWS", MAX_ROWS), _env("SWREPORT_MAX_CELLS", MAX_CELLS))


def _too_big(label: str, found: str, expected: str) -> DataError:
    return DataError(Problem(label, None, None, found, expected + " (SWREPORT_MAX_ROWS / SWREPORT_MAX_CELLS raise it)"))


@dataclass
class Budget:
    """Cells read so far from one file (a workbook's sheets share one budget)."""

    label: str
    cells: int = 0


def check_workbook(wb, name: str) -> None:
    """Every sheet's declared size against the limits, before a row is read."""
    lim = limits()
    total = 0
    for ws in wb.worksheets:
        rows, cols = _declared(ws)
        label = f"{name} [sheet {ws.title}]"
        if rows > lim.max_rows:
            raise _too_big(label, f"{rows:,} rows", f"at most {lim.max_rows:,} rows in a sheet")
        if rows * cols > lim.max_cells:
            raise _too_big(label, f"{rows * cols:,} cells ({rows:,} rows of {cols:,})",
                           f"at most {lim.max_cells:,} cells in a sheet")  # fmt: skip
        total += rows * cols
    if total > lim.max_file_cells:
        raise _too_big(name, f"{total:,} cells", f"at most {lim.max_file_cells:,} cells in a workbook")


def _declared(ws) -> tuple[int, int]:
    try:
        return int(ws.max_row or 0), int(ws.max_column or 0)
    except (TypeError, ValueError):
        return 0, 0


def sheet_rows(ws, label: str, budget: Budget | None = None, values_only: bool = True, **kw) -> Iterator[tuple]:
    """``ws.iter_rows(values_only=True, **kw)``, stopping with a ``DataError`` as soon as the
    sheet passes the row or cell limit, or the file (``budget``) its cell limit. With
    ``values_only=False``, the cells (for their number formats)."""
    lim = limits()
    budget = budget or Budget(label)
    rows, cells = 0, 0
    for r in ws.iter_rows(values_only=values_only, **kw):
        rows += 1
        cells += len(r)
        budget.cells += len(r)
        if rows > lim.max_rows:
            raise _too_big(label, f"more than {lim.max_rows:,} rows", f"at most {lim.max_rows:,} rows in a sheet")
        if cells > lim.max_cells:
            raise _too_big(label, f"more than {lim.max_cells:,} cells", f"at most {lim.max_cells:,} cells in a sheet")
        if budget.cells > lim.max_file_cells:
            raise _too_big(budget.label, f"more than {lim.max_file_cells:,} cells",
                           f"at most {lim.max_file_cells:,} cells in a workbook")  # fmt: skip
        yield r


def check_csv(raw: bytes, label: str) -> None:
    """A CSV file's rows (lines) and cells (lines times the header's fields) against the limits,
    counted on its bytes before it is parsed."""
    lim = limits()
    lines = raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1)
    if lines - 1 > lim.max_rows:
        raise _too_big(label, f"{lines - 1:,} rows", f"at most {lim.max_rows:,} rows in a file")
    first = raw[: raw.find(b"\n")] if b"\n" in raw else raw
    width = first.count(b",") + 1
    if lines * width > lim.max_cells:
        raise _too_big(label, f"about {lines * width:,} cells ({lines:,} rows of {width:,} columns)",
                       f"at most {lim.max_cells:,} cells in a file")  # fmt: skip


MAX_NARRATIVE_BYTES = 1_000_000


def max_narrative_bytes() -> int:
    """The largest narrative file read, in bytes (``SWREPORT_MAX_NARRATIVE_BYTES`` raises it)."""
    return _env("SWREPORT_MAX_NARRATIVE_BYTES", MAX_NARRATIVE_BYTES)


def check_narrative(files, shown=str) -> None:
    """Each narrative file (``data/narrative/<council>/<year>/<section>.md``) against the size limit,
    before it is read: a CSWO's section runs to tens of kilobytes, and every public run checks all of
    it for small numbers. ``files``: the files, or a council's narrative folder (every ``.md`` in it);
    ``shown``: how a path is named in the message. Going over is a ``DataError`` naming each file,
    its size and the limit (exit 2, before anything is written)."""
    files = [files] if isinstance(files, (str, Path)) else files
    paths = []
    for f in map(Path, files):
        paths += sorted(f.rglob("*.md")) if f.is_dir() else [f] if f.is_file() else []
    most = max_narrative_bytes()
    expected = f"at most {most:,} bytes in a narrative file (split the section; SWREPORT_MAX_NARRATIVE_BYTES raises it)"
    problems = [
        Problem(shown(f), None, None, f"{size:,} bytes of narrative", expected)
        for f in paths
        if (size := f.stat().st_size) > most
    ]
    if problems:
        raise DataError(problems, subject="the narrative")
