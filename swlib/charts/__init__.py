"""Charts drawn with matplotlib's object API (no pyplot state), embedded as SVG.

Charts only draw what other modules computed. Every chart carries alt text and a caption in
words, and uses the Okabe-Ito colour-blind-safe palette; series are also told apart by
labels, markers or line styles, never by colour alone. Output is deterministic: no date in
the SVG metadata and a fixed hash salt for element ids.

One module per kind: ``base`` (what every chart shares: palette, settings, ``Chart``, labelled
bars, value axes), ``council`` (the council reports' charts), ``spc`` (the SPC chart) and
``national`` (benchmarking ranks, the national rank chart, the funnel plot).
"""

from .base import PALETTE, STATUS_COLOURS, Chart, value_axis_label
from .council import budget_chart, inspection_chart, small_multiples, status_chart, trend_chart
from .national import benchmark_chart, funnel_chart, rank_chart
from .spc import spc_chart

__all__ = [
    "PALETTE", "STATUS_COLOURS", "Chart", "benchmark_chart", "budget_chart", "funnel_chart", "inspection_chart",
    "rank_chart", "small_multiples", "spc_chart", "status_chart", "trend_chart", "value_axis_label",
]  # fmt: skip
