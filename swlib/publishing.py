"""What a public report leaves out of its free text, listed before it is published
(``check_public``: ``swreport check-public``) and after a run (``withheld``: the run prints it),
each finding named by file and row (a workbook's sheet and cell; a narrative file's line:
``findings``). The figures it prints that suppression cannot check are ``unchecked``'s.
"""

from __future__ import annotations

import pandas as pd

from . import printed_text, public_text, published, reports, uncleared, workforce
from .action_rows import actions
from .config import cleared_text, council_settings
from .findings import finding, shown_path, workbook_letters
from .hidden import suppressed_columns
from .limits import check_narrative
from .multiples import multiple_hits, said_without_figure
from .other_rows import hidden_and_shown
from .periods import Period
from .printed import Series, lazily
from .public_text import is_cleared, narrative_findings, public_narrative, reason_for, row_figures, table_file
from .schema import COUNT_UNITS, narrative_dir
from .schema import NARRATIVE_SECTIONS as SECTIONS
from .small_numbers import small_numbers_in
from .status import performance
from .unchecked import unchecked_findings


def check_public(ds, council: str, period) -> list[dict]:
    """Free text going into the council's public reports for ``period`` that may give away a
    small number: comments of the year's observations (and the reasons given for the three
    earlier years' blank figures, printed in the year columns), the year's actions (theme,
    outcome, action, measure, comment), the words of its measures, workforce, finance and
    inspection rows (``TEXT_COLUMNS``) and the year's narrative. Each finding names its file and
    row (a workbook's sheet and cell; a narrative file's real path and line) and says whether an
    officer cleared it (``cleared`` = yes on the row; front matter in a narrative file, see
    ``narrative_cleared``)."""
    P = Period.parse(period)
    cfg = council_settings(council)
    lo, hi = cfg.suppress_min, cfg.suppress_max
    letters = workbook_letters(ds)
    findings = []

    def add_hits(table, i, col, hits, cleared):  # one finding a cell, however many numbers it holds
        hits = [h for h in hits if not any(h != o and h in o for o in hits)]  # a passage within a longer one
        if hits:
            add(table, i, col, " … ".join(dict.fromkeys(hits)), cleared)

    def add(table, i, col, hit, cleared):
        findings.append(finding(ds, letters, table, i, col, hit, cleared))

    def cleared(r) -> bool:
        return is_cleared({"cleared": r.get("cleared")})

    obs = ds.observations
    rows = obs[(obs["council"] == council) & obs["comment"].notna()]
    earlier = {str(P.year_period.shift_years(-k)) for k in (1, 2, 3)}  # the year columns: a blank year's reason prints
    blank = rows[["value", "numerator", "denominator"]].isna().all(axis=1)
    rows = rows[
        rows["period"].map(
            lambda p: (Period.parse(p).fy == P.fy and Period.parse(p).end <= P.end) or Period.parse(p) == P.year_period
        )
        | (rows["period"].isin(earlier) & blank)
    ]
    strict = cfg.public_text == uncleared.CLEARED  # every uncleared comment and paragraph is withheld

    def add_uncleared(table, i, col, text):  # under public_text: cleared, text with no small number found
        add(table, i, col, public_text.excerpt(text), False)
        findings[-1].update(reason=uncleared.NOT_CLEARED, kind="uncleared")

    figures = lazily(lambda: _figures_by_measure(ds, council, P))  # "doubled" beside the measure's figures

    def comment_hits(r) -> list[str]:
        found = small_numbers_in(r["comment"], lo, hi)
        if not found and said_without_figure(r["comment"]):  # "doubled", "8.8% of this year's incidents"
            row, counts = figures().get(r["measure"], ([], False))
            found = multiple_hits(r["comment"], row, lo, hi, shares=counts)
        return found

    for i, r in rows.iterrows():
        add_hits("observations", i, "comment", comment_hits(r), cleared(r))
        if strict and not cleared(r) and not comment_hits(r) and str(r["comment"]).strip():
            add_uncleared("observations", i, "comment", r["comment"])
    acts = ds.actions
    for i, r in acts[
        (acts["council"] == council) & (acts["period"].map(lambda p: Period.parse(p).fy) == P.fy)
    ].iterrows():
        for col in ("comment", "action", "measure", "theme", "outcome"):
            add_hits("actions", i, col, small_numbers_in(r[col], lo, hi), cleared(r))
        c = r["comment"]
        if strict and not cleared(r) and isinstance(c, str) and c.strip() and not small_numbers_in(c, lo, hi):
            add_uncleared("actions", i, "comment", c)
    for table, i, col, text, ok in data_text(ds, council):
        add_hits(table, i, col, small_numbers_in(text, lo, hi), ok)
    findings += printed_text.findings(ds, council)  # names, sources (cleared: params/councils.yaml)
    for f in narrative_passages(ds, council, P.year_period, lo, hi):
        findings.append({**f, "reason": reason_for(f["text"])})
    if strict:  # the paragraphs a public report withholds though no small number was found in them
        for f in narrative_passages(ds, council, P.year_period, lo, hi, public=True):
            if f["reason"] == uncleared.NOT_CLEARED:
                findings.append({**f, "kind": "uncleared"})
    findings += unchecked_findings(ds, council, P, letters)
    findings += run_withholds(ds, council, P, findings, letters)
    return findings + renamed_measures(ds, council, P)


