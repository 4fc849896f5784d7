"""What each report section shows, as plain data for its template, one module per report.

- ``tables``: the tables every report is made of (a figure, summaries, the legend, actions,
  figures by year, money, plain frames); ``performance``: the performance tables by theme and
  outcome; ``no_figures``: the measures with no figures yet; ``spc``: a measure's SPC chart with
  its icons.
- ``quarterly``, ``annual``, ``national``: each report's own sections (its templates are in
  ``swlib/templates/<report>/``); ``annual_page_one``: the annual report's first page.
- ``sources``: the back pages, sources and the glossary's terms.
- ``wording``: the words a report prints that are not computed (``swlib/data/wording.yaml``).

Every view is exported here, so a notebook reads ``from swlib import views as v``.
"""

from ..status import without_figures
from .annual import finance_view, inspection_view, statutory_view, workforce_view
from .annual_page_one import beyond_targets_view, latest_available, latest_caption, rated_view, red_view
from .issue import issue_view, national_issue_view
from .national import (
    family_groups_view,
    fmt_change,
    funnel_words,
    national_glance_view,
    national_indicator_view,
    quartile_matrix_view,
    report_year_words,
    trend_words,
)
from .no_figures import no_figures_view
from .performance import performance_table_view, performance_view
from .quarterly import attention_view, benchmark_view, landscape_text, not_compared_reason, spc_against_trends
from .sources import (
    benchmark_sources,
    glossary_items,
    national_glossary_items,
    printed_rows,
    source_label,
    sources_view,
)
from .tables import (
    actions_view,
    cell,
    frame_view,
    legend_view,
    money_view,
    summary_view,
    values_view,
    variance_view,
)

__all__ = [
    "actions_view", "attention_view", "benchmark_sources", "benchmark_view", "beyond_targets_view", "cell", "family_groups_view",
    "finance_view", "fmt_change", "frame_view", "funnel_words", "glossary_items", "inspection_view", "issue_view",
    "landscape_text", "latest_available", "latest_caption", "legend_view", "money_view", "national_glance_view", "national_glossary_items", "national_indicator_view",
    "national_issue_view",
    "no_figures_view", "not_compared_reason", "performance_table_view", "performance_view", "printed_rows", "quartile_matrix_view", "rated_view", "red_view", "report_year_words",
    "source_label", "sources_view", "spc_against_trends", "statutory_view", "summary_view", "trend_words", "values_view", "variance_view", "without_figures", "workforce_view",
]  # fmt: skip
