"""The quarterly report's first page, what a committee needs before anything else: how many
measures are at each status, what changed since the quarter before, and each measure needing
attention in one line."""

from __future__ import annotations

import re

import pandas as pd
from markupsafe import Markup

from .action_rows import actions
from .base import STATUS_ORDER, SUPPRESSED, SYMBOL
from .errors import SwError
from .formatting import fmt_value, slug
from .narrative import comment_html
from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period, previous_quarter
from .rag import shown_decimals
from .rows import records
from .status import catalogue, performance, without_figures
from .trends import page_one_line

ORDER = [s for s in STATUS_ORDER if s != "Complete"]  # a measure's statuses ("Complete" is an action's)
RANK = {"Green": 0, "Amber": 1, "Red": 2}  # better to worse; other statuses are not compared
MAX_ATTENTION = 4  # page 1 names at most this many measures needing attention (four: each with its comment or action, page 1 stays one page); section 4 has them all
NO_COMMENT = "No comment or action provided"  # page 1 says so, so that the gap shows
_BLOCK_END = re.compile(r"</(p|li|div|h[1-6]|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")
TREND_ORDER = {"worsening": 0, SYMBOL: 0, "no change": 1, "no comparison": 1, "up": 1, "down": 1, "improving": 2}


def by_severity(rows: list[dict]) -> list[dict]:
    """Red before Amber, and within each the worsening first (then unchanged, then improving);
    otherwise in catalogue order (the sort is stable). A trend a public report hides ([c]) is taken
    with the worsening, as it cannot be told apart from them (D&G 2023/24 Q2's public page 1 left out
    the Red permanence measure, worsening, for one whose worsening it could print: COMMITTEE-9 #5)."""
    return sorted(rows, key=lambda r: (-RANK.get(r["status"], -1), TREND_ORDER.get(r.get("trend"), 1)))


def needing_attention(perf: pd.DataFrame, statuses=("Red", "Amber")) -> pd.DataFrame:
    """The measures needing attention: Red or Amber with a figure (page 1 names them, section 4 has
    them all)."""
    return perf[perf["status"].isin(statuses) & perf["to_date"].notna()]


def first_sentence(comment) -> str:
    """An officer's comment as page 1 prints it: plain text (sanitised, then its markup dropped;
    a council system's list reads as words), its first sentence only ('' for none)."""
    html = _BLOCK_END.sub(r"\g<0> ", str(comment_html(comment)))  # a paragraph's end is a space, as it reads
    text = Markup(html).striptags()
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def being_done(r: dict, acts: pd.DataFrame | None) -> str:
    """What page 1 says is being done about a measure needing attention: the first sentence of
    its officer's comment, else each action the action plan links to it by title ("Action (Amber):
    ..."; the data holds no due date), else ``NO_COMMENT``."""
    said = first_sentence(r.get("comment"))
    if said:
        return said
    linked = []
    if acts is not None and not acts.empty:
        for a in records(acts):
            names = [t.strip() for t in str(a.get("measure") or "").split(";")]
            if r["title"] in names or r["measure"] in names:
                linked.append(f"Action ({a['status']}): {a['action']}")
    return "; ".join(linked) or NO_COMMENT


