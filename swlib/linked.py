"""Figures of different rows a public reader can set against each other (the public step,
``disclosure.suppress_performance``, calls these after its own rules).

A percentage printed with its counts beside a count of the same cases: "complaints received 60"
and "complaints upheld 35.1% (20 of 57)" tell the reader that 3 complaints were not investigated
(``protect_counted_bases``); an average beside its count (``protect_averages``); a snapshot beside
the flow into it (``protect_flows``). The other pairs have a module each: a whole beside the parts
printed with it (``whole_parts``), percentages of one base (``shared_bases``), a rate beside its
population (``population_rates``). Each function adds to ``hidden`` and ``why`` by row, as
``suppress_performance`` keeps them, with a reason ``hidden.HIDDEN_WHY`` words. What they share
lives here: a title's words for its cases (``case_title_words``), the figures the record kept
(``kept_for``), whether a count and a percentage are of the same cases (``same_cases``).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .amounts import SERVICE_WORDS, singular
from .schema import AMOUNT_UNITS, COUNT_UNITS, PROPORTION_UNITS
from .small_numbers import small_count


def is_nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _gap_why(now: float, before: list[float], lo: int, hi: int) -> str | None:
    """Why a count a reader works out (``now``; the same worked out from the year's earlier
    cumulative figures, ``before``) hides a figure: "complement" where it is lo..hi, "earlier"
    where it differs by lo..hi from one before it (what happened in between); None if neither."""
    if small_count(now, lo, hi):
        return "complement"
    return "earlier" if any(small_count(abs(now - b), lo, hi) for b in before if not is_nan(b)) else None


# words of a title that say nothing of whose cases a measure counts
_COMMON = frozenset(
    "with within that were from into than their there which where when have been this those these "
    "agreed timescale timescales days weeks months year years number total received".split()
)


_ABBREVIATION = re.compile(r"[A-Z]{2,}s?")  # "CSO", "CSOs", "LAC"


def case_title_words(title) -> set[str]:
    """A title's words, each without a plural's "s" ("Complaint investigations", "Complaints upheld"):
    those of more than three letters, and abbreviations in capitals however short ("CSO" and "CSOs"
    alike: a compulsory supervision order's cases; a word more in common hides more, the safe error)."""
    out = set()
    for w in re.findall(r"[A-Za-z]+", str(title)):
        if w.lower() in _COMMON:
            continue
        if _ABBREVIATION.fullmatch(w):
            out.add(w.removesuffix("s").lower())  # "SDS" is no plural
        elif len(w) > 3:
            out.add(singular(w.lower()))
    return out


def kept_for(record, measure: str, year: str) -> dict[int, list[tuple]]:
    """The figures public reports printed for ``measure`` in financial ``year``, by the months
    of the year each covers, each figure once, as first printed first (more than one for the
    same months: revised). ``record``: ``disclosure.published_by_year``'s {(measure, year):
    [(months, figure)]}; None or empty where nothing was printed."""
    out: dict[int, list[tuple]] = {}
    for months, figure in (record or {}).get((measure, year), []):
        if figure not in out.setdefault(months, []):
            out[months].append(figure)
    return out


# not undeclared.undeclared_flows' words: they drop "children", "young", "people", which must match here (safe error)
def same_cases(count: dict, percent: dict) -> bool:
    """Whether a count and a percentage are taken to be of the same cases without a declaration:
    printed in one section (the same theme and outcome) with a word of their titles in common
    ("Statutory social work complaints received", "Complaints upheld"), or anywhere in one report
    with a word in common that names what they count, not the service or the people (section 3.4's
    "Statutory social work complaints received" 95 and 3.2's "Stage 1 complaint responses issued
    within statutory timescales" 66 of 92: 3 received with no Stage 1 response; ``SERVICE_WORDS``)."""
    common = case_title_words(count["title"]) & case_title_words(percent["title"])
    if (count["theme"], count["outcome"]) == (percent["theme"], percent["outcome"]):
        return bool(common)
    return bool(common - SERVICE_WORDS)


def protect_counted_bases(records, evidence, hidden, why, cols, lo, hi, record=None) -> None:
    """A percentage, rate or ratio printed with its numerator and denominator beside a count of
    the same cases: the count less the denominator (complaints received 60, upheld 20 of 57: 3
    received and not investigated), or less the numerator, is a count too. The count is taken to
    be of the same cases where the percentage names it (``part_of``), or where both are printed
    under the same theme and outcome (one section of the report: the reader sets them side by
    side) and their titles share a word (``same_cases``), in the same column for the same months.
    Where that difference is lo..hi, or differs by lo..hi from the same difference in the year's
    earlier cumulative figures or as printed before for the same months (``record``, by (measure,
    year): [(months, figure)], ``disclosure.published_by_year``: a revision), the percentage is
    hidden in that column ("complement", "earlier"). Two measures of one section that are not of the same
    cases now and then lose a figure this way: the safe error. An average of counts (aggregate
    mean: discharges a day) counts no cases."""
    counts = [j for j, r in enumerate(records) if r["unit"] in COUNT_UNITS and r.get("aggregate") != "mean"]
    for i, r in enumerate(records):
        ev = evidence.get(r["measure"]) or {}
        if r["unit"] not in PROPORTION_UNITS:
            continue
        whole = ev.get("part_of")
        mates = [j for j in counts if records[j]["measure"] == whole or same_cases(records[j], r)]
        for col in cols:
            own = ev.get(col) or []
            if not mates or col in hidden[i] or not own or is_nan(own[-1][1]) or is_nan(own[-1][2]):
                continue
            months = (ev.get("months") or {}).get(col)
            for j in mates:
                evj = evidence.get(records[j]["measure"]) or {}
                theirs = evj.get(col) or []
                if col in hidden[j] or not theirs or (evj.get("months") or {}).get(col) != months:
                    continue
                mine_at, theirs_at = (ev.get("ends") or {}).get(col) or {}, (evj.get("ends") or {}).get(col) or {}
                ends = sorted(set(mine_at) & set(theirs_at))
                reason = None
                kept = [kept_for(record, records[x]["measure"], months[0]).get(months[1], []) if months else []
                        for x in (j, i)]  # fmt: skip
                for k in (2, 1):  # the count less the denominator, then less the numerator
                    before = [theirs_at[e][0] - mine_at[e][k] for e in ends]
                    before += [c[0] - p[k] for c in kept[0] for p in kept[1]]  # as printed before
                    reason = reason or _gap_why(theirs[-1][0] - own[-1][k], before, lo, hi)
                if reason:
                    hidden[i].append(col)
                    why[i].append(f"{col}:{reason}")
                    break


def protect_flows(records, evidence, hidden, why, cols, lo, hi) -> None:
    """A count of people joining (or leaving) a snapshot, declared by its ``flow_of`` (permanence
    orders made, of children subject to a permanence order at 31 March), printed beside the
    snapshot: the snapshot at the start, plus the flow, less the snapshot at the end is the number
    who left (128 + 22 - 146 = 4), and for a flow out, the end less the start plus the flow is the
    number who joined. Set against the snapshot at the end of the year before ("complement") and
    at each earlier end in the year ("earlier": the months in between), the flow is hidden in a
    column where either is lo..hi. The snapshots are the data's, printed in this report or an
    earlier one."""
    at = {r["measure"]: i for i, r in enumerate(records)}
    for i, r in enumerate(records):
        ev = evidence.get(r["measure"]) or {}
        stock = ev.get("flow_of")
        if not isinstance(stock, str) or stock not in at:
            continue
        j, es = at[stock], evidence.get(stock) or {}
        for col in cols:
            flow, snap = ev.get(col) or [], es.get(col) or []
            if col in hidden[i] or col in hidden[j] or not flow or not snap:
                continue
            if (ev.get("months") or {}).get(col) != (es.get("months") or {}).get(col) or is_nan(snap[-1][0]):
                continue
            f_at, s_at = (ev.get("ends") or {}).get(col) or {}, (es.get("ends") or {}).get(col) or {}
            starts = [((es.get("year_before") or {}).get(col) or [(math.nan,)])[0][0], 0.0, "complement"]
            starts = [starts, *([s_at[e][0], f_at[e][0], "earlier"] for e in sorted(set(f_at) & set(s_at)))]
            for s0, f0, reason in starts:
                moved = flow[-1][0] - f0  # joined (or left) since
                if (
                    not is_nan(s0)
                    and not is_nan(moved)
                    and (small_count(s0 + moved - snap[-1][0], lo, hi) or small_count(snap[-1][0] - s0 + moved, lo, hi))
                ):
                    hidden[i].append(col)
                    why[i].append(f"{col}:{reason}")
                    break


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
            if col in hidden[w] or pd.isna(count) or small_count(count, 0, hi):
                hidden[i].append(col)
                why[i].append(f"{col}:small")
