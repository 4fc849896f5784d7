"""swlib: the computations behind swreport's council social work reports.

Pure functions on DataFrames; nothing runs at import beyond defining names.
"""

import importlib

from .errors import ConfigError, DataError, PeriodError, Problem, ReportError, SwError
from .version import __version__

# each name and the module that defines it, imported on first use: ``swreport`` starts a
# report's kernel before this process loads pandas (no module is named like a function here)
_LAZY = {
    "benchmark": "benchmarking", "Dataset": "dataset", "load": "loading", "Period": "periods", "p_chart": "xmr",
    "spc": "xmr", "proportion_ci": "stats", "rate_ci": "stats", "trend_test": "stats", "actions": "action_rows",
    "performance": "status", "status_summary": "status", "funnel_plot_data": "funnel",
}  # fmt: skip


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'swlib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    from .rendering import render as _render  # the CLI's start imports swlib: not papermill and pandas

    return _render(report, council, period, audience=audience, data=data, out=out)


def report(name, context):
    """A report's body laid out by its template (``swlib/templates/<name>/report.html.j2``) from
    the notebook's one context; shows as HTML in a notebook."""
    from .notebook_view import report as _report  # as render

    return _report(name, context)
