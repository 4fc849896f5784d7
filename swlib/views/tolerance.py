"""The Amber/Red rule in a council's own figures, for the status key ("How to read the tables")
and the glossary, so that a member can check a status: FOI at 85.7% against 90.0% is Amber and
staff PDRs at 90.0% against 95.0% Red, because the tolerance is 5% of the target (85.5% and
90.25%). A measure whose tolerance is its own (targets.csv or measures.csv) is named with its band."""

from __future__ import annotations

import math

import pandas as pd

from ..base import SUPPRESSED, round_half_up
from ..config import council_settings
from ..formatting import fmt_value
from ..rows import records
from ..status import synthetic_columns

EXAMPLE_TARGET = 90.0  # a percentage target, the commonest: the rule worked through once


def _edge(value: float, unit: str, decimals: int) -> str:
    """An Amber band's edge as printed: to the figure's decimals, or one more where they would move it."""
    exact = round(value, decimals) == round(value, 9)
    return fmt_value(value, unit, decimals if exact else decimals + 1)


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
        if r.get("status") in (SUPPRESSED, None) or r.get("polarity") not in ("higher", "lower"):
            continue
        if any(x is None or pd.isna(x) for x in (tgt, tol)):
            continue
        if math.isclose(tol, abs(tgt) * pct / 100, rel_tol=1e-9, abs_tol=1e-12):
            continue
        unit, dec = r["unit"], int(r["decimals"])
        target = float(round_half_up(tgt, dec))  # the figure set against the target as printed (``rag``)
        if r["polarity"] == "higher":
            band = f"Amber from {_edge(target - tol, unit, dec)}"
        else:
            band = f"Amber up to {_edge(target + tol, unit, dec)}"
        made_up = " †" if "target" in synthetic_columns(r) else ""  # a target and tolerance made up: marked
        own.append({"title": r["title"], "band": f"{band}{made_up} (target {fmt_value(tgt, unit, dec)}{made_up})"})
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
