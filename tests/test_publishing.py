"""What a public report leaves out, listed before and after it is published (swlib.publishing)."""

from swlib.publishing import check_public, where
from tests.conftest import make_data


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


def test_check_public_lists_a_comment_that_mentions_a_small_number_by_file_and_row(data_dir):
    import swlib

    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "40", "denominator": "56",
            "comment": "Two children moved out of the area."}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"target": "50"}], obs))
    (f,) = check_public(ds, "alpha", "2020-21-Q1")
    assert (f["file"], f["row"], f["column"], f["cleared"]) == ("observations.csv", 2, "comment", False)
    assert "Two children" in f["text"]
