"""The SPC chart: a run of figures with its centre line, process limits, target and special causes
(told apart by marker as well as colour), written straight to SVG (``svg``)."""

from __future__ import annotations

import math

import pandas as pd

from ..formatting import fmt_value
from ..periods import ONE_PERIOD_WORDS, Period
from ..sustained import SPECIAL_WORDS, shown_point_types, sustained_words
from . import metrics
from .base import (
    HALF_PAGE,
    PALETTE,
    PHONE_DRAWN,
    PHONE_WIDTH,
    SYNTHETIC_MARK,
    Chart,
    is_nan,
    short_label,
    tick_text,
    value_axis_label,
)
from .svg import (
    STYLE,
    Axis,
    Svg,
    bottom_ticks,
    legend,
    legend_height,
    legend_width,
    line_handle,
    marker_handle,
    padded,
    text_width,
    value_axes,
    wrap_to,
)

POINT_STYLE = {  # colour and shape: special causes are told apart by marker as well as colour
    "common_cause": (PALETTE["grey"], "o", "common cause"),
    "special_cause_improvement": (PALETTE["blue"], "s", f"special cause: {SPECIAL_WORDS['special_cause_improvement']}"),
    "special_cause_concern": (PALETTE["orange"], "D", f"special cause: {SPECIAL_WORDS['special_cause_concern']}"),
    "special_cause_neutral_high": (
        PALETTE["purple"],
        "^",
        f"special cause: {SPECIAL_WORDS['special_cause_neutral_high']}",
    ),
    "special_cause_neutral_low": (
        PALETTE["purple"],
        "v",
        f"special cause: {SPECIAL_WORDS['special_cause_neutral_low']}",
    ),
    # a sustained rise or fall over most of the chart (``swlib.sustained``): its earlier points are part of it
    "sustained_rise": (PALETTE["grey"], "^", "part of the\nsustained rise"),
    "sustained_fall": (PALETTE["grey"], "v", "part of the\nsustained fall"),
}


def spc_chart(chart: pd.DataFrame, title: str, unit: str, decimals: int, target=None, half: bool = False,
              target_label: str | None = None, phone: bool = False) -> Chart:  # fmt: skip
    """The SPC chart swlib computed: values, mean, process limits, target, special causes marked;
    the value axis titled with its unit, the latest point labelled with its figure and period and
    the latest period on the axis. ``chart.attrs["synthetic"]`` (set by ``measure_spc.long_trend``)
    marks a chart built on synthetic figures. ``half``: drawn for half a landscape page (a measure
    needing attention, beside its years), the legend in the right margin from the top.
    ``target_label``: the target's legend entry where it is not "target <figure>" (a share of the
    year's: ``measure_spc.spc_target_words``). ``phone``: drawn a second time for a phone's
    screen too (``PHONE_DRAWN``: the chart's ``phone``)."""
    labels = list(chart["label"])
    short = [short_label(lab) for lab in labels]
    marks = chart["synthetic"].to_numpy(dtype=bool) if "synthetic" in chart else [False] * len(chart)
    made_up = any(marks)
    last = chart.iloc[-1]
    # a cost in real terms runs only to the LGBF's last year: its last point is not called the
    # latest where the council's cash figures of later years are printed beside it; its label names
    # its prices, so that it is not read as the cash figure of a year beside it (£4,854 and £4,853)
    py = chart.attrs.get("price_year")
    price_year = Period.parse(py).label if py else ""
    prices = short_label(price_year)
    first_word = f"last in real terms (at {price_year} prices)" if py else "latest"
    figure = fmt_value(last["value"], unit, decimals) + (f" {SYNTHETIC_MARK}" if marks[-1] else "")
    latest = (  # lines no wider than the legend's margin (at 9 pt)
        f"last, {short[-1]}, at\n{prices} prices:\n{figure}" if py else f"latest, {short[-1]}:\n{figure}"
    )
    which = [lab for lab, m in zip(labels, marks, strict=True) if m]  # " for 2021/22 and 2022/23": which are made up
    some = (
        ""
        if all(marks) or not which
        else " for " + (", ".join(which[:-1]) + " and " if len(which) > 1 else "") + which[-1]
    )

    special = chart[chart["point_type"] != "common_cause"]
    sustained = sustained_words(chart)
    if sustained:  # the latest point's reading only: the earlier ones are part of the rise or fall
        special = special.iloc[len(special) - 1 :] if special.index[-1] == chart.index[-1] else special.iloc[:0]
    first = chart.iloc[0]
    alt = (
        f"SPC chart ({chart.attrs.get('method', 'XmR chart')}) of {title}, {len(chart)} points from {first['label']} to {last['label']}"
        + (f" (synthetic figures{some})" if made_up else "") + ". "
        f"Mean {fmt_value(last['mean'], unit, decimals)}, process limits {fmt_value(last['lpl'], unit, decimals)} to {fmt_value(last['upl'], unit, decimals)}. "
        f"{first_word.capitalize()} {fmt_value(last['value'], unit, decimals)} ({last['label']}). "
        + (sustained + " " if sustained else "")
        + (f"{len(special)} point(s) show special cause variation: " + "; ".join(f"{r.label} ({POINT_STYLE[r.point_type][2]})" for r in special.itertuples()) + "." if len(special) else "No special cause variation." if not sustained else "")
    )  # fmt: skip
    kind = Period.parse(last["period"]).kind if "period" in chart else "year"
    own = ONE_PERIOD_WORDS.get(kind)
    caption = (
        f"{title}: statistical process control chart to {last['label']}. "
        + (sustained or "Points outside the dashed limits, or in runs and trends, are marked as special causes.")
        + (f" Each point is one {own} on its own, not the year to date." if own else "")
        + (f" {SYNTHETIC_MARK} Synthetic figures{some}, made up for illustration." if made_up else "")
    )
    tag = f" ({SYNTHETIC_MARK} {'synthetic figures' if all(marks) else 'some figures synthetic'})" if made_up else ""
    # half a page: under the measure's heading, the chart names only what kind it is
    real = f", real terms at {price_year} prices" if py else ""  # beside a cash chart: which is which
    # each point one month (quarter, year): said over a half-page chart, beside a year to date's
    # bars (0.84 days in September is not the 4.92 days of the year to date), and under its time axis
    each = own or "year"
    heading = f"Statistical process control, each {each}" + real + tag if half else title + tag
    drawn = [_draw(chart, short, heading, (value_axis_label(unit, title), each), unit, decimals, target, latest, half,
                   alt, target_label, on_phone) for on_phone in (False, True)[: 1 + phone]]  # fmt: skip
    return Chart(drawn[0], alt, caption, phone=drawn[-1] if phone else "")


