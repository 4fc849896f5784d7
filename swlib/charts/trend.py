"""A measure's chart in the quarterly report and the explorer: its earlier whole years and this
year to date, each against its own target (``trend_chart``)."""

from __future__ import annotations

import math
from itertools import pairwise

from ..disclosure import SYMBOL
from ..formatting import fmt_value
from ..hidden import suppressed_columns as _hidden
from ..periods import Period, fy_text
from ..rag import shown_decimals
from ..status import synthetic_columns
from ..ytd import part_year_total
from . import metrics
from .base import (
    HALF_PAGE,
    LABEL_PAD,
    MIN_FONT,
    PHONE_DRAWN,
    SYNTHETIC_MARK,
    Chart,
    bar_label,
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
    from_zero,
    legend,
    legend_height,
    legend_width,
    line_handle,
    text_height,
    text_width,
    value_axes,
    wrap_to,
)


def trend_chart(row: dict, years: list[str], period_label: str) -> Chart:
    """Earlier whole years and this year to date for one measure, each against its own target:
    the annual target across the whole years, the target to date over the to-date bar. A
    measure counted once a year shows its latest year once, labelled as such. Every bar is
    labelled with its figure (synthetic ones marked †) on a white ground that no target line
    strikes through; the legend stands beside the bars, never over them."""
    unit, dec = row["unit"], int(row["decimals"])
    shown = Period.parse(row.get("period_shown") or years[-1])
    hidden_cols = _hidden(row)
    # pounds in cash (``prices.price_basis``): the sentence does not compare this year's with earlier years',
    # nor does the chart, which draws this year's alone against its target (SL 2021/22 Q2's Equipu saving
    # drew five cash bars, £86,500 beside £79,600, under "not compared": COMMITTEE-9 #2)
    cash = isinstance(row.get("cash"), str)
    earlier = [y for y in years if y != str(shown) and not is_nan(row.get(y))]
    if cash:
        years = []
    if shown.kind == "year":  # an annual measure: its latest year, not a "to date" repeating it
        years = [y for y in years if y != str(shown)]
        last_label = f"{shown.label} (latest available)" if shown.label != period_label else shown.label
    else:
        last_label = f"{period_label} to date"
    base = row.get("baselines") or {}  # a year's figures that are a plan's baseline, labelled so (status.baseline)
    labels = [Period.parse(y).label + (" baseline" if y in base else "") for y in years] + [last_label]
    values = [row.get(y) for y in years] + [row.get("to_date")]
    cols = [*years, "to_date"]
    # part of a year's total beside whole years' looks better however the year goes: beside it, the
    # same point last year (swlib's last_year), like with like; no annual target line over either
    part = (
        part_year_total(row)
        and not cash
        and shown.kind != "year"
        and ("last_year" in hidden_cols or not is_nan(row.get("last_year")))
    )
    if part:
        labels.insert(-1, f"{shown.shift_years(-1).label} to date")
        values.insert(-1, row.get("last_year"))
        cols.insert(-1, "last_year")
    hidden = {i for i, c in enumerate(cols) if c in hidden_cols}
    made_up = {i for i, c in enumerate(cols) if c in synthetic_columns(row) and i not in hidden}
    annual, to_date_target = row.get("annual_target", row.get("target")), row.get("target")
    words = [f"{lab}: {SYMBOL} (suppressed)" if i in hidden
             else f"{lab}: {fmt_value(v, unit, shown_decimals(row, cols[i]))}{' (synthetic)' if i in made_up else ''}"
             for i, (lab, v) in enumerate(zip(labels, values, strict=True)) if i in hidden or not is_nan(v)]  # fmt: skip
    kind = "the last three years and this year to date" if shown.kind != "year" else "the latest years available"
    if part:
        kind = "the last three years, and this year and last year to date"
    if cash:
        kind = "this year to date" if shown.kind != "year" else "the latest year available"
    same_target = is_nan(to_date_target) or (not is_nan(annual) and round(annual, 6) == round(to_date_target, 6))
    same_target = same_target and not (part and not is_nan(to_date_target))  # its own line over this year to date

    tgt, (annual_mark, to_date_mark) = "", target_marks(row)
    if not is_nan(annual) and not (cash and not same_target):  # a cash year to date: its target to date alone
        tgt = f"; annual target {fmt_value(annual, unit, dec)}{' (synthetic)' if annual_mark else ''}"
    if not same_target:
        tgt += f"; target to date {fmt_value(to_date_target, unit, dec)}{' (synthetic)' if to_date_mark else ''}"
    alt = f"Bar chart of {row['title']}. " + "; ".join(words) + tgt + "."
    caption = f"{row['title']}: {kind}"
    if cash and not same_target:  # this year alone: its own target to date
        caption += " against the target to date (dotted)"
    elif not is_nan(annual):
        caption += " against the annual target (dashed line)" + (
            "; the year to date against the target to date (dotted)" if not same_target else ""
        )
    if part:  # the sentence as a whole: which bars each target line is over
        whole = " against the annual target (dashed line), and" if not is_nan(annual) else ","
        this = " against the target to date (dotted)" if not is_nan(to_date_target) else ""
        caption = (
            f"{row['title']}: the last three years{whole} this year to date{this} beside the same point last year "
            f"({labels[-2]}): part of a year, not to be read against the whole years' totals"
        )
    if cash and earlier:  # the sentence does not compare them: nor does the chart
        caption += (
            f". Earlier years' figures are not drawn: not compared with "
            f"{'the latest year' if shown.kind == 'year' else 'this year'}'s ({row['cash']}); the table gives them"
        )
    for y in (y for y in years if y in base):
        caption += f". {Period.parse(y).label} baseline: {fy_text(base[y])}, not the year's out-turn"
    if made_up or (annual_mark and not is_nan(annual)) or (to_date_mark and not same_target):
        caption += f". {SYNTHETIC_MARK} Synthetic figures, made up for illustration"
    lines = [None] * len(labels)  # the target over each bar: the annual one over whole years, the one to date over this
    if not is_nan(annual) and (years or same_target):
        lines = [annual] * len(labels)
    if not same_target:
        lines[-1] = to_date_target
    if part:
        lines[-2] = None  # last year's target to date is not this year's
    ticks = [lab.replace(" Quarter ", " Q").replace(" to date", "\nto date").replace(" (latest", "\n(latest")
             .replace(" baseline", "\nbaseline")
             for lab in labels]  # fmt: skip
    heading = kind + (" (£ cash)" if row.get("cash") else "")  # not to be read as a real-terms chart beside it
    drawn = [
        _trend_svg(values, t, lines, row, annual, to_date_target, same_target, hidden, made_up, heading, alt, part, w)
        for t, w in ((ticks, HALF_PAGE[0]), ([short_label(t) for t in ticks], PHONE_DRAWN))  # a phone's: "22/23 Q2"
    ]
    return Chart(drawn[0], alt, caption + ".", phone=drawn[1])


