"""Statistical disclosure control for the public audience.

One rule for everything a public reader can combine: no count from ``suppress_min`` to
``suppress_max`` (1-4 by default, set in params/) can be read or worked out from one public
report or from all the public reports of the same measure together. A figure is replaced by
the GSS symbol ``[c]`` where it is such a count (units ``count`` and ``number``, and any
numerator or denominator), where its complement is (denominator minus numerator), where
subtracting any cumulative figure the year's public reports print before it, or any figure
of the year a public report printed before a revision (``swlib.published``), gives one
(``hidden.figure_hidden``), where the parts of a whole printed with it would (``whole_parts.protect_parts``), where
percentages of one base would (two numerators' difference, the denominator less any two or more
numerators; two denominators of one numerator: ``shared_bases.protect_shared_bases``), or where a table's total would give
one back (``suppress_table``); so is
everything derived from it (status, trend, sentence, chart point, export cell, five-year trend).
Free text that mentions a small number is withheld by ``swlib.public_text``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import FOOTNOTE, SUPPRESSED, SYMBOL, WITHHELD_TEXT, round_half_up  # noqa: F401 (disclosure's names)
from .hidden import hidden_why, is_small
from .linked import protect_averages, protect_counted_bases, protect_flows
from .other_rows import comments_given_away, table_series
from .periods import year_before
from .population_rates import (
    protect_population_rates,
    protect_rates_as_parts,
    protect_rates_beside_percentages,
    protect_rates_of_counts,
)
from .public_text import file_row, public_row_text, restated_on_hidden
from .rag import shown_decimals
from .records import Records
from .renames import renamed, undeclared_renames
from .shared_bases import protect_shared_bases
from .small_numbers import small_count
from .whole_parts import COMPLEMENT, protect_parts, protect_percent_parts, with_numerators


def suppress_performance(df: pd.DataFrame, evidence: dict, cfg, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The public step after ``performance()``: the performance table as the public may see it.

    Blanks every figure a public reader could turn into a count from ``suppress_min`` to
    ``suppress_max`` (see ``figure_hidden``: directly, as a complement, by subtracting any
    figure the public reports of the year print before it, or any figure of the year a public
    report printed before a revision: ``published``, the record ``swlib.published`` keeps), and
    what is derived from a blanked figure: its status and its trend. Comments, the measures'
    words and the data's own words on why a figure is missing (printed where the figure would
    be) that mention small numbers are withheld unless an officer cleared them
    (``public_text.public_row_text``); ``attrs["withheld"]`` lists them, ``attrs["printed"]`` the cumulative figures left for
    the record. ``evidence``, by measure, is what ``performance(audience="public")`` gathers for
    this: each printed column's earlier cumulative figures then its own, the measure's
    complement (``part_of``), and where its free text is. Pure: ``df`` is left as it was.

    The ``suppressed`` column lists the columns replaced in each row (the tables print [c]),
    ``suppressed_why`` why each figure is (``hidden_why``: "to_date:small,last_year:earlier").
    ``attrs["renames"]``: each new id that prints again figures an id no longer in use printed,
    with no ``replaces`` naming it (``renames.undeclared_renames``; "row": its measures.csv row).
    """
    titles, (replaces, now) = dict(zip(df["measure"], df["title"], strict=True)), _renamed_by(evidence)
    held = {m: now.get(m, set()) | set((ev or {}).get("data_years") or ()) for m, ev in evidence.items()}
    record = published_by_year(renamed(published, titles, replaces, held))  # what the run names, it takes (fail safe)
    renames = [{**x, "file": "measures", "row": file_row((evidence.get(x["new"]) or {}).get("measure"))}
               for x in undeclared_renames(published, titles, replaces, held)]  # fmt: skip
    out = df.copy()
    lo, hi = cfg.suppress_min, cfg.suppress_max
    cols = ["to_date", "last_year", *df.attrs.get("years", [])]  # the columns that print a figure
    hidden: list[list[str]] = [[] for _ in range(len(out))]
    why: list[list[str]] = [[] for _ in range(len(out))]
    withheld = []
    records = df.to_dict("records")  # each row as given, read by every pass below
    for i, (idx, r) in enumerate(zip(out.index, records, strict=True)):
        agg = r.get("aggregate", "sum")
        points = with_published(evidence.get(r["measure"]) or {}, r["measure"], record, agg)
        for col in cols:  # each figure as stored and as printed, at the decimals it is printed with
            dec = None if pd.isna(r.get("decimals", np.nan)) else shown_decimals(r, col)
            reason = hidden_why(points.get(col, []), r["unit"], agg, lo, hi, dec)
            if not reason and points.get(col) and (points.get("revised") or {}).get(col):  # a snapshot revised
                reason = hidden_why([*points["revised"][col], points[col][-1]], r["unit"], "sum", lo, hi, dec)
            if not reason and (points.get("complement") or {}).get(col):  # a part of another measure (part_of)
                reason = hidden_why(points["complement"][col], "count", "sum", lo, hi)
                reason = "complement" if reason == "small" else reason
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")
        text, found = public_row_text(r, points, df.attrs.get("years", []), lo, hi)  # its comment, its words
        for col, value in text.items():
            out.at[idx, col] = value
        withheld += found
    implied = with_numerators(records, evidence)  # a value-only percentage of a count: the numerators it gives
    protect_percent_parts(records, implied, hidden, why, cols, lo, hi)
    protect_counted_bases(records, evidence, hidden, why, cols, lo, hi, record)
    protect_population_rates(records, evidence, hidden, why, cols, df.attrs.get("populations"), lo, hi, record)
    protect_flows(records, evidence, hidden, why, cols, lo, hi)
    rests = protect_parts(records, evidence, hidden, why, cols, record, lo, hi)
    protect_shared_bases(records, implied, hidden, why, lo, hi, record, cols)
    protect_averages(records, evidence, hidden, why, cols, lo, hi)
    protect_rates_of_counts(records, evidence, hidden, why, cols)
    protect_rates_as_parts(records, evidence, hidden, why, cols, df.attrs.get("populations"), lo, hi)
    protect_rates_beside_percentages(records, evidence, hidden, why, cols, df.attrs.get("populations"), lo, hi)
    for i, r in enumerate(records):  # what is derived from a hidden figure
        if "to_date" in hidden[i] and (r["status"] in ("Green", "Amber", "Red") or r["status_source"] == "override"):
            hidden[i].append("status")
        if ("to_date" in hidden[i] or "last_year" in hidden[i]) and r["trend"] != "no comparison":
            hidden[i].append("trend")
    for i, (idx, r) in enumerate(zip(out.index, records, strict=True)):
        if any(c in cols for c in hidden[i]):  # a comment stating a figure beside a [c]: it may be the one hidden
            for c in ("comment", "year_comment"):  # the row's, or the year's latest (an annual report's page 1)
                said = restated_on_hidden(r, evidence.get(r["measure"]) or {}, out.at[idx, c], c)
                if said is not None:
                    out.at[idx, c] = said[0]
                    withheld.append(said[1])
        for col in hidden[i]:
            if col == "status":
                out.at[idx, "status"], out.at[idx, "status_source"] = SUPPRESSED, "suppressed"
            elif col == "trend":
                out.at[idx, "trend"] = SYMBOL
            else:
                out.at[idx, col] = np.nan
        if "to_date" in hidden[i]:
            out.at[idx, "numerator"] = np.nan
            out.at[idx, "denominator"] = np.nan
    # a comment stating what another row hides, or a count 1 to 4 from its own row's printed figure
    public = out.to_dict("records")
    series = table_series(public, records, hidden, cols)  # what each row prints and hides
    given, found = comments_given_away(public, records, evidence, series, lo, hi)
    for (i, c), said in given.items():
        out.at[out.index[i], c] = said
    withheld += found
    revised = _revised(records, evidence, hidden, record)
    for i, idx in enumerate(out.index):  # a figure printed before as another: said on its row (ANALYST-9 #17)
        if revised[i]:
            said = f"revised since an earlier public report: {', '.join(revised[i])}"
            out.at[idx, "note"] = "; ".join(n for n in (out.at[idx, "note"], said) if isinstance(n, str) and n)
    printed = []  # each cumulative figure the public table prints, for the record of what was published
    for i, r in enumerate(records):
        points = evidence.get(r["measure"]) or {}
        for col, (year, months) in (points.get("months") or {}).items():
            if col not in hidden[i] and points.get(col):
                v, n, d, k = points[col][-1]
                printed.append({"measure": r["measure"], "year": year, "months": months, "value": v, "numerator": n,
                                "denominator": d, "parts": k, "title": r["title"]})  # fmt: skip
            if col not in hidden[i] and (points.get("complement") or {}).get(col):  # the whole minus the part
                printed.append({"measure": r["measure"] + COMPLEMENT, "year": year, "months": months,
                                "value": points["complement"][col][-1][0], "numerator": np.nan, "denominator": np.nan,
                                "parts": 1})  # fmt: skip
    printed += rests
    out["suppressed"] = [",".join(h) for h in hidden]
    out["suppressed_why"] = [",".join(w) for w in why]  # "last_year:earlier": why each figure is hidden
    out.attrs = {**df.attrs, "audience": "public"}
    out.attrs["withheld"] = Records(withheld)  # shared, not deep-copied, by the frames pandas derives (records.py)
    out.attrs["printed"] = Records(printed)
    out.attrs["given"] = Records(series)  # what an action is set against (``other_rows.actions_given_away``)
    out.attrs["renames"] = Records(renames)  # ids taken for renamed without replaces saying so: the run warns
    out.attrs["revised"] = Records(
        [
            {"measure": r["measure"], "title": r["title"], "columns": revised[i]}
            for i, r in enumerate(records)
            if revised[i]
        ]
    )
    return out


