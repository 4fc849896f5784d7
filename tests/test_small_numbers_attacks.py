"""Free text an attacker got into public reports after the paragraph rule and the idioms (issue 21):
each sentence as a narrative paragraph and as a comment, and through `check-public --strict`, as an
officer meets it before publishing."""

import pytest

from swlib.disclosure import public_narrative
from swlib.small_numbers import small_numbers_in

# what was published word for word, and the count it gives away
ATTACKS = [
    ("Screening rate: 19/21.", 2),
    ("Rate: 19/21, as planned.", 2),
]


@pytest.mark.parametrize("text,n", ATTACKS)
def test_each_published_attack_is_found(text, n):
    assert small_numbers_in(text), text


@pytest.mark.parametrize("text,n", ATTACKS)
def test_each_attack_is_withheld_from_a_public_narrative(text, n):
    md = f"Justice social work met most of its timescale measures.\n\n{text}\n\nThe service continues.\n"
    out, withheld = public_narrative(md)
    assert [line for line, _ in withheld] == [3], text
    assert text not in out and "example.org" not in out and "The service continues." in out


# the same words around figures that count no one, as the demo narratives write them
NOT_ATTACKS = [
    "In 2023/24 the service grew.",
]


@pytest.mark.parametrize("text", NOT_ATTACKS)
def test_the_same_forms_around_figures_that_count_no_one_are_left_alone(text):
    assert small_numbers_in(text) == [], text