def target_marks(row: dict) -> tuple[str, str]:
    """The synthetic mark (' †', or '') of the annual target's and the target to date's figures as
    the chart's legend prints them: a made-up target (``status.synthetic_columns``: "target", D&G's
    sickness-absence profile of the year's 9 days, 4.50 days to Quarter 2) is the target to date,
    and the annual one too where the row has no annual target of its own (COMMITTEE-8 #22)."""
    if "target" not in synthetic_columns(row):
        return "", ""
    return (f" {SYNTHETIC_MARK}" if "annual_target" not in row else ""), f" {SYNTHETIC_MARK}"


def _ground_runs(x0: float, x1: float, y: float, clear: float, tops) -> list[tuple[float, float]]:
    """Where a line's white ground from ``x0`` to ``x1`` at ``y`` may be drawn: everywhere but over a
    bar (left, right, the end away from 0) whose end is within ``clear`` of the line, above or below it. The ground
    would cut the top off such a bar (4.92 days drawn over a 4.50 target read as 4.1: under it)."""
    runs = [(x0, x1)]
    for left, right, top in tops:
        if abs(top - y) >= clear:
            continue
        runs = [part for a, b in runs for part in ((a, min(b, left)), (max(a, right), b)) if part[1] > part[0]]
    return runs


def _trend_svg(values, ticks, lines, row, annual, to_date_target, same_target, hidden, made_up, kind, alt,
               part=False, width: float = HALF_PAGE[0]) -> str:  # fmt: skip
    """The year bar chart in SVG, drawn for half a landscape page (``HALF_PAGE``), where it prints
    beside the measure's SPC chart: margins in inches as the matplotlib chart had them, the legend
    beside the bars (never over them), each bar labelled over it where no target line strikes it
    through (a label that a line just above its bar would cross stands on the line instead).
    ``width`` (inches): narrower for a phone (``PHONE_DRAWN``), the legend's entries one under
    another where they do not fit side by side."""
    unit, dec = row["unit"], int(row["decimals"])
    n, size, st = len(values), MIN_FONT, STYLE
    # the legend in a row over the bars (under the title): the bars the page's half width, their
    # labels clear of one another at 9 pt; as tall as the SPC chart beside it (its time axis titled)
    band = st["tick_length"] + st["tick_pad"] + st["label_pad"] + 2 * (metrics.ASCENT + metrics.DESCENT) * size
    band = max(0.0, band + 0.02 * 72 - 72 * 0.3)  # what the SPC chart beside it adds under its plot
    entries, (annual_mark, to_date_mark) = [], target_marks(row)
    if not is_nan(annual) and any(v is not None for v in lines[: n if same_target else n - 1 - part]):
        entries.append((f"annual target {fmt_value(annual, unit, dec)}{annual_mark}", line_handle(st["annual_target"])))
    if not same_target:
        entries.append(
            (f"target to date {fmt_value(to_date_target, unit, dec)}{to_date_mark}", line_handle(st["target_to_date"]))
        )
    columns = len(entries)
    if columns > 1 and legend_width(entries, columns=columns) > 72 * (width - 0.8 - 0.15):  # one under another
        columns = 1
        band += legend_height(entries) - legend_height(entries, columns=len(entries))
    heading, deeper = kind.capitalize(), 0.0
    narrow = width < HALF_PAGE[0]  # a phone's: the title from the chart's left, in two lines where it is wider
    if narrow:
        heading = wrap_to(heading.replace("(£ ", "(£\u00a0"), 72 * width - 12, st["title_size"], 2)
        band += heading.count("\n") * st["line_spacing"] * st["title_size"]
        slot = (
            72 * (width - 1.1 - 0.15) / n
        )  # the least a bar's slot is (its value axis's tick labels as wide as £200,000)
        if any((text_width(a, size) + text_width(b, size)) / 2 + 2 * LABEL_PAD > slot for a, b in pairwise(ticks)):
            split = [t.replace(" Q", "\nQ", 1).replace(" H", "\nH", 1) for t in ticks]  # "20/21" over "Q2"
            deeper = (max(t.count("\n") for t in split) - max(t.count("\n") for t in ticks)) * st["line_spacing"] * size
            ticks = split
    W, H = 72 * width, 72 * HALF_PAGE[1] + band + deeper
    x0, x1, y0, y1 = 72 * 0.8, W - 72 * 0.15, 72 * 0.3 + band, H - 72 * 0.4 - deeper
    has_annual = not is_nan(annual) and any(v is not None for v in lines[: n if same_target else n - 1 - part])
    shown = [v for i, v in enumerate(values) if i not in hidden and not is_nan(v)]
    levels = [*shown, *([annual] if has_annual else []), *([] if same_target else [to_date_target])]
    targets = [*([annual] if has_annual else []), *([] if same_target else [to_date_target])]
    texts = {i: bar_label(v, unit, shown_decimals(row) if i == n - 1 else dec, i in made_up)  # this year's with the
             for i, v in enumerate(values) if i not in hidden and not is_nan(v)}  # decimal that decides its status  # fmt: skip
    step = st["line_spacing"] * size

    def scales(stagger: bool, x0: float):
        """The value axis (room over the bars for their labels, two lines of them where ``stagger``),
        and the bars' axis right of the value axis's tick labels and title (£200,000 at 9 pt)."""
        lo, hi = from_zero(levels, max(0.2, 1.4 * (text_height("0", size) + 3 + stagger * step) / (y1 - y0)))
        if any(not is_nan(t) and t <= lo for t in targets):  # a target of 0: the axis lowered, the line clear of it
            lo -= 0.1 * (hi - lo)
        ya = Axis(lo, hi, y1, y0)
        ticks_at = ya.ticks(max(1, min(9, math.floor((y1 - y0) / (2 * size)))))
        widest = max((text_width(tick_text(t, unit), size) for t in ticks_at), default=0)
        x0 = max(x0, st["tick_length"] + st["tick_pad"] + widest + st["label_pad"] + text_height("£", size) + 1)
        half = 1.6 if n == 1 else 0.6  # one bar (a cost in cash: this year's alone) as wide as one of four
        return ya, x0, Axis(-half, n - 1 + half, x0, x1)

    ya, x0, xa = scales(False, x0)
    # labels wider than their bars' slots (a phone's narrower chart, "9.80 days †" side by side): every other one
    # printed a line over its neighbours', led down to its bar
    stagger = any(
        (text_width(texts[i], size) + text_width(texts[i + 1], size)) / 2 + 2 * LABEL_PAD > xa(1) - xa(0)
        for i in range(n - 1)
        if i in texts and i + 1 in texts
    )
    if stagger:
        ya, x0, xa = scales(True, x0)
    svg = Svg(W, H, alt)
    bar = 0.4 * (xa(1) - xa(0))  # half a bar: bars 0.8 wide
    for i, v in enumerate(values):
        if i in hidden or is_nan(v):
            continue
        latest, same_point = i == n - 1, part and i == n - 2  # the same point last year: hatched as to date
        svg.rect(xa(i) - bar, ya(max(v, 0)), 2 * bar, abs(ya(0) - ya(v)), st["bar_latest"] if latest else st["bar"],
                 hatch="//" if latest or same_point else "",
                 cls="bar latest" if latest else "bar same-point" if same_point else "bar")  # fmt: skip
    if has_annual:
        right = n - 0.5 if same_target else n - 1.5 - part
        svg.line(xa(-0.5), ya(annual), xa(right), ya(annual), st["annual_target"], "annual-target")
    if not same_target:  # on a white ground, wider than the bar: seen where it crosses the bar, never its top
        halo = {"stroke": "white", "width": st["target_to_date"]["width"] + 2.5, "dash": None}
        tops = [(xa(i) - bar, xa(i) + bar, ya(v)) for i, v in enumerate(values) if i not in hidden and not is_nan(v)]
        for a, b in _ground_runs(
            xa(n - 1.5), xa(n - 0.4), ya(to_date_target), halo["width"] / 2 + st["target_to_date"]["width"], tops
        ):
            svg.line(a, ya(to_date_target), b, ya(to_date_target), halo, "target-to-date-ground")
        svg.line(xa(n - 1.5), ya(to_date_target), xa(n - 0.4), ya(to_date_target), st["target_to_date"],
                 "target-to-date")  # fmt: skip
    label_height = text_height("0", size) + 2
    at = {}  # each label's baseline
    for i, v in enumerate(values):
        if i not in texts:
            at[i] = ya(0) - 1 - metrics.DESCENT * size
            continue
        y, line = ya(max(v, 0)), lines[i]
        if line is not None and not is_nan(line) and 0 <= y - ya(line) <= label_height:
            # a line just above the bar would cross its label: the label stands on the line
            y = ya(line) - st["target_to_date" if i == n - 1 and not same_target else "annual_target"]["width"] / 2
        at[i] = y - 1 - metrics.DESCENT * size
    for i, v in enumerate(values):
        if i not in texts:
            svg.text(xa(i), at[i], SYMBOL if i in hidden else "no data", size, "middle", cls="missing")
            continue
        y = at[i]
        if stagger and i % 2:  # a line over its neighbours' labels, on a white ground (a target line under it)
            y = min([y, *(at[k] - step for k in (i - 1, i + 1) if k in at)])
            if y < at[i]:
                svg.line(xa(i), y + metrics.DESCENT * size + 0.5, xa(i), ya(max(v, 0)) - 0.5,
                         {"stroke": "#7F7F7F", "width": 0.4}, "leader")  # fmt: skip
            svg.text(xa(i), y, texts[i], size, "middle", cls="bar-label", ground=y + metrics.DESCENT * size)
            continue
        svg.text(xa(i), y, texts[i], size, "middle", cls="bar-label")
    value_axes(svg, ya, x0, x1, y0, y1, lambda t: tick_text(t, unit), value_axis_label(unit, row["title"]))
    bottom_ticks(svg, [xa(i) for i in range(len(ticks))], ticks, y1, size)
    big = st["title_size"]
    svg.text(4 if narrow else x0, y0 - band - st["title_pad"] - metrics.DESCENT * big, heading, big, cls="title")
    if entries:  # under the title's lines
        legend(svg, x0, y0 - band + 1 + heading.count("\n") * st["line_spacing"] * big, entries, columns=columns)
    return str(svg)
