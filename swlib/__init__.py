"""swlib: the computations behind swreport's council social work reports.

Pure functions on DataFrames; nothing runs at import beyond defining names.
"""

from .benchmark import benchmark
from .errors import ConfigError, DataError, PeriodError, Problem, ReportError, SwError
from .loading import Dataset, load
from .periods import Period
from .spc import p_chart, spc
from .stats import proportion_ci, rate_ci, trend_test
from .status import actions, performance, status_summary

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DataError",
    "Dataset",
    "Period",
    "PeriodError",
    "Problem",
    "ReportError",
    "SwError",
    "__version__",
    "actions",
    "benchmark",
    "load",
    "p_chart",
    "performance",
    "proportion_ci",
    "rate_ci",
    "render",
    "spc",
    "status_summary",
    "trend_test",
]  # fmt: skip


def render(report, council, period, audience="internal", data=None, out=None):
    """Execute a report notebook and export self-contained HTML; returns the HTML path."""
    from .rendering import render as _render

    return _render(report, council, period, audience=audience, data=data, out=out)


def report(name, context):
    """A report's body laid out by its template (``swlib/templates/<name>/report.html.j2``) from
    the notebook's one context; shows as HTML in a notebook."""
    from .templating import report as _report

    return _report(name, context)
