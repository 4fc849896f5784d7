"""Numbers as a reader expects to see them, in every unit, at each measure's decimals."""

from __future__ import annotations

import math

import pytest

from swlib.formatting import counts_behind, fmt_money, fmt_value, slug, status_text, trend_text


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (92.06, "percent", 1, "92.1%"),
        (74.95, "percent", 1, "75.0%"),  # half up, as people round (the float is 74.9499...)
        (0.5, "percent", 0, "1%"),
        (2.5, "count", 0, "3"),
        (1078, "count", 0, "1,078"),
        (75400, "currency", 0, "£75,400"),
        (-1234.5, "currency", 0, "-£1,235"),
        (9.44, "days", 1, "9.4 days"),
        (1, "days", 0, "1 days"),
        (12.345, "hours", 2, "12.35 hours"),
        (3.14159, "ratio", 2, "3.14"),
        (104.55, "rate", 1, "104.6"),
        (1234567.891, "number", 2, "1,234,567.89"),
        (0, "percent", 1, "0.0%"),
    ],
)  # fmt: skip
def test_each_unit_at_its_decimals(value, unit, decimals, expected):
    assert fmt_value(value, unit, decimals) == expected


def test_half_up_is_on_the_decimal_value_not_the_floats_residue():
    # ANALYST-8 #3: a mean cost of £29.95 and £30.40 printed £30.17 (the float is 30.174999...),
    # beside £28.28 for 28.275; a member's calculator says £30.18, £28.28 and £28.93
    from swlib.base import round_half_up

    assert fmt_value((29.95 + 30.40) / 2, "currency", 2) == "£30.18"
    assert fmt_value((28.10 + 28.45) / 2, "currency", 2) == "£28.28"
    assert fmt_value((28.10 + 28.45 + 29.30 + 29.85) / 4, "currency", 2) == "£28.93"
    assert str(round_half_up((29.95 + 30.40) / 2, 2)) == "30.18" and str(round_half_up(0.1 + 0.2, 1)) == "0.3"
    assert str(round_half_up(30.1749, 2)) == "30.17"  # below the half: down, as before


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
def test_a_missing_figure_is_a_dash(missing):
    assert fmt_value(missing, "percent", 1) == "–"
    assert fmt_money(missing) == "–"


def test_a_suppressed_figure_is_the_gss_symbol_whatever_its_value():
    assert fmt_value(3, "count", 0, suppressed=True) == "[c]"
    assert fmt_value(None, "percent", 1, suppressed=True) == "[c]"


def test_money_in_pounds_or_millions():
    assert fmt_money(75400) == "£75,400"
    assert fmt_money(-75400.4) == "-£75,400"
    assert fmt_money(12_345_678, millions=True) == "£12.3 million"  # never "£12.346m"


def test_a_status_is_a_shape_and_a_word_never_colour_alone():
    assert status_text("Green") == "● Green"
    assert status_text("Red", "override") == "◆ Red (officer assessment)"
    assert status_text("Report later") == "… Report later"
    assert status_text("Suppressed") == "[c]"
    assert status_text("Something else") == "Something else"


def test_a_trend_is_an_arrow_and_words():
    assert trend_text("improving") == "↑ improving"
    assert trend_text("worsening") == "↓ worsening"
    assert trend_text("no change") == "→ no change"
    assert trend_text("no comparison") == "no comparison"


def test_the_counts_behind_a_percentage_as_councils_print_them():
    assert counts_behind(40, 56) == " (40 of 56)"
    assert counts_behind(1200, 1500) == " (1,200 of 1,500)"
    assert counts_behind(0, 0) == ""  # no cases: nothing to show
    assert counts_behind(math.nan, 56) == "" and counts_behind(40, None) == ""


def test_a_heading_id_is_lower_case_words_joined_by_hyphens():
    assert slug("Children & Families: Q2 (2021/22)") == "children-families-q2-2021-22"
    assert slug("!!!") == "section"
    assert len(slug("a" * 100)) == 60


def test_an_lgbf_cost_prints_pence_an_hour_and_whole_pounds_a_week_for_every_figure_of_it():
    from swlib.formatting import lgbf_decimals

    assert lgbf_decimals("currency", 27.246) == 2  # SW1: £27.25 an hour, even for Shetland's £69.07
    assert lgbf_decimals("currency", 448.51, [182.0, 1286.0]) == 0  # SW5: £449 a week, even a council's £182
    assert lgbf_decimals("currency", 373.04, [47.99]) == 0  # CHN8b: a council's £48 a week too
    assert lgbf_decimals("currency", float("nan"), [20.1, 25.3, 140.0]) == 2  # no Scotland figure: the median
    assert lgbf_decimals("percent", 84.3) == lgbf_decimals("rate", 104.7) == 1
