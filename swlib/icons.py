"""Variation and assurance icons in the manner of "Making Data Count", drawn here as small SVGs.

Each icon is a letter in a coloured ring and always appears with words beside it: the
colour is never the only carrier of meaning.
"""

from __future__ import annotations

import base64

from .templating import macro, render

BLUE, ORANGE, GREY, PURPLE = "#0072B2", "#E69F00", "#6F6F6F", "#CC79A7"

VARIATION_WORDS = {
    "common_cause": "Common cause variation: no significant change",
    "special_cause_improvement": "Special cause variation: improvement",
    "special_cause_concern": "Special cause variation: concern",
    "special_cause_neutral_high": "Special cause variation: higher, neither better nor worse",
    "special_cause_neutral_low": "Special cause variation: lower, neither better nor worse",
}
ASSURANCE_WORDS = {
    "consistent_pass": "The target will be met consistently",
    "consistent_fail": "The target will be missed consistently, unless the process changes",
    "inconsistent": "The target may or may not be met: it lies within the process limits",
    None: "No assurance: there is no target",
}


def _svg(ring: str, letter: str, arrow: str | None = None) -> str:

    return str(render("shared/icon.svg.j2", ring=ring, letter=letter, arrow=arrow))


def is_high(point_type: str, improvement: str = "increase") -> bool:
    """Whether a special cause is high (H, arrow up) or low: an improvement is high where higher
    is better, a concern where lower is better; neutral ones say so in their name."""
    if point_type.startswith("special_cause_neutral"):
        return point_type.endswith("high")
    return (point_type == "special_cause_improvement") == (improvement != "decrease")


def variation_svg(point_type: str | None, improvement: str = "increase") -> str:
    if point_type in (None, "common_cause"):
        return _svg(GREY, "~")
    ring = {"special_cause_improvement": BLUE, "special_cause_concern": ORANGE}.get(point_type, PURPLE)
    high = is_high(point_type, improvement)
    return _svg(ring, "H" if high else "L", "up" if high else "down")


def assurance_svg(kind: str | None) -> str:
    return {
        "consistent_pass": _svg(BLUE, "P"),
        "consistent_fail": _svg(ORANGE, "F"),
        "inconsistent": _svg(GREY, "?"),
    }.get(kind, _svg(GREY, "–"))


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def icons_view(variation: str | None, assurance: str | None, improvement: str = "increase") -> list[dict]:
    """The variation and assurance icons, each an image and the words that carry its meaning
    (the image is decorative: its alt text is empty)."""
    return [
        {"src": data_uri(variation_svg(variation, improvement)),
         "words": VARIATION_WORDS.get(variation or "common_cause", "")},
        {"src": data_uri(assurance_svg(assurance)), "words": ASSURANCE_WORDS.get(assurance, ASSURANCE_WORDS[None])},
    ]  # fmt: skip


def icons_html(variation: str | None, assurance: str | None, improvement: str = "increase") -> str:

    return macro("spc_icons", icons_view(variation, assurance, improvement))
