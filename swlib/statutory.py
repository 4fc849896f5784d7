"""What every council's data set shares, shipped inside the package as plain CSV files.

- ``data/statutory_measures.csv``: the statutory-functions catalogue the CSWO annual report
  reads. Its statutory sections show the measures with theme ``Statutory functions`` and the
  outcome named in the section (``Child protection``, ``Complaints``...); the ``section`` column
  says which numbered section of the annual report each measure feeds. ``swreport init``
  writes these rows into a new council's ``measures`` table; ``swreport validate`` warns when
  they are missing.
- ``data/lgbf_councils.csv``: the 32 councils as swreport names them, the LGBF's own spelling,
  and the LGBF family group (the council lookups' ``Deprivation`` group, August 2020: the
  family groups for children's, social work and housing services).
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import Problem

DATA = Path(__file__).parent / "data"
THEME = "Statutory functions"
# the annual report's chapter 6 shows these outcomes in this order; 7 and 8 show one each
PERFORMANCE_OUTCOMES = (
    "Child protection",
    "Looked after children",
    "Adult support and protection",
    "Mental health officer services",
    "Justice social work",
)


@lru_cache(maxsize=1)
def _statutory() -> pd.DataFrame:
    return pd.read_csv(DATA / "statutory_measures.csv", dtype=str, keep_default_na=False)


def statutory_measures() -> pd.DataFrame:
    """The statutory-functions catalogue: measure, title, theme, outcome, unit, polarity,
    frequency, aggregate, decimals, definition and the annual report ``section`` it feeds."""
    return _statutory().copy()


def with_catalogue_parts(measures: pd.DataFrame) -> pd.DataFrame:
    """``measures`` with the catalogue's own ``part_of`` where a statutory measure's row leaves it
    blank: complaints upheld and complaints finalised in time, percentages given alone, are shares
    of the complaints received printed beside them (5.1% of 78 is 4), so the public step checks
    them against that count (``whole_parts.protect_percent_parts``). Only where the row is the
    catalogue's (its id and unit, a statutory measure every council shares) and its whole is in
    ``measures``; a council's own declaration is kept as it is."""
    cat = _statutory()
    parts = {r["measure"]: r for r in cat.to_dict("records") if r.get("part_of")}
    if measures.empty or "measure" not in measures:
        return measures
    known = set(measures["measure"])
    current = measures["part_of"] if "part_of" in measures else pd.Series(None, index=measures.index, dtype=object)
    shared = measures["council"].isna() if "council" in measures else pd.Series(True, index=measures.index)
    fill = {
        i: parts[m]["part_of"]
        for i, m, unit, own, every in zip(
            measures.index, measures["measure"], measures["unit"], current, shared, strict=True
        )
        if m in parts and unit == parts[m]["unit"] and every and pd.isna(own) and parts[m]["part_of"] in known
    }
    if not fill:
        return measures
    out = measures.copy()
    if "part_of" not in out:
        out["part_of"] = pd.Series(None, index=out.index, dtype=object)
    for i, whole in fill.items():
        out.at[i, "part_of"] = whole
    return out


def shipped_ids(measures: pd.DataFrame) -> set[str]:
    """The ids of ``measures`` rows that are the catalogue's own (a statutory measure every council
    shares, its id and unit the catalogue's): what the analyst did not define."""
    cat = dict(zip(_statutory()["measure"], _statutory()["unit"], strict=True))
    shared = measures["council"].isna() if "council" in measures else pd.Series(True, index=measures.index)
    return {m for m, u, every in zip(measures["measure"], measures["unit"], shared, strict=True)
            if every and cat.get(m) == u}  # fmt: skip


def sections() -> dict[str, str]:
    """Outcome -> the annual report section it fills, in report order."""
    cat = _statutory()
    return dict(zip(cat["outcome"], cat["section"], strict=True))


@lru_cache(maxsize=1)
def _lgbf_councils() -> pd.DataFrame:
    df = pd.read_csv(DATA / "lgbf_councils.csv", dtype=str, keep_default_na=False)
    df["family_group"] = df["family_group"].astype(int)
    return df


def lgbf_councils() -> pd.DataFrame:
    """The 32 Scottish councils: ``council`` id, ``name``, ``lgbf_name``, ``family_group``."""
    return _lgbf_councils().copy()


