"""Warnings, when the data are validated, about what a public report would withhold or print
unchecked: a measure's title that mentions a small number (printed [withheld]), a percentage given
alone whose declared base has no figure (``unbased_percentages``: printed unchecked), and a rate of
a small population given without its count (a count from ``suppress_min`` to ``suppress_max``).
"""

from __future__ import annotations

import pandas as pd

from .amounts import small_range
from .config import council_settings
from .errors import Problem, row_list
from .rate_bases import populations, rate_base, rate_counts, rate_head
from .schema import COUNT_UNITS, DEFAULT_DECIMALS
from .small_numbers import small_numbers_in
from .undeclared import values_by_key


def _ranges(ids, known: dict) -> list[tuple[int, int]]:
    """The distinct ranges of small numbers of the councils ``ids`` (``small_range``), in the order
    of the first council to have each; ``known`` keeps each council's, read once. A text mentions
    a small number by some council's range exactly when it does by one of these: a panel of a
    thousand councils with the default range is one search a text, not a thousand."""
    for c in ids:
        if c not in known:
            known[c] = small_range(council_settings, c)
    return list(dict.fromkeys(known[c] for c in ids))


def _found(said: dict, text, lo: int, hi: int) -> list[str]:
    """``small_numbers_in(text, lo, hi)`` for a text (none for a blank cell), each text and range once."""
    if not isinstance(text, str):
        return []
    key = (text, lo, hi)
    if key not in said:
        said[key] = small_numbers_in(text, lo, hi)
    return said[key]


def withheld_titles(measures: pd.DataFrame, councils: pd.DataFrame | None, label: str) -> list[Problem]:
    """A measure's title, theme or outcome that a public report prints as [withheld]: it mentions a
    small number by the settings of a council that reports it (``public_text.public_row_text``) and
    no officer has cleared the row. Said before a public report is published (ANALYST-8 #1)."""
    ids = list(councils["council"].dropna()) if councils is not None and "council" in councils else []
    cleared = measures.reindex(columns=["cleared"])["cleared"].astype(str).str.strip().str.lower() == "yes"
    ranges: dict = {}  # council -> its range of small numbers, read once (not once a measure and column)
    every = _ranges(ids, ranges)  # the councils' ranges, each once, in the order of the first to have it
    said: dict = {}  # (text, lo, hi) -> what small_numbers_in finds: a theme is shared by many measures
    out = []
    for row in measures.index[~cleared]:
        council = measures.at[row, "council"] if "council" in measures else None
        whose = _ranges([council], ranges) if isinstance(council, str) and council else every
        for col in ("title", "theme", "outcome"):
            text = measures.at[row, col] if col in measures else None
            found = next((f for lo, hi in whose for f in _found(said, text, lo, hi)), None)
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
