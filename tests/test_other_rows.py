"""A comment or an action on one row set against what every row of the public table prints and hides
(ATTACK-10 #3, #5, #13)."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

import swlib
from swlib import published
from swlib.explorer import Explorer
from swlib.other_rows import WITHHELD_GIVEN
from swlib.performance_workbook import export_performance
from swlib.printed import APART_FROM_PRINTED, STATES_HIDDEN
from tests.conftest import make_data

COUNT = {"unit": "count", "polarity": "none"}


def _public(ds, period="2023-24-Q2"):
    return swlib.performance(ds, "alpha", period, audience="public").set_index("measure")


def test_a_comment_on_another_row_stating_a_suppressed_figure_is_withheld(data_dir):
    # ATTACK-10 #3: secure placements 10 in Q1 then 13 to date in Q2 ([c]: 3 in Q2); the referrals
    # row's comment said "13 secure placements so far this year", two rows from the [c]
    ms = [{"title": "Secure placements", **COUNT}, {"title": "Referrals received", **COUNT}]
    said = "Demand held steady; 13 secure placements so far this year."
    obs = [{"measure": "m0", "period": "2023-24-Q1", "value": "10"},
           {"measure": "m0", "period": "2023-24-Q2", "value": "3"},
           {"measure": "m1", "period": "2023-24-Q1", "value": "250"},
           {"measure": "m1", "period": "2023-24-Q2", "value": "240", "comment": said}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    pub = _public(ds)
    assert pd.isna(pub.at["m0", "to_date"])  # the [c]
    assert pub.at["m1", "to_date"] == 490  # the referrals are printed ...
    assert pub.at["m1", "comment"] == WITHHELD_GIVEN  # ... but not the comment that gives the [c] back
    found = [w for w in pub.attrs["withheld"] if w["row"] == 5]  # observations.csv's row of the comment
    assert found and found[0]["reason"] == STATES_HIDDEN and found[0]["text"].endswith(": 13")
    assert swlib.performance(ds, "alpha", "2023-24-Q2").set_index("measure").at["m1", "comment"] == said  # internal
    # the same comment with a figure the table hides nowhere is printed
    obs[-1]["comment"] = "Demand held steady; 31 secure placements were reviewed."
    ds = swlib.load(make_data(data_dir, ms, obs))
    assert _public(ds).at["m1", "comment"] == obs[-1]["comment"]


def test_a_monthly_comment_giving_the_year_to_date_beside_the_quarters_printed_figure_is_withheld(data_dir, tmp_path):
    # ATTACK-10 #13: "150 so far this year" on August's row, the quarter's 153 printed: September's 3.
    # The public explorer and export print the row's comment as the report does
    ms = [{"title": "Referrals received", "unit": "count", "polarity": "none", "frequency": "monthly"}]
    obs = [{"measure": "m0", "period": f"2023-{m:02d}", "value": "30"} for m in range(4, 9)]
    obs[-1]["comment"] = "150 so far this year."
    obs += [{"measure": "m0", "period": "2023-09", "value": "3"}]
    ds = swlib.load(make_data(data_dir, ms, obs))
    pub = _public(ds)
    assert pub.at["m0", "to_date"] == 153
    assert "150" not in pub.at["m0", "comment"] and pub.at["m0", "comment"] == WITHHELD_GIVEN
    assert [w["reason"] for w in pub.attrs["withheld"]] == [APART_FROM_PRINTED]
    view = Explorer(ds, "alpha", "2023-24-Q2", measure="m0", audience="public").view
    assert not any("150" in c for c in view.comments)
    book = export_performance(ds, "alpha", "2023-24-Q2", tmp_path / "q2.xlsx", "public", published=published.empty())
    cells = [str(c.value) for row in load_workbook(book)["performance"].iter_rows() for c in row if c.value]
    assert WITHHELD_GIVEN in cells and not any("150 so far" in c for c in cells)
    # a year to date the quarter prints is no other count: printed
    obs[4]["comment"] = "Busy summer."
    obs[-1]["comment"] = "153 so far this year."
    ds = swlib.load(make_data(data_dir, ms, obs))
    assert "153 so far this year" in _public(ds).at["m0", "comment"]


def test_a_comment_naming_another_measure_with_a_count_near_its_printed_figure_is_withheld(data_dir):
    # ATTACK-10 #5: "we applied for 33 Child Protection Orders" on the referrals row, beside "Child
    # Protection Orders made 30" printed: 3 refused
    ms = [{"title": "Child Protection Orders made", **COUNT}, {"title": "Referrals received", **COUNT}]
    said = "Referrals rose; we applied for 33 child protection orders."
    obs = [{"measure": "m0", "period": "2023-24-Q1", "value": "14"},
           {"measure": "m0", "period": "2023-24-Q2", "value": "16"},
           {"measure": "m1", "period": "2023-24-Q1", "value": "250"},
           {"measure": "m1", "period": "2023-24-Q2", "value": "240", "comment": said}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    pub = _public(ds)
    assert pub.at["m0", "to_date"] == 30 and pub.at["m1", "comment"] == WITHHELD_GIVEN
    assert pub.attrs["withheld"][-1]["reason"] == APART_FROM_PRINTED
    # the referrals' own figures said again are printed
    obs[-1]["comment"] = "Referrals rose to 490, from 250 in Quarter 1."
    ds = swlib.load(make_data(data_dir, ms, obs))
    assert _public(ds).at["m1", "comment"] == obs[-1]["comment"]


def test_an_action_stating_what_another_row_suppresses_is_withheld(data_dir):
    # ATTACK-10 #3 (actions): an action on the referrals measure restating the secure placements' [c]
    ms = [{"title": "Secure placements", **COUNT}, {"title": "Referrals received", **COUNT}]
    obs = [{"measure": "m0", "period": "2023-24-Q1", "value": "10"},
           {"measure": "m0", "period": "2023-24-Q2", "value": "3"},
           {"measure": "m1", "period": "2023-24-Q1", "value": "250"},
           {"measure": "m1", "period": "2023-24-Q2", "value": "240"}]  # fmt: skip
    acts = [{"council": "alpha", "period": "2023-24-Q2", "theme": "Theme one", "outcome": "Outcome one",
             "action": "Review referral routes", "measure": "m1", "status": "Green",
             "comment": "Secure placements reached 13 this year."}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs, actions=acts))
    out = swlib.actions(ds, "alpha", "2023-24-Q2", audience="public")
    assert "13" not in out.iloc[0]["comment"] and "withheld" in out.iloc[0]["comment"]
    assert out.attrs["withheld"][-1]["reason"] == STATES_HIDDEN
    assert out.iloc[0]["action"] == "Review referral routes"
    assert swlib.actions(ds, "alpha", "2023-24-Q2").iloc[0]["comment"] == acts[0]["comment"]  # internal
