"""One person in free text: a sentence about what happened to one person ("A 15-year-old girl
was placed in secure care in May"), a count of one and someone a local reader may know.
"""

from __future__ import annotations

import re

from .number_words import MONTH_NAMES, NUMBER_WORDS, LazyPattern
from .text_windows import SENTENCE

# one person in a sentence about what happened to them: "A 15-year-old girl was placed in secure care
# in May", "The death of a looked after child in July is subject to a review", "a young person in our
# care died"; not the rule for any child ("where a child is placed", "the death of a child is always
# reviewed"): the event is past or dated, and no "where", "if" or "every" makes it a rule
ONE_PERSON = "describes one person"
_ONE = (r"(?:looked[-\s]after\s+|young\s+|care[-\s]experienced\s+|vulnerable\s+|older\s+|disabled\s+)*"
        r"(?:child|young\s+person|person|adult|man|woman|boy|girl|baby|infant|teenager|toddler|pupil|resident|"
        r"patient|service\s+user|carer|parent|mother|father|care\s+leaver|offender|prisoner|victim|individual)"
        r"(?!['’]s|\s+(?:and|or)\b)")  # fmt: skip
_AGE_WORDS = "|".join(w for w in NUMBER_WORDS if " " not in w and "-" not in w and NUMBER_WORDS[w] < 20)
_ONE_PERSON = LazyPattern(
    rf"\b(?:a|an|the|one)\s+(?:\d{{1,2}}|{_AGE_WORDS})[-\s]years?[-\s]old\b(?!s)|"  # "a 15-year-old girl"
    rf"\b(?:death|murder|killing|suicide|disappearance|abduction|assault|abuse|injury|serious\s+injury|"
    rf"detention|arrest|conviction|removal|case)\s+of\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_ONE}\b|"
    rf"\b(?:a|an|one|the)\s+(?:[\w-]+\s+){{0,2}}?{_ONE}\b(?:\s+[\w'’-]+){{0,5}}?\s+(?:died|had\s+died|has\s+died|"
    rf"absconded|went\s+missing|was\s+(?:killed|found|taken|removed|placed|detained|admitted|arrested|"
    rf"convicted|sentenced|harmed|injured|abused|accommodated|moved|seriously))\b",
    re.I,
)
# what makes it happen to one person at a time: past, or dated ("in July", "last year", "in 2023")
_HAPPENED = LazyPattern(rf"\b(?:was|were|died|had|occurred|happened|took\s+place|led|absconded|went|"
                       rf"is\s+(?:subject|being|under)|are\s+(?:subject|being)|remains?\s+under|"
                       rf"(?:in|on|during|since|by)\s+(?:early\s+|late\s+|mid-?)?(?:{MONTH_NAMES})\b|"
                       rf"last\s+(?:week|month|year|quarter)|earlier\s+this|this\s+(?:year|quarter|month)|"
                       rf"in\s+(?:19|20)\d\d)\b", re.I)  # fmt: skip
_A_RULE = LazyPattern(r"\b(?:where|when|whenever|if|unless|once|each|every|any|should|must|would|may|might|can|"
                     r"could|will|whether|until|before|after)\b", re.I)  # fmt: skip


# the same, said with any verb in the past: one person ("a care leaver", "one of our care leavers", "the
# young person") as who did it or to whom it was done ("took their own life", "Police arrested a looked
# after child", "We placed a young person"), at a time a reader can place ("in February", "last week")
# or in an event that is itself one person's ("passed away", "was arrested")
_ONE_PL = (r"(?:children|young\s+people|people|adults|men|women|boys|girls|babies|teenagers|pupils|residents|patients|"
           r"service\s+users|carers|parents|care\s+leavers|offenders|prisoners|victims|individuals)")  # fmt: skip
_ONE_WHO = (rf"(?:\b(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{_ONE}|\bone\s+of\s+(?:our|the|these|those|its|their)\s+"
            rf"(?:[\w-]+\s+){{0,2}}?{_ONE_PL}|\bone\s+(?:[\w-]+\s+)?{_ONE})\b")  # fmt: skip
_PAST = (r"(?:was|were|had|became|came|got|went|ran|left|fell|took|made|gave|told|stole|broke|lost|found|said|sat|"
         r"spent|kept|met|saw|sent|stayed|\w{2,}ed)\b")  # fmt: skip
_EVENT = LazyPattern(r"\b(?:died|passed\s+away|took\s+(?:their|his|her)\s+own\s+life|ended\s+(?:their|his|her)\s+"
                    r"(?:own\s+)?life|killed|murdered|arrested|charged|convicted|abducted|absconded|assaulted|"
                    r"attempted\s+suicide|self-harmed|overdosed|was\s+(?:found|taken|removed)|went\s+missing)\b", re.I)  # fmt: skip
_ONE_DID = LazyPattern(rf"{_ONE_WHO}\s+(?:\w+ly\s+)?{_PAST}|"  # who did it: "a care leaver took their own life"
                      rf"\b(?:\w{{3,}}ed|took|found|saw|met|lost|sent|kept|caught|brought)\s+{_ONE_WHO}"
                      r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|on|at|to|from|into|for|with|who|after|during|last|yesterday)\b)",
                      re.I)  # fmt: skip
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WHEN = LazyPattern(rf"\b(?:(?:in|on|during|since|by|from|until|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?"
                   rf"(?:{MONTH_NAMES})\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\b|"
                   rf"(?:last|this\s+past|earlier\s+this)\s+(?:week|weekend|night|month|{_DAYS})\b|yesterday|"
                   rf"on\s+(?:{_DAYS})\b|(?:{MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?\b)", re.I)  # fmt: skip


def _one_did(sentence: str) -> re.Match | None:
    """Where a sentence says what one person did or what was done to them, at a time a reader can
    place or in an event that is one person's; None for a rule ("if a young person is placed")."""
    for m in _ONE_DID.finditer(sentence):
        if _A_RULE.search(sentence, 0, m.start()):
            return None
        if _WHEN.search(sentence) or _EVENT.search(sentence, m.start()):
            return m
    return None


def one_person_in(text: str) -> list[str]:
    """Each sentence of free text about one person and what happened to them ("A 15-year-old girl
    was placed in secure care in May"), as "describes one person: <sentence>": a count of one, and a
    person a local reader may know, whatever the rest of the report suppresses."""
    if not isinstance(text, str):
        return []
    found = []
    for s in SENTENCE.finditer(text):
        m = _ONE_PERSON.search(s.group(0))
        if not m or _A_RULE.search(s.group(0)[: m.start()]) or not _HAPPENED.search(s.group(0), m.start()):
            if not _one_did(s.group(0)):
                continue
        found.append(f"{ONE_PERSON}: {' '.join(s.group(0).split())[:120]}")
    return found
