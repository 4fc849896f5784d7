"""A measure's statistical process control chart: the p-chart or XmR chart of its latest run
(``measure_series``), why a measure has none, the target each point is held to, whether any point
would give a suppressed figure away, and the words where the chart and the year's trend disagree.

Builds on ``xmr``, ``sustained`` and ``measure_series``; nothing here draws.
"""

from __future__ import annotations

import warnings

import pandas as pd

from .config import council_settings
from .dataset import Dataset
from .formatting import fmt_value
from .hidden import figure_hidden
from .measure_series import latest_run, measure_observations, measures_by_id, missing_words, series_once
from .periods import FREQUENCY_KIND, ONE_PERIOD_WORDS, SPAN_MONTHS, Period
from .population_rates import population_of, rate_why
from .rate_bases import populations
from .status import is_synthetic
from .sustained import sustained_change
from .xmr import SPCWarning, assurance_type, p_chart, spc

MAX_SPC_POINTS = 24


def long_trend(ds: Dataset, council: str, measure: str, period, target=None) -> pd.DataFrame | None:
    """SPC of the measure's recent series: a p-chart where numerator and denominator are known
    (percentages), an XmR chart otherwise. None when there are fewer than 8 points.

    A measure in pounds (a cost, a saving) is charted in real terms only: the LGBF's years at
    its price year's prices (``attrs["price_year"]``), never cash figures of several years,
    which would show inflation as special cause variation (so no chart for one in cash only);
    and with no target, which is in the pounds of its own year."""
    s = series_once(ds, council, measure, period)
    m = measures_by_id(ds).loc[measure]
    cost = m["unit"] == "currency"
    if cost:
        s = s[s["price_year"].notna()]
        target = None  # a target is set in the pounds of its own year, not at the chart's prices
    run, gap_before = latest_run(s)  # limits are not computed across missing periods
    if len(run) >= MAX_SPC_POINTS:
        gap_before = None  # the gap is before the periods charted: nothing left out
    missing = missing_words(s["period"].iloc[len(s) - len(run) - 1], run["period"].iloc[0]) if gap_before else None
    s = run.tail(MAX_SPC_POINTS).reset_index(drop=True)
    if len(s) < 8:
        return None
    improvement = {"higher": "increase", "lower": "decrease"}.get(m["polarity"], "neutral")
    proportions = m["unit"] == "percent" and s["numerator"].notna().all() and (s["denominator"] > 0).all()
    if proportions and too_few_cases(s):
        return None  # a p-chart over a few cases a point: limits near 0% to 100% (``no_spc_reason`` says so)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        if proportions:
            chart = p_chart(s["numerator"], s["denominator"], improvement=improvement)
            chart["value"] *= 100
            chart["mean"], chart["lpl"], chart["upl"] = 100 * chart["centre"], 100 * chart["lcl"], 100 * chart["ucl"]

            chart.attrs["assurance"] = assurance_type(chart, target, improvement)
            chart.attrs["method"] = "p-chart"
        else:
            chart = spc(s["value"], improvement=improvement, target=target)
            chart.attrs["method"] = "XmR chart"
    chart["period"] = s["period"].to_numpy()
    chart["label"] = s["label"].to_numpy()
    chart.attrs["improvement"] = improvement
    if cost:
        chart.attrs["price_year"] = s["price_year"].iloc[-1]

    chart["synthetic"] = [is_synthetic([x]) for x in s["source"]]
    chart.attrs["sustained"] = sustained_change(chart)  # a rise or fall over most of it: no stable period
    chart.attrs["gap_before"] = gap_before  # the last period before a gap the chart does not reach across
    chart.attrs["missing"] = missing  # the periods of the gap, in words
    return chart


SPC_AGAINST = {"special_cause_concern": ("concern", "improving"),
               "special_cause_improvement": ("improvement", "worsening")}  # fmt: skip


