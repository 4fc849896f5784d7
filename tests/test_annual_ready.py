"""Whether a CSWO annual report has what it must have before a scheduled run publishes it
(swlib.annual_ready)."""

import swlib
from swlib.annual_ready import lacking, not_ready
from tests.conftest import make_data

ORDERS = {"title": "Orders made", "theme": "Statutory functions", "outcome": "Child protection", "unit": "count",
          "polarity": "none", "frequency": "annual"}  # fmt: skip
MHO = {**ORDERS, "title": "MHO reports", "outcome": "Mental health officer services", "frequency": "quarterly"}
MEASURES = [{"target": "80"}, ORDERS, MHO]
Y = swlib.Period.parse("2020-21")


def quarters(measure="m0"):
    return [{"measure": measure, "period": f"2020-21-Q{q}", "numerator": "9", "denominator": "10"} for q in range(1, 5)]


def test_a_year_with_its_quarters_but_no_return_and_no_narrative_is_not_ready(data_dir):
    # ANALYST-5 #3: a quarterly measure under the statutory theme (m2) is not the year's return
    mho = [{"measure": "m2", "period": f"2020-21-Q{q}", "value": "60"} for q in range(1, 5)]
    ds = swlib.load(make_data(data_dir, MEASURES, quarters() + mho))
    assert lacking(ds, "alpha", Y) == ["statutory figures", "narrative"]
    assert not_ready(ds, "alpha", Y) == (
        "not published: the annual report for 2020/21 has no statutory figures and no narrative yet (its sections "
        "would say none was provided); the year's return brings the figures in (swreport template RETURN.xlsx "
        "--council alpha --period 2020-21; then swreport merge RETURN.xlsx); the CSWO's words go in "
        "data/narrative/alpha/2020-21/summary.md and the other sections' files beside it; 'swreport run annual "
        "--council alpha --period 2020-21 --audience public' publishes it as it is"
    )


def test_a_reason_for_a_statutory_figure_and_one_section_of_narrative_make_it_ready(data_dir):
    obs = [*quarters(), {"measure": "m1", "period": "2020-21", "comment": "not available: new system"}]
    ds = swlib.load(make_data(data_dir, MEASURES, obs))
    assert lacking(ds, "alpha", Y) == ["narrative"]
    assert not_ready(ds, "alpha", Y).startswith("not published: the annual report for 2020/21 has no narrative yet")
    folder = data_dir / "narrative" / "alpha" / "2020-21"
    folder.mkdir(parents=True)
    (folder / "Summary.txt").write_text("Not a section the report reads.")
    assert lacking(ds, "alpha", Y) == ["narrative"]
    (folder / "finance.md").write_text("The budget held.")
    assert lacking(ds, "alpha", Y) == [] and not_ready(ds, "alpha", Y) is None
    assert lacking(ds, "alpha", swlib.Period.parse("2019-20")) == ["statutory figures", "narrative"]  # another year's
