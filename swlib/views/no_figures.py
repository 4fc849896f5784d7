"""The measures with no figures yet (a new council's before its first return), as plain data for
the shared macros: one table at the end of the performance section instead of a row of "Report
later" each, how page 1's summary counts them, and the ``swreport template`` and ``merge``
commands that bring their figures in (printed by ``swreport run``, not in the report).
"""

from __future__ import annotations

import pandas as pd

from ..periods import Period
from ..rows import records
from ..status import without_figures
from ..validate import plural


def summary_count(perf: pd.DataFrame, none: pd.DataFrame) -> str:
    """How page 1's summary counts the measures with no figures yet (``none``, of ``perf``): one
    reported during the year is late, counted as Report later; one counted once a year has nothing
    due in a quarter, so page 1 leaves it out and says so in one line (``briefing.counted``)."""
    in_quarter = Period.parse(perf.attrs["period"]).kind != "year" if perf.attrs.get("period") else False
    a = sum(in_quarter and Period.parse(p).kind == "year" for p in none["period_shown"])
    late = len(none) - a
    if not a:
        return "Each is counted as Report later in the summary."
    if not late:
        return (
            f"{'It is' if a == 1 else 'Each is'} counted once a year, with nothing due this quarter, so the summary "
            "on page 1 leaves " + ("it" if a == 1 else "them") + " out and says so in one line."
        )
    return (
        f"The {plural(late, 'measure')} reported during the year {'is' if late == 1 else 'are'} counted as Report later "
        f"in the summary; the {plural(a, 'measure')} counted once a year, with nothing due this quarter, "
        f"{'is' if a == 1 else 'are'} not (page 1 says so in one line)."
    )


def no_figures_view(perf: pd.DataFrame) -> dict | None:
    """The measures with no figures yet, in one table at the end of the performance section
    rather than a row of "Report later" each (None when there are none); an internal report
    says in words how to add them (``returns_needed`` gives the commands, for the run's output)."""
    none = perf[without_figures(perf)]
    if none.empty:
        return None
    rows = [
        {"title": r["title"], "theme": r["theme"], "outcome": r["outcome"] if isinstance(r["outcome"], str) else "",
         "period": Period.parse(r["period_shown"]).label}
        for r in records(none)
    ]  # fmt: skip
    n = len(rows)
    lead = (
        f"{n} {'measure has' if n == 1 else 'measures have'} no figures yet: none for the period shown, none in the "
        f"last three years, and no reason given. {summary_count(perf, none)}"
    )
    yearly = sorted({r["period"] for r, p in zip(rows, none["period_shown"], strict=True)
                     if p != perf.attrs.get("period")})  # fmt: skip
    if yearly:  # a measure counted once a year: the year a report in this period can show is one that has ended
        lead += (
            f" A measure counted once a year needs its figure for the latest year that has ended "
            f"({', '.join(yearly)}), which comes in a return for that year."
        )
    how = None
    if perf.attrs.get("audience") != "public":  # what to do, in words: the commands are in the run's output
        how = (
            "To add their figures, the return for the period each needs is filled in and merged into the data set "
            "(the guide's 'Setting up a new council' says how). A figure that will not come can be given a reason "
            "in the return's comment column, and the report prints it."
        )
    return {"lead": lead, "how": how, "rows": by_outcome(rows), "caption": "Measures with no figures yet"}


def by_outcome(rows: list[dict]) -> list[dict]:
    """The measures with no figures yet, a row per theme, outcome and period needed (in the order
    they come), their titles in one cell: a new council's first quarterly report gave its 26
    statutory measures a row each over two and a half pages, 'Statutory functions' and '2025/26'
    in every row, after a page and a half of its own figures (COMMITTEE-11 #8)."""
    out: dict[tuple, dict] = {}
    for r in rows:
        key = (r["theme"], r["outcome"], r["period"])
        out.setdefault(key, {"theme": r["theme"], "outcome": r["outcome"], "period": r["period"], "titles": []})
        out[key]["titles"].append(r["title"])
    return [{**g, "measures": "; ".join(g["titles"])} for g in out.values()]


def returns_needed(perf: pd.DataFrame, council: str) -> list[str]:
    """The commands that bring in the figures of the measures with no figures yet, one
    ``swreport template`` per period they need, then ``merge``: printed by ``swreport run``, not
    in the report a committee reads."""
    none = perf[without_figures(perf)]
    return return_commands(council, sorted(set(none["period_shown"]), key=lambda p: Period.parse(p).sort_key))


def return_commands(council: str, periods) -> list[str]:
    """A ``swreport template`` for each period's return, then ``merge``; [] for no period."""
    periods = list(periods)
    templates = [f"swreport template RETURN.xlsx --council {council} --period {p}" for p in periods]
    return templates + (["swreport merge RETURN.xlsx"] if periods else [])
