"""``swreport merge RETURN.xlsx``: fold a filled-in return into the data set in use.

A return is a workbook as ``swreport template`` writes it: a sheet per table. Its rows are
matched to the data set's by each table's key (observations by council, measure and period;
actions by council, period and action; inspections by council, service and date):

- a row the data set does not have is **added**;
- a cell the data set has blank and the return fills is **filled**;
- a cell whose figure or text differs is a **change** (old -> new): refused unless ``replace``;
- a blank cell in the return changes nothing (a return never deletes), and a row whose cells
  are blank apart from its key (a pre-filled row no one filled in) is left out.

The return is validated on its own (every problem named by its sheet and cell), then the data
set as it would be after the merge; only when both pass is anything written, each file written
whole to a temporary file and renamed. Text that the template neutralised for Excel (a leading
apostrophe before =, +, -, @) comes back as it was typed. A CSV data set is rewritten only in
the tables that change; a workbook data set keeps its other sheets, notes and drop-downs.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from . import schema as sc
from .cell_text import cell_at
from .errors import (
    DUPLICATE_KEY,
    FINANCE_UNITS,
    MISSING_TABLE,
    NO_COUNCILS,
    OUT_OF_SCALE,
    UNKNOWN_COUNCIL,
    UNKNOWN_MEASURE,
    YEAR_TO_DATE,
    ConfigError,
    DataError,
    Problem,
)
from .folding import MERGE_KEYS, Plan, csv_bytes, plan_merge, row_keys, write
from .loading import check_tables, in_cells, load, table_label, unread_columns
from .reading import read_tables
from .sheet_names import table_sheets
from .sheets import cell_ref

# A return's own problems that the data set it merges into can resolve: the ids it lists, and the
# tables a return need not carry.
_UNKNOWN_IDS = (UNKNOWN_COUNCIL, UNKNOWN_MEASURE)
_RESOLVED_BY_DATA = (*_UNKNOWN_IDS, NO_COUNCILS, MISSING_TABLE)


def _check_return(path: Path, ret: dict, letters: dict) -> None:
    """The return (its tables ``ret`` as ``read_tables`` read them) validated on its own: every
    problem it has that the data set cannot resolve."""

    unread = in_cells(unread_columns(ret, path, True, [], merging=True), path, letters)
    try:
        check_tables(path, ret, letters)
    except DataError as e:
        twice = _typed_in_twice(ret)  # a pre-filled row left blank is left out: no second row beside one typed in
        own = [q for p in e.problems if p.code not in _RESOLVED_BY_DATA and (q := _duplicate_placed(p, twice))]
        if own or unread:
            raise DataError([*unread, *own], subject=_the_return(path)) from None
    if unread:
        raise DataError(unread, subject=_the_return(path))


def _the_return(path: Path) -> str:
    """What has a return's own problems, as the message's first line names it."""
    return f"the return {path.name}"


def _typed_in_twice(ret: dict) -> dict[str, dict[int, int]]:
    """Per sheet of a return (its tables ``ret``), each row that repeats the key of an earlier row
    with something filled in, and that earlier row: pre-filled rows left blank, which merge
    leaves out, are not counted (a row typed in for one of them is not a second row)."""
    out: dict[str, dict[int, int]] = {}
    for name, df in ret.items():
        key = MERGE_KEYS.get(name, ())
        content = [c for c in df.columns if c not in key and c != "source"]
        table, first, twice = sc.TABLES[name], {}, {}
        for (i, r), k in zip(df.iterrows(), row_keys(table, df, key), strict=True):
            if not any(str(r[c]).strip() for c in content):
                continue
            if k in first:
                twice[int(i)] = first[k]
            else:
                first[k] = int(i)
        out[name] = twice
    return out


def _duplicate_placed(p: Problem, twice: dict[str, dict[int, int]]) -> Problem | None:
    """A return's duplicate-row problem as merge sees it: None when one of the two rows is a
    pre-filled row left blank, else naming the earlier row that was filled in."""
    if p.code != DUPLICATE_KEY or p.row is None:
        return p
    rows = next((t for name, t in twice.items() if f"[sheet {name}]" in p.file or p.file.startswith(name)), {})
    if p.row not in rows:
        return None
    return replace(p, found=re.sub(r"first at row \d+", f"first at row {rows[p.row]}", p.found))


def _check_merged(plan: Plan, data_label, return_path: Path, return_letters: dict, data_path: Path, data_letters):
    """The data set as it would be after the merge, validated; problems located in the return's
    cells or the data set's rows. Returns the merged data set's warnings."""

    with tempfile.TemporaryDirectory() as d:
        for name, df in plan.tables.items():
            (Path(d) / f"{name}.csv").write_bytes(csv_bytes(df))
        try:
            warnings = load(d).warnings
        except DataError as e:
            problems, warnings = e.problems, e.warnings
        else:  # named where the analyst will look, as the problems are: the return's cell, the data set's row
            return _placed(warnings, plan, data_label, return_path, return_letters, data_path, data_letters)
    raise DataError(
        _placed(problems, plan, data_label, return_path, return_letters, data_path, data_letters),
        warnings=_placed(warnings, plan, data_label, return_path, return_letters, data_path, data_letters),
        subject="the data set after the merge",
    )


def _placed(problems, plan: Plan, data_label, return_path: Path, return_letters: dict, data_path: Path, data_letters):
    """Problems found in the merged tables (temporary CSV files), each moved to where its row came
    from: a cell of the return, or a row (a workbook's cell) of the data set."""
    placed_return, placed_data = [], []
    for p in problems:
        name = p.file.removesuffix(".csv")
        origin = plan.origin.get(name, [])
        idx = (p.row or 0) - 2
        if p.row is not None and 0 <= idx < len(origin):
            src, row = origin[idx]
        else:
            src, row = "data", p.row
        p = replace(p, found=_rows_placed(p, name, plan, (return_path, return_letters), (data_path, data_letters)))
        if src == "return":
            placed_return.append(replace(p, file=table_label(return_path, name, True), row=row))
        else:
            placed_data.append(replace(p, file=data_label(name), row=row))
    out = in_cells(placed_return, return_path, return_letters)
    out += in_cells(placed_data, data_path, data_letters) if data_letters else placed_data
    return out


ROWS_IN_TEXT = re.compile(r" \(rows? ([\d, ]+?)(, \.\.\.)?\)")  # "(rows 3, 60)" in a problem's words


def _rows_placed(p: Problem, name: str, plan: Plan, ret: tuple, data: tuple) -> str:
    """A problem's words with the rows they list ("0.93 (row 60)", rows of the merged tables)
    named where each came from, as its place is: a cell of the return or of a workbook data set,
    a row of a CSV file; left out when it is the problem's own place alone."""
    m = ROWS_IN_TEXT.search(p.found)
    origin = plan.origin.get(name, [])
    if not m or p.row is None:
        return p.found
    places = []
    for n in (int(x) for x in m.group(1).split(",") if x.strip()):
        if not 0 <= n - 2 < len(origin):
            return p.found
        src, row = origin[n - 2]
        path, letters = ret if src == "return" else data
        sheet, cols = letters.get(name, (None, {})) if letters else (None, {})
        if sheet and p.column in cols:
            places.append(f"{path.name} cell {cell_at(sheet, f'{cols[p.column]}{row}')}")
        else:
            places.append(f"{path.name if path.is_file() else name + '.csv'} row {row}")
    own = int(m.group(1).split(",")[0])
    if len(places) == 1 and own == p.row:
        return p.found[: m.start()] + p.found[m.end() :]
    return p.found[: m.start()] + f" ({'; '.join(places)}{m.group(2) or ''})" + p.found[m.end() :]


def _formulas_without_values(path: Path) -> list[Problem]:
    """Cells of the return holding a formula whose value was never saved (a workbook written by a
    program, not saved by a spreadsheet, which keeps each formula's value): read, they are blank."""
    try:
        books = load_workbook(path, read_only=True), load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):  # unreadable: the return's own check says why
        return []
    out = []
    names = table_sheets(books[0].sheetnames)
    for table in sc.TABLE_ORDER:
        if table not in names:
            continue
        formulas, values = (b[names[table]].iter_rows(values_only=True) for b in books)
        header: list[str] = []
        for i, (frow, vrow) in enumerate(zip(formulas, values, strict=False), start=1):
            if i == 1:
                header = [str(h or "").strip().lower() for h in frow]
                continue
            for j, (f, v) in enumerate(zip(frow, vrow, strict=False)):
                if isinstance(f, str) and f.startswith("=") and v is None:
                    out.append(Problem(
                        f"{path.name} [sheet {table}]", i, header[j] if j < len(header) else None,
                        f"the formula {f!r} with no value saved",
                        "a figure typed in, or the workbook saved in Excel or LibreOffice (which keep each formula's value)",
                        cell=cell_ref(names[table], i, j + 1),
                    ))  # fmt: skip
    for b in books:
        b.close()
    return out


