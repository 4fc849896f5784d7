"""Plain words: each council report's glossary holds the terms and abbreviations it uses, and no
others, and an abbreviation is spelled out the first time a reader meets it.

``plain_words(body, items)`` works on a report's rendered body: it reads what the report says
(its text, captions and alt text, the glossary aside), keeps the glossary entries whose term
the report uses, and writes "CJ SWS (Criminal Justice Social Work Services)" at an
abbreviation's first use in the text, never inside a name the council wrote: not in a proper name
it begins ("NHS Highland", a health board's name, is printed as written and NHS spelled out at its
first use on its own), nor in a title printed as written (a data source, "Highland CSWO statutory
return 2025/26", marked ``translate="no"`` in the template) (the contents list and the glossary are
left as they are; an abbreviation already spelled out there, "statistical process control (SPC)", is left alone).
An abbreviation inside brackets is spelled out at its next use outside them, not in them (no nested brackets).
``abbreviations(text)`` lists the upper-case words a text uses, for the test that fails on an
abbreviation a report's glossary lacks.
"""

from __future__ import annotations

import base64
import html
import re
from xml.etree import ElementTree

from .templating import macro

# Abbreviations the reports' data and narrative use, spelled out at first use and defined in the
# glossary. Longest first where one contains another ("CJ SWS" before "CJ" and "SW").
ABBREVIATIONS = {
    "CJ SWS": ("Criminal Justice Social Work Services", "the council's social work services for people in the "
               "justice system: court reports, community sentences and supervision after prison."),
    "CJSW": ("Criminal Justice Social Work", "social work with people in the justice system."),
    "CJ": ("criminal justice", "the courts, prosecution, police and prisons, and the social work that supports them."),
    "SW": ("social work", "the council's social work services."),
    "SWS": ("Social Work Services", "the council's social work services."),
    "SMT": ("Senior Management Team", "the service's most senior managers, who meet to run it."),
    "FOI": ("Freedom of Information", "a request for information held by the council, under the Freedom of "
            "Information (Scotland) Act 2002."),
    "EIR": ("Environmental Information Regulations", "a request for environmental information held by the "
            "council, under the Environmental Information (Scotland) Regulations 2004."),
    "SDS": ("self-directed support", "people choose how their social care is arranged, including a direct payment "
            "to buy it themselves."),
    "YPU": ("Young Persons' Unit", "a residential unit (a children's house) for young people looked after by the "
            "council."),
    "LA": ("local authority", "run by the council itself (a service's sector)."),
    "CALM": ("Crisis, Aggression, Limitation and Management", "training for staff in managing aggression and "
             "difficult incidents safely."),
    "ADM": ("Agency Decision Maker", "the senior officer who decides on permanence and adoption for the council."),
    "VISOR": ("Violent and Sex Offender Register", "the national database of people who pose a risk of serious "
              "harm."),
    "ICT": ("information and communication technology", "computers, networks and phones."),
    "IJB": ("Integration Joint Board", "the board the council and its health board set up together to plan and "
            "direct adult health and social care."),
    "NHS": ("National Health Service", "NHS Scotland and its health boards."),
    "SPSO": ("Scottish Public Services Ombudsman", "who looks into complaints about public services that have been "
             "through the council's own complaints procedure."),
    "COVID-19": ("coronavirus disease 2019", "the illness whose pandemic began in 2020."),
    "CPO": ("Community Payback Order", "a court order for unpaid work or supervision in the community."),
    "DTTO": ("Drug Treatment and Testing Order", "a court order requiring treatment and regular testing."),
    "MAPPA": ("Multi-Agency Public Protection Arrangements", "for managing people who pose a risk of serious harm."),
    "MHO": ("Mental Health Officer", "a social worker qualified to carry out duties under mental health law."),
    "CSWO": ("Chief Social Work Officer", "the officer every council must appoint to oversee social work services."),
    "LGBF": ("Local Government Benchmarking Framework", "the same measures published for all 32 Scottish councils."),
    "SPC": ("statistical process control", "a chart showing whether figures are changing by more than chance would "
            "explain."),
}  # fmt: skip

