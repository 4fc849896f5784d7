"""Measure DejaVu Sans once, from matplotlib's copy of the font, and write the widths the SVG
charts place their labels by as constants (swlib/charts/metrics.py), so that drawing a chart
never opens a font.

Run: python scripts/make_font_metrics.py   (rewrites swlib/charts/metrics.py)
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.textpath import text_to_path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "swlib" / "charts" / "metrics.py"
# every character the charts print: ASCII, and the pound sign, dagger, dashes, quotes, arrows ...
CHARS = [chr(c) for c in range(32, 127)] + list("£€†‡–—‘’“”…°±×÷→←·•½¼¾éèáàóòúíçñüöäÉ§¶\u00a0\u2009\u202f")


def _key(c: str) -> str:
    """A character as ruff formats a string: double quotes unless it is one."""
    k = repr(c)
    return f'"{k[1:-1]}"' if k.startswith("'") and c != '"' else k


def main() -> None:
    font = FontProperties(family="DejaVu Sans", size=1000)
    path = Path(findfont(font))
    ft = FT2Font(str(path))
    width = {c: round(text_to_path.get_text_width_height_descent(c, font, False)[0] / 1000, 4) for c in CHARS}
    width["\u00a0"] = width["\u2009"] = width["\u202f"] = width[" "]  # spaces drawn as spaces
    lines = [
        '"""Advance widths of DejaVu Sans in ems, one a character, measured from matplotlib\'s copy of',
        f"the font ({path.name}, matplotlib's own) by scripts/make_font_metrics.py: do not edit by hand.",
        "A text's width is the sum of its characters' (without kerning, which in DejaVu Sans narrows a text more often than it widens it);",
        'a character not listed counts as wide as "M"."""',
        "",
        f"ASCENT = {ft.ascender / ft.units_per_EM:.4f}  # above the baseline, ems (the font's ascender)",
        f"DESCENT = {-ft.descender / ft.units_per_EM:.4f}  # below it",
        f"CAP = {round(text_to_path.get_text_width_height_descent('0', font, False)[1] / 1000 - text_to_path.get_text_width_height_descent('0', font, False)[2] / 1000, 4)}  # a figure's height above the baseline",
        "",
        "WIDTH = {",
        *(f"    {_key(c)}: {w}," for c, w in width.items()),
        "}",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
