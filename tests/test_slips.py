"""Warnings about figures typed on the wrong footing (swlib.slips): a year's target on a quarter's
row, months typed as the quarter so far, a figure 100 times the others (ANALYST-5 #8, #9, #10)."""

from click.testing import CliRunner

import swlib
from swlib.cli import main
from tests.conftest import make_data

BEDS = {"measure": "dd-bed-days", "unit": "count", "polarity": "lower", "frequency": "monthly", "target": "12000"}
UPW = {"measure": "upw-7days", "unit": "percent", "frequency": "monthly"}
COST = {"measure": "cah-cost", "unit": "currency", "polarity": "lower", "aggregate": "mean"}


def warned(ds, word: str) -> list[str]:
    return [str(w) for w in ds.warnings if word in str(w)]


def months(measure, figures, start=(2025, 4), **counts):
    """Monthly rows from ``start``: values, or numerator/denominator pairs."""
    y, m = start
    out = []
    for f in figures:
        row = {"measure": measure, "period": f"{y}-{m:02d}"}
        row |= {"numerator": str(f[0]), "denominator": str(f[1])} if isinstance(f, tuple) else {"value": str(f)}
        out.append(row)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def test_the_years_target_on_a_quarters_row_is_warned_with_the_target_to_date(data_dir):
    """12,000 (the year's) typed on 2026-27-Q2's targets.csv row: the row wins and is not
    pro-rated, so 6,655 bed days in six months were Green against it, Red against 6,000."""
    obs = months("dd-bed-days", [1000, 1010, 1020, 1130, 1150, 1345], start=(2026, 4))
    targets = [{"council": "alpha", "measure": "dd-bed-days", "period": "2026-27-Q2", "target": "12000"},
               {"council": "alpha", "measure": "dd-bed-days", "period": "2026-27-Q4", "target": "12000"},
               {"council": "alpha", "measure": "dd-bed-days", "period": "2026-27-Q1", "target": "3000"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [BEDS], obs, targets=targets))
    assert warned(ds, "whole year's target") == [
        "targets.csv, row 2, column 'target': found dd-bed-days for alpha, 2026/27 Quarter 2: 12,000, the whole "
        "year's target (the measure's target in measures.csv: 12,000), on a quarter's row; a row for a period is its "
        "target to date and is not pro-rated, so 6 months' figures are held to 12 months' target; expected the "
        "year's target on the year's row (2026-27), or the target to date at 2026/27 Quarter 2 (6,000 pro rata); "
        "delete this row to have the year's taken pro rata"
    ]  # Quarter 4's target to date is the year's; Quarter 1's 3,000 is a quarter's


def test_a_quarters_target_equal_to_the_years_own_row_is_warned_and_a_mean_is_not(data_dir):
    obs = months("dd-bed-days", [1000, 1010, 1020], start=(2026, 4))
    targets = [{"council": "alpha", "measure": "dd-bed-days", "period": "2026-27", "target": "10000"},
               {"council": "alpha", "measure": "dd-bed-days", "period": "2026-09", "target": "10050"},
               {"council": "alpha", "measure": "cah-cost", "period": "2026-27-Q2", "target": "30"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [BEDS, {**COST, "target": "30"}], obs, targets=targets))
    found = warned(ds, "whole year's target")
    assert len(found) == 1 and "row 3" in found[0] and "(its 2026-27 row: 10,000)" in found[0]
    assert "the target to date at September 2026 (5,000 pro rata)" in found[0]


