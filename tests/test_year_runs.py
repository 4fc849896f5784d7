"""A measure's run of figures within a year (swlib.year_runs): gaps, cumulative figures, totals
that contradict their parts, as validate warns of them."""

import pandas as pd

import swlib
from swlib.year_runs import cumulative_figures, gaps, totals_against_parts
from tests.conftest import make_data

MONTHLY = {"unit": "count", "polarity": "lower", "frequency": "monthly", "target": "30000"}
QUARTERLY = {"unit": "count", "polarity": "higher", "frequency": "quarterly"}


def obs(rows):
    """Typed observations as loading gives them: indexed by spreadsheet row."""
    cols = ["council", "measure", "period", "value", "numerator", "denominator", "status", "comment"]
    df = pd.DataFrame([{"council": "alpha", "status": None, "comment": None, "numerator": None,
                        "denominator": None, **r} for r in rows], columns=cols)  # fmt: skip
    for c in ("value", "numerator", "denominator"):
        df[c] = pd.to_numeric(df[c])
    df.index = range(2, len(df) + 2)
    return df


def measures(*specs):
    return pd.DataFrame([{"measure": f"m{i}", "aggregate": "sum", **s} for i, s in enumerate(specs)])


def test_a_month_missing_before_the_years_last_is_named_with_the_row_after_it():
    rows = [{"measure": "m0", "period": p, "value": 2500} for p in ("2026-04", "2026-05", "2026-07", "2026-09")]
    (w,) = gaps(obs(rows), measures(MONTHLY), "observations.csv")
    assert str(w) == (
        "observations.csv, row 4, column 'period': found m0 for alpha with no figure for June 2026, August 2026 "
        "(its figures go on to September 2026); expected a figure for every month of 2026/27 up to the latest: a count "
        "with a month missing is not compared with the target (the report shows Report later); add the row for June "
        "2026 (2026-06), or one with the figure blank and the reason in comment"
    )
    said = rows + [
        {"measure": "m0", "period": p, "comment": "not available: system change"} for p in ("2026-06", "2026-08")
    ]
    assert gaps(obs(said), measures(MONTHLY), "observations.csv") == []  # a reason given: no warning
    latest = measures({**MONTHLY, "aggregate": "latest"})
    assert gaps(obs(rows), latest, "observations.csv") == []  # a snapshot's year to date is its latest month


def test_a_months_row_that_gives_no_figure_is_named_itself_not_asked_for():
    # June's row is there, its figure blank (a cell validate could not read is its error's, below): the
    # warning names that row and asks for its figure, not for a row the analyst already has
    rows = [{"measure": "m0", "period": p, "value": 2500} for p in ("2026-04", "2026-05", "2026-07")]
    rows.insert(2, {"measure": "m0", "period": "2026-06", "value": None})
    (w,) = gaps(obs(rows), measures(MONTHLY), "observations.csv")
    assert str(w).startswith("observations.csv, row 4, column 'value': found m0 for alpha with no figure for June 2026")
    assert str(w).endswith("give this row's figure for June 2026, or the reason there is none in its comment")


