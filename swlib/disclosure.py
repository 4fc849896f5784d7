"""Statistical disclosure control for the public audience.

One rule for everything a public reader can combine: no count from ``suppress_min`` to
``suppress_max`` (1-4 by default, set in params/) can be read or worked out from one public
report or from all the public reports of the same measure together. A figure is replaced by
the GSS symbol ``[c]`` where it is such a count (units ``count`` and ``number``, and any
numerator or denominator), where its complement is (denominator minus numerator), where
subtracting any cumulative figure the year's public reports print before it, or any figure
of the year a public report printed before a revision (``swlib.published``), gives one
(``figure_hidden``), where the parts of a whole printed with it would (``protect_parts``), where
percentages of one base would (two numerators' difference, the denominator less any two or more
numerators: ``protect_shared_bases``), or where a table's total would give
one back (``suppress_table``); so is
everything derived from it (status, trend, sentence, chart point, export cell, five-year trend).
Free text that mentions a small number is withheld by ``swlib.public_text``.
"""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
import pandas as pd

from .base import FOOTNOTE, SUPPRESSED, SYMBOL, WITHHELD_TEXT, round_half_up  # noqa: F401 (disclosure's names)
from .linked import kept_for, protect_counted_bases, protect_flows, protect_population_rates
from .public_text import WITHHELD, WITHHELD_NOTE, _cleared, _row, reason_for
from .records import Records
from .renames import renamed, undeclared_renames
from .schema import AMOUNT_UNITS, COUNT_UNITS, PROPORTION_UNITS
from .small_numbers import _small, numerators, small_numbers_in

# units whose numerator, where given, counts people or events (every unit but money and time): its
# complement (denominator - numerator) is a count too. A rate or ratio is as much a proportion as a
# percentage where it has both: 309 of 312 printed as 99.0 (per 100) or 0.990 beside a published 312
# tells that 3 did not
COUNTED_NUMERATOR_UNITS = (*PROPORTION_UNITS, *COUNT_UNITS)


def suppressed_columns(row) -> set[str]:
    """The columns of a performance row that public suppression replaced (its ``suppressed`` list)."""
    return set(filter(None, (row.get("suppressed") or "").split(",")))


def suppressed_words(row, column: str) -> str | None:
    """Why public suppression replaced ``column`` of a performance row, as a public report says
    it: ``PUBLIC_WHY``, the same words whatever the reason in its ``suppressed_why``
    ("to_date:small,last_year:earlier"); None where it has none. Saying which reason would say
    which side is small: "the cases that did not meet it" beside 100% tells that 1 to 4 missed
    it. ``HIDDEN_WHY`` words each reason for the analyst (``suppressed_why`` stays in the table)."""
    why = dict(w.split(":") for w in filter(None, str(row.get("suppressed_why") or "").split(",")))
    return PUBLIC_WHY if why.get(column) in HIDDEN_WHY else None


PUBLIC_WHY = "a number from 1 to 4 could otherwise be read or worked out from the published figures"


def is_small(x, lo: int, hi: int):
    """True where ``x`` is a count from lo to hi (missing values are not small)."""
    return (x >= lo) & (x <= hi)


def figure_hidden(points: list[tuple], unit: str, aggregate: str, lo: int, hi: int) -> bool:
    """Whether the last of ``points`` (cumulative figures of one measure in one year as public
    reports print them, oldest first, each (value, numerator, denominator, parts)) must be
    suppressed: a count, numerator or denominator from lo to hi (an average of counts: also its
    total, the average times its periods), a small complement (denominator
    minus numerator: "67 of 70" tells that 3 did not), or a small difference from any figure
    printed before it in the year (the count, numerator, denominator or complement of the
    periods in between; for averages of counts, their totals)."""
    return hidden_why(points, unit, aggregate, lo, hi) is not None


HIDDEN_WHY = {  # why a figure is suppressed, as a public report's sentence says it
    "small": "it, or a number it is built on, is small",
    "complement": "a small number could be worked out from it by subtraction (the cases that did not meet it)",
    "earlier": "a small number could be worked out by subtracting it from a figure published earlier",
    "parts": "a small number could be worked out by subtracting it and the other parts from the total they make up",
}


