"""The printed PDF's tags and metadata made right (swlib.pdf_tags), on small PDFs made here: the
default reports printed and read as a reader and a screen reader would are tests/test_pdf.py's."""

import io

import pytest

pikepdf = pytest.importorskip("pikepdf")


def test_the_pdf_ua_metadata_takes_chromiums_date_and_escapes_the_title_when_no_epoch_is_set():
    # without SOURCE_DATE_EPOCH the dates are Chromium's, with its time zone; a title's "&" and "<"
    # are the title's, not broken XML
    from swlib.pdf_tags import _declare_pdf_ua, _xmp_date

    assert _xmp_date("D:20261201204800+01'00'") == "2026-12-01T20:48:00+01:00"
    assert _xmp_date("D:20261201204800+00'00'") == _xmp_date("D:20261201204800Z") == "2026-12-01T20:48:00Z"
    assert _xmp_date("yesterday") is None
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.docinfo["/Title"] = "Social work <draft> & performance"
    pdf.docinfo["/CreationDate"] = "D:20261201204800-05'00'"
    _declare_pdf_ua(pdf)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        assert meta["dc:title"] == "Social work <draft> & performance"
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2026-12-01T20:48:00-05:00"
        assert meta["pdfuaid:part"] == "1" and meta["dc:language"] == {"en-GB"}
    assert pdf.pages[0].Tabs == "/S" and pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_the_author_goes_in_the_document_information_and_the_xmp_and_no_author_adds_nothing():
    from swlib.pdf_tags import reproducible

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.docinfo["/Title"] = "Dundee City Council: Chief Social Work Officer annual report, 2016/17"
    buf = io.BytesIO()
    pdf.save(buf)
    raw = buf.getvalue()
    with pikepdf.open(
        io.BytesIO(reproducible(raw, author="Dundee City Council, Head of Children's & Families"))
    ) as out:
        assert str(out.docinfo.Author) == "Dundee City Council, Head of Children's & Families"
        with out.open_metadata(set_pikepdf_as_editor=False) as meta:
            assert meta["dc:creator"] == ["Dundee City Council, Head of Children's & Families"]
    plain = reproducible(raw)  # a page without an author: no Author, no dc:creator
    assert plain == reproducible(raw, author="")
    with pikepdf.open(io.BytesIO(plain)) as out:
        assert "/Author" not in out.docinfo and b"dc:creator" not in out.Root.Metadata.read_bytes()
