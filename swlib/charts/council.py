"""The council reports' charts: a measure's years against its targets, statuses by theme, the
budget, the statutory functions' small multiples and the Care Inspectorate's grades."""

from __future__ import annotations

import math

import pandas as pd

from ..disclosure import SYMBOL
from ..formatting import fmt_value
from ..hidden import suppressed_columns as _hidden
from ..periods import Period
from ..shares import share_texts
from ..status import synthetic_columns
from ..ytd import part_year_total
from . import metrics
from .base import (
    HALF_PAGE,
    LABEL_PAD,
    MIN_FONT,
    PALETTE,
    PHONE_WIDTH,
    STATUS_COLOURS,
    STATUS_HATCH,
    SYNTHETIC_MARK,
    Chart,
    _bar_label,
    _nan,
    _wrap,
    tick_text,
    value_axis_label,
)
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
    panel_grid,
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
    if shown.kind == "year":  # an annual measure: its latest year, not a "to date" repeating it
        years = [y for y in years if y != str(shown)]
        last_label = f"{shown.label} (latest available)" if shown.label != period_label else shown.label
    else:
        last_label = f"{period_label} to date"
    labels = [Period.parse(y).label for y in years] + [last_label]
    values = [row.get(y) for y in years] + [row.get("to_date")]
    cols = [*years, "to_date"]
    # part of a year's total beside whole years' looks better however the year goes: beside it, the
    # same point last year (swlib's last_year), like with like; no annual target line over either
    part = (
        part_year_total(row) and shown.kind != "year" and ("last_year" in hidden_cols or not _nan(row.get("last_year")))
    )
    if part:
        labels.insert(-1, f"{shown.shift_years(-1).label} to date")
        values.insert(-1, row.get("last_year"))
        cols.insert(-1, "last_year")
    hidden = {i for i, c in enumerate(cols) if c in hidden_cols}
    made_up = {i for i, c in enumerate(cols) if c in synthetic_columns(row) and i not in hidden}
    annual, to_date_target = row.get("annual_target", row.get("target")), row.get("target")
    words = [f"{lab}: {SYMBOL} (suppressed)" if i in hidden
             else f"{lab}: {fmt_value(v, unit, dec)}{' (synthetic)' if i in made_up else ''}"
             for i, (lab, v) in enumerate(zip(labels, values, strict=True)) if i in hidden or not _nan(v)]  # fmt: skip
    kind = "the last three years and this year to date" if shown.kind != "year" else "the latest years available"
    if part:
        kind = "the last three years, and this year and last year to date"
    same_target = _nan(to_date_target) or (not _nan(annual) and round(annual, 6) == round(to_date_target, 6))
    same_target = same_target and not (part and not _nan(to_date_target))  # its own line over this year to date

    tgt = ""
    if not _nan(annual):
        tgt = f"; annual target {fmt_value(annual, unit, dec)}"
    if not same_target:
        tgt += f"; target to date {fmt_value(to_date_target, unit, dec)}"
    alt = f"Bar chart of {row['title']}. " + "; ".join(words) + tgt + "."
    caption = f"{row['title']}: {kind}"
    if not _nan(annual):
        caption += " against the annual target (dashed line)" + (
            "; the year to date against the target to date (dotted)" if not same_target else ""
        )
    if part:  # the sentence as a whole: which bars each target line is over
        whole = " against the annual target (dashed line), and" if not _nan(annual) else ","
        this = " against the target to date (dotted)" if not _nan(to_date_target) else ""
        caption = (
            f"{row['title']}: the last three years{whole} this year to date{this} beside the same point last year "
            f"({labels[-2]}): part of a year, not to be read against the whole years' totals"
        )
    if isinstance(row.get("cash"), str) and len(labels) > 1:  # the sentence does not compare them: nor does the chart
        caption += f". Grey bars: earlier figures, not compared with this year's ({row['cash']})"
    if made_up:
        caption += f". {SYNTHETIC_MARK} Synthetic figures, made up for illustration"
    lines = [None] * len(labels)  # the target over each bar: the annual one over whole years, the one to date over this
    if not _nan(annual) and (years or same_target):
        lines = [annual] * len(labels)
    if not same_target:
        lines[-1] = to_date_target
    if part:
        lines[-2] = None  # last year's target to date is not this year's
    ticks = [lab.replace(" Quarter ", " Q").replace(" to date", "\nto date").replace(" (latest", "\n(latest")
             for lab in labels]  # fmt: skip
    heading = kind + (" (£ cash)" if row.get("cash") else "")  # not to be read as a real-terms chart beside it
    svg = _trend_svg(
        values, ticks, lines, row, annual, to_date_target, same_target, hidden, made_up, heading, alt, part
    )
    return Chart(svg, alt, caption + ".")


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
               part=False) -> str:  # fmt: skip
    """The year bar chart in SVG, drawn for half a landscape page (``HALF_PAGE``), where it prints
    beside the measure's SPC chart: margins in inches as the matplotlib chart had them, the legend
    beside the bars (never over them), each bar labelled over it where no target line strikes it
    through (a label that a line just above its bar would cross stands on the line instead)."""
    unit, dec = row["unit"], int(row["decimals"])
    n, size, st = len(values), MIN_FONT, STYLE
    # the legend in a row over the bars (under the title): the bars the page's half width, their
    # labels clear of one another at 9 pt; as tall as the SPC chart beside it (its time axis titled)
    band = st["tick_length"] + st["tick_pad"] + st["label_pad"] + 2 * (metrics.ASCENT + metrics.DESCENT) * size
    band = max(0.0, band + 0.02 * 72 - 72 * 0.3)  # what the SPC chart beside it adds under its plot
    W, H = 72 * HALF_PAGE[0], 72 * HALF_PAGE[1] + band
    x0, x1, y0, y1 = 72 * 0.8, W - 72 * 0.15, 72 * 0.3 + band, H - 72 * 0.4
    has_annual = not _nan(annual) and any(v is not None for v in lines[: n if same_target else n - 1 - part])
    shown = [v for i, v in enumerate(values) if i not in hidden and not _nan(v)]
    levels = [*shown, *([annual] if has_annual else []), *([] if same_target else [to_date_target])]
    lo, hi = from_zero(levels, max(0.2, 1.4 * (text_height("0", size) + 3) / (y1 - y0)))  # room for the labels
    targets = [*([annual] if has_annual else []), *([] if same_target else [to_date_target])]
    if any(not _nan(t) and t <= lo for t in targets):  # a target of 0: the axis lowered, the line clear of it
        lo -= 0.1 * (hi - lo)
    ya = Axis(lo, hi, y1, y0)
    # the left margin wide enough for the value axis's tick labels and title (£200,000 at 9 pt)
    ticks_at = ya.ticks(max(1, min(9, math.floor((y1 - y0) / (2 * size)))))
    widest = max((text_width(tick_text(t, unit), size) for t in ticks_at), default=0)
    x0 = max(x0, st["tick_length"] + st["tick_pad"] + widest + st["label_pad"] + text_height("£", size) + 1)
    xa = Axis(-0.6, n - 0.4, x0, x1)
    svg = Svg(W, H, alt)
    bar = 0.4 * (xa(1) - xa(0))  # half a bar: bars 0.8 wide
    for i, v in enumerate(values):
        if i in hidden or _nan(v):
            continue
        latest, same_point = i == n - 1, part and i == n - 2  # the same point last year: hatched as to date
        # pounds of other years not compared with this year's (cash): grey, as the caption says
        earlier = PALETTE["grey"] if isinstance(row.get("cash"), str) else st["bar"]
        svg.rect(xa(i) - bar, ya(max(v, 0)), 2 * bar, abs(ya(0) - ya(v)), st["bar_latest"] if latest else earlier,
                 hatch="//" if latest or same_point else "",
                 cls="bar latest" if latest else "bar same-point" if same_point else "bar")  # fmt: skip
    if has_annual:
        right = n - 0.5 if same_target else n - 1.5 - part
        svg.line(xa(-0.5), ya(annual), xa(right), ya(annual), st["annual_target"], "annual-target")
    if not same_target:  # on a white ground, wider than the bar: seen where it crosses the bar, never its top
        halo = {"stroke": "white", "width": st["target_to_date"]["width"] + 2.5, "dash": None}
        tops = [(xa(i) - bar, xa(i) + bar, ya(v)) for i, v in enumerate(values) if i not in hidden and not _nan(v)]
        for a, b in _ground_runs(
            xa(n - 1.5), xa(n - 0.4), ya(to_date_target), halo["width"] / 2 + st["target_to_date"]["width"], tops
        ):
            svg.line(a, ya(to_date_target), b, ya(to_date_target), halo, "target-to-date-ground")
        svg.line(xa(n - 1.5), ya(to_date_target), xa(n - 0.4), ya(to_date_target), st["target_to_date"],
                 "target-to-date")  # fmt: skip
    label_height = text_height("0", size) + 2
    for i, v in enumerate(values):
        if i in hidden or _nan(v):
            svg.text(xa(i), ya(0) - 1 - metrics.DESCENT * size, SYMBOL if i in hidden else "no data", size, "middle",
                     cls="missing")  # fmt: skip
            continue
        y, line = ya(max(v, 0)), lines[i]
        if line is not None and not _nan(line) and 0 <= y - ya(line) <= label_height:
            # a line just above the bar would cross its label: the label stands on the line
            y = ya(line) - st["target_to_date" if i == n - 1 and not same_target else "annual_target"]["width"] / 2
        svg.text(xa(i), y - 1 - metrics.DESCENT * size, _bar_label(v, unit, dec, i in made_up), size, "middle",
                 cls="bar-label")  # fmt: skip
    value_axes(svg, ya, x0, x1, y0, y1, lambda t: tick_text(t, unit), value_axis_label(unit, row["title"]))
    bottom_ticks(svg, [xa(i) for i in range(len(ticks))], ticks, y1, size)
    big = st["title_size"]
    svg.text(x0, y0 - band - st["title_pad"] - metrics.DESCENT * big, kind.capitalize(), big, cls="title")
    entries = []
    if has_annual:
        entries.append((f"annual target {fmt_value(annual, unit, dec)}", line_handle(st["annual_target"])))
    if not same_target:
        entries.append((f"target to date {fmt_value(to_date_target, unit, dec)}", line_handle(st["target_to_date"])))
    if entries:
        legend(svg, x0, y0 - band + 1, entries, columns=len(entries))
    return str(svg)


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
    svg = _stacked_svg([_wrap(t, 30) for t in s.index], segments, f"number of {what}", PHONE_WIDTH,
                       1.2 + 0.42 * max(len(s), 1),  # five themes within the 85 mm a printed chart is given
                       (0.5, 0.15, 0.6, 0.45), min(len(statuses), 3), alt)  # fmt: skip
    return Chart(svg, alt, f"Status of {what} by theme (the numbers are in the summary table).")


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
    return Chart(_budget_svg(d, total, alt), alt, f"The {label} by service (£ million and share of the total).")


