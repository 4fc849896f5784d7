"""The one disclosure rule for a public figure: whether it is hidden (``figure_hidden``), why
(``hidden_why``, worded by ``HIDDEN_WHY``), and how a public report says so (``public_why``,
``suppressed_words``, ``c_note``), in the council's own small numbers. ``swlib.disclosure`` applies it to the performance table; ``swlib.linked``,
``whole_parts``, ``shared_bases`` and ``population_rates`` to the figures of different rows a reader can set against each other.
"""

from __future__ import annotations

import math

from .amounts import small_range
from .base import SYMBOL, a_small_number, round_half_up
from .config import council_settings
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


def suppressed_words(row, column: str, lo: int, hi: int) -> str | None:
    """Why public suppression replaced ``column`` of a performance row, as a public report says
    it: ``public_why`` (the council's small numbers, ``lo`` to ``hi``), the same words whatever the
    reason in its ``suppressed_why`` ("to_date:small,last_year:earlier"); None where it has none.
    Saying which reason would say which side is small: "the cases that did not meet it" beside
    100% tells that 1 to 4 missed it. ``HIDDEN_WHY`` words each reason for the analyst
    (``suppressed_why`` stays in the table)."""
    why = dict(w.split(":") for w in filter(None, str(row.get("suppressed_why") or "").split(",")))
    return public_why(lo, hi) if why.get(column) in HIDDEN_WHY else None


def public_why(lo: int, hi: int) -> str:
    """Why a public report hides a figure, in the council's small numbers (``suppress_min`` to
    ``suppress_max``): "a number from 1 to 4 could otherwise be read or worked out from the
    published figures" (a council that hides 1 to 9 says 1 to 9)."""
    return f"{a_small_number(lo, hi)} could otherwise be read or worked out from the published figures"


def council_small(council: str | None) -> tuple[int, int]:
    """The small numbers a council's public reports hide (``suppress_min``, ``suppress_max``), as
    their words name them: 1 to 4 for no council, or where its settings cannot be read."""
    return small_range(council_settings, council) if council else (1, 4)


SUPPRESSED_SENTENCE = "Figure suppressed to protect confidentiality"  # a table prints [c] and says it once


def c_note(lo: int, hi: int) -> str:
    """The note under a table that prints [c], after the symbol: why a figure is hidden, a large
    one too (public D&G 2023/24 Q2 printed "[c]" for 2,376 of 3,681 and its FOI compliance under a
    note that said only "a number from 1 to 4 could otherwise be read or worked out": why a large
    figure is hidden was said pages later, in "About suppressed figures", COMMITTEE-9 #6). One line
    under a landscape table, as the shorter note was (a second line under each of D&G's seven
    tables with [c] cost its public paper a page); the same note under every table, so that it
    does not tell which [c] is large."""
    return (
        f"{SUPPRESSED_SENTENCE}: {a_small_number(lo, hi)} could otherwise be read from it, or worked out from it "
        f"by subtraction, so a large figure can be {SYMBOL} too."
    )


def is_small(x, lo: int, hi: int):
    """True where ``x`` is a count from lo to hi (missing values are not small)."""
    return (x >= lo) & (x <= hi)


def figure_hidden(
    points: list[tuple], unit: str, aggregate: str, lo: int, hi: int, decimals: int | None = None
) -> bool:
    """Whether the last of ``points`` (cumulative figures of one measure in one year as public
    reports print them, oldest first, each (value, numerator, denominator, parts)) must be
    suppressed: a count, numerator or denominator from lo to hi (an average of counts: also its
    total, the average times its periods), a small complement (denominator
    minus numerator: "67 of 70" tells that 3 did not), or a small difference from any figure
    printed before it in the year (the count, numerator, denominator or complement of the
    periods in between; for averages of counts, their totals)."""
    return hidden_why(points, unit, aggregate, lo, hi, decimals) is not None


HIDDEN_WHY = {  # why a figure is suppressed, as a public report's sentence says it
    "small": "it, or a number it is built on, is small",
    "complement": "a small number could be worked out from it by subtraction (the cases that did not meet it)",
    "earlier": "a small number could be worked out by subtracting it from a figure published earlier",
    "parts": "a small number could be worked out by subtracting it and the other parts from the total they make up",
}


def shown(x, decimals: int | None):
    """``x`` as a table prints it: rounded half up to ``decimals`` places (``base.round_half_up``,
    as ``formatting.fmt_value`` does), so that 4.4 at no decimals is the 4 a reader sees; ``x``
    itself where ``decimals`` is None or ``x`` is missing."""
    try:
        f = float(x)
    except (TypeError, ValueError):
        return x
    return f if decimals is None or math.isnan(f) else float(round_half_up(f, decimals))


def hidden_why(
    points: list[tuple], unit: str, aggregate: str, lo: int, hi: int, decimals: int | None = None
) -> str | None:
    """Why ``figure_hidden`` hides the last of ``points``: "small" (a count, numerator,
    denominator or total from lo to hi), "complement" (its denominator minus its numerator is),
    "earlier" (its difference from a figure printed before it in the year is); None when it
    is shown. ``HIDDEN_WHY`` words each.

    Each is tested as stored and as printed (ATTACK-9 #6): a count's value at ``decimals``
    places (the measure's; None: as stored only), numerators and denominators at none always ("40 of
    50"): 4.4 prints "4", 0.6 prints "1", and 10.4 then 14.45 print 10 and 14, 4 apart. So an
    average of counts that prints 1 to 4 is small whether its months add up to more or not
    (month-end counts 4, 5, 4 print "4")."""
    if not points:
        return None

    def small(raw, printed) -> bool:  # as stored, or as a reader sees it
        return small_count(raw, lo, hi) or small_count(printed, lo, hi)

    def sv(x):  # the value as printed
        return shown(x, decimals)

    def sc(x):  # a numerator or denominator as printed ("40 of 50"), whatever the value's decimals
        return shown(x, 0)

    v, n, d, k = points[-1]
    count = unit in COUNT_UNITS
    if (count and small(v, sv(v))) or small(n, sc(n)) or small(d, sc(d)):
        return "small"
    if aggregate == "mean" and count and small_count(v * k, lo, hi):
        return "small"  # an average of counts times its periods is their total: 0.7 a month over 3 months is 2
    if unit in COUNTED_NUMERATOR_UNITS and small(abs(d - n), abs(sc(d) - sc(n))):  # or a ratio's excess: 1.10
        return "complement"  # placements per child moved, 33 of 30, beside the 30 children: 3 more than one each
    # each figure printed earlier in the year, or of the same months before a revision; snapshots
    # too: "41 on the register, 44 last quarter" tells 3 left, net
    for pv, pn, pd_, pk in points[:-1]:
        if aggregate == "mean":  # an average of days or money: the cases it is over too (13 days over 3 children)
            if (count and small_count(abs(v * k - pv * pk), lo, hi)) or small(abs(d - pd_), abs(sc(d) - sc(pd_))):
                return "earlier"
            continue
        if (
            (count and small(abs(v - pv), abs(sv(v) - sv(pv))))
            or small(abs(n - pn), abs(sc(n) - sc(pn)))
            or small(abs(d - pd_), abs(sc(d) - sc(pd_)))
        ):
            return "earlier"
        if unit in COUNTED_NUMERATOR_UNITS and small(
            abs((d - n) - (pd_ - pn)), abs((sc(d) - sc(n)) - (sc(pd_) - sc(pn)))
        ):
            return "earlier"
    return None
