"""Warnings about a data set that loads: figures and settings that are allowed but probably wrong.

``validate`` lists them with the errors, in one run; they stop nothing (``--strict`` makes them
count). Each is a ``Problem`` (file, row, column, what was found, what was probably meant):
- (an error, ``percent_typos``: a percentage of 1 or less given without its counts, 0.93 for 93%?);
- a measure with an LGBF code and no benchmark rows for it;
- a target for a measure of polarity ``none``, which shows it 'Data only' whatever the target;
- a statutory-functions section of the annual report that will be empty, naming the measures
  that would fill it (the catalogue shipped in ``swlib/data/statutory_measures.csv``);
- an observation with a figure whose comment still gives a reason for a missing figure
  ("not available: ..."), which the report would print beside the figure;
- a council whose family group differs from the LGBF's, or whose id is nearly one of the 32;
- an id that differs from a known one by a typo ("did you mean ...");
- two counts whose ids or titles say one counts a part of the other ("Referrals", "Referrals
  screened") and that differ by a small number, without ``part_of`` (``undeclared.undeclared_parts``);
- a workforce row that is a sub-team of another row ("Children and Families: fieldwork") or the
  sum of some of them, which the annual report's Total counts twice, and a finance line that is a part of another
  (``return_totals``; an error where a row or line is the Total of the others, named so or their sum);
- a council's budget or outturn lines adding up to under £1m: typed in £000 (``finance_units``);
- a percentage given as a value alone, declared ``part_of`` a count that has no figure for its
  period: its base is unknown, so a public report prints it unchecked (``percentages_without_base``);
- a snapshot and a count of the people joining or leaving it ("Permanence Orders made",
  "Children subject to a permanence order at 31 March") whose change leaves a small number,
  without ``flow_of`` (``undeclared.undeclared_flows``).
- a rate of the council's population given alone, with no count tied to it (no numerator on
  its row, no ``part_of``, no count of its title less what it is per), where the council's
  population is small enough that the rate is a count from ``suppress_min`` to ``suppress_max``
  (0.14 per 1,000 of 22,010 aged 0-15: 3 children; ``small_population_rates``).

The percentage typos are in ``percent_typos``, the checks against the LGBF's and the statutory
lists in ``reference_checks``, and what a public report would withhold or print unchecked in
``public_warnings``.
Pure functions of the typed tables (indexed by spreadsheet row, as loading reads them).
"""

from __future__ import annotations

import re

import pandas as pd

from . import slips
from . import year_runs as runs
from .amounts import undeclared_amounts
from .errors import FINANCE_UNITS, Problem
from .near_counts import undeclared_near_counts
from .percent_typos import percent_targets
from .periods import period_or_none
from .public_warnings import percentages_without_base, small_population_rates, withheld_titles
from .rate_bases import age_populations_over_whole
from .reference_checks import empty_statutory_sections, lgbf_council_mismatches, lgbf_without_benchmarks
from .return_totals import finance_totals, workforce_totals
from .statutory_years import years_without_statutory
from .undeclared import undeclared_flows, undeclared_frequencies, undeclared_parts


