"""Free text an attacker got into public reports after the paragraph rule and the idioms (issue 21):
each sentence as a narrative paragraph and as a comment, and through `check-public --strict`, as an
officer meets it before publishing."""

import pytest
from click.testing import CliRunner

from swlib.cli import main
from swlib.disclosure import public_narrative
from swlib.small_numbers import small_numbers_in

# what was published word for word, and the count it gives away
ATTACKS = [
    ("Of the 42 looked after children placed out of area, 9.5% were in secure care.", 4),
    ("Of the 92 complaints this year, 3.3% were escalated to Stage 2.", 3),
    ("The service had 42 looked after children placed out of area.\n9.5% were in secure care.", 4),
    ("Registrations increased 7.3% from 41 last year.", 3),
    ("The register has 44 children on it, up from last quarter's 41.", 3),
    ("Screening rate: 19/21.", 2),
    ("Secure placements: nil in Q1, one in Q2.", 1),
    ("None were placed in Q1, two in Q2.", 2),
    ("Secure placements numbered a trio this year.", 3),
    ("No complaint was upheld bar one.", 1),
    ("Secure placements numbered a trio this year, and no complaint was upheld bar one.", 3),
    ("All staff were trained but one.", 1),
    ("All the young people were seen except two.", 2),
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
    "No complaint was upheld.",
    "Nil returns were made for Q1.",
    "We reviewed the one in May.",
    "Of the 1,200 staff, 45% work in adult services.",
    "Spending rose 3.1% from £41 million last year.",
    "18 young people placed out of area, down from 27 (a reduction of 9, 33%).",
    ("Of the 42 looked after children placed out of area, 9.5% were in secure care.", 4),
    ("Of the 92 complaints this year, 3.3% were escalated to Stage 2.", 3),
    ("The service had 42 looked after children placed out of area.\n9.5% were in secure care.", 4),
    ("Registrations increased 7.3% from 41 last year.", 3),
    ("The register has 44 children on it, up from last quarter's 41.", 3),
    "In 2023/24 the service grew.",
]


@pytest.mark.parametrize("text", NOT_ATTACKS)
def test_the_same_forms_around_figures_that_count_no_one_are_left_alone(text):
    assert small_numbers_in(text) == [], text


def _data(tmp_path, text):
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{}], [{"measure": "m0", "period": "2021-22-Q1", "numerator": "90",
                                          "denominator": "100"}])  # fmt: skip
    f = d / "narrative" / "alpha" / "2021-22" / "performance.md"
    f.parent.mkdir(parents=True)
    f.write_text(f"The service continues.\n\n{text}\n")
    return d


@pytest.mark.parametrize(
    "text",
    [
        "Registrations increased 7.3% from 41 last year.",
        "Of the 42 looked after children placed out of area, 9.5% were in secure care.",
        "Screening rate: 19/21.",
    ],
)
def test_check_public_strict_exits_2_naming_the_narrative_file_line_and_text(tmp_path, text):
    d = _data(tmp_path, text)
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert "narrative/alpha/2021-22/performance.md, line 3" in r.output and "Traceback" not in r.output
    assert "withheld from public reports until reworded or cleared" in r.output
