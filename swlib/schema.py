"""The data contract: each table's columns, as declarative specs turned into pandera schemas.

Files are read as text; the schemas check each column's text (so that every bad cell is
reported with its row and column, not only the first), then ``loading`` converts the
checked columns to their types. A cell's text is read as a number, period or date by
``swlib.cell_text``'s rules. Rules that join columns or tables live in ``loading``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .cell_text import parse_numbers, parses, read_date, read_period
from .rate_bases import population_column

UNITS = ("percent", "count", "currency", "rate", "ratio", "days", "hours", "number")
COUNT_UNITS = ("count", "number")  # units that count people or events
PROPORTION_UNITS = ("percent", "rate", "ratio")  # units of a share of cases, given with its counts or alone
AMOUNT_UNITS = ("currency", "days", "hours")  # money and time: of a count's people, per person or in total
ADDITIVE_UNITS = ("count", "currency", "days", "hours", "number")  # units whose figures add up over a year
POLARITIES = ("higher", "lower", "none")
FREQUENCIES = ("monthly", "quarterly", "six-monthly", "annual")
AGGREGATES = ("sum", "latest", "mean")
OBSERVATION_STATUSES = ("Green", "Amber", "Red", "Report later", "Data only")
ACTION_STATUSES = ("Complete", "Green", "Amber", "Red", "Report later")
FINANCE_KINDS = ("budget", "outturn", "capital")
SECTORS = ("LA", "Private", "Voluntary")
DEFAULT_DECIMALS = {"percent": 1, "rate": 1, "ratio": 2}
# the Care Inspectorate's quality themes (the inspections table's open grade columns): the
# 2016-17 framework's four, then the current framework's key questions
QUALITY_THEMES = (
    "care_and_support", "environment", "staffing", "management_and_leadership",
    "wellbeing", "leadership", "staff_team", "setting", "care_planning",
)  # fmt: skip

# the CSWO's own words: data/narrative/<council>/<year>/<section>.md, one file per section
NARRATIVE_SECTIONS = (
    "summary",
    "governance",
    "landscape",
    "partnership",
    "involvement",
    "commissioned",
    "improvement",
    "finance",
    "performance",
    "complaints",
    "workforce",
    "inspections",
    "challenges",
)


def narrative_dir(data_path) -> Path:
    """The narrative folder of a data set (a data folder, or the folder of a workbook)."""
    base = Path(data_path)
    return (base.parent if base.is_file() else base) / "narrative"


COUNCIL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MEASURE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Col:
    """One column of a table: its kind decides the check and the conversion."""

    name: str
    kind: str = "text"  # text | council | measure | enum | number | int | period | date
    required: bool = False  # the column must exist
    nonblank: bool = False  # every cell must have a value
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()
    required: bool = False
    open_columns: str | None = None  # kind of any extra column (inspections' quality themes)
    named: Callable[[str], Col | None] | None = None  # a column known by its name's form (population_0-15)

    def col(self, name: str) -> Col | None:
        found = next((c for c in self.columns if c.name == name), None)
        return found if found is not None or self.named is None else self.named(str(name))

    def named_columns(self, names) -> list[str]:
        """The columns of ``names`` known by their form only (``named``), not by ``columns``."""
        own = {c.name for c in self.columns}
        return [n for n in names if n not in own and self.named is not None and self.named(str(n)) is not None]


def _age_population(name: str) -> Col | None:
    """councils.csv's population of an age group, named ``population_<ages>`` as a rate's title writes
    the ages (``population_0-15``, ``population_65+``): a whole number, checked as ``population``."""
    return Col(name, "int", minimum=0) if population_column(name) else None


def _c(name, kind="text", **kw) -> Col:
    return Col(name, kind, **kw)


SOURCE = _c("source")
# the key columns the tables share: each one a council's, of a measure, for a period
COUNCIL = _c("council", "council", required=True, nonblank=True)
MEASURE = _c("measure", "measure", required=True, nonblank=True)
PERIOD = _c("period", "period", required=True, nonblank=True)
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "councils",
            (
                _c("council", "council_id", required=True, nonblank=True),
                _c("name", required=True, nonblank=True),
                _c("family_group", "int", required=True, minimum=1, maximum=4),
                _c("population", "int", minimum=0),
                SOURCE,
            ),
            key=("council",),
            required=True,
            named=_age_population,
        ),
        Table(
            "measures",
            (
                _c("measure", "measure_id", required=True, nonblank=True),
                _c("title", required=True, nonblank=True),
                _c("theme", required=True, nonblank=True),
                _c("outcome"),
                _c("service"),
                _c("unit", "enum", required=True, nonblank=True, choices=UNITS),
                _c("polarity", "enum", required=True, nonblank=True, choices=POLARITIES),
                _c("frequency", "enum", required=True, nonblank=True, choices=FREQUENCIES),
                _c("aggregate", "enum", required=True, nonblank=True, choices=AGGREGATES),
                _c("target", "number"),
                _c("tolerance", "number", minimum=0),
                _c("decimals", "int", minimum=0, maximum=6),
                _c("lgbf"),
                _c("links"),
                _c("council", "council"),
                _c("definition"),
                _c("part_of", "measure_id"),  # the measure this one counts a part of (investigations of referrals)
                _c("flow_of", "measure_id"),  # the snapshot this one counts the people joining or leaving
                _c("replaces", "measure_id"),  # the id this measure had before it was renamed
                _c("cleared", "enum", choices=("yes", "no")),  # an officer cleared the measure's words for the public
                SOURCE,
            ),
            key=("measure",),
            required=True,
        ),
        Table(
            "targets",
            (
                COUNCIL,
                MEASURE,
                PERIOD,
                _c("target", "number", required=True, nonblank=True),
                _c("tolerance", "number", minimum=0),
                SOURCE,
            ),
            key=("council", "measure", "period"),
        ),
        Table(
            "observations",
            (
                COUNCIL,
                MEASURE,
                PERIOD,
                _c("value", "number", required=True, minimum=0),
                _c("numerator", "number", minimum=0),
                _c("denominator", "number", minimum=0),
                _c("status", "enum", choices=OBSERVATION_STATUSES),
                _c("comment"),
                _c("cleared", "enum", choices=("yes", "no")),  # an officer cleared the comment for the public
                SOURCE,
            ),
            key=("council", "measure", "period"),
            required=True,
        ),
        Table(
            "actions",
            (
                COUNCIL,
                PERIOD,
                _c("theme", required=True, nonblank=True),
                _c("outcome"),
                _c("action", required=True, nonblank=True),
                _c("measure"),
                _c("status", "enum", required=True, nonblank=True, choices=ACTION_STATUSES),
                _c("comment"),
                _c("cleared", "enum", choices=("yes", "no")),  # an officer cleared the comment for the public
                SOURCE,
            ),
        ),
        Table(
            "finance",
            (
                COUNCIL,
                PERIOD,
                _c("kind", "enum", required=True, nonblank=True, choices=FINANCE_KINDS),
                _c("line", required=True, nonblank=True),
                _c("amount", "number", required=True, nonblank=True),
                SOURCE,
            ),
            key=("council", "period", "kind", "line"),
        ),
        Table(
            "workforce",
            (
                COUNCIL,
                PERIOD,
                _c("service", required=True, nonblank=True),
                _c("headcount", "int", minimum=0),
                _c("fte", "number", minimum=0),
                SOURCE,
            ),
            key=("council", "period", "service"),
        ),
        Table(
            "inspections",
            (
                COUNCIL,
                _c("service", required=True, nonblank=True),
                _c("service_type", required=True, nonblank=True),
                _c("sector", "enum", required=True, nonblank=True, choices=SECTORS),
                _c("date", "date", required=True, nonblank=True),
                SOURCE,
            ),
            open_columns="grade",
        ),
        Table(
            "benchmarks",
            (
                _c("lgbf", required=True, nonblank=True),
                _c("title", required=True, nonblank=True),
                _c("unit", "enum", required=True, nonblank=True, choices=UNITS),
                _c("polarity", "enum", required=True, nonblank=True, choices=POLARITIES),
                _c("council", "council_id", required=True, nonblank=True),
                _c("council_name", required=True, nonblank=True),
                _c("family_group", "int", required=True, minimum=1, maximum=4),  # blank for Scotland
                PERIOD,
                _c("value", "number", minimum=0),
                _c("numerator", "number", minimum=0),
                _c("denominator", "number", minimum=0),
                SOURCE,
                _c("real_value", "number", minimum=0),  # a cost at the prices of price_year (LGBF "Real")
                _c("price_year", "period"),
            ),
            key=("lgbf", "council", "period"),
        ),
    )
}
TABLE_ORDER = tuple(TABLES)


def expected(col: Col) -> str:
    """What a column holds, in words, for messages."""
    if col.kind == "enum":
        return "one of " + ", ".join(col.choices) + " (any case)"
    if col.kind in ("number", "int"):
        word = "a whole number" if col.kind == "int" else "a number"
        if col.minimum is not None and col.maximum is not None:
            return f"{word} from {col.minimum:g} to {col.maximum:g}"
        if col.minimum is not None:
            return f"{word} of at least {col.minimum:g}"
        return word
    if col.kind == "period":
        return "a period such as 2020-21, 2020-21-Q2, 2020-21-H1 or 2020-09"
    if col.kind == "date":
        return "a date such as 2017-01-16 or 16/01/2017 (day first)"
    if col.kind == "council_id":
        return "a lower-case id of letters, digits and hyphens, e.g. south-lanarkshire"
    if col.kind == "measure_id":
        return "an id of letters, digits, '-', '_' or '.', with no spaces"
    if col.kind == "grade":
        return "a grade from 1 to 6, or blank when not assessed"
    if col.kind in ("council", "measure"):
        return f"a {col.kind} id listed in {col.kind}s.csv"
    return "some text"


def _by_unique(s: pd.Series, fn) -> pd.Series:
    """Apply ``fn`` once per distinct value (periods and dates repeat a great deal)."""
    return s.map({u: fn(u) for u in s.unique()})


def _ok_each(reader):
    return lambda s: _by_unique(s, lambda x: parses(reader, x)).astype(bool)


def normalise_words(s: pd.Series) -> pd.Series:
    return s.astype(str).str.split().str.join(" ").str.lower()


def column_tests(col: Col) -> list[tuple]:
    """The tests of a column of stripped text ('' is blank): (function of a Series to a Series of
    booleans, element by element; the error pandera reports, "kind|what was expected")."""
    tests: list[tuple] = []
    if col.nonblank:
        tests.append((lambda s: s != "", "blank|a value (this column may not be blank)"))
    k = col.kind
    if k in ("number", "int", "grade"):
        whole = k in ("int", "grade")

        def ok(s, whole=whole):
            v, good = parse_numbers(s)
            return good & (v.isna() | (v == np.floor(v))) if whole else good

        tests.append((ok, f"bad|{expected(col)}"))
        lo, hi = (1, 6) if k == "grade" else (col.minimum, col.maximum)
        if lo is not None or hi is not None:

            def within(s, lo=lo, hi=hi):
                v, _ = parse_numbers(s)
                return v.isna() | (((v >= lo) if lo is not None else True) & ((v <= hi) if hi is not None else True))

            tests.append((within, f"range|{expected(col)}"))
    elif k == "enum":
        allowed = {c.lower() for c in col.choices} | {""}
        tests.append((lambda s, a=allowed: normalise_words(s).isin(a), f"bad|{expected(col)}"))
    elif k == "period":
        tests.append((_ok_each(read_period), f"bad|{expected(col)}"))
    elif k == "date":
        tests.append((_ok_each(read_date), f"bad|{expected(col)}"))
    elif k == "council_id":
        tests.append((lambda s: s.str.fullmatch(COUNCIL_ID.pattern), f"bad|{expected(col)}"))
    elif k == "measure_id":
        blank_ok = not col.nonblank  # part_of: blank where the measure is part of no other
        tests.append(
            (lambda s, b=blank_ok: s.str.fullmatch(MEASURE_ID.pattern) | (b & (s == "")), f"bad|{expected(col)}")
        )
    return tests


def column_checks(col: Col) -> list:
    """pandera checks on a column of stripped text ('' is blank); vectorised."""
    import pandera.pandas as pa  # imported when data is validated, not whenever swlib is

    return [pa.Check(fn, error=error) for fn, error in column_tests(col)]


def pandera_schema(table: Table, extra_columns: list[str]):
    import pandera.pandas as pa  # as in column_checks

    cols = {c.name: pa.Column(str, column_checks(c), required=c.required) for c in table.columns}
    for name in extra_columns:  # inspections' quality themes; councils' population_0-15
        spec = table.col(name) or Col("", table.open_columns)
        cols[name] = pa.Column(str, column_checks(spec), required=False)
    return pa.DataFrameSchema(cols, strict=False, coerce=False)


def column_passes(col: Col, s: pd.Series) -> bool:
    """Whether every cell of ``s`` (stripped text, as read) passes ``column_tests(col)``: each test
    run once per distinct cell, the way a national panel's columns repeat. A column that fails
    is worded by pandera (``rules.schema_problems``), cell by cell."""
    distinct = pd.Series(pd.unique(s.to_numpy(dtype=object)), dtype="object")
    return all(bool(fn(distinct).fillna(False).all()) for fn, _ in column_tests(col))


def per_distinct(fn, s: pd.Series) -> pd.Series:
    """``fn`` (element by element on a Series) worked out once per distinct value of ``s``, and
    spread back to its rows (index and dtype as ``fn`` gives them)."""
    codes, distinct = pd.factorize(s.to_numpy(dtype=object))
    if (codes < 0).any():  # a missing cell (never in text as read): element by element
        return fn(s)
    out = fn(pd.Series(distinct, dtype="object")).take(codes)
    out.index = s.index
    return out


def convert(col: Col, s: pd.Series) -> pd.Series:
    """Checked text to typed values (blank to missing); once per distinct cell (``per_distinct``)."""
    return per_distinct(lambda u: _convert(col, u), s)


def _convert(col: Col, s: pd.Series) -> pd.Series:
    k = col.kind
    if k == "number":
        return parse_numbers(s)[0]
    if k in ("int", "grade"):
        return parse_numbers(s)[0].round().astype("Int64")
    if k == "enum":
        canon = {c.lower(): c for c in col.choices}
        out = normalise_words(s).map(canon).astype("object")
        return out.where(out.notna(), None)
    if k == "period":
        return _by_unique(s, read_period).astype("object")
    if k == "date":
        return _by_unique(s, read_date).astype("object")
    return s.where(s != "", None).astype("object")