WORDS = {  # terms of the trade that are not abbreviations, with what shows a report uses them
    "Throughcare": (r"\bthroughcare\b", "support for a person leaving prison, from sentence to their return to the "
                    "community; a Throughcare Licence sets the conditions of their release."),
    "Grey mileage": (r"\bgrey mileage\b", "miles staff drive for work in their own vehicles, which the council pays "
                     "for."),
    # what an elected member met unexplained (COMMITTEE-4, finding 10): one line each
    "Real terms": (r"\breal terms\b", "adjusted for inflation to one year's prices (named beside the cost)."),
    "Assurance": (r"\bassurance not judged\b|\bno assurance\b", "whether an SPC chart's limits say the target "
                  "will be met."),
    "Care Inspectorate": (r"\bCare Inspectorate\b", "the national body that inspects and grades care services."),
    "Compulsory Treatment Order": (r"\bCompulsory Treatment Orders?\b", "a tribunal's order for "
                                   "treatment without consent."),
    "Guardianship": (r"\bguardianship\b", "a sheriff's order to make welfare decisions for an adult who cannot."),
    "Supervised Release Order": (r"\bSupervised Release Orders?\b", "social work supervision after a short prison "
                                 "sentence."),
    "Peer review": (r"\bpeer review\b", "a review of a child's plan by practitioners not involved in it."),
    "Pro rata": (r"\bpro rata\b", "in proportion: an annual target's share for the months so far."),
    "Children's Reporter": (r"\bChildren['’]s Reporter\b", "the official who decides whether a child needs a "
                            "Children's Hearing."),
    "Equipu": (r"\bEquipu\b", "the Lanarkshire councils' and NHS Lanarkshire's joint equipment store."),
    "Third sector": (r"\bthird sector\b", "charities, voluntary groups and social enterprises."),
    # COMMITTEE-5, finding 13: printed with no glossary entry
    "Planned Discharge Date": (r"\bPlanned Discharge Dates?\b", "the day, agreed early in a hospital stay, a "
                               "patient should be ready to go home, with care in place."),
    "Welfare Rights": (r"\bWelfare Rights\b", "advice and help to claim the benefits and other money a person is "
                       "entitled to."),
    "The Promise": (r"(?-i:\bThe Promise\b)", "Scotland's commitment (2020, after the Independent Care Review) "
                    "that children and young people in care grow up loved, safe and respected."),
    "Balance of care": (r"\bbalance of care\b", "the share cared for at home or in the community, not in a care "
                        "home, residential unit or hospital."),
    "Ring-fenced": (r"\bring-fenced\b", "money given for one purpose only, which may not be spent on anything "
                    "else."),
    "Integration Change Funding": (r"\bIntegration Change Fund(ing)?\b", "Scottish Government money to the IJB, "
                                   "beyond its core budget, to change how care is given."),
}  # fmt: skip

# what shows a report uses a term of the shared glossary (swlib/data/wording.yaml)
USES = {
    "Green, Amber, Red": r"\b(Green|Amber|Red)\b",
    "Report later": r"\bReport later\b",
    "Data only": r"\bData only\b",
    "To date": r"\bto date\b",
    "[c]": r"\[c\]",
    "SPC (statistical process control)": r"\bSPC\b",
    "Common cause variation": r"\bcommon cause\b",
    "Special cause variation": r"\bspecial cause\b",
    "Process limits": r"\bprocess limits\b|\bdashed limits\b",
    "Confidence interval": r"\bconfidence interval\b|\b95% interval\b",
    "Rank and quartile": r"\bquartile\b|\b\d+(st|nd|rd|th) of \d+\b",
    "Family group": r"\bfamily group\b",
    "MHO": r"\bMHOs?\b|\bmental health officer\b",
    "IJB": r"\bIJBs?\b|\bIntegration Joint Boards?\b",  # a report that writes the name out uses it too
    "CSWO": r"\bCSWOs?\b",
    # a chart's axis, its alt text: "23/24 H1" (not "2023/24 first half", which needs no glossary: COMMITTEE-9 #10)
    "H1, H2": r"\b\d\d/\d\d H[12]\b",
    "Permanence": r"\bpermanence\b",
    "Stage 1, Stage 2": r"\bStage [12]\b",
    "Over-dispersion (φ, τ²)": r"\bover-dispersion\b",  # the national overview's
}
NOT_ABBREVIATIONS = re.compile(r"^([QH]\d|UTC|(SW|CHN)\d+[a-z]?|C\d+)$")  # periods, the clock, LGBF and plan codes


# every abbreviation in one pattern, longest first: at each place the longest one is the one used
ANY_ABBREVIATION = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")s?(?![\w-])"
)


def items() -> list[tuple[str, str]]:
    """Every abbreviation and term a council report may use, as (term, meaning)."""
    return [(a, f"{e}, {m}") for a, (e, m) in ABBREVIATIONS.items()] + [(t, m) for t, (_, m) in WORDS.items()]


def _pattern(term: str) -> str:
    if term in USES:
        return USES[term]
    if term in WORDS:
        return WORDS[term][0]
    return rf"\b{re.escape(term)}\b"  # an abbreviation's use is found by ANY_ABBREVIATION (``used``)


