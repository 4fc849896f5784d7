"""Load and validate a data set: a folder of CSV files or one .xlsx workbook.

Every problem in every table is collected before anything is raised, each with file (and
sheet), row, column, the value found and what was expected. Rows are counted as a
spreadsheet shows them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema as sc
from .errors import DataError, PeriodError, Problem
from .periods import Period
from .statutory import did_you_mean

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class Dataset:
    """One DataFrame attribute per table of the data contract (absent tables are empty)."""

    councils: pd.DataFrame
    measures: pd.DataFrame
    targets: pd.DataFrame
    observations: pd.DataFrame
    actions: pd.DataFrame
    finance: pd.DataFrame
    workforce: pd.DataFrame
    inspections: pd.DataFrame
    benchmarks: pd.DataFrame
    path: Path | None = None
    warnings: list = field(default_factory=list)  # Problems that are allowed but probably wrong (swlib.checks)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # results computed once per data set

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    def council_name(self, council: str) -> str:
        row = self.councils.loc[self.councils["council"] == council]
        if row.empty:
            from .config import describe_data
            from .errors import ConfigError

            ids = list(self.councils["council"])
            raise ConfigError(
                f"unknown council {council!r} in {describe_data(self.path)}: expected one of {', '.join(ids)}"
                f"{did_you_mean(council, ids)}{describe_data(self.path, hint=True)}"
            )
        return str(row["name"].iloc[0])

    def for_council(self, council: str) -> Dataset:
        """The data set as one council's report reads it: that council's rows of every table
        that has a council column (and the catalogue's rows for every council), the councils and
        the benchmarking panel whole. Rows keep their labels, so messages name the same rows."""
        from dataclasses import replace

        out = {}
        for name in sc.TABLE_ORDER:
            df = self.table(name)
            if name in ("councils", "benchmarks") or "council" not in df:
                out[name] = df.copy()
                continue
            mine = df["council"] == council
            if name == "measures":
                mine |= df["council"].isna()
            out[name] = df[mine]
        return replace(self, **out, memo={})

    def is_synthetic(self, council: str | None = None) -> bool:
        """Whether any figure (for ``council``) is marked ``source = synthetic``."""
        for name in sc.TABLE_ORDER:
            df = self.table(name)
            if "source" not in df or df.empty:
                continue
            rows = df
            if council is not None and "council" in df and name != "measures":
                rows = df[df["council"] == council]
            if rows["source"].fillna("").str.strip().str.lower().str.startswith("synthetic").any():
                return True
        return False


# ---------------------------------------------------------------------------------------
# reading raw text tables
def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(path: Path, label: str, problems: list[Problem]) -> pd.DataFrame | None:
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
    if b"\x00" in raw[:4096]:
        problems.append(Problem(label, None, None, "binary data", "a CSV text file"))
        return None
    from .limits import check_csv

    try:
        check_csv(raw, label)
    except DataError as e:
        problems.extend(e.problems)
        return None
    text = _decode(raw)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        problems.append(Problem(label, None, None, f"unreadable CSV ({e})", "comma-separated text"))
        return None
    return _rows_to_frame(rows, label, problems)


def _rows_to_frame(rows: list[list[str]], label: str, problems: list[Problem]) -> pd.DataFrame | None:
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()  # trailing blank lines
    if not rows:
        problems.append(Problem(label, None, None, "an empty file", "a header row naming the columns"))
        return None
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    while header and header[-1] == "" and all(len(r) < len(header) or not r[len(header) - 1].strip() for r in rows[1:]):
        header.pop()  # a trailing empty header column (Excel exports add them)
    width = len(header)
    blank_headers = [i + 1 for i, h in enumerate(header) if h == ""]
    for i in blank_headers:
        problems.append(Problem(label, 1, f"#{i}", "a column with no name", "every column to have a name"))
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    for h in dupes:
        problems.append(Problem(label, 1, h, "the column named twice", "each column once"))
    unneutralise = sc.unneutralise

    body = []
    bad = False
    for n, r in enumerate(rows[1:], start=2):
        line = "".join(r)  # one string per row: a national panel has hundreds of thousands
        if not line.strip():
            continue  # blank line
        if len(r) != width:
            extra = r[width:]
            if len(r) > width and not any(c.strip() for c in extra):
                r = r[:width]
            else:
                problems.append(Problem(label, n, None, f"{len(r)} fields", f"{width} fields, as in the header row"))
                bad = True
                continue
        cells = [c.strip() for c in r]
        if "'" in line:  # '=... written by swreport: as typed
            cells = [unneutralise(c) for c in cells]
        body.append((n, cells))
    if blank_headers or dupes or bad:
        return None
    df = pd.DataFrame([r for _, r in body], columns=header, dtype="object")
    if df.empty:
        df = pd.DataFrame({h: pd.Series(dtype="object") for h in header})
    df.index = pd.Index([n for n, _ in body], dtype="int64")
    return df.astype(str) if not df.empty else df


def _cell_text(value, column: str) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        if column == "period":
            return f"{value.year}-{value.month:02d}"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_workbook(path: Path, problems: list[Problem], letters: dict | None = None) -> dict[str, pd.DataFrame | None]:
    import zipfile

    from openpyxl import load_workbook

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
    from .limits import Budget, check_workbook, sheet_rows

    try:
        check_workbook(wb, path.name)  # the declared sizes, before a row is read
    except DataError:
        wb.close()
        raise
    budget = Budget(path.name)
    out: dict[str, pd.DataFrame | None] = {}
    names = {n.strip().lower(): n for n in wb.sheetnames}
    for table in sc.TABLE_ORDER:
        if table not in names:
            continue
        ws = wb[names[table]]
        rows = []
        header: list[str] | None = None
        for r in sheet_rows(ws, f"{path.name} [sheet {table}]", budget):
            if header is None:
                header = [_cell_text(v, "") for v in r]
                rows.append(header)
                continue
            rows.append([_cell_text(v, header[i].strip().lower() if i < len(header) else "") for i, v in enumerate(r)])
        # openpyxl pads rows to the sheet's width: trim columns with no header and no data
        out[table] = _rows_to_frame(rows, f"{path.name} [sheet {table}]", problems)
        if letters is not None and header is not None:
            from openpyxl.utils import get_column_letter

            letters[table] = (
                ws.title,
                {
                    h.strip().lower().replace(" ", "_"): get_column_letter(i)
                    for i, h in enumerate(header, 1)
                    if h.strip()
                },
            )
    wb.close()
    return out


# ---------------------------------------------------------------------------------------
def _schema_problems(table: sc.Table, df: pd.DataFrame, label: str) -> list[Problem]:
    extra = [c for c in df.columns if table.col(c) is None and c != "source"]
    if not table.open_columns:
        extra = []
    schema = sc.pandera_schema(table, extra)
    import pandera.errors

    try:
        schema.validate(df, lazy=True)
        return []
    except pandera.errors.SchemaErrors as err:
        fc = err.failure_cases
    problems = []
    for rec in fc.itertuples(index=False):
        check = str(rec.check)
        col = rec.column if isinstance(rec.column, str) else None
        if check == "column_in_dataframe":
            missing = str(rec.failure_case)
            problems.append(
                Problem(
                    label,
                    1,
                    missing,
                    "no such column in the header",
                    f"a column '{missing}' ({sc.expected(table.col(missing))})",
                )
            )
            continue
        _kind, _, what = check.partition("|")
        row = int(rec.index) if rec.index is not None and pd.notna(rec.index) else None
        value = df.at[row, col] if row is not None and col in df else rec.failure_case
        found = "a blank cell" if value == "" else repr(value)
        spec = table.col(col) if col else None
        if spec is not None and spec.kind == "period" and value != "":
            try:
                Period.parse(value)
            except PeriodError as e:
                what = e.expected
        problems.append(Problem(label, row, col, found, what or check))
    return problems


def _check_keys(table: sc.Table, df: pd.DataFrame, label: str) -> list[Problem]:
    if not table.key or not set(table.key) <= set(df.columns):
        return []
    dup = df.duplicated(list(table.key), keep="first")
    out = []
    for row in df.index[dup]:
        first = df.index[(df[list(table.key)] == df.loc[row, list(table.key)]).all(axis=1)][0]
        key = ", ".join(f"{k}={df.at[row, k]}" for k in table.key)
        out.append(
            Problem(
                label,
                int(row),
                table.key[-1],
                f"a second row for {key} (first at row {first})",
                "one row per " + ", ".join(table.key),
            )
        )
    return out


def _check_refs(name: str, df: pd.DataFrame, label: str, councils: set, measures: pd.DataFrame | None) -> list[Problem]:
    """Council and measure ids that the councils and measures tables do not list (vectorised)."""
    out = []
    if "council" in df and councils is not None:
        c = df["council"]
        bad = c.notna() & (c != "") & ~c.isin(councils)
        expected_ids = "a council id listed in councils.csv: " + ", ".join(sorted(councils))
        out += [
            Problem(label, int(row), "council", repr(c[row]), expected_ids + did_you_mean(c[row], councils))
            for row in df.index[bad]
        ]
    if name in ("observations", "targets") and measures is not None and "measure" in df:
        m = df["measure"]
        given = m.notna() & (m != "")
        unknown = given & ~m.isin(set(measures["measure"]))
        ids = list(measures["measure"])
        out += [
            Problem(
                label,
                int(row),
                "measure",
                repr(m[row]),
                "a measure id listed in measures.csv" + did_you_mean(m[row], ids),
            )
            for row in df.index[unknown]
        ]
        only = {k: v for k, v in zip(measures["measure"], measures["council"], strict=True) if isinstance(v, str) and v}
        if only and "council" in df:
            owner = m.map(only)
            c = df["council"]
            wrong = given & owner.notna() & c.notna() & (c != "") & (c != owner)
            for row in df.index[wrong]:
                out.append(
                    Problem(
                        label,
                        int(row),
                        "council",
                        repr(c[row]),
                        f"'{owner[row]}', the only council measure {m[row]} is defined for",
                    )
                )
    return out


def _observation_rules(df: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """Rules joining columns: numerator/denominator/value agreement, percent range, frequency (vectorised)."""
    from .periods import FREQUENCY_KIND, KINDS, Period

    out: list[Problem] = []
    info = measures.set_index("measure")
    o = df[df["measure"].isin(info.index)]
    unit = o["measure"].map(info["unit"])
    decimals = o["measure"].map(info["decimals"]).astype(float)
    v, n, d = o["value"], o["numerator"], o["denominator"]
    has_n, has_d, has_v = n.notna(), d.notna(), v.notna()
    lonely = has_n != has_d
    for row in o.index[lonely]:
        col = "denominator" if has_n[row] else "numerator"
        out.append(Problem(label, int(row), col, "a blank cell", "both numerator and denominator, or neither"))
    zero = ~lonely & has_d & (d == 0) & (n > 0)
    for row in o.index[zero]:
        out.append(
            Problem(
                label,
                int(row),
                "numerator",
                f"{n[row]:g} cases with a denominator of 0",
                "a numerator of 0 when the denominator is 0",
            )
        )
    pct = ~lonely & ~zero & (unit == "percent")
    for row in o.index[pct & has_v & (v > 100)]:
        out.append(Problem(label, int(row), "value", f"{v[row]:g}", "a percentage from 0 to 100"))
    above = pct & has_n & (n > d)
    for row in o.index[above]:
        out.append(
            Problem(
                label,
                int(row),
                "numerator",
                f"{n[row]:g}, more than the denominator {d[row]:g}",
                "a numerator no larger than the denominator",
            )
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        computed = 100 * n / d.where(d > 0)
    slack = np.maximum(0.05, 0.5 * 10 ** (-decimals)) + 1e-9
    disagree = pct & ~above & has_n & has_v & (d > 0) & ((computed - v).abs() > slack)
    for row in o.index[disagree]:
        dec = int(decimals[row])
        out.append(
            Problem(
                label,
                int(row),
                "value",
                f"{v[row]:g}, but numerator/denominator give {computed[row]:.{dec}f}",
                "a value that agrees with numerator and denominator (or leave value blank)",
            )
        )
    kind_of = {p: Period.parse(p).kind for p in o["period"].dropna().unique()}
    out += _sum_rules(o[~lonely], info, kind_of, label)
    rank = {k: i for i, k in enumerate(KINDS)}
    finer = o["period"].map(kind_of).map(rank) < o["measure"].map(info["frequency"]).map(FREQUENCY_KIND).map(rank)
    for row in o.index[finer]:
        freq = info.at[o.at[row, "measure"], "frequency"]
        p = o.at[row, "period"]
        out.append(
            Problem(
                label,
                int(row),
                "period",
                f"{p} (a {kind_of[p]})",
                f"a period no shorter than the measure's frequency ({freq})",
            )
        )
    return sorted(out, key=lambda p: (p.row or 0, p.column or ""))


NOT_ADDITIVE = ("percent", "rate", "ratio")  # a year to date cannot add these up; their counts it can


def _sum_rules(o: pd.DataFrame, info: pd.DataFrame, kind_of: dict, label: str) -> list[Problem]:
    """A measure whose year to date adds its periods up (aggregate sum) and whose unit cannot be
    added (a percentage, rate or ratio) needs numerator and denominator on every row of its own
    frequency below a year (a rate its value too, which says per how many): one problem per
    measure, naming its rows and the two ways to fix it."""
    from .periods import FREQUENCY_KIND

    kind = o["period"].map(kind_of)
    freq_kind = o["measure"].map(info["frequency"]).map(FREQUENCY_KIND)
    unit = o["measure"].map(info["unit"])
    summed = (
        (o["measure"].map(info["aggregate"]) == "sum")
        & unit.isin(NOT_ADDITIVE)
        & (kind == freq_kind)
        & (kind != "year")
    )
    short = o["numerator"].isna() | o["denominator"].isna() | ((unit == "rate") & o["value"].isna())
    given = o[["value", "numerator", "denominator"]].notna().any(axis=1)  # a blank row is a figure not had
    out = []
    for measure, rows in o[summed & short & given].groupby("measure", sort=False):
        u, freq = info.at[measure, "unit"], info.at[measure, "frequency"]
        listed = ", ".join(str(r) for r in rows.index[:12]) + (", ..." if len(rows) > 12 else "")
        plural = "s" if len(rows) > 1 else ""
        counts = "numerator, denominator and value (the rate)" if u == "rate" else "numerator and denominator"
        word = {"percent": "percentages", "rate": "rates", "ratio": "ratios"}[u]
        out.append(
            Problem(
                label,
                int(rows.index[0]),
                "numerator",
                f"{len(rows)} {freq} row{plural} of {measure} (row{plural} {listed}) with a value but no counts: "
                f"{measure} is a {u} measure with aggregate 'sum', so its year to date would add {word} up",
                f"{counts} on each {freq} row (then the year to date adds the counts), or {measure}'s "
                "aggregate set to 'latest' (a snapshot) or 'mean' (the average of the periods) in measures",
            )
        )
    return out


def _benchmark_rules(df: pd.DataFrame, label: str) -> list[Problem]:
    out = []
    bad = (df["unit"] == "percent") & (df["numerator"] > df["denominator"])  # a rate per 1,000 may exceed it
    for row in df.index[bad]:
        out.append(
            Problem(
                label,
                int(row),
                "numerator",
                f"{df.at[row, 'numerator']:g}, more than the denominator {df.at[row, 'denominator']:g}",
                "a numerator no larger than the denominator for a percentage",
            )
        )
    missing = df["value"].isna() & (df["numerator"].isna() | df["denominator"].isna() | (df["denominator"] == 0))
    for row in df.index[missing]:
        out.append(
            Problem(label, int(row), "value", "a blank cell", "a value, or a numerator and a denominator above 0")
        )
    return out


def _measure_rules(df: pd.DataFrame, label: str) -> list[Problem]:
    out = []
    pct = df["unit"] == "percent"
    for row in df.index[pct & (df["target"] > 100)]:
        out.append(Problem(label, int(row), "target", f"{df.at[row, 'target']:g}", "a percentage target from 0 to 100"))
    return out


def _label(base: Path, name: str, is_book: bool) -> str:
    return f"{base.name} [sheet {name}]" if is_book else f"{name}.csv"


def _cache_key(base: Path) -> str | None:
    """What a validated load depends on, by content: every table's bytes (the workbook's), the
    workbook's name (messages name it), the limits in force, and swlib's code and the
    catalogues it ships. A copied folder finds its cache; an edit, whatever its time, does not."""
    import hashlib

    if not base.exists():
        return None
    files = [base] if base.is_file() else sorted(base.glob("*.csv"))
    h = hashlib.sha256(
        f"{base.name if base.is_file() else ''}:{os.environ.get('SWREPORT_MAX_ROWS')}:{os.environ.get('SWREPORT_MAX_CELLS')}".encode()
    )
    pkg = Path(__file__).parent
    try:
        for f in [*files, *sorted(pkg.glob("*.py")), *sorted(pkg.glob("data/*.csv"))]:
            h.update(f"{f.name}\0".encode())
            with f.open("rb") as fh:  # in chunks: a file far over the limits is hashed in bounded memory
                h.update(hashlib.file_digest(fh, "sha256").digest())
    except OSError:
        return None  # unreadable: the load says why
    return h.hexdigest()[:32]


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "swreport" / "datasets"


def load(path: str | os.PathLike | None = None, council: str | None = None) -> Dataset:
    """Read and validate a data folder (CSV per table) or an .xlsx workbook.

    Raises DataError listing every problem found, each with file, row and column. A data set
    that validated is cached (keyed by its files' content and swlib's code) in the user's cache
    folder, not under outputs (a folder that is published): the report kernels that load it
    again, and later runs, skip the validation; SWREPORT_NO_CACHE=1 turns this off.

    ``council``: only what that council's report reads (``Dataset.for_council``), kept in the
    cache on its own, so that a later run on a national panel reads its council's rows only.
    """

    from .config import default_data_path

    base = Path(path) if path is not None else default_data_path()
    key = None if os.environ.get("SWREPORT_NO_CACHE") else _cache_key(base)
    cached = _cache_dir() / f"{key}.pickle" if key else None
    part = None
    if cached is not None and council is not None:
        part = cached.with_suffix(".councils") / f"{hashlib.sha256(council.encode()).hexdigest()[:24]}.pickle"
        ds = _read_cached(part, base)
        if ds is not None:
            return ds
    if council is not None and key is not None and _WHOLE.get("key") == key:
        ds = _WHOLE["ds"]  # a batch worker's next council: the whole data set is in memory already
    else:
        ds = _read_cached(cached, base) if cached is not None else None
    if ds is None:
        ds = _load(base)
        if cached is not None:
            _write_cached(cached, ds)
            entries = sorted(cached.parent.glob("*.pickle"), key=lambda f: f.stat().st_mtime)
            for old in entries[:-50]:  # keep the 50 most recent data sets
                old.unlink(missing_ok=True)
                shutil.rmtree(old.with_suffix(".councils"), ignore_errors=True)
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


def _read_cached(path: Path, base: Path) -> Dataset | None:
    import pickle

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
    import pickle

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(ds, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache is no problem


def _cells(problems: list[Problem], base: Path, letters: dict) -> list[Problem]:
    """Problems in a workbook located by sheet and cell as Excel names them ("observations!D14")."""
    from dataclasses import replace

    sheets = {_label(base, table, True): found for table, found in letters.items()}
    out = []
    for p in problems:
        sheet, cols = sheets.get(p.file, (None, {}))
        if p.row is not None and p.column in cols:
            p = replace(p, cell=f"{sheet}!{cols[p.column]}{p.row}")
        for name in ("councils", "measures"):
            p = replace(p, expected=re.sub(rf"(?<![\w/]){name}\.csv", f"the {name} sheet", p.expected))
        out.append(p)
    return out


def _without_rows(df: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """The rows of ``df`` no problem points at (so later checks still run on the rest)."""
    bad = {p.row for p in problems if p.row is not None}
    return df.loc[[i for i in df.index if i not in bad]]


def _load(base: Path) -> Dataset:
    letters: dict = {}
    try:
        ds = _load_checked(base, letters)
        if letters:
            ds.warnings = _cells(ds.warnings, base, letters)
        return ds
    except DataError as e:
        if not letters:
            raise
        raise DataError(_cells(e.problems, base, letters), warnings=_cells(e.warnings, base, letters)) from None


def _load_checked(base: Path, letters: dict) -> Dataset:
    problems: list[Problem] = []
    if not base.exists():
        raise DataError(
            Problem(str(base), None, None, "nothing at this path", "a data folder of CSV files or an .xlsx workbook")
        )
    is_book = base.is_file()
    raw: dict[str, pd.DataFrame | None] = {}
    files: dict[str, Path] = {}
    if is_book:
        if base.suffix.lower() not in (".xlsx", ".xlsm"):
            raise DataError(
                Problem(
                    base.name,
                    None,
                    None,
                    f"a '{base.suffix or 'extensionless'}' file",
                    "a data folder of CSV files or an .xlsx workbook",
                )
            )
        raw = _read_workbook(base, problems, letters)
        files = dict.fromkeys(raw, base)
    else:
        for name in sc.TABLE_ORDER:
            f = base / f"{name}.csv"
            if f.exists():
                files[name] = f
                raw[name] = _read_csv(f, f.name, problems)
    for name, table in sc.TABLES.items():
        if table.required and name not in raw and not problems:
            where = f"{base.name}" if is_book else f"{name}.csv"
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"no {name} table" + (" sheet" if is_book else " file"),
                    f"a {name} table: it is required",
                )
            )
    if problems:
        raise DataError(problems)

    # column checks, then conversion of every table that passed them
    typed: dict[str, pd.DataFrame] = {}
    for name, table in sc.TABLES.items():
        df = raw.get(name)
        label = _label(base, name, is_book)
        if df is None:
            typed[name] = _empty(table)
            continue
        found = _schema_problems(table, df, label)
        problems += found
        if any(p.row is None or p.row == 1 for p in found):
            continue  # a missing or misnamed column: the table cannot be read further
        typed[name] = _typed(table, _without_rows(df, found))
        problems += _check_keys(table, typed[name], label)

    # references between tables, checked on every table (typed where it passed, else its text)
    frames = {n: typed.get(n, raw.get(n)) for n in sc.TABLE_ORDER}
    councils = (
        {c.strip() for c in frames["councils"]["council"] if isinstance(c, str) and c.strip()}
        if frames["councils"] is not None and "council" in frames["councils"]
        else set()
    )
    if not councils and not problems:
        raise DataError(Problem(_label(base, "councils", is_book), 2, "council", "no councils", "at least one council"))
    measures = (
        frames["measures"]
        if frames["measures"] is not None and {"measure", "council"} <= set(frames["measures"].columns)
        else None
    )
    for name in sc.TABLE_ORDER:
        if name == "benchmarks":
            continue  # the benchmarking panel covers every council in Scotland, not only these
        if frames[name] is not None and councils:
            problems += _check_refs(
                name, frames[name], _label(base, name, is_book), councils if name != "councils" else None, measures
            )
    # the rules joining columns run on every row that passed the checks above, so that one
    # run of validate lists every problem
    if "measures" in typed:
        problems += _measure_rules(typed["measures"], _label(base, "measures", is_book))
    if "observations" in typed and "measures" in typed:
        label = _label(base, "observations", is_book)
        obs = _without_rows(typed["observations"], [p for p in problems if p.file == label])
        problems += _observation_rules(obs, typed["measures"].drop_duplicates("measure"), label)
    if "benchmarks" in typed:
        problems += _benchmark_rules(typed["benchmarks"], _label(base, "benchmarks", is_book))
    warnings = _warnings(typed, base, is_book, problems)
    if problems:
        order = {_label(base, n, is_book): i for i, n in enumerate(sc.TABLE_ORDER)}  # tables in contract order
        raise DataError(
            sorted(
                dict.fromkeys(problems),
                key=lambda p: (order.get(p.file, len(order)), p.file, p.row or 0, p.column or ""),
            ),
            warnings=warnings,
        )

    out = {k: v.reset_index(drop=True) for k, v in typed.items()}
    return Dataset(**out, path=base, warnings=warnings)


def _warnings(typed: dict, base: Path, is_book: bool, problems: list[Problem]) -> list[Problem]:
    """swlib.checks' warnings on the rows that passed every check (so one run lists both)."""
    from .checks import data_warnings

    ok = {}
    for name, df in typed.items():
        label = _label(base, name, is_book)
        ok[name] = _without_rows(df, [p for p in problems if p.file == label])
    return data_warnings(ok, lambda name: _label(base, name, is_book))


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
    if table.name == "measures":
        dec = out["decimals"].copy()
        default = out["unit"].map(lambda u: sc.DEFAULT_DECIMALS.get(u, 0)).astype("Int64")
        out["decimals"] = dec.fillna(default).astype("int64")
    return out
