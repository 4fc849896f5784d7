"""Page 1's issue date and report owner (COMMITTEE-4, finding 6): the only date was the foot of
the last page, and no page said who the report is by."""

from swlib.views import issue_view, national_issue_view
from swlib.views.issue import issue_date


def test_the_issue_date_is_the_day_the_report_is_made(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the batch's reproducible runs
    assert issue_date() == "14 November 2023"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1696118400")
    assert issue_date() == "1 October 2023"  # no leading zero


def test_the_owner_is_a_council_setting_with_a_default(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "councils.yaml").write_text("councils:\n  alpha:\n    owner: Head of Children's Services\n")
    monkeypatch.setenv("SWREPORT_PARAMS", str(tmp_path))
    assert issue_view("alpha") == {"date": "14 November 2023", "owner": "Head of Children's Services"}
    assert issue_view("beta")["owner"] == "Chief Social Work Officer"


def test_the_national_overview_names_the_publisher_of_its_figures_not_an_owner(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert national_issue_view() == {"date": "14 November 2023", "publisher": "Improvement Service"}


def test_page_one_prints_the_issue_line_under_the_title():
    from bs4 import BeautifulSoup

    from tests.reports import rendered

    for name in ("quarterly-dg", "annual"):
        page = BeautifulSoup(rendered(name).read_text(), "html.parser")
        line = page.select_one("h1#title").find_next_sibling("p", class_="issue-line")
        assert line.get_text() == "Issued 14 November 2023 · Report owner: Chief Social Work Officer", name
    page = BeautifulSoup(rendered("national").read_text(), "html.parser")
    line = page.select_one("h1#title").find_next_sibling("p", class_="issue-line")
    assert line.get_text() == "Issued 14 November 2023 · Figures published by: Improvement Service"