def year_on_year(r: dict, better: bool) -> str:
    """What page 1 adds to a status move whose figure went the other way since the same point
    last year (the tables' trend arrow), in the tables' words: 'but 76.0% is worse than 77.2%
    at this point last year' for a move towards Green ('... better ...' towards Red); a whole
    year's figure names the year before ('... than 72% in 2021/22'); '' where the two agree,
    there is no comparison, or a figure is suppressed. The figure is printed with the decimal that
    decides its status where rounding does, as the tables print it ('69.6%', not '70%'). D&G
    2023/24 Q2 listed Stage 1 complaints as 'moved towards Green' (Red → Amber since Q1) where
    every table marks it '↓ worsening'; SL 2021/22 Q2's 'last year’s 206' was read against the
    whole of last year (402)."""
    against = "worsening" if better else "improving"
    hidden = str(r.get("suppressed") or "")
    was, now = r.get("last_year"), r.get("to_date")
    if r.get("trend") != against or "to_date" in hidden or "last_year" in hidden or pd.isna(was) or pd.isna(now):
        return ""
    unit, dec = r["unit"], int(r["decimals"])
    words = "worse" if better else "better"
    period = r.get("period_shown")
    year = isinstance(period, str) and Period.parse(period).kind == "year"
    when = f"in {Period.parse(period).shift_years(-1).label}" if year else "at this point last year"
    return f"but {fmt_value(now, unit, shown_decimals(r))} is {words} than {fmt_value(was, unit, dec)} {when}"


def status_changes(perf: pd.DataFrame, before: pd.DataFrame) -> list[dict]:
    """Measures whose Green/Amber/Red status moved since ``before`` (the performance table of
    the quarter before), worse first: ``{"title", "was", "now", "better", "override", "year"}``,
    where ``override`` says which of the two statuses is an officer's own assessment rather than the
    figure's against its target ("now", "was", "both"; None for neither) and ``year`` what the
    figure did since the same point last year where it went the other way (``year_on_year``), as
    the tables' trend arrows say."""
    was = dict(zip(before["measure"], before["status"], strict=True))
    no_source = pd.Series(None, index=before.index, dtype=object)
    was_override = dict(zip(before["measure"], before.get("status_source", no_source) == "override", strict=True))
    out = []
    for r in records(perf):
        old, new = was.get(r["measure"]), r["status"]
        if old in RANK and new in RANK and old != new:
            now_o, was_o = r.get("status_source") == "override", was_override.get(r["measure"], False)
            override = "both" if now_o and was_o else "now" if now_o else "was" if was_o else None
            out.append(
                {"title": r["title"], "was": old, "now": new, "better": RANK[new] < RANK[old], "override": override,
                 "year": year_on_year(r, RANK[new] < RANK[old])}
            )  # fmt: skip
    return sorted(out, key=lambda c: c["better"])


def shown_again(perf: pd.DataFrame, before: pd.DataFrame) -> list[dict]:
    """In a public report, the measures Red, Amber or Green now whose status last quarter was hidden
    ([c]): ``{"title", "now"}``, named with the status they have now and not the one they came from,
    which stays hidden (D&G 2023/24 Q2: permanence within 26 weeks, Red, was left off page 1 because
    last quarter's status was [c]: COMMITTEE-9 #5; throughcare seen within 24 hours, Red to Green
    internally and Green in public with its figures printed, was left off too: COMMITTEE-11 #6)."""
    was = dict(zip(before["measure"], before["status"], strict=True))
    out = [{"title": r["title"], "now": r["status"]} for r in records(perf)
           if r["status"] in RANK and was.get(r["measure"]) == SUPPRESSED]  # fmt: skip
    return sorted(out, key=lambda c: -RANK[c["now"]])  # Red first, as the moves towards Red come first


