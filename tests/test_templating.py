"""The presentation layer: Jinja2 templates with autoescaping, and no HTML in swlib's Python."""

import ast
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

import swlib
from swlib import templating
from swlib import views as s

HTML_TAG = re.compile(  # not a regular expression's named group, "(?P<a>...)"
    r"(?<!\?P)</?(a|abbr|br|body|caption|circle|dd|div|dl|dt|em|figcaption|figure|h[1-6]|h\{\}|head|html|img|li|meta|nav|ol|p|path"
    r"|section|span|strong|style|svg|table|tbody|td|text|th|thead|title|tr|ul)(?![\w-])[^<>]*>",
    re.IGNORECASE,
)


def _strings(tree: ast.AST):
    """Every string constant of a module, f-string parts included, except docstrings and the patterns
    given to re.compile."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
        # a regular expression that reads HTML (re.compile's pattern) writes none
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile":
            if node.args and isinstance(node.args[0], ast.Constant):
                docstrings.add(id(node.args[0]))
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # an f-string: its text with "{}" where the values go
            parts = []
            for v in node.values:
                inside.add(id(v))
                parts.append(v.value if isinstance(v, ast.Constant) else "{}")
            yield node.lineno, "".join(parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and id(node) not in inside:
                yield node.lineno, node.value


def test_swlib_holds_no_html_tag_in_a_python_string():
    found = []
    for f in sorted(Path(swlib.__file__).parent.rglob("*.py")):
        if f.name == "templating.py":  # the loader itself
            continue
        if f.parent.name == "charts" and f.name == "svg.py":  # the one SVG writer: every text escaped (test_charts)
            continue
        for line, text in _strings(ast.parse(f.read_text(encoding="utf-8"))):
            if HTML_TAG.search(text):
                found.append(f"{f.name}:{line}: {text[:60]!r}")
    assert not found, "HTML belongs in swlib/templates/:\n" + "\n".join(found)


def test_the_grep_finds_html_where_there_is_some(tmp_path):
    tree = ast.parse('x = f"<td class={1}>"\ny = "a < b and c > d"\nz = f"<h{2} id=x>"\n')
    assert [HTML_TAG.search(t) is not None for _, t in _strings(tree)] == [True, False, True]


def test_templates_escape_every_value_and_pass_sanitised_text_once():
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    html = templating.macro(
        "frame_table", s.frame_view(__import__("pandas").DataFrame({payload: [payload], "b": [payload]}), payload)
    )
    page = BeautifulSoup(html, "html.parser")
    assert not page.select("script") and not page.select("img")
    assert page.caption.get_text() == payload  # shown as text, not run
    comment = swlib.narrative.comment_html('<p onclick="x()">Seen <strong>today</strong></p><script>x</script>')
    assert isinstance(comment, Markup) and "onclick" not in comment and "<script" not in comment
    assert "<strong>today</strong>" in templating.macro("narrative", comment, "none")
    plain = swlib.narrative.comment_html("line one\n<b>line & two")
    assert "<b>" in plain  # a bold tag is kept by the sanitiser...
    assert str(swlib.narrative.comment_html("one\ntwo & three")) == "one<br>two &amp; three"  # ...plain text escaped


def test_adding_plain_text_to_a_fragment_escapes_it():
    joined = templating.macro("paragraph", "a") + "<b>"
    assert isinstance(joined, templating.Fragment) and str(joined) == "<p>a</p>&lt;b&gt;"
    assert joined._repr_html_() == str(joined)


def test_the_contents_come_from_the_templates_list_of_sections():
    titles = [x["title"] for x in templating.sections("quarterly")]
    # "At a glance" opens the committee paper, unnumbered, before the numbered sections
    assert titles[:4] == ["At a glance", "Summary of measures", "How to read the tables", "Performance by theme"]
    ctx = {"performance": {"parts": [{"id": "theme-a", "title": "A"}, {"id": "theme-b", "title": "B"}]}}
    outline = templating.outline("quarterly", ctx)
    perf = next(x for x in outline if x["id"] == "performance")
    assert perf["text"] == "3. Performance by theme" and [p["text"] for p in perf["parts"]] == ["3.1 A", "3.2 B"]
    attention = next(x for x in outline if x["id"] == "attention")
    assert attention["parts"] == []  # its parts are measures, unnumbered
    assert templating.section_title("annual", "finance") == "5. Finance"


def test_a_context_missing_a_section_says_which_and_where_the_list_is():
    with pytest.raises(
        swlib.ConfigError, match=r"no data for the section\(s\) glance, summary, performance.*report.html.j2"
    ):
        swlib.report("quarterly", {"service": "x", "period": swlib.Period.parse("2021-22-Q2"), "synthetic": False})


def test_a_misspelt_name_in_a_template_is_an_error_not_a_blank(tmp_path, monkeypatch):
    import jinja2

    env = templating.environment()
    t = env.from_string("{{ ctx.titel }}")
    with pytest.raises(jinja2.UndefinedError):
        t.render(ctx={"title": "x"})
    assert env.from_string("{% if ctx.note %}x{% endif %}y").render(ctx={}) == "y"  # an optional field: false


def test_a_broken_template_is_named_with_its_line_in_words(tmp_path, monkeypatch):
    """An analyst who misspells a name in a report's template reads the file, the line and the
    name, not a traceback through the template's frames."""
    import shutil

    root = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, root)
    q = root / "quarterly" / "report.html.j2"
    q.write_text(
        q.read_text().replace(
            "{{ ctx.service }} Performance Report {{ P.fy_id", "{{ ctx.servce }} Performance Report {{ P.fy_id"
        )
    )
    line = next(i for i, text in enumerate(q.read_text().splitlines(), start=1) if "ctx.servce" in text)
    monkeypatch.setattr(templating, "TEMPLATES", root)
    templating.environment.cache_clear()
    try:
        ctx = {s["id"]: {} for s in templating.sections("quarterly")}
        ctx.update(service="x", period=swlib.Period.parse("2021-22-Q2"), synthetic=False)
        with pytest.raises(swlib.ConfigError) as e:
            swlib.report("quarterly", ctx)
        assert str(e.value) == (
            f"templates/quarterly/report.html.j2, line {line}: UndefinedError: 'dict object' has no attribute 'servce'"
        )
    finally:
        templating.environment.cache_clear()