def test_a_quarter_typed_as_the_year_to_date_is_named_with_the_quarters_own_figure():
    rows = [{"measure": "m0", "period": p, "value": v} for p, v in
            (("2025-26-Q1", 980), ("2025-26-Q2", 1012), ("2025-26-Q3", 1045), ("2025-26-Q4", 990),
             ("2026-27-Q1", 1030), ("2026-27-Q2", 2095))]  # fmt: skip
    pct = [{"measure": "m1", "period": p, "numerator": n, "denominator": d} for p, n, d in
           (("2025-26-Q1", 640, 790), ("2025-26-Q2", 650, 800), ("2026-27-Q1", 671, 812), ("2026-27-Q2", 1361, 1632))]  # fmt: skip
    found = cumulative_figures(
        obs(rows + pct), measures(QUARTERLY, {**QUARTERLY, "unit": "percent"}), "observations.csv"
    )
    assert [str(w) for w in found] == [
        "observations.csv, row 7, column 'value': found m0 for alpha, 2026/27 Quarter 2: 2,095, about the year to date "
        "(1,030 in 2026/27 Quarter 1 plus 1,065) where its quarters are around 1,012; expected the quarter's own "
        "figure, not the year to date (swreport adds the quarters up): 1,065 if 2,095 is the year to date; if it is right, say why in comment, quoting the figure "
        "('2,095 because ...') (the report prints it) and this warning goes",
        "observations.csv, row 11, column 'denominator': found m1 for alpha, 2026/27 Quarter 2: 1,632, about the year "
        "to date (812 in 2026/27 Quarter 1 plus 820) where its quarters are around 800; expected the quarter's own "
        "figure, not the year to date (swreport adds the quarters up): 820 if 1,632 is the year to date; if it is right, say why in comment, quoting the figure "
        "('1,632 because ...') (the report prints it) and this warning goes",
        # ANALYST-4 #6: the numerator, the year to date too, is named as well
        "observations.csv, row 11, column 'numerator': found m1 for alpha, 2026/27 Quarter 2: 1,361, about the year "
        "to date (671 in 2026/27 Quarter 1 plus 690) where its quarters are around 650; expected the quarter's own "
        "figure, not the year to date (swreport adds the quarters up): 690 if 1,361 is the year to date; if it is right, say why in comment, quoting the figure "
        "('1,361 because ...') (the report prints it) and this warning goes",
    ]
    rows[-1]["value"] = 1065  # the quarter's own figure
    assert cumulative_figures(obs(rows), measures(QUARTERLY), "observations.csv") == []
    small = [{"measure": "m0", "period": p, "value": v} for p, v in (("2022-04", 7), ("2022-05", 14))]
    assert (
        cumulative_figures(obs(small), measures({**QUARTERLY, "frequency": "monthly"}), "o.csv") == []
    )  # 7 then 14: noise


def test_a_small_figure_typed_as_the_year_to_date_is_named_and_a_small_count_doubling_by_chance_is_not():
    """ANALYST-4 #6: sickness days per FTE 6.6 at Quarter 2 (Quarter 1's 3.2 plus 3.4, as the HR
    report gives the year to date) was skipped, as every figure under 20 was: the report said
    'Up from 6.8 days ... to 9.8 days'. A rate's quarters vary by their own spread; a small count's
    by chance as well (7, then 14, then 6)."""
    days = {**QUARTERLY, "unit": "days", "polarity": "lower"}
    rows = [{"measure": "m0", "period": p, "value": v} for p, v in
            (("2025-26-Q1", 3.3), ("2025-26-Q2", 3.5), ("2025-26-Q3", 2.8), ("2025-26-Q4", 2.7),
             ("2026-27-Q1", 3.2), ("2026-27-Q2", 6.6))]  # fmt: skip
    (w,) = cumulative_figures(obs(rows), measures(days), "observations.csv")
    assert str(w) == (
        "observations.csv, row 7, column 'value': found m0 for alpha, 2026/27 Quarter 2: 6.6, about the year to date "
        "(3.2 in 2026/27 Quarter 1 plus 3.4) where its quarters are around 3.2; expected the quarter's own figure, "
        "not the year to date (swreport adds the quarters up): 3.4 if 6.6 is the year to date; if it is right, say why "
        "in comment, quoting the figure ('6.6 because ...') (the report prints it) and this warning goes"
    )
    rows[-1]["comment"] = "6.6 because of the winter's flu outbreak"  # ANALYST-9 #6: a figure said why of is right
    assert cumulative_figures(obs(rows), measures(days), "observations.csv") == []
    rows[-1]["comment"] = None
    rows[-1]["value"] = 3.4
    assert cumulative_figures(obs(rows), measures(days), "observations.csv") == []
    counts = [{"measure": "m0", "period": p, "value": v} for p, v in
              (("2025-26-Q1", 7), ("2025-26-Q2", 6), ("2025-26-Q3", 7), ("2025-26-Q4", 8),
               ("2026-27-Q1", 7), ("2026-27-Q2", 14))]  # fmt: skip
    assert cumulative_figures(obs(counts), measures(QUARTERLY), "observations.csv") == []  # 14: chance
    counts[-1]["value"] = 15
    assert cumulative_figures(obs(counts), measures({**QUARTERLY, "unit": "hours"}), "o.csv") != []  # hours: no chance


