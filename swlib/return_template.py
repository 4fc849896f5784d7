"""The data-return template analysts fill in: one sheet per data table, the column names in row
1 (``swlib.load`` reads it back as it is), a note on every header cell, drop-down lists (Excel
data validation) for the enumerated columns and for council and measure ids; for a council and
period, the observation rows the return needs, less those the data set holds, each with a note on
the cells its measure asks for.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from . import schema as sc
from .excel import append_row, plain
from .periods import FREQUENCY_KIND, Period
from .status import catalogue

NOTES = {
    "council": "Council id, lower case with hyphens, e.g. south-lanarkshire (from the councils sheet).",
    "measure": "Measure id from the measures sheet.",
    "period": "2020-21 (year), 2020-21-Q2 (quarter), 2020-21-H1 (half) or 2020-09 (month).",
    "value": "The figure for this period only (not cumulative). A percentage, rate or ratio whose year to date adds periods up (aggregate sum) needs numerator and denominator: a value alone cannot be added up. Percentages as 0 to 100 (93, not 0.93). A figure you do not have: leave value, numerator and denominator blank and say why in comment.",
    "comment": "Commentary the report prints; on an observation whose figure is left blank, why it is missing "
    "(printed where the figure would be).",
    "numerator": "Cases meeting the measure (percent measures).",
    "denominator": "All cases (percent measures). 0 of 0 means no cases this period.",
    "status": "Officer's own status, only to override the calculated one.",
    "target": "Annual target; percentages as 0 to 100.",
    "tolerance": "How far a figure may miss the target and still be Amber, in the measure's unit; with an annual "
    "target of a sum measure, pro-rated as the target is (1 day a year: 0.25 at Quarter 1).",
    "decimals": "Decimal places shown; statuses are decided at this precision.",
    "source": "Where the figure came from ('synthetic' marks made-up figures).",
    "part_of": "The id of the measure this one counts a part of (e.g. investigations of referrals): both count "
    "people or events, both with aggregate sum (this one as often or more often) or both snapshots (latest) as often; "
    "or a percentage of the count, or money or time of its people (a cost or days per person, or their total). Public "
    "reports keep their difference from giving away "
    "a small number.",
    "amount": "In pounds, not £000 or £m: 72450000 for £72.45m (a budget paper in £000: multiply by 1,000). One line "
    "a service, no Total line (the annual report adds the lines up). A negative with a minus sign: -250, not (250).",
    "lgbf": "The LGBF indicator code (SW1, SW6, CHN9, ...) if the measure is a Local Government Benchmarking "
    "Framework indicator: the report sets it beside Scotland and the family group. Blank for your own measures.",
    "flow_of": "For a count of people who joined or left (aggregate sum), the id of the snapshot (aggregate latest) "
    "they joined or left, e.g. permanence orders made flow_of children on a permanence order at 31 March: public "
    "reports then keep the snapshot's change from giving away a small number. Usually blank.",
    "cleared": "yes: an officer checked the text and it may go into public reports although it mentions a small "
    "number (else such text is withheld from them).",
}


def template_columns(table) -> list:
    """The columns a data-return sheet holds: the table's, and for inspections a grade column
    per quality theme (what the annual report reads)."""
    cols = list(table.columns)
    if table.open_columns:
        at = next((i for i, c in enumerate(cols) if c.name == "source"), len(cols))
        cols[at:at] = [sc.Col(t, table.open_columns) for t in sc.QUALITY_THEMES]
    return cols


# a column's note where a sheet's differs (ANALYST-11 #9: the measures sheet's own ids were "from the measures sheet")
SHEET_NOTES = {
    ("measures", "measure"): "The measure's own id, lower case with hyphens, e.g. fife-cp-seen: the other sheets' "
    "measure columns choose from these.",
}


def needed_observations(ds, council: str, period) -> list[dict]:
    """The observation rows a council's return for ``period`` needs: each of its measures for
    each period of the measure's own frequency that ends within ``period`` (an annual measure
    only in a return that ends the year)."""

    P = Period.parse(period)
    rows = []
    for m in catalogue(ds, council).itertuples():
        kind = FREQUENCY_KIND[m.frequency]
        span = {"month": 1, "quarter": 3, "half": 6, "year": 12}
        if span[kind] <= P.end - P.start + 1:
            periods = P.parts(kind)
        elif P.ends_on_boundary(kind):
            periods = [P.latest_of_kind(kind)]
        else:
            continue
        rows += [{"council": council, "measure": m.measure, "period": str(p)} for p in periods]
    return rows


def held_observations(ds, rows: list[dict]) -> list[dict]:
    """Of the observation rows a return needs (``needed_observations``), those the data set holds
    a figure for already (a value, or numerator and denominator): a year's return leaves them out,
    so that its blank rows are the figures still to give (ANALYST-4: 51 of 52 quarterly and monthly
    rows of a year were pre-filled blank although held, hiding the one month missing)."""
    o = ds.observations
    figure = o["value"].notna() | (o["numerator"].notna() & o["denominator"].notna())
    held = set(zip(o["council"][figure], o["measure"][figure], o["period"][figure].astype(str), strict=True))
    return [r for r in rows if (r["council"], r["measure"], r["period"]) in held]


def held_note(held: list[dict], period, left: int) -> str | None:
    """What a return's observations sheet says of the rows it leaves out (``held_observations``),
    ``left`` rows pre-filled beside them."""
    if not held:
        return None
    n, first = len(held), f"{held[0]['measure']} {held[0]['period']}"
    still = "the rows pre-filled here are the figures still to give" if left else "no figure is still to give"
    return (
        f"Left out: {n:,} row{'s' if n != 1 else ''} of {Period.parse(period)} that your data holds a figure for "
        f"already ({first}{f', and {n - 1:,} more' if n > 1 else ''}): {still}. To correct a figure held, type its "
        "row in: merge shows the change, and --replace replaces it."
    )


def still_missing(ds, council: str, period) -> list[dict]:
    """The observation rows of the year before ``period`` (a month, a quarter) that the data set holds
    with no figure, only a reason for it ('not available: CareFirst upgrade, figure due in
    November'): a later return asks for them again (ANALYST-9 #7: September left blank in the
    Quarter 2 return was asked for by no later one). Each with its ``comment``, for the note."""
    P = Period.parse(period)
    own = set(catalogue(ds, council)["measure"])
    o = ds.observations
    o = o[(o["council"] == council) & o["measure"].isin(own)]
    blank = o["value"].isna() & (o["numerator"].isna() | o["denominator"].isna())
    out = []
    for m, p, c in zip(o["measure"][blank], o["period"][blank].astype(str), o["comment"][blank], strict=True):
        pp = Period.parse(p)
        if pp.kind != "year" and pp.fy == P.fy and pp.end < P.start:
            out.append({"council": council, "measure": m, "period": p, "comment": c if isinstance(c, str) else ""})
    return out


def not_given(ds, council: str, period) -> list[dict]:
    """The observation rows of the year before ``period`` that the data set has no row for at all,
    of each measure counted more often than yearly, from its first row on (``year_runs.gaps``
    warns of them): a later return asks for them (ANALYST-11 #4: the Quarter 3 return of a council
    with Quarter 2 not merged was pre-filled with Quarter 3 only and said nothing of Quarter 2)."""
    P = Period.parse(period)
    o = ds.observations
    o = o[o["council"] == council]
    had: dict[str, set[str]] = {}
    for m, p in zip(o["measure"], o["period"].astype(str), strict=True):
        had.setdefault(m, set()).add(p)
    out = []
    for m in catalogue(ds, council).drop_duplicates("measure").itertuples():
        kind = FREQUENCY_KIND[m.frequency]
        mine = [q for q in (Period.parse(p) for p in had.get(m.measure, ())) if q.kind == kind]
        if kind == "year" or not mine:
            continue
        first = min(q.sort_key for q in mine)
        for q in P.year_period.parts(kind):
            if q.end < P.start and q.sort_key > first and str(q) not in had[m.measure]:
                out.append({"council": council, "measure": m.measure, "period": str(q), "comment": ""})
    return out


def not_given_note(rows: list[dict], period) -> str | None:
    """What a return's observations sheet, and 'swreport template', say of the rows it asks for
    that the data set has no row for (``not_given``)."""
    if not rows:
        return None
    n, P, r = len(rows), Period.parse(period), rows[0]
    periods = sorted({x["period"] for x in rows})
    return (
        f"Not yet given: {n:,} row{'s' if n != 1 else ''} of {P.year_period} before {P.label} that your data has no "
        f"row for ({', '.join(Period.parse(p).label for p in periods)}: {r['measure']} {r['period']}"
        f"{f', and {n - 1:,} more' if n > 1 else ''}), pre-filled before its measure's {P.label} row: type its "
        "figure, or leave it blank and say why in comment; without it the year to date leaves the period out "
        "(a count is Report later)."
    )


def missing_note(rows: list[dict], period) -> str | None:
    """What a return's observations sheet says of the rows it asks for again (``still_missing``)."""
    if not rows:
        return None
    n, P, r = len(rows), Period.parse(period), rows[0]
    why = f": '{r['comment']}'" if r["comment"] else ""
    return (
        f"Asked again: {n:,} row{'s' if n != 1 else ''} of {P.year_period} before {P.label} that your data holds "
        f"with no figure ({r['measure']} {r['period']}{why}{f', and {n - 1:,} more' if n > 1 else ''}): type its "
        "figure where it is in now."
    )


