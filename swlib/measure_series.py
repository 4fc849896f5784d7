"""One measure's figures over time: its observations for a council (the LGBF panel's in the
years it has), its series at its own frequency up to a period, and the latest run of that series
without a gap (with the missing periods in words). Each worked out once per data set and read only.

Builds on ``panel`` (observations) and ``periods``; nothing here draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dataset import Dataset
from .panel import observations
from .periods import FREQUENCY_KIND, Period


def measures_by_id(ds: Dataset) -> pd.DataFrame:
    """``ds.measures`` indexed by measure id, made once per data set: a report looks a measure up
    some 130 times (each ``set_index`` copied the catalogue)."""
    made = ds.memo.get("measures_by_id")
    if made is None or made[0] is not ds.measures:
        made = ds.memo["measures_by_id"] = (ds.measures, ds.measures.set_index("measure"))
    return made[1]


def measure_observations(ds: Dataset, council: str, measure: str) -> pd.DataFrame:
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


def measure_arrays(ds: Dataset, council: str, measure: str) -> dict[str, np.ndarray]:
    """The measure's observations as arrays of the columns ``series`` and ``trends.statistical_trend``
    read (the rows of ``measure_observations``, without a DataFrame made for each measure); read only."""
    o, rows = _rows(ds, council, measure)
    whole = ds.memo[("measure_rows", council)][2]  # the council's columns, as arrays
    if not whole:
        whole.update((c, o[c].to_numpy()) for c in _ARRAY_COLUMNS)
    return {c: a[rows] for c, a in whole.items()}


def series(ds: Dataset, council: str, measure: str, period) -> pd.DataFrame:
    """The measure's observations at its own frequency up to ``period`` (oldest first)."""
    P = Period.parse(period)
    m = measures_by_id(ds).loc[measure]
    kind = FREQUENCY_KIND[m["frequency"]]
    o = measure_arrays(ds, council, measure)
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


def series_once(ds: Dataset, council: str, measure: str, period) -> pd.DataFrame:
    """``series``, worked out once per data set, council, measure and period, for ``measure_spc``'s
    ``long_trend`` and ``no_spc_reason`` (a measure with no chart asks for both) and
    ``spc_points_hidden``, which only read it."""
    key = ("series", council, measure, str(Period.parse(period)))
    made = ds.memo.get(key)
    if made is None:
        made = ds.memo[key] = series(ds, council, measure, period)
    return made


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
