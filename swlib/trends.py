"""Long trends for one measure: its time series, SPC chart and statistical trend, and the
plain-English sentence the reports print beside it.

Builds on ``status`` (year values), ``spc`` and ``stats``; nothing here draws.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from .benchmarking import benchmark
from .config import council_settings
from .dataset import Dataset
from .formatting import fmt_value
from .hidden import figure_hidden, suppressed_columns, suppressed_words
from .panel import observations
from .periods import FREQUENCY_KIND, ONE_PERIOD_WORDS, SPAN_MONTHS, Period
from .population_rates import population_of, rate_why
from .rate_bases import populations
from .rows import records
from .schema import PROPORTION_UNITS
from .stats import trend_test
from .status import ZERO_TARGET, is_synthetic, round_half_up, rounded_status, shown_decimals, synthetic_columns
from .sustained import sustained_change
from .xmr import SPCWarning, assurance_type, p_chart, spc
from .ytd import INCOMPLETE, PART_YEAR

MAX_SPC_POINTS = 24


def _by_id(ds: Dataset) -> pd.DataFrame:
    """``ds.measures`` indexed by measure id, made once per data set: a report looks a measure up
    some 130 times (each ``set_index`` copied the catalogue)."""
    made = ds.memo.get("measures_by_id")
    if made is None or made[0] is not ds.measures:
        made = ds.memo["measures_by_id"] = (ds.measures, ds.measures.set_index("measure"))
    return made[1]


def _observations(ds: Dataset, council: str, measure: str) -> pd.DataFrame:
    """One measure's observations, the LGBF panel's figures in the years it has (``panel``): cut
    once per data set, council and measure (a quarterly report asks about 60 times for 20
    measures), so read only."""
    key = ("measure_observations", council, measure)
    made = ds.memo.get(key)
    if made is None:
        o, rows = _rows(ds, council, measure)
        made = ds.memo[key] = o.iloc[rows]
    return made


def _rows(ds: Dataset, council: str, measure: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The council's observations (``panel``) and where the measure's rows are in them, in order:
    every measure's found in one pass a data set and council, not by a comparison a measure."""
    o = observations(ds, council)
    at = ds.memo.get(("measure_rows", council))
    if at is None or at[0] is not o:
        at = ds.memo[("measure_rows", council)] = (o, o.groupby("measure", sort=False).indices, {})
    rows = at[1].get(measure)
    return o, np.empty(0, dtype=np.intp) if rows is None else rows


_ARRAY_COLUMNS = ("period", "value", "numerator", "denominator", "source", "price_year")


def _arrays(ds: Dataset, council: str, measure: str) -> dict[str, np.ndarray]:
    """The measure's observations as arrays of the columns ``series`` and ``statistical_trend``
    read (the rows of ``_observations``, without a DataFrame made for each measure); read only."""
    o, rows = _rows(ds, council, measure)
    whole = ds.memo[("measure_rows", council)][2]  # the council's columns, as arrays
    if not whole:
        whole.update((c, o[c].to_numpy()) for c in _ARRAY_COLUMNS)
    return {c: a[rows] for c, a in whole.items()}


def series(ds: Dataset, council: str, measure: str, period) -> pd.DataFrame:
    """The measure's observations at its own frequency up to ``period`` (oldest first)."""
    P = Period.parse(period)
    m = _by_id(ds).loc[measure]
    kind = FREQUENCY_KIND[m["frequency"]]
    o = _arrays(ds, council, measure)
    # which rows, in which order, worked out on the parsed periods (a few pandas steps, not a dozen)
    parsed, end = [Period.parse(p) for p in o["period"]], P.end_key()
    rows = [i for i, p in enumerate(parsed) if p.kind == kind and p.end_key() <= end]
    rows.sort(key=lambda i: parsed[i].sort_key)
    cols = {c: o[c][rows] for c in ("value", "numerator", "denominator", "source", "price_year")}
    v, n, d = cols["value"], cols["numerator"], cols["denominator"]
    if v.dtype == n.dtype == d.dtype == np.float64:  # as pandas' where, on the arrays: the same floats
        with np.errstate(invalid="ignore"):
            value = np.where(np.isnan(v), 100 * n / np.where(d > 0, d, np.nan), v)
    else:  # not a float column (an empty table's): pandas' rules
        f = pd.DataFrame({c: cols[c] for c in ("value", "numerator", "denominator")})
        value = f["value"].where(
            f["value"].notna(), 100 * f["numerator"] / f["denominator"].where(f["denominator"] > 0)
        )
        value = value.to_numpy()
    has = ~pd.isna(value)
    ps = [parsed[i] for i, h in zip(rows, has, strict=True) if h]
    return pd.DataFrame({"period": np.array([str(p) for p in ps], dtype=object),
                         "label": np.array([p.label for p in ps], dtype=object), "value": value[has],
                         "numerator": n[has], "denominator": d[has],
                         "source": cols["source"][has], "price_year": cols["price_year"][has]})  # fmt: skip


