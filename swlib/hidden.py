"""The one disclosure rule for a public figure: whether it is hidden (``figure_hidden``), why
(``hidden_why``, worded by ``HIDDEN_WHY``), and how a public report says so (``PUBLIC_WHY``,
``suppressed_words``). ``swlib.disclosure`` applies it to the performance table; ``swlib.linked``,
``whole_parts``, ``shared_bases`` and ``population_rates`` to the figures of different rows a reader can set against each other.
"""

from __future__ import annotations

from .schema import COUNT_UNITS, PROPORTION_UNITS
from .small_numbers import small_count

# units whose numerator, where given, counts people or events (every unit but money and time): its
# complement (denominator - numerator) is a count too. A rate or ratio is as much a proportion as a
# percentage where it has both: 309 of 312 printed as 99.0 (per 100) or 0.990 beside a published 312
# tells that 3 did not
COUNTED_NUMERATOR_UNITS = (*PROPORTION_UNITS, *COUNT_UNITS)


def suppressed_columns(row) -> set[str]:
    """The columns of a performance row that public suppression replaced (its ``suppressed`` list)."""
    return set(filter(None, (row.get("suppressed") or "").split(",")))


def suppressed_words(row, column: str) -> str | None:
    """Why public suppression replaced ``column`` of a performance row, as a public report says
    it: ``PUBLIC_WHY``, the same words whatever the reason in its ``suppressed_why``
    ("to_date:small,last_year:earlier"); None where it has none. Saying which reason would say
    which side is small: "the cases that did not meet it" beside 100% tells that 1 to 4 missed
    it. ``HIDDEN_WHY`` words each reason for the analyst (``suppressed_why`` stays in the table)."""
    why = dict(w.split(":") for w in filter(None, str(row.get("suppressed_why") or "").split(",")))
    return PUBLIC_WHY if why.get(column) in HIDDEN_WHY else None


PUBLIC_WHY = "a number from 1 to 4 could otherwise be read or worked out from the published figures"


def is_small(x, lo: int, hi: int):
    """True where ``x`` is a count from lo to hi (missing values are not small)."""
    return (x >= lo) & (x <= hi)


def figure_hidden(points: list[tuple], unit: str, aggregate: str, lo: int, hi: int) -> bool:
    """Whether the last of ``points`` (cumulative figures of one measure in one year as public
    reports print them, oldest first, each (value, numerator, denominator, parts)) must be
    suppressed: a count, numerator or denominator from lo to hi (an average of counts: also its
    total, the average times its periods), a small complement (denominator
    minus numerator: "67 of 70" tells that 3 did not), or a small difference from any figure
    printed before it in the year (the count, numerator, denominator or complement of the
    periods in between; for averages of counts, their totals)."""
    return hidden_why(points, unit, aggregate, lo, hi) is not None


HIDDEN_WHY = {  # why a figure is suppressed, as a public report's sentence says it
    "small": "it, or a number it is built on, is small",
    "complement": "a small number could be worked out from it by subtraction (the cases that did not meet it)",
    "earlier": "a small number could be worked out by subtracting it from a figure published earlier",
    "parts": "a small number could be worked out by subtracting it and the other parts from the total they make up",
}


def hidden_why(points: list[tuple], unit: str, aggregate: str, lo: int, hi: int) -> str | None:
    """Why ``figure_hidden`` hides the last of ``points``: "small" (a count, numerator,
    denominator or total from lo to hi), "complement" (its denominator minus its numerator is),
    "earlier" (its difference from a figure printed before it in the year is); None when it
    is shown. ``HIDDEN_WHY`` words each."""
    if not points:
        return None
    v, n, d, k = points[-1]
    count = unit in COUNT_UNITS
    if (count and small_count(v, lo, hi)) or small_count(n, lo, hi) or small_count(d, lo, hi):
        return "small"
    if aggregate == "mean" and count and small_count(v * k, lo, hi):
        return "small"  # an average of counts times its periods is their total: 0.7 a month over 3 months is 2
    if unit in COUNTED_NUMERATOR_UNITS and small_count(abs(d - n), lo, hi):  # or a ratio's excess: 1.10 placements
        return "complement"  # per child moved, 33 of 30, beside the 30 children: 3 placements more than one each
    # each figure printed earlier in the year, or of the same months before a revision; snapshots
    # too: "41 on the register, 44 last quarter" tells 3 left, net
    for pv, pn, pd_, pk in points[:-1]:
        if aggregate == "mean":  # an average of days or money: the cases it is over too (13 days over 3 children)
            if (count and small_count(abs(v * k - pv * pk), lo, hi)) or small_count(abs(d - pd_), lo, hi):
                return "earlier"
            continue
        if (
            (count and small_count(abs(v - pv), lo, hi))
            or small_count(abs(n - pn), lo, hi)
            or small_count(abs(d - pd_), lo, hi)
        ):
            return "earlier"
        if unit in COUNTED_NUMERATOR_UNITS and small_count(abs((d - n) - (pd_ - pn)), lo, hi):
            return "earlier"
    return None
