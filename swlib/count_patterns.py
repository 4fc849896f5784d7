"""The pieces of pattern a count in free text is written with, shared by the forms of a count
(``count_forms``, ``figure_said``, ``multiples``, ``events_listed``) and the readers of what they
find (``count_readers``): a whole figure in digits or words, the units after a figure that make it
no count, "last year's" before a figure, the nouns of one person, and the words that make a change
one of a rate rather than of a count.
"""

from __future__ import annotations

import re

from .number_words import WORD, LazyPattern

WHOLE_FIGURE = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD})"  # a whole figure, in digits or words
ONE_PERSON_NOUNS = (r"child|young\s+person|person|adult|man|woman|boy|girl|baby|infant|family|carer|client|service\s+user|"
         r"patient|individual|offender|prisoner|resident|parent|pupil|victim|case|referral|death|placement|complaint|"
         r"registration|re-registration|order|admission|application|investigation|allegation|incident|detention|"
         r"hearing|breakdown|household|sibling|worker|social\s+worker")  # fmt: skip
# "last quarter's", "the previous year's figure of": words between a change and the figure it changed from
LAST_PERIOD = (r"(?:(?:(?:last|the\s+previous|the\s+last|previous|this\s+time\s+last)\s+(?:year|quarter|month)['’]s|"
         r"(?:last|the\s+previous|previous)\s+(?:year|quarter|month)|the\s+year\s+before['’]?s?)\s+)?"
         r"(?:figure\s+of\s+|total\s+of\s+)?")  # fmt: skip
NOT_UNIT = r"(?!\s*(?:%|per\s*cent|percent|days?|weeks?|months?|years?|hours?|minutes?|[.,]\d))"
# the verbs of a change up or down ("rose", "went up"; "fell", "declined"), as a multiple, a change by a
# percentage to a figure and a share that is a change read them
CHANGE_UP = r"rose|risen|increased|went\s+up|gone\s+up|grew|grown|climbed|up"
CHANGE_DOWN = r"fell|fallen|decreased|dropped|reduced|declined|went\s+down|gone\s+down|down"

# a change in a rate, an average or a score is no count: "the rate (per 1,000 population) of
# readmission increased slightly from 121 to 125"
NOT_COUNTS = LazyPattern(r"%|\b(rates?|per\s+(?:1,?000|10,?000|100,?000|cent|head|capita)|percentages?|proportions?|"
                         r"averages?|mean|median|ratios?|(?<!\ba\s)scores?|a\s+score(?=\s+of\s+\d)|index|indices)\b", re.I)  # fmt: skip
