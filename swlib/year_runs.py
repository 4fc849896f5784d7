"""Warnings about a measure's run of figures within a financial year: slips in typing that a
report would otherwise add up without a word.

- a gap: a month (or quarter, half) with no row before the year's last figure, so the year to
  date would cover fewer periods than the target (the report shows *Report later*, ``status``);
- a cumulative figure: a quarter's figure that is about the year to date (the earlier quarters
  plus a quarter's worth), where observations are each period's own;
- a total that contradicts its parts: a quarter (half, year) given for a monthly measure whose
  months add up to more, or, all given, to something else (the report uses the months); or
  beside some of its months only, so that it cannot be checked.

Pure functions of the typed observations and measures (indexed by spreadsheet row), each
returning ``Problem``s for ``checks.data_warnings``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import statutory_years
from .errors import YEAR_TO_DATE, Problem
from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period
from .rows import records
from .schema import ADDITIVE_UNITS, COUNT_UNITS
from .ytd import parts_against_total, total_columns

PLURAL = {"month": "months", "quarter": "quarters", "half": "halves", "year": "years"}
# a figure of each unit that is added up over the year, as a warning calls it (ANALYST-11 #5: days per FTE are no count)
ADDED_UP = {"count": "a count", "number": "a count", "days": "a total of days", "hours": "a total of hours",
            "currency": "a total in pounds"}  # fmt: skip
ADDED = ("sum", "mean")  # aggregates whose year to date takes every period of the year (not 'latest')


def quoted_figure(x: float) -> str:
    """A figure as a message quotes it: 2,095; 31.75."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def rows_by_measure(obs: pd.DataFrame) -> dict[tuple, list[tuple]]:
    """(council, measure) -> [(row, period, the row's cells as a dict)], in the table's order, a
    period that cannot be read left out: the table read in one pass, not a frame a measure and a
    Series a row (the three checks were about a third of the demo data's validation), each
    distinct period read once. ``checks.year_runs`` makes it once for the five checks that walk it."""
    out: dict[tuple, list[tuple]] = {}
    keyed = (obs["council"].notna() & obs["measure"].notna()).to_numpy(dtype=bool)  # else no run of figures
    read: dict = {}
    for i, r, ok in zip(obs.index, records(obs), keyed, strict=True):
        if not ok:
            continue
        p = _period(r["period"], read)
        if p is None:
            continue
        out.setdefault((r["council"], r["measure"]), []).append((i, p, r))
    return out


def _period(text, read: dict) -> Period | None:
    """``Period.parse(text)``, None where it cannot be read; each distinct ``text`` read once (``read``)."""
    try:
        return read[text]
    except KeyError:
        pass
    except TypeError:  # unhashable, or a missing value compared with another: read as it is
        return _parsed(text)
    read[text] = p = _parsed(text)
    return p


def _parsed(text) -> Period | None:
    try:
        return Period.parse(text)
    except ValueError:
        return None


def _runs(obs: pd.DataFrame, measures: pd.DataFrame, aggregates=ADDED, by_measure=None):
    """(council, measure row, kind, financial year, {month slot of a period's end: (row, period, obs row)})
    for each measure of a sub-year frequency with one of ``aggregates``, its rows of its own kind.
    ``by_measure``: ``rows_by_measure(obs)``, made already. A measure row is a dict of its cells."""
    each = measures.drop_duplicates("measure")
    info = dict(zip(each["measure"], records(each), strict=True))  # read once, not a Series a council
    for (council, measure), rows in (rows_by_measure(obs) if by_measure is None else by_measure).items():
        if measure not in info:
            continue
        m = info[measure]
        kind = FREQUENCY_KIND.get(m["frequency"])
        if kind in (None, "year") or m["aggregate"] not in aggregates:
            continue
        years: dict[int, dict] = {}
        for i, p, r in rows:
            if p.kind == kind:
                years.setdefault(p.fy, {})[p.end] = (i, p, r)
        for fy, slots in sorted(years.items()):
            yield council, measure, m, kind, fy, slots


KEYS = ("council", "measure", "period")


def _refused(refused: pd.DataFrame | None) -> tuple[set, list]:
    """The rows validate refused (an error names each), as ``gaps`` takes them: the slots of those
    whose council, measure and period were read ({(council, measure, kind, fy, end)}: the error is
    about a figure or another cell of a row that is there), and those with one of the three blank
    (it could not be read): [(row, the blank column, council, measure, period or None)]."""
    slots, unread = set(), []
    if refused is None:
        return slots, unread
    for i, r in zip(refused.index, records(refused.reindex(columns=list(KEYS))), strict=True):
        try:
            p = Period.parse(r["period"]) if pd.notna(r["period"]) else None
        except ValueError:
            p = None
        blank = [c for c in KEYS if (p is None if c == "period" else pd.isna(r[c]))]
        if not blank:
            slots.add((r["council"], r["measure"], p.kind, p.fy, p.end))
        elif len(blank) == 1:  # two of the three read: a row that may be the missing one
            unread.append((i, blank[0], r["council"], r["measure"], p))
    return slots, unread


