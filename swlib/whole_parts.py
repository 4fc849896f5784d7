"""A whole beside the parts printed with it (``part_of``): the whole less the parts printed is a
count (``protect_parts``, and ``hide_under_hidden_whole`` where the whole is hidden), and a
percentage given alone whose measure is a part of a count gives its numerator
(``with_numerators``, ``protect_percent_parts``). Called by the public step,
``disclosure.suppress_performance``, after its own rules; each adds to ``hidden`` and ``why``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .hidden import hidden_why
from .linked import is_nan, kept_for
from .schema import COUNT_UNITS
from .small_numbers import numerators, small_count

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
        if any(not is_nan(f[0]) and abs(f[0] - value[i]) <= hi for f in before):
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
            if yb:  # the end of the year before, and for a snapshot within the year the same date a year earlier
                before[col] = [implied(p, wyb[k][0]) if k < len(wyb) else p for k, p in enumerate(yb)]
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
            reason = "small" if any(small_count(k, lo, hi) for k in ks) else None
            reason = reason or ("complement" if any(small_count(base - k, lo, hi) for k in ks) else None)
            if not reason and len(ks) == 1:  # one count: set against those before it (the year's earlier ends)
                before = [x for x in [*((ev.get("year_before") or {}).get(col) or []), *own[:-1]] if pd.notna(x[1])]
                for kind in (1, 2):  # the numerators, then the base less them
                    points = [(x[1] if kind == 1 else x[2] - x[1], np.nan, np.nan, 1) for x in before]
                    points.append((ks[0] if kind == 1 else base - ks[0], np.nan, np.nan, 1))
                    reason = reason or ("earlier" if hidden_why(points, "count", "sum", lo, hi) else None)
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")