def _fitted(label: str, room: float, size: float) -> str:
    """A legend label with each line wider than ``room`` points broken at its spaces ("a month
    (9.00 days ÷ 12)" over two lines); a label that fits is left as it is."""

    def fit(line: str) -> str:
        if text_width(line, size) <= room:
            return line
        head, bracket, tail = line.partition(" (")  # its bracket on a line of its own where that fits
        if bracket and max(text_width(head, size), text_width("(" + tail, size)) <= room:
            return f"{head}\n({tail}"
        return wrap_to(line, room, size)

    return "\n".join(fit(line) for line in label.split("\n"))


def _draw(chart, short, heading, axis_titles, unit, decimals, target, latest, half, alt, target_label=None,
          phone: bool = False) -> str:  # fmt: skip
    """The chart in SVG: drawn for half a landscape page (``HALF_PAGE``), the legend in the right
    margin from the top, running on below the plot clear of the latest period's tick label; or
    as wide as a phone's screen (``PHONE_WIDTH``), the legend in a right margin as wide as the
    legend from the chart's top, the title over the plot up to the legend (three lines at most),
    the chart at least as deep as the legend. Margins in inches, as the matplotlib chart had them. Its
    text is STYLE's ``font_size`` (``MIN_FONT`` unless drawn ``styled``). ``axis_titles``: what the
    value axis counts and what one point of the time axis is ("month"), said under its ticks.
    ``phone``: drawn for a phone's screen (``PHONE_DRAWN``), the title over the plot across the
    chart, the legend under the time axis (two columns where they fit), the plot the chart's width."""
    size, st = STYLE["font_size"], STYLE
    axis_title, time_title = axis_titles
    has_target = target is not None and not is_nan(target)
    entries = [("mean", line_handle(st["mean"])), ("process limits", line_handle(st["limits"]))]
    if has_target:
        entries.append((target_label or f"target {fmt_value(target, unit, decimals)}", line_handle(st["target"])))
    kinds = shown_point_types(chart)
    for kind, (colour, marker, words) in POINT_STYLE.items():
        if kind in kinds:
            entries.append((words.replace(": ", ":\n"), marker_handle(marker, 28, colour)))
    entries.append((latest, marker_handle("o", 90, "none", PALETTE["black"], 1.2)))
    handle = 1.5
    width, height = HALF_PAGE if half else (PHONE_WIDTH, 1.9)
    left, right, top, bottom = (0.8, 1.7, 0.3, 0.3) if half else (0.85, 0.0, 0.55, 0.4)
    # the time axis's ticks, labels and title (in the margin under the plot, made deeper where it is too shallow)
    under = (st["tick_length"] + st["tick_pad"] + st["label_pad"] + 2 * (metrics.ASCENT + metrics.DESCENT) * size) / 72
    height, bottom = height + max(0.0, under + 0.02 - bottom), max(bottom, under + 0.02)
    if (
        not half and not phone
    ):  # the legend's width, and matplotlib's border pads either side of it, from the chart's top; the
        # title over the plot, up to the legend, in three lines at most; the chart as deep as the legend
        right = max(right, (legend_width(entries, handle) + 2.2 * size) / 72)
        heading = wrap_to(heading, 72 * (width - left - right) + 0.9 * size - 4, st["title_size"])
        height += max(0.0, (legend_height(entries, 0.15) + 4) / 72 - height)
    if phone:  # the title in up to three lines across the chart, the legend under the time axis's title
        width, left = PHONE_DRAWN, 0.85
        right = max(0.15, (text_width(short[-1], size) / 2 + 2) / 72)  # the latest period's label whole
        heading = wrap_to(heading, 72 * width - 8, st["title_size"], 3)
        top = (st["title_pad"] + (metrics.ASCENT + metrics.DESCENT + heading.count("\n") * st["line_spacing"])
               * st["title_size"] + 3) / 72  # fmt: skip
        columns = 2 if legend_width(entries, handle, 2, 1.0) <= 72 * width - 8 else 1
        key = legend_height(entries, 0.15, columns)
        height = top + 1.5 + bottom + (key + 4) / 72
        bottom += (key + 4) / 72
    W, H = 72 * width, 72 * height
    x0, x1, y0, y1 = 72 * left, W - 72 * right, 72 * top, H - 72 * bottom
    if half and not phone:  # a legend line wider than the right margin broken at its spaces, not cut at its edge
        room = W - (x0 + 1.07 * (x1 - x0)) - (handle + 0.8) * size
        entries = [(_fitted(label, room, size), draw) for label, draw in entries]
    n = len(chart)
    xa = Axis(-0.05 * (n - 1), 1.05 * (n - 1), x0, x1) if n > 1 else Axis(-0.5, 0.5, x0, x1)
    values = [float(v) if not is_nan(v) else math.nan for v in chart["value"]]
    lo, hi = padded([*values, *chart["mean"], *chart["upl"], *chart["lpl"], *([target] if has_target else [])], 0.12)
    ya = Axis(lo, hi, y1, y0)
    svg = Svg(W, H, alt)
    xs = [xa(i) for i in range(n)]
    line = lambda col, key, cls: svg.polyline(zip(xs, (ya(float(v)) for v in chart[col]), strict=True), st[key], cls)  # noqa: E731
    svg.polyline(zip(xs, (ya(v) if not math.isnan(v) else math.nan for v in values), strict=True), st["value"], "value")
    line("mean", "mean", "mean")
    line("upl", "limits", "limit")
    line("lpl", "limits", "limit")
    if has_target:
        svg.line(x0, ya(target), x1, ya(target), st["target"], "target")
    for kind, (colour, marker, _words) in POINT_STYLE.items():
        for x, v, k in zip(xs, values, kinds, strict=True):
            if k == kind and not math.isnan(v):
                svg.marker(x, ya(v), marker, 28, colour, cls=f"point {kind}")
    if not math.isnan(values[-1]):  # the latest point ringed
        svg.marker(xs[-1], ya(values[-1]), "o", 90, "none", PALETTE["black"], 1.2, cls="latest")
    # axes: the left and bottom spines, ticks outwards, labels as the tables print figures
    value_axes(svg, ya, x0, x1, y0, y1, lambda t: tick_text(t, unit), axis_title)
    step = max(1, math.ceil(n / (4 if half else 6)))
    shown = list(range(n - 1, -1, -step))[::-1]  # counted back from the latest, which is always shown
    below = bottom_ticks(svg, [xs[i] for i in shown], [short[i] for i in shown], y1, size) + st["label_pad"]
    svg.text((x0 + x1) / 2, below + metrics.ASCENT * size, time_title, size, "middle", cls="axis-title time")
    big = st["title_size"]
    svg.text(4 if phone else x0,
             y0 - st["title_pad"] - metrics.DESCENT * big - heading.count("\n") * st["line_spacing"] * big,
             heading, big, cls="title")  # fmt: skip
    if phone:
        legend(svg, 4, below + (metrics.ASCENT + metrics.DESCENT) * size + 4, entries, handle, 0.15, columns, gap=1.0)
        return str(svg)
    # set close, the legend runs on below the plot (into the margin under it); a phone's width: from the chart's top
    gap = 0 if half else 0.9 * size  # matplotlib's border pad and border-axes pad
    legend(svg, x0 + (1.07 if half else 1.0) * (x1 - x0) + gap, y0 if half else 2, entries, handle, 0.15)
    return str(svg)
