"""The quarterly report's first page, what a committee needs before anything else: how many
measures are at each status, what changed since the quarter before, and each measure needing
attention in one line."""

from __future__ import annotations

import pandas as pd

from .base import SUPPRESSED
from .errors import SwError
from .formatting import slug
from .periods import Period

ORDER = ["Green", "Amber", "Red", "Report later", "Data only"]
RANK = {"Green": 0, "Amber": 1, "Red": 2}  # better to worse; other statuses are not compared


def previous_quarter(P: Period) -> Period:
    """The quarter before ``P`` (Q1's is the year before's Q4)."""
    return Period.quarter(P.fy, P.number - 1) if P.number > 1 else Period.quarter(P.fy - 1, 4)


def status_changes(perf: pd.DataFrame, before: pd.DataFrame) -> list[dict]:
    """Measures whose Green/Amber/Red status moved since ``before`` (the performance table of
    the quarter before), worse first: ``{"title", "was", "now", "better"}``."""
    was = dict(zip(before["measure"], before["status"], strict=True))
    out = []
    for r in perf.to_dict("records"):
        old, new = was.get(r["measure"]), r["status"]
        if old in RANK and new in RANK and old != new:
            out.append({"title": r["title"], "was": old, "now": new, "better": RANK[new] < RANK[old]})
    return sorted(out, key=lambda c: c["better"])


def briefing_view(ds, council: str, perf: pd.DataFrame, P: Period, audience: str = "internal") -> dict:
    """``{"counts": [(status, n)], "total", "since", "changes", "attention": [{"id", "title",
    "status", "line"}]}`` for the first page of the quarterly report."""
    from .status import performance

    counts = perf["status"].value_counts()
    prev = previous_quarter(P)
    try:
        before = performance(ds, council, prev, audience=audience)
    except SwError:  # an earlier quarter the data cannot give: nothing to compare with, said so
        before = None
    changes = status_changes(perf, before) if before is not None else None
    attention = [
        {"id": f"attention-{slug(r['measure'])}", "title": r["title"], "status": r["status"],
         "line": r.get("sentence") or ""}
        for r in perf.to_dict("records") if r["status"] in ("Red", "Amber") and pd.notna(r["to_date"])
    ]  # fmt: skip
    attention.sort(key=lambda a: -RANK[a["status"]])
    return {
        "counts": [(s, int(counts.get(s, 0))) for s in ORDER]
        + ([(SUPPRESSED, int(counts[SUPPRESSED]))] if counts.get(SUPPRESSED) else []),  # the counts add up
        "total": len(perf),
        "since": prev.label,
        "changes": changes,
        "attention": attention,
    }