def test_a_quarter_its_months_contradict_is_named_with_the_months():
    rows = [{"measure": "m0", "period": p, "value": v} for p, v in
            (("2026-07", 2520), ("2026-08", 2455), ("2026-09", 2410), ("2026-27-Q2", 7900))]  # fmt: skip
    (w,) = totals_against_parts(obs(rows), measures(MONTHLY), "observations.csv")
    assert str(w) == (
        "observations.csv, row 5, column 'value': found m0 for alpha, 2026/27 Quarter 2: 7,900, where its months add "
        "up to 7,385 (July 2026 2,520, August 2026 2,455, September 2026 2,410); expected the months to add up to the "
        "quarter's figure (the report adds the months and leaves the quarter's row unused, so two reports could "
        "disagree): correct whichever is wrong, or delete the quarter's row"
    )
    rows[-1]["value"] = 7385
    assert totals_against_parts(obs(rows), measures(MONTHLY), "observations.csv") == []


FIFE_MONTHS = (3072, 3165, 3073, 3120, 2980, 3260, 2890, None, 2870, 2465, 2480, 2829)  # November missing


def test_a_years_total_beside_some_of_its_months_says_which_are_missing_and_that_it_cannot_be_checked():
    """ANALYST-4 #3: a 'Total for the year' row (a spreadsheet sum over the wrong range) beside 11
    of the 12 months was used as the year's figure in silence: the check ran only with every month."""
    months = [f"2025-{m:02d}" for m in range(4, 13)] + [f"2026-{m:02d}" for m in (1, 2, 3)]
    rows = [
        {"measure": "m0", "period": p, "value": v} for p, v in zip(months, FIFE_MONTHS, strict=True) if v is not None
    ]
    rows.append({"measure": "m0", "period": "2025-26", "value": 44109, "comment": "Total for the year"})
    (w,) = totals_against_parts(obs(rows), measures(MONTHLY), "observations.csv")
    assert str(w) == (
        "observations.csv, row 13, column 'value': found m0 for alpha, 2025/26: 44,109, beside 11 of its 12 months, "
        "which add up to 32,204 (no figure for November 2025, which would be 11,905 where the months given are "
        "around 2,980); expected a figure for November 2025: without it the year's figure cannot be checked "
        "against its months, and the report takes it as it is; if it is not their total, correct it or delete the "
        "year's row"
    )
    rows[-1]["value"] = 30000  # less than the 11 months: wrong whatever November was
    (w,) = totals_against_parts(obs(rows), measures(MONTHLY), "observations.csv")
    assert str(w).startswith(
        "observations.csv, row 13, column 'value': found m0 for alpha, 2025/26: 30,000, where 11 of its 12 months "
        "add up to more: 32,204 (April 2025 3,072,"
    )
    rows[-1]["value"] = 35094
    rows.append({"measure": "m0", "period": "2025-11", "value": 2890})  # all 12, agreeing: nothing to say
    assert totals_against_parts(obs(rows), measures(MONTHLY), "observations.csv") == []