def status_not_known(ds, council: str, perf: pd.DataFrame, before: pd.DataFrame, P: Period) -> list[dict]:
    """Measures Red or Amber last quarter (``before``) whose figure for ``P`` is not in, so that their
    status is "Report later": ``{"title", "was", "missing", "why"}``, ``missing`` the periods with no
    figure ('September 2026'), ``why`` the reason the data gives ('' for none). Page 1 names them
    under "Since last quarter": ANALYST-5 #6, a Red measure whose September was late dropped off page
    1 without a word, and 6 Red became 4 Red, read as improvement."""
    was = dict(zip(before["measure"], before["status"], strict=True))
    freq = frequencies(ds, council).map(FREQUENCY_KIND)
    o = ds.observations
    o = o[(o["council"] == council) & o.reindex(columns=["value", "numerator", "denominator"]).notna().any(axis=1)]
    out = []
    for r in records(perf):
        if was.get(r["measure"]) not in ("Red", "Amber") or r["status_source"] != "missing":
            continue  # (an officer's own "Report later" is an assessment, said in the tables)
        kind = freq.get(r["measure"], "quarter")
        if kind == "year":
            continue  # an annual measure: nothing due this quarter (page 1's annual line)
        due = P.parts(kind) if SPAN_MONTHS[kind] <= SPAN_MONTHS["quarter"] else [P.latest_of_kind(kind)]
        given = set(o.loc[o["measure"] == r["measure"], "period"])
        missing = [q.label for q in due if str(q) not in given] or [P.label]
        out.append({"title": r["title"], "was": was[r["measure"]], "missing": " and ".join(missing),
                    "why": (r.get("year_notes") or {}).get("to_date") or ""})  # fmt: skip
    return out


NOT_RATED = ("Report later", "Data only")  # an annual measure with these has nothing due this quarter


def not_due(ds, council: str, perf: pd.DataFrame) -> pd.Series:
    """True for each annual measure with no status to report this quarter (no figure yet, or a
    figure without a target): page 1 leaves these out of its count and says so in one line. An
    annual measure rated Green, Amber or Red, and a quarterly or monthly measure that is late
    ("Report later"), are counted."""
    return (perf["measure"].map(frequencies(ds, council)) == "annual") & perf["status"].isin(NOT_RATED)


def frequencies(ds, council: str) -> pd.Series:
    """Each measure's frequency for ``council``, by measure id: its own catalogue row where it has one."""
    return catalogue(ds, council).drop_duplicates("measure", keep="last").set_index("measure")["frequency"]


def counted(ds, council: str, perf: pd.DataFrame) -> pd.DataFrame:
    """The measures page 1 counts, its summary table and chart as its count line: ``perf`` without
    the annual measures with nothing due this quarter (``not_due``), which page 1 names in one
    line (``annual_line``) rather than as 'Report later'."""
    return perf[~not_due(ds, council, perf)]


def annual_line(annual: pd.DataFrame, nofig: pd.Series) -> str:
    """The one line page 1 says of the annual measures it does not count ('' when there are none)."""
    n = len(annual)
    if not n:
        return ""
    missing = int(nofig.sum())
    only = int((annual["status"] == "Data only").sum())
    where = "reported in the Chief Social Work Officer's annual report"
    if not only:
        what, then = "with no figures yet", " (and here when they come in)"
    elif not missing:
        what, then = "without a target", " (figures in section 3)"
    else:
        what, then = f"({missing} with no figures yet, {only} without a target)", ""
    return f"Not counted here: {n} annual measure{'s' if n != 1 else ''} {what}, {where}{then}."


def listed_words(annual: pd.DataFrame, nofig: pd.Series) -> str:
    """The start of page 1's sentence that links to the measures listed at the end of section 3
    (``without_figures``, the list section 3 prints): 'Those with no figures are', or, where some of
    the annual measures with no figure give a reason instead (shown in their tables, not listed),
    how many of them the list has ('2 of them, with no figure or reason yet, are'). AUDIT-5 #2:
    page 1 said 27 where section 3 listed 26."""
    later, k = int((annual["status"] == "Report later").sum()), int(nofig.sum())
    if k >= later:
        return "Those with no figures are"
    return f"{k} of them, with no figure or reason yet, {'is' if k == 1 else 'are'}"


