"""The annual report's statutory functions as small multiples: one small bar chart a measure,
its years side by side, in as many columns as the page takes (``small_multiples``,
``multiples_columns``)."""

from __future__ import annotations

import math

from ..disclosure import SYMBOL
from ..formatting import fmt_value
from ..hidden import suppressed_columns as _hidden
from ..periods import Period
from ..status import synthetic_columns
from . import metrics
from .base import LABEL_PAD, MIN_FONT, PHONE_DRAWN, SYNTHETIC_MARK, Chart, bar_label, is_nan
from .svg import STYLE, Axis, Svg, axis_line, bottom_ticks, from_zero, panel_grid, text_width, wrap_to


def small_multiples(rows: list[dict], years: list[str], this_year: str, title: str, narrow: bool = False,
                    printed: bool = False) -> Chart:  # fmt: skip
    """Year-on-year values for several measures (statutory functions), one small panel each;
    ``narrow``: a panel fewer a row for a phone's screen, the chart ``PHONE_DRAWN`` wide at most;
    ``printed``: four panels a row where every bar's label fits its bar (the committee paper: a
    theme's seven measures in two rows, not three), the chart as wide."""
    n = len(rows)
    panels, all_years, all_labels, cols = _multiples_layout(rows, years, this_year, printed)
    width = 72 * 6.8
    if narrow:  # a panel fewer a row, the chart a phone's (PHONE_DRAWN, shown at the screen's width: its text 11 px,
        # COMMITTEE-8 #18; a panel as wide as three a row made it was 9 px, at a pixel a point)
        cols, width = max(cols - 1, 1), 72 * PHONE_DRAWN
        pw = (width - 72 * 0.3) / (cols + 0.3 * (cols - 1))
        if cols > 1 and any(wrap_to(p[0]["title"] + "\u00a0†", pw, MIN_FONT, 9).count("\n") > 2 for p in panels):
            cols -= 1  # a title in three lines at most, whole (its panel as wide as the chart)
    nrows = math.ceil(n / cols)

    parts = []
    for r in rows:
        gone = _hidden(r) | ({this_year} if "to_date" in _hidden(r) else set())
        vs = ", ".join(
            f"{lab} {SYMBOL} (suppressed)"
            if y in gone
            else f"{lab} {fmt_value(r.get(y), r['unit'], int(r['decimals']))}"
            for lab, y in zip(all_labels, all_years, strict=True)
            if y in gone or not is_nan(r.get(y))
        )
        why = {y: (r.get("year_notes") or {}).get("to_date" if y == this_year else y) for y in all_years}
        why = [f"{lab} no figure ({why[y]})" for lab, y in zip(all_labels, all_years, strict=True)
               if is_nan(r.get(y)) and why[y] and y not in gone]  # fmt: skip
        vs = ", ".join(filter(None, [vs, *why]))
        parts.append(f"{r['title']}: {vs or 'no data'}")
    alt = f"Small bar charts, one per measure, of {title} by year. " + "; ".join(parts) + "."
    made_up = any(synthetic_columns(r) for r in rows)
    missing = {}  # the reasons the data gives for missing figures, said once each in the caption
    for r in rows:
        for lab, y in zip(all_labels, all_years, strict=True):
            why = (r.get("year_notes") or {}).get("to_date" if y == this_year else y)
            if why and is_nan(r.get(y)):
                missing.setdefault((r["title"], why), []).append(lab)
    said = " ".join(f"{t}, {' and '.join(labs)}: {why}." for (t, why), labs in missing.items())
    caption = (
        f"{title}: year-on-year figures ({Period.parse(this_year).label} hatched; – no figure)."
        + (f" {said}" if said else "")
        + (f" {SYNTHETIC_MARK} Synthetic figures, made up for illustration." if made_up else "")
    )
    row = _row_height(cols, printed)
    return Chart(_multiples_svg(panels, [lab[2:] for lab in all_labels], cols, nrows, alt, width, row), alt, caption)


def multiples_columns(rows: list[dict], years: list[str], this_year: str, printed: bool = False) -> int:
    """The panels a row ``small_multiples`` draws for the screen or, ``printed``, on paper, worked
    out without drawing: the printed copy is another chart only where they differ."""
    return _multiples_layout(rows, years, this_year, printed)[3]


def multiples_printed_differ(rows: list[dict], years: list[str], this_year: str) -> bool:
    """Whether the printed small multiples are another chart than the screen's: more panels a
    row, or rows as short as four a row's (worked out without drawing)."""
    screen, paper = multiples_columns(rows, years, this_year), multiples_columns(rows, years, this_year, True)
    return screen != paper or _row_height(screen, False) != _row_height(paper, True)