def hidden_why(points: list[tuple], unit: str, aggregate: str, lo: int, hi: int) -> str | None:
    """Why ``figure_hidden`` hides the last of ``points``: "small" (a count, numerator,
    denominator or total from lo to hi), "complement" (its denominator minus its numerator is),
    "earlier" (its difference from a figure printed before it in the year is); None when it
    is shown. ``HIDDEN_WHY`` words each."""
    if not points:
        return None
    v, n, d, k = points[-1]
    count = unit in COUNT_UNITS
    if (count and _small(v, lo, hi)) or _small(n, lo, hi) or _small(d, lo, hi):
        return "small"
    if aggregate == "mean" and count and _small(v * k, lo, hi):
        return "small"  # an average of counts times its periods is their total: 0.7 a month over 3 months is 2
    if unit in COUNTED_NUMERATOR_UNITS and _small(d - n, lo, hi):
        return "complement"
    for pv, pn, pd_, pk in points[
        :-1
    ]:  # snapshots too: "41 on the register, 44 last quarter" tells 3 left, net  # earlier in the year, or the same months as printed before a revision
        if aggregate == "mean":  # an average of days or money: the cases it is over too (13 days over 3 children)
            if (count and _small(abs(v * k - pv * pk), lo, hi)) or _small(abs(d - pd_), lo, hi):
                return "earlier"
            continue
        if (count and _small(abs(v - pv), lo, hi)) or _small(abs(n - pn), lo, hi) or _small(abs(d - pd_), lo, hi):
            return "earlier"
        if unit in COUNTED_NUMERATOR_UNITS and _small(abs((d - n) - (pd_ - pn)), lo, hi):
            return "earlier"
    return None


