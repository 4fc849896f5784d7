"""The figures a public report prints that public suppression cannot check (swlib.unchecked): a
percentage, rate or ratio given without its counts, listed by check-public and by the run."""

import pandas as pd

from swlib.findings import where
from swlib.publishing import check_public
from swlib.unchecked import not_checked, unchecked_findings
from tests.conftest import make_data


def test_a_percentage_given_without_its_counts_is_named_as_not_checked(data_dir):
    # "95.7%" alone: 67 of 70 (3 missed) or 670 of 700, no one can tell; given as counts, it is suppressed
    import swlib

    obs = [{"measure": "m0", "period": "2020-21-Q1", "value": "95.7"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "67", "denominator": "70"}]  # fmt: skip
    folder = make_data(data_dir, [{"target": "90", "aggregate": "latest"}, {"target": "90"}], obs)
    ds = swlib.load(folder)
    public = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").set_index("measure")
    assert public.loc["m0", "to_date"] == 95.7 and pd.isna(public.loc["m1", "to_date"])
    (f,) = [f for f in check_public(ds, "alpha", "2020-21-Q1") if f.get("kind") == "figure"]
    assert (where(f), f["cleared"]) == ("observations.csv, row 2, column 'value'", False)
    assert "m0 2020-21-Q1: 95.7 (percent, value only)" in f["text"] and "cannot be checked" in f["reason"]
    assert not_checked(ds, "quarterly", "alpha", "2020-21-Q1") == [f]
    from click.testing import CliRunner

    from swlib.cli import main

    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2020-21-Q1", "--data", str(folder),
                                  "--strict"])  # fmt: skip
    assert (
        r.exit_code == 2 and "row 2, column 'value': m0 2020-21-Q1: 95.7 (percent, value only): not checked" in r.output
    )
    assert "1 measure with a percentage, rate or ratio given without numerator and denominator" in r.output
    # an officer who checked the counts behind it clears the row
    import csv

    from tests.conftest import write_csv

    rows = list(csv.DictReader((folder / "observations.csv").open()))
    rows[0]["cleared"] = "yes"
    write_csv(folder / "observations.csv", rows)
    assert not_checked(swlib.load(folder), "quarterly", "alpha", "2020-21-Q1") == []


def test_a_rate_of_the_population_is_checked_against_the_population_not_listed_as_not_checked(tmp_path):
    # issue 21, item 1: a rate per 100,000 population given as a value alone is checked against the council's
    # population (2.7 per 100,000 of 148,790 is 4 children: [c]), yet check-public and the run still listed it as
    # not checked; without a population it is listed, saying what to give
    import swlib
    from tests.conftest import DG, demo_with

    rate = {"measure": "lac-secure-rate", "title": "Children and young people in secure accommodation per 100,000 "
            "population", "theme": "Statutory functions", "outcome": "Looked after children", "unit": "rate",
            "polarity": "none", "frequency": "annual", "aggregate": "sum", "decimals": "1", "council": DG,
            "source": "synthetic"}  # fmt: skip
    part = {**rate, "measure": "lac-secure-rate-young", "title": "Children in secure accommodation per 100,000 "
            "population aged 0-17"}  # fmt: skip
    obs = [{"measure": m, "period": "2023-24", "value": "2.7"} for m in (rate["measure"], part["measure"])]

    def listed(ds):
        return {f["measure"]: f for f in unchecked_findings(ds, DG, "2023-24")}

    ds = demo_with(tmp_path / "p", [rate, part], obs, councils={DG: {"population": "148790"}})
    found = listed(ds)
    assert "lac-secure-rate" not in found  # checked: [c]
    assert pd.isna(swlib.performance(ds, DG, "2023-24", audience="public").set_index("measure").loc["lac-secure-rate",
                                                                                                    "to_date"])  # fmt: skip
    # a rate of a part of the population (aged 0-17): the whole population gives no count of it, so not checked
    assert "lac-secure-rate-young" in found
    figures = [f for f in not_checked(ds, "annual", DG, "2023-24") if f.get("kind") != "pair"]  # pairs: near_counts'
    assert {f["measure"] for f in figures} == set(found)
    ds = demo_with(tmp_path / "n", [rate, part], obs)  # no population in councils.csv
    f = listed(ds)["lac-secure-rate"]
    assert (
        "lac-secure-rate 2023-24: 2.7 (rate of the population, value only, and no population in councils.csv)"
        in (f["text"])
    )
    assert "give the council's population in councils.csv" in f["reason"]
    assert "(rate per 100,000 population aged 0-17, value only, and no population_0-17 in councils.csv: add a column" \
        in listed(ds)["lac-secure-rate-young"]["text"]  # fmt: skip


