"""The annual report's workforce table as the public may see it, and what it printed.

A public workforce table hides each headcount from ``suppress_min`` to ``suppress_max`` and as
many more as its total needs (``disclosure.suppress_table``). That is not enough across
reports: a team of 3 added to a return already published moves the total from 715 to 718, and
the reader who kept the first report subtracts. So each public report records the headcounts
it printed (``swlib.published``, as ``workforce:<team>`` and ``workforce:Total`` rows, the
return's period as their year), and a headcount that differs by ``suppress_min`` to
``suppress_max`` from one printed before for the same team (or the total) and the same return
is hidden too, before the total's own secondary suppression. Teams are matched by name as
``renames.normalise`` reads it ("Strategy & Support" is "Strategy and Support" renamed), and a
hidden total hides a team with it (all teams printed add up to it). Returns of different periods are
different snapshots: their difference counts no one (as for measures with aggregate ``latest``),
but a team printed in an earlier return with about the same headcount (within ``suppress_max``) is
never the one hidden to protect a small team: a reader would take last year's figure for it.
A full-time equivalent is hidden with its headcount.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .disclosure import published_by_year, suppress_table
from .number_words import small_count
from .periods import Period
from .renames import normalise

PREFIX = "workforce:"  # the record's name for a team's headcount (no measure id has a ':')
TOTAL = "Total"


def headcounts(ds, council: str, period: Period) -> tuple[Period | None, pd.DataFrame]:
    """The latest workforce return of ``council`` up to ``period`` and its headcount and FTE by
    team (the data's own names, in the data's order), with a Total row where there is more than
    one team; (None, empty) where there is no return."""
    w = ds.workforce[ds.workforce["council"] == council]
    latest = max((Period.parse(p) for p in w["period"].unique() if Period.parse(p) <= period), default=None)
    if latest is None:
        return None, pd.DataFrame(columns=["headcount", "fte"])
    rows = w[w["period"] == str(latest)].set_index("service")
    out = pd.DataFrame({"headcount": rows["headcount"].astype("float"), "fte": rows["fte"].astype("float")})
    if len(out) > 1:
        out.loc[TOTAL] = [out["headcount"].sum(min_count=1), out["fte"].sum(min_count=1)]
    return latest, out


def hidden(counts: pd.Series, year: str, record, lo: int, hi: int) -> pd.Series:
    """True for each headcount (``counts``, by team, a Total last where there is one) a public
    table must hide: small, revised by a small number since a public report printed it for the
    same return (``record``: ``swlib.published``), or needed to keep either from its total."""
    printed: dict[tuple[str, str], list] = {}  # by the team's name as ``renames.normalise`` matches it
    for (m, y), points in published_by_year(record).items():
        if m.startswith(PREFIX):
            printed.setdefault((normalise(m[len(PREFIX) :]), y), []).extend(points)
    revised = pd.DataFrame(
        {"Headcount": [any(small_count(abs(h - p[0]), lo, hi) for _m, p in printed.get((normalise(t), year), []))
                       for t, h in counts.items()]},
        index=counts.index,
    )  # fmt: skip
    # a team printed in an earlier return with about the same headcount (within hi) is as good as printed: hidden
    # to protect a small team, it would not (718 - 260 - 85 - 310 - last year's 60 = 3)
    known = pd.DataFrame(
        {"Headcount": [t != TOTAL and any(abs(h - p[0]) <= hi for (n, y), ps in printed.items()
                                          if n == normalise(t) and y < year for _m, p in ps)
                       for t, h in counts.items()]},
        index=counts.index,
    )  # fmt: skip
    total = TOTAL if len(counts) > 1 else None
    return suppress_table(counts.to_frame("Headcount"), lo, hi, total_row=total, also=revised, known=known)["Headcount"]


def printed(ds, council: str, period: Period, record, lo: int, hi: int) -> list[dict]:
    """The headcounts a public annual report for ``period`` prints, as ``swlib.published``
    records them (set against ``record`` as the report is)."""
    latest, t = headcounts(ds, council, period)
    if latest is None or t.empty:
        return []
    hide = hidden(t["headcount"], str(latest), record, lo, hi)
    return [
        {"measure": PREFIX + str(team), "year": str(latest), "months": 0, "value": h, "numerator": np.nan,
         "denominator": np.nan, "parts": 1, "title": str(team)}
        for team, h in t["headcount"].items() if not hide[team] and pd.notna(h)
    ]  # fmt: skip