def test_a_years_row_its_months_contradict_is_never_the_years_figure(data_dir):
    """ANALYST-4 #3: the year's row is the year's figure only where its months do not contradict
    it; where they do, the months are (incomplete where one is missing), in the report's year
    columns and its year to date."""
    months = [f"2025-{m:02d}" for m in range(4, 13)] + [f"2026-{m:02d}" for m in (1, 2, 3)]
    rows = [
        {"measure": "m0", "period": p, "value": str(v)}
        for p, v in zip(months, FIFE_MONTHS, strict=True)
        if v is not None
    ]
    rows.append({"measure": "m0", "period": "2026-04", "value": "3000"})

    def year_figure(total, november=None):
        extra = [{"measure": "m0", "period": "2025-11", "value": str(november)}] if november else []
        ds = swlib.load(make_data(data_dir, [MONTHLY], [*rows, *extra, {"measure": "m0", "period": "2025-26",
                                                                        "value": str(total)}]))  # fmt: skip
        r = swlib.performance(ds, "alpha", "2026-27-Q1").set_index("measure").loc["m0"]
        ytd = swlib.performance(ds, "alpha", "2025-26-Q4").set_index("measure").loc["m0"]
        return r["2025-26"], r["year_notes"].get("2025-26"), ytd["to_date"], ytd["status"]

    # more than the 11 months: it cannot be checked, and stands
    assert year_figure(44109)[:3] == (44109, None, 44109)
    # less than the 11 months given: not the year; the months are, 11 of 12
    total, note, to_date, status = year_figure(30000)
    assert pd.isna(total) and note == "incomplete: 11 of 12 months" and pd.isna(to_date) and status == "Report later"
    # all 12 months, another total: the months' 35,094, not 44,109
    assert year_figure(44109, november=2890)[:3] == (35094, None, 35094)
    assert year_figure(35094, november=2890)[:3] == (35094, None, 35094)


def test_validate_warns_of_a_gap_and_the_data_still_loads(data_dir):
    ms = [{k: v for k, v in MONTHLY.items()}]
    o = [{"measure": "m0", "period": p, "value": "2500"} for p in ("2026-04", "2026-06")]
    ds = swlib.load(make_data(data_dir, ms, o))
    (w,) = [w for w in ds.warnings if w.file == "observations.csv"]
    assert (w.row, w.column) == (3, "period") and "no figure for May 2026" in w.found


def _validate(folder):
    from click.testing import CliRunner

    from swlib.cli import main

    return CliRunner().invoke(main, ["validate", "--data", str(folder)])


def test_a_month_refused_for_a_bad_figure_is_named_by_its_error_not_asked_for_again(data_dir):
    # issue 24: May's row, its figure typed '2,5OO', was refused (the error names its cell); the
    # gap warning then said "add the row for May 2026", sending the analyst after a row they have
    o = [{"measure": "m0", "period": p, "value": "2500"} for p in ("2026-04", "2026-05", "2026-06", "2026-07")]
    o[1]["value"] = "25OO"
    r = _validate(make_data(data_dir, [MONTHLY], o))
    assert r.exit_code == 2 and "observations.csv, row 3, column 'value': found '25OO'" in r.output, r.output
    assert "no figure for May 2026" not in r.output and "add the row" not in r.output, r.output
    # a month truly missing as well is still asked for, and only that month
    del o[2]
    r = _validate(make_data(data_dir, [MONTHLY], o))
    assert "no figure for June 2026 (its figures go on to July 2026)" in r.output, r.output
    assert "add the row for June 2026 (2026-06)" in r.output and "May 2026" not in r.output, r.output


def test_a_month_refused_for_its_period_is_pointed_at_as_the_missing_one(data_dir):
    # the period typed '2026-5' (or the measure's id mistyped) cannot be read: the month it was
    # meant for is missing, and the warning points at the refused row rather than asking for a new one
    o = [{"measure": "m0", "period": p, "value": "2500"} for p in ("2026-04", "2026-5x", "2026-06")]
    r = _validate(make_data(data_dir, [MONTHLY], o))
    assert r.exit_code == 2 and "observations.csv, row 3, column 'period': found '2026-5x'" in r.output, r.output
    warned = r.output.split("warning", 1)[1]
    assert (
        "observations.csv, row 3, column 'period': found m0 for alpha with no figure for May 2026 (its figures go "
        "on to June 2026)"
    ) in warned, r.output
    assert "this row, refused for its period (its error says what was found), may be May 2026's: correct its " \
        "period, or add the row for May 2026 (2026-05)" in warned  # fmt: skip
    o[1] = {"measure": "m9", "period": "2026-05", "value": "2500"}  # an id no measure has
    r = _validate(make_data(data_dir, [MONTHLY], o))
    assert "row 3, column 'measure': found m0 for alpha with no figure for May 2026" in r.output, r.output
    assert "may be May 2026's: correct its measure" in r.output


