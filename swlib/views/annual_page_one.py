"""The CSWO annual report's first page, as plain data for its template (``swlib/templates/annual/``):
what a committee reads first. The measures with targets by status, Red first and each in one line
(``red_view``, ``rated_view``), a measure with no figure for the year yet shown at its latest
available year (``latest_available``); and what needs attention besides them
(``beyond_targets_view``): the LGBF indicators on which the council compares least well, and its
services' weak inspection grades. The sections after it are ``views.annual``'s."""

from __future__ import annotations

import pandas as pd

from ..base import GRADE_NAMES
from ..benchmarking import ordinal
from ..briefing import by_severity, first_sentence
from ..charts.base import value_axis_label
from ..formatting import fmt_value
from ..national import SHORT_TITLES, real_terms_benchmark
from ..periods import Period
from ..public_text import WITHHELD, WITHHELD_RESTATED
from ..rag import shown_decimals
from ..rows import records
from ..status import is_synthetic, performance, synthetic_columns
from ..trends import describe, part_year_said
from ..uncleared import WITHHELD_UNCLEARED
from .annual import grade_themes, inspected_on, year_inspections
from .quarterly import benchmark_decimals, cost_prices, prices_by_figure
from .tables import marked_targets, synthetic_marks

LATEST_AVAILABLE = "latest available: "  # a row's note: the year before's figure, the year's still to come
SHOWN_AT_LATEST = ("to_date", "numerator", "denominator", "status", "status_source", "trend", "last_year", "target",
                   "annual_target", "tolerance", "comment", "period_shown", "suppressed", "synthetic", "decides_at",
                   "target_cash", "target_prices", "cash", "prices", "baselines")  # fmt: skip


def latest_available(ds, council: str, period, perf: pd.DataFrame, audience: str = "internal") -> pd.DataFrame:
    """``perf`` (rows of the year's ``performance``, with their sentences) with each measure that has
    no figure for the year yet ('Report later', nothing suppressed and no reason given for the gap)
    shown at the year before's figure where that has one: its figure, target, status and sentence
    for that year, as the year before's report (``audience``) printed them, the row's note
    beginning 'latest available: 2022/23', as the quarterly report shows an annual measure. D&G's
    2023/24 annual report counted its 14 LGBF measures, 6 of them Red in the Q2 paper, as an
    unnamed 'Report later 14': the LGBF publishes a year's figures the year after (COMMITTEE-5 #2)."""
    P = Period.parse(period).year_period
    gap = perf["year_notes"].map(lambda n: "to_date" in (n or {}))
    none = perf["to_date"].isna() & perf["status"].eq("Report later") & perf["suppressed"].fillna("").eq("") & ~gap
    if not none.any():
        return perf
    prev = P.shift_years(-1)
    before = performance(ds, council, prev, audience=audience).set_index("measure")
    out = perf.copy()
    shown = []
    for i in perf.index[none]:
        m = perf.at[i, "measure"]
        if m not in before.index:
            continue
        row = before.loc[m]
        if pd.isna(row["to_date"]) and not row["suppressed"]:
            continue  # none the year before either: still 'Report later'
        for c in SHOWN_AT_LATEST:
            out.at[i, c] = row[c]
        out.at[i, "note"] = "; ".join(n for n in (f"{LATEST_AVAILABLE}{prev.label}", row["note"]) if n)
        shown.append(i)
    if shown and "sentence" in out:
        rows = out.loc[shown]
        rows.attrs = dict(out.attrs)
        out.loc[shown, "sentence"] = describe(rows, ds, council, P)
    return out


def latest_caption(rows: pd.DataFrame) -> str:
    """What the status summary's caption adds where some of its measures are counted at the year
    before's figure (``latest_available``): ' (14 of them at their latest available year, 2022/23)';
    '' for none."""
    notes = rows["note"].fillna("")
    latest = notes[notes.str.startswith(LATEST_AVAILABLE)].map(lambda n: n.split(";")[0][len(LATEST_AVAILABLE) :])
    if latest.empty:
        return ""
    years = sorted(set(latest))
    n = len(latest)
    return f" ({n} of them at their latest available year{'s' if len(years) > 1 else ''}, {', '.join(years)})"


