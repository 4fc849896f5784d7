"""The benchmarking and national charts: a council's LGBF ranks, every council ranked on one
indicator (by family group), and the funnel plot with the councils outside it named."""

from __future__ import annotations

import math
import re

import pandas as pd

from ..formatting import fmt_value, lgbf_decimals
from ..national import SHORT_TITLES, figure_words, funnel_lines, price_label
from ..periods import Period
from . import metrics
from .base import (
    MIN_FONT,
    PALETTE,
    PHONE_DRAWN,
    PHONE_WIDTH,
    Chart,
    is_nan,
    short_label,
    tick_text,
    value_axis_label,
    wrap,
)
from .labels import place_labels
from .svg import (
    STYLE,
    Axis,
    Svg,
    axis_line,
    bottom_ticks,
    box_handle,
    from_zero,
    left_ticks,
    legend,
    legend_height,
    legend_width,
    line_handle,
    marker_handle,
    padded,
    text_height,
    text_width,
    value_axes,
    wrap_to,
)


def benchmark_chart(b: pd.DataFrame, council: str, cols: int = 6, printed: bool = False, prices=None) -> Chart:
    """For each indicator, all councils' values sorted best to worst: this council and its family
    highlighted. Each panel is titled by the indicator's name (its code after it); this council's
    bar is black and outlined, and marked under the axis with the council's name (found in a
    greyscale print, not by colour alone). Six panels a row for the landscape page the benchmarking
    table prints on, at full size; ``cols`` fewer for a phone's screen (the panels as wide, the chart
    narrower and taller); ``printed``: the bars lower, for the committee paper (the heading, its words,
    the charts and their caption on one landscape page). ``prices``: a cost's prices by indicator
    ("£ at 2020/21 prices"), said under its figure."""
    return benchmark_charts(b, council, [(cols, printed)], prices)[0]


def benchmark_charts(b: pd.DataFrame, council: str, layouts: list[tuple[int, bool]], prices=None) -> list[Chart]:
    """``benchmark_chart`` drawn in each of ``layouts`` (its ``cols`` and ``printed``), the panels'
    figures worked out once: a report's benchmarking is drawn three times of the same figures (the
    screen's, a phone's and the printed page's)."""
    codes = list(dict.fromkeys(b["lgbf"]))
    me = b[b["council"] == council]
    fam = int(me["family_group"].iloc[0]) if len(me) else None
    name = str(me["council_name"].iloc[0]) if len(me) and "council_name" in me else council

    parts = [
        f"{r.lgbf} {r.title}: ranked {int(r.rank)} of {int(r.of)}, "
        f"{fmt_value(r.value, r.unit, lgbf_decimals(r.unit, r.scotland_value))}"
        for r in me.itertuples()
        if not is_nan(r.rank)
    ]
    alt = (f"Small bar charts, one per benchmarking indicator, of every council's value sorted best to worst (a cost "
           f"lowest to highest); {name}'s bar "
           "is black, outlined and marked ▲ with its name under it, its family group's mid blue. " + "; ".join(parts) + ".")  # fmt: skip
    caption = (f"Where {name} stands among all Scottish councils on each indicator (black, outlined and marked "
               f"▲ {name}: this council; mid blue: its family group; light grey: the other councils).")  # fmt: skip
    panels = _benchmark_panels(b, codes, council, prices or {})
    svgs = (
        _benchmark_svg(panels, council, fam, cols, alt, name, 22.0 if printed else 30.0) for cols, printed in layouts
    )
    return [Chart(svg, alt, caption) for svg in svgs]


