"""Statistical disclosure control for the public audience.

One rule for everything a public reader can combine: no count from ``suppress_min`` to
``suppress_max`` (1-4 by default, set in params/) can be read or worked out from one public
report or from all the public reports of the same measure together. A figure is replaced by
the GSS symbol ``[c]`` where it is such a count (units ``count`` and ``number``, and any
numerator or denominator), where its complement is (denominator minus numerator), where
subtracting any cumulative figure the year's public reports print before it gives one
(``figure_hidden``), or where a table's total would give one back (``suppress_table``); so is
everything derived from it (status, trend, sentence, chart point, export cell, five-year trend).
Free text that mentions a small number (``small_numbers_in``) is withheld from public reports
unless an officer cleared it (``cleared`` = yes on the row; front matter in narrative files);
``check_public`` lists it beforehand and ``withheld`` says what a public report left out.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .base import FOOTNOTE, SUPPRESSED, SYMBOL  # noqa: F401 (disclosure's names)
from .config import council_settings
from .periods import Period
from .schema import NARRATIVE_SECTIONS as SECTIONS
from .schema import narrative_dir

COUNT_UNITS = ("count", "number")  # units that count people or events


def suppressed_columns(row) -> set[str]:
    """The columns of a performance row that public suppression replaced (its ``suppressed`` list)."""
    return set(filter(None, (row.get("suppressed") or "").split(",")))


def is_small(x, lo: int, hi: int):
    """True where ``x`` is a count from lo to hi (missing values are not small)."""
    return (x >= lo) & (x <= hi)


def _small(x, lo: int, hi: int) -> bool:
    return x is not None and not pd.isna(x) and lo <= round(float(x), 6) <= hi


def figure_hidden(points: list[tuple], unit: str, aggregate: str, lo: int, hi: int) -> bool:
    """Whether the last of ``points`` (cumulative figures of one measure in one year as public
    reports print them, oldest first, each (value, numerator, denominator, parts)) must be
    suppressed: a count, numerator or denominator from lo to hi (an average of counts: also its
    total, the average times its periods), a small complement (denominator
    minus numerator: "67 of 70" tells that 3 did not), or a small difference from any figure
    printed before it in the year (the count, numerator, denominator or complement of the
    periods in between; for averages of counts, their totals)."""
    return hidden_why(points, unit, aggregate, lo, hi) is not None


HIDDEN_WHY = {  # why a figure is suppressed, as a public report's sentence says it
    "small": "it, or a number it is built on, is small",
    "complement": "a small number could be worked out from it by subtraction (the cases that did not meet it)",
    "earlier": "a small number could be worked out by subtracting it from a figure published earlier",
}


def hidden_why(points: list[tuple], unit: str, aggregate: str, lo: int, hi: int) -> str | None:
    """Why ``figure_hidden`` hides the last of ``points``: "small" (a count, numerator,
    denominator or total from lo to hi), "complement" (its denominator minus its numerator is),
    "earlier" (its difference from a figure printed before it in the year is); None when it
    is shown. ``HIDDEN_WHY`` words each."""
    if not points:
        return None
    v, n, d, k = points[-1]
    count = unit in COUNT_UNITS
    if (count and _small(v, lo, hi)) or _small(n, lo, hi) or _small(d, lo, hi):
        return "small"
    if aggregate == "mean" and count and _small(v * k, lo, hi):
        return "small"  # an average of counts times its periods is their total: 0.7 a month over 3 months is 2
    if unit == "percent" and _small(d - n, lo, hi):
        return "complement"
    if aggregate == "latest":
        return None  # snapshots: the difference of two is not a count of anyone
    for pv, pn, pd_, pk in points[:-1]:
        if aggregate == "mean":
            if count and _small(v * k - pv * pk, lo, hi):
                return "earlier"
            continue
        if (count and _small(v - pv, lo, hi)) or _small(n - pn, lo, hi) or _small(d - pd_, lo, hi):
            return "earlier"
        if unit == "percent" and _small((d - n) - (pd_ - pn), lo, hi):
            return "earlier"
    return None


def suppress_performance(df: pd.DataFrame, cfg) -> pd.DataFrame:
    """Blank every figure a public reader could turn into a count from ``suppress_min`` to
    ``suppress_max`` (see ``figure_hidden``: directly, as a complement, or by subtracting any
    figure the public reports of the year print before it), and what is derived from a blanked
    figure: its status and its trend. Comments that mention small numbers, and the data's own
    words on why a figure is missing (printed where the figure would be), are withheld unless
    an officer cleared them (``cleared`` = yes); ``attrs["withheld"]`` lists them.

    The ``suppressed`` column lists the columns replaced in each row (the tables print [c]),
    ``suppressed_why`` why each figure is (``hidden_why``: "to_date:small,last_year:earlier").
    """
    out = df.copy()
    lo, hi = cfg.suppress_min, cfg.suppress_max
    years = list(df.attrs.get("years", []))
    hidden: list[list[str]] = [[] for _ in range(len(out))]
    why: list[list[str]] = [[] for _ in range(len(out))]
    withheld = []
    for i, (idx, r) in enumerate(out.iterrows()):
        points = r.get("points") or {}
        for col in ["to_date", "last_year", *years]:
            reason = hidden_why(points.get(col, []), r["unit"], r.get("aggregate", "sum"), lo, hi)
            if reason:
                hidden[i].append(col)
                why[i].append(f"{col}:{reason}")
        if "to_date" in hidden[i] and (r["status"] in ("Green", "Amber", "Red") or r["status_source"] == "override"):
            hidden[i].append("status")
        if ("to_date" in hidden[i] or "last_year" in hidden[i]) and r["trend"] != "no comparison":
            hidden[i].append("trend")
        src = r.get("comment_source")
        if isinstance(r["comment"], str) and not _cleared(src):
            found = small_numbers_in(r["comment"], lo, hi)
            if found:
                out.at[idx, "comment"] = WITHHELD
                withheld.append({"file": "observations", "row": _row(src), "column": "comment", "text": found[0],
                                 "reason": REASON})  # fmt: skip
        notes = dict(r.get("year_notes") or {})
        for col, src in (points.get("notes") or {}).items():  # why a figure is missing, in the data's words
            found = small_numbers_in(notes.get(col), lo, hi) if not _cleared(src) else []
            if found:
                notes[col] = WITHHELD_NOTE
                withheld.append({"file": "observations", "row": _row(src), "column": "comment", "text": found[0],
                                 "reason": REASON})  # fmt: skip
        out.at[idx, "year_notes"] = notes
    for i, idx in enumerate(out.index):
        for col in hidden[i]:
            if col == "status":
                out.at[idx, "status"], out.at[idx, "status_source"] = SUPPRESSED, "suppressed"
            elif col == "trend":
                out.at[idx, "trend"] = SYMBOL
            else:
                out.at[idx, col] = np.nan
        if "to_date" in hidden[i]:
            out.at[idx, "numerator"] = np.nan
            out.at[idx, "denominator"] = np.nan
    out["suppressed"] = [",".join(h) for h in hidden]
    out["suppressed_why"] = [",".join(w) for w in why]  # "last_year:earlier": why each figure is hidden
    out = out.drop(columns=["points"], errors="ignore")
    out.attrs = dict(df.attrs)
    out.attrs["withheld"] = withheld
    return out


WITHHELD = "A comment was withheld from the public version because it mentions a small number."
WITHHELD_NOTE = "not available (the reason was withheld from the public version: it mentions a small number)"
REASON = "mentions a small number"


def table_file(ds, table: str) -> str:
    """Where an analyst finds a table's rows: ``observations.csv``, or the workbook's sheet."""
    from pathlib import Path

    path = Path(getattr(ds, "path", "") or "")
    return f"{path.name}, sheet {table}" if path.suffix.lower() in (".xlsx", ".xlsm") else f"{table}.csv"


def _cleared(source) -> bool:
    v = source.get("cleared") if isinstance(source, dict) else None
    return isinstance(v, str) and v.strip().lower() == "yes"


def _row(source) -> int | None:
    """The file's row of a table row (the header is row 1)."""
    v = source.get("row") if hasattr(source, "get") else None
    return int(v) + 2 if v is not None and not pd.isna(v) else None