def _row_height(cols: int, printed: bool) -> float:
    """A row of small multiples, in inches: four a row, each panel narrower and as much shorter;
    on paper every row is as short (room under a three-line title is kept): a theme's table,
    notes and chart fill the page the theme before leaves (Dundee 2016/17's public 6.5 took a
    page of its own for its last rows and chart, 44% full)."""
    return 1.35 if cols == 4 or printed else 1.55


def _multiples_layout(rows: list[dict], years: list[str], this_year: str, printed: bool) -> tuple:
    """``small_multiples``' panels (each measure's figures, its suppressed and its synthetic
    positions), its years and their labels, and the panels a row (before ``narrow``)."""
    n = len(rows)
    labels = [Period.parse(y).label for y in years]
    all_years = [*years, this_year]
    all_labels = [*labels, Period.parse(this_year).label]
    panels = []  # each measure's figures, its suppressed and its synthetic positions
    for r in rows:
        vals = [r.get(y) for y in all_years]
        hidden = {i for i, y in enumerate(all_years) if y in _hidden(r) or (y == this_year and "to_date" in _hidden(r))}
        marked = {i for i, y in enumerate(all_years) if y in synthetic_columns(r)
                  or (y == this_year and "to_date" in synthetic_columns(r))} - hidden  # fmt: skip
        shown = {i for i, v in enumerate(vals) if i not in hidden and not is_nan(v)}
        every = bool(shown) and shown <= marked  # all synthetic: marked once, on the title, not on each bar
        panels.append((r, vals, hidden, set() if every else marked, every))
    # three panels a row if every bar's label fits its bar's width (a label runs into the next
    # one's otherwise): two if not (at most three rows, 125 mm, printed at full size)
    texts = [bar_label(v, r["unit"], int(r["decimals"]), i in m)
             for r, vals, h, m, _ in panels for i, v in enumerate(vals) if i not in h and not is_nan(v)]  # fmt: skip
    widest = max((text_width(t, MIN_FONT) for t in texts), default=0)
    slot = 72 * (6.8 - 0.3) / (3 + 2 * 0.3) / (len(all_years) + 0.2)  # points a bar takes, three a row
    cols = min(3 if widest + 2 * LABEL_PAD < slot or math.ceil(n / 2) > 3 else 2, n)
    ticks = max(text_width(lab[2:], MIN_FONT) for lab in all_labels)  # "13/14" under its bar
    if printed and max(widest, ticks) + 2 * LABEL_PAD < slot * 3.6 / 4.9:  # four a row: each panel 3.6/4.9 as wide
        # and every title whole in three lines (COMMITTEE-11 #7: Dundee 2016/17's "Registered sex offenders subject
        # to statutory…" was cut off, four a row)
        pw = (72 * 6.8 - 72 * 0.3) / (4 + 0.3 * 3)
        marks = ["\u00a0" + SYNTHETIC_MARK if p[4] else "" for p in panels]
        if all(
            wrap_to(p[0]["title"] + m, pw, MIN_FONT, 9).count("\n") <= 2 for p, m in zip(panels, marks, strict=True)
        ):
            cols = min(4, n)
    return panels, all_years, all_labels, cols


