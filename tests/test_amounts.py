"""Days, hours and money of the people a count counts (swlib.amounts), and what public reports do with them."""

import csv

import pandas as pd
from click.testing import CliRunner

import swlib
from swlib.amounts import case_words, is_average, per_year
from swlib.cli import main
from tests.conftest import make_data, write_csv

SECURE = [
    {"title": "Children in secure care", "unit": "count", "polarity": "none", "frequency": "annual"},
    {"title": "Nights children spent in secure care", "unit": "days", "polarity": "none", "frequency": "annual"},
    {"title": "Average length of a secure care placement", "unit": "days", "polarity": "none", "frequency": "annual",
     "aggregate": "latest"},
    {"title": "Average weekly cost of a secure care placement", "unit": "currency", "polarity": "none",
     "frequency": "annual", "aggregate": "latest"},
]  # fmt: skip


def secure_data(folder, part_of=None, children="2", nights="242", outturn="634400"):
    """ATTACK-4 finding 1: 12 then 2 children in secure care ([c]), 1,200 then 242 nights, 100 then 121
    nights a placement, £5,800 then £6,100 a week; the year's outturn on secure care £634,400."""
    figures = {"m0": ("12", children), "m1": ("1200", nights), "m2": ("100", "121"), "m3": ("5800", "6100")}
    obs = [{"measure": m, "period": p, "value": v} for m, vs in figures.items()
           for p, v in zip(("2022-23", "2023-24"), vs, strict=True)]  # fmt: skip
    make_data(folder, SECURE, obs)
    rows = list(csv.DictReader((folder / "measures.csv").open()))
    write_csv(folder / "measures.csv", [{**r, "part_of": (part_of or {}).get(r["measure"], "")} for r in rows])
    write_csv(folder / "finance.csv", [
        {"council": "alpha", "period": "2023-24", "kind": "outturn", "line": "Secure care placements",
         "amount": outturn, "source": "test"}])  # fmt: skip
    return folder


def test_a_total_and_its_average_or_a_years_spend_and_a_weekly_cost_are_warned_until_part_of_is_declared(tmp_path):
    # 242 nights / 121 a placement = 2 children, and £634,400 / (52 x £6,100) = 2, though the count is [c]
    r = CliRunner().invoke(main, ["validate", "--data", str(secure_data(tmp_path / "a"))])
    assert r.exit_code == 0, r.output
    said = [line for line in r.output.splitlines() if "column 'part_of'" in line]
    assert said == [
        "measures.csv, row 4, column 'part_of': found m2 (Average length of a secure care placement) 121 beside m1 "
        "(Nights children spent in secure care) 242, the total it is an average of (242 / 121) for alpha in 2023-24: "
        "2 people, a number public reports would give away, and m2 has no part_of; expected part_of = m0 on m2's row "
        "(the count of the people it is an average over), so that public reports hide it where that count is hidden "
        "or small (the guide: 'Money and time of a few people')",
        "measures.csv, row 5, column 'part_of': found m3 (Average weekly cost of a secure care placement) 6100 beside "
        "the finance line 'Secure care placements' (outturn) 634400, a year's money for them (634400 / 52 x 6100) "
        "for alpha in 2023-24: 2 people, a number public reports would give away, and m3 has no part_of; expected "
        "part_of = m0 on m3's row (the count of the people it is an average over), so that public reports hide it "
        "where that count is hidden or small (the guide: 'Money and time of a few people')",
    ], r.output
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2023-24", "--strict",
                                  "--data", str(tmp_path / "a")])  # fmt: skip
    assert (
        r.exit_code == 2
        and r.output.count("column 'part_of'") == 2
        and "public reports print them together" in r.output
    )
    pub = swlib.performance(swlib.load(tmp_path / "a"), "alpha", "2023-24", audience="public").set_index("measure")
    assert pd.isna(pub.loc["m0", "to_date"]) and pub.loc["m2", "to_date"] == 121  # undeclared: printed, 2 given away

    # the advice taken: part_of = m0 on both averages; validate accepts it, says nothing more, and public reports
    # hide the averages with the count (the total alone gives nothing away)
    folder = secure_data(tmp_path / "b", {"m2": "m0", "m3": "m0"})
    r = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert r.exit_code == 0 and "part_of" not in r.output, r.output
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2023-24", "--data", str(folder)])
    assert "part_of" not in r.output, r.output
    pub = swlib.performance(swlib.load(folder), "alpha", "2023-24", audience="public").set_index("measure")
    assert pd.isna(pub.loc["m2", "to_date"]) and pd.isna(pub.loc["m3", "to_date"])
    assert "to_date:small" in pub.loc["m2", "suppressed_why"] and pub.loc["m1", "to_date"] == 242
    assert (pub.loc["m2", "2022-23"], pub.loc["m3", "2022-23"]) == (100, 5800)  # over 12 children: printed
    # 20 children: the averages are printed, and nothing is warned
    folder = secure_data(tmp_path / "c", children="20", nights="2420", outturn="6344000")
    assert not [w for w in swlib.load(folder).warnings if w.column == "part_of"]


def test_days_and_hours_of_a_counts_people_may_be_declared_part_of_it_as_often_as_it(tmp_path):
    folder = secure_data(tmp_path / "a", {"m1": "m0", "m2": "m0"})
    r = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert r.exit_code == 0, r.output
    pub = swlib.performance(swlib.load(folder), "alpha", "2023-24", audience="public").set_index("measure")
    assert pd.isna(pub.loc["m1", "to_date"]) and pd.isna(pub.loc["m2", "to_date"])  # a declared total goes too
    rows = list(csv.DictReader((folder / "measures.csv").open()))
    write_csv(folder / "measures.csv", [{**r, "frequency": "quarterly" if r["measure"] == "m2" else r["frequency"]}
                                        for r in rows])  # fmt: skip
    r = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert r.exit_code == 2 and "measures.csv, row 4, column 'part_of': found 'm0' annual (sum)" in r.output, r.output


def test_a_titles_words_say_whether_it_is_an_average_and_of_which_cases():
    assert is_average("Average length of a secure care placement") and is_average("Cost per child")
    assert not is_average("Nights children spent in secure care")
    assert per_year("Average weekly cost of a secure care placement") == 52 and per_year("Cost per place") == 1
    assert case_words("Average weekly cost of a secure care placement") == {"secure"}
    assert case_words("Secure care placements") == {"secure"} == case_words("Nights children spent in secure care")
