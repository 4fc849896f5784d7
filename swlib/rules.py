"""The data contract's rules, checked on the tables as read (``swlib.loading`` collects every
problem before raising): columns and types (the pandera schemas of ``swlib.schema``), unique keys,
references between tables, total rows, the benchmarks. Each returns ``Problem``s naming file, row
and column. The observations' rules joining columns are in ``swlib.observation_rules``; those
across measures.csv's rows (``part_of``, ``flow_of``) in ``swlib.measure_rules``."""

from __future__ import annotations

import re

import pandas as pd

from . import cell_text
from . import schema as sc
from .errors import DUPLICATE_KEY, UNKNOWN_COUNCIL, UNKNOWN_MEASURE, PeriodError, Problem
from .periods import Period
from .statutory import closest, did_you_mean


def schema_problems(table: sc.Table, df: pd.DataFrame, label: str, units: dict | None = None) -> list[Problem]:
    """Each cell that fails its column's type or test, and each required column missing, as a
    Problem. ``units``: each measure id's unit (the measures table as typed), so that a figure not
    had in an observation's cell ('#DIV/0!') is answered for its measure (a cost has no cases)."""
    half = _half_pair(table, df, label)
    if half:
        return half  # one line for the header, not a blank cell on every row with a count
    extra = [c for c in df.columns if table.col(c) is None and c != "source"]
    if not table.open_columns:
        extra = table.named_columns(df.columns)  # known by their form: councils' population_0-15
    if _passes(table, df, extra):
        return []  # no cell to word: pandera (a pass per check per cell) is for a table that fails
    schema = sc.pandera_schema(table, extra)
    import pandera.errors  # imported when data is validated, as in ``schema`` (a cached load never is)

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
                    f"a column '{missing}' ({sc.expected(table.col(missing))})" + _renamed(table, df, missing),
                )
            )
            continue
        _kind, _, what = check.partition("|")
        row = int(rec.index) if rec.index is not None and pd.notna(rec.index) else None
        value = df.at[row, col] if row is not None and col in df else rec.failure_case
        found = "a blank cell" if value == "" else repr(value)
        spec = table.col(col) if col else None
        if spec is not None and spec.kind in ("number", "int") and _kind == "bad":
            comma = cell_text.comma_hint(value)
            unit = _unit_of(df, row, units) if table.name == "observations" else None
            hint = no_figure_hint(value, table.name, col, unit) or (comma and f": {comma}")
            what += hint or percent_hint(value, in_pounds=(table.name, col) == ("finance", "amount"))
        if spec is not None and spec.kind == "enum" and _kind == "bad" and isinstance(value, str):
            said = " ".join(value.split()).lower()
            meant = ENUM_WORDS.get(col, {}).get(said.rstrip("."))
            what += f" (did you mean {meant!r}?)" if meant in spec.choices else did_you_mean(said, spec.choices)
        if spec is not None and spec.kind == "date" and _kind == "bad":  # '09/16/2025': which date, what to type
            what += cell_text.date_hint(value)
        if spec is not None and spec.kind == "period" and value != "":
            try:
                Period.parse(value)
            except PeriodError as e:
                what = e.expected
        if (table.name, col, value) == ("targets", "target", "") and row in df.index:
            found, what = _blank_target(df, row)
        problems.append(Problem(label, row, col, found, what or check))
    return problems


def _unit_of(df: pd.DataFrame, row: int | None, units: dict | None) -> str | None:
    """The unit of the measure an observation row names, where the measures table gives it."""
    if not units or row is None or "measure" not in df or row not in df.index:
        return None
    return units.get(str(df.at[row, "measure"]).strip())


def _blank_target(df: pd.DataFrame, row: int) -> tuple[str, str]:
    """A targets row with its target blank (an analyst's "no target this year"): which measure,
    and the two ways to say that (ANALYST-4)."""
    cell = {c: str(df.at[row, c]).strip() if c in df else "" for c in ("council", "measure", "period")}
    m = cell["measure"] or "the measure"
    who = " ".join(
        x for x in (cell["council"] and f"for {cell['council']}", cell["period"] and f"in {cell['period']}") if x
    )
    return (
        f"a blank target for {m}" + (f" {who}" if who else ""),
        f"a target, or no row: delete the row (the measure's target in measures then applies, if it has one), or, "
        f"for no target, delete the row and leave {m} without a target in measures: the report shows it Data only",
    )


TOTAL_WORD = re.compile(r"^\s*(?:grand\s+|sub-?\s*)?totals?\b", re.IGNORECASE)  # "Total", "Grand total", "Totals:"


