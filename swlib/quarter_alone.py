"""The latest quarter on its own beside the year to date: where the two differ in status (or in
the figure as printed), one sentence says so, so that a reader who sees the year to date in the
status line and the quarter on its own as the SPC chart's latest point knows which is which
(COMMITTEE-9 #1: SL 2021/22 Q2, unpaid work within 5 days, "71%, Red" to date beside a chart
whose latest point is 77%, the quarter on its own above the 75% target after a poor Quarter 1)."""

from __future__ import annotations

import pandas as pd

from .formatting import fmt_value
from .periods import Period
from .rag import deciding_decimals, printed_status
from .schema import ADDITIVE_UNITS
from .ytd import combine

RANK = {"Green": 0, "Amber": 1, "Red": 2}


def comparable(r: dict) -> bool:
    """Whether a quarter's own figure reads against the same target as the year to date: a
    percentage or rate of summed counts, or a mean; not a count the year adds up (its target to
    date grows each quarter) nor a snapshot (its latest quarter is the year to date)."""
    agg = r.get("aggregate")
    return agg == "mean" or (agg == "sum" and r.get("unit") not in ADDITIVE_UNITS)


def _figure(value: float, r: dict) -> str:
    """A figure as the tables print it: with the decimals that decide its status where rounding would."""
    dec = int(r["decimals"])
    more = deciding_decimals(value, r["target"], r["tolerance"], r["polarity"], dec)
    return fmt_value(value, r["unit"], dec if more is None else more)


def _counts(p: dict, r: dict) -> str:
    n, d = p.get("numerator"), p.get("denominator")
    if r["unit"] != "percent" or pd.isna(n) or pd.isna(d):
        return ""
    return f" ({int(n):,} of {int(d):,})"


def quarter_alone(series: pd.DataFrame, r: dict, period, figures: bool = True) -> str | None:
    """One sentence where the report's quarter on its own and the year to date differ in status,
    or in the figure as printed: 'This quarter on its own: 77% (89 of 115), above the 75% target;
    the year to date is Red because of Quarter 1's 63.6%.' ``series``: the measure's quarters
    (``measure_series.series``), ``r`` its performance row. ``figures`` False (a public report,
    which prints no single quarter's figure: ``views.quarterly.public_spc``): the words without
    a quarter's own figures, and only where the statuses differ. None where there is nothing to say:
    the first quarter (it is the year to date), a measure whose quarters are not comparable with
    its year (``comparable``), no target, an officer's own status, or a figure missing."""
    P = Period.parse(period)
    if P.kind != "quarter" or P.number == 1 or not comparable(r) or r.get("status_source") == "override":
        return None
    if r.get("polarity") not in ("higher", "lower") or r.get("status") not in RANK:
        return None
    if any(pd.isna(r.get(c)) for c in ("to_date", "target", "tolerance")) or series is None or series.empty:
        return None
    shown = r.get("period_shown")
    if isinstance(shown, str) and Period.parse(shown) != P:
        return None
    rows = quarter_rows(series, r, P)
    last = rows.get(P)
    earlier = [rows.get(q) for q in P.year_period.parts("quarter") if q.number < P.number]
    if last is None or any(e is None for e in earlier) or pd.isna(last["value"]):
        return None
    dec, target, tol, pol = int(r["decimals"]), r["target"], r["tolerance"], r["polarity"]
    alone = printed_status(last["value"], target, tol, pol, dec)
    to_date = r["status"]
    same_figure = _figure(last["value"], r) == _figure(r["to_date"], r)
    if alone == to_date and (same_figure or not figures):
        return None
    t = fmt_value(target, r["unit"], dec)
    v = round(float(last["value"]), 10)
    side = "above" if v > target else "below" if v < target else "at"
    where = ", where lower is better" if pol == "lower" else ""
    quarters = [f"Quarter {q.number}" for q in P.year_period.parts("quarter") if q.number < P.number]
    if figures:
        said = " and ".join(f"{q}'s {_figure(e['value'], r)}" for q, e in zip(quarters, earlier, strict=True))
        head = f"This quarter on its own: {_figure(last['value'], r)}{_counts(last, r)}, {side} the {t} target{where}"
    else:
        said = (
            f"{quarters[0]}'s figure"
            if len(quarters) == 1
            else f"the figures of Quarters 1 {'and' if len(quarters) == 2 else 'to'} {len(quarters)}"
        )
        head = f"This quarter on its own was {side} the {t} target{where}"  # "was Red, below the ..." where they differ
    if alone != to_date:  # the quarter's own status said, as the year's is (COMMITTEE-11 #2: "79.2%, below the
        # 85.0% target" beside an Amber year to date did not say the quarter on its own is Red)
        head = head.replace(f" {side} the {t} target", f" {alone}, {side} the {t} target", 1)
        return f"{head}; the year to date is {to_date} because of {said}."
    return f"{head}; the year to date, {_figure(r['to_date'], r)}, takes in {said}."


def quarter_rows(series: pd.DataFrame, r: dict, P: Period) -> dict:
    """The measure's quarters of ``P``'s year, to ``P``: ``{Period: {"value", "numerator", "denominator"}}``,
    its own rows where it is counted each quarter, a monthly measure's three months put together as the
    year to date puts them (``ytd.combine``: the counts summed, or the months' mean) where all three
    are in. A monthly measure had no sentence: its series has no quarter (COMMITTEE-11 #3). A rate of
    months without their counts is not put together (a sum of percentages is no percentage)."""
    rows = {Period.parse(p): row for p, row in zip(series["period"], series.to_dict("records"), strict=True)}
    out = {}
    for q in P.year_period.parts("quarter"):
        if q.number > P.number:
            break
        if q in rows:
            out[q] = rows[q]
            continue
        months = [rows.get(m) for m in q.parts("month")]
        if any(m is None for m in months):
            continue
        if r["aggregate"] == "sum" and any(pd.isna(m[c]) for m in months for c in ("numerator", "denominator")):
            continue
        v, n, d = combine([{**m, "value_c": m["value"]} for m in months], r["aggregate"], r["unit"])
        out[q] = {"value": v, "numerator": n, "denominator": d}
    return out
