"""A cell's text read as people type it (``swlib.schema``'s checks and conversion, the return's
merge and the LGBF importer read cells by these rules): a number with its thousands separators,
pound sign or percent sign, and what to type where a comma or point was meant otherwise; a period,
or a date as its month; a date. And text a spreadsheet would run as a formula, written with a
leading apostrophe and read back as typed. And a cell named as Excel's Name Box takes it
(``cell_at``: 'Observations Q2'!D2, the sheet's name quoted where it has a space).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from .errors import PeriodError
from .periods import Period

# ---------------------------------------------------------------------------------------
# Text a spreadsheet would run as a formula: written with a leading apostrophe, read without it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP's CSV injection list


_BARE_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_LIKE_A_CELL = re.compile(r"[A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d*[Cc]\d*")


def column_letter(col: int) -> str:
    """A column's letters as Excel names it (1 is A, 27 is AA), as openpyxl's
    ``get_column_letter`` gives them; openpyxl is not imported to read a workbook (0.3 s)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_at(sheet: str, ref: str) -> str:
    """A cell (``ref``: 'D2') of ``sheet`` as a message names it and Excel's Name Box takes it:
    observations!D2, or 'Observations Q2'!D2 where the sheet's name has a space or another sign
    (or reads as a cell itself), quoted as Excel quotes it."""
    if _BARE_SHEET.fullmatch(sheet) and not _LIKE_A_CELL.fullmatch(sheet):
        return f"{sheet}!{ref}"
    return "'" + sheet.replace("'", "''") + f"'!{ref}"


_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?([eE][+-]?\d+)?")


def neutralise(value):
    """Text that a spreadsheet would run as a formula (it begins with =, +, -, @, tab or
    carriage return) gets a leading apostrophe, as OWASP's CSV-injection guidance says, so
    it is read as text; everything else (a plain number such as -5000 too) is returned as it is.
    ``swlib.load`` takes the apostrophe off again (``unneutralise``)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def unneutralise(value):
    """Text as typed: the apostrophe ``neutralise`` put before =, +, -, @, tab or CR taken off."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_START:
        return value[1:]
    return value


# ---------------------------------------------------------------------------------------
# Cell readers: text -> value or None. Shared by the checks and the conversion.
def read_number(text: str) -> float | None:
    """'1,234', '£1,234.50', '95%', ' 7 ' are numbers; '' is None; anything else raises.
    One cell read by ``parse_numbers``, so a cell and a column are read by the same rule."""
    values, ok = parse_numbers(pd.Series([text], dtype="object"))
    if not ok.iloc[0]:
        raise ValueError(text)
    return None if pd.isna(values.iloc[0]) else float(values.iloc[0])


def parses(fn, x) -> bool:
    try:
        fn(x)
        return True
    except (ValueError, PeriodError):
        return False


def read_period(text: str) -> str | None:
    """A period as typed; a date (31/08/2024, 2024-08-31, or an Excel date cell) is its month
    (2024-08), in a CSV file and a workbook alike: a monthly figure is often dated by a day of
    its month. (Where the measure is quarterly or longer, ``observation_rules.observation_rules`` says which
    period the date falls in.)"""
    if text.strip() == "":
        return None
    try:
        return str(Period.parse(text))
    except PeriodError:
        day = date_typed(text)
        if day is None:
            raise
        return str(Period.month(day.year, day.month))


