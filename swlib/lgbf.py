"""Import the Improvement Service's LGBF workbook into the ``benchmarks`` table.

The workbook is read in the shape it is published: sheet ``Raw Data``, one row per council
and a ``Scotland`` row, one column per indicator-year (``SW1 2019-20``), the columns its value
is built from beside it, ``... Real`` inflation-adjusted columns (imported beside the cash
``value`` as ``real_value``, at the prices of ``price_year``: the year whose GDP deflator on the
``Deflators`` sheet is 100) and ``dna`` or blanks for missing values. Indicator titles, domains
and polarity (``One is high``) come from the indicator metadata workbook; family groups (the
``Deprivation`` group: LGBF's family groups for children's, social work and housing services)
from the council lookups workbook.

What is imported, and which columns a value is built from, is declared once, in
``INDICATORS``; council names are mapped to swreport's ids by ``COUNCILS`` (from ``swlib/data/lgbf_councils.csv``).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .base import SCOTLAND
from .cell_text import comma_hint, read_number
from .errors import ConfigError, DataError, Problem
from .neutral_csv import write_csv as write_neutralised_csv
from .sheets import cell_ref, read_rows, read_table
from .statutory import lgbf_councils
from .writing import write_atomic

SHEET = "Raw Data"
NAME_COLUMN = "Local Authority"


@dataclass(frozen=True)
class Indicator:
    unit: str  # percent | currency | rate
    numerator: str | None = None  # the column stem the value's numerator is read from
    denominator: str | None = None


# Every social work indicator and the children's services ones councils report. Numerator and
# denominator only where the value is a rate or proportion of events or people (an interval
# makes sense); costs and shares of spending have none.
INDICATORS: dict[str, Indicator] = {
    "SW1": Indicator("currency"),
    "SW2": Indicator("percent"),  # a share of money: no interval
    "SW3a": Indicator("percent"),
    "SW4a": Indicator("percent"),
    "SW4b": Indicator("percent"),
    "SW4c": Indicator("percent"),
    "SW4d": Indicator("percent"),
    "SW4e": Indicator("percent"),
    "SW5": Indicator("currency"),
    "SW6": Indicator(
        "rate", "Number of readmissions to an acute hospital within 28 days of discharge", "Number of discharges"
    ),
    "SW7": Indicator("percent"),
    "SW8": Indicator(
        "rate",
        "Number of bed days people spend in hospital when they are ready to be discharged",
        "MYE Population (75+)",
    ),
    "CHN8a": Indicator("currency"),
    "CHN8b": Indicator("currency"),
    "CHN9": Indicator("percent"),
    "CHN22": Indicator("percent"),
    "CHN23": Indicator("percent"),
}

# the LGBF's spelling -> (swreport id, name): the 32 of swlib/data/lgbf_councils.csv, and Scotland
COUNCILS = {
    **{r.lgbf_name: (r.council, r.name) for r in lgbf_councils().itertuples()},
    "Scotland": (SCOTLAND, "Scotland"),
}
COLUMNS = ["lgbf", "title", "unit", "polarity", "council", "council_name", "family_group", "period", "value",
           "numerator", "denominator", "source", "real_value", "price_year"]  # fmt: skip
DEFLATORS = "Deflators"
_HEADER = re.compile(r"^(?P<code>[A-Z]+ ?\d+[a-z]?) (?P<y1>\d{4})-(?P<y2>\d{2})(?P<real> Real)?$")


def _number(v):
    """A cell's figure: None where it is missing ('dna', '-', a blank, an Excel error), "bad" where
    it is no number. Text is read as a data set's cells are (``cell_text.read_number``): a comma
    separates thousands only (1,234), so '766,50' is "bad", never 76650."""
    if v is None or (isinstance(v, str) and v.strip().lower() in ("", "dna", "n/a", "-")):
        return None
    if isinstance(v, str) and v.strip().startswith("#"):  # an Excel error left in a cell (#N/A, #DIV/0!): missing
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v) if math.isfinite(v) else "bad"
    try:
        return read_number(str(v))
    except ValueError:
        return "bad"


EXPECTED_NUMBER = "a number, 'dna' or a blank"


def _bad_number(workbook: Path, n: int, head: list, i: int, value) -> Problem:
    """A cell that is no number: what was found, and what to type (a decimal comma's figure with a point)."""
    hint = comma_hint(value)
    return Problem(workbook.name, n, head[i], repr(value), EXPECTED_NUMBER + (f": {hint}" if hint else ""),
                   cell=cell_ref(SHEET, n, i + 1))  # fmt: skip


def _metadata(path: Path, problems: list) -> dict[str, dict]:
    rows, ix = read_table(
        path, ("Variable name", "Title", "Domain", "One is high"), "the LGBF indicator metadata", problems
    )
    out = {}
    for r in rows[1:]:
        code = r[ix["Variable name"]]
        if code:
            out[str(code).strip()] = {
                "title": " ".join(str(r[ix["Title"]] or "").split()),
                "domain": str(r[ix["Domain"]] or "").strip(),
                "polarity": {"yes": "higher", "no": "lower"}.get(
                    str(r[ix["One is high"]] or "").strip().lower(), "none"
                ),
            }
    return out


def _family_groups(path: Path, problems: list) -> dict[str, int]:
    rows, ix = read_table(path, ("Council", "Deprivation"), "the LGBF council lookups", problems)
    c, d = ix.get("Council"), ix.get("Deprivation")
    out = {}
    for n, r in enumerate(rows[1:], start=2):
        if r[c] is None:
            continue
        m = re.match(r"\s*([1-4])(\.0)?\b", str(r[d]) if r[d] is not None else "")  # 3, or "1 - Most Deprived"
        group = int(m.group(1)) if m else None
        if group is None:
            problems.append(Problem(path.name, n, "Deprivation", repr(r[d]), "a family group from 1 to 4"))
            continue
        out[str(r[c]).strip()] = group
    return out


def _price_year(path: Path, rows: list[tuple], real: dict, cash: dict) -> str | None:
    """The year whose prices the ``Real`` columns are at: the year of the ``Deflators`` sheet
    whose deflator is 100, else the year whose real figures equal the cash ones in every row
    (None when neither tells, or there are no real columns)."""
    if not real:
        return None
    deflators = [(*r, None, None)[:2] for r in read_rows(path, DEFLATORS, [], "the deflators")]  # none: no sheet
    for year, d in deflators:
        if isinstance(d, int | float) and abs(d - 100) < 1e-6 and re.fullmatch(r"\d{4}-\d{2}", str(year).strip()):
            return str(year).strip()
    for (code, year), i in sorted(real.items(), key=lambda kv: kv[0][1], reverse=True):
        j = cash.get((code, year))
        pairs = [(_number(r[i]), _number(r[j])) for r in rows[1:]] if j is not None else []
        pairs = [(a, b) for a, b in pairs if isinstance(a, float) and isinstance(b, float)]
        if pairs and all(abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in pairs):
            return year
    return None


def _beside(workbook: Path, pattern: str) -> Path | None:
    found = sorted(workbook.parent.glob(pattern))
    return found[-1] if found else None


SUBJECT = "the LGBF workbooks"  # what an import's problems are in (not the data set)


def import_lgbf(workbook, metadata=None, lookups=None, codes=None) -> pd.DataFrame:
    """The ``benchmarks`` table from the LGBF workbook (metadata and lookups default to the
    ``lgbf-indicator-metadata*.xlsx`` and ``lgbf-council-lookups*.xlsx`` beside it). Raises
    DataError naming sheet, cell and what was expected for a workbook of the wrong shape."""
    workbook = Path(workbook)
    problems: list[Problem] = []
    if not workbook.is_file():
        raise DataError(Problem(str(workbook), None, None, "nothing at this path", "the LGBF workbook (.xlsx)"),
                        subject=SUBJECT)  # fmt: skip
    # the workbook first: given the wrong file, that is what the analyst needs to hear
    rows = read_rows(
        workbook, SHEET, problems, "the LGBF 'Raw Data' sheet: a council per row, a column per indicator-year"
    )
    if problems:
        raise DataError(problems, subject=SUBJECT)
    found = {}
    for label, given, pattern, what in (
        ("--metadata", metadata, "lgbf-indicator-metadata*.xlsx", "indicator metadata"),
        ("--lookups", lookups, "lgbf-council-lookups*.xlsx", "council lookups"),
    ):
        p = Path(given) if given else _beside(workbook, pattern)
        if p is None or not p.is_file():
            where = str(p) if given else f"no {pattern} beside {workbook.name}"
            problems.append(Problem(where, None, None, "no such workbook",
                                    f"the LGBF {what} workbook ({pattern}, published by the Improvement Service with the "
                                    f"benchmarking data) beside {workbook.name}, or its path given with {label} FILE"))  # fmt: skip
        found[label] = p
    if problems:
        raise DataError(problems, subject=SUBJECT)
    metadata, lookups = found["--metadata"], found["--lookups"]
    meta = _metadata(metadata, problems)
    groups = _family_groups(lookups, problems)
    if problems:
        raise DataError(problems, subject=SUBJECT)
    head = [str(h).strip() if h is not None else "" for h in rows[0]]
    if NAME_COLUMN not in head:
        raise DataError(Problem(workbook.name, 1, None, f"no '{NAME_COLUMN}' column in row 1 of sheet '{SHEET}'",
                                f"a '{NAME_COLUMN}' column naming each council", cell=cell_ref(SHEET, 1, 1)),
                        subject=SUBJECT)  # fmt: skip
    name_col = head.index(NAME_COLUMN)
    wanted = set(codes or INDICATORS)
    columns: dict[tuple[str, str], int] = {}
    real: dict[tuple[str, str], int] = {}  # the "<code> <year> Real" columns: costs at one year's prices
    stems = {h: i for i, h in enumerate(head) if h}
    for i, h in enumerate(head):
        code = h.split(" ")[0] if h else ""
        if code not in wanted:
            continue
        m = _HEADER.match(h)
        if m is None or int(m["y2"]) != (int(m["y1"]) + 1) % 100:
            problems.append(Problem(workbook.name, 1, h, repr(h), "an indicator-year header such as 'SW1 2019-20'",
                                    cell=cell_ref(SHEET, 1, i + 1)))  # fmt: skip
            continue
        (real if m["real"] else columns)[(m["code"], f"{m['y1']}-{m['y2']}")] = i
    for code in sorted(wanted):
        if code not in meta:
            problems.append(
                Problem(
                    metadata.name, None, "Variable name", f"no row for {code}", "a row for every imported indicator"
                )
            )
    source = f"Improvement Service, LGBF benchmarking data ({workbook.name})"
    price_year = _price_year(workbook, rows, real, columns)
    if real and price_year is None:
        problems.append(Problem(workbook.name, None, None, "'Real' columns, and no year whose deflator is 100 on "
                                f"sheet '{DEFLATORS}' nor whose real figures equal the cash ones",
                                "a 'Deflators' sheet naming the price year (deflator 100)"))  # fmt: skip
    out = []
    for n, r in enumerate(rows[1:], start=2):
        name = r[name_col]
        if name is None or not str(name).strip():
            continue
        name = str(name).strip()
        if name not in COUNCILS:
            problems.append(Problem(workbook.name, n, NAME_COLUMN, repr(name), "a council name as the LGBF writes it, e.g. "
                                    "'Dumfries & Galloway' (add it to swlib/data/lgbf_councils.csv)", cell=cell_ref(SHEET, n, name_col + 1)))  # fmt: skip
            continue
        council, council_name = COUNCILS[name]
        if council != SCOTLAND and name not in groups:
            problems.append(
                Problem(lookups.name, None, "Council", f"no row for {name!r}", "a family group for every council")
            )
            continue
        for (code, year), i in columns.items():
            spec, info = INDICATORS.get(code, Indicator("number")), meta.get(code, {})
            value = _number(r[i])
            if value == "bad":
                problems.append(_bad_number(workbook, n, head, i, r[i]))
                continue
            if value is None:
                continue
            num = den = None
            if spec.numerator:
                ni, di = stems.get(f"{spec.numerator} {year}"), stems.get(f"{spec.denominator} {year}")
                num = _number(r[ni]) if ni is not None else None
                den = _number(r[di]) if di is not None else None
                unread = [j for j, x in ((ni, num), (di, den)) if x == "bad"]
                problems += [_bad_number(workbook, n, head, j, r[j]) for j in unread]  # not silently left out
                if unread:
                    continue
                num, den = (num, den) if isinstance(num, float) and isinstance(den, float) and den > 0 else (None, None)
            real_value = None
            if spec.unit == "currency" and (code, year) in real:
                ri = real[(code, year)]
                real_value = _number(r[ri])
                if real_value == "bad":
                    problems.append(_bad_number(workbook, n, head, ri, r[ri]))
                    continue
            out.append({
                "lgbf": code, "title": info.get("title", code), "unit": spec.unit, "polarity": info.get("polarity", "none"),
                "council": council, "council_name": council_name, "family_group": groups.get(name), "period": year,
                "value": value, "numerator": num, "denominator": den, "source": source,
                "real_value": real_value, "price_year": price_year if real_value is not None else None,
            })  # fmt: skip
    if problems:
        raise DataError(problems, subject=SUBJECT)
    df = pd.DataFrame(out, columns=COLUMNS)
    df["family_group"] = df["family_group"].astype("Int64")
    order = {c: i for i, c in enumerate(INDICATORS)}
    df = df.sort_values(
        ["lgbf", "council", "period"], key=lambda s: s.map(order) if s.name == "lgbf" else s, kind="stable"
    )
    return df.reset_index(drop=True)


def write_csv(df: pd.DataFrame, path) -> Path:
    """The table as CSV, figures exactly as published (no rounding), atomically; text that a
    spreadsheet would run as a formula (a title beginning with =, say) neutralised."""

    return write_neutralised_csv(df, path, float_format="%.10g")


def write_benchmarks(df: pd.DataFrame, data) -> Path:
    """The table into a data set: ``benchmarks.csv`` in a data folder, or the ``benchmarks``
    sheet of a workbook (the sheet replaced, every other sheet kept), written atomically."""
    data = Path(data)
    if data.suffix.lower() in (".xlsx", ".xlsm"):
        if not data.is_file():
            raise ConfigError(f"{data}: no such workbook (give an existing data set with --data)")
        _write_sheet(df, data)
        return data
    if data.exists() and not data.is_dir():
        raise ConfigError(f"{data}: expected a data folder of CSV files or an .xlsx workbook")
    return write_csv(df, data / "benchmarks.csv")


def _write_sheet(df: pd.DataFrame, book: Path) -> None:
    from openpyxl import load_workbook  # openpyxl and excel (0.5 s): only to write into a workbook

    from .excel import as_text

    wb = load_workbook(book)
    for name in list(wb.sheetnames):
        if name.strip().lower() == "benchmarks":
            at = wb.sheetnames.index(name)
            wb.remove(wb[name])
            break
    else:
        at = len(wb.sheetnames)
    ws = wb.create_sheet("benchmarks", at)
    ws.append(list(df.columns))
    for r in df.itertuples(index=False):
        row = []
        for v in r:
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                row.append(None)
            elif hasattr(v, "item"):
                row.append(v.item())
            else:
                row.append(v)
        ws.append(row)
        for cell in ws[ws.max_row]:
            as_text(cell)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(book, buf.getvalue())
