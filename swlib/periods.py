"""Scottish local government financial years (April to March) and their parts.

A period is identified by a canonical id: ``2020-21`` (year), ``2020-21-H1`` (half),
``2020-21-Q2`` (quarter) or ``2020-09`` (calendar month). Internally every period is a
financial year plus a span of month slots 0..11 (0 = April, 11 = March).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

from .errors import ConfigError, PeriodError

MONTHS = [
    "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "January", "February", "March",
]  # fmt: skip
_MONTH_ABBR = {m[:3].lower(): i for i, m in enumerate(MONTHS)}
KINDS = ("month", "quarter", "half", "year")
_SPAN = {"month": 1, "quarter": 3, "half": 6, "year": 12}
SPAN_MONTHS = _SPAN  # months in a period of each kind
FREQUENCY_KIND = {"monthly": "month", "quarterly": "quarter", "six-monthly": "half", "annual": "year"}
# a period shorter than a year, as one point of a chart is said to be one ("each point is one quarter")
ONE_PERIOD_WORDS = {"quarter": "quarter", "month": "month", "half": "half year"}
RELATIVE = ("latest", "previous")  # periods a run may name relative to its date (swlib.scheduling)
EXPECTED = (
    "a financial year (2020-21 or 2020/21), a quarter (2020-21-Q2, 2020/21 Q2, Q2 2020/21), "
    "a half (2020-21-H1) or a month (2020-09)"
)


def _date_otherwise(s: str) -> str:
    """For a date swlib does not read as its month (month first, 10/31/2025; with points or hyphens,
    31.07.2026): that it was read as a date and what would have been (ANALYST-8 #5), else ''."""
    m = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", s)
    if not m:
        return ""
    a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    day, month = (b, a) if a <= 12 < b else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    first = " month first" if a <= 12 < b else (f" with '{sep}'" if sep != "/" else "")
    return (
        f"; this is a date written{first}: a date is read as its month only day first with '/', "
        f"{day:02d}/{month:02d}/{y}, or type the month itself, {y}-{month:02d}"
    )


def _spelled_otherwise(s: str) -> Period | None:
    """The period a common spelling ``Period.parse`` does not read names (``s`` upper case, single
    spaces): 'Q2 26/27', '2026/27 Qtr 2', 'Quarter 2 2026/27', '2nd quarter 2026/27', or months
    from and to that make a quarter, half or year ('Jul-Sep 2026', 'Jan-Mar 26', the year the
    last month's); else None. A suggestion for the analyst, never read as the period."""
    t = re.sub(r"\b(?:QUARTER|QTR)\.?\s?(\d)\b", r"Q\1", s)
    t = re.sub(r"\bHALF\s?(\d)\b", r"H\1", t)
    t = re.sub(r"\b(\d)(?:ST|ND|RD|TH)\s(?:QUARTER|QTR)\b", r"Q\1", t)
    t = re.sub(r"(?<![\d/-])([1-9]\d)\s?([-/])\s?(\d{2})(?![\d/-])", lambda m: f"20{m[1]}{m[2]}{m[3]}", t)  # 26/27
    if t != s:
        try:
            return Period.parse(t)
        except PeriodError:
            return None
    m = re.match(r"^([A-Z]{3,9})\.?\s?(?:-|–|TO)\s?([A-Z]{3,9})\.?,?\s?'?(\d{4}|\d{2})$", s)
    if not m or m[1][:3].lower() not in _MONTH_ABBR or m[2][:3].lower() not in _MONTH_ABBR:
        return None
    first, last = _MONTH_ABBR[m[1][:3].lower()], _MONTH_ABBR[m[2][:3].lower()]
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    end = Period.month(year, (last + 3) % 12 + 1)  # the months end in the year given
    span = (last - first) % 12 + 1
    kind = next((k for k, n in _SPAN.items() if n == span and first % n == 0), None)
    if kind is None or kind == "month":
        return None
    return Period(end.fy, kind, first, first + span - 1)


@lru_cache(maxsize=4096)  # a quarterly report prints about 10,000 period ids, of a few dozen periods
def _period_id(fy: int, kind: str, start: int) -> str:
    """A period's id, as ``str(Period)`` gives it: 2020-21, 2020-21-Q2, 2020-21-H1, 2020-09."""
    fy_id = f"{fy}-{(fy + 1) % 100:02d}"
    if kind == "year":
        return fy_id
    if kind == "quarter":
        return f"{fy_id}-Q{start // 3 + 1}"
    if kind == "half":
        return f"{fy_id}-H{start // 6 + 1}"
    year, month = _calendar(fy, start)
    return f"{year}-{month:02d}"


def _calendar(fy: int, slot: int) -> tuple[int, int]:
    """Calendar (year, month 1-12) of month slot ``slot`` of financial year ``fy``."""
    month = (slot + 3) % 12 + 1
    return (fy if slot < 9 else fy + 1), month


def is_relative(period: object) -> bool:
    """Whether ``period`` is ``latest`` or ``previous`` (any case, spaces around allowed)."""
    return isinstance(period, str) and period.strip().lower() in RELATIVE


@total_ordering
@dataclass(frozen=True)
class Period:
    """A financial year, half, quarter or month."""

    fy: int  # the calendar year in which the financial year starts
    kind: str
    start: int  # first month slot, 0..11
    end: int  # last month slot, 0..11

    # construction -------------------------------------------------------------
    @classmethod
    def year(cls, fy: int) -> Period:
        return cls(fy, "year", 0, 11)

    @classmethod
    def quarter(cls, fy: int, q: int) -> Period:
        return cls(fy, "quarter", 3 * (q - 1), 3 * q - 1)

    @classmethod
    def half(cls, fy: int, h: int) -> Period:
        return cls(fy, "half", 6 * (h - 1), 6 * h - 1)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        slot = (month - 4) % 12
        fy = year if month >= 4 else year - 1
        return cls(fy, "month", slot, slot)

    @classmethod
    def parse(cls, text: object) -> Period:
        """Read the spellings people type; anything ambiguous is a PeriodError."""
        if isinstance(text, Period):
            return text
        if not isinstance(text, str):
            raise PeriodError(text, EXPECTED)
        return cls._parse_text(text)

    @classmethod
    @lru_cache(maxsize=4096)  # a report parses the same few dozen ids thousands of times (0.035 s of CPU)
    def _parse_text(cls, text: str) -> Period:  # a Period is immutable; a PeriodError is raised each time
        s = re.sub(r"\s+", " ", text.strip()).upper()
        s = re.sub(r"^(FY|FINANCIAL YEAR) ?", "", s)
        fy_pat = r"(\d{4})\s?[-/]\s?(\d{2}|\d{4})"
        part_pat = r"([QH])\s?(\d)"
        for pat, order in (
            (rf"^{fy_pat}$", "y"),
            (rf"^{fy_pat}\s?[- ]?\s?{part_pat}$", "yp"),
            (rf"^{part_pat}\s?[- ]?\s?{fy_pat}$", "py"),
        ):
            m = re.match(pat, s)
            if not m:
                continue
            g = m.groups()
            if order == "y":
                y1, y2, part = g[0], g[1], None
            elif order == "yp":
                y1, y2, part = g[0], g[1], (g[2], int(g[3]))
            else:
                y1, y2, part = g[2], g[3], (g[0], int(g[1]))
            return cls._from_parts(text, int(y1), y2, part)
        # Sep 2020, September 2020; Apr-25, Apr-2025: a month as Excel writes 2025-04 back (it reads it
        # as a date and shows it 'mmm-yy'; a day and month it shows '25-Apr', so 'Apr-25' is no day)
        m = re.match(r"^([A-Z]{3,9})\.?(?: (\d{4})|-(\d{4}|\d{2}))$", s)
        if m and m.group(1)[:3].lower() in _MONTH_ABBR:
            name = m.group(1).capitalize()
            slot = _MONTH_ABBR[name[:3].lower()]
            year = int(m.group(2) or m.group(3))
            year += (2000 if year < 30 else 1900) if len(m.group(2) or m.group(3)) == 2 else 0  # as Excel reads yy
            if name in (MONTHS[slot], MONTHS[slot][:3], "Sept"):
                return cls.month(year, (slot + 3) % 12 + 1)
        m = re.match(r"^Q\s?([1-4])\s?[- ]?\s?(\d{4})$|^(\d{4})\s?[- ]?\s?Q\s?([1-4])$", s)  # Q3 2025: a calendar year
        if m:
            q, y = int(m.group(1) or m.group(4)), int(m.group(2) or m.group(3))
            fy = cls.quarter(y, q)  # the financial year's quarter, and the calendar quarter's months
            cal = cls.quarter(y if q > 1 else y - 1, q - 1 if q > 1 else 4)
            raise PeriodError(text, EXPECTED + f": a quarter names a financial year, so '{text.strip()}' could be "
                              f"{fy} ({fy.months_label} {fy.month_name(fy.end)[-4:]}, Quarter {q} of {fy.year_period.label}) "
                              f"or, for {cal.months_label} {cal.month_name(cal.end)[-4:]}, {cal}")  # fmt: skip
        dated = _date_otherwise(s)
        if dated:
            raise PeriodError(text, EXPECTED + dated)
        meant = _spelled_otherwise(s)
        raise PeriodError(text, EXPECTED + (f" (did you mean {meant}, {meant.label}?)" if meant else ""))

    @classmethod
    def _from_parts(cls, text, y1: int, y2s: str, part) -> Period:
        y2 = int(y2s)
        # "2020-09" looks like a year with a two-digit end; it is a month when the second
        # number is not the next year.
        if part is None and len(y2s) == 2 and y2 != (y1 + 1) % 100:
            if 1 <= y2 <= 12 and re.match(r"^\s*\d{4}-\d{2}\s*$", str(text)):
                return cls.month(y1, y2)
            raise PeriodError(text, EXPECTED + f"; a year spans consecutive years, e.g. {y1}-{(y1 + 1) % 100:02d}")
        if (len(y2s) == 4 and y2 != y1 + 1) or (len(y2s) == 2 and y2 != (y1 + 1) % 100):
            raise PeriodError(text, f"consecutive years, e.g. {y1}-{(y1 + 1) % 100:02d}")
        if not 1900 <= y1 <= 2200:
            raise PeriodError(text, "a year between 1900 and 2200")
        if part is None:
            return cls.year(y1)
        letter, n = part
        if letter == "Q" and 1 <= n <= 4:
            return cls.quarter(y1, n)
        if letter == "H" and 1 <= n <= 2:
            return cls.half(y1, n)
        raise PeriodError(text, "a quarter Q1 to Q4 or a half H1 to H2")

    # identity and printing ----------------------------------------------------
    @property
    def fy_id(self) -> str:
        return f"{self.fy}-{(self.fy + 1) % 100:02d}"

    @property
    def number(self) -> int:
        """Quarter or half number, or the calendar month for months."""
        if self.kind == "quarter":
            return self.start // 3 + 1
        if self.kind == "half":
            return self.start // 6 + 1
        if self.kind == "month":
            return _calendar(self.fy, self.start)[1]
        return 0

    def __str__(self) -> str:
        return _period_id(self.fy, self.kind, self.start)

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    @property
    def label(self) -> str:
        """The printed form: 2020/21, 2020/21 Quarter 2, 2020/21 first half, September 2020."""
        fy = f"{self.fy}/{(self.fy + 1) % 100:02d}"
        if self.kind == "year":
            return fy
        if self.kind == "quarter":
            return f"{fy} Quarter {self.number}"
        if self.kind == "half":
            return f"{fy} {'first' if self.number == 1 else 'second'} half"
        year, _ = _calendar(self.fy, self.start)
        return f"{MONTHS[self.start]} {year}"

    @property
    def months_label(self) -> str:
        """'July to September' for a quarter; 'April 2020 to March 2021' for a year."""
        if self.start == self.end:
            return self.month_name(self.end)
        if self.kind == "quarter":
            return f"{MONTHS[self.start]} to {MONTHS[self.end]}"
        return f"{self.month_name(self.start)} to {self.month_name(self.end)}"

    def month_name(self, slot: int) -> str:
        year, _ = _calendar(self.fy, slot)
        return f"{MONTHS[slot]} {year}"

    @property
    def end_label(self) -> str:
        """The month the period ends with, e.g. 'September 2020'."""
        return self.month_name(self.end)

    # arithmetic ---------------------------------------------------------------
    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.fy, self.end, -self.start)

    def end_key(self) -> tuple[int, int]:
        """Where the period ends: (financial year, last month slot)."""
        return (self.fy, self.end)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    @property
    def year_period(self) -> Period:
        return Period.year(self.fy)

    def shift_years(self, n: int) -> Period:
        return Period(self.fy + n, self.kind, self.start, self.end)

    def contains(self, other: Period) -> bool:
        return self.fy == other.fy and self.start <= other.start and other.end <= self.end

    def ends_on_boundary(self, kind: str) -> bool:
        """Whether a period of ``kind`` ends where this one ends (Q2 ends a half)."""
        return (self.end + 1) % _SPAN[kind] == 0

    def latest_of_kind(self, kind: str) -> Period:
        """The latest complete period of ``kind`` ending at or before this period's end."""
        span = _SPAN[kind]
        last = (self.end + 1) // span * span - 1  # last slot of a complete ``kind`` period
        fy = self.fy
        if last < 0:
            fy, last = fy - 1, 11
        return Period(fy, kind, last - span + 1, last)

    def parts(self, kind: str) -> list[Period]:
        """The periods of ``kind`` making up this one (months of a quarter, ...)."""
        span = _SPAN[kind]
        if span > _SPAN[self.kind]:
            raise ValueError(f"a {self.kind} has no {kind}s")
        return [Period(self.fy, kind, s, s + span - 1) for s in range(self.start, self.end + 1, span)]

    def window_parts(self, kind: str) -> list[Period]:
        """Periods of ``kind`` in this period's year-to-date window (April to its end)."""
        span = _SPAN[kind]
        return [Period(self.fy, kind, s, s + span - 1) for s in range(0, self.end + 1, span)]

    def window_period(self) -> Period | None:
        """The named period that is exactly the year-to-date window, if there is one."""
        for kind, span in _SPAN.items():
            if self.end + 1 == span:
                return Period(self.fy, kind, 0, self.end)
        return None


