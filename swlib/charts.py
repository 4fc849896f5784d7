"""Charts drawn with matplotlib's object API (no pyplot state), embedded as SVG.

Charts only draw what other modules computed. Every chart carries alt text and a caption in
words, and uses the Okabe-Ito colour-blind-safe palette; series are also told apart by
labels, markers or line styles, never by colour alone. Output is deterministic: no date in
the SVG metadata and a fixed hash salt for element ids.
"""

from __future__ import annotations

import base64
import io
import math
import re
from dataclasses import dataclass

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from .disclosure import SYMBOL
from .disclosure import suppressed_columns as _hidden
from .formatting import fmt_value
from .periods import Period

PALETTE = {  # Okabe & Ito (2008)
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}  # fmt: skip
STATUS_COLOURS = {
    "Complete": PALETTE["blue"], "Green": PALETTE["green"], "Amber": PALETTE["orange"], "Red": PALETTE["vermillion"],
    "Report later": PALETTE["grey"], "Data only": PALETTE["sky"], "Suppressed": PALETTE["grey"],
}  # fmt: skip
STATUS_HATCH = {
    "Complete": "\\\\",
    "Green": "",
    "Amber": "//",
    "Red": "xx",
    "Report later": "--",
    "Data only": "||",
    "Suppressed": "..",
}
RC = {
    "svg.hashsalt": "swreport",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
    # titles sit at the top of their axes (no chart puts tick labels there): matplotlib need not
    # measure every axis on each draw to place them, a fifth of a chart's time
    "axes.titley": 1.0,
}


MIN_FONT = 8  # points, printed: a council chart prints at its own width (narrower than an A4 page)
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}  # a label is never struck through by a line
SYNTHETIC_MARK = "†"


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str
    caption: str

    def view(self) -> dict:
        """What the template's figure shows: the SVG as a data URI, the alt text and the caption."""
        data = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return {"src": f"data:image/svg+xml;base64,{data}", "alt": self.alt, "caption": self.caption}

    def html(self) -> str:
        from .templating import macro

        return macro("figure", self.view())

    def _repr_html_(self) -> str:  # shows in JupyterLab as it will in the report
        return self.html()


