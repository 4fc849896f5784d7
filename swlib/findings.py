"""A finding of check-public and of a public run, and where an analyst finds what it names: the
file and row (a workbook's sheet and cell; a narrative file's line, by its path from the working
folder). ``publishing`` (the free text a public report withholds) and ``unchecked`` (the figures
public suppression cannot check) make them; the CLI prints them with ``where``.
"""

from __future__ import annotations

from pathlib import Path

from .public_text import reason_for, table_file
from .sheet_names import column_key, table_sheets


def workbook_letters(ds) -> dict[str, dict[str, str]]:
    """For a data set read from a workbook: each sheet's column letters by column name."""
    path = Path(getattr(ds, "path", "") or "")
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return {}
    from openpyxl import load_workbook  # only for a workbook data set: a data folder never loads it
    from openpyxl.utils import get_column_letter

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        out = {}
        for table, name in table_sheets(wb.sheetnames).items():
            first = next(wb[name].iter_rows(min_row=1, max_row=1, values_only=True), ())
            out[table] = {column_key(h): get_column_letter(i) for i, h in enumerate(first, 1) if h}
        return out
    finally:
        wb.close()


def where(f: dict) -> str:
    """A finding's place as an analyst looks for it: file and line, or sheet and cell."""
    if f.get("cell"):
        return f"{f['file']}, cell {f['cell']}"
    if f.get("row") is None and f.get("column"):  # a setting (params/councils.yaml)
        return f"{f['file']}, setting '{f['column']}'"
    return f"{f['file']}, {'line' if f.get('column') is None else 'row'} {f['row']}" + (
        f", column '{f['column']}'" if f.get("column") else ""
    )


def finding(ds, letters: dict, table: str, i, col: str, hit: str, cleared: bool) -> dict:
    """A finding in row ``i`` of ``table`` (its file and spreadsheet row; its cell, by ``letters``:
    ``workbook_letters``)."""
    f = {"file": table_file(ds, table), "row": i + 2, "column": col, "text": hit, "cleared": cleared,
         "reason": reason_for(hit)}  # fmt: skip
    if table in letters and col in letters[table]:
        f["cell"] = f"{letters[table][col]}{i + 2}"
    return f


def shown_path(path: Path) -> str:
    """A file's path as an analyst finds it: relative to the working folder where it is inside
    it (``data/narrative/...``), else in full."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
