"""Warnings from the data set set against the reference lists swlib ships: an LGBF code the
benchmarks have no rows for, a statutory section of the annual report the catalogue leaves empty
(``swlib/data/statutory_measures.csv``), a council whose family group differs from the LGBF's or
whose id is nearly one of the 32.
"""

from __future__ import annotations

import pandas as pd

from .errors import Problem
from .statutory import THEME, closest, did_you_mean, lgbf_councils, sections, statutory_measures


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