def _figure(width: float, height: float) -> Figure:
    with mpl.rc_context(RC):
        fig = Figure(figsize=(width, height), dpi=96)  # fixed margins: constrained layout costs ~0.1 s a chart
    return fig


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    with mpl.rc_context(RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def _chart(draw, width: float, height: float, alt: str, caption: str, margins: dict | None = None) -> Chart:
    """Draw on a figure with fixed margins (inches; constrained layout costs ~0.1 s a chart)."""
    m = {"left": 0.6, "right": 0.15, "top": 0.45, "bottom": 0.45, "hspace": 0.8, "wspace": 0.3, **(margins or {})}
    with mpl.rc_context(RC):
        fig = _figure(width, height)
        fig.subplots_adjust(left=m["left"] / width, right=1 - m["right"] / width, top=1 - m["top"] / height,
                            bottom=m["bottom"] / height, hspace=m["hspace"], wspace=m["wspace"])  # fmt: skip
        draw(fig)
        return Chart(_svg(fig), alt, caption)


def trend_chart(row: dict, years: list[str], period_label: str) -> Chart:
    """Earlier whole years and this year to date for one measure, each against its own target:
    the annual target across the whole years, the target to date over the to-date bar. A
    measure counted once a year shows its latest year once, labelled as such. Every bar is
    labelled with its figure (synthetic ones marked †) on a white ground that no target line
    strikes through; the legend stands beside the bars, never over them."""
    from .status import synthetic_columns

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
    hidden = {i for i, c in enumerate(cols) if c in hidden_cols}
    made_up = {i for i, c in enumerate(cols) if c in synthetic_columns(row) and i not in hidden}
    annual, to_date_target = row.get("annual_target", row.get("target")), row.get("target")
    words = [f"{lab}: {SYMBOL} (suppressed)" if i in hidden
             else f"{lab}: {fmt_value(v, unit, dec)}{' (synthetic)' if i in made_up else ''}"
             for i, (lab, v) in enumerate(zip(labels, values, strict=True)) if i in hidden or not _nan(v)]  # fmt: skip
    same_target = _nan(to_date_target) or (not _nan(annual) and round(annual, 6) == round(to_date_target, 6))

    def draw(fig):
        ax = fig.add_subplot()
        xs = range(len(labels))
        n = len(labels)
        lines = [None] * n
        if not _nan(annual) and (years or same_target):
            lines = [annual] * (n if same_target else n - 1) + ([] if same_target else [None])
        if not same_target:
            lines[-1] = to_date_target
        _year_bars(ax, values, unit, dec, missing="no data", fontsize=MIN_FONT, hidden=hidden, marked=made_up,
                   lines=lines)  # fmt: skip
        if not _nan(annual) and (years or same_target):
            right = n - 0.5 if same_target else n - 1.5
            ax.hlines(annual, -0.5, right, colors=PALETTE["black"], linestyles="--", linewidth=1.2, zorder=2,
                      label=f"annual target\n{fmt_value(annual, unit, dec)}")  # fmt: skip
        if not same_target:
            ax.hlines(to_date_target, n - 1.45, n - 0.55, colors=PALETTE["vermillion"], linestyles=":", linewidth=2,
                      zorder=2, label=f"target to date\n{fmt_value(to_date_target, unit, dec)}")  # fmt: skip
        if not (_nan(annual) and _nan(to_date_target)):
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=MIN_FONT, frameon=False)
        ax.set_xticks(
            list(xs), [lab.replace(" Quarter ", " Q").replace(" to date", "\nto date").replace(" (latest", "\n(latest")
                       for lab in labels], fontsize=MIN_FONT,
        )  # fmt: skip
        ax.set_ylabel(value_axis_label(unit, row["title"]), fontsize=MIN_FONT)
        _value_ticks(ax, unit)
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_title(_wrap(row["title"], 60), fontsize=9, loc="left")
        ax.margins(y=0.2)

    tgt = ""
    if not _nan(annual):
        tgt = f"; annual target {fmt_value(annual, unit, dec)}"
    if not same_target:
        tgt += f"; target to date {fmt_value(to_date_target, unit, dec)}"
    alt = f"Bar chart of {row['title']}. " + "; ".join(words) + tgt + "."
    caption = f"{row['title']}: " + (
        "the last three years and this year to date" if shown.kind != "year" else "the latest years available"
    )
    if not _nan(annual):
        caption += " against the annual target (dashed line)" + (
            "; the year to date against the target to date (dotted)" if not same_target else ""
        )
    if made_up:
        caption += f". {SYNTHETIC_MARK} Synthetic figures, made up for illustration"
    return _chart(draw, 6.4, 2.7, alt, caption + ".", {"left": 0.8, "right": 1.45, "top": 0.55, "bottom": 0.55})


def status_chart(summary: pd.DataFrame, what: str = "measures") -> Chart:
    """Stacked bars of status counts by theme (the summary table, drawn)."""
    s = summary.drop(index="Total", errors="ignore")
    statuses = [c for c in s.columns if c != "Total" and s[c].sum() > 0]

    def draw(fig):
        ax = fig.add_subplot()
        left = pd.Series(0, index=s.index)
        for st in statuses:
            ax.barh(
                range(len(s)),
                s[st],
                left=left,
                color=STATUS_COLOURS[st],
                hatch=STATUS_HATCH[st],
                edgecolor="white",
                label=st,
            )
            for i, (lft, n) in enumerate(zip(left, s[st], strict=True)):
                if n:  # on a white ground: a hatched bar never strikes through its count
                    ax.text(lft + n / 2, i, str(int(n)), ha="center", va="center", fontsize=MIN_FONT, color="black",
                            bbox=LABEL_BOX)  # fmt: skip
            left = left + s[st]
        ax.set_yticks(range(len(s)), [_wrap(t, 30) for t in s.index], fontsize=MIN_FONT)
        _whole_numbers(ax.xaxis)
        ax.invert_yaxis()
        ax.set_xlabel(f"number of {what}")
        ax.legend(ncols=min(len(statuses), 3), loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=8, frameon=False)

    parts = []
    for theme, r in s.iterrows():
        counts = ", ".join(f"{int(r[st])} {st}" for st in statuses if r[st])
        parts.append(f"{theme}: {counts or 'none'}")
    alt = f"Stacked bar chart of {what} by status for each theme. " + "; ".join(parts) + "."
    return _chart(
        draw,
        6.5,
        1.2 + 0.42 * max(len(s), 1),  # five themes within the 85 mm a printed chart is given
        alt,
        f"Status of {what} by theme (the numbers are in the summary table).",
        {"left": 2.5, "top": 0.6, "bottom": 0.45},
    )


