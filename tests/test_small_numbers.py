"""Small numbers in free text (swlib.small_numbers)."""

from swlib.small_numbers import small_numbers_in


def test_counts_of_people_from_one_to_four_are_found_in_figures_and_words():
    assert small_numbers_in("Two children were placed out of area.")
    assert small_numbers_in("3 complaints were upheld")
    assert small_numbers_in("19 of 21 reviews were on time")  # 2 is the difference


def test_numbers_that_count_no_one_are_left_alone():
    assert small_numbers_in("In 2021 the service spent £3 million") == []
    assert small_numbers_in("Performance rose to 4% in quarter 2") == []
    assert small_numbers_in("37 children were seen within the week") == []


def test_the_range_is_the_councils_own():
    assert small_numbers_in("6 children were placed", 1, 4) == []
    assert small_numbers_in("6 children were placed", 1, 9)
