"""Workbooks written safely: a cell's text kept as text, never a formula (``as_text``,
``append_row``), a typed table's values as plain cells (``plain``), DataFrames as the sheets of a
workbook written atomically (``write_frames``). The return template is ``return_template``, the
performance table's workbook ``performance_workbook``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from .cell_text import FORMULA_START, neutralise, unneutralise  # noqa: F401 (excel's names too)
from .neutral_csv import neutralise_frame, write_csv  # noqa: F401 (excel's names too)
from .outputs import write_atomic


def as_text(cell) -> None:
    """A workbook cell holding text kept as text: never a formula, and where the text begins as
    a formula would, Excel's own (hidden) quote prefix, which also keeps it text when edited."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START):
            cell.quotePrefix = True


def append_row(ws, cells) -> None:
    """``ws.append`` with every text cell written as text, never as a formula: text a
    spreadsheet would run gets Excel's own quote prefix (hidden; the cell shows the text as
    written, and Excel keeps it as text when edited), not a visible apostrophe."""
    ws.append([None if c is None else c for c in cells])
    for cell, value in zip(ws[ws.max_row], cells, strict=False):
        if isinstance(value, str):
            cell.value = value
            as_text(cell)


def write_frames(path, frames: dict[str, pd.DataFrame]) -> Path:
    """DataFrames as the sheets of a workbook, text written as text (``append_row``), atomically:
    the workbook is saved beside ``path`` and moved over it."""

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in frames.items():
        ws = wb.create_sheet(name)
        append_row(ws, [str(c) for c in df.columns])
        for r in df.itertuples(index=False):
            append_row(ws, [plain(v) for v in r])
    buf = io.BytesIO()
    wb.save(buf)
    path = Path(path)
    write_atomic(path, buf.getvalue())
    return path


def plain(value):
    """A cell value from a typed table: blanks for missing, plain Python numbers."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if not isinstance(value, str | int | float | bool):
        return str(value)  # a list, dict or timestamp: as text
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