def suppress_table(
    values: pd.DataFrame, lo: int = 1, hi: int = 4, total_row: str | None = None, total_col: str | None = None
) -> pd.DataFrame:
    """Primary and secondary suppression of a table of counts.

    Returns a boolean frame, True where a cell must be shown as [c]: every count from lo to hi,
    and, in any row or column that has a total, whatever else it takes so that the total minus
    the cells shown never gives back a suppressed cell or a small count: while the line has one
    suppressed cell, or its suppressed cells add up to lo..hi, the next smallest positive cell
    is suppressed too, and where there is none left (50, [c], 0 -> Total 53), the total.
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
            total_at = (total_row, key) if kind == "col" else (key, total_col)
            if mask.loc[total_at]:
                continue  # the total is suppressed: nothing can be taken from it
            cells = v[key].drop(total_row) if kind == "col" else v.loc[key].drop(total_col)
            m = mask[key].drop(total_row) if kind == "col" else mask.loc[key].drop(total_col)
            if m.sum() == 0 or (m.sum() >= 2 and not _small(cells[m].sum(), lo, hi)):
                continue
            candidates = cells[~m & cells.notna() & (cells > 0)]
            pick = candidates.idxmin() if len(candidates) else None
            if pick is None:
                mask.loc[total_at] = True
            elif kind == "col":
                mask.loc[pick, key] = True
            else:
                mask.loc[key, pick] = True
            changed = True
    return mask


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a single": 1, "a couple of": 2, "a couple": 2, "a pair of": 2,
                 "twice": 2}  # fmt: skip
# beyond ten, words matter in "x of y": "eleven of the fourteen" gives away 3
_TEENS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS.update({w: 11 + i for i, w in enumerate(_TEENS)})
for _i, _t in enumerate(_TENS):
    _NUMBER_WORDS[_t] = 20 + 10 * _i
    for _j, _u in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")):
        _NUMBER_WORDS[f"{_t}-{_u}"] = _NUMBER_WORDS[f"{_t} {_u}"] = 21 + 10 * _i + _j
_NUM = r"\d+(?:\.0+)?(?![\d.,]*\d)"  # 2, 2.0 (a whole number written with a point), 1,234
_WORD = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_TOKEN = re.compile(rf"(?<![\w£$€.,/-])(?P<n>{_NUM}|{_WORD})(?P<x>x)?(?![\w%£]|[.,]\d)", re.IGNORECASE)
_OF = re.compile(rf"\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?P<m>{_NUM}|{_WORD})?", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"\b(quarters?|q|stages?|levels?|tiers?|phases?|sections?|appendix|appendices|tables?|pages?|options?|h|weeks?|"
    r"months?|years?|days?|hours|minutes|priority|priorities|grades?|steps?|figures?|charts?|items?|paragraphs?|no|"
    r"number|version|bands?|category|categories|wards?|rooms?|units?|areas?|locality|localities|parts?|top)"
    r"(\s*\d+\s*(,|and|or|to|-|&))*\s*$",  # "quarters 2 and 4": the 4 is a label too
    re.IGNORECASE,
)
# a number word counts someone only when it is about people or events ("one child", "two of them");
# "a single Children and Families Service" or "teams in four localities" count no one
_NOUNS = (
    r"child|children|young|person|people|persons|adults?|men|man|women|woman|boys?|girls?|"
    r"babies|baby|infants?|famil(y|ies)|carers?|clients?|service users?|users?|cases?|referrals?|deaths?|"
    r"placements?|complaints?|patients?|individuals?|offenders?|prisoners?|residents?|parents?|pupils?|victims?|"
    r"incidents?|registrations?|re-registrations?|orders?|admissions?|applications?|investigations?|"
    r"allegations?|staff|workers?|social workers?|siblings?|twins|households?|detentions?|hearings?|"
    r"LAC|LAAC|CYP|YP|CPOs?|CSOs?|DTTOs?"  # the shorthand councils write for the people they count
)
_PEOPLE = re.compile(rf"(\W+\w+){{0,3}}?\W+({_NOUNS}|them|whom|who|were|was|had|have|has)\b", re.IGNORECASE)
_NOUN = re.compile(rf"\b({_NOUNS})\b", re.IGNORECASE)
# a capitalised name after a number word: "a single Children and Families Service" names a service
# (counts no one), "two Looked After Children" or "two Child Protection Orders" counts its last word
_NAME_AFTER = re.compile(r"\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|and|of|for|the|&))*)")
_PERSONS = (r"child|person|adult|man|woman|boy|girl|baby|infant|family|carer|client|patient|individual|offender|"
            r"prisoner|resident|parent|pupil|victim|service user")  # fmt: skip
_YEAR_BEFORE = re.compile(r"\b(in|for|during|since|from|by|until|to|of|years?|fy)\s*$", re.IGNORECASE)
# a count said without a number: one person in a past event ("a child died", "a young person was placed"),
# "the only child", "both young people", "a second child", "the 3rd re-registration"
_IMPLIED = re.compile(
    rf"\b(?:(?:a|an|another)\s+(?:young\s+)?(?:{_PERSONS})\s+(?:was|died|had\s+been|has\s+been)\b|"
    rf"(?:the\s+only|the\s+sole|a\s+second|a\s+third|a\s+fourth|the\s+(?:2nd|3rd|4th|second|third|fourth))"
    rf"\s+(?:\w+\s+)?(?:{_NOUNS})\b|(?P<both>both|twin)\s+(?:\w+\s+)?(?:{_NOUNS}))\b",
    re.IGNORECASE,
)
_NAME_ENDS = re.compile(r"\s*($|[.,;:!?)]|\s(were|was|are|is|have|had|has|in|on|at|to|from|for|this|last|during|and|"
                        r"or|who|with|by|under|\w+ed)\b)")  # fmt: skip
# a number word that ends what it counts: "placements: two.", "up by three on last year", "another two"
_ENDS = re.compile(r"\s*($|[.,;:!?)]|\s(on|in|to|from|this|last|since|than|during|over|at|and|or|compared)\b)",
                   re.IGNORECASE)  # fmt: skip
_UNIT_AFTER = re.compile(
    r"\s*(%|per\s*cent|percent|day|days|week|weeks|month|months|year|years|yr|yrs|hour|hours|hrs|minute|minutes|"
    r"working|times?|am|pm|st|nd|rd|th|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|quarter|quarters|km|miles|mile|"
    r"million|m|bn|k|point|points|stars?)\b",
    re.IGNORECASE,
)
_IDIOMS = re.compile(
    r"\b(one of the (best|most|main|key|largest|first|few|highest|lowest|top)|one-off|one off|one another|no one|"
    r"any one|each one|every one|one stop|one-stop|one to one|one-to-one|at once|both of (us|them|these)|"
    r"one year|one day|one week|one month|one team|one council|one service|one approach|"
    r"first|second|third|fourth)\b",
    re.IGNORECASE,
)


def _count_of(token: str) -> float | None:
    t = re.sub(r"\s+", " ", token.lower())
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t]
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def small_numbers_in(text: str, lo: int = 1, hi: int = 4) -> list[str]:
    """Places in free text that may give away a count from lo to hi, for an officer to check.

    Finds numbers written as digits ("3 children", "3", "2.0", "2x") or words ("one", "a
    single", "two", "a couple of", "twice"), and "x of y" where x, y or y - x is small ("2 of
    the children", "19 of 21", "19/21"), and a count said without a number ("a child died",
    "both young people", "the only child", "a second child"). Skips percentages, money, decimals, dates, durations and words
    that make a number a label ("Quarter 2", "Stage 1", "within 2 days", "one of the best").
    Returns each place with a little of the text around it.
    """
    if not isinstance(text, str):
        return []
    found = []
    for m in _TOKEN.finditer(text):
        n = _count_of(m.group("n"))
        if n is None:
            continue
        before, after = text[: m.start()], text[m.end() :]
        around = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip()
        of = _OF.match(after)
        if of and of.group("m"):  # "19 of 21": the one, the other and the difference
            total = _count_of(of.group("m"))
            if total is not None and any(_small(x, lo, hi) for x in (n, total, total - n)):
                found.append(around)
            continue
        if _IDIOMS.match(text, m.start()) or (m.group("n")[0].isdigit() and _LABEL_BEFORE.search(before)):
            continue
        if m.group("x") is None and _UNIT_AFTER.match(after):
            continue
        frac = re.match(r"/(\d+)(?![\d/.,-])", after) if m.group("n")[0].isdigit() else None
        tok, b = m.group("n"), int(frac.group(1)) if frac else None
        year = frac and b == n + 1 and (len(tok) == 4 or tok.startswith("0") or _YEAR_BEFORE.search(before))
        if frac and n <= b and not year:  # "19/21 children": x of y, as "19 of 21" is (not the years 05/06)
            if any(_small(x, lo, hi) for x in (n, int(frac.group(1)), int(frac.group(1)) - n)):
                found.append(around)
            continue
        if m.group("n")[0].isdigit() and re.match(r"\s*[-/]\s*\d", after):
            continue  # 2020-21, 2023/24, ranges of dates
        word = m.group("n")[0].isalpha()
        sentence = re.split(r"[.!?;]\s", before)[-1]
        ends = word and n >= 2 and _ENDS.match(after) and _NOUN.search(sentence)
        if word and not (of or _PEOPLE.match(after) or ends):
            continue  # "four localities", "every child who needs one"
        name = _NAME_AFTER.match(after) if word else None
        counted = name and _NOUN.fullmatch(name.group(1).split()[-1]) and _NAME_ENDS.match(after[name.end() :])
        if name and re.search(r"\w[ \t]*$", before) and not counted:
            continue  # mid-sentence before a name: "a single Children and Families Service"
        if _small(n, lo, hi) or (of and word and n <= hi):
            found.append(around)
    if lo <= 2 <= hi or lo <= 1 <= hi:
        for m in _IMPLIED.finditer(text):  # a count no number word says: "a child died", "both young people"
            if m.group("both") and re.match(r"\s+and\b", text[m.end() :]):
                continue  # "both children and adults": two kinds of people, not two people
            found.append(text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ").strip())
    return found


def _workbook_letters(ds) -> dict[str, dict[str, str]]:
    """For a data set read from a workbook: each sheet's column letters by column name."""
    from pathlib import Path

    path = Path(getattr(ds, "path", "") or "")
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return {}
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        out = {}
        for name in wb.sheetnames:
            first = next(wb[name].iter_rows(min_row=1, max_row=1, values_only=True), ())
            out[name.strip().lower()] = {
                str(h).strip().lower().replace(" ", "_"): get_column_letter(i) for i, h in enumerate(first, 1) if h
            }
        return out
    finally:
        wb.close()


