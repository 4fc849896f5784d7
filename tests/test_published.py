"""The record of what public reports printed (swlib.published): a figure revised after it was
published gives nothing away when a later public report is read beside the earlier one."""

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import swlib
from swlib import published, renames
from tests.conftest import make_data


def _publish(ds, period, out, council="alpha"):
    """A public report for ``period``, as a public run makes it: the table it prints, and the
    record of its figures written where the run writes it."""
    perf = swlib.performance(ds, council, period, audience="public", published=published.read(council, out))
    printed = swlib.performance(ds, council, period, audience="public", published=published.empty()).attrs["printed"]
    published.write(out / council / period / f"quarterly-public{published.SUFFIX}", printed)
    return perf.iloc[0]


def _quarters(values: dict[str, str]) -> list[dict]:
    return [{"measure": "m0", "period": p, "value": v} for p, v in values.items()]


COUNT = [{"unit": "count", "polarity": "none"}]


def test_a_year_revised_by_a_small_number_after_it_was_published_is_suppressed(tmp_path):
    out = tmp_path / "outputs"
    year = {"2019-20-Q1": "60", "2019-20-Q2": "60", "2019-20-Q3": "60", "2019-20-Q4": "60", "2020-21-Q1": "50"}
    before = _publish(swlib.load(make_data(tmp_path / "d1", COUNT, _quarters(year))), "2020-21-Q1", out)
    assert before["2019-20"] == 240  # the Q1 report printed last year as 240
    # two late-recorded cases are added to 2019-20 Q4; the Q2 report would print 242: 2 more than published
    revised = swlib.load(make_data(tmp_path / "d2", COUNT, _quarters({**year, "2019-20-Q4": "62", "2020-21-Q2": "50"})))
    unaware = swlib.performance(revised, "alpha", "2020-21-Q2", audience="public", published=published.empty())
    assert unaware.iloc[0]["2019-20"] == 242  # the data alone see nothing to hide: the attack works without the record
    after = _publish(revised, "2020-21-Q2", out)
    assert pd.isna(after["2019-20"]) and "2019-20:earlier" in after["suppressed_why"]
    assert after["to_date"] == 100  # this year's figures are not touched by last year's revision
    # and it stays hidden: the record keeps the 240, whatever the Q2 report printed
    assert pd.isna(swlib.performance(revised, "alpha", "2020-21-Q3", audience="public",
                                     published=published.read("alpha", out)).iloc[0]["2019-20"])  # fmt: skip


def test_cases_recorded_late_cannot_be_read_off_the_next_quarters_year_to_date(tmp_path):
    # Q1 printed 90 to date (30 a month); June is then revised to 33 and July to September have none:
    # Q2 would print 93, and 93 - 90 = the 3 cases recorded since the Q1 report
    monthly = [{"unit": "count", "polarity": "none", "frequency": "monthly"}]
    out = tmp_path / "outputs"
    q1 = {"2020-04": "30", "2020-05": "30", "2020-06": "30"}
    assert _publish(swlib.load(make_data(tmp_path / "d1", monthly, _quarters(q1))), "2020-21-Q1", out)["to_date"] == 90
    revised = swlib.load(make_data(tmp_path / "d2", monthly, _quarters(
        {**q1, "2020-06": "33", "2020-07": "0", "2020-08": "0", "2020-09": "0"})))  # fmt: skip
    unaware = swlib.performance(revised, "alpha", "2020-21-Q2", audience="public", published=published.empty())
    assert unaware.iloc[0]["to_date"] == 93
    q2 = _publish(revised, "2020-21-Q2", out)
    assert pd.isna(q2["to_date"]) and q2["status"] != "Green"


def test_a_percentage_revised_after_publication_gives_away_neither_count(tmp_path):
    # Q1 printed 40 of 50; the data now say 42 of 53 for Q1 (3 cases, 2 meeting the measure, added late)
    out = tmp_path / "outputs"
    first = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "40", "denominator": "50"}]
    row = _publish(swlib.load(make_data(tmp_path / "d1", [{"target": "50"}], first)), "2020-21-Q1", out)
    assert (row["numerator"], row["denominator"]) == (40, 50)
    later = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "42", "denominator": "53"}]
    again = _publish(swlib.load(make_data(tmp_path / "d2", [{"target": "50"}], later)), "2020-21-Q1", out)
    assert pd.isna(again["to_date"]) and pd.isna(again["numerator"]) and pd.isna(again["denominator"])


