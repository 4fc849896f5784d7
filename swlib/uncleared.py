"""A council's ``public_text`` policy, and what its ``cleared`` setting withholds: every comment
(on an observation row, a blank year's reason, an action's comment) and every narrative paragraph
an officer has not cleared, whether or not a small number was found in it (``public_text`` finds
those, under both settings), each replaced by a note that says so. For a council that will not
rest on a heuristic: a name, a place or a date can identify a child without any number in it.
"""

from __future__ import annotations

import pandas as pd

from .config import council_settings
from .public_text import (
    WITHHELD,
    WITHHELD_NOTE,
    WITHHELD_PASSAGE,
    WITHHELD_PASSAGE_HIDDEN,
    excerpt,
    file_row,
    is_cleared,
    narrative_passages,
    passage_note,
    reason_for,
)
from .records import Records

CHECKED, CLEARED = "checked", "cleared"
NOT_CLEARED = "not cleared by an officer (public_text: cleared)"
# what a public report prints in place of text that is withheld only because no officer cleared it
WITHHELD_UNCLEARED = "A comment was withheld from the public version: it has not been cleared for publication."
WITHHELD_UNCLEARED_NOTE = "not available (the reason was withheld from the public version: not cleared)"
WITHHELD_UNCLEARED_PASSAGE = "A passage was withheld from the public version: it has not been cleared for publication."
_ALREADY = (WITHHELD, WITHHELD_NOTE, WITHHELD_PASSAGE, WITHHELD_PASSAGE_HIDDEN)


def policy(council: str) -> str:
    """The council's ``public_text`` setting: ``checked`` or ``cleared``."""
    return council_settings(council).public_text


def strict(council: str) -> bool:
    return policy(council) == CLEARED


def withhold_uncleared_comments(df: pd.DataFrame, evidence: dict, file: str) -> pd.DataFrame:
    """Under ``cleared``: the public performance table with every comment, and every blank year's
    reason in the data's words, that no officer cleared replaced by a note and added to
    ``attrs["withheld"]`` (``file``: where the observations are). ``evidence`` as
    ``performance_evidence`` gathers it (where each measure's comment and notes are)."""
    out = df.copy()
    withheld = list(df.attrs.get("withheld", []))
    for idx, r in out.iterrows():
        points = evidence.get(r["measure"]) or {}
        for col in ("comment", "year_comment"):  # the row's, or the year's latest (an annual report's page 1)
            src, c = points.get(col), r.get(col)
            if isinstance(c, str) and c.strip() and c not in _ALREADY and not is_cleared(src):
                out.at[idx, col] = WITHHELD_UNCLEARED
                withheld.append({"file": file, "row": file_row(src), "column": "comment", "text": excerpt(c),
                                 "reason": NOT_CLEARED})  # fmt: skip
        notes = dict(r.get("year_notes") or {})
        for col, nsrc in (points.get("notes") or {}).items():
            note = notes.get(col)
            if isinstance(note, str) and note not in _ALREADY and not is_cleared(nsrc):
                notes[col] = WITHHELD_UNCLEARED_NOTE
                withheld.append({"file": file, "row": file_row(nsrc), "column": "comment", "text": excerpt(note),
                                 "reason": NOT_CLEARED})  # fmt: skip
        if "year_notes" in out.columns:
            out.at[idx, "year_notes"] = notes
    out.attrs = {**df.attrs, "withheld": Records(withheld)}
    return out


def withhold_uncleared_actions(acts: pd.DataFrame, file: str) -> pd.DataFrame:
    """Under ``cleared``: the public actions (with their ``cleared`` and ``row`` columns) with
    each comment no officer cleared replaced by a note and added to ``attrs["withheld"]``."""
    out = acts.copy()
    withheld = list(acts.attrs.get("withheld", []))
    for i, r in out.iterrows():
        c = r.get("comment")
        if isinstance(c, str) and c.strip() and c not in _ALREADY and not is_cleared({"cleared": r.get("cleared")}):
            out.at[i, "comment"] = WITHHELD_UNCLEARED
            withheld.append({"file": file, "row": file_row(r), "column": "comment", "text": excerpt(c),
                             "reason": NOT_CLEARED})  # fmt: skip
    out.attrs = {**acts.attrs, "withheld": Records(withheld)}
    return out


def _heading_only(block: str) -> bool:
    lines = [ln for ln in block.splitlines() if ln.strip()]
    return bool(lines) and all(ln.lstrip().startswith("#") for ln in lines)


def cleared_narrative(text: str, lo: int = 1, hi: int = 4, printed=None) -> tuple[str, list[tuple[int, str, str]]]:
    """Under ``cleared``: the narrative markdown a public report prints, front matter removed and
    every paragraph withheld unless the file is cleared (``cleared: yes``) or the paragraph holds a
    phrase its front matter clears and no small number outside the cleared phrases. Headings are kept
    unless they mention a small number. ``printed``: as ``public_narrative`` takes it (the report's
    printed figures, a callable), so that a cleared paragraph that only restates one measure's printed
    figures is not withheld for their difference, as under ``checked``. Returns (markdown, withheld
    (line, passage, reason))."""
    out, withheld = [], []
    for p in narrative_passages(text, lo, hi, printed):
        if p.hits:
            out.append(f"*{passage_note(p.hits[0])}*")
            withheld.append((p.line, p.hits[0], reason_for(p.hits[0])))  # as check-public names it
        elif p.cleared or not p.text.strip() or _heading_only(p.text):
            out.append(p.text)
        else:
            out.append(f"*{WITHHELD_UNCLEARED_PASSAGE}*")
            withheld.append((p.start, excerpt(p.text), NOT_CLEARED))
    return "".join(out), withheld
