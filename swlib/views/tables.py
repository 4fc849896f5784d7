"""The tables every report is made of, as plain data for the shared macros
(``swlib/templates/shared/macros.html.j2``): one figure (``cell``), status summaries and the
legend, performance tables by theme and outcome, a measure's SPC chart with its icons, actions, figures by year, money and plain frames.

A ``*_view`` function turns what swlib computed into strings, numbers, lists and dicts (a figure is
``{"text": "92%"}`` or ``{"suppressed": True}``); the templates lay them out and escape every one.
To see one piece on its own in a notebook, render its view with the macro of the same kind, e.g.
``templating.macro("summary_table", summary_view(...))``. Free text the reader sees as formatting
(comments, narrative) is sanitised by ``narrative`` and is the only markup a view holds.
"""

from __future__ import annotations

import pandas as pd

from ..charts import spc_chart
from ..disclosure import SYMBOL
from ..formatting import TREND_ARROWS, counts_behind, fmt_money, fmt_value, slug
from ..hidden import PUBLIC_WHY, suppressed_columns
from ..icons import icons_view
from ..measure_spc import spc_target_words, trend_cell_words
from ..narrative import comment_html
from ..national import price_label
from ..periods import Period, fy_text
from ..rag import by_the_figures, shown_decimals
from ..rows import records
from ..shares import share_texts
from ..status import PLAN_BASELINE, STATUS_ORDER, is_synthetic, status_summary, synthetic_columns, without_figures
from ..sustained import sustained_brief
from ..targets import targets_to_date
from ..trends import SUPPRESSED_SENTENCE
from ..validate import plural
from ..ytd import PART_YEAR
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
        "target": "Target to date" if not latest_year and targets_to_date(rows) else "Target",
        "earlier": "Earlier years" if latest_year else "Last 3 years",
        "yearly": bool(latest_year),  # its columns the same from table to table in print
        "years": [Period.parse(y).label for y in years],
        "rows": [],
    }
    for r in records(rows):
        notes = [("sentence", r["sentence"])] if r.get("sentence") else []
        if notes:  # [c] in the row, the reason once under the table (public D&G Q2 p4: the sentence in five rows)
            text, why = marked_c(r["sentence"])
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


def marked_c(sentence: str) -> tuple[str, str | None]:
    """A row's sentence as a table prints it, [c] where it says a figure is suppressed, and the
    sentence that says why, for once under the table (None where it says none)."""
    if sentence.startswith(SUPPRESSED_SENTENCE):
        return SYMBOL, sentence
    said = f" is suppressed to protect confidentiality: {PUBLIC_WHY}"
    if said in sentence:
        return sentence.replace(said, f" is {SYMBOL}"), f"{SUPPRESSED_SENTENCE}: {PUBLIC_WHY}."
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


def summary_count(perf: pd.DataFrame, none: pd.DataFrame) -> str:
    """How page 1's summary counts the measures with no figures yet (``none``, of ``perf``): one
    reported during the year is late, counted as Report later; one counted once a year has nothing
    due in a quarter, so page 1 leaves it out and says so in one line (``briefing.counted``)."""
    in_quarter = Period.parse(perf.attrs["period"]).kind != "year" if perf.attrs.get("period") else False
    a = sum(in_quarter and Period.parse(p).kind == "year" for p in none["period_shown"])
    late = len(none) - a
    if not a:
        return "Each is counted as Report later in the summary."
    if not late:
        return (
            f"{'It is' if a == 1 else 'Each is'} counted once a year, with nothing due this quarter, so the summary "
            "on page 1 leaves " + ("it" if a == 1 else "them") + " out and says so in one line."
        )
    return (
        f"The {plural(late, 'measure')} reported during the year {'is' if late == 1 else 'are'} counted as Report later "
        f"in the summary; the {plural(a, 'measure')} counted once a year, with nothing due this quarter, "
        f"{'is' if a == 1 else 'are'} not (page 1 says so in one line)."
    )