def test_months_typed_as_the_quarter_so_far_are_warned_each_cell(data_dir):
    """August as July plus August and September as the quarter so far: 74.3% (344 of 463)
    printed where 226 of 305 (74.1%) was right, without a word."""
    figures = [(38, 46), (41, 50), (35, 47), (40, 49), (39, 52), (44, 53), (36, 48), (33, 45), (42, 51),
               (40, 50), (38, 49), (43, 52), (37, 50), (35, 48), (39, 51), (41, 54), (77, 104), (115, 156)]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [UPW], months("upw-7days", figures)))
    found = warned(ds, "quarter so far")
    assert [w.split(":")[0] for w in found] == [
        "observations.csv, row 18, column 'denominator'", "observations.csv, row 19, column 'denominator'",
        "observations.csv, row 18, column 'numerator'", "observations.csv, row 19, column 'numerator'"]  # fmt: skip
    assert (
        "found upw-7days for alpha, August 2026: 104, about the quarter so far (54 as typed for July 2026 plus 50) "
        "where its months are around 50; expected the month's own figure, not a running total (swreport adds the "
        "months up): 50 if 104 is the quarter so far; if it is the month's own, say why in comment (the report "
        "prints it) and this warning goes"
    ) in found[0]
    assert (
        "September 2026: 156, about the quarter so far (104 as typed for July 2026 to August 2026 plus 52)" in found[1]
    )


def test_a_month_typed_as_the_quarter_so_far_after_a_months_own_figure_and_a_busy_month_are_told_apart(data_dir):
    counts = [980, 1010, 1040, 990, 1075, 1120, 1160, 1210, 1190, 1105, 1060, 1015, 1000, 1010, 1020, 1130, 1150]
    ds = swlib.load(make_data(data_dir, [BEDS], months("dd-bed-days", [*counts, 3450])))  # Sep: Jul + Aug + 1,170
    found = warned(ds, "quarter so far")
    assert (
        len(found) == 1
        and "September 2026: 3,450, about the quarter so far (2,280 as typed for July 2026 to" in found[0]
    )
    assert "expected the month's own figure, not a running total (swreport adds the months up): 1,170" in found[0]
    ds = swlib.load(make_data(data_dir, [BEDS], months("dd-bed-days", [*counts, 1400])))  # a busy month
    assert warned(ds, "quarter so far") == []
    rows = months("dd-bed-days", [*counts, 3450])
    rows[-1]["comment"] = "Winter ward closures: three times the usual delays"  # said why: not warned
    assert warned(swlib.load(make_data(data_dir, [BEDS], rows)), "quarter so far") == []


def test_a_cost_typed_in_pence_and_a_zero_among_hundreds_are_warned_with_the_likely_figure(data_dir):
    """3175 for £31.75 where the other quarters are £28.40 to £31.20: a Red '£1,603.10' on page 1."""
    obs = [{"measure": "cah-cost", "period": p, "value": v} for p, v in
           [("2025-26-Q1", "28.4"), ("2025-26-Q2", "28.9"), ("2025-26-Q3", "29.1"), ("2025-26-Q4", "29.6"),
            ("2026-27-Q1", "31.2"), ("2026-27-Q2", "3175")]]  # fmt: skip
    homes = {"measure": "care-homes", "unit": "count", "aggregate": "latest"}
    obs += [{"measure": "care-homes", "period": p, "value": v} for p, v in
            [("2025-26-Q1", "1412"), ("2025-26-Q2", "1405"), ("2025-26-Q3", "1398"), ("2026-27-Q1", "0")]]  # fmt: skip
    small = {"measure": "secure", "unit": "count"}  # 0 among counts of 5 to 7 happens
    obs += [{"measure": "secure", "period": f"2025-26-Q{q}", "value": v} for q, v in [(1, 5), (2, 7), (3, 6), (4, 0)]]
    ds = swlib.load(make_data(data_dir, [COST, homes, small], obs))
    found = warned(ds, "where its other")
    assert found == [
        "observations.csv, row 7, column 'value': found cah-cost for alpha, 2026/27 Quarter 2: 3,175, where its other "
        "quarter figures are 28.4 to 31.2 (about 109 times as much); expected the figure in the measure's unit: "
        "31.75 if 3,175 was typed in pence; if it is right, say why in comment, quoting the figure ('3,175 because "
        "...') (the report prints it) and this warning goes",
        "observations.csv, row 11, column 'value': found care-homes for alpha, 2026/27 Quarter 1: 0, where its other "
        "quarter figures are 1,398 to 1,412 (a tenth or less); expected the figure; if it is not known, leave value "
        "blank and give the reason in comment; if it is right, say why in comment (the report prints it) and this "
        "warning goes",
    ]
    obs[-5]["comment"] = "Two homes closed for refurbishment: residents moved out of area"
    assert warned(swlib.load(make_data(data_dir, [COST, homes, small], obs)), "where its other") == found[:1]


