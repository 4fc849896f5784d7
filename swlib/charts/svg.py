"""Charts written straight to SVG from what swlib computed, without matplotlib's artists and
layout: a millisecond a chart where matplotlib takes 30 to 50 (its figure, axes and ticks are
built and laid out again for every chart, and the SVG backend walks them all).

What is here: ``STYLE`` (the colours, font, sizes and line styles of every SVG chart, in one
place: an analyst restyles by changing it, or for a block with ``styled(...)``), ``Svg`` (a page
in points: lines, polylines, markers, bars hatched as well as coloured, real text, multi-line
labels), ``text_width`` (from DejaVu Sans's widths, measured once: ``metrics.py``), ``Axis`` (a
linear scale with ticks as matplotlib's ``MaxNLocator`` chooses them) and ``legend``.

The output is deterministic: coordinates are printed to two decimals, nothing depends on the time
or on ids that change between runs. User units are points (the ``<svg>`` is ``width="...pt"`` with
a ``viewBox`` in the same numbers), so a font size of 8 prints at 8 pt at the size drawn.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from html import escape

from . import metrics
from .base import PALETTE

STYLE = {
    "font_family": "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif",  # the widths are DejaVu Sans's
    "font_size": 9,  # points: labels, ticks, legends (base.MIN_FONT: 9 pt printed, at the size drawn)
    "title_size": 9,
    "text": PALETTE["black"],
    "axis": PALETTE["black"],
    "axis_width": 0.8,
    "tick_length": 3.5,
    "tick_pad": 3.5,
    "label_pad": 4.0,  # between the tick labels and the axis title
    "title_pad": 6.0,  # between the plot's top and its title
    "line_spacing": 1.2,  # ems, from one line of a label to the next
    # the SPC chart: the run of figures, the mean, the process limits, the target
    "value": {"stroke": PALETTE["grey"], "width": 1.0, "dash": None},
    "mean": {"stroke": PALETTE["black"], "width": 1.0, "dash": None},
    "limits": {"stroke": PALETTE["black"], "width": 1.0, "dash": (3.7, 1.6)},
    "target": {"stroke": PALETTE["vermillion"], "width": 1.5, "dash": (1.0, 1.65)},
    # the year bar chart: earlier years, this year (dark and hatched), the targets
    "bar": PALETTE["sky"],
    "bar_latest": PALETTE["blue"],
    "annual_target": {"stroke": PALETTE["black"], "width": 1.2, "dash": (3.7, 1.6)},
    "target_to_date": {"stroke": PALETTE["vermillion"], "width": 2.0, "dash": (1.0, 1.65)},
    "hatch_colour": "white",
    "hatch_width": 0.6,
    "hatch_spacing": 6.0,
}


def axis_line() -> dict:
    """How an axis line and its ticks are drawn (STYLE's ``axis`` colour and ``axis_width``)."""
    return {"stroke": STYLE["axis"], "width": STYLE["axis_width"]}


@contextlib.contextmanager
def styled(**changes):
    """Charts drawn inside the block take these STYLE entries (e.g. ``font_size=10``)."""
    before = dict(STYLE)
    STYLE.update(changes)
    try:
        yield STYLE
    finally:
        STYLE.clear()
        STYLE.update(before)


def text_width(text: str, size: float) -> float:
    """How wide ``text`` prints in DejaVu Sans at ``size`` points (its widest line)."""
    wide = metrics.WIDTH["M"]
    return max((sum(metrics.WIDTH.get(c, wide) for c in line) for line in str(text).split("\n")), default=0.0) * size


def wrap_to(text: str, width: float, size: float, lines: int = 3) -> str:
    """``text`` broken at its spaces into lines each at most ``width`` points wide at ``size``
    (a word wider than that is broken in it), at most ``lines`` of them: a text that needs more
    ends its last line with "…" (the full text is the chart's alternative text). A no-break
    space holds its neighbours together ("year\u00a0†")."""
    out: list[str] = []
    for word in filter(None, str(text).split(" ")):  # not at a no-break space
        while text_width(word, size) > width and len(word) > 1:  # a word wider than the line: broken in it
            cut = max(k for k in range(1, len(word)) if k == 1 or text_width(word[:k], size) <= width)
            out.append(word[:cut])
            word = word[cut:]
        if out and text_width(f"{out[-1]} {word}", size) <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) > lines:
        last = out[lines - 1].split(" ")
        while len(last) > 1 and text_width(" ".join(last) + "…", size) > width:
            last.pop()
        out = [*out[: lines - 1], " ".join(last) + "…"]
    return "\n".join(out)


