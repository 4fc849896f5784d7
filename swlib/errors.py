"""One base error; specific subclasses keep their context as attributes."""

from __future__ import annotations

from dataclasses import dataclass, replace


class SwError(Exception):
    """Base class of every error swlib raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as an analyst would look for it."""

    file: str
    row: int | None
    column: str | None
    found: str
    expected: str
    cell: str | None = None  # in a workbook, the sheet and cell, e.g. "observations!D14"
    code: str | None = None  # what kind of problem, for code that sorts problems (one of the CODES below)
    council: str | None = None  # the council whose figures it is about, for code that picks one council's

    def __str__(self) -> str:
        where = self.file.split(" [sheet ")[0] if self.cell else self.file
        if self.cell:
            where += f", cell {self.cell}" + (f" (column '{self.column}')" if self.column else "")
        else:
            if self.row is not None:
                where += f", row {self.row}"
            if self.column:
                where += f", column '{self.column}'"
        return f"{where}: found {self.found}; expected {self.expected}"


# Problem.code: the kinds of problem that other code tells apart (merge: which of a return's own
# problems the data set it merges into resolves). Most problems need no code.
UNKNOWN_COUNCIL = "unknown-council"  # an id the councils table does not list
UNKNOWN_MEASURE = "unknown-measure"  # an id the measures table does not list
NO_COUNCILS = "no-councils"  # a councils table with no rows
MISSING_TABLE = "missing-table"  # a required table absent
MISNAMED_SHEET = "misnamed-sheet"  # a workbook's table under another sheet name (read as the table, not used)
DUPLICATE_KEY = "duplicate-key"  # a second row with the same key (merge: not when one is a pre-filled row left blank)
FINANCE_UNITS = "finance-units"  # budget or outturn lines adding up to under £1m (merge: refused, typed in £000)
OUT_OF_SCALE = "out-of-scale"  # a figure 10 times or more the measure's others (pence for pounds; merge: refused)
YEAR_TO_DATE = "year-to-date"  # a period's figure that is about its year to date (merge: refused)


def row_list(rows) -> str:
    """The spreadsheet rows of a problem, for its message: '4, 5, 9', or the first 12 then '...'."""
    rows = [str(r) for r in rows]
    return ", ".join(rows[:12]) + (", ..." if len(rows) > 12 else "")


class DataError(SwError):
    """Bad input data. Carries every problem found, each with file, row and column."""

    def __init__(
        self,
        problems: list[Problem] | Problem,
        warnings: list[Problem] | None = None,
        where: str | None = None,
        subject: str = "the data",
    ):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.warnings = list(warnings or [])  # found in the same run (swlib.checks): shown with the problems
        self.where = where  # the data set read, as config.describe_data says it ("the data at ./data")
        self.subject = subject  # what has the problems, as the message's first line names it
        first = self.problems[0] if self.problems else None
        self.file = first.file if first else None
        self.row = first.row if first else None
        self.column = first.column if first else None
        super().__init__(self.describe())

    def headline(self) -> str:
        """'the data has 2 problems (the data at /x/data)': the line before the problems."""
        n = len(self.problems)
        verb = "has" if self.subject == "the data" or not self.subject.endswith("s") else "have"
        head = f"{self.subject} {verb} {n:,} problem{'' if n == 1 else 's'}"
        return head + (f" ({self.where})" if self.where else "")

    def describe(self, limit: int = 50) -> str:
        problems = grouped(self.problems)
        lines = [str(p) for p in problems[:limit]]
        more = len(problems) - limit
        if more > 0:
            lines.append(f"... and {more} more problems")
        return "\n".join(lines)


GROUP_FROM = 3  # this many rows naming one unknown id are one line, not a line each


def grouped(problems: list) -> list:
    """``problems`` with those naming the same unknown id in the same column of a table (a measure
    renamed in measures.csv only: 18 identical lines, one a row, ANALYST-8 #5) as one, at its first
    row, listing the rows; the order otherwise kept."""
    groups: dict = {}
    for p in problems:
        if p.code in (UNKNOWN_MEASURE, UNKNOWN_COUNCIL) and p.row is not None:
            groups.setdefault((p.file, p.column, p.found, p.expected), []).append(p)
    out, done = [], set()
    for p in problems:
        key = (p.file, p.column, p.found, p.expected)
        same = groups.get(key) if p.code in (UNKNOWN_MEASURE, UNKNOWN_COUNCIL) and p.row is not None else None
        if not same or len(same) < GROUP_FROM:
            out.append(p)
            continue
        if key in done:
            continue
        done.add(key)
        where = [q.cell.split("!")[-1] if q.cell else str(q.row) for q in same]
        shown = ", ".join(where[:8]) + (f" and {len(where) - 8} more" if len(where) > 8 else "")
        what = "id" if p.code == UNKNOWN_MEASURE else "council id"
        renamed = (
            f"; if the measure was renamed in measures.csv, change these {len(same)} rows to its new id too (and "
            f"give its measures row replaces = {p.found}, docs/guide.md)"
            if p.code == UNKNOWN_MEASURE
            else f"; change these {len(same)} rows"
        )
        out.append(
            replace(
                p,
                found=f"{p.found} on {len(same)} rows ({'cells' if p.cell else 'rows'} {shown}), the same {what} each time",
                expected=p.expected + renamed,
            )
        )
    return out


class PeriodError(SwError, ValueError):
    """A period that cannot be read, or is ambiguous."""

    def __init__(self, text: object, expected: str):
        self.text = text
        self.expected = expected
        super().__init__(f"cannot read period {text!r}: expected {expected}")


class ConfigError(SwError):
    """A bad parameter, option or settings file."""


class ReportError(SwError):
    """A report failed while executing its notebook."""

    def __init__(self, report: str, council: str, period: str, message: str, notebook=None, bad_input: bool = False):
        self.report = report
        self.council = council
        self.period = period
        self.notebook = notebook
        self.bad_input = bad_input  # the data or a setting caused it: exit 2
        super().__init__(f"{report} report for {council} {period} failed: {message}")