def lgbf_family_group(council: str) -> int | None:
    """The LGBF family group of one of the 32 councils (by swreport id), else None."""
    df = _lgbf_councils()
    row = df[df["council"] == council]
    return None if row.empty else int(row["family_group"].iloc[0])


# How alike a word must be to a known one to be offered as what was meant ("did you mean ...?"):
# difflib's ratio. One cut-off for every id swreport checks (councils, measures, LGBF codes).
TYPO_CUTOFF = 0.75


def closest(word: str, known) -> str | None:
    """The one of ``known`` that ``word`` is most likely a typo of, else None."""

    if not isinstance(word, str) or not word:
        return None
    same = [k for k in known if isinstance(k, str) and k.lower() == word.lower()]  # FIFE for fife
    if same:
        return same[0]
    close = difflib.get_close_matches(word, [k for k in known if isinstance(k, str)], n=1, cutoff=TYPO_CUTOFF)
    return close[0] if close else None


def did_you_mean(word: str, known) -> str:
    """' (did you mean 'x'?)' when ``word`` is a likely typo of one of ``known``, else ''."""
    close = closest(word, known)
    return f" (did you mean {close!r}?)" if close else ""


def _key(text) -> str | None:
    """A theme or outcome as compared with the catalogue's: case and spacing aside."""
    return " ".join(text.split()).casefold() if isinstance(text, str) else None


def canonical_names(measures: pd.DataFrame) -> pd.DataFrame:
    """``measures`` with a theme that is ``THEME`` but for case or spacing ('Statutory Functions')
    read as ``THEME``, and, under it, an outcome that is a statutory section's but for case or
    spacing ('Mental Health Officer Services') read as the section's: a council's own statutory
    measure so typed is in the annual report's section, not left out of it without a word
    (ANALYST-8 #13). ``name_slips`` warns of each."""
    if measures.empty or "theme" not in measures or "outcome" not in measures:
        return measures
    outcomes = {_key(o): o for o in sections()}
    theme = measures["theme"].map(lambda t: THEME if _key(t) == _key(THEME) else t)
    outcome = measures["outcome"].where(theme.ne(THEME), measures["outcome"].map(lambda o: outcomes.get(_key(o), o)))
    if theme.equals(measures["theme"]) and outcome.equals(measures["outcome"]):
        return measures
    return measures.assign(theme=theme, outcome=outcome)


def name_slips(measures: pd.DataFrame, label: str) -> list:
    """Warnings (``errors.Problem``) at each measures row whose theme or, under ``THEME``, outcome
    differs from the catalogue's only in case or spacing (read as it: ``canonical_names``), or
    whose outcome under ``THEME`` is no section's (the annual report shows it nowhere), with the
    likely one ("did you mean")."""
    if measures.empty or "theme" not in measures or "outcome" not in measures:
        return []
    outcomes = {_key(o): o for o in sections()}
    out = []
    for i, theme, outcome, measure in zip(
        measures.index, measures["theme"], measures["outcome"], measures["measure"], strict=True
    ):
        if not isinstance(theme, str):
            continue
        if theme != THEME and _key(theme) == _key(THEME):
            out.append(Problem(label, int(i), "theme", f"{theme!r} for {measure}",
                               f"{THEME!r}, as the annual report's statutory sections spell it (read as it)"))  # fmt: skip
        elif theme != THEME:
            if closest(theme, [THEME]):
                found = f"{theme!r} for {measure}: the annual report's statutory sections show only theme {THEME!r}"
                out.append(Problem(label, int(i), "theme", found,
                                   f"{THEME!r} (did you mean it?) for a statutory measure; else this theme"))  # fmt: skip
            continue
        if not isinstance(outcome, str) or outcome in outcomes.values():
            continue
        if _key(outcome) in outcomes:
            right = outcomes[_key(outcome)]
            out.append(Problem(label, int(i), "outcome", f"{outcome!r} for {measure}",
                               f"{right!r}, as the annual report's section spells it (read as it)"))  # fmt: skip
        else:
            near = closest(outcome, list(outcomes.values()))
            out.append(
                Problem(
                    label,
                    int(i),
                    "outcome",
                    f"{outcome!r} for {measure}, theme {THEME!r}: no statutory section of the annual report has "
                    "that outcome, so the measure is in none of them",
                    f"one of {', '.join(outcomes.values())}"
                    + (f" (did you mean {near!r}?)" if near else "")
                    + f", or another theme than {THEME!r} for a measure of the council's own",
                )
            )
    return out
