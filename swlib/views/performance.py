"""The performance tables, as plain data for the shared macros: per theme and outcome, a table of
measures with their status, target, year to date, trend and last three years; a measure counted
once a year in a table of its latest year; a theme's earlier years after the themes with figures
for the period; a plan's baselines and suppressed sentences marked; the measures with no figures
at the end (``no_figures``).
"""

from __future__ import annotations

import pandas as pd

from ..disclosure import SYMBOL
from ..formatting import TREND_ARROWS, fmt_value, slug
from ..hidden import SUPPRESSED_SENTENCE, c_note, council_small, public_why, suppressed_columns
from ..measure_spc import trend_cell_words
from ..narrative import comment_html
from ..periods import Period, fy_text
from ..rag import by_the_figures
from ..rows import records
from ..status import PLAN_BASELINE, synthetic_columns, without_figures
from ..statutory import THEME
from ..targets import targets_to_date
from ..ytd import PART_YEAR
from .no_figures import no_figures_view
from .tables import cell, marked_targets, synthetic_marks


def performance_table_view(
    rows: pd.DataFrame,
    years: list[str],
    caption: str,
    latest_year: str | None = None,
    *,
    small: tuple[int, int] | None = None,
) -> dict:
    """The council layout: indicator | comments | this year (status, target, to date) | last 3 years.
    With ``latest_year`` (measures counted once a year, in a report for part of a year) the
    figures are that year's, headed as such, never as this year's to date. ``small``: the council's
    small numbers (``suppress_min``, ``suppress_max``), which the note under a table with [c] names
    (default: those of the council of ``rows.attrs``)."""
    small = small or council_small(rows.attrs.get("council"))
    if latest_year:
        years = [y for y in years if y != latest_year]
    out = {
        "caption": caption,
        "group": f"Latest year available: {Period.parse(latest_year).label}" if latest_year else "This year",
        "figure": "Figure" if latest_year else "To date",
        "target": "Target to date" if not latest_year and targets_to_date(rows) else "Target",
        "earlier": "Earlier years" if latest_year else "Last 3 years",
        "yearly": bool(latest_year),  # its columns the same from table to table in print
        "years": [Period.parse(y).label for y in years],
        "rows": [],
    }
    for r in records(rows):
        notes = [("sentence", r["sentence"])] if r.get("sentence") else []
        if notes:  # [c] in the row, the reason once under the table (public D&G Q2 p4: the sentence in five rows)
            text, why = marked_c(r["sentence"], *small)
            notes = [("sentence", text)]
            out["suppressed_note"] = why or out.get("suppressed_note")
        if r.get("note"):
            notes.append(("note", r["note"]))
        trend = r["trend"]
        yc = []
        for y in years:
            note = (r.get("year_notes") or {}).get(y)
            yc.append({"text": note, "reason": True} if note and pd.isna(r.get(y)) else cell(r, y))
        out["rows"].append({
            "title": r["title"], "notes": notes, "comment": comment_html(r.get("comment")),
            "status": r["status"], "status_source": r["status_source"], "by_figures": by_the_figures(r),
            "target": {"text": fmt_value(r["target"], r["unit"], int(r["decimals"])) if pd.notna(r["target"]) else "–",
                       "synthetic": "target" in synthetic_columns(r)},
            "to_date": cell(r, "to_date"),
            "trend": {"suppressed": trend == SYMBOL, "arrow": TREND_ARROWS.get(trend, ""), "text": trend_reason(r)},
            "years": yc,
        })  # fmt: skip
    out = synthetic_marks(out, [c for r in out["rows"] for c in [r["to_date"], *r["years"]]])
    out = marked_targets(out, [r["target"] for r in out["rows"]])
    return marked_baselines(out, years, records(rows))


def marked_baselines(table: dict, years: list[str], rows: list[dict]) -> dict:
    """A year's figures that are a plan's baseline, not the year's out-turn (``status.baseline``:
    SL's 2019/20, "Baseline in the Resource Plan 2021-22", each equal to its target), labelled so:
    the year's heading where every figure in its column is one ("2019/20 baseline"), else each
    such figure; and a note under the table in the data's words (a public table: in general words)."""
    said = {}
    for i, y in enumerate(years):
        cells = [
            (r["years"][i], (src.get("baselines") or {}).get(y)) for r, src in zip(table["rows"], rows, strict=True)
        ]
        shown = [(c, b) for c, b in cells if not c.get("reason") and not c.get("suppressed") and c.get("text") != "–"]
        marked = [(c, b) for c, b in shown if b]
        if not marked:
            continue
        label = table["years"][i]
        if len(marked) == len(shown):
            table["years"][i] = f"{label} baseline"
        else:
            for c, _ in marked:
                c["text"] += " (baseline)"
        comments = sorted({b for _, b in marked})
        said[label] = comments[0] if len(comments) == 1 else PLAN_BASELINE
    if said:
        table["baseline_note"] = " ".join(
            f"{label} baseline: {fy_text(what)}, not the year's out-turn." for label, what in said.items()
        )
    return table


