"""A percentage given as a value alone, printed beside its base (swlib.percent_bases)."""

import csv

import pytest
from click.testing import CliRunner

import swlib
from swlib.cli import main
from swlib.percent_bases import derivable, numerators
from tests.conftest import make_data, write_csv


def test_the_numerators_a_printed_percentage_allows():
    assert numerators(7.1, 1, 42) == [3]  # 7.14%
    assert numerators(95.7, 1, 70) == [67]  # 3 did not
    assert numerators(50, 0, 1000) == list(range(495, 505))  # 49.5% to 50.4% print as 50%
    assert numerators(7.1, 1, 41) == []  # no count of 41 prints as 7.1%: 41 is not its base
    assert numerators(7.1, 1, 0) == [] and numerators(7.1, 1, 42.5) == []


def _data(folder, comment, value="7.1", decimals="1"):
    obs = [{"measure": "m0", "period": "2020-21-Q1", "value": value, "comment": comment},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "40", "denominator": "56"}]  # fmt: skip
    return make_data(folder, [{"polarity": "lower", "decimals": decimals, "aggregate": "latest"}, {}], obs)


@pytest.mark.parametrize(
    ("comment", "value", "found"),
    [
        ("42 children were looked after at 31 March.", "7.1", 3),  # 3 of 42
        ("We looked after 70 children at 31 March.", "95.7", 67),  # 67 of 70: 3 did not
        ("42 children were looked after at 31 March.", "21.4", None),  # 9 of 42: safe
        ("420 children were looked after at 31 March.", "7.1", None),  # 30 of 420: safe
        ("Reviewed in 2021, page 42.", "7.1", None),  # a year and a label: no base
    ],
)
def test_a_value_only_percentage_beside_its_base_is_found_when_its_numerator_is_small(data_dir, comment, value, found):
    ds = swlib.load(_data(data_dir, comment, value))
    got = derivable(ds, "alpha", "2020-21-Q1")
    assert [f["count"] for f in got] == ([found] if found else [])


def test_a_public_run_refuses_a_percentage_beside_its_base_until_cleared(data_dir, tmp_path):
    folder = _data(data_dir, "42 children were looked after at 31 March.")
    args = ["run", "quarterly", "--council", "alpha", "--period", "2020-21-Q1", "--audience", "public",
            "--data", str(folder), "--out", str(tmp_path / "out")]  # fmt: skip
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2, r.output
    assert "observations.csv, row 2, column 'comment': m0 prints 7.1% (to_date) beside '42 children were looked " \
           "after at 31 March.': 7.1% of 42 is 3" in r.output  # fmt: skip
    assert "give the numerator and denominator" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out" / "public").exists()  # nothing rendered
    batch = CliRunner().invoke(main, ["batch", "quarterly", "--period", "2020-21-Q1", "--councils", "alpha",
                                      "--audience", "public", "--data", str(folder), "--out", str(tmp_path / "b"),
                                      "--quiet", "--jobs", "1"])  # fmt: skip
    assert batch.exit_code == 2 and "7.1% of 42 is 3" in batch.output, batch.output
    check = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2020-21-Q1", "--data",
                                      str(folder), "--strict"])  # fmt: skip
    assert check.exit_code == 2 and "7.1% of 42 is 3: a public run refuses this" in check.output, check.output
    rows = list(csv.DictReader((folder / "observations.csv").open()))
    rows[0]["cleared"] = "yes"  # an officer has checked the counts behind it
    write_csv(folder / "observations.csv", rows)
    assert derivable(swlib.load(folder), "alpha", "2020-21-Q1") == []