def where(f: dict) -> str:
    """A finding's place as an analyst looks for it: file and line, or sheet and cell."""
    if f.get("cell"):
        return f"{f['file']}, cell {f['cell']}"
    return f"{f['file']}, {'line' if f.get('column') is None else 'row'} {f['row']}" + (
        f", column '{f['column']}'" if f.get("column") else ""
    )


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
    import yaml

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


def narrative_findings(text: str, lo: int = 1, hi: int = 4) -> list[tuple[int, str, bool]]:
    """(line number, passage, cleared) for each small number in a narrative file's text."""
    whole, phrases, body = narrative_cleared(text)
    offset = text[: len(text) - len(body)].count("\n")
    out = []
    for n, line in enumerate(body.splitlines(), start=1 + offset):
        for hit in small_numbers_in(line, lo, hi):
            out.append((n, hit, whole or any(p in line for p in phrases)))
    return out


def public_narrative(text: str, lo: int = 1, hi: int = 4) -> tuple[str, list[tuple[int, str]]]:
    """The narrative markdown a public report prints: front matter removed, and each paragraph
    with a small number no officer cleared replaced by a note. Returns (markdown, withheld
    (line, passage) pairs)."""
    whole, phrases, body = narrative_cleared(text)
    offset = text[: len(text) - len(body)].count("\n")
    blocks = re.split(r"(\n[ \t]*\n)", body)
    out, withheld, line = [], [], 1 + offset
    for b in blocks:
        hits = [] if whole else [h for h in small_numbers_in(b, lo, hi) if not any(p in b for p in phrases)]
        if hits and b.strip():
            out.append(f"*{WITHHELD_PASSAGE}*")
            withheld.append((line + len(b) - len(b.lstrip("\n")), hits[0]))
        else:
            out.append(b)
        line += b.count("\n")
    return "".join(out), withheld