def data_warnings(tables: dict[str, pd.DataFrame], label, refused=None, totals=None) -> list[Problem]:
    """Every warning about ``tables`` (name -> typed frame; a table that failed its checks is
    absent). ``label(name)`` is how a table is named in messages (``measures.csv``). ``refused``:
    name -> the rows an error left out of that table (``year_runs.gaps`` reads the observations').
    ``totals``: ``totals_found`` of a table, where the errors have found them in these same rows."""
    totals = totals or {}
    out: list[Problem] = []
    measures = tables.get("measures")
    if measures is not None:
        if "observations" in tables:
            out += figures_with_missing_reasons(tables["observations"], label("observations"))
            out += percentages_without_base(tables["observations"], measures, label("observations"))
            linked = undeclared_parts(tables["observations"], measures, label)
            linked += undeclared_flows(tables["observations"], measures, label)
            said = {(w.row, w.column) for w in linked}  # a row warned as a part or a flow: not again as a pair
            out += linked + [w for w in undeclared_near_counts(tables["observations"], measures, label)
                             if (w.row, w.column) not in said]  # 312 and 309, not linked  # fmt: skip
            out += undeclared_frequencies(tables["observations"], measures, label)  # quarterly and yearly alike
            out += undeclared_amounts(tables, label)  # a total and its average, of a count hidden
            out += year_runs(tables["observations"], measures, label("observations"),
                             (refused or {}).get("observations"))  # fmt: skip
            if "councils" in tables:
                out += years_without_statutory(
                    tables["observations"], measures, tables["councils"], label("observations")
                )
        out += withheld_titles(measures, tables.get("councils"), label("measures"))
        out += percent_targets(measures, label("measures"))
        out += tolerances_without_targets(measures, tables.get("targets"), label("measures"))
        out += targets_without_direction(measures, tables.get("targets"), label)
        if "targets" in tables:
            out += percent_targets(tables["targets"], label("targets"), measures)
            out += slips.year_targets_on_periods(tables["targets"], measures, label("targets"))
        if "benchmarks" in tables:
            out += lgbf_without_benchmarks(measures, tables["benchmarks"], label("measures"))
        if "councils" in tables:
            out += empty_statutory_sections(measures, tables["councils"], label("measures"))
    if "councils" in tables:
        out += lgbf_council_mismatches(tables["councils"], label("councils"))
        out += age_populations_over_whole(tables["councils"], label("councils"))  # population_0-15
        if measures is not None and "observations" in tables:
            out += small_population_rates(tables["observations"], measures, tables["councils"], label("observations"))
    if "actions" in tables:
        out += year_actions(tables["actions"], label("actions"))
    if "workforce" in tables:
        out += workforce_totals(tables["workforce"], label("workforce"), totals.get("workforce"))
    if "finance" in tables:
        out += finance_totals(tables["finance"], label("finance"), totals.get("finance"))
        out += finance_units(tables["finance"], label("finance"))
    return out


def year_runs(obs: pd.DataFrame, measures: pd.DataFrame, label: str, refused=None) -> list[Problem]:
    """A measure's figures within a year that do not fit together (``swlib.year_runs``): a period
    missing before the last, a figure that is the year to date, a total its parts contradict."""
    rows = runs.rows_by_measure(obs)  # the table read once for the five checks that walk it
    found = [*runs.gaps(obs, measures, label, refused, rows), *runs.cumulative_figures(obs, measures, label, rows),
             *runs.totals_against_parts(obs, measures, label, rows)]  # fmt: skip
    seen = {(p.row, p.column) for p in found}  # a Quarter 1 month as the year to date is its quarter so far too
    running = [p for p in slips.quarter_running_totals(obs, measures, label, rows) if (p.row, p.column) not in seen]
    return [*found, *running, *slips.out_of_scale(obs, measures, label, rows)]


# how a comment says a figure is missing (docs/guide.md: "not available: records moving to a new system")
MISSING_REASON = re.compile(
    r"^\s*(not (yet )?(available|provided|received)|n/?a\b|no figure|awaiting|figure due)", re.I
)


def figures_with_missing_reasons(obs: pd.DataFrame, label: str) -> list[Problem]:
    """Rows with a figure whose comment says the figure is missing (left from before it came in)."""
    if "comment" not in obs:
        return []
    figure = obs[["value", "numerator", "denominator"]].notna().any(axis=1)
    reason = obs["comment"].astype("string").str.match(MISSING_REASON).fillna(False).astype(bool)
    return [
        Problem(label, int(r), "comment",
                f"{obs.at[r, 'measure']} {obs.at[r, 'period']}: a figure and the comment {obs.at[r, 'comment']!r}, "
                "which the report prints beside it",
                "the comment cleared now that the figure is in (or a comment that is true of the figure)")
        for r in obs.index[figure & reason]
    ]  # fmt: skip