def run_withholds(ds, council: str, P: Period, found: list[dict], letters: dict) -> list[dict]:
    """What the public reports of ``P``'s year up to ``P`` (each quarter's; the annual report's where
    ``P`` is the year) withhold from their tables' comments and their actions that ``found``
    (check-public's own reading of each text alone) does not name: a comment stating a figure
    beside its row's [c], one stating another row's [c] or a count 1 to 4 from a printed figure
    (``other_rows``): everything a public run withholds is listed, so that it can be reworded
    (ATTACK-10 #14). Not cleared: a cleared text is printed and not withheld."""
    if P.kind not in ("quarter", "year"):  # no public report is made for it
        return []
    periods = [q for q in (Period.quarter(P.fy, k) for k in (1, 2, 3, 4)) if q.end <= P.end]
    run = []
    for p in [*periods, *([P] if P.kind == "year" else [])]:
        perf = performance(ds, council, p, audience="public")
        run += [*perf.attrs.get("withheld", []), *actions(ds, council, p, audience="public", perf=perf).attrs.get("withheld", [])]  # fmt: skip
    seen = {(f.get("file"), f.get("row"), f.get("column")) for f in found}
    out = []
    for w in run:
        if (w["file"], w["row"], w["column"]) in seen:
            continue
        seen.add((w["file"], w["row"], w["column"]))
        f = {**w, "cleared": False}
        table = next((t for t in letters if w["file"].endswith(f"sheet {t}")), None)
        if table and w["row"] is not None and w["column"] in letters[table]:
            f["cell"] = f"{letters[table][w['column']]}{w['row']}"
        out.append(f)
    return out


# free text from the data, other than comments and actions, that public reports print: each
# measure's words (the performance tables, the explorer), the annual report's workforce teams,
# finance lines and inspected services
TEXT_COLUMNS = {
    "measures": ("title", "theme", "outcome", "service", "definition"),
    "workforce": ("service",),
    "finance": ("line",),
    "inspections": ("service", "service_type"),
}


def data_text(ds, council: str):
    """(table, row index, column, text, cleared) for each cell of ``TEXT_COLUMNS`` a council's
    public reports may print: the council's measures (and those every council reports), its
    workforce, finance and inspection rows. ``cleared`` = yes on a measures row clears its text; a
    team's, a finance line's or an inspected service's name is cleared by the council's ``cleared``
    settings (params/councils.yaml, word for word: those tables have no ``cleared`` column)."""
    for table, cols in TEXT_COLUMNS.items():
        t = ds.table(table)
        mine = t[t["council"].isna() | (t["council"] == council)] if table == "measures" else t[t["council"] == council]
        for i, r in mine.iterrows():
            ok = is_cleared({"cleared": r.get("cleared")})
            for col in cols:
                if isinstance(r.get(col), str):
                    yield table, i, col, r[col], ok or (table != "measures" and cleared_text(r[col], council))


def narrative_passages(ds, council: str, year, lo: int, hi: int, public: bool = False, perf=None) -> list[dict]:
    """Each passage of the council's narrative for ``year`` that mentions a small number, by file
    (its real path) and line, and whether it is cleared (front matter: ``narrative_cleared``).
    ``public``: what a public report withholds (``public_narrative``: by paragraph, uncleared only).
    ``perf``: the year's public performance table, where worked out already (``printed_series``)."""
    folder = narrative_dir(ds.path) / council / str(year)
    printed = lazily(lambda: printed_series(ds, council, year, hi, perf=perf))  # once for every file, on first need
    out = []
    for name in SECTIONS:
        f = folder / f"{name}.md"
        if not f.is_file():
            continue
        check_narrative([f], shown_path)
        text = f.read_text(encoding="utf-8-sig", errors="replace")
        if public and uncleared.strict(council):  # every paragraph not cleared (params: public_text)
            found = [(n, hit, False, why) for n, hit, why in uncleared.cleared_narrative(text, lo, hi, printed)[1]]
        elif public:
            found = [(n, hit, False, reason_for(hit)) for n, hit in public_narrative(text, lo, hi, printed)[1]]
        else:  # the passages the run withholds (not cleared) and those it prints as cleared: one rule decides both
            found = [(n, hit, ok, reason_for(hit)) for n, hit, ok in narrative_findings(text, lo, hi, printed)]
        out += [{"file": shown_path(f), "row": n, "column": None, "text": hit, "cleared": ok, "reason": why}
                for n, hit, ok, why in found]  # fmt: skip
    return out