def _series(ds: Dataset, council: str, measure: str, period) -> pd.DataFrame:
    """``series``, worked out once per data set, council, measure and period, for ``long_trend``
    and ``no_spc_reason`` (a measure with no chart asks for both), which only read it."""
    key = ("series", council, measure, str(Period.parse(period)))
    made = ds.memo.get(key)
    if made is None:
        made = ds.memo[key] = series(ds, council, measure, period)
    return made


def long_trend(ds: Dataset, council: str, measure: str, period, target=None) -> pd.DataFrame | None:
    """SPC of the measure's recent series: a p-chart where numerator and denominator are known
    (percentages), an XmR chart otherwise. None when there are fewer than 8 points.

    A measure in pounds (a cost, a saving) is charted in real terms only: the LGBF's years at
    its price year's prices (``attrs["price_year"]``), never cash figures of several years,
    which would show inflation as special cause variation (so no chart for one in cash only);
    and with no target, which is in the pounds of its own year."""
    s = _series(ds, council, measure, period)
    m = _by_id(ds).loc[measure]
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
    s = _series(ds, council, measure, period)
    m = _by_id(ds).loc[measure]
    if m["unit"] == "currency":
        s = s[s["price_year"].notna()]
        if s.empty:
            return (
                "Statistical process control chart not shown: a cost is charted in real terms only (the LGBF's "
                "figures), and there are none for this measure."
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


def missing_words(before, after) -> str:
    """The periods missing between two periods of one kind, in words: 'no figure for November
    2025', 'no figures for November 2025 and December 2025', 'no figures from 2018/19 Quarter 1
    to 2019/20 Quarter 4'."""
    a, b = Period.parse(before), Period.parse(after)
    span, gap = a.end - a.start + 1, []
    P = a
    while len(gap) < 1000:
        start = P.end + 1
        P = Period(P.fy + start // 12, P.kind, start % 12, start % 12 + span - 1)
        if P.sort_key >= b.sort_key:
            break
        gap.append(P.label)
    if len(gap) == 1:
        return f"no figure for {gap[0]}"
    if len(gap) == 2:
        return f"no figures for {gap[0]} and {gap[1]}"
    return f"no figures from {gap[0]} to {gap[-1]}" if gap else f"no figures between {a.label} and {b.label}"


def latest_run(s: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The latest run of consecutive periods of a ``series`` (each period starting the month
    after the one before ends), and the label of the last period before the gap that ends the
    run (None when there is none). An SPC chart drawn across missing years would treat figures
    years apart, perhaps from different sources (an LGBF panel, then the council's own), as one
    process from period to period."""
    if s.empty:
        return s, None
    months = [Period.parse(p) for p in s["period"]]
    start = 0
    for i in range(1, len(months)):
        a, b = months[i - 1], months[i]
        if b.fy * 12 + b.start != a.fy * 12 + a.end + 1:
            start = i
    if start == 0:
        return s, None
    return s.iloc[start:].reset_index(drop=True), str(s["label"].iloc[start - 1])


def spc_target(ds: Dataset, row: dict):
    """The target each point of the measure's SPC chart is held to: the annual target, or for a
    total built by adding periods (a count, money, days) its share for one period of the
    measure's own frequency (an annual £175,000 is £43,750 a quarter). The same figure is drawn
    on the chart, judged by the assurance icon and shown by the explorer."""

    m = _by_id(ds).loc[row["measure"]]
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


def statistical_trend(ds: Dataset, council: str, measure: str, period, polarity: str) -> dict:
    """Fingertips' trend over the last five whole years (year observations only)."""
    P = Period.parse(period).year_period
    o = _arrays(ds, council, measure)
    have = {p for p in o["period"] if Period.parse(p).kind == "year" and Period.parse(p) <= P}
    if not have:
        return trend_test()
    last = max(Period.parse(p) for p in have)
    years = [str(last.shift_years(-k)) for k in range(4, -1, -1)]
    at = {p: i for i, p in enumerate(o["period"])}  # the five years' rows, looked up (no index built)
    rows = {c: np.array([a[at[y]] if y in at else np.nan for y in years], dtype=float)
            for c, a in ((c, o[c]) for c in ("numerator", "denominator", "value"))}  # fmt: skip
    unit = _by_id(ds).loc[measure, "unit"]
    # a share of cases: its counts (days or money given with the cases they are over are no proportion)
    if unit in PROPORTION_UNITS and not (np.isnan(rows["numerator"]).any() or np.isnan(rows["denominator"]).any()):
        return trend_test(numerators=rows["numerator"], denominators=rows["denominator"], polarity=polarity)
    if unit == "count" and not np.isnan(rows["value"]).any():
        se = np.sqrt(np.maximum(rows["value"], 1))  # Poisson counts
        return trend_test(values=rows["value"], standard_errors=se, polarity=polarity)
    return trend_test()


COUNTS_AS = {"Green": "met", "Amber": "narrowly missed (Amber)", "Red": "missed (Red)"}
STATUS_WORDS = {s: f"so it counts as {w}" for s, w in COUNTS_AS.items()}


def deciding_words(row: dict) -> str:
    """Where a row's figure is printed with the decimals that decide its status, what rounding to
    the measure's own would have hidden: "rounded to 70% it would count as met" ("" elsewhere)."""
    rounded = rounded_status(row)
    if rounded is None or rounded == row.get("status"):
        return ""
    return f"rounded to {fmt_value(row['to_date'], row['unit'], int(row['decimals']))} it would count as {COUNTS_AS[rounded]}"


def against_target(now: float, target: float, polarity: str, unit: str, decimals: int, annual=None,
                   prices: str = "", compare_at: int | None = None) -> str:  # fmt: skip
    """The figure against its target in words that follow the polarity, compared as printed:
    "above the 75% target"; "better than the 12% target, where lower is better"; a cost "below the
    £402 target, where the aim is a lower cost" (lower or higher, not better or worse). A target to
    date that is a share of the year's (``annual``, where it differs) says so and names the
    year's: "below the £87,500 target to date (£175,000 for the year)". A cost's target at the
    prices its figure is shown at says so (``prices``: " at 2020/21 prices (£4,961 as set for 2019/20)").
    A figure printed with the decimals that decide its status (``compare_at``) is compared at
    them: 69.6% is "below the 70% target"."""
    at = decimals if compare_at is None else compare_at
    t, n = round_half_up(target, at), round_half_up(now, at)
    shown = f"{fmt_value(target, unit, decimals)} target{prices}"
    if (
        annual is not None
        and not pd.isna(annual)
        and round_half_up(annual, decimals) != round_half_up(target, decimals)
    ):
        shown += f" to date ({fmt_value(annual, unit, decimals)} for the year)"
    if n == t:
        return f"at the {shown}"
    if polarity == "higher":
        return f"{'above' if n > t else 'below'} the {shown}"
    if unit == "currency":  # a cost is lower or higher, not better or worse
        return f"{'below' if n < t else 'above'} the {shown}, where the aim is a lower cost"
    return f"{'better' if n < t else 'worse'} than the {shown}, where lower is better"


def sentence(
    row: dict, years: list[str], benchmark_row: dict | None = None, trend: dict | None = None, period=None
) -> str:
    """One plain-English sentence from the numbers, compared on the trend arrow's basis (the same
    point last year), e.g. "Up from 71% at this point last year to 91%, above the 75% target;
    better than Scotland in 2020/21." Where rounding would decide the status (69.6% as 70%, at the
    70% target) it prints the decimal that decides it, compares that, and says what rounding
    would have shown ("69.6%, below the 70% target, so it counts as narrowly missed (Amber): rounded
    to 70% it would count as met"); a comparison with Scotland
    names its year, and where that is not the figure's own year says so ("in 2020/21 (the latest
    year compared with Scotland) the figure was better than Scotland's"); a whole year's figure in
    a report of a later ``period`` names its year ("to 4.9% in 2022/23"); synthetic figures are
    called so."""

    unit, dec = row["unit"], int(row["decimals"])
    now = row.get("to_date")
    if now is None or pd.isna(now):
        gap = re.search(rf"{INCOMPLETE} (.+?) \(\d+ of \d+\)", row.get("note") or "")
        if gap:  # a month of the year missing: there is a figure for the period, but no year to date
            return f"No year to date yet: no figure for {gap.group(1)}, so it is not compared with the target."
        return "No figure yet for this period."
    f = lambda v: fmt_value(v, unit, dec)  # noqa: E731
    # one comparison basis, the same as the trend arrow's: the same point last year
    shown = Period.parse(row.get("period_shown") or years[-1])
    when = "at this point last year" if shown.kind != "year" else f"in {shown.shift_years(-1).label}"
    if "last_year" in (row.get("baselines") or {}):  # not the year's out-turn: a plan's baseline (status.baseline)
        when += " (the plan's baseline)"
    before = row.get("last_year")
    target = row.get("target")
    exact = None if shown_decimals(row) == dec else fmt_value(now, unit, shown_decimals(row))
    against = None
    if target is not None and not pd.isna(target) and row.get("polarity") in ("higher", "lower"):
        cash = row.get("target_cash")  # a cost in real terms: its target at the same prices, as set beside it
        prices = (
            f" at {Period.parse(row['target_prices']).label} prices ({f(cash)} as set for {shown.label})"
            if cash is not None and not pd.isna(cash)
            else ""
        )
        against = against_target(now, target, row["polarity"], unit, dec, row.get("annual_target"), prices,
                                 shown_decimals(row))  # fmt: skip
        if exact and (hidden := deciding_words(row)):
            against = f"{against}, {STATUS_WORDS.get(row.get('status'), '')}: {hidden}"
    # a whole year's figure in a report of a later year's period (the latest available) names its year
    of_year = shown.kind == "year" and period is not None and Period.parse(period).year_period != shown
    year_words = f" in {shown.label}" if of_year else ""
    now_text = (exact or f(now)) + year_words
    extra = []
    if "last_year" in suppressed_columns(row):
        text = f(now) + year_words + (f", {against}" if against else "")
        why = suppressed_words(row, "last_year")
        extra.append(f"the figure {when} is suppressed to protect confidentiality" + (f": {why}" if why else ""))
    elif row.get("cash") and before is not None and not pd.isna(before):  # a cost: never compared in cash
        text = now_text + (f", {against}" if against else "")
        extra.append(f"not compared with {f(before)} {when}: {row['cash']}")
    elif before is not None and not pd.isna(before):
        a, b = round_half_up(before, dec), round_half_up(now, dec)
        if a == b:
            text = f"The same as {when} ({now_text})"
        else:
            text = f"{'Up' if b > a else 'Down'} from {f(before)} {when} to {now_text}"
        text += f", {against}" if against else ""
    elif part := re.search(rf"{PART_YEAR}(.+? only \(\d+ of \d+ \w+\))", row.get("note") or ""):
        text = now_text + (f", {against}" if against else "")  # last year covers part of it: not compared
        last = "the same point last year" if shown.kind != "year" else shown.shift_years(-1).label
        extra.append(f"not compared with {last}, which has figures for {part.group(1)}")
    else:
        text = now_text + (f", {against}" if against else "")
        extra.append(f"no figure {when} to compare with")
    if trend and trend.get("trend") in ("increasing", "decreasing"):
        # this year went the other way: "Down from 7 to 6; though a significant increasing trend ..."
        though = "though " if text.startswith("Down" if trend["trend"] == "increasing" else "Up") else ""
        extra.append(f"{though}a significant {trend['reading'] or trend['trend']} trend over five years")
    if benchmark_row and benchmark_row.get("comparison") in ("better", "similar", "worse"):
        year = benchmark_row.get("period")
        than = "similar to" if benchmark_row["comparison"] == "similar" else f"{benchmark_row['comparison']} than"
        if isinstance(year, str) and Period.parse(year) != shown:  # not this figure's year: both years named
            extra.append(
                f"in {Period.parse(year).label} (the latest year compared with Scotland) the figure was {than} Scotland's"
            )
        else:
            extra.append(f"{than} Scotland" + (f" in {Period.parse(year).label}" if isinstance(year, str) else ""))
    if extra:
        text += "; " + "; ".join(extra)
    text += "."
    if synthetic_columns(row) & {"to_date", "last_year"} or (against and "target" in synthetic_columns(row)):
        text += " † Synthetic figures."
    return text


def page_one_line(row: dict, period) -> str:
    """A measure's sentence (``sentence``) as page 1 of a report for ``period`` prints it, without
    the table's note beside it, in as few words as page 1 has room for: a zero target says what it
    means ("worse than the 0.0% target (one case misses it)", for "..., where lower is better"),
    and a whole year's figure in a report of part of a later year says whose year it is ("to 4.9%
    in 2022/23 (last year)"; "(the latest available)" for an earlier one). COMMITTEE-8 #6: D&G
    2023/24 Q2 page 1 listed child protection re-registrations "worse than the 0.0% target" in a
    2023/24 paper with neither."""
    text = row.get("sentence") or ""
    now = row.get("to_date")
    if not text or now is None or pd.isna(now):
        return text
    unit, dec = row["unit"], int(row["decimals"])
    if ZERO_TARGET in (row.get("note") or "") and row.get("target") == 0:
        target = f"the {fmt_value(0, unit, dec)} target"
        said = f"{target}, where lower is better"
        text = text.replace(said if said in text else target, f"{target} (one case misses it)", 1)
    shown, P = row.get("period_shown"), Period.parse(period)
    if isinstance(shown, str) and Period.parse(shown).kind == "year" and P.kind != "year":
        year = Period.parse(shown)
        if year != P.year_period:
            whose = "last year" if year == P.year_period.shift_years(-1) else "the latest available"
            figure = f"{fmt_value(now, unit, shown_decimals(row))} in {year.label}"
            text = text.replace(figure, f"{figure} ({whose})", 1)
    return text


def _trend_years_hidden(ds: Dataset, council: str, row: dict, period) -> bool:
    """Whether any of the five years the statistical trend is built on is a figure public
    reports suppress (an annual measure: each year on its own)."""

    cfg = council_settings(council)
    P = Period.parse(period).year_period
    o = ds.observations[(ds.observations["council"] == council) & (ds.observations["measure"] == row["measure"])]
    for r in records(o):
        p = Period.parse(r["period"])
        if p.kind == "year" and p <= P and p.fy > P.fy - 8:
            point = (r["value"], r["numerator"], r["denominator"], 1)
            if figure_hidden([point], row["unit"], "latest", cfg.suppress_min, cfg.suppress_max):
                return True
    return False


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
    m = _by_id(ds).loc[measure]
    known = population_of({"unit": m["unit"], "title": m["title"]}, populations(ds.councils, council))
    if decimals is None:
        decimals = int(m["decimals"]) if pd.notna(m.get("decimals")) else 2
    s = _series(ds, council, measure, chart["period"].iloc[-1])
    s = s[s["period"].isin(set(chart["period"]))]
    o = _observations(ds, council, measure)
    panel = set(o.loc[o["from_panel"].astype(bool), "period"]) if "from_panel" in o else set()
    points = list(zip(s["period"], s["value"], s["numerator"], s["denominator"], strict=True))
    for i, (period, v, n, d) in enumerate(points):
        if period in panel:
            continue
        before = [(*points[i - 1][1:], 1)] if i and m["aggregate"] == "latest" else []
        if figure_hidden([*before, (v, n, d, 1)], m["unit"], "latest", cfg.suppress_min, cfg.suppress_max):
            return True
        if (
            known and pd.isna(n) and pd.notna(v)
        ):  # a population rate alone: the count it gives (and a snapshot's change)
            was = [b[0] for b in before if pd.notna(b[0])]
            if rate_why(v, was, decimals, known[1], known[0], cfg.suppress_min, cfg.suppress_max):
                return True
    return False


SUPPRESSED_SENTENCE = "Figure suppressed to protect confidentiality"  # a table prints [c] and says it once


def describe(perf: pd.DataFrame, ds: Dataset, council: str, period) -> pd.Series:
    """The sentence for every measure of a performance table (with benchmark and trend where known)."""

    bench = benchmark(ds, period, council)
    by_code = {r["lgbf"]: r for r in records(bench)}
    freq = _by_id(ds)["frequency"]
    years = perf.attrs.get("years", [])
    out = []
    for r in records(perf):
        if "to_date" in suppressed_columns(r):
            why = suppressed_words(r, "to_date")
            out.append(SUPPRESSED_SENTENCE + (f": {why}." if why else "."))
            continue
        trend = (
            statistical_trend(ds, council, r["measure"], period, r["polarity"])
            if freq.get(r["measure"]) == "annual"
            else None
        )
        if trend and perf.attrs.get("audience") == "public" and _trend_years_hidden(ds, council, r, period):
            trend = None  # a trend built on a suppressed year would give it away
        code = r.get("lgbf")
        out.append(sentence(r, years, by_code.get(code) if isinstance(code, str) else None, trend, period))
    return pd.Series(out, index=perf.index, dtype="object")
