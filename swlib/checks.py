"""Warnings about a data set that loads: figures and settings that are allowed but probably wrong.

``validate`` lists them with the errors, in one run; they stop nothing (``--strict`` makes them
count). Each is a ``Problem`` (file, row, column, what was found, what was probably meant):
- (an error, ``percent_typos``: a percentage of 1 or less given without its counts, 0.93 for 93%?);
- a measure with an LGBF code and no benchmark rows for it;
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

Pure functions of the typed tables (indexed by spreadsheet row, as loading reads them).
"""

from __future__ import annotations

import re

import pandas as pd

from . import slips
from . import year_runs as runs
from .amounts import small_range, undeclared_amounts
from .config import council_settings
from .errors import FINANCE_UNITS, Problem, row_list
from .rate_bases import age_populations_over_whole, populations, rate_base, rate_counts, rate_head
from .return_totals import finance_totals, workforce_totals
from .schema import COUNT_UNITS, DEFAULT_DECIMALS
from .small_numbers import small_numbers_in
from .statutory import THEME, closest, did_you_mean, lgbf_councils, sections, statutory_measures
from .statutory_years import years_without_statutory
from .undeclared import undeclared_flows, undeclared_frequencies, undeclared_parts, values_by_key


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
            out += undeclared_parts(tables["observations"], measures, label)
            out += undeclared_flows(tables["observations"], measures, label)
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
    if "workforce" in tables:
        out += workforce_totals(tables["workforce"], label("workforce"), totals.get("workforce"))
    if "finance" in tables:
        out += finance_totals(tables["finance"], label("finance"), totals.get("finance"))
        out += finance_units(tables["finance"], label("finance"))
    return out


def year_runs(obs: pd.DataFrame, measures: pd.DataFrame, label: str, refused=None) -> list[Problem]:
    """A measure's figures within a year that do not fit together (``swlib.year_runs``): a period
    missing before the last, a figure that is the year to date, a total its parts contradict."""
    found = [*runs.gaps(obs, measures, label, refused), *runs.cumulative_figures(obs, measures, label),
             *runs.totals_against_parts(obs, measures, label)]  # fmt: skip
    seen = {(p.row, p.column) for p in found}  # a Quarter 1 month as the year to date is its quarter so far too
    running = [p for p in slips.quarter_running_totals(obs, measures, label) if (p.row, p.column) not in seen]
    return [*found, *running, *slips.out_of_scale(obs, measures, label)]


def as_percent(fraction: float) -> str:
    """'91 for 91%, not 0.91': the figure a fraction was probably meant as."""
    p = f"{round(fraction * 100, 6):g}"
    return f"{p} for {p}%, not {fraction:g}"


TYPO_BELOW = 1  # a percentage typed without counts below this ...
TYPO_OTHERS = 10  # ... where the measure's other values are around more than this: an error, not a warning


