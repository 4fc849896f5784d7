"""Load and validate a data set: a folder of CSV files or one .xlsx workbook.

Every problem in every table is collected before anything is raised, each with file (and
sheet), row, column, the value found and what was expected. Rows are counted as a
spreadsheet shows them: the header is row 1, the first data row is row 2.

Reading the raw tables is ``swlib.reading``, the contract's rules ``swlib.rules``, the data set
``swlib.dataset``; here: ``load`` (with its cache of validated data sets, keyed by content),
a cell's spreadsheet reference, the typed tables.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import threading
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import schema as sc
from .caches import cache_folder, caching_off
from .cell_text import cell_at, column_letter
from .checks import data_warnings
from .config import default_data_path, describe_data, params_dir
from .dataset import Dataset
from .errors import MISSING_TABLE, NO_COUNCILS, DataError, Problem
from .measure_rules import measure_rules
from .observation_rules import fractional_counts, observation_rules, percent_signs
from .percent_typos import percent_target_typos, percent_typos
from .rate_bases import AGE_COLUMNS
from .reading import read_tables
from .return_totals import finance_total_errors, totals_found, workforce_total_errors
from .rules import benchmark_rules, check_keys, check_refs, schema_problems, total_rows
from .sheet_names import column_key, misnamed_files, unread_csv_files
from .statutory import canonical_names, closest, did_you_mean, name_slips, with_catalogue_parts


def table_label(base: Path, name: str, is_book: bool) -> str:
    return f"{base.name} [sheet {name}]" if is_book else f"{name}.csv"


def _cache_key(base: Path) -> str | None:
    """What a validated load depends on, by content: every table's bytes (the workbook's), the
    workbook's name (messages name it), the limits in force, the settings in params/councils.yaml
    (its warnings read each council's range of small numbers), and swlib's code (its subpackages'
    too) and the catalogues and wording it ships. A copied folder finds its cache; an edit, whatever its time, does not."""
    if not base.exists():
        return None
    files = [base] if base.is_file() else sorted(base.glob("*.csv"))
    h = hashlib.sha256(
        f"{base.name if base.is_file() else ''}:{os.environ.get('SWREPORT_MAX_ROWS')}:{os.environ.get('SWREPORT_MAX_CELLS')}".encode()
    )
    pkg = Path(__file__).parent
    try:
        for f in files:
            h.update(f"{f.relative_to(pkg) if f.is_relative_to(pkg) else f.name}\0".encode())
            with f.open("rb") as fh:  # in chunks: a file far over the limits is hashed in bounded memory
                h.update(hashlib.file_digest(fh, "sha256").digest())
        for part in _code_digests(pkg):
            h.update(part)
        settings = params_dir() / "councils.yaml"
        h.update(settings.read_bytes() if settings.is_file() else b"no settings")
    except OSError:
        return None  # unreadable: the load says why
    return h.hexdigest()[:32]


@lru_cache(maxsize=4)
def _code_digests(pkg: Path) -> tuple[bytes, ...]:
    """swlib's code and the files it ships, as ``_cache_key`` hashes them (each file's name, then
    its digest), read once a process: the code a process runs is the code it imported, and a batch
    kernel loads a data set for every report (121 files hashed: 15 ms of CPU a load, in the
    kernel and again in the parent)."""
    out = []
    for f in [*sorted(pkg.rglob("*.py")), *sorted(p for p in (pkg / "data").iterdir() if p.is_file())]:
        out.append(f"{f.relative_to(pkg)}\0".encode())
        with f.open("rb") as fh:
            out.append(hashlib.file_digest(fh, "sha256").digest())
    return tuple(out)


def load(path: str | os.PathLike | None = None, council: str | None = None, whole: Dataset | None = None) -> Dataset:
    """Read and validate a data folder (CSV per table) or an .xlsx workbook.

    Raises DataError listing every problem found, each with file, row and column. A data set
    that validated is cached (keyed by its files' content and swlib's code) in the user's cache
    folder, not under outputs (a folder that is published): the report kernels that load it
    again, and later runs, skip the validation; SWREPORT_NO_CACHE=1 turns this off.

    ``council``: only what that council's report reads (``Dataset.for_council``), kept in the
    cache on its own, so that a later run on a national panel reads its council's rows only.
    ``whole``: with ``council``, the whole data set loaded from ``path`` already, to cut from.
    """

    base = Path(path) if path is not None else default_data_path()
    key = None if caching_off() else _cache_key(base)
    cached = cache_folder("datasets") / f"{key}.pickle" if key else None
    part = None
    if cached is not None and council is not None:
        part = cached.with_suffix(".councils") / f"{hashlib.sha256(council.encode()).hexdigest()[:24]}.pickle"
        ds = _read_cached(part, base)
        if ds is not None:
            return ds
    if council is not None and whole is not None:
        ds = whole  # read already by the caller: not validated twice
    elif council is not None and key is not None and _WHOLE.get("key") == key:
        ds = _WHOLE["ds"]  # a batch worker's next council: the whole data set is in memory already
    else:
        ds = _read_cached(cached, base) if cached is not None else None
    if ds is None:
        try:
            ds = _load(base)
        except DataError as e:  # name the data set read: it may be the demo data, not the analyst's
            e.where = e.where or describe_data(base)
            raise
        if cached is not None:
            _write_cached(cached, ds)
            _evict(cached.parent)
    if council is None:
        return ds
    if key is not None:
        _WHOLE.update(key=key, ds=ds)  # kept only to cut councils from (each gets a data set of its own)
    mine = ds.for_council(council)
    mine.path = base
    if part is not None:
        _write_cached(part, mine)
    return mine


_WHOLE: dict = {}  # the last whole data set a council's rows were cut from, by cache key


def _evict(folder: Path, keep: int = 50) -> None:
    """Keep the ``keep`` most recent data sets in the cache. Other runs evict from it at the same
    time (a batch's kernels, another batch): an entry one of them removed after this one listed
    it is passed over, not an error that stops the run."""

    def age(f: Path) -> float | None:
        try:
            return f.stat().st_mtime
        except OSError:
            return None

    entries = sorted((t, f) for f in folder.glob("*.pickle") if (t := age(f)) is not None)
    for _t, old in entries[:-keep]:
        old.unlink(missing_ok=True)
        shutil.rmtree(old.with_suffix(".councils"), ignore_errors=True)


def _read_cached(path: Path, base: Path) -> Dataset | None:
    if not path.exists():
        return None
    try:
        with path.open("rb") as f:
            ds = pickle.load(f)
        ds.path = base
        return ds
    except Exception:  # a stale or broken cache entry: validate afresh
        return None


def _write_cached(path: Path, ds: Dataset) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")  # a batch has worker threads
        with tmp.open("wb") as f:
            pickle.dump(ds, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache is no problem


def in_cells(problems: list[Problem], base: Path, letters: dict) -> list[Problem]:
    """Problems in a workbook located by sheet and cell as Excel names them ("observations!D14")."""

    sheets = {table_label(base, table, True): found for table, found in letters.items()}
    out = []
    for p in problems:
        sheet, cols = sheets.get(p.file, (None, {}))
        if p.row is not None and p.column is not None and column_key(p.column) in cols:  # a column as typed too
            p = replace(p, cell=cell_at(sheet, f"{cols[column_key(p.column)]}{p.row}"))
        elif sheet and p.row == 1 and p.column and p.found.startswith("no such column"):  # where to add it
            p = replace(p, cell=cell_at(sheet, f"{column_letter(_free_column(cols.values()))}1"))
        for name in ("councils", "measures"):
            p = replace(p, expected=re.sub(rf"(?<![\w/]){name}\.csv", f"the {name} sheet", p.expected))
        out.append(p)
    return out


def _free_column(letters) -> int:
    """The number of the header's first column after its last named one (1 for none)."""
    used = [0]
    for text in letters:
        n = 0
        for ch in text:
            n = n * 26 + ord(ch) - 64
        used.append(n)
    return max(used) + 1


def _without_rows(df: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """The rows of ``df`` no problem points at (so later checks still run on the rest)."""
    bad = {p.row for p in problems if p.row is not None}
    return df[~df.index.isin(bad)]


def check_tables(base: Path, raw: dict, letters: dict) -> Dataset:
    """The tables of a data folder or workbook read already (``reading.read_tables``: their text,
    and a workbook's column letters), validated as ``load`` validates them (not cached): a file
    read for something else as well is read once."""
    return _load(Path(base), {k: v.copy() for k, v in raw.items()}, dict(letters))


def _load(base: Path, raw: dict | None = None, letters: dict | None = None) -> Dataset:
    letters = {} if letters is None else letters
    past: list[Problem] = []  # a workbook's sheets under another name, read as their tables: listed with the rest
    try:
        ds = _load_checked(base, letters, raw, past)
        if past:
            raise DataError([], warnings=ds.warnings)
        if letters:
            ds.warnings = in_cells(ds.warnings, base, letters)
        return ds
    except DataError as e:
        if not letters and not past:
            raise
        problems = [*past, *e.problems]
        raise DataError(in_cells(problems, base, letters), warnings=in_cells(e.warnings, base, letters)) from None


def _load_checked(base: Path, letters: dict, read: dict | None = None, past: list | None = None) -> Dataset:
    problems: list[Problem] = []
    if read is None:
        raw, _, is_book = read_tables(base, letters, past)
    else:  # read already, its problems raised then (check_tables)
        raw, is_book = dict(read), base.is_file()
    for name, table in sc.TABLES.items():
        if table.required and name not in raw:
            problems.append(_missing_table(base, name, is_book))
    if problems:
        raise DataError(problems)
    if raw.get("observations") is not None:  # a spreadsheet's Total row: one problem, not one a cell
        totals = total_rows(raw["observations"], table_label(base, "observations", is_book))
        raw["observations"] = raw["observations"].drop(index=[p.row for p in totals])
        problems += totals

    # column checks, then conversion of every table that passed them
    catalogue = raw.get("measures")
    units = (  # each measure's unit as typed: a figure not had is answered for its measure (a cost has no cases)
        {str(m).strip(): str(u).strip().lower() for m, u in zip(catalogue["measure"], catalogue["unit"], strict=True)}
        if catalogue is not None and {"measure", "unit"} <= set(catalogue.columns)
        else None
    )
    typed: dict[str, pd.DataFrame] = {}
    cells: set[tuple] = set()  # the cells found bad: (file, row, column)
    for name, table in sc.TABLES.items():
        df = raw.get(name)
        label = table_label(base, name, is_book)
        if df is None:
            typed[name] = _empty(table)
            continue
        found = schema_problems(table, df, label, units if name == "observations" else None)
        problems += found
        cells |= {(p.file, p.row, p.column) for p in found if p.row is not None and p.row > 1 and p.column}
        if any(p.row is None or p.row == 1 for p in found):
            continue  # a missing or misnamed column: the table cannot be read further
        # a row with a bad cell is kept, the cell read as the choice it nearly is or else blank, so
        # that the checks below see the rest of the row: every problem listed in one run
        typed[name] = _typed(table, _read_around(table, df, found))
        unkeyed = [p for p in found if p.column in table.key]  # a key cell read as blank or a guess: no duplicate
        keyed = _without_rows(typed[name], unkeyed) if unkeyed else typed[name]
        problems += check_keys(table, keyed, label, df)  # a key typed as a date is quoted as typed

    # references between tables, checked on every table (typed where it passed, else its text);
    # the ids a reference may name are every row's as typed: a council or measure whose row has
    # a bad cell is reported once, at that cell, not again at each row that names it
    frames = {n: typed.get(n, raw.get(n)) for n in sc.TABLE_ORDER}
    listed = raw.get("councils")
    councils = (
        {c.strip() for c in listed["council"] if isinstance(c, str) and c.strip()}
        if listed is not None and "council" in listed
        else set()
    )
    if not councils and not problems:
        raise DataError(Problem(table_label(base, "councils", is_book), 2, "council", "no councils", "at least one council",
                                code=NO_COUNCILS))  # fmt: skip
    measures = raw.get("measures")
    if measures is not None:  # the council column is optional: blank, a measure every council reports
        measures = (
            None if "measure" not in measures else measures.reindex(columns=["measure", "council"], fill_value="")
        )
    for name in sc.TABLE_ORDER:
        if name == "benchmarks":
            continue  # the benchmarking panel covers every council in Scotland, not only these
        if frames[name] is not None and councils:
            problems += check_refs(
                name, frames[name], table_label(base, name, is_book), councils if name != "councils" else None, measures
            )
    # the rules joining columns run on every row, a bad cell read as above (a measure whose unit
    # is 'percentage' as the percent it nearly is), so that one run of validate lists every problem
    later: list[Problem] = []
    if "measures" in typed:
        named = typed["measures"]
        later += measure_rules(named[named["measure"].notna()], table_label(base, "measures", is_book))  # an id read
    if "observations" in typed and "measures" in typed:
        label = table_label(base, "observations", is_book)
        obs = typed["observations"]
        ro = raw.get("observations")
        as_typed = ro["period"] if ro is not None and "period" in ro else None  # a date is quoted as typed
        each = typed["measures"].drop_duplicates("measure")
        unread = obs.index.isin([r for f, r, c in cells if f == label and c in ("value", "numerator", "denominator")])
        later += observation_rules(obs, each, label, as_typed, unread=unread)
        later += percent_typos(obs[~unread], each, label)
        later += percent_signs(ro, obs, each, label)
        later += fractional_counts(ro, obs[~unread], each, label)
        later += percent_target_typos(typed["measures"], table_label(base, "measures", is_book), each, obs,
                                      unit=typed["measures"]["unit"])  # fmt: skip
        if "targets" in typed:
            later += percent_target_typos(typed["targets"], table_label(base, "targets", is_book), each, obs)
    found = totals_found(typed)  # the errors' and the warnings' totals and parts, found once
    for name, totals in (("workforce", workforce_total_errors), ("finance", finance_total_errors)):
        if name in typed:  # a Total row the annual report would add to its own Total: counted twice
            later += totals(typed[name], table_label(base, name, is_book), found[name])
    if "benchmarks" in typed:
        later += benchmark_rules(typed["benchmarks"], table_label(base, "benchmarks", is_book))
    problems += [p for p in later if (p.file, p.row, p.column) not in cells]  # a bad cell is named once, as typed
    if "measures" in typed:  # 'Statutory Functions' read as the annual report's 'Statutory functions', and said
        later_said = name_slips(typed["measures"], table_label(base, "measures", is_book))
        typed["measures"] = with_catalogue_parts(canonical_names(typed["measures"]))  # complaints upheld: of received
    else:
        later_said = []
    unread = [] if is_book else misnamed_files(base)  # 'Workforce.csv': a table left unread, and said
    warnings = [*unread, *unread_columns(raw, base, is_book, problems), *later_said,
                *_warnings(typed, base, is_book, problems, found)]  # fmt: skip
    if problems:
        order = {table_label(base, n, is_book): i for i, n in enumerate(sc.TABLE_ORDER)}  # tables in contract order
        raise DataError(
            sorted(
                dict.fromkeys(problems),
                key=lambda p: (order.get(p.file, len(order)), p.file, p.row or 0, p.column or ""),
            ),
            warnings=warnings,
        )

    out = {k: v.reset_index(drop=True) for k, v in typed.items()}
    return Dataset(**out, path=base, warnings=warnings)


def _missing_table(base: Path, name: str, is_book: bool) -> Problem:
    """A required table that is not there: the file or the sheet to add (a sheet under another
    name is named as such when the workbook is read, ``sheet_names.misnamed_sheets``)."""
    a = "an" if name[0] in "aeiou" else "a"
    if not is_book:  # a copy under another name ('observations (1).csv') is named: rename it
        there = [f for f, t in unread_csv_files(base).items() if t == name] if base.is_dir() else []
        seen = f", but a file '{there[0]}'" if there else ""
        fix = f" (rename '{there[0]}' to {name}.csv)" if there else ""
        return Problem(f"{name}.csv", None, None, f"no {name}.csv file in {base.name}{seen}",
                       f"{a} {name}.csv file: the {name} table is required{fix}", code=MISSING_TABLE)  # fmt: skip
    return Problem(base.name, None, None, f"no sheet named '{name}'",
                   f"a sheet named '{name}': the {name} table is required", code=MISSING_TABLE)  # fmt: skip


def _warnings(typed: dict, base: Path, is_book: bool, problems: list[Problem], found=None) -> list[Problem]:
    """swlib.checks' warnings on the rows that passed every check (so one run lists both); ``found``:
    ``return_totals.totals_found`` of ``typed``, reused for a table whose every row passed."""

    ok, refused = {}, {}
    for name, df in typed.items():
        label = table_label(base, name, is_book)
        ok[name] = _without_rows(df, [p for p in problems if p.file == label])
        refused[name] = df[~df.index.isin(ok[name].index)].copy()
        for p in problems:  # a key cell with an error is one that could not be read: blank
            if p.file == label and p.row in refused[name].index and p.column in ("council", "measure", "period"):
                refused[name].loc[p.row, p.column] = None
    same = {n: rows for n, rows in (found or {}).items() if ok[n].index.equals(typed[n].index)}
    return data_warnings(ok, lambda name: table_label(base, name, is_book), refused, same)


def unread_columns(
    raw: dict, base: Path, is_book: bool, problems: list[Problem], *, merging: bool = False
) -> list[Problem]:
    """A problem at the header of each column no report reads ('Notes for Performance Team' in
    observations.csv): a warning when the data is loaded, read past, not refused; an error in a
    return being merged (``merging``), whose cells would widen the data set's file."""
    unused = ("delete the column, whose cells would be merged into the data set and used nowhere" if merging
              else "the column's cells are used nowhere")  # fmt: skip
    out = []
    for name, df in raw.items():
        table = sc.TABLES[name]
        label = table_label(base, name, is_book)
        if table.open_columns or any(p.file == label and p.row in (None, 1) for p in problems):
            continue  # inspections: any other column is a quality theme's grades; a misnamed column: its error
        known, typed = [c.name for c in table.columns], df.attrs.get("typed", {})
        for col in df.columns:
            if table.col(col) is None and str(col).startswith("population_") and table.named is not None:
                out.append(Problem(label, 1, col, "a column of a population whose ages swreport does not read",
                                   AGE_COLUMNS))  # fmt: skip
            elif table.col(col) is None:
                near = closest(col, known)
                out.append(Problem(label, 1, typed.get(col, col),
                                   f"a column swreport does not read{did_you_mean(col, known)}",
                                   f"only the {name} table's columns ({', '.join(known)}): "
                                   + (f"rename it {near!r}" if near else f"a note for the report goes in comment; {unused}")))  # fmt: skip
    return out


def _read_around(table: sc.Table, df: pd.DataFrame, found: list[Problem]) -> pd.DataFrame:
    """The table's text with each cell a problem in ``found`` names (its own checks) read as the
    one choice it is nearly ('percentage': percent, 'High': higher) or else blank (a figure
    'n/a', a period '2023/24 Q5'): the rest of its row for the checks that join columns and rows."""
    bad = [(p.row, p.column) for p in found if p.row in df.index and p.column in df.columns]
    if not bad:
        return df
    df = df.copy()
    for row, c in bad:
        col = table.col(c) or (sc.Col(c, table.open_columns) if table.open_columns else None)
        guess = closest(str(df.at[row, c]).strip().lower(), col.choices) if col is not None and col.choices else None
        df.at[row, c] = guess or ""
    return df


def _empty(table: sc.Table) -> pd.DataFrame:
    return pd.DataFrame({c.name: sc.convert(c, pd.Series([], dtype="object")) for c in table.columns})


def _typed(table: sc.Table, df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    for c in table.columns:
        out[c.name] = (
            sc.convert(c, df[c.name])
            if c.name in df
            else sc.convert(c, pd.Series([""] * len(df), index=df.index, dtype="object"))
        )
    if table.open_columns:
        for name in df.columns:
            if table.col(name) is None and name != "source":
                out[name] = sc.convert(sc.Col(name, table.open_columns), df[name])
    for name in table.named_columns(df.columns):  # councils' population_0-15
        out[name] = sc.convert(table.col(name), df[name])
    if table.name == "measures":
        dec = out["decimals"].copy()
        default = out["unit"].map(lambda u: sc.DEFAULT_DECIMALS.get(u, 0)).astype("Int64")
        out["decimals"] = dec.fillna(default).astype("int64")
    return out