def tolerances_without_targets(measures: pd.DataFrame, targets: pd.DataFrame | None, label: str) -> list[Problem]:
    """Measures given a tolerance (an amber band round a target) but no target, in measures or
    targets: the report shows them 'Data only', with no status, which the tolerance says was not meant."""
    has = measures["tolerance"].notna() & measures["target"].isna()
    if targets is not None and len(targets):
        has &= ~measures["measure"].isin(set(targets["measure"]))
    out = []
    for r in measures.index[has]:
        m, pol = measures.at[r, "measure"], measures.at[r, "polarity"]
        given = f"a tolerance of {measures.at[r, 'tolerance']:g}" + (f" and polarity {pol}" if pol != "none" else "")
        out.append(Problem(label, int(r), "target", f"a blank cell for {m}, which has {given}",
                           "a target (here, or by period in targets): without one the report shows the measure "
                           "'Data only', with no status; or clear its tolerance if it has no target"))  # fmt: skip
    return out


def targets_without_direction(measures: pd.DataFrame, targets: pd.DataFrame | None, label) -> list[Problem]:
    """A target, in measures or targets, for a measure of polarity ``none``: the report shows it
    'Data only' whatever the target (the status rule needs a direction), so the target is never
    used. ANALYST-9 #14: validate warned of a tolerance without a target, not of this."""
    none = measures[measures["polarity"] == "none"].drop_duplicates("measure")
    ids = set(none["measure"])
    out = [Problem(label("measures"), int(r), "target", f"a target of {none.at[r, 'target']:g} for {none.at[r, 'measure']}, "
                   "whose polarity is none", _DIRECTION) for r in none.index[none["target"].notna()]]  # fmt: skip
    if targets is not None and len(targets):
        given = targets[targets["measure"].isin(ids) & targets["target"].notna()]
        out += [Problem(label("targets"), int(r), "target", f"a target of {given.at[r, 'target']:g} for "
                        f"{given.at[r, 'measure']} in {given.at[r, 'period']}, whose polarity is none", _DIRECTION)
                for r in given.index]  # fmt: skip
    return out


_DIRECTION = ("polarity higher or lower in measures, for the report to hold the figure to it: with polarity none "
              "the measure is 'Data only', with no status, whatever its target; or no target")  # fmt: skip


def year_actions(acts: pd.DataFrame, label: str) -> list[Problem]:
    """Action rows whose period is a year: no report shows one (the annual report shows no actions,
    a quarterly report those of its quarter or the year's latest quarter before it, ``action_rows``).
    ANALYST-9 #3: a year's action typed in the annual return appeared nowhere, without a word."""
    out = []
    for r in acts.index:
        p = period_or_none(acts.at[r, "period"])
        if p is None or p.kind != "year":
            continue
        out.append(Problem(label, int(r), "period",
                           f"{p}, a year, on the action {acts.at[r, 'action']!r}, which no report shows (the annual "
                           "report shows no actions; a quarterly report the actions of its quarter, or of the year's "
                           f"latest quarter before it)", f"the quarter it is reported at, e.g. {p}-Q4"))  # fmt: skip
    return out


SMALLEST_BUDGET = 1_000_000  # a council's social work budget or outturn below this was typed in £000 or £m


def finance_units(finance: pd.DataFrame, label: str) -> list[Problem]:
    """Warnings: a council's budget (or outturn) lines for a year adding up to less than
    ``SMALLEST_BUDGET``: amounts are in pounds, and a social work budget is tens of millions, so
    these were typed in £000 (72,450 for £72.45m, as budget papers give them) or £m, and the
    annual report would print £72,450. One warning a council, year and kind, on its first line."""
    kinds = finance[finance["kind"].isin(("budget", "outturn")) & finance["amount"].notna()]
    out = []
    for (council, period, kind), rows in kinds.groupby(["council", "period", "kind"], sort=False):
        total = float(rows["amount"].sum())
        if not 0 < total < SMALLEST_BUDGET:
            continue
        biggest = float(rows["amount"].max())
        unit, times = ("£m", 1_000_000) if biggest < 1000 else ("£000", 1000)  # £206m in £000 is 206,000
        out.append(
            Problem(label, int(rows.index[0]), "amount",
                    f"{council}'s {kind} lines for {period} adding up to £{total:,.0f}, the largest {biggest:,g}",
                    f"amounts in pounds, not £000 or £m (a social work {kind} is many millions): {biggest:,g} in "
                    f"{unit} is {biggest * times:,.0f}; multiply each line by {times:,}", code=FINANCE_UNITS),
        )  # fmt: skip
    return out
