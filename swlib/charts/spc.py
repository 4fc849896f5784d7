"""The SPC chart: a run of figures with its centre line, process limits, target and special causes
(told apart by marker as well as colour)."""

from __future__ import annotations

import math

import pandas as pd

from ..formatting import fmt_value
from ..periods import Period
from .base import (
    HALF_PAGE,
    MIN_FONT,
    PALETTE,
    SYNTHETIC_MARK,
    Chart,
    _chart,
    _nan,
    _short_label,
    _value_ticks,
    _wrap,
    value_axis_label,
)

POINT_STYLE = {  # colour and shape: special causes are told apart by marker as well as colour
    "common_cause": (PALETTE["grey"], "o", "common cause"),
    "special_cause_improvement": (PALETTE["blue"], "s", "special cause: improvement"),
    "special_cause_concern": (PALETTE["orange"], "D", "special cause: concern"),
    "special_cause_neutral_high": (PALETTE["purple"], "^", "special cause: higher"),
    "special_cause_neutral_low": (PALETTE["purple"], "v", "special cause: lower"),
}


def spc_chart(chart: pd.DataFrame, title: str, unit: str, decimals: int, target=None, half: bool = False) -> Chart:
    """The SPC chart swlib computed: values, mean, process limits, target, special causes marked;
    the value axis titled with its unit, the latest point labelled with its figure and period and
    the latest period on the axis. ``chart.attrs["synthetic"]`` (set by ``trends.long_trend``)
    marks a chart built on synthetic figures. ``half``: drawn for half a landscape page (a measure
    needing attention, beside its years), the legend in the right margin from the top."""
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
        step = max(1, math.ceil(len(short) / (4 if half else 6)))
        ticks = list(range(len(short) - 1, -1, -step))[::-1]  # counted back from the latest, which is always shown
        ax.set_xticks(ticks, [short[i] for i in ticks], fontsize=MIN_FONT)
        ax.set_ylabel(value_axis_label(unit, title), fontsize=MIN_FONT)
        _value_ticks(ax, unit)
        ax.margins(y=0.12)
        tag = (
            f" ({SYNTHETIC_MARK} {'synthetic figures' if all(marks) else 'some figures synthetic'})" if made_up else ""
        )
        # half a page: under the measure's heading, the chart names only what kind it is
        ax.set_title("Statistical process control" + tag if half else _wrap(title + tag, 70), fontsize=9, loc="left")
        # half a page: set close, the legend runs on below the plot (into the margin under it)
        # and clear of the latest period's tick label
        close = {"labelspacing": 0.15, "handlelength": 1.5, "borderaxespad": 0, "borderpad": 0} if half else {}
        ax.legend(fontsize=MIN_FONT, loc="upper left", bbox_to_anchor=(1.07 if half else 1.0, 1.0), frameon=False,
                  **close)  # fmt: skip

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
    if half:
        return _chart(draw, *HALF_PAGE, alt, caption, {"left": 0.8, "right": 1.7, "top": 0.3, "bottom": 0.3})
    return _chart(draw, 6.8, 2.8, alt, caption, {"left": 0.85, "right": 1.95, "top": 0.55, "bottom": 0.4})
