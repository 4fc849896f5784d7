"""What every chart shares: the palette and status colours, the printed sizes, ``Chart`` (SVG,
alt text, caption), a bar's label, value axes in the unit's own terms."""

from __future__ import annotations

import base64
import math
import re
import textwrap
from dataclasses import dataclass

import pandas as pd

from ..formatting import fmt_value
from ..templating import macro

PALETTE = {  # Okabe & Ito (2008)
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}  # fmt: skip


STATUS_COLOURS = {
    "Complete": PALETTE["blue"], "Green": PALETTE["green"], "Amber": PALETTE["orange"], "Red": PALETTE["vermillion"],
    "Report later": PALETTE["grey"], "Data only": PALETTE["sky"], "Suppressed": PALETTE["grey"],
}  # fmt: skip


STATUS_HATCH = {
    "Complete": "\\\\",
    "Green": "",
    "Amber": "//",
    "Red": "xx",
    "Report later": "--",
    "Data only": "||",
    "Suppressed": "..",
}


MIN_FONT = 9  # points, printed: a council chart prints at its own width (narrower than an A4 page)


# a measure needing attention's two charts side by side on the quarterly report's landscape A4
# (269 mm less a 5 mm gap, halved; at most 52 mm high so that a measure takes half a page): drawn
# at that size, they print at it and their text at 9 pt (the SPC chart's time axis titled under it
# and the bars' legend in a row over them add 4 mm: 48 mm in all)
HALF_PAGE = (5.1, 1.73)  # inches: 130 x 44 mm


# the widest a chart is drawn that a reader may open on a phone: 374 points, on a screen 375 px wide (its figure
# the screen's width) shown at a pixel a point, its text 9 px, whole (issues 22/23: wider ones scrolled sideways);
# printed at the size drawn, as every chart is
PHONE_WIDTH = 5.2  # inches


# a chart's own drawing for a phone (a <picture>'s source up to 600 px, shown at the screen's width): its 9-point text
# at 11 px or more on a screen 360 px wide or wider (COMMITTEE-8 #18: the half-page charts shown at 9 px were read at
# 6 to 8 px, unreadable without zooming); the committee paper and a wider screen keep the chart drawn for the page
PHONE_DRAWN = 4.0  # inches: 288 points, shown 367 px wide on a screen 375 px wide (text 11.5 px)


# a chart of a whole (the statuses by theme) on a wider screen, where it has the paper's drawing for print: as wide
# as a half-page chart and a third more (at a phone's width it looked small beside the tables, COMMITTEE-8 #18)
SCREEN_WIDTH = 6.8  # inches


LABEL_PAD = 0.6  # points each side of a bar's label, reckoned when deciding whether labels fit side by side


SYNTHETIC_MARK = "†"


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str
    caption: str
    phone: str = ""  # the chart drawn for a phone's screen (``PHONE_DRAWN``), where it has its own drawing
    printed: str = ""  # the chart drawn for the committee paper, where it is not the screen's

    def view(self) -> dict:
        """What the template's figure shows: the SVG as a data URI, the alt text and the caption
        (and ``narrow``, the phone's drawing as a data URI, shown at the screen's width: ``phone``;
        ``print``, the paper's)."""
        view = {"src": data_uri(self.svg), "alt": self.alt, "caption": self.caption}
        view |= {"narrow": data_uri(self.phone), "phone": True} if self.phone else {}
        return view | ({"print": data_uri(self.printed)} if self.printed else {})

    def html(self) -> str:
        return macro("figure", self.view())

    def _repr_html_(self) -> str:  # shows in JupyterLab as it will in the report
        return self.html()

    def _repr_svg_(self) -> str:  # the drawing alone (a front end that prefers SVG to HTML)
        return self.svg


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def bar_label(v, unit: str, decimals: int, synthetic: bool) -> str:
    """A bar's figure as it is printed over it ("51.9% †": synthetic)."""
    return fmt_value(v, unit, decimals) + (f" {SYNTHETIC_MARK}" if synthetic else "")


def value_axis_label(unit: str, title: str = "") -> str:
    """What a value axis counts, in the unit's own terms: "%", "£ per hour", "days", "per 1,000
    discharges" (the "per ..." taken from the measure's title where it has one)."""
    per = re.search(r"\bper (?:\d[\d,]*\s)?[a-z]+(?: per [a-z]+)*", str(title).lower())
    per_text = per.group(0) if per else ""
    if unit == "percent":
        return "% (per cent)"
    if unit == "currency":
        return f"£ {per_text}".strip()
    if unit == "rate":
        return per_text or "rate"
    if unit in ("days", "hours"):
        return f"{unit} {per_text}".strip()
    if unit == "ratio":
        return "ratio"
    return f"{counted(title, 22 - len(per_text))} {per_text}".strip() or "number"


# where a count's title stops naming what it counts ("Patients | discharged from hospital per day")
_COUNT_STOPS = re.compile(
    r"\s(?:supported|discharged|made|at|received|resulting|granted|imposed|carried|in|by|subject|under|during"
    r"|receiving|from|of|for|per|to|with|against|who|on|within|started|completed|seen)\b.*",
    re.IGNORECASE,
)


def counted(title: str, most: int = 22) -> str:
    """What a count counts, from its title, for its value axis: "patients" (Patients discharged
    from hospital per day), "short-term detentions" (... in hospital); the phrase's last word
    where it is longer than ``most`` characters ("referrals": Adult protection referrals
    received); "" where even that is too long (the axis then says "number")."""
    words = _COUNT_STOPS.sub("", str(title).strip()).strip().lower()
    if len(words) > most:
        words = words.rsplit(" ", 1)[-1]
    return words if len(words) <= most else ""


def tick_text(v: float, unit: str) -> str:
    """A value axis's tick label as the tables print figures (£35,000; 85%)."""
    if unit == "currency":
        return f"£{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"£{v:,.2f}"
    if unit == "percent":
        return f"{v:g}%"
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"


def is_nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)[:3])


def short_label(label: str) -> str:
    """'2021/22 Quarter 2' -> '21/22 Q2'; 'October 2021' -> 'Oct 21'."""
    label = label.replace(" Quarter ", " Q").replace(" first half", " H1").replace(" second half", " H2")
    label = re.sub(r"^20(\d\d)/", r"\1/", label)
    m = re.match(r"^([A-Z][a-z]+) 20(\d\d)$", label)
    return f"{m.group(1)[:3]} {m.group(2)}" if m else label
