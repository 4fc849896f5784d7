"""A return's rows folded into a data set's tables, and the result written.

``plan_merge`` matches a return's rows to the data set's by each table's key (``MERGE_KEYS``)
and says what the merge would do (a ``Plan``: rows added, blank cells filled, figures changed,
missing-figure reasons cleared, pre-filled rows left out), with every table as it would be, as
text as the files hold it. ``write`` puts a checked plan in place: a CSV data set rewritten only
in the tables that change, a workbook data set keeping its other sheets, notes and drop-downs;
each file written whole to a temporary file and renamed. Checking the return and the merged data
set, and the ``swreport merge`` entry point, are in ``merge``.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from numbers import Real
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from . import cell_text
from . import schema as sc
from .errors import DataError, Problem
from .excel import as_text
from .outputs import write_atomic
from .reading import PERCENT_TABLES, as_shown, cell_shown, percent_format, read_tables
from .sheet_names import column_key, table_sheets

MERGE_KEYS = {name: t.key for name, t in sc.TABLES.items() if t.key} | {
    "actions": ("council", "period", "action"),
    "inspections": ("council", "service", "date"),
}


@dataclass(frozen=True)
class Change:
    table: str
    key: tuple[str, ...]
    column: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.table} {'/'.join(self.key)}, {self.column}: {self.old or '(blank)'} → {self.new}"


@dataclass
class Plan:
    """What a merge would do, and the tables as they would be (text, as the files hold it)."""

    added: dict[str, int] = field(default_factory=dict)
    filled: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    cleared: list[Change] = field(default_factory=list)  # missing-figure reasons taken off a row now filled
    updated: list[Change] = field(default_factory=list)  # a filled row's text (source, comment): part of the fill
    skipped: int = 0  # pre-filled rows left blank
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # every table after the merge
    touched: set[str] = field(default_factory=set)  # the tables that change
    origin: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # per table row: ("data"|"return", row)

    def summary(self) -> list[str]:
        lines = []
        for t, n in self.added.items():
            if n:
                lines.append(f"adds {n} row{'s' if n != 1 else ''} to {t}" + (":" if self.added_rows(t) else ""))
                lines += [f"  {r}" for r in self.added_rows(t)]
        if self.filled:
            lines.append(f"fills {len(self.filled)} blank cell{'s' if len(self.filled) != 1 else ''}:")
            lines += [f"  {c}" for c in self.filled[:50]]
        if self.changed:
            lines.append(f"changes {len(self.changed)} cell{'s' if len(self.changed) != 1 else ''} (old → new):")
            lines += [f"  {c}" for c in self.changed]
        if self.updated:
            n = len(self.updated)
            lines.append(f"updates {n} cell{'s' if n != 1 else ''} of the rows it fills (old → new):")
            lines += [f"  {c}" for c in self.updated]
        if self.cleared:
            n = len(self.cleared)
            lines.append(f"clears {n} missing-figure reason{'s' if n != 1 else ''} (the figure is now in):")
            lines += [f"  {c.table} {'/'.join(c.key)}, {c.column}: {c.old!r} → (blank)" for c in self.cleared]
        if self.skipped:
            lines.append(f"leaves out {self.skipped} row{'s' if self.skipped != 1 else ''} with nothing filled in")
        return lines or ["nothing to add or change: the data set already holds everything in the return"]

    def added_rows(self, table: str) -> list[str]:
        """The rows the merge adds to ``table``, one line each ('cj-reports-on-time 2026-27-Q2:
        175/199'), the first ``LIST_ADDED`` of them and then how many more."""
        df, origin = self.tables.get(table), self.origin.get(table, [])
        if df is None or table not in MERGE_KEYS:
            return []
        rows = [df.iloc[i] for i, (src, _) in enumerate(origin) if src == "return"]
        key = [k for k in MERGE_KEYS[table] if k != "council"]
        more = len(rows) - LIST_ADDED
        listed = [" ".join(str(r.get(k, "")) for k in key) + _figure(r) for r in rows[:LIST_ADDED]]
        return listed + ([f"… and {more} more row{'s' if more != 1 else ''}, not listed"] if more > 0 else [])


LIST_ADDED = 20  # merge lists the first this many rows it adds to a table, then says how many more


def _figure(row: pd.Series) -> str:
    """An observation's figure as merge lists it: its value, else numerator/denominator; a
    missing figure's reason; '' for another table's row."""
    if "value" not in row.index and "numerator" not in row.index:
        return ""
    value = str(row.get("value", "") or "").strip()
    n, d = (str(row.get(c, "") or "").strip() for c in ("numerator", "denominator"))
    if value:
        return f": {value}" + (f" ({n}/{d})" if n and d else "")
    if n or d:
        return f": {n or '?'}/{d or '?'}"
    comment = str(row.get("comment", "") or "").strip()
    return f": no figure ({comment})" if comment else ""


unneutralise = cell_text.unneutralise  # text as typed: the apostrophe the template put before =, +, -, @ taken off


def _col(table: sc.Table, name: str) -> sc.Col:
    return table.col(name) or (sc.Col(name, table.open_columns) if table.open_columns else sc.Col(name))


@lru_cache(maxsize=4096)
def _typed(table: sc.Table, name: str, text: str):
    """One cell's value as loading reads it (None for blank; text as typed where unreadable).
    Read once per cell's text: a merge compares each column of each row it matches (``_same``),
    and a conversion builds a pandas Series (about 2 ms)."""
    return _typed_cells(table, name, [text])[0]


def _typed_cells(table: sc.Table, name: str, cells) -> list:
    """Each of a column's ``cells`` (text as the files hold it) as loading reads it (``_typed``):
    loading's conversion of a column (``schema.convert``) run once on their distinct cells."""
    distinct = list(dict.fromkeys(cells))
    text = ["" if t is None else str(t).strip() for t in distinct]
    col = _col(table, name)
    try:
        values = list(sc.convert(col, pd.Series(text, dtype="object")).array)
    except (ValueError, TypeError):  # a period or date that cannot be read: each distinct cell on its own
        values = [_converted(col, t) for t in text]
    typed = [None if t == "" else t if _missing(v) else v for t, v in zip(text, values, strict=True)]
    by_cell = dict(zip(distinct, typed, strict=True))
    return [by_cell[c] for c in cells]


def _converted(col: sc.Col, text: str):
    try:
        return sc.convert(col, pd.Series([text], dtype="object")).array[0]
    except (ValueError, TypeError):
        return None


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _canonical(table: sc.Table, name: str, text) -> str:
    """A period or date as the data set writes it (2024-25-Q1, 2024-06-30), a number typed with
    a sign or separators as the number (93% as 93, 1,234 as 1234); other text as typed."""
    kind = _col(table, name).kind
    if kind in ("number", "int") and isinstance(text, str) and text.strip():
        try:
            float(text)
        except ValueError:
            try:
                v = cell_text.read_number(text)
            except ValueError:
                return text  # not a number: the checks name it
            return "" if v is None else (str(int(v)) if v.is_integer() else repr(v))
        return text
    if text is None or str(text).strip() == "" or kind not in ("period", "date"):
        return "" if text is None else text
    v = _typed(table, name, text)
    return v if isinstance(v, str) else text


def _same(table: sc.Table, name: str, a: str, b: str) -> bool:
    x, y = _typed(table, name, a), _typed(table, name, b)
    if isinstance(x, int | float) and isinstance(y, int | float):
        return math.isclose(float(x), float(y), rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(x, str) and isinstance(y, str):
        return " ".join(x.split()) == " ".join(y.split())
    return x == y


def row_keys(table: sc.Table, df: pd.DataFrame, key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Each row's key as merge matches rows: its key cells as loading reads them, as text (a
    column missing from ``df`` is blank), converted column by column."""
    columns = [_typed_cells(table, k, df[k] if k in df.columns else [""] * len(df)) for k in key]
    return [tuple(str(v or "") for v in cells) for cells in zip(*columns, strict=True)] if key else [()] * len(df)


def plan_merge(data: dict[str, pd.DataFrame], ret: dict[str, pd.DataFrame]) -> Plan:
    """The merge of the return's tables into the data set's (both raw text), not yet checked."""
    plan = Plan()
    for name in sc.TABLE_ORDER:
        base, new = data.get(name), ret.get(name)
        if new is None or new.empty:
            if base is not None:
                plan.tables[name] = base
                plan.origin[name] = [("data", int(i)) for i in base.index]
            continue
        table, key = sc.TABLES[name], MERGE_KEYS[name]
        new = new.map(unneutralise)
        if base is None:
            base = pd.DataFrame(columns=list(new.columns), dtype="object")
        cols = list(base.columns) + [c for c in new.columns if c not in base.columns]
        rows = [{c: r.get(c, "") for c in cols} for _, r in base.iterrows()]
        origin = [("data", int(i)) for i in base.index]
        where = {k: i for i, k in enumerate(row_keys(table, base, key))}
        content = [c for c in new.columns if c not in key and c != "source"]
        added = 0
        for (n, r), k in zip(new.iterrows(), row_keys(table, new, key), strict=True):
            if not any(str(r[c]).strip() for c in content):
                plan.skipped += 1
                continue
            if k not in where:
                rows.append({c: _canonical(table, c, r.get(c, "")) for c in cols})
                origin.append(("return", int(n)))
                where[k] = len(rows) - 1
                added += 1
                continue
            target = rows[where[k]]
            reason = _missing_reason(name, target)
            fills = name == "observations" and any(
                str(r.get(c, "")).strip() and not str(target.get(c, "") or "").strip() for c in FIGURE_COLUMNS
            )  # a figure not in before: its row's source and comment are the figure's
            for c in new.columns:
                now, old = str(r[c]).strip(), str(target.get(c, "") or "").strip()
                if not now or c in key or _same(table, c, old, now):
                    continue
                if (
                    name == "measures"
                    and c == "decimals"
                    and not old
                    and _same(
                        table, c, str(sc.DEFAULT_DECIMALS.get(str(target.get("unit", "")).strip().lower(), 0)), now
                    )
                ):
                    continue  # the template writes the default a blank cell means
                now = _canonical(table, c, now)
                change = Change(name, k, c, old, now)
                (plan.filled if not old else plan.updated if fills and c in FILL_TEXT else plan.changed).append(change)
                target[c] = now
                plan.touched.add(name)
            if reason and not _missing_reason(name, target) and _same(table, "comment", target["comment"], reason):
                # the figure is in: the reason it was missing is no longer true (a new comment stays)
                plan.cleared.append(Change(name, k, "comment", reason, ""))
                target["comment"] = ""
        if added:
            plan.touched.add(name)
        plan.added[name] = added
        plan.tables[name] = pd.DataFrame(rows, columns=cols, dtype="object")
        plan.origin[name] = origin
    return plan


FIGURE_COLUMNS = ("value", "numerator", "denominator")  # an observation's figure
FILL_TEXT = ("source", "comment")  # text a return gives with a figure it fills: updated with it, no --replace


def _missing_reason(name: str, row: dict) -> str:
    """The reason an observation row gives for a figure it does not have (its comment, when
    value, numerator and denominator are all blank; the report prints it where the figure would be)."""
    if name != "observations" or any(str(row.get(c, "") or "").strip() for c in ("value", "numerator", "denominator")):
        return ""
    return str(row.get("comment", "") or "").strip()


def csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(df.columns))
    for r in df.itertuples(index=False):
        w.writerow(["" if v is None else cell_text.neutralise(v) for v in r])  # swlib.load takes the apostrophe off
    return buf.getvalue().encode("utf-8")


BOM = b"\xef\xbb\xbf"  # the byte order mark Excel's "CSV UTF-8" begins with: without it Excel reads £ as Â£
# A CSV file merge writes keeps the mark it had, and gets one when it holds more than plain ASCII
# (a £, an accent): Excel opens a UTF-8 file without the mark as the Windows code page.


def _has_bom(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(3) == BOM
    except OSError:
        return False


def _write_folder(folder: Path, plan: Plan) -> list[Path]:
    out = []
    contents = {name: csv_bytes(plan.tables[name]) for name in sc.TABLE_ORDER if name in plan.touched}
    for name, content in contents.items():  # every file made in memory first, then each renamed into place
        path = folder / f"{name}.csv"
        marked = _has_bom(path) or not content.isascii()  # Excel reads UTF-8 without the mark as Windows text
        write_atomic(path, (BOM if marked else b"") + content)
        out.append(path)
    return out


def _cell_values(table: sc.Table, name: str, cells) -> list:
    """A workbook column's cells: numbers as numbers, everything else as the text it is."""
    numbers = _col(table, name).kind in ("number", "int", "grade")
    typed = _typed_cells(table, name, cells) if numbers else [None] * len(cells)
    out = []
    for text, v in zip(cells, typed, strict=True):
        if text is None or str(text).strip() == "":
            out.append(None)
        elif isinstance(v, Real) and not isinstance(v, bool):  # numpy's too (a whole-number column reads as Int64)
            out.append(int(v) if float(v).is_integer() else float(v))
        else:
            out.append(str(text))
    return out


def _percent_cells(name: str, column: str) -> bool:
    """Whether reading shows a number in a percent-formatted cell of this column as the percentage
    (0.84 formatted 0% is 84): the columns ``reading.as_shown`` scales."""
    return name in PERCENT_TABLES and _col(sc.TABLES[name], column).kind == "number"


def _as_read(column: str, cell, percent: bool) -> str:
    """A workbook cell's text as reading gives it (``reading.read_workbook``): a percent-formatted
    number as the percentage it shows (``percent``: the column is one ``_percent_cells`` names), an
    Excel date as the text it is read as."""
    numbers = {column} if percent else set()
    (v,) = as_shown([cell], [column], numbers)
    return cell_text.unneutralise(cell_shown(v, column).strip())


def _for_cell(cell, value, percent: bool):
    """The value written into ``cell``: a number in a percent-formatted cell as Excel stores the
    percentage it shows (84 as 0.84 under 0.0%), so that the cell still shows and reads as 84."""
    if percent and isinstance(value, int | float) and percent_format(cell.number_format):
        return round(value / 100, 12)
    return value


def _write_book(path: Path, plan: Plan) -> list[Path]:
    wb = load_workbook(path)
    shown = load_workbook(path, data_only=True)  # each cell as read: a formula's saved value
    names = table_sheets(wb.sheetnames)
    for name in sc.TABLE_ORDER:
        if name not in plan.touched:
            continue
        table, df = sc.TABLES[name], plan.tables[name]
        ws = wb[names[name]] if name in names else wb.create_sheet(name)
        seen = shown[names[name]] if name in names else None
        header = {}
        for cell in ws[1]:
            if cell.value is not None and str(cell.value).strip():
                header[column_key(cell.value)] = cell.column
        for c in df.columns:
            if c not in header:
                col = (max(header.values()) + 1) if header else 1
                ws.cell(1, col, c)
                header[c] = col
        last = 1
        for r in range(ws.max_row, 1, -1):
            if any(ws.cell(r, j).value not in (None, "") for j in header.values()):
                last = r
                break
        values = {c: _cell_values(table, c, list(df[c])) for c in df.columns}  # each column converted once
        percent = {c: _percent_cells(name, c) for c in df.columns}  # and its cells' kind worked out once
        for i, (src, row) in enumerate(plan.origin[name]):
            r = row if src == "data" else None
            if r is None:
                last += 1
                r = last
            for c in df.columns:
                text = df[c].iat[i]
                cell = ws.cell(r, header[c])
                formula = isinstance(cell.value, str) and cell.data_type == "f"  # saved, it would lose its value
                if src == "data" and seen is not None and not formula:
                    if _as_read(c, seen.cell(r, header[c]), percent[c]) == ("" if text is None else str(text).strip()):
                        continue  # as the data set had it: the cell (its format, a date) untouched
                value = _for_cell(cell, values[c][i], percent[c])
                if cell.value != value:
                    cell.value = value
                    as_text(cell)  # text as typed, never run as a formula
    buf = io.BytesIO()
    wb.save(buf)
    _check_read_back(path, buf.getvalue(), plan)
    write_atomic(path, buf.getvalue())
    return [path]


def _check_read_back(path: Path, content: bytes, plan: Plan) -> None:
    """The workbook about to be written, read back as ``validate`` will read it: every table the
    merge changes must hold the figures and text that were checked (``plan.tables``); DataError
    naming each cell that would not (nothing is written)."""
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / path.name
        copy.write_bytes(content)
        letters: dict = {}
        tables, _, _ = read_tables(copy, letters)
    problems = []
    for name in sc.TABLE_ORDER:
        if name not in plan.touched:
            continue
        table, want, got = sc.TABLES[name], plan.tables[name], tables.get(name)
        sheet, cols = letters.get(name, (name, {}))
        if got is None or len(got) != len(want):
            problems.append(Problem(f"{path.name} [sheet {name}]", None, None,
                                    f"{0 if got is None else len(got)} rows read back from the workbook written",
                                    f"the {len(want)} rows checked; nothing written"))  # fmt: skip
            continue
        for c in want.columns:
            checked = ["" if v is None else str(v).strip() for v in want[c]]
            read = list(got[c]) if c in got.columns else [""] * len(got)
            pairs = zip(
                got.index, checked, read, _typed_cells(table, c, checked), _typed_cells(table, c, read), strict=True
            )
            for row, text, typed, x, y in pairs:
                if not _equal(x, y):
                    problems.append(Problem(
                        f"{path.name} [sheet {name}]", int(row), c, f"{typed!r} read back from the workbook written",
                        f"{text or '(blank)'}, as checked; nothing written (please report this)",
                        cell=cell_text.cell_at(sheet, f"{cols[c]}{row}") if c in cols else None,
                    ))  # fmt: skip
    if problems:
        raise DataError(problems, subject=f"the merged {path.name}")


def _equal(x, y) -> bool:
    if isinstance(x, Real) and isinstance(y, Real) and not isinstance(x, bool) and not isinstance(y, bool):
        return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(x, str) and isinstance(y, str):
        return " ".join(x.split()) == " ".join(y.split())
    return (_missing(x) and _missing(y)) or x == y


def write(path: Path, plan: Plan, is_book: bool) -> list[Path]:
    """The tables a checked plan changes written into the data set at ``path`` (a workbook when
    ``is_book``, else a folder of CSV files), each whole and renamed into place; the files written."""
    return _write_book(path, plan) if is_book else _write_folder(path, plan)
