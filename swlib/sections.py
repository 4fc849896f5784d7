"""What each report section shows, as plain data for its template, and the same sections
rendered on their own for an analyst working in a notebook.

A ``*_view`` function turns what swlib computed into strings, numbers, lists and dicts (a
figure is ``{"text": "92%"}`` or ``{"suppressed": True}``); the templates in
``swlib/templates/`` lay them out and escape every one. To see one piece on its own in a
notebook, render its view with the shared macro of the same kind, e.g.
``templating.macro("summary_table", summary_view(...))``; the most used have a function of
their own (``performance_table``, ``statutory_section``, ``workforce_section``...). Free text the reader sees as formatting (comments, narrative) is sanitised by
``narrative`` and is the only markup a view holds.
"""

from __future__ import annotations

import re

import pandas as pd

from .charts import trend_chart
from .disclosure import SYMBOL, suppressed_columns
from .formatting import TREND_ARROWS, counts_behind, fmt_money, fmt_value, slug
from .narrative import comment_html
from .periods import Period
from .schema import TABLE_ORDER
from .status import STATUS_ORDER, catalogue, is_synthetic, synthetic_columns
from .templating import Fragment, macro, numbered

__all__ = ["Fragment", "slug"]


def paragraph(text: str) -> Fragment:
    return macro("paragraph", text)


def no_data_text(what: str, period_label: str) -> str:
    return f"No {what} data was provided for {period_label}."


def cell(r: dict, col: str) -> dict:
    """One figure of a measure's row as the tables show it: suppressed, or its text."""
    if col in suppressed_columns(r):
        return {"suppressed": True}
    reason = (r.get("year_notes") or {}).get(col)
    if reason and pd.isna(r.get(col)):  # why the figure is missing, as the data says it
        return {"text": reason, "reason": True}
    decimals = int(r["decimals"])
    decides = r.get("decides_at") if col == "to_date" else None
    if decides is not None and not pd.isna(decides):  # rounding decides the status: the decimal that does
        decimals = int(decides)
    text = fmt_value(r.get(col), r["unit"], decimals)
    if col == "to_date" and r["unit"] == "percent":
        text += counts_behind(r.get("numerator"), r.get("denominator"))
    out = {"text": text}
    if col in synthetic_columns(r) and not pd.isna(r.get(col)):
        out["synthetic"] = True
    return out


# --- summaries and legends ---------------------------------------------------------------
def summary_view(summary: pd.DataFrame, caption: str, row_label: str = "Theme") -> dict:
    cols = [c for c in summary.columns if c != "Total" and (summary[c].sum() > 0 or c in ("Green", "Amber", "Red"))]
    cols.append("Total")
    rows = [
        {"label": str(theme), "total": theme == "Total", "cells": [int(r[c]) for c in cols]}
        for theme, r in summary.iterrows()
    ]
    return {"caption": caption, "row_label": row_label, "columns": cols, "rows": rows}


STATUS_MEANINGS = {
    "Complete": "the action is finished",
    "Green": "the target is met, or the action is on course",
    "Amber": "the target is narrowly missed (within the tolerance), or the action is slightly behind",
    "Red": "the target is missed by more than the tolerance, or the action is not on course",
    "Report later": "the figure for this period is not available yet",
    "Data only": "the measure has no target: it is reported for information",
}


def legend_view() -> dict:
    return {
        "statuses": [(s, STATUS_MEANINGS[s]) for s in STATUS_ORDER],
        "arrows": [(a, t) for t, a in TREND_ARROWS.items() if a],
    }


# --- performance -------------------------------------------------------------------------
def performance_table_view(rows: pd.DataFrame, years: list[str], caption: str, latest_year: str | None = None) -> dict:
    """The council layout: indicator | comments | this year (status, target, to date) | last 3 years.
    With ``latest_year`` (measures counted once a year, in a report for part of a year) the
    figures are that year's, headed as such, never as this year's to date."""
    if latest_year:
        years = [y for y in years if y != latest_year]
    out = {
        "caption": caption,
        "group": f"Latest year available: {Period.parse(latest_year).label}" if latest_year else "This year",
        "figure": "Figure" if latest_year else "To date",
        "earlier": "Earlier years" if latest_year else "Last 3 years",
        "years": [Period.parse(y).label for y in years],
        "rows": [],
    }
    for r in rows.to_dict("records"):
        notes = [("sentence", r["sentence"])] if r.get("sentence") else []
        if r.get("note"):
            notes.append(("note", r["note"]))
        trend = r["trend"]
        yc = []
        for y in years:
            note = (r.get("year_notes") or {}).get(y)
            yc.append({"text": note, "reason": True} if note and pd.isna(r.get(y)) else cell(r, y))
        out["rows"].append({
            "title": r["title"], "notes": notes, "comment": comment_html(r.get("comment")),
            "status": r["status"], "status_source": r["status_source"],
            "target": fmt_value(r["target"], r["unit"], int(r["decimals"])) if pd.notna(r["target"]) else "–",
            "to_date": cell(r, "to_date"),
            "trend": {"suppressed": trend == SYMBOL, "arrow": TREND_ARROWS.get(trend, ""), "text": trend_reason(r)},
            "years": yc,
        })  # fmt: skip
    return synthetic_marks(out, [c for r in out["rows"] for c in [r["to_date"], *r["years"]]])


