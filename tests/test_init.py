"""swreport init: a new council's data set and settings from an empty folder."""

import os

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import swlib
from swlib.cli import main


@pytest.fixture
def empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("SWREPORT_DATA", "SWREPORT_PARAMS", "SWREPORT_OUT"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_init_writes_a_data_set_that_validates_with_the_statutory_catalogue(empty):
    r = run("init", "fife", "--name", "Fife Council")
    assert r.exit_code == 0, r.output
    assert "wrote data/councils.csv" in r.output and "wrote params/schedule.yaml" in r.output
    ds = swlib.load(empty / "data")
    assert ds.councils.to_dict("records")[0] | {"population": None} == {
        "council": "fife", "name": "Fife Council", "family_group": 2, "population": None, "source": "Council settings"}  # fmt: skip
    assert len(ds.measures) == 26 and set(ds.measures["theme"]) == {"Statutory functions"}
    assert ds.measures["council"].isna().all() and ds.observations.empty and ds.benchmarks.empty
    from swlib.views import sources_view

    sources = dict(sources_view(ds, "fife", "public")["items"])  # as a reader sees them, not a package path
    assert (
        sources[
            "the statutory functions a Chief Social Work Officer's annual report covers (the catalogue every council shares)"
        ]
        == "26 measure definitions"
    )
    assert ds.warnings == []
    assert "care_and_support" in (empty / "data" / "inspections.csv").read_text().splitlines()[0]
    mask = os.umask(0)
    os.umask(mask)  # written as every other file swreport writes (outputs.write_atomic): readable as the folder's
    assert {p.stat().st_mode & 0o777 for p in (empty / "data").glob("*.csv")} == {0o666 & ~mask}
    r = run("validate", "--strict")
    assert r.exit_code == 0 and f"the data at {empty / 'data'}: OK: 1 council, 26 measures" in r.output
    assert "fife:" in (empty / "params" / "councils.yaml").read_text()
    schedule = swlib.config.load_schedule(empty / "params" / "schedule.yaml")
    assert [(x.report, x.period, x.councils) for x in schedule.runs] == [
        ("quarterly", "latest", ["fife"]), ("annual", "latest", ["fife"])]  # fmt: skip
    # with the pdf extra (as here), the committee papers: the weekly run prints a re-rendered report's
    # PDF again instead of removing it (ANALYST-8 #4)
    assert [x.pdf for x in schedule.runs] == [True, True]
    assert "narrative/<council>/<year>/<section>.md" in (empty / "data" / "narrative" / "README.md").read_text()


def test_init_suggests_a_return_for_the_last_quarter_that_has_ended(empty, monkeypatch):
    monkeypatch.setenv("SWREPORT_TODAY", "2026-12-01")
    r = run("init", "fife", "--name", "Fife Council")
    assert "swreport template return.xlsx --council fife --period 2026-27-Q2'" in r.output
    # the measures first: a return made before them has no rows of the council's own
    assert r.output.index("swreport template measures.xlsx --empty") < r.output.index("template return.xlsx")


def test_init_refuses_to_overwrite_and_writes_nothing(empty):
    assert run("init", "fife", "--name", "Fife Council").exit_code == 0
    (empty / "data" / "councils.csv").write_text("council,name,family_group\nfife,Mine,2\n")
    r = run("init", "fife", "--name", "Other")
    assert r.exit_code == 2 and "nothing written" in r.output and "never overwrites" in r.output
    assert (empty / "data" / "councils.csv").read_text() == "council,name,family_group\nfife,Mine,2\n"
    assert "Traceback" not in r.output


def test_init_with_a_workbook_is_found_as_data_xlsx(empty):
    r = run("init", "fife", "--name", "Fife Council", "--workbook", "data.xlsx")
    assert r.exit_code == 0, r.output
    assert not (empty / "data").exists() and (empty / "narrative" / "README.md").exists()
    book = load_workbook(empty / "data.xlsx")
    assert book["councils"]["A2"].value == "fife" and book["measures"].max_row == 27
    r = run("validate")
    assert r.exit_code == 0 and "data.xlsx: OK: 1 council, 26 measures" in r.output


def test_a_council_outside_the_32_gets_a_blank_family_group_or_the_one_given(empty):
    r = run("init", "north-fife", "--name", "North Fife")
    assert r.exit_code == 0 and "not one of the 32 councils" in r.output and "--family-group" in r.output
    from swlib.init import lgbf_note

    assert "did you mean 'fife'?" in lgbf_note("fyfe", 2)
    # one cut-off for every "did you mean": init offers no more than validate would
    from swlib.statutory import did_you_mean

    assert "did you mean" not in lgbf_note("fifeshire", None) and did_you_mean("fifeshire", ["fife"]) == ""
    assert did_you_mean("dundee-cty", ["dundee-city"]) == " (did you mean 'dundee-city'?)"
    assert swlib.load(empty / "data").councils["family_group"].isna().all()
    r = run("init", "x", "--name", "X", "--family-group", "5", "--workbook", "x.xlsx")
    assert r.exit_code == 2 and "from 1 to 4" in r.output and not (empty / "x.xlsx").exists()
    r = run("init", "Fife Council", "--name", "Fife")
    assert r.exit_code == 2 and "lower-case id" in r.output
    # AUDIT-9 gap 2: fife.xlsx was written, and the schedule init wrote then read the demo data
    r = run("init", "fife", "--name", "Fife Council", "--workbook", "fife.xlsx")
    assert r.exit_code == 2 and "expected --workbook data.xlsx" in r.output and "--data fife.xlsx" in r.output
    assert not (empty / "fife.xlsx").exists()


def test_template_for_the_new_council_and_an_empty_template(empty):
    run("init", "fife", "--name", "Fife Council")
    assert run("template", "r.xlsx", "--council", "fife", "--period", "2024-25-Q4").exit_code == 0
    obs = load_workbook(empty / "r.xlsx")["observations"]
    rows = [[c.value for c in r[:3]] for r in obs.iter_rows(min_row=2)]
    assert len(rows) == 26 and ["fife", "cp-orders", "2024-25"] in rows  # the statutory measures, year end
    assert run("template", "e.xlsx", "--empty").exit_code == 0
    book = load_workbook(empty / "e.xlsx")
    assert (
        all(ws.max_row == 1 for ws in book if ws.title != "councils") and book["observations"]["A1"].value == "council"
    )
    assert [c.value for c in book["councils"][2]][:2] == [
        "fife",
        "Fife Council",
    ]  # its drop-downs take fife (ANALYST-9 #16)


def test_template_for_an_unknown_council_in_the_demo_data_says_how_to_add_one(empty, monkeypatch):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    r = run("template", str(empty / "t.xlsx"), "--council", "fife")
    assert r.exit_code == 2 and "unknown council 'fife' in the demo data" in r.output
    assert "swreport init COUNCIL --name NAME" in r.output and not (empty / "t.xlsx").exists()


@pytest.mark.slow
def test_from_an_empty_folder_to_a_new_councils_quarterly_report(empty):
    """init, a return for each of two quarters filled in cell by cell, merge, validate, run."""
    assert run("init", "fife", "--name", "Fife Council").exit_code == 0
    # Q1: the council adds its own measures to the return's measures sheet, and their figures
    assert run("template", "q1.xlsx", "--council", "fife", "--period", "2024-25-Q1").exit_code == 0
    wb = load_workbook(empty / "q1.xlsx")
    ms, ob = wb["measures"], wb["observations"]
    head = {c.value: c.column for c in ms[1]}
    for r, m in enumerate([
        {"measure": "fife-cp-seen", "title": "Children seen within 5 days of referral", "theme": "Protect people",
         "outcome": "Children are safe", "unit": "percent", "polarity": "higher", "frequency": "quarterly",
         "aggregate": "sum", "target": 90, "decimals": 1},
        {"measure": "fife-referrals", "title": "Referrals received", "theme": "Protect people",
         "outcome": "Children are safe", "unit": "count", "polarity": "none", "frequency": "quarterly",
         "aggregate": "sum"},
    ], start=ms.max_row + 1):  # fmt: skip
        for k, v in m.items():
            ms.cell(r, head[k], v)
    ohead = {c.value: c.column for c in ob[1]}
    for r, (m, cells) in enumerate([("fife-cp-seen", {"numerator": 45, "denominator": 50}),
                                    ("fife-referrals", {"value": 120})], start=ob.max_row + 1):  # fmt: skip
        for k, v in {"council": "fife", "measure": m, "period": "2024-25-Q1", **cells}.items():
            ob.cell(r, ohead[k], v)
    wb.save(empty / "q1.xlsx")
    r = run("merge", "q1.xlsx")
    assert r.exit_code == 0 and "adds 2 rows to measures" in r.output and "adds 2 rows to observations" in r.output
    # Q2: the template now pre-fills the rows Q2 needs; the analyst types the figures into them
    assert run("template", "q2.xlsx", "--council", "fife", "--period", "2024-25-Q2").exit_code == 0
    wb = load_workbook(empty / "q2.xlsx")
    ob = wb["observations"]
    ohead = {c.value: c.column for c in ob[1]}
    rows = {ob.cell(r, ohead["measure"]).value: r for r in range(2, ob.max_row + 1)}
    assert set(rows) == {"fife-cp-seen", "fife-referrals"}
    ob.cell(rows["fife-cp-seen"], ohead["numerator"], 47)
    ob.cell(rows["fife-cp-seen"], ohead["denominator"], 50)
    ob.cell(rows["fife-referrals"], ohead["value"], 95)
    wb.save(empty / "q2.xlsx")
    assert run("merge", "q2.xlsx").exit_code == 0
    r = run("validate")
    assert r.exit_code == 0 and "OK: 1 council, 28 measures" in r.output and "4 observations" in r.output
    # a quarter with no figures is refused, naming the latest one there is
    r = run("run", "quarterly", "--council", "fife", "--period", "2024-25-Q3")
    assert r.exit_code == 2 and "the latest quarter with figures is 2024-25-Q2" in r.output
    r = run("run", "quarterly", "--council", "fife", "--period", "2024-25-Q2")
    assert r.exit_code == 0, r.output
    html = (empty / "outputs" / "fife" / "2024-25-Q2" / "quarterly.html").read_text()
    assert "Fife Council" in html and "Children seen within 5 days of referral" in html
    assert (
        '92.0% <span class="counts">(92 of 100)</span>' in html and "215" in html
    )  # year to date from the counts: (45 + 47) / (50 + 50)
    # the first table a reader meets has the council's own figures; the statutory measures, with
    # none yet, are one table at the end of section 3
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html, "html.parser")
    assert "Children seen within 5 days of referral" in page.select("table.performance")[0].get_text()
    assert "26 measures have no figures yet" in html
    # a row for each of the catalogue's 7 outcomes, not for each measure (COMMITTEE-11 #8: two and a half pages)
    listed = [tr.td.get_text().split("; ") for tr in page.select("table.no-figures tbody tr")]
    assert len(listed) == 7 and sum(len(titles) for titles in listed) == 26
    glance = page.select_one("div.glance").get_text(" ")
    # page 1 counts the measures due this quarter; the annual ones, with no figures yet, in one line
    assert " ".join(glance.split()).startswith("2 measures reported this quarter: ")
    assert (
        "Not counted here: 26 annual measures with no figures yet, reported in the Chief Social Work Officer's "
        "annual report (and here when they come in). Those with no figures are listed at the end of section 3"
        in " ".join(glance.split())
    )
    assert page.select_one("p.glance-annual a")["href"] == "#no-figures"
    # the commands that bring them in are in the run's output, not in the report a committee reads
    assert (
        "swreport template RETURN.xlsx --council fife --period 2023-24" in r.output and "swreport template" not in html
    )
    # the year's return: the statutory figures, a percentage typed as Excel keeps 78%; the annual report
    assert run("template", "year.xlsx", "--council", "fife", "--period", "2024-25").exit_code == 0
    wb = load_workbook(empty / "year.xlsx")
    ob = wb["observations"]
    ohead = {c.value: c.column for c in ob[1]}
    rows = {ob.cell(r, ohead["measure"]).value: r for r in range(2, ob.max_row + 1)}
    ob.cell(rows["cp-orders"], ohead["value"], 12)
    ob.cell(rows["complaints-upheld"], ohead["value"], 0.78).number_format = "0%"
    wb.save(empty / "year.xlsx")
    r = run("merge", "year.xlsx")
    assert r.exit_code == 0 and "adds 2 rows to observations" in r.output, r.output
    assert "fife,complaints-upheld,2024-25,78," in (empty / "data" / "observations.csv").read_text()
    r = run("run", "annual", "--council", "fife", "--period", "2024-25")
    assert r.exit_code == 0, r.output
    annual = BeautifulSoup((empty / "outputs" / "fife" / "2024-25" / "annual.html").read_text(), "html.parser")
    text = " ".join(annual.get_text(" ").split())
    assert "Child Protection Orders made 12" in text and "Complaints upheld 78.0%" in text