def spc_against_trend(chart: pd.DataFrame | None, r: dict) -> str | None:
    """Whether a measure's SPC chart and its row's trend seem to conflict: "concern" where the
    chart's latest point, the row's own period, is a special cause of concern while the trend (this
    year against the same point last year) is improving, "improvement" the other way round, else
    None. They measure different things: D&G 2023/24 Q2 readmissions fell from 111.9, a year itself
    above the upper process limit, to 104.6, still above it (99.2): better than last year, a
    concern over the longer run. One rule for both places that say so: the table's trend cell
    (``trend_cell_words``) and the words at the SPC icon (``views.quarterly.arrow_against_spc``)."""
    if chart is None or chart.empty:
        return None
    last = chart.iloc[-1]
    said = SPC_AGAINST.get(last["point_type"])
    shown = Period.parse(r.get("period_shown") or last["period"])
    if said is None or r.get("trend") != said[1] or str(last["period"]) != str(shown):
        return None
    return said[0]


def trend_cell_words(trend: str, against: str | None = None) -> str:
    """A performance table's trend cell (its arrow aside): the trend word, and where the measure's
    SPC chart says the opposite of it (``spc_against_trend``), both, each with what it compares,
    so that "improving" beside a Red status is not read as all is well: "improving on last year,
    but a concern over the longer run (its chart, section 4)"."""
    if against not in ("concern", "improvement"):
        return trend
    longer = "a concern" if against == "concern" else "an improvement"
    return f"{trend} on last year, but {longer} over the longer run (its chart, section 4)"


# the cases a p-chart's point needs on average: D&G's Stage 2 complaints, about 3 a month, drew
# limits of 0% to 100% and its latest point "50.0%" (COMMITTEE-5 #14). With 10 a point, a share
# near the middle has limits within about 47 points of its centre; below it, each point is one or
# two cases either way. NHSRplotthedots charts XmR only (no p-chart, no such rule); "Making Data
# Count" asks for enough cases a point that a change can show: here, 10 on average.
MIN_CASES_PER_POINT = 10


def too_few_cases(s: pd.DataFrame) -> bool:
    """Whether the points of a series charted as a p-chart hold too few cases on average."""
    return bool(s["denominator"].mean() < MIN_CASES_PER_POINT)


def no_spc_reason(ds: Dataset, council: str, measure: str, period) -> str:
    """Why ``long_trend`` gives a measure no SPC chart, as the report says it where the chart
    would be (D&G 2023/24 Q2: "Adults supported at home..." had neither chart nor reason): too
    few periods in the latest run without a gap, or a cost with no real-terms figures."""
    s = series_once(ds, council, measure, period)
    m = measures_by_id(ds).loc[measure]
    if m["unit"] == "currency":
        s = s[s["price_year"].notna()]
        if s.empty:
            return (
                "Statistical process control chart not shown: a cost is charted only in real terms, taken from "
                "the LGBF, which has no such figures for this measure."
            )
    run, gap_before = latest_run(s)
    kind = FREQUENCY_KIND[m["frequency"]]
    points = {"half": "half-years"}.get(kind, kind + "s")
    n = len(run)
    last = run.tail(MAX_SPC_POINTS)
    counted = m["unit"] == "percent" and last["numerator"].notna().all() and (last["denominator"] > 0).all()
    if n >= 8 and counted and too_few_cases(last):
        each = {"half": "half-year"}.get(kind, kind)
        return (
            f"Statistical process control chart not shown: about {last['denominator'].mean():.0f} cases a {each} "
            f"(from {last['label'].iloc[0]} to {last['label'].iloc[-1]}), too few for a chart of each {each} to "
            f"show a change: its limits would run from near 0% to near 100%. It needs {MIN_CASES_PER_POINT} or more "
            f"cases a {each} on average."
        )
    have = f"there {'is' if n == 1 else 'are'} {n}" + (
        f" ({run['label'].iloc[0]} to {run['label'].iloc[-1]})" if n > 1 else f" ({run['label'].iloc[0]})" if n else ""
    )
    after = f", after a gap following {gap_before}" if gap_before else ""
    return f"Statistical process control chart not shown: it needs 8 or more {points} in a row, and {have}{after}."