def no_figures_view(perf: pd.DataFrame) -> dict | None:
    """The measures with no figures yet, in one table at the end of the performance section
    rather than a row of "Report later" each (None when there are none); an internal report
    says in words how to add them (``returns_needed`` gives the commands, for the run's output)."""
    none = perf[without_figures(perf)]
    if none.empty:
        return None
    rows = [
        {"title": r["title"], "theme": r["theme"], "outcome": r["outcome"] if isinstance(r["outcome"], str) else "",
         "period": Period.parse(r["period_shown"]).label}
        for r in records(none)
    ]  # fmt: skip
    n = len(rows)
    lead = (
        f"{n} {'measure has' if n == 1 else 'measures have'} no figures yet: none for the period shown, none in the "
        f"last three years, and no reason given. {summary_count(perf, none)}"
    )
    yearly = sorted({r["period"] for r, p in zip(rows, none["period_shown"], strict=True)
                     if p != perf.attrs.get("period")})  # fmt: skip
    if yearly:  # a measure counted once a year: the year a report in this period can show is one that has ended
        lead += (
            f" A measure counted once a year needs its figure for the latest year that has ended "
            f"({', '.join(yearly)}), which comes in a return for that year."
        )
    how = None
    if perf.attrs.get("audience") != "public":  # what to do, in words: the commands are in the run's output
        how = (
            "To add their figures, the return for the period each needs is filled in and merged into the data set "
            "(the guide's 'Setting up a new council' says how). A figure that will not come can be given a reason "
            "in the return's comment column, and the report prints it."
        )
    return {"lead": lead, "how": how, "rows": rows, "caption": "Measures with no figures yet"}


def returns_needed(perf: pd.DataFrame, council: str) -> list[str]:
    """The commands that bring in the figures of the measures with no figures yet, one
    ``swreport template`` per period they need, then ``merge``: printed by ``swreport run``, not
    in the report a committee reads."""
    none = perf[without_figures(perf)]
    return return_commands(council, sorted(set(none["period_shown"]), key=lambda p: Period.parse(p).sort_key))


def return_commands(council: str, periods) -> list[str]:
    """A ``swreport template`` for each period's return, then ``merge``; [] for no period."""
    periods = list(periods)
    templates = [f"swreport template RETURN.xlsx --council {council} --period {p}" for p in periods]
    return templates + (["swreport merge RETURN.xlsx"] if periods else [])


def _themes_in_order(perf: pd.DataFrame) -> list[tuple[str, pd.DataFrame, bool]]:
    """(theme, its rows, whether they are the earlier-year rest of a theme shown before) in the
    order section 3 shows them: the themes with figures for the period first, in the catalogue's
    order, then those whose measures all show a whole earlier year (an annual measure's latest
    available, such as last year's statutory figures in a Quarter 2 report). A theme
    with both keeps its place with its measures for the period, and its earlier years' measures
    come after the themes with figures for the period, in a part of their own (ANALYST-5 #5: one
    quarterly measure filed under "Statutory functions" put four pages of last year's statutory
    figures ahead of the quarter's performance)."""
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
    return now + then


def performance_view(perf: pd.DataFrame) -> dict:
    """Per theme, per outcome, the performance tables: ``{"parts": [theme, ...]}``, the themes in
    the catalogue's order, except that the measures that show an earlier year come after the
    themes with figures for the period (``_themes_in_order``); the measures with no figures at all
    in one part at the end (``no_figures_view``)."""
    years = perf.attrs.get("years", [])
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
                    performance_table_view(odf[~yearly], years, f"{name}: measures, status and the last three years")
                )
            for shown, ydf in odf[yearly].groupby("period_shown", sort=False):
                label = Period.parse(shown).label
                tables.append(performance_table_view(
                    ydf, years, f"{name}: measures counted once a year, latest year available ({label})", latest_year=shown
                ))  # fmt: skip
            outcomes.append({"id": f"outcome-{slug(theme)}-{slug(outcome)}{tail}", "title": outcome, "tables": tables})
        title = f"{theme}: measures counted once a year" if later else theme
        parts.append({"id": f"theme-{slug(theme)}{tail}", "title": title, "outcomes": outcomes})
    if none:
        parts.append({"id": "no-figures", "title": none["caption"], "outcomes": [], "no_figures": none})
    return {"parts": parts}


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


