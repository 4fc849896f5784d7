"""Reading a data set's raw tables: a CSV file (its encoding, blank lines, apostrophes) or one
.xlsx workbook's sheets (which is which table: ``swlib.sheet_names``), as text cells, within the
size limits (``swlib.limits``). Problems are collected, each naming file (and sheet), row and
column; nothing is typed or checked here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import operator
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from . import cell_text
from . import schema as sc
from .errors import MISNAMED_SHEET, DataError, Problem
from .limits import Budget, check_csv, check_workbook, sheet_rows
from .sheet_names import column_key, merged_in_header, merged_problems, misnamed_sheets, table_sheets

MAX_FILE_BYTES = 64 * 1024 * 1024


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


SAVE_AS_CSV = "in Excel: Save As 'CSV UTF-8 (Comma delimited)'"


def read_csv(path: Path, label: str, problems: list[Problem], table: str | None = None) -> pd.DataFrame | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(label, None, None, f"a file of {size / 1e6:.0f} MB", "a CSV file under 64 MB"))
            return None
        raw = path.read_bytes()
    except IsADirectoryError:
        problems.append(Problem(label, None, None, "a folder", "a CSV file"))
        return None
    except PermissionError:
        problems.append(
            Problem(label, None, None, "a file that cannot be read (permission denied)", "a readable CSV file")
        )
        return None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's 'Unicode Text' (UTF-16, tabs)
        problems.append(Problem(label, None, None, "a UTF-16 text file (as Excel saves 'Unicode Text')",
                                f"a CSV text file ({SAVE_AS_CSV})"))  # fmt: skip
        return None
    if b"\x00" in raw[:4096]:
        problems.append(Problem(label, None, None, "binary data", "a CSV text file"))
        return None

    try:
        check_csv(raw, label)
    except DataError as e:
        problems.extend(e.problems)
        return None
    text = _decode(raw)
    semicolons = _semicolon_header(text)
    if semicolons:
        problems.append(Problem(label, 1, None, semicolons, "columns separated by commas: swreport reads commas only, "
                                f"so save the file with commas ({SAVE_AS_CSV})"))  # fmt: skip
        return None
    fast = _one_line_records(text)
    if fast is not None:
        return _rows_to_frame([fast[0]], label, problems, cells=fast[1], table=table)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        problems.append(Problem(label, None, None, f"unreadable CSV ({e})", "comma-separated text"))
        return None
    return _rows_to_frame(rows, label, problems, table=table)


def _semicolon_header(text: str) -> str:
    """What a header row separated by semicolons looks like, for its message (a CSV file saved
    where a comma is the decimal point: 'council;measure;period'), or by tabs (Excel's 'Text (Tab
    delimited)'); '' for a header of commas. The first line ends at a line feed or a carriage
    return alone (Excel for Mac's 'CSV (Macintosh)')."""
    line = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"), maxsplit=1)[0]
    commas = len(next(csv.reader([line]), []))
    for sep, word in ((";", "semicolons"), ("\t", "tabs")):
        names = next(csv.reader([line], delimiter=sep), [])
        if len(names) >= 2 and commas < len(names):
            shown = sep.join(names[:3]) + (f"{sep}..." if len(names) > 3 else "")
            return f"a header row separated by {word} ({shown.replace(chr(9), ' <tab> ')!r})"
    return ""


def _one_line_records(text: str) -> tuple[list[str], np.ndarray] | None:
    """The header row and the cells of a CSV text whose every record is one line of the header's
    width (no blank line, no quoted line break, no carriage return, a header without quotes that
    names its last column), parsed by pandas' C reader: the ``csv`` module's reading, cell for cell
    (lines without quotes are split at commas by both; the lines with quotes are read by both and
    compared). None for any other text, which the ``csv`` module reads."""
    if "\r" in text or not text.endswith("\n"):
        return None
    lines = text[:-1].split("\n")
    header = lines[0].split(",")
    if len(lines) == 1 or '"' in lines[0] or not header[-1].strip() or any(not line for line in lines):
        return None
    commas = np.fromiter(map(operator.methodcaller("count", ","), lines), dtype=np.int64, count=len(lines))
    plain = np.fromiter(map(operator.methodcaller("count", '"'), lines), dtype=np.int64, count=len(lines)) == 0
    quoted = np.flatnonzero(~plain)
    if (commas[plain] != len(header) - 1).any():
        return None
    try:
        by_csv = list(csv.reader([lines[i] for i in quoted]))  # each quoted line a whole record
    except csv.Error:
        return None
    if any(len(r) != len(header) for r in by_csv):
        return None
    try:
        cells = pd.read_csv(io.StringIO(text), header=None, dtype=str, na_filter=False, skip_blank_lines=False,
                            engine="c").to_numpy(dtype=object)  # fmt: skip
    except (ValueError, pd.errors.ParserError):
        return None
    if cells.shape != (len(lines), len(header)) or any(
        list(cells[i]) != r for i, r in zip(quoted, by_csv, strict=True)
    ):
        return None
    return header, cells[1:]


def _rows_to_frame(
    rows: list[list[str]],
    label: str,
    problems: list[Problem],
    cells: np.ndarray | None = None,
    table: str | None = None,
    titled: bool | None = None,
) -> pd.DataFrame | None:
    """A table from its rows as read (``cells``: its body, read already, one row per record of
    the header's width; ``table``: the table it is, whose columns an empty one is told;
    ``titled``: ``_is_title_row(rows)`` where the caller has asked it)."""
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()  # trailing blank lines
    if not rows:
        problems.append(Problem(label, None, None, "an empty file", "a header row naming the columns"
                                + _header_needed(table)))  # fmt: skip
        return None
    if _is_title_row(rows) if titled is None else titled:  # its one problem: the table is read no further
        names = [c.strip() for c in rows[1] if c.strip()]
        problems.append(Problem(label, 1, None, f"a title in row 1 ({rows[0][0].strip()!r}) and the column names in "
                                f"row 2 ({', '.join(names[:3])}, ...)", "the column names in row 1: delete the title "
                                "row above them (a title, if any, goes in another file or sheet)"))  # fmt: skip
        return None
    header = [column_key(h) for h in rows[0]]
    while header and header[-1] == "" and all(len(r) < len(header) or not r[len(header) - 1].strip() for r in rows[1:]):
        header.pop()  # a trailing empty header column (Excel exports add them)
    width = len(header)
    blank_headers = [i + 1 for i, h in enumerate(header) if h == ""]
    for i in blank_headers:
        problems.append(Problem(label, 1, f"#{i}", "a column with no name", "every column to have a name"))
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    for h in dupes:
        problems.append(Problem(label, 1, h, "the column named twice", "each column once"))
    # rows of the header's width go through whole; cells are stripped and unneutralised once per
    # distinct value of a column (``_cleaned``): a national panel has hundreds of thousands of rows
    body, numbers, bad = rows[1:], range(2, len(rows) + 1 if cells is None else len(cells) + 2), False
    if set(map(len, body)) - {width}:  # blank lines, short or long rows: one by one
        body, numbers = [], []
        for n, r in enumerate(rows[1:], start=2):
            if len(r) != width:
                if not "".join(r).strip():
                    continue  # blank line
                extra = r[width:]
                if len(r) > width and not any(c.strip() for c in extra):
                    r = r[:width]
                else:
                    problems.append(
                        Problem(
                            label,
                            n,
                            None,
                            f"{len(r)} fields",
                            f"{width} fields, as in the header row" + _split_decimal(r, width),
                        )
                    )
                    bad = True
                    continue
            body.append(r)
            numbers.append(n)
    if blank_headers or dupes or bad:
        return None
    df = pd.DataFrame({h: pd.Series(dtype="object") for h in header})
    if body and width:
        cells = np.empty((len(body), width), dtype=object)
        cells[:] = body  # one row per line, every row of the header's width
    kept = []
    if cells is not None and len(cells) and width:
        columns = [_cleaned(cells[:, i]) for i in range(width)]
        keep = ~np.logical_and.reduce([c == "" for c in columns])  # lines of blank cells
        if keep.any():
            df = pd.DataFrame(dict(zip(range(width), (c[keep] for c in columns), strict=True)), dtype="object")
            df.columns = header
            kept = np.asarray(numbers, dtype="int64")[keep]
    df.index = pd.Index(kept, dtype="int64")
    typed = {k: str(h).strip() for k, h in zip(header, rows[0], strict=False) if k and k != str(h).strip()}
    if typed:  # 'Notes for Performance Team': a column named in a message as it was typed
        df.attrs["typed"] = typed
    return df


def _is_title_row(rows: list[list[str]]) -> bool:
    """Whether row 1 is a title typed above the column names ('Fife Council observations 2023-24'
    in row 1 alone, the names in row 2)."""
    if len(rows) < 2:
        return False
    first = [c.strip() for c in rows[0]]
    if not first or not first[0] or any(first[1:]):
        return False
    names = [c.strip() for c in rows[1] if c.strip()]
    return len(names) >= 2 and all(re.fullmatch(r"[A-Za-z][A-Za-z _]*", n) for n in names)


def _split_decimal(row: list[str], width: int) -> str:
    """For a row one field too long where a figure typed with a decimal comma and no quotes
    (78,3) would have split in two: what to type; else ''."""
    if len(row) != width + 1:
        return ""
    cells = [c.strip() for c in row]
    pairs = [
        (a, b) for a, b in itertools.pairwise(cells) if re.fullmatch(r"\d+", a) and re.fullmatch(r"\d{1,2}|\d{4,}", b)
    ]
    if len(pairs) != 1:
        return ""
    a, b = pairs[0]
    return f" (the figure {a},{b} split in two at its comma? a decimal takes a point: {a}.{b})"


def _cleaned(column: np.ndarray) -> np.ndarray:
    """A column's cells stripped, and as typed where swreport wrote them with an apostrophe
    (``cell_text.unneutralise``): worked out once per distinct cell."""
    codes, distinct = pd.factorize(np.ascontiguousarray(column))
    clean = np.asarray([cell_text.unneutralise(c.strip()) for c in distinct], dtype=object)
    return clean[codes] if len(clean) else column


def cell_shown(value, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        if (
            column == "period"
        ):  # the date as Excel shows it: read as its month, as in a CSV file (cell_text.read_period)
            return f"{value.day:02d}/{value.month:02d}/{value.year}"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# The tables whose figures an analyst may type as Excel percentages: typing 93% into a cell
# stores 0.93 and shows "93%" (a percent number format); swreport's percentages are 0 to 100.
PERCENT_TABLES = ("observations", "targets", "measures")


def percent_format(fmt) -> bool:
    """Whether an Excel number format shows its value times 100 with a % sign ("0%", "0.0%"),
    not a literal "%" (the quoted ``0.0"%"`` swreport's own sheets use) or an escaped ``\\%``."""
    if not isinstance(fmt, str) or "%" not in fmt:
        return False
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt)
    return "%" in bare


def as_shown(cells, header: list[str] | None, numbers: set[str]) -> tuple:
    """A row of cells as values, a number in a percent-formatted cell of a number column as the
    percentage it shows (0.93 shown as 93% is 93)."""
    out = []
    for i, c in enumerate(cells):
        v = getattr(c, "value", None)
        name = column_key(header[i]) if header is not None and i < len(header) else ""
        if (
            name in numbers
            and isinstance(v, int | float)
            and not isinstance(v, bool)
            and percent_format(getattr(c, "number_format", None))
        ):
            v = round(v * 100, 10)
        out.append(v)
    return tuple(out)


def read_workbook(path: Path, problems: list[Problem], letters: dict | None = None) -> dict[str, pd.DataFrame | None]:
    from openpyxl import load_workbook  # only for a workbook: a data folder of CSV files never loads it

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as e:
        reason = (
            "a file that is not an Excel workbook"
            if isinstance(e, zipfile.BadZipFile)
            else f"an unreadable workbook ({type(e).__name__})"
        )
        problems.append(Problem(path.name, None, None, reason, "an .xlsx workbook with a sheet per table"))
        return {}

    try:
        check_workbook(wb, path.name)  # the declared sizes, before a row is read
    except DataError:
        wb.close()
        raise
    budget = Budget(path.name)
    out: dict[str, pd.DataFrame | None] = {}
    names = table_sheets(wb.sheetnames)
    named = len(names)
    misnamed = misnamed_sheets(wb, names, path.name, names)
    if misnamed and len(names) == named:  # no table to read under another name
        wb.close()
        problems += misnamed
        return {}
    problems += misnamed  # a table under another name is read as it, for its problems, but not merged or used
    for table in sc.TABLE_ORDER:
        if table not in names:
            continue
        ws = wb[names[table]]
        rows = []
        header: list[str] | None = None
        numbers = {c.name for c in sc.TABLES[table].columns if c.kind == "number"} if table in PERCENT_TABLES else None
        for r in sheet_rows(ws, f"{path.name} [sheet {table}]", budget, values_only=numbers is None):
            if numbers is not None:
                r = as_shown(r, header, numbers)
            if header is None:
                header = [cell_shown(v, "") for v in r]
                rows.append(header)
                continue
            rows.append([cell_shown(v, header[i].strip().lower() if i < len(header) else "") for i, v in enumerate(r)])
        # openpyxl pads rows to the sheet's width: trim columns with no header and no data
        label, found = f"{path.name} [sheet {table}]", []
        titled = _is_title_row(rows)  # its one problem (``_rows_to_frame`` reads no further), at the title's cell
        out[table] = _rows_to_frame(rows, label, found, table=table, titled=titled)
        found = [replace(p, cell=cell_text.cell_at(ws.title, "A1")) for p in found] if titled else found
        unnamed = found if titled else [p for p in found if p.found == "a column with no name"]
        merged = merged_in_header(ws) if unnamed else []
        problems += merged_problems(label, ws.title, merged, header or []) + (
            [p for p in found if p not in unnamed] if merged else found
        )
        if letters is not None and header is not None:
            from openpyxl.utils import get_column_letter  # as in read_workbook

            letters[table] = (
                ws.title,
                {column_key(h): get_column_letter(i) for i, h in enumerate(header, 1) if h.strip()},
            )
    wb.close()
    return out


DATA_SET = "a data folder of CSV files or an .xlsx workbook"  # what a data set's path names, for messages


def read_tables(
    path: Path, letters: dict | None = None, read_past: list[Problem] | None = None
) -> tuple[dict[str, pd.DataFrame], dict, bool]:
    """The raw text tables of a data folder (a CSV file per table) or an .xlsx workbook (index:
    spreadsheet row), the workbook's column letters by sheet (filled into ``letters`` as it is read,
    so that a caller can place the problems in cells), and whether it is a workbook. DataError for
    what cannot be read: nothing at the path, a file that is no workbook, every problem found in
    reading (``read_csv``, ``read_workbook``). ``read_past``: when the only problems are sheets
    under another name ('Observations Q2', read as the table), they are put in it, not raised, so
    that the caller lists them with the tables' own problems."""
    problems: list[Problem] = []
    letters = {} if letters is None else letters
    if not path.exists():
        raise DataError(Problem(str(path), None, None, "nothing at this path", DATA_SET))
    is_book = path.is_file()
    if is_book and path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise DataError(Problem(path.name, None, None, f"a '{path.suffix or 'extensionless'}' file", DATA_SET))
    if is_book:
        raw = read_workbook(path, problems, letters)
    else:
        raw = {
            t: read_csv(path / f"{t}.csv", f"{t}.csv", problems, t)
            for t in sc.TABLE_ORDER
            if (path / f"{t}.csv").exists()
        }
    if problems and read_past is not None and all(p.code == MISNAMED_SHEET for p in problems):
        read_past += problems  # each misnamed sheet read as its table: the caller checks it too
    elif problems:
        raise DataError(problems)
    return {k: v for k, v in raw.items() if v is not None}, letters, is_book


def _header_needed(table: str | None) -> str:
    """For an empty table: the header it needs (``swreport init`` writes every table with it)."""
    if table not in sc.TABLES:
        return ""
    names = ",".join(c.name for c in sc.TABLES[table].columns if c.required)
    return f", at least: {names} ('swreport init' writes each table with its header)"