def test_check_public_says_per_rate_why_it_is_not_checked(tmp_path):
    # ATTACK-4 finding 4: every rate was listed alike, "(rate, value only) ... not checked", the one checked against
    # the population too; now each says why: no population of its ages given (and the column to add), or a base that
    # is no population (the demo's readmissions per 1,000 discharges)
    from tests.conftest import DG, demo_with

    rate = {"measure": "dg-secure-rate", "title": "Children in secure care per 100k population",
            "theme": "Statutory functions", "outcome": "Looked after children", "unit": "rate", "polarity": "none",
            "frequency": "annual", "aggregate": "latest", "decimals": "1", "council": DG, "source": "synthetic"}  # fmt: skip
    cpr = {**rate, "measure": "dg-cpr-rate", "title": "Children on the register per 1,000 population aged 0-15"}
    obs = [{"measure": m, "period": "2023-24", "value": "1.3"} for m in ("dg-secure-rate", "dg-cpr-rate")]

    def listed(ds):
        return {f["measure"]: f["text"] for f in unchecked_findings(ds, DG, "2023-24")}

    found = listed(demo_with(tmp_path / "p", [rate, cpr], obs, councils={DG: {"population": "148790"}}))
    assert "dg-secure-rate" not in found  # checked against the population
    assert found["dg-cpr-rate"] == (
        "dg-cpr-rate 2023-24: 1.3 (rate per 1,000 population aged 0-15, value only, and no population_0-15 in "
        "councils.csv: add a column population_0-15 to councils.csv with dumfries-and-galloway's population aged 0-15 "
        "in row 4)"
    )
    assert found["dg-readmission-rate"].endswith(
        "(rate per 1,000 discharges, value only: discharges are not a population, so no figure in the data gives its "
        "count) and 1 more row of it"
    )
    found = listed(demo_with(tmp_path / "a", [rate, cpr], obs, councils={DG: {"population_0-15": "22010"}}))
    assert "dg-cpr-rate" not in found and "no population in councils.csv" in found["dg-secure-rate"]


def test_two_of_the_shipped_catalogues_counts_of_different_events_are_not_a_pair(tmp_path, monkeypatch):
    """ANALYST-11 #8: every public run of a new council said lac-emergency-placements 12 and
    lac-permanence-orders 9 were '3 apart ... neither part_of the other': two statutory measures
    swreport ships, of different events, which the analyst cannot act on. Two of the catalogue's
    whose titles share a word (adult protection referrals, and those resulting in activity) are
    still listed, as is a council's own pair."""
    from tests.conftest import new_council

    obs = [{"council": "pk", "measure": m, "period": "2025-26", "value": v, "source": "test"}
           for m, v in (("lac-emergency-placements", 12), ("lac-permanence-orders", 9),
                        ("asp-referrals", 312), ("asp-investigations", 309))]  # fmt: skip
    ds = new_council(tmp_path, monkeypatch, (), obs)
    pairs = [f["pair"] for f in not_checked(ds, "annual", "pk", "2025-26") if f.get("kind") == "pair"]
    assert pairs == [("asp-referrals", "asp-investigations")]
