"""A return's rows that are totals or parts of its other rows (swlib.return_totals): warnings, and errors for a Total."""

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

import swlib
from swlib.cli import main
from swlib.errors import DataError
from tests.conftest import ROOT, make_data, write_csv


def test_a_returns_totals_and_parts_are_found_once_for_its_errors_and_warnings_alike(data_dir, monkeypatch):
    from swlib import return_totals

    make_data(data_dir, [{"unit": "count"}], [{"measure": "m0", "period": "2023-24-Q1", "value": "5"}])
    write_csv(data_dir / "workforce.csv", [
        {"council": "alpha", "period": "2023-24", "service": "Children and Families", "headcount": "260"},
        {"council": "alpha", "period": "2023-24", "service": "Children and Families: fieldwork", "headcount": "257"},
        {"council": "alpha", "period": "2023-24", "service": "Justice", "headcount": "50"}])  # fmt: skip
    write_csv(data_dir / "finance.csv", [
        {"council": "alpha", "period": "2023-24", "kind": "budget", "line": "Adults", "amount": "300"},
        {"council": "alpha", "period": "2023-24", "kind": "budget", "line": "Children", "amount": "200"}])  # fmt: skip
    monkeypatch.setenv("SWREPORT_NO_CACHE", "1")  # validated here, not read from the cache
    asked, total_rows = [], return_totals._total_rows
    monkeypatch.setattr(return_totals, "_total_rows", lambda df, *a, **k: asked.append(a[2]) or total_rows(df, *a, **k))
    ds = swlib.load(data_dir)
    assert sorted(asked) == ["amount", "headcount"]  # once a table, not once for errors and again for warnings
    assert [(p.file, p.row) for p in ds.warnings if "sub-team" in p.found] == [("workforce.csv", 3)]


def test_a_workforce_total_row_is_an_error_at_its_cell_and_a_sub_team_a_warning(tmp_path):
    # "All social work services" 719 beside its teams: the annual report adds the rows into its own Total,
    # which printed "Total 1,430" (ANALYST-4 #4: a warning, missed); "Children and Families: fieldwork" 257
    # beside "Children and Families" 260 is a part of a team: a warning, as before
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with (data / "workforce.csv").open("a") as f:
        f.write("dumfries-and-galloway,2023-24,All social work services,719,618.9,synthetic\n")
        f.write("dumfries-and-galloway,2023-24,Children and Families: fieldwork,257,220.6,synthetic\n")
        f.write("dumfries-and-galloway,2023-24,Residential Total,40,30,synthetic\n")
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert ("workforce.csv, row 10, column 'service': found 'All social work services' (719) for dumfries-and-galloway "
            "in 2023-24, a total of other rows, by its name; expected delete the Total row: the report adds the rows "
            "itself (the annual report's Total of the teams would count these people twice)") in r.output  # fmt: skip
    assert "workforce.csv, row 12, column 'service': found 'Residential Total' (40)" in r.output
    lines = [line for line in r.output.splitlines() if "workforce.csv, row 11" in line]
    assert len(lines) == 1 and "found 'Children and Families: fieldwork' (257)" in lines[0]
    assert "a sub-team of 'Children and Families'" in lines[0] and "delete the Total row" not in lines[0]
    assert r.output.count("workforce.csv") == 3  # once a row; the teams themselves are not named
    # a team that is the sum of all the others: an error; of some of them, or at least all three others: a warning
    from swlib.return_totals import workforce_total_errors, workforce_totals

    def frame(*teams):
        return pd.DataFrame([{"council": "alpha", "period": "2023-24", "service": s, "headcount": h, "fte": "",
                              "source": "t"} for s, h in teams], index=range(2, 2 + len(teams)))  # fmt: skip

    df = frame(("Adults", 300), ("Children", 200), ("Justice", 50), ("Social work services", 550))
    assert [p.row for p in workforce_total_errors(df, "workforce.csv")] == [5]
    assert "the sum of all 3 of them" in workforce_total_errors(df, "workforce.csv")[0].found
    assert workforce_totals(df, "workforce.csv") == []  # an error, not a warning as well
    assert workforce_total_errors(df.iloc[:3], "workforce.csv") == workforce_totals(df.iloc[:3], "workforce.csv") == []
    some = frame(("Adults", 300), ("Children", 200), ("Justice", 50), ("Support", 250))  # 250 = 200 + 50
    assert workforce_total_errors(some, "workforce.csv") == [] and len(workforce_totals(some, "workforce.csv")) == 2
    large = frame(("Adults", 400), ("Children", 200), ("Justice", 50), ("Support", 30))  # a large team is a team
    assert workforce_total_errors(large, "workforce.csv") == [] and len(workforce_totals(large, "workforce.csv")) == 1
    one = frame(("All Social Work Resources", 2944))
    assert workforce_total_errors(one, "workforce.csv") == workforce_totals(one, "workforce.csv") == []


def test_a_finance_total_line_is_an_error_at_its_cell_not_a_warning_missed(data_dir):
    """ANALYST-4 #4: 'Total' beside the service lines of the budget and the outturn (as every budget
    sheet has it) doubled the CSWO report's budget and overspend ("Total £411,100 100%" beside
    "Total £205,550 50%"); a warning was not enough: the analyst missed it."""
    data = make_data(data_dir, [{}], [])
    lines = [("budget", "Children and Families", 72450000), ("budget", "Adult Services", 118900000),
             ("budget", "Justice Social Work", 14200000), ("budget", "Total", 205550000),
             ("outturn", "Children and Families", 75120000), ("outturn", "Adult Services", 121300000),
             ("outturn", "Justice Social Work", 13950000), ("outturn", "Social work services", 210370000),
             ("capital", "Care home roof", 300000), ("capital", "All other projects", 450000)]  # fmt: skip
    write_csv(data / "finance.csv", [{"council": "alpha", "period": "2025-26", "kind": k, "line": n, "amount": a,
                                      "source": "t"} for k, n, a in lines])  # fmt: skip
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert (
        "finance.csv, row 5, column 'line': found 'Total' (£205,550,000), a budget line for alpha in 2025-26, a total "
        "of other lines, by its name; expected delete the Total row: the report adds the lines itself (the annual "
        "report's Total of the budget lines would count these pounds twice)"
    ) in r.output
    assert ("finance.csv, row 9, column 'line': found 'Social work services' (£210,370,000), an outturn line for "
            "alpha in 2025-26, a total of the other lines: the sum of all 3 of them; expected delete the Total row") in r.output  # fmt: skip
    # Adult Services, most of the budget, is a service; "All other projects" is a line (warned by its name, as before)
    assert r.output.count("expected delete the Total row") == 2 and "'Adult Services'" not in r.output
    other = [line for line in r.output.splitlines() if "'All other projects'" in line]
    assert len(other) == 1 and "delete the Total row" not in other[0]
    with pytest.raises(DataError) as e:
        swlib.load(data)
    assert [(p.file, p.row) for p in e.value.problems] == [("finance.csv", 5), ("finance.csv", 9)]