def _budget_svg(d: pd.DataFrame, total: float, alt: str) -> str:
    """The budget's lines as horizontal bars in SVG (the largest at the top), each labelled with
    its amount and share beyond its end (the axis long enough for the longest to end inside the
    chart); the names' margin as wide as the widest name; as wide as a phone's screen."""
    size, st, big = MIN_FONT, STYLE, STYLE["title_size"]
    n = len(d)
    W, H = 72 * PHONE_WIDTH, 72 * (0.9 + 0.4 * n)
    names = [_wrap(name, 28) for name in d["line"]]
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


def small_multiples(rows: list[dict], years: list[str], this_year: str, title: str, narrow: bool = False,
                    printed: bool = False) -> Chart:  # fmt: skip
    """Year-on-year values for several measures (statutory functions), one small panel each;
    ``narrow``: a panel fewer a row, each as wide, for a phone's screen (the chart narrower);
    ``printed``: four panels a row where every bar's label fits its bar (the committee paper: a
    theme's seven measures in two rows, not three), the chart as wide."""
    n = len(rows)
    panels, all_years, all_labels, cols = _multiples_layout(rows, years, this_year, printed)
    width = 72 * 6.8
    if narrow:  # a panel as wide as two or three a row make it (margins 0.15 inches a side, gaps 0.3 of a panel)
        pw = (width - 72 * 0.3) / (max(cols, 2) + 0.3 * (max(cols, 2) - 1))
        cols = max(cols - 1, 1)
        width = 72 * 0.3 + pw * (cols + 0.3 * (cols - 1))
    nrows = math.ceil(n / cols)

    parts = []
    for r in rows:
        gone = _hidden(r) | ({this_year} if "to_date" in _hidden(r) else set())
        vs = ", ".join(
            f"{lab} {SYMBOL} (suppressed)"
            if y in gone
            else f"{lab} {fmt_value(r.get(y), r['unit'], int(r['decimals']))}"
            for lab, y in zip(all_labels, all_years, strict=True)
            if y in gone or not _nan(r.get(y))
        )
        why = {y: (r.get("year_notes") or {}).get("to_date" if y == this_year else y) for y in all_years}
        why = [f"{lab} no figure ({why[y]})" for lab, y in zip(all_labels, all_years, strict=True)
               if _nan(r.get(y)) and why[y] and y not in gone]  # fmt: skip
        vs = ", ".join(filter(None, [vs, *why]))
        parts.append(f"{r['title']}: {vs or 'no data'}")
    alt = f"Small bar charts, one per measure, of {title} by year. " + "; ".join(parts) + "."
    made_up = any(synthetic_columns(r) for r in rows)
    missing = {}  # the reasons the data gives for missing figures, said once each in the caption
    for r in rows:
        for lab, y in zip(all_labels, all_years, strict=True):
            why = (r.get("year_notes") or {}).get("to_date" if y == this_year else y)
            if why and _nan(r.get(y)):
                missing.setdefault((r["title"], why), []).append(lab)
    said = " ".join(f"{t}, {' and '.join(labs)}: {why}." for (t, why), labs in missing.items())
    caption = (
        f"{title}: year-on-year figures ({Period.parse(this_year).label} hatched; – no figure)."
        + (f" {said}" if said else "")
        + (f" {SYNTHETIC_MARK} Synthetic figures, made up for illustration." if made_up else "")
    )
    row = 1.35 if cols == 4 else 1.55  # four a row: each panel narrower, and as much shorter
    return Chart(_multiples_svg(panels, [lab[2:] for lab in all_labels], cols, nrows, alt, width, row), alt, caption)