def total_rows(df: pd.DataFrame, label: str, key=("council", "measure", "period")) -> list[Problem]:
    """A spreadsheet's total row at the foot of a table ("Total", the key's other cells blank): one
    problem a row, at the cell that says total, in place of a problem for each of its cells."""
    cols = [c for c in key if c in df]
    if len(cols) < 2:
        return []
    text = df[cols].fillna("").astype(str).apply(lambda s: s.str.strip())
    said = text.apply(lambda s: s.str.match(TOTAL_WORD)).any(axis=1)
    blank = (text == "").any(axis=1)
    out = []
    for row in df.index[said & blank]:
        col = next(c for c in cols if TOTAL_WORD.match(text.at[row, c]))
        empty = " or ".join(c for c in cols if text.at[row, c] == "")
        out.append(Problem(label, int(row), col, f"{text.at[row, col]!r}, with no {empty}",
                           f"no total rows (the reports add the figures up): row {row} looks like a total row: "
                           "delete it"))  # fmt: skip
    return out


def _half_pair(table: sc.Table, df: pd.DataFrame, label: str) -> list[Problem]:
    """A header with a numerator column and no denominator column, or the other way round (one
    deleted): one problem naming the missing column, as for a required column."""
    pair = ("numerator", "denominator")
    if not all(table.col(c) for c in pair) or (pair[0] in df) == (pair[1] in df):
        return []
    there, missing = pair if pair[0] in df else pair[::-1]
    return [
        Problem(label, 1, missing, f"no such column in the header, which has '{there}'",
                f"a column '{missing}' beside '{there}' (a percentage's cases and all cases: both columns, or "
                f"neither): add the column '{missing}', or delete '{there}' if the figures are values alone")
    ]  # fmt: skip


def _renamed(table: sc.Table, df: pd.DataFrame, missing: str) -> str:
    """For a required column not in the header: the header's column that is nearly it ('Measure
    ID', read as measure_id, for measure; 'Reporting period' for period), to rename; else ''."""
    unread = [c for c in df.columns if table.col(c) is None and c != "source"]
    if table.open_columns:  # inspections: any other column is a grade; a name nearly the missing one is not
        unread = [c for c in unread if c not in sc.QUALITY_THEMES]
    near = closest(missing, unread) or next((c for c in unread if missing in c.split("_")), None)
    return f": the header's column '{near}' is not one swreport reads; rename it '{missing}'" if near else ""


def _passes(table: sc.Table, df: pd.DataFrame, extra: list[str]) -> bool:
    """Whether pandera would find nothing: every required column there, every cell text, and
    each column's tests passed by each distinct cell (``schema.column_passes``)."""
    if any(c.required and c.name not in df for c in table.columns):
        return False
    grade = sc.Col("", table.open_columns) if table.open_columns else None
    specs = [(c, c.name) for c in table.columns if c.name in df] + [(table.col(n) or grade, n) for n in extra]
    for col, name in specs:
        s = df[name]
        if s.dtype != object or s.isna().any() or not sc.column_passes(col, s):
            return False
    return True


# what a spreadsheet or a service shows for a figure it does not have: Excel's errors, "n/a", "tbc", a dash
NO_FIGURE = re.compile(
    r"#(?:DIV/0!|N/A|VALUE!|REF!|NUM!|NAME\?|NULL!)|n/?a|tb[ca]|to be (?:confirmed|advised)|[-–—]+|\.+|\?+|x|"
    r"not (?:known|available|yet available|yet|applicable|recorded)|unknown|nk|awaited|pending|missing|none",
    re.IGNORECASE,
)


