"""The CSWO annual report's own sections, as plain data for their templates
(``swlib/templates/annual/``): each statutory function (a table of its years and small
multiples), finance (budget, outturn, capital and the variance), the workforce (suppressed in a
public report) and inspections (grades and their chart)."""

from __future__ import annotations

import pandas as pd

from .. import workforce
from ..base import GRADE_NAMES
from ..benchmarking import ordinal
from ..briefing import by_severity, first_sentence
from ..charts import budget_chart, inspection_chart, multiples_printed_differ, small_multiples
from ..charts.base import value_axis_label
from ..config import cleared_text, council_settings
from ..disclosure import SYMBOL, WITHHELD_TEXT
from ..formatting import fmt_money, fmt_value, slug
from ..hidden import c_note, council_small
from ..national import SHORT_TITLES, real_terms_benchmark
from ..periods import Period
from ..public_text import WITHHELD, WITHHELD_RESTATED, WITHHELD_UNCLEARED
from ..published import read as read_published
from ..rag import shown_decimals
from ..rows import records
from ..schema import COUNT_UNITS
from ..small_numbers import small_numbers_in
from ..status import is_synthetic, performance, synthetic_columns
from .quarterly import benchmark_decimals, cost_prices, prices_by_figure
from .tables import frame_view, marked_targets, money_view, no_data_text, synthetic_marks, values_view, variance_view


def year_not_in(ds, council: str, period: Period, perf: pd.DataFrame) -> list[str]:
    """What the annual report for ``period`` has no figures for yet, in a few words each, as its
    sections say it ('No finance data was provided for 2025/26'): the statutory measures with no
    figure for the year (``perf``: ``performance`` for the year), finance, the workforce and
    inspections; all of which the year's return brings in. Printed by ``swreport run``."""
    statutory = perf[perf["theme"].eq("Statutory functions")]
    reason = statutory["year_notes"].map(lambda n: "to_date" in (n or {}))
    n = int((statutory["to_date"].isna() & ~reason).sum())
    out = [f"{n} statutory measure{'s' if n != 1 else ''}"] if n else []
    if finance_view(ds, council, period)["none"]:
        out.append("finance")
    if workforce_view(ds, council, period)["none"]:
        out.append("the workforce")
    if inspection_view(ds, council, period)["none"] == no_data_text("inspection", period.label):  # none at all
        out.append("inspections")
    return out


def statutory_view(perf: pd.DataFrame, outcome: str, period: Period, say_none: bool = True) -> dict:
    """One statutory function: a table of the years and a small-multiples chart (or why not)."""

    this_year = str(period)
    rows = perf[(perf["outcome"] == outcome) & perf["theme"].eq("Statutory functions")].copy()
    years = perf.attrs.get("years", [])
    if len(rows):
        said = rows["year_notes"].map(bool)  # a reason for a missing figure: printed where the figure would be
        rows = rows[rows[["to_date", *years]].notna().any(axis=1) | rows["suppressed"].fillna("").ne("") | said]
    out = {"id": f"statutory-{slug(outcome)}", "title": outcome, "table": None, "chart": None, "none": None}
    if rows.empty:
        out["none"] = no_data_text(outcome.lower(), period.label) if say_none else None
        return out
    supp = rows["suppressed"].fillna("")
    said = rows["year_notes"].map(lambda n: set(n or {}))
    years = [y for y in years if rows[y].notna().any() or supp.str.contains(y, regex=False).any()
             or said.map(lambda n, y=y: y in n).any()]  # years with figures, or with a reason for one missing  # fmt: skip
    small = council_small(perf.attrs.get("council"))
    out["table"] = with_c_note(values_view(rows, years, this_year, f"{outcome}: figures by year"), small)
    out["table"]["base_note"] = base_not_given(rows)
    out["comments"] = year_comments(rows, period)
    rows[this_year] = rows["to_date"]
    withheld = []
    if perf.attrs.get("audience") == "public":
        withheld = list(rows.loc[rows["suppressed"].fillna("") != "", "title"])
        rows = rows[rows["suppressed"].fillna("") == ""]  # a chart never shows a suppressed figure
    not_shown = (  # a measure's chart withheld is said, not dropped without a word (COMMITTEE-5 #12)
        f" Chart not shown for {' and '.join(withheld)}: it would show a figure marked {SYMBOL} in the table."
        if withheld
        else ""
    )
    if len(rows) and not years:  # one year only: a bar a chart compares nothing; the table has the figures
        out["one_year"] = f"{period.label} is the only year with figures, so there is no year-on-year chart."
    elif not len(rows) and withheld:
        out["one_year"] = not_shown.strip()
    elif len(rows):
        recs = records(rows)
        out["chart"] = small_multiples(recs, years, this_year, outcome).view()
        out["chart"]["narrow"] = small_multiples(recs, years, this_year, outcome, narrow=True).view()["src"]
        out["chart"]["phone"] = True  # shown at a phone's width, its text 11 px (COMMITTEE-8 #18)
        other = multiples_printed_differ(recs, years, this_year)
        printed = small_multiples(recs, years, this_year, outcome, printed=True).view()["src"] if other else None
        out["chart"]["print"] = printed  # fewer rows on paper; None where the paper's copy is the screen's
        out["chart"]["caption"] += not_shown
    return out