def test_hours_typed_in_minutes_are_named_so(data_dir):
    hours = {"measure": "care-hours", "unit": "hours", "aggregate": "mean"}
    obs = [{"measure": "care-hours", "period": f"2025-26-Q{q}", "value": v} for q, v in
           [(1, "7.2"), (2, "7.5"), (3, "7.4"), (4, "450")]]  # fmt: skip
    (w,) = warned(swlib.load(make_data(data_dir, [hours], obs)), "where its other")
    assert "care-hours for alpha, 2025/26 Quarter 4: 450, where its other quarter figures are 7.2 to 7.5" in w
    assert "expected the figure in the measure's unit: 7.5 if 450 was typed in minutes" in w


def test_a_first_quarter_month_typed_as_the_year_to_date_is_warned_once(data_dir):
    counts = [980, 1010, 1040, 990, 1075, 1120, 1160, 1210, 1190, 1105, 1060, 1015, 1000, 2010]  # May 2026: Apr + May
    found = [str(w) for w in swlib.load(make_data(data_dir, [BEDS], months("dd-bed-days", counts))).warnings
             if "row 15, column 'value'" in str(w)]  # fmt: skip
    assert len(found) == 1 and "May 2026: 2,010, about the year to date" in found[0]


def test_the_newest_quarters_slip_is_warned_though_its_return_gave_it_a_comment(data_dir):
    """ANALYST-8 #15: the newest quarter, the one a return brings in, carried a comment on something
    else ("Corrected: agency invoices re-coded"), and any comment hid the warning: 3,040 pence printed
    as a Red '£1,534.98', and a count typed with an extra 0 likewise. A comment quoting the figure
    still says why."""
    beds = {"measure": "dd-beds", "unit": "count", "polarity": "lower", "aggregate": "sum"}
    quarters = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4", "2026-27-Q1", "2026-27-Q2"]
    obs = [{"measure": "cah-cost", "period": p, "value": v}
           for p, v in zip(quarters, ["28.1", "28.45", "29.3", "29.85", "29.95", "3040"], strict=True)]  # fmt: skip
    obs[-1]["comment"] = "Corrected: agency invoices re-coded to Q1."
    obs += [{"measure": "dd-beds", "period": p, "value": v}
            for p, v in zip(quarters, ["1390", "1450", "1600", "1710", "1650", "17200"], strict=True)]  # fmt: skip
    obs[-1]["comment"] = "3 people waited over six weeks for a care home place."
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, [COST, beds], obs))])
    assert r.exit_code == 0, r.output
    said = [line for line in r.output.splitlines() if "where its other" in line]
    assert said == [
        "observations.csv, row 7, column 'value': found cah-cost for alpha, 2026/27 Quarter 2: 3,040, where its other "
        "quarter figures are 28.1 to 29.95 (about 104 times as much); expected the figure in the measure's unit: "
        "30.4 if 3,040 was typed in pence; if it is right, say why in comment, quoting the figure ('3,040 because "
        "...') (the report prints it) and this warning goes",
        "observations.csv, row 13, column 'value': found dd-beds for alpha, 2026/27 Quarter 2: 17,200, where its "
        "other quarter figures are 1,390 to 1,710 (about 11 times as much); expected the figure in the measure's "
        "unit: 1,720 if 17,200 was typed with a digit too many; if it is right, say why in comment, quoting the "
        "figure ('17,200 because ...') (the report prints it) and this warning goes",
    ]
    obs[-1]["comment"] = "17,200: the new hospital's beds are counted from Quarter 2"
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, [COST, beds], obs))])
    assert [line for line in r.output.splitlines() if "where its other" in line] == said[:1]
