"""A table written as CSV with text a spreadsheet would run as a formula neutralised (swlib.neutral_csv)."""

import pandas as pd

import swlib.cell_text as ct
from swlib.neutral_csv import neutralise_frame, write_csv


def test_formula_text_gets_an_apostrophe_and_numbers_and_other_text_are_kept(tmp_path):
    df = pd.DataFrame({"=title": ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+44 1234", "-5000", "Referrals"],
                       "value": [1.5, 2.0, 3.0, 4.0, 5.0]})  # fmt: skip
    out = neutralise_frame(df)
    assert list(out.columns) == ["'=title", "value"]
    assert out["'=title"].tolist() == ['\'=HYPERLINK("http://x")', "'@SUM(A1)", "'+44 1234", "-5000", "Referrals"]
    assert df.columns[0] == "=title"  # a copy: the frame given is as it was
    path = write_csv(df, tmp_path / "export.csv", float_format="%.1f")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "'=title,value" and "'@SUM(A1),2.0" in text and "\r" not in text
    back = pd.read_csv(path)
    assert [ct.unneutralise(v) for v in back.iloc[:, 0]] == df["=title"].tolist()  # load reads them as typed
