"""Scotland-wide views of the LGBF panel, for the national overview report.

Pure functions on the ``benchmarks`` table: Scotland's run of years, every council's position
with its change since the year before, funnel plots with FunnelPlotR's allowance for
over-dispersion (``swlib.funnel``) and the councils outside them, the council-by-indicator quartile matrix and the family groups' figures taken together.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .benchmarking import RATE_PER, SCOTLAND, benchmark
from .dataset import Dataset
from .funnel import funnel_limits, funnel_plot_data
from .periods import Period
from .stats import trend_test

DOMAINS = {  # the LGBF domain of each indicator imported (metadata "Domain")
    "SW": "Adult social care",
    "CHN": "Children's services",
}


# each indicator's name in a few words, for a small chart's title (the LGBF's titles run to 144
# characters); the code follows it there, and the table beside the chart gives the full title
SHORT_TITLES = {
    "SW1": "Home care cost per hour, over-65s",
    "SW2": "Self-directed support spend share",
    "SW3a": "Over-65s, intensive needs, at home",
    "SW4a": "Adults rating their care excellent or good",
    "SW4b": "Adults whose support improved their life",
    "SW4c": "Adults supported to live independently",
    "SW4d": "Adults who had a say in their support",
    "SW4e": "Carers who feel supported to care",
    "SW5": "Residential care cost per week, over-65s",
    "SW6": "Hospital readmissions within 28 days",
    "SW7": "Care services graded good or better",
    "SW8": "Days in hospital once ready to leave, 75+",
    "CHN8a": "Residential care cost per looked after child",
    "CHN8b": "Community care cost per looked after child",
    "CHN9": "Looked after at home or in the community",
    "CHN22": "Child protection re-registrations",
    "CHN23": "Looked after children, 2+ placements",
}


def domain(code: str) -> str:
    return DOMAINS["CHN" if code.startswith("CHN") else "SW"]


def real_terms(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel with each cost in real terms: ``value`` is the LGBF's ``Real`` figure at the
    prices of ``price_year`` where the panel has one (the cash figure kept as ``cash_value``), so
    that costs compare across years; every other figure as published."""
    out = panel.copy()
    out["cash_value"] = out["value"]
    if "real_value" in out:
        has = out["real_value"].notna()
        out.loc[has, "value"] = out.loc[has, "real_value"]
    else:
        out["price_year"] = None
    return out


def price_label(price_year) -> str:
    """ "£ at 2020/21 prices", or "" for a figure that is not a real-terms cost."""
    if price_year is None or (isinstance(price_year, float) and np.isnan(price_year)) or price_year == "":
        return ""
    return f"£ at {Period.parse(price_year).label} prices"


