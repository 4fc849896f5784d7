"""Percentages of one council and period printed with the same denominator count the same
people, so what a reader works out from them (the difference of two numerators, the denominator
less some of them) is a count too (``protect_shared_bases``); so do those printed with the same
numerator, against two bases, whose denominators' difference is a count (``protect_shared_numerators``). Called by the public step,
``disclosure.suppress_performance``, after its own rules; it adds to ``hidden`` and ``why``.
"""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
import pandas as pd

from .amounts import SERVICE_WORDS
from .hidden import hidden_why
from .linked import case_title_words, kept_for
from .schema import PROPORTION_UNITS


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
        _hide_while_given(pct, ev, col, hidden, why, _base_of,
                          lambda shown, col=col: _shared_base_leak(shown, ev, col, records, record, lo, hi))  # fmt: skip
        protect_shared_numerators(records, ev, pct, col, hidden, why, lo, hi, record)


def _base_of(figure: tuple):
    """A printed percentage's denominator (None where it has none): what ``protect_shared_bases`` groups by."""
    return figure[2] if pd.notna(figure[2]) else None


def _numerator_of(figure: tuple):
    """A printed percentage's numerator, where it is more than 0 and printed with its denominator
    (else None): what ``protect_shared_numerators`` groups by."""
    return figure[1] if pd.notna(figure[1]) and figure[1] > 0 and pd.notna(figure[2]) else None


def _hide_while_given(pct, ev, col, hidden, why, key, leak) -> None:
    """The rows of ``pct`` printed in ``col`` grouped by ``key`` of their latest figure; in each group,
    the row ``leak`` names (given the group's rows still printed) is hidden, then the next, until
    ``leak`` names none."""
    groups: dict[float, list[int]] = {}
    for i in pct:
        p = ev[i].get(col) or []
        if p and col not in hidden[i] and (k := key(p[-1])) is not None:
            groups.setdefault(k, []).append(i)
    for members in groups.values():
        while len(members) > 1:
            found = leak([i for i in members if col not in hidden[i]])
            if found is None:
                break
            part, reason = found
            hidden[part].append(col)
            why[part].append(f"{col}:{'complement' if reason == 'small' else reason}")


def protect_shared_numerators(records, ev, pct, col, hidden, why, lo, hi, record=None) -> None:
    """The mirror of a shared denominator: percentages of one council and period printed in ``col``
    with the same numerator (not 0) are taken to count the same cases against two bases ("45 of
    60 seen within a week of referral", "45 of 57 of allocation"), so the difference of their
    denominators is a count (3 referred and never allocated). Where it is lo..hi, now or against
    the same pair's earlier cumulative figures in the year (or as printed before: ``record``), the
    one with the smaller denominator is hidden ("complement", or "earlier"), and so on until no
    pair gives one. Found without any declaration, where the two titles name the same cases
    (``same_cases``: a numerator is shared by chance far more often than a base, as "194 drug and
    alcohol clients" and "194 children seen" in South Lanarkshire's 2020/21 Q2)."""
    _hide_while_given(pct, ev, col, hidden, why, _numerator_of,
                      lambda shown: _shared_numerator_leak(shown, ev, col, records, record, lo, hi))  # fmt: skip


def _shared_numerator_leak(shown, ev, col, records, record, lo, hi):
    """The first pair of percentages of one numerator (``shown``, rows in order) whose denominators'
    difference is lo..hi, now or against an earlier report of the pair, as (the row to hide: the
    smaller denominator, why); None if none."""
    for a, b in combinations(shown, 2):
        if not same_cases(records[a]["title"], records[b]["title"]):
            continue
        seen = _same_reports((a, b), ev, col, records, record, same=1)
        diff = [(abs(x[2] - y[2]), np.nan, np.nan, 1) for x, y in seen if pd.notna(x[2]) and pd.notna(y[2])]
        if reason := hidden_why(diff, "count", "sum", lo, hi):
            return min((b, a), key=lambda i: ev[i][col][-1][2]), reason
    return None


# words of a title that say how soon or how often, not whose cases ("within a week", "within 15 days")
_TIMING = frozenset("week day month hour working first second three five seven".split())


def same_cases(a: str, b: str) -> bool:
    """Whether two titles name the same cases: a word that tells cases apart in both (``case_title_words``
    less ``SERVICE_WORDS`` and words of timing): "Children seen within a week of referral" and "...
    of allocation" ("seen"); not "Drug/alcohol clients starting treatment within three weeks of
    referral" and "Children seen by a supervising officer within 15 days", which share a numerator
    (194) by chance."""
    return bool((case_title_words(a) & case_title_words(b)) - SERVICE_WORDS - _TIMING)


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


def _same_reports(group, ev, col, records, record, same: int = 2):
    """The figures of each percentage in ``group`` as one report printed them together, oldest
    first and the ones printed now last: the year's earlier cumulative figures (by the month
    each ends in), those the record kept for the same months, then now; only where all have one
    denominator (``same`` 2; 1: one numerator)."""
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
    return [s for s in seen if len({x[same] for x in s}) == 1]


def d_rest(*points: tuple) -> float:
    """The denominator less the numerators of percentages of one base (those of none of the kinds)."""
    return points[0][2] - sum(p[1] for p in points)