def return_observations(ds, council: str, period) -> tuple[list[dict], str | None]:
    """The observation rows a council's return for ``period`` is pre-filled with: those it needs
    (``needed_observations``) less those the data set holds (``held_observations``), each measure's
    after the rows of its year still with no figure (``still_missing``), and what the sheet says of
    the rows left out and asked again (``held_note``, ``missing_note``)."""
    needed = needed_observations(ds, council, period)
    held = held_observations(ds, needed)
    rows = [r for r in needed if r not in held]
    again, gaps = still_missing(ds, council, period), not_given(ds, council, period)
    first = {}  # a measure's rows asked again go before its own
    for r in sorted([*again, *gaps], key=lambda r: Period.parse(r["period"]).sort_key):
        first.setdefault(r["measure"], []).append({k: r[k] for k in ("council", "measure", "period")})
    out = []
    for r in rows:
        out += first.pop(r["measure"], [])
        out.append(r)
    out += [r for rs in first.values() for r in rs]
    notes = [
        n for n in (not_given_note(gaps, period), held_note(held, period, len(rows)), missing_note(again, period)) if n
    ]
    return out, " ".join(notes) or None


def write_template(
    path, ds=None, council: str | None = None, period=None, observations=None, councils: list[dict] | None = None
) -> Path:
    """A data-return workbook: a sheet per table with notes on the headers and drop-downs.

    Council and measure drop-downs refer to the workbook's own councils and measures sheets
    (named ranges ``council_ids`` and ``measure_ids``), so a council or measure the analyst adds
    there becomes choosable. With ``ds`` those sheets are filled from it (only ``council`` and its
    measures when given); with ``council`` and ``period`` the observations sheet is pre-filled
    with the rows the period needs, values left blank: ``observations``, the rows and note of
    ``return_observations`` where the caller has them already ('swreport template' prints the note),
    else worked out here. ``councils``: rows for the councils sheet of a return with no ``ds``
    (``--empty``), so that its council drop-downs list them; with none, a council id not listed is
    a warning Excel lets through ('add the council's row to the councils sheet'), not refused.
    """

    prefill: dict[str, list[dict]] = {"councils": list(councils)} if councils else {}
    held_text = None
    if ds is not None:
        councils = ds.councils if council is None else ds.councils[ds.councils["council"] == council]
        if council is not None:
            ds.council_name(council)  # an unknown council: a ConfigError naming the choices

            measures = catalogue(ds, council)
        else:
            measures = ds.measures
        prefill["councils"] = councils.to_dict("records")
        prefill["measures"] = measures.to_dict("records")
        if council is not None and period is not None:
            # what is left out is said on the sheet's first header cell, and by 'swreport template'
            prefill["observations"], held_text = observations or return_observations(ds, council, period)
    by_id: dict[str, dict] = {}  # each measure id's first catalogue row: the notes on its observation rows
    for m in prefill.get("measures", []):
        by_id.setdefault(m["measure"], m)
    rows_max = 5000
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in sc.TABLES.items():
        ws = wb.create_sheet(name)
        columns = template_columns(table)
        for j, col in enumerate(columns, start=1):
            cell = ws.cell(1, j, col.name)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            note = SHEET_NOTES.get((name, col.name), NOTES.get(col.name, "")) + (" Required." if col.nonblank else "")
            cell.comment = Comment(f"{col.name}: {sc.expected(col)}. {note}".strip(), "swreport")
            ws.column_dimensions[get_column_letter(j)].width = max(12, len(col.name) + 4)
            letter = get_column_letter(j)
            rng = f"{letter}2:{letter}{rows_max}"
            if col.kind == "enum":
                dv = DataValidation(
                    type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=not col.nonblank
                )
            elif col.kind == "council" or (col.kind == "council_id" and name not in ("councils", "benchmarks")):
                dv = DataValidation(type="list", formula1="council_ids", allow_blank=not col.nonblank)
            elif col.kind == "measure":
                dv = DataValidation(type="list", formula1="measure_ids", allow_blank=not col.nonblank)
            else:
                continue
            what = {"council": "a council id from the councils sheet", "council_id": "a council id from the councils sheet",
                    "measure": "a measure id from the measures sheet"}.get(col.kind, sc.expected(col))  # fmt: skip
            dv.error = f"Expected {what}"
            dv.errorTitle = f"{name}: {col.name}"
            dv.showErrorMessage = True
            if col.kind in ("council", "council_id") and not prefill.get("councils"):  # nothing to choose from yet
                dv.errorStyle = "warning"  # Excel asks, and takes the id: merge checks it against the data set
                dv.error = "Not in the councils sheet: add your council's row there (council, name, family_group) first"
            ws.add_data_validation(dv)
            dv.add(rng)
        if name == "observations" and held_text:
            ws["A1"].comment = Comment(held_text + "\n\n" + ws["A1"].comment.text, "swreport")
        names = [c.name for c in columns]
        for record in prefill.get(name, []):
            append_row(ws, [plain(record.get(c)) for c in names])
            m = by_id.get(record["measure"]) if name == "observations" else None
            if m is not None:  # a note on the cells the row's measure asks for
                _ask_counts(ws, names, m)
                _say_unit(ws, names, m)
        ws.freeze_panes = "A2"
    wb.defined_names["council_ids"] = DefinedName("council_ids", attr_text=f"councils!$A$2:$A${rows_max}")
    wb.defined_names["measure_ids"] = DefinedName("measure_ids", attr_text=f"measures!$A$2:$A${rows_max}")
    path = Path(path)
    wb.save(path)
    return path


