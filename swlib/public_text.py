"""Free text in a public report: what it withholds of comments, actions and narrative.

``checked`` (the default): a comment, an action or a narrative paragraph is withheld from a public
report when ``small_numbers_in`` finds a count from ``suppress_min`` to ``suppress_max`` in it, and
an officer has not cleared it (``cleared`` = yes on the row; front matter in narrative files:
``narrative_cleared``); ``swlib.publishing`` lists it beforehand (``check_public``) and says what a
public report left out (``withheld``); ``swlib.small_numbers`` finds it. A council's ``public_text``
in params/councils.yaml may be ``cleared`` instead (``swlib.uncleared``): every comment (on an observation
row, a blank year's reason, an action's comment) and every narrative paragraph is withheld unless an
officer cleared it, found or not: for a council that will not rest on a heuristic (a name, a place
or a date can identify a child without any number in it). Headings are kept, as under ``checked``.
Applied after the ``checked`` step, so what that step withheld stays withheld, for its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .base import WITHHELD_TEXT
from .config import council_settings
from .multiples import MULTIPLE, multiple_hits
from .number_words import NUMBER_WORDS
from .passage_lines import passage_line
from .printed import (
    APART_REASON,
    NOT_FIGURES,
    STATES_HIDDEN,
    hidden_given_away,
    multiples_given_away,
    restates_printed,
)
from .records import Records
from .schema import COUNT_UNITS
from .sentence_counts import counts_said_across
from .small_numbers import ONE_PERSON, TOKEN, count_of, small_count, small_numbers_in

WITHHELD = "A comment was withheld from the public version because it mentions a small number."
WITHHELD_NOTE = "not available (the reason was withheld from the public version: it mentions a small number)"
REASON = "mentions a small number"
# a comment that states any figure, on a row the public table prints with a figure [c] (ATTACK-9 #4: "13
# secure placements so far this year" beside the [c] of that same 13)
WITHHELD_RESTATED = (
    "A comment was withheld from the public version: it states a figure of a row whose figure is suppressed."
)
REASON_RESTATED = "states a figure on a row whose figure is suppressed [c]"
_A_FIGURE = re.compile(
    r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|dozen|hundred|thousand|twice|once|"
    r"doubled|halved|trebled|tripled|quadrupled|half|third|quarter|fifth)\b", re.I
)  # fmt: skip


def reason_for(hit: str) -> str:
    """Why a passage is withheld, as the run lists it: "describes one person" for a sentence about one
    person (``small_numbers.one_person_in``), ``printed.STATES_HIDDEN`` or ``printed.APART_FROM_PRINTED``
    for a figure that gives back what the report prints [c] (``printed.hidden_given_away``), else ``REASON``."""
    apart = APART_REASON.match(str(hit))  # in the council's own small numbers ("from 1 to 9")
    if apart:
        return apart.group()
    return next((why for why in (ONE_PERSON, STATES_HIDDEN) if str(hit).startswith(f"{why}:")), REASON)


def table_file(ds, table: str) -> str:
    """Where an analyst finds a table's rows: ``observations.csv``, or the workbook's sheet."""
    path = Path(getattr(ds, "path", "") or "")
    return f"{path.name}, sheet {table}" if path.suffix.lower() in (".xlsx", ".xlsm") else f"{table}.csv"


def is_cleared(source) -> bool:
    v = source.get("cleared") if isinstance(source, dict) else None
    return isinstance(v, str) and v.strip().lower() == "yes"


def file_row(source) -> int | None:
    """The file's row of a table row (the header is row 1)."""
    v = source.get("row") if hasattr(source, "get") else None
    return int(v) + 2 if v is not None and not pd.isna(v) else None


def row_figures(r: dict, years=()) -> list[float]:
    """The figures of a performance row a change said as a multiple in its comment ("doubled",
    ``multiples``) is set against, as the data give them (a figure the public table hides too:
    "doubled" beside it ties it to the one printed): a count's figures of each column, and the
    year to date's numerator and denominator."""
    cols = ["to_date", "last_year", *years] if r.get("unit") in COUNT_UNITS else []
    cols = [c for c in cols if c in r] + [c for c in ("numerator", "denominator") if c in r]
    return [float(r[c]) for c in cols if pd.api.types.is_number(r[c]) and not pd.isna(r[c])]


