"""Numbers as a reader expects to see them: 92.1%, £75,400, 1,078, 9.4 days."""

from __future__ import annotations

import math
import re

from .base import STATUS_ICONS, SUPPRESSED, SYMBOL, TREND_ARROWS, round_half_up


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def fmt_value(value, unit: str, decimals: int = 0, *, suppressed: bool = False) -> str:
    if suppressed:
        return SYMBOL
    if _missing(value):
        return "–"
    d = round_half_up(value, decimals)
    body = f"{d:,.{int(decimals)}f}"
    if unit == "percent":
        return f"{body}%"
    if unit == "currency":
        return f"£{body}" if d >= 0 else f"-£{body[1:]}"
    if unit == "days":
        return f"{body} days"
    if unit == "hours":
        return f"{body} hours"
    return body


def cost_decimals(*values) -> int:
    """Decimals for a cost with none declared (an LGBF cost): whole pounds from £100 (£6,234),
    pence below (£25.50), the same for every figure of one row so that they line up."""
    known = [abs(float(v)) for v in values if not _missing(v)]
    return 0 if not known or max(known) >= 100 else 2


def lgbf_decimals(unit: str, scotland=None, values=()) -> int:
    """Decimals for an LGBF indicator's figures, the same for all of one indicator wherever it is
    printed (tables, sentences, charts, alt text): one for a percentage or a rate; a cost as its
    readers see it printed: pounds and pence for a cost per hour (£27.65, as the Improvement
    Service's workbook formats its cost cells, 0.00), whole pounds for a cost per week (£449,
    £4,110, as the councils' plans print their LGBF targets, and the workbook its CHN8b cells of
    2018/19 and 2019/20, 0). Scotland's figure (else the median of ``values``) decides which, by
    ``cost_decimals``'s £100, so that every figure of one indicator prints alike."""
    if unit != "currency":
        return 1
    if not _missing(scotland):
        return cost_decimals(scotland)
    known = sorted(float(v) for v in values if not _missing(v))
    return cost_decimals(known[len(known) // 2]) if known else 2


def fmt_money(amount: float, *, millions: bool = False) -> str:
    if _missing(amount):
        return "–"
    if millions:
        return f"£{amount / 1e6:,.1f} million"  # one decimal, as a sentence or a summary table prints millions
    return f"£{amount:,.0f}" if amount >= 0 else f"-£{-amount:,.0f}"


def status_text(status: str, source: str | None = None, by_figures: str | None = None) -> str:
    """A status as printed; an officer's own assessment says so, and the status by the figures
    beside it where that differs (``rag.by_the_figures``)."""
    if status == SUPPRESSED:
        return SYMBOL
    icon = STATUS_ICONS.get(status, "")
    text = f"{icon} {status}".strip()
    if source == "override":
        text += f" (officer assessment; by the figures: {by_figures})" if by_figures else " (officer assessment)"
    return text


def trend_text(trend: str) -> str:
    arrow = TREND_ARROWS.get(trend, "")
    return f"{arrow} {trend}".strip() if trend != "no comparison" else "no comparison"


def counts_behind(numerator, denominator) -> str:
    """ " (40 of 56)": the counts a percentage is built on, as councils print them."""
    if _missing(numerator) or _missing(denominator) or not denominator:
        return ""
    return f" ({numerator:,.0f} of {denominator:,.0f})"


def slug(text: str) -> str:
    """An id for a heading: lower case letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "section"
