"""The printed PDF's tags and metadata made right (swlib.pdf_tags), on small PDFs made here: the
default reports printed and read as a reader and a screen reader would are tests/test_pdf.py's."""

import io

import pytest

pikepdf = pytest.importorskip("pikepdf")


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
