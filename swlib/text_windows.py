"""Where to look around a figure in free text: the sentence and the paragraph it is in, and the
window before it that a pattern ending at the figure is searched in, so that the small-number
checks take time that grows with the length of a text, not with its square.
"""

from __future__ import annotations

import re

from .number_words import AGE_OR_LABEL, LazyPattern

# The small-number checks look at the words just before or after a figure. Each looks at the text around
# the figure only (``ending_at``, ``sentence_start``), never at all the text before it, so that the
# work grows with the length of the text, not with its square: a narrative of 1 MB is checked as
# fast, paragraph for paragraph, as one of 1 KB. Each window is as wide as the pattern can reach.
_STOP = LazyPattern(r"[.!?;]\s")  # where a sentence ends: re.split(_STOP, text[:i])[-1] is the sentence before i
LABEL_CHAIN = frozenset(",&-adnortADNORT")  # what "quarters 2 and 4" has after its word, with digits and spaces
_CHAIN_CAP = 2000  # a chain of figures after a label word is followed this far back, no further


def _run_start(text: str, end: int, chars: frozenset = frozenset(), cap: int = _CHAIN_CAP) -> int:
    """Where the run of whitespace (digits too, and ``chars``, when ``chars`` is given) that ends at
    ``end`` starts, looking back ``cap`` characters at most."""
    i, stop = end, max(0, end - cap)
    while i > stop and (text[i - 1].isspace() or (chars and (text[i - 1].isdecimal() or text[i - 1] in chars))):
        i -= 1
    return i


def ending_at(pattern: re.Pattern, text: str, end: int, chars: frozenset = frozenset(), key: int = 16):
    """``pattern.search(text[:end])`` for a pattern that ends in ``$`` after a word of at most ``key``
    characters and a tail of whitespace (and ``chars``): searched from where that tail starts. A tail
    of whitespace longer than ``_CHAIN_CAP`` is searched whole (few figures can follow one); a chain of
    figures after a label word is followed back ``_CHAIN_CAP`` characters only, so that a table of
    figures stays linear (a figure further from its label is then checked as a count)."""
    start = _run_start(text, end, chars)
    if not chars and start == end - _CHAIN_CAP:
        return pattern.search(text, 0, end)
    return pattern.search(text, max(0, start - key), end)


def age_or_label_before(text: str, end: int) -> bool:
    """``AGE_OR_LABEL.search(text[:end])``: its words ("between the ages of") may have spaces in them."""
    lo = max(0, _run_start(text, end, cap=end) - 200)
    if AGE_OR_LABEL.search(text, lo, end):
        return True
    return lo > 0 and re.search(r"\s{40}", text[lo:end]) is not None and bool(AGE_OR_LABEL.search(text, 0, end))


def sentence_start(text: str, end: int) -> int:
    r"""Where the sentence that ``end`` is in starts: ``re.split(r"[.!?;]\s", text[:end])[-1]`` is
    ``text[sentence_start(text, end):end]``, found in work that grows with the sentence's length."""
    size = 256
    while True:
        lo, last = max(0, end - size), None
        for last in _STOP.finditer(text, lo, end):  # noqa: B007 - the last one is wanted
            pass
        if last is not None:
            return last.end()
        if lo == 0:
            return 0
        size *= 4


# a sentence of free text: ";" joins its clauses; a line break ends it before a blank line or a list item
SENTENCE = LazyPattern(r"(?:[^.!?\n]|[.!?](?![\s)]|$)|\n(?![ \t]*(?:\n|[|*+#>-]|\d+[.)]\s)))+")  # ";" joins its clauses
# a paragraph: a block with no blank line in it
PARAGRAPH = LazyPattern(r"(?:[^\n]|\n(?![ \t]*\n))+")  # a block: no blank line in it