def budget_chart(lines: pd.DataFrame, label: str) -> Chart:
    """Horizontal bars of budget by service line."""
    d = lines.sort_values("amount", ascending=True)
    total = d["amount"].sum()

    def draw(fig):
        ax = fig.add_subplot()
        ax.barh(range(len(d)), d["amount"] / 1e6, color=PALETTE["blue"])
        for i, a in enumerate(d["amount"]):
            share = 100 * a / total
            ax.text(a / 1e6, i, f" £{a / 1e6:,.1f}m ({share:.1f}%)" if 0 < share < 1 else f" £{a / 1e6:,.1f}m ({share:.0f}%)",
                    va="center", fontsize=MIN_FONT)  # fmt: skip
        ax.set_yticks(range(len(d)), [_wrap(x, 35) for x in d["line"]], fontsize=8)
        ax.set_xlabel("£ million")
        ax.margins(x=0.3)

    words = "; ".join(f"{r.line}: £{r.amount / 1e6:,.1f} million" for r in d.iloc[::-1].itertuples())
    return _chart(
        draw,
        6.2,
        0.9 + 0.4 * len(d),
        f"Bar chart of the {label} by service. {words}.",
        f"The {label} by service (£ million and share of the total).",
        {"left": 2.3, "right": 0.3, "top": 0.15, "bottom": 0.45},
    )


def small_multiples(rows: list[dict], years: list[str], this_year: str, title: str) -> Chart:
    """Year-on-year values for several measures (statutory functions), one small panel each."""
    from .status import synthetic_columns

    n = len(rows)
    cols = min(3, n)
    nrows = math.ceil(n / cols)
    labels = [Period.parse(y).label for y in years]
    all_years = [*years, this_year]
    all_labels = [*labels, Period.parse(this_year).label]

    def draw(fig):
        axes = fig.subplots(nrows, cols, squeeze=False)
        for ax in axes.flat[n:]:
            ax.set_visible(False)
        for ax, r in zip(axes.flat, rows, strict=False):
            vals = [r.get(y) for y in all_years]
            hidden = {
                i for i, y in enumerate(all_years) if y in _hidden(r) or (y == this_year and "to_date" in _hidden(r))
            }
            marked = {i for i, y in enumerate(all_years) if y in synthetic_columns(r)
                      or (y == this_year and "to_date" in synthetic_columns(r))}  # fmt: skip
            _year_bars(ax, vals, r["unit"], int(r["decimals"]), missing="–", fontsize=MIN_FONT, hidden=hidden,
                       marked=marked - hidden)  # fmt: skip
            ax.set_xticks(range(len(vals)), [lab[2:] for lab in all_labels], fontsize=MIN_FONT)
            ax.set_xlim(-0.6, len(vals) - 0.4)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_title(_wrap(r["title"], 32), fontsize=8, loc="left")
            ax.margins(y=0.25)

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
    return _chart(
        draw,
        6.8,
        1.55 * nrows + 0.2,  # two rows in 85 mm, three in 125 mm: printed at full size (8 pt)
        alt,
        f"{title}: year-on-year figures ({Period.parse(this_year).label} hatched; – no figure)."
        + (f" {said}" if said else "")
        + (f" {SYNTHETIC_MARK} Synthetic figures, made up for illustration." if made_up else ""),
        {"left": 0.15, "right": 0.15, "top": 0.55, "bottom": 0.3, "hspace": 0.9},
    )


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
    hatches = ["xx", "//", "..", "", "", ""]
    names = {1: "1 Unsatisfactory", 2: "2 Weak", 3: "3 Adequate", 4: "4 Good", 5: "5 Very good", 6: "6 Excellent"}

    def draw(fig):
        ax = fig.add_subplot()
        left = pd.Series(0, index=counts.index)
        for g in range(1, 7):
            ax.barh(
                range(len(counts)),
                counts[g],
                left=left,
                color=colours[g - 1],
                hatch=hatches[g - 1],
                edgecolor="white",
                label=names[g],
            )
            for i, (lft, n) in enumerate(zip(left, counts[g], strict=True)):
                if n:
                    ax.text(lft + n / 2, i, str(int(n)), ha="center", va="center", fontsize=MIN_FONT, bbox=LABEL_BOX)
            left = left + counts[g]
        ax.set_yticks(range(len(counts)), [_wrap(t.replace("_", " ").capitalize(), 18) for t in counts.index],
                      fontsize=MIN_FONT)  # fmt: skip
        _whole_numbers(ax.xaxis)
        ax.invert_yaxis()
        ax.set_xlabel("number of services")
        ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=MIN_FONT, frameon=False)

    parts = []
    for t, r in counts.iterrows():
        parts.append(
            t.replace("_", " ")
            + ": "
            + ", ".join(f"{int(r[g])} graded {names[g][2:].lower()}" for g in range(1, 7) if r[g])
        )
    alt = "Stacked bar chart of Care Inspectorate grades by quality theme. " + "; ".join(parts) + "."
    return _chart(
        draw,
        6.5,
        1.5 + 0.4 * len(counts),
        alt,
        "Care Inspectorate grades of registered services by quality theme."
        + (f" {SYNTHETIC_MARK} Some grades are synthetic, made up for illustration." if synthetic else ""),
        {"left": 1.7, "top": 0.75, "bottom": 0.45},
    )


