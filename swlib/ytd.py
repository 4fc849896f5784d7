"""A measure's figure for a period from its observations: the year to date built from the
sub-periods (summed counts, percentages from their summed counts, a mean, or the latest), a whole
year's figure, the cumulative figures public reports print before a period (for the disclosure
rule), and the data's own reason where a figure is left out (or why it cannot be shown)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .periods import SPAN_MONTHS, Period
from .schema import ADDITIVE_UNITS, AMOUNT_UNITS

INCOMPLETE = "year to date incomplete: no figure for"  # a row's note where a period of the year is missing
PART_YEAR = "not compared with last year, which has figures for "  # a row's note: last year's cover part of it


@dataclass(frozen=True)
class YearToDate:
    value: float = np.nan
    numerator: float = np.nan
    denominator: float = np.nan
    parts_found: int = 0
    parts_expected: int = 0
    exact: bool = False
    own: bool = False  # an observation for the report's own (sub-)period exists
    status: str | None = None
    comment: str | None = None
    sources: tuple = ()  # the ``source`` of each observation the figure is built from
    source: dict | None = None  # the observation the status and comment come from
    missing: tuple = ()  # the sub-periods before the last with a figure that have none (a gap: August not given)

    @property
    def has_data(self) -> bool:
        return self.exact or self.parts_found > 0


def combine(rows: list[dict], aggregate: str, unit: str) -> tuple[float, float, float]:
    """Combine sub-period observations (in period order) into one value."""
    if not rows:
        return np.nan, np.nan, np.nan
    if aggregate == "latest":
        last = rows[-1]
        return last["value_c"], last["numerator"], last["denominator"]
    values = [r["value_c"] for r in rows]
    nums = [r["numerator"] for r in rows]
    dens = [r["denominator"] for r in rows]
    if aggregate == "mean":
        v = float(np.nanmean(values)) if not all(pd.isna(v) for v in values) else np.nan
        if unit in AMOUNT_UNITS and not any(pd.isna(x) for x in (*nums, *dens)):  # the cases an average of days or
            return v, float(sum(nums)), float(sum(dens))  # money is over: for public reports' small-number check
        return v, np.nan, np.nan
    if not any(pd.isna(x) for x in nums) and not any(pd.isna(x) for x in dens):
        n, d = float(sum(nums)), float(sum(dens))
        if unit == "percent":
            v = 100 * n / d if d > 0 else np.nan
        elif unit == "ratio":
            v = n / d if d > 0 else np.nan
        elif unit == "rate":  # per how many (1,000 people...) read from the rows that give all three
            per = [r["value_c"] * r["denominator"] / r["numerator"] for r in rows
                   if r["numerator"] and r["denominator"] and not pd.isna(r["value_c"])]  # fmt: skip
            v = (per[-1] * n / d if per else (0.0 if n == 0 else np.nan)) if d > 0 else np.nan
        else:
            v = float(np.nansum(values))
        return v, n, d
    present = [v for v in values if not pd.isna(v)]
    return (float(sum(present)) if present else np.nan), np.nan, np.nan


def _blank(r) -> bool:
    """An observation with no figure: value, numerator and denominator all blank."""
    return all(pd.isna(r[c]) for c in ("value_c", "numerator", "denominator"))


def parts_against_total(total: float, figures: list[float]) -> str | None:
    """How the figures of a period's parts (nan where one is not given) stand against the
    period's own figure ``total`` (a year's row beside its months): 'over' where those given add up
    to more than it, 'differ' where all are given and add up to another figure, 'unchecked' where
    some are missing (those given not over it); None where they agree, or there is no total or no part."""
    given = [float(f) for f in figures if not pd.isna(f)]
    if pd.isna(total) or not given:
        return None
    added, tol = sum(given), max(0.5, 0.001 * abs(total))
    if added > total + tol:
        return "over"
    if len(given) < len(figures):
        return "unchecked"
    return "differ" if abs(added - total) > tol else None


def total_columns(unit: str) -> tuple[str, ...]:
    """The columns whose figures a period's parts add up to: a count's (days', pounds') value, a
    percentage's (rate's, ratio's) numerator and denominator."""
    return ("value",) if unit in ADDITIVE_UNITS else ("numerator", "denominator")