def test_a_template_that_does_not_parse_is_named_with_its_line_in_words(tmp_path, monkeypatch):
    """A syntax error (here: 'none' is Jinja's constant, not a name to set) says file and line,
    in the notebook and so in the run's message, not an empty CellExecutionError."""
    import shutil

    root = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, root)
    q = root / "quarterly" / "report.html.j2"
    text = q.read_text().splitlines()
    line = next(i for i, t in enumerate(text, start=1) if t.startswith("{% macro glance"))
    text.insert(line, "{% set none = 1 %}")
    q.write_text("\n".join(text) + "\n")
    monkeypatch.setattr(templating, "TEMPLATES", root)
    templating.environment.cache_clear()
    try:
        with pytest.raises(swlib.ConfigError) as e:
            swlib.report("quarterly", {})
        assert str(e.value) == (
            f"templates/quarterly/report.html.j2, line {line + 1}: TemplateSyntaxError: can't assign to 'const'"
        )
    finally:
        templating.environment.cache_clear()


def test_the_layout_cell_is_named_as_the_layout_when_it_fails():
    from swlib.rendering import failure_message

    msg = failure_message(13, "ConfigError", "templates/x.j2, line 2: ...", "quarterly", ["layout"])
    assert msg == "the report's layout could not be built: templates/x.j2, line 2: ..."


def test_a_reports_page_head_and_foot_are_escaped_by_the_one_template_setup():
    page = {"title": "<script>x</script>", "council_name": "A & B", "report_name": "R", "period_label": "2020/21",
            "audience": "public", "css": Markup("p{}"), "style_hash": "sha256-x", "version": "1",
            "generated": "now", "data_name": '"data"', "footer": "<b>f</b>"}  # fmt: skip
    head = str(templating.render("shared/page_header.html.j2", **page))
    foot = str(templating.render("shared/page_footer.html.j2", **page))
    assert "<title>&lt;script&gt;x&lt;/script&gt;</title>" in head and '<p class="council">A &amp; B</p>' in head
    assert "<style>p{}</style>" in head and "(public version)" in head
    assert "<p>&lt;b&gt;f&lt;/b&gt;</p>" in foot and "“&#34;data&#34;”" in foot


def test_a_part_with_no_words_has_no_heading_and_is_listed_once():
    # D&G's and SLC's annual p2: four headed parts of section 4 each saying only "No narrative was provided"
    from swlib.templating import outline

    words = {"partnership": None, "involvement": "<p>Our forum met six times.</p>", "commissioned": None}
    section = next(s for s in outline("annual", {"narrative": words}) if s["id"] == "partnership")
    assert [p["text"] for p in section["parts"]] == ["4.1 User and carer involvement"]
    assert [p["narrative"] for p in section["empty_parts"]] == ["partnership", "commissioned", "improvement"]
    everything = next(s for s in outline("annual", {}) if s["id"] == "partnership")  # no narrative at all: as listed
    assert len(everything["parts"]) == 4 and everything["empty_parts"] == []