def latest_label(r: dict) -> str:
    """A measure's name as page 1 prints it: with '(latest available: 2022/23)' where the row shows
    the year before's figure (``latest_available``)."""
    note = r.get("note") or ""
    return f"{r['title']} ({note.split(';')[0]})" if note.startswith(LATEST_AVAILABLE) else r["title"]


WITHHELD_NOTES = (WITHHELD, WITHHELD_RESTATED, WITHHELD_UNCLEARED)  # a comment the public step withheld
RATED_CAPTIONS = {"Red": "Red: most in need of attention", "Amber": "Amber: close to target",
                  "Green": "Green: on target"}  # fmt: skip


def red_view(perf: pd.DataFrame, ds=None, council: str | None = None, status: str = "Red") -> dict | None:
    """Page 1's Red measures (or Amber, or Green: ``status``), every one of them, most severe first
    (worsening first, ``by_severity``): each with its figure, its target and its one line, since the
    annual report has no other place that shows a measure outside the statutory functions. ``None``
    if none. With ``ds`` and ``council``, a measure with no comment for the year takes the latest
    comment given during it, labelled with its period (``year_comment``, as ``performance`` gives it;
    in a public version as the public step left it: printed, or its note that it was withheld)."""
    red = by_severity([r for r in records(perf) if r["status"] == status])
    if not red:
        return None
    later = ds is not None and council is not None
    rows = []
    for r in red:
        d, made_up = int(r["decimals"]), "to_date" in (r.get("synthetic") or [])
        cells = [
            {"text": fmt_value(r["to_date"], r["unit"], shown_decimals(r)), "synthetic": made_up},
            {"text": fmt_value(r["target"], r["unit"], d), "synthetic": "target" in synthetic_columns(r)},
        ]
        said = first_sentence(r.get("comment"))
        if not said and later:  # else the year's latest comment, labelled, as the public step left it
            latest = r.get("year_comment")
            if latest in WITHHELD_NOTES:
                said = latest
            elif first_sentence(latest):
                said = f"{r['year_comment_at']}: {first_sentence(latest)}"
        said = said or "No comment provided"  # what is being done, or that none is said
        line = part_year_said(r, r.get("sentence") or "")  # Q2 missing: said on page 1 (ANALYST-11 #3)
        rows.append({"label": latest_label(r), "cells": cells, "line": line, "comment": said})
    cap = RATED_CAPTIONS[status] + (", worsening first" if len(rows) > 1 and status != "Green" else "")
    table = {"caption": cap, "columns": ["Figure", "Target", "In one line", "Comment"], "rows": rows, "status": status}
    table = synthetic_marks(table, [c for r in rows for c in r["cells"][:1]])
    return marked_targets(table, [r["cells"][1] for r in rows])


def rated_view(perf: pd.DataFrame, ds=None, council: str | None = None) -> list[dict]:
    """Page 1's Amber and Green measures after its Red ones (``red_view``), named as the status
    counts above them count them: a reader of 'Justice: 1 Amber' can find which."""
    return [t for t in (red_view(perf, ds, council, "Amber"), red_view(perf, ds, council, "Green")) if t]


WEAK = 2  # a Care Inspectorate grade at or below it is named on page 1: 2 Weak, 1 Unsatisfactory


