"""The council reports' charts of a whole: statuses by theme (``status_chart``), the budget
(``budget_chart``) and the Care Inspectorate's grades (``inspection_chart``). A measure's own
chart is ``trend``'s, the statutory functions' small multiples ``multiples``'."""

from __future__ import annotations

import math

import pandas as pd

from ..base import GRADE_NAMES
from ..shares import share_texts
from . import metrics
from .base import (
    MIN_FONT,
    PALETTE,
    PHONE_DRAWN,
    PHONE_WIDTH,
    SCREEN_WIDTH,
    STATUS_COLOURS,
    STATUS_HATCH,
    SYNTHETIC_MARK,
    Chart,
    tick_text,
    wrap,
)
from .svg import (
    STYLE,
    Axis,
    Svg,
    axis_line,
    bottom_ticks,
    box_handle,
    left_ticks,
    legend,
    legend_height,
    legend_width,
    text_width,
)


def status_chart(summary: pd.DataFrame, what: str = "measures") -> Chart:
    """Stacked bars of status counts by theme (the summary table, drawn)."""
    s = summary.drop(index="Total", errors="ignore")
    statuses = [c for c in s.columns if c != "Total" and s[c].sum() > 0]

    parts = []
    for theme, r in s.iterrows():
        counts = ", ".join(f"{int(r[st])} {st}" for st in statuses if r[st])
        parts.append(f"{theme}: {counts or 'none'}")
    alt = f"Stacked bar chart of {what} by status for each theme. " + "; ".join(parts) + "."
    segments = [(st, STATUS_COLOURS[st], STATUS_HATCH[st], [int(n) for n in s[st]]) for st in statuses]

    # a wide screen's (a half-page chart's width and a third more: it looked small, at a phone's width), a phone's,
    # and the committee paper's (a phone's width at a pixel a point, as before)
    def drawn(width: float, wrapped: int) -> str:  # five themes in the 85 mm a printed chart has (names of 2 lines)
        names = [wrap(t, wrapped) for t in s.index]
        three = width == PHONE_DRAWN and max((n.count("\n") for n in names), default=0) >= 2
        row = 0.55 if three else 0.42  # a phone's names of three lines: the rows further apart
        return _stacked_svg(names, segments, f"number of {what}", width, 1.2 + row * max(len(s), 1),
                            (0.5, 0.15, 0.6, 0.45), min(len(statuses), 3), alt)  # fmt: skip

    screen, phone, paper = drawn(SCREEN_WIDTH, 30), drawn(PHONE_DRAWN, 20), drawn(PHONE_WIDTH, 30)
    caption = f"Status of {what} by theme (the numbers are in the summary table)."
    return Chart(screen, alt, caption, phone=phone, printed=paper)