def test_the_record_keeps_every_figure_published_and_reads_back_by_council(tmp_path):
    path = tmp_path / "alpha" / "2020-21-Q1" / f"quarterly-public{published.SUFFIX}"
    row = {"measure": "m0", "year": "2020-21", "months": 3, "value": 90.0, "numerator": None, "denominator": None,
           "parts": 3}  # fmt: skip
    published.write(path, [row])
    published.write(path, [{**row, "value": 93.0}])
    published.write(path, [{**row, "value": 93.0}])
    rec = published.read("alpha", tmp_path)
    assert sorted(rec["value"]) == [90.0, 93.0]
    from swlib.disclosure import published_by_year

    months, (value, *_rest) = published_by_year(rec)[("m0", "2020-21")][0]
    assert (months, value) == (3, 90.0)
    assert published.read("beta", tmp_path).empty and published.read("alpha", tmp_path / "none").empty


def test_a_public_run_records_what_it_printed_and_the_next_run_differences_against_it(tmp_path):
    # end to end: two public quarterly reports rendered into one outputs folder, the data revised between them
    from bs4 import BeautifulSoup

    from swlib.config import notebooks_dir
    from swlib.kernels import KernelSession
    from swlib.rendering import render

    out = tmp_path / "outputs"
    year = {"2019-20-Q1": "60", "2019-20-Q2": "60", "2019-20-Q3": "60", "2019-20-Q4": "60", "2020-21-Q1": "50"}
    d1 = make_data(tmp_path / "d1", COUNT, _quarters(year))
    d2 = make_data(tmp_path / "d2", COUNT, _quarters({**year, "2019-20-Q4": "62", "2020-21-Q2": "50"}))
    with KernelSession(notebooks_dir()).start() as session:
        render("quarterly", "alpha", "2020-21-Q1", audience="public", data=d1, out=out, session=session)
        html = render("quarterly", "alpha", "2020-21-Q2", audience="public", data=d2, out=out, session=session)
    record = out / "alpha" / "2020-21-Q1" / f"quarterly-public{published.SUFFIX}"
    assert record.is_file() and not list((out / "public").rglob(f"*{published.SUFFIX}"))  # never in the public tree
    assert 240.0 in set(pd.read_csv(record)["value"])
    cells = [td.get_text(" ", strip=True) for td in BeautifulSoup(html.read_text(), "html.parser").select("td")]
    assert not any(c.startswith("242") for c in cells) and any(c.startswith("[c]") for c in cells)


def test_a_revision_of_the_difference_between_a_measure_and_its_whole_is_suppressed(tmp_path):
    # Q1 printed 40 referrals and 30 investigations (10 not investigated); the data are revised to 50 and 37:
    # each moved by more than 4, but 13 not investigated against the 10 published gives away 3 late referrals
    import csv

    from tests.conftest import write_csv

    def data(folder, rows):
        ms = [{"unit": "count", "polarity": "none"}, {"unit": "count", "polarity": "none"}]
        f = make_data(folder, ms, [{"measure": m, "period": p, "value": v} for p, m, v in rows])
        measures = list(csv.DictReader((f / "measures.csv").open()))
        write_csv(f / "measures.csv", [{**measures[0], "part_of": ""}, {**measures[1], "part_of": "m0"}])
        return swlib.load(f)

    out = tmp_path / "outputs"
    first = data(tmp_path / "d1", [("2020-21-Q1", "m0", "40"), ("2020-21-Q1", "m1", "30")])
    _publish(first, "2020-21-Q1", out)
    later = data(tmp_path / "d2", [("2020-21-Q1", "m0", "50"), ("2020-21-Q1", "m1", "37"),
                                  ("2020-21-Q2", "m0", "0"), ("2020-21-Q2", "m1", "0")])  # fmt: skip
    unaware = swlib.performance(later, "alpha", "2020-21-Q2", audience="public", published=published.empty())
    assert list(unaware["to_date"]) == [50, 37]
    aware = swlib.performance(later, "alpha", "2020-21-Q2", audience="public", published=published.read("alpha", out))
    assert aware.iloc[0]["to_date"] == 50 and pd.isna(aware.iloc[1]["to_date"])


