"""The report registry: one definition per report, read by the CLI, rendering, the batch and the index."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from swlib import config, reports, templating
from swlib.cli import main
from swlib.errors import ConfigError
from swlib.periods import Period


def test_every_report_has_its_notebook_and_its_template_listing_sections():
    for r in reports.REPORTS.values():
        assert (reports.NOTEBOOKS / r.notebook).is_file(), r.notebook
        assert (reports.NOTEBOOKS / r.notebook).with_suffix(".py").is_file(), "paired jupytext script"
        ids = [s["id"] for s in templating.sections(r.name)]
        assert ids and len(ids) == len(set(ids)), r.name


def test_an_unknown_report_is_bad_input_listing_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown report 'weekly': expected one of quarterly, annual, national"):
        reports.get("weekly")


@pytest.mark.parametrize(
    ("name", "typed", "canonical", "label"),
    [
        ("quarterly", "Q2 2021/22", "2021-22-Q2", "2021/22 Quarter 2"),
        ("quarterly", "2021/22", "2021-22-Q4", "2021/22 Quarter 4"),  # a year means its fourth quarter
        ("quarterly", "2021-22-H1", "2021-22-H1", None),
        ("annual", "2016/17", "2016-17", "2016/17"),
        ("national", "2019-20", "2019-20", "2019/20"),
    ],
)
def test_a_report_reads_its_period_once_and_prints_it_as_its_title_does(name, typed, canonical, label):
    r = reports.get(name)
    P = r.period(typed)
    assert str(P) == canonical
    if label is not None:
        assert r.period_label(P) == label
    assert r.period(P) == P  # a period already read is kept as it is


@pytest.mark.parametrize("name", ["annual", "national"])
def test_a_yearly_report_refuses_a_quarter_naming_the_year_to_give(name):
    with pytest.raises(
        ConfigError, match=rf"the {name} report is for a financial year such as 2021-22: found '2021-22-Q2'"
    ):
        reports.get(name).period("2021-22-Q2")
    typed = Period.parse("Q2 2021/22")  # read already (swreport run): the message names it as typed
    with pytest.raises(
        ConfigError, match=rf"the {name} report is for a financial year such as 2021-22: found 'Q2 2021/22'"
    ):
        reports.get(name).period("Q2 2021/22", typed)


def test_a_council_report_covers_its_quarter_or_its_year_and_the_national_one_no_councils_period():
    # what public suppression and check-public check a report's figures over (publishing, unchecked)
    assert reports.get("quarterly").covered("2021-22-Q2") == Period.parse("2021-22-Q2")
    assert reports.get("annual").covered("2021-22-Q2") == Period.parse("2021-22")
    assert reports.get("national").covered("2019-20") is None  # published figures only


def test_the_national_report_is_filed_under_scotland_and_the_others_per_council():
    national = reports.get("national")
    assert (national.per_council, national.filed_under, national.subject) == (False, "scotland", "Scotland")
    assert national.needs_benchmarks
    assert all(r.per_council and r.filed_under is None for r in reports.REPORTS.values() if r is not national)
    assert [r.name for r in reports.REPORTS.values() if r.landscape] == ["quarterly"]


def test_the_pages_and_the_index_name_each_report():
    # the reports' own pages use the full title; outputs/index.html its shorter name (both as rendered before)
    assert reports.get("annual").title == "Chief Social Work Officer annual report"
    assert reports.get("annual").index_name == "CSWO annual report"
    assert reports.get("quarterly").period_label(Period.parse("2021-22-Q2")) == "2021/22 Quarter 2"


def test_config_reports_is_the_registry_by_notebook():
    assert config.REPORTS == {name: r.notebook for name, r in reports.REPORTS.items()}
    assert config.NATIONAL == reports.SCOTLAND


def test_the_cli_offers_and_lists_the_registry_reports():
    r = CliRunner().invoke(main, ["list", "reports"])
    assert r.exit_code == 0
    assert r.output.splitlines() == [f"{x.name}\t{x.notebook}" for x in reports.REPORTS.values()]
    r = CliRunner().invoke(main, ["run", "weekly", "--period", "2021-22"])
    assert r.exit_code == 2
    assert "'weekly' is not one of 'quarterly', 'annual', 'national'" in r.output


def test_a_schedule_names_only_registered_reports(tmp_path):
    path = tmp_path / "schedule.yaml"
    path.write_text("runs:\n  - report: weekly\n    period: 2021-22\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"schedule.yaml: runs.0.report: Value error, expected one of quarterly, annual, national"
    ):
        config.load_schedule(path)


@pytest.mark.parametrize("name", list(reports.NAMES))
def test_each_cell_that_builds_a_section_is_tagged_with_it_and_the_layout_cell_as_layout(name):
    import re

    import nbformat

    nb = nbformat.read(reports.NOTEBOOKS / reports.get(name).notebook, as_version=4)
    ids = {s["id"] for s in templating.sections(name)}
    tagged = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        sets = re.findall(r"""^report\["([\w-]+)"\]\s*=""", cell.source, re.M)
        if cell.cell_type == "code" and sets:
            assert f"section:{sets[0]}" in tags, (name, cell.source[:60])
        if f'swlib.report("{name}"' in cell.source:
            assert "layout" in tags
        tagged += [t.removeprefix("section:") for t in tags if t.startswith("section:")]
    assert tagged and set(tagged) <= ids  # each tag names a section of the report's template


def test_the_national_overview_has_its_own_footer_and_the_others_name_the_audience():
    assert reports.get("national").footer == "Made only from figures the Improvement Service publishes (LGBF)."
    assert reports.get("quarterly").footer is None and reports.get("annual").footer is None


def test_what_a_public_report_withholds_follows_the_free_text_its_registry_entry_names(demo):
    from swlib.publishing import withheld

    assert reports.get("quarterly").free_text == ("actions",) and reports.get("annual").free_text == (
        "narrative",
        "workforce",
        "finance",
        "inspections",
    )
    annual = withheld(demo, "annual", "dundee-city", "2016-17")
    assert any(w["file"].endswith("complaints.md") for w in annual)  # the narrative, read for the annual report
    assert withheld(demo, "national", "scotland", "2019-20") == []  # published figures only


def test_what_a_run_says_beside_its_report_and_when_a_public_one_waits_are_the_registrys(monkeypatch):
    from dataclasses import replace

    from swlib.cli.reports import _says_returns

    said = {name: [a for a in config.AUDIENCES if _says_returns(name, a)] for name in reports.NAMES}
    assert said == {"quarterly": ["internal"], "annual": ["internal", "public"], "national": []}
    assert [r.name for r in reports.REPORTS.values() if r.from_year_return] == ["annual"]
    assert [r.name for r in reports.REPORTS.values() if r.prints_service] == ["quarterly"]
    # a fourth report is one entry: what its runs say follows it
    monkeypatch.setitem(reports.REPORTS, "weekly", replace(reports.get("quarterly"), name="weekly", says_returns=()))
    assert not _says_returns("weekly", "internal")
