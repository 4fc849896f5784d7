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

import csv
import io
import math
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import schema as sc
from .errors import (
    DUPLICATE_KEY,
    MISSING_TABLE,
    NO_COUNCILS,
    UNKNOWN_COUNCIL,
    UNKNOWN_MEASURE,
    ConfigError,
    DataError,
    Problem,
)
from .loading import _cells, _label, load
from .reading import read_csv, read_workbook

MERGE_KEYS = {name: t.key for name, t in sc.TABLES.items() if t.key} | {
    "actions": ("council", "period", "action"),
    "inspections": ("council", "service", "date"),
}
# problems that a return may have on its own and the data set resolves: ids it does not list itself
# A return's own problems that the data set it merges into can resolve: the ids it lists, and the
# tables a return need not carry.
_UNKNOWN_IDS = (UNKNOWN_COUNCIL, UNKNOWN_MEASURE)
_RESOLVED_BY_DATA = (*_UNKNOWN_IDS, NO_COUNCILS, MISSING_TABLE)


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
    skipped: int = 0  # pre-filled rows left blank
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # every table after the merge
    touched: set[str] = field(default_factory=set)  # the tables that change
    origin: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # per table row: ("data"|"return", row)

    def summary(self) -> list[str]:
        lines = []
        for t, n in self.added.items():
            if n:
                lines.append(f"adds {n} row{'s' if n != 1 else ''} to {t}")
        if self.filled:
            lines.append(f"fills {len(self.filled)} blank cell{'s' if len(self.filled) != 1 else ''}:")
            lines += [f"  {c}" for c in self.filled[:50]]
        if self.changed:
            lines.append(f"changes {len(self.changed)} cell{'s' if len(self.changed) != 1 else ''} (old → new):")
            lines += [f"  {c}" for c in self.changed]
        if self.cleared:
            n = len(self.cleared)
            lines.append(f"clears {n} missing-figure reason{'s' if n != 1 else ''} (the figure is now in):")
            lines += [f"  {c.table} {'/'.join(c.key)}, {c.column}: {c.old!r} → (blank)" for c in self.cleared]
        if self.skipped:
            lines.append(f"leaves out {self.skipped} row{'s' if self.skipped != 1 else ''} with nothing filled in")
        return lines or ["nothing to add or change: the data set already holds everything in the return"]


unneutralise = sc.unneutralise  # text as typed: the apostrophe the template put before =, +, -, @ taken off


def read_tables(path: Path) -> tuple[dict[str, pd.DataFrame], dict, bool]:
    """The raw text tables of a data folder or workbook (index: spreadsheet row), the workbook's
    column letters, and whether it is a workbook. DataError for what cannot be read."""

    problems: list[Problem] = []
    letters: dict = {}
    if not path.exists():
        raise DataError(Problem(str(path), None, None, "nothing at this path", "a data folder or an .xlsx workbook"))
    if path.is_file():
        raw = read_workbook(path, problems, letters)
    else:
        raw = {
            t: read_csv(path / f"{t}.csv", f"{t}.csv", problems) for t in sc.TABLE_ORDER if (path / f"{t}.csv").exists()
        }
    if problems:
        raise DataError(problems)
    return {k: v for k, v in raw.items() if v is not None}, letters, path.is_file()


def _col(table: sc.Table, name: str) -> sc.Col:
    return table.col(name) or (sc.Col(name, table.open_columns) if table.open_columns else sc.Col(name))


def _typed(table: sc.Table, name: str, text: str):
    """One cell's value as loading reads it (None for blank or unreadable)."""
    if text is None or str(text).strip() == "":
        return None
    try:
        v = sc.convert(_col(table, name), pd.Series([str(text).strip()], dtype="object")).iloc[0]
    except (ValueError, TypeError):
        return str(text).strip()
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return str(text).strip()
    return v


def _canonical(table: sc.Table, name: str, text) -> str:
    """A period or date as the data set writes it (2024-25-Q1, 2024-06-30), a number typed with
    a sign or separators as the number (93% as 93, 1,234 as 1234); other text as typed."""
    kind = _col(table, name).kind
    if kind in ("number", "int") and isinstance(text, str) and text.strip():
        try:
            float(text)
        except ValueError:
            try:
                v = sc.read_number(text)
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


