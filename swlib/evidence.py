"""What the public step sets a measure's printed figures against (``status.performance_evidence``
gathers it, ``disclosure.suppress_performance`` reads it): for each column of the row, the
cumulative figures public reports print before it in its year then its own, the months each
covers, a snapshot's figure at the end of the year before, the complement of a ``part_of``
measure, and where the row's comment, notes and words are in the data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period, period_or_none
from .schema import COUNT_UNITS
from .ytd import YearToDate, complement_points, cumulative_by_end, impossible, year_to_date, year_value


def is_stock(m) -> bool:
    """Whether a measure's figures are snapshots of people at a date, so that two of different
    dates tell the net change: aggregate ``latest`` reported within the year (children on the
    register each quarter), or yearly (looked after at 31 March). A yearly percentage marked
    ``latest`` is compared too, through its numerator and denominator: "120 of 150" last year and
    "122 of 153" this year tell 2 of 3 whether it is a share at a date or of the year's events (the
    latest figure each year is the one the year column prints)."""
    return m.aggregate == "latest"


def _year_end(mo: dict, year: Period, kind: str, m) -> list[tuple]:
    """A snapshot measure's figure at the end of ``year`` as a point to set a later snapshot
    against ([] where there is none): public reports print it in their year columns."""
    v, n, d, *_ = year_value(mo, year, kind, m.aggregate, m.unit)
    return [] if pd.isna(v) or impossible(m.unit, v) else [(v, n, d, 1)]


def measure_evidence(
    m, kind: str, step: int, mo: dict, eff: Period, ytd: YearToDate, last: YearToDate,
    history: dict[Period, tuple[float, float, float]], by_measure: dict, whole_freq: dict,
    said: dict, measure_row: tuple,
) -> dict:  # fmt: skip
    """One measure's evidence. ``m``: its catalogue row, given by ``kind`` periods; ``mo``: its
    observations by period; ``eff``: the period its row shows, with the year to date ``ytd`` and
    ``last`` year's; ``history``: each year column's figure (value, numerator, denominator; nan
    where none is printed); ``step``: how often public reports print the year to date (months);
    ``by_measure``, ``whole_freq``: every measure's observations and frequency (a ``part_of``
    measure's whole); ``said``: the data's own words printed in place of a figure, by column;
    ``measure_row``: where the measure's words are (row, cleared)."""
    points = {}  # each printed figure: the cumulative figures printed before it in its year, then itself
    printed = [("to_date", eff, ytd.has_data and (ytd.value, ytd.numerator, ytd.denominator, ytd.parts_found)),
               ("last_year", eff.shift_years(-1), last.has_data and (last.value, last.numerator, last.denominator,
                                                                     last.parts_found))]  # fmt: skip
    printed += [(str(y), y, (*f, 12 // SPAN_MONTHS[kind])) for y, f in history.items() if not pd.isna(f[0])]
    for col, at, figure in printed:
        by_end = cumulative_by_end(mo, at.fy, kind, m.aggregate, m.unit, at.end, step)
        points.setdefault("ends", {})[col] = by_end  # the same, by the month each ends in
        points[col] = [*by_end.values(), figure] if figure else []
        points.setdefault("months", {})[col] = (at.fy_id, at.end + 1)
        if is_stock(m):  # a snapshot: also set against the one at the end of the year before
            before = _year_end(mo, at.year_period.shift_years(-1), kind, m)
            if col == "to_date" and last.has_data and eff.kind != "year":  # and the same date a year
                # earlier, which the row prints beside it ("up from 41 at this point last year to 44")
                before.append((last.value, last.numerator, last.denominator, 1))
            points.setdefault("year_before", {})[col] = before
    part_of = getattr(m, "part_of", None)
    if isinstance(part_of, str) and m.unit in COUNT_UNITS:
        # the whole minus this part counts people too: summed (its months to the whole's quarter) or at one date
        mw, comp, agg = by_measure.get(part_of, {}), {}, m.aggregate
        wk = FREQUENCY_KIND.get(whole_freq.get(part_of), kind)
        for col, at, y in (("to_date", eff, ytd), ("last_year", eff.shift_years(-1), last)):
            w = year_to_date(mw, at, wk, agg, m.unit)
            comp[col] = complement_points(mo, mw, kind, at.fy, at.end, step, y.value if y.has_data else np.nan,
                                          w.value if w.has_data else np.nan, wk, agg)  # fmt: skip
        for y, (hv, _n, _d) in history.items():
            whole_year = year_value(mw, y, wk, agg, m.unit)[0]
            comp[str(y)] = complement_points(mo, mw, kind, y.fy, 11, step, hv, whole_year, wk, agg)
        points["complement"] = comp
    if isinstance(replaces := getattr(m, "replaces", None), str):
        points["replaces"] = replaces  # the id it had before (renames.renamed: what was printed under it)
    if isinstance(flow_of := getattr(m, "flow_of", None), str):
        points["flow_of"] = flow_of  # the snapshot it counts people joining or leaving (linked.protect_flows)
    if isinstance(part_of, str):
        points["part_of"] = part_of  # with the whole's other parts (whole_parts.protect_parts), or a percentage's base
    points["notes"] = said  # free text a public report would print in place of a figure
    points["data_years"] = data_years(mo, kind, m)  # a renamed id's history (renames.undeclared_renames)
    i, c = measure_row
    points["measure"] = {"row": i, "cleared": c}  # the measure's words: title, theme, outcome
    points["comment"] = ytd.source if isinstance(ytd.comment, str) else None  # where the comment is
    return points


def data_years(mo: dict, kind: str, m) -> set[tuple]:
    """Each whole year a measure's data give a figure for, as the record keys a year's figure:
    {(year, 12, value)}; years a report does not print too (2020-21 after its columns moved on), so
    that an id renamed without ``replaces`` is matched to the one it was on the years its old
    reports printed (``renames.undeclared_renames``)."""
    years = {q.year_period for q in map(period_or_none, mo) if q is not None}
    out = set()
    for y in years:
        v = year_value(mo, y, kind, m.aggregate, m.unit)[0]
        if not pd.isna(v) and not impossible(m.unit, v):
            out.add((y.fy_id, 12, round(float(v), 6)))
    return out