def _year_bars(
    ax, values, unit: str, decimals: int, missing: str, fontsize: int, hidden=(), marked=(), lines=None
) -> None:
    """One bar a year, labelled with its figure (on a white ground; ``marked`` positions are
    synthetic: †); the last (this year) dark and hatched. Positions in ``hidden`` are suppressed
    figures: no bar, the symbol [c]. ``lines`` (a level or None per position: a target line over
    that bar) lifts a label that a line just above its bar would strike through to sit on the line."""
    shown = [x for x, v in enumerate(values) if x not in hidden and not _nan(v)]
    top = max([abs(values[x]) for x in shown] + [abs(v) for v in (lines or []) if not _nan(v)] + [1e-9])
    for x, v in enumerate(values):
        if x in hidden or _nan(v):
            ax.text(
                x, 0, SYMBOL if x in hidden else missing, ha="center", va="bottom", fontsize=MIN_FONT,
                color=PALETTE["black"],
            )  # fmt: skip
            continue
        text = fmt_value(v, unit, decimals) + (f" {SYNTHETIC_MARK}" if x in marked else "")
        line = lines[x] if lines else None
        y = line if line is not None and not _nan(line) and v <= line <= v + 0.12 * top else v
        ax.text(x, y, text, ha="center", va="bottom", fontsize=fontsize, zorder=4, bbox=LABEL_BOX)
    if shown:  # one call for all the bars: each call costs as much as drawing them
        last = len(values) - 1
        ax.bar(shown, [values[x] for x in shown], color=[PALETTE["blue"] if x == last else PALETTE["sky"] for x in shown],
               hatch=["//" if x == last else "" for x in shown], edgecolor="white")  # fmt: skip


def _bars(ax, values, colours, hatched) -> None:
    """Bars at 0, 1, 2 ... as ``ax.bar`` draws them (width 0.8, white edges 0.3 wide), the
    unhatched ones as one collection: 32 bars through ``ax.bar`` cost a tenth of a second."""
    from matplotlib.collections import PolyCollection

    plain = [i for i, v in enumerate(values) if not hatched[i] and not math.isnan(v)]
    boxes = [[(i - 0.4, 0), (i - 0.4, values[i]), (i + 0.4, values[i]), (i + 0.4, 0)] for i in plain]
    bars = PolyCollection(boxes, facecolors=[colours[i] for i in plain], edgecolors="white", linewidths=0.3)
    bars.sticky_edges.y.append(0)
    ax.add_collection(bars)
    for i in (i for i, v in enumerate(values) if hatched[i] and not math.isnan(v)):
        ax.bar(i, values[i], color=colours[i], hatch="//", edgecolor="white", linewidth=0.3)
    ax.autoscale_view()


def value_axis_label(unit: str, title: str = "") -> str:
    """What a value axis counts, in the unit's own terms: "%", "£ per hour", "days", "per 1,000
    discharges" (the "per ..." taken from the measure's title where it has one)."""
    per = re.search(r"\bper (?:\d[\d,]*\s)?[a-z]+(?: per [a-z]+)*", str(title).lower())
    per_text = per.group(0) if per else ""
    if unit == "percent":
        return "% (per cent)"
    if unit == "currency":
        return f"£ {per_text}".strip()
    if unit == "rate":
        return per_text or "rate"
    if unit in ("days", "hours"):
        return f"{unit} {per_text}".strip()
    if unit == "ratio":
        return "ratio"
    return "number"