def text_height(text: str, size: float) -> float:
    """From the top of a (multi-line) text's first line to the bottom of its last, in points."""
    n = str(text).count("\n")
    return (metrics.ASCENT + metrics.DESCENT + n * STYLE["line_spacing"]) * size


def text_box(x: float, y: float, text: str, size: float, anchor: str = "start") -> tuple[float, float, float, float]:
    """Where a text drawn by ``Svg.text`` (not rotated) prints: left, top, right, bottom in points."""
    w = text_width(text, size)
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return left, y - metrics.ASCENT * size, left + w, y - metrics.ASCENT * size + text_height(text, size)


def num(v: float) -> str:
    """A coordinate as the SVG prints it: two decimals at most, no "-0"."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _dash(style: dict) -> str:
    d = style.get("dash")
    return f' stroke-dasharray="{" ".join(num(x * style["width"]) for x in d)}"' if d else ""


HATCHES = {"//": "M-1,1 l2,-2 M0,{s} l{s},-{s} M{s1},{s2} l2,-2", "\\\\": "M-1,-1 l2,2 M0,0 l{s},{s} M{s1},{s1} l2,2",
           "xx": "M0,{s} l{s},-{s} M0,0 l{s},{s}", "..": "M{h},{h} h0.01", "--": "M0,{h} h{s}", "||": "M{h},0 v{s}"}  # fmt: skip


class Svg:
    """An SVG page ``width`` x ``height`` points, drawn into in order (later over earlier)."""

    def __init__(self, width: float, height: float, title: str = ""):
        self.width, self.height = width, height
        self.title = title
        self.parts: list[str] = []
        self.hatches: dict[str, str] = {}

    def line(self, x0, y0, x1, y1, style: dict, cls: str = "") -> None:
        self.parts.append(
            f'<line{_cls(cls)} x1="{num(x0)}" y1="{num(y0)}" x2="{num(x1)}" y2="{num(y1)}" stroke="{style["stroke"]}" '
            f'stroke-width="{num(style["width"])}"{_dash(style)}/>'
        )

    def polyline(self, points, style: dict, cls: str = "") -> None:
        """A line through ``points`` (x, y), broken where a y is missing (NaN), as matplotlib draws it."""
        runs, run = [], []
        for x, y in points:
            if y is None or math.isnan(y):
                runs.append(run)
                run = []
            else:
                run.append(f"{num(x)},{num(y)}")
        runs.append(run)
        for r in (r for r in runs if len(r) > 1):
            self.parts.append(
                f'<polyline{_cls(cls)} points="{" ".join(r)}" fill="none" stroke="{style["stroke"]}" '
                f'stroke-width="{num(style["width"])}" stroke-linejoin="round"{_dash(style)}/>'
            )

    def rect(self, x, y, w, h, fill: str, hatch: str = "", edge: str = "white", edge_width: float = 0.0,
             cls: str = "") -> None:  # fmt: skip
        """A box (top-left ``x``, ``y``), filled and, where ``hatch`` is one of HATCHES, hatched over the fill."""
        x, y, w, h = (x, y + h, w, -h) if h < 0 else (x, y, w, h)
        edge_attr = f' stroke="{edge}" stroke-width="{num(edge_width)}"' if edge_width else ""
        box = f'x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"'
        self.parts.append(f'<rect{_cls(cls)} {box} fill="{fill}"{edge_attr}/>')
        if hatch:
            self.parts.append(f'<rect {box} fill="url(#{self._hatch(hatch)})"/>')

    def _hatch(self, hatch: str) -> str:
        """The id of the pattern that draws ``hatch`` in the current STYLE: named by its content,
        so that charts shown together in one page (JupyterLab) never take one another's."""
        s = STYLE["hatch_spacing"]
        d = HATCHES[hatch].format(s=num(s), s1=num(s - 1), s2=num(s + 1), h=num(s / 2))
        cap = ' stroke-linecap="round"' if hatch == ".." else ""
        width = STYLE["hatch_width"] * (2.5 if hatch == ".." else 1)
        body = f'<path d="{d}" stroke="{STYLE["hatch_colour"]}" stroke-width="{num(width)}"{cap}/>'
        key = "swr-hatch-" + hashlib.sha1(body.encode()).hexdigest()[:8]
        self.hatches.setdefault(
            key,
            f'<pattern id="{key}" patternUnits="userSpaceOnUse" width="{num(s)}" height="{num(s)}">{body}</pattern>',
        )
        return key

    def marker(self, x, y, shape: str, size: float, fill: str, edge: str = "white", edge_width: float = 0.5,
               cls: str = "") -> None:  # fmt: skip
        """A marker as matplotlib's ``scatter`` draws it: ``size`` is its area in points squared."""
        r = math.sqrt(size) / 2
        paint = f'fill="{fill}" stroke="{edge}" stroke-width="{num(edge_width)}"'
        if shape == "o":
            self.parts.append(f'<circle{_cls(cls)} cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {paint}/>')
            return
        corners = {
            "s": [(-r, -r), (r, -r), (r, r), (-r, r)],
            "D": [(0, -r * 1.25), (r * 1.25, 0), (0, r * 1.25), (-r * 1.25, 0)],
            "^": [(0, -r * 1.2), (r * 1.2, r * 0.9), (-r * 1.2, r * 0.9)],
            "v": [(0, r * 1.2), (r * 1.2, -r * 0.9), (-r * 1.2, -r * 0.9)],
        }[shape]
        pts = " ".join(f"{num(x + dx)},{num(y + dy)}" for dx, dy in corners)
        self.parts.append(f'<polygon{_cls(cls)} points="{pts}" {paint}/>')

    def text(self, x, y, text: str, size: float | None = None, anchor: str = "start", rotate: bool = False,
             cls: str = "", ground: float | None = None) -> None:  # fmt: skip
        """Real text, its first line's baseline at ``y``; a label of several lines ("\\n") runs
        down in tspans. ``rotate``: reads upwards (a value axis's title). ``ground``: on a white
        box reaching down to that height (points), so that no line drawn earlier strikes it through."""
        size = size or STYLE["font_size"]
        lines = str(text).split("\n")
        if ground is not None:
            left, top, right, bottom = text_box(x, y, text, size, anchor)
            pad = 0.25 * size
            self.parts.append(
                f'<rect x="{num(left - pad)}" y="{num(top)}" width="{num(right - left + 2 * pad)}" '
                f'height="{num(max(bottom, ground) - top)}" fill="white"/>'
            )
        turn = f' transform="rotate(-90 {num(x)} {num(y)})"' if rotate else ""
        style = f"font-size: {num(size)}px; text-anchor: {anchor}"
        if len(lines) == 1:
            body = escape(lines[0], quote=False)
        else:
            down = f' dy="{num(STYLE["line_spacing"] * size)}"'  # each line after the first
            body = "".join(
                f'<tspan x="{num(x)}"{down if i else ""}>{escape(line, quote=False)}</tspan>'
                for i, line in enumerate(lines)
            )
        self.parts.append(f'<text{_cls(cls)} x="{num(x)}" y="{num(y)}" style="{style}"{turn}>{body}</text>')

    def __str__(self) -> str:
        w, h = num(self.width), num(self.height)
        defs = f"<defs>{''.join(self.hatches.values())}</defs>" if self.hatches else ""
        title = f"<title>{escape(self.title, quote=False)}</title>" if self.title else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" '
            f'font-family="{escape(STYLE["font_family"])}" fill="{STYLE["text"]}">'
            f"{title}{defs}\n" + "\n".join(self.parts) + "\n</svg>\n"
        )


