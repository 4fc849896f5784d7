"""The tables every report is made of, as plain data for the shared macros
(``swlib/templates/shared/macros.html.j2``): one figure (``cell``), status summaries and the
legend, actions, figures by year, money and plain frames, and the † marks of synthetic figures
(the performance tables are ``views.performance``, a measure's SPC chart ``views.spc``).

A ``*_view`` function turns what swlib computed into strings, numbers, lists and dicts (a figure is
``{"text": "92%"}`` or ``{"suppressed": True}``); the templates lay them out and escape every one.
To see one piece on its own in a notebook, render its view with the macro of the same kind, e.g.
``templating.macro("summary_table", summary_view(...))``. Free text the reader sees as formatting
(comments, narrative) is sanitised by ``narrative`` and is the only markup a view holds.
"""

from __future__ import annotations

import pandas as pd

from ..formatting import TREND_ARROWS, counts_behind, fmt_money, fmt_value, slug
from ..hidden import suppressed_columns
from ..narrative import comment_html
from ..periods import Period
from ..rag import shown_decimals
from ..rows import records
from ..shares import share_texts
from ..status import STATUS_ORDER, is_synthetic, status_summary, synthetic_columns
from .tolerance import amber_rule, with_rule
from .wording import status_meanings


def no_data_text(what: str, period_label: str) -> str:
    return f"No {what} data was provided for {period_label}."


def cell(r: dict, col: str) -> dict:
    """One figure of a measure's row as the tables show it: suppressed, or its text."""
    if col in suppressed_columns(r):
        return {"suppressed": True}
    reason = (r.get("year_notes") or {}).get(col)
    if reason and pd.isna(r.get(col)):  # why the figure is missing, as the data says it
        return {"text": reason, "reason": True}
    out = {"text": fmt_value(r.get(col), r["unit"], shown_decimals(r, col))}
    counts = (
        counts_behind(r.get("numerator"), r.get("denominator")) if col == "to_date" and r["unit"] == "percent" else ""
    )
    if counts:
        out["counts"] = counts.strip()  # "(40 of 56)": kept on one line
    if col in synthetic_columns(r) and not pd.isna(r.get(col)):
        out["synthetic"] = True
    return out


def summary_view(summary: pd.DataFrame, caption: str, row_label: str = "Theme") -> dict:
    cols = [c for c in summary.columns if c != "Total" and (summary[c].sum() > 0 or c in ("Green", "Amber", "Red"))]
    cols.append("Total")
    rows = [
        {"label": str(theme), "total": theme == "Total", "cells": [int(r[c]) for c in cols]}
        for theme, r in summary.iterrows()
    ]
    return {"caption": caption, "row_label": row_label, "columns": cols, "rows": rows}


def legend_view(council: str | None = None, perf: pd.DataFrame | None = None) -> dict:
    """The status key: each status's meaning, with the council's tolerance in figures and the
    measures of ``perf`` that have their own (``views.tolerance.amber_rule``), and the trend arrows."""
    rule = amber_rule(council, perf) if council else None
    return {
        "statuses": [(s, with_rule(status_meanings()[s], rule)) for s in STATUS_ORDER],
        "arrows": [(a, t) for t, a in TREND_ARROWS.items() if a],
        "own_tolerance": rule["own"] if rule else [],
    }


def marked_targets(table: dict, targets: list[dict]) -> dict:
    """A table's synthetic targets (``synthetic`` on a target cell, from targets.csv's source)
    marked † as its synthetic figures are (``synthetic_marks``): on the cell, with the table's note,
    unless the table marks every figure at once. A target set as in the data is not counted as a
    figure, so whether a table's figures are all synthetic is as before."""
    made_up = [c for c in targets if c.pop("synthetic", False)]
    if made_up and table.get("synthetic") != "all":
        table["synthetic"] = "some"
        for c in made_up:
            c["synthetic"] = True
    return table


def actions_view(acts: pd.DataFrame, period_label: str) -> dict:
    """The actions' summary by theme and, per theme, a table per outcome."""
    if acts.empty:
        return {"summary": None, "parts": [], "none": no_data_text("action", period_label)}

    parts = []
    for theme, tdf in acts.groupby("theme", sort=False):
        tables = []
        for outcome, odf in tdf.groupby(tdf["outcome"].fillna(""), sort=False):
            rows = [
                {"action": r["action"] + (" †" if is_synthetic([r.get("source")]) else ""),
                 "measure": r["measure"] or "", "comment": comment_html(r["comment"]),
                 "status": r["status"]}
                for r in records(odf)
            ]  # fmt: skip
            made_up = "; † synthetic: made up for illustration" if any(r["action"].endswith(" †") for r in rows) else ""
            tables.append({"caption": f"{outcome or theme}: actions{made_up}", "rows": rows})
        parts.append({"id": f"actions-{slug(theme)}", "title": theme, "tables": tables})
    summary = summary_view(status_summary(acts), f"Status of actions by theme, {period_label}")
    return {"summary": summary, "parts": parts, "none": None}


def values_view(rows: pd.DataFrame, years: list[str], this_year: str, caption: str) -> dict:
    """Measures by year: three earlier years and the report's year."""
    cols = [*years, this_year]
    out = []
    for r in records(rows):
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


def money_view(lines: pd.DataFrame, caption: str) -> dict:
    total = lines["amount"].sum()
    shares = share_texts(lines["amount"].to_list())  # rounded to add to the total's 100%
    made_up = [is_synthetic([x]) for x in lines["source"]] if "source" in lines else [False] * len(lines)
    rows = [
        {
            "label": r.line,
            "cells": [
                {"text": fmt_money(r.amount), "synthetic": m},
                {"text": share, "synthetic": m},
            ],
        }
        for r, m, share in zip(lines.itertuples(), made_up, shares, strict=True)
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