def trend_reason(r: dict) -> str:
    """The trend as the table prints it; "no comparison" says why (no figure this year, or none
    at the same point last year)."""
    if r["trend"] != "no comparison":
        return r["trend"]
    if pd.isna(r.get("to_date")) and "to_date" not in str(r.get("suppressed") or "").split(","):
        return "no comparison: no figure yet"  # a suppressed figure is there, only not shown
    return "no comparison: no figure last year"


def performance_table(rows: pd.DataFrame, years: list[str], caption: str, latest_year: str | None = None) -> Fragment:
    return macro("performance_table", performance_table_view(rows, years, caption, latest_year))


def performance_view(perf: pd.DataFrame) -> dict:
    """Per theme, per outcome, the performance tables: ``{"parts": [theme, ...]}``."""
    years = perf.attrs.get("years", [])
    parts = []
    for theme, tdf in perf.groupby("theme", sort=False):
        outcomes = []
        for outcome, odf in tdf.groupby(tdf["outcome"].fillna(""), sort=False):
            name = outcome or theme
            yearly = odf["period_shown"] != perf.attrs["period"]  # a measure reported less often: its latest period
            tables = []
            if (~yearly).any():
                tables.append(
                    performance_table_view(odf[~yearly], years, f"{name}: measures, status and the last three years")
                )
            for shown, ydf in odf[yearly].groupby("period_shown", sort=False):
                label = Period.parse(shown).label
                tables.append(performance_table_view(
                    ydf, years, f"{name}: measures counted once a year, latest year available ({label})", latest_year=shown
                ))  # fmt: skip
            outcomes.append({"id": f"outcome-{slug(theme)}-{slug(outcome)}", "title": outcome, "tables": tables})
        parts.append({"id": f"theme-{slug(theme)}", "title": theme, "outcomes": outcomes})
    return {"parts": parts}


def performance_by_theme(perf: pd.DataFrame, number: int = 3) -> Fragment:
    """Per theme (h3), per outcome (h4), a performance table."""
    return macro("performance_by_theme", numbered(performance_view(perf)["parts"], number))


def actions_view(acts: pd.DataFrame, period_label: str) -> dict:
    """The actions' summary by theme and, per theme, a table per outcome."""
    if acts.empty:
        return {"summary": None, "parts": [], "none": no_data_text("action", period_label)}
    from .status import status_summary

    parts = []
    for theme, tdf in acts.groupby("theme", sort=False):
        tables = []
        for outcome, odf in tdf.groupby(tdf["outcome"].fillna(""), sort=False):
            rows = [
                {"action": r["action"] + (" †" if is_synthetic([r.get("source")]) else ""),
                 "measure": r["measure"] or "", "comment": comment_html(r["comment"]),
                 "status": r["status"]}
                for r in odf.to_dict("records")
            ]  # fmt: skip
            made_up = "; † synthetic: made up for illustration" if any(r["action"].endswith(" †") for r in rows) else ""
            tables.append({"caption": f"{outcome or theme}: actions{made_up}", "rows": rows})
        parts.append({"id": f"actions-{slug(theme)}", "title": theme, "tables": tables})
    summary = summary_view(status_summary(acts), f"Status of actions by theme, {period_label}")
    return {"summary": summary, "parts": parts, "none": None}


# --- figures by year, money, plain tables ---------------------------------------------------
def values_view(rows: pd.DataFrame, years: list[str], this_year: str, caption: str) -> dict:
    """Measures by year: three earlier years and the report's year."""
    cols = [*years, this_year]
    out = []
    for r in rows.to_dict("records"):
        r = dict(r)
        r[this_year] = r.get("to_date")
        if "to_date" in suppressed_columns(r):
            r["suppressed"] = (r.get("suppressed") or "") + "," + this_year
        if "to_date" in synthetic_columns(r):
            r["synthetic"] = (r.get("synthetic") or "") + "," + this_year
        if (r.get("year_notes") or {}).get("to_date"):
            r["year_notes"] = {**r["year_notes"], this_year: r["year_notes"]["to_date"]}
        out.append({"label": r["title"], "cells": [cell(r, y) for y in cols]})
    dash = any(c.get("text") == "–" for r in out for c in r["cells"])
    t = {"caption": caption, "columns": [Period.parse(y).label for y in cols], "rows": out, "dash": dash}
    return synthetic_marks(t, [c for r in out for c in r["cells"]])


def synthetic_marks(table: dict, cells: list[dict]) -> dict:
    """A table's † marks: on each synthetic figure where the table mixes real and synthetic
    ones (``synthetic`` "some"); where every figure is synthetic, once for the whole table
    (``synthetic`` "all", the cells unmarked). Missing, withheld and reason cells do not count."""
    figures = [c for c in cells if c.get("text") not in (None, "", "–") and not c.get("reason")]
    made_up = [c for c in figures if c.get("synthetic")]
    table["synthetic"] = None if not made_up else ("all" if len(made_up) == len(figures) else "some")
    for c in cells:
        if table["synthetic"] != "some" or not c.get("synthetic"):
            c.pop("synthetic", None)
    return table


