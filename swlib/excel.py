"""Excel in and out: a data-return template analysts fill in, and the performance table as a
formatted workbook.

The template has one sheet per data table, the column names in row 1 (``swlib.load`` reads it
back as it is), a note on every header cell, and drop-down lists (Excel data validation) for
the enumerated columns and for council and measure ids.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import schema as sc
from .formatting import status_text

LISTS = "lists"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP's CSV injection list


def neutralise(value):
    """Text that a spreadsheet would run as a formula (it begins with =, +, -, @, tab or
    carriage return) gets a leading apostrophe, as OWASP's CSV-injection guidance says, so
    it is read as text; everything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell (and column name) neutralised."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def _append(ws, cells) -> None:
    """``ws.append`` with every text cell written as text, never as a formula."""
    ws.append([neutralise(c) for c in cells])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


STATUS_FILL = {
    "Green": "C6EFCE",
    "Amber": "FFEB9C",
    "Red": "FFC7CE",
    "Complete": "BDD7EE",
    "Report later": "EDEDED",
    "Data only": "DDEBF7",
}
NUMBER_FORMATS = {"percent": '0.0"%"', "currency": '"£"#,##0', "count": "#,##0", "days": '0.00" days"', "hours": "#,##0.0", "rate": "#,##0.0", "ratio": "0.00", "number": "#,##0.0"}  # fmt: skip
NOTES = {
    "council": "Council id, lower case with hyphens, e.g. south-lanarkshire (from the councils sheet).",
    "measure": "Measure id from the measures sheet.",
    "period": "2020-21 (year), 2020-21-Q2 (quarter), 2020-21-H1 (half) or 2020-09 (month).",
    "value": "The figure for this period only (not cumulative). Leave blank if you give numerator and denominator.",
    "numerator": "Cases meeting the measure (percent measures).",
    "denominator": "All cases (percent measures). 0 of 0 means no cases this period.",
    "status": "Officer's own status, only to override the calculated one.",
    "target": "Annual target; percentages as 0 to 100.",
    "tolerance": "How far a figure may miss the target and still be Amber, in the measure's unit.",
    "decimals": "Decimal places shown; statuses are decided at this precision.",
    "source": "Where the figure came from ('synthetic' marks made-up figures).",
}


def write_template(path, ds=None) -> Path:
    """A data-return workbook. With ``ds``, the council and measure drop-downs list its ids."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    lists = wb.create_sheet(LISTS)
    councils = list(ds.councils["council"]) if ds is not None else []
    measures = list(ds.measures["measure"]) if ds is not None else []
    lists["A1"], lists["B1"] = "council", "measure"
    for i, c in enumerate(councils, start=2):
        lists.cell(i, 1, neutralise(c))
    for i, m in enumerate(measures, start=2):
        lists.cell(i, 2, neutralise(m))
    lists.sheet_state = "hidden"
    for name, table in sc.TABLES.items():
        ws = wb.create_sheet(name)
        for j, col in enumerate(table.columns, start=1):
            cell = ws.cell(1, j, col.name)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            note = NOTES.get(col.name, "") + (" Required." if col.required else "")
            cell.comment = Comment(f"{col.name}: {sc.expected(col)}. {note}".strip(), "swreport")
            ws.column_dimensions[get_column_letter(j)].width = max(12, len(col.name) + 4)
            letter = get_column_letter(j)
            rng = f"{letter}2:{letter}5000"
            if col.kind == "enum":
                dv = DataValidation(
                    type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=not col.nonblank
                )
            elif col.kind == "council" or (col.kind == "council_id" and name != "councils" and name != "benchmarks"):
                dv = DataValidation(
                    type="list", formula1=f"={LISTS}!$A$2:$A${max(len(councils) + 1, 2)}", allow_blank=not col.nonblank
                )
            elif col.kind == "measure":
                dv = DataValidation(
                    type="list", formula1=f"={LISTS}!$B$2:$B${max(len(measures) + 1, 2)}", allow_blank=not col.nonblank
                )
            else:
                continue
            what = {"council": "a council id from the councils sheet", "council_id": "a council id from the councils sheet",
                    "measure": "a measure id from the measures sheet"}.get(col.kind, sc.expected(col))  # fmt: skip
            dv.error = f"Expected {what}"
            dv.errorTitle = f"{name}: {col.name}"
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
            dv.add(rng)
        ws.freeze_panes = "A2"
    path = Path(path)
    wb.save(path)
    return path


def export_performance(ds, council: str, period, path, audience: str = "internal") -> Path:
    """The performance table and both summaries as a formatted workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .periods import Period
    from .status import actions, performance, status_summary

    P = Period.parse(period)
    perf = performance(ds, council, P, audience=audience)
    acts = actions(ds, council, P)
    wb = Workbook()
    ws = wb.active
    ws.title = "performance"
    years = perf.attrs["years"]
    head = [
        "Theme",
        "Outcome",
        "Performance indicator",
        "Status",
        "Target",
        "To date",
        "Trend",
        *[Period.parse(y).label for y in years],
        "Comment",
    ]
    _append(ws, head)
    for r in perf.to_dict("records"):
        supp = set(filter(None, (r.get("suppressed") or "").split(",")))
        cells = [r["theme"], r["outcome"], r["title"], status_text(r["status"], r["status_source"]),
                 None if pd.isna(r["target"]) else float(r["target"]),
                 "[c]" if "to_date" in supp else (None if pd.isna(r["to_date"]) else float(r["to_date"])), r["trend"],
                 *["[c]" if y in supp else (None if pd.isna(r[y]) else float(r[y])) for y in years], r.get("comment") or ""]  # fmt: skip
        _append(ws, cells)
        row = ws.max_row
        ws.cell(row, 4).fill = PatternFill("solid", fgColor=STATUS_FILL.get(r["status"], "FFFFFF"))
        fmt = NUMBER_FORMATS.get(r["unit"], "General")
        for col in [5, 6, *range(8, 8 + len(years))]:
            ws.cell(row, col).number_format = fmt
    _style_header(ws, Font, PatternFill, Alignment, get_column_letter)
    for name, df in (("summary of measures", status_summary(perf)), ("summary of actions", status_summary(acts))):
        s = wb.create_sheet(name)
        _append(s, ["Theme", *df.columns])
        for theme, r in df.iterrows():
            _append(s, [theme, *[int(x) for x in r]])
        _style_header(s, Font, PatternFill, Alignment, get_column_letter)
    wb.properties.title = f"{ds.council_name(council)}: performance to {P.end_label}"
    path = Path(path)
    wb.save(path)
    return path


def _style_header(ws, Font, PatternFill, Alignment, get_column_letter) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    for j in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(j)].width = 40 if j in (1, 2, 3) else 14