def marked_c(sentence: str, lo: int, hi: int) -> tuple[str, str | None]:
    """A row's sentence as a table prints it, [c] where it says a figure is suppressed, and the
    note that says why, for once under the table (``hidden.c_note``, in the council's small
    numbers ``lo`` to ``hi``; None where it says none)."""
    if sentence.startswith(SUPPRESSED_SENTENCE):
        return SYMBOL, c_note(lo, hi)
    said = f" is suppressed to protect confidentiality: {public_why(lo, hi)}"
    if said in sentence:
        return sentence.replace(said, f" is {SYMBOL}"), c_note(lo, hi)
    return sentence, None


def trend_reason(r: dict) -> str:
    """The trend as the table prints it; "no comparison" says why (no figure this year, or none
    at the same point last year)."""
    if r["trend"] != "no comparison":
        return trend_cell_words(r["trend"], r.get("spc_against"))
    if r.get("cash") and pd.notna(r.get("to_date")):  # a cost in cash: not compared across years
        return f"no comparison: {r['cash']}"
    if pd.isna(r.get("to_date")) and "to_date" not in suppressed_columns(r):
        return "no comparison: no figure yet"  # a suppressed figure is there, only not shown
    if PART_YEAR in (r.get("note") or ""):  # last year's figures cover part of it only
        return "no comparison: last year incomplete"
    return "no comparison: no figure last year"


def _themes_in_order(perf: pd.DataFrame) -> list[tuple[str, pd.DataFrame, bool]]:
    """(theme, its rows, whether they are the earlier-year rest of a theme shown before) in the
    order section 3 shows them: the themes with figures for the period first, in the catalogue's
    order, then those whose measures all show a whole earlier year (an annual measure's latest
    available, such as last year's statutory figures in a Quarter 2 report). A theme
    with both keeps its place with its measures for the period, and its earlier years' measures
    come after the themes with figures for the period, in a part of their own (ANALYST-5 #5: one
    quarterly measure filed under "Statutory functions" put four pages of last year's statutory
    figures ahead of the quarter's performance). The statutory functions (``statutory.THEME``), the
    CSWO annual report's figures, come after the council's own themes with figures for the period,
    at Quarter 4 too, where the year's figures are the period's own (ANALYST-11: a new council's
    Q4 paper printed 26 'Data only' statutory measures on pages 3 to 6 before its own measures)."""
    now, then = [], []
    for theme, tdf in perf.groupby("theme", sort=False):
        earlier = tdf["period_shown"].map(lambda p: Period.parse(p).kind == "year")
        if earlier.all():
            then.append((theme, tdf, False))
        elif earlier.any():
            now.append((theme, tdf[~earlier], False))
            then.append((theme, tdf[earlier], True))
        else:
            now.append((theme, tdf, False))
    now = [t for t in now if t[0] != THEME] + [t for t in now if t[0] == THEME]  # a stable sort: its own last
    return now + then


def performance_view(perf: pd.DataFrame) -> dict:
    """Per theme, per outcome, the performance tables: ``{"parts": [theme, ...]}``, the themes in
    the catalogue's order, except that the measures that show an earlier year come after the
    themes with figures for the period (``_themes_in_order``); the measures with no figures at all
    in one part at the end (``no_figures_view``)."""
    years = perf.attrs.get("years", [])
    small = council_small(perf.attrs.get("council"))
    none = no_figures_view(perf)
    if none:
        attrs, perf = perf.attrs, perf[~without_figures(perf)]
        perf.attrs = attrs
    parts = []
    for theme, tdf, later in _themes_in_order(perf):
        outcomes, tail = [], "-yearly" if later else ""
        for outcome, odf in tdf.groupby(tdf["outcome"].fillna(""), sort=False):
            name = outcome or theme
            yearly = odf["period_shown"] != perf.attrs["period"]  # a measure reported less often: its latest period
            tables = []
            if (~yearly).any():
                tables.append(
                    performance_table_view(
                        odf[~yearly], years, f"{name}: measures, status and the last three years", small=small
                    )
                )
            for shown, ydf in odf[yearly].groupby("period_shown", sort=False):
                label = Period.parse(shown).label
                tables.append(performance_table_view(
                    ydf, years, f"{name}: measures counted once a year, latest year available ({label})", latest_year=shown,
                    small=small,
                ))  # fmt: skip
            outcomes.append({"id": f"outcome-{slug(theme)}-{slug(outcome)}{tail}", "title": outcome, "tables": tables})
        title = f"{theme}: measures counted once a year" if later else theme
        parts.append({"id": f"theme-{slug(theme)}{tail}", "title": title, "outcomes": outcomes})
    if none:
        parts.append({"id": "no-figures", "title": none["caption"], "outcomes": [], "no_figures": none})
    return {"parts": parts}
