"""The forms in which free text gives away a count without "a number and what it counts"
("both of the children", "half of the 6 children", "rose from 10 to 13"): ``FORMS``, one row a form,
its pattern and the counts it reveals, which ``sentence_counts.small_counts_in`` checks.
"""

from __future__ import annotations

import re

from .count_patterns import CHANGE_DOWN, CHANGE_UP, LAST_PERIOD, NOT_UNIT, ONE_PERSON_NOUNS, WHOLE_FIGURE
from .count_readers import (
    ages_listed,
    ages_said,
    base_of_change,
    base_of_fraction,
    difference,
    fraction_of,
    one_in,
    part_said_after,
    percent_of,
    rest_of_listed,
    roman_count,
    share_of_change,
    share_of_figure_before,
)
from .number_words import FRACTION, MONTH_NAMES, NOUNS, PHRASE_END, UNDER_100, UNITS, WORD, LazyPattern, word_value
from .text_windows import age_or_label_before

# Counts said in other ways than "a number and what it counts": each form, what it gives away
# (``FORMS``: one row a form, its pattern and the counts it reveals from the match), checked by
# ``small_counts_in``. A form reveals a count when it pins a figure down: "a handful", "a few" and
# "a small number of" say only that a count is small (as [c] does) and are left alone, as are
# "siblings" (two or more) and a fraction or a change with no figure to apply it to.
_KIN = r"brother|sister|son|daughter|mother|father|grandmother|grandfather|grandparent|baby|child|aunt|uncle|parent"

# "of the 12", "the 12", "of last year's 9": the figure a fraction or a percentage is of
_OF_TOTAL = (
    r"\s+(?:of\s+(?:the|these|those|our|all)?|the|these|those|our)\s*"
    + LAST_PERIOD
    + r"(?P<total>"
    + WHOLE_FIGURE
    + r")\b(?!\s*(?:%|per\s*cent|percent))"
)
_RISE = (r"(?:rose|risen|rising|increased|increasing|went\s+up|gone\s+up|grew|grown|climbed|fell|fallen|falling|"
         r"decreased|decreasing|dropped|reduced|declined|went\s+down|gone\s+down|up|down|changed|moved|"
         r"(?:an?\s+)?(?:\d+(?:\.\d+)?%\s+)?(?:increase|rise|fall|drop|decrease|reduction|change))")  # fmt: skip


# a sentence that starts with a count of people: "4 were placed", "Of these, 23 children went home"
_SAID = (rf"(?:(?:of\s+(?:these|those|them|whom)|in\s+total|overall|in\s+all),?\s+)?(?:only\s+|just\s+)?"
         rf"(?P<b>{WHOLE_FIGURE})\b{NOT_UNIT}(?!\s*(?:{MONTH_NAMES})\b)(?P<said>(?:\s+[\w'’-]+){{0,2}}?\s+(?:{NOUNS}|were|was|"
         r"had|have|has|are|went|remain\w*|returned|moved|received|died)\b)")  # fmt: skip


_IN_PERIOD = (r"(?:q[1-4]\b|quarter\s+[1-4]\b|(?:first|second|third|fourth|last|final)\s+quarter\b|"
              rf"(?:{MONTH_NAMES})\b|(?:spring|summer|autumn|winter)\b)")  # fmt: skip


def _share(k: str = "") -> str:  # a fraction or a percentage, its groups named frac<k> and pc<k>
    return rf"(?:(?P<frac{k}>{FRACTION})|(?P<pc{k}>\d+(?:\.\d+)?|{WHOLE_FIGURE})\s*(?:%|per\s*cent|percent))"


_WORD_SHARE = r"(?P<wf>(?:a|one)\s+(?:tenth|fifth|quarter|third)|half|(?:ten|twenty|twenty[\s-]+five|fifty)\s+(?:per\s*cent|percent))"


