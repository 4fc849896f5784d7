"""Two counts of one council and period, of one outcome, that differ by a small number though
measures.csv links them by neither ``part_of`` nor ``flow_of``: 312 referrals and 309 investigations
both print, and a reader who takes one for a part of the other learns that 3 referrals were not
investigated (AUDIT-9, issue 21). Whether one counts a part of the other only the analyst knows, so
nothing is suppressed on a guess: a public run lists each pair as "not checked" (``near_pairs``,
``unchecked.not_checked``) and ``validate`` warns (``undeclared_near_counts``), each with the
``part_of`` that would check it.

A pair is two measures in unit count or number with the same aggregate (two counts summed over the
period, or two snapshots), of the same outcome (the theme where either has none: a theme such as
"Statutory functions" holds unrelated counts, an outcome such as "Adult support and protection"
related ones), both above the small-number range and from ``lo`` to ``hi`` apart (as stored, or as
printed at no decimals). In the demo data that is one or two pairs in a report, at most three.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd

from .amounts import settings_once, small_range
from .config import council_settings
from .errors import Problem
from .schema import COUNT_UNITS
from .undeclared import FLOW_STOP, title_words

# words two titles may share and still name different people or events ("Drug Treatment and Testing
# Orders imposed", "New Supervised Release Orders"): validate's warning wants another word in common
KIND_WORDS = FLOW_STOP | frozenset("order service social work care granted imposed received".split())


def share_words(a, b) -> bool:
    """Whether two titles share a word that names whose cases they count ("Adult support and
    protection referrals", "... investigations": protection), not only ``KIND_WORDS``."""
    return bool((title_words(a) & title_words(b)) - KIND_WORDS)


def linked_ids(measures: pd.DataFrame) -> set[tuple[str, str]]:
    """Each (a, b) measures.csv links by ``part_of`` or ``flow_of``, either way round."""
    out: set[tuple[str, str]] = set()
    for r in measures.drop_duplicates("measure").to_dict("records"):
        for col in ("part_of", "flow_of"):
            for other in str(r.get(col) or "").split(","):
                other = other.strip()
                if other and other.lower() not in ("nan", "none"):
                    out |= {(r["measure"], other), (other, r["measure"])}
    return out


def _group(r: dict) -> str:
    """The outcome a measure's figures are read together in (its theme where it has no outcome)."""
    o = r.get("outcome")
    return str(o) if isinstance(o, str) and o.strip() else f"theme:{r.get('theme')}"


def _apart(a: float, b: float, lo: int, hi: int) -> float | None:
    """How far apart two counts are where both are above ``hi`` and they are ``lo`` to ``hi`` apart
    as stored or as printed (whole numbers); else None."""
    if any(not isinstance(x, int | float) or math.isnan(x) or x <= hi for x in (a, b)):
        return None
    for d in (abs(a - b), abs(round(a) - round(b))):
        if lo <= round(d, 6) <= hi:
            return d
    return None


def near_pairs(rows: list[dict], lo: int, hi: int, linked: set[tuple[str, str]]) -> list[tuple[dict, dict, float]]:
    """Each pair of ``rows`` (dicts with measure, unit, aggregate, outcome, theme and ``value``: the
    figure printed) that are counts of one outcome and aggregate, ``lo`` to ``hi`` apart and not
    ``linked`` (``linked_ids``), with how far apart; in the rows' order."""
    counts = [r for r in rows if r.get("unit") in COUNT_UNITS and r.get("aggregate") in ("sum", "latest")]
    out = []
    for a, b in itertools.combinations(counts, 2):
        if a["aggregate"] != b["aggregate"] or _group(a) != _group(b) or (a["measure"], b["measure"]) in linked:
            continue
        d = _apart(a.get("value"), b.get("value"), lo, hi)
        if d is not None:
            out.append((a, b, d))
    return out


def pair_words(a: dict, b: dict, d: float, when: str) -> str:
    """A pair as the run and validate say it."""
    return (
        f"{a['measure']} ({a.get('title')}) {a['value']:g} and {b['measure']} ({b.get('title')}) {b['value']:g} "
        f"{when}, {d:g} apart, of one outcome, and neither part_of the other: a public report prints both"
    )


PAIR_FIX = (
    "part_of = the whole on the part's row if one counts a part of the other, so that public reports hide the "
    "difference (if they count different people or events, nothing to do)"
)


def undeclared_near_counts(obs: pd.DataFrame, measures: pd.DataFrame, label, settings=None) -> list[Problem]:
    """Warnings: each pair of counts (``near_pairs``) of the same frequency whose titles share a word
    (``share_words``) that, in some council's period, are both above the council's ``suppress_max``
    and ``suppress_min`` to ``suppress_max`` apart; one warning a pair, on the second measure's
    measures row, at the first period found. Narrower than the run's list, which has every pair of
    one outcome in the report's period: validate reads every period of every council, and the demo
    data's pairs (Drug Treatment and Testing Orders, Supervised Release Orders) count different people."""
    settings = settings_once(settings or council_settings)  # each council's read once
    m = measures.drop_duplicates("measure")
    m = m[m["unit"].isin(COUNT_UNITS) & m["aggregate"].isin(("sum", "latest"))]
    if len(m) < 2:
        return []
    rows = {r["measure"]: (i, r) for i, r in zip(m.index, m.to_dict("records"), strict=True)}
    linked = linked_ids(measures)
    o = obs[obs["value"].notna() & obs["measure"].isin(rows)]
    o = o[~o.duplicated(["council", "period", "measure"])]
    out, seen = [], set()
    for (council, period), g in o.groupby(["council", "period"], sort=True):
        lo, hi = small_range(settings, council)
        given = [{**rows[x][1], "value": float(v)} for x, v in zip(g["measure"], g["value"], strict=True)]
        for a, b, d in near_pairs(given, lo, hi, linked):
            key = (a["measure"], b["measure"])
            if key in seen or a["frequency"] != b["frequency"] or not share_words(a["title"], b["title"]):
                continue
            seen.add(key)
            i = rows[b["measure"]][0]
            out.append(Problem(label("measures"), int(i), "part_of", pair_words(a, b, d, f"for {council} in {period}"),
                               PAIR_FIX))  # fmt: skip
    return out
