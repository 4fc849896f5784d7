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


def _quoted_pieces(body: str) -> list[str]:
    """The runs of a quoted narrative's words to find in its source: each sentence or clause of the
    text outside square brackets (the editor's words), list markers and the closing stop left out."""
    import re

    body = re.sub(r"(?m)^- ", "", body)
    pieces = []
    for fragment in re.split(r"\[[^\]]*\]", body):
        for s in re.split(r"(?<=[.:;])\s+", " ".join(fragment.split())):
            if len((s := s.strip(" .:;,")).split()) >= 3:
                pieces.append(s)
    return pieces


def test_a_narrative_that_says_it_is_from_the_councils_report_quotes_it_word_for_word():
    # the figures too: "£1.032m", as the report prints it, not "£1.0 million"; the editor's words, such
    # as "[The table below]" in place of the report's "Appendix 1", in square brackets and said so
    import re

    from tests.conftest import ROOT

    source = (ROOT / "tests" / "data" / "dundee-cswo-2016-17-quoted.txt").read_text(encoding="utf-8")
    source = " ".join(line for line in source.split("\n") if not line.startswith("#")).replace("✓", "")
    source = " ".join(source.split())
    files = sorted((ROOT / "data" / "narrative" / "dundee-city" / "2016-17").glob("*.md"))
    assert len(files) == 13
    for f in files:
        head, body = f.read_text(encoding="utf-8").split("\n", 1)
        assert re.fullmatch(r"\*From Dundee City Council's Chief Social Work Officer Annual Report 2016/17"
                            r"( \(extracts\)|; words in square brackets are ours)?\.\*", head), f.name  # fmt: skip
        assert ("[" in body) == head.endswith("ours.*"), f.name
        for piece in _quoted_pieces(body):
            assert piece in source, (f.name, piece)


def test_figures_a_narrative_takes_from_the_resource_plan_are_the_plans_and_the_budget_tables():
    import pandas as pd

    from tests.conftest import ROOT

    text = (ROOT / "data" / "narrative" / "south-lanarkshire" / "2021-22" / "finance.md").read_text(encoding="utf-8")
    assert "(figures from the Resource Plan)" in text
    f = pd.read_csv(ROOT / "data" / "finance.csv")
    f = f[(f["council"] == "south-lanarkshire") & (f["period"] == "2021-22")]
    budget, capital = (f.loc[f["kind"] == k, "amount"].sum() / 1e6 for k in ("budget", "capital"))
    # the plan: "a Net Revenue Budget of £175.763 million", "capital budget of £6.839m"
    assert (budget, capital) == (175.763, 6.839)
    assert "budget for 2021-22 was £175.763 million, with a capital programme of £6.839 million" in text


def test_a_public_reports_sections_work_out_its_printed_figures_once(monkeypatch):
    from tests.conftest import ROOT

    calls = []
    real = narrative.printed_series
    monkeypatch.setattr(narrative, "printed_series", lambda *a, **k: calls.append(a) or real(*a, **k))
    args = (ROOT / "data", "dundee-city", "2016-17")
    both = narrative.sections_of(*args, "public")
    assert len(calls) == 1 and list(both) == list(narrative.SECTIONS)
    assert both == {name: narrative.section(*args, name, "public") for name in narrative.SECTIONS}  # as one by one
    assert "withheld from the public version" in str(both["complaints"])  # Dundee's "Two of them progressed"