def contradicted(obs: dict, window: Period, kind: str, aggregate: str, unit: str) -> bool:
    """Whether the row of ``window``, a quarter, half or year given for a measure of a shorter
    ``kind`` (added up: aggregate sum), is contradicted by its parts: those given add up to more
    than it, or, all given, to another figure. Such a row is never the figure for its period: the
    parts are (``year_runs.totals_against_parts`` warns of it)."""
    if aggregate != "sum" or SPAN_MONTHS[window.kind] <= SPAN_MONTHS[kind] or str(window) not in obs:
        return False
    parts = [obs.get(str(p)) for p in window.parts(kind)]
    cols = ["value_c" if c == "value" else c for c in total_columns(unit)]  # a row's value as it is read here
    return any(
        parts_against_total(obs[str(window)][c], [np.nan if x is None else x[c] for x in parts]) in ("over", "differ")
        for c in cols
    )


def year_to_date(
    obs: dict[str, pd.Series], eff: Period, kind: str, aggregate: str, unit: str, *, window_read: bool = False
) -> YearToDate:
    """Year to date at ``eff`` from one measure's observations keyed by period id (a row for the
    whole window that its parts contradict left out: ``contradicted``). ``window_read``: the
    caller has found the window's own row absent or contradicted (``year_value``)."""
    window = None if window_read else eff.window_period()
    own = eff.latest_of_kind(kind) if eff.ends_on_boundary(kind) else None
    if window is not None and str(window) in obs and not contradicted(obs, window, kind, aggregate, unit):
        r = obs[str(window)]
        return YearToDate(
            r["value_c"],
            r["numerator"],
            r["denominator"],
            1,
            1,
            exact=True,
            own=True,
            status=r["status"],
            comment=r["comment"],
            sources=(r.get("source"),),
            source=r,
        )
    parts = eff.window_parts(kind)
    found = [obs[str(p)] for p in parts if str(p) in obs and not _blank(obs[str(p)])]  # a blank row adds nothing
    own_row = obs.get(str(own)) if own is not None else None
    if own_row is not None and _blank(own_row):
        if (isinstance(own_row["comment"], str) and own_row["comment"].strip()) or isinstance(own_row["status"], str):
            # the period's own figure left out on purpose: no year to date, and the data's reason for it
            return YearToDate(
                parts_found=len(found), parts_expected=len(parts), exact=True, own=True, status=own_row["status"],
                comment=own_row["comment"], sources=(own_row.get("source"),), source=own_row,
            )  # fmt: skip
        own_row = None  # a blank row without a reason: as if not there
    if not found:
        return YearToDate(parts_expected=len(parts))
    v, n, d = combine(found, aggregate, unit)
    given = [str(p) in obs and not _blank(obs[str(p)]) for p in parts]
    last = max(i for i, g in enumerate(given) if g)
    return YearToDate(
        v, n, d, len(found), len(parts), exact=False, own=own_row is not None,
        status=None if own_row is None else own_row["status"],
        comment=None if own_row is None else own_row["comment"],
        sources=tuple(r.get("source") for r in found), source=own_row,
        missing=tuple(str(p) for p, g in zip(parts[:last], given[:last], strict=True) if not g),
    )  # fmt: skip


def published_points(obs: dict, fy: int, kind: str, aggregate: str, unit: str, before: int, step: int) -> list:
    """The cumulative figures of financial year ``fy`` that public reports print before month
    slot ``before``: the year to date at the end of each period of the measure's ``kind`` that
    also ends a reporting period (``step`` months: a quarter for quarterly and annual reports),
    as (value, numerator, denominator, parts) where there is data."""
    return list(cumulative_by_end(obs, fy, kind, aggregate, unit, before, step).values())