def share_text(percent: float) -> str:
    """A share of a total as printed: whole per cent, but never "0%" for a line that has money."""
    return f"{percent:.1f}%" if 0 < abs(percent) < 1 else f"{percent:.0f}%"


def money_view(lines: pd.DataFrame, caption: str) -> dict:
    total = lines["amount"].sum()
    made_up = [is_synthetic([x]) for x in lines["source"]] if "source" in lines else [False] * len(lines)
    rows = [
        {
            "label": r.line,
            "cells": [
                {"text": fmt_money(r.amount), "synthetic": m},
                {"text": share_text(100 * r.amount / total), "synthetic": m},
            ],
        }
        for r, m in zip(lines.itertuples(), made_up, strict=True)
    ]
    rows.append({"label": "Total", "total": True, "cells": [{"text": fmt_money(total), "synthetic": any(made_up)},
                                                            {"text": "100%"}]})  # fmt: skip
    t = {"caption": caption, "columns": ["£", "Share"], "rows": rows}
    return synthetic_marks(t, [c for r in rows for c in r["cells"] if c["text"] != "100%"])


def variance_view(budget: pd.DataFrame, outturn: pd.DataFrame, caption: str) -> dict:
    """Budget, outturn and the variance per line (a line in only one of them shows "–" there)."""
    b = budget.groupby("line", sort=False)["amount"].sum()
    o = outturn.groupby("line", sort=False)["amount"].sum()
    lines = list(dict.fromkeys([*b.index, *o.index]))

    def made_up(frame, line=None):
        rows = frame if line is None else frame[frame["line"] == line]
        return "source" in rows and is_synthetic(rows["source"])

    def row(label, bv, ov, total=False, line=None):
        var = ov - bv if pd.notna(bv) and pd.notna(ov) else float("nan")
        word = "" if pd.isna(var) or var == 0 else (" over" if var > 0 else " under")
        texts = [fmt_money(bv), fmt_money(ov), fmt_money(abs(var)) + word if pd.notna(var) else "–"]
        flags = [made_up(budget, line), made_up(outturn, line)]
        flags.append(any(flags))
        cells = [{"text": t, "synthetic": m and t != "–"} for t, m in zip(texts, flags, strict=True)]
        return {"label": label, "total": total, "cells": cells}

    rows = [row(line, b.get(line, float("nan")), o.get(line, float("nan")), line=line) for line in lines]
    rows.append(row("Total", b.sum(), o.sum(), total=True))
    t = {"caption": caption, "columns": ["Budget", "Outturn", "Variance"], "rows": rows}
    return synthetic_marks(t, [c for r in rows for c in r["cells"]])


def frame_view(df: pd.DataFrame, caption: str, css_class: str = "") -> dict:
    """A plain DataFrame as an accessible table (first column as row headers)."""
    rows = [["" if pd.isna(v) else str(v) for v in r] for r in df.itertuples(index=False)]
    return {"caption": caption, "css_class": css_class, "columns": [str(c) for c in df.columns], "rows": rows}


def frame_table(df: pd.DataFrame, caption: str, css_class: str = "") -> Fragment:
    return macro("frame_table", frame_view(df, caption, css_class))


# --- sources and glossary -------------------------------------------------------------------
def sources_view(ds, council: str, audience: str) -> dict:
    """Where the figures came from: each source and how many rows of each table it gave."""
    from .disclosure import FOOTNOTE

    items = {}
    for name in TABLE_ORDER:
        df = ds.table(name)
        if df.empty or "source" not in df:
            continue
        if name == "measures":
            df = catalogue(ds, council)
        elif "council" in df:
            df = df[df["council"] == council]
        for src, n in df["source"].fillna("not stated").value_counts(sort=False).items():
            items.setdefault(source_label(src), []).append(rows_of(n, name))
    return {
        "note": FOOTNOTE if audience == "public" else None,
        "items": [(src, ", ".join(parts)) for src, parts in sorted(items.items())],
    }


ROW_WORDS = {  # (one, many) of each table's rows, as a reader counts them
    "councils": ("council", "councils"), "measures": ("measure", "measures"), "targets": ("target", "targets"),
    "observations": ("figure", "figures"), "actions": ("action", "actions"), "finance": ("finance line", "finance lines"),
    "workforce": ("workforce figure", "workforce figures"), "inspections": ("inspection", "inspections"),
    "benchmarks": ("benchmark figure", "benchmark figures"),
}  # fmt: skip


def rows_of(n: int, table: str) -> str:
    one, many = ROW_WORDS.get(table, (table, table))
    return f"{n:,} {one if n == 1 else many}"


SEED_DOCUMENTS = {  # the council documents the demo data was transcribed from, by reference number
    "000": "Dumfries and Galloway Social Work Services Service Plan 2023-24",
    "001": "South Lanarkshire Social Work Resource Plan 2021-22",
    "002": "Dundee Chief Social Work Officer Annual Report 2016/17",
    "003": "South Lanarkshire Social Work Resource Plan 2007/08 Mid Year Update",
}