def _benchmark_panels(b: pd.DataFrame, codes: list, council: str, prices: dict | None = None) -> list[dict]:
    """Each indicator's panel as ``_benchmark_svg`` draws it in any layout: its name, its unit and
    what its value axis counts, its councils' values best to worst (each council with its family
    group), and the council's figure, year and rank."""
    groups = dict(tuple(b.groupby("lgbf", sort=False)))
    panels = []
    for code in codes:
        g = groups[code].sort_values("rank")
        values = g["value"].to_numpy(dtype=float)
        unit = g["unit"].iloc[0]
        row = g[g["council"] == council]
        rank = (
            f"{int(row['rank'].iloc[0])} of {len(g)}" if len(row) and not is_nan(row["rank"].iloc[0]) else "not ranked"
        )
        figure = ""
        if len(row) and not is_nan(row["value"].iloc[0]):  # the council's own figure and its year
            year = short_label(Period.parse(row["period"].iloc[0]).label)
            d = lgbf_decimals(unit, row["scotland_value"].iloc[0], values)  # as the benchmarking table prints it
            figure = f"{year}: {fmt_value(row['value'].iloc[0], unit, d)}, "
        panels.append({"name": panel_name(code, groups[code]["title"].iloc[0]), "unit": unit,
                       "axis": value_axis_label(unit, g["title"].iloc[0]), "values": values,
                       "councils": list(zip(g["council"], g["family_group"], strict=True)), "rank": figure + rank,
                       # a cost's prices under its figure: "19/20: £3,291" is 2019/20's cost at 2020/21 prices
                       "prices": _prices_words((prices or {}).get(code, "")) if unit == "currency" else ""})  # fmt: skip
    return panels


def _prices_words(label: str) -> str:
    """ "at 20/21 prices" from "£ at 2020/21 prices" (the figure's year is printed short beside it)."""
    m = re.search(r"(\d{4}/\d\d)", label)
    return f"at {short_label(m.group(1))} prices" if m else ""


def _with_prices(lines: list[str], prices: str, room: float, size: float) -> list[str]:
    """A panel's name with its prices ("at 20/21 prices") after its last line where that fits in
    ``room`` points (the panel and half the gap beside it), else on a line of their own."""
    if not prices:
        return lines
    if text_width(f"{lines[-1]} {prices}", size) <= room:
        return [*lines[:-1], f"{lines[-1]} {prices}"]
    return [*lines, prices]


def panel_name(code: str, title: str) -> str:
    """A benchmarking panel's title: the indicator's short name with its code after it
    ("Adults who had a say in their support (SW4d)"); the LGBF's own title where no short name is known."""
    return f"{SHORT_TITLES.get(code, title)} ({code})"