def period_or_none(text: object) -> Period | None:
    """``text`` read as a period (``Period.parse``, which caches what it reads), None where it
    cannot be: for a check that reads every row and leaves a bad period to the one that names it."""
    try:
        return Period.parse(text)
    except ValueError:  # a PeriodError
        return None


def previous_quarter(P: Period) -> Period:
    """The quarter before ``P`` (Q1's is the year before's Q4)."""
    return Period.quarter(P.fy, P.number - 1) if P.number > 1 else Period.quarter(P.fy - 1, 4)


def year_before(year: str) -> str:
    """The financial year before ``year`` as the data writes it: "2023-24" gives "2022-23"."""
    start = int(str(year)[:4]) - 1
    return f"{start}-{str(start + 1)[-2:]}"


def today(env=None) -> dt.date:
    """The date a run takes as today: ``SWREPORT_TODAY`` (e.g. 2025-04-01) where set, else the clock's."""
    value = (os.environ if env is None else env).get("SWREPORT_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"SWREPORT_TODAY: found {value!r}; expected a date such as 2025-04-01") from None


def made_at() -> dt.datetime:
    """When a report is made, in UTC: ``SOURCE_DATE_EPOCH``'s time where set (a reproducible
    build), else the clock's. Its issue date (``views.issue``) and its "Generated" stamp."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)


def first_day_after(P: Period) -> dt.date:
    """The day after the period's last day: the day it has ended by."""
    month = (P.end + 3) % 12 + 1  # calendar month of the last slot
    year = P.fy if P.end < 9 else P.fy + 1
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


# a financial year written the data's way, "2023-24" (not a file's "2022-01.xlsx", a link's
# "/2023-24/" or a plan's "2017-20")
_FY_DASHED = re.compile(r"(?<![\w./-])((?:19|20)\d\d)-(\d\d)(?![\w-]|\.\w)")


def fy_text(text: str) -> str:
    """``text`` with each financial year printed the reports' way: "The 2023-24 budget" reads
    "The 2023/24 budget", as the report's own headings and tables print it."""
    return _FY_DASHED.sub(lambda m: f"{m[1]}/{m[2]}" if int(m[2]) == (int(m[1]) + 1) % 100 else m[0], text)