def _multiples_svg(panels: list, ticks: list[str], cols: int, nrows: int, alt: str, width: float = 72 * 6.8,
                   row: float = 1.55) -> str:  # fmt: skip
    """The small multiples in SVG, 6.8 inches wide and 1.55 a row (two rows in 85 mm, three in
    125 mm: printed at full size, 8 pt): one panel of year bars a measure, each bar labelled with
    its figure (synthetic ones †, unless all are: then the panel's title says it once), a
    suppressed figure [c], a missing one –. Margins and gaps (shares of a panel, as matplotlib's
    ``hspace`` and ``wspace``) as the matplotlib chart had them (a little more between rows when
    a title below the first row takes three lines: it stays clear of the ticks above it)."""
    size, st = MIN_FONT, STYLE
    W, H = width, 72 * (row * nrows + 0.2)
    pw, ph, corner = panel_grid(W, H, (0.15, 0.15, 0.55, 0.3), cols, nrows, 0.3, 0.9)
    mark = [f"\u00a0{SYNTHETIC_MARK}" if p[4] else "" for p in panels]  # never on a line of its own
    headings = [wrap_to(p[0]["title"] + m, pw, size) for p, m in zip(panels, mark, strict=True)]  # in its panel
    # a title of three lines clear of the ticks above it; in the shorter rows of paper, one of two too (2.7 points
    # from the years above it, Dundee 2016/17's "Local authority welfare guardianship orders granted")
    if any(h.count("\n") == 2 or (row < 1.55 and h.count("\n") == 1) for h in headings[cols:]):
        # as far below them as in rows 1.55 inches tall, 1.1 of a panel (shorter rows: a larger share)
        gap = 1.1 * 72 * (1.55 * nrows - 0.65) / (nrows + 1.1 * (nrows - 1))
        hspace = gap * nrows / (H - 72 * 0.85 - gap * (nrows - 1))
        pw, ph, corner = panel_grid(W, H, (0.15, 0.15, 0.55, 0.3), cols, nrows, 0.3, hspace)
    svg = Svg(W, H, alt)
    for k, (r, vals, hidden, marked, _) in enumerate(panels):
        x0, y0 = corner(k)
        x1, y1 = x0 + pw, y0 + ph
        n = len(vals)
        shown = [float(v) for i, v in enumerate(vals) if i not in hidden and not is_nan(v)]
        xa = Axis(-0.6, n - 0.4, x0, x1)
        base, roof = from_zero(shown, 0.25)
        hi = max([0.0, *shown])  # the tallest bar
        labels = [bar_label(v, r["unit"], int(r["decimals"]), i in marked) for i, v in enumerate(vals)
                  if i not in hidden and not is_nan(v)]  # fmt: skip
        # labels wider than a bar's slot (98,538 101,822...) take two heights, every other one a
        # line higher: room for that line above the tallest bar
        stagger = max((text_width(t, size) for t in labels), default=0) + 2 * LABEL_PAD >= xa(1) - xa(0)
        room = 2 * st["line_spacing"] * size + 2 if stagger else 0
        roof = max(roof, (hi * ph - room * base) / (ph - room)) if stagger and hi > base else roof
        ya = Axis(base, roof, y1, y0)
        _svg_year_bars(svg, xa, ya, vals, r["unit"], int(r["decimals"]), "–", hidden, marked, stagger)
        svg.line(x0, y1, x1, y1, axis_line(), "axis")
        bottom_ticks(svg, [xa(i) for i in range(len(ticks))], ticks, y1, size)
        heading = headings[k]
        up = heading.count("\n") * st["line_spacing"] * size
        svg.text(x0, y0 - st["title_pad"] - metrics.DESCENT * size - up, heading, size, cls="title")
    return str(svg)


def _svg_year_bars(svg, xa, ya, values, unit: str, decimals: int, missing: str, hidden=(), marked=(),
                   stagger: bool = False) -> None:  # fmt: skip
    """One bar a year, labelled with its figure just over it (``marked`` positions are synthetic:
    †); the last (this year) dark and hatched. Positions in ``hidden`` are suppressed figures: no
    bar, the symbol [c]; a missing figure: ``missing``. ``stagger``: labels too wide for their
    bars, so they print on two fixed lines over the tallest bar, every other one (the second,
    fourth...) on the upper, a thin line down from a label above its bar's own height to the bar:
    staggered to each bar's own height, a lower figure printed higher than a taller bar's read as
    the taller."""
    size, st, n = MIN_FONT, STYLE, len(values)
    half = 0.4 * (xa(1) - xa(0))
    natural = [
        ya(0 if i in hidden or is_nan(v) else max(v, 0)) - 1 - metrics.DESCENT * size for i, v in enumerate(values)
    ]
    for i, v in enumerate(values):
        if i in hidden or is_nan(v):
            svg.text(xa(i), ya(0) - 1 - metrics.DESCENT * size, SYMBOL if i in hidden else missing, size, "middle",
                     cls="missing")  # fmt: skip
            continue
        latest = i == n - 1
        svg.rect(xa(i) - half, ya(max(v, 0)), 2 * half, abs(ya(0) - ya(v)), st["bar_latest" if latest else "bar"],
                 hatch="//" if latest else "", cls="bar latest" if latest else "bar")  # fmt: skip
        y = natural[i]
        if stagger:  # two fixed lines over the tallest bar: a label's height is never read as its bar's
            y = min(natural) - (st["line_spacing"] * size if i % 2 else 0)  # (COMMITTEE-5 #14: 46,986 over 48,576)
            if y < natural[i] - metrics.ASCENT * size:  # above the line its bar's own label would take: led to its bar
                svg.line(xa(i), y + metrics.DESCENT * size + 0.5, xa(i), ya(max(v, 0)) - 0.5,
                         {"stroke": "#7F7F7F", "width": 0.4}, "leader")  # fmt: skip
        svg.text(xa(i), y, bar_label(v, unit, decimals, i in marked), size, "middle", cls="bar-label")