def no_figure_hint(text, table: str, col: str | None, unit: str | None = None) -> str:
    """For a number cell holding what stands for a figure not had ('#DIV/0!', '#N/A', 'n/a',
    'tbc', '-', 'not known'): what to do instead (never a 0, which would be a figure of its own);
    else ''. ``unit``: an observation's measure's unit, where known: the numerator 0 and
    denominator 0 of a percentage with no cases is advice for a percentage, rate or ratio only
    (a cost's '#DIV/0!' is a cost with nothing to divide by: a blank and its reason)."""
    if not isinstance(text, str) or not NO_FIGURE.fullmatch(text.strip()):
        return ""
    said = text.strip()
    blank = (
        ": leave value, numerator and denominator blank and give the reason in comment (the report prints it "
        "where the figure would be, and shows Report later)"
    )
    if table == "observations" and unit is not None and unit not in sc.PROPORTION_UNITS:
        why = f"{said} is what a spreadsheet shows where it divides by nothing; " if said.upper() == "#DIV/0!" else ""
        return (
            f": {why}leave value blank and give the reason in comment (the report prints it where the figure would "
            "be, and shows Report later); not 0, which is a figure"
        )
    if table == "observations" and said.upper() == "#DIV/0!":  # which fix is whose (ANALYST-8 #5)
        return (
            f": {said} is what a spreadsheet shows for a percentage with no cases. Where the row gives counts, give "
            "numerator 0 and denominator 0 (value blank); where the measure is given as a percentage alone in value, "
            "leave value, numerator and denominator blank and say in comment that there were no cases (the report "
            "prints it where the figure would be, and shows Report later); not 0, which is a figure"
        )
    if table == "observations":
        return f"{blank}; for a percentage with no cases give numerator 0 and denominator 0; not 0, which is a figure"
    if table == "finance":
        return f": leave the line out until its amount is in ({said} is not an amount; 0 would be one)"
    if table == "targets" and col == "target":
        return f": the period's target, or no row for a period without one ({said} is not a target)"
    if table == "measures" and col in ("target", "tolerance"):
        return f": the {col}, or the cell left blank for none ({said} is not a figure; 0 would be one)"
    return f": the figure, or the cell left blank where the table allows it ({said} is not a figure; 0 would be one)"


# the words an analyst types for a unit, direction, frequency or aggregate, and the choice each means
ENUM_WORDS = {
    "unit": {"£": "currency", "pounds": "currency", "gbp": "currency", "cost": "currency", "money": "currency",
             "%": "percent", "pc": "percent", "per cent": "percent", "number of": "count", "no": "count",
             "people": "count", "day": "days", "hour": "hours"},
    "polarity": {"lower is better": "lower", "low is good": "lower", "smaller is better": "lower", "low": "lower",
                 "down": "lower", "higher is better": "higher", "high is good": "higher", "bigger is better": "higher",
                 "high": "higher", "up": "higher", "neither": "none", "n/a": "none", "no direction": "none"},
    "aggregate": {"as at": "latest", "snapshot": "latest", "point in time": "latest", "last": "latest",
                  "average": "mean", "avg": "mean", "total": "sum", "add up": "sum", "added up": "sum",
                  "cumulative": "sum"},
    "frequency": {"month": "monthly", "quarter": "quarterly", "year": "annual", "yearly": "annual",
                  "annually": "annual", "half-yearly": "six-monthly", "half yearly": "six-monthly",
                  "biannual": "six-monthly"},
    # ANALYST-8 #5: 'Local authority' for LA (the report's glossary prints "LA (local authority)"), 'On track'
    "sector": {"local authority": "LA", "la-run": "LA", "council": "LA", "council-run": "LA", "in-house": "LA",
               "private sector": "Private", "independent": "Private", "independent sector": "Private",
               "voluntary sector": "Voluntary", "third sector": "Voluntary", "charity": "Voluntary",
               "not for profit": "Voluntary", "not-for-profit": "Voluntary"},
    "status": {"on track": "Green", "on course": "Green", "on target": "Green", "on schedule": "Green",
               "g": "Green", "a": "Amber", "r": "Red", "at risk": "Amber", "some slippage": "Amber",
               "slipping": "Amber", "delayed": "Amber", "off track": "Red", "not on track": "Red",
               "completed": "Complete", "done": "Complete", "finished": "Complete", "achieved": "Complete"},
}  # fmt: skip

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def percent_hint(text, in_pounds: bool = False) -> str:
    """For a figure typed with words or signs a number cannot carry ('93pc', 'c.93%', 'c. £880'):
    what to type instead ('type 93', 'type the figure alone, 880'), the whole figure where it
    was typed in thousands or millions ('£12.3m': 12300000); else ''. ``in_pounds``: a finance
    amount (pounds; no measure, no comment column)."""
    if not isinstance(text, str):
        return ""
    neg = re.fullmatch(r"\(\s*£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*\)", text.strip())
    if neg:  # '(250)', '(£1,250)': a negative amount as an accounting sheet shows it
        n = neg.group(1).replace(",", "") + (neg.group(2) or "")
        return (
            f": {text.strip()} in brackets is a negative figure as a budget sheet shows it; type -{n}, with a minus sign"
            + (" (pounds, not thousands or millions)" if in_pounds else "")
        )
    if not re.search(r"%|per\s*cent|pc\b|percent", text, re.IGNORECASE):
        m = re.search(r"\d[\d,]*(?:\.\d+)?", text)  # 'c. £880', '~880', 'about 880': the figure alone
        if not m:
            return ""
        if "," in m.group(0) and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", m.group(0)):  # '12,5': no guess
            return ": a comma only separates thousands (1,234); a decimal is typed with a point (12.5)"
        n = m.group(0).replace(",", "")
        scale = re.match(r"\s*(k|thousand|mn|m|million|bn|billion)\b", text[m.end() :], re.IGNORECASE)
        if scale:  # '£12.3m' is 12300000, not 12.3
            n = f"{round(float(n) * _SCALE[scale.group(1).lower()], 2):.2f}".rstrip("0").rstrip(".")
        if in_pounds:
            return f": type the amount in pounds alone, {n} (finance amounts are in pounds, not thousands or millions)"
        return f": type the figure alone, {n} (the unit is the measure's; 'about' or 'estimate' goes in comment)"
    m = re.search(r"\d+(?:\.\d+)?", text)
    n = m.group(0) if m else "93"
    return f": a percentage is typed as a number from 0 to 100, so type {n} (or {n}%)"