def real_terms_benchmark(ds: Dataset, period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the panel in real terms, ``benchmark()`` of it for ``period``): costs ranked and compared
    in real terms, at the prices of ``price_year`` (``real_terms``)."""
    panel = real_terms(ds.benchmarks)
    return panel, benchmark(replace(ds, benchmarks=panel, memo={}), period)  # its own memo: not the cash figures


def _scotland_rows(ds: Dataset, code: str, period) -> pd.DataFrame:
    """The panel's Scotland rows of ``code`` up to ``period``'s year, oldest first (``_p``: the
    Period), costs in real terms."""
    P = Period.parse(period).year_period
    b = real_terms(ds.benchmarks)
    s = b[(b["lgbf"] == code) & (b["council"] == SCOTLAND)].copy()
    s["_p"] = s["period"].map(Period.parse)
    return s[s["_p"].map(lambda p: p <= P)].sort_values("_p")


def scotland_series(ds: Dataset, code: str, period) -> pd.DataFrame:
    """Scotland's published figure for ``code`` each year up to ``period`` (oldest first); a cost
    in real terms, at the prices of ``price_year`` (``real_terms``)."""
    s = _scotland_rows(ds, code, period)
    cols = {"period": s["period"], "label": s["_p"].map(lambda p: p.label), "value": s["value"]}
    return pd.DataFrame(cols | {"price_year": s["price_year"]}).reset_index(drop=True)


def positions(ds: Dataset, period, councils=None) -> pd.DataFrame:
    """``benchmark()`` for every council, with each council's change since the indicator's year
    before that has figures (``previous``, ``change``, ``previous_period``: the year before for
    a yearly indicator, two years before for one from a survey every other year, such as SW4b to
    SW4e); ``councils`` restricts the rows shown, not the ranking.
    Costs are in real terms (``real_terms``; ``price_year`` names the prices), so that a change
    is not inflation; ranks are on the figures as printed (``benchmark``), here the real-terms ones."""

    panel, b = real_terms_benchmark(ds, period)
    year = b.attrs.get("period")
    prev, price, since = {}, {}, {}
    for code, g in b.groupby("lgbf", sort=False):
        now_p = Period.parse(g["period"].iloc[0])
        had = panel[(panel["lgbf"] == code) & panel["value"].notna()]["period"].unique()
        earlier = [Period.parse(x) for x in had if Period.parse(x) < now_p]
        before = str(max(earlier)) if earlier else str(now_p.shift_years(-1))
        since[code] = before
        p = panel[(panel["lgbf"] == code) & (panel["period"] == before)].set_index("council")["value"]
        prev.update({(code, c): p.get(c, np.nan) for c in g["council"]})
        now = panel[(panel["lgbf"] == code) & (panel["period"] == g["period"].iloc[0])]["price_year"].dropna()
        price[code] = now.iloc[0] if len(now) else None
    b["previous"] = [prev.get((c, k), np.nan) for c, k in zip(b["lgbf"], b["council"], strict=True)]
    b["change"] = b["value"] - b["previous"]
    b["previous_period"] = b["lgbf"].map(since)
    b["price_year"] = b["lgbf"].map(price)
    if councils:
        b = b[b["council"].isin(list(councils))]
    b.attrs["period"] = year
    return b.reset_index(drop=True)


# How an indicator with counts is drawn as a funnel plot (FunnelPlotR's data types): SW6 counts
# readmissions among discharges, a proportion shown per 1,000; SW8 counts bed days, which are not
# independent events among the 75+ population, so it is a standardised ratio of the bed days to
# those expected from the council's 75+ population at Scotland's rate (100 = Scotland's rate).
FUNNELS = {
    "SW6": {"data_type": "PR", "multiplier": RATE_PER,
            "y": "Readmissions within 28 days per 1,000 discharges",
            "x": "Discharges from hospital (log scale)", "counts": "discharges", "events": "readmissions"},
    "SW8": {"data_type": "SR", "multiplier": 100,
            "y": "Delayed-discharge bed days, as % of expected (100 = Scotland's rate)",
            "x": "Bed days expected from the 75+ population at Scotland's rate (log scale)",
            "counts": "bed days expected"},
}  # fmt: skip


LIMIT_NAMES = {"lower_95": "95LCL", "upper_95": "95UCL", "lower_99.8": "99LCL", "upper_99.8": "99UCL"}


def _limit_column(adjusted: bool):
    """FunnelPlotR's column of a limit: ``OD95LCL`` over-dispersed, ``LCL95`` unadjusted."""
    return (lambda c: f"OD{c}") if adjusted else (lambda c: c[2:] + c[:2])


def _funnel_kind(code: str, g: pd.DataFrame) -> dict:
    """FUNNELS' entry, else: a percentage or a rate of events among the denominator (no numerator
    above its denominator) a proportion; any other rate a ratio to Scotland's rate."""
    if code in FUNNELS:
        return FUNNELS[code]
    if g["unit"].iloc[0] == "percent":
        return {"data_type": "PR", "multiplier": 100, "y": "Per cent", "x": "Denominator (log scale)", "counts": ""}
    if (g["numerator"] <= g["denominator"]).all():
        return {"data_type": "PR", "multiplier": RATE_PER, "y": "Per 1,000", "x": "Denominator (log scale)",
                "counts": ""}  # fmt: skip
    return {"data_type": "SR", "multiplier": 100, "y": "% of expected (100 = Scotland's rate)",
            "x": "Expected at Scotland's rate (log scale)", "counts": "expected"}  # fmt: skip


def _scotland_beside_centre(scot: pd.DataFrame, num: pd.Series, den: pd.Series, kind: dict) -> dict | None:
    """Scotland's published figure beside a funnel centred, as FunnelPlotR centres a proportion or
    a ratio of counts, on the councils' counts added together (its limits fit those points): the
    figure, and the counts in Scotland's that no council's figure has (SW6 2019/20: Scotland
    104.7 from 113,738 readmissions in 1,086,460 discharges; the 32 councils 104.6)."""
    s = scot.dropna(subset=["value"])
    if s.empty:
        return None
    r = s.iloc[0]
    extra = None
    if pd.notna(r["numerator"]) and pd.notna(r["denominator"]):
        extra = (float(r["numerator"] - num.sum()), float(r["denominator"] - den.sum()))
    return {"value": float(r["value"]), "extra": extra, "events": kind.get("events"), "counts": kind.get("counts")}


