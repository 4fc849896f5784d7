"""Figures of different rows a public reader can set against each other (the public step,
``disclosure.suppress_performance``, calls these after its own rules).

A percentage printed with its counts beside a count of the same cases: "complaints received 60"
and "complaints upheld 35.1% (20 of 57)" tell the reader that 3 complaints were not investigated
(``protect_counted_bases``); a whole beside the parts printed with it (``protect_parts``,
``protect_percent_parts``); percentages of one base (``protect_shared_bases``); an average beside
its count (``protect_averages``); a snapshot beside the flow into it (``protect_flows``); a rate
beside its population (``protect_population_rates``). Each function adds to ``hidden`` and ``why``
by row, as ``suppress_performance`` keeps them, with a reason ``hidden.HIDDEN_WHY`` words.
"""

from __future__ import annotations

import math
import re
from itertools import combinations, product

import numpy as np
import pandas as pd

from .amounts import SERVICE_WORDS, singular
from .base import round_half_up
from .hidden import hidden_why
from .rate_bases import rate_base
from .schema import AMOUNT_UNITS, COUNT_UNITS, PROPORTION_UNITS
from .small_numbers import _small, numerators


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _gap_why(now: float, before: list[float], lo: int, hi: int) -> str | None:
    """Why a count a reader works out (``now``; the same worked out from the year's earlier
    cumulative figures, ``before``) hides a figure: "complement" where it is lo..hi, "earlier"
    where it differs by lo..hi from one before it (what happened in between); None if neither."""
    if _small(now, lo, hi):
        return "complement"
    return "earlier" if any(_small(abs(now - b), lo, hi) for b in before if not _nan(b)) else None


# words of a title that say nothing of whose cases a measure counts
_COMMON = frozenset(
    "with within that were from into than their there which where when have been this those these "
    "agreed timescale timescales days weeks months year years number total received".split()
)


_ABBREVIATION = re.compile(r"[A-Z]{2,}s?")  # "CSO", "CSOs", "LAC"


def _words(title) -> set[str]:
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
    common = _words(count["title"]) & _words(percent["title"])
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
            if not mates or col in hidden[i] or not own or _nan(own[-1][1]) or _nan(own[-1][2]):
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


POPULATION_DRIFT = 0.03  # a year's population may differ from the one given by this much (a safe margin)


def rate_counts(rate: float, decimals: int, per: float, population: float) -> range:
    """The whole counts a rate per ``per`` of ``population`` printed at ``decimals`` places can
    be (2.7 per 100,000 of 148,790: 4), the population taken within ``POPULATION_DRIFT`` of the
    one given (a year's own population differs a little)."""
    rate, half = float(round_half_up(rate, decimals)), 0.5 * 10.0**-decimals  # as printed: what a reader has
    low = max(rate - half, 0) * population * (1 - POPULATION_DRIFT) / per
    high = (rate + half) * population * (1 + POPULATION_DRIFT) / per
    return range(math.ceil(low), math.floor(high) + 1)


def rate_gap(now: float, before: float, decimals: int, per: float, population: float) -> range:
    """The whole counts two rates of one population printed at ``decimals`` places can differ by
    (2.14 and 2.00 per 1,000 of 22,010: 3 children joined), the population taken within
    ``POPULATION_DRIFT`` of the one given, as ``rate_counts`` takes it, and each rate rounded as
    printed; signed, ``now`` less ``before``."""
    a, b = (float(round_half_up(x, decimals)) for x in (now, before))
    half = 10.0**-decimals  # each rounded by half a unit of the last place
    ends = [
        (d * population * f / per)
        for d in (a - b - half, a - b + half)
        for f in (1 - POPULATION_DRIFT, 1 + POPULATION_DRIFT)
    ]
    return range(math.ceil(min(ends)), math.floor(max(ends)) + 1)


def _rate_why(value, before: list, decimals: int, per: float, pop: float, lo: int, hi: int) -> str | None:
    """Why a population rate hides a figure, as a count would (``hidden.hidden_why``): "small"
    where its count can be lo..hi, "earlier" where it can differ by lo..hi from a rate printed
    before it (the year's earlier figures, the end of the year before, as printed before: a
    snapshot's net change, the months in between) and the reader can tell that difference to
    within ``hi`` counts (a coarse rate tells no count)."""
    if any(_small(k, lo, hi) for k in rate_counts(float(value), decimals, per, pop)):
        return "small"
    for b in before:
        gap = rate_gap(float(value), float(b), decimals, per, pop)
        if len(gap) <= hi and any(_small(abs(k), lo, hi) for k in gap):
            return "earlier"
    return None