def _key(table: sc.Table, row: pd.Series, key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(str(_typed(table, k, row.get(k, "")) or "") for k in key)


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
        where = {_key(table, pd.Series(r), key): i for i, r in enumerate(rows)}
        content = [c for c in new.columns if c not in key and c != "source"]
        added = 0
        for n, r in new.iterrows():
            if not any(str(r[c]).strip() for c in content):
                plan.skipped += 1
                continue
            k = _key(table, r, key)
            if k not in where:
                rows.append({c: _canonical(table, c, r.get(c, "")) for c in cols})
                origin.append(("return", int(n)))
                where[k] = len(rows) - 1
                added += 1
                continue
            target = rows[where[k]]
            reason = _missing_reason(name, target)
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
                (plan.changed if old else plan.filled).append(change)
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


def _missing_reason(name: str, row: dict) -> str:
    """The reason an observation row gives for a figure it does not have (its comment, when
    value, numerator and denominator are all blank; the report prints it where the figure would be)."""
    if name != "observations" or any(str(row.get(c, "") or "").strip() for c in ("value", "numerator", "denominator")):
        return ""
    return str(row.get("comment", "") or "").strip()


def _csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(df.columns))
    for r in df.itertuples(index=False):
        w.writerow(["" if v is None else sc.neutralise(v) for v in r])  # swlib.load takes the apostrophe off
    return buf.getvalue().encode("utf-8")


def _check_return(path: Path) -> None:
    """The return validated on its own: every problem it has that the data set cannot resolve."""

    try:
        load(path)
    except DataError as e:
        twice = _typed_in_twice(path)  # a pre-filled row left blank is left out: no second row beside one typed in
        own = [q for p in e.problems if p.code not in _RESOLVED_BY_DATA and (q := _duplicate_placed(p, twice))]
        if own:
            err = DataError(own)
            err.in_return = True
            raise err from None


def _typed_in_twice(path: Path) -> dict[str, dict[int, int]]:
    """Per sheet of a return, each row that repeats the key of an earlier row with something
    filled in, and that earlier row: pre-filled rows left blank, which merge leaves out, are not
    counted (a row typed in for one of them is not a second row)."""
    try:
        ret, _, _ = read_tables(path)
    except DataError:
        return {}
    out: dict[str, dict[int, int]] = {}
    for name, df in ret.items():
        key = MERGE_KEYS.get(name, ())
        content = [c for c in df.columns if c not in key and c != "source"]
        table, first, twice = sc.TABLES[name], {}, {}
        for i, r in df.iterrows():
            if not any(str(r[c]).strip() for c in content):
                continue
            k = _key(table, r, key)
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
            (Path(d) / f"{name}.csv").write_bytes(_csv_bytes(df))
        try:
            warnings = load(d).warnings
        except DataError as e:
            problems = e.problems
        else:  # named where the analyst will look, as the problems are: the return's cell, the data set's row
            return _placed(warnings, plan, data_label, return_path, return_letters, data_path, data_letters)
    raise DataError(_placed(problems, plan, data_label, return_path, return_letters, data_path, data_letters))


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
            placed_return.append(replace(p, file=_label(return_path, name, True), row=row))
        else:
            placed_data.append(replace(p, file=data_label(name), row=row))
    out = _cells(placed_return, return_path, return_letters)
    out += _cells(placed_data, data_path, data_letters) if data_letters else placed_data
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
            places.append(f"{path.name} cell {sheet}!{cols[p.column]}{row}")
        else:
            places.append(f"{path.name if path.is_file() else name + '.csv'} row {row}")
    own = int(m.group(1).split(",")[0])
    if len(places) == 1 and own == p.row:
        return p.found[: m.start()] + p.found[m.end() :]
    return p.found[: m.start()] + f" ({'; '.join(places)}{m.group(2) or ''})" + p.found[m.end() :]


def _formulas_without_values(path: Path) -> list[Problem]:
    """Cells of the return holding a formula whose value was never saved (a workbook written by a
    program, not saved by a spreadsheet, which keeps each formula's value): read, they are blank."""
    import zipfile

    from openpyxl import load_workbook

    try:
        books = load_workbook(path, read_only=True), load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):  # unreadable: the return's own check says why
        return []
    from .sheets import cell_ref

    out = []
    names = {n.strip().lower(): n for n in books[0].sheetnames}
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