def benchmark_sources(ds) -> list[str]:
    """Where the benchmarking panel's figures come from, as readers know the documents."""
    return sorted({source_label(x) for x in ds.benchmarks["source"].dropna().unique()})


def source_label(source: str) -> str:
    """A source as a reader should see it: documents by name, not by the demo data's internal
    reference numbers ("seed 001: ..."), and made-up figures called what they are."""
    text = re.sub(r"^\s*seed\s+\d+\s*:\s*", "", str(source), flags=re.IGNORECASE)
    text = re.sub(r"\bseed\s+(\d+)\b", lambda m: SEED_DOCUMENTS.get(m.group(1), "a council document"), text,
                  flags=re.IGNORECASE)  # fmt: skip
    if text.strip().lower() == "synthetic":
        return "Illustrative figures made up for this demonstration (synthetic)"
    if text.strip().lower().startswith("synthetic:"):
        return "Illustrative (synthetic): " + text.split(":", 1)[1].strip()
    return text


# --- whole sections ---------------------------------------------------------------------


def statutory_view(perf: pd.DataFrame, outcome: str, period: Period, say_none: bool = True) -> dict:
    """One statutory function: a table of the years and a small-multiples chart (or why not)."""
    from .charts import small_multiples

    this_year = str(period)
    rows = perf[(perf["outcome"] == outcome) & perf["theme"].eq("Statutory functions")].copy()
    years = perf.attrs.get("years", [])
    if len(rows):
        rows = rows[rows[["to_date", *years]].notna().any(axis=1) | rows["suppressed"].fillna("").ne("")]
    out = {"id": f"statutory-{slug(outcome)}", "title": outcome, "table": None, "chart": None, "none": None}
    if rows.empty:
        out["none"] = no_data_text(outcome.lower(), period.label) if say_none else None
        return out
    supp = rows["suppressed"].fillna("")
    said = rows["year_notes"].map(lambda n: set(n or {}))
    years = [y for y in years if rows[y].notna().any() or supp.str.contains(y, regex=False).any()
             or said.map(lambda n, y=y: y in n).any()]  # years with figures, or with a reason for one missing  # fmt: skip
    out["table"] = values_view(rows, years, this_year, f"{outcome}: figures by year")
    rows[this_year] = rows["to_date"]
    if perf.attrs.get("audience") == "public":
        rows = rows[rows["suppressed"].fillna("") == ""]  # a chart never shows a suppressed figure
    if len(rows):
        out["chart"] = small_multiples(rows.to_dict("records"), years, this_year, outcome).view()
    return out


def statutory_section(
    perf: pd.DataFrame, outcome: str, period: Period, number: str | None = None, say_none: bool = True
) -> Fragment:
    v = statutory_view(perf, outcome, period, say_none)
    return macro("statutory", v | {"text": f"{number} {outcome}" if number else outcome}, bool(number))


def finance_view(ds, council: str, period: Period) -> dict:
    from .charts import budget_chart

    f = ds.finance[(ds.finance["council"] == council) & (ds.finance["period"] == str(period))]
    if f.empty:
        return {"none": no_data_text("finance", period.label), "items": []}
    items = []
    for kind, label in (("budget", "revenue budget"), ("outturn", "revenue outturn"), ("capital", "capital programme")):
        lines = f[f["kind"] == kind][["line", "amount", "source"]]
        if lines.empty:
            continue
        items.append({"table": money_view(lines, f"{period.label} {label} by service")})
        if kind == "budget":
            items.append({"chart": budget_chart(lines, f"{period.label} {label}").view()})
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


def workforce_view(ds, council: str, period: Period, audience: str = "internal") -> dict:
    from .config import council_settings
    from .disclosure import suppress_table

    w = ds.workforce[ds.workforce["council"] == council]
    latest = max((Period.parse(p) for p in w["period"].unique() if Period.parse(p) <= period), default=None)
    if latest is None:
        return {"none": no_data_text("workforce", period.label), "table": None}
    rows = w[w["period"] == str(latest)].set_index("service")
    made_up_rows = rows["source"].map(lambda x: is_synthetic([x])) if "source" in rows else pd.Series(dtype=bool)
    counts = pd.DataFrame({"Headcount": rows["headcount"].astype("float")})
    if len(counts) > 1:
        counts.loc["Total"] = counts["Headcount"].sum(min_count=1)
    hide = pd.DataFrame(False, index=counts.index, columns=counts.columns)
    if audience == "public":
        cfg = council_settings(council)
        hide = suppress_table(
            counts, cfg.suppress_min, cfg.suppress_max, total_row="Total" if len(counts) > 1 else None
        )
    fte = rows["fte"].reindex(counts.index)
    if len(counts) > 1:
        fte.loc["Total"] = rows["fte"].sum(min_count=1)
    body = []
    for service in counts.index:
        h, f = counts.at[service, "Headcount"], fte.get(service)
        if hide.at[service, "Headcount"]:
            cells = [{"suppressed": True}, {"suppressed": True}]
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
    return {"none": None, "table": synthetic_marks(table, [c for r in body for c in r["cells"]])}


