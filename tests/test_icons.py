"""Variation icons: H or L by the direction of the special cause, not by the side of the mean."""

import base64
import re

from swlib.icons import icons_html, is_high, variation_svg


def letter(svg: str) -> str:
    return re.search(r">([^<>]+)</text>", svg).group(1)


def test_improvement_is_high_where_higher_is_better_and_low_where_lower_is():
    assert is_high("special_cause_improvement", "increase")
    assert not is_high("special_cause_improvement", "decrease")
    assert not is_high("special_cause_concern", "increase")
    assert is_high("special_cause_concern", "decrease")
    assert is_high("special_cause_neutral_high", "neutral") and not is_high("special_cause_neutral_low", "neutral")
    assert letter(variation_svg("special_cause_improvement", "decrease")) == "L"
    assert letter(variation_svg("common_cause")) == "~"


def test_icons_carry_words_as_well_as_the_picture():
    html = icons_html("special_cause_concern", "consistent_fail", "decrease")
    assert "Special cause variation: concern" in html and "missed consistently" in html
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode()
    assert letter(svg) == "H"