def test_a_near_miss_id_is_refused_before_anything_is_written_and_a_name_offers_its_id(empty):
    """ANALYST-8 #10: 'init eastayrshire' wrote 12 files, then said 'did you mean east-ayrshire? If
    so, delete what init wrote'; 'init "East Ayrshire"' offered no id."""
    r = run("init", "eastayrshire", "--name", "East Ayrshire Council")
    assert r.exit_code == 2 and not any(empty.iterdir()), r.output
    assert "nothing written: 'eastayrshire' is not one of the 32 councils as the LGBF benchmarks name them (did " \
           "you mean 'east-ayrshire'?); run 'swreport init east-ayrshire ...' for it, or give --family-group N" \
           in r.output  # fmt: skip
    r = run("init", "East Ayrshire", "--name", "East Ayrshire Council")
    assert r.exit_code == 2 and "(did you mean 'east-ayrshire'?)" in r.output and not any(empty.iterdir())
    r = run("init", "eastayrshire", "--name", "East Ayrshire Council", "--family-group", "2")  # meant: as given
    assert r.exit_code == 0 and (empty / "data" / "councils.csv").exists(), r.output


def test_without_the_pdf_extra_init_writes_a_schedule_without_pdfs_saying_what_pdf_true_needs(empty, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda m, *a: None if m == "playwright" else real(m, *a))
    assert run("init", "fife", "--name", "Fife Council").exit_code == 0
    text = (empty / "params" / "schedule.yaml").read_text()
    assert [x.pdf for x in swlib.config.load_schedule(empty / "params" / "schedule.yaml").runs] == [False, False]
    assert "pip install 'swreport[pdf]'" in text and "loses a PDF printed before" in text


