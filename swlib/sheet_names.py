"""Which sheet of a data set's workbook is which table (``swlib.reading`` reads them): sheet and
column names as swreport matches them (case, spaces and underscores aside), a sheet under another
name that looks like a table (named, not left out unread), and merged cells in a header row.
"""

from __future__ import annotations

import difflib
import re
from xml.etree.ElementTree import iterparse

from . import schema as sc
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
            cell=f"{sheet}!{merged[0].split(':')[0]}",
        )
    ]