def _population_of(r: dict, populations) -> tuple[float, float] | None:
    """A population rate's population and what it is per ("per 1,000 population aged 0-15": councils.csv's
    ``population_0-15``, 1,000; ``rate_base``), or None: not a rate of the population, or no population given."""
    base = rate_base(r["title"]) if r["unit"] == "rate" else None
    pop, per = ((populations or {}).get(base.column), base.per) if base and base.column else (None, None)
    return None if not per or _nan(pop) or not pop or pop <= 0 else (float(pop), per)


def protect_population_rates(records, evidence, hidden, why, cols, populations, lo, hi, record=None) -> None:
    """A rate of the council's population given as a value alone ("children in secure
    accommodation per 100,000 population" 2.7) beside the population a report prints (and any
    reader can look up): 2.7 per 100,000 of 148,790 is 4 children. Its count is a count like any
    other (``_rate_why``): where it can be lo..hi the rate is hidden ("small"); where it differs by
    lo..hi from the count of a rate printed before it (the year's earlier figures, the end of the
    year before for a snapshot, the figures the record kept for the year: ``record``, as
    ``kept_for`` reads it), "earlier" (2.00 then 2.14 per 1,000 of 22,010: 3 joined the register).
    A rate with its numerator and denominator is checked through them. ``populations``: those
    councils.csv gives by column (``rate_bases.populations``: the whole ``population``; "per 1,000
    population aged 0-15" is checked against ``population_0-15``; without it, not checked, and
    check-public lists it). ``protect_rates_of_counts`` hides it where the count beside it is."""
    for i, r in enumerate(records):
        if not (known := _population_of(r, populations)):
            continue
        pop, per = known
        ev = evidence.get(r["measure"]) or {}
        for col in cols:
            own = ev.get(col) or []
            value = r.get(col)
            if col in hidden[i] or _nan(value) or (own and not _nan(own[-1][1])):
                continue
            before = [p[0] for p in own[:-1]] + [p[0] for p in (ev.get("year_before") or {}).get(col) or []]
            months = (ev.get("months") or {}).get(col)
            if months:  # as printed before: every figure of the year (a revision, another date), the year's end before
                before += [f[0] for fs in kept_for(record, r["measure"], months[0]).values() for f in fs]
                if r.get("aggregate") == "latest":  # a snapshot: the end of the year before too (a net change)
                    before += kept_for(record, r["measure"], _year_before(months[0])).get(12, [(math.nan,)])[0][:1]
            reason = _rate_why(value, [b for b in before if not _nan(b)], int(r["decimals"]), per, pop, lo, hi)
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")


def _year_before(year: str) -> str:
    start = int(str(year)[:4]) - 1
    return f"{start}-{str(start + 1)[-2:]}"


_PER_WORD = re.compile(r"\s*(?:\bper\b|\bfor\s+every\b|\bin\s+every\b|/\s*\d).*$", re.IGNORECASE | re.DOTALL)


def counted_by(rate: dict, ev: dict, records) -> list[int]:
    """The rows of the counts a population rate is of: the one its ``part_of`` names, and any
    count whose title is the rate's less what it is per ("Children on the child protection
    register" beside "... per 1,000 population aged 0-15"; "rate of" set aside), the service's and
    people's words aside too ("Young people in secure care" beside "Secure care per 10,000 population")."""
    head = _words(_PER_WORD.sub("", str(rate["title"]))) - {"rate"}
    return [j for j, c in enumerate(records)
            if c["unit"] in COUNT_UNITS and c.get("aggregate") != "mean"
            and (c["measure"] == ev.get("part_of") or (head and _words(c["title"]) == head)
                 or (head - SERVICE_WORDS and _words(c["title"]) - SERVICE_WORDS == head - SERVICE_WORDS))]  # fmt: skip


def protect_rates_of_counts(records, evidence, hidden, why, cols) -> None:
    """A rate of the population printed where the count of the same cases beside it is hidden
    (``counted_by``) gives that count back (2.14 per 1,000 of 22,010 beside a hidden count: 47):
    it is hidden in every column the count is, for the count's reason. Run after every other rule,
    so that a count hidden to protect another is covered too."""
    for i, r in enumerate(records):
        base = rate_base(r["title"]) if r["unit"] == "rate" else None
        if not base or base.kind not in ("population", "part"):
            continue
        for j in counted_by(r, evidence.get(r["measure"]) or {}, records):
            reasons = dict(w.split(":", 1) for w in why[j])
            for col in cols:
                if col in hidden[j] and col not in hidden[i] and not _nan(r.get(col)):
                    hidden[i].append(col)
                    why[i].append(f"{col}:{reasons.get(col, 'small')}")