def _stacked_svg(names, segments, axis_title, width, height, margins, columns, alt, named: bool = False) -> str:
    """Stacked horizontal bars in SVG, one a row (the first at the top): ``segments`` (label,
    colour, hatching, a count a row) left to right, each count printed on its segment on a white
    ground (a hatched bar never strikes it through), the legend above in ``columns``; counts on a
    whole-number axis. Margins (left, right, top, bottom) in inches, as the matplotlib chart had them
    (the left one, at least: as wide as the widest name; the top one, as deep as the legend).
    ``named``: each count printed with its segment's name after the legend's number ("Good: 3"),
    where the segment is wide enough, so that a count is not read as the grade."""
    size, st = MIN_FONT, STYLE
    entries = [(label, box_handle(colour, hatch)) for label, colour, hatch, _ in segments]
    while columns > 1 and legend_width(entries, columns=columns) > 72 * width - 4:  # the legend within the chart
        columns -= 1
    # the names' margin as wide as the widest name, at least margins[0]; the plot as far down as the legend needs
    top = max(72 * margins[2], 0.5 * size + legend_height(entries, columns=columns) + 2)
    W, H = 72 * width, 72 * height + top - 72 * margins[2]
    x0 = max(
        72 * margins[0], st["tick_length"] + st["tick_pad"] + max((text_width(t, size) for t in names), default=0) + 4
    )
    x1, y0, y1 = W - 72 * margins[1], top, H - 72 * margins[3]
    n = len(names)
    totals = [sum(seg[3][i] for seg in segments) for i in range(n)]
    xa = Axis(0, max([*totals, 0]) * 1.05 or 1, x0, x1)
    # ``named``: where a segment is too narrow for its "Weak: 1", every row says its counts after its bar
    after = _counts_after(segments, xa, n, size) if named else {}
    if after:
        need = [totals[i] * (x1 - x0) / max(x1 - x0 - text_width(" " + t, size), 1.0) for i, t in after.items()]
        xa = Axis(0, max([*totals, *need, 0]) * 1.05 or 1, x0, x1)
    ya = Axis.bars(n, y0, y1)
    svg = Svg(W, H, alt)
    half = 0.4 * (ya(1) - ya(0))
    lefts = [0] * n
    for _label, colour, hatch, counts in segments:
        for i, c in enumerate(counts):
            if c:
                svg.rect(xa(lefts[i]), ya(i) - half, xa(lefts[i] + c) - xa(lefts[i]), 2 * half, colour, hatch, "white",
                         0.8, cls="bar")  # fmt: skip
                lefts[i] += c
    lefts = [0] * n
    for i, text in after.items():  # "Weak 1, Good 1" after the bar: a bare "1" read as the grade
        svg.text(xa(totals[i]) + text_width(" ", size), ya(i) + metrics.CAP * size / 2, text, size, cls="count")
    for label, _colour, _hatch, counts in segments:  # the counts over every bar
        for i, c in enumerate(counts):
            if c and i in after:
                lefts[i] += c
                continue
            if c:
                text = str(c)
                if named:
                    wide = f"{label.split(' ', 1)[-1]}: {c}"
                    text = wide if text_width(wide, size) + 0.5 * size <= xa(lefts[i] + c) - xa(lefts[i]) else text
                svg.text(xa(lefts[i] + c / 2), ya(i) + metrics.CAP * size / 2, text, size, "middle", cls="count",
                         ground=0)  # fmt: skip
                lefts[i] += c
    svg.line(x0, y1, x1, y1, axis_line(), "axis")
    svg.line(x0, y1, x0, y0, axis_line(), "axis")
    big = st["title_size"]
    left_ticks(svg, [ya(i) for i in range(n)], names, x0, size)
    ticks = xa.ticks(max(1, min(9, math.floor((x1 - x0) / (3 * big)))), integer=True)
    below = bottom_ticks(svg, [xa(t) for t in ticks], [f"{t:g}" for t in ticks], y1, big) + st["label_pad"]
    svg.text((x0 + x1) / 2, below + metrics.ASCENT * big, axis_title, big, "middle", cls="axis-title")
    top = y0 - 0.5 * size - legend_height(entries, columns=columns)
    half = legend_width(entries, columns=columns) / 2  # over the bars, or as near as the chart's edges let it
    legend(svg, min(max((x0 + x1) / 2, half + 2), W - half - 2), top, entries, columns=columns, centre=True)
    return str(svg)


def _counts_after(segments, xa, n: int, size: float) -> dict[int, str]:
    """Where a segment of a named stacked chart is too narrow for its "Weak: 1" (Dundee 2016/17
    printed a bare "1", read as the grade), what prints after each row's bar instead: its
    segments' names and counts ("Weak 1, Good 1"), every row alike; {} where every name fits."""
    narrow, lefts = False, [0] * n
    for label, _colour, _hatch, counts in segments:
        for i, c in enumerate(counts):
            if c:
                wide = f"{label.split(' ', 1)[-1]}: {c}"
                narrow = narrow or text_width(wide, size) + 0.5 * size > xa(lefts[i] + c) - xa(lefts[i])
                lefts[i] += c
    if not narrow:
        return {}
    said = {i: ", ".join(f"{lab.split(' ', 1)[-1]} {cs[i]}" for lab, _c, _h, cs in segments if cs[i]) for i in range(n)}
    return {i: t for i, t in said.items() if t}


def budget_chart(lines: pd.DataFrame, label: str) -> Chart:
    """Horizontal bars of budget by service line."""
    d = lines.sort_values("amount", ascending=True)
    total = d["amount"].sum()

    words = "; ".join(f"{r.line}: £{r.amount / 1e6:,.1f} million" for r in d.iloc[::-1].itertuples())
    alt = f"Bar chart of the {label} by service. {words}."
    caption = f"The {label} by service (£ million and share of the total)."
    # a wide screen's (as the status chart's: at a phone's width it looked small), a phone's, and the paper's (as before)
    screen, phone, paper = (_budget_svg(d, total, alt, w, wrapped)
                            for w, wrapped in ((SCREEN_WIDTH, 28), (PHONE_DRAWN, 18), (PHONE_WIDTH, 28)))  # fmt: skip
    return Chart(screen, alt, caption, phone=phone, printed=paper)