COUNTS_WANTED = (
    "{title}: a percentage, rate or ratio. Give the count here (numerator) and what it is out of "
    "(denominator); value may then be left blank. A public report checks the counts behind a figure "
    "for small numbers: a value alone is printed, but listed as not checked."
)


def _ask_counts(ws, columns: list[str], m: dict) -> None:
    """On a pre-filled observation row of a percentage, rate or ratio (``m``, its measure), a note
    on its numerator cell asking for the counts, and both count cells shaded: given as a value
    alone, public suppression cannot check it (``unchecked.unchecked_figures``)."""
    if m.get("unit") not in sc.PROPORTION_UNITS:
        return
    row = ws.max_row
    for col in ("numerator", "denominator"):
        ws.cell(row, columns.index(col) + 1).fill = PatternFill("solid", fgColor="FFF2CC")
    ws.cell(row, columns.index("numerator") + 1).comment = Comment(COUNTS_WANTED.format(title=m["title"]), "swreport")


UNIT_WANTED = {
    "currency": "in pounds, e.g. 31.75 (not pence, not £000)",
    "days": "in days, e.g. 28.5 (not weeks or hours)",
    "hours": "in hours, e.g. 7.5 (not minutes or days)",
    "count": "a count, e.g. 120",
    "number": "a number, e.g. 120",
}


