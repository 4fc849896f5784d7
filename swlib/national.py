"""Scotland-wide views of the LGBF panel, for the national overview report.

Pure functions on the ``benchmarks`` table: Scotland's run of years, every council's position
with its change since the year before, funnel-plot control limits (exact Poisson for rates,
exact binomial for proportions, as public-health funnel plots are drawn), the councils
outside them, the council-by-indicator quartile matrix and the family-group medians.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .benchmark import RATE_PER, SCOTLAND, benchmark
from .loading import Dataset
from .periods import Period

DOMAINS = {  # the LGBF domain of each indicator imported (metadata "Domain")
    "SW": "Adult social care",
    "CHN": "Children's services",
}


def domain(code: str) -> str:
    return DOMAINS["CHN" if code.startswith("CHN") else "SW"]


def _scotland_rows(ds: Dataset, code: str, period) -> pd.DataFrame:
    """The panel's Scotland rows of ``code`` up to ``period``'s year, oldest first (``_p``: the Period)."""
    P = Period.parse(period).year_period
    b = ds.benchmarks
    s = b[(b["lgbf"] == code) & (b["council"] == SCOTLAND)].copy()
    s["_p"] = s["period"].map(Period.parse)
    return s[s["_p"].map(lambda p: p <= P)].sort_values("_p")


def scotland_series(ds: Dataset, code: str, period) -> pd.DataFrame:
    """Scotland's published figure for ``code`` each year up to ``period`` (oldest first)."""
    s = _scotland_rows(ds, code, period)
    return pd.DataFrame(
        {"period": s["period"], "label": s["_p"].map(lambda p: p.label), "value": s["value"]}
    ).reset_index(drop=True)


def positions(ds: Dataset, period, councils=None) -> pd.DataFrame:
    """``benchmark()`` for every council, with each council's change since the indicator's year
    before (``previous``, ``change``); ``councils`` restricts the rows shown, not the ranking."""
    b = benchmark(ds, period)
    year = b.attrs.get("period")
    panel = ds.benchmarks
    prev = {}
    for code, g in b.groupby("lgbf", sort=False):
        before = str(Period.parse(g["period"].iloc[0]).shift_years(-1))
        p = panel[(panel["lgbf"] == code) & (panel["period"] == before)].set_index("council")["value"]
        prev.update({(code, c): p.get(c, np.nan) for c in g["council"]})
    b["previous"] = [prev.get((c, k), np.nan) for c, k in zip(b["lgbf"], b["council"], strict=True)]
    b["change"] = b["value"] - b["previous"]
    if councils:
        b = b[b["council"].isin(list(councils))]
    b.attrs["period"] = year
    return b.reset_index(drop=True)


def funnel_limits(denominators, centre: float, kind: str, coverage=(0.95, 0.998)) -> pd.DataFrame:
    """Control limits around ``centre`` for each denominator.

    ``kind="rate"``: ``centre`` is a rate per 1,000; the expected count is centre x n / 1,000
    and the limits are exact Poisson (lower chi2(a/2, 2E)/2, upper chi2(1-a/2, 2(E+1))/2), as
    rates. ``kind="proportion"``: ``centre`` is a percentage; exact binomial limits on the count
    (the beta quantiles), as percentages. Columns ``denominator``, then ``lower_95``,
    ``upper_95``, ``lower_99.8``, ``upper_99.8``."""
    from scipy.stats import beta, chi2

    n = np.asarray(denominators, dtype=float)
    out = {"denominator": n}
    for cov in coverage:
        a = 1 - cov
        name = f"{100 * cov:g}"
        if kind == "rate":
            e = centre * n / RATE_PER
            lo = np.where(e > 0, chi2.ppf(a / 2, 2 * e) / 2, 0.0)
            hi = chi2.ppf(1 - a / 2, 2 * (e + 1)) / 2
            out[f"lower_{name}"], out[f"upper_{name}"] = RATE_PER * lo / n, RATE_PER * hi / n
        elif kind == "proportion":
            x = centre / 100 * n
            lo = np.where(x > 0, beta.ppf(a / 2, x, n - x + 1), 0.0)
            hi = np.where(x < n, beta.ppf(1 - a / 2, x + 1, n - x), 1.0)
            out[f"lower_{name}"], out[f"upper_{name}"] = 100 * lo, 100 * hi
        else:
            raise ValueError(f"kind must be 'rate' or 'proportion' ({kind!r} is not)")
    return pd.DataFrame(out)


def funnel(positions_of_one: pd.DataFrame) -> pd.DataFrame | None:
    """One indicator's councils against their denominators with the limits at each, and
    ``outside``: "above" or "below" the 99.8% limits, else blank. None without denominators."""
    g = positions_of_one[positions_of_one["denominator"].notna() & (positions_of_one["denominator"] > 0)]
    if g.empty:
        return None
    kind = "rate" if g["unit"].iloc[0] == "rate" else "proportion"
    centre = float(g["scotland_value"].iloc[0])
    lim = funnel_limits(g["denominator"], centre, kind)
    out = pd.concat(
        [
            g.reset_index(drop=True)[["council", "council_name", "value", "denominator"]],
            lim.drop(columns="denominator"),
        ],
        axis=1,
    )
    out["outside"] = np.where(
        out["value"] > out["upper_99.8"], "above", np.where(out["value"] < out["lower_99.8"], "below", "")
    )
    out.attrs.update(centre=centre, kind=kind)
    return out


def quartile_matrix(pos: pd.DataFrame) -> pd.DataFrame:
    """Councils (rows, by name) by indicator (columns, in panel order): each cell the quartile, 1 best."""
    m = pos.pivot_table(index="council_name", columns="lgbf", values="quartile", aggfunc="first")
    return m[list(dict.fromkeys(pos["lgbf"]))]


def family_medians(pos: pd.DataFrame) -> pd.DataFrame:
    """Per indicator and family group: the councils in it and the median of their values."""
    rows = []
    for (code, fg), g in pos.groupby(["lgbf", "family_group"], sort=False):
        rows.append({"lgbf": code, "family_group": int(fg), "councils": ", ".join(sorted(g["council_name"])),
                     "median": float(g["value"].median())})  # fmt: skip
    return pd.DataFrame(rows, columns=["lgbf", "family_group", "councils", "median"])


def scotland_trend(ds: Dataset, code: str, period, polarity: str) -> dict:
    """Fingertips' recent trend of Scotland's figure over its last five years (``stats.trend_test``):
    Cochran-Armitage where the panel has the counts of a percentage, a weighted regression with
    Poisson standard errors for a rate per 1,000, and "cannot be calculated" where the LGBF
    publishes no counts (costs, survey percentages) or a year is missing."""
    from .stats import trend_test

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