def _revised(records: list[dict], evidence: dict, hidden: list[list[str]], record: dict) -> list[list[str]]:
    """For each row, the columns it prints (not hidden) whose figure an earlier public report
    printed otherwise for the same measure, year and months (``published_by_year``'s record),
    at the decimals the figure is printed with, as the row's note names them ('to date',
    '2025/26'). The figure printed before is not given: the record holds figures a report
    hid for other reasons as well as those it printed."""
    out: list[list[str]] = []
    for i, r in enumerate(records):
        ev, cols = evidence.get(r["measure"]) or {}, []
        for col, (year, months) in (ev.get("months") or {}).items():
            now = r.get(col)
            if col in hidden[i] or now is None or pd.isna(now):
                continue
            dec = 0 if pd.isna(r.get("decimals", np.nan)) else shown_decimals(r, col)
            before = [p[0] for m, p in record.get((r["measure"], year), []) if m == months and pd.notna(p[0])]
            if any(round_half_up(float(b), dec) != round_half_up(float(now), dec) for b in before):
                cols.append("to date" if col == "to_date" else _year_label(col))
        out.append(cols)
    return out


def _year_label(col: str) -> str:
    """A year column's heading ('2025-26': '2025/26'; 'last_year': 'last year')."""
    return "last year" if col == "last_year" else col.replace("-", "/")


