"""One figure per fact: a measure with an LGBF code takes its yearly figures from the LGBF panel.

A council's catalogue may carry a measure that is also an LGBF indicator (``lgbf`` column of
``measures``). For every year the panel (``benchmarks``) has a figure for that council and code,
the panel's figure is the council's figure for that year: it replaces a year observation of the
measure and fills a year the observations lack, so the performance table, the trend, the charts
and the benchmarking section print the same number for the same fact. An officer's status
override or comment on the replaced observation is kept. Years the panel does not have (yet)
keep the council's own observations, with their own source.

A cost (an LGBF-coded ``currency`` measure) takes the panel's real-terms figure (``real_value``,
at the prices of ``price_year``) where the panel has one, so that its years compare without
inflation; ``price_year`` names those prices on each such row (None on every other row, and on
the council's own figures, which are cash).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .benchmarking import panel_values
from .dataset import Dataset
from .periods import Period

PANEL_SOURCE_NOTE = "LGBF panel"


def observations(ds: Dataset, council: str) -> pd.DataFrame:
    """The council's observations, with the LGBF panel's figures for its LGBF-coded measures in
    the years the panel has them (see the module's note). Same columns as ``ds.observations``
    plus ``from_panel`` (True where the figure is the panel's)."""
    key = ("panel_observations", council)
    if key in ds.memo:
        return ds.memo[key]
    obs = ds.observations[ds.observations["council"] == council].copy()
    obs["from_panel"] = False
    obs["price_year"] = None
    obs["cash_value"] = np.nan  # a real-terms figure's cash figure (the LGBF's own column)
    m = ds.measures
    coded = m[m["lgbf"].notna() & (m["council"].isna() | (m["council"] == council))]
    panel = ds.benchmarks
    if coded.empty or panel.empty:
        ds.memo[key] = obs
        return obs
    mine = panel[(panel["council"] == council) & panel["lgbf"].isin(coded["lgbf"])].copy()
    mine = mine[mine["period"].map(lambda p: Period.parse(p).kind == "year").astype(bool)]  # bool even when empty
    mine["v"] = panel_values(mine)
    mine = mine[mine["v"].notna()]
    rows = []
    by_code: dict = {}  # the panel's rows of each code, in order; the council's rows of each (measure, period)
    for b in mine.itertuples(index=False):
        by_code.setdefault(b.lgbf, []).append(b)
    at: dict = {}
    for i, measure_period in enumerate(zip(obs["measure"], obs["period"], strict=True)):
        at.setdefault(measure_period, []).append(i)
    replaced = np.zeros(len(obs), dtype=bool)
    for r in coded.itertuples(index=False):
        for b in by_code.get(r.lgbf, ()):
            same = at.get((r.measure, b.period), [])
            replaced[same] = True
            status = obs["status"].iloc[same[0]] if same else None
            comment = obs["comment"].iloc[same[0]] if same else None
            percent = r.unit == "percent" and b.unit == "percent"
            real = (
                r.unit == "currency"
                and pd.notna(getattr(b, "real_value", np.nan))
                and isinstance(getattr(b, "price_year", None), str)
            )
            rows.append({
                "council": council, "measure": r.measure, "period": b.period,
                "value": float(b.real_value) if real else float(b.v),
                "numerator": b.numerator if percent else np.nan, "denominator": b.denominator if percent else np.nan,
                "status": status, "comment": comment, "source": b.source, "from_panel": True,
                "price_year": b.price_year if real else None,
                "cash_value": float(b.v) if real else np.nan,  # for a row that must print cash throughout
            })  # fmt: skip
    if rows:
        add = pd.DataFrame(rows).astype({c: obs[c].dtype for c in ("numerator", "denominator")}, errors="ignore")
        obs = pd.concat([obs[~replaced], add], ignore_index=True)
    ds.memo[key] = obs
    return obs