WITHHELD_PASSAGE = "A passage was withheld from the public version because it mentions a small number."


def check_public(ds, council: str, period) -> list[dict]:
    """Free text going into the council's public reports for ``period`` that may give away a
    small number: comments of the year's observations (and the reasons given for the three
    earlier years' blank figures, printed in the year columns), the year's actions (theme,
    outcome, action, measure, comment) and the year's narrative. Each finding names its file
    and row (a workbook's sheet and cell; a narrative file's line) and says whether an officer
    cleared it (``cleared`` = yes on the row; front matter in a narrative file, see
    ``narrative_cleared``)."""
    P = Period.parse(period)
    cfg = council_settings(council)
    lo, hi = cfg.suppress_min, cfg.suppress_max
    letters = _workbook_letters(ds)
    findings = []

    def add(table, i, col, hit, cleared):
        f = {"file": table_file(ds, table), "row": i + 2, "column": col, "text": hit, "cleared": cleared,
             "reason": REASON}  # fmt: skip
        if table in letters and col in letters[table]:
            f["cell"] = f"{letters[table][col]}{i + 2}"
        findings.append(f)

    def cleared(r) -> bool:
        return _cleared({"cleared": r.get("cleared")})

    obs = ds.observations
    rows = obs[(obs["council"] == council) & obs["comment"].notna()]
    earlier = {str(P.year_period.shift_years(-k)) for k in (1, 2, 3)}  # the year columns: a blank year's reason prints
    blank = rows[["value", "numerator", "denominator"]].isna().all(axis=1)
    rows = rows[
        rows["period"].map(
            lambda p: (Period.parse(p).fy == P.fy and Period.parse(p).end <= P.end) or Period.parse(p) == P.year_period
        )
        | (rows["period"].isin(earlier) & blank)
    ]
    for i, r in rows.iterrows():
        for hit in small_numbers_in(r["comment"], lo, hi):
            add("observations", i, "comment", hit, cleared(r))
    acts = ds.actions
    for i, r in acts[
        (acts["council"] == council) & (acts["period"].map(lambda p: Period.parse(p).fy) == P.fy)
    ].iterrows():
        for col in ("comment", "action", "measure", "theme", "outcome"):
            for hit in small_numbers_in(r[col], lo, hi):
                add("actions", i, col, hit, cleared(r))
    folder = narrative_dir(ds.path) / council / str(P.year_period)
    for name in SECTIONS:
        f = folder / f"{name}.md"
        if f.is_file():
            text = f.read_text(encoding="utf-8-sig", errors="replace")
            for n, hit, ok in narrative_findings(text, lo, hi):
                findings.append({"file": str(f.relative_to(narrative_dir(ds.path).parent)), "row": n, "column": None,
                                 "text": hit, "cleared": ok, "reason": REASON})  # fmt: skip
    return findings


