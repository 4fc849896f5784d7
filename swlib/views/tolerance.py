"""The Amber/Red rule in a council's own figures, for the status key ("How to read the tables")
and the glossary, so that a member can check a status: FOI at 85.7% against 90.0% is Amber and
staff PDRs at 90.0% against 95.0% Red, because the tolerance is 5% of the target (85.5% and
90.25%). A measure whose tolerance is its own (targets.csv or measures.csv) is named with its band."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import pandas as pd

from ..base import round_half_up
from ..config import council_settings
from ..formatting import fmt_value
from ..rows import records
from ..schema import COUNT_UNITS
from ..status import synthetic_columns

EXAMPLE_TARGET = 90.0  # a percentage target, the commonest: the rule worked through once


def _edge(value: float, unit: str, decimals: int) -> str:
    """An Amber band's edge as printed: to the figure's decimals, or one more where they would move it."""
    exact = round(value, decimals) == round(value, 9)
    return fmt_value(value, unit, decimals if exact else decimals + 1)


def _band_edge(target: Decimal, tol: float, r: dict) -> str:
    """Where a measure's own Amber band ends (Amber from, or up to): as ``_edge`` prints it, except
    a sum of whole counts printed whole, whose target and tolerance pro rata to the year to date end
    between two counts (300 less 18.75 at Quarter 3): the lowest count still Amber (higher is
    better) or the highest, 'Amber from 282' as 282 is Amber and 281 Red, not 'from 281.3'."""
    unit, dec, higher = r["unit"], int(r["decimals"]), r["polarity"] == "higher"
    edge = target - Decimal(repr(float(tol))) if higher else target + Decimal(repr(float(tol)))
    if unit in COUNT_UNITS and r.get("aggregate") == "sum" and dec == 0:
        return fmt_value(edge.quantize(Decimal(1), rounding=ROUND_CEILING if higher else ROUND_FLOOR), unit, 0)
    return _edge(float(edge), unit, dec)


def amber_rule(council: str, perf: pd.DataFrame | None = None) -> dict:
    """``{"percent", "rule", "own": [{"title", "band"}]}``: the council's tolerance
    (``tolerance_percent`` in params/councils.yaml) as a share of the target, in words with a
    worked example ('5% of the target: a 90.0% target is Amber from 85.5%'), and each measure of
    ``perf`` (Green, Amber or Red) whose tolerance is not that share, with its own Amber band."""
    pct = council_settings(council).tolerance_percent
    if pct:
        edge = _edge(EXAMPLE_TARGET * (1 - pct / 100), "percent", 1)
        rule = f"{pct:g}% of the target: a {EXAMPLE_TARGET:.1f}% target is Amber from {edge}"
    else:
        rule = "none: a target missed at all is Red"
    own = []
    for r in records(perf) if perf is not None else []:
        tgt, tol = r.get("target"), r.get("tolerance")
        if r.get("status") not in ("Green", "Amber", "Red") or r.get("polarity") not in ("higher", "lower"):
            continue
        if any(x is None or pd.isna(x) for x in (tgt, tol)):
            continue
        if math.isclose(tol, abs(tgt) * pct / 100, rel_tol=1e-9, abs_tol=1e-12):
            continue
        unit, dec = r["unit"], int(r["decimals"])
        target = round_half_up(tgt, dec)  # the figure set against the target as printed (``rag``)
        edge = _band_edge(target, tol, r)
        band = f"Amber from {edge}" if r["polarity"] == "higher" else f"Amber up to {edge}"
        made_up = " †" if "target" in synthetic_columns(r) else ""  # a target and tolerance made up: marked
        raw = float(target) - tol if r["polarity"] == "higher" else float(target) + tol
        # an edge past the measure's decimals (9.05 days of a 1-decimal measure: 8.3 + 0.75, a year's 1
        # day pro rata): the tolerance said too, so that the sum can be checked (ANALYST-11 #9); a
        # whole count's edge is a count printed (_band_edge), which needs no sum
        whole = unit in COUNT_UNITS and r.get("aggregate") == "sum" and dec == 0
        exact = whole or round(raw, dec) == round(raw, 9)
        said = "" if exact else f", tolerance {_edge(tol, unit, dec)}{made_up}"
        own.append(
            {"title": r["title"], "band": f"{band}{made_up} (target {fmt_value(tgt, unit, dec)}{made_up}{said})"}
        )
    return {"percent": pct, "rule": rule, "own": own}


def with_rule(meaning: str, rule: dict | None) -> str:
    """A status's or the glossary's words with the tolerance said in figures: '(within the
    tolerance)' becomes '(within the tolerance, 5% of the target: a 90.0% target is Amber from
    85.5%)'. Unchanged without a rule."""
    if not rule:
        return meaning
    own = {0: "", 1: "; one measure has its own, named below"}.get(
        len(rule["own"]), "; some have their own, named below"
    )
    said = f"(within the tolerance, {rule['rule']}{own})"
    return meaning.replace("(within the tolerance)", said)
