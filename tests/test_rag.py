"""A figure's RAG status on the figure as printed (swlib.rag): the decimals that decide it, and the
status by the figures beside an officer's assessment."""

import swlib
from swlib.formatting import fmt_value, status_text
from swlib.rag import by_the_figures, deciding_decimals, printed_status, shown_decimals
from tests.test_status import perf


def test_a_figure_whose_rounding_decides_its_status_is_shown_with_the_decimals_that_do(data_dir):
    # 74.96 against 75 would print as 75 (met) where it misses: the year to date is shown as 74.96, and
    # only it (its history keeps the measure's decimals), Amber on that figure; 74.4 is Amber either
    # way, so it keeps them too
    ms = [{"target": "75", "decimals": "0", "tolerance": "1"}, {"target": "75", "decimals": "0", "tolerance": "1"}]
    obs = [{"measure": "m0", "period": "2020-21-H1", "value": "74.96"}, {"measure": "m1", "period": "2020-21-H1", "value": "74.4"}]  # fmt: skip
    df = perf(data_dir, ms, obs).reset_index()
    decided, either_way = df.to_dict("records")
    assert decided["decides_at"] == 2 and shown_decimals(decided) == 2 and decided["status"] == "Amber"
    assert fmt_value(decided["to_date"], decided["unit"], shown_decimals(decided, "to_date")) == "74.96%"
    assert shown_decimals(decided, "last_year") == 0 and shown_decimals(decided, "2020-21") == 0
    assert (
        shown_decimals(either_way) == 0
        and fmt_value(either_way["to_date"], either_way["unit"], shown_decimals(either_way)) == "74%"
    )
    assert shown_decimals({"decimals": 1, "decides_at": None}) == 1
    assert shown_decimals({"decimals": 1, "decides_at": float("nan")}) == 1


def test_an_officers_assessment_is_printed_with_the_status_by_the_figures_beside_it(demo):
    # committee reading of SL 2021/22 Q2 p6: carers supported by Welfare Rights officers, 164 against
    # 200 to date (18% short, worsening) printed "Amber (officer assessment)"; by the figures it is Red
    perf = swlib.performance(demo, "south-lanarkshire", "2021-22-Q2").set_index("measure", drop=False)
    carers = perf.loc["sl-carers-welfare-rights"].to_dict()
    assert (carers["status"], carers["status_source"], by_the_figures(carers)) == ("Amber", "override", "Red")
    assert (
        status_text("Amber", "override", by_the_figures(carers)) == "▲ Amber (officer assessment; by the figures: Red)"
    )
    assert by_the_figures(perf.loc["sl-equipu-saving"].to_dict()) is None  # a status by the figures already
    assert by_the_figures({**carers, "status": "Red"}) is None  # the officer agrees with the figures


def test_a_status_rests_on_the_figure_at_the_decimals_that_decide_it_never_on_rounding():
    # 182 of 260 (70.0%) meets the target unrounded: nothing to explain
    assert deciding_decimals(70.0, 70, 3.5, "higher", 0) is None
    # a tolerance crossed by rounding: 74.6% prints as 75%, 5 short of 80 (Amber); unrounded 5.4 short (Red)
    assert deciding_decimals(74.6, 80, 5, "higher", 0) == 1
    assert printed_status(74.6, 80, 5, "higher", 0) == "Red"
    # lower is better: 12.02% on "no more than 12%" is over it, Amber, not Green as 12% (COMMITTEE-8 #1a)
    assert printed_status(12.02, 12, 0.6, "lower", 0) == "Amber"
    assert deciding_decimals(12.02, 12, 0.6, "lower", 0) == 2  # 12.0% would still read as met
    # more decimals until the printed figure has the unrounded status: 70.31 against 70.33 (0 dp: 70 and 70)
    assert deciding_decimals(70.31, 70.33, 1, "higher", 0) == 2