def public_actions(acts: pd.DataFrame, ds, council: str) -> pd.DataFrame:
    """The actions a public report prints: any theme, outcome, action, measure or comment text that mentions a
    small number, unless cleared, replaced by a note; ``attrs["withheld"]`` lists them."""
    cfg = council_settings(council)
    out = acts.copy()
    withheld = []
    for i, r in out.iterrows():
        if _cleared({"cleared": r.get("cleared")}):
            continue
        for col in ("theme", "outcome", "action", "measure", "comment"):
            hits = small_numbers_in(r[col], cfg.suppress_min, cfg.suppress_max)
            if hits:
                out.at[i, col] = WITHHELD if col == "comment" else "[withheld]"
                withheld.append({"file": table_file(ds, "actions"), "row": _row(r), "column": col,
                                 "text": hits[0], "reason": REASON})  # fmt: skip
    out.attrs = {**acts.attrs, "withheld": withheld}
    return out


def withheld(ds, report: str, council: str, period) -> list[dict]:
    """What a public ``report`` for the council and period leaves out of its free text, and
    why: the comments, actions and narrative passages that mention a small number and that no
    officer cleared (the run lists them)."""
    from .status import actions, performance

    if report not in ("quarterly", "annual"):
        return []
    P = Period.parse(period)
    if report == "annual":
        P = P.year_period
    out = list(performance(ds, council, P, audience="public").attrs.get("withheld", []))
    if report == "quarterly":
        out += actions(ds, council, P, audience="public").attrs.get("withheld", [])
    else:
        cfg = council_settings(council)
        folder = narrative_dir(ds.path) / council / str(P)
        for name in SECTIONS:
            f = folder / f"{name}.md"
            if f.is_file():
                _, hits = public_narrative(f.read_text(encoding="utf-8-sig", errors="replace"), cfg.suppress_min,
                                           cfg.suppress_max)  # fmt: skip
                rel = str(f.relative_to(narrative_dir(ds.path).parent))
                out += [{"file": rel, "row": n, "column": None, "text": t, "reason": REASON} for n, t in hits]
    return out