def date_typed(text: str):
    """The date ``text`` is written as (31/08/2024, 2024-08-31), or None."""
    t = str(text).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def read_date(text: str) -> str | None:
    t = text.strip()
    if t == "":
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return pd.to_datetime(t, format=fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(text)


_MONTH_WORDS = {m[:3].lower(): i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"), start=1)}  # fmt: skip
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([A-Za-z]{3,9})\.?"


def date_hint(text) -> str:
    """For a date the data do not read ('09/16/2025', '16.09.2025', '3rd Feb 2026', 'Feb 3, 2026'):
    which date it is taken to be and what to type (day first, or year first); else ''. A date
    both ways round (06/09/2025) is read day first, as typed, and never reaches here."""
    t = " ".join(str(text).split()) if isinstance(text, str) else ""
    day = month = year = None
    first = ""
    if m := re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", t):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        day, month = (b, a) if a <= 12 < b else (a, b)
        first = " month first" if a <= 12 < b else f" with '{m[2]}'"
    elif (m := re.fullmatch(rf"{_DAY} (?:of )?{_MONTH},? (\d{{4}})", t, re.IGNORECASE)) or (
        m := re.fullmatch(rf"{_MONTH} {_DAY},? (\d{{4}})", t, re.IGNORECASE)
    ):
        d, name = (m[1], m[2]) if m[1].isdigit() else (m[2], m[1])
        day, month, year = int(d), _MONTH_WORDS.get(name[:3].lower()), int(m[3])
        first = " in words"
    if month is None:
        return ""
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return ""
    return (
        f"; this is a date written{first}, {when.day} {when:%B %Y}: type it day first, "
        f"{when:%d/%m/%Y}, or year first, {when.isoformat()}"
    )


# a number whose commas separate thousands: every group after the first comma has 3 digits
THOUSANDS = re.compile(r"[+-]?£?[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?\s*%?")


_DECIMAL_COMMA = re.compile(r"[+-]?£?[+-]?\d+(?:,\d+)+\s*%?")


# thousands separated by points, as on the continent (1.234 for 1,234): to swreport a point is the decimal point
_POINT_GROUPS = r"\d{1,3}(?:\.\d{3})+"


_POINT_THOUSANDS = re.compile(rf"[+-]?£?[+-]?({_POINT_GROUPS})(?:,(\d+))?\s*%?")  # 1.234,5: continental


_SPACE_THOUSANDS = re.compile(r"[+-]?£?[+-]?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)([.,]\d+)?\s*%?")  # 1 234


def point_thousands(text: str) -> str | None:
    """The digits of a whole number typed with points separating its thousands ('1.234': '1234'),
    which swreport reads as a decimal (1.234); else None."""
    return text.replace(".", "") if re.fullmatch(_POINT_GROUPS, text) else None


def comma_hint(text) -> str:
    """For a number typed with a comma that does not separate thousands ('766,50', '4,5',
    '78,3%'): what a comma means to swreport and the figure to type ('766.50'); for thousands
    separated by points with a decimal comma ('1.234,5') or by spaces ('1 234'), the figure
    ('1234.5', '1234'), never a part of it; else ''."""
    t = str(text).strip() if isinstance(text, str) else ""
    if (m := _POINT_THOUSANDS.fullmatch(t)) and m.group(2) is not None:
        figure = point_thousands(m.group(1)) + "." + m.group(2)
        return f"a point is the decimal point and a comma only separates thousands (1,234.5): type {figure}"
    if m := _SPACE_THOUSANDS.fullmatch(t):
        figure = re.sub(r"\D", "", m.group(1)) + (m.group(2) or "").replace(",", ".")
        return f"a figure has no spaces (a comma may separate thousands: 1,234): type {figure}"
    if "," not in t or THOUSANDS.fullmatch(t) or not _DECIMAL_COMMA.fullmatch(t):
        return ""
    figure = re.sub(r"[£%\s]", "", t)
    if figure.count(",") != 1:
        return "a comma only separates thousands, in groups of 3 digits (1,234; 12,345,678)"
    return f"a comma only separates thousands (1,234); a decimal takes a point: {figure.replace(',', '.')}"


def parse_numbers(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(values, ok) for a column of text ('' is blank and ok): '1,234', '£1,234.50', '95%', ' 7 '
    are numbers, anything else not ok; ``read_number`` reads one cell with it."""
    text = s.astype(str)
    v = pd.to_numeric(text, errors="coerce").astype("float64")  # the fast path: plain numbers
    blank = text.str.len() == 0
    odd = v.isna() & ~blank
    if odd.any():  # thousands separators, a pound sign, a percent sign, stray spaces
        t = text[odd].str.strip()
        # a comma separates thousands only (1,234 and 12,345,678): '766,50' or '4,5' is a decimal
        # comma, never read as 76650 or 45 (``comma_hint`` says what to type)
        t = t.where(~t.str.contains(",", regex=False) | t.str.fullmatch(THOUSANDS.pattern), "x")
        t = t.str.replace(",", "", regex=False)
        t = t.str.replace(r"^(-?)£", r"\1", regex=True).str.replace(r"\s*%$", "", regex=True)
        blank = blank | (t == "").reindex(text.index, fill_value=False)
        v.loc[odd] = pd.to_numeric(t.where(t != ""), errors="coerce")
    ok = blank | (v.notna() & np.isfinite(v))
    return v.where(ok), ok
