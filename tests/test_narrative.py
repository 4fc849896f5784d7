"""Free text made safe: comments and the CSWO's narrative markdown."""

from __future__ import annotations

import pytest

from swlib import narrative
from swlib.schema import NARRATIVE_SECTIONS, narrative_dir


def test_sanitising_keeps_basic_formatting_and_drops_scripts_handlers_and_unsafe_links():
    html = str(
        narrative.sanitise(
            '<p onclick="x()" style="color:red">Seen <strong>today</strong> <a href="javascript:alert(1)">x</a> '
            '<a href="https://www.gov.scot/">gov</a></p><script>alert(1)</script><iframe src="https://e.x"></iframe>'
        )
    )
    assert "<strong>today</strong>" in html and 'href="https://www.gov.scot/"' in html
    for bad in ("onclick", "style=", "javascript:", "<script", "alert(1)</script>", "<iframe"):
        assert bad not in html, bad


def test_markdown_headings_drop_two_levels_below_the_reports_own():
    html = str(narrative.markdown_html("# Our year\n\nWe did **well**.\n\n## Next\n\n- one\n- two\n"))
    assert "<h3>Our year</h3>" in html and "<h4>Next</h4>" in html
    assert "<p>We did <strong>well</strong>.</p>" in html and "<li>one</li>" in html


def test_a_plain_comment_is_escaped_with_its_lines_kept_and_html_from_council_systems_is_sanitised():
    assert (
        str(narrative.comment_html("Waiting list < 10 & falling\nSee Q3"))
        == "Waiting list &lt; 10 &amp; falling<br>See Q3"
    )
    assert (
        str(narrative.comment_html("<ul><li>one</li><li onclick=x>two</li></ul>"))
        == "<ul><li>one</li><li>two</li></ul>"
    )
    assert str(narrative.comment_html(None)) == "" and str(narrative.comment_html(float("nan"))) == ""


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    (folder / "narrative" / "alpha" / "2020-21").mkdir(parents=True)
    return folder


def write(data, name, raw: bytes):
    (data / "narrative" / "alpha" / "2020-21" / f"{name}.md").write_bytes(raw)


def test_a_section_is_read_from_the_narrative_folder_beside_the_data(data):
    assert narrative_dir(data) == data / "narrative"
    (data.parent / "data.xlsx").write_bytes(b"")
    assert narrative_dir(data.parent / "data.xlsx") == data.parent / "narrative"  # beside a workbook too
    assert "summary" in NARRATIVE_SECTIONS and narrative.SECTIONS == NARRATIVE_SECTIONS
    write(data, "summary", b"A year of change.\n")
    assert str(narrative.section(data, "alpha", "2020-21", "summary")).strip() == "<p>A year of change.</p>"
    assert narrative.section(data, "alpha", "2020-21", "finance") is None  # no file
    assert narrative.section(data, "beta", "2020-21", "summary") is None  # no folder
    write(data, "finance", b"  \n\n")
    assert narrative.section(data, "alpha", "2020-21", "finance") is None  # blank


def test_a_file_saved_by_an_older_editor_in_windows_1252_is_read(data):
    write(data, "summary", "Budget £2.1m – on target".encode("cp1252"))
    assert str(narrative.section(data, "alpha", "2020-21", "summary")).strip() == "<p>Budget £2.1m – on target</p>"


def test_the_public_version_withholds_a_paragraph_with_a_small_number_unless_cleared(data):
    write(data, "complaints", b"---\ncleared:\n  - \"two secure units\"\n---\nThree complaints went to stage 2.\n\n"
                              b"Our two secure units were inspected.\n\nAll were resolved.\n")  # fmt: skip
    internal = str(narrative.section(data, "alpha", "2020-21", "complaints"))
    assert "Three complaints" in internal and "cleared" not in internal  # the front matter is for officers
    public = str(narrative.section(data, "alpha", "2020-21", "complaints", audience="public"))
    assert "Three complaints" not in public and "withheld" in public
    assert "two secure units" in public and "All were resolved." in public


def test_a_missing_section_is_written_where_the_data_set_in_use_keeps_its_narrative(tmp_path):
    folder, book = tmp_path / "council-data", tmp_path / "returns.xlsx"
    folder.mkdir()
    book.write_bytes(b"")
    assert (
        narrative.section_file(folder, "alpha", "2023-24", "finance")
        == "council-data/narrative/alpha/2023-24/finance.md"
    )
    assert (
        narrative.section_file(book, "alpha", "2023-24", "finance")
        == "narrative/alpha/2023-24/finance.md beside returns.xlsx"
    )


def test_the_guide_names_every_narrative_section_the_annual_report_reads_in_its_order():
    import re

    from swlib.narrative import SECTIONS
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    part = guide.split("## 4. Write the narrative")[1].split("\n## ")[0]
    assert f"reads these {len(SECTIONS)}" in part
    assert re.findall(r"^\| `([a-z]+)\.md` \|", part, flags=re.M) == list(SECTIONS)
    line = next(x for x in (ROOT / "data" / "README.md").read_text().splitlines() if "narrative/<council>" in x)
    assert re.findall(r"`([a-z]+)`", line) == list(SECTIONS)  # the data folder's README lists them too


def test_the_guide_shows_how_each_kind_of_period_is_written_where_periods_are_explained():
    from swlib import Period
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    periods = guide.split("**Periods** are written as")[1].split("\n\n")[0]
    assert guide.index("**Periods** are written as") < guide.index("Observations are for the period they name")
    for text, kind in (("2024-25", "year"), ("2024-25-Q2", "quarter"), ("2024-25-H1", "half"), ("2024-05", "month")):
        assert f"`{text}`" in periods and Period.parse(text).kind == kind