def test_a_snapshot_revised_after_it_was_published_is_suppressed(tmp_path):
    # children on the register at 31 March 2020: the 2019-20 Q4 report printed 50; the data now say 52
    ms = [{"unit": "count", "polarity": "none", "aggregate": "latest"}]
    out = tmp_path / "outputs"
    rows = {"2019-20-Q1": "20", "2019-20-Q2": "30", "2019-20-Q3": "40", "2019-20-Q4": "50", "2020-21-Q1": "60"}
    first = swlib.load(make_data(tmp_path / "d1", ms, _quarters(rows)))
    printed = swlib.performance(first, "alpha", "2019-20-Q4", audience="public", published=published.empty())
    assert printed.iloc[0]["to_date"] == 50
    published.write(out / "alpha" / "2019-20-Q4" / f"quarterly-public{published.SUFFIX}", printed.attrs["printed"])
    revised = swlib.load(make_data(tmp_path / "d2", ms, _quarters({**rows, "2019-20-Q4": "52"})))
    unaware = swlib.performance(revised, "alpha", "2020-21-Q1", audience="public", published=published.empty())
    assert unaware.iloc[0]["2019-20"] == 52 and unaware.iloc[0]["to_date"] == 60
    aware = swlib.performance(revised, "alpha", "2020-21-Q1", audience="public", published=published.read("alpha", out))
    assert pd.isna(aware.iloc[0]["2019-20"]) and aware.iloc[0]["to_date"] == 60  # 8 and 10 from 31 March: shown


def test_a_snapshot_a_few_from_one_printed_at_another_date_is_suppressed(tmp_path):
    # "on the register: 41; last quarter 44": 3 more came off the register than went on. Set against the
    # snapshots of the year's earlier quarters, the end of the year before (a year column) and the record
    ms = [{"unit": "count", "polarity": "none", "aggregate": "latest"}]
    out = tmp_path / "outputs"
    rows = {"2019-20-Q1": "20", "2019-20-Q2": "30", "2019-20-Q3": "40", "2019-20-Q4": "50",
            "2020-21-Q1": "60", "2020-21-Q2": "57", "2020-21-Q3": "70", "2020-21-Q4": "80"}  # fmt: skip
    ds = swlib.load(make_data(tmp_path / "d", ms, _quarters(rows)))
    assert _publish(ds, "2020-21-Q1", out)["to_date"] == 60  # 10 on from 31 March
    q2 = _publish(ds, "2020-21-Q2", out)
    assert pd.isna(q2["to_date"]) and q2["suppressed_why"] == "to_date:earlier"
    assert _publish(ds, "2020-21-Q3", out)["to_date"] == 70  # 10 on from June, 13 from September (57, not printed)
    # across the year's end: 31 March 2021 is 80, June 2021 77 (the June report prints 2020-21's 80 beside it)
    rows |= {"2021-22-Q1": "77"}
    ds = swlib.load(make_data(tmp_path / "d2", ms, _quarters(rows)))
    q1 = _publish(ds, "2021-22-Q1", out)
    assert pd.isna(q1["to_date"]) and q1["2020-21"] == 80
    # and a year column is set against the year before it: 2018-19 ending at 47 beside 2019-20's 50
    rows |= {"2018-19": "47"}
    ds = swlib.load(make_data(tmp_path / "d3", ms, _quarters(rows)))
    row = swlib.performance(ds, "alpha", "2021-22-Q1", audience="public", published=published.empty()).iloc[0]
    assert pd.isna(row["2019-20"]) and row["2018-19"] == 47


def test_the_rest_of_a_whole_printed_before_is_kept_and_a_later_rest_is_set_against_it(tmp_path):
    from tests.test_disclosure import PARTS, _parts

    # Q1: referrals 100, 50 from the police, 40 from health: 10 from elsewhere, printed in effect
    out = tmp_path / "outputs"
    q1 = {"2020-21-Q1": (100, 50, 40)}
    ds = _parts(tmp_path / "d1", q1, PARTS[:3])
    printed = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public", published=published.empty())
    assert printed["to_date"].tolist() == [100, 50, 40]
    published.write(out / "alpha" / "2020-21-Q1" / f"quarterly-public{published.SUFFIX}", printed.attrs["printed"])
    kept = published.read("alpha", out)
    assert kept.loc[kept["measure"] == "m0:rest:m1+m2", "value"].tolist() == [10]
    # Q1 is then revised (3 late referrals from elsewhere: 103) and Q2 has 100, 50, 50: Q2 to date would print
    # 203, 100, 90, a rest of 13, 3 more than the Q1 report's; the data alone (13 then 13) see nothing
    ds = _parts(tmp_path / "d2", {"2020-21-Q1": (103, 50, 40), "2020-21-Q2": (100, 50, 50)}, PARTS[:3])
    unaware = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public", published=published.empty())
    assert unaware["to_date"].tolist() == [203, 100, 90]
    q2 = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public", published=kept).set_index("measure")
    assert pd.isna(q2.loc["m2", "to_date"]) and "to_date:parts" in q2.loc["m2", "suppressed_why"]
    assert q2.loc["m0", "to_date"] == 203 and q2.loc["m1", "to_date"] == 100