def withheld(ds, report: str, council: str, period, perf: pd.DataFrame | None = None) -> list[dict]:
    """What a public ``report`` for the council and period leaves out of its free text, and
    why: the comments, actions and narrative passages that mention a small number and that no
    officer cleared (the run lists them). ``perf``: ``public_table``'s, where worked out already."""
    P = reports.get(report).covered(period)
    if P is None:  # a report on every council prints published figures only
        return []
    r = reports.get(report)
    perf = performance(ds, council, P, audience="public") if perf is None else perf
    out = [w for w in perf.attrs.get("withheld", []) if _printed_by(ds, report, perf, w)]
    out += [
        {k: v for k, v in f.items() if k != "cleared"}  # the headings' names, the sources, not cleared
        for f in printed_text.findings(ds, council, service=r.prints_service)
        if not f["cleared"]
    ]
    if "actions" in r.free_text:
        out += actions(ds, council, P, audience="public", perf=perf).attrs.get("withheld", [])
    if "narrative" in r.free_text:
        cfg = council_settings(council)
        out += [{k: v for k, v in f.items() if k != "cleared"}
                for f in narrative_passages(ds, council, P, cfg.suppress_min, cfg.suppress_max, True, perf)]  # fmt: skip
    cfg = council_settings(council)
    for table, rows, cols in shown_rows(ds, council, P, r.free_text):  # names in the annual report's tables
        for i, row in rows.iterrows():
            for col in cols:
                hits = small_numbers_in(row[col], cfg.suppress_min, cfg.suppress_max)
                if hits and not cleared_text(row[col], council):  # cleared in params/councils.yaml: printed
                    out.append({"file": table_file(ds, table), "row": i + 2, "column": col, "text": hits[0],
                                "reason": reason_for(hits[0])})  # fmt: skip
    return out


def _printed_by(ds, report: str, perf: pd.DataFrame, w: dict) -> bool:
    """Whether the comment ``w`` of the public table (``attrs["withheld"]``) is one ``report``
    would print: the annual report prints the statutory measures and those with a target (its
    notebook's sections), so a comment of a measure of neither is not listed as withheld from it
    (ANALYST-11 #8: 'withheld ... row 12 Two siblings ...', of cp-registrations, which it leaves out)."""
    if report != "annual" or w.get("file") != table_file(ds, "observations") or w.get("column") != "comment":
        return True
    i = int(w["row"]) - 2  # the file's row of a table row: its index + 2 (public_text.file_row)
    if i not in ds.observations.index:
        return True
    shown = perf[perf["theme"].eq("Statutory functions") | perf["target"].notna()]
    return ds.observations.at[i, "measure"] in set(shown["measure"])


def shown_rows(ds, council: str, year, free_text) -> list[tuple]:
    """(table, rows, columns) of the workforce, finance and inspection rows whose names an annual
    report for ``year`` prints (as ``views.annual`` chooses them): the latest workforce return
    to the year, the year's finance, the inspections dated within it."""
    out = []
    if "workforce" in free_text:
        w = ds.workforce[ds.workforce["council"] == council]
        shown = [p for p in w["period"].unique() if Period.parse(p) <= year]
        out.append(("workforce", w[w["period"] == (max(shown, key=Period.parse) if shown else None)], ["service"]))
    if "finance" in free_text:
        f = ds.finance[ds.finance["council"] == council]
        out.append(("finance", f[f["period"] == str(year)], ["line"]))
    if "inspections" in free_text:
        i = ds.inspections[ds.inspections["council"] == council]
        within = (i["date"] >= f"{year.fy}-04-01") & (i["date"] <= f"{year.fy + 1}-03-31")
        out.append(("inspections", i[within], ["service", "service_type"]))
    return out


RENAMED = (
    "an id renamed without replaces: a figure revised since the old id's report, printed under the new one, "
    "can be set against the one published and give a small number away"
)