def _with_unresolved_ids(
    e: DataError, return_path: Path, ret: dict, ret_letters: dict, data_path: Path, small_finance: bool = False
) -> DataError:
    """The return's own problems ``e``, and the ids in its cells that the data set does not
    resolve either (a mistyped measure id: "did you mean ..."), and the figures merge refuses
    (``_refused``: finance in £000, a cost in pence), which the merged check would otherwise name
    only once the others are put right."""

    found: list[Problem] = []
    try:
        data, data_letters, is_book = read_tables(data_path)
        warnings = _check_merged(plan_merge(data, ret), lambda n: table_label(data_path, n, is_book), return_path,
                                 ret_letters, data_path, data_letters)  # fmt: skip
    except DataError as merged:
        found, warnings = merged.problems, merged.warnings
    except (ValueError, KeyError, TypeError):  # a return too broken to plan: its own problems say enough
        warnings = []
    seen = {(p.file, p.row, p.column) for p in e.problems}
    header = {(p.file, p.column) for p in e.problems if p.row == 1}  # a column missing: not again at each row
    more = [
        p
        for p in [*found, *_refused(warnings, return_path, small_finance)]  # in the return's cells: what
        if p.file.startswith(return_path.name)
        and (p.file, p.row, p.column) not in seen  # its own check could
        and (p.file, p.column) not in header
    ]  # not judge; fmt: skip
    return DataError([*e.problems, *more], subject=_the_return(return_path))


