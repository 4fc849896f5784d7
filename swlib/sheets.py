"""A published workbook's sheets read as rows, fast: calamine reads the cells (openpyxl took
seconds over the LGBF workbook, with its external links, styles and 2,189 columns), after the
sheets' declared sizes (read from the zip, before any cell) are checked against the limits
(``swlib.limits``). Used by the LGBF importer for its three workbooks."""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

from python_calamine import CalamineError, CalamineWorkbook

from .cell_text import cell_at, column_letter
from .errors import Problem
from .limits import check_workbook, sheet_rows


def cell_ref(sheet: str, row: int, col: int) -> str:
    return cell_at(sheet, f"{column_letter(col)}{row}")


def _cell_value(v):
    """A cell as openpyxl gives it: None for a blank (or an error, which calamine leaves blank and
    the LGBF importer reads as missing), a whole number as an int, a date as a datetime."""
    if v == "":
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


class _Rows:
    """Rows already read, where ``limits.sheet_rows`` expects a worksheet."""

    def __init__(self, rows):
        self.rows = rows

    def iter_rows(self, values_only=True):
        return iter(self.rows)


def _attrs(tag: str) -> dict[str, str]:
    return {k.split(":")[-1]: html.unescape(v) for k, v in re.findall(r'([\w:]+)="([^"]*)"', tag)}


def _declared(path: Path):
    """The workbook's sheets, each with its title and its declared size (the ``dimension`` at the
    head of its XML, as openpyxl's read-only mode reports it), read from the zip without parsing
    the workbook: for ``limits.check_workbook``, before any cell is read."""

    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = {
            a.get("Id"): a.get("Target", "")
            for a in map(_attrs, re.findall(r"<Relationship\b[^>]*>", z.read("xl/_rels/workbook.xml.rels").decode()))
        }
        sheets = []
        for a in map(_attrs, re.findall(r"<sheet\b[^>]*>", book)):
            target = rels.get(a.get("id"), "")
            name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            rows = cols = 0
            if name in z.namelist():
                with z.open(name) as f:
                    head = f.read(65536).decode("utf-8", "replace")
                m = re.search(r'<dimension\b[^>]*\bref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"', head)
                if m:
                    rows, cols = int(m[2]), sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(m[1])))
            sheets.append(SimpleNamespace(title=a.get("name", ""), max_row=rows, max_column=cols))
    return SimpleNamespace(worksheets=sheets, sheetnames=[s.title for s in sheets])


def read_rows(path: Path, sheet: str | None, problems: list, what: str) -> list[tuple]:
    """The rows of one sheet (default: the first), read with calamine: openpyxl took seconds over
    the published workbook (its 127 external links, its styles, its 2,189 columns). The sheets'
    declared sizes are checked against the limits before a cell is read."""

    try:
        wb = _declared(path)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, UnicodeDecodeError):
        problems.append(Problem(path.name, None, None, "a file that is not an Excel workbook", what))
        return []
    name = sheet or (wb.sheetnames or [""])[0]
    if name not in wb.sheetnames:
        problems.append(
            Problem(path.name, None, None, f"sheets {', '.join(wb.sheetnames)}", f"a sheet '{name}' ({what})")
        )
        return []
    check_workbook(wb, path.name)  # a few compressed megabytes can declare millions of rows
    try:
        cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError):
        problems.append(Problem(path.name, None, None, "a file that is not an Excel workbook", what))
        return []
    rows = [tuple(_cell_value(v) for v in r) for r in sheet_rows(_Rows(cells), f"{path.name} [sheet {name}]")]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()  # openpyxl's trailing blank rows, which calamine may keep
    return rows


def read_table(path: Path, need: tuple[str, ...], what: str, problems: list) -> tuple[list[tuple], dict[str, int]]:
    """The first sheet's rows and the position of each needed column (no rows where it lacks one)."""
    rows = read_rows(path, None, problems, f"{what}: {', '.join(need)}")
    if not rows:
        return [], {}
    head = [str(h).strip() if h is not None else "" for h in rows[0]]
    missing = [n for n in need if n not in head]
    if missing:
        problems.append(Problem(path.name, 1, missing[0], "no such column", f"columns {', '.join(need)}"))
        return [], {}
    return rows, {n: head.index(n) for n in need}
