"""A finding's place as an analyst looks for it (swlib.findings)."""

from swlib.findings import shown_path, where


def test_a_finding_is_placed_as_an_analyst_looks_for_it():
    assert where({"file": "observations.csv", "row": 12, "column": "comment"}) == (
        "observations.csv, row 12, column 'comment'"
    )
    assert where({"file": "narrative/x/2020-21/complaints.md", "row": 3, "column": None}) == (
        "narrative/x/2020-21/complaints.md, line 3"
    )
    assert where({"file": "data.xlsx [sheet observations]", "row": 5, "cell": "H5"}) == (
        "data.xlsx [sheet observations], cell H5"
    )


def test_a_file_inside_the_working_folder_is_named_from_it_and_one_outside_in_full(tmp_path, monkeypatch):
    # check-public and the run name a narrative file so that the analyst can open it from where they ran swreport
    f = tmp_path / "data" / "narrative" / "alpha" / "2020-21" / "complaints.md"
    monkeypatch.chdir(tmp_path)
    assert shown_path(f) == "data/narrative/alpha/2020-21/complaints.md"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert shown_path(f) == str(f)