def test_two_percentages_of_one_base_revised_apart_by_a_small_number_are_not_both_printed(tmp_path):
    # the Q1 report printed 1,000 and 990 of 1,100 (seen within 2 weeks, within 1 week); the data are then
    # revised to 1,010 and 997 of 1,100: each moved by more than 4, but the week-2 count moved from 10 to 13
    ms = [{"title": "Clients seen within 2 weeks", "polarity": "none"},
          {"title": "Clients seen within 1 week", "polarity": "none"}]  # fmt: skip
    out = tmp_path / "outputs"

    def data(folder, a, b):
        return swlib.load(make_data(folder, ms, [
            {"measure": "m0", "period": "2020-21-Q1", "numerator": str(a), "denominator": "1100"},
            {"measure": "m1", "period": "2020-21-Q1", "numerator": str(b), "denominator": "1100"}]))  # fmt: skip

    first = swlib.performance(data(tmp_path / "d1", 1000, 990), "alpha", "2020-21-Q1", audience="public")
    assert first["numerator"].tolist() == [1000, 990]
    published.write(out / "alpha" / "2020-21-Q1" / f"quarterly-public{published.SUFFIX}", first.attrs["printed"])
    revised = data(tmp_path / "d2", 1010, 997)
    unaware = swlib.performance(revised, "alpha", "2020-21-Q1", audience="public", published=published.empty())
    assert unaware["numerator"].tolist() == [1010, 997]
    again = swlib.performance(revised, "alpha", "2020-21-Q1", audience="public", published=published.read("alpha", out))
    assert again["numerator"].iloc[0] == 1010 and pd.isna(again["numerator"].iloc[1])
    assert again["suppressed_why"].iloc[1] == "to_date:earlier"


def test_an_annual_percentage_is_compared_across_years_as_its_aggregate_says(tmp_path):
    # re-registrations within the year, 7 of 153 then 9 of 185: marked sum, two years' events added up
    # within each year, not compared across years (as counts marked sum are not); marked latest, a share
    # at a date (looked after in the community at 31 March), a snapshot like an annual count marked latest
    # (512 then 509 is 3 more leaving than coming): 2 of 32 more is [c]
    ms = [{"frequency": "annual", "aggregate": "sum", "polarity": "none"},
          {"frequency": "annual", "aggregate": "latest", "polarity": "none", "unit": "count"},
          {"frequency": "annual", "aggregate": "latest", "polarity": "none"}]  # fmt: skip
    obs = [{"measure": m, "period": "2019-20", "numerator": "7", "denominator": "153"} for m in ("m0", "m2")]
    obs += [{"measure": m, "period": "2020-21", "numerator": "9", "denominator": "185"} for m in ("m0", "m2")]
    obs += [
        {"measure": "m1", "period": "2019-20", "value": "512"},
        {"measure": "m1", "period": "2020-21", "value": "509"},
    ]
    ds = swlib.load(make_data(tmp_path / "d", ms, obs))
    pub = swlib.performance(ds, "alpha", "2020-21", audience="public", published=published.empty())
    pub = pub.set_index("measure")
    assert pub.loc["m0", "numerator"] == 9 and pub.loc["m0", "2019-20"] == 7 / 153 * 100
    assert pd.isna(pub.loc["m1", "to_date"]) and pub.loc["m1", "2019-20"] == 512
    assert pd.isna(pub.loc["m2", "to_date"]) and pd.isna(pub.loc["m2", "numerator"])


@pytest.mark.slow
def test_two_consecutive_public_reports_never_print_two_snapshots_a_few_apart(tmp_path):
    # the attack, through the CLI: children on the register 44 at June, 41 at September. The June report
    # prints 44; the September report must not print 41 beside what June's printed
    from click.testing import CliRunner

    from swlib.cli import main

    ms = [{"title": "Children on the child protection register", "unit": "count", "polarity": "none",
           "aggregate": "latest"}]  # fmt: skip
    rows = {"2019-20-Q1": "20", "2019-20-Q2": "30", "2019-20-Q3": "40", "2019-20-Q4": "50", "2020-21-Q1": "44",
            "2020-21-Q2": "41"}  # fmt: skip
    data, out = make_data(tmp_path / "data", ms, _quarters(rows)), tmp_path / "out"

    def public(period):
        r = CliRunner().invoke(main, ["run", "quarterly", "--council", "alpha", "--period", period, "--audience",
                                      "public", "--data", str(data), "--out", str(out)])  # fmt: skip
        assert r.exit_code == 0, r.output
        html = (out / "public" / "alpha" / period / "quarterly.html").read_text(encoding="utf-8")
        text = BeautifulSoup(html, "html.parser").get_text(" ")
        row = re.sub(r"\s+", " ", text[text.index("Children on the child protection register") :])
        return row[: row.index("Measures needing attention")]

    june, september = public("2020-21-Q1"), public("2020-21-Q2")  # each from the row to the next section
    assert "to 44." in june and "Data only – 44" in june and "[c]" not in june
    assert not re.search(r"\b41\b", september) and "Data only – [c] [c]" in september
    assert "Figure suppressed to protect confidentiality" in september
    record = published.read("alpha", out)
    assert 41 not in record["value"].tolist() and 44 in record["value"].tolist()


