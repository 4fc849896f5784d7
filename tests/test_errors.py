"""The errors' own words: the line a list of problems is introduced by."""

from swlib.errors import DataError, Problem


def test_the_headline_counts_problems_as_every_other_count_is_written():
    many = DataError([Problem("observations.csv", i, "value", "'x'", "a number") for i in range(2, 1202)],
                     where="the data at ./data")  # fmt: skip
    assert many.headline() == "the data has 1,200 problems (the data at ./data)"
    one = DataError(Problem("r.xlsx [sheet observations]", 4, "value", "'x'", "a number"), subject="the return r.xlsx")
    assert one.headline() == "the return r.xlsx has 1 problem"
