"""The data set (swlib.dataset): a council's own rows of it."""


def test_a_councils_data_set_has_its_own_rows_and_the_shared_ones(demo):
    mine = demo.for_council("dundee-city")
    assert set(mine.observations["council"]) == {"dundee-city"}
    assert mine.measures["council"].isna().sum() == demo.measures["council"].isna().sum()  # the shared catalogue
    assert set(mine.measures["council"].dropna()) <= {"dundee-city"}
    assert len(mine.councils) == len(demo.councils)  # every council: names for benchmarking
    assert mine.council_name("dundee-city") == demo.council_name("dundee-city")
