"""A change said as a multiple with no figure ("doubled", "halved", "trebled"): what it gives away
beside the figures of the measure it is said of (swlib.multiples, issue 21)."""

import pytest

from swlib.multiples import multiple_hits, multiples_in


@pytest.mark.parametrize(
    "text, factor",
    [("Secure placements doubled this year.", 2), ("Re-registrations halved.", 0.5),
     ("Secure placements trebled compared with last year.", 3), ("Placements halved from last year's figure.", 0.5)],
)  # fmt: skip
def test_a_multiple_without_its_figure_is_found(text, factor):
    assert [f for _, f in multiples_in(text)] == [factor]


@pytest.mark.parametrize(
    "text",
    ["Placements doubled to 8.", "Placements halved from 8.", "The rate doubled.", "The percentage seen halved.",
     "Referrals more than doubled.", "Placements almost halved."],
)  # fmt: skip
def test_a_multiple_with_its_figure_qualified_or_of_no_count_is_not_this_modules(text):
    # with its figure: count_forms finds it ("doubled to 8": 4); qualified or of a rate: no figure pinned down
    assert not multiples_in(text)


def test_a_multiple_gives_a_count_away_where_a_figure_before_or_now_or_the_change_is_small():
    said = "Secure placements doubled this year."
    assert multiple_hits(said, [6])  # 6 now: 3 before, 3 more
    assert multiple_hits(said, [3])  # itself small
    assert multiple_hits(said, [8])  # 8 now: 4 before
    assert not multiple_hits(said, [400, 800])  # 400 before, 800 now: nothing small
    assert not multiple_hits(said, [])  # no figure of the measure known: nothing derived
    assert multiple_hits(said, [400], hidden=True)  # a figure of it printed [c]: tied to the one beside it
    assert multiple_hits("Placements halved.", [8])  # 8 before: 4 now, 4 fewer
    assert not multiple_hits("Placements halved.", [30])
    assert multiple_hits("Placements trebled.", [6])  # 6 now: 2 before, 4 more


@pytest.mark.parametrize(
    "text, factor",
    [("Secure placements rose by 200% this year.", 3), ("Secure placements rose 200 per cent.", 3),
     ("Referrals fell by 25%.", 0.75), ("Placements increased threefold.", 3), ("A 3-fold rise in placements.", 3),
     ("There were three times as many secure placements as last year.", 3),
     ("There were twice as many placements as last year.", 2), ("A 50% increase in placements.", 1.5)],
)  # fmt: skip
def test_a_change_by_a_percentage_or_a_number_of_times_without_its_figure_is_a_multiple(text, factor):
    # the attacker's "rose by 200%" beside 2 last year: 6 now, 4 more
    assert [round(f, 6) for _, f in multiples_in(text)] == [factor]


@pytest.mark.parametrize(
    "text", ["The rate rose by 200%.", "Placements rose by about 50%.", "Placements rose by 50% to 9.",
             "Staff costs were 3 times the budget."],
)  # fmt: skip
def test_a_percentage_change_of_a_rate_qualified_or_with_its_figure_is_not_this_modules(text):
    assert not multiples_in(text)


def test_a_percentage_change_gives_a_count_away_as_it_prints_rounded():
    assert multiple_hits("Secure placements rose by 200% this year.", [2])  # 2 before: 6 now, 4 more
    assert multiple_hits("Secure placements rose by 200% this year.", [9])  # 9 now: 3 before
    assert multiple_hits("Secure placements rose by 8%.", [43])  # 40 to 43 is 7.5%, printed 8%: 3 more
    assert not multiple_hits("Secure placements rose by 8%.", [430])  # 400 to 430: 30 more
    assert multiple_hits("Referrals fell by 25%.", [12])  # 12 before: 9 now, 3 fewer
    assert not multiple_hits("Referrals fell by 25%.", [400])
    assert multiple_hits("There were three times as many placements as last year.", [6])  # 2 before