def test_a_series_that_starts_mid_year_is_not_asked_for_the_periods_before_its_first_figure(data_dir):
    """ANALYST-4 #9: figures from October 2024 gave 'no figure for April 2024 ... September 2024 ...
    add the row' on every validate, merge, run and batch, burying the warning that mattered; a gap
    after the first figure (November 2025) is still named."""
    months = [f"{y}-{m:02d}" for y, m in [(2024, m) for m in range(10, 13)] + [(2025, m) for m in range(1, 13)]
              + [(2026, 1)] if (y, m) != (2025, 11)]  # fmt: skip
    o = [{"measure": "m0", "period": p, "value": "3000"} for p in months]
    o += [
        {"measure": "m1", "period": q, "value": "40"} for q in ("2024-25-Q3", "2024-25-Q4", "2025-26-Q1", "2025-26-Q3")
    ]
    r = _validate(make_data(data_dir, [MONTHLY, QUARTERLY], o))
    assert r.exit_code == 0, r.output
    assert "2024/25 Quarter 1" not in r.output and "April 2024" not in r.output and "September 2024" not in r.output
    assert "m0 for alpha with no figure for November 2025 (its figures go on to January 2026)" in r.output
    assert "m1 for alpha with no figure for 2025/26 Quarter 2 (its figures go on to 2025/26 Quarter 3)" in r.output
    assert r.output.count("with no figure for") == 2, r.output


def test_a_later_quarter_beside_some_of_its_months_says_the_report_works_from_the_months():
    """ANALYST-5 #14: Q2's 3,450 beside July and August was warned 'the report takes it as it is',
    but the report's year to date at Q2 is worked out from the months (Report later, September
    missing): the warning says what the report does."""
    rows = [{"measure": "m0", "period": p, "value": v} for p, v in
            [("2026-04", 1000), ("2026-05", 1010), ("2026-06", 1020), ("2026-07", 1130), ("2026-08", 1150),
             ("2026-27-Q2", 3450)]]  # fmt: skip
    (w,) = totals_against_parts(obs(rows), measures(MONTHLY), "observations.csv")
    assert str(w).endswith(
        "expected a figure for September 2026: without it the quarter's figure cannot be checked against its months, "
        "and the report's year to date is worked out from the months (Report later while one is missing), not from "
        "it; if it is not their total, correct it or delete the quarter's row"
    )


def test_a_row_gives_its_period_by_a_figure_or_a_reason_as_the_statutory_check_reads_it():
    # one rule for a row that is there (statutory_years.given): a numerator alone or a status is a
    # row given; a blank comment is not, so the month it stands for is still missing
    months = [{"measure": "m0", "period": p, "value": 2500} for p in ("2026-04", "2026-05", "2026-07")]
    for given in ({"numerator": 3}, {"status": "red"}, {"comment": "not available"}):
        rows = [*months, {"measure": "m0", "period": "2026-06", **given}]
        assert gaps(obs(rows), measures(MONTHLY), "observations.csv") == [], given
    blank = [*months, {"measure": "m0", "period": "2026-06", "comment": "  "}]
    (w,) = gaps(obs(blank), measures(MONTHLY), "observations.csv")
    assert "no figure for June 2026" in str(w) and w.row == 5


