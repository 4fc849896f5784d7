"""Which sheet of a data set's workbook is which table (``swlib.reading`` reads them): sheet and
column names as swreport matches them (case, spaces and underscores aside), a sheet under another
name that looks like a table (named, not left out unread), and merged cells in a header row.
"""

from __future__ import annotations

import difflib
import re
from xml.etree.ElementTree import iterparse

from . import schema as sc
from .cell_text import cell_at
from .errors import MISNAMED_SHEET, Problem


def column_key(name) -> str:
    """A header cell as the name of its column ('Measure ID': measure_id): a table's columns are
    read, and a workbook's column letters found, by it."""
    return str(name).strip().lower().replace(" ", "_")


def sheet_key(name: str) -> str:
    """A sheet's name as swreport matches it to a table: case, spaces and underscores aside
    ('Observations', ' observations ', 'OBSERVATIONS')."""
    return re.sub(r"[\s_]+", "", str(name)).lower()


def table_sheets(sheetnames) -> dict[str, str]:
    """The sheets of a workbook that hold swreport's tables: table name -> the sheet's own name."""
    out: dict[str, str] = {}
    for n in sheetnames:
        table = next((t for t in sc.TABLE_ORDER if sheet_key(t) == sheet_key(n)), None)
        if table is not None:
            out.setdefault(table, n)
    return out


def _table_like(ws, sheet: str, absent: list[str]) -> str | None:
    """The table (of ``absent``) a sheet with another name looks like: its name begins with a
    table's ('Observations Q2', 'observations1') or nearly is one ('Observation'), or its header
    row has every required column of the table ('Q2 figures')."""
    key = sheet_key(sheet)
    for t in absent:
        if key.startswith(t[:-1]):
            return t
    near = difflib.get_close_matches(key, absent, n=1, cutoff=0.75)
    if near:
        return near[0]
    try:
        first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    except (AttributeError, KeyError, ValueError):
        return None
    header = {column_key(h) for h in first if h is not None}
    fits = [t for t in absent if {c.name for c in sc.TABLES[t].columns if c.required} <= header]
    return max(fits, key=lambda t: len(header & {c.name for c in sc.TABLES[t].columns}), default=None)


def misnamed_sheets(wb, names: dict[str, str], file: str, read_as: dict | None = None) -> list[Problem]:
    """A sheet that holds one of swreport's tables under another name ('Observations Q2'), which
    would be left out unread, or a workbook with no sheet named for a table at all: one problem
    each, naming the sheets found and the names expected. ``read_as``: each such sheet put in it
    as the table it looks like (read for its problems: every problem in one run)."""
    absent = [t for t in sc.TABLE_ORDER if t not in names]
    others = [n for n in wb.sheetnames if n not in names.values()]
    found = ", ".join(f"'{n}'" for n in wb.sheetnames)
    out = []
    for n in others:
        table = _table_like(wb[n], n, absent)
        if table is not None:
            if read_as is not None:
                read_as.setdefault(table, n)
            out.append(Problem(file, None, None,
                               f"a sheet named '{n}', which is not a table swreport reads (did you mean '{table}'?)",
                               f"the {table} table in a sheet named '{table}': rename the sheet '{table}' "
                               f"(sheets found: {found})", code=MISNAMED_SHEET))  # fmt: skip
    if not names and not out:
        out.append(Problem(file, None, None, f"no sheet named for a table swreport reads (sheets found: {found})",
                           "a sheet per table, named as the table: " + ", ".join(sc.TABLE_ORDER)
                           + " (as 'swreport template' writes them): rename the sheets"))  # fmt: skip
    return out


def merged_in_header(ws) -> list[str]:
    """The merged ranges of a worksheet (read-only, as ``read_workbook`` opens it) that take in a
    cell of row 1 ('A1:J1'), from the sheet's XML: a read-only sheet does not list them."""
    out = []
    try:
        with ws._get_source() as src:  # openpyxl: a read-only sheet keeps its XML path
            for _event, el in iterparse(src):
                if el.tag.endswith("}mergeCell") and re.match(r"[A-Z]+1(?::|$)", el.get("ref", "")):
                    out.append(el.get("ref"))
                elif el.tag.endswith("}row"):
                    el.clear()  # the cells: not kept
    except (AttributeError, OSError, KeyError, SyntaxError):
        return []
    return out


def merged_problems(label: str, sheet: str, merged: list[str], header: list) -> list[Problem]:
    """One problem for a header row with merged cells (a title merged across A1:J1, or one name over
    D1:F1), where it would otherwise be a line per column with no name."""
    if not merged:
        return []
    ranges = ", ".join(merged)
    named = [str(h).strip() for h in header if h is not None and str(h).strip()]
    return [
        Problem(
            label,
            1,
            None,
            f"merged cells in the header row ({ranges})",
            "the column names in row 1, one per cell"
            + (f" (found: {', '.join(named)})" if named else "")
            + ": unmerge them (Home > Merge & Center) and put a title, if any, in another sheet",
            cell=cell_at(sheet, merged[0].split(":")[0]),
        )
    ]


def _table_named(stem: str) -> str | None:
    """The table a CSV file's name most likely means: 'Workforce', 'finance 2025-26', 'observations (1)'
    (a Save As, a download's copy): the longest table name in it, else its nearest ('obsevations')."""
    key = sheet_key(stem)
    inside = [t for t in sc.TABLE_ORDER if t in key]
    if inside:
        return max(inside, key=len)
    close = difflib.get_close_matches(key, sc.TABLE_ORDER, n=1, cutoff=0.75)
    return close[0] if close else None


def _same_file(path, meant) -> bool:
    """Whether ``path`` is the file read as ``meant`` (a file system that ignores case opens
    Workforce.csv as workforce.csv)."""
    try:
        return meant.exists() and path.samefile(meant)
    except OSError:
        return False


def unread_csv_files(folder) -> dict[str, str]:
    """The CSV files of a data folder that no table is read from (each table is read from
    ``<table>.csv`` only), by file name, with the table each most likely is ('' for none)."""
    out = {}
    for f in sorted(folder.glob("*.csv")):
        if f.stem in sc.TABLES or f.name.startswith("."):
            continue
        table = _table_named(f.stem) or ""
        if table and _same_file(f, folder / f"{table}.csv"):
            continue
        out[f.name] = table
    return out


def misnamed_files(folder) -> list[Problem]:
    """A warning for each CSV file of a data folder that no table is read from, naming the table
    it probably is (ANALYST-9 #15: 'Workforce.csv' and 'finance 2025-26.csv' were left unread with no
    word, and the annual report said its workforce and finance sections had no data)."""
    out = []
    for name, table in unread_csv_files(folder).items():
        found = f"a file '{name}', which no table is read from"
        if not table:
            expected = f"a table's name as the file's name: one of {', '.join(f'{t}.csv' for t in sc.TABLE_ORDER)}"
        elif (folder / f"{table}.csv").exists():
            expected = (f"the {table} table in {table}.csv only: move '{name}' out of the data folder if it is a "
                        f"copy, or its rows into {table}.csv")  # fmt: skip
        else:
            expected = f"the {table} table in a file named '{table}.csv' (did you mean '{table}.csv'?): rename the file"
        out.append(Problem(name, None, None, found, expected))
    return out
