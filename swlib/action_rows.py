"""The action rows a report prints: a council's actions for the period (or the latest earlier
update of the same year), their measures named by their titles, and for the public the text that
mentions a small number withheld unless cleared.
"""

from __future__ import annotations

import pandas as pd

from . import uncleared
from .config import council_settings
from .dataset import Dataset
from .hidden import suppressed_columns
from .other_rows import actions_given_away
from .periods import Period
from .public_text import public_actions, table_file
from .status import performance


def actions(ds: Dataset, council: str, period, audience: str = "internal", perf=None) -> pd.DataFrame:
    """The action rows for the period (or the latest earlier report of the same year). For the
    public, text that mentions a small number is withheld unless cleared (``attrs["withheld"]``),
    and any text that states a figure on an action of a measure whose public row prints a figure
    [c] (``perf``: the public performance table, where worked out already)."""
    P = Period.parse(period)
    ds.council_name(council)
    a = ds.actions[ds.actions["council"] == council]
    periods = {p: Period.parse(p) for p in a["period"].unique()}
    # a year's row is shown by no report (validate says so: checks.year_actions), not Quarter 4's by the file's order
    same_year = [p for p, pp in periods.items() if pp.fy == P.fy and pp.end <= P.end and pp.kind != "year"]
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
            extra["on_hidden"], extra["measure_text"] = _on_hidden(ds, council, P, chosen["measure"], perf)
            out = public_actions(pd.concat([out, extra], axis=1), ds, council)
            if perf is None:  # what its text is set against: the public table's figures, printed and hidden
                perf = performance(ds, council, P, audience="public")
            cfg = council_settings(council)
            out = actions_given_away(out, perf.attrs.get("given", []), cfg.suppress_min, cfg.suppress_max,
                                     table_file(ds, "actions"))  # fmt: skip
            if uncleared.strict(council):  # every comment an officer has not cleared (params: public_text)
                out = uncleared.withhold_uncleared_actions(out, table_file(ds, "actions"))
            out = out.drop(columns=["cleared", "row", "on_hidden", "measure_text"])
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


def _ids(ds: Dataset, text) -> list[str]:
    """The measure ids an action's measure text names (one, or several separated by ';' or ','); none
    where it is text of its own."""
    if not isinstance(text, str):
        return []
    parts = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
    return parts if parts and all(p in set(ds.measures["measure"]) for p in parts) else []


def _on_hidden(ds: Dataset, council: str, P: Period, measures: pd.Series, perf) -> tuple[list[bool], list[bool]]:
    """For each action's measure text: whether a measure it names has a figure the public table
    prints [c] (its year to date, last year or a year column; not only its status or trend), and
    whether it is text of its own (not measure ids, printed as their titles)."""
    ids = [_ids(ds, m) for m in measures]
    if not any(ids):
        return [False] * len(ids), [not i for i in ids]
    if perf is None:
        perf = performance(ds, council, P, audience="public")
    hidden = {
        str(r["measure"])
        for r in perf.to_dict("records")
        if suppressed_columns(r) - {"status", "trend", "numerator", "denominator"}
    }
    return [any(i in hidden for i in m) for m in ids], [not i for i in ids]