def workforce_section(ds, council: str, period: Period, audience: str = "internal") -> Fragment:
    return macro("workforce", workforce_view(ds, council, period, audience))


def inspection_view(ds, council: str, period: Period) -> dict:
    from .charts import inspection_chart

    i = ds.inspections[ds.inspections["council"] == council]
    start, end = (
        f"{period.fy}-04-01",
        f"{period.fy + 1}-03-31",
    )  # the report's financial year: ISO dates compare as text
    any_at_all, i = not i.empty, i[(i["date"] >= start) & (i["date"] <= end)]
    if i.empty:
        if any_at_all:
            return {
                "none": f"No inspection was dated within {period.year_period.label} (April {period.fy} to March {period.fy + 1})."
            }
        return {"none": no_data_text("inspection", period.label)}
    themes = [c for c in i.columns if c not in ("council", "service", "service_type", "sector", "date", "source")]
    themes = [t for t in themes if i[t].notna().any()]
    show = i[["service", "service_type", "sector", "date", *themes]].copy()
    made_up = i["source"].map(lambda x: is_synthetic([x])) if "source" in i else pd.Series(False, index=i.index)
    show["service"] = show["service"].where(~made_up, show["service"] + " †")
    show.columns = ["Service", "Type", "Sector", "Inspected", *[t.replace("_", " ").capitalize() for t in themes]]
    show["Inspected"] = pd.to_datetime(show["Inspected"], errors="coerce").map(
        lambda d: "" if pd.isna(d) else f"{d.day} {d:%B %Y}"
    )
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


def inspection_section(ds, council: str, period: Period) -> Fragment:
    return macro("inspections", inspection_view(ds, council, period))


def landscape_text(ds, council: str) -> str | None:
    row = ds.councils.set_index("council").loc[council]
    pop = row.get("population")
    if pop is None or pd.isna(pop):
        return None
    return f"{row['name']} serves a population of about {int(pop):,}."


def attention_view(ds, council: str, perf: pd.DataFrame, period: Period, statuses=("Red", "Amber")) -> dict:
    """Each measure needing attention: its sentence, and its SPC chart with icons (internal
    reports, enough periods) or its last years (``{"parts": [...]}``, one per measure)."""
    from .charts import spc_chart
    from .icons import icons_view
    from .trends import long_trend, spc_target

    sel = perf[perf["status"].isin(statuses) & perf["to_date"].notna()]
    years = perf.attrs.get("years", [])
    parts = []
    for r in sel.to_dict("records"):
        part = {"id": f"attention-{slug(r['measure'])}", "title": r["title"], "sentence": r.get("sentence") or None,
                "icons": None, "chart": None, "years_chart": None, "comment": comment_html(r.get("comment")) or None}  # fmt: skip
        target = spc_target(ds, r)
        chart = long_trend(ds, council, r["measure"], r.get("period_shown") or period, target=target)
        if chart is not None and perf.attrs.get("audience") != "public":
            a = chart.attrs
            part["icons"] = icons_view(a.get("variation"), a.get("assurance"), a.get("improvement", "increase"))
            part["chart"] = spc_chart(chart, r["title"], r["unit"], int(r["decimals"]), target).view()
            if not r.get("suppressed"):  # beside it, printed side by side: the last years and this year
                part["years_chart"] = trend_chart(r, years, period.label).view()
        elif not r.get("suppressed"):  # too few periods for SPC, or a public report: the years and this year
            part["chart"] = trend_chart(r, years, period.label).view()
        parts.append(part)
    spc = any(p["icons"] for p in parts)
    lead = "Measures with a Red or Amber status: " + (
        "the last three years and this year to date and, where there are enough periods, a statistical process "
        "control (SPC) chart of the longer run of periods."
        if spc
        else "the last three years and this year to date."
    )
    return {"parts": parts, "lead": lead}


def not_compared_reason(r: dict) -> str:
    """Why a council's LGBF figure is not called better, similar or worse than Scotland's."""
    if pd.isna(r.get("value")):
        return "not compared: no figure"
    if r.get("unit") == "currency":
        return "not compared: a cost is not a count of people or events, so chance cannot be allowed for"
    if pd.isna(r.get("numerator")) or pd.isna(r.get("denominator")):
        return "not compared: the LGBF publishes no counts of people or events behind this figure"
    return "not compared: the figure is not a percentage or a rate of counted events"