VALUE_OF_PROPORTION = (
    "{title}: {what}, e.g. {example}. Better: leave this blank and give the counts in numerator and "
    "denominator. A {short} typed here alone is printed, but a public report cannot check the counts "
    "behind it for small numbers and lists it as 'not checked' (check-public names it)."
)


VALUE_OF_ADDED_PROPORTION = (
    "{title}: give the counts in numerator and denominator{rate_too}: its year to date adds the counts up, so a "
    "{short} typed here alone is refused (validate and merge name the row){blank}."
)


PROPORTION_EXAMPLE = {
    "percent": {
        "what": "a percentage",
        "example": "93 for 93% (not 0.93)",
        "short": "percentage",
        "rate_too": "",
        "blank": "; leave this blank (or give the percentage they make, 93 for 93%)",
    },
    "rate": {
        "what": "a rate",
        "example": "4.2",
        "short": "rate",
        "blank": "",
        "rate_too": ", and the rate here, e.g. 4.2 (it says per how many)",
    },
    "ratio": {
        "what": "a ratio",
        "example": "0.85",
        "short": "ratio",
        "rate_too": "",
        "blank": "; leave this blank (or give the ratio they make)",
    },
}


def _say_unit(ws, columns: list[str], m: dict) -> None:
    """On a pre-filled observation row of a count, number, cost, days or hours (``m``, its measure), a note
    on its value cell naming the measure and its unit ("Cost per hour of care at home: in pounds,
    e.g. 31.75"): the row shows only the measure's id, and a service guesses pounds or pence, days
    or weeks."""
    if m.get("unit") in sc.PROPORTION_UNITS:  # ANALYST-8 #7: the value cell a service fills said nothing
        cell = ws.cell(ws.max_row, columns.index("value") + 1)
        # ANALYST-11 #7: a sum measure's value alone is refused (observation_rules.sum_rules), not printed
        added = m.get("aggregate") == "sum" and FREQUENCY_KIND.get(m.get("frequency")) != "year"
        text = VALUE_OF_ADDED_PROPORTION if added else VALUE_OF_PROPORTION
        cell.comment = Comment(text.format(title=m["title"], **PROPORTION_EXAMPLE[m["unit"]]), "swreport")
        return
    wanted = UNIT_WANTED.get(m.get("unit"))
    if wanted is None:
        return
    own = {"monthly": "month's", "quarterly": "quarter's", "six-monthly": "half-year's"}.get(m.get("frequency"))
    period = f" The {own} own figure, not a running total." if own and m.get("aggregate") == "sum" else ""
    cell = ws.cell(ws.max_row, columns.index("value") + 1)
    cell.comment = Comment(f"{m['title']}: {wanted}.{period}", "swreport")
