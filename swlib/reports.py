"""The reports swreport renders: one definition each, read by the CLI, rendering, the batch,
the index and the settings.

Adding a report means one entry here, a notebook in ``notebooks/`` and a template folder
``swlib/templates/<name>/`` (whose ``report.html.j2`` lists the report's sections:
``templating.sections(name)`` reads them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .base import SCOTLAND
from .errors import ConfigError
from .periods import Period

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"  # the report notebooks; their kernels run there
# the national overview is about every council: it is filed under Scotland (``SCOTLAND``)
SCOTLAND_NAME = "Scotland"


@dataclass(frozen=True)
class Report:
    """One report: where its notebook is, what it is called, what period and whom it covers."""

    name: str  # the id the CLI, the schedule and the output files use
    notebook: str  # in notebooks/
    title: str  # as the report's own pages name it
    index_name: str  # as outputs/index.html names it
    period_kind: str  # "quarter": a quarter, half or month (a year means its fourth quarter); "year"
    per_council: bool = True  # one report per council; else one for every council, filed under ``filed_under``
    filed_under: str | None = None  # the "council" folder of a report that covers every council
    subject: str | None = None  # whom that report is about, as its pages and the index name it
    needs_benchmarks: bool = False  # it cannot be made without the LGBF panel (benchmarks.csv)
    landscape: bool = False  # printed on landscape A4 (wide tables), as councils print it
    footer: str | None = None  # the page's footer where the report has its own (else it names the audience)
    # who publishes the figures of a report that covers every council: page 1 and the PDF's Author name it
    publisher: str | None = None
    # the free text its public version prints beside the measures' comments: "actions", "narrative"
    free_text: tuple[str, ...] = ()
    # what its cells import beyond kernels.WARM_MODULES, imported while a single run's kernel boots
    kernel_imports: tuple[str, ...] = ()
    # the audiences whose runs say the commands that would bring in the returns its figures still lack
    says_returns: tuple[str, ...] = ()
    # made from a council's return for its year (statutory figures, narrative): a run says what the year has no
    # figures for yet, and a public one is not published before the year has any (``annual_ready``)
    from_year_return: bool = False
    # prints the council's service's name (params/councils.yaml), which check-public reads for small numbers
    prints_service: bool = False

    def period(self, text, typed: Period | None = None) -> Period:
        """The period this report is for, from what was typed: a year for a yearly report; for a
        quarterly one a quarter, half or month (a year means its fourth quarter). ``typed``: ``text``
        read already (``Period.parse``), not read again; ``text`` names it in the message."""
        P = typed or Period.parse(text)
        if self.period_kind == "year" and P.kind != "year":
            raise ConfigError(f"the {self.name} report is for a financial year such as {P.fy_id}: found {text!r}")
        return Period.quarter(P.fy, 4) if self.period_kind == "quarter" and P.kind == "year" else P

    def covered(self, period) -> Period | None:
        """The period a council's report for ``period`` covers (a yearly report: the year); None for
        a report on every council (it prints published figures only: public suppression has nothing
        of the council's to check)."""
        if not self.per_council:
            return None
        P = Period.parse(period)
        return P.year_period if self.period_kind == "year" else P

    def period_label(self, P: Period) -> str:
        """The period as the report's title and the index print it."""
        return P.label if self.period_kind == "quarter" else P.year_period.label


REPORTS: dict[str, Report] = {
    r.name: r
    for r in (
        Report(
            "quarterly", "quarterly_performance.ipynb", title="Quarterly performance report",
            index_name="Quarterly performance report", period_kind="quarter", landscape=True, free_text=("actions",),
            says_returns=("internal",), prints_service=True,
        ),
        Report(
            "annual", "cswo_annual_report.ipynb", title="Chief Social Work Officer annual report",
            index_name="CSWO annual report", period_kind="year", free_text=("narrative", "workforce", "finance", "inspections"),
            says_returns=("internal", "public"), from_year_return=True,
        ),
        Report(
            "national", "national_overview.ipynb", title="Social work across Scotland: national overview",
            index_name="National overview of social work", period_kind="year", per_council=False,
            filed_under=SCOTLAND, subject=SCOTLAND_NAME, needs_benchmarks=True,
            footer="Made only from figures the Improvement Service publishes (LGBF).", publisher="Improvement Service",
            kernel_imports=("scipy.special",),  # the funnel plots' chi-squared limits
        ),
    )
}  # fmt: skip
NAMES = tuple(REPORTS)


def get(name: str) -> Report:
    """The report called ``name``; an unknown name is a ConfigError that lists the known ones."""
    try:
        return REPORTS[name]
    except (KeyError, TypeError):
        raise ConfigError(f"unknown report {name!r}: expected one of {', '.join(NAMES)}") from None