def _renamed_by(evidence: dict) -> tuple[dict, dict]:
    """What ``renames.renamed`` matches a vanished id on besides its title: each measure's
    ``replaces`` (measures.csv), and the figures it prints now, {(year, months, value)}."""
    replaces = {m: ev["replaces"] for m, ev in evidence.items() if isinstance((ev or {}).get("replaces"), str)}
    printed = {}
    for m, ev in evidence.items():
        for col, (year, months) in ((ev or {}).get("months") or {}).items():
            if ev.get(col) and pd.notna(ev[col][-1][0]):
                printed.setdefault(m, set()).add((str(year), int(months), round(float(ev[col][-1][0]), 6)))
    return replaces, printed


def published_by_year(record: pd.DataFrame | None) -> dict[tuple[str, str], list[tuple]]:
    """The record of what public reports printed (``swlib.published``) as points to difference
    against: ``{(measure, year): [(months, (value, numerator, denominator, parts)), ...]}``."""
    out: dict[tuple[str, str], list[tuple]] = {}
    if record is None:
        return out
    for r in record.itertuples(index=False):
        out.setdefault((r.measure, r.year), []).append((r.months, (r.value, r.numerator, r.denominator, r.parts)))
    return out


def with_published(points: dict, measure: str, record: dict, aggregate: str = "sum") -> dict:
    """A measure's points with the figures public reports printed for the same year added
    before each column's own (the last): a revision shows as a difference like any other. A
    snapshot (aggregate ``latest``) is set against the same snapshot as printed before, in
    ``points["revised"]``, and against the year's other snapshots and the year before's end, as
    printed (the record) and as the data give them (``points["year_before"]``): two snapshots a few
    apart tell the net change, which with the flow in or out published is a count of people."""
    out = dict(points)
    comp = dict(points.get("complement") or {})
    for col, (year, months) in (points.get("months") or {}).items():
        printed = [p for _m, p in record.get((measure, year), [])]
        if aggregate == "latest":  # a snapshot: set against the same date as printed before (a revision) and
            # every other date printed in the year or at the end of the year before (a net change)
            printed = [p for m, p in record.get((measure, year), []) if m == months]
            out.setdefault("revised", {})[col] = printed
            others = [p for m, p in record.get((measure, year), []) if m != months]
            others += [p for m, p in record.get((measure, year_before(year)), []) if m == 12]
            before = (points.get("year_before") or {}).get(col)
            if points.get(col) and before is not None:  # a stock (``evidence.is_stock``): its other dates too
                out[col] = [*before, *others, *points[col]]
        elif points.get(col) and printed:
            out[col] = [*points[col][:-1], *printed, points[col][-1]]
        if comp.get(col) and record.get((measure + COMPLEMENT, year)):  # a part_of measure: its complement too
            comp[col] = [*comp[col][:-1], *(p for _m, p in record[(measure + COMPLEMENT, year)]), comp[col][-1]]
    if comp:
        out["complement"] = comp
    return out