def used(entries: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """The glossary entries whose term the text uses (each once, in the order given). An
    abbreviation inside a longer one ("SW" in "CJ SWS") is not a use of it."""
    return _Reading(text).used(entries)


# no term's use is longer than this many characters: a use that runs into words joined after a text lies
# within this much of the text's end
_TAIL = 4096


class _Reading:
    """What one text uses (``used``), and what it uses with more words joined after it (``text + " "
    + extra``: the glossary's own meanings, ``glossary_used``) without reading the text again: a
    term found in the text is found with the words after it too; one that is not can only be
    found in the last ``_TAIL`` characters and what follows them (the search starts there, seeing
    the characters before, so its word boundaries are the whole text's)."""

    def __init__(self, text: str):
        self.text, self._hits = text, {}
        self._abbreviations = [(m.start(), m.end(), m.group(1)) for m in ANY_ABBREVIATION.finditer(text)]

    def _found(self, joined: str) -> set[str]:  # ANY_ABBREVIATION's finds in ``joined``, scanned as from its start
        cut = len(self.text) - _TAIL
        before = [(a, b, g) for a, b, g in self._abbreviations if a < cut]
        resume = max(cut, before[-1][1] if before else 0)
        return {g for _, _, g in before} | {m.group(1) for m in ANY_ABBREVIATION.finditer(joined, max(resume, 0))}

    def _hit(self, pattern: str, flags: int, joined: str | None) -> bool:
        if (pattern, flags) not in self._hits:
            self._hits[pattern, flags] = re.search(pattern, self.text, flags) is not None
        if self._hits[pattern, flags] or joined is None:
            return self._hits[pattern, flags]
        return re.compile(pattern, flags).search(joined, max(len(self.text) - _TAIL, 0)) is not None

    def used(self, entries: list[tuple[str, str]], extra: str | None = None) -> list[tuple[str, str]]:
        """``used`` of the text, or of ``text + " " + extra``."""
        joined = None if extra is None else self.text + " " + extra
        found = {g for _, _, g in self._abbreviations} if joined is None else self._found(joined)  # longest first
        out, seen = [], set()
        for term, meaning in entries:
            if term in ABBREVIATIONS and term not in USES:
                hit = term in found
            else:
                flags = 0 if term in ("Green, Amber, Red", "[c]", "H1, H2") else re.IGNORECASE
                hit = self._hit(_pattern(term), flags, joined)
            if hit and term in ABBREVIATIONS and term in USES and term not in found:
                term, meaning = written_out(term, meaning)  # "Mental health officer services": no MHO to define
            if hit and term not in seen:
                out.append((term, meaning))
                seen.add(term)
        return out


def written_out(abbr: str, meaning: str) -> tuple[str, str]:
    """The glossary entry of an abbreviation a report writes out in full and never abbreviates,
    under the words the reader meets ("Integration Joint Board": the board ..., not "IJB")."""
    name = ABBREVIATIONS[abbr][0]
    if meaning.lower().startswith(name.lower() + ", "):
        meaning = meaning[len(name) + 2 :]
    return name, meaning


def glossary_used(entries: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """``used``, and the entries the kept entries' own meanings use ("NHS" in Equipu's): the
    glossary is part of the report, so it holds every term it uses too."""
    reading = _Reading(text)  # the text read once, for every pass
    keep = reading.used(entries)
    while True:
        more = reading.used(entries, " ".join(m for _, m in keep))
        if [t for t, _ in more] == [t for t, _ in keep]:
            return keep
        keep = more


def abbreviations(text: str) -> set[str]:
    """The upper-case words (two or more capitals: CJ, SDS, COVID-19) a text uses."""
    found = set(re.findall(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-\d+)?(?=s?(?![\w-]))", text))
    return {a for a in found if not NOT_ABBREVIATIONS.match(a)}


def undefined(text: str, defined: set[str]) -> set[str]:
    """The abbreviations a text uses that no glossary term defines ("SPC (statistical process
    control)" defines SPC; "CJ SWS" covers the SWS inside it)."""
    keys = sorted({d.split(" (")[0] for d in defined}, key=len, reverse=True)
    for k in keys:
        text = re.sub(rf"(?<![\w-]){re.escape(k)}s?(?![\w-])", " ", text)
    return abbreviations(text)


GLOSSARY_BLOCK = re.compile(r'<(dl)\b[^>]*\bclass="glossary"[^>]*>.*?</\1>', re.S)  # a pattern that reads markup
# what no abbreviation is spelled out in: the contents, the glossary, and a name printed as written
# (an element marked translate="no", HTML's mark for a name to keep as it is: a data source's title)
SKIP = re.compile(r'^<(nav|title|style|script|dl class="glossary"|\w+(?=\s[^>]*\btranslate="no"))[\s>]')


def visible_text(body: str) -> str:
    """What a reader meets in the body, the glossary aside: its text, and its images' alt text."""
    rest = GLOSSARY_BLOCK.sub(" ", body)
    alts = " ".join(html.unescape(a) for a in re.findall(r'\balt="([^"]*)"', rest))
    rest = re.sub(r"<(style|script)\b.*?</\1>", " ", rest, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", rest)) + " " + alts + " " + chart_text(rest)


def chart_text(body: str) -> str:
    """The words the body's charts print (their SVG's text, drawn in an image): a chart's axis
    reading "23/24 H1" uses H1 (COMMITTEE-9 #10: "first half" in its alt text stood for it, and
    put "H1, H2" in the glossary of a report that only ever wrote "2023/24 first half")."""
    out, read = [], {}  # a drawing the body holds twice (a chart shown on screen and printed alike) read once
    for data in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", body):
        if data not in read:
            try:  # the SVG read as XML: each text element's words (a tspan's too)
                root = ElementTree.fromstring(base64.b64decode(data))
            except ElementTree.ParseError:
                read[data] = []
                continue
            read[data] = ["".join(e.itertext()) for e in root.iter() if str(e.tag).rsplit("}", 1)[-1] == "text"]
        out += read[data]
    return " ".join(out)


def expand_first_use(body: str) -> str:
    """Each abbreviation spelled out where the reader first meets it in the text (not in the
    contents list, the glossary or an image), unless it is spelled out there already."""
    done: set[str] = set()
    order = sorted(ABBREVIATIONS, key=len, reverse=True)
    pieces = re.split(r"(<[^>]+>)", body)
    skip_until = None
    for i, piece in enumerate(pieces):
        if piece.startswith("<"):
            if skip_until is None:
                m = SKIP.match(piece)
                if m:
                    skip_until = "</" + m.group(1).split()[0] + ">"
            elif piece.startswith(skip_until):
                skip_until = None
            continue
        if skip_until is not None or not piece.strip() or not ANY_ABBREVIATION.search(piece):
            continue
        pieces[i] = _expand(piece, order, done)
    return "".join(pieces)


# a proper name an abbreviation begins ("NHS Fife", "NHS Greater Glasgow and Clyde", "MAPPA
# Co-ordinator"): capitalised words after it (not another abbreviation), "and" or "of" between them
PROPER_NAME = re.compile(
    r"[ \u00a0]+[A-Z][a-z][\w'’-]*(?:[ \u00a0]+(?:(?:and|of|&amp;)[ \u00a0]+)?[A-Z][a-z][\w'’-]*)*"
)


def _expand(text: str, order: list[str], done: set[str]) -> str:
    taken: list[tuple[int, int]] = []  # spans already claimed by a longer abbreviation
    inserts: list[tuple[int, str]] = []
    for abbr in order:
        if abbr not in text:  # most are not: no pattern looked up and run for them
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(s?)(?![\w-])", text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if abbr in done:  # spelled out before: its words are its own, not a shorter one's
                taken.append((m.start(), m.end()))
                continue
            if not m.group(1) and PROPER_NAME.match(text, m.end()):  # "NHS Highland": a name, kept as written
                taken.append((m.start(), m.end()))
                continue
            if text.count("(", 0, m.start()) > text.count(")", 0, m.start()) and text[m.end() : m.end() + 1] != ")":
                taken.append((m.start(), m.end()))  # in brackets: spelled out there it would nest them
                continue  # ("(the LGBF (Local Government ...)'s figures)"): at its next use instead
            done.add(abbr)
            expansion = ABBREVIATIONS[abbr][0]
            before = html.unescape(text[: m.start()]).lower()  # the same line (a title, a cell) has the words
            after = html.unescape(text[m.end() : m.end() + len(expansion) + 12]).lower()
            # spelled out before it in the same text or just after it, or named in brackets after its words
            bracketed = text[max(0, m.start() - 1) : m.start()] == "(" and text[m.end() : m.end() + 1] == ")"
            if expansion.lower() not in before and expansion.lower() not in after and not bracketed:
                inserts.append((m.end(), f" ({html.escape(expansion)})"))
            taken.append((m.start(), m.end()))
            break
    for pos, extra in sorted(inserts, reverse=True):
        text = text[:pos] + extra + text[pos:]
    return text


def plain_words(body: str, entries: list[tuple[str, str]]) -> str:
    """The rendered body with its glossary cut to the terms it uses and each abbreviation spelled
    out at first use (see the module's note)."""
    body = expand_first_use(body)
    keep = glossary_used(entries, visible_text(body))
    glossary = str(macro("glossary", keep))
    return GLOSSARY_BLOCK.sub(lambda _: glossary, body, count=1)