def protect_rates_as_parts(records, evidence, hidden, why, cols, populations, lo, hi) -> None:
    """A population rate whose count no title ties to a row (``counted_by``: "Child protection
    registrations for neglect per 1,000 population aged 0-15" 2.64 beside "Children on the register
    where neglect is a concern" [c]) still gives its count (2.64 x 22.010: 58). In doubt, that count
    is taken as a part of each whole printed beside it (a count with ``part_of`` parts, in the same
    column for the same months): where the whole less it is lo..hi whatever the count within the
    rate's rounding (61 on the register less 58: 3 for other concerns), or where a hidden count of the
    same column is the rate's count, told to within ``hi``, the rate is hidden, for the whole's
    "complement" or the hidden count's reason. Run after every other rule; the safe error: a rate
    of other cases loses a figure now and then."""
    wholes = {(evidence.get(r["measure"]) or {}).get("part_of") for r in records}
    wholes = [j for j, r in enumerate(records) if r["measure"] in wholes and r["unit"] in COUNT_UNITS]
    counts = [j for j, r in enumerate(records) if r["unit"] in COUNT_UNITS and r.get("aggregate") != "mean"]
    for i, r in enumerate(records):
        if not (known := _population_of(r, populations)):
            continue
        pop, per = known
        months = (evidence.get(r["measure"]) or {}).get("months") or {}
        for col in cols:
            value = r.get(col)
            if col in hidden[i] or _nan(value):
                continue
            ks = rate_counts(float(value), int(r["decimals"]), per, pop)
            if not ks:
                continue

            at = months.get(col)
            mates = {
                j
                for j in {*wholes, *counts}
                if (evidence.get(records[j]["measure"]) or {}).get("months", {}).get(col) == at
            }
            reason = None
            for j in wholes:
                total = records[j].get(col)
                if (
                    col not in hidden[j]
                    and not _nan(total)
                    and j in mates
                    and all(_small(total - k, lo, hi) for k in ks)
                ):
                    reason = "complement"
            for j in counts:
                if reason or col not in hidden[j] or _nan(records[j].get(col)) or j not in mates or len(ks) > hi:
                    continue
                if round(float(records[j][col])) in ks:
                    reason = dict(w.split(":", 1) for w in why[j]).get(col, "small")
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")


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
            if (ev.get("months") or {}).get(col) != (es.get("months") or {}).get(col) or _nan(snap[-1][0]):
                continue
            f_at, s_at = (ev.get("ends") or {}).get(col) or {}, (es.get("ends") or {}).get(col) or {}
            starts = [((es.get("year_before") or {}).get(col) or [(math.nan,)])[0][0], 0.0, "complement"]
            starts = [starts, *([s_at[e][0], f_at[e][0], "earlier"] for e in sorted(set(f_at) & set(s_at)))]
            for s0, f0, reason in starts:
                moved = flow[-1][0] - f0  # joined (or left) since
                if (
                    not _nan(s0)
                    and not _nan(moved)
                    and (_small(s0 + moved - snap[-1][0], lo, hi) or _small(snap[-1][0] - s0 + moved, lo, hi))
                ):
                    hidden[i].append(col)
                    why[i].append(f"{col}:{reason}")
                    break


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
                told = _told_parts(records, shown, value, record, year, hi)
                pick = min((i for i in shown if value[i] > 0 and i not in told), key=lambda i: value[i], default=w)
                hidden[pick].append(col)
                why[pick].append(f"{col}:parts")
    return rests


def _told_parts(records, shown, value, record, year, hi) -> set[int]:
    """The parts among ``shown`` a reader can still tell if hidden to protect another: printed
    before for the same year and months (``record``) within ``hi`` of their figure now (education
    printed as 50 last year, 50 now: hidden, the reader takes last year's, and with the whole and
    the other parts works the small one out). ``protect_parts`` never picks one (the next smallest
    is, or the whole), as ``disclosure.suppress_table`` does a team of last year's return."""
    if not year or not record:
        return set()
    out = set()
    for i in shown:
        before = kept_for(record, records[i]["measure"], year[0]).get(year[1], [])
        if any(not _nan(f[0]) and abs(f[0] - value[i]) <= hi for f in before):
            out.add(i)
    return out


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