def funnel(ds: Dataset, code: str, period) -> pd.DataFrame | None:
    """One indicator's councils in ``period``'s year as a funnel plot, with FunnelPlotR's
    over-dispersed limits (``funnel_plot_data``), all 32 councils whatever a report shows.

    Columns: ``council``, ``council_name``, ``numerator``, ``denominator``, ``value`` (the
    panel's: the figure its tables print), ``x`` (the funnel's denominator: the panel's for a
    proportion, the count expected at Scotland's rate for a ratio), ``y`` (the figure plotted),
    the limits at ``x`` (``lower_95``, ``upper_95``, ``lower_99.8``, ``upper_99.8``: the ones
    used, over-dispersed where phi > 1; ``plain_lower_99.8``, ``plain_upper_99.8``: without the
    allowance; none below 0, as drawn), ``outside`` ("above", "below" or blank, at 99.8%, as
    FunnelPlotR flags it). attrs: FunnelPlotR's ``phi``, ``tau2``, ``adjusted``, and ``centre``,
    ``data_type``, ``multiplier``, the axis titles ``x_title``, ``y_title``, ``counts`` (what
    ``x`` counts), ``scotland_rate`` (for a ratio), ``year`` and ``unit`` (the panel's). None
    where fewer than three councils have counts."""

    P = Period.parse(period).year_period
    b = ds.benchmarks
    rows = b[b["lgbf"] == code]
    rows = rows[rows["period"].map({p: Period.parse(p) == P for p in rows["period"].unique()})]  # each year parsed once
    scot = rows[rows["council"] == SCOTLAND]
    g = rows[(rows["council"] != SCOTLAND) & rows["numerator"].notna() & (rows["denominator"] > 0)]
    if len(g) < 3:
        return None
    g = g.sort_values("council").reset_index(drop=True)
    kind = _funnel_kind(code, g)
    dtype, mult = kind["data_type"], kind["multiplier"]
    num, den = g["numerator"].astype(float), g["denominator"].astype(float)
    rate = None
    if dtype == "SR":
        s = scot.dropna(subset=["numerator", "denominator"])
        rate = float(s["numerator"].iloc[0] / s["denominator"].iloc[0]) if len(s) else float(num.sum() / den.sum())
        x = den * rate
    else:
        x = den
    f = funnel_plot_data(num, x, g["council"], data_type=dtype, multiplier=mult)
    f = f.set_index("group").loc[g["council"]].reset_index()
    pick = _limit_column(f.attrs["adjusted"])
    out = pd.DataFrame({"council": g["council"], "council_name": g["council_name"], "numerator": num,
                        "denominator": den, "value": g["value"].astype(float), "x": f["denominator"],
                        "y": f["value"]})  # fmt: skip
    for name, col in LIMIT_NAMES.items():
        out[name] = _floored(f[pick(col)])
    out["plain_lower_99.8"], out["plain_upper_99.8"] = _floored(f["LCL99"]), _floored(f["UCL99"])
    centre = f.attrs["target"] * mult
    out["outside"] = np.where(f["outlier"] == 1, np.where(out["y"] > centre, "above", "below"), "")
    centre_label = (f"Scotland's rate ({centre:,.0f})" if dtype == "SR"
                    else f"the {len(g)} councils added together ({centre:,.1f})")  # fmt: skip
    out.attrs.update(scotland=_scotland_beside_centre(scot, num, den, kind) if dtype != "SR" else None)
    out.attrs.update(
        phi=f.attrs["phi"], tau2=f.attrs["tau2"], adjusted=f.attrs["adjusted"], centre=centre, centre_label=centre_label,
        target=f.attrs["target"], data_type=dtype, multiplier=mult, x_title=kind["x"], y_title=kind["y"],
        counts=kind["counts"], scotland_rate=rate, year=P.label, unit=g["unit"].iloc[0],
    )  # fmt: skip
    return out


def _floored(limits):
    """A limit below 0 as drawn: at 0, since none of these figures can be negative (FunnelPlotR's
    own limits, ``funnel_plot_data``, are left as it computes them)."""
    return np.maximum(limits, 0.0)


def figure_words(value: float, y: float, a: dict) -> str:
    """A council's figure on a funnel plot as its table prints it: "67.2" for a proportion (the
    plot's own figure), and for a ratio to the expected the council's published rate with the
    ratio in words, "155.8 per 1,000, 20% of the expected" (the plot's 20.1 is not a figure the
    table shows: a member quoting it would be wrong)."""
    if a["data_type"] != "SR" or not a.get("scotland_rate") or pd.isna(value):
        return f"{y:,.1f}"
    unit = " per 1,000" if a.get("unit") == "rate" else ""
    return f"{value:,.1f}{unit}, {ratio_words(y / a['centre'])}"


