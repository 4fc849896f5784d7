"""A change said as a multiple with no figure ("doubled", "halved", "trebled"): what it gives away
beside the figures of the measure it is said of (swlib.multiples, issue 21)."""

import pytest

from swlib.multiples import multiple_hits, multiples_in
from swlib.sentence_counts import shares_of_figures


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


# issue 21, ATTACK-9 #8: a share said without its figure, of a count the report prints beside it ---------------


@pytest.mark.parametrize(
    "text, figures",
    [("8.8% of this year's incidents led to hospital treatment.", [30, 19, 26, 34]),  # 3 of 34
     ("10% of this year's Child Protection Orders were for babies under six weeks.", [20, 19, 24, 30]),  # 3 of 30
     ("A tenth of this year's Child Protection Orders were for babies under six weeks.", [20, 19, 24, 30]),
     ("Up from 24 last year; one in ten of this year's orders was for a baby.", [20, 19, 24, 30]),
     ("Emergency detentions in hospital this year: 9.1% were of people under 18.", [35, 48, 42, 44]),  # 4 of 44
     ("91.2% of incidents caused no injury.", [34]),  # the rest: 3
     ("Five in ten of the incidents involved a young person.", [8])],  # 4 of 8
)  # fmt: skip
def test_a_share_of_a_measures_printed_count_gives_the_part_away(text, figures):
    assert multiple_hits(text, figures) == [text.rstrip(".")]


@pytest.mark.parametrize(
    "text, figures",
    [("8.8% of this year's incidents led to hospital treatment.", [340]),  # 30: not small
     ("Against a target of 95%, complaints were answered within 20 working days.", [40]),
     ("95% target for complaints answered in time.", [40]),
     ("Over 90% of staff completed their training.", [30]),  # qualified: no figure pinned down
     ("The re-referral rate was 8.8%.", [34]),  # of a rate
     ("The average wait fell to 9.1% above the national figure.", [44]),
     ("Half of the incidents were in the first quarter.", [30]),  # 15: not small
     ("Last year's 30 was 88.2% of this year's.", [30, 34]),  # a printed figure as a share of another
     ("Visits took place within 5 days in 85% of cases, by 31 March 2024.", [120])],
)  # fmt: skip
def test_a_share_of_a_rate_a_change_a_target_or_a_large_count_is_not_flagged(text, figures):
    assert multiple_hits(text, figures) == []


def test_a_change_by_a_percentage_is_no_share_of_the_figure():
    # "rose by 10%" beside 30 is a multiple (3 more: flagged as one), not 10% of the 30
    assert shares_of_figures("Incidents rose by 10% on last year.", [30]) == []
    assert shares_of_figures("A 10% increase in incidents.", [40]) == []
    assert shares_of_figures("Incidents were 10% higher than last year.", [40]) == []


def test_a_share_is_set_against_a_measures_counts_only_when_asked():
    # a percentage row's comment ("78% of reviews were on time") is of its own rate, not of a count
    assert multiple_hits("10% of reviews were late.", [30], shares=False) == []


def _public(text: str) -> str:
    """A narrative paragraph as a public report prints it: word for word, or the note in its place."""
    from swlib.public_text import public_narrative

    return public_narrative(text)[0]


@pytest.mark.parametrize(
    "said, kept",
    [("Secure placements rose by 300% to 12.", "Secure placements rose by 300% to 400."),  # from 3; from 100
     ("Secure placements went up 200% to 9 this year.", "Secure placements went up 200% to 900 this year."),
     ("Placements were 12, a 300% increase on last year.", "Placements were 400, a 300% increase on last year."),
     ("Referrals rose 7.5% to 43.", "Referrals rose 7.5% to 430.")],  # from 40: 3, as before
)  # fmt: skip
def test_a_change_above_100_percent_to_a_small_base_is_withheld_in_a_public_report(said, kept):
    # ATTACK-9 / brief 6: "rose by 300% to 12" is from 3 (3 placements last year); changes above 100% were not read
    assert said not in _public(said)
    assert _public(kept) == kept


def test_a_change_by_a_percentage_is_read_one_way_with_its_figure_said_or_printed_beside_it():
    from swlib.number_words import changed_figures
    from swlib.public_text import public_row_text

    assert changed_figures(300, 0, 12, up=True) == [(3, 12)]  # the figure after it: from 3
    assert changed_figures(300, 0, 3, up=True, now=False) == [(3, 12)]  # the figure before it: to 12
    assert changed_figures(7.5, 1, 43, up=True) == [(40, 43)]
    assert changed_figures(7, 0, 40, up=False) == [(43, 40)]
    assert changed_figures(100, 0, 40, up=False) == []  # no fall of 100% or more to a figure
    # a comment "rose by 300%" with no figure, on a row printing 12 (from 3), and the same on a row printing 400
    row = {
        "unit": "count",
        "to_date": 12.0,
        "comment": "Placements rose by 300% this year.",
        "title": "Secure placements",
        "theme": "Safety",
        "outcome": "Children are safe",
    }
    assert public_row_text(row, {}, [])[1]
    assert not public_row_text({**row, "to_date": 400.0}, {}, [])[1]
    assert multiple_hits("Placements rose by 300%.", [12]) and not multiple_hits("Placements rose by 300%.", [400])
