"""The action rows a report prints: a council's actions for the period (or the latest earlier
update of the same year), their measures named by their titles, and for the public the text that
mentions a small number withheld unless cleared.
"""

from __future__ import annotations

import pandas as pd

from . import public_text
from .dataset import Dataset
from .periods import Period
from .public_text import public_actions, table_file


def actions(ds: Dataset, council: str, period, audience: str = "internal") -> pd.DataFrame:
    """The action rows for the period (or the latest earlier report of the same year). For the
    public, text that mentions a small number is withheld unless cleared (``attrs["withheld"]``)."""
    P = Period.parse(period)
    ds.council_name(council)
    a = ds.actions[ds.actions["council"] == council]
    periods = {p: Period.parse(p) for p in a["period"].unique()}
    same_year = [p for p, pp in periods.items() if pp.fy == P.fy and pp.end <= P.end]
    cols = ["theme", "outcome", "action", "measure", "status", "comment", "period", "source"]
    if not same_year:
        out = pd.DataFrame(columns=cols)
    else:
        best = max(same_year, key=lambda p: periods[p].end)
        out = a[a["period"] == best][cols].reset_index(drop=True)
        out["measure"] = out["measure"].map(lambda m: _measure_titles(ds, m))
        if audience == "public":
            chosen = a[a["period"] == best]
            extra = chosen.reindex(columns=["cleared"]).assign(row=chosen.index).reset_index(drop=True)
            out = public_actions(pd.concat([out, extra], axis=1), ds, council)
            if public_text.strict(council):  # every comment an officer has not cleared (params: public_text)
                out = public_text.withhold_uncleared_actions(out, table_file(ds, "actions"))
            out = out.drop(columns=["cleared", "row"])
    out.attrs.update(council=council, period=str(P))
    return out


def _measure_titles(ds: Dataset, text):
    """An action's measure text as readers know it: measure ids (one, or several separated by ';'
    or ',') become their titles; any other text is kept as written."""
    if not isinstance(text, str) or not text.strip():
        return text
    titles = dict(zip(ds.measures["measure"], ds.measures["title"], strict=True))
    parts = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
    if parts and all(p in titles for p in parts):
        return "; ".join(titles[p] for p in parts)
    return text
