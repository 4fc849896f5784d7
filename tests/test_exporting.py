"""The executed notebook exported as one HTML page (swlib.exporting): the exporter, the printed
page's CSS, the cells' tags kept out of the page."""

import nbformat

import swlib
from swlib.exporting import css_string, print_css
from tests.reports import EPOCH, rendered


def test_the_printed_pages_head_cannot_break_out_of_its_css_string_and_a_landscape_report_is_one_wide_page():
    assert css_string("A & B · Q2") == '"A & B \\0000b7  Q2"'
    assert css_string('x"; } body { display: none') == '"x\\000022 ; \\00007d  body \\00007b  display: none"'
    portrait = print_css("Dundee", landscape=False)
    assert "size: A4 portrait; margin: 14mm;" in portrait and "body { page: wide; }" not in portrait
    landscape = print_css("SLC", landscape=True)
    assert "size: A4 landscape;" in landscape and "body { page: wide; }" in landscape


def test_what_each_cell_builds_and_reads_is_kept_out_of_the_page():
    page = rendered("quarterly").read_text(encoding="utf-8")
    assert "section:" not in page and "reads:" not in page and "celltag_" not in page
    nb = nbformat.read(rendered("quarterly").with_suffix(".ipynb"), as_version=4)  # the executed notebook keeps them
    assert any("reads:actions" in c.metadata.get("tags", []) for c in nb.cells)


def test_the_exporter_compiles_its_page_templates_when_made_not_at_the_first_export(monkeypatch):
    """``exporting.html_exporter`` is made while a single run's kernel runs the cells (render's
    Meanwhile): nbconvert compiles its page templates then, and the export after the last cell
    compiles none of them, even with no compiled templates kept (SWREPORT_NO_CACHE)."""
    import jinja2

    from swlib import exporting

    monkeypatch.setenv("SWREPORT_NO_CACHE", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # the page's "Generated" stamp, as the shared render's
    exporting.html_exporter.cache_clear()
    exporter = exporting.html_exporter()
    assert exporter.environment.bytecode_cache is None
    compiled_in = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda env, *a, **k: compiled_in.append(env) or real(env, *a, **k)
    )
    nb = nbformat.read(rendered("quarterly").with_suffix(".ipynb"), as_version=4)
    ds = swlib.load(None, council="south-lanarkshire")
    page = exporting.export(nb, "quarterly", "south-lanarkshire", swlib.Period.parse("2021-22-Q2"), "internal", ds)
    assert page == rendered("quarterly").read_text(encoding="utf-8")  # the same page as a run's
    assert exporter.environment not in compiled_in
