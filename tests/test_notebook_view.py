"""The report in a notebook's last cell carries its own stylesheet, scoped to a wrapper."""

import re

import swlib
from swlib.notebook_view import SCOPE, WRAPPER, ReportBody, notebook_css, report_html
from swlib.templating import macro

CSS_RULES = re.compile(r"^(?P<selectors>[^{]+)\{(?P<body>[^}]*)\}$", re.M)


def test_a_report_body_shows_in_a_notebook_with_the_report_stylesheet_in_a_wrapper():
    body = ReportBody(macro("paragraph", "Report later: 3 measures"))
    shown = body._repr_html_()
    assert shown.startswith(f'<div class="{WRAPPER}"><style>') and shown.endswith(
        "<p>Report later: 3 measures</p></div>"
    )
    assert notebook_css() in shown and str(body) in shown
    assert str(body) == "<p>Report later: 3 measures</p>"  # the body itself, as the exported page holds it
    assert report_html(shown) == str(body)  # what the export puts in the page
    assert report_html("<p>other output</p>") == "<p>other output</p>"
    joined = body + macro("paragraph", "more")  # a body added to stays a report body
    assert isinstance(joined, ReportBody) and joined._repr_html_().startswith(f'<div class="{WRAPPER}">')


def test_every_rule_of_the_report_applies_inside_the_wrapper_only_and_outweighs_the_notebooks():
    rules = {m["selectors"].strip(): m["body"].strip() for m in CSS_RULES.finditer(notebook_css())}
    first = next(iter(rules))
    assert first.startswith(f"{SCOPE} :where(") and "table" in first and rules[first] == "all: revert;"
    for selectors in rules:
        for sel in re.split(r",\s*(?![^(]*\))", selectors):
            assert sel.startswith((SCOPE, f".{WRAPPER}")), sel
    # the rules JupyterLab's table styles broke: borders, left-aligned cells, normal weight, coloured icons
    assert rules[f"{SCOPE} th, {SCOPE} td"].startswith("border: 1px solid var(--rule);")
    assert "text-align: left" in rules[f"{SCOPE} th, {SCOPE} td"]
    assert rules[f"{SCOPE} tbody th"] == "font-weight: 400;"
    assert rules[f"{SCOPE} .status-green .icon"] == "color: #00703c;"
    assert rules[f".{WRAPPER}"].startswith("--ink: #1b1b1b;")  # the report's colours
    assert "@media" not in notebook_css() and "@page" not in notebook_css()  # a notebook is not printed


def test_swlib_report_is_a_report_body():
    from swlib import notebook_view, templating

    assert swlib.report.__doc__ and notebook_view.report.__module__ == "swlib.notebook_view"
    assert issubclass(ReportBody, templating.Fragment)
