"""A rate of the council's population beside the population a report prints: a reader who knows
the population works the count out (2.7 per 100,000 of 148,790 is 4 children). The public step
(``disclosure.suppress_performance``) hides such a rate where its count can be small or differ by a
small number from one printed before (``protect_population_rates``), where the count beside it is
hidden (``protect_rates_of_counts``), or where it is a part of a whole printed beside it
(``protect_rates_as_parts``). What a rate is per is ``rate_bases.rate_base``'s to read.
"""

from __future__ import annotations

import math

from .amounts import SERVICE_WORDS
from .base import round_half_up
from .linked import case_title_words, is_nan, kept_for
from .periods import year_before
from .rate_bases import POPULATION_DRIFT, rate_base, rate_counts, rate_head
from .schema import COUNT_UNITS
from .small_numbers import small_count


def rate_gap(
    now: float, before: float, decimals: int, per: float, population: float, parts: int = 1, parts_before: int = 1
) -> range:
    """The whole counts two rates of one population printed at ``decimals`` places can differ by
    (2.14 and 2.00 per 1,000 of 22,010: 3 children joined), the population taken within
    ``POPULATION_DRIFT`` of the one given, as ``rate_counts`` takes it, and each rate rounded as
    printed; signed, ``now`` less ``before``. ``parts``, ``parts_before``: for the average of the
    periods' rates to date (aggregate ``mean``), how many periods each is over: the periods in
    between count ``now`` x ``parts`` less ``before`` x ``parts_before`` (a quarter's 5.00, then
    2.57 over two quarters: 0.14 in the second, 3 children of 22,010)."""
    a, b = (float(round_half_up(x, decimals)) * k for x, k in ((now, parts), (before, parts_before)))
    half = 0.5 * 10.0**-decimals * (parts + parts_before)  # each rounded by half a unit of the last place
    ends = [
        (d * population * f / per)
        for d in (a - b - half, a - b + half)
        for f in (1 - POPULATION_DRIFT, 1 + POPULATION_DRIFT)
    ]
    return range(math.ceil(min(ends)), math.floor(max(ends)) + 1)


def rate_why(
    value, before: list, decimals: int, per: float, pop: float, lo: int, hi: int, parts: int = 1
) -> str | None:
    """Why a population rate hides a figure, as a count would (``hidden.hidden_why``): "small"
    where its count can be lo..hi, "earlier" where it can differ by lo..hi from a rate printed
    before it (the year's earlier figures, the end of the year before, as printed before: a
    snapshot's net change, the months in between) and the reader can tell that difference to
    within ``hi`` counts (a coarse rate tells no count). ``before``: rates, or (rate, periods)
    pairs for an average of the periods' rates over ``parts`` periods (``rate_gap``)."""
    if any(small_count(k, lo, hi) for k in rate_counts(float(value), decimals, per, pop)):
        return "small"
    for b in before:
        b, kb = b if isinstance(b, tuple) else (b, parts)
        gap = rate_gap(float(value), float(b), decimals, per, pop, parts, kb)
        if len(gap) <= hi and any(small_count(abs(k), lo, hi) for k in gap):
            return "earlier"
    return None


def _parts(point) -> int:
    """How many periods a cumulative point (value, numerator, denominator, parts) is over (1 if unknown)."""
    k = point[3] if len(point) > 3 else 1
    return 1 if is_nan(k) or not k else int(k)


def population_of(r: dict, populations) -> tuple[float, float] | None:
    """A population rate's population and what it is per ("per 1,000 population aged 0-15": councils.csv's
    ``population_0-15``, 1,000; ``rate_base``), or None: not a rate of the population, or no population given."""
    base = rate_base(r["title"]) if r["unit"] == "rate" else None
    pop, per = ((populations or {}).get(base.column), base.per) if base and base.column else (None, None)
    return None if not per or is_nan(pop) or not pop or pop <= 0 else (float(pop), per)