def percent_typos(obs: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """Errors: a percentage given as a value without counts above 0 and at most ``TYPO_BELOW``
    (0.86 typed for 86%, a fraction in a General cell): read as it is, 0.86 is 0.86%, and the
    report prints 0.9%. Where the measure's other values are larger the message says so; where they are fractions too, or there are none (a council's first year
    of a value-only measure), it says what the figure would mean. A figure that small is meant
    when its numerator and denominator are given (the value must then agree with them), so the
    message says how to keep it. Rates and ratios may be fractions: only unit percent is checked."""
    pct = set(measures.loc[measures["unit"] == "percent", "measure"])
    o = obs[obs["measure"].isin(pct)]
    counted = o["numerator"].notna() & o["denominator"].notna()
    small = o["value"].gt(0) & o["value"].le(TYPO_BELOW) & ~counted
    if not small.any():
        return []
    # the other figures: as typed, or worked out from their counts (a row of counts has no value)
    figure = o["value"].fillna(o["numerator"] * 100 / o["denominator"].where(o["denominator"] > 0))
    median = figure[~small].groupby(o.loc[~small, "measure"], sort=False).median()
    target = measures.drop_duplicates("measure").set_index("measure")["target"]
    out = []
    for measure, rows in o[small].groupby("measure", sort=False):
        others = median.get(measure, float("nan"))
        aim = f" against a target of {target[measure]:g}" if target.get(measure, 0) > 1 else ""
        for row, v in rows["value"].items():
            period = o.at[row, "period"]
            if others > 1:
                found = f"{measure}: {v:g} where its other values are around {others:.0f}"
            else:
                found = f"{measure} {period}: {v:g}, a percentage given without its counts, which reads as {v:g}%{aim}"
            out.append(
                Problem(
                    label,
                    int(row),
                    "value",
                    found,
                    f"a percentage from 0 to 100: {as_percent(v)}; if {v:g}% is right, give the numerator and "
                    "denominator it is worked out from as well, which confirm it",
                )
            )
    return out


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


def percent_targets(df: pd.DataFrame, label: str, measures: pd.DataFrame | None = None) -> list[Problem]:
    """Targets for percentages above 0 and at most 1 (0.95 for 95%?)."""
    if measures is None:
        unit = df["unit"]
    else:
        unit = df["measure"].map(measures.drop_duplicates("measure").set_index("measure")["unit"])
    hit = df[(unit == "percent") & (df["target"] > 0) & (df["target"] <= 1)]
    return [
        Problem(label, int(r), "target", f"{df.at[r, 'target']:g} for {df.at[r, 'measure']}",
                f"a percentage target from 0 to 100: {as_percent(df.at[r, 'target'])}")
        for r in hit.index
    ]  # fmt: skip


def percent_target_typos(
    df: pd.DataFrame, label: str, measures: pd.DataFrame, obs: pd.DataFrame, unit: pd.Series | None = None
) -> list[Problem]:
    """Errors: a percentage target typed as a fraction (0.9 for 90%) where the measure's figures
    are on the 0 to 100 scale (around more than ``TYPO_OTHERS``), as a value of 0.93 among them
    is (``percent_typos``). Where the figures do not say which scale (none yet, or all small), it
    stays a warning (``percent_targets``). ``df``: the measures or targets table."""
    each = measures.drop_duplicates("measure").set_index("measure")
    unit = df["measure"].map(each["unit"]) if unit is None else unit
    hit = df[(unit == "percent") & (df["target"] > 0) & (df["target"] <= 1)]
    if hit.empty:
        return []
    o = obs[obs["measure"].isin(set(hit["measure"]))]
    figure = o["value"].fillna(o["numerator"] * 100 / o["denominator"].where(o["denominator"] > 0))
    median = figure.groupby(o["measure"], sort=False).median()
    return [
        Problem(label, int(r), "target",
                f"{df.at[r, 'target']:g} for {m}, whose values are around {median[m]:.0f}",
                f"a percentage target from 0 to 100: {as_percent(df.at[r, 'target'])}")
        for r, m in hit["measure"].items() if median.get(m, 0) > TYPO_OTHERS
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


def _small_numbers(text, council: str) -> list[str]:
    """The passages of ``text`` that mention a small number by the council's range (the default
    range where its settings cannot be read: the report's own run says why, and a batch goes on)."""
    return small_numbers_in(text, *small_range(council_settings, council)) if isinstance(text, str) else []


def withheld_titles(measures: pd.DataFrame, councils: pd.DataFrame | None, label: str) -> list[Problem]:
    """A measure's title, theme or outcome that a public report prints as [withheld]: it mentions a
    small number by the settings of a council that reports it (``public_text.public_row_text``) and
    no officer has cleared the row. Said before a public report is published (ANALYST-8 #1)."""
    ids = list(councils["council"].dropna()) if councils is not None and "council" in councils else []
    cleared = measures.reindex(columns=["cleared"])["cleared"].astype(str).str.strip().str.lower() == "yes"
    out = []
    for row in measures.index[~cleared]:
        council = measures.at[row, "council"] if "council" in measures else None
        whose = [council] if isinstance(council, str) and council else ids
        for col in ("title", "theme", "outcome"):
            text = measures.at[row, col] if col in measures else None
            found = next((f for c in whose for f in _small_numbers(text, c)), None)
            if found:
                out.append(Problem(
                    label, int(row), col,
                    f"{text!r} ({measures.at[row, 'measure']}), which a public report prints as [withheld]: "
                    f"it mentions a small number (...{found}...)",
                    "words with no count of people in them; or, once an officer has checked that the number "
                    "counts no one, cleared = yes on the measure's row (the public report then prints it)",
                ))  # fmt: skip
                break
    return out


def lgbf_without_benchmarks(measures: pd.DataFrame, benchmarks: pd.DataFrame, label: str) -> list[Problem]:
    """Measures naming an LGBF code that the benchmarks table has no rows for."""
    codes = set(benchmarks["lgbf"].dropna())
    out = []
    for row in measures.index[measures["lgbf"].notna() & ~measures["lgbf"].isin(codes)]:
        code, measure = measures.at[row, "lgbf"], measures.at[row, "measure"]
        hint = did_you_mean(code, codes) or (
            "; make the benchmarks table with 'swreport import lgbf WORKBOOK'" if not codes else ""
        )
        out.append(
            Problem(
                label,
                int(row),
                "lgbf",
                f"{code!r} for {measure}, with no benchmark rows for {code}",
                f"an LGBF code in the benchmarks table, or a blank cell: the reports show no comparison for it{hint}",
            )
        )
    return out


def empty_statutory_sections(measures: pd.DataFrame, councils: pd.DataFrame, label: str) -> list[Problem]:
    """The annual report's statutory sections that a council's catalogue leaves empty."""
    cat = statutory_measures()
    known = set(measures["measure"])
    ids = list(councils["council"].dropna())
    out = []
    if not (measures["theme"] == THEME).any():  # none at all: one warning, not one per section
        return [
            Problem(
                label,
                None,
                "theme",
                f"no measure with theme '{THEME}': the annual report's statutory sections "
                f"({'; '.join(dict.fromkeys(sections().values()))}) will be empty",
                f"the {len(cat)} statutory measures of swlib/data/statutory_measures.csv ('swreport init' "
                "writes them; docs/guide.md lists them)",
            )
        ]
    statutory = measures[measures["theme"] == THEME]
    every = set(statutory.loc[statutory["council"].isna(), "outcome"])  # the outcomes every council has
    own: dict = {}
    for council, outcome in zip(statutory["council"], statutory["outcome"], strict=True):
        if pd.notna(council):
            own.setdefault(council, set()).add(outcome)
    for outcome, section in sections().items():
        empty = [] if outcome in every else [c for c in ids if outcome not in own.get(c, ())]
        if not empty:
            continue
        wanted = cat.loc[cat["outcome"] == outcome, "measure"]
        elsewhere = [m for m in wanted if m in known]
        where = "every council" if len(empty) == len(ids) else ", ".join(empty)
        moved = (
            f"; {', '.join(elsewhere)} {'is' if len(elsewhere) == 1 else 'are'} listed with another theme or "
            f"outcome (the report reads theme '{THEME}', outcome '{outcome}')"
            if elsewhere
            else ""
        )
        near = "".join(
            f"; is {close!r} a mistyped {m!r}?"
            for m in wanted
            if m not in known and (close := closest(m, sorted(known - set(wanted))))
        )
        out.append(
            Problem(
                label,
                None,
                "outcome",
                f"no measure with theme '{THEME}' and outcome '{outcome}' for {where}: annual report section "
                f"'{section}' will be empty{moved}{near}",
                f"the statutory measures {', '.join(wanted)} (swlib/data/statutory_measures.csv; "
                "'swreport init' writes them)",
            )
        )
    return out


def lgbf_council_mismatches(councils: pd.DataFrame, label: str) -> list[Problem]:
    """Councils whose family group differs from the LGBF's, or whose id is nearly one of the 32."""
    lg = lgbf_councils().set_index("council")
    by_name = {n.lower(): c for c, n in zip(lg.index, lg["name"], strict=True)}
    by_name |= {n.lower(): c for c, n in zip(lg.index, lg["lgbf_name"], strict=True)}
    out = []
    for row in councils.index:
        council, group = councils.at[row, "council"], councils.at[row, "family_group"]
        if council in lg.index:
            want = int(lg.at[council, "family_group"])
            if pd.notna(group) and int(group) != want:
                out.append(
                    Problem(
                        label,
                        int(row),
                        "family_group",
                        f"{int(group)} for {council}",
                        f"{want}, {lg.at[council, 'name']}'s LGBF family group (council lookups, Deprivation group), "
                        "so that its benchmarks compare it with the same councils as the LGBF does",
                    )
                )
            continue
        name = str(councils.at[row, "name"] or "").strip().lower()
        same = by_name.get(name) or by_name.get(name.removesuffix(" council"))
        hint = f" (did you mean {same!r}?)" if same else did_you_mean(council, list(lg.index))
        if hint:
            out.append(
                Problem(
                    label,
                    int(row),
                    "council",
                    f"{council!r}, which is not how the LGBF benchmarks name a council{hint}",
                    "the id the benchmarks table uses for this council, so its benchmarks can be found",
                )
            )
    return out


def unbased_percentages(obs: pd.DataFrame, measures: pd.DataFrame) -> pd.Series:
    """For each observation: the count a percentage given as a value alone is declared a part of
    (``part_of``) where that count has no figure for the same council and period, so that nothing
    a public report prints is its base and public suppression cannot check it (10.0% of an
    unknown number of children can be 4 of 40); missing (NA) for every other row."""
    out = pd.Series(pd.NA, index=obs.index, dtype="object")
    if "part_of" not in measures or obs.empty:
        return out
    m = measures.drop_duplicates("measure").set_index("measure")
    whole = m["part_of"].where((m["unit"] == "percent") & m["part_of"].map(m["unit"]).isin(COUNT_UNITS))
    bare = obs["value"].notna() & obs["numerator"].isna() & obs["denominator"].isna()
    of = obs["measure"].map(whole.dropna()).where(bare)
    given, _ = values_by_key(obs)
    keys = pd.MultiIndex.from_arrays([obs["council"], obs["period"], of.fillna("")])
    return of.where(of.notna() & ~pd.Series(keys.isin(given.index), index=obs.index), out)


def percentages_without_base(obs: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """Warnings, one a measure and council: a percentage given as a value alone, declared a part
    of a count (``part_of``) that has no figure for some of its periods (``unbased_percentages``):
    its base is unknown there, so a public report prints it unchecked."""
    of = unbased_percentages(obs, measures).dropna()
    out = []
    for (council, measure), rows in obs.loc[of.index].groupby(["council", "measure"], sort=False):
        whole, periods = of[rows.index[0]], list(rows["period"])
        out.append(
            Problem(
                label,
                int(rows.index[0]),
                "value",
                f"{measure} ({council}): {', '.join(periods[:5])}{' ...' if len(periods) > 5 else ''} given as a "
                f"percentage alone (row{'s' if len(rows) > 1 else ''} {row_list(rows.index)}), and {whole}, the "
                f"count it is part_of, has no figure for {'them' if len(rows) > 1 else 'it'}: its base is unknown, "
                "so whether it gives away a small number cannot be checked and public reports print it unchecked",
                f"{whole}'s figure for the same period{'s' if len(rows) > 1 else ''} (then it is checked against "
                "it), or this row's numerator and denominator",
            )
        )
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


def small_population_rates(obs: pd.DataFrame, measures: pd.DataFrame, councils: pd.DataFrame, label: str,
                           settings=None) -> list[Problem]:  # fmt: skip
    """Warnings, one a measure and council (on its first such row): a rate of the council's
    population (``rate_bases.rate_base``: "per 1,000 population aged 0-15", "per 100,000") given
    as a value alone, with no count tied to it (no numerator on its row, no ``part_of``, no count
    measure titled as the rate less what it is per), where at the population councils.csv gives the
    rate is a count from ``suppress_min`` to ``suppress_max`` (``rate_bases.rate_counts``: 0.14
    per 1,000 of 22,010 aged 0-15 is 3 children). A public report prints it [c]; a reader who
    knows the population works the count out of any rate printed elsewhere (a council's own
    papers), and only a count given with it lets the public step check the rest (its complement,
    its change). A population not in councils.csv is not this warning (check-public lists it)."""
    settings = settings or council_settings
    counts = {" ".join(str(t).lower().split()) for t in measures.loc[measures["unit"].isin(COUNT_UNITS), "title"]}
    out = []
    for _, m in measures.drop_duplicates("measure").iterrows():
        base = rate_base(m["title"]) if m["unit"] == "rate" else None
        if base is None or not base.column or not base.per or isinstance(m.get("part_of"), str):
            continue
        if " ".join(rate_head(m["title"]).lower().split()) in counts:
            continue  # its count is a measure of its own: checked with it (population_rates.protect_rates_of_counts)
        decimals = int(m["decimals"]) if pd.notna(m.get("decimals")) else DEFAULT_DECIMALS["rate"]
        rows = obs[(obs["measure"] == m["measure"]) & obs["value"].notna() & obs["numerator"].isna()]
        for council, own in rows.groupby("council", sort=False):
            pop = populations(councils, council).get(base.column)
            if not pop:
                continue
            lo, hi = small_range(settings, council)
            found = [(row, r) for row, r in own.iterrows()
                     if any(lo <= k <= hi for k in rate_counts(float(r["value"]), decimals, base.per, pop))]  # fmt: skip
            if not found:
                continue
            row, r = found[0]
            ks = [k for k in rate_counts(float(r["value"]), decimals, base.per, pop)]
            said = f"{ks[0]}" if len(ks) == 1 else f"{ks[0]} to {ks[-1]}"
            more = f" (and {len(found) - 1} more of its periods)" if len(found) > 1 else ""
            one = base.per / pop
            out.append(Problem(
                label, int(row), "value",
                f"{m['measure']} {r['period']} for {council}: {float(r['value']):g} {base.label} of {int(pop):,} "
                f"({base.column} in councils.csv) is a count of {said}{more}, given with no count",
                f"a rate whose count is {lo} to {hi} is printed [c] in public reports, and anyone who knows the "
                f"population works the count out of it (at this population one is {one:.2g} {base.label.removeprefix('rate ')}): give its "
                "numerator and denominator (the count and the population) on its row, or declare part_of = the "
                "count it is of, so that the count is checked with it",
                council=council,
            ))  # fmt: skip
    return out