def cumulative_by_end(obs: dict, fy: int, kind: str, aggregate: str, unit: str, before: int, step: int) -> dict:
    """``published_points`` by the month slot each figure ends in: ``{end: (value, numerator,
    denominator, parts)}``."""
    span = SPAN_MONTHS[kind]
    out = {}
    for e in range(span - 1, before, span):
        if (e + 1) % step:
            continue
        ytd = year_to_date(obs, Period(fy, kind, e - span + 1, e), kind, aggregate, unit)
        if ytd.has_data:
            out[e] = (ytd.value, ytd.numerator, ytd.denominator, ytd.parts_found)
    return out


def complement_points(part: dict, whole: dict, kind: str, fy: int, end: int, step: int, now_part, now_whole,
                      whole_kind: str | None = None, aggregate: str = "sum") -> list:  # fmt: skip
    """For a measure that counts a part of another (``part_of``): the whole minus the part at
    each cumulative figure of year ``fy`` public reports print before month slot ``end`` where
    both have one, then at ``end`` itself (``now_whole - now_part``), as points for
    ``hidden.hidden_why`` (a count: (value, nan, nan, 1)). Empty where either is missing now.
    ``whole_kind``: the whole's frequency where it is coarser (a monthly part of a quarterly whole:
    the months summed to each quarter); ``aggregate``: both summed, or both snapshots ("latest":
    the two at each date)."""
    if pd.isna(now_part) or pd.isna(now_whole):
        return []
    p = cumulative_by_end(part, fy, kind, aggregate, "count", end, step)
    w = cumulative_by_end(whole, fy, whole_kind or kind, aggregate, "count", end, step)
    return [(w[e][0] - p[e][0], np.nan, np.nan, 1) for e in sorted(set(p) & set(w))] + [
        (now_whole - now_part, np.nan, np.nan, 1)
    ]


def with_value(obs: pd.DataFrame, units: pd.Series) -> pd.DataFrame:
    """Observations with ``value_c``: the value, or computed from numerator/denominator."""
    o = obs.copy()
    unit = o["measure"].map(units)
    ratio = o["numerator"] / o["denominator"].where(o["denominator"] > 0)
    computed = np.where(unit == "percent", 100 * ratio, np.where(unit == "ratio", ratio, np.nan))
    o["value_c"] = o["value"].where(o["value"].notna(), computed)
    return o


def year_value(obs: dict, year: Period, kind: str, aggregate: str, unit: str) -> tuple:
    """A whole year's value (with numerator and denominator): the year observation, else complete
    sub-periods; else say why not. A year's row its sub-periods contradict is not the year's figure.
    Returns (value, numerator, denominator, why not, the sources of the observations it is built from)."""
    if str(year) in obs and not contradicted(obs, year, kind, aggregate, unit):
        r = obs[str(year)]
        blank = YearToDate(r["value_c"], r["numerator"], r["denominator"], 1, 1, exact=True, comment=r["comment"])
        return r["value_c"], r["numerator"], r["denominator"], missing_reason(blank), (r.get("source"),)
    if kind == "year":
        return np.nan, np.nan, np.nan, None, ()
    end = Period.quarter(year.fy, 4) if kind != "half" else Period.half(year.fy, 2)
    ytd = year_to_date(obs, end, kind, aggregate, unit, window_read=True)  # the year's own row: asked above
    if not ytd.has_data:
        return np.nan, np.nan, np.nan, None, ytd.sources
    if ytd.parts_found < ytd.parts_expected:
        return np.nan, np.nan, np.nan, f"incomplete: {ytd.parts_found} of {ytd.parts_expected} {kind}s", ytd.sources
    return ytd.value, ytd.numerator, ytd.denominator, None, ytd.sources


def missing_reason(ytd: YearToDate) -> str | None:
    """Why a figure is missing, as the data says it: an observation with value, numerator and
    denominator all blank is a figure left out on purpose, and its ``comment`` gives the reason
    ("not available: records were moving to a new system"); the report prints it where the
    figure would be."""
    if not ytd.exact or not all(pd.isna(x) for x in (ytd.value, ytd.numerator, ytd.denominator)):
        return None
    text = ytd.comment.strip() if isinstance(ytd.comment, str) else ""
    return text or None