def public_row_text(r: dict, points: dict, years, lo: int = 1, hi: int = 4) -> tuple[dict, list[dict]]:
    """The free text of a performance row ``r`` a public report withholds, unless an officer cleared
    it (``cleared`` = yes): its comment where it mentions a small number, or says a change as a
    multiple ("doubled") of a small count of the row's figures (``row_figures``, ``years``: the
    table's year columns); the measure's own words (title, theme, outcome); the data's own words on
    why a figure is missing (``year_notes``, printed where the figure would be). ``points``: the
    row's evidence, where each text came from. Returns (the row's new text by column: ``year_notes``
    always; what was withheld, as the run lists it)."""
    text, withheld = {}, []
    for col in ("comment", "year_comment"):  # the row's, or the year's latest (an annual report's page 1)
        src, said = points.get(col), r.get(col)
        if isinstance(said, str) and not is_cleared(src):
            counts = r.get("unit") in COUNT_UNITS  # a share ("8.8% of this year's incidents") is of a count's figures
            found = small_numbers_in(said, lo, hi) or multiple_hits(said, row_figures(r, years), lo, hi, shares=counts)
            if found:
                text[col] = WITHHELD
                withheld.append({"file": "observations", "row": file_row(src), "column": "comment", "text": found[0],
                                 "reason": reason_for(found[0])})  # fmt: skip
    msrc = points.get("measure") or {}
    for col in ("title", "theme", "outcome"):  # the measure's own words
        found = [] if is_cleared(msrc) else small_numbers_in(r[col], lo, hi)
        if found:
            text[col] = WITHHELD_TEXT
            withheld.append({"file": "measures", "row": file_row(msrc), "column": col, "text": found[0],
                             "reason": reason_for(found[0])})  # fmt: skip
    notes = dict(r.get("year_notes") or {})
    for col, src in (points.get("notes") or {}).items():  # why a figure is missing, in the data's words
        found = small_numbers_in(notes.get(col), lo, hi) if not is_cleared(src) else []
        if found:
            notes[col] = WITHHELD_NOTE
            withheld.append({"file": "observations", "row": file_row(src), "column": "comment", "text": found[0],
                             "reason": reason_for(found[0])})  # fmt: skip
    text["year_notes"] = notes
    return text, withheld


def restated_on_hidden(r: dict, points: dict, printed_comment, col: str = "comment") -> tuple[str, dict] | None:
    """(the comment a public report prints, what the run lists) for the comment of a row the public
    table prints with a figure [c], where the comment states any figure (digits, number words,
    "doubled", "a third"): beside the [c] it may be that same figure or one that gives it (the
    year to date that the earlier quarter's published figure differences to 1 to 4). None where
    it states none, an officer cleared it, or it is withheld already (``printed_comment``)."""
    comment = r.get(col)  # ``col``: the row's comment, or the year's latest (``year_comment``)
    src = points.get(col)
    if not isinstance(comment, str) or is_cleared(src) or printed_comment != comment:
        return None
    if not states_a_figure(comment):
        return None
    return WITHHELD_RESTATED, {"file": "observations", "row": file_row(src), "column": "comment",
                               "text": excerpt(comment), "reason": REASON_RESTATED}  # fmt: skip


def narrative_cleared(text: str) -> tuple[bool, set[str], str]:
    """A narrative file's own clearance, from front matter an officer adds at its top::

        ---
        cleared: yes                 # every passage of the file is cleared for the public
        ---

    or ``cleared:`` followed by a list of the exact phrases cleared (``- "one of our two
    secure units"``). Returns (whole file cleared, phrases cleared, the text without the front matter)."""
    m = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", text, re.DOTALL)
    if not m:
        return False, set(), text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        meta = {}
    body = text[m.end() :]
    c = meta.get("cleared") if isinstance(meta, dict) else None
    if c is True or (isinstance(c, str) and c.strip().lower() == "yes"):
        return True, set(), body
    phrases = {str(x) for x in c} if isinstance(c, list) else set()
    return False, phrases, body


