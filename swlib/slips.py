"""Warnings about figures typed on the wrong footing: allowed, and each possibly right, but each
a slip a report would otherwise print without a word.

- a period's target that is the whole year's (``year_targets_on_periods``): the annual target of a
  count added up over the year (``sum``) typed on a quarter's or a month's ``targets.csv`` row,
  which wins and is not pro-rated, so a count running at twice its target to date is Green;
- a month typed as its quarter so far (``quarter_running_totals``): a service's running tally
  (August as July plus August) where each month's own figure is meant;
- a figure 10 times (or a tenth) of the measure's other figures (``out_of_scale``): a cost in
  pence among pounds, a budget line in £000, minutes for hours, a 0 among hundreds.

Pure functions of the typed tables (indexed by spreadsheet row), each returning ``Problem``s for
``checks.data_warnings``.
"""

from __future__ import annotations

import bisect

import numpy as np
import pandas as pd

from .errors import OUT_OF_SCALE, Problem
from .periods import FREQUENCY_KIND, Period, period_or_none
from .rows import records
from .schema import ADDITIVE_UNITS, COUNT_UNITS
from .year_runs import quoted_figure, rows_by_measure, says_why

NEAR = 0.01  # a period's target within this share of the year's is the year's


def year_targets_on_periods(targets: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """Warnings: a ``targets.csv`` row for a quarter, half or month before the year's end, of a
    measure added up over the year (``sum``, a count, cost or days), whose target is the whole
    year's (its council's row for the year, else the measure's ``target``): a period's row is the
    target to date and is not pro-rated, so the year's figure there holds half a year's count to
    a whole year's target."""
    info = measures.drop_duplicates("measure").set_index("measure")
    t = targets[targets["target"].notna()]
    years = {(r.council, r.measure, str(r.period)): float(r.target) for r in t.itertuples()}
    out = []
    for i, r in zip(t.index, t.itertuples(), strict=True):
        p = period_or_none(r.period)
        if p is None or p.kind == "year" or r.measure not in info.index:
            continue
        m = info.loc[r.measure]
        if m["aggregate"] != "sum" or m["unit"] not in ADDITIVE_UNITS or p.end >= 11:
            continue
        year = years.get((r.council, r.measure, p.fy_id))
        whose = f"its {p.fy_id} row" if year is not None else "the measure's target in measures.csv"
        year = year if year is not None else m["target"]
        if pd.isna(year) or year <= 0 or abs(float(r.target) - year) > NEAR * year:
            continue
        months = p.end + 1
        to_date = year * months / 12
        out.append(
            Problem(
                label,
                int(i),
                "target",
                f"{r.measure} for {r.council}, {p.label}: {quoted_figure(float(r.target))}, the whole year's target "
                f"({whose}: {quoted_figure(year)}), on a {p.kind}'s row; a row for a period is its target to date and is "
                f"not pro-rated, so {months} months' figures are held to 12 months' target",
                f"the year's target on the year's row ({p.fy_id}), or the target to date at {p.label} "
                f"({quoted_figure(to_date)} pro rata); delete this row to have the year's taken pro rata",
            )
        )
    return out


def _running(v: float, before: float, typical: float, known: list[float], counts: bool) -> float | None:
    """The month's own figure where ``v`` looks like ``before`` (the quarter's earlier months as
    typed, or the previous month's running total) plus a typical month: at least 1.6 times the
    typical month and beyond the months' spread, the rest within a quarter of the typical month."""
    own = v - before
    spread = max(known) - min(known)
    if counts:
        spread = max(spread, 2 * float(np.sqrt(typical)))
    if v < 1.6 * typical or v - max(known) <= 2 * spread or abs(own - typical) > 0.25 * typical:
        return None
    return own


def quarter_running_totals(obs: pd.DataFrame, measures: pd.DataFrame, label: str, by_measure=None) -> list[Problem]:
    """Warnings: a month of a monthly measure added up over the year (``sum``) typed as its quarter
    so far: the value of a count (of days, pounds) or the denominator of a percentage (then its
    numerator too, where it is as well) about the earlier months of its quarter plus a typical
    month, where the measure's months outside the quarter (this year and last, three or more) are
    around that typical month; a third month about the second's running total plus a month, where
    the second was one too. The report would add the running totals up: each cell named.
    ``by_measure``: ``year_runs.rows_by_measure(obs)``, made already."""
    each = measures.drop_duplicates("measure")
    info = dict(zip(each["measure"], records(each), strict=True))  # read once, not a Series a council
    out = []
    for (council, measure), rows in (rows_by_measure(obs) if by_measure is None else by_measure).items():
        if measure not in info:
            continue
        m = info[measure]
        if FREQUENCY_KIND.get(m["frequency"]) != "month" or m["aggregate"] != "sum":
            continue
        additive = m["unit"] in ADDITIVE_UNITS
        cols = ["value"] if additive else ["denominator", "numerator"]
        counts = m["unit"] in COUNT_UNITS or not additive
        months = {p: (i, r) for i, p, r in rows if p.kind == "month"}
        # each column's figures by quarter, read once: a quarter's "others" are the measure's months
        # of this year and last outside it (their order is no matter: a median, a least, a largest)
        quarters = {col: _by_quarter(months, col) for col in cols}
        for q in sorted({(p.fy, p.end // 3) for p in months}):
            slots = [Period(q[0], "month", 3 * q[1] + k, 3 * q[1] + k) for k in range(3)]
            if slots[0] not in months:
                continue
            flagged_before = False
            for col in cols:
                others = [x for k, xs in quarters[col].items() if k != q and k[0] in (q[0], q[0] - 1) for x in xs]
                if len(others) < 3 or float(np.median(others)) <= 0:
                    break
                typical, found = float(np.median(others)), []
                given = [float(months[s][1][col]) if s in months and pd.notna(months[s][1][col]) else np.nan
                         for s in slots]  # fmt: skip
                running = False
                for k in (1, 2):
                    if np.isnan(given[k]) or any(np.isnan(given[:k])):
                        break
                    earlier = given[k - 1] if running else sum(given[:k])
                    own = _running(given[k], earlier, typical, others, counts)
                    if own is None:
                        running = False
                        continue
                    running = True
                    found.append((k, own, earlier))
                if not found:
                    break
                if col == "numerator" and not flagged_before:
                    break
                flagged_before = True
                for k, own, earlier in found:
                    i, row = months[slots[k]]
                    if isinstance(row.get("comment"), str) and row["comment"].strip():
                        continue  # a busy month the analyst says why of: the report prints the comment
                    first = slots[0].label if k == 1 else f"{slots[0].label} to {slots[k - 1].label}"
                    out.append(
                        Problem(
                            label,
                            int(i),
                            col,
                            f"{measure} for {council}, {slots[k].label}: {quoted_figure(given[k])}, about the quarter so far "
                            f"({quoted_figure(earlier)} as typed for {first} plus {quoted_figure(own)}) where its months are around "
                            f"{quoted_figure(typical)}",
                            f"the month's own figure, not a running total (swreport adds the months up): "
                            f"{quoted_figure(own)} if {quoted_figure(given[k])} is the quarter so far; if it is the month's own, say "
                            "why in comment (the report prints it) and this warning goes",
                        )
                    )
    return out


def _by_quarter(months: dict, col: str) -> dict[tuple[int, int], list[float]]:
    """(financial year, quarter) -> the figures of its months given in ``col`` (``quarter_running_totals``)."""
    out: dict[tuple[int, int], list[float]] = {}
    for p, (_i, r) in months.items():
        if pd.notna(r[col]):
            out.setdefault((p.fy, p.end // 3), []).append(float(r[col]))
    return out


SCALE = 10  # a figure this many times (or this fraction of) the measure's others is out of scale
STEADY = 3  # ... where the others are within this factor of each other
SMALL_COUNT = 20  # ... and, for a count of people or events, around at least this many


# (unit, how many times, what the figure was typed in): the slips of scale a unit invites
SCALES = (("currency", 100, "in pence"), ("hours", 60, "in minutes"), ("days", 24, "in hours"),
          (None, 1000, "1,000 times too large"), (None, 100, "100 times too large"),
          (None, 10, "with a digit too many"))  # fmt: skip


def _scale_slip(ratio: float, unit: str) -> tuple[int, str] | None:
    """(how many times, what in) a figure ``ratio`` times the others was probably typed in, or None."""
    for of, times, words in SCALES:
        if of in (None, unit) and abs(ratio / times - 1) < 0.3:
            return times, words
    return None


def _given(v) -> bool:
    """``pd.notna(v)`` for a cell of a figure column, a float as ``records`` gives it tested without a call."""
    return v == v if type(v) is float else bool(pd.notna(v))


def out_of_scale(obs: pd.DataFrame, measures: pd.DataFrame, label: str, by_measure=None) -> list[Problem]:
    """Warnings: a figure given as a value that is ``SCALE`` times or more, or a ``SCALE``-th or
    less (0 included), of the median of the measure's other values of the same kind of period for
    the council (three or more, steady: within ``STEADY`` times of each other): a cost in pence
    among pounds (3175 for 31.75), days in hours, a 0 among hundreds. The likely figure is named;
    a row whose comment says why (``says_why``: quotes the figure, or gives the reason for a 0)
    is not warned of. ``by_measure``: ``year_runs.rows_by_measure(obs)``, made already."""
    info = measures.drop_duplicates("measure").set_index("measure")
    out = []
    for (council, measure), rows in (rows_by_measure(obs) if by_measure is None else by_measure).items():
        if measure not in info.index:
            continue
        unit = info.at[measure, "unit"]
        for kind in {p.kind for _i, p, _r in rows}:
            given = [(i, p, float(r["value"])) for i, p, r in rows if p.kind == kind and _given(r["value"])]
            explained = {i for i, _p, r in rows if _given(r["value"]) and says_why(r.get("comment"), float(r["value"]))}
            ranked = sorted(v for _i, _p, v in given)  # the others of each figure: these less one of its value
            for i, p, v in given:
                if i in explained:
                    continue  # a figure the analyst says why of: the report prints the comment beside it
                if len(given) - 1 < 3:  # each row is given once: its others are the rest
                    continue
                k = bisect.bisect_left(ranked, v)
                others = ranked[:k] + ranked[k + 1 :]
                if others[0] <= 0 or others[-1] > STEADY * others[0]:
                    continue
                typical = float(np.median(others))
                if unit in COUNT_UNITS and typical < SMALL_COUNT:
                    continue  # 0 or 40 among counts of 5: it happens
                ratio = v / typical
                if 1 / SCALE < ratio < SCALE:
                    continue
                around = f"{quoted_figure(min(others))} to {quoted_figure(max(others))}"
                quoting = f", quoting the figure ('{quoted_figure(v)} because ...')" if v else ""
                if v == 0:
                    meant = "the figure; if it is not known, leave value blank and give the reason in comment"
                elif ratio > 1:
                    slip = _scale_slip(ratio, unit)
                    meant = (f"the figure in the measure's unit: {quoted_figure(v / slip[0])} if {quoted_figure(v)} was typed {slip[1]}"
                             if slip else "the figure in the measure's unit")  # fmt: skip
                else:
                    meant = "the figure in the measure's unit (a tenth or less of the others: a digit missing?)"
                out.append(
                    Problem(
                        label,
                        int(i),
                        "value",
                        f"{measure} for {council}, {p.label}: {quoted_figure(v)}, where its other {kind} figures are {around} "
                        f"({'about ' + quoted_figure(round(ratio)) + ' times as much' if ratio > 1 else 'a tenth or less'})",
                        meant
                        + f"; if it is right, say why in comment{quoting} (the report prints it) and this warning goes",
                        code=OUT_OF_SCALE,
                    )
                )
    return out
