"""The data contract's rules across the rows of measures.csv: ``part_of`` and ``flow_of`` naming
another measure that can be set beside this one (``part_of_fits``: of a frequency and aggregate
whose figures add up to the whole's). Each returns ``Problem``s naming file, row and column."""

from __future__ import annotations

import pandas as pd

from . import schema as sc
from .errors import Problem
from .periods import FREQUENCY_KIND, SPAN_MONTHS


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
                               "whole or more often (monthly of quarterly), two snapshots (aggregate latest), "
                               "this one as often as the whole or more often, or a yearly percentage of a yearly count"))  # fmt: skip
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
    snapshots, the part as often or more often (a count only: the same count at two frequencies,
    looked after children at each quarter's end and at 31 March); a yearly percentage of a yearly count whatever their aggregates
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
    if unit not in sc.COUNT_UNITS or part_agg not in ("sum", "latest"):
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
