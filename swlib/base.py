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


def small_span(lo: int, hi: int) -> str:
    """A council's small numbers (``suppress_min`` to ``suppress_max``) as a public report names
    them: "1 to 4" (the default), "1 to 9", or "3" where the two are the same."""
    return f"{lo} to {hi}" if lo != hi else f"{lo}"


def a_small_number(lo: int, hi: int) -> str:
    """ "a number from 1 to 4" (``small_span``; "the number 3" where the range is one number)."""
    return f"a number from {lo} to {hi}" if lo != hi else f"the number {lo}"


def footnote(lo: int = 1, hi: int = 4) -> str:
    """What [c] means, as a public report says it once ("About suppressed figures"), in the
    council's own small numbers (``suppress_min``, ``suppress_max``): a council that hides 1 to 9
    is not said to hide 1 to 4. Its examples take a small number of that range (3 where it is in it), and
    say "for instance ... would": D&G's public 2023/24 Q2 printed "118 of 142", the figures the example
    once used, and a member read the example as a fact about that measure (COMMITTEE-12 #1)."""
    k = min(max(lo, 3), hi)
    small = a_small_number(lo, hi)
    return (
        f"[c] Figure suppressed to protect confidentiality: a figure is not shown where it, or a figure it is built "
        f"on, is {small.removeprefix('a number ').removeprefix('the number ')}, and also where {small} could be worked out from it by "
        f"subtraction: from its own total (for instance, {70 - k} of 70 would tell that {k} did not), or from a "
        f"figure published earlier, this year or last (for instance, 48 of 60 beside {48 - k} of {60 - k} published "
        f"a quarter before would tell that {k} of {k} came in between). A large figure marked [c] is suppressed "
        f"for that second reason."
    )


FOOTNOTE = footnote()  # the default range's (1 to 4)


def round_half_up(value: float, decimals: int) -> Decimal:
    """Round as people do (74.95 -> 75.0 at 1 dp), not as binary floats do: half up on the decimal
    value, read to 12 significant figures so that float residue does not decide it (the mean of
    £29.95 and £30.40 is 30.174999999999997 as a float, £30.18 to a member's calculator)."""
    return Decimal(format(float(value), ".12g")).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)


def utc_stamp(t: dt.datetime) -> str:
    """A moment as a run summary writes it ('2024-04-01T06:00:12Z'), for the full run and the unchanged re-run alike."""
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