def narrative_blocks(body: str) -> list[str]:
    """A narrative's paragraphs and the blank lines between them (``re.split(r"(\n[ \t]*\n)", body)``),
    a table written in HTML kept whole where blank lines part its rows (it prints as one table)."""
    out, depth = [], 0
    for i, piece in enumerate(re.split(r"(\n[ \t]*\n)", body)):
        if out and depth > 0:
            out[-1] += piece
        else:
            out.append(piece)
        if i % 2 == 0:
            for closing in re.findall(r"<(/?)table\b", piece, re.I):  # a table's start tag or its end tag
                depth = depth - 1 if closing else depth + 1
            depth = max(0, depth)
    return out


def _without_finding(phrase: str, lo: int, hi: int) -> str:
    """A cleared phrase as the rest of its paragraph is checked against it: its own small counts
    made "several" ("one of our two secure units"), its other counts kept (the 45 of "Of the 45
    children referred" still counts for "43 were accepted"); where it still gives a count away
    itself, only its figures, then nothing."""
    small = TOKEN.sub(lambda m: "several" if small_count(count_of(m.group("n")), lo, hi) else m.group(0), phrase)
    figures = " ".join(m.group(0) for m in TOKEN.finditer(phrase) if not small_count(count_of(m.group("n")), lo, hi))
    return next((t for t in (small, figures) if not small_numbers_in(t, lo, hi)), "")


def uncleared_hits(text: str, phrases: set[str], lo: int = 1, hi: int = 4) -> list[str]:
    """``small_numbers_in(text)`` less the findings of the cleared phrases in it: clearing a phrase
    clears what the phrase gives away, never the rest of its sentence or paragraph, which is
    checked with the phrase's counts in it ("Of the 45 children referred" cleared: "..., 43 were
    accepted" still gives 2 away)."""
    hits = small_numbers_in(text, lo, hi)
    mine = sorted((p for p in phrases if p and p in text), key=len, reverse=True)
    if not hits or not mine:
        return hits
    for p in mine:
        text = text.replace(p, _without_finding(p, lo, hi))
    return small_numbers_in(text, lo, hi)


@dataclass(frozen=True)
class Passage:
    """One paragraph of a narrative file, as a public report reads it (``narrative_passages``)."""

    text: str  # as written, with the blank lines before it
    start: int  # the line of the file its first words are on
    hits: tuple[str, ...]  # the small numbers in it no officer cleared (none where the page prints them)
    cleared: bool  # the whole file is cleared, or the paragraph holds a phrase its front matter clears
    line: int  # the line a withheld passage is named by, as check-public names it
    found: tuple[str, ...] = ()  # the small numbers in it, cleared or not (none where the page prints them)


def narrative_passages(text: str, lo: int = 1, hi: int = 4, printed=None) -> list[Passage]:
    """The paragraphs of a narrative file's text, front matter removed, each with the small numbers
    in it that no officer cleared. ``printed``: a callable giving the report's printed figures
    (``publishing.printed_series``); a paragraph that only restates one measure's printed figures
    has none. What check-public lists and what a public report withholds are both read from these
    (``found``, ``hits``), so the two agree."""
    whole, phrases, body = narrative_cleared(text)
    line = 1 + text[: len(text) - len(body)].count("\n")
    out, before = [], ""
    for b in narrative_blocks(body):
        start = line + len(b) - len(b.lstrip("\n"))
        line += b.count("\n")
        found = small_numbers_in(b, lo, hi) if b.strip() else []
        if found and printed is not None and restates_printed(b, printed(), lo, hi):
            found = []  # the page prints these figures: the passage gives nothing more away
        # "doubled" with no figure, of a measure the page prints: its figures give the others away
        multiples = multiples_given_away(b, printed, lo, hi) if printed is not None and b.strip() else []
        found += [h for h in multiples if h not in found]
        # a figure the report prints [c] in place of, or 1 to 4 from a printed one of a measure it names
        given = hidden_given_away(b, printed, lo, hi) if printed is not None and b.strip() else []
        found += [h for h in given if h not in found]
        # with the paragraph before it, where it reads on from it ("Of them, 309 were ...", under a heading's 312)
        across = [p for p, _ in counts_said_across(before, b, lo, hi)] if b.strip() else []
        found += [h for h in across if h not in found]
        before = b if b.strip() else before
        hits = [] if whole or not found else uncleared_hits(b, phrases, lo, hi)
        if multiples and not whole and not any(p in b and MULTIPLE.search(p) for p in phrases):
            hits += [h for h in multiples if h not in hits]  # not cleared by a phrase that says the multiple
        if not whole:  # not cleared by a phrase that says the figure
            hits += [h for h in across if h not in hits]
            hits += [
                h for h in given if h not in hits and not any(p in b and h.split(": ", 1)[1] in p for p in phrases)
            ]
        at = passage_line(b, start, lambda s: uncleared_hits(s, phrases, lo, hi)) if hits else start
        if found and not hits:  # cleared: named by the line of its first small number, as if it were not
            at = passage_line(b, start, lambda s: small_numbers_in(s, lo, hi))
        out.append(Passage(b, start, tuple(hits), whole or any(p in b for p in phrases), at, tuple(found)))
    return out