def _fit_lines(text: str, width: float, size: float, most: int) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` points, at most ``most`` of
    them (the last ending "…" where the text is longer)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        while text_width(lines[-1] + "…", size) > width and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += "…"
    return lines


def _benchmark_svg(panels: list[dict], council: str, fam, cols: int, alt: str, name: str = "",
                   bars: float = 30.0) -> str:  # fmt: skip
    """The benchmarking panels in SVG, drawn for the landscape page the benchmarking table prints
    on, at full size (8 pt). Each panel, top to bottom: the indicator's name (two lines at most)
    and code, the council's figure, year and rank, what the value axis counts, the bars, the
    council's name under its own bar, and "best → worst" ("lowest → highest" for a cost: rank 1 is
    simply the lowest cost, as the national overview says); the colours' key over them, one line.
    ``panels``: each indicator's, from ``_benchmark_panels``."""
    size, st = MIN_FONT, STYLE
    line = st["line_spacing"] * size
    W, gap, left, right = 72 * 10.2, 0.15, 72 * 0.1, 72 * 0.1
    pw = (W - left - right) / (6 + gap * 5)  # a panel's width, six a row across the landscape page
    if cols != 6:  # fewer a row (a phone's screen): as wide each, the chart narrower
        W = left + right + pw * (cols + gap * (cols - 1))
    names = [_fit_lines(p["name"], pw, size, 3) for p in panels]  # its code whole at 9 pt
    # a cost's prices after its name, into the gap beside it where they fit, else a line of their own
    names = [_with_prices(n, p["prices"], pw * (1 + gap / 2), size) for n, p in zip(names, panels, strict=True)]
    head = max(len(n) for n in names) + 2  # the name's lines, the figure and rank, the axis's unit
    # the bars lower than at 8 pt: room for a name's third line at 9 pt
    ph, top_pad, tick_half = bars, 1.0, metrics.CAP / 2 * size
    under = (
        st["tick_length"] + st["tick_pad"] + 1.5 + 2 * line + metrics.DESCENT * size
    )  # the council's name, best → worst
    row_h = top_pad + head * line + tick_half + ph + under + 4
    # the colours' key over the grid, in one line: it printed a page after the charts (COMMITTEE-5 #3)
    key = [(f"▲ {name or council}: this council", box_handle(PALETTE["black"])),
           ("its family group", box_handle(PALETTE["sky"])), ("the other councils", box_handle("#D9D9D9"))]  # fmt: skip
    # in as many columns as the chart's width takes (a phone's: one under another, COMMITTEE-8 #19: it ran off the screen)
    columns = next((c for c in (3, 2) if legend_width(key, columns=c) <= W - left - right), 1)
    off = math.ceil(legend_height(key, columns=columns) + 0.6 * size)  # whole points: the rows drawn as before, lower
    H = math.ceil(len(panels) / cols) * row_h + off
    svg = Svg(W, H, alt)
    legend(svg, min(W / 2, left + legend_width(key, columns=columns) / 2), top_pad, key, columns=columns, centre=True)
    for k, p in enumerate(panels):
        x0 = left + (k % cols) * pw * (1 + gap)
        x1 = x0 + pw
        y0 = off + (k // cols) * row_h + top_pad + head * line + tick_half  # the plot's top
        y1 = y0 + ph
        values, unit = p["values"], p["unit"]
        n = len(values)
        shown = [v for v in values if not math.isnan(v)]
        lo, hi = from_zero(shown, 0.05)
        ya = Axis(lo, hi, y1, y0)
        # the value axis: its ticks in the indicator's unit (£20, 40%) and, above it, what it counts
        ticks = ya.ticks(2) if hi > lo else [0.0]
        marks = [tick_text(t, unit) for t in ticks]
        xv = x0 + max(text_width(t, size) for t in marks) + st["tick_length"] + st["tick_pad"]
        left_ticks(svg, [ya(t) for t in ticks], marks, xv, size)
        svg.line(xv, y1, xv, y0, axis_line(), "axis")
        above = y0 - tick_half - metrics.DESCENT * size - 1  # clear of the top tick's label
        svg.text(x0, above, p["axis"], size, cls="axis-title")
        xa = Axis.bars(n, xv, x1)
        half = 0.4 * (xa(1) - xa(0))
        mine_at = None
        for i, (v, (c, f)) in enumerate(zip(values, p["councils"], strict=True)):
            if math.isnan(v):
                continue
            mine = c == council
            if mine:  # black, a little wider and outlined: found without colour
                mine_at = xa(i)
                svg.rect(xa(i) - 1.5 * half, ya(max(v, 0)), 3 * half, abs(ya(0) - ya(v)), PALETTE["black"],
                         edge=PALETTE["black"], edge_width=0.8, cls="bar this-council")  # fmt: skip
                continue
            colour = PALETTE["sky"] if f == fam else "#D9D9D9"
            svg.rect(xa(i) - half, ya(max(v, 0)), 2 * half, abs(ya(0) - ya(v)), colour, cls="bar")
        svg.line(xv, y1, x1, y1, axis_line(), "axis")
        below = y1 + st["tick_length"] + st["tick_pad"] + metrics.ASCENT * size
        if mine_at is not None:  # "▲ Dundee City" under the council's bar, within the panel
            svg.marker(mine_at, y1 + 4.5, "^", 30.0, PALETTE["black"], cls="this-council-mark")
            w = text_width(name, size)
            svg.text(min(max(mine_at - w / 2, x0), x1 - w), below + 1.5, name, size, cls="this-council-label")
        title_top = off + (k // cols) * row_h + top_pad + metrics.ASCENT * size
        svg.text(x0, title_top, "\n".join([*names[k], p["rank"]]), size, cls="title")
        order = "lowest → highest" if unit == "currency" else "best → worst"  # a cost's rank 1 is simply the lowest
        svg.text((xv + x1) / 2, below + 1.5 + line, order, size, "middle", cls="axis-title")
    return str(svg)


FAMILY_MARKERS = {1: ("o", "family group 1 (most deprived)"), 2: ("s", "family group 2"), 3: ("^", "family group 3"),
                  4: ("D", "family group 4 (least deprived)")}  # fmt: skip


def rank_chart(g: pd.DataFrame, title: str, width: float = 3.45) -> Chart:
    """All councils on one indicator, best at the top: a dot each, shaped by family group, and
    Scotland's figure as a line. ``width`` (inches): the column it prints in beside its table
    (views.national.RANK_WIDTH), so that its text prints at 8 pt."""
    g = g.sort_values(["rank", "council_name"])
    unit = g["unit"].iloc[0]
    scotland = float(g["scotland_value"].iloc[0])
    price = g["price_year"].iloc[0] if "price_year" in g else None
    axis_words = {"percent": "Per cent", "rate": "Per 1,000", "days": "Days", "hours": "Hours"}.get(unit, "")
    if unit == "currency":
        axis_words = price_label(price if isinstance(price, str) else None) or "£ (cash)"

    best, worst = g.iloc[:3], g.iloc[-3:]
    d = lgbf_decimals(unit, scotland, g["value"])  # as the table beside it prints them
    f = lambda r: f"{r.council_name} {fmt_value(r.value, unit, d)}"  # noqa: E731
    cost = unit == "currency" and g["polarity"].iloc[0] in ("higher", "lower")  # lower or higher, not better or worse
    top = f"{'lowest' if g['polarity'].iloc[0] == 'lower' else 'highest'} cost" if cost else "best"
    alt = (f"Dot chart of {title} for all {len(g)} councils, {top} first. Scotland {fmt_value(scotland, unit, d)}. "
           f"{top[0].upper() + top[1:]}: {'; '.join(f(r) for r in best.itertuples())}. Last: {'; '.join(f(r) for r in worst.itertuples())}.")  # fmt: skip
    caption = f"{title}: every council ranked, {top} at the top; the marker's shape is the council's family group."
    return Chart(_rank_svg(g, unit, scotland, axis_words, alt, width, d), alt, caption)


def _rank_svg(g: pd.DataFrame, unit: str, scotland: float, axis_words: str, alt: str, width: float, d: int) -> str:
    """The rank chart in SVG, drawn for its column beside its table (``width``), so that it prints
    at full size (8 pt); its title is the table's caption beside it, and the figure's caption
    under it. The councils named where tick labels would be; margins in inches as the matplotlib
    chart had them."""
    n, size, st = len(g), STYLE["font_size"], STYLE
    scot = {"stroke": PALETTE["vermillion"], "width": 1.2, "dash": (3.7, 1.6)}
    entries = [(wrap(words, 18), marker_handle(marker, 22, PALETTE["blue"], PALETTE["blue"], 1))
               for fg, (marker, words) in FAMILY_MARKERS.items() if (g["family_group"] == fg).any()]  # fmt: skip
    entries.append((f"Scotland {fmt_value(scotland, unit, d)}", line_handle(scot)))
    W = 72 * width
    # the legend in two columns where they fit the width (its handles and the gap shortened if need be), else one
    fits = ((h, gap) for h, gap in ((2.0, 2.0), (1.2, 1.0)) if legend_width(entries, h, 2, gap) <= W - 2)
    columns, (handle, gap) = next(((2, f) for f in fits), (1, (2.0, 2.0)))
    # a row a council, as far apart as the names' height (text of size 8 keeps the matplotlib chart's spacing)
    row = max(0.135 * 72, 1.12 * size) * 1.1 * max(n - 1, 1) / n
    under = (st["tick_length"] + st["tick_pad"] + 2 * (metrics.ASCENT + metrics.DESCENT) * size + st["label_pad"]
             + 0.9 * size + legend_height(entries, 0.5, columns) + 0.3 * size)  # ticks, axis title, legend  # fmt: skip
    H = 72 * 0.15 + row * n + under
    names = [f"{int(r)}. {name}" for r, name in zip(g["rank"], g["council_name"], strict=True)]
    x0, x1, y0, y1 = max(72 * 1.6 * size / 8, max(text_width(t, size) for t in names) + 3.5 + 0.5 * size), W - 72 * 0.1, 72 * 0.15, H - under  # fmt: skip
    values = g["value"].to_numpy(dtype=float)
    xa = Axis(*padded([*values, scotland], 0.05), x0, x1)
    ya = Axis(-0.05 * (n - 1), 1.05 * (n - 1), y0, y1) if n > 1 else Axis(-0.5, 0.5, y0, y1)  # best at the top
    svg = Svg(W, H, alt)
    svg.line(xa(scotland), y0, xa(scotland), y1, scot, "scotland")
    for fg, (marker, _words) in FAMILY_MARKERS.items():
        for y, (v, f) in enumerate(zip(values, g["family_group"], strict=True)):
            if f == fg and not math.isnan(v):
                svg.marker(xa(v), ya(y), marker, 22, PALETTE["blue"], PALETTE["blue"], 1, cls=f"point family-{fg}")
    for y, name in enumerate(names):
        svg.text(x0 - 3.5, ya(y) + metrics.CAP * size / 2, name, size, "end", cls="council")
    svg.line(x0, y1, x1, y1, axis_line(), "axis")
    svg.line(x0, y1, x0, y0, axis_line(), "axis")
    ticks = _spaced_ticks(xa, max(1, min(9, math.floor((x1 - x0) / (3 * size)))), size)
    below = (
        bottom_ticks(svg, [xa(t) for t in ticks], [tick_text(t, "number") for t in ticks], y1, size) + st["label_pad"]
    )
    svg.text((x0 + x1) / 2, below + metrics.ASCENT * size, axis_words, size, "middle", cls="axis-title")
    top = below + (metrics.ASCENT + metrics.DESCENT) * size + 0.9 * size
    legend(svg, W / 2, top, entries, handle, columns=columns, centre=True, gap=gap)  # under the chart, inside it
    return str(svg)


def _spaced_ticks(xa: Axis, bins: int, size: float) -> list[float]:
    """At least two ticks on a value axis, their labels clear of one another: the fewest bins
    from ``bins`` up that give two ticks in view, every other one left out where labels would touch."""
    for b in range(bins, 10):
        ticks = xa.ticks(b)
        if len(ticks) >= 2:
            break
    while len(ticks) > 2:
        gap = abs(xa(ticks[1]) - xa(ticks[0]))  # evenly spaced
        if gap >= max(text_width(tick_text(t, "number"), size) for t in ticks) + size:
            break
        ticks = ticks[::2]
    return ticks


MARKER_R = {"outside": math.sqrt(24) / 2 * 1.25, "within": math.sqrt(16) / 2}  # a diamond's, a dot's (Svg.marker)


def funnel_chart(f: pd.DataFrame, title: str) -> Chart:
    """A funnel plot as ``national.funnel`` computed it: each council's figure against what its
    figure counts, the centre, the 95% and 99.8% limits used (widened for over-dispersion where
    phi > 1) and, faint, the 99.8% limits chance alone would give; councils outside named."""
    a = f.attrs
    centre, outside = a["centre"], f[f["outside"] != ""]
    names = "; ".join(f"{r.council_name} ({r.outside}, {figure_words(r.value, r.y, a)})" for r in outside.itertuples())
    low = lambda t: t[:1].lower() + t[1:]  # noqa: E731  "Scotland's rate" keeps its capital
    alt = (f"Funnel plot of {title}, {a['year']}: {len(f)} councils, {low(a['y_title'])} against "
           f"{low(a['x_title'])}, centred on {centre:,.1f}, with 95% and 99.8% limits, "
           + ("widened because the councils differ more than chance alone explains. "
              if a["adjusted"] else "not widened: the councils differ no more than chance. ")
           + (f"{len(outside)} outside the 99.8% limits: {names}." if len(outside) else "None outside the 99.8% limits."))  # fmt: skip
    caption = (f"{title}: councils further from the centre than chance and the usual variation between councils "
               "would explain lie outside the dotted 99.8% limits.")  # fmt: skip
    return Chart(_funnel_svg(f, title, alt), alt, caption, phone=_funnel_svg(f, title, alt, PHONE_DRAWN))


def _funnel_svg(f: pd.DataFrame, title: str, alt: str, width: float = PHONE_WIDTH) -> str:
    """The funnel plot in SVG, as wide as a phone's screen (``PHONE_WIDTH``) and 5.5 inches deep
    with its legend (margins as the matplotlib chart had them): what each council's figure counts on
    a log axis (ticks at 1, 2 and 5 of each power of ten, labelled), the centre and limits as
    ``funnel_lines`` gives them, the value axis from 0 where it would run below (none of these figures
    can be negative), the councils outside named each beside its own point, on white, no name over
    another or over a point and each nearer its own point than any other (``labels.place_labels``:
    two diamonds close together get their names on either side; the value axis grows where the names
    do not fit), and under the plot the legend (two columns where they fit) and the over-dispersion note.
    ``width`` (inches): ``PHONE_DRAWN`` for a phone, shown at its width (COMMITTEE-8 #18)."""
    a, lines = f.attrs, funnel_lines(f)
    size, st = STYLE["font_size"], STYLE
    big = size + 0.5  # the axes' titles
    styles = {
        "centre": {"stroke": PALETTE["black"], "width": 1.0, "dash": None},
        "95": {"stroke": PALETTE["grey"], "width": 1.0, "dash": (3.7, 1.6)},
        "99.8": {"stroke": PALETTE["black"], "width": 1.3, "dash": (1.0, 1.65)},
        "plain": {"stroke": PALETTE["sky"], "width": 0.9, "dash": None},
    }
    outside = f[f["outside"] != ""]
    entries = [(wrap(f"centre: {a['centre_label']}", 28), line_handle(styles["centre"])),
               ("95% limits", line_handle(styles["95"])), ("99.8% limits", line_handle(styles["99.8"]))]  # fmt: skip
    if a["adjusted"]:
        entries.append(("99.8% limits of chance\nalone", line_handle(styles["plain"])))
    entries.append(("council within the limits", marker_handle("o", 16, PALETTE["grey"], PALETTE["grey"], 1)))
    if len(outside):
        entries.append(
            ("council outside the 99.8% limits", marker_handle("D", 24, PALETTE["orange"], PALETTE["orange"], 1))
        )
    note = ("Limits widened: councils differ\nmore than chance explains"
            if a["adjusted"] else "Limits not widened: councils\ndiffer no more than chance")  # fmt: skip
    W = 72 * width
    columns = 2 if legend_width(entries, columns=2) <= W - 4 else 1
    heading = wrap_to(f"{title}, {a['year']}", W - 72 * 0.9 - 2, st["title_size"])
    up = heading.count("\n") * st["line_spacing"] * st["title_size"]
    x0, x1 = 72 * 0.9, W - 72 * 0.15
    x_title = wrap_to(a["x_title"], x1 - x0, big)
    y0 = max(72 * 0.45, st["title_pad"] + up + (metrics.ASCENT + metrics.DESCENT) * st["title_size"] + 2)
    # under the plot: its ticks, the axis's title, the legend and the note, the chart 5.5 inches deep in all
    tick_band = st["tick_length"] + st["tick_pad"] + (metrics.ASCENT + metrics.DESCENT) * size + st["label_pad"]
    x_band = text_height(x_title, big) + 0.9 * size
    key_band = legend_height(entries, columns=columns) + 0.6 * size + text_height(note, size) + 4
    H = max(72 * 5.5, y0 + 72 * 3.3 + tick_band + x_band + key_band)
    y1 = H - tick_band - x_band - key_band
    lo_x, hi_x = math.log10(lines["x"].iloc[0]), math.log10(lines["x"].iloc[-1])
    xa = lambda v: x0 + (math.log10(v) - lo_x) / (hi_x - lo_x) * (x1 - x0)  # noqa: E731
    cols = [
        "upper_95",
        "lower_95",
        "upper_99.8",
        "lower_99.8",
        *(["plain_upper_99.8", "plain_lower_99.8"] if a["adjusted"] else []),
    ]
    # none of these figures can be negative: the value axis stops at 0 (COMMITTEE-8 #11: SW8's ran to -50)
    lo, hi = padded([a["centre"], *f["y"], *(v for c in cols for v in lines[c])], 0.05)
    lo = max(lo, 0.0)
    sides = set(outside["outside"])
    named = [(k, text_width(r.council_name, size), r.outside) for k, r in enumerate(f.itertuples()) if r.outside]
    for attempt in range(6):  # each name beside its own point; the axis grows on a side where they do not fit
        ya = Axis(lo, hi, y1, y0)
        points = [(xa(r.x), ya(r.y), MARKER_R["outside" if r.outside else "within"]) for r in f.itertuples()]
        placed = place_labels(points, named, (x0 + 1, y0, x1, y1 - 1), size, anyhow=attempt == 5)
        if placed is not None:
            break
        grow = (hi - lo) * 0.06
        hi += grow if "above" in sides else 0
        lo = max(0.0, lo - grow) if "below" in sides else lo
    svg = Svg(W, H, alt)
    xs = [xa(v) for v in lines["x"]]
    svg.line(x0, ya(a["centre"]), x1, ya(a["centre"]), styles["centre"], "centre")
    for c in cols:
        kind = "plain" if c.startswith("plain") else c.split("_")[1]
        svg.polyline(zip(xs, (ya(v) for v in lines[c]), strict=True), styles[kind], f"limit-{kind}")
    for r in f.itertuples():
        if r.outside:
            svg.marker(xa(r.x), ya(r.y), "D", 24, PALETTE["orange"], PALETTE["orange"], 1, cls="council outside")
        else:
            svg.marker(xa(r.x), ya(r.y), "o", 16, PALETTE["grey"], PALETTE["grey"], 1, cls="council")
    for (k, _w, _side), p in zip(named, placed, strict=True):
        if p.leader:
            svg.line(*p.leader, {"stroke": PALETTE["grey"], "width": 0.6, "dash": None})
        left, top, right, bottom = p.box  # on white: a limit line does not strike the name through
        svg.rect(left, top, right - left, bottom - top, "white", cls="name-ground")
        svg.text(p.x, p.baseline, f["council_name"].iloc[k], size, cls="name")
    value_axes(svg, ya, x0, x1, y0, y1, lambda t: tick_text(t, "number"), wrap(a["y_title"], 36), big)
    for k in range(math.floor(lo_x), math.ceil(hi_x) + 1):
        for m in range(1, 10):
            v = m * 10**k
            if not lo_x <= math.log10(v) <= hi_x:
                continue
            major = m in (1, 2, 5)
            tick = axis_line() if major else {**axis_line(), "width": 0.6}
            svg.line(xa(v), y1, xa(v), y1 + (st["tick_length"] if major else 2), tick)
            if major:
                svg.text(xa(v), y1 + st["tick_length"] + st["tick_pad"] + metrics.CAP * size, f"{v:,.0f}", size,
                         "middle", cls="tick x")  # fmt: skip
    below = y1 + tick_band
    svg.text((x0 + x1) / 2, below + metrics.ASCENT * big, x_title, big, "middle", cls="axis-title")
    svg.text(x0, y0 - st["title_pad"] - metrics.DESCENT * st["title_size"] - up, heading, st["title_size"], cls="title")
    key = below + x_band
    half = legend_width(entries, columns=columns) / 2
    bottom = legend(svg, min(max(W / 2, half + 2), W - half - 2), key, entries, columns=columns, centre=True)
    svg.text(W / 2, bottom + 0.6 * size + metrics.ASCENT * size, note, size, "middle", cls="note")
    return str(svg)