def _value_ticks(ax, unit: str) -> None:
    """Tick labels as the tables print figures (£35,000; 85%), at least 8 pt."""
    from matplotlib.ticker import FuncFormatter

    def label(v, _pos):
        if unit == "currency":
            return f"£{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"£{v:,.2f}"
        if unit == "percent":
            return f"{v:g}%"
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"

    ax.yaxis.set_major_formatter(FuncFormatter(label))
    ax.tick_params(axis="y", labelsize=MIN_FONT)


def _whole_numbers(axis) -> None:
    """Ticks at whole numbers only: a count of measures or services has no halves."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)[:3])


POINT_STYLE = {  # colour and shape: special causes are told apart by marker as well as colour
    "common_cause": (PALETTE["grey"], "o", "common cause"),
    "special_cause_improvement": (PALETTE["blue"], "s", "special cause: improvement"),
    "special_cause_concern": (PALETTE["orange"], "D", "special cause: concern"),
    "special_cause_neutral_high": (PALETTE["purple"], "^", "special cause: higher"),
    "special_cause_neutral_low": (PALETTE["purple"], "v", "special cause: lower"),
}


def spc_chart(chart: pd.DataFrame, title: str, unit: str, decimals: int, target=None) -> Chart:
    """The SPC chart swlib computed: values, mean, process limits, target, special causes marked;
    the value axis titled with its unit, the latest point labelled with its figure and period and
    the latest period on the axis. ``chart.attrs["synthetic"]`` (set by ``trends.long_trend``)
    marks a chart built on synthetic figures."""
    labels = list(chart["label"])
    short = [_short_label(lab) for lab in labels]
    marks = chart["synthetic"].to_numpy(dtype=bool) if "synthetic" in chart else [False] * len(chart)
    made_up = any(marks)
    last = chart.iloc[-1]
    latest = f"latest, {short[-1]}:\n{fmt_value(last['value'], unit, decimals)}" + (
        f" {SYNTHETIC_MARK}" if marks[-1] else ""
    )
    which = [lab for lab, m in zip(labels, marks, strict=True) if m]  # " for 2021/22 and 2022/23": which are made up
    some = (
        ""
        if all(marks) or not which
        else " for " + (", ".join(which[:-1]) + " and " if len(which) > 1 else "") + which[-1]
    )

    def draw(fig):
        ax = fig.add_subplot()
        xs = range(len(chart))
        ax.plot(xs, chart["value"], color=PALETTE["grey"], linewidth=1, zorder=1)
        ax.plot(xs, chart["mean"], color=PALETTE["black"], linewidth=1, label="mean")
        ax.plot(xs, chart["upl"], color=PALETTE["black"], linewidth=1, linestyle="--", label="process limits")
        ax.plot(xs, chart["lpl"], color=PALETTE["black"], linewidth=1, linestyle="--")
        if target is not None and not _nan(target):
            ax.axhline(
                target,
                color=PALETTE["vermillion"],
                linestyle=":",
                linewidth=1.5,
                label=f"target {fmt_value(target, unit, decimals)}",
            )
        for kind, (colour, marker, words) in POINT_STYLE.items():
            sel = chart["point_type"] == kind
            if sel.any():
                ax.scatter([x for x, s in zip(xs, sel, strict=True) if s], chart.loc[sel, "value"], color=colour, marker=marker,
                           s=28, zorder=3, label=words.replace(": ", ":\n"), edgecolors="white", linewidths=0.5)  # fmt: skip
        # the latest point ringed and named in the legend with its period and figure: over the
        # points it would cover something, beside them it would need a third of the width
        ax.scatter([len(chart) - 1], [last["value"]], s=90, facecolors="none", edgecolors=PALETTE["black"],
                   linewidths=1.2, zorder=4, label=latest)  # fmt: skip
        step = max(1, math.ceil(len(short) / 6))
        ticks = list(range(len(short) - 1, -1, -step))[::-1]  # counted back from the latest, which is always shown
        ax.set_xticks(ticks, [short[i] for i in ticks], fontsize=MIN_FONT)
        ax.set_ylabel(value_axis_label(unit, title), fontsize=MIN_FONT)
        _value_ticks(ax, unit)
        ax.margins(y=0.12)
        tag = (
            f" ({SYNTHETIC_MARK} {'synthetic figures' if all(marks) else 'some figures synthetic'})" if made_up else ""
        )
        ax.set_title(_wrap(title + tag, 70), fontsize=9, loc="left")
        ax.legend(fontsize=MIN_FONT, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)

    special = chart[chart["point_type"] != "common_cause"]
    first = chart.iloc[0]
    alt = (
        f"SPC chart ({chart.attrs.get('method', 'XmR chart')}) of {title}, {len(chart)} points from {first['label']} to {last['label']}"
        + (f" (synthetic figures{some})" if made_up else "") + ". "
        f"Mean {fmt_value(last['mean'], unit, decimals)}, process limits {fmt_value(last['lpl'], unit, decimals)} to {fmt_value(last['upl'], unit, decimals)}. "
        f"Latest {fmt_value(last['value'], unit, decimals)} ({last['label']}). "
        + (f"{len(special)} point(s) show special cause variation: " + "; ".join(f"{r.label} ({POINT_STYLE[r.point_type][2]})" for r in special.itertuples()) + "." if len(special) else "No special cause variation.")
    )  # fmt: skip
    kind = Period.parse(last["period"]).kind if "period" in chart else "year"
    own = {"quarter": "quarter", "month": "month", "half": "half year"}.get(kind)
    caption = (
        f"{title}: statistical process control chart to {last['label']}. Points outside the dashed limits, or in runs "
        "and trends, are marked as special causes."
        + (f" Each point is one {own} on its own, not the year to date." if own else "")
        + (f" {SYNTHETIC_MARK} Synthetic figures{some}, made up for illustration." if made_up else "")
    )
    return _chart(draw, 6.8, 2.8, alt, caption, {"left": 0.85, "right": 1.95, "top": 0.55, "bottom": 0.4})


def _short_label(label: str) -> str:
    """'2021/22 Quarter 2' -> '21/22 Q2'; 'October 2021' -> 'Oct 21'."""
    label = label.replace(" Quarter ", " Q").replace(" first half", " H1").replace(" second half", " H2")
    label = re.sub(r"^20(\d\d)/", r"\1/", label)
    m = re.match(r"^([A-Z][a-z]+) 20(\d\d)$", label)
    return f"{m.group(1)[:3]} {m.group(2)}" if m else label


def benchmark_chart(b: pd.DataFrame, council: str) -> Chart:
    """For each indicator, all councils' values sorted best to worst: this council and its family highlighted."""
    codes = list(dict.fromkeys(b["lgbf"]))
    cols = 6  # drawn for the landscape page the benchmarking table prints on, at full size (8 pt)
    rows_n = math.ceil(len(codes) / cols)
    me = b[b["council"] == council]
    fam = int(me["family_group"].iloc[0]) if len(me) else None

    def draw(fig):
        axes = fig.subplots(rows_n, cols, squeeze=False)
        for ax in axes.flat[len(codes) :]:
            ax.set_visible(False)
        for ax, code in zip(axes.flat, codes, strict=False):
            g = b[b["lgbf"] == code].sort_values("rank")
            colours = [
                PALETTE["blue"] if c == council else (PALETTE["sky"] if f == fam else "#D9D9D9")
                for c, f in zip(g["council"], g["family_group"], strict=True)
            ]
            _bars(ax, g["value"].to_numpy(dtype=float), colours, (g["council"] == council).to_numpy())
            ax.set_xticks([])
            ax.set_yticks([])
            for side in ("left", "top", "right"):
                ax.spines[side].set_visible(False)
            row = g[g["council"] == council]
            rank = (
                f"{int(row['rank'].iloc[0])} of {len(g)}"
                if len(row) and not _nan(row["rank"].iloc[0])
                else "not ranked"
            )
            figure = ""
            if len(row) and not _nan(row["value"].iloc[0]):  # the council's own figure and its year
                year = _short_label(Period.parse(row["period"].iloc[0]).label)
                figure = f" {year}: {fmt_value(row['value'].iloc[0], row['unit'].iloc[0], 1)},"
            ax.set_title(f"{code}{figure}\n{rank}", fontsize=MIN_FONT, loc="left")
            ax.set_xlabel("best → worst", fontsize=MIN_FONT)

    parts = [
        f"{r.lgbf} {r.title}: ranked {int(r.rank)} of {int(r.of)}, {fmt_value(r.value, r.unit, 1)}"
        for r in me.itertuples()
        if not _nan(r.rank)
    ]
    alt = ("Small bar charts, one per benchmarking indicator, of every council's value sorted best to worst; this council's bar is "
           "dark and hatched, its family group's mid blue. " + "; ".join(parts) + ".")  # fmt: skip
    return _chart(
        draw,
        10.2,
        1.25 * rows_n + 0.3,
        alt,
        "Where the council stands among all Scottish councils on each indicator (dark, hatched: this council; mid blue: its family group).",
        {"left": 0.1, "right": 0.1, "top": 0.45, "bottom": 0.25, "hspace": 1.2, "wspace": 0.15},
    )