def _with_unresolved_ids(e: DataError, return_path: Path, data_path: Path) -> DataError:
    """The return's own problems ``e``, and the ids in its cells that the data set does not
    resolve either (a mistyped measure id: "did you mean ..."), which the merged check would
    otherwise name only once the others are put right."""

    more: list[Problem] = []
    try:
        ret, ret_letters, _ = read_tables(return_path)
        data, data_letters, is_book = read_tables(data_path)
        _check_merged(plan_merge(data, ret), lambda n: _label(data_path, n, is_book), return_path, ret_letters,
                      data_path, data_letters)  # fmt: skip
    except DataError as merged:
        seen = {(p.file, p.row, p.column) for p in e.problems}
        more = [p for p in merged.problems if p.code in _UNKNOWN_IDS
                and p.file.startswith(return_path.name) and (p.file, p.row, p.column) not in seen]  # fmt: skip
    except (ValueError, KeyError, TypeError):  # a return too broken to plan: its own problems say enough
        pass
    out = DataError([*e.problems, *more])
    out.in_return = True
    return out


def merge(return_path, data_path, replace_changed: bool = False) -> tuple[Plan, list[Path], list[Problem]]:
    """Merge the return at ``return_path`` into the data set at ``data_path``. Returns the plan,
    the files written (none when it changes nothing) and the merged data set's warnings. Raises
    DataError (the return's or the merged data's problems) or ConfigError (changes without
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
        err = DataError(uncached)
        err.in_return = True
        raise err
    try:
        _check_return(return_path)
    except DataError as e:  # with them, the ids the data set does not resolve either: every problem in one run
        raise _with_unresolved_ids(e, return_path, data_path) from None
    ret, ret_letters, _ = read_tables(return_path)
    data, data_letters, is_book = read_tables(data_path)
    plan = plan_merge(data, ret)
    warnings = _check_merged(
        plan, lambda n: _label(data_path, n, is_book), return_path, ret_letters, data_path, data_letters
    )
    if plan.changed and not replace_changed:
        raise ChangesRefused(plan, warnings)
    if not plan.touched:
        return plan, [], warnings
    written = _write_book(data_path, plan) if is_book else _write_folder(data_path, plan)
    return plan, written, warnings


class ChangesRefused(ConfigError):
    """The return changes figures the data set holds, and ``--replace`` was not given."""

    def __init__(self, plan: Plan, warnings: list | None = None):
        self.plan, self.warnings = plan, list(warnings or [])  # the merged data's warnings, shown with the refusal
        n = len(plan.changed)
        super().__init__(
            f"nothing written: the return changes {n} figure{'s' if n != 1 else ''} the data set already holds "
            "(listed above); give --replace to replace them"
        )


def _write_folder(folder: Path, plan: Plan) -> list[Path]:
    from .outputs import write_atomic

    out = []
    contents = {name: _csv_bytes(plan.tables[name]) for name in sc.TABLE_ORDER if name in plan.touched}
    for name, content in contents.items():  # every file made in memory first, then each renamed into place
        path = folder / f"{name}.csv"
        write_atomic(path, content)
        out.append(path)
    return out


def _cell_value(table: sc.Table, name: str, text):
    """A workbook cell: numbers as numbers, everything else as the text it is."""
    if text is None or str(text).strip() == "":
        return None
    col = _col(table, name)
    if col.kind in ("number", "int", "grade"):
        v = _typed(table, name, text)
        if isinstance(v, int | float) and not isinstance(v, bool):
            return int(v) if float(v).is_integer() else float(v)
    return str(text)


def _write_book(path: Path, plan: Plan) -> list[Path]:
    from openpyxl import load_workbook

    from .excel import as_text
    from .outputs import write_atomic

    wb = load_workbook(path)
    names = {n.strip().lower(): n for n in wb.sheetnames}
    for name in sc.TABLE_ORDER:
        if name not in plan.touched:
            continue
        table, df = sc.TABLES[name], plan.tables[name]
        ws = wb[names[name]] if name in names else wb.create_sheet(name)
        header = {}
        for cell in ws[1]:
            if cell.value is not None and str(cell.value).strip():
                header[str(cell.value).strip().lower().replace(" ", "_")] = cell.column
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
        for i, (src, row) in enumerate(plan.origin[name]):
            r = row if src == "data" else None
            if r is None:
                last += 1
                r = last
            for c in df.columns:
                value = _cell_value(table, c, df.iat[i, df.columns.get_loc(c)])
                cell = ws.cell(r, header[c])
                if cell.value != value:
                    cell.value = value
                    as_text(cell)  # text as typed, never run as a formula
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())
    return [path]
