"""The report in a notebook's last cell, as the reader will see it: ``report`` (``swlib.report``)
lays out a report's body from its template and the notebook's one context, cuts its glossary to
the words it uses, and shows it with the report's stylesheet.

JupyterLab styles every table in an output its own way (bold, right-aligned cells, no borders,
striped rows) and has no stylesheet of the report's, so the report body shown in a notebook
looked nothing like the page a reader opens. Shown in a notebook, a report body carries the
report's stylesheet in a wrapper (``templates/notebook/report.html.j2``), every rule scoped to
that wrapper with an id's weight (``:not(#swreport-none)``: more than any class-based rule of
JupyterLab's, Jupyter Notebook's or VS Code's), after a reset (``all: revert``, of no more weight
than the report's own rules) that takes the notebook's styles off the elements a report is made
of. Print rules are left out (a notebook is not
printed). The exported HTML is unchanged: ``report_html`` takes the wrapper off again before
nbconvert puts the body in the page, whose head holds the stylesheet as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from .errors import ConfigError
from .glossary import expand_first_use, plain_words
from .reports import REPORTS
from .templating import Fragment, environment, named_template, outline, render, report_css, sections

WRAPPER = "swreport-nb"
SCOPE = f".{WRAPPER}:not(#swreport-none)"  # the wrapper, with an id's weight
# the elements a report is made of: the notebook's styles for them are reverted, the report's then apply
RESET = (
    "h1, h2, h3, h4, h5, h6, p, a, abbr, strong, em, span, div, section, nav, ul, ol, li, dl, dt, dd, table, "
    "caption, thead, tbody, tfoot, tr, th, td, figure, figcaption, img, blockquote, hr, code, pre"
)


def _split(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside brackets (``:is(h2, h3)`` stays whole)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a stylesheet without comments."""
    out, depth, start, head = [], 0, 0, ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                head, start = css[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append((head, css[start:i].strip()))
                start = i + 1
    return out


def _selector(sel: str) -> str:
    if sel == ":root":
        return f".{WRAPPER}"  # the report's colours, for everything inside the wrapper
    if sel in ("body", "html"):
        return SCOPE
    return f"{SCOPE} {sel}"


def scope_css(css: str) -> str:
    """``css`` with every rule applying only inside the wrapper, after the reset; ``@media print``
    and other at-rules left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = [f"{SCOPE} :where({RESET}) {{ all: revert; }}"]  # no more weight than any rule of the report's
    for head, body in _blocks(css):
        if head.startswith("@"):
            continue
        rules.append(f"{', '.join(_selector(s) for s in _split(head))} {{ {body} }}")
    return "\n".join(rules)


@lru_cache(maxsize=1)
def notebook_css() -> str:
    return scope_css(report_css())


def notebook_html(body) -> str:
    """The report ``body`` as a notebook shows it: in the wrapper, with the scoped stylesheet."""
    return str(render("notebook/report.html.j2", wrapper=WRAPPER, css=Markup(notebook_css()), body=Markup(body)))


@lru_cache(maxsize=1)
def _around() -> tuple[str, str]:
    mark = "\x00body\x00"
    head, _, tail = notebook_html(mark).partition(mark)
    return head, tail


def report_html(html: str) -> str:
    """The report body from a notebook output (``notebook_html``'s); any other HTML as it is."""
    head, tail = _around()
    if html.startswith(head) and html.endswith(tail):
        return html[len(head) : len(html) - len(tail)]
    return html


class ReportBody(Fragment):
    """A report's body (``swlib.report``): shows in a notebook with the report's stylesheet."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return notebook_html(self)


def report(report: str, context: dict) -> Fragment:
    """A report's whole body from its template and the notebook's one context."""
    missing = [s["id"] for s in sections(report) if s.get("needs", True) and s["id"] not in context]
    if missing:
        raise ConfigError(
            f"the {report} report's context has no data for the section(s) {', '.join(missing)}: "
            f"the notebook must set them (templates/{report}/report.html.j2 lists the sections)"
        )
    with named_template(f"{report}/report.html.j2"):
        layout = environment().get_template(f"{report}/report.html.j2").module
    body = render("shared/report.html.j2", layout=layout, sections=outline(report, context), ctx=context)
    if REPORTS[report].per_council and context.get("glossary"):  # the glossary of the words it uses; CJ spelled out
        body = Fragment(plain_words(str(body), list(context["glossary"])))
    elif context.get("glossary"):  # the national overview's glossary is its own list; abbreviations spelled out
        body = Fragment(expand_first_use(str(body)))  # where first met, as in a council's (COMMITTEE-8 #12: NHS)
    return ReportBody(body)  # in a notebook: with the report's stylesheet
