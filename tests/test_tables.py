"""swreport table: the terminal's performance table and summaries, counted as the report counts."""

from click.testing import CliRunner

from swlib.cli import main
from tests.conftest import make_data


def test_the_terminal_summary_counts_the_measures_page_1_and_the_export_count(data_dir):
    """ANALYST-4 #13: 'swreport table' counted 26 annual measures with no figures as 'Data only 26,
    Total 28' where the report's page 1 and the export's summary sheet count the 2 due this quarter
    and say the annual ones in one line."""
    ms = [{"theme": "Statutory functions", "title": "Orders made", "unit": "count", "frequency": "annual",
           "polarity": "none"},
          {"theme": "Statutory functions", "title": "Complaints received", "unit": "count", "frequency": "annual",
           "polarity": "none"},
          {"theme": "Supporting people", "title": "Reviews on time", "target": "90"},
          {"theme": "Supporting people", "title": "Visits on time", "target": "90"}]  # fmt: skip
    obs = [{"measure": "m2", "period": "2024-25-Q1", "numerator": "45", "denominator": "50"},
           {"measure": "m3", "period": "2024-25-Q1", "numerator": "30", "denominator": "50"}]  # fmt: skip
    make_data(data_dir, ms, obs)
    r = CliRunner().invoke(main, ["table", "--council", "alpha", "--period", "Q1 2024/25", "--data", str(data_dir)])
    assert r.exit_code == 0, r.output
    summary = r.output.split("Summary of measures\n")[1].split("\n\n")[0].splitlines()
    assert "Statutory functions" not in "\n".join(summary)
    assert summary[-2].split()[0] == "Total" and summary[-2].split()[-1] == "2", summary
    assert summary[-1] == (
        "Not counted here: 2 annual measures with no figures yet, reported in the Chief Social Work Officer's annual "
        "report (and here when they come in)."
    )
    assert "Orders made" in r.output.split("Measures\n")[1]  # still listed in the table below


def test_the_terminal_table_marks_synthetic_figures_and_prints_the_decimal_rounding_decides():
    # AUDIT-5 A3: 'swreport table' printed the demo's made-up figures with no mark; A1: 69.6% as 70%
    r = CliRunner().invoke(main, ["table", "--council", "south-lanarkshire", "--period", "2021-22-Q2"])
    assert r.exit_code == 0, r.output
    row = next(line for line in r.output.splitlines() if "Referrals received that are planned" in line)
    assert "69.6% † (181 of 260)" in row and " 70% †" not in row
    assert r.output.rstrip().endswith(
        "† synthetic: made up to demonstrate the report, not real performance. Do not quote as real."
    )


def test_the_terminal_table_of_real_figures_carries_no_synthetic_mark(data_dir):
    obs = [{"measure": "m0", "period": "2024-25-Q1", "numerator": "45", "denominator": "50", "source": "return"}]
    make_data(data_dir, [{"target": "90"}], obs)
    r = CliRunner().invoke(main, ["table", "--council", "alpha", "--period", "Q1 2024/25", "--data", str(data_dir)])
    assert r.exit_code == 0 and "†" not in r.output and "synthetic" not in r.output, r.output