def spc_target(ds: Dataset, row: dict):
    """The target each point of the measure's SPC chart is held to: the annual target, or for a
    total built by adding periods (a count, money, days) its share for one period of the
    measure's own frequency (an annual £175,000 is £43,750 a quarter). The same figure is drawn
    on the chart, judged by the assurance icon and shown by the explorer."""

    m = measures_by_id(ds).loc[row["measure"]]
    target = row.get("annual_target")
    if target is None or pd.isna(target) or m["polarity"] == "none":
        return None
    additive = m["aggregate"] == "sum" and m["unit"] not in ("percent", "ratio", "rate")
    if additive:
        return float(target) * SPAN_MONTHS[FREQUENCY_KIND[m["frequency"]]] / 12
    return float(target)


def spc_target_words(target, annual, unit: str, decimals: int, kind: str) -> tuple[str, str] | None:
    """Where an SPC chart's target is the year's shared over its periods (``spc_target``: 400 for
    the year is 100 a quarter), its legend's label and the words that say which target the
    assurance tests: ("target 100\na quarter (400 ÷ 4)", "100 a quarter, the year's 400 ÷ 4").
    None where the chart's target is the year's own (a percentage, a year's points). A member
    met 400 for the year, 200 to date and an unlabelled 100 on one measure (COMMITTEE-5, finding 6)."""
    if target is None or annual is None or pd.isna(target) or pd.isna(annual) or float(target) == float(annual):
        return None
    own = ONE_PERIOD_WORDS.get(kind)
    if own is None:
        return None
    n = 12 // SPAN_MONTHS[kind]
    each, year = fmt_value(target, unit, decimals), fmt_value(annual, unit, decimals)
    return f"target {each}\na {own} ({year} ÷ {n})", f"{each} a {own}, the year's {year} ÷ {n}"


def spc_points_hidden(
    ds: Dataset, council: str, measure: str, chart: pd.DataFrame, decimals: int | None = None
) -> bool:
    """Whether any point of a measure's SPC chart (``long_trend``) is a figure a public report
    would suppress: a count, numerator or denominator from the council's smallest to its largest
    suppressed number, or a small complement ("67 of 70"); for a snapshot (aggregate ``latest``),
    also a small change from the point before ("41 on the register, 44 the quarter before").
    A p-chart's limits give each point's denominator away, so its counts are tested too. A rate
    of the council's population given alone ("per 1,000 population aged 0-15") is tested by the
    count it gives at the population councils.csv gives, printed at ``decimals`` places (the
    row's; the measure's own where None), as the public table tests it
    (``population_rates.protect_population_rates``: 0.14 per 1,000 of 22,010 is 3 children, a
    quarter's point a public report's SPC sentence would print). The LGBF panel's figures,
    published nationally already, are not tested (COMMITTEE-5 #1)."""
    cfg = council_settings(council)
    m = measures_by_id(ds).loc[measure]
    known = population_of({"unit": m["unit"], "title": m["title"]}, populations(ds.councils, council))
    if decimals is None:
        decimals = int(m["decimals"]) if pd.notna(m.get("decimals")) else 2
    s = series_once(ds, council, measure, chart["period"].iloc[-1])
    s = s[s["period"].isin(set(chart["period"]))]
    o = measure_observations(ds, council, measure)
    panel = set(o.loc[o["from_panel"].astype(bool), "period"]) if "from_panel" in o else set()
    points = list(zip(s["period"], s["value"], s["numerator"], s["denominator"], strict=True))
    for i, (period, v, n, d) in enumerate(points):
        if period in panel:
            continue
        before = [(*points[i - 1][1:], 1)] if i and m["aggregate"] == "latest" else []
        if figure_hidden([*before, (v, n, d, 1)], m["unit"], "latest", cfg.suppress_min, cfg.suppress_max, decimals):
            return True
        if (
            known and pd.isna(n) and pd.notna(v)
        ):  # a population rate alone: the count it gives (and a snapshot's change)
            was = [b[0] for b in before if pd.notna(b[0])]
            if rate_why(v, was, decimals, known[1], known[0], cfg.suppress_min, cfg.suppress_max):
                return True
    return False