FAMILY_MARKERS = {1: ("o", "family group 1 (most deprived)"), 2: ("s", "family group 2"), 3: ("^", "family group 3"),
                  4: ("D", "family group 4 (least deprived)")}  # fmt: skip


def rank_chart(g: pd.DataFrame, title: str) -> Chart:
    """All councils on one indicator, best at the top: a dot each, shaped by family group, and
    Scotland's figure as a line."""
    g = g.sort_values(["rank", "council_name"])
    unit = g["unit"].iloc[0]
    scotland = float(g["scotland_value"].iloc[0])
    price = g["price_year"].iloc[0] if "price_year" in g else None
    axis_words = {"percent": "Per cent", "rate": "Per 1,000", "days": "Days", "hours": "Hours"}.get(unit, "")
    if unit == "currency":
        axis_words = f"£ at {Period.parse(price).label} prices" if isinstance(price, str) and price else "£ (cash)"

    def draw(fig):
        ax = fig.add_subplot()
        ys = range(len(g))
        for fg, (marker, words) in FAMILY_MARKERS.items():
            sel = (g["family_group"] == fg).to_numpy()
            if sel.any():
                ax.scatter(g["value"].to_numpy()[sel], [y for y, s in zip(ys, sel, strict=True) if s], marker=marker, s=22,
                           color=PALETTE["blue"], label=_wrap(words, 18), zorder=3)  # fmt: skip
        ax.axvline(scotland, color=PALETTE["vermillion"], linestyle="--", linewidth=1.2,
                   label=f"Scotland {fmt_value(scotland, unit, 1)}")  # fmt: skip
        # the councils named in plain text beside their rows, where tick labels would be: 32 ticks
        # (each two lines and two labels, measured and placed) cost two thirds of the chart
        from matplotlib.transforms import blended_transform_factory, offset_copy

        ax.set_yticks([])
        beside = offset_copy(blended_transform_factory(ax.transAxes, ax.transData), fig, x=-3.5, units="points")
        for y, (r, n) in enumerate(zip(g["rank"], g["council_name"], strict=True)):
            ax.text(0, y, f"{int(r)}. {n}", transform=beside, ha="right", va="center_baseline", fontsize=8)
        ax.invert_yaxis()  # best at the top
        ax.tick_params(axis="x", labelsize=8)
        ax.set_xlabel(axis_words, fontsize=8)
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.2, -0.1), ncols=2, frameon=False)

    best, worst = g.iloc[:3], g.iloc[-3:]
    f = lambda r: f"{r.council_name} {fmt_value(r.value, unit, 1)}"  # noqa: E731
    alt = (f"Dot chart of {title} for all {len(g)} councils, best first. Scotland {fmt_value(scotland, unit, 1)}. "
           f"Best: {'; '.join(f(r) for r in best.itertuples())}. Last: {'; '.join(f(r) for r in worst.itertuples())}.")  # fmt: skip
    # drawn for the half page beside its table (88 mm), so that it prints at full size (8 pt)
    # its title is the table's caption beside it, and the figure's caption under it
    return _chart(draw, 3.45, 1.4 + 0.135 * len(g), alt,
                  f"{title}: every council ranked, best at the top; the marker's shape is the council's family group.",
                  {"left": 1.6, "right": 0.1, "top": 0.15, "bottom": 1.25})  # fmt: skip