def multiples_columns(rows: list[dict], years: list[str], this_year: str, printed: bool = False) -> int:
    """The panels a row ``small_multiples`` draws for the screen or, ``printed``, on paper, worked
    out without drawing: the printed copy is another chart only where they differ."""
    return _multiples_layout(rows, years, this_year, printed)[3]


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
        shown = {i for i, v in enumerate(vals) if i not in hidden and not _nan(v)}
        every = bool(shown) and shown <= marked  # all synthetic: marked once, on the title, not on each bar
        panels.append((r, vals, hidden, set() if every else marked, every))
    # three panels a row if every bar's label fits its bar's width (a label runs into the next
    # one's otherwise): two if not (at most three rows, 125 mm, printed at full size)
    texts = [_bar_label(v, r["unit"], int(r["decimals"]), i in m)
             for r, vals, h, m, _ in panels for i, v in enumerate(vals) if i not in h and not _nan(v)]  # fmt: skip
    widest = max((text_width(t, MIN_FONT) for t in texts), default=0)
    slot = 72 * (6.8 - 0.3) / (3 + 2 * 0.3) / (len(all_years) + 0.2)  # points a bar takes, three a row
    cols = min(3 if widest + 2 * LABEL_PAD < slot or math.ceil(n / 2) > 3 else 2, n)
    ticks = max(text_width(lab[2:], MIN_FONT) for lab in all_labels)  # "13/14" under its bar
    if printed and max(widest, ticks) + 2 * LABEL_PAD < slot * 3.6 / 4.9:  # four a row: each panel 3.6/4.9 as wide
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
    if any(h.count("\n") == 2 for h in headings[cols:]):  # a title of three lines clear of the ticks above it
        # as far below them as in rows 1.55 inches tall, 1.1 of a panel (shorter rows: a larger share)
        gap = 1.1 * 72 * (1.55 * nrows - 0.65) / (nrows + 1.1 * (nrows - 1))
        hspace = gap * nrows / (H - 72 * 0.85 - gap * (nrows - 1))
        pw, ph, corner = panel_grid(W, H, (0.15, 0.15, 0.55, 0.3), cols, nrows, 0.3, hspace)
    svg = Svg(W, H, alt)
    for k, (r, vals, hidden, marked, _) in enumerate(panels):
        x0, y0 = corner(k)
        x1, y1 = x0 + pw, y0 + ph
        n = len(vals)
        shown = [float(v) for i, v in enumerate(vals) if i not in hidden and not _nan(v)]
        xa = Axis(-0.6, n - 0.4, x0, x1)
        base, roof = from_zero(shown, 0.25)
        hi = max([0.0, *shown])  # the tallest bar
        labels = [_bar_label(v, r["unit"], int(r["decimals"]), i in marked) for i, v in enumerate(vals)
                  if i not in hidden and not _nan(v)]  # fmt: skip
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
        ya(0 if i in hidden or _nan(v) else max(v, 0)) - 1 - metrics.DESCENT * size for i, v in enumerate(values)
    ]
    for i, v in enumerate(values):
        if i in hidden or _nan(v):
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
        svg.text(xa(i), y, _bar_label(v, unit, decimals, i in marked), size, "middle", cls="bar-label")


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
    names = {1: "1 Unsatisfactory", 2: "2 Weak", 3: "3 Adequate", 4: "4 Good", 5: "5 Very good", 6: "6 Excellent"}

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
    svg = _stacked_svg([_wrap(t.replace("_", " ").capitalize(), 18) for t in counts.index], segments,
                       "number of inspections", PHONE_WIDTH, 1.5 + 0.4 * len(counts), (0.5, 0.15, 0.75, 0.45), 3, alt,
                       named=True)  # fmt: skip
    return Chart(
        svg,
        alt,
        "Care Inspectorate grades of registered services by quality theme."
        + (f" {SYNTHETIC_MARK} Some grades are synthetic, made up for illustration." if synthetic else ""),
    )
