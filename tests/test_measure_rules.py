"""measures.csv's rules across its rows (swlib.measure_rules): part_of and flow_of."""

import pandas as pd
import pytest


def test_flow_of_names_a_snapshot_of_people_that_the_flow_joins_or_leaves(tmp_path):
    from click.testing import CliRunner

    from swlib.cli import main
    from swlib.measure_rules import flow_of_rules

    base = {"council": None, "unit": "count", "frequency": "annual", "flow_of": None}
    df = pd.DataFrame([{**base, "measure": "in-force", "aggregate": "latest"},
                       {**base, "measure": "made", "aggregate": "sum", "flow_of": "in-force"}], index=[2, 3])  # fmt: skip
    assert flow_of_rules(df, "measures.csv") == []
    for change, found in (({"flow_of": "in-forse"}, "'in-forse'"), ({"aggregate": "latest"}, "annual (latest)"),
                          ({"frequency": "monthly", "flow_of": "in-force"}, None)):  # fmt: skip
        bad = df.copy()
        for k, v in change.items():
            bad.at[3, k] = v
        problems = [str(p) for p in flow_of_rules(bad, "measures.csv")]
        if found is None:  # a monthly flow of a yearly snapshot: the months are summed to its date
            assert problems == []
            continue
        assert len(problems) == 1 and "measures.csv, row 3, column 'flow_of'" in problems[0], problems
        assert found in problems[0], problems
    # through validate: the file, row and column, exit 2
    from tests.conftest import demo_with

    demo_with(tmp_path / "d")
    ms = pd.read_csv(tmp_path / "d" / "measures.csv", dtype=str)
    ms.loc[ms["measure"] == "lac-permanence-orders", "flow_of"] = "lac-permanence-order"
    ms.to_csv(tmp_path / "d" / "measures.csv", index=False)
    r = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "d")])
    assert r.exit_code == 2 and "column 'flow_of'" in r.output and "'lac-permanence-order'" in r.output, r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize("column", ["part_of", "flow_of"])
def test_part_of_and_flow_of_name_another_measure_that_the_same_councils_report(column):
    from swlib.measure_rules import flow_of_rules, part_of_rules

    rules = {"part_of": part_of_rules, "flow_of": flow_of_rules}[column]
    base = {"unit": "count", "frequency": "annual", "aggregate": "sum", "part_of": None, "flow_of": None}
    df = pd.DataFrame([{**base, "measure": "fife-only", "council": "fife"},
                       {**base, "measure": "every", "council": None}], index=[2, 3])  # fmt: skip
    for names, found, expected in (("fife-only", "'fife-only', a measure of fife only", "a measure every council reports"),
                                   ("every", "'every'", "the id of another measure (fife-only)")):  # fmt: skip
        df.at[3, column] = names
        problems = [str(p) for p in rules(df, "measures.csv")]
        if column == "flow_of" and names == "fife-only":  # a statutory flow of one council's own snapshot: allowed
            df.at[3, "aggregate"], df.at[2, "aggregate"] = "sum", "latest"
            assert rules(df, "measures.csv") == [], problems
            df.at[3, "council"], df.at[2, "council"] = "fife", None  # but not one council's flow of another's
            df.at[2, "council"] = "beta"
            problems = [str(p) for p in rules(df, "measures.csv")]
            found, expected = "'fife-only', a measure of beta only", "a measure fife reports"
            df.at[3, "council"], df.at[2, "council"] = None, "fife"
        assert len(problems) == 1 and f"measures.csv, row 3, column '{column}'" in problems[0], problems
        assert found in problems[0] and expected in problems[0], problems
