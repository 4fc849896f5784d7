# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove_cell"]
# # Chief Social Work Officer annual report
#
# Analysts: change the parameters and run all cells. The CSWO's words come from
# `data/narrative/<council>/<year>/<section>.md`; figures and charts from swlib. Each cell puts
# one section's figures in `report`; the last cell lays them out with the report's template
# (`swlib/templates/annual/report.html.j2`) and shows the report as the reader will see it.

# %% tags=["parameters"]
council = "dundee-city"
period = "2016-17"
audience = "internal"
data = None

# %% tags=["reads:observations", "reads:measures"]
import swlib
from swlib import trends
from swlib import views as s
from swlib.narrative import SECTIONS, section_file, sections_of
from swlib.statutory import PERFORMANCE_OUTCOMES

ds = swlib.load(data, council=council)
P = swlib.Period.parse(period).year_period
perf = swlib.performance(ds, council, P, audience=audience)
perf["sentence"] = trends.describe(perf, ds, council, P)
report = {
    "name": ds.council_name(council),
    "period": P,
    "synthetic": ds.is_synthetic(council),
    "audience": audience,  # page 1 says which version this is
    "issue": s.issue_view(council),  # and its issue date and owner
    "data_warnings": [str(w) for w in ds.warnings] if audience == "internal" else [],  # for the analyst, on screen
    "narrative": sections_of(ds.path, council, str(P), audience, ds, perf),  # sanitised markdown, by section
    # where a missing part is written: officers are told, the public report names no file
    "narrative_files": {part: section_file(ds.path, council, str(P), part) for part in SECTIONS}
    if audience == "internal"
    else {},
}

# %% tags=["remove_cell"]
# working view: the year's figures for every measure
perf[["measure", "title", "status", "target", "to_date", *perf.attrs["years"]]]

# %% tags=["section:summary", "reads:observations", "reads:benchmarks", "reads:inspections"]
# a measure with no figure for the year yet is shown at its latest available year, labelled so
targets = s.latest_available(ds, council, P, perf[perf["target"].notna()], audience)
report["summary"] = (
    s.summary_view(
        swlib.status_summary(targets), f"Measures with targets: status for {P.label}{s.latest_caption(targets)}"
    )
    if len(targets)
    else None
)
report["red"] = s.red_view(targets, ds, council)  # page 1 shows every Red measure: figure, target and one line
report["rated"] = s.rated_view(targets, ds, council)  # and every Amber and Green one, named as the counts count them
# and, targets or none, where the council compares least well this year and any weak inspection grade
report["beyond_targets"] = s.beyond_targets_view(ds, council, P, audience)

# %% tags=["section:landscape", "reads:councils"]
report["landscape"] = s.landscape_text(ds, council)

# %% tags=["section:finance", "reads:finance"]
report["finance"] = s.finance_view(ds, council, P, audience)

# %% tags=["section:performance", "reads:benchmarks"]
statutory = PERFORMANCE_OUTCOMES  # the statutory functions, as swlib/data/statutory_measures.csv lists them
report["performance"] = {
    "parts": [s.statutory_view(perf, outcome, P) for outcome in statutory]
    + [
        {
            "id": "benchmarking",
            "title": "How we compare with other councils",
            "benchmark": s.benchmark_view(ds, council, P),
        }
    ]
}

# %% tags=["section:complaints", "reads:observations"]
report["complaints"] = s.statutory_view(perf, "Complaints", P)

# %% tags=["section:workforce", "reads:observations"]
report["workforce"] = {
    "staff": s.workforce_view(ds, council, P, audience),
    "measures": s.statutory_view(perf, "Workforce", P, say_none=False),
}

# %% tags=["section:inspections", "reads:inspections"]
report["inspections"] = s.inspection_view(ds, council, P, audience)

# %% tags=["section:glossary", "reads:sources"]
report["glossary"] = s.glossary_items(council)
report["sources"] = s.sources_view(ds, council, audience, s.printed_rows(ds, council, P, perf, annual=True))

# %% tags=["layout"]
swlib.report("annual", report)