def benchmark_view(ds, council: str, period: Period) -> dict:
    """The council's position among all Scottish councils on each LGBF indicator."""
    from .benchmarking import benchmark, ordinal
    from .charts import benchmark_chart

    b = benchmark(ds, period)
    mine = b[b["council"] == council]
    if mine.empty:
        return {"none": no_data_text("benchmarking", period.label)}
    year = Period.parse(b.attrs["period"])
    rows = []
    for r in mine.to_dict("records"):
        ci = (
            ""
            if pd.isna(r["lower"])
            else f" ({fmt_value(r['lower'], r['unit'], 1)} to {fmt_value(r['upper'], r['unit'], 1)})"
        )
        rows.append({
            "indicator": f"{r['lgbf']}: {r['title']}" + (f" (£ at {Period.parse(r['period']).label} prices)"
                                                           if r["unit"] == "currency" else ""),
            "year": Period.parse(r["period"]).label,
            "value": fmt_value(r["value"], r["unit"], 1) + ci,
            "rank": "–" if pd.isna(r["rank"]) else f"{ordinal(r['rank'])} of {int(r['of'])}",
            "quartile": "–" if pd.isna(r["quartile"]) else f"{int(r['quartile'])}",
            "family": fmt_value(r["family_value"], r["unit"], 1), "scotland": fmt_value(r["scotland_value"], r["unit"], 1),
            "comparison": r["comparison"] if r["comparison"] != "not compared" else not_compared_reason(r),
        })  # fmt: skip
    sources = benchmark_sources(ds)
    lead = (
        "The Local Government Benchmarking Framework (LGBF) publishes the same indicators for all 32 Scottish councils. "
        + (f"Figures: {'; '.join(sources)}. " if sources else "")
        + (f"Latest benchmarking year available: {year.label}." if year.fy != period.fy else "")
    )
    note = (
        "Better, similar or worse than Scotland is decided by the 95% confidence interval where the figure is built from "
        "counts of people or events (Wilson score for percentages; exact Poisson or Byar's method for rates per 1,000); "
        "costs and survey percentages are ranked but not tested. Scotland is the figure the Improvement Service publishes "
        "for Scotland as a whole."
    )
    return {"none": None, "lead": lead.strip(), "rows": rows, "note": note, "chart": benchmark_chart(b, council).view()}


GLOSSARY = {  # every term of art a report may print, in plain words
    "Green, Amber, Red": "the target is met; narrowly missed (within the tolerance); missed by more than that.",
    "Report later": "the figure for this period is not available yet.",
    "Data only": "a measure reported for information, with no target to meet.",
    "To date": "the financial year from April to the end of the report's period.",
    "[c]": "a figure suppressed to protect confidentiality, because it, or a figure it is built on, counts 1 to 4 people.",
    "SPC (statistical process control)": "a chart showing whether figures are changing by more than chance would explain.",
    "Common cause variation": "the ups and downs to be expected from a stable service: no sign of real change.",
    "Special cause variation": "a change too large or too lasting to be chance: a point outside the process limits, "
    "a run of seven rising or falling, seven on one side of the average, or two of three close to a limit.",
    "Process limits": "the range within which nearly all figures of a stable service fall (the dashed lines on an SPC chart).",
    "Confidence interval": "the range within which the true figure is likely to lie, allowing for chance; "
    "for percentages it is worked out by the Wilson score method.",
    "LGBF": "the Local Government Benchmarking Framework: the same measures published for all 32 Scottish councils.",
    "Rank and quartile": "a council's place among the 32 (1st is best); quartile 1 is the best quarter of councils.",
    "Family group": "councils with similar levels of deprivation, grouped by the LGBF so that like is compared with like.",
    "CSWO": "Chief Social Work Officer, the officer every council must appoint to oversee social work services.",
    "CPO": "Community Payback Order, a court order for unpaid work or supervision in the community.",
    "DTTO": "Drug Treatment and Testing Order, a court order requiring treatment and regular testing.",
    "MAPPA": "Multi-Agency Public Protection Arrangements, for managing people who pose a risk of serious harm.",
    "MHO": "Mental Health Officer, a social worker qualified to carry out duties under mental health law.",
}


def glossary_items() -> list[tuple[str, str]]:
    """Every term a council report may use; the rendered report keeps those it does use."""
    from .glossary import items

    return list(GLOSSARY.items()) + [
        i for i in items() if i[0] not in GLOSSARY and not any(t.startswith(i[0] + " (") for t in GLOSSARY)
    ]


NATIONAL_TERMS = ("LGBF", "Rank and quartile", "Family group", "SPC (statistical process control)",
                  "Common cause variation", "Special cause variation", "Process limits")  # fmt: skip
NATIONAL_GLOSSARY = {  # terms only the national overview uses
    "SDS": "Self-directed support: people choose how their social care is arranged, including a direct payment "
    "to buy it themselves.",
    "Real terms": "costs adjusted for inflation with the gross domestic product (GDP) deflator the LGBF uses, so that "
    "every year is at the prices of one year (named beside the cost).",
    "Funnel plot": "each council's figure against the number of people or events it rests on, with limits that "
    "narrow as the numbers grow; a council outside the 99.8% limits differs by more than chance and the usual "
    "variation between councils would explain.",
    "Over-dispersion (φ, τ²)": "councils differing more than chance alone would explain. φ, the dispersion ratio, "
    "is 1 when chance explains it all; τ² is the variation between councils added to widen the funnel's limits "
    "(Spiegelhalter 2005).",
}