def _cls(cls: str) -> str:
    return f' class="{cls}"' if cls else ""


class Axis:
    """A linear scale from data (``lo``..``hi``) to the page (``start``..``end``, points), with
    the ticks matplotlib's ``MaxNLocator`` (steps 1, 2, 2.5, 5, 10) would choose for at most ``bins``
    intervals, those in view kept."""

    def __init__(self, lo: float, hi: float, start: float, end: float):
        if hi <= lo:
            lo, hi = (lo - 1, hi + 1) if lo == 0 else (lo - abs(lo) * 0.05, hi + abs(hi) * 0.05)
        self.lo, self.hi, self.start, self.end = lo, hi, start, end

    @classmethod
    def bars(cls, n: int, start: float, end: float) -> Axis:
        """The scale across ``n`` bars 0.8 wide at 0 .. n-1, with matplotlib's margins (5% of their span) either side."""
        return cls(-0.4 - 0.05 * (n - 0.2), n - 0.6 + 0.05 * (n - 0.2), start, end)

    def __call__(self, v: float) -> float:
        return self.start + (v - self.lo) / (self.hi - self.lo) * (self.end - self.start)

    def ticks(self, bins: int, integer: bool = False) -> list[float]:
        """The ticks in view, as ``MaxNLocator(bins, steps=[1, 2, 2.5, 5, 10])`` chooses them: the
        smallest step (of those, scaled by a power of ten) at least 1/``bins`` of the range that
        leaves two ticks or more in view. ``integer``: whole numbers only (a count has no halves)."""
        lo, hi = self.lo, self.hi
        raw = (hi - lo) / max(bins, 1)
        scale = 10 ** math.floor(math.log10(raw))
        steps = [scale * m for m in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20)]
        if integer:
            steps = [t for t in steps if t < 1 or abs(t - round(t)) < 0.001]
        eps = (hi - lo) * 1e-9
        ticks: list[float] = []
        for step in (t for t in steps if t >= raw * (1 - 1e-9)):
            if integer and math.floor(hi) - math.ceil(lo) >= 1:
                step = max(1.0, step)
            first, last = math.ceil((lo - eps) / step), math.floor((hi + eps) / step)
            ticks = [round(k * step, 10) for k in range(first, last + 1)]
            if len(ticks) >= 2:
                break
        return ticks


