"""The figures a public report prints that public suppression cannot check, and what would
check them: a percentage, rate or ratio given as a value alone (``unchecked_figures``; check-public
lists one finding a measure, ``unchecked_findings``), and a pair of counts of one outcome 1 to 4
apart that no ``part_of`` links (``near_count_findings``). ``not_checked``: both, as a public run
lists them in its "not checked" line.
"""

from __future__ import annotations

import pandas as pd

from . import reports
from .config import council_settings
from .findings import finding, workbook_letters
from .near_counts import PAIR_FIX, linked_ids, near_pairs, pair_words, share_words
from .panel import observations as panel_observations
from .periods import Period
from .public_text import is_cleared, table_file
from .public_warnings import unbased_percentages
from .rate_bases import populations, rate_base, unchecked_rate
from .schema import COUNT_UNITS, PROPORTION_UNITS
from .status import performance
from .statutory import shipped_ids


def unchecked_findings(ds, council: str, period, letters: dict | None = None) -> list[dict]:
    """``check_public``'s findings of figures public suppression cannot check (``unchecked_figures``),
    one a measure on its first row, each with ``kind`` "figure"; ``letters``: ``findings.workbook_letters``."""
    P = Period.parse(period)
    letters = workbook_letters(ds) if letters is None else letters
    findings = []
    bare = unchecked_figures(ds, council, P)
    if "cleared" in bare:
        bare = bare[~bare["cleared"].map(lambda c: is_cleared({"cleared": c})).astype(bool)]
    titles = ds.measures.drop_duplicates("measure").set_index("measure")["title"]
    rows_of = {c: i + 2 for i, c in ds.councils["council"].items()}  # councils.csv's rows, for the advice
    cfg = council_settings(council)
    for measure, rows in bare.groupby("measure", sort=False):  # one finding a measure: its first row, and how many
        i, r = rows.index[0], rows.iloc[0]
        more = f" and {len(rows) - 1} more row{'s' if len(rows) > 2 else ''} of it" if len(rows) > 1 else ""
        said = (  # in the council's own small numbers (suppress_min, suppress_max)
            unchecked_rate(titles.get(measure), council, rows_of.get(council), cfg.suppress_min, cfg.suppress_max)
            if r["unit"] == "rate"
            else None
        )
        of_population = said is not None  # a rate: what it is per, and what would check it
        unit = said[0] if said else r["unit"]
        base = rows["no_base"].dropna()  # a declared base with no figure: named with its periods
        unit += f", value only, and {base.iloc[0]}, its part_of, has no figure for it" if len(base) else ""
        text = (
            f"{measure} {r['period']}: {r['value']:g} ({unit}{'' if of_population or len(base) else ', value only'})"
            f"{more}"
        )
        findings.append(finding(ds, letters, "observations", i, "value", text, False))
        why = said[1] if said else UNCHECKED_BASE if len(base) else UNCHECKED
        findings[-1].update(reason=why, kind="figure", measure=measure)
    return findings


UNCHECKED = (
    "a percentage, rate or ratio given without its numerator and denominator: whether it gives away a small "
    "number cannot be checked (give them, or declare part_of = the count it is a percentage of, or clear the row "
    "once an officer has checked its counts)"
)


UNCHECKED_BASE = (
    "a percentage given without its numerator and denominator, declared part_of a count that has no figure for "
    "the same period: its base is unknown, so whether it gives away a small number cannot be checked (give the "
    "count's figure, or the percentage's numerator and denominator, or clear the row once an officer has checked "
    "its counts)"
)


