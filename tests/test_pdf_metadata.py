"""A printed PDF's document-level metadata (swlib.pdf_metadata), on small PDFs made here."""

import pytest

pikepdf = pytest.importorskip("pikepdf")


def test_the_pdf_ua_metadata_takes_chromiums_date_and_escapes_the_title_when_no_epoch_is_set():
    # without SOURCE_DATE_EPOCH the dates are Chromium's, with its time zone; a title's "&" and "<"
    # are the title's, not broken XML
    from swlib.pdf_metadata import _xmp_date, declare_pdf_ua

    assert _xmp_date("D:20261201204800+01'00'") == "2026-12-01T20:48:00+01:00"
    assert _xmp_date("D:20261201204800+00'00'") == _xmp_date("D:20261201204800Z") == "2026-12-01T20:48:00Z"
    assert _xmp_date("yesterday") is None
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.docinfo["/Title"] = "Social work <draft> & performance"
    pdf.docinfo["/CreationDate"] = "D:20261201204800-05'00'"
    declare_pdf_ua(pdf)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        assert meta["dc:title"] == "Social work <draft> & performance"
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2026-12-01T20:48:00-05:00"
        assert meta["pdfuaid:part"] == "1" and meta["dc:language"] == {"en-GB"}
    assert pdf.pages[0].Tabs == "/S" and pdf.Root.ViewerPreferences.DisplayDocTitle is True
