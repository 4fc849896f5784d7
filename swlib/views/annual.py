"""The CSWO annual report's own sections after its first page (``views.annual_page_one``), as
plain data for their templates (``swlib/templates/annual/``): each statutory function (a table of
its years and small multiples), finance (budget, outturn, capital and the variance), the workforce
(suppressed in a public report) and inspections (grades and their chart); and what the year's
return has not brought in yet (``year_not_in``)."""

from __future__ import annotations

import pandas as pd

from .. import workforce
from ..charts import budget_chart, inspection_chart, multiples_printed_differ, small_multiples
from ..config import cleared_text, council_settings
from ..disclosure import SYMBOL, WITHHELD_TEXT
from ..formatting import fmt_money, slug
from ..hidden import c_note, council_small
from ..periods import FREQUENCY_KIND, Period
from ..published import read as read_published
from ..rows import records
from ..schema import COUNT_UNITS
from ..small_numbers import small_numbers_in
from ..status import is_synthetic
from .tables import frame_view, money_view, no_data_text, synthetic_marks, values_view, variance_view


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


def periods_not_in(ds, perf: pd.DataFrame) -> dict[str, int]:
    """The periods ending the year (its Quarter 4, its March) that measures reported more often
    than yearly have no figure for yet, each with how many measures: *Report later* in the annual
    report until their return is merged (ANALYST-11 #6: a year with Quarters 1 to 3 renders)."""
    kind = ds.measures.drop_duplicates("measure").set_index("measure")["frequency"].map(FREQUENCY_KIND)
    late = perf[perf["note"].fillna("").str.contains("figure not yet available", regex=False)]
    out: dict[str, int] = {}
    for m, shown in zip(late["measure"], late["period_shown"], strict=True):
        p = str(Period.parse(shown).latest_of_kind(kind[m]))
        out[p] = out.get(p, 0) + 1
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