def unchecked_figures(ds, council: str, period) -> pd.DataFrame:
    """The council's own observations that its public reports for ``period`` print (the year to
    ``period`` and the three years before it, shown in the year columns) and that public
    suppression cannot check: a percentage, rate or ratio given as a value, without the
    numerator and denominator it was worked out from; a rate of the council's population ("per
    100,000 population", "per 1,000 population aged 0-15") too where ``councils.csv`` gives no
    such population (``population``, ``population_0-15``; with one, it is checked:
    ``population_rates.protect_population_rates``). Figures the LGBF panel gives (published already by the
    Improvement Service) are not listed; a percentage declared ``part_of`` a count is, where the
    count has no figure for its period (``no_base``: the count's id, ``public_warnings.unbased_percentages``).
    Columns as observations, plus ``unit`` and ``no_base``."""
    P = Period.parse(period)
    obs = panel_observations(ds, council)
    obs = obs.assign(no_base=unbased_percentages(obs, ds.measures))  # a declared base with no figure that period
    obs = obs[~obs["from_panel"].astype(bool)]
    units = ds.measures.set_index("measure")["unit"]
    obs = obs.assign(unit=obs["measure"].map(units))
    bare = (
        obs["unit"].isin(PROPORTION_UNITS) & obs["value"].notna() & obs["numerator"].isna() & obs["denominator"].isna()
    )
    m = ds.measures.drop_duplicates("measure").set_index("measure")
    if "part_of" in m:  # a percentage declared a part of a count: checked against it (its base), where the count
        based = m.index[(m["unit"] == "percent") & m["part_of"].map(m["unit"]).isin(COUNT_UNITS)]
        bare &= ~obs["measure"].isin(based) | obs["no_base"].notna()  # has a figure for its period

    given = populations(ds.councils, council)  # a rate of a population it gives: checked against it (population_rates)
    rated = m.loc[m["unit"] == "rate", "title"]
    of_population = {i for i, t in rated.items() if given.get(rate_base(t).column)}
    bare &= ~(obs["unit"].eq("rate") & obs["measure"].isin(of_population))

    def shown(p: str) -> bool:
        q = Period.parse(p)
        return P.fy - 3 <= q.fy < P.fy or (q.fy == P.fy and q.end <= P.end) or q == P.year_period

    return obs[bare & obs["period"].map(shown).astype(bool)]


def not_checked(ds, report: str, council: str, period, perf: pd.DataFrame | None = None) -> list[dict]:
    """The figures a public ``report`` prints that public suppression cannot check (``check_public``'s
    value-only percentages, rates and ratios, one finding a measure; and each pair of counts of one
    outcome 1 to 4 apart that no ``part_of`` links, ``near_pairs``: kind "pair"); the run lists them.
    ``perf``: ``public_table``'s, where worked out already."""
    P = reports.get(report).covered(period)
    if P is None:
        return []
    return unchecked_findings(ds, council, P) + near_count_findings(ds, council, P, perf)


def near_count_findings(ds, council: str, P: Period, perf: pd.DataFrame | None = None) -> list[dict]:
    """Each pair of counts the public table for ``P`` prints (its year to date) that ``near_pairs``
    finds: one finding a pair, on the second measure's measures row, column part_of (AUDIT-9)."""
    perf = performance(ds, council, P, audience="public") if perf is None else perf
    cfg = council_settings(council)
    rows = [{**r, "value": r["to_date"]} for r in perf.to_dict("records")]
    at = {m: i for i, m in ds.measures["measure"].items()}
    shipped = shipped_ids(ds.measures)
    out = []
    for a, b, d in near_pairs(rows, cfg.suppress_min, cfg.suppress_max, linked_ids(ds.measures)):
        if {a["measure"], b["measure"]} <= shipped and not share_words(a["title"], b["title"]):
            continue  # two of the catalogue's, of different events (ANALYST-11 #8: emergency placements, permanence orders)
        out.append({"file": table_file(ds, "measures"), "row": at.get(b["measure"], -2) + 2, "column": "part_of",
                    "cleared": False, "text": pair_words(a, b, d, f"in {P.label}"), "reason": PAIR_FIX, "kind": "pair",
                    "measure": b["measure"], "pair": (a["measure"], b["measure"])})  # fmt: skip
    return out
