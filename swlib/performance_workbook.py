"""The performance table and both summaries as a formatted workbook (``swreport export``): each
row's status filled in its colour, figures in the measure's number format (the decimal that
decides a status where rounding does), a public figure rounded as the report prints it, and the
synthetic figures named.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .action_rows import actions
from .base import round_half_up
from .briefing import annual_line, not_due
from .excel import append_row
from .formatting import fmt_value, status_text
from .hidden import suppressed_columns
from .periods import Period
from .rag import by_the_figures, shown_decimals
from .status import is_synthetic, performance, status_summary, synthetic_columns, without_figures
from .targets import targets_to_date
from .trends import STATUS_WORDS, against_target, deciding_words

STATUS_FILL = {
    "Green": "C6EFCE",
    "Amber": "FFEB9C",
    "Red": "FFC7CE",
    "Complete": "BDD7EE",
    "Report later": "EDEDED",
    "Data only": "DDEBF7",
}


NUMBER_FORMATS = {"percent": '0.0"%"', "currency": '"£"#,##0', "count": "#,##0", "days": '0.00" days"', "hours": "#,##0.0", "rate": "#,##0.0", "ratio": "0.00", "number": "#,##0.0"}  # fmt: skip


def number_format(unit: str, decimals=None) -> str:
    """Excel's number format for a unit, at the measure's decimals where it has them (0 decimals:
    ``0"%"``, not ``0.0"%"``)."""
    fmt = NUMBER_FORMATS.get(unit, "General")
    if decimals is None or pd.isna(decimals) or unit == "count":
        return fmt
    d = int(decimals)
    digits = "0." + "0" * d if d else "0"
    body = {"percent": digits + '"%"', "days": digits + '" days"', "ratio": digits}.get(unit, "#,##" + digits)
    return '"£"' + body if unit == "currency" else body  # a cost in pounds and pence where it has 2 decimals


def export_performance(ds, council: str, period, path, audience: str = "internal", published=None) -> Path:
    """The performance table and both summaries as a formatted workbook. ``published``: the record
    of what public reports printed (default: the outputs folder in use's)."""

    P = Period.parse(period)
    perf = performance(ds, council, P, audience=audience, published=published)
    acts = actions(ds, council, P)
    wb = Workbook()
    ws = wb.active
    ws.title = "performance"
    years = perf.attrs["years"]
    # a target to date that is a share of the year's (£87,500 of £175,000 at Quarter 2) is headed
    # so, and the year's is beside it, as the report's "target to date (£175,000 for the year)"
    to_date_targets = targets_to_date(perf)  # the report's own test, so that both head it alike
    head = [
        "Theme",
        "Outcome",
        "Performance indicator",
        "Status",
        *(["Target to date", "Target for the year"] if to_date_targets else ["Target"]),
        "To date",
        "Note",  # what the figure is, as the report says it under the title: "latest available: 2025/26"
        "Trend",
        *[Period.parse(y).label for y in years],
        "Comment",
        SYNTHETIC_HEAD,  # which of the row's figures are made up (the reports mark each †)
    ]
    append_row(ws, head)
    made_up = False
    for r in perf.to_dict("records"):
        supp = suppressed_columns(r)
        said = r.get("year_notes") or {}  # why a figure is missing, as the report prints it where the figure would be

        def figure(col, r=r, supp=supp, said=said):
            if col in supp:
                return "[c]"
            if pd.isna(r[col]):
                return said.get(col)
            # rounding decides the status: the to-date figure with the decimal that does, as the report prints it
            return printed(r[col], shown_decimals(r, col)) if audience == "public" else float(r[col])

        targets = [r["target"], r["annual_target"]] if to_date_targets else [r["target"]]
        made = synthetic_figures(r, years)
        made_up = made_up or bool(made)
        cells = [r["theme"], r["outcome"], r["title"], status_text(r["status"], r["status_source"], by_the_figures(r)),
                 *[None if pd.isna(t) else float(t) for t in targets],
                 figure("to_date"), "; ".join(filter(None, [r.get("note"), rounding_note(r)])), r["trend"],
                 *[figure(y) for y in years], r.get("comment") or "", made]  # fmt: skip
        append_row(ws, cells)
        row = ws.max_row
        ws.cell(row, 4).fill = PatternFill("solid", fgColor=STATUS_FILL.get(r["status"], "FFFFFF"))
        fmt = number_format(r["unit"], r.get("decimals"))
        first = 5 + len(targets)  # "To date"; then "Note", "Trend" and the years
        for col in [*range(5, first + 1), *range(first + 3, first + 3 + len(years))]:
            ws.cell(row, col).number_format = fmt
        if deciding(r) is not None and "to_date" not in supp:
            ws.cell(row, first).number_format = number_format(r["unit"], deciding(r))
    _style_header(ws, Font, PatternFill, Alignment, get_column_letter)
    # the measures the report's first page counts, and its line on the annual ones it leaves out
    annual = not_due(ds, council, perf)
    left_out = annual_line(perf[annual], without_figures(perf)[annual]).replace(
        "in section 3", "on the performance sheet"
    )
    acts_made_up = "source" in acts and is_synthetic(acts["source"])
    for name, df, line in (("summary of measures", status_summary(perf[~annual]), left_out),
                           ("summary of actions", status_summary(acts), "")):  # fmt: skip
        said = (SYNTHETIC_NOTE if made_up else "") if name == "summary of measures" else ""
        said = said or ("† Some actions counted here are synthetic: made up to demonstrate the report, not real "
                        "performance." if name == "summary of actions" and acts_made_up else "")  # fmt: skip
        s = wb.create_sheet(name)
        append_row(s, ["Theme", *df.columns])
        for theme, r in df.iterrows():
            append_row(s, [theme, *[int(x) for x in r]])
        _style_header(s, Font, PatternFill, Alignment, get_column_letter)
        if line or said:
            append_row(s, [])
        for text in filter(None, [line, said]):
            append_row(s, [text])
    if made_up:
        append_row(ws, [])
        append_row(ws, [SYNTHETIC_NOTE])
    illustrative = " (illustrative: some figures synthetic)" if made_up or acts_made_up else ""
    wb.properties.title = f"{ds.council_name(council)}: performance to {P.end_label}{illustrative}"
    path = Path(path)
    wb.save(path)
    return path


SYNTHETIC_HEAD = "Synthetic (made up)"


SYNTHETIC_NOTE = (
    "† Some figures here are synthetic: made up to demonstrate the report, not real performance (the "
    f"'{SYNTHETIC_HEAD}' column names them on each row of the performance sheet). Do not quote them as real performance."
)


def synthetic_figures(r: dict, years: list[str]) -> str:
    """Which of a performance row's figures are synthetic, by the export's column names ("† To date,
    2020/21"; "† Target" where the target and its tolerance are made up), or "" (``status.synthetic_columns``)."""
    made = synthetic_columns(r)
    named = (["Target"] if "target" in made else []) + (["To date"] if "to_date" in made else [])
    named += [Period.parse(y).label for y in years if y in made]
    return "† " + ", ".join(named) if named else ""


def deciding(r: dict) -> int | None:
    """The decimals that decide a row's status where rounding does (``rag.deciding_decimals``)."""
    shown = shown_decimals(r)
    return None if shown == int(r["decimals"]) else shown


def rounding_note(r: dict) -> str:
    """Where the decimal that decides a status is printed, what the report says of it: "69.6%: below
    the 70% target, so it counts as narrowly missed (Amber); rounded to 70% it would count as met"
    ("" elsewhere, or where the figure is withheld)."""
    if deciding(r) is None or "to_date" in suppressed_columns(r) or not (hidden := deciding_words(r)):
        return ""
    unit, dec, now = r["unit"], int(r["decimals"]), r["to_date"]
    against = against_target(now, r["target"], r["polarity"], unit, dec, r.get("annual_target"), compare_at=deciding(r))
    return f"{fmt_value(now, unit, deciding(r))}: {against}, {STATUS_WORDS.get(r.get('status'), '')}; {hidden}"


def printed(value, decimals) -> float:
    """A public figure as the report prints it, rounded half up to the measure's decimals: a cell
    holding 63.63636363636363 would give away 7 of 11 where the report prints 63.6%."""
    return float(round_half_up(value, 0 if decimals is None or pd.isna(decimals) else int(decimals)))


def _style_header(ws, Font, PatternFill, Alignment, get_column_letter) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    for j in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(j)].width = 40 if j in (1, 2, 3) else 14