def value_axes(svg: Svg, ya: Axis, x0: float, x1: float, y0: float, y1: float, label, title: str,
               title_size: float | None = None) -> None:  # fmt: skip
    """The left and bottom spines, the value axis's ticks outwards (``label(tick)`` their text) and
    its title reading upwards beside them (its lines, if several, towards the axis): as far from
    the tick labels as matplotlib puts it, or closer where the margin is too narrow for it to print whole."""
    size = STYLE["font_size"]
    big = title_size or size
    svg.line(x0, y1, x1, y1, axis_line(), "axis")
    svg.line(x0, y1, x0, y0, axis_line(), "axis")
    tick_len, pad = STYLE["tick_length"], STYLE["tick_pad"]
    ticks = ya.ticks(max(1, min(9, math.floor((y1 - y0) / (2 * size)))))
    labels = [label(t) for t in ticks]
    left_ticks(svg, [ya(t) for t in ticks], labels, x0, size)
    widest = max((text_width(lab, size) for lab in labels), default=0)
    deep = text_height(title, big)  # across the axis, once turned
    room = x0 - tick_len - pad - widest - deep  # beside the tick labels
    gap = max(0.5, min(STYLE["label_pad"], room))
    first = x0 - tick_len - pad - widest - gap - deep + metrics.ASCENT * big  # the first line's baseline
    svg.text(first, (y0 + y1) / 2, title, big, "middle", rotate=True, cls="axis-title")


def left_ticks(svg: Svg, ys, labels: list[str], x0: float, size: float) -> None:
    """Ticks outwards from the left spine (at ``x0``) at heights ``ys``, each labelled beside it
    (a label of several lines centred on its tick)."""
    tick_len, pad = STYLE["tick_length"], STYLE["tick_pad"]
    for y, lab in zip(ys, labels, strict=True):
        svg.line(x0 - tick_len, y, x0, y, axis_line())
        up = lab.count("\n") * STYLE["line_spacing"] * size / 2
        svg.text(x0 - tick_len - pad, y - up + metrics.CAP * size / 2, lab, size, "end", cls="tick y")


def bottom_ticks(svg: Svg, xs, labels: list[str], y1: float, size: float) -> float:
    """Ticks outwards from the bottom spine (at ``y1``) at ``xs``, each labelled under it; returns
    the bottom of the labels' line (an axis title goes ``label_pad`` below it)."""
    tick_len, pad = STYLE["tick_length"], STYLE["tick_pad"]
    for x, lab in zip(xs, labels, strict=True):
        svg.line(x, y1, x, y1 + tick_len, axis_line())
        svg.text(x, y1 + tick_len + pad + metrics.CAP * size, lab, size, "middle", cls="tick x")
    return y1 + tick_len + pad + (metrics.ASCENT + metrics.DESCENT) * size


