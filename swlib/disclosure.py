"""Statistical disclosure control for the public audience.

Counts from ``suppress_min`` to ``suppress_max`` (1-4 by default, set in params/), and the
percentages, numerators and denominators built on them, are replaced by the GSS symbol
``[c]``. Where a suppressed cell could be worked out from a total, a second cell is
suppressed too (secondary suppression). Free-text comments that mention small numbers are
listed for an officer to reword before publication (``swreport check-public``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

SYMBOL = "[c]"
FOOTNOTE = "[c] Figure suppressed to protect confidentiality: it, or a figure it is built on, is from 1 to 4."
COUNT_UNITS = ("count",)


def suppressed_columns(row) -> set[str]:
    """The columns of a performance row that public suppression replaced (its ``suppressed`` list)."""
    return set(filter(None, (row.get("suppressed") or "").split(",")))


def is_small(x, lo: int, hi: int):
    """True where ``x`` is a count from lo to hi (missing values are not small)."""
    return (x >= lo) & (x <= hi)


def _small_base(pair, lo, hi) -> bool:
    if not isinstance(pair, tuple):
        return False
    return any(v is not None and not pd.isna(v) and lo <= v <= hi for v in pair)


def _small_step(step, is_count: bool, lo: int, hi: int) -> bool:
    """Whether one period's own figure (value, numerator, denominator), worked out by
    subtracting the cumulative figure before, is a small count."""
    if not isinstance(step, tuple):
        return False
    value, num, den = step
    return (is_count and not pd.isna(value) and lo <= value <= hi) or _small_base((num, den), lo, hi)


def suppress_performance(df: pd.DataFrame, cfg) -> pd.DataFrame:
    """Blank every small count, every figure built on a small numerator or denominator, every
    cumulative figure from which a small count could be worked out by subtracting the one
    published a period before (secondary suppression across periods), and what is derived
    from a blanked figure: its status and its trend.

    The ``suppressed`` column lists the columns replaced in each row (the tables print [c]).
    """
    from .status import SUPPRESSED

    out = df.copy()
    lo, hi = cfg.suppress_min, cfg.suppress_max
    years = list(df.attrs.get("years", []))
    is_count = out["unit"].isin(COUNT_UNITS)
    small_now = is_small(out["numerator"], lo, hi) | is_small(out["denominator"], lo, hi)
    hidden: list[list[str]] = [[] for _ in range(len(out))]
    for i, (idx, r) in enumerate(out.iterrows()):
        counts = r.get("year_counts") or {}
        steps = r.get("increments") or {}
        for col in ["to_date", "last_year", *years]:
            v = r[col]
            base_small = bool(small_now.loc[idx]) if col == "to_date" else _small_base(counts.get(col), lo, hi)
            step_small = not pd.isna(v) and _small_step(steps.get(col), bool(is_count.loc[idx]), lo, hi)
            if (is_count.loc[idx] and not pd.isna(v) and lo <= v <= hi) or base_small or step_small:
                hidden[i].append(col)
        if "to_date" in hidden[i] and (r["status"] in ("Green", "Amber", "Red") or r["status_source"] == "override"):
            hidden[i].append("status")
        if ("to_date" in hidden[i] or "last_year" in hidden[i]) and r["trend"] != "no comparison":
            hidden[i].append("trend")
    for i, idx in enumerate(out.index):
        for col in hidden[i]:
            if col == "status":
                out.at[idx, "status"], out.at[idx, "status_source"] = SUPPRESSED, "suppressed"
            elif col == "trend":
                out.at[idx, "trend"] = SYMBOL
            else:
                out.at[idx, col] = np.nan
        if "to_date" in hidden[i] or small_now.loc[idx]:
            out.at[idx, "numerator"] = np.nan
            out.at[idx, "denominator"] = np.nan
        out.at[idx, "year_counts"] = {}
        out.at[idx, "increments"] = {}
    out["suppressed"] = [",".join(h) for h in hidden]
    out.attrs = dict(df.attrs)
    return out


def suppress_table(
    values: pd.DataFrame, lo: int = 1, hi: int = 4, total_row: str | None = None, total_col: str | None = None
) -> pd.DataFrame:
    """Primary and secondary suppression of a table of counts.

    Returns a boolean frame, True where a cell must be shown as [c]: every count from lo to hi,
    and, in any row or column that has a total and exactly one suppressed cell, the next
    smallest cell too (else the suppressed one could be recovered by subtraction).
    """
    v = values.astype(float)
    mask = is_small(v, lo, hi).fillna(False)
    if total_row is not None:
        mask.loc[total_row] = False
    if total_col is not None:
        mask[total_col] = False
    changed = True
    while changed:  # each added cell can expose another line: repeat until stable
        changed = False
        lines = []
        if total_row is not None:
            lines += [("col", c) for c in v.columns if c != total_col]
        if total_col is not None:
            lines += [("row", r) for r in v.index if r != total_row]
        for kind, key in lines:
            cells = v[key].drop(total_row) if kind == "col" else v.loc[key].drop(total_col)
            m = mask[key].drop(total_row) if kind == "col" else mask.loc[key].drop(total_col)
            if m.sum() == 1:
                candidates = cells[~m & cells.notna() & (cells > 0)]
                if len(candidates):
                    pick = candidates.idxmin()
                    if kind == "col":
                        mask.loc[pick, key] = True
                    else:
                        mask.loc[key, pick] = True
                    changed = True
    return mask


_WORDS = r"one|two|three|four"  # "one" is matched, then let through (too common)
_SMALL = re.compile(rf"(?<![\d.,£%])\b([1-4]|{_WORDS})\b(?![\d.,]*\s*%|[.,]\d)", re.IGNORECASE)
_DATE_LIKE = re.compile(
    r"\b(quarter|q|stage|level|tier|phase|section|appendix|table|page|option|h|week|weeks|month|months|year|years|day|days|hours|minutes)\s*$",
    re.IGNORECASE,
)


def small_numbers_in(text: str) -> list[str]:
    """Numbers from 1 to 4 in free text that may describe people ("3 children"), for an officer to check.

    Skips percentages, money, decimals and words that make a number a label ("Quarter 2",
    "Stage 1", "within 2 days").
    """
    if not isinstance(text, str):
        return []
    found = []
    for m in _SMALL.finditer(text):
        before = text[: m.start()]
        if _DATE_LIKE.search(before):
            continue
        after = text[m.end() : m.end() + 12]
        if m.group(1).lower() == "one" or re.match(r"\s+of\b", after):
            continue  # "one" is too common a word to flag, and "two of the..." names no one
        if re.match(
            r"\s*(day|days|week|weeks|month|months|year|years|hour|hours|working|times?|january|february|march|april|may|june|july|august|september|october|november|december)\b",
            after,
            re.IGNORECASE,
        ):
            continue
        found.append(text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip())
    return found


def check_public(ds, council: str, period) -> list[dict]:
    """Comments and narrative going into a public report that mention small numbers."""
    from .narrative import SECTIONS, narrative_dir
    from .periods import Period

    P = Period.parse(period)
    findings = []
    obs = ds.observations
    rows = obs[(obs["council"] == council) & obs["comment"].notna()]
    rows = rows[
        rows["period"].map(
            lambda p: (Period.parse(p).fy == P.fy and Period.parse(p).end <= P.end) or Period.parse(p) == P.year_period
        )
    ]
    for i, r in rows.iterrows():
        for hit in small_numbers_in(r["comment"]):
            findings.append({"file": "observations.csv", "row": i + 2, "column": "comment", "text": hit})
    acts = ds.actions
    for i, r in acts[
        (acts["council"] == council) & (acts["period"].map(lambda p: Period.parse(p).fy) == P.fy)
    ].iterrows():
        for col in ("comment", "action", "measure"):
            for hit in small_numbers_in(r[col]):
                findings.append({"file": "actions.csv", "row": i + 2, "column": col, "text": hit})
    folder = narrative_dir(ds.path) / council / str(P.year_period)
    for name in SECTIONS:
        f = folder / f"{name}.md"
        if f.is_file():
            for n, line in enumerate(f.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
                for hit in small_numbers_in(line):
                    findings.append(
                        {
                            "file": str(f.relative_to(narrative_dir(ds.path).parent)),
                            "row": n,
                            "column": None,
                            "text": hit,
                        }
                    )
    return findings