_NOT_MONEY = r"(?!\s*(?:million|thousand|billion|bn|m|k)\b)"
# a percentage change in digits ("7.5%") or in words as councils write it ("seven and a half per cent",
# "seven point five per cent", "twelve percent"): ``count_readers.base_of_change`` reads it
_CHANGE_PC = (rf"(?P<pc>\d{{1,4}}(?:\.\d+)?|(?:{UNDER_100})(?:\s+and\s+a\s+half|\s+point(?:\s+(?:{'|'.join(UNITS)}|"
              r"zero|nought|oh))+)?)\s*(?:%|per\s*cent|percent)")  # fmt: skip


# an age said as a person's ("15 year old", "15-year-old", "15 years old boy") and who: a person's noun after it
_AGE_OLD = (r"(?:[\s-]+years?[\s-]+old|[\s-]+yr[\s-]+old|[\s-]*yo)(?:\s+(?:boy|girl|child|young\s+person|person|"
            r"man|woman|brother|sister|son|daughter|sibling|twin))?\b")  # fmt: skip


# a change said as a multiple with its figure ("quadrupled to 12"): the factor it multiplies by
TIMES = {"doubled": 2.0, "halved": 0.5, "trebled": 3.0, "tripled": 3.0, "quadrupled": 4.0}
_MULTIPLIED = "|".join(TIMES)


def _before_and_change(now: float, factor: float) -> list[float]:
    """The figure before and the change a multiple to ``now`` tells: doubled to 8, 4 and 4;
    quadrupled to 12, 3 and 9; halved to 3, 6 and 3."""
    before = now / factor
    return [before, abs(now - before)]


