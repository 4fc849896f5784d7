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

from .base import SCOTLAND, round_half_up
from .dataset import Dataset
from .formatting import lgbf_decimals
from .periods import Period
from .stats import proportion_ci, rate_ci

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


_ADDED = ("rank", "of", "quartile", "scotland_value", "family_value", "lower", "upper", "comparison")


def _pooled(num: np.ndarray, den: np.ndarray, rate: np.ndarray, v: np.ndarray) -> float:
    """A group's value: pooled numerator over denominator where every row has them, else the mean
    (of its values, none missing). Sums are numpy's, as pandas' of a column: the same figure."""
    if not np.isnan(num).any() and not np.isnan(den).any() and den.sum() > 0:
        scale = RATE_PER if rate.all() else 100
        return float(scale * num.sum() / den.sum())
    return float(v.sum() / len(v))


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
    p = p[p["council"] != SCOTLAND].reset_index(drop=True)
    # each indicator's rows are worked on as arrays and the columns added once at the end (a copy
    # of each indicator's rows and ten columns set on it took most of this function's time)
    rows, added = [], {c: [] for c in _ADDED}
    for code, g in p.groupby("lgbf", sort=False):
        polarity = g["polarity"].iloc[0]
        ascending = polarity == "lower"
        n = len(g)
        if polarity == "none":
            rank = np.full(n, np.nan)
        else:
            # on the figures as printed: two councils a reader sees at £26.67 share a rank
            d = lgbf_decimals(g["unit"].iloc[0], published.get(code), g["v"])
            printed = pd.Series([float(round_half_up(x, d)) for x in g["v"]], index=g.index)
            rank = printed.rank(ascending=ascending, method="min").to_numpy()
        num, den, v = (g[c].to_numpy(dtype=float, na_value=np.nan) for c in ("numerator", "denominator", "v"))
        rate = (g["unit"] == "rate").to_numpy()
        scotland = float(published[code]) if code in published.index else _pooled(num, den, rate, v)
        members: dict = {}  # each family group's rows (a row with no family group is in none)
        for i, fg in enumerate(g["family_group"].tolist()):
            if not pd.isna(fg):
                members.setdefault(fg, []).append(i)
        fam = {fg: _pooled(num[i], den[i], rate[i], v[i]) for fg, i in members.items()}
        unit = g["unit"].iloc[0]
        has_ci = ~np.isnan(num) & ~np.isnan(den) & (den > 0) & (unit in ("percent", "rate"))
        lo, hi = np.full(n, np.nan), np.full(n, np.nan)
        if has_ci.any():
            x, d = num[has_ci], den[has_ci]
            if unit == "rate":
                l_, h_ = rate_ci(x, d, RATE_PER, confidence)
            else:
                l_, h_ = proportion_ci(x, d, confidence)
                l_, h_ = 100 * np.asarray(l_), 100 * np.asarray(h_)
            lo[has_ci], hi[has_ci] = l_, h_
        rows.append(g.index.to_numpy())
        added["rank"].append(pd.Series(rank))
        added["of"].append(pd.Series(np.full(n, n)))
        added["quartile"].append(pd.Series(np.ceil(4 * rank / n)))
        added["scotland_value"].append(pd.Series(np.full(n, scotland)))
        added["family_value"].append(g["family_group"].map(fam).reset_index(drop=True))
        added["lower"].append(pd.Series(lo))
        added["upper"].append(pd.Series(hi))
        added["comparison"].append(
            pd.Series([_compare(v_, lo_, hi_, scotland, polarity) for v_, lo_, hi_ in zip(v, lo, hi, strict=True)])
        )
    if rows:
        out = p.take(np.concatenate(rows)).reset_index(drop=True)
        for c, parts in added.items():
            out[c] = pd.concat(parts, ignore_index=True)
    else:
        out = pd.DataFrame(columns=[*COLUMNS, "v"])
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
