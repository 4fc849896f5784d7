"""Tables for readers: the performance table and both summaries as text (``swreport table``).

Only formats what ``status`` computed; nothing is calculated here.
"""

from __future__ import annotations

import pandas as pd

from .action_rows import actions
from .briefing import annual_line, not_due
from .formatting import counts_behind, fmt_value, status_text, trend_text
from .hidden import suppressed_columns
from .periods import Period
from .rag import by_the_figures, shown_decimals
from .status import performance, status_summary, synthetic_columns, without_figures

SYNTHETIC_LINE = "† synthetic: made up to demonstrate the report, not real performance. Do not quote as real."


def display_performance(df: pd.DataFrame) -> pd.DataFrame:
    """The performance frame with every figure formatted for reading."""
    years = df.attrs.get("years", [])
    rows = []
    for r in df.to_dict("records"):
        supp, made = suppressed_columns(r), synthetic_columns(r)

        def f(col, r=r, supp=supp, made=made):
            text = fmt_value(r[col], r["unit"], shown_decimals(r, col), suppressed=col in supp)
            return text + (" †" if col in made and col not in supp and not pd.isna(r[col]) else "")

        row = {
            "Performance indicator": r["title"],
            "Status": status_text(r["status"], r["status_source"], by_the_figures(r)),
            "Target": fmt_value(r["target"], r["unit"], r["decimals"]) + (" †" if "target" in made else ""),
            "To date": f("to_date")
            + ("" if "to_date" in supp or r["unit"] != "percent" else counts_behind(r["numerator"], r["denominator"])),
            "Trend": trend_text(r["trend"]),
        }
        for y in years:
            note = (r.get("year_notes") or {}).get(y)
            row[Period.parse(y).label] = note if note and pd.isna(r[y]) else f(y)
        row["Note"] = r.get("note") or ""
        rows.append(row)
    return pd.DataFrame(rows)


def terminal_report(ds, council: str, period, audience: str = "internal") -> str:

    P = Period.parse(period)
    perf = performance(ds, council, P, audience=audience)
    acts = actions(ds, council, P, audience=audience, perf=perf)
    out = [f"{ds.council_name(council)}: performance to {P.end_label} ({P.label})", ""]
    annual = not_due(ds, council, perf)  # as page 1 and the export count: not the annual ones with nothing due
    left_out = annual_line(perf[annual], without_figures(perf)[annual]).replace("in section 3", "in the table below")
    out += ["Summary of measures", status_summary(perf[~annual]).to_string(), *([left_out] if left_out else []), ""]
    out += [
        "Summary of actions",
        status_summary(acts).to_string() if len(acts) else "No actions reported for this period.",
        "",
    ]
    with pd.option_context("display.max_colwidth", 60, "display.width", 250):
        show = display_performance(perf)
        show.insert(0, "Theme", perf["theme"].str.slice(0, 30))
        out += ["Measures", show.drop(columns=["Note"]).to_string(index=False)]
    if any(synthetic_columns(r) for r in perf.to_dict("records")):
        out += ["", SYNTHETIC_LINE]
    return "\n".join(out)