def suppress_table(
    values: pd.DataFrame,
    lo: int = 1,
    hi: int = 4,
    total_row: str | None = None,
    total_col: str | None = None,
    also: pd.DataFrame | None = None,
    known: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Primary and secondary suppression of a table of counts.

    Returns a boolean frame, True where a cell must be shown as [c]: every count from lo to hi,
    and, in any row or column that has a total, whatever else it takes so that the total minus
    the cells shown never gives back a suppressed cell or a small count: while the line has one
    suppressed cell, or its suppressed cells add up to lo..hi, the next smallest positive cell
    is suppressed too, and where there is none left (50, [c], 0 -> Total 53), the total; a total
    suppressed with every cell of its line shown hides the smallest positive cell too (the cells
    would add up to it).
    ``also``: True where a cell (a total too) must be hidden for another reason (a revision of a
    figure published before), before the totals' secondary suppression.
    ``known``: True where a cell, hidden to protect another, could still be told (a team printed
    with nearly the same headcount in last year's return): it is never chosen to protect another
    (the next smallest is, or the total).
    """
    v = values.astype(float)
    mask = is_small(v, lo, hi).fillna(False)
    if total_row is not None:
        mask.loc[total_row] = False
    if total_col is not None:
        mask[total_col] = False
    if also is not None:
        mask |= also.reindex(index=mask.index, columns=mask.columns, fill_value=False).astype(bool)
    told = pd.DataFrame(False, index=mask.index, columns=mask.columns)
    if known is not None:  # a cell a reader can tell, unless hidden for itself
        told = known.reindex(index=mask.index, columns=mask.columns, fill_value=False).astype(bool) & ~mask
    changed = True
    while changed:  # each added cell can expose another line: repeat until stable
        changed = False
        lines = []
        if total_row is not None:
            lines += [("col", c) for c in v.columns if c != total_col]
        if total_col is not None:
            lines += [("row", r) for r in v.index if r != total_row]
        for kind, key in lines:
            total_at = (total_row, key) if kind == "col" else (key, total_col)
            cells = v[key].drop(total_row) if kind == "col" else v.loc[key].drop(total_col)
            m = mask[key].drop(total_row) if kind == "col" else mask.loc[key].drop(total_col)
            t = told[key].drop(total_row) if kind == "col" else told.loc[key].drop(total_col)  # never picked
            if mask.loc[total_at]:  # the total is suppressed: nothing can be taken from it, but with every cell
                if m.sum() == 0:  # shown it is their sum (a total hidden as revised would be read off anyway)
                    candidates = cells[~t & cells.notna() & (cells > 0)]
                    if len(candidates):
                        pick = candidates.idxmin()
                        mask.loc[(pick, key) if kind == "col" else (key, pick)] = True
                        changed = True
                continue
            if m.sum() == 0 or (m.sum() >= 2 and not small_count(cells[m].sum(), lo, hi)):
                continue
            candidates = cells[~m & ~t & cells.notna() & (cells > 0)]
            pick = candidates.idxmin() if len(candidates) else None
            if pick is None:
                mask.loc[total_at] = True
            elif kind == "col":
                mask.loc[pick, key] = True
            else:
                mask.loc[key, pick] = True
            changed = True
    return mask