def narrative_findings(text: str, lo: int = 1, hi: int = 4, printed=None) -> list[tuple[int, str, bool]]:
    """What check-public lists of a narrative file's text: (line, passage, cleared) for each
    paragraph with a small number, named by its line as a public run names it; cleared where an
    officer cleared it (a public report prints it). ``printed``: as ``narrative_passages`` takes it."""
    return [(p.line, (p.hits or p.found)[0], not p.hits) for p in narrative_passages(text, lo, hi, printed) if p.found]


def public_narrative(text: str, lo: int = 1, hi: int = 4, printed=None) -> tuple[str, list[tuple[int, str]]]:
    """The narrative markdown a public report prints: front matter removed, and each paragraph
    with a small number no officer cleared replaced by a note; or, where the small number is in
    some of its sentences and the rest of the paragraph passes the same checks without them, only
    those sentences, each run of them replaced by a note where it was (``SENTENCE_WITHHELD``: public
    Dundee 2016/17 withheld its whole complaints paragraph, and the 50% of investigations finished
    on time with it, for "Two of them progressed to the final stage", COMMITTEE-9 #11). Returns
    (markdown, withheld (line, passage) pairs). ``printed``: as ``narrative_passages`` takes it."""
    body = narrative_cleared(text)[2]
    front = text[: len(text) - len(body)]
    passages = narrative_passages(text, lo, hi, printed)
    blocks = [p.text for p in passages]
    cut: dict[int, tuple[str, list[str | None]]] = {}  # a paragraph's sentences, None where withheld
    for k, p in enumerate(passages):
        split = _sentences(p.text) if p.hits else None
        if split is None:
            continue
        lead, said = split
        alone = [_hits(front + x, lo, hi, printed) for x in said]
        if not any(alone) or all(alone):
            continue  # the small number is in no sentence alone (it takes two of them), or in every one
        kept = [None if a else x for x, a in zip(said, alone, strict=True)]
        trial = [*blocks[:k], _joined(lead, kept, None), *blocks[k + 1 :]]
        after = narrative_passages(front + "".join(trial), lo, hi, printed)
        if after[k].hits or any(q.hits and not o.hits for q, o in zip(after, passages, strict=True)):
            continue  # what is left still gives a small number away, or makes the next paragraph give one
        blocks, cut[k] = trial, (lead, kept)
    final = narrative_passages(front + "".join(blocks), lo, hi, printed)
    out, withheld = [], []
    for k, (p, q) in enumerate(zip(passages, final, strict=True)):
        hits = p.hits or q.hits
        if k in cut:
            out.append(_joined(*cut[k], f"*{SENTENCE_WITHHELD}*"))
        elif hits:
            out.append(f"*{passage_note(hits[0])}*")
        else:
            out.append(p.text)
        if hits:
            withheld.append((p.line, hits[0]))  # the line the passage is on, as check-public names it
    return "".join(out), withheld


# a paragraph's sentences: split after . ! or ? and the space before a capital, a quote or a bracket;
# only plain prose is split (not a list, a table, a heading or a quotation, nor HTML)
_SENTENCE_END = re.compile(r"(?<=[.!?])([ \t]+|[ \t]*\n[ \t]*)(?=[A-Z\"'“‘(\[*_])")
_NOT_PROSE = re.compile(r"^\s*(?:[-*+>#|]|\d+[.)])\s|<", re.MULTILINE)