def impossible(unit: str, value: float) -> str | None:
    """Why a figure cannot be shown (a percentage outside 0 to 100), else None."""
    if unit == "percent" and not pd.isna(value) and not (-1e-9 <= value <= 100 + 1e-9):
        return (
            f"not shown: the figures give {value:.1f}%, which no percentage can be (were percentages "
            "added up? give numerator and denominator, or set the measure's aggregate to latest or mean)"
        )
    return None


def part_year_total(row: dict) -> bool:
    """True for a performance row whose year to date adds up part of a year (a count, money or days
    to Quarter 2): smaller than a whole year's total however the year goes, so it is set beside the
    same point last year (``last_year``), not read against whole years (D&G 2023/24 Q2: 4.92 days
    of sickness absence to date beside 9.57-9.88 days a year looked better, while worse than 4.81 at
    Quarter 2 the year before)."""
    shown = row.get("period_shown")
    if not shown or row.get("aggregate") != "sum" or row.get("unit") not in ADDITIVE_UNITS:
        return False
    p = Period.parse(shown)
    return p.kind != "year" and p.end < 11


def _said(r) -> str:
    c = r.get("comment") if r is not None else None
    return c.strip() if isinstance(c, str) else ""


def period_comments(obs: dict, period: Period, kind: str) -> tuple[str | None, dict | None]:
    """The comments of a measure of a shorter ``kind`` (monthly) on each of its periods within a
    report's ``period`` (a quarter's three months), each labelled with its month ('July 2026: July
    rise: school holiday referrals.'), a month's figure left blank with its reason among them; and
    where they are in the data for the public step (the latest commented row, cleared only where
    every one is). (None, None) where only the period's last month, or none, has a comment: the row
    then prints the last month's as it always has. ANALYST-8 #12: July's and August's comments, and
    the reason August was missing, were printed nowhere."""
    if SPAN_MONTHS[kind] >= SPAN_MONTHS[period.kind]:
        return None, None
    said = [(p, obs[str(p)]) for p in period.parts(kind) if _said(obs.get(str(p)))]
    if not said or (len(said) == 1 and said[0][0].end == period.end):
        return None, None
    text = " ".join(f"{p.label}: {t}" + ("" if t[-1] in ".!?" else ".") for p, t in ((p, _said(r)) for p, r in said))
    cleared = all(isinstance(r.get("cleared"), str) and r["cleared"].strip().lower() == "yes" for _p, r in said)
    first_open = next((r for _p, r in said if not (isinstance(r.get("cleared"), str)
                                                   and r["cleared"].strip().lower() == "yes")), said[-1][1])  # fmt: skip
    return text, {**first_open, "cleared": "yes" if cleared else None}


def year_comment(obs: dict, year: Period) -> tuple[str | None, str | None, dict | None]:
    """The latest comment an officer gave a measure during ``year`` on a quarter's or a month's
    row (not the year's own), for the annual report's page 1 where the row has none of its own:
    (the comment, its period's label, its row in the data for the public step); (None, None,
    None) for none. ANALYST-9 #1: the public annual report said "No comment provided" where the
    internal one printed "2025/26 Quarter 3: Pay award for care staff from October"."""
    said = [(p.end, p.start, p.label, r) for k, r in obs.items() if _said(r)
            and (p := Period.parse(k)).fy == year.fy and p.kind != "year"]  # fmt: skip
    if not said:
        return None, None, None
    _end, _start, label, r = max(said, key=lambda x: (x[0], x[1]))
    return _said(r), label, r


def gap_reasons(obs: dict, missing: tuple) -> str | None:
    """The data's reasons for the months (quarters) missing from a year to date (``YearToDate.missing``:
    a figure left blank with its why in comment), labelled: 'August 2026: not available: SWIFT outage
    in August'; None where none of them says why."""
    said = [f"{Period.parse(p).label}: {_said(obs.get(p))}" for p in missing if _said(obs.get(p))]
    return "; ".join(said) or None