def not_known_words(counts: pd.Series, total: int) -> dict:
    """What page 1 says where no measure is Red or Amber, or none changed, when some measures have
    no figure yet ("Report later"): how many, so that a quarter whose figures are mostly still to
    come does not read as good news. ``counts``: the statuses page 1 counts."""
    later = int(counts.get("Report later", 0))
    rated = int(sum(counts.get(s, 0) for s in ("Green", "Amber", "Red")))
    if not later:
        return {"none_red_amber": "No measure is Red or Amber this period.", "unchanged_but": ""}
    few = f"{later} of {total} measure{'s' if total != 1 else ''} {'has' if later == 1 else 'have'} no figure yet (Report later)"
    if not rated:
        none = f"No measure has a Green, Amber or Red status yet this period: {few}."
    else:
        none = f"No measure with a figure is Red or Amber this period, but {few}: their status is not known yet."
    return {"none_red_amber": none, "unchanged_but": f"; {few}, so whether their status changed is not known yet"}


def briefing_view(ds, council: str, perf: pd.DataFrame, P: Period, audience: str = "internal", published=None) -> dict:
    """``{"counts": [(status, n)] (n > 0), "total", "since", "changes", "hidden", "attention": [{"id", "title",
    "status", "trend", "line", "doing"}], "more"}`` for the first page of the quarterly report: the
    ``MAX_ATTENTION`` most severe measures needing attention (``by_severity``) and how many more
    section 4 has, so that page 1 stays one page. ``published``: the record ``perf`` was set
    against (``swlib.published``), so that a report reads it once; default: read it again."""
    annual = not_due(ds, council, perf)
    nofig = without_figures(perf)
    counts = perf.loc[~annual, "status"].value_counts()  # page 1 counts the measures due this quarter
    prev = previous_quarter(P)
    try:
        before = performance(ds, council, prev, audience=audience, published=published)
    except SwError:  # an earlier quarter the data cannot give: nothing to compare with, said so
        before = None
    if before is not None and not before["to_date"].notna().any():
        before = None  # a quarter with no figures: nothing to compare with, not "no change"
    changes = status_changes(perf, before) if before is not None else None
    not_known = status_not_known(ds, council, perf, before, P) if before is not None else []
    # the public version shows no status for a suppressed figure, so not its changes either: it
    # says so (for every such measure alike, not naming which changed) rather than "no change"
    hidden = audience != "internal" and any((t["status"] == SUPPRESSED).any() for t in (perf, before) if t is not None)
    acts = actions(ds, council, P, audience=audience, perf=perf)  # page 1 says what is being done
    attention = [
        {"id": f"attention-{slug(r['measure'])}", "title": r["title"], "status": r["status"],
         "trend": r.get("trend"), "line": page_one_line(r, P), "doing": being_done(r, acts)}
        for r in records(needing_attention(perf))
    ]  # fmt: skip
    attention = by_severity(attention)
    return {
        # each status some measure has (no "Report later 0"), in order; the counts add up to the total
        "counts": [(s, int(counts[s])) for s in [*ORDER, SUPPRESSED] if counts.get(s)],
        "total": int((~annual).sum()),
        "no_figures": int((nofig & ~annual).sum()),  # of those counted
        "annual": annual_line(perf[annual], nofig[annual]),
        "annual_no_figures": int((nofig & annual).sum()),  # listed at the end of section 3
        "annual_listed": listed_words(perf[annual], nofig[annual]),  # how many of them, as section 3 lists them
        "since": prev.label,
        "changes": changes,
        "shown_again": shown_again(perf, before) if before is not None and audience != "internal" else [],
        "not_known": not_known,  # Red or Amber last quarter, no figure for this one: no status
        "hidden": hidden and changes is not None,
        "attention": attention[:MAX_ATTENTION],
        # the lines' synthetic figures, marked †: the footnote said once, under the table
        "synthetic": any(a["line"].endswith(" †") for a in attention[:MAX_ATTENTION]),
        "more": max(len(attention) - MAX_ATTENTION, 0),
        **not_known_words(counts, int((~annual).sum())),  # no Red or Amber, no change: and how many not known
        # the data set's warnings (swlib.checks), for the analyst on screen: not in print, nor public
        "warnings": [str(w) for w in ds.warnings] if audience == "internal" else [],
    }