def panel_grid(width: float, height: float, margins: tuple, cols: int, rows: int, wspace: float,
               hspace: float):  # fmt: skip
    """A page ``width`` x ``height`` points of ``cols`` x ``rows`` small panels, laid out as
    matplotlib's subplots are: ``margins`` (left, right, top, bottom) in inches, the gaps between
    panels shares of a panel (``wspace``, ``hspace``). Returns a panel's width and height and
    ``corner(k)``, the top left of the k-th panel (counted along the rows), in points."""
    left, right, top, bottom = 72 * margins[0], width - 72 * margins[1], 72 * margins[2], height - 72 * margins[3]
    pw = (right - left) / (cols + wspace * (cols - 1))
    ph = (bottom - top) / (rows + hspace * (rows - 1))
    return pw, ph, lambda k: (left + (k % cols) * pw * (1 + wspace), top + (k // cols) * ph * (1 + hspace))


def padded(values, margin: float) -> tuple[float, float]:
    """The range of ``values`` (NaN left out) widened by ``margin`` of itself at each end (matplotlib's margins)."""
    vs = [v for v in values if v is not None and not math.isnan(v)]
    lo, hi = (min(vs), max(vs)) if vs else (0.0, 1.0)
    span = hi - lo
    return lo - margin * span, hi + margin * span


def from_zero(values, margin: float) -> tuple[float, float]:
    """The range of ``values`` and zero, where bars start, widened by ``margin`` of itself at an end
    that is not zero: the bars stand on the axis with room beyond them for their labels."""
    lo, hi = min([0.0, *values]), max([0.0, *values])
    return lo - (margin * (hi - lo) if lo < 0 else 0), hi + (margin * (hi - lo) if hi > 0 else 0)


def legend_height(entries: list[tuple], spacing: float = 0.5, columns: int = 1) -> float:
    """How tall ``legend`` draws these entries, in points."""
    size = STYLE["font_size"]
    per = math.ceil(len(entries) / max(columns, 1)) or 1
    cols = [entries[i : i + per] for i in range(0, len(entries), per)]
    heights = (sum(text_height(label, size) for label, _ in col) + spacing * size * (len(col) - 1) for col in cols)
    return max(heights, default=0.0)  # no entries (a summary of no measures): no legend


def legend_width(entries: list[tuple], handle_length: float = 2.0, columns: int = 1, gap: float = 2.0) -> float:
    """How wide ``legend`` draws ``entries`` in ``columns`` with handles ``handle_length`` ems long,
    ``gap`` ems apart, in points."""
    size = STYLE["font_size"]
    per = math.ceil(len(entries) / max(columns, 1)) or 1
    cols = [entries[i : i + per] for i in range(0, len(entries), per)]
    widths = [(handle_length + 0.8) * size + max(text_width(t, size) for t, _ in c) for c in cols]
    return sum(widths) + gap * size * (len(cols) - 1)


def legend(svg: Svg, x: float, top: float, entries: list[tuple], handle_length: float = 2.0,
           spacing: float = 0.5, columns: int = 1, centre: bool = False, gap: float = 2.0) -> float:  # fmt: skip
    """A legend from ``x`` (its left, or with ``centre`` its middle) and ``top`` down: each entry
    ``(label, draw)`` where ``draw(svg, x0, x1, y)`` draws the handle between x0 and x1 at height y.
    Labels of several lines run down beside their handle. ``columns``: filled down, then across
    (matplotlib's order), ``gap`` ems apart. Returns the legend's bottom."""
    size = STYLE["font_size"]
    per = math.ceil(len(entries) / max(columns, 1)) or 1
    cols = [entries[i : i + per] for i in range(0, len(entries), per)]
    widths = [(handle_length + 0.8) * size + max(text_width(label, size) for label, _ in col) for col in cols]
    left = x - (sum(widths) + gap * size * (len(cols) - 1)) / 2 if centre else x
    bottom = top
    for col, width in zip(cols, widths, strict=True):
        y = top
        for label, draw in col:
            height = text_height(label, size)
            first = y + metrics.ASCENT * size  # the first line's baseline
            mid = y + (height if "\n" not in label else metrics.ASCENT * size + STYLE["line_spacing"] * size) / 2
            draw(svg, left, left + handle_length * size, mid - 0.1 * size)
            svg.text(left + (handle_length + 0.8) * size, first, label, size, cls="legend")
            y += height + spacing * size
        bottom = max(bottom, y - spacing * size)
        left += width + gap * size
    return bottom


def line_handle(style: dict):
    return lambda svg, x0, x1, y: svg.line(x0, y, x1, y, style)


def marker_handle(shape: str, size: float, fill: str, edge: str = "white", edge_width: float = 0.5):
    return lambda svg, x0, x1, y: svg.marker((x0 + x1) / 2, y, shape, size, fill, edge, edge_width)


def box_handle(fill: str, hatch: str = ""):
    """A legend's patch: a box of the bar's colour and hatching."""
    size = STYLE["font_size"]
    return lambda svg, x0, x1, y: svg.rect(x0, y - 0.35 * size, x1 - x0, 0.7 * size, fill, hatch)