def year_comments(rows: pd.DataFrame, period: Period) -> list[dict]:
    """The comment each statutory measure's figure for the year carries (typed in the year's
    return), to print under its table: the CSWO report it was written for printed none, the
    quarterly report did (ANALYST-8 #6). A reason for a missing figure, printed where the figure
    would be, is not repeated; a public report's comment is as the public step left it."""
    out = []
    for title, comment, notes in zip(rows["title"], rows["comment"], rows["year_notes"], strict=True):
        if isinstance(comment, str) and comment.strip() and "to_date" not in (notes or {}):
            out.append({"title": title, "year": period.label, "text": comment.strip()})
    return out


def with_c_note(table: dict, small: tuple[int, int]) -> dict:
    """A table with a figure marked [c] says why under it, as the quarterly reports' tables do
    (the public Dundee annual printed "6 [c]" with the reason only in the glossary, pages later),
    in the council's small numbers (``small``: ``suppress_min``, ``suppress_max``)."""
    if any(c.get("suppressed") for r in table["rows"] for c in r["cells"]):
        table["suppressed_note"] = c_note(*small)
    return table


def base_not_given(rows: pd.DataFrame) -> str | None:
    """A note under a table that sets a percentage given without its counts beside a count, so
    that it is not read as a share of that count (Dundee 2016/17: "Complaints upheld 28.5%" under
    77 complaints received, and no whole number of 77 gives 28.5%: the council's base is its
    complaints' outcomes); None where the table has no such pair."""
    counts = rows["unit"].isin(COUNT_UNITS).any()
    alone = rows[(rows["unit"] == "percent") & rows["numerator"].isna() & rows["denominator"].isna()]
    if not counts or alone.empty:
        return None
    names = list(alone["title"])
    which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"{which}: {'a percentage' if len(names) == 1 else 'percentages'} as the council reported "
        f"{'it' if len(names) == 1 else 'them'}, without the counts behind {'it' if len(names) == 1 else 'them'}; "
        "not necessarily a share of a count in this table."
    )


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
    from ..trends import describe  # trends reads status, as this module does: imported where used

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
        rows.append({"label": latest_label(r), "cells": cells, "line": r.get("sentence") or "", "comment": said})
    cap = RATED_CAPTIONS[status] + (", worsening first" if len(rows) > 1 and status != "Green" else "")
    table = {"caption": cap, "columns": ["Figure", "Target", "In one line", "Comment"], "rows": rows, "status": status}
    table = synthetic_marks(table, [c for r in rows for c in r["cells"][:1]])
    return marked_targets(table, [r["cells"][1] for r in rows])


def rated_view(perf: pd.DataFrame, ds=None, council: str | None = None) -> list[dict]:
    """Page 1's Amber and Green measures after its Red ones (``red_view``), named as the status
    counts above them count them: a reader of 'Justice: 1 Amber' can find which."""
    return [t for t in (red_view(perf, ds, council, "Amber"), red_view(perf, ds, council, "Green")) if t]