def spc_title(title: str, chart: pd.DataFrame) -> str:
    """A cost's SPC chart names its prices in its title (and so its axis, alt text and caption)."""
    prices = price_label(chart.attrs.get("price_year"))
    return f"{title}, real terms ({prices})" if prices else title


def real_terms_end(chart: pd.DataFrame) -> str:
    """Why a cost's real-terms SPC chart ends where it does, in a reader's words ("" for any other
    chart): before its price year, the LGBF has no figure for that year (its workbook of January
    2022 gives CHN8a and CHN8b for 2020/21 as "dna": the councils' spending, not yet the children
    looked after); at its price year, the LGBF has no later year at those prices."""
    py = chart.attrs.get("price_year")
    if not py or "period" not in chart:
        return ""
    last, prices = Period.parse(chart["period"].iloc[-1]), Period.parse(py)
    if last.end_key() < prices.end_key():
        return (
            f" It ends in {last.label} because the LGBF has published no figure for this cost after {last.label}, "
            f"though its figures are at {prices.label} prices: there is no {prices.label} point to chart yet."
        )
    return (
        f" It ends in {last.label}: the figures the LGBF gives at {prices.label} prices go no further, and figures of later "
        "years are not adjusted for inflation to the same prices."
    )


def spc_view(chart: pd.DataFrame, title: str, unit: str, decimals: int, target=None, annual=None,
             draw: bool = True) -> dict:  # fmt: skip
    """A measure's SPC chart with its icons (variation, and assurance against its target), as the
    quarterly report's measures needing attention and the measure explorer both show them (the
    chart drawn for half a landscape page, where it prints beside the measure's years). A cost's
    chart is in real terms (``attrs["price_year"]``): its title names its prices (``spc_title``)
    and it has no target, which is set in cash. ``draw=False``: the icons only (``"chart"`` None),
    where a report gives the chart's reading and not the chart."""
    a = chart.attrs
    cash_target = None
    if a.get("price_year"):
        title, target, cash_target = spc_title(title, chart), None, target
    # a share of the year's target (``annual``) labelled as one, and the assurance says it tests that
    kind = Period.parse(chart["period"].iloc[-1]).kind if "period" in chart and len(chart) else "year"
    shared = spc_target_words(target, annual, unit, decimals, kind)
    icons = spc_icons(chart, a, shared, cash_target, unit, decimals)
    if not draw:
        return {"icons": icons, "chart": None}
    view = spc_chart(chart, title, unit, decimals, target, half=True, target_label=shared and shared[0]).view()
    if shared:
        view["caption"] += f" The target line is {shared[1]}."
    view["caption"] += real_terms_end(chart)  # a cost's chart: why its real-terms series ends where it does
    if a.get("gap_before"):  # the periods before a gap are left out, and the reader is told which (``long_trend``)
        missing = a["missing"]
        view["caption"] += (
            f" Charted from {chart['label'].iloc[0]} only: there {'is' if missing.startswith('no figure ') else 'are'} "
            f"{missing}, and process limits are not worked out across missing periods."
        )
    return {"icons": icons, "chart": view}


def spc_icons(chart: pd.DataFrame, a: dict, shared, cash_target, unit: str, decimals: int) -> list[dict]:
    """``spc_view``'s icons: the variation and the assurance, in words."""
    icons = icons_view(a.get("variation"), a.get("assurance"), a.get("improvement", "increase"))
    if a.get("sustained"):  # the latest point's reading, within a rise or fall over the whole run (COMMITTEE-5 #4)
        icons[0]["words"] += sustained_brief(chart)
    if shared and a.get("assurance"):
        icons[1]["words"] += f" (the target tested: {shared[1]})"
    if cash_target is not None and not pd.isna(cash_target):  # why a cost's assurance cannot be judged
        icons[1]["words"] = (
            f"Assurance not judged: the {fmt_value(cash_target, unit, decimals)} target is in cash, this chart in real "
            f"terms ({price_label(a['price_year'])})"
        )
    return icons
