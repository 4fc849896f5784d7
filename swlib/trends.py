"""A measure's statistical trend over five years and the plain-English sentence the reports
print beside it (``describe``: one for every measure of a performance table).

Builds on ``status`` (year values), ``stats`` and ``measure_series``; nothing here draws.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .benchmarking import benchmark
from .config import council_settings
from .dataset import Dataset
from .formatting import fmt_value
from .hidden import SUPPRESSED_SENTENCE, figure_hidden, suppressed_columns, suppressed_words
from .measure_series import measure_arrays, measures_by_id
from .periods import Period
from .rag import rounded_status, shown_decimals
from .rows import records
from .schema import PROPORTION_UNITS
from .stats import trend_test
from .status import ZERO_TARGET, round_half_up, synthetic_columns
from .ytd import INCOMPLETE, PART_YEAR


def statistical_trend(ds: Dataset, council: str, measure: str, period, polarity: str) -> dict:
    """Fingertips' trend over the last five whole years (year observations only)."""
    P = Period.parse(period).year_period
    o = measure_arrays(ds, council, measure)
    have = {p for p in o["period"] if Period.parse(p).kind == "year" and Period.parse(p) <= P}
    if not have:
        return trend_test()
    last = max(Period.parse(p) for p in have)
    years = [str(last.shift_years(-k)) for k in range(4, -1, -1)]
    at = {p: i for i, p in enumerate(o["period"])}  # the five years' rows, looked up (no index built)
    rows = {c: np.array([a[at[y]] if y in at else np.nan for y in years], dtype=float)
            for c, a in ((c, o[c]) for c in ("numerator", "denominator", "value"))}  # fmt: skip
    unit = measures_by_id(ds).loc[measure, "unit"]
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
    row: dict,
    years: list[str],
    benchmark_row: dict | None = None,
    trend: dict | None = None,
    period=None,
    small: tuple[int, int] = (1, 4),
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
    called so. ``small``: the council's small numbers, which a suppressed figure's reason names."""

    unit, dec = row["unit"], int(row["decimals"])
    now = row.get("to_date")
    if now is None or pd.isna(now):
        gap = re.search(rf"{INCOMPLETE} (.+?) \(\d+ of \d+\)", row.get("note") or "")
        if gap:  # a month of the year missing: there is a figure for the period, but no year to date
            compared = row.get("polarity") in ("higher", "lower") and pd.notna(row.get("target"))
            return f"No year to date yet: no figure for {gap.group(1)}" + (
                ", so it is not compared with the target." if compared else "."
            )
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
        why = suppressed_words(row, "last_year", *small)
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
        text += SYNTHETIC_NOTE
    return text


def part_year_said(row: dict, text: str) -> str:
    """A page 1 line (``text``) of a measure whose year to date is from part of the year (Quarter 2
    missing: the row's note 'year to date from 2 of 3 quarters') with that said beside its figure:
    '91.9% (year to date from 2 of 3 quarters), below the 95.0% target', not only in the tables'
    small print (ANALYST-11 #3). Unchanged otherwise."""
    part = re.search(r"year to date from (\d+ of \d+ \w+)", row.get("note") or "")
    now = row.get("to_date")
    if not part or not text or now is None or pd.isna(now):
        return text
    figure = f"{fmt_value(now, row['unit'], shown_decimals(row))},"  # the figure to date, before what it is set against
    said = f"(year to date from {part.group(1)})"
    return text.replace(figure, f"{figure[:-1]} {said},", 1) if figure in text else f"{text} {said[1:-1].capitalize()}."


SYNTHETIC_NOTE = " † Synthetic figures."  # a sentence's footnote where its figures are made up (page 1 says it once)


def page_one_line(row: dict, period) -> str:
    """A measure's sentence (``sentence``) as page 1 of a report for ``period`` prints it, without
    the table's note beside it, in as few words as page 1 has room for: a zero target says what it
    means ("worse than the 0.0% target (any case misses it)", for "..., where lower is better"),
    and a whole year's figure in a report of part of a later year says whose year it is ("to 4.9%
    in 2022/23 (last year)"; "(the latest available)" for an earlier one). COMMITTEE-8 #6: D&G
    2023/24 Q2 page 1 listed child protection re-registrations "worse than the 0.0% target" in a
    2023/24 paper with neither. Its synthetic figures' footnote is left to page 1, which says it once:
    the line ends in the mark, "... (any case misses it). †"."""
    text = row.get("sentence") or ""
    # its synthetic figures' footnote said once, under page 1's table, not on each line; the mark ends the line
    # (COMMITTEE-11 #1: four "† Synthetic figures." in four rows)
    mark = " †" if text.endswith(SYNTHETIC_NOTE) else ""
    text = text.removesuffix(SYNTHETIC_NOTE)
    now = row.get("to_date")
    if not text or now is None or pd.isna(now):
        return text + mark
    unit, dec = row["unit"], int(row["decimals"])
    if ZERO_TARGET in (row.get("note") or "") and row.get("target") == 0:
        target = f"the {fmt_value(0, unit, dec)} target"
        said = f"{target}, where lower is better"
        text = text.replace(said if said in text else target, f"{target} (any case misses it)", 1)
    text = part_year_said(row, text)
    shown, P = row.get("period_shown"), Period.parse(period)
    if isinstance(shown, str) and Period.parse(shown).kind == "year" and P.kind != "year":
        year = Period.parse(shown)
        if year != P.year_period:
            whose = "last year" if year == P.year_period.shift_years(-1) else "the latest available"
            figure = f"{fmt_value(now, unit, shown_decimals(row))} in {year.label}"
            text = text.replace(figure, f"{figure} ({whose})", 1)
    # an earlier figure hidden: "[c]", as the table beside it says, the reason once in the glossary (COMMITTEE-11 #1)
    return HIDDEN_SAID.sub("is [c]", text) + mark


HIDDEN_SAID = re.compile(r"is suppressed to protect confidentiality(?:: [^;]*? from the published figures)?")


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
            dec = None if pd.isna(row.get("decimals", np.nan)) else int(row["decimals"])  # as printed
            if figure_hidden([point], row["unit"], "latest", cfg.suppress_min, cfg.suppress_max, dec):
                return True
    return False


def describe(perf: pd.DataFrame, ds: Dataset, council: str, period) -> pd.Series:
    """The sentence for every measure of a performance table (with benchmark and trend where known)."""

    bench = benchmark(ds, period, council)
    by_code = {r["lgbf"]: r for r in records(bench)}
    freq = measures_by_id(ds)["frequency"]
    years = perf.attrs.get("years", [])
    cfg = council_settings(council)
    small = cfg.suppress_min, cfg.suppress_max
    out = []
    for r in records(perf):
        if "to_date" in suppressed_columns(r):
            why = suppressed_words(r, "to_date", *small)
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
        out.append(sentence(r, years, by_code.get(code) if isinstance(code, str) else None, trend, period, small))
    return pd.Series(out, index=perf.index, dtype="object")