def _could_be(row: tuple, council, measure, period: Period) -> bool:
    """Whether a refused row with one key unread (``_refused``) could be ``period``'s of a measure."""
    _i, _col, c, m, p = row
    return (
        (pd.isna(c) or c == council)
        and (pd.isna(m) or m == measure)
        and (p is None or (p.kind, p.fy, p.end) == (period.kind, period.fy, period.end))
    )


def gaps(obs: pd.DataFrame, measures: pd.DataFrame, label: str, refused: pd.DataFrame | None = None,
         by_measure=None) -> list[Problem]:  # fmt: skip
    """A period of a measure's own frequency with no row, before the last one given in its year
    (August missing between July and September): one warning per measure and year.

    ``refused``: the observation rows validate refused for an error (left out of ``obs``), with
    the council, measure or period that could not be read blank. A period whose row is there but
    refused is not asked for: its error names the row. A refused row whose council, measure or
    period could not be read, and that could be the missing period's, is pointed at, not a row to add.
    ``by_measure``: ``rows_by_measure(obs)``, made already."""
    there, unread = _refused(refused)
    out = []
    starts: dict[tuple, tuple[int, int]] = {}  # a series starts at its first row: none is missing before it
    said = set(obs.index[statutory_years.given(obs).to_numpy(dtype=bool)])  # a figure, or why there is none
    for council, measure, m, kind, fy, slots in _runs(obs, measures, by_measure=by_measure):
        span = SPAN_MONTHS[kind]
        given = {e for e, (i, _p, _r) in slots.items() if i in said}
        if not given:
            continue
        start = starts.setdefault((council, measure), (fy, min(given)))  # _runs: a measure's years in order
        last = max(given)
        missing = [
            Period(fy, kind, e - span + 1, e)
            for e in range(span - 1, last, span)
            if e not in given and (council, measure, kind, fy, e) not in there and (fy, e) > start
        ]
        if not missing:
            continue
        first = missing[0]
        # a row for the first missing period that gives no figure (blank, or a cell that could not
        # be read) is named itself: "add the row" would send the analyst looking for a row they have
        blank = slots[first.end][0] if first.end in slots else None
        row = blank if blank is not None else slots[min(e for e in given if e > first.end)][0]
        maybe = next((u for u in unread if _could_be(u, council, measure, first)), None) if blank is None else None
        names = ", ".join(p.label for p in missing)
        if blank is not None:
            ask = f"; give this row's figure for {first.label}, or the reason there is none in its comment"
        elif maybe is not None:  # the refused row that is probably the missing one: its error says what to correct
            ask = (
                f"; this row, refused for its {maybe[1]} (its error says what was found), may be {first.label}'s: "
                f"correct its {maybe[1]}, or add the row for {first.label} ({first})"
            )
        else:
            ask = f"; add the row for {first.label} ({first}), or one with the figure blank and the reason in comment"
        out.append(
            Problem(
                label,
                int(row) if maybe is None else int(maybe[0]),
                ("period" if blank is None else "value") if maybe is None else maybe[1],
                f"{measure} for {council} with no figure for {names} (its figures go on to {slots[last][1].label})",
                f"a figure for every {kind} of {Period.year(fy).label} up to the latest: "
                + (
                    f"{ADDED_UP.get(m['unit'], 'a count')} with a {kind} missing "
                    + (
                        "has no year to date (the report shows none)"
                        if m.get("polarity") == "none"
                        else "is not compared with the target (the report shows Report later)"
                    )
                    if m["aggregate"] == "sum" and m["unit"] in ADDITIVE_UNITS
                    else f"the year to date leaves the {kind} out"
                )
                + ask,
            )
        )
    return out


def _figure(r, col: str) -> float:
    """A row's figure in ``col``, nan where blank."""
    v = r[col]
    if type(v) is float:  # a figure column's cell as ``records`` gives it (nan where blank): as it is
        return v
    return float(v) if pd.notna(v) else np.nan


def _beyond_noise(v: float, known: list[float], counts: bool) -> bool:
    """Whether ``v`` is further above the largest of ``known`` (a measure's periods) than twice
    their spread: a period's own figure strays about as far as the others do. The spread of a
    count of cases is at least twice the square root of its median (7 one quarter and 14 the next
    happens by chance); a rate or days per FTE (3.2, 3.4) has only its own."""
    spread = max(known) - min(known)
    if counts:
        spread = max(spread, 2 * float(np.sqrt(np.median(known))))
    return v - max(known) > 2 * spread


