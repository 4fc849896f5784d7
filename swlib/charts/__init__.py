"""Charts, written straight to SVG from what swlib computed (``svg``), without matplotlib.

Charts only draw what other modules computed. Every chart carries alt text and a caption in
words, and uses the Okabe-Ito colour-blind-safe palette; series are also told apart by
labels, markers, hatching or line styles, never by colour alone. Output is deterministic:
nothing in the SVG depends on the time or the run.

One module per kind: ``base`` (what every chart shares: palette, printed sizes, ``Chart``, value
axes), ``svg`` (STYLE, the SVG page, text widths from ``metrics``, scales and legends),
``council`` (the council reports' charts of a whole: statuses, budget, grades), ``trend`` (a
measure's years against its targets), ``multiples`` (the statutory functions' small multiples), ``spc`` (the SPC chart) and ``national``
(benchmarking ranks, the national rank chart, the funnel plot).
"""

from .base import PALETTE, STATUS_COLOURS, Chart, value_axis_label
from .council import budget_chart, inspection_chart, status_chart
from .multiples import multiples_columns, multiples_printed_differ, small_multiples
from .national import benchmark_chart, benchmark_charts, funnel_chart, rank_chart
from .spc import spc_chart
from .trend import trend_chart

__all__ = [
    "PALETTE", "STATUS_COLOURS", "Chart", "benchmark_chart", "benchmark_charts", "budget_chart", "funnel_chart",
    "inspection_chart", "multiples_columns", "multiples_printed_differ", "rank_chart", "small_multiples", "spc_chart", "status_chart", "trend_chart", "value_axis_label",
]  # fmt: skip