def _budget_svg(d: pd.DataFrame, total: float, alt: str, width: float = PHONE_WIDTH, wrapped: int = 28) -> str:
    """The budget's lines as horizontal bars in SVG (the largest at the top), each labelled with
    its amount and share beyond its end (the axis long enough for the longest to end inside the
    chart); the names' margin as wide as the widest name (each name in lines of ``wrapped``
    characters at most); as wide as a phone's screen at a pixel a point, or ``width`` inches
    (``PHONE_DRAWN``: drawn for a phone, shown at its width)."""
    size, st, big = MIN_FONT, STYLE, STYLE["title_size"]
    n = len(d)
    W, H = 72 * width, 72 * (0.9 + 0.4 * n)
    names = [wrap(name, wrapped) for name in d["line"]]
    x0 = st["tick_length"] + st["tick_pad"] + max((text_width(t, size) for t in names), default=0) + 4
    x1, y0, y1 = W - 72 * 0.15, 72 * 0.15, H - 72 * 0.45
    amounts = (d["amount"] / 1e6).to_list()
    texts = [f"£{a:,.1f}m ({s})" for a, s in zip(amounts, share_texts(d["amount"].to_list()), strict=True)]
    lo, hi = min([0.0, *amounts]), max([0.0, *amounts])
    lo -= 0.3 * (hi - lo) if lo < 0 else 0
    # the axis's end where each bar's label, after its end, still ends inside the chart (or 30% beyond the longest)
    beyond = [(a - lo) * (x1 - x0) / max(x1 - x0 - text_width(" " + t, size), 0.2 * (x1 - x0))
              for a, t in zip(amounts, texts, strict=True)]  # fmt: skip
    xa = Axis(lo, max([lo + 1.3 * (hi - lo), *(lo + b for b in beyond)]), x0, x1)
    ya = Axis.bars(n, y1, y0)  # the first line at the bottom
    svg = Svg(W, H, alt)
    half = 0.4 * abs(ya(1) - ya(0))
    for i, (a, text) in enumerate(zip(amounts, texts, strict=True)):
        svg.rect(xa(min(a, 0)), ya(i) - half, abs(xa(a) - xa(0)), 2 * half, PALETTE["blue"], cls="bar")
        svg.text(xa(a) + text_width(" ", size), ya(i) + metrics.CAP * size / 2, text, size, cls="amount")
    svg.line(x0, y1, x1, y1, axis_line(), "axis")
    svg.line(x0, y1, x0, y0, axis_line(), "axis")
    left_ticks(svg, [ya(i) for i in range(n)], names, x0, size)  # 9 pt
    ticks = xa.ticks(max(1, min(9, math.floor((x1 - x0) / (3 * big)))))
    below = (
        bottom_ticks(svg, [xa(t) for t in ticks], [tick_text(t, "number") for t in ticks], y1, big) + st["label_pad"]
    )
    svg.text((x0 + x1) / 2, below + metrics.ASCENT * big, "£ million", big, "middle", cls="axis-title")
    return str(svg)


def inspection_chart(grades: pd.DataFrame, synthetic: bool = False) -> Chart:
    """For each quality theme, how many services got each grade (1 unsatisfactory .. 6 excellent);
    ``synthetic``: some of the grades are made up (the caption says so)."""
    themes = list(grades.columns)
    counts = pd.DataFrame({t: grades[t].value_counts().reindex(range(1, 7), fill_value=0) for t in themes}).T
    colours = [
        PALETTE["vermillion"],
        PALETTE["orange"],
        PALETTE["yellow"],
        PALETTE["sky"],
        PALETTE["blue"],
        PALETTE["green"],
    ]
    hatches = ["xx", "//", "..", "--", "\\\\", ""]  # good, very good and excellent told apart without colour too
    names = {g: f"{g} {name}" for g, name in GRADE_NAMES.items()}

    parts = []
    for t, r in counts.iterrows():
        parts.append(
            t.replace("_", " ")
            + ": "
            + ", ".join(f"{int(r[g])} graded {names[g][2:].lower()}" for g in range(1, 7) if r[g])
        )
    alt = ("Stacked bar chart of Care Inspectorate grades by quality theme: the number of inspections given each "
           "grade. " + "; ".join(parts) + ".")  # fmt: skip
    segments = [(names[g], colours[g - 1], hatches[g - 1], [int(n) for n in counts[g]]) for g in range(1, 7)]
    # a wide screen's (as the status chart's: at a phone's width it looked small), a phone's, and the paper's (as before)
    screen, phone, paper = (_stacked_svg([wrap(t.replace("_", " ").capitalize(), wrapped) for t in counts.index],
                                         segments, "number of inspections", width, 1.5 + 0.4 * len(counts),
                                         (0.5, 0.15, 0.75, 0.45), 3, alt, named=True)
                            for width, wrapped in ((SCREEN_WIDTH, 18), (PHONE_DRAWN, 14), (PHONE_WIDTH, 18)))  # fmt: skip
    return Chart(
        screen,
        alt,
        "Care Inspectorate grades of registered services by quality theme."
        + (f" {SYNTHETIC_MARK} Some grades are synthetic, made up for illustration." if synthetic else ""),
        phone=phone,
        printed=paper,
    )