def _year_to_date_typed(
    v: float, earlier: list[float], last_year: list[float], counts: bool, gaps: int = 0
) -> tuple | None:
    """(typical period, the period's own figure) where ``v`` is about the year to date: it is at
    least 1.6 times the largest of the earlier periods and the year before's, beyond their noise
    (``_beyond_noise``), and less the earlier periods it leaves about a typical period (within a
    quarter of their median; a fifth where fewer than three figures are known, as for a council
    new to swreport: Quarter 1's 3.1 days then 6.0 at Quarter 2, ANALYST-11 #1); else None. With
    ``gaps`` earlier periods not given, what it leaves is about a typical period for each of them
    and its own (9.1 at Quarter 3 where Quarter 1 was 2.9 and Quarter 2 is not in: 3.1 a quarter)."""
    # the figures are floats (``_figure``), nan where blank: x == x is pd.notna(x); the cheapest
    # tests first (a national panel asks this of every quarter of every measure)
    known = [x for x in [*earlier, *last_year] if x == x]
    if v != v or not known or len(known) < len(earlier) or any(x != x for x in earlier) or v < 1.6 * max(known):
        return None
    typical, own = float(np.median(known)), (v - sum(earlier)) / (gaps + 1)
    near = 0.25 if len(known) >= 3 and not gaps else 0.2
    if typical <= 0 or abs(own - typical) > near * typical:
        return None
    return (typical, own) if _beyond_noise(v, known, counts) else None


def says_why(comment, v: float) -> bool:
    """Whether a row's ``comment`` accounts for its figure ``v`` being out of scale: any comment on
    a 0 (the reason there was none), else one that quotes the figure (3,040 or 3040). A comment on
    something else (a return's "Corrected: invoices re-coded", a quarter's news) does not: the
    newest quarter, the one a return brings in, usually has one (ANALYST-8 #15)."""
    if not isinstance(comment, str) or not comment.strip():
        return False
    if v == 0:
        return True
    for n in re.findall(r"\d[\d,]*(?:\.\d+)?", comment):
        try:
            if abs(float(n.replace(",", "")) - v) < 1e-9:
                return True
        except ValueError:
            continue
    return False


def cumulative_figures(obs: pd.DataFrame, measures: pd.DataFrame, label: str, by_measure=None) -> list[Problem]:
    """A figure that is about the year to date where the period's own was meant, every earlier
    period of its year given (``_year_to_date_typed``): the value of a count, days or a rate
    added up (sickness days per FTE 6.6 where Quarter 1 was 3.2 and quarters are around 3.3),
    the denominator of a percentage, and then its numerator as well where that is too: each
    cell named. ``by_measure``: ``rows_by_measure(obs)``, made already."""
    out = []
    runs = list(_runs(obs, measures, aggregates=("sum",), by_measure=by_measure))
    by_year = {(c, ms, fy): slots for c, ms, _m, _k, fy, slots in runs}
    for council, measure, m, kind, fy, slots in runs:
        span = SPAN_MONTHS[kind]
        additive = m["unit"] in ADDITIVE_UNITS
        # what counts a period's cases: the value of a count (or of days, hours, pounds), the
        # denominator of a percentage, rate or ratio (all cases), then its numerator
        cols = ["value"] if additive else ["denominator", "numerator"]
        counts = m["unit"] in COUNT_UNITS or not additive  # people or cases, not days or rates
        before = by_year.get((council, measure, fy - 1), {})
        last_years: dict[str, list[float]] = {}  # the year before's figures in a column, read once a year
        for e in sorted(slots):
            earlier_slots = range(span - 1, e, span)
            row, p, r = slots[e]
            for col in cols:  # a percentage's numerator only where its denominator is the year to date
                # the earlier periods with a figure; those without (not merged yet: ANALYST-11 #1) are gaps
                given = [x for x in earlier_slots if x in slots and pd.notna(slots[x][2][col])]
                if not given:
                    break
                v, earlier = _figure(r, col), [_figure(slots[x][2], col) for x in given]
                if col not in last_years:
                    last_years[col] = [_figure(q, col) for _i, _p, q in before.values()]
                last_year = last_years[col]
                gaps = [Period(fy, kind, x - span + 1, x) for x in earlier_slots if x not in given]
                found = _year_to_date_typed(v, earlier, last_year, counts, len(gaps))
                if found is None or says_why(r.get("comment"), v):  # a figure the comment accounts for: as typed
                    break
                typical, own = found
                firsts = [slots[x][1] for x in given]
                span_label = firsts[0].label if len(firsts) == 1 else f"{firsts[0].label} to {firsts[-1].label}"
                if gaps:
                    span_label = ", ".join(f.label for f in firsts)
                    missing = ", ".join(g.label for g in gaps)
                    plus = f"with no figure for {missing}, plus {quoted_figure(own)} a {kind} for {len(gaps) + 1} {PLURAL[kind]}"
                    if_ytd = (
                        f"if {quoted_figure(v)} is the year to date, {missing} and {p.label} together are "
                        f"{quoted_figure(v - sum(earlier))}"
                    )
                else:
                    plus, if_ytd = (
                        f"plus {quoted_figure(own)}",
                        f"{quoted_figure(own)} if {quoted_figure(v)} is the year to date",
                    )
                out.append(
                    Problem(
                        label,
                        int(row),
                        col,
                        f"{measure} for {council}, {p.label}: {quoted_figure(v)}, about the year to date ({quoted_figure(sum(earlier))} "
                        f"in {span_label} {plus}) where its {PLURAL[kind]} are around {quoted_figure(typical)}",
                        f"the {kind}'s own figure, not the year to date (swreport adds the {PLURAL[kind]} up): "
                        f"{if_ytd}; if it is right, say why in "
                        f"comment, quoting the figure ('{quoted_figure(v)} because ...') (the report prints it) and "
                        "this warning goes",
                        code=YEAR_TO_DATE,
                    )
                )
    return out


