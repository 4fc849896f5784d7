"""Benchmarking against the other councils (Local Government Benchmarking Framework).

For each LGBF indicator in the ``benchmarks`` panel: each council's rank (1 = best by the
indicator's polarity, on the figures as printed (``lgbf_decimals``): councils that print the same
figure share the better rank), quartile (1 = the best
quarter), the family-group value (pooled where numerators and denominators exist, else the
mean) and Scotland's value (the published ``scotland`` row where the panel has one: it is not
the mean of the councils), and, where a confidence interval exists, whether the council is
better, similar or worse than Scotland: the Scotland value inside the council's interval is
"similar". Intervals: Wilson score for percentages, exact Poisson below 10 events and Byar's
from 10 for rates per 1,000 (as PHEindicatormethods computes them); none for costs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import round_half_up
from .dataset import Dataset
from .formatting import lgbf_decimals
from .periods import Period
from .stats import proportion_ci, rate_ci

SCOTLAND = "scotland"
RATE_PER = 1000  # LGBF's rates are per 1,000

COLUMNS = [
    "lgbf", "title", "unit", "polarity", "period", "council", "council_name", "family_group", "value", "numerator",
    "denominator", "lower", "upper", "rank", "of", "quartile", "family_value", "scotland_value", "comparison",
]  # fmt: skip


def panel_values(p: pd.DataFrame) -> pd.Series:
    """The panel's figure: its value, else worked out from its counts (rates per 1,000)."""
    scale = np.where(p["unit"] == "rate", RATE_PER, 100)
    computed = scale * p["numerator"] / p["denominator"].where(p["denominator"] > 0)
    return p["value"].where(p["value"].notna(), computed)


def _pooled(g: pd.DataFrame) -> float:
    """A group's value: pooled numerator over denominator where every row has them, else the mean."""
    if g["numerator"].notna().all() and g["denominator"].notna().all() and g["denominator"].sum() > 0:
        scale = RATE_PER if (g["unit"] == "rate").all() else 100
        return float(scale * g["numerator"].sum() / g["denominator"].sum())
    return float(g["v"].mean())


def latest_period(ds: Dataset, period) -> str | None:
    """The latest panel year at or before ``period``'s year."""
    P = Period.parse(period).year_period
    years = sorted({Period.parse(p) for p in ds.benchmarks["period"].unique() if Period.parse(p) <= P})
    return str(years[-1]) if years else None


def benchmark(ds: Dataset, period, council: str | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Every council's position on every LGBF indicator: for each indicator, its latest panel
    year at or before ``period``'s year (the ``period`` column; ``.attrs["period"]`` is the
    latest of them). ``council`` keeps only that council's rows.
    """
    year = latest_period(ds, period)
    memo_key = ("benchmark", str(Period.parse(period).year_period), confidence)
    if memo_key in ds.memo:
        out = ds.memo[memo_key]
        out = out[out["council"] == council].reset_index(drop=True) if council is not None else out.copy()
        out.attrs["period"] = year
        return out
    if year is None:
        out = pd.DataFrame(columns=COLUMNS)
        out.attrs["period"] = None
        return out
    P = Period.parse(period).year_period
    panel = ds.benchmarks
    keys = panel["period"].map({x: Period.parse(x).sort_key for x in panel["period"].unique()})  # each year parsed once
    ok = keys <= P.sort_key
    last = keys[ok].groupby(panel.loc[ok, "lgbf"]).transform("max")
    p = panel[ok][keys[ok] == last].copy()  # each indicator's latest year at or before the period
    p["v"] = panel_values(p)
    p = p[p["v"].notna()]
    published = p[p["council"] == SCOTLAND].set_index("lgbf")["v"]
    p = p[p["council"] != SCOTLAND]
    parts = []
    for code, g in p.groupby("lgbf", sort=False):
        g = g.copy()
        polarity = g["polarity"].iloc[0]
        ascending = polarity == "lower"
        if polarity == "none":
            g["rank"] = np.nan
        else:
            # on the figures as printed: two councils a reader sees at £26.67 share a rank
            d = lgbf_decimals(g["unit"].iloc[0], published.get(code), g["v"])
            printed = pd.Series([float(round_half_up(x, d)) for x in g["v"]], index=g.index)
            g["rank"] = printed.rank(ascending=ascending, method="min")
        n = len(g)
        g["of"] = n
        g["quartile"] = np.ceil(4 * g["rank"] / n)
        scotland = float(published[code]) if code in published.index else _pooled(g)
        g["scotland_value"] = scotland
        fam = {fg: _pooled(fg_rows) for fg, fg_rows in g.groupby("family_group")}
        g["family_value"] = g["family_group"].map(fam)
        has_ci = g["numerator"].notna() & g["denominator"].notna() & (g["denominator"] > 0)
        unit = g["unit"].iloc[0]
        has_ci &= unit in ("percent", "rate")
        lo, hi = np.full(n, np.nan), np.full(n, np.nan)
        if has_ci.any():
            x, d = g.loc[has_ci, "numerator"].to_numpy(), g.loc[has_ci, "denominator"].to_numpy()
            if unit == "rate":
                l_, h_ = rate_ci(x, d, RATE_PER, confidence)
            else:
                l_, h_ = proportion_ci(x, d, confidence)
                l_, h_ = 100 * np.asarray(l_), 100 * np.asarray(h_)
            lo[has_ci.to_numpy()], hi[has_ci.to_numpy()] = l_, h_
        g["lower"], g["upper"] = lo, hi
        g["comparison"] = [
            _compare(v, lo_, hi_, scotland, polarity) for v, lo_, hi_ in zip(g["v"], lo, hi, strict=True)
        ]
        parts.append(g)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*COLUMNS, "v"])
    out["value"] = out.pop("v")
    out = out[COLUMNS].reset_index(drop=True)
    out.attrs["period"] = year
    ds.memo[memo_key] = out
    if council is not None:
        out = out[out["council"] == council].reset_index(drop=True)
        out.attrs["period"] = year
    return out.copy() if council is None else out


def _compare(value, lower, upper, scotland, polarity) -> str:
    if pd.isna(lower) or pd.isna(upper):
        return "not compared"
    if lower <= scotland <= upper:
        return "similar"
    if polarity == "none":
        return "higher" if value > scotland else "lower"
    better = value > scotland if polarity == "higher" else value < scotland
    return "better" if better else "worse"


def ordinal(n) -> str:
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