FORMS: list[tuple[str, re.Pattern, object]] = [
    (  # "both of the children", "both of the others", "both of them were placed" (2); "both of us" is no count
        "both of a group",
        LazyPattern(
            rf"\bboth\s+of\s+(?:(?:the|these|those)\s+(?:\w+\s+){{0,2}}?(?:{NOUNS}|others|remainder)"
            r"(?!['’]s)\b|(?:them|whom)\s+(?:were|was|had|have|are|died|went|returned|moved))",
            re.I,
        ),
        2,
    ),
    (  # "a family of four", "the family of 6 moved": one family (and its size); "a family of services" has no figure
        "a family of a number",
        LazyPattern(
            rf"\b(?:a|an|the|one|this|that)\s+(?:\w+\s+)?(?:family|household)\s+of\s+{WHOLE_FIGURE}\b{NOT_UNIT}", re.I
        ),
        1,
    ),
    (  # "the couple adopted", "a foster couple", "the pair were placed", "a trio of brothers": two, three, four people
        "a couple, a pair, a trio",
        LazyPattern(
            r"\b(?:a|the|one|this|that|another)\s+(?:(?:married|young|foster|adoptive|same-sex|elderly|older|sibling)\s+)?"
            rf"(?P<k>couple|pair|brace|trio|quartet)\b(?:\s+of\s+(?:(?:the|these|those|our|their)\s+)?"
            rf"(?:(?!(?:{PHRASE_END})\b)[\w'’-]+\s+){{0,2}}?(?:{NOUNS}|brothers|sisters)\b(?!['’]s)|"
            r"(?!\s+of\b))",  # "a couple of weeks", "a pair of shoes" count no one
            re.I,
        ),
        lambda m: [{"couple": 2, "pair": 2, "brace": 2, "trio": 3}.get(m.group("k").lower(), 4)],
    ),
    (  # "the twins were placed together", "triplets", "quads"; "twin-track planning" is no count
        "twins, triplets",
        LazyPattern(r"\b(?P<k>twins|triplets|quadruplets|quads)\b(?![-\s]track)", re.I),
        lambda m: [{"twins": 2, "triplets": 3}.get(m.group("k").lower(), 4)],
    ),
    (  # "a brother and sister", "a mother and her baby" (2); "a mother and baby unit" is a service
        "two relatives named together",
        LazyPattern(
            rf"\b(?:a|an|the|one)\s+(?:{_KIN})\s+and\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+|the\s+)?"
            rf"(?:{_KIN})\b(?!['’]s|\s+(?:units?|placements?|services?|homes?|facilit\w*|schemes?|projects?|"
            r"teams?|groups?|provision|accommodation|support))",
            re.I,
        ),
        2,
    ),
    (  # "a boy and a girl", "the boy and his sister", "a man and a woman" (2), as "a brother and sister" is
        "two people named together",
        LazyPattern(
            r"\b(?:a|an|the|one)\s+(?:young\s+|teenage\s+|little\s+)?(?:boy|girl|man|woman|brother|sister|son|daughter)"
            r"\s+and\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+|the\s+)?(?:young\s+|teenage\s+|little\s+)?"
            r"(?:boy|girl|man|woman|brother|sister|son|daughter)\b(?!['’]s)",
            re.I,
        ),
        2,
    ),
    (  # "Young people aged 14, 15 and 16 were placed", "Brothers aged 14 and 15 were": each age one person
        "people listed by their ages",
        LazyPattern(
            r"\baged\s+(?P<ages>\d{1,2}(?:\s*,\s*\d{1,2}){0,2}\s*,?\s*(?:and|&)\s+\d{1,2})\b(?!\s*(?:-|–|to|\+)\s*\d?)"
            r"(?!\s+(?:years?\s+)?(?:and|or)\s+(?:over|under|above|older|younger))(?:\s+years?(?:\s+old)?)?,?"
            r"(?=(?:\s+[\w'’-]+){0,3}?\s+(?:were|was|had|have\s+been|has\s+been|\w+ed)\b|\s*(?:[.;)]|$))",
            re.I,
        ),
        ages_listed,
    ),
    (  # "The children placed were 15 and 16 years old", "are 14, 15 and 16 year olds": each age one person
        "people said to be of ages",
        LazyPattern(
            r"\b(?:were|are|was|is|being)\s+(?P<ages>\d{1,2}(?:\s*,\s*\d{1,2}){0,2}\s*,?\s*(?:and|&)\s+\d{1,2})"
            r"(?:\s+years?\s+old|\s+years?\s+of\s+age|[\s-]+years?[\s-]+olds?)\b",
            re.I,
        ),
        ages_said,
    ),
    (  # "a 15 and a 16 year old", "a 14-year-old boy and a 16-year-old girl": each "a" one person
        "people named by their ages one by one",
        LazyPattern(
            rf"\b(?:a|an|one)\s+\d{{1,2}}(?:{_AGE_OLD})?(?:\s*,\s*(?:a|an|one)\s+\d{{1,2}}(?:{_AGE_OLD})?)*"
            rf"\s*,?\s*(?:and|&)\s+(?:a|an|one)\s+\d{{1,2}}{_AGE_OLD}",
            re.I,
        ),
        lambda m: [len(re.findall(r"\b(?:a|an|one)\s+\d", m.group(0), re.I))],
    ),
    (  # "a lone child", "a solitary young person", "a sibling pair" (1, 2); "lone working", "lone parents" count no one
        "a lone person, a pair",
        LazyPattern(
            rf"\b(?:a|the|one)\s+(?:lone|solitary)\s+(?!parent)(?:\w+\s+)?(?:{ONE_PERSON_NOUNS})(?!['’]s)\b|"
            r"\b(?P<pair>a\s+sibling\s+pair)\b",
            re.I,
        ),
        lambda m: [2 if m.group("pair") else 1],
    ),
    (  # "an additional young person", "a further child", "one more referral" (1); "a further 3 workshops" has its figure
        "one more",
        LazyPattern(
            rf"\b(?:an\s+additional|a\s+further|an\s+extra|one\s+more|one\s+other|another)\s+"
            rf"(?:\w+\s+)?(?:{ONE_PERSON_NOUNS})(?!['’]s)\b(?!\s+(?:of|process|reviews?|plans?|management|files?|work|law|"
            r"loads?|holders?|notes?|studies|study|groups?|conferences?|meetings?|support|approach|model))",
            re.I,
        ),
        1,
    ),
    (  # "two more than last year", "three fewer than in 2022": the change ("more than one" is a threshold)
        "a number more or fewer than another",
        LazyPattern(rf"(?<![\w.,£$])(?P<n>{WHOLE_FIGURE})\s+(?:more|fewer|less)\s+than\b", re.I),
        lambda m: [word_value(m.group("n"))],
    ),
    (  # "both were placed", "both had returned home" (2), as "both of them" is; "both have been" is often services
        "both, said alone",
        LazyPattern(r"(?<!\bwe\s)\bboth\s+(?:were|had|died|returned|remain|remained|moved)\b", re.I),
        2,
    ),
    (  # "every child but one", "all but two", "everyone except one", "no re-registrations except one": the ones left out
        "all but a few",
        LazyPattern(
            rf"\b(?:all(?:\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:{NOUNS}))?|everyone|everybody|every\s+(?:\w+\s+)?(?:{ONE_PERSON_NOUNS})|"
            rf"(?:none|nobody|no\s+one|no(?:\s+[\w-]+){{1,2}}?))(?:\s+(?:was|were|had|has|have|been|is|are|upheld|\w+ed))*"  # "no complaint was upheld bar one"
            rf"(?:\s+(?:but|bar)|,?\s+(?:except(?:\s+for)?|save(?:\s+for)?|apart\s+from|other\s+than|"
            rf"with\s+the\s+exception\s+of))"  # "..., with the exception of one" (not ", but two were withdrawn")
            rf"\s+(?:a\s+single(?:\s+one)?\b|(?P<n>{WHOLE_FIGURE})\b{NOT_UNIT})",
            re.I,
        ),
        lambda m: [word_value(m.group("n")) if m.group("n") else 1],
    ),
    (  # "nil in Q1, one in Q2", "none in April and two in May": a count in a period of a list of them
        "a count in a period",
        LazyPattern(
            rf"(?:^|[:,;]\s*|\band\s+|\bthen\s+)(?P<n>{WORD})(?:\s+one)?\s+(?:in|during|for|over)\s+(?:the\s+)?{_IN_PERIOD}|"
            rf"\b(?:in|during|over)\s+(?:the\s+)?{_IN_PERIOD}\s*,?\s+(?:there\s+(?:was|were)\s+|we\s+had\s+)?"
            rf"(?P<n2>{WORD})(?=\s*(?:[.,;:!?)]|$|\s+(?:{NOUNS})\b))",  # "in Q2 one.", "in May, two children"
            re.I | re.M,
        ),
        lambda m: [word_value(m.group("n") or m.group("n2"))],
    ),
    (  # "on one occasion", "on three occasions": events counted
        "occasions",
        LazyPattern(rf"\bon\s+(?P<n>{WHOLE_FIGURE}|a\s+single)\s+(?:separate\s+)?occasions?\b", re.I),
        lambda m: [word_value(m.group("n").replace("a single", "one"))],
    ),
    (  # "half of the 6 children", "a quarter of the 12 care leavers", "two-thirds of the 6": the part and the rest
        "a fraction of a figure",
        LazyPattern(rf"\b(?P<frac>{FRACTION}){_OF_TOTAL}{NOT_UNIT}", re.I),
        fraction_of,
    ),
    (  # "25% of the 12 children", "50 per cent of the 8", "(94%) of the 50", "seventy-five per cent of the eight"
        "a percentage of a figure",
        LazyPattern(
            rf"(?<![\d.])(?P<pc>\d+(?:\.\d+)?|\b{WHOLE_FIGURE}(?:\s+and\s+a\s+half)?)\s*(?:%|per\s*cent|percent)\)?{_OF_TOTAL}{NOT_UNIT}",
            re.I,
        ),
        percent_of,
    ),
    (  # "Of the 45 children referred, 43 were accepted": the 2 others, in the same sentence
        "a part of a figure given before it",
        LazyPattern(
            rf"\b(?:out\s+)?of\s+(?:the|these|those|all)?\s*(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}[^.;:!?\d]{{1,80}}?,\s*"
            rf"(?:only\s+|just\s+)?(?P<b>{WHOLE_FIGURE})\b{NOT_UNIT}",
            re.I,
        ),
        difference,
    ),
    (  # "Of the 6 children referred, most were seen. 4 were placed.": the 2 others, a sentence or two on
        "a part of a figure said in a later sentence",
        LazyPattern(
            rf"\b(?:out\s+)?of\s+(?:the|these|those|all)?\s*(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}(?:(?!\n\s*\n).)"
            rf"{{0,200}}?[.;:!?](?:[ \t]+|[ \t]*\n[ \t]*){_SAID}",  # within a paragraph
            re.I | re.S,
        ),
        part_said_after,
    ),
    (  # "26 children were referred. Of these, 23 were placed.", "26 referrals; 23 of them were accepted": the 3 others
        "a part of the figure before it, said as 'of these'",
        LazyPattern(
            rf"(?<![\w.,£$/-])(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}(?P<said>(?:(?!\n\s*\n)[^\d]){{1,160}}?)(?:[.;:,]\s+|\s+)"
            rf"(?:and\s+|but\s+)?(?:of\s+(?:these|those|them|whom|which)(?:\s+[a-z]+){{0,2}}?\s*,?\s*(?:only\s+|just\s+)?"
            rf"(?P<b>{WHOLE_FIGURE})|"
            rf"(?:only\s+|just\s+)?(?P<b2>{WHOLE_FIGURE})\s+of\s+(?:these|those|them|whom|which))\b{NOT_UNIT}",
            re.I,
        ),
        lambda m: part_said_after(m, m.group("b") or m.group("b2")),
    ),
    (  # "1 in 4 children", "one in four", "1 in every 4 of the 12 referrals": x of y, or the share of a figure
        "one in so many",
        LazyPattern(
            rf"(?<![\w.,£$/-])(?P<x>{WHOLE_FIGURE})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<y>{WHOLE_FIGURE})\b{NOT_UNIT}"
            rf"(?!\s*(?:{MONTH_NAMES})\b)(?:\s+of\s+(?:the|these|those|our|all)?\s*(?P<total>{WHOLE_FIGURE})\b{NOT_UNIT})?",
            re.I,
        ),
        one_in,
    ),
    (  # "rose from 10 to 13", "fell from 13 to 10", "up from 10 to 13": the change (ages "from 5 to 18" are no change)
        "a change from one figure to another",
        LazyPattern(
            rf"\b{_RISE}\s+(?:\w+\s+){{0,2}}?from\s+(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}(?:\s+\w+){{0,3}}?\s+to\s+"
            rf"(?P<b>{WHOLE_FIGURE})\b{NOT_UNIT}",
            re.I,
        ),
        difference,
    ),
    (  # "13, up from 10", "13 (down from 16)", "13 children compared with 10 last year": the change
        "a figure and the one it changed from",
        LazyPattern(
            rf"(?<![\w.,£$])(?P<b>{WHOLE_FIGURE})\b{NOT_UNIT}[^.;:!?\d]{{0,40}}?\b(?:(?:up|down)\s+from|compared\s+(?:with|to))"
            rf"\s+(?:the\s+)?{LAST_PERIOD}(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}",
            re.I,
        ),
        difference,
    ),
    (  # "doubled to 8" (4 before, 4 more), "halved to 3" (3 fewer), "quadrupled to 12" (3 before, ATTACK-10 #11)
        "doubled or halved to a figure",
        LazyPattern(rf"\b(?P<how>{_MULTIPLIED})\s+(?:\w+\s+){{0,2}}?to\s+(?P<b>{WHOLE_FIGURE})\b{NOT_UNIT}", re.I),
        lambda m: _before_and_change(word_value(m.group("b")), TIMES[m.group("how").lower()]),
    ),
    (  # "secure placements (x2)", "3no. placements", "3 nr": the shorthand of a tally
        "a tally",
        LazyPattern(
            r"(?<![\w.,£$])(?:[x×]\s?(?P<x>\d{1,3})(?![\w%]|[.,]\d|/\d)|(?P<n>\d{1,3})\s?(?:no\.|nos?\b|nr\b\.?))", re.I
        ),
        lambda m: [int(m.group("x") or m.group("n"))],
    ),
    (  # "between 3-4 children a month", "2–3 placements": a range of counts (not ages, dates, labels or durations)
        "a range of counts",
        LazyPattern(
            r"(?<![\w.,£$/–-])(?!0\d)(?P<a>\d{1,3}) ?[-–] ?(?P<b>\d{1,3})\b(?![-–/.,]\d|\s*(?:%|per\s*cent|percent|"
            rf"years?|yrs?|year-olds?|days?|weeks?|months?|hours?|hrs|minutes?|working|am|pm|st|nd|rd|th|beds?|bedded|"
            rf"bedroom\w*|stor(?:ey|y|eys)|stars?|{MONTH_NAMES})\b)",
            re.I,
        ),
        lambda m: [] if age_or_label_before(m.string, m.start()) else [int(m.group("a")), int(m.group("b"))],
    ),
    (  # "halved from 8" (4 fewer), "doubled from 3" (3 more), "trebled from 2": the change from a figure
        "doubled or halved from a figure",
        LazyPattern(
            rf"\b(?P<how>{_MULTIPLIED})\s+(?:\w+\s+){{0,2}}?from\s+(?:the\s+)?{LAST_PERIOD}(?P<a>{WHOLE_FIGURE})\b"
            rf"{NOT_UNIT}",
            re.I,
        ),
        lambda m: [word_value(m.group("a")) * abs(TIMES[m.group("how").lower()] - 1)],
    ),
    (  # "rose by a third from 9", "up 50% on last year's 6", "a 50% increase on last year's 6" (3): the change
        "a change by a share of a figure",
        LazyPattern(
            rf"(?:\b{_RISE}\s+(?:by\s+)?{_share()}|\b(?:an?\s+)?{_share('2')}\s+(?:increase|rise|fall|drop|decrease|reduction|"
            rf"fewer|more|less))\s+(?:\w+\s+){{0,2}}?(?:from|on|compared\s+(?:with|to)|against|than)\s+(?:the\s+|a\s+)?{LAST_PERIOD}(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}",
            re.I,
        ),
        share_of_change,
    ),
    (  # "rose 7.5% to 43", "fell by 2.5% to 39": the figure it changed from, and the change (3, 1)
        "a change by a percentage to a figure",
        LazyPattern(
            rf"\b(?P<how>{CHANGE_UP}|{CHANGE_DOWN})\s+(?:by\s+)?(?:about\s+|around\s+|some\s+)?{_CHANGE_PC}"
            rf"(?:,?\s+to|,?\s+(?:reaching|to\s+reach|(?:and\s+)?now\s+(?:stands?|stood)\s+at|to\s+stand\s+at))\s+"
            rf"(?:a\s+total\s+of\s+)?(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}{_NOT_MONEY}",  # "7.5 percent, reaching 43"
            re.I,
        ),
        base_of_change,
    ),
    (  # "fell by a tenth to 36", "rose by a quarter to 15", "rose by ten per cent to 44": the change (4, 3, 4)
        "a change by a fraction in words to a figure",
        LazyPattern(
            rf"\b(?P<how>{CHANGE_UP}|{CHANGE_DOWN})\s+(?:by\s+)?(?:about\s+|around\s+|some\s+)?{_WORD_SHARE}"
            rf",?\s+(?:to|reaching)\s+(?:a\s+total\s+of\s+)?(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}{_NOT_MONEY}",
            re.I,
        ),
        base_of_fraction,
    ),
    (  # "reached 43, up 7.5% on last year", "43 (+7.5%)", "43 (up 7.5%)": the change (3)
        "a figure then up or down by a percentage",
        LazyPattern(
            rf"(?<![\w.,£$€/-])(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}{_NOT_MONEY}\s*(?:,\s*|\(\s*)(?P<how>up|down|\+|-|−)\s*(?:by\s+)?"
            rf"{_CHANGE_PC}",
            re.I,
        ),
        base_of_change,
    ),
    (  # "Registrations were 43, a 7.5% increase", "43 children, 7.5% more than last year": the change (3)
        "a figure then its change by a percentage",
        LazyPattern(
            rf"(?<![\w.,£$€/-])(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}{_NOT_MONEY}[^.;:!?%\d]{{0,60}}?,?\s*(?:an?\s+|which\s+is\s+|up\s+|down\s+)?"
            rf"{_CHANGE_PC}\s+(?P<how>increase|rise|fall|drop|decrease|reduction|more|fewer|less|higher|lower|up|down)\b",
            re.I,
        ),
        base_of_change,
    ),
    (  # "Secure placements were 12, a third more than last year", "12 this year, a third up on last year": from 9, 3
        "a figure then its change by a fraction in words",
        LazyPattern(
            rf"(?<![\w.,£$€/-])(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}{_NOT_MONEY}[^.;:!?%\d]{{0,40}}?,\s*(?:which\s+is\s+|some\s+|about\s+)?"
            rf"{_WORD_SHARE}\s+(?P<how>more|fewer|less|higher|lower|up|down)\b",
            re.I,
        ),
        base_of_fraction,
    ),
    (  # "went up from 9 last year; this year there were a third more" (3): a fraction of the figure it is from
        "a change by a fraction in words of a figure said before it",
        LazyPattern(
            rf"\b(?:from|on)\s+(?:the\s+)?{LAST_PERIOD}(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}{_NOT_MONEY}[^.!?\d%]{{0,60}}?"
            rf"(?<![\w-]){_WORD_SHARE}\s+(?:more|fewer|less|higher|lower|up|down)\b",
            re.I,
        ),
        share_of_figure_before,
    ),
    (  # "Of the 20 children, 8 were fostered and 8 in kinship care; the others ...", "The 20 children were in foster
        # care (8), kinship care (8) and residential care": the rest of a whole after its listed parts (4)
        "the rest of a whole after its listed parts",
        LazyPattern(
            rf"\b(?:(?:out\s+)?of\s+(?:the|these|those|our|all)?|the|these|those|our|all)\s*(?P<a>{WHOLE_FIGURE})\b{NOT_UNIT}"
            rf"(?P<rest>[^.!?]{{1,200}})",
            re.I,
        ),
        rest_of_listed,
    ),
    (  # "Of the 6 children referred, half were placed", "Of our 12 care leavers, a quarter are in work"
        "a fraction of a figure given before it",
        LazyPattern(
            rf"\b(?:out\s+)?of\s+(?:the|these|those|our|all)?\s*(?P<total>{WHOLE_FIGURE})\b{NOT_UNIT}[^.;:!?\d]{{1,80}}?,\s*"
            rf"(?:only\s+|just\s+|about\s+|exactly\s+)?(?P<frac>{FRACTION})\b(?!\s+of\b)",
            re.I,
        ),
        fraction_of,
    ),
    (  # "was restrained once", "absconded thrice", "went missing twice this year": events counted
        "once, twice, thrice",
        LazyPattern(
            r"\b(?:was|were|been|had|has|have|\w{3,}ed|went|ran|left|took|fell)\s+(?:[\w'’-]+\s+){0,3}?"
            r"(?P<k>once|twice|thrice)\b(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|during|this|last|between|since|over|that|"
            r"and|but|before|after|while|when|within|only|each|at\s+(?:home|school)))",
            re.I | re.M,
        ),
        lambda m: [{"once": 1, "twice": 2}.get(m.group("k").lower(), 3)],
    ),
    (  # "III children", "iii children", "IV young people": a count in Roman numerals before what it counts (not "Part III")
        "a count in Roman numerals",
        LazyPattern(
            rf"(?<![\w.-])(?P<r>II|III|IV|VI{{0,3}}|IX|X)\s+(?:(?i:[\w-]+)\s+){{0,2}}?(?i:{NOUNS})\b|"
            rf"(?<![\w.(\[-])(?P<rl>ii|iii|iv|vii{{0,2}}|ix)\s+(?i:{NOUNS})\b|"  # "iii children", not "(iii) children"
            rf"(?i:\b(?:{NOUNS}))\s*:\s*(?P<r2>I|II|III|IV|VI{{0,3}}|IX|X)(?=\s*(?:[.,;)]|$))",
            re.M,
        ),  # "placements: III."
        roman_count,
    ),
]