def _as_typed(k: str, value, typed: pd.DataFrame | None, row) -> str:
    """A key cell for a message: as read (period=2026-01), and as typed where that was a date
    read as its month (period=2026-01, typed 04/01/2026: 4 January 2026), so a UK date is seen."""
    was = str(typed.at[row, k]).strip() if typed is not None and k in typed and row in typed.index else ""
    if k != "period" or not was or was == str(value):
        return f"{k}={value}"
    day = cell_text.date_typed(was)
    return f"{k}={value} (typed {was}" + (f": {day.day} {day:%B %Y}, read as its month)" if day else ")")


def _how_they_differ(typed: pd.DataFrame | None, first, row, key) -> str:
    """': keep the right one: value 3 at row 6, 4 at row 7' for two rows of one key with different
    cells (ANALYST-8 #5: lac-secure 3 and 4 were not shown, only that there were two rows)."""
    if typed is None or row not in typed.index or first not in typed.index:
        return ""

    def cell(r, c):
        v = typed.at[r, c]
        return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()

    cols = [c for c in typed.columns if c not in key and cell(first, c) != cell(row, c)]
    if not cols:
        return ""
    said = "; ".join(f"{c} {cell(first, c) or 'blank'!s} at row {first}, {cell(row, c) or 'blank'} at row {row}"
                     for c in cols[:3])  # fmt: skip
    return f": keep the right one and delete the other ({said})"


def check_keys(table: sc.Table, df: pd.DataFrame, label: str, typed: pd.DataFrame | None = None) -> list[Problem]:
    if not table.key or not set(table.key) <= set(df.columns):
        return []
    dup = df.duplicated(list(table.key), keep="first")
    if not dup.any():
        return []
    rows = pd.Series(df.index, index=df.index)
    firsts = rows.groupby([df[k] for k in table.key], sort=False, dropna=False).transform("first")
    out = []
    for row in df.index[dup]:
        first = firsts[row]
        key = ", ".join(_as_typed(k, df.at[row, k], typed, row) for k in table.key)
        same = (
            typed is not None
            and row in typed.index
            and first in typed.index
            and typed.loc[row].equals(typed.loc[first])
        )
        out.append(
            Problem(
                label,
                int(row),
                table.key[-1],
                f"a second row for {key} (first at row {first})",
                "one row per "
                + ", ".join(table.key)
                + (
                    ": the two rows are the same cell for cell, so delete one of them"
                    if same
                    else _how_they_differ(typed, first, row, table.key)
                ),
                code=DUPLICATE_KEY,
            )
        )
    return out


def check_refs(name: str, df: pd.DataFrame, label: str, councils: set, measures: pd.DataFrame | None) -> list[Problem]:
    """Council and measure ids that the councils and measures tables do not list (vectorised)."""
    out = []
    if "council" in df and councils is not None:
        c = df["council"]
        bad = c.notna() & (c != "") & ~c.isin(councils)
        expected_ids = "a council id listed in councils.csv: " + ", ".join(sorted(councils))
        out += [
            Problem(
                label,
                int(row),
                "council",
                repr(c[row]),
                expected_ids + did_you_mean(c[row], councils),
                code=UNKNOWN_COUNCIL,
            )
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
                code=UNKNOWN_MEASURE,
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


def benchmark_rules(df: pd.DataFrame, label: str) -> list[Problem]:
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