def totals_against_parts(obs: pd.DataFrame, measures: pd.DataFrame, label: str, by_measure=None) -> list[Problem]:
    """A quarter, half or year given for a measure counted more often (monthly) beside any of its
    parts (``ytd.parts_against_total``): the parts given add up to more than it, or, all given,
    to another figure (the report then adds the parts and leaves the total unused: ``ytd.contradicted``);
    or some are missing, so that it cannot be checked (the report takes it as it is): which.
    ``by_measure``: ``rows_by_measure(obs)``, made already."""
    info = measures.drop_duplicates("measure").set_index("measure")
    out = []
    for (council, measure), rows in (rows_by_measure(obs) if by_measure is None else by_measure).items():
        if measure not in info.index or info.at[measure, "aggregate"] != "sum":
            continue
        kind = FREQUENCY_KIND.get(info.at[measure, "frequency"])
        if kind in (None, "year"):
            continue
        longest = SPAN_MONTHS[kind]
        if not any(SPAN_MONTHS[p.kind] > longest for _i, p, _r in rows):
            continue  # no quarter, half or year given beside its months: nothing to check
        periods = {p: (i, r) for i, p, r in rows}
        for p, (i, r) in periods.items():
            if SPAN_MONTHS[p.kind] <= SPAN_MONTHS[kind]:
                continue
            parts = p.parts(kind)
            for col in total_columns(info.at[measure, "unit"] if "unit" in info else "count"):
                total = r[col]
                figures = [periods[q][1][col] if q in periods else np.nan for q in parts]
                verdict = parts_against_total(total, figures)
                if verdict is None:
                    continue
                given = [(q, f) for q, f in zip(parts, figures, strict=True) if pd.notna(f)]
                added = float(sum(f for _q, f in given))
                missing = [q.label for q, f in zip(parts, figures, strict=True) if pd.isna(f)]
                each = ", ".join(f"{q.label} {quoted_figure(f)}" for q, f in given)
                some = f"{len(given)} of its {len(parts)} {PLURAL[kind]}" if missing else f"its {PLURAL[kind]}"
                if verdict == "unchecked":
                    rest = total - added
                    found = (
                        f"{measure} for {council}, {p.label}: {quoted_figure(total)}, beside {some}, which add up to "
                        f"{quoted_figure(added)} (no figure for {', '.join(missing)}, which would "
                        f"{'be' if len(missing) == 1 else 'together be'} {quoted_figure(rest)} "
                        f"where the {PLURAL[kind]} given are around {quoted_figure(float(np.median([f for _q, f in given])))})"
                    )
                    used = (  # a row from the year's start is a year to date the report takes; a later one is not
                        "the report takes it as it is"
                        if p.start == 0
                        else f"the report's year to date is worked out from the {PLURAL[kind]} (Report later while "
                        f"one is missing), not from it"
                    )
                    expected = (
                        f"a figure for {', '.join(missing)}: without {'it' if len(missing) == 1 else 'them'} the "
                        f"{p.kind}'s figure cannot be checked against its {PLURAL[kind]}, and {used}; if it is not "
                        f"their total, correct it or delete the {p.kind}'s row"
                    )
                else:
                    over = " more:" if verdict == "over" else ""
                    found = (
                        f"{measure} for {council}, {p.label}: {quoted_figure(total)}, where {some} add up to{over} {quoted_figure(added)} "
                        f"({each})"
                    )
                    expected = (
                        f"the {PLURAL[kind]} to add up to the {p.kind}'s figure (the report adds the {PLURAL[kind]} "
                        f"and leaves the {p.kind}'s row unused, so two reports could disagree): correct whichever is "
                        f"wrong, or delete the {p.kind}'s row"
                    )
                out.append(Problem(label, int(i), col, found, expected))
                break
    return out
