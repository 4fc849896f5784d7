"""Free text on one row of a public table set against the figures every row prints and hides.

A comment on its own row that states a figure is withheld where the row prints [c]
(``public_text.restated_on_hidden``). A comment or an action elsewhere can say the same figure:
"Referrals 501 this year" on the referrals row, beside "Looked after children 498 [c]" two
rows below, tells nothing about referrals but that the [c] may be 501; "150 so far this year"
on August's row of a monthly measure, beside the quarter's 153 printed, gives September's 3
(ATTACK-10 #3, #5, #13). The narrative was set against them already (``printed.hidden_given_away``);
here every row's comment and every action is too: a figure equal to a count any row hides, or a
count of its own measure (or of one it names) 1 to 4 from one printed and none of its printed.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .base import WITHHELD_TEXT
from .printed import Series, hidden_given_away
from .public_text import file_row, is_cleared, reason_for
from .records import Records
from .schema import COUNT_UNITS, PROPORTION_UNITS


def hidden_and_shown(r: dict, internal: dict, hidden: list[str], cols: list[str]) -> tuple:
    """A public row's (counts hidden, percentages hidden as (value, decimals), counts printed), by
    ``internal``, its row of the internal table: a count's or number's figures in its ``hidden``
    columns, a percentage's in them and its numerator and denominator where its year to date is
    hidden; the figures of its other columns, a percentage's "x of y"."""
    whole = lambda v: pd.notna(v) and float(v) == round(float(v))  # noqa: E731
    if r["unit"] in PROPORTION_UNITS:
        counts = [internal.get(c) for c in ("numerator", "denominator")] if "to_date" in hidden else []
        shares = tuple(
            (float(internal[c]), int(r.get("decimals") or 0))
            for c in hidden
            if r["unit"] == "percent" and pd.notna(internal.get(c))
        )
        shown = [r.get(c) for c in ("numerator", "denominator")]
        return tuple(float(v) for v in counts if whole(v)), shares, tuple(float(v) for v in shown if whole(v))
    if r["unit"] not in COUNT_UNITS:
        return (), (), ()
    counts = [internal.get(c) for c in hidden]  # a number's with its decimals too ("12.5" said of a hidden 12.5)
    shown = [r.get(c) for c in cols if c not in hidden]
    return tuple(float(v) for v in counts if pd.notna(v)), (), tuple(float(v) for v in shown if whole(v))


def table_series(public: list[dict], internal: list[dict], hidden: list[list[str]], cols: list[str]) -> list:
    """Each row's ``printed.Series`` (``tables`` False) of what it hides and prints, as
    ``hidden_and_shown`` gives them; None for a row that does neither. ``public``: the rows as the
    public table prints them; ``internal``: as the data give them; ``hidden``: each row's columns
    printed [c]; ``cols``: the columns that print a figure."""
    out = []
    for r, inner, h in zip(public, internal, hidden, strict=True):
        given = hidden_and_shown(r, inner, [c for c in cols if c in h], cols)
        out.append(Series(str(r["title"]), {}, "", (), *given, tables=False) if any(given) else None)
    return out


def given_away(text: str, series: Callable[[], list], own: Callable[[Series], bool], lo: int, hi: int) -> list[str]:
    """What ``text`` gives back of the table (``printed.hidden_given_away``'s findings, reason
    first): ``series``, a callable giving ``table_series``'s list (called only where ``text`` says a
    figure above ``hi``); ``own``: whether a series is of a measure the text is on (a row's comment,
    an action's measures), taken as named whether the text says it or not."""

    def printed() -> list[Series]:
        return [s for s in series() if s is not None]

    return hidden_given_away(text, printed, lo, hi, own=own)


WITHHELD_GIVEN = (
    "A comment was withheld from the public version: a small number could be worked out from it with the "
    "published figures."
)


def comments_given_away(
    public: list[dict], internal: list[dict], evidence: dict, series: list, lo: int, hi: int
) -> tuple[dict[tuple[int, str], str], list[dict]]:
    """The comments of a public table (``comment``, and an annual report's ``year_comment``) that
    give back what any row hides or a count 1 to 4 from its own row's printed figures (``given_away``),
    unless an officer cleared them or the public step withheld them already: ({(row's position,
    column): what the report prints instead}, what the run lists). ``public``, ``internal``: as
    ``table_series`` takes them; ``series``: its list; ``evidence``: by measure, where each text is."""
    new, withheld = {}, []
    for i, (r, inner) in enumerate(zip(public, internal, strict=True)):
        points = evidence.get(inner["measure"]) or {}
        for col in ("comment", "year_comment"):
            said = r.get(col)
            if not isinstance(said, str) or said != inner.get(col) or is_cleared(points.get(col)):
                continue  # none, cleared, or withheld already
            mine = series[i]  # its own row's, by position: two measures may have one title
            hits = given_away(said, lambda: series, lambda s, m=mine: s is m, lo, hi)
            if hits:
                new[(i, col)] = WITHHELD_GIVEN
                withheld.append({"file": "observations", "row": file_row(points.get(col)), "column": "comment",
                                 "text": hits[0], "reason": reason_for(hits[0])})  # fmt: skip
    return new, withheld


def actions_given_away(acts: pd.DataFrame, series: list, lo: int, hi: int, file: str) -> pd.DataFrame:
    """The public actions (``public_text.public_actions``'s, with their ``cleared`` and ``row``, the
    measure text as titles) with each action or comment that gives back what the public table
    hides, or a count 1 to 4 from a printed figure of the action's measures or one it names
    (``given_away``; ``series``: the public table's ``table_series``), withheld unless cleared;
    ``attrs["withheld"]`` adds them (``file``: where the actions are)."""
    out = acts.copy()
    withheld = list(acts.attrs.get("withheld", []))
    for i, r in out.iterrows():
        if is_cleared({"cleared": r.get("cleared")}):
            continue
        own = tuple(t.strip() for t in str(r.get("measure") or "").split(";") if t.strip())
        for col, note in (("action", WITHHELD_TEXT), ("comment", WITHHELD_GIVEN)):
            said = r.get(col)
            hits = (
                given_away(said, lambda: series, lambda s, o=own: s.title in o, lo, hi) if isinstance(said, str) else []
            )
            if hits:
                out.at[i, col] = note
                withheld.append({"file": file, "row": file_row(r), "column": col, "text": hits[0],
                                 "reason": reason_for(hits[0])})  # fmt: skip
    out.attrs = {**acts.attrs, "withheld": Records(withheld)}
    return out
