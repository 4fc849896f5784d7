"""Narrative files and folders no report reads, named with what was probably meant
(swlib.narrative_names), as validate and a batch of annual reports warn of them."""

from click.testing import CliRunner

from swlib.cli import main
from swlib.narrative_names import misnamed
from tests.conftest import make_data


def write(folder, *names):
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The CSWO's words.")


def test_a_misnamed_section_year_or_council_is_named_with_what_the_report_reads(tmp_path):
    # ANALYST-5 #11: challenges.md in 2025-2026, Finance.md and complaint.md were dropped without a word
    data = make_data(tmp_path / "data", [{}], [])
    n = data / "narrative"
    write(n, "README.md", "alpha/2025-26/summary.md", "alpha/2025-26/Finance.md", "alpha/2025-26/complaint.md",
          "alpha/2025-26/workforce.docx", "alpha/2025-2026/challenges.md", "alpha/summary.md", "Alpha/2025-26/x.md",
          "alpha/2025-26/notes.md")  # fmt: skip
    said = {p.file: (p.found, p.expected) for p in misnamed(data, ["alpha", "beta"])}
    guide = " (docs/guide.md, '4. Write the narrative')"
    section = "one file a section, named as the report reads it"
    expected = {
        "data/narrative/alpha/2025-26/Finance.md": f"{section} (did you mean 'finance.md'?){guide}",
        "data/narrative/alpha/2025-26/complaint.md": f"{section} (did you mean 'complaints.md'?){guide}",
        "data/narrative/alpha/2025-26/workforce.docx": f"{section} (did you mean 'workforce.md'?){guide}",
        "data/narrative/alpha/2025-2026": f"the financial year as the report's period names it (did you mean "
        f"'2025-26'?){guide}",
        "data/narrative/alpha/summary.md": "it in the folder of the year it is for: narrative/alpha/<year>/summary.md, "
        f"e.g. narrative/alpha/2025-26/{guide}",
    }
    for file, words in expected.items():
        assert said[file][1] == words, file
    assert said["data/narrative/Alpha"][1].startswith("a council's id as the folder's name (did you mean 'alpha'?)")
    assert said["data/narrative/alpha/2025-26/notes.md"] == (
        "a file 'notes.md', which no report reads",
        f"{section}: summary.md, governance.md, landscape.md, partnership.md, involvement.md, commissioned.md, "
        f"improvement.md, finance.md, performance.md, complaints.md, workforce.md, inspections.md, challenges.md{guide}",
    )
    assert len(said) == 7  # README.md and summary.md are read (or meant for people), not named


def test_validate_warns_of_narrative_no_report_reads_and_strict_fails_on_it(tmp_path):
    data = make_data(tmp_path / "data", [{}], [])
    write(data / "narrative", "alpha/2025-26/Finance.md")
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert (
        "data/narrative/alpha/2025-26/Finance.md: found a file 'Finance.md', which no report reads; expected one file "
        "a section, named as the report reads it (did you mean 'finance.md'?)" in r.output
    )
    assert "OK, with 2 warnings" in r.output  # and the one of a catalogue with no statutory measure
    assert CliRunner().invoke(main, ["validate", "--strict", "--data", str(data)]).exit_code == 2
    (data / "narrative" / "alpha" / "2025-26" / "Finance.md").rename(data / "narrative" / "alpha" / "2025-26" / "f.md")
    (data / "narrative" / "alpha" / "2025-26" / "f.md").rename(data / "narrative" / "alpha" / "2025-26" / "finance.md")
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert "narrative" not in r.output and "OK, with 1 warning" in r.output, r.output


def test_a_batch_of_annual_reports_names_the_narrative_it_will_not_read_before_it_starts(tmp_path):
    data = make_data(
        tmp_path / "data", [{"frequency": "annual"}], [{"measure": "m0", "period": "2020-21", "value": "5"}]
    )
    write(data / "narrative", "alpha/2020-2021/summary.md")
    r = CliRunner().invoke(main, ["batch", "annual", "--period", "2020-21", "--councils", "alpha", "--data", str(data),
                                  "--out", str(tmp_path / "o"), "--dry-run"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "  warning: data/narrative/alpha/2020-2021: found a folder '2020-2021', which no report reads" in r.output
