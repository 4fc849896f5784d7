"""The latest quarter on its own beside the year to date (COMMITTEE-9 #1)."""

from __future__ import annotations

import pandas as pd
import pytest

import swlib
from swlib import trends
from swlib.periods import Period
from swlib.quarter_alone import quarter_alone

ROW = {"unit": "percent", "aggregate": "sum", "polarity": "higher", "decimals": 0, "target": 75.0, "tolerance": 5.0,
       "status": "Red", "status_source": "figures", "to_date": 70.6, "period_shown": "2021-22-Q2"}  # fmt: skip


def quarters(*figures):
    rows = [(f"2021-22-Q{i}", f"2021/22 Quarter {i}", 100 * n / d, n, d) for i, (n, d) in enumerate(figures, 1)]
    return pd.DataFrame(rows, columns=["period", "label", "value", "numerator", "denominator"])


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_section_4_says_the_quarter_on_its_own_met_the_target_the_year_to_date_misses(demo, audience):
    """SL 2021/22 Q2: the status line says 71%, Red (the year to date); the SPC chart beside it labels
    the latest point 77% (the quarter on its own, above the 75% target). One sentence says which is
    which; the public report, which charts no single quarter, says it without the quarter's figures."""
    from swlib.views import attention_view

    P = Period.parse("2021-22-Q2")
    perf = swlib.performance(demo, "south-lanarkshire", P, audience=audience)
    perf["sentence"] = trends.describe(perf, demo, "south-lanarkshire", P)
    parts = {p["title"]: p for p in attention_view(demo, "south-lanarkshire", perf, P)["parts"]}
    cpo = parts["Offenders on a CPO unpaid work requirement seen within five working days by their case manager"]
    assert "71%" in cpo["sentence"] and cpo["status"] == "Red"
    if audience == "internal":
        assert cpo["alone"] == (
            "This quarter on its own: 77% (89 of 115), Green, above the 75% target; the year to date is Red because of "
            "Quarter 1's 64%."
        )
    else:  # no single quarter's figure in public (public_spc: the chart is not drawn)
        assert cpo["alone"] == (
            "This quarter on its own was Green, above the 75% target; the year to date is Red because of Quarter 1's "
            "figure."
        )
        assert "77%" not in cpo["alone"] and "89 of 115" not in cpo["alone"]


def test_the_same_status_is_said_only_where_the_figures_differ_as_printed():
    assert (
        quarter_alone(quarters((70, 100), (71, 100)), ROW | {"to_date": 70.6, "status": "Amber"}, "2021-22-Q2") is None
    )
    said = quarter_alone(quarters((82, 100), (88, 100)), ROW | {"to_date": 85.0, "target": 95.0}, "2021-22-Q2")
    assert said == (
        "This quarter on its own: 88% (88 of 100), below the 95% target; the year to date, 85%, takes in Quarter 1's 82%."
    )
    # public: the same status, nothing to say without the figures
    assert (
        quarter_alone(quarters((82, 100), (88, 100)), ROW | {"to_date": 85.0, "target": 95.0}, "2021-22-Q2", False)
        is None
    )


def test_nothing_is_said_where_a_quarter_does_not_read_against_the_years_target():
    s = quarters((60, 100), (90, 100))
    assert quarter_alone(s, ROW, "2021-22-Q2") is not None
    assert quarter_alone(s, ROW | {"unit": "count"}, "2021-22-Q2") is None  # a count the year adds up
    assert quarter_alone(s, ROW | {"aggregate": "latest"}, "2021-22-Q2") is None  # a snapshot
    assert quarter_alone(s, ROW | {"status_source": "override"}, "2021-22-Q2") is None  # an officer's own status
    assert quarter_alone(s.head(1), ROW, "2021-22-Q1") is None  # the first quarter is the year to date
    three = quarter_alone(
        quarters((60, 100), (60, 100), (90, 100)), ROW | {"period_shown": "2021-22-Q3"}, "2021-22-Q3", False
    )
    assert three.endswith("because of the figures of Quarters 1 and 2.")


def test_a_quarter_on_its_own_red_beside_an_amber_year_is_called_red():
    # COMMITTEE-11 #2: D&G 2023/24 Q2 p.15, Elected Member enquiries: "79.2% (57 of 72), below the 85.0% target; the
    # year to date is Amber" did not say the quarter on its own is Red (more than the 5-point tolerance below)
    row = ROW | {"decimals": 1, "target": 85.0, "status": "Amber", "to_date": 83.1}
    said = quarter_alone(quarters((61, 70), (57, 72)), row, "2021-22-Q2")
    assert said == (
        "This quarter on its own: 79.2% (57 of 72), Red, below the 85.0% target; the year to date is Amber because of "
        "Quarter 1's 87.1%."
    )
    assert quarter_alone(quarters((61, 70), (57, 72)), row, "2021-22-Q2", False).startswith(
        "This quarter on its own was Red, below the 85.0% target; "
    )


def months(*figures):
    rows = [(str(p), p.label, 100 * n / d, n, d)
            for p, (n, d) in zip(Period.parse("2023-24").parts("month"), figures, strict=False)]  # fmt: skip
    return pd.DataFrame(rows, columns=["period", "label", "value", "numerator", "denominator"])


def test_a_monthly_measures_quarter_is_its_three_months_put_together():
    # COMMITTEE-11 #3: D&G 2023/24 Q2's Stage 1 complaints (monthly), Amber to date, had no sentence: the quarter on
    # its own, 21 of 26 (80.8%), meets the 80% target
    row = ROW | {"decimals": 1, "target": 80.0, "status": "Amber", "to_date": 75.6, "period_shown": "2023-24-Q2"}
    s = months((5, 8), (6, 8), (6, 8), (7, 9), (7, 8), (7, 9))  # Q1 17 of 24, Q2 21 of 26
    assert quarter_alone(s, row, "2023-24-Q2") == (
        "This quarter on its own: 80.8% (21 of 26), Green, above the 80.0% target; the year to date is Amber because "
        "of Quarter 1's 70.8%."
    )
    assert quarter_alone(s.drop(index=4), row, "2023-24-Q2") is None  # August missing: no quarter to speak of
    no_counts = s.assign(numerator=float("nan"), denominator=float("nan"))
    assert quarter_alone(no_counts, row, "2023-24-Q2") is None  # percentages of months are not added up
    mean = quarter_alone(no_counts, row | {"aggregate": "mean", "to_date": 75.0}, "2023-24-Q2")
    assert mean.startswith("This quarter on its own: 81.0%, Green, above the 80.0% target")  # the months' mean
