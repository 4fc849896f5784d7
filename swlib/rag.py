"""A figure's RAG status against its target, on the figure as printed: Green where it meets the
target, Amber within the tolerance, else Red; the decimals that decide it where rounding would move
the figure across a threshold (DESIGN.md rule 4: a status never rests on rounding), and the status
by the figures beside an officer's own assessment.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from .base import round_half_up


def _rag(value: float, target: float, tolerance: float, polarity: str, decimals: int | None) -> str:
    """Green where the figure meets its target, Amber within the tolerance of it, else Red: the
    figure and target as printed (rounded to ``decimals``), or unrounded (``decimals`` None)."""
    if decimals is None:
        v, t = Decimal(repr(float(value))), Decimal(repr(float(target)))
    else:
        v, t = round_half_up(value, decimals), round_half_up(target, decimals)
    tol = Decimal(repr(float(tolerance)))
    gap = (t - v) if polarity == "higher" else (v - t)
    if gap <= 0:
        return "Green"
    return "Amber" if gap <= tol else "Red"


def by_the_figures(r: dict) -> str | None:
    """The status a performance row's figure has against its target (Green, Amber or Red) where
    the status printed is an officer's own assessment (``status_source`` "override") that differs
    from it, so that the two are printed side by side (SL 2021/22 Q2: carers supported by Welfare
    Rights officers, 164 against 200 to date, assessed Amber, Red by the figures); else None."""
    if r.get("status_source") != "override" or r.get("polarity") not in ("higher", "lower"):
        return None
    if any(pd.isna(r.get(c)) for c in ("to_date", "target", "tolerance")):
        return None
    decimals = r.get("decimals")
    value, target, tolerance, polarity = r["to_date"], r["target"], r["tolerance"], r["polarity"]
    rule = (
        _rag(value, target, tolerance, polarity, None)
        if pd.isna(decimals)
        else printed_status(value, target, tolerance, polarity, int(decimals))
    )
    return rule if rule != r["status"] else None


def deciding_decimals(value: float, target: float, tolerance: float, polarity: str, decimals: int) -> int | None:
    """Where rounding to the display precision moves the figure across a threshold, the target or
    where Amber ends (69.6% would be printed as 70%, at the 70% target, and read as met): the
    fewest decimals, beyond the measure's own, at which the figure as printed has the status its
    unrounded figure has (69.6%: below the 70% target). The status is then worked out on the
    figure printed with them (``printed_status``), so that no status rests on rounding. None where
    rounding moves nothing."""
    if any(pd.isna(x) for x in (value, target, tolerance)) or polarity not in ("higher", "lower"):
        return None
    exact = _rag(value, target, tolerance, polarity, None)
    if _rag(value, target, tolerance, polarity, decimals) == exact:
        return None
    for extra in range(1, MAX_EXTRA + 1):
        if _rag(value, target, tolerance, polarity, decimals + extra) == exact:
            return decimals + extra
    return decimals + MAX_EXTRA


MAX_EXTRA = 6  # decimals beyond a measure's own that a figure is ever printed with


def printed_status(value: float, target: float, tolerance: float, polarity: str, decimals: int) -> str:
    """Green, Amber or Red on the figure as printed: at the measure's ``decimals``, or where
    rounding to them would move it across a threshold at the decimals that decide it
    (``deciding_decimals``): 69.6% (181 of 260) against a 70% target is Amber, not Green
    (DESIGN.md rule 4; issue 22: a status never rests on rounding)."""
    decides = deciding_decimals(value, target, tolerance, polarity, decimals)
    return _rag(value, target, tolerance, polarity, decimals if decides is None else decides)


def rounded_status(row: dict) -> str | None:
    """Where a performance row's figure is printed with the decimals that decide its status
    (``decides_at``): the status the figure rounded to the measure's own decimals would have had
    (SL 2021/22 Q2: 69.6% as 70% would have been Green); else None."""
    decides = row.get("decides_at")
    if decides is None or pd.isna(decides) or any(pd.isna(row.get(c)) for c in ("to_date", "target", "tolerance")):
        return None
    return _rag(row["to_date"], row["target"], row["tolerance"], row["polarity"], int(row["decimals"]))


def shown_decimals(row: dict, col: str = "to_date") -> int:
    """The decimals a performance row's figure in ``col`` is printed with: the measure's own
    (``decimals``), or for the year to date, where rounding decides its status, the ones that decide
    it (``decides_at``, from ``deciding_decimals``: always more than the measure's own), so that
    '69.6%' is printed where '70%' would read as meeting a 70% target it misses."""
    decides = row.get("decides_at") if col == "to_date" else None
    return int(row["decimals"]) if decides is None or pd.isna(decides) else int(decides)
