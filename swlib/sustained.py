"""A run of figures that moved from one level to another across an SPC chart: the reading NHS
England's "Making Data Count" gives a chart whose rules fire over most of its points.

An XmR chart (``xmr.spc``) sets one mean and one pair of limits over every point. Where the
figures rose (or fell) steadily over the whole run, most points are special causes: the early
ones below the mean, the late ones above it (Scotland's CHN8b, £256 to £373 a week, all 10
points; D&G's self-directed support, all 13). The limits then describe no stable period, and
calling 2010/11 an "improvement" only says it lies below the average of a rising line. The
reference, NHSRplotthedots 0.2.2 (``ptd_spc``), recalculates limits only where the analyst
names the points to rebase at (``rebase``, ``fix_after_n_points``): it never moves them by
itself, so swlib does not either. It says so in words instead, and the chart marks the earlier
special-cause points as part of the rise or fall rather than as improvement or concern; the
latest point keeps its reading, as the reference gives it (COMMITTEE-5 #4). The computed chart
(``xmr.spc``) is unchanged: this module only reads it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periods import Period

MOST = 0.5  # more than this share of the points special causes: "most of the series"


def sustained_change(chart: pd.DataFrame) -> str | None:
    """'rise' where most points of an SPC chart are special causes and those below the mean all
    come before those above it; 'fall' the other way round; None otherwise (a stable process, a
    few special causes, or special causes either side of the mean in turn)."""
    if chart is None or chart.empty:
        return None
    special = chart["point_type"].ne("common_cause").to_numpy()
    if special.sum() <= MOST * len(chart):
        return None
    above = chart["value"].to_numpy(dtype=float) > chart["mean"].to_numpy(dtype=float)
    high, low = np.flatnonzero(special & above), np.flatnonzero(special & ~above)
    if not len(high) or not len(low):
        return None
    if low.max() < high.min():
        return "rise"
    if high.max() < low.min():
        return "fall"
    return None


def sustained_words(chart: pd.DataFrame) -> str:
    """What a chart with a sustained rise or fall (``chart.attrs["sustained"]``) shows, in one
    sentence, for under the chart; '' for any other chart: "Most points are special causes (outside
    the dashed limits, or in runs and trends), below the mean early and above it late: a sustained
    rise, so the limits describe no stable period; the earlier ones are not read as improvement or
    concern." """
    direction = chart.attrs.get("sustained")
    if direction not in ("rise", "fall"):
        return ""
    early, late = ("below", "above") if direction == "rise" else ("above", "below")
    return (
        f"Most points are special causes (outside the dashed limits, or in runs and trends), {early} the mean early "
        f"and {late} it late: a sustained {direction}, so the limits describe no stable period; the earlier ones are "
        "not read as improvement or concern."
    )


def sustained_brief(chart: pd.DataFrame) -> str:
    """The same, said after the variation icon's words for the latest point: "; a sustained rise
    over 2010/11 to 2019/20: the limits describe no stable period"; '' for any other chart."""
    direction = chart.attrs.get("sustained")
    if direction not in ("rise", "fall"):
        return ""
    first, last = chart["label"].iloc[0], chart["label"].iloc[-1]
    return f" at the latest point, within a sustained {direction} over {first} to {last}: no stable period"


def shown_point_types(chart: pd.DataFrame) -> list[str]:
    """Each point's type as the chart marks it: the computed ``point_type``, except that on a chart
    with a sustained rise or fall every special-cause point before the latest is 'sustained_rise'
    or 'sustained_fall' (part of it, not an improvement or a concern)."""
    types = list(chart["point_type"])
    direction = chart.attrs.get("sustained")
    if direction not in ("rise", "fall"):
        return types
    return [t if i == len(types) - 1 or t == "common_cause" else f"sustained_{direction}" for i, t in enumerate(types)]


# how many points before the latest ``earlier_brief`` names special causes among: a year of them (a monthly chart's
# twelve, not four months: COMMITTEE-11 #3), or four years on a chart of years (or one whose periods are not given)
RECENT = {"month": 12, "quarter": 4, "half": 2}
RECENT_YEARS = 4

SPECIAL_WORDS = {  # a special-cause point's reading, as the chart's legend and the words beside it say it
    "special_cause_improvement": "improvement",
    "special_cause_concern": "concern",
    "special_cause_neutral_high": "higher",
    "special_cause_neutral_low": "lower",
}


def earlier_brief(chart: pd.DataFrame, short=str, most: int = 2) -> str:
    """What the variation icon's words (about the latest point) add where the chart marks one of
    the points of the year before it (``RECENT``; four on a chart of years) as a special cause: " at the latest point; earlier: 21/22 Q1 (concern)", each point by
    ``short`` of its label, as the chart's axis names it. A member read "Common cause variation: no
    significant change" as the whole run's reading above a chart that flags the quarter before as
    a concern (COMMITTEE-9 #7, #12). '' where the latest point is itself a special cause, where no
    earlier point is one, or on a chart with a sustained rise or fall (``sustained_brief`` says that)."""
    if chart.attrs.get("sustained") in ("rise", "fall") or "point_type" not in chart or len(chart) < 2:
        return ""
    if chart["point_type"].iloc[-1] != "common_cause":  # a special cause now: its words do not say "no change"
        return ""
    kind = Period.parse(chart["period"].iloc[-1]).kind if "period" in chart else "year"
    recent = RECENT.get(kind, RECENT_YEARS)
    earlier = chart.iloc[-1 - recent : -1]  # the points just before it: a year of months or quarters, four years
    earlier = earlier[earlier["point_type"].isin(list(SPECIAL_WORDS))]
    if earlier.empty:
        return ""
    said = [
        f"{short(label)} ({SPECIAL_WORDS[t]})" for label, t in zip(earlier["label"], earlier["point_type"], strict=True)
    ]
    more = len(said) - most
    listed = said if more <= 0 else [*said[:most], f"{more} more"]
    points = ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else listed[0]
    return f" at the latest point; earlier: {points}"