def _refused(warnings: list[Problem], return_path: Path, small_finance: bool = False) -> list[Problem]:
    """The merged data's warnings on the return's own cells that merge refuses: its budget or
    outturn lines adding up to under £1m (typed in £000, a budget paper's unit, they would go into
    the CSWO report as "a budget of £166,700"; lines that are in pounds go in with
    ``--small-finance``), and a figure of 10 times or more the measure's others (a cost per hour in
    pence, 3380 for 33.80) or about its year to date (sickness days 6.1 where the quarter's are
    3.2), which the next scheduled run would publish (a figure that is right goes in with a
    comment quoting it, which the report prints). Each as a problem of the return."""
    out = []
    for w in warnings:
        if not w.file.startswith(return_path.name):
            continue
        if w.code == FINANCE_UNITS and not small_finance:
            out.append(replace(w, expected=w.expected + "; or, if these lines are in pounds, give --small-finance"))
        elif w.code in (OUT_OF_SCALE, YEAR_TO_DATE):
            out.append(replace(w, expected=w.expected.replace("and this warning goes", "and merge takes it")))
    return out


def merge(
    return_path, data_path, replace_changed: bool = False, small_finance: bool = False
) -> tuple[Plan, list[Path], list[Problem]]:
    """Merge the return at ``return_path`` into the data set at ``data_path``. Returns the plan,
    the files written (none when it changes nothing) and the merged data set's warnings. Raises
    DataError (the return's or the merged data's problems; a return's budget or outturn lines
    adding up to under £1m unless ``small_finance``) or ConfigError (changes without
    ``replace_changed``); nothing is written then."""

    return_path, data_path = Path(return_path), Path(data_path)
    if return_path.suffix.lower() not in (".xlsx", ".xlsm") or not return_path.is_file():
        found = "no such file" if not return_path.exists() else "not an .xlsx file"
        raise ConfigError(
            f"merge reads a return workbook (.xlsx): found {str(return_path)!r} ({found}); make one with "
            "'swreport template FILE.xlsx --council COUNCIL --period PERIOD'"
        )
    if return_path.resolve() == data_path.resolve():
        raise ConfigError(f"{return_path} is the data set itself: give the return and the data set (--data)")
    uncached = _formulas_without_values(return_path)
    if uncached:  # read as blank they would be left out as "nothing filled in": say so instead
        raise DataError(uncached, subject=_the_return(return_path))
    past: list[Problem] = []  # a sheet under another name ('Observations Q2'): read as its table, for its problems
    try:
        ret, ret_letters, _ = read_tables(return_path, read_past=past)  # read once: checked, then merged
    except DataError as e:  # a workbook that cannot be read: the return's own problems
        raise DataError(e.problems, subject=_the_return(return_path)) from None
    try:
        _check_return(return_path, ret, ret_letters)
        own: list[Problem] = []
    except DataError as e:
        own = e.problems
    if past or own:  # with them, the ids the data set does not resolve either: every problem in one run
        e = DataError([*past, *own], subject=_the_return(return_path))
        raise _with_unresolved_ids(e, return_path, ret, ret_letters, data_path, small_finance) from None
    data, data_letters, is_book = read_tables(data_path)
    plan = plan_merge(data, ret)
    warnings = _check_merged(
        plan, lambda n: table_label(data_path, n, is_book), return_path, ret_letters, data_path, data_letters
    )
    refused = _refused(warnings, return_path, small_finance)
    if refused:
        raise DataError(refused, subject=_the_return(return_path))
    if plan.changed and not replace_changed:
        raise ChangesRefused(plan, warnings)
    if not plan.touched:
        return plan, [], warnings
    written = write(data_path, plan, is_book)
    return plan, written, warnings


class ChangesRefused(ConfigError):
    """The return changes figures the data set holds, and ``--replace`` was not given."""

    def __init__(self, plan: Plan, warnings: list | None = None):
        self.plan, self.warnings = plan, list(warnings or [])  # the merged data's warnings, shown with the refusal
        super().__init__(
            f"nothing written: the return changes {_changes_counted(plan)} the data set already holds "
            "(listed above); give --replace to replace them"
        )


def _changes_counted(plan: Plan) -> str:
    """'1 figure', '2 cells of text', '1 figure and 1 cell of text': what a refused merge would change."""
    figures = sum(sc.TABLES[c.table].col(c.column) is not None
                  and sc.TABLES[c.table].col(c.column).kind in ("number", "int", "grade") for c in plan.changed)  # fmt: skip
    text = len(plan.changed) - figures
    said = [f"{figures} figure{'s' if figures != 1 else ''}"] if figures else []
    said += [f"{text} cell{'s' if text != 1 else ''} of text"] if text else []
    return " and ".join(said)