def _name_points(ax, outside: pd.DataFrame, lines: pd.DataFrame) -> None:
    """Each council outside a funnel named beside its point, away from the centre: names that
    would overprint one another move out a row; the value axis grows to hold every row."""
    import math

    lo_x, hi_x = math.log(lines["x"].iloc[0]), math.log(lines["x"].iloc[-1])
    per_char = 4.4 / 72 / 4.1  # an 8 pt character's width as a share of the 4.1 in plot
    rows = {"above": 0, "below": 0}
    for side, sign in (("above", 1), ("below", -1)):
        ends: list[float] = []  # where each row's last name ends, as a share of the axis
        for r in outside[outside["outside"] == side].sort_values("x").itertuples():
            start = (math.log(r.x) - lo_x) / (hi_x - lo_x) + 0.012
            row = next((i for i, end in enumerate(ends) if start > end), len(ends))
            ends[row : row + 1] = [start + per_char * len(r.council_name)]
            ax.annotate(r.council_name, (r.x, r.y), xytext=(5, sign * (4 + 10 * row)), textcoords="offset points",
                        fontsize=8, va="bottom" if sign > 0 else "top", zorder=5,
                        arrowprops={"arrowstyle": "-", "color": PALETTE["grey"], "linewidth": 0.6} if row else None)  # fmt: skip
        rows[side] = len(ends)
    y0, y1 = ax.get_ylim()
    pad = (y1 - y0) * 0.06
    ax.set_ylim(y0 - pad * rows["below"], y1 + pad * rows["above"])


