"""Warnings: figures and settings that load but are probably wrong (swlib.checks)."""

from click.testing import CliRunner

import swlib
from swlib.cli import main
from tests.conftest import make_data, write_csv


def warned(ds) -> str:
    return "\n".join(str(w) for w in ds.warnings)


def test_the_demo_data_has_no_warnings(demo):
    assert demo.warnings == []


def test_a_tolerance_without_a_target_is_a_warning_naming_the_measures_row(data_dir):
    """A measure with a tolerance but a blank target became 'Data only' silently."""

    obs = [{"measure": m, "period": "2024-25-Q1", "numerator": "168", "denominator": "188"} for m in ("m0", "m1", "m2")]
    measures = [{"tolerance": "5"}, {"tolerance": "5", "target": "90"}, {"tolerance": "2"}, {}]
    targets = [{"council": "alpha", "measure": "m2", "period": "2024-25", "target": "90"}]
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, measures, obs, targets=targets))])
    assert r.exit_code == 0 and r.output.count("which has a tolerance") == 1, r.output
    assert ("measures.csv, row 2, column 'target': found a blank cell for m0, which has a tolerance of 5 and polarity "
            "higher; expected a target (here, or by period in targets): without one the report shows the measure "
            "'Data only', with no status") in r.output  # fmt: skip


def test_a_target_for_a_measure_with_no_direction_is_a_warning_not_silently_ignored(data_dir):
    """ANALYST-9 #14: targets.csv 'highland,hc-referrals,2026-27,5000' for a measure of polarity none
    was accepted without a word, and the report showed it Data only whatever the target."""
    obs = [{"measure": m, "period": "2024-25-Q1", "value": "430"} for m in ("m0", "m1")]
    measures = [{"unit": "count", "polarity": "none", "target": "400"}, {"unit": "count", "polarity": "none"}]
    targets = [{"council": "alpha", "measure": "m1", "period": "2024-25", "target": "5000"}]
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, measures, obs, targets=targets))])
    assert r.exit_code == 0 and r.output.count("whose polarity is none") == 2, r.output
    assert ("measures.csv, row 2, column 'target': found a target of 400 for m0, whose polarity is none; expected "
            "polarity higher or lower in measures, for the report to hold the figure to it: with polarity none the "
            "measure is 'Data only', with no status, whatever its target; or no target") in r.output  # fmt: skip
    assert "targets.csv, row 2, column 'target': found a target of 5000 for m1 in 2024-25, whose polarity is none" in (
        r.output
    )


def test_a_figure_beside_a_missing_figure_reason_is_a_warning(data_dir):
    obs = [{"measure": "m0", "period": "2021-22-Q1", "value": "93", "comment": "not available: figure due 14 October"},
           {"measure": "m0", "period": "2021-22-Q2", "value": "", "comment": "not available: records moving"},
           {"measure": "m0", "period": "2021-22-Q3", "value": "91", "comment": "new recording system"}]  # fmt: skip
    text = warned(swlib.load(make_data(data_dir, [{"aggregate": "mean"}], obs)))
    assert "observations.csv, row 2, column 'comment': found m0 2021-22-Q1: a figure and the comment " in text
    assert "'not available: figure due 14 October', which the report prints beside it" in text
    assert "row 3" not in text and "row 4" not in text


def test_budget_lines_adding_up_to_under_a_million_pounds_are_warned_as_typed_in_thousands(data_dir):
    """ANALYST-4 #5: a budget in £000 (72,450 for £72.45m, as budget papers give it) went in
    without a word and the CSWO report said 'Outturn £210,370 against a budget of £205,550'."""
    data = make_data(data_dir, [{}], [])
    lines = [("budget", "Children and Families", "72450"), ("budget", "Adult Services", "118900"),
             ("outturn", "Children and Families", "75.12"), ("outturn", "Adult Services", "121.3"),
             ("capital", "Care home roof", "300000")]  # fmt: skip
    write_csv(data / "finance.csv", [{"council": "alpha", "period": "2025-26", "kind": k, "line": n, "amount": a,
                                      "source": "t"} for k, n, a in lines])  # fmt: skip
    text = warned(swlib.load(data))
    assert (
        "finance.csv, row 2, column 'amount': found alpha's budget lines for 2025-26 adding up to £191,350, the "
        "largest 118,900; expected amounts in pounds, not £000 or £m (a social work budget is many millions): "
        "118,900 in £000 is 118,900,000; multiply each line by 1,000"
    ) in text
    assert (
        "row 4, column 'amount': found alpha's outturn lines for 2025-26 adding up to £196, the largest 121.3" in text
    )
    assert "121.3 in £m is 121,300,000; multiply each line by 1,000,000" in text
    assert "capital" not in text  # a capital line of £300,000 is a capital line


def test_an_action_for_a_year_is_a_warning_that_no_report_shows_it(data_dir):
    """ANALYST-9 #3: an action typed in the annual return for 2025-26 was shown by neither the
    annual report (which has no actions) nor any quarterly report, and validate said nothing."""
    acts = [{"council": "alpha", "period": p, "theme": "Access", "outcome": "O", "action": a, "measure": "m0",
             "status": "Amber", "comment": ""}
            for p, a in (("2025-26", "Recruit 12 care staff"), ("2025-26-Q4", "Review rotas"))]  # fmt: skip
    make_data(data_dir, [{"unit": "count"}], [{"measure": "m0", "period": "2025-26-Q4", "value": "5"}], actions=acts)
    ds = swlib.load(data_dir)
    said = [str(w) for w in ds.warnings if w.file == "actions.csv"]
    assert said == [
        "actions.csv, row 2, column 'period': found 2025-26, a year, on the action 'Recruit 12 care staff', which no "
        "report shows (the annual report shows no actions; a quarterly report the actions of its quarter, or of the "
        "year's latest quarter before it); expected the quarter it is reported at, e.g. 2025-26-Q4"
    ]
    assert list(swlib.actions(ds, "alpha", "2025-26-Q4")["action"]) == ["Review rotas"]
