"""The one disclosure rule for a public figure (swlib.hidden): whether it is hidden, why, and the
words a public report says it in."""

import math

from swlib.hidden import (
    HIDDEN_WHY,
    figure_hidden,
    hidden_why,
    is_small,
    suppressed_columns,
    suppressed_words,
)

NAN = math.nan


def test_a_figure_is_hidden_where_it_its_complement_or_its_difference_from_an_earlier_one_is_small():
    assert hidden_why([(NAN, 115, 139, 1), (NAN, 118, 142, 2)], "percent", "sum", 1, 4) == "earlier"
    assert hidden_why([(NAN, 67, 70, 1)], "percent", "sum", 1, 4) == "complement"  # 3 did not
    assert hidden_why([(NAN, 3, 70, 1)], "percent", "sum", 1, 4) == "small"
    assert hidden_why([(NAN, 60, 70, 1)], "percent", "sum", 1, 4) is None
    assert hidden_why([(41, NAN, NAN, 1), (44, NAN, NAN, 2)], "count", "latest", 1, 4) == "earlier"  # 3 left, net
    assert hidden_why([(0.7, NAN, NAN, 3)], "count", "mean", 1, 4) == "small"  # 0.7 a month over 3 months is 2
    assert hidden_why([(250.0, NAN, NAN, 1)], "currency", "sum", 1, 4) is None  # pounds are not people
    assert hidden_why([], "count", "sum", 1, 4) is None
    assert figure_hidden([(2, NAN, NAN, 1)], "count", "sum", 1, 4)
    assert not figure_hidden([(2, NAN, NAN, 1)], "count", "sum", 3, 4)  # a council's own range
    assert set(HIDDEN_WHY) == {"small", "complement", "earlier", "parts"}


def test_a_count_is_small_from_lo_to_hi_and_a_missing_one_is_not():
    assert is_small(1, 1, 4) and is_small(4, 1, 4) and not is_small(0, 1, 4) and not is_small(5, 1, 4)
    assert not is_small(NAN, 1, 4)


def test_a_public_report_gives_one_reason_whichever_side_is_small():
    row = {"suppressed": "to_date,last_year", "suppressed_why": "to_date:complement,last_year:earlier"}
    assert suppressed_columns(row) == {"to_date", "last_year"}
    why = "a number from 1 to 4 could otherwise be read or worked out from the published figures"
    assert suppressed_words(row, "to_date", 1, 4) == suppressed_words(row, "last_year", 1, 4) == why
    assert suppressed_words(row, "target", 1, 4) is None
    assert suppressed_columns({"suppressed": None}) == set() and suppressed_words({}, "to_date", 1, 4) is None


def test_the_words_for_a_hidden_figure_name_the_councils_own_small_numbers():
    """A council that hides 1 to 9 is not told to its readers as hiding 1 to 4 (the footnote, the
    note under a table with [c], and each sentence said "1 to 4" whatever suppress_max was)."""
    from swlib.base import footnote
    from swlib.hidden import c_note, public_why

    row = {"suppressed": "to_date", "suppressed_why": "to_date:small"}
    assert suppressed_words(row, "to_date", 1, 9) == public_why(1, 9)
    assert public_why(1, 9).startswith("a number from 1 to 9 could otherwise be read")
    assert "1 to 4" not in c_note(1, 9) and "a number from 1 to 9" in c_note(1, 9)
    assert "from 1 to 9" in footnote(1, 9) and "1 to 4" not in footnote(1, 9)
    assert "(for instance, 65 of 70 would tell that 5 did not)" in footnote(5, 9)  # its example is a number it hides
    assert "is 3, and also where the number 3 could be" in footnote(3, 3)
    # an example, not a fact: D&G printed "118 of 142", the figures the example once used (COMMITTEE-12 #1)
    assert "118 of 142" not in footnote() and "would tell that 3 of 3 came in between" in footnote()


def test_the_note_under_a_table_with_c_says_why_a_large_figure_is_hidden_too():
    """COMMITTEE-9 #6: public D&G printed [c] for 2,376 of 3,681 and its FOI compliance under a
    note that said only "a number from 1 to 4": why a large figure is hidden was said only in
    "About suppressed figures", pages later. The note says it where the [c] is, the same in every
    table (it does not tell which [c] is large)."""
    from swlib.hidden import c_note

    assert c_note(1, 4) == (
        "Figure suppressed to protect confidentiality: a number from 1 to 4 could otherwise be read from it, or "
        "worked out from it by subtraction, so a large figure can be [c] too."
    )


def test_a_count_is_tested_as_printed_at_its_decimals_not_as_stored():
    # ATTACK-9 #6: 4.4 and 4.33 print as "4", 0.6 as "1": a reader sees a count of 1 to 4
    assert hidden_why([(4.4, NAN, NAN, 1)], "number", "latest", 1, 4, decimals=0) == "small"
    assert hidden_why([(0.6, NAN, NAN, 1)], "count", "sum", 1, 4, decimals=0) == "small"
    assert hidden_why([(4.4, NAN, NAN, 1)], "number", "latest", 1, 4, decimals=1) is None  # "4.4": more than 4
    assert hidden_why([(0.4, NAN, NAN, 1)], "count", "sum", 1, 4, decimals=0) is None  # "0"
    # an average of month-end counts (4, 5, 4) prints "4": small, though its months add up to 13
    assert hidden_why([(13 / 3, NAN, NAN, 3)], "count", "mean", 1, 4, decimals=0) == "small"
    assert hidden_why([(13 / 3, NAN, NAN, 3)], "count", "mean", 1, 4, decimals=1) is None  # "4.3"
    # a difference as printed: Q1 10.4 prints 10, Q2 14.45 prints 14: 4 more, though 4.05 stored
    assert hidden_why([(10.4, NAN, NAN, 1), (14.45, NAN, NAN, 2)], "number", "sum", 1, 4, decimals=0) == "earlier"
    # a complement as printed: "41 of 45" from 40.6 of 45.4 stored (4.8 apart)
    assert hidden_why([(NAN, 40.6, 45.4, 1)], "percent", "sum", 1, 4) == "complement"
    assert figure_hidden([(4.4, NAN, NAN, 1)], "number", "latest", 1, 4, 0)
    assert not figure_hidden([(4.4, NAN, NAN, 1)], "number", "latest", 1, 4)  # as stored only
    assert hidden_why([(10.0, NAN, NAN, 1), (15.0, NAN, NAN, 2)], "number", "sum", 1, 4, decimals=0) is None