def public_words(df: pd.DataFrame, columns, council: str, audience: str) -> pd.DataFrame:
    """``df`` with the free text of ``columns`` that mentions a small number withheld for the
    public: "[withheld 1]", "[withheld 2]"... (the same text the same number, so that tables
    joined on it still join); not a text an officer cleared (``cleared`` in params/councils.yaml)."""
    if audience != "public" or df.empty:
        return df
    cfg = council_settings(council)
    out = df.copy()
    for col in columns:
        texts = [t for t in dict.fromkeys(out[col])
                 if small_numbers_in(t, cfg.suppress_min, cfg.suppress_max) and not cleared_text(t, council)]  # fmt: skip
        names = {t: f"{WITHHELD_TEXT[:-1]} {k}]" for k, t in enumerate(texts, 1)}
        out[col] = out[col].map(lambda t, n=names: n.get(t, t))
    return out


def finance_view(ds, council: str, period: Period, audience: str = "internal") -> dict:

    f = ds.finance[(ds.finance["council"] == council) & (ds.finance["period"] == str(period))]
    f = public_words(f, ["line"], council, audience)  # a line's name is free text
    if f.empty:
        return {"none": no_data_text("finance", period.label), "items": []}
    items = []
    basis = council_settings(council).budget_basis  # "net": as the source heads its budget table
    budget_label = f"{basis} revenue budget".strip()
    for kind, label in (("budget", budget_label), ("outturn", "revenue outturn"), ("capital", "capital programme")):
        lines = f[f["kind"] == kind][["line", "amount", "source"]]
        if lines.empty:
            continue
        items.append({"table": money_view(lines, f"{period.label} {label} by service")})
        if kind == "budget":  # the budget's chart with its table: printed together (COMMITTEE-8 #16)
            items[-1]["chart"] = budget_chart(lines, f"{period.label} {label}").view()
    budget, outturn = f[f["kind"] == "budget"], f[f["kind"] == "outturn"]
    if len(budget) and len(outturn):
        items.append(
            {"table": variance_view(budget, outturn, f"{period.label} revenue budget against outturn, by service")}
        )
        b, o = budget["amount"].sum(), outturn["amount"].sum()
        word = "overspend" if o > b else "underspend"
        made_up = " † Synthetic outturn figures." if is_synthetic(outturn["source"]) else ""
        items.append({"text": f"Outturn {fmt_money(o)} against a budget of {fmt_money(b)}: an {word} of "
                              f"{fmt_money(abs(o - b))} ({100 * abs(o - b) / b:.1f}%).{made_up}"})  # fmt: skip
    return {"none": None, "items": items}


def workforce_view(ds, council: str, period: Period, audience: str = "internal", published=None) -> dict:
    """The workforce table. Public: headcounts hidden as ``swlib.workforce`` says, set against
    ``published``, the record of what public reports printed (default: the one in the outputs
    folder in use), so that a return revised since it was published gives no small number away."""

    w = public_words(ds.workforce[ds.workforce["council"] == council], ["service"], council, audience)  # free text
    latest = max((Period.parse(p) for p in w["period"].unique() if Period.parse(p) <= period), default=None)
    if latest is None:
        # the section's workforce measures (from observations) may follow: say which data is missing
        return {"none": f"No staffing figures (headcount and full-time equivalent) were provided for {period.label}.",
                "table": None}  # fmt: skip
    rows = w[w["period"] == str(latest)].set_index("service")
    made_up_rows = rows["source"].map(lambda x: is_synthetic([x])) if "source" in rows else pd.Series(dtype=bool)
    counts = pd.DataFrame({"Headcount": rows["headcount"].astype("float")})
    if len(counts) > 1:
        counts.loc["Total"] = counts["Headcount"].sum(min_count=1)
    hide = pd.DataFrame(False, index=counts.index, columns=counts.columns)
    if audience == "public":
        cfg = council_settings(council)
        record = published if published is not None else read_published(council)
        raw = workforce.headcounts(ds, council, period)[1]["headcount"]  # the data's own team names, in order
        hide["Headcount"] = workforce.hidden(raw, str(latest), record, cfg.suppress_min, cfg.suppress_max).to_numpy()
    fte = rows["fte"].reindex(counts.index)
    if len(counts) > 1:
        fte.loc["Total"] = rows["fte"].sum(min_count=1)
    # a hidden team's FTE goes with its headcount; where only one hidden team has an FTE (the team hidden to
    # protect it has none), the Total's FTE less those printed would give it back: the Total's FTE is hidden too
    hidden_ftes = [t for t in counts.index if t != "Total" and hide.at[t, "Headcount"] and pd.notna(fte.get(t))]
    fte_total_hidden = len(hidden_ftes) == 1
    body = []
    for service in counts.index:
        h, f = counts.at[service, "Headcount"], fte.get(service)
        if hide.at[service, "Headcount"]:
            cells = [{"suppressed": True}, {"suppressed": True}]
        elif service == "Total" and fte_total_hidden:
            cells = [{"text": "–" if pd.isna(h) else f"{int(h):,}"}, {"suppressed": True}]
        else:
            cells = [{"text": "–" if pd.isna(h) else f"{int(h):,}"},
                     {"text": "–" if f is None or pd.isna(f) else f"{f:,.1f}"}]  # fmt: skip
            made_up = (
                made_up_rows.any() if service == "Total" and service not in made_up_rows else made_up_rows.get(service)
            )
            for c in cells if made_up else []:
                c["synthetic"] = c["text"] != "–"
        body.append({"label": service, "total": service == "Total", "cells": cells})
    cap = f"Social work workforce, {latest.label}" + (" (the latest available)" if latest != period else "")
    table = {"caption": cap, "columns": ["Headcount", "Full-time equivalent"], "rows": body}
    table = with_c_note(synthetic_marks(table, [c for r in body for c in r["cells"]]), council_small(council))
    return {"none": None, "table": table}