def _with_figures(folder, measures, observations):
    """``measures`` and ``observations`` added to an init'd council's CSV files, as merged returns leave them."""
    import csv

    for name, rows in (("measures", measures), ("observations", observations)):
        path = folder / "data" / f"{name}.csv"
        header = path.read_text().splitlines()[0].split(",")
        with path.open("a", newline="") as f:
            csv.DictWriter(f, header).writerows(rows)


def test_an_annual_report_of_a_year_with_three_quarters_in_renders_and_names_the_fourth(empty):
    """ANALYST-11 #6: with Quarters 1 to 3 of 2025/26 merged, 'run annual --period 2025-26' exited 2
    ('no observation ends with March 2026 ... there is no year with figures yet'), where the guide
    says it refuses only a year with no figure at all, and otherwise renders and says what is
    missing. It renders, and names Quarter 4 and the return that brings it in; the run's first
    line says what it read and where it writes (#9: it was the warnings' banner)."""
    assert run("init", "pk", "--name", "Perth and Kinross Council").exit_code == 0
    beds = {"measure": "dd-bed-days", "title": "Bed days lost to delayed discharge", "theme": "Adults",
            "outcome": "Timely support", "unit": "count", "polarity": "lower", "frequency": "quarterly",
            "aggregate": "sum", "target": 6000, "decimals": 0, "source": "test"}  # fmt: skip
    obs = [{"council": "pk", "measure": "dd-bed-days", "period": f"2025-26-Q{q}", "value": v, "source": "test"}
           for q, v in ((1, 1480), (2, 1620), (3, 1710))]  # fmt: skip
    _with_figures(empty, [beds], obs)
    r = run("run", "annual", "--council", "pk", "--period", "2025-26")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].startswith(f"data: {empty / 'data'}; settings: ")
    assert (
        "the annual report for 2025/26 has no figure yet for 2025/26 Quarter 4 for 1 measure (Report later until it "
        "is in): swreport template RETURN.xlsx --council pk --period 2025-26-Q4; then swreport merge RETURN.xlsx"
    ) in r.output
    assert (empty / "outputs" / "pk" / "2025-26" / "annual.html").exists()
    r = run("run", "annual", "--council", "pk", "--period", "2024-25")  # no figure for the year at all: refused
    assert r.exit_code == 2 and "no observation ends with March 2025" in r.output