def least_well_view(ds, council: str, period: Period) -> dict | None:
    """Page 1's "Where we compare least well": each LGBF indicator on which the council is in the
    bottom quarter of Scotland's councils in the report's own year (not an earlier year's, which
    the benchmarking table may show as the latest available), the lowest rank first, each in one
    line with its figure and rank as the benchmarking table prints them (``benchmark_row``) and the
    way its ranks run (a cost's from the lowest, not the best). Among equal ranks, a figure worse
    than Scotland's allowing for chance first, then the others, then costs. ``None`` where there is
    none. Dundee 2016/17 reported no measure with a target, and its page 1 said nothing of being
    32nd of 32 on readmissions, SDS and community care costs (COMMITTEE-8 #13)."""
    year = period.year_period
    panel, b = real_terms_benchmark(ds, year)
    mine = b[(b["council"] == council) & (b["period"] == str(year))]
    low = records(mine[mine["quartile"] == 4])
    if not low:
        return None
    py = prices_by_figure(panel)
    order = {r["lgbf"]: n for n, r in enumerate(records(mine))}
    low.sort(
        key=lambda r: (-r["rank"] / r["of"], r["comparison"] != "worse", r["unit"] == "currency", order[r["lgbf"]])
    )
    lines = []
    for r in low:
        figure = fmt_value(r["value"], r["unit"], benchmark_decimals(r))
        rank = f"{ordinal(r['rank'])} of {int(r['of'])}"
        if r["unit"] == "currency":
            prices = cost_prices(py, r).removeprefix("£ ")  # "at 2020/21 prices"
            said = f"{figure} {prices}, {rank} (1st = {'lowest' if r['polarity'] == 'lower' else 'highest'} cost)"
        else:
            per = f" {value_axis_label('rate', r['title'])}" if r["unit"] == "rate" else ""
            said = f"{figure}{per}, {rank} ({'lower' if r['polarity'] == 'lower' else 'higher'} is better)"
        name = SHORT_TITLES.get(r["lgbf"], r["title"])
        lines.append({"name": f"{name} ({r['lgbf']})", "text": said})
    n = int(low[0]["of"])
    return {
        "title": "Where we compare least well",
        "lead": f"in {year.label}, in the bottom quarter of Scotland's {n} councils (Local Government Benchmarking "
        "Framework; 1st = best), from the bottom up",
        "lines": lines,
    }


def weak_grades_view(ds, council: str, period: Period, audience: str = "internal") -> dict | None:
    """Page 1's "Inspection grades of 2 (Weak) or below": each service inspected in the report's
    year given one, in one line with its grades at or below 2 as the grades table (section 9) prints
    them, its name as that table prints it (withheld where a public report withholds it; † where
    made up). ``None`` where there is none. Dundee's Weavers Burn was graded 2 (Weak) for care and
    support in 2016/17, beside the source's "These grades have remained consistently high in the
    main", and page 1 did not say so (COMMITTEE-8 #13)."""
    _, i = year_inspections(ds, council, period, audience)
    themes = grade_themes(i)
    lines = []
    for r in records(i.sort_values(["date", "service"], kind="stable")):
        weak = [(t, int(r[t])) for t in themes if pd.notna(r[t]) and r[t] <= WEAK]
        if not weak:
            continue
        made_up = " †" if is_synthetic([r.get("source")]) else ""
        said = [f"{t.replace('_', ' ')} {g} ({GRADE_NAMES[g]})" for t, g in weak]
        grades = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
        kind = f" ({r['service_type']})" if isinstance(r.get("service_type"), str) and r["service_type"] else ""
        lines.append(
            {"name": f"{r['service']}{made_up}{kind}", "text": f"{grades}, inspected {inspected_on(r['date'])}"}
        )
    if not lines:
        return None
    return {
        "title": f"Inspection grades of {WEAK} ({GRADE_NAMES[WEAK]}) or below",
        "lead": f"services inspected in {period.year_period.label} (Care Inspectorate, 1 unsatisfactory to 6 excellent)",
        "lines": lines,
    }


def beyond_targets_view(ds, council: str, period: Period, audience: str = "internal") -> dict:
    """What page 1 names as needing attention besides the measures with targets (``red_view``):
    the LGBF indicators on which the council compares least well in the report's year
    (``least_well_view``) and its services' weak inspection grades (``weak_grades_view``), each a
    line that links to its section; ``{"ranks": None, "grades": None}`` for none. Page 1 is what a
    committee reads first: a report whose measures have no targets said nothing there."""
    return {"ranks": least_well_view(ds, council, period), "grades": weak_grades_view(ds, council, period, audience)}