def year_inspections(ds, council: str, period: Period, audience: str = "internal") -> tuple[bool, pd.DataFrame]:
    """(whether the council has any inspection at all, its inspections dated within ``period``'s
    financial year), their services' names as a report for ``audience`` prints them."""
    i = public_words(
        ds.inspections[ds.inspections["council"] == council], ["service", "service_type"], council, audience
    )
    start, end = (
        f"{period.fy}-04-01",
        f"{period.fy + 1}-03-31",
    )  # the report's financial year: ISO dates compare as text
    return not i.empty, i[(i["date"] >= start) & (i["date"] <= end)]


def grade_themes(i: pd.DataFrame) -> list[str]:
    """The quality themes graded in ``i`` (inspections): its columns other than what names a service."""
    themes = [c for c in i.columns if c not in ("council", "service", "service_type", "sector", "date", "source")]
    return [t for t in themes if i[t].notna().any()]


def inspected_on(date: str) -> str:
    """An inspection's ISO date as the grades table prints it: '3 November 2016'."""
    d = pd.to_datetime(date, errors="coerce")
    return "" if pd.isna(d) else f"{d.day} {d:%B %Y}"


def inspection_view(ds, council: str, period: Period, audience: str = "internal") -> dict:

    any_at_all, i = year_inspections(ds, council, period, audience)
    if i.empty:
        if any_at_all:
            return {
                "none": f"No inspection was dated within {period.year_period.label} (April {period.fy} to March {period.fy + 1})."
            }
        return {"none": no_data_text("inspection", period.label)}
    themes = grade_themes(i)
    show = i[["service", "service_type", "sector", "date", *themes]].copy()
    made_up = i["source"].map(lambda x: is_synthetic([x])) if "source" in i else pd.Series(False, index=i.index)
    show["service"] = show["service"].where(~made_up, show["service"] + " †")
    show.columns = ["Service", "Type", "Sector", "Inspected", *[t.replace("_", " ").capitalize() for t in themes]]
    show["Inspected"] = show["Inspected"].map(inspected_on)
    for c in show.columns[4:]:
        show[c] = show[c].map(lambda v: "not assessed" if pd.isna(v) else str(int(v)))
    return {
        "none": None,
        "table": frame_view(
            show,
            "Care Inspectorate grades (1 unsatisfactory to 6 excellent)"
            + ("; † synthetic: made up for illustration" if made_up.any() else ""),
            css_class="grades",
        ),
        "chart": inspection_chart(i[themes], synthetic=bool(made_up.any())).view() if themes else None,
        "no_themes": None if themes else "No quality theme was graded in these inspections.",
    }


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