def test_a_new_council_with_one_or_two_quarters_before_is_warned_of_a_year_to_date_figure():
    """ANALYST-11 #1: a council new to swreport has no year before; sickness days 6.0 at Quarter 2
    where Quarter 1 was 3.1, or 9.1 at Quarter 3 after 2.9 and 3.1, or bed days 3,100 after 1,480,
    went in without a word (three figures before were needed). A genuine rise is not named."""
    days = {**QUARTERLY, "unit": "days", "polarity": "lower"}
    two = [{"measure": "m0", "period": p, "value": v} for p, v in (("2025-26-Q1", 3.1), ("2025-26-Q2", 6.0))]
    (w,) = cumulative_figures(obs(two), measures(days), "observations.csv")
    assert str(w).startswith(
        "observations.csv, row 3, column 'value': found m0 for alpha, 2025/26 Quarter 2: 6, about the year to date "
        "(3.1 in 2025/26 Quarter 1 plus 2.9) where its quarters are around 3.1"
    )
    three = [{"measure": "m0", "period": p, "value": v} for p, v in
             (("2025-26-Q1", 2.9), ("2025-26-Q2", 3.1), ("2025-26-Q3", 9.1))]  # fmt: skip
    (w,) = cumulative_figures(obs(three), measures(days), "observations.csv")
    assert (
        "2025/26 Quarter 3: 9.1, about the year to date (6 in 2025/26 Quarter 1 to 2025/26 Quarter 2 plus 3.1)"
        in str(w)
    )
    beds = [{"measure": "m0", "period": p, "value": v} for p, v in (("2025-26-Q1", 1480), ("2025-26-Q2", 3100))]
    (w,) = cumulative_figures(obs(beds), measures({**QUARTERLY, "polarity": "lower"}), "observations.csv")
    assert "2025/26 Quarter 2: 3,100, about the year to date (1,480 in 2025/26 Quarter 1 plus 1,620)" in str(w)
    for rise in ((3.1, 4.4), (3.1, 7.9)):  # up by half, or more than the year to date: not the year to date
        rows = [
            {"measure": "m0", "period": p, "value": v} for p, v in zip(("2025-26-Q1", "2025-26-Q2"), rise, strict=True)
        ]
        assert cumulative_figures(obs(rows), measures(days), "observations.csv") == []
    small = [{"measure": "m0", "period": p, "value": v} for p, v in (("2025-26-Q1", 14), ("2025-26-Q2", 27))]
    assert cumulative_figures(obs(small), measures(QUARTERLY), "observations.csv") == []  # a small count: chance


def test_a_quarter_typed_as_the_year_to_date_with_an_earlier_quarter_not_in_is_named():
    """ANALYST-11 #1: Perth and Kinross merged Quarter 3 before Quarter 2: sickness days 9.1 (Quarter
    1's 2.9 and two quarters of about 3.1) went in without a word, as every earlier quarter had to
    be there for the check. Quarter 3 at 3.1, or at 6.0 (Quarters 2 and 3 together, which the year
    to date adds up right), is not named."""
    days = {**QUARTERLY, "unit": "days", "polarity": "lower"}
    rows = [{"measure": "m0", "period": p, "value": v} for p, v in (("2025-26-Q1", 2.9), ("2025-26-Q3", 9.1))]
    (w,) = cumulative_figures(obs(rows), measures(days), "observations.csv")
    assert str(w) == (
        "observations.csv, row 3, column 'value': found m0 for alpha, 2025/26 Quarter 3: 9.1, about the year to date "
        "(2.9 in 2025/26 Quarter 1 with no figure for 2025/26 Quarter 2, plus 3.1 a quarter for 2 quarters) where its "
        "quarters are around 2.9; expected the quarter's own figure, not the year to date (swreport adds the quarters "
        "up): if 9.1 is the year to date, 2025/26 Quarter 2 and 2025/26 Quarter 3 together are 6.2; if it is right, "
        "say why in comment, quoting the figure ('9.1 because ...') (the report prints it) and this warning goes"
    )
    for v in (3.1, 6.0):
        rows[-1]["value"] = v
        assert cumulative_figures(obs(rows), measures(days), "observations.csv") == []
