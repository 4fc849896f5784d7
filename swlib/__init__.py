"""swlib: the computations behind swreport's council social work reports.

Pure functions on DataFrames; nothing runs at import beyond defining names.
"""

import importlib
import sys
import types

from .errors import ConfigError, DataError, PeriodError, Problem, ReportError, SwError
from .version import __version__

# imported on first use, so that ``swreport`` starts a report's kernel before it loads pandas
_LAZY = {
    "benchmark": "benchmark", "Dataset": "loading", "load": "loading", "Period": "periods", "p_chart": "spc",
    "spc": "spc", "proportion_ci": "stats", "rate_ci": "stats", "trend_test": "stats", "actions": "status",
    "performance": "status", "status_summary": "status", "funnel_plot_data": "funnel",
}  # fmt: skip


class _Package(types.ModuleType):
    """``swlib.benchmark`` and ``swlib.spc`` are functions, named like the modules that define
    them: importing those modules (which sets the package's attribute) keeps the function."""

    def __setattr__(self, name: str, value) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
    from .rendering import render as _render

    return _render(report, council, period, audience=audience, data=data, out=out)


def report(name, context):
    """A report's body laid out by its template (``swlib/templates/<name>/report.html.j2``) from
    the notebook's one context; shows as HTML in a notebook."""
    from .templating import report as _report

    return _report(name, context)
