"""A measure's target and tolerance for the period its row shows: the council's target for the
period, else for the year (pro rata to the year to date for a summed count), else the catalogue's;
a tolerance not given is the council's percentage of the target; a cost in real terms is held to
its target at the same prices. And whether a table's targets are targets to date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dataset import Dataset
from .periods import Period
from .prices import target_at_prices
from .schema import ADDITIVE_UNITS


def target_lookup(ds: Dataset, council: str) -> dict[tuple[str, str], tuple[float, float]]:
    """A council's targets, (target, tolerance) by (measure, period), as ``target_for`` reads them."""
    t = ds.targets[ds.targets["council"] == council]
    return {(r.measure, r.period): (r.target, r.tolerance) for r in t.itertuples()}


def target_for(m, eff: Period, mo: dict, targets: dict, tolerance_percent: float, notes: list[str]) -> tuple:
    """A measure's (target, tolerance, the whole year's target, the target in cash, its price
    year) for the period its row shows: the council's target for the period, else for the year
    (an annual target of a summed count, pro rata to the year to date), else the catalogue's; a
    tolerance not given is the council's percentage of the target; a cost shown in real terms at
    another year's prices is held to its target at those prices. Says on ``notes`` a pro rata."""
    specific = targets.get((m.measure, str(eff)))
    tgt, tol = specific or targets.get((m.measure, eff.fy_id), (np.nan, np.nan))
    if pd.isna(tgt):
        tgt = m.target
    if pd.isna(tol):
        tol = m.tolerance
    annual = targets.get((m.measure, eff.fy_id), (np.nan, np.nan))[0]  # the whole year's target
    if pd.isna(annual):
        annual = m.target
    window_months = eff.end + 1
    if specific is None and m.aggregate == "sum" and m.unit in ADDITIVE_UNITS and window_months < 12 and pd.notna(tgt):
        tgt = tgt * window_months / 12  # an annual target, pro rata to the year to date
        tol = tol * window_months / 12 if pd.notna(tol) else tol
        notes.append(f"target pro rata: {window_months} of 12 months")
    if pd.isna(tol) and pd.notna(tgt):
        tol = abs(tgt) * tolerance_percent / 100
    target_cash, ratio, price_year = np.nan, *target_at_prices(mo, eff, m.unit)
    if ratio is not None and pd.notna(tgt):
        target_cash, tgt, tol, annual = tgt, tgt * ratio, tol * ratio, annual * ratio
    return tgt, tol, annual, target_cash, price_year


def targets_to_date(rows: pd.DataFrame) -> bool:
    """Whether a target in ``rows`` (of ``performance``) is a target to date, a share of the
    year's (£87,500 of £175,000 at Quarter 2), not the year's own: the report and the Excel
    export head it so."""
    if "annual_target" not in rows:
        return False
    both = rows["target"].notna() & rows["annual_target"].notna()
    return bool((rows.loc[both, "target"].astype(float) != rows.loc[both, "annual_target"].astype(float)).any())
