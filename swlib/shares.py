"""Shares of a total as printed, rounded so that they add to the 100% the total row prints.

A finance table's Share column is added up by the members who read it: 5% + 75% + 20% + 0.9% =
100.9% under "Total 100%" reads as an error in the one section where scrutiny is sharpest
(COMMITTEE-5, finding 7). ``share_texts`` rounds by largest remainder (Hamilton's method): each
share is its exact figure rounded down or up, never further than its last printed digit, and the
ones with the largest remainders are rounded up until the column adds to exactly 100. Whole per
cent, or one decimal (two where needed) for every line when one line with money is under 1%, so
that no line with money prints as 0%. A footnote ("shares may not add to 100%") was the other
choice; a finance officer checks a column's sum before reading a footnote, and every share stays
within one printed digit of its amount's share of the total.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def decimals_for(amounts: Sequence[float]) -> int:
    """0, or the fewest decimals (at most 2) that print every line with money as more than 0%."""
    total = sum(amounts)
    small = [abs(100 * a / total) for a in amounts if a and total]
    d = 0
    while d < 2 and any(s < 10**-d for s in small):
        d += 1
    return d


def rounded_shares(amounts: Sequence[float], decimals: int | None = None) -> list[float]:
    """Each amount's share of their total in per cent, at ``decimals`` (``decimals_for`` if not
    given), by largest remainder: they add to exactly 100. Ties go to the larger amount, then the
    earlier line (remainders equal to 9 places are equal: 2.4 % 1 is not less than
    71.4 % 1 but for the binary point). A total of zero or less gives NaN for each (no share of nothing)."""
    total = sum(amounts)
    if not amounts or not total > 0:
        return [math.nan] * len(amounts)
    d = decimals_for(amounts) if decimals is None else decimals
    unit = 10**d
    exact = [100 * unit * a / total for a in amounts]
    floors = [math.floor(x) for x in exact]
    short = round(100 * unit - sum(floors))
    order = sorted(range(len(exact)), key=lambda i: (-round(exact[i] - floors[i], 9), -amounts[i], i))
    for i in order[:short]:
        floors[i] += 1
    return [f / unit for f in floors]


def share_texts(amounts: Sequence[float]) -> list[str]:
    """The shares as a Share column prints them ("75%", or "0.9%" and "75.0%" where a line is
    under 1%); they add to the total row's 100%. "–" for each where the total is not positive."""
    d = decimals_for(amounts)
    return ["–" if math.isnan(s) else f"{s:.{d}f}%" for s in rounded_shares(amounts, d)]