def protect_population_rates(records, evidence, hidden, why, cols, populations, lo, hi, record=None) -> None:
    """A rate of the council's population given as a value alone ("children in secure
    accommodation per 100,000 population" 2.7) beside the population a report prints (and any
    reader can look up): 2.7 per 100,000 of 148,790 is 4 children. Its count is a count like any
    other (``rate_why``): where it can be lo..hi the rate is hidden ("small"); where it differs by
    lo..hi from the count of a rate printed before it (the year's earlier figures, the end of the
    year before for a snapshot, the figures the record kept for the year: ``record``, as
    ``kept_for`` reads it), "earlier" (2.00 then 2.14 per 1,000 of 22,010: 3 joined the register).
    A rate with its numerator and denominator is checked through them. ``populations``: those
    councils.csv gives by column (``rate_bases.populations``: the whole ``population``; "per 1,000
    population aged 0-15" is checked against ``population_0-15``; without it, not checked, and
    check-public lists it). ``protect_rates_of_counts`` hides it where the count beside it is."""
    for i, r in enumerate(records):
        if not (known := population_of(r, populations)):
            continue
        pop, per = known
        ev = evidence.get(r["measure"]) or {}
        for col in cols:
            own = ev.get(col) or []
            value = r.get(col)
            if col in hidden[i] or is_nan(value) or (own and not is_nan(own[-1][1])):
                continue
            # an average of the periods' rates (aggregate mean): the year's earlier figures by their periods, so
            # that the periods in between are counted (5.00 over one quarter, 2.57 over two: 0.14 in the second)
            mean = r.get("aggregate") == "mean" and bool(own)
            parts = _parts(own[-1]) if mean else 1
            before = [(p[0], _parts(p)) if mean else p[0] for p in own[:-1]]
            before += [p[0] for p in (ev.get("year_before") or {}).get(col) or []]
            months = (ev.get("months") or {}).get(col)
            if months:  # as printed before: every figure of the year (a revision, another date), the year's end before
                before += [(f[0], _parts(f)) if mean else f[0]
                           for fs in kept_for(record, r["measure"], months[0]).values() for f in fs]  # fmt: skip
                if r.get("aggregate") == "latest":  # a snapshot: the end of the year before too (a net change)
                    before += kept_for(record, r["measure"], year_before(months[0])).get(12, [(math.nan,)])[0][:1]
            before = [b for b in before if not is_nan(b[0] if isinstance(b, tuple) else b)]
            reason = rate_why(value, before, int(r["decimals"]), per, pop, lo, hi, parts)
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")


def counted_by(rate: dict, ev: dict, records) -> list[int]:
    """The rows of the counts a population rate is of: the one its ``part_of`` names, and any
    count whose title is the rate's less what it is per ("Children on the child protection
    register" beside "... per 1,000 population aged 0-15"; "rate of" set aside), the service's and
    people's words aside too ("Young people in secure care" beside "Secure care per 10,000 population")."""
    head = case_title_words(rate_head(rate["title"])) - {"rate"}
    return [j for j, c in enumerate(records)
            if c["unit"] in COUNT_UNITS and c.get("aggregate") != "mean"
            and (c["measure"] == ev.get("part_of") or (head and case_title_words(c["title"]) == head)
                 or (head - SERVICE_WORDS and case_title_words(c["title"]) - SERVICE_WORDS == head - SERVICE_WORDS))]  # fmt: skip


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
                if col in hidden[j] and col not in hidden[i] and not is_nan(r.get(col)):
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
        if not (known := population_of(r, populations)):
            continue
        pop, per = known
        months = (evidence.get(r["measure"]) or {}).get("months") or {}
        for col in cols:
            value = r.get(col)
            if col in hidden[i] or is_nan(value):
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
                    and not is_nan(total)
                    and j in mates
                    and all(small_count(total - k, lo, hi) for k in ks)
                ):
                    reason = "complement"
            for j in counts:
                if reason or col not in hidden[j] or is_nan(records[j].get(col)) or j not in mates or len(ks) > hi:
                    continue
                if round(float(records[j][col])) in ks:
                    reason = dict(w.split(":", 1) for w in why[j]).get(col, "small")
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")


def protect_rates_beside_percentages(records, evidence, hidden, why, cols, populations, lo, hi) -> None:
    """A population rate and a percentage of the same cases: the rate of a count (``counted_by``: the
    count whose title is the rate's less what it is per) and a percentage declared ``part_of`` that
    count give the rate's count against the percentage's (ATTACK-9 #7): 0.316 per 1,000 of 148,790
    is 47 on the register, beside "40 of 50" on the register: 3 (the base less the rate's count), or
    the rate's count less the numerator. Where every count the rate can be (``rate_counts``) is
    lo..hi from the percentage's denominator, or above its numerator by lo..hi, the rate is hidden
    ("complement"). Without a count row to tie them (a rate can name no ``part_of`` count) the two
    are not set against each other: their cases may differ."""
    for i, r in enumerate(records):
        if not (known := population_of(r, populations)):
            continue
        pop, per = known
        rev = evidence.get(r["measure"]) or {}
        wholes = {records[j]["measure"] for j in counted_by(r, rev, records)}
        months = rev.get("months") or {}
        for j, p in enumerate(records):
            ev = evidence.get(p["measure"]) or {}
            if j == i or p["unit"] != "percent" or ev.get("part_of") not in wholes:
                continue
            for col in cols:
                value, own = r.get(col), ev.get(col) or []
                if col in hidden[i] or col in hidden[j] or is_nan(value) or not own:
                    continue
                if (ev.get("months") or {}).get(col) != months.get(col):
                    continue
                _, n, d, _ = own[-1]
                ks = rate_counts(float(value), int(r["decimals"]), per, pop)
                if not ks or is_nan(n) or is_nan(d):
                    continue
                if all(small_count(abs(d - k), lo, hi) for k in ks) or all(small_count(k - n, lo, hi) for k in ks):
                    hidden[i].append(col)
                    why[i].append(f"{col}:complement")
