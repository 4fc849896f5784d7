"""Statistical disclosure control for the public audience.

Counts from ``suppress_min`` to ``suppress_max`` (1-4 by default, set in params/), and
percentages built on them, are replaced by the GSS symbol ``[c]``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SYMBOL = "[c]"
COUNT_UNITS = ("count",)


def is_small(x: pd.Series | float, lo: int, hi: int) -> pd.Series | bool:
    return (x >= lo) & (x <= hi)


def suppress_performance(df: pd.DataFrame, cfg) -> pd.DataFrame:
    """Blank every small count, and every figure built on a small numerator or denominator."""
    out = df.copy()
    lo, hi = cfg.suppress_min, cfg.suppress_max
    value_cols = ["to_date", "last_year", *df.attrs.get("years", [])]
    small_base = is_small(out["numerator"], lo, hi) | is_small(out["denominator"], lo, hi)
    is_count = out["unit"].isin(COUNT_UNITS)
    hide = {}
    for col in value_cols:
        hide[col] = (is_count & is_small(out[col], lo, hi)) | ((col == "to_date") & small_base)
    flagged = pd.Series("", index=out.index)
    for col, mask in hide.items():
        out.loc[mask, col] = np.nan
        flagged = flagged.where(~mask, flagged + col + ",")
    out.loc[small_base, ["numerator", "denominator"]] = np.nan
    out["suppressed"] = flagged.str.rstrip(",")
    out.attrs = dict(df.attrs)
    return out
