"""The bottom layer: the words, symbols and rounding that the other modules share.

It imports nothing of swlib, so any module may import it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

# a batch's outcomes that rendered nothing and failed nothing: a relative period named none; the
# council has no figures for it; a public annual report without its statutory figures or narrative
# (``annual_ready``) (``batch``; ``rerun`` keeps a fingerprint of a run of only these)
NOT_RENDERED = ("no-period", "no-figures", "not-ready")

# Scotland as a council: the id of the LGBF's Scotland-wide row in the benchmarks table, and of the
# "council" the national overview is filed under (outputs/scotland/<year>/)
SCOTLAND = "scotland"

# statuses, in the order the summaries count them
STATUS_ORDER = ("Complete", "Green", "Amber", "Red", "Report later", "Data only")
SUPPRESSED = "Suppressed"  # public audience: a status that would reveal a suppressed figure
WITHHELD_TEXT = "[withheld]"  # a title, an action: text that names a row, withheld where it mentions a small number
STATUS_ICONS = {  # a shape as well as a colour: never colour alone
    "Complete": "✔",
    "Green": "●",
    "Amber": "▲",
    "Red": "◆",
    "Report later": "…",
    "Data only": "○",
}
TREND_ARROWS = {"improving": "↑", "worsening": "↓", "no change": "→", "up": "↗", "down": "↘", "no comparison": ""}

# the Care Inspectorate's grades, 1 to 6, in its words (the inspection table's key, its chart and page 1)
GRADE_NAMES = {1: "Unsatisfactory", 2: "Weak", 3: "Adequate", 4: "Good", 5: "Very good", 6: "Excellent"}

# a figure withheld from the public (the GSS symbol) and the note that explains it
SYMBOL = "[c]"
FOOTNOTE = (
    "[c] Figure suppressed to protect confidentiality: a figure is not shown where it, or a figure it is built on, "
    "is from 1 to 4, and also where a number from 1 to 4 could be worked out from it by subtraction: from its own "
    "total (67 of 70 tells that 3 did not), or from a figure published earlier, this year or last (118 of 142 "
    "beside 115 of 139 published a quarter before tells that 3 of 3 came in between). A large figure marked [c] "
    "is suppressed for that second reason."
)


def round_half_up(value: float, decimals: int) -> Decimal:
    """Round as people do (74.95 -> 75.0 at 1 dp), not as binary floats do: half up on the decimal
    value, read to 12 significant figures so that float residue does not decide it (the mean of
    £29.95 and £30.40 is 30.174999999999997 as a float, £30.18 to a member's calculator)."""
    return Decimal(format(float(value), ".12g")).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)


def utc_stamp(t: dt.datetime) -> str:
    """A moment as a run summary writes it ('2024-04-01T06:00:12Z'), for the full run and the unchanged re-run alike."""
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