SENTENCE_WITHHELD = "A sentence was withheld from the public version here because it mentions a small number."


def _sentences(paragraph: str) -> tuple[str, list[str]] | None:
    """A prose paragraph as (the space before it, its sentences), None where it is not plain
    prose or is a single sentence."""
    lead = paragraph[: len(paragraph) - len(paragraph.lstrip())]
    rest = paragraph[len(lead) :]
    if not rest or _NOT_PROSE.search(rest):
        return None
    parts = _SENTENCE_END.split(rest)
    return None if len(parts) < 3 else (lead, parts[0::2])


def _hits(text: str, lo: int, hi: int, printed) -> bool:
    """Whether a public report would withhold ``text`` (front matter and one sentence) as a passage."""
    return any(p.hits for p in narrative_passages(text, lo, hi, printed))


def _joined(lead: str, said: list[str | None], note: str | None) -> str:
    """A paragraph put back together from its sentences (``_sentences``), each run of withheld
    ones (None) as ``note``, or left out where ``note`` is None; one space between sentences (a
    line break within a paragraph prints as a space)."""
    out: list[str] = []
    for x in said:
        x = x if x is not None else note
        if x is not None and not (x == note and out and out[-1] == note):
            out.append(x)
    return lead + " ".join(out)


WITHHELD_PASSAGE = "A passage was withheld from the public version because it mentions a small number."
WITHHELD_PASSAGE_HIDDEN = "A passage was withheld from the public version: it states a figure the report suppresses."


def passage_note(hit: str) -> str:
    """What a public report prints in place of a withheld paragraph, for its first finding."""
    return WITHHELD_PASSAGE_HIDDEN if reason_for(hit) == STATES_HIDDEN else WITHHELD_PASSAGE


def states_a_figure(text) -> bool:
    """Whether ``text`` states a figure (digits, number words, "doubled", "a third"), a duration,
    a date, a year or a stage aside ("at 20 weeks", "by 31 March 2024", "2023-24", "Q2")."""
    return isinstance(text, str) and bool(_A_FIGURE.search(NOT_FIGURES.sub(" ", text)))


def _yes(v) -> bool:
    """A flag column's value is true (a bool, not a missing value)."""
    return isinstance(v, bool | np.bool_) and bool(v)


def public_actions(acts: pd.DataFrame, ds, council: str) -> pd.DataFrame:
    """The actions a public report prints: any theme, outcome, action, measure or comment text that mentions a
    small number, unless cleared, replaced by a note; ``attrs["withheld"]`` lists them. An action of
    a measure whose public row prints a figure [c] (``on_hidden``, where the rows say so) has any
    of its text that states a figure withheld too, as a comment on that row is (``restated_on_hidden``):
    "Not on course: 13 placements in the year to March" beside the [c] of that same 13. Its
    ``measure`` text is checked only where written as text (``measure_text``), not a measure's title."""
    cfg = council_settings(council)
    out = acts.copy()
    withheld = []
    for i, r in out.iterrows():
        if is_cleared({"cleared": r.get("cleared")}):
            continue
        for col in ("theme", "outcome", "action", "measure", "comment"):
            hits = small_numbers_in(r[col], cfg.suppress_min, cfg.suppress_max)
            if hits:
                out.at[i, col] = WITHHELD if col == "comment" else WITHHELD_TEXT
                withheld.append({"file": table_file(ds, "actions"), "row": file_row(r), "column": col,
                                 "text": hits[0], "reason": reason_for(hits[0])})  # fmt: skip
            elif (
                _yes(r.get("on_hidden"))
                and (col != "measure" or _yes(r.get("measure_text")))
                and states_a_figure(r[col])
            ):
                out.at[i, col] = WITHHELD_RESTATED if col == "comment" else WITHHELD_TEXT
                withheld.append({"file": table_file(ds, "actions"), "row": file_row(r), "column": col,
                                 "text": excerpt(r[col]), "reason": REASON_RESTATED})  # fmt: skip
    out.attrs = {**acts.attrs, "withheld": Records(withheld)}
    return out


def excerpt(text: str, n: int = 60) -> str:
    """A little of a withheld text, for the list an officer reads (which prints it as "...text...")."""
    return " ".join(str(text).split())[:n]
