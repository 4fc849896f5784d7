"""A percentage typed as a fraction (0.93 for 93%): a value given without its counts, an error
where the measure's other values say the scale is 0 to 100 (``percent_typos``), and a percentage
target of 1 or less, an error where the figures say so (``percent_target_typos``), else a warning
(``percent_targets``). Each message says the figure probably meant (``as_percent``).
"""

from __future__ import annotations

import pandas as pd

from .errors import Problem


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