def renamed_measures(
    ds, council: str, period, report: str | None = None, perf: pd.DataFrame | None = None
) -> list[dict]:
    """Each measure a public report for ``period`` (of ``report``: its kind of period) prints that
    prints again figures an earlier public report printed under an id no longer in use, with no
    ``replaces`` naming it (``renames.undeclared_renames``, against the record of the outputs
    folder in use): one finding a pair, on the new id's measures row, asking for ``replaces``.
    ``perf``: ``public_table``'s, where worked out already."""
    P = Period.parse(period) if report is None else reports.get(report).covered(period)
    if P is None:
        return []
    perf = performance(ds, council, P, audience="public") if perf is None else perf
    out = []
    for x in perf.attrs.get("renames", []):
        shown = "; ".join(f"{y}{'' if m == 12 else f' to month {m}'}: {v:g}" for y, m, v in x["shared"][:3])
        said = (f"{x['new']} has figures {x['old']} ({x['title']!r}), an id no longer in use, printed in a public "
                f"report ({shown})" if shown else f"{x['new']} is new beside {x['old']} ({x['title']!r}), an id no "
                "longer in use that a public report printed, with a title like its own")  # fmt: skip
        out.append({"file": table_file(ds, x["file"]), "row": x["row"], "column": "replaces", "cleared": False,
                    "text": f"{said}: if it is {x['old']} renamed, set replaces = {x['old']} on its row; if it "
                            "is a new measure, set replaces = none",
                    "reason": RENAMED, "kind": "renamed", "measure": x["new"]})  # fmt: skip
    return out


def public_table(ds, report: str, council: str, period, out=None) -> pd.DataFrame | None:
    """The performance table a council's public ``report`` for ``period`` prints (None for a
    report on every council): what ``withheld`` and ``renamed_measures`` read, worked out once.
    ``out``: the outputs folder whose record of what was published it is set against, as the
    report's kernel sets it (default: the one in use)."""
    P = reports.get(report).covered(period)
    if P is None:
        return None
    record = None if out is None else published.read(council, out)
    return performance(ds, council, P, audience="public", published=record)


def _figures_by_measure(ds, council: str, P: Period) -> dict[str, tuple[list[float], bool]]:
    """Each measure's figures a comment's multiple or share is set against (``public_text.row_figures``),
    as the public step sets them: the performance table's, as the data give them; and whether they
    are a count's (a share is set against a count's figures only)."""
    perf = performance(ds, council, P)
    years = [str(y) for y in perf.attrs.get("years", [])]
    return {r["measure"]: (row_figures(r, years), r.get("unit") in COUNT_UNITS) for r in perf.to_dict("records")}


def printed_series(ds, council: str, year, hi: int = 4, perf: pd.DataFrame | None = None) -> list[Series]:
    """Each count measure's figures the public annual report prints for ``year`` and the years
    its tables show (``performance(..., audience="public")``; a suppressed figure is not printed),
    by year, figures above ``hi`` only, with the measure's title (``printed.Series``): the
    statutory functions' tables. Then every other row of its tables (``tables`` False) and the
    workforce table's headcounts it hides, and each with what it prints [c] in place of (the internal table's figures: ``hidden``, ``hidden_shares``)
    and the counts it prints (``shown``), for ``printed.hidden_given_away``. ``perf``: that public
    table for ``year``, where worked out already (the report's own)."""
    perf = performance(ds, council, year, audience="public") if perf is None else perf
    years = [str(y) for y in perf.attrs.get("years", [])]
    fy = Period.parse(year).year_period.fy_id
    cols = [*years, "to_date", "last_year"]
    inner = None
    if any(set(suppressed_columns(r)) & set(cols) for r in perf.to_dict("records")):
        inner = {r["measure"]: r for r in performance(ds, council, year).to_dict("records")}
    out, rest = [], []
    for r in perf.to_dict("records"):
        hidden = suppressed_columns(r)
        given = hidden_and_shown(r, (inner or {}).get(r["measure"]) or {}, [c for c in cols if c in hidden], cols)
        if r["theme"] == "Statutory functions" and r["unit"] == "count":
            shown = {y: r.get(y) for y in years if y not in hidden} | (
                {fy: r.get("to_date")} if "to_date" not in hidden else {}
            )
            figures = {y: float(v) for y, v in shown.items() if pd.notna(v) and float(v) > hi and float(v).is_integer()}
            withheld = tuple(y for y in [*years, "to_date"] if y in hidden and pd.notna(r.get(y)))
            if figures or withheld:  # a measure printed [c] too: a passage naming it restates nothing (printed.Series)
                out.append(Series(str(r["title"]), figures, fy, withheld, *given))
                continue
        if any(given):
            rest.append(Series(str(r["title"]), {}, fy, (), *given, tables=False))
    latest, teams = workforce.headcounts(ds, council, Period.parse(year))  # the workforce table's [c] headcounts
    if latest is not None and not teams.empty:
        lo = council_settings(council).suppress_min
        hide = workforce.hidden(teams["headcount"], str(latest), None, lo, hi)
        counts = tuple(float(h) for t, h in teams["headcount"].items() if hide[t] and pd.notna(h) and float(h) > hi)
        if counts:
            rest.append(Series("Workforce headcount", {}, fy, (), counts, tables=False))
    return out + rest