def funnel_chart(f: pd.DataFrame, title: str) -> Chart:
    """A funnel plot as ``national.funnel`` computed it: each council's figure against what its
    figure counts, the centre, the 95% and 99.8% limits used (widened for over-dispersion where
    phi > 1) and, faint, the 99.8% limits chance alone would give; councils outside named."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    from .national import funnel_lines

    a = f.attrs
    lines, centre = funnel_lines(f), a["centre"]
    outside = f[f["outside"] != ""]
    note = (f"Limits widened for over-dispersion\n(\u03c6 = {a['phi']:,.1f}, \u03c4\u00b2 = {a['tau2']:.2g})"
            if a["adjusted"] else f"Limits not widened:\nno over-dispersion (\u03c6 = {a['phi']:.2f})")  # fmt: skip

    def draw(fig):
        ax = fig.add_subplot()
        x = lines["x"]
        ax.plot(
            x, [centre] * len(x), color=PALETTE["black"], linewidth=1, label=_wrap(f"centre: {a['centre_label']}", 28)
        )
        ax.plot(x, lines["upper_95"], color=PALETTE["grey"], linestyle="--", linewidth=1, label="95% limits")
        ax.plot(x, lines["lower_95"], color=PALETTE["grey"], linestyle="--", linewidth=1)
        ax.plot(x, lines["upper_99.8"], color=PALETTE["black"], linestyle=":", linewidth=1.3, label="99.8% limits")
        ax.plot(x, lines["lower_99.8"], color=PALETTE["black"], linestyle=":", linewidth=1.3)
        if a["adjusted"]:
            ax.plot(x, lines["plain_upper_99.8"], color=PALETTE["sky"], linewidth=0.9,
                    label="99.8% limits of chance\nalone")  # fmt: skip
            ax.plot(x, lines["plain_lower_99.8"], color=PALETTE["sky"], linewidth=0.9)
        inside = f["outside"] == ""
        ax.scatter(f.loc[inside, "x"], f.loc[inside, "y"], s=16, color=PALETTE["grey"], label="council within the limits", zorder=3)  # fmt: skip
        if len(outside):
            ax.scatter(outside["x"], outside["y"], s=24, marker="D", color=PALETTE["orange"],
                       label="council outside the 99.8% limits", zorder=4)  # fmt: skip
            _name_points(ax, outside, lines)
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlim(x.iloc[0], x.iloc[-1])
        ax.set_xlabel(_wrap(a["x_title"], 90), fontsize=8.5)
        ax.set_ylabel(_wrap(a["y_title"], 36), fontsize=8.5)
        ax.tick_params(labelsize=8)
        ax.set_title(_wrap(f"{title}, {a['year']}", 80), fontsize=9, loc="left")
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.text(1.02, 0.0, note, transform=ax.transAxes, fontsize=8, va="bottom", ha="left")

    names = "; ".join(f"{r.council_name} ({r.outside}, {r.y:,.1f})" for r in outside.itertuples())
    alt = (f"Funnel plot of {title}, {a['year']}: {len(f)} councils, {a['y_title'].lower()} against "
           f"{a['x_title'].lower()}, centred on {centre:,.1f}, with 95% and 99.8% limits, "
           + (f"widened for over-dispersion (phi {a['phi']:,.1f}, tau squared {a['tau2']:.2g}). "
              if a["adjusted"] else "not widened (no over-dispersion). ")
           + (f"{len(outside)} outside the 99.8% limits: {names}." if len(outside) else "None outside the 99.8% limits."))  # fmt: skip
    return _chart(draw, 7.0, 3.5, alt,
                  f"{title}: councils further from the centre than chance and the usual variation between councils "
                  "would explain lie outside the dotted 99.8% limits.",
                  {"left": 0.9, "right": 2.3, "bottom": 0.6})  # fmt: skip
