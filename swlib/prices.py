"""Pounds in a performance row: a cost (or a saving, or income) of one year is not a pound of
another, so a row prints its figures on one price basis, the LGBF's real terms or cash
(``price_basis``), and sets a target, written in its own year's pounds, at the prices its figure
is shown at (``target_at_prices``). Used by ``status.performance``."""

from __future__ import annotations

import pandas as pd

from .national import price_label
from .periods import Period


def price_basis(mo: dict, unit: str, shown: list[Period]) -> tuple[dict, str | None, str | None]:
    """For a measure in pounds (a cost, or a saving or income alike: a pound of one year is not a
    pound of another): its observations (by period) in the one price basis its row prints, the
    row's note saying which of its printed figures are real terms at the LGBF's price year and
    which are cash, and why this year's figure is not compared with last year's unless both are
    real terms (pounds are never compared across years in cash). Where the row would set the
    LGBF's real-terms figures at another year's prices beside cash ones (the council's own,
    later), every figure is its cash figure, each at its own year's prices (the LGBF's cash
    column). A row whose only real-terms figure is the price year's own (the same as its cash)
    is in cash, each year at its own prices, and says so. ``(mo, None, None)`` for any other
    measure."""
    if unit != "currency":
        return mo, None, None
    shown = list({str(p): p for p in shown}.values())  # this year may be one of the year columns
    real = {str(p): (mo.get(str(p)) or {}).get("price_year") for p in shown}
    real = {p: y for p, y in real.items() if isinstance(y, str)}
    have = [p for p in shown if str(p) in mo]
    cash = [p.label for p in have if str(p) not in real]
    # the LGBF's figure for its price year itself is at that year's own prices: its cash figure too
    other = {p for p, y in real.items() if y != p}  # real terms at another year's prices
    to_cash = {p for p in other if pd.notna(mo[p].get("cash_value"))}
    if to_cash and cash:  # one basis: each figure at its own year's prices, in cash
        mo = dict(mo)
        for p in real:  # the price year's own figure is its cash figure already
            mo[p] = {**mo[p], "price_year": None} | ({"value_c": mo[p]["cash_value"]} if p in to_cash else {})
        real, other = {}, set()
    if not real:
        note = "£ cash, not adjusted for inflation: not compared across years"
    elif cash and not other:  # one basis, every figure at its own year's prices: named so, not as a mix
        note = "£ cash, each year at its own prices, not adjusted for inflation: not compared across years"
    else:
        years = _and([p.label for p in have if str(p) in real])
        note = f"{price_label(next(iter(real.values())))} (real terms, LGBF) for {years}"
        if cash:
            note += f"; cash for {_and(cash)}, not adjusted for inflation"
    now, before = str(shown[-1]), str(shown[-1].shift_years(-1))
    if now in real and before in real:
        return mo, note, None
    if now in other or before in other:
        return mo, note, "one figure in cash, the other in real terms"
    return mo, note, "cash, not adjusted for inflation"


def target_at_prices(mo: dict, eff: Period, unit: str) -> tuple[float | None, str | None]:
    """(real / cash, the price year) for a cost whose figure for ``eff`` is the LGBF's real-terms
    one at another year's prices (``mo`` as ``price_basis`` returns it), else (None, None). A target
    is set in the pounds of its own year: times this ratio (the LGBF's own deflator for the year)
    it is at the prices the figure is shown at, so that the two compare on one basis."""
    o = mo.get(str(eff)) or {}
    py, cash, real = o.get("price_year"), o.get("cash_value"), o.get("value_c")
    if unit != "currency" or not isinstance(py, str) or py == str(eff) or pd.isna(cash) or pd.isna(real) or not cash:
        return None, None
    return float(real) / float(cash), py


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)