def national_glossary_items() -> list[tuple[str, str]]:
    """The national overview's glossary: the terms it uses, and no others."""
    return [(t, GLOSSARY[t]) for t in NATIONAL_TERMS if t in GLOSSARY] + list(NATIONAL_GLOSSARY.items())


# --- the national overview ---------------------------------------------------------------------
QUARTILE_SHAPES = {1: "●", 2: "◕", 3: "◑", 4: "○"}


def trend_words(t: dict) -> str:
    """Fingertips' recent trend of a run of years, in a sentence."""
    span = f" over the five years {t['first']} to {t['last']}" if t.get("first") else ""
    if t["trend"] in ("increasing", "decreasing"):
        reading = {"improving": ", and getting better", "worsening": ", and getting worse"}.get(t["reading"], "")
        return f"Statistical trend{span}: {t['trend']}{reading} (a change too steady to be chance; {t['method']})."
    if t["trend"] == "no significant change":
        return f"Statistical trend{span}: no significant change ({t['method']})."
    return (
        "Statistical trend: cannot be worked out, because the LGBF publishes no counts of people or events "
        "behind this figure for each of the last five years."
    )


def decimals_apart(values: list, ranks: list, unit: str, decimals: int = 1, most: int = 4) -> list[int]:
    """The decimals to print each figure with: ``decimals``, or more where another council with a
    different rank would print the same (ranks use the unrounded figures), up to ``most``."""
    out = []
    for i, (v, r) in enumerate(zip(values, ranks, strict=True)):
        d = decimals
        while d < most and any(
            rj != r and fmt_value(vj, unit, d) == fmt_value(v, unit, d)
            for j, (vj, rj) in enumerate(zip(values, ranks, strict=True))
            if j != i and not pd.isna(vj)
        ):
            d += 1
        out.append(d)
    return out


def fmt_change(change, unit: str, decimals: int = 1) -> str:
    """A change in the unit's own terms: "+2.1 percentage points", "-£1.20", "+3.4 per 1,000"."""
    if pd.isna(change):
        return "–"
    size = abs(change)
    sign = "" if round(size, decimals) == 0 else ("+" if change > 0 else "-")  # never "-0.0"
    if unit == "percent":
        return f"{sign}{size:,.{decimals}f} percentage points"
    if unit == "currency":
        return f"{sign}£{size:,.{decimals}f}"
    if unit == "rate":
        return f"{sign}{size:,.{decimals}f} per 1,000"
    return sign + fmt_value(size, unit, decimals)


def national_indicator_view(ds, code: str, period: Period, pos: pd.DataFrame) -> dict:
    """One LGBF indicator across Scotland: Scotland's run of years with its SPC and statistical
    trend, every council ranked (chart and table), and a funnel plot where there are denominators."""
    import warnings

    from .benchmarking import ordinal
    from .charts import funnel_chart, rank_chart, spc_chart
    from .icons import icons_view
    from .national import funnel, price_label, scotland_series, scotland_trend
    from .xmr import SPCWarning, spc

    g = pos[pos["lgbf"] == code]
    r0 = g.iloc[0]
    unit, title, year = r0["unit"], f"{code}: {r0['title']}", Period.parse(r0["period"])
    prices = price_label(r0.get("price_year"))
    if prices:  # a cost: in real terms, its price year named wherever it is shown
        title += f" ({prices})"
    improvement = {"higher": "increase", "lower": "decrease"}.get(r0["polarity"], "neutral")
    better = {"higher": "higher is better", "lower": "lower is better"}.get(
        r0["polarity"], "neither higher nor lower is better"
    )
    v = {"id": f"indicator-{slug(code)}", "title": title, "icons": None, "spc": None, "run": None, "funnel": None,
         "lead": f"{year.label}, the latest year available; {better}. Scotland: {fmt_value(r0['scotland_value'], unit, 1)}."}  # fmt: skip
    run = scotland_series(ds, code, period)
    if len(run) >= 2:
        first, last = run.iloc[0], run.iloc[-1]
        v["run"] = (
            f"Scotland's figure went from {fmt_value(first['value'], unit, 1)} in {first['label']} "
            f"to {fmt_value(last['value'], unit, 1)} in {last['label']}"
            + (f", both at {Period.parse(r0['price_year']).label} prices (real terms)." if prices else ".")
        )
    v["trend"] = trend_words(scotland_trend(ds, code, period, r0["polarity"]))
    if len(run) >= 8:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SPCWarning)
            chart = spc(run["value"], improvement=improvement)
        chart["label"] = run["label"].to_numpy()
        chart.attrs["method"] = "XmR chart"
        v["icons"] = icons_view(chart.attrs["variation"], None, improvement)[:1]  # no target: no assurance icon
        v["spc"] = spc_chart(chart, f"Scotland: {title}", unit, 1).view()
    v["rank_chart"] = rank_chart(g, title).view()
    rows = []
    g = g.sort_values(["rank", "council_name"])
    places = decimals_apart(g["value"].tolist(), g["rank"].tolist(), unit)
    for r, dp in zip(g.to_dict("records"), places, strict=True):
        rows.append({"council": r["council_name"], "value": fmt_value(r["value"], unit, dp),
                     "change": fmt_change(r["change"], unit, 1),
                     "rank": ordinal(r["rank"]) if pd.notna(r["rank"]) else "–",
                     "quartile": "–" if pd.isna(r["quartile"]) else str(int(r["quartile"])),
                     "family": str(int(r["family_group"]))})  # fmt: skip
    v["ranking"] = {"caption": f"{title}: every council, {year.label} (1st = best)", "rows": rows,
                    "change": f"Change since {year.shift_years(-1).label}"}  # fmt: skip
    f = funnel(ds, code, year)
    if f is not None:
        v["funnel"] = {"chart": funnel_chart(f, title).view(), "words": funnel_words(f)}
    return v