def ratio_words(ratio: float) -> str:
    """A ratio to the expected in words: "20% of the expected", "4.3 times the expected"."""
    return f"{ratio:.1f} times the expected" if ratio >= 2 else f"{100 * ratio:.0f}% of the expected"


def funnel_lines(f: pd.DataFrame, points: int = 160) -> pd.DataFrame:
    """The limits ``funnel`` used, on a grid of ``x`` across the councils, for drawing (none below 0)."""

    a = f.attrs
    grid = np.geomspace(f["x"].min() * 0.8, f["x"].max() * 1.25, points)
    lim = funnel_limits(grid, data_type=a["data_type"], target=a["target"], tau2=a["tau2"], multiplier=a["multiplier"])
    pick = _limit_column(a["adjusted"])
    out = pd.DataFrame({"x": lim["n"]} | {name: _floored(lim[pick(col)]) for name, col in LIMIT_NAMES.items()})
    out["plain_lower_99.8"], out["plain_upper_99.8"] = _floored(lim["LCL99"]), _floored(lim["UCL99"])
    return out


def funnel_widening(f: pd.DataFrame) -> dict:
    """How much the over-dispersion allowance widened the 99.8% limits, at the median council's
    denominator: the limits with and without it, and the ratio of their widths."""
    mid = f.iloc[(f["x"] - f["x"].median()).abs().argsort().iloc[0]]
    width, plain = mid["upper_99.8"] - mid["lower_99.8"], mid["plain_upper_99.8"] - mid["plain_lower_99.8"]
    return {"council": mid["council_name"], "x": float(mid["x"]), "lower": float(mid["lower_99.8"]),
            "upper": float(mid["upper_99.8"]), "plain_lower": float(mid["plain_lower_99.8"]),
            "plain_upper": float(mid["plain_upper_99.8"]), "times": float(width / plain)}  # fmt: skip


def quartile_matrix(pos: pd.DataFrame) -> pd.DataFrame:
    """Councils (rows, by name) by indicator (columns, in panel order): each cell the quartile, 1 best."""
    m = pos.pivot_table(index="council_name", columns="lgbf", values="quartile", aggfunc="first")
    return m[list(dict.fromkeys(pos["lgbf"]))]


def family_figures(pos: pd.DataFrame) -> pd.DataFrame:
    """Per indicator and family group: the councils in it and the group's figure taken together,
    as ``benchmark`` works it out for the council reports' "Family group (taken together)" column
    (``family_value``: their counts pooled where the LGBF gives them, as it works out Scotland's
    figure, else the mean of their figures). One statistic in every report: the national overview
    printed the median, and a member holding both papers found two "family group" figures for one
    indicator and year (COMMITTEE-5, finding 8)."""
    rows = []
    for (code, fg), g in pos.groupby(["lgbf", "family_group"], sort=False):
        rows.append({"lgbf": code, "family_group": int(fg), "councils": ", ".join(sorted(g["council_name"])),
                     "value": float(g["family_value"].iloc[0])})  # fmt: skip
    return pd.DataFrame(rows, columns=["lgbf", "family_group", "councils", "value"])


def scotland_trend(ds: Dataset, code: str, period, polarity: str) -> dict:
    """Fingertips' recent trend of Scotland's figure over its last five years (``stats.trend_test``):
    Cochran-Armitage where the panel has the counts of a percentage, a weighted regression with
    Poisson standard errors for a rate per 1,000, and "cannot be calculated" where the LGBF
    publishes no counts (costs, survey percentages) or a year is missing."""

    s = _scotland_rows(ds, code, period)
    if s.empty:
        return trend_test()
    last = s["_p"].iloc[-1]
    years = [str(last.shift_years(-k)) for k in range(4, -1, -1)]
    rows = s.set_index("period").reindex(years)
    out = {"first": Period.parse(years[0]).label, "last": last.label}
    if rows[["numerator", "denominator"]].isna().any().any():
        return trend_test() | out
    unit = s["unit"].iloc[0]
    if unit == "rate":
        num, den = rows["numerator"].to_numpy(float), rows["denominator"].to_numpy(float)
        se = RATE_PER * np.sqrt(np.maximum(num, 1)) / den  # Poisson counts
        return trend_test(values=rows["value"], standard_errors=se, polarity=polarity) | out
    return trend_test(numerators=rows["numerator"], denominators=rows["denominator"], polarity=polarity) | out
