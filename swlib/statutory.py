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