def with_numerators(records, evidence) -> dict:
    """``evidence`` with each value-only percentage declared a part of a count (``part_of``) given
    the numerator and denominator it implies wherever it is one whole number: the count's figure
    for the same months is its base (10.4% of 470 looked after children: 49 placed out of the
    area), in each column, at each earlier end of the year and at the end of the year before, as
    the count's own points give them. A percentage whose numerators can be more than one keeps its
    points as they are. What ``protect_percent_parts`` and ``protect_shared_bases`` set against
    each other, as they do a percentage given with its counts."""
    at = {r["measure"]: i for i, r in enumerate(records)}
    out = dict(evidence)
    for r in records:
        ev = evidence.get(r["measure"]) or {}
        whole = ev.get("part_of")
        if r["unit"] != "percent" or not isinstance(whole, str) or whole not in at:
            continue
        if any(pd.notna(x[1]) for c in (ev.get("months") or {}) for x in ev.get(c) or []):
            continue  # given with its counts: checked through them
        wev, dec, new = evidence.get(whole) or {}, int(r["decimals"]), dict(ev)

        def implied(point, base, dec=dec):
            v, n, _d, k = point
            if not pd.isna(n) or pd.isna(v) or pd.isna(base):
                return point
            ks = numerators(v, dec, base)
            return (v, float(ks[0]), float(base), k) if len(ks) == 1 else point

        ends, before = {}, {}
        for col, own in ((c, ev[c]) for c in (ev.get("months") or {}) if ev.get(c)):
            theirs, mine = (wev.get("ends") or {}).get(col) or {}, (ev.get("ends") or {}).get(col) or {}
            ends[col] = {e: implied(p, theirs[e][0]) if e in theirs else p for e, p in mine.items()}
            base = records[at[whole]].get(col)
            new[col] = [*(ends[col].get(e, p) for e, p in zip(mine, own[:-1], strict=False)), implied(own[-1], base)]
            yb, wyb = (ev.get("year_before") or {}).get(col) or [], (wev.get("year_before") or {}).get(col) or []
            if yb:
                before[col] = [implied(yb[0], wyb[0][0]) if wyb else yb[0]]
        new["ends"], new["year_before"] = (
            {**(ev.get("ends") or {}), **ends},
            {**(ev.get("year_before") or {}), **before},
        )
        out[r["measure"]] = {**new, "implied": True}  # its numerators are the percentage's, not the data's
    return out


def protect_percent_parts(records, evidence, hidden, why, cols, lo, hi) -> None:
    """A percentage given as a value alone whose measure is declared a part of a count
    (``part_of``): the count in the same column is its base, so the numerator the percentage
    gives (10.0% of 40 looked after children: 4 in secure care; ``small_numbers.numerators``)
    from lo to hi hides it ("small"), as does the base less it ("complement"). Where its
    numerators are one whole number, in this column and at the year's earlier ends or the end of
    the year before (``with_numerators``: ``evidence`` as it gives them), they are counts like any
    other: a difference of lo..hi from one before, or of the base less it, hides it ("earlier":
    49 of 470 placed out of the area at Q3, 52 of 480 at Q4, 3 more). A percentage with its
    numerator and denominator is checked through them. Adds to ``hidden`` and ``why``."""
    at = {r["measure"]: i for i, r in enumerate(records)}
    for i, r in enumerate(records):
        ev = evidence.get(r["measure"]) or {}
        whole = ev.get("part_of")
        if r["unit"] != "percent" or not isinstance(whole, str) or whole not in at:
            continue
        for col in cols:
            p, base, own = r.get(col), records[at[whole]].get(col), ev.get(col) or []
            if (
                col in hidden[i]
                or pd.isna(p)
                or pd.isna(base)
                or (own and pd.notna(own[-1][1]) and not ev.get("implied"))
            ):
                continue
            ks = numerators(p, int(r["decimals"]), base)
            reason = "small" if any(_small(k, lo, hi) for k in ks) else None
            reason = reason or ("complement" if any(_small(base - k, lo, hi) for k in ks) else None)
            if not reason and len(ks) == 1:  # one count: set against those before it (the year's earlier ends)
                before = [x for x in [*((ev.get("year_before") or {}).get(col) or []), *own[:-1]] if pd.notna(x[1])]
                for kind in (1, 2):  # the numerators, then the base less them
                    points = [(x[1] if kind == 1 else x[2] - x[1], np.nan, np.nan, 1) for x in before]
                    points.append((ks[0] if kind == 1 else base - ks[0], np.nan, np.nan, 1))
                    reason = reason or ("earlier" if hidden_why(points, "count", "sum", lo, hi) else None)
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
