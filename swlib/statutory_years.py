"""A year the annual report's statutory sections would show empty: a warning for ``validate``.

The CSWO annual report's statutory sections read the year's figures of a council's measures with
theme ``Statutory functions`` (``swlib.statutory``). A year whose other figures are in for the
whole year (a figure for its last month, quarter or half, or for the year itself) and that has not
one statutory figure, nor a reason for one, is a year whose annual return has not come in (or came
in under other ids): its annual report would say "No ... data was provided" section after section.
Only the annual statutory measures count (the catalogue's, and a council's own annual ones): a
council's own quarterly measure filed under the theme is not the year's return.
``run annual`` says so for the year it renders; ``validate`` says it for every such year, once a
council has given statutory figures (earlier years are history it never kept), else for its
latest year only.

A pure function of the typed tables (indexed by spreadsheet row), for ``checks.data_warnings``.
"""

from __future__ import annotations

import pandas as pd

from .errors import Problem
from .periods import Period, period_or_none
from .statutory import THEME, sections

FIGURES = ("value", "numerator", "denominator")


def _said(col: pd.Series) -> pd.Series:
    return col.map(lambda x: isinstance(x, str) and bool(x.strip()))


def _figures(obs: pd.DataFrame) -> pd.Series:
    """The rows that give a figure (a value, numerator or denominator)."""
    return obs.reindex(columns=list(FIGURES)).notna().any(axis=1)


def _reasons(obs: pd.DataFrame) -> pd.Series:
    """The rows that say something of their figure (a comment or a status)."""
    return _said(obs.reindex(columns=["comment"])["comment"]) | _said(obs.reindex(columns=["status"])["status"])


def given(obs: pd.DataFrame) -> pd.Series:
    """The rows that give a figure, or a reason for none (a comment or a status); ``annual_ready``
    reads a year's statutory rows by the same rule."""
    return _figures(obs) | _reasons(obs)


def years_without_statutory(
    obs: pd.DataFrame, measures: pd.DataFrame, councils: pd.DataFrame, label: str
) -> list[Problem]:
    """One warning per council and financial year that its other measures cover to the year's end
    while none of its statutory measures has a figure or a reason for it (see the module)."""
    outcomes = sections()
    stat = measures[measures["theme"].eq(THEME) & measures["outcome"].isin(list(outcomes))]
    stat = stat[stat["frequency"].eq("annual")]  # a council's own quarterly one is no year's return (ANALYST-5 #3)
    if stat.empty or obs.empty:
        return []  # no statutory measure at all: reference_checks.empty_statutory_sections says so
    periods = obs["period"].map(period_or_none)
    fy = periods.map(lambda p: None if p is None else p.fy)
    whole = periods.map(lambda p: p is not None and p.end == 11)  # the year, or its last month, quarter or half
    figure = _figures(obs)
    said = figure | _reasons(obs)  # given
    at = obs.groupby("council", sort=False).indices  # each council's rows, found once (a panel has hundreds)
    out = []
    for council in councils["council"].dropna():
        own = stat[stat["council"].isna() | stat["council"].eq(council)]
        ids = list(dict.fromkeys(own["measure"]))
        if not ids:
            continue
        rows = at.get(council, [])
        years, mine = fy.iloc[rows], fy.iloc[rows].notna()
        is_stat = obs["measure"].iloc[rows].isin(ids)
        stat_years = set(years[mine & is_stat & said.iloc[rows]])
        done = sorted(set(years[mine & ~is_stat & figure.iloc[rows] & whole.iloc[rows]]) - stat_years)
        if not done:
            continue
        first = min(stat_years) if stat_years else done[-1]  # none ever given: its latest year alone
        named = ", ".join(ids)
        empty = "; ".join(dict.fromkeys(outcomes[o] for o in own["outcome"]))
        for year in (Period.year(int(y)) for y in done if y >= first):
            out.append(
                Problem(
                    label,
                    None,
                    "period",
                    f"no figure for {year.label} for any of {council}'s {len(ids)} statutory measures ({named}), "
                    f"where its other measures have figures for the whole year",
                    f"the year's statutory figures, or a reason in comment for each that will not come: the annual "
                    f"report for {year.label} would say no data was provided in its statutory sections ({empty}); "
                    f"the year's return brings them in: swreport template RETURN.xlsx --council {council} --period "
                    f"{year}, then swreport merge RETURN.xlsx",
                )
            )
    return out