def suppress_performance(df: pd.DataFrame, evidence: dict, cfg, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The public step after ``performance()``: the performance table as the public may see it.

    Blanks every figure a public reader could turn into a count from ``suppress_min`` to
    ``suppress_max`` (see ``figure_hidden``: directly, as a complement, by subtracting any
    figure the public reports of the year print before it, or any figure of the year a public
    report printed before a revision: ``published``, the record ``swlib.published`` keeps), and
    what is derived from a blanked figure: its status and its trend. Comments, the measures'
    words and the data's own words on why a figure is missing (printed where the figure would
    be) that mention small numbers are withheld unless an officer cleared them (``cleared`` =
    yes); ``attrs["withheld"]`` lists them, ``attrs["printed"]`` the cumulative figures left for
    the record. ``evidence``, by measure, is what ``performance(audience="public")`` gathers for
    this: each printed column's earlier cumulative figures then its own, the measure's
    complement (``part_of``), and where its free text is. Pure: ``df`` is left as it was.

    The ``suppressed`` column lists the columns replaced in each row (the tables print [c]),
    ``suppressed_why`` why each figure is (``hidden_why``: "to_date:small,last_year:earlier").
    ``attrs["renames"]``: each new id that prints again figures an id no longer in use printed,
    with no ``replaces`` naming it (``renames.undeclared_renames``; "row": its measures.csv row).
    """
    titles, (replaces, now) = dict(zip(df["measure"], df["title"], strict=True)), _renamed_by(evidence)
    record = published_by_year(renamed(published, titles, replaces, now))
    renames = [{**x, "file": "measures", "row": _row((evidence.get(x["new"]) or {}).get("measure"))}
               for x in undeclared_renames(published, titles, replaces, now)]  # fmt: skip
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
        for col in cols:
            reason = hidden_why(points.get(col, []), r["unit"], agg, lo, hi)
            if not reason and points.get(col) and (points.get("revised") or {}).get(col):  # a snapshot revised
                reason = hidden_why([*points["revised"][col], points[col][-1]], r["unit"], "sum", lo, hi)
            if not reason and (points.get("complement") or {}).get(col):  # a part of another measure (part_of)
                reason = hidden_why(points["complement"][col], "count", "sum", lo, hi)
                reason = "complement" if reason == "small" else reason
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")
        src = points.get("comment")
        if isinstance(r["comment"], str) and not _cleared(src):
            found = small_numbers_in(r["comment"], lo, hi)
            if found:
                out.at[idx, "comment"] = WITHHELD
                withheld.append({"file": "observations", "row": _row(src), "column": "comment", "text": found[0],
                                 "reason": reason_for(found[0])})  # fmt: skip
        msrc = points.get("measure") or {}
        for col in ("title", "theme", "outcome"):  # the measure's own words
            found = [] if _cleared(msrc) else small_numbers_in(r[col], lo, hi)
            if found:
                out.at[idx, col] = WITHHELD_TEXT
                withheld.append({"file": "measures", "row": _row(msrc), "column": col, "text": found[0],
                                 "reason": reason_for(found[0])})  # fmt: skip
        notes = dict(r.get("year_notes") or {})
        for col, src in (points.get("notes") or {}).items():  # why a figure is missing, in the data's words
            found = small_numbers_in(notes.get(col), lo, hi) if not _cleared(src) else []
            if found:
                notes[col] = WITHHELD_NOTE
                withheld.append({"file": "observations", "row": _row(src), "column": "comment", "text": found[0],
                                 "reason": reason_for(found[0])})  # fmt: skip
        out.at[idx, "year_notes"] = notes
    protect_percent_parts(records, evidence, hidden, why, cols, lo, hi)
    protect_counted_bases(records, evidence, hidden, why, cols, lo, hi, record)
    protect_population_rates(records, evidence, hidden, why, cols, df.attrs.get("populations"), lo, hi)
    protect_flows(records, evidence, hidden, why, cols, lo, hi)
    rests = protect_parts(records, evidence, hidden, why, cols, record, lo, hi)
    protect_shared_bases(records, evidence, hidden, why, lo, hi, record, cols)
    protect_averages(records, evidence, hidden, why, cols, lo, hi)
    for i, r in enumerate(records):  # what is derived from a hidden figure
        if "to_date" in hidden[i] and (r["status"] in ("Green", "Amber", "Red") or r["status_source"] == "override"):
            hidden[i].append("status")
        if ("to_date" in hidden[i] or "last_year" in hidden[i]) and r["trend"] != "no comparison":
            hidden[i].append("trend")
    for i, idx in enumerate(out.index):
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
    out.attrs["renames"] = Records(renames)  # ids taken for renamed without replaces saying so: the run warns
    return out


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
            others += [p for m, p in record.get((measure, _year_before(year)), []) if m == 12]
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


def _year_before(year: str) -> str:
    """The financial year before ``year`` ("2020-21" -> "2019-20"), as the record names years."""
    start = int(str(year)[:4]) - 1
    return f"{start}-{str(start + 1)[-2:]}"


COMPLEMENT = ":complement"  # the record's name for a part_of measure's complement (no measure id has a ':')
REST = ":rest:"  # the record's name for a whole minus the parts printed with it: "<whole>:rest:<part>+<part>"


def protect_parts(records, evidence, hidden, why, cols, record, lo, hi) -> list[dict]:
    """Secondary suppression for a whole and the measures that are part of it (``part_of``): in
    each printed column, the whole minus the parts printed with it (the rest: the hidden parts
    and what no declared part counts) must not give a hidden part back, nor be a count from lo
    to hi, nor differ by lo..hi from the same rest as printed before in the year (``record``).
    While it would, the smallest printed part is hidden too ("parts"), and where none is left,
    the whole. Adds to ``hidden`` and ``why`` (by row, as ``suppress_performance`` keeps them);
    returns the rests printed, for the record. ``records``: the performance table's rows, as
    ``suppress_performance`` has them."""
    at = {r["measure"]: i for i, r in enumerate(records)}
    groups: dict[str, list[int]] = {}
    for m, i in at.items():
        whole = (evidence.get(m) or {}).get("part_of")
        if isinstance(whole, str) and whole in at and records[i]["unit"] in COUNT_UNITS:  # not a percentage of it
            groups.setdefault(whole, []).append(i)
    rests = []
    for whole in sorted(groups, key=lambda m: _depth(m, evidence, at)):  # a whole that is a part itself: after its own
        parts, w = groups[whole], at[whole]
        for col in cols:
            total = records[w].get(col)
            if pd.isna(total):
                continue
            if col in hidden[w]:  # hidden, but where the parts printed make it up, or all but 0..hi of it (what
                hide_under_hidden_whole(records, parts, hidden, why, col, total, hi)  # no part printed counts), they
                continue  # give it back (concerns 300, [c] screened, its parts 150 and 147: 3 not screened)
            value = {i: records[i].get(col) for i in parts if pd.notna(records[i].get(col))}
            year = ((evidence.get(whole) or {}).get("months") or {}).get(col)
            while col not in hidden[w]:
                shown = sorted(i for i in value if col not in hidden[i])
                rest = total - sum(value[i] for i in shown)  # what a reader works out
                kept = len(value) - len(shown) + (total - sum(value.values()) > 0)  # hidden parts, and the undeclared
                key = whole + REST + "+".join(records[i]["measure"] for i in shown)
                before = [p[0] for _m, p in record.get((key, year[0]), [])] if year else []
                ends = [(evidence.get(records[i]["measure"]) or {}).get("ends", {}).get(col) or {} for i in [w, *shown]]
                for e in sorted(set.intersection(*(set(x) for x in ends))):  # earlier in the year, from the data
                    before.append(ends[0][e][0] - sum(x[e][0] for x in ends[1:]))
                points = [(b, np.nan, np.nan, 1) for b in [*before, rest]]  # the rest is a count, as printed
                if not (
                    (len(shown) < len(value) and kept == 1)  # one part hidden, nothing else: the rest is that part
                    or hidden_why(points, "count", "sum", lo, hi)  # small, or a small difference from before
                ):
                    if year:
                        rests.append({"measure": key, "year": year[0], "months": year[1], "value": rest,
                                      "numerator": np.nan, "denominator": np.nan, "parts": 1})  # fmt: skip
                    break
                pick = min((i for i in shown if value[i] > 0), key=lambda i: value[i], default=w)
                hidden[pick].append(col)
                why[pick].append(f"{col}:parts")
    return rests


def hide_under_hidden_whole(records, parts, hidden, why, col, total, hi) -> None:
    """A whole hidden in ``col`` whose ``parts`` printed add up to it, or to within ``hi`` of it
    (the rest, the whole less the parts printed: what the hidden parts and no declared part count),
    gives it back: a reader takes the parts' sum for the whole (screened 297, of 300 received: 3 not
    screened), and is out by that rest at most (parts 150 and 146 of a hidden 297: "296" tells that
    4 or fewer were not screened). While the rest is from 0 to ``hi``, the smallest part printed is
    hidden too ("parts"), until it is more. Adds to ``hidden`` and ``why``."""
    value = {i: records[i][col] for i in parts if pd.notna(records[i].get(col))}
    while True:
        shown = [i for i in value if col not in hidden[i]]
        if not shown or not 0 <= total - sum(value[i] for i in shown) <= hi:
            return
        pick = min((i for i in shown if value[i] > 0), key=lambda i: value[i], default=None)
        if pick is None:  # nothing but zeros printed: they give nothing away
            return
        hidden[pick].append(col)
        why[pick].append(f"{col}:parts")


def _depth(measure: str, evidence: dict, at: dict) -> int:
    """How many wholes above ``measure`` (``part_of``, among the measures printed)."""
    seen = {measure}
    while isinstance(up := (evidence.get(measure) or {}).get("part_of"), str) and up in at and up not in seen:
        seen.add(up)
        measure = up
    return len(seen) - 1


def protect_percent_parts(records, evidence, hidden, why, cols, lo, hi) -> None:
    """A percentage given as a value alone whose measure is declared a part of a count
    (``part_of``): the count in the same column is its base, so the numerator the percentage
    gives (10.0% of 40 looked after children: 4 in secure care; ``small_numbers.numerators``)
    from lo to hi hides it ("small"), as does the base less it ("complement"). A percentage with
    its numerator and denominator is checked through them. Adds to ``hidden`` and ``why``."""
    at = {r["measure"]: i for i, r in enumerate(records)}
    for i, r in enumerate(records):
        ev = evidence.get(r["measure"]) or {}
        whole = ev.get("part_of")
        if r["unit"] != "percent" or not isinstance(whole, str) or whole not in at:
            continue
        for col in cols:
            p, base, own = r.get(col), records[at[whole]].get(col), ev.get(col) or []
            if col in hidden[i] or pd.isna(p) or pd.isna(base) or (own and pd.notna(own[-1][1])):
                continue
            ks = numerators(p, int(r["decimals"]), base)
            reason = "small" if any(_small(k, lo, hi) for k in ks) else None
            reason = reason or ("complement" if any(_small(base - k, lo, hi) for k in ks) else None)
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")


def protect_averages(records, evidence, hidden, why, cols, lo, hi) -> None:
    """Money or time (units currency, days, hours) declared of the count of the people it is over
    (``part_of``: the weekly cost per child in secure care, the average length of a placement or
    the nights spent in secure care, of the children in secure care): where that count is hidden in
    a column, has no figure there, or is 0..hi, the amount is hidden too ("small"). An average over
    1 to 4 people is close to one person's, and with the total (a finance line, the nights) it gives
    the count back: £1.2m a year at £6,000 a week a child is 4 children, 242 nights at 121 a
    placement 2 (``amounts``). Adds to ``hidden`` and ``why``."""
    at = {r["measure"]: i for i, r in enumerate(records)}
    for i, r in enumerate(records):
        whole = (evidence.get(r["measure"]) or {}).get("part_of")
        if r["unit"] not in AMOUNT_UNITS or not isinstance(whole, str) or whole not in at:
            continue
        w = at[whole]
        for col in cols:
            if col in hidden[i] or pd.isna(r.get(col)):
                continue
            count = records[w].get(col)
            if col in hidden[w] or pd.isna(count) or _small(count, 0, hi):
                hidden[i].append(col)
                why[i].append(f"{col}:small")


def protect_shared_bases(records, evidence, hidden, why, lo, hi, record=None, cols=("to_date",)) -> None:
    """Percentages of one council and period printed with the same denominator count the same
    people (seen within 2 weeks, within 1 week: 1,303 and 1,300 of 1,440), so what a reader works
    out from them is a count too: the difference of two numerators (3 seen in the second week),
    and the denominator less the numerators of any two or more of them (within 1 week 1,300,
    after 4 weeks 137 of 1,440: 3 seen in weeks 2 to 4; three or four kinds of the same people
    leave the rest, those of none of the kinds), and one numerator less two or more others (seen
    within 4 weeks 1,200, in week 1 600, in week 2 300, in weeks 3 to 4 297: 3 seen within 4 weeks
    in none of them). Where one is lo..hi, now or against the same
    figures in the year's earlier cumulative figures, or as printed before for the same months
    (``record``: a revision), the percentage with the smallest numerator in it is hidden
    ("complement"), and so on until nothing is left to work out. Checked in each of ``cols``
    (the year columns print what a year's last report printed as "x of y"). Found without any
    declaration: unrelated measures that share a denominator, or kinds that overlap, lose a
    figure now and then, a safe error. ``records``: the performance table's rows, as
    ``suppress_performance`` has them."""
    pct = [i for i, r in enumerate(records) if r["unit"] in PROPORTION_UNITS]
    ev = {i: evidence.get(records[i]["measure"]) or {} for i in pct}
    for col in cols:
        bases: dict[float, list[int]] = {}
        for i in pct:
            p = ev[i].get(col) or []
            if p and col not in hidden[i] and pd.notna(p[-1][2]):
                bases.setdefault(p[-1][2], []).append(i)
        for members in bases.values():
            while len(members) > 1:
                found = _shared_base_leak(
                    [i for i in members if col not in hidden[i]], ev, col, records, record, lo, hi
                )
                if found is None:
                    break
                part, reason = found
                hidden[part].append(col)
                why[part].append(f"{col}:{'complement' if reason == 'small' else reason}")


def _shared_base_leak(shown, ev, col, records, record, lo, hi):
    """The first combination of percentages of one base (``shown``, rows in order) that gives a
    count from lo to hi away, as (the row to hide: its smallest numerator, why); None if none."""
    now = {i: ev[i][col][-1] for i in shown}
    big = len(shown) > EXACT_UP_TO  # too many to try each combination: pairs, then whether any sum gives one
    for size in range(2, 3 if big else len(shown) + 1):
        for group in combinations(shown, size):
            seen = _same_reports(group, ev, col, records, record)
            reason = None
            if size == 2:  # two kinds, one within the other: the difference of their numerators
                diff = [(abs(x[1] - y[1]), np.nan, np.nan, 1) for x, y in seen if pd.notna(x[1])]
                reason = hidden_why(diff, "count", "sum", lo, hi)
            if not reason and d_rest(*(now[i] for i in group)) >= 0:  # kinds apart: those of none of them
                rest = [(d_rest(*s), np.nan, np.nan, 1) for s in seen if d_rest(*s) >= 0]
                reason = hidden_why(rest, "count", "sum", lo, hi)
            if reason:
                return min(reversed(group), key=lambda i: now[i][1]), reason
            for j in range(size if size > 2 else 0):  # one kind made up of the others and more (seen within 4
                left = [(_n_rest(s, j), np.nan, np.nan, 1) for s in seen]  # weeks, in week 1, in weeks 2-4)
                if left[-1][0] >= 0 and (reason := hidden_why([x for x in left if x[0] >= 0], "count", "sum", lo, hi)):
                    return min(reversed([i for k, i in enumerate(group) if k != j]), key=lambda i: now[i][1]), reason
    if big and (reason := _any_sum_gives_one(_same_reports(tuple(shown), ev, col, records, record), lo, hi)):
        return min(reversed(shown), key=lambda i: now[i][1]), reason  # the smallest, then the next, until none
    return None


EXACT_UP_TO = 10  # percentages of one base tried combination by combination (2 ** 10 of them); more: by their sums


def _any_sum_gives_one(seen: list[tuple], lo: int, hi: int) -> str | None:
    """For many percentages of one base (``seen``: their figures as reports printed them together,
    now last): whether the denominator, or any one numerator, less the numerators of some of the
    others is lo..hi now ("small"), or differs by lo..hi from the same in an earlier report
    ("earlier"). Whole counts, by the sums any choice of numerators can make (a bitset), so
    without trying each combination; it does not say which, and it also counts kinds that
    overlap (a safe error)."""
    now = seen[-1]
    seen = [s for s in seen if not any(pd.isna(x[1]) for x in s)]
    if not seen or seen[-1] is not now:
        return None
    wholes = [(now[0][2], None)] + [(x[1], j) for j, x in enumerate(now)]  # the base, or one kind made of others
    for whole, j in wholes:
        parts = [round(x[1]) for k, x in enumerate(now) if k != j]
        if _sums_within(parts, round(whole) - hi, round(whole) - lo):
            return "small"
        for before in seen[:-1]:
            w = round(whole - (before[0][2] if j is None else before[j][1]))  # the whole's own increase
            steps = [round(x[1] - y[1]) for k, (x, y) in enumerate(zip(now, before, strict=True)) if k != j]
            if _sums_within(steps, w - hi, w - lo) or _sums_within(steps, w + lo, w + hi):
                return "earlier"
    return None


def _sums_within(values: list[int], a: int, b: int) -> bool:
    """Whether some choice of ``values`` (any of them, none included) adds up to a..b."""
    offset = -sum(v for v in values if v < 0)
    bits = 1 << offset
    for v in values:
        bits |= bits << v if v >= 0 else bits >> -v
    a, b = max(a + offset, 0), b + offset
    return b >= a and bool((bits >> a) & ((1 << (b - a + 1)) - 1))


def _n_rest(points: tuple, j: int) -> float:
    """The ``j``-th numerator less all the others (of one kind, those in none of the kinds within it)."""
    return points[j][1] - sum(p[1] for k, p in enumerate(points) if k != j)


def _same_reports(group, ev, col, records, record):
    """The figures of each percentage in ``group`` as one report printed them together, oldest
    first and the ones printed now last: the year's earlier cumulative figures (by the month
    each ends in), those the record kept for the same months, then now; only where all have one
    denominator."""
    ends = [ev[i].get("ends", {}).get(col) or {} for i in group]
    seen = [tuple(x[e] for x in ends) for e in sorted(set.intersection(*(set(x) for x in ends)))]
    year = (ev[group[0]].get("months") or {}).get(col)
    if year and record:  # and as printed before (a revision)
        kept = [kept_for(record, records[i]["measure"], year[0]) for i in group]
        for months in sorted(set.intersection(*(set(k) for k in kept))):
            printed = [k[months] for k in kept]  # more than one: revised
            if np.prod([len(x) for x in printed]) <= 256:
                seen += product(*printed)
            else:  # many kinds revised: each revision set against the others as first printed
                first = [x[0] for x in printed]
                seen += [(*first[:j], v, *first[j + 1 :]) for j, x in enumerate(printed) for v in x]
    seen.append(tuple(ev[i][col][-1] for i in group))
    return [s for s in seen if len({x[2] for x in s}) == 1]


def d_rest(*points: tuple) -> float:
    """The denominator less the numerators of percentages of one base (those of none of the kinds)."""
    return points[0][2] - sum(p[1] for p in points)


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
            if m.sum() == 0 or (m.sum() >= 2 and not _small(cells[m].sum(), lo, hi)):
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