TAU2_SCALE = {"PR": "on the arcsine square-root scale", "SR": "on the log scale", "RC": "on the log scale"}


def funnel_words(f: pd.DataFrame) -> str:
    """What a funnel plot shows, in words: whether and how much its limits were widened for
    over-dispersion (phi, tau2, the limits with and without the allowance at the median council),
    and the councils outside them, named with their figures."""
    from .national import funnel_widening

    a = f.attrs
    what = {"PR": f"each council's {a['y_title'][0].lower() + a['y_title'][1:]}, against its number of {a['counts']}",
            "SR": f"each council's {a['y_title'][0].lower() + a['y_title'][1:]}, against the {a['counts']}"}.get(
        a["data_type"], f"each council's figure against {a['x_title'].lower()}")  # fmt: skip
    if a["data_type"] == "SR" and a.get("scotland_rate"):
        what += f" (Scotland's rate: {1000 * a['scotland_rate']:,.1f} per 1,000 people aged 75 and over)"
    words = [f"The funnel plot shows {what}, {a['year']}; the centre line is {a['centre_label']}."]
    if a["adjusted"]:
        w = funnel_widening(f)
        words.append(
            f"The councils differ from one another far more than chance alone would explain (a dispersion ratio "
            f"\u03c6 of {a['phi']:,.1f}, where chance alone gives about 1), so the limits are widened by the "
            f"variation between councils (\u03c4\u00b2 = {a['tau2']:.2g} {TAU2_SCALE[a['data_type']]}), as "
            f"Spiegelhalter (2005) describes and FunnelPlotR computes: at {w['council']}'s {w['x']:,.0f} {a['counts']}, "
            f"the 99.8% limits run from {w['lower']:,.1f} to {w['upper']:,.1f}, against {w['plain_lower']:,.1f} to "
            f"{w['plain_upper']:,.1f} from chance alone ({w['times']:,.1f} times as wide)."
        )  # fmt: skip
    else:
        words.append(
            f"The councils differ from one another no more than chance would explain (a dispersion ratio \u03c6 of "
            f"{a['phi']:.2f}), so the limits are not widened."
        )
    limits = "the widened 99.8% limits" if a["adjusted"] else "the 99.8% limits"
    said = []
    for side, words_side in (("above", "above the centre"), ("below", "below the centre")):
        o = f[f["outside"] == side].sort_values("y", ascending=side == "below")
        if len(o):
            said.append(f"{words_side}: " + ", ".join(f"{r.council_name} ({r.y:,.1f})" for r in o.itertuples()))
    words.append(f"Outside {limits}, " + "; ".join(said) + "." if said else f"No council is outside {limits}.")
    return " ".join(words)


def quartile_matrix_view(pos: pd.DataFrame) -> dict:
    """Councils by indicator: each cell the quartile as a number and a shape (1 best)."""
    from .national import quartile_matrix

    m = quartile_matrix(pos)
    years = pos.drop_duplicates("lgbf").set_index("lgbf")["period"]
    rows = [
        {
            "council": council,
            "cells": [None if pd.isna(q) else {"q": int(q), "shape": QUARTILE_SHAPES[int(q)]} for q in r],
        }
        for council, r in m.iterrows()
    ]
    columns = [{"code": c, "year": Period.parse(years[c]).label} for c in m.columns]
    return {"columns": columns, "rows": rows, "shapes": list(QUARTILE_SHAPES.items())}


def family_groups_view(pos: pd.DataFrame) -> dict:
    """Per family group, its councils, and per indicator the group's median."""
    from .national import family_medians

    fm = family_medians(pos)
    groups = fm.drop_duplicates("family_group").sort_values("family_group")
    from .national import price_label

    units = pos.drop_duplicates("lgbf").set_index("lgbf")["unit"]
    prices = {c: price_label(p) for c, p in pos.drop_duplicates("lgbf").set_index("lgbf")["price_year"].items()}
    med = fm.pivot(index="lgbf", columns="family_group", values="median").reindex(list(dict.fromkeys(pos["lgbf"])))
    return {
        "groups": [{"number": int(r.family_group), "councils": r.councils} for r in groups.itertuples()],
        "columns": [f"Group {int(c)}" for c in med.columns],
        "rows": [
            {
                "label": code + (f" ({prices[code]})" if prices[code] else ""),
                "cells": [{"text": fmt_value(v, units[code], 1)} for v in r],
            }
            for code, r in med.iterrows()
        ],
    }
