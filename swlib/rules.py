"""The data contract's rules, checked on the tables as read (``swlib.loading`` collects every
problem before raising): columns and types (the pandera schemas of ``swlib.schema``), unique keys,
references between tables, the observations' rules (periods, counts, a year to date adding up),
the benchmarks and the measures. Each returns ``Problem``s naming file, row and column."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import schema as sc
from .errors import DUPLICATE_KEY, UNKNOWN_COUNCIL, UNKNOWN_MEASURE, PeriodError, Problem, row_list
from .periods import FREQUENCY_KIND, KINDS, SPAN_MONTHS, Period
from .statutory import closest, did_you_mean


def schema_problems(table: sc.Table, df: pd.DataFrame, label: str) -> list[Problem]:
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
            comma = sc.comma_hint(value)
            hint = no_figure_hint(value, table.name, col) or (comma and f": {comma}")
            what += hint or percent_hint(value, in_pounds=(table.name, col) == ("finance", "amount"))
        if spec is not None and spec.kind == "enum" and _kind == "bad" and isinstance(value, str):
            said = " ".join(value.split()).lower()
            meant = ENUM_WORDS.get(col, {}).get(said.rstrip("."))
            what += f" (did you mean {meant!r}?)" if meant in spec.choices else did_you_mean(said, spec.choices)
        if spec is not None and spec.kind == "period" and value != "":
            try:
                Period.parse(value)
            except PeriodError as e:
                what = e.expected
        if (table.name, col, value) == ("targets", "target", "") and row in df.index:
            found, what = _blank_target(df, row)
        problems.append(Problem(label, row, col, found, what or check))
    return problems


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


def no_figure_hint(text, table: str, col: str | None) -> str:
    """For a number cell holding what stands for a figure not had ('#DIV/0!', '#N/A', 'n/a',
    'tbc', '-', 'not known'): what to do instead (never a 0, which would be a figure of its own);
    else ''."""
    if not isinstance(text, str) or not NO_FIGURE.fullmatch(text.strip()):
        return ""
    said = text.strip()
    if table == "observations":
        cases = (
            f"{said} is what a spreadsheet shows for a percentage with no cases: give numerator 0 and denominator 0"
            if said.upper() == "#DIV/0!"
            else "for a percentage with no cases give numerator 0 and denominator 0"
        )
        return (
            ": leave value, numerator and denominator blank and give the reason in comment (the report prints it "
            f"where the figure would be, and shows Report later); {cases}; not 0, which is a figure"
        )
    if table == "finance":
        return f": leave the line out until its amount is in ({said} is not an amount; 0 would be one)"
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
    day = sc.date_typed(was)
    return f"{k}={value} (typed {was}" + (f": {day.day} {day:%B %Y}, read as its month)" if day else ")")


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
                + (": the two rows are the same cell for cell, so delete one of them" if same else ""),
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


def _missing_count(col: str, value, numerator, denominator, unit) -> str:
    """What the blank count would be, from the value and the other count (a percentage's 92 and
    denominator 25: numerator 23), as a hint; '' where it cannot be worked out."""
    if unit != "percent" or pd.isna(value) or not value:
        return ""
    if col == "numerator":
        x = value * denominator / 100
        given = f"a value of {value:g} and a denominator of {denominator:g}"
    else:
        x = numerator * 100 / value
        given = f"a value of {value:g} and a numerator of {numerator:g}"
    if pd.isna(x) or abs(x - round(x)) > 0.05:
        return ""
    return f" (with {given}, the {col} is {round(x):g}: fill it in, or clear the other count)"


def observation_rules(
    df: pd.DataFrame, measures: pd.DataFrame, label: str, typed: pd.Series | None = None, unread=None
) -> list[Problem]:
    """Rules joining columns: numerator/denominator/value agreement, percent range, frequency (vectorised).
    ``typed``: the period column as typed (a date read as its month is quoted as typed); ``unread``:
    rows (a boolean mask) whose value, numerator or denominator could not be read, and is blank
    here: not counted as a row given without counts."""

    out: list[Problem] = []
    info = measures.set_index("measure")
    o = df  # a row's own checks run on every row; those that need its measure, where it is known
    unit = o["measure"].map(info["unit"])
    decimals = o["measure"].map(info["decimals"]).astype(float)
    v, n, d = o["value"], o["numerator"], o["denominator"]
    has_n, has_d, has_v = n.notna(), d.notna(), v.notna()
    lonely = has_n != has_d
    for row in o.index[lonely]:
        col = "denominator" if has_n[row] else "numerator"
        out.append(Problem(label, int(row), col, "a blank cell", "both numerator and denominator, or neither"
                           + _missing_count(col, v[row], n[row], d[row], unit[row])))  # fmt: skip
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
    out += counts_without_value(o, info, lonely, label)
    kind_of = {p: Period.parse(p).kind for p in o["period"].dropna().unique()}
    out += sum_rules(o[~(lonely if unread is None else lonely | unread)], info, kind_of, label)
    rank = {k: i for i, k in enumerate(KINDS)}
    finer = o["period"].map(kind_of).map(rank) < o["measure"].map(info["frequency"]).map(FREQUENCY_KIND).map(rank)
    for row in o.index[finer]:
        freq = info.at[o.at[row, "measure"], "frequency"]
        p = o.at[row, "period"]
        was = str(typed.get(row, p)).strip() if typed is not None else p
        found = f"{p} (a {kind_of[p]})" if was == p else f"{was} (a date: the month {p})"
        within = containing(Period.parse(p), FREQUENCY_KIND[freq])
        out.append(
            Problem(
                label,
                int(row),
                "period",
                found,
                f"a period no shorter than the measure's frequency ({freq}): {within}, the "
                f"{within.kind} {'that date' if was != p else 'that ' + kind_of[p]} falls in",
            )
        )
    return sorted(out, key=lambda p: (p.row or 0, p.column or ""))


def percent_signs(raw: pd.DataFrame | None, obs: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """A figure typed with a % sign where no percentage goes: the value of a measure that is not a
    percentage ('98%' for a count of referrals, read as 98), or a numerator or denominator (counts
    of cases). ``raw``: the observations as typed; ``obs``: as read."""
    if raw is None:
        return []
    unit = obs["measure"].map(measures.drop_duplicates("measure").set_index("measure")["unit"])
    out = []
    for col in ("value", "numerator", "denominator"):
        if col not in raw:
            continue
        signed = raw[col].astype(str).str.strip().str.endswith("%") & raw.index.isin(obs.index)
        for row in raw.index[signed]:
            u, m = unit.get(row), obs.at[row, "measure"]
            if col == "value" and (u == "percent" or pd.isna(u)):
                continue
            what = f"{m}, a {u} measure" if col == "value" else f"the {col}, a count of cases"
            out.append(Problem(label, int(row), col, f"{raw.at[row, col]!r} for {what}",
                               f"a {'count' if col != 'value' else u} without a % sign: a percentage goes in a measure "
                               "whose unit is percent (its numerator and denominator are counts)"))  # fmt: skip
    return out


def fractional_counts(raw: pd.DataFrame | None, obs: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """The value of a count measure (unit count: people or events) that is not a whole number:
    '1.234' typed for 1,234 (a point separating thousands, as on the continent) would be read as
    1.234 referrals. ``raw``: the observations as typed; ``obs``: as read."""
    unit = obs["measure"].map(measures.drop_duplicates("measure").set_index("measure")["unit"])
    v = obs["value"]
    out = []
    for row in obs.index[(unit == "count") & v.notna() & (v != v.round())]:
        typed = str(raw.at[row, "value"]).strip() if raw is not None and "value" in raw and row in raw.index else ""
        whole = sc.point_thousands(typed)
        out.append(Problem(label, int(row), "value", f"{typed or v[row]!r} for {obs.at[row, 'measure']}, a count measure",
                           "a whole number (a count of people or events)"
                           + (f": a point is the decimal point, so type {whole} (or {int(whole):,}) if that many was "
                              "meant" if whole else "")))  # fmt: skip
    return out


def containing(p: Period, kind: str) -> Period:
    """The period of ``kind`` (quarter, half, year) that ``p`` falls in (2024-08: 2024-25-Q2)."""
    if kind == "quarter":
        return Period.quarter(p.fy, p.start // 3 + 1)
    if kind == "half":
        return Period.half(p.fy, p.start // 6 + 1)
    return Period.year(p.fy)


NOT_ADDITIVE = sc.PROPORTION_UNITS  # a year to date cannot add these up; their counts it can


def sum_rules(o: pd.DataFrame, info: pd.DataFrame, kind_of: dict, label: str) -> list[Problem]:
    """A measure whose year to date adds its periods up (aggregate sum) and whose unit cannot be
    added (a percentage, rate or ratio) needs numerator and denominator on every row of its own
    frequency below a year (a rate its value too, which says per how many): one problem per
    measure, naming its rows and the two ways to fix it."""

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
        plural = "s" if len(rows) > 1 else ""
        counts = "numerator, denominator and value (the rate)" if u == "rate" else "numerator and denominator"
        word = {"percent": "percentages", "rate": "rates", "ratio": "ratios"}[u]
        out.append(
            Problem(
                label,
                int(rows.index[0]),
                "numerator",
                f"{len(rows)} {freq} row{plural} of {measure} (row{plural} {row_list(rows.index)}) with a value but no counts: "
                f"{measure} is a {u} measure with aggregate 'sum', so its year to date would add {word} up",
                f"{counts} on each {freq} row (then the year to date adds the counts), or {measure}'s "
                "aggregate set to 'latest' (a snapshot) or 'mean' (the average of the periods) in measures",
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


def measure_rules(df: pd.DataFrame, label: str) -> list[Problem]:
    out = []
    pct = df["unit"] == "percent"
    for row in df.index[pct & (df["target"] > 100)]:
        out.append(Problem(label, int(row), "target", f"{df.at[row, 'target']:g}", "a percentage target from 0 to 100"))
    return out + part_of_rules(df, label) + flow_of_rules(df, label)


def part_of_rules(df: pd.DataFrame, label: str) -> list[Problem]:
    """``part_of`` names the measure this one is a part of (investigations of referrals): an
    existing measure that the same councils report, counting people or events as this one does,
    so that the public reports can keep the difference of the two from giving away a small
    number. Either both added up over the year (aggregate sum), this one as often as the whole or
    more often, each of its periods within one of the whole's (referrals screened a month, of
    referrals a quarter: the months summed to the quarter); or both snapshots (aggregate latest)
    of the same frequency (children on the register for more than a year, of children on the
    register: the two at the same date). A percentage (unit percent) may be a part of a count in
    the same way, as often as it: the count is its base (looked after children placed out of area,
    and the percentage of them in secure care), so a percentage given as a value alone is checked
    against it."""
    out = []
    for row, r, whole, w in _other_measures(df, "part_of", label, out):
        if r["unit"] not in (*sc.COUNT_UNITS, "percent", *sc.AMOUNT_UNITS) or w["unit"] not in sc.COUNT_UNITS:
            out.append(Problem(label, int(row), "part_of", f"'{whole}' in unit {w['unit']}, this measure in {r['unit']}",
                               "two measures that count people or events (unit count or number), a "
                               "percentage of a count, or money or time (unit currency, days or hours) of the "
                               "count's people: a cost or days per person, or their total"))  # fmt: skip
        elif not part_of_fits(r["frequency"], r["aggregate"], w["frequency"], w["aggregate"], r["unit"]):
            out.append(Problem(label, int(row), "part_of",
                               f"'{whole}' {w['frequency']} ({w['aggregate']}), this measure {r['frequency']} "
                               f"({r['aggregate']})", "two measures with aggregate sum, this one as often as the "
                               "whole or more often (monthly of quarterly), two snapshots (aggregate latest) of "
                               "the same frequency, or a yearly percentage of a yearly count"))  # fmt: skip
    return out


def _other_measures(df: pd.DataFrame, column: str, label: str, out: list[Problem]):
    """For each measures row whose ``column`` (``part_of``, ``flow_of``) names another measure that
    the same councils report: (its row number, its row, the other's id, the other's row), in row
    order. A row that names no other measure, or one another council reports, gets its problem in
    ``out`` as it comes; one with a cell the checks need that could not be read is passed over (a
    problem named at that cell)."""
    if column not in df.columns:
        return
    by_id = df.set_index("measure")
    for row in df.index[df[column].notna()]:
        r, other = df.loc[row], df.at[row, column]
        if other not in by_id.index or other == r["measure"]:
            known = ", ".join(m for m in df["measure"] if m != r["measure"])
            out.append(Problem(label, int(row), column, f"'{other}'", f"the id of another measure ({known})"))
            continue
        o = by_id.loc[other]
        if isinstance(o, pd.DataFrame):
            o = o.iloc[0]  # a measure listed twice: its second row is named as such (check_keys)
        if any(pd.isna(x[k]) for x in (r, o) for k in ("unit", "frequency", "aggregate")):
            continue  # a cell that could not be read: named at that cell
        one_council = column == "flow_of" and pd.isna(r["council"])  # a statutory flow of a council's own snapshot
        if not (pd.isna(o["council"]) or o["council"] == r["council"] or one_council):
            out.append(Problem(label, int(row), column, f"'{other}', a measure of {o['council']} only",
                               f"a measure {r['council'] if isinstance(r['council'], str) else 'every council'} "
                               "reports"))  # fmt: skip
            continue
        yield row, r, other, o


FREQUENCY_MONTHS = {f: SPAN_MONTHS[k] for f, k in FREQUENCY_KIND.items()}  # months between a measure's figures


def part_of_fits(part_freq: str, part_agg: str, whole_freq: str, whole_agg: str, unit: str = "count") -> bool:
    """Whether a measure can be declared a part of another (``part_of_rules``): both summed, the
    part's periods within the whole's (a count only: a percentage as often as its base), or both
    snapshots of the same frequency; a yearly percentage of a yearly count whatever their aggregates
    (one figure a year: complaints upheld, marked latest, of complaints received, marked sum); money
    or time (units currency, days, hours) of the count's people, per person or in total (a weekly
    cost, an average length of stay, the nights spent in secure care), as often as it."""
    if unit == "percent" and part_freq == whole_freq == "annual" and {part_agg, whole_agg} <= {"sum", "latest"}:
        return True
    if unit in sc.AMOUNT_UNITS:  # money or time of the count's people (per person or in total): the same periods
        return part_freq == whole_freq
    if part_agg != whole_agg or part_agg not in ("sum", "latest"):
        return False
    if part_freq == whole_freq:
        return True
    if part_agg != "sum" or unit not in sc.COUNT_UNITS:
        return False
    span = FREQUENCY_MONTHS
    return span[whole_freq] % span[part_freq] == 0 and span[part_freq] < span[whole_freq]


def flow_of_rules(df: pd.DataFrame, label: str) -> list[Problem]:
    """``flow_of`` names the snapshot this measure counts people joining or leaving (permanence
    orders made, of children subject to a permanence order at 31 March): an existing measure the
    same councils report, both counting people or events, this one added up over its periods
    (aggregate sum), the snapshot at a date (aggregate latest), of any frequencies (a monthly flow
    summed to the snapshot's date, or a yearly one set against the snapshot at the end of each
    year). A flow every council reports (a statutory one) may name one council's own snapshot: only
    that council's reports print both. Public reports then keep the snapshot's change less the
    flow (the people who left) from giving away a small number."""
    out = []
    for row, r, stock, s in _other_measures(df, "flow_of", label, out):
        if not (r["unit"] in sc.COUNT_UNITS and s["unit"] in sc.COUNT_UNITS and r["aggregate"] == "sum"
                and s["aggregate"] == "latest"):  # fmt: skip
            out.append(Problem(label, int(row), "flow_of",
                               f"'{stock}' in unit {s['unit']}, {s['frequency']} ({s['aggregate']}), this measure in "
                               f"{r['unit']}, {r['frequency']} ({r['aggregate']})",
                               "a snapshot of people (unit count or number, aggregate latest), this measure counting "
                               "people (aggregate sum)"))  # fmt: skip
    return out


def counts_without_value(o: pd.DataFrame, info: pd.DataFrame, lonely: pd.Series, label: str) -> list[Problem]:
    """Rows of a measure that is no share of cases (a count, money or time: units other than
    percent, rate and ratio) with a numerator and a denominator but no value: one problem a
    measure, naming its rows. Only a percentage's or ratio's value is worked out from its counts
    (a rate's from them and the rows that say per how many); the counts of a days, hours or money
    figure (the children an average is over) are read only for public reports' small-number check,
    so such a row would print as nothing, or as 0 in a year to date that adds its periods up ("0.0
    days", Green). The value must be given, and an average's year to date is not a sum."""
    unit = o["measure"].map(info["unit"])
    blank = o["value"].isna() & o["numerator"].notna() & o["denominator"].notna() & ~lonely
    out = []
    for measure, rows in o[blank & unit.notna() & ~unit.isin(sc.PROPORTION_UNITS)].groupby("measure", sort=False):
        u, first = info.at[measure, "unit"], rows.index[0]
        n, d = rows.at[first, "numerator"], rows.at[first, "denominator"]
        plural = "s" if len(rows) > 1 else ""
        average = (
            f" (for an average, the numerator divided by the denominator: row {first}, {n / d:.4g})" if d > 0 else ""
        )
        summed = (
            f", and {measure}'s aggregate 'mean' in measures if it is an average ('sum' adds the periods' figures up)"
            if info.at[measure, "aggregate"] == "sum" and info.at[measure, "frequency"] != "annual"
            else ""
        )
        out.append(
            Problem(label, int(first), "value",
                    f"{len(rows)} row{plural} of {measure}, a {u} measure (row{plural} {row_list(rows.index)}), with "
                    "a numerator and a denominator but no value",
                    f"the value on each row, the figure the report is to print{average}{summed}: only a percentage's "
                    f"or ratio's value is worked out from its numerator and denominator; a {u} measure's are read "
                    "only as the cases its figure is built on, for public reports' small-number check"))  # fmt: skip
    return out