def test_renamed_ids_keep_their_record_by_title():
    record = pd.DataFrame([
        {"measure": "dg-ly3", "year": "2023-24", "months": 3, "value": 30.0, "parts": 1,
         "title": "Foster carer approvals"},
        {"measure": "dg-ly3:complement", "year": "2023-24", "months": 3, "value": 8.0, "parts": 1},
        {"measure": "w:rest:dg-ly3+p2", "year": "2023-24", "months": 3, "value": 7.0, "parts": 1},
        {"measure": "kept", "year": "2023-24", "months": 3, "value": 5.0, "parts": 1, "title": "Foster carer approvals"},
    ], columns=published.COLUMNS)  # fmt: skip
    out = renames.renamed(record, {"dg-ly3b": "Foster-carer  Approvals.", "kept": "Foster carer approvals", "w": "W"})
    assert {"dg-ly3b", "dg-ly3b:complement", "w:rest:dg-ly3b+p2"} <= set(out["measure"])
    assert set(out[out["measure"] == "dg-ly3b"]["value"]) == {30.0}
    assert set(out[out["measure"] == "kept"]["value"]) == {5.0, 30.0}  # an id still in use keeps its own figure
    # and, its title like the vanished one's, takes that record too in every run (renames.like, ATTACK-5 #8:
    # the safe error, a figure now and then hidden that need not be): 4 rows + 3 under dg-ly3b + 3 under kept
    assert len(out) == 10 and "w:rest:kept+p2" in set(out["measure"])
    # an id that is gone with a title no measure has now: nothing to set it against
    assert len(renames.renamed(record, {"other": "Something else", "kept": "K", "w": "W"})) == len(record)
    assert renames.normalise(" Strategy & Support. ") == renames.normalise("strategy and support")


@pytest.mark.slow
def test_attack_a_revised_figure_under_a_renamed_id_is_set_against_the_one_published(tmp_path):
    # Q1 printed "Foster carer approvals" 30 (dg-ly3); the figure is revised to 33 and the id renamed
    # dg-ly3b: a re-rendered report printed 33, and 33 - 30 = 3 approvals recorded late
    import shutil

    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import ROOT

    data, out = tmp_path / "data", tmp_path / "outputs"
    shutil.copytree(ROOT / "data", data)
    with (data / "measures.csv").open("a") as f:
        f.write("dg-ly3,Foster carer approvals,Council wide indicators,People,,count,lower,quarterly,sum,,,,,,"
                "dumfries-and-galloway,,synthetic\n")  # fmt: skip
    with (data / "observations.csv").open("a") as f:
        f.write("dumfries-and-galloway,dg-ly3,2023-24-Q1,30,,,,,synthetic\n")
    args = ["run", "quarterly", "--council", "dumfries-and-galloway", "--period", "2023-24-Q1", "--audience",
            "public", "--data", str(data), "--out", str(out)]  # fmt: skip
    html = out / "public" / "dumfries-and-galloway" / "2023-24-Q1" / "quarterly.html"

    def row() -> str:
        rows = BeautifulSoup(html.read_text(), "html.parser").find_all("tr")
        return next(r.get_text(" ", strip=True) for r in rows if "Foster carer approvals" in r.get_text())

    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert re.search(r"\b30\b", row())
    for name in ("measures.csv", "observations.csv"):
        text = (
            (data / name)
            .read_text()
            .replace("dg-ly3,", "dg-ly3b,")
            .replace("dg-ly3b,2023-24-Q1,30,", "dg-ly3b,2023-24-Q1,33,")
        )
        (data / name).write_text(text)
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "[c]" in row() and not re.search(r"\b33\b", row())
