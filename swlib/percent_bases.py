"""A percentage given as a value alone, printed beside the count it is a percentage of.

Public suppression checks a percentage through its numerator and denominator; one given as a value
alone cannot be checked, and a public report prints it ("not checked", ``unchecked.not_checked``).
Printed beside its base, though, it gives its numerator away: "7.1%" with a comment "42 children
were looked after at 31 March" is 3 of 42. ``derivable`` finds each such pair in what a public
report prints in one row (the figure, and the comment, the measure's words and the reasons for blank
years beside it) where the numerator, or the base less it, is a count from ``suppress_min`` to
``suppress_max``; a public run refuses to render it (exit 2) until the numerator and denominator
are given (then suppression applies), the text is reworded, or an officer clears the rows.
"""

from __future__ import annotations

import pandas as pd

from .config import council_settings
from .errors import ConfigError
from .periods import Period
from .public_text import is_cleared, table_file
from .sentence_counts import counts_in_sentence
from .small_numbers import numerators
from .status import performance
from .text_windows import SENTENCE

_WORDS = ("comment", "title", "theme", "outcome")  # printed beside the figure in the row, as printed


def _counts(text) -> list[float]:
    if not isinstance(text, str):
        return []
    return [v for s in SENTENCE.finditer(text) for v, _noun in counts_in_sentence(s.group(0))]


def derivable(ds, council: str, period) -> list[dict]:
    """Each value-only percentage a public report for ``period`` prints beside a count that gives
    its numerator away: {file, row, column, measure, percent, base, count, text}; none where the
    rows are cleared (``cleared`` = yes on the observation rows of the measure)."""
    cfg = council_settings(council)
    lo, hi = cfg.suppress_min, cfg.suppress_max
    pub = performance(ds, council, Period.parse(period), audience="public")
    years = list(pub.attrs.get("years", []))
    obs = ds.observations
    obs = obs[obs["council"] == council]
    ms = ds.measures.drop_duplicates("measure").set_index("measure")
    found = []
    for r in pub.to_dict("records"):
        if r["unit"] != "percent" or pd.notna(r["numerator"]) or pd.notna(r["denominator"]):
            continue
        mine = obs[obs["measure"] == r["measure"]]
        if len(mine) and mine.reindex(columns=["cleared"])["cleared"].map(lambda c: is_cleared({"cleared": c})).all():
            continue  # an officer has checked the counts behind its figures
        texts = [("comment", r.get("comment"))] + [(c, r.get(c)) for c in _WORDS[1:]]
        texts += [("definition", ms["definition"].get(r["measure"]) if "definition" in ms else None)]
        texts += [("comment", note) for note in (r.get("year_notes") or {}).values()]
        for col in ["to_date", "last_year", *years]:
            p = r.get(col)
            if pd.isna(p) or not 0 < p < 100:
                continue
            for where, text in texts:
                for base in _counts(text):
                    ks = [k for k in numerators(p, r["decimals"], base) if lo <= k <= hi or lo <= base - k <= hi]
                    if ks:
                        found.append(_finding(ds, mine, r, where, text, col, p, base, ks[0]))
                        break
                else:
                    continue
                break
    return found


def _finding(ds, mine, r, where, text, col, p, base, k) -> dict:
    if where == "comment":
        rows = mine.index[mine["comment"] == text]
        file, row = table_file(ds, "observations"), (int(rows[0]) + 2 if len(rows) else None)
    else:
        rows = ds.measures.index[ds.measures["measure"] == r["measure"]]
        file, row = table_file(ds, "measures"), (int(rows[0]) + 2 if len(rows) else None)
    return {"file": file, "row": row, "column": where, "measure": r["measure"], "percent": f"{p:g}", "base": base,
            "count": k, "column_shown": col, "text": " ".join(str(text).split())[:80]}  # fmt: skip


def lines(found: list[dict]) -> list[str]:
    """Each of ``derivable``'s findings in a line: file, row, column, the text found and the count."""
    return [
        f"{f['file']}, row {f['row']}, column '{f['column']}': {f['measure']} prints {f['percent']}% "
        f"({f['column_shown']}) beside '{f['text']}': {f['percent']}% of {f['base']:,.0f} is {f['count']:,}"
        + (f", leaving {f['base'] - f['count']:,.0f}" if f["count"] > f["base"] / 2 else "")
        for f in found
    ]


def refuse(ds, council: str, period, key: str) -> None:
    """A ConfigError (exit 2) naming each value-only percentage ``derivable`` finds in the public
    report ``key`` (file, row, the text found) and what to do."""
    found = derivable(ds, council, period)
    if not found:
        return
    raise ConfigError(
        f"the public {key} would give away a small number: a percentage given as a value alone, printed "
        "beside the count it is a percentage of, gives its numerator away:\n  " + "\n  ".join(lines(found)) + "\n"
        "give the numerator and denominator on the measure's rows (public suppression then applies), reword "
        "the text, or set cleared = yes on the measure's rows once an officer has checked the counts"
    )
