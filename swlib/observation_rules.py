"""The data contract's rules joining the columns of the observations (``swlib.loading`` collects
every problem before raising): a value, numerator and denominator that agree, a percentage from 0
to 100, a period of the measure's frequency, a count given without its value, a year to date that
adds up. Each returns ``Problem``s naming file, row and column."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import cell_text
from . import schema as sc
from .errors import Problem, row_list
from .periods import FREQUENCY_KIND, KINDS, Period


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
        whole = cell_text.point_thousands(typed)
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
