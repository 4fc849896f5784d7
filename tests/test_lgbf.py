"""The LGBF importer on a fixture cut from the real workbook (its real header layout and
figures)."""

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import swlib
from swlib.cli import main
from swlib.lgbf import import_lgbf
from tests.conftest import ROOT

FIX = ROOT / "tests" / "fixtures"
BOOK = FIX / "lgbf-benchmarking-data-fixture.xlsx"
META = FIX / "lgbf-indicator-metadata-fixture.xlsx"
LOOKUPS = FIX / "lgbf-council-lookups-fixture.xlsx"


def imported():
    return import_lgbf(BOOK, META, LOOKUPS)


def test_fixture_import_gives_exactly_the_matching_rows_of_the_committed_table():
    df = imported()
    committed = pd.read_csv(ROOT / "data" / "benchmarks.csv", dtype={"family_group": "Int64"})
    keys = ["lgbf", "council", "period"]
    mine = committed.merge(df[keys], on=keys).sort_values(keys).reset_index(drop=True)
    ours = pd.read_csv(
        pd.io.common.StringIO(df.to_csv(index=False, float_format="%.10g")), dtype={"family_group": "Int64"}
    )
    ours = ours.sort_values(keys).reset_index(drop=True)
    assert len(ours) == 54 and len(mine) == len(ours)
    pd.testing.assert_frame_equal(mine.drop(columns="source"), ours.drop(columns="source"))  # source names its workbook


def test_published_figures_numerators_polarity_family_groups_and_the_scotland_row():
    df = imported().set_index(["lgbf", "council", "period"])
    sw6 = df.loc[("SW6", "dumfries-and-galloway", "2020-21")]
    assert sw6["value"] == pytest.approx(107.7205) and (sw6["numerator"], sw6["denominator"]) == (2531, 23496)
    assert sw6["unit"] == "rate" and sw6["polarity"] == "lower" and sw6["family_group"] == 2
    assert df.loc[("SW6", "scotland", "2020-21"), "value"] == pytest.approx(120.0284)  # published, not a mean
    assert pd.isna(df.loc[("SW6", "scotland", "2020-21"), "family_group"])
    assert df.loc[("SW1", "dumfries-and-galloway", "2020-21"), "value"] == pytest.approx(
        19.251759, abs=1e-6
    )  # cash; the Real figure is real_value
    assert pd.isna(df.loc[("SW1", "dumfries-and-galloway", "2020-21"), "numerator"])  # a cost has no interval
    assert (
        df.loc[("CHN9", "dundee-city", "2019-20"), "family_group"] == 1
        and df.loc[("CHN9", "dundee-city", "2019-20"), "polarity"] == "higher"
    )
    assert "na-h-eileanan-siar" in df.index.get_level_values("council")  # "Eilean Siar"
    assert (df["source"] == "Improvement Service, LGBF benchmarking data (lgbf-benchmarking-data-fixture.xlsx)").all()


def test_costs_carry_the_workbooks_real_terms_figures_and_price_year():
    df = imported().set_index(["lgbf", "council", "period"])
    # "SW1 2019-20 Real" of Dumfries & Galloway: £16.74 an hour in cash is £17.85 at 2020-21 prices
    dg = df.loc[("SW1", "dumfries-and-galloway", "2019-20")]
    assert dg["value"] == pytest.approx(16.735476, abs=1e-6) and dg["real_value"] == pytest.approx(17.851589, abs=1e-6)
    assert dg["price_year"] == "2020-21"  # the Deflators sheet's year at 100
    assert df.loc[("SW5", "scotland", "2020-21"), "real_value"] == pytest.approx(438.592376, abs=1e-6)
    sw6 = df.loc[("SW6", "dumfries-and-galloway", "2020-21")]
    assert pd.isna(sw6["real_value"]) and pd.isna(sw6["price_year"])  # only costs have real terms


def test_the_committed_panel_has_real_terms_for_every_cost(demo):
    b = demo.benchmarks.set_index(["lgbf", "council", "period"])
    costs = b[b["unit"] == "currency"]
    assert costs["real_value"].notna().all() and set(costs["price_year"]) == {"2020-21"}
    assert b[b["unit"] != "currency"]["real_value"].isna().all()
    # Scotland's residential care cost per week (SW5): £388.23 in 2010-11 cash, £484.75 at 2020-21 prices
    sw5 = b.loc[("SW5", "scotland", "2010-11")]
    assert sw5["value"] == pytest.approx(388.228663, abs=1e-6) and sw5["real_value"] == pytest.approx(
        484.749923, abs=1e-6
    )
    assert (
        b.loc[("CHN8a", "dundee-city", "2019-20"), "real_value"] > b.loc[("CHN8a", "dundee-city", "2019-20"), "value"]
    )


def test_the_price_year_without_a_deflators_sheet(tmp_path):
    # no Deflators sheet: the year whose real figures equal the cash ones is the price year
    path = _broken(tmp_path, lambda wb: wb.remove(wb["Deflators"]))
    df = import_lgbf(path, META, LOOKUPS)
    assert set(df["price_year"].dropna()) == {"2020-21"}

    # and when nothing tells, the import stops and says what it needs
    def no_year(wb):
        wb.remove(wb["Deflators"])
        ws = wb["Raw Data"]
        head = [c.value for c in ws[1]]
        for col in ("SW1 2020-21 Real", "SW5 2020-21 Real"):
            ws.cell(2, head.index(col) + 1, 99.0)

    out = tmp_path / "b.csv"
    r = CliRunner().invoke(main, ["import", "lgbf", str(_broken(tmp_path, no_year)), "--metadata", str(META),
                                  "--lookups", str(LOOKUPS), "--out", str(out)])  # fmt: skip
    assert r.exit_code == 2 and "a 'Deflators' sheet naming the price year (deflator 100)" in r.output
    assert not out.exists()


def _broken(tmp_path, edit):
    path = tmp_path / "lgbf.xlsx"
    shutil.copy(BOOK, path)
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


@pytest.mark.parametrize(("edit", "message"), [
    (lambda wb: wb["Raw Data"].cell(3, 1, "Dumfries and Galloway"),
     "cell 'Raw Data'!A3 (column 'Local Authority'): found 'Dumfries and Galloway'; expected a council name as the LGBF writes it"),
    (lambda wb: setattr(wb["Raw Data"], "title", "Data"), "found sheets Deflators, Data; expected a sheet 'Raw Data'"),
    (lambda wb: wb["Raw Data"].cell(1, 1, "Council"), "cell 'Raw Data'!A1: found no 'Local Authority' column"),
    (lambda wb: wb["Raw Data"].cell(1, 2, "CHN9 2019-2020"),
     "cell 'Raw Data'!B1 (column 'CHN9 2019-2020'): found 'CHN9 2019-2020'; expected an indicator-year header such as 'SW1 2019-20'"),
    (lambda wb: wb["Raw Data"].cell(2, 2, "lots"), "cell 'Raw Data'!B2 (column 'CHN9 2019-20'): found 'lots'; expected a number"),
    # a decimal comma in a text cell: named with the figure to type, never read as thousands (76650)
    (lambda wb: wb["Raw Data"].cell(2, 4, "766,50"),
     "cell 'Raw Data'!D2 (column 'SW1 2019-20'): found '766,50'; expected a number, 'dna' or a blank: a comma only "
     "separates thousands (1,234); a decimal takes a point: 766.50"),
    # a count the value is built from, likewise: not silently left out of the interval
    (lambda wb: wb["Raw Data"].cell(2, 18, "1234,5"),
     "cell 'Raw Data'!R2 (column 'Number of discharges 2019-20'): found '1234,5'; expected a number, 'dna' or a blank: "
     "a comma only separates thousands (1,234); a decimal takes a point: 1234.5"),
])  # fmt: skip
def test_a_workbook_of_the_wrong_shape_is_exit_2_naming_sheet_cell_and_what_was_expected(tmp_path, edit, message):
    path = _broken(tmp_path, edit)
    out = tmp_path / "b.csv"
    r = CliRunner().invoke(main, ["import", "lgbf", str(path), "--metadata", str(META), "--lookups", str(LOOKUPS),
                                  "--out", str(out)])  # fmt: skip
    assert r.exit_code == 2 and message in r.output, r.output
    assert "Traceback" not in r.output and not out.exists()


def test_figures_typed_as_text_with_thousands_commas_import_as_the_numbers_they_show(tmp_path):
    """A text cell '37,404' (typed as text, as council returns often are) is 37404, as in a data set's CSV cell."""

    def edit(wb):
        ws = wb["Raw Data"]
        ws.cell(2, 4, f"{ws.cell(2, 4).value:,}")  # Aberdeen City's SW1 2019-20 as text: '16.57737794400081'
        ws.cell(2, 17, f"{ws.cell(2, 17).value:,}")  # SW6's readmissions
        ws.cell(2, 18, f"{ws.cell(2, 18).value:,}")  # and discharges
        return ws

    path = _broken(tmp_path, edit)
    plain, typed = imported(), import_lgbf(path, META, LOOKUPS)
    assert [load_workbook(path)["Raw Data"].cell(2, c).value for c in (17, 18)] == ["4,434", "37,404"]
    pd.testing.assert_frame_equal(typed.drop(columns="source"), plain.drop(columns="source"))


def test_import_command_writes_the_table(tmp_path):
    out = tmp_path / "benchmarks.csv"
    r = CliRunner().invoke(main, ["import", "lgbf", str(BOOK), "--metadata", str(META), "--lookups", str(LOOKUPS),
                                  "--out", str(out)])  # fmt: skip
    assert r.exit_code == 0 and "6 councils and Scotland" not in r.output and "5 councils and Scotland" in r.output
    assert len(pd.read_csv(out)) == 54


def test_the_wrong_file_is_named_before_anything_else(tmp_path):
    csv = tmp_path / "benchmarks.csv"
    csv.write_text("lgbf,value\n")
    r = CliRunner().invoke(main, ["import", "lgbf", str(csv)])
    assert r.exit_code == 2 and "benchmarks.csv: found a file that is not an Excel workbook" in r.output
    assert "metadata" not in r.output
    alone = tmp_path / "book.xlsx"
    shutil.copy(BOOK, alone)
    r = CliRunner().invoke(main, ["import", "lgbf", str(alone)])
    assert r.exit_code == 2 and "no lgbf-indicator-metadata*.xlsx beside book.xlsx: found no such workbook" in r.output
    # every problem listed under a line that says what has them, each with what to do
    assert "swreport: the LGBF workbooks have 2 problems:\n" in r.output and "the data has" not in r.output
    assert "beside book.xlsx, or its path given with --metadata FILE" in r.output
    assert "beside book.xlsx, or its path given with --lookups FILE" in r.output
    meta = tmp_path / "lgbf-indicator-metadata.xlsx"
    shutil.copy(META, meta)
    wb = load_workbook(meta)
    ws = wb.worksheets[0]
    code_rows = [c.row for c in ws["A"] if c.value in ("SW1", "SW5")] or [
        c.row for c in ws["B"] if c.value in ("SW1", "SW5")
    ]
    for row in sorted(code_rows, reverse=True):
        ws.delete_rows(row)
    wb.save(meta)
    r = CliRunner().invoke(main, ["import", "lgbf", str(alone), "--lookups", str(LOOKUPS)])
    assert r.exit_code == 2 and "the LGBF workbooks have 2 problems:" in r.output, r.output
    assert "lgbf-indicator-metadata.xlsx, column 'Variable name': found no row for SW1" in r.output
    assert "found no row for SW5" in r.output


def _import(*args):
    return CliRunner().invoke(
        main, ["import", "lgbf", str(BOOK), "--metadata", str(META), "--lookups", str(LOOKUPS), *args]
    )


def test_import_writes_into_the_data_set_in_use_and_never_into_the_demo_data(tmp_path, monkeypatch):
    monkeypatch.delenv("SWREPORT_DATA", raising=False)
    monkeypatch.chdir(ROOT)
    before = (ROOT / "data" / "benchmarks.csv").stat().st_mtime_ns
    r = _import()
    assert r.exit_code == 2 and "the demo data at" in r.output and "--data" in r.output
    assert (ROOT / "data" / "benchmarks.csv").stat().st_mtime_ns == before
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "fife", "--name", "Fife Council"]).exit_code == 0
    r = _import()
    assert r.exit_code == 0 and f"wrote {len(imported()):,} rows to {tmp_path / 'data' / 'benchmarks.csv'}" in r.output
    assert len(swlib.load(tmp_path / "data").benchmarks) == len(imported())


def test_import_into_a_workbook_data_set_writes_its_benchmarks_sheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "fife", "--name", "Fife", "--workbook", "data.xlsx"]).exit_code == 0
    r = _import("--data", "data.xlsx")
    assert r.exit_code == 0 and "rows to the benchmarks sheet of data.xlsx" in r.output
    ds = swlib.load(tmp_path / "data.xlsx")
    assert len(ds.benchmarks) == len(imported()) and len(ds.measures) == 26  # the other sheets kept
    assert load_workbook(tmp_path / "data.xlsx").sheetnames[-1] == "benchmarks"
    assert _import("--data", "data.xlsx").exit_code == 0  # again: the sheet replaced, not doubled
    assert len(swlib.load(tmp_path / "data.xlsx").benchmarks) == len(imported())


REAL = next(
    (
        p / "shared" / "data" / "lgbf" / "lgbf-benchmarking-data-2022-01.xlsx"
        for p in (ROOT.parent, ROOT.parent.parent)  # a clone beside shared/, or a worktree one level down
        if (p / "shared" / "data" / "lgbf").is_dir()
    ),
    ROOT / "no-real-workbook",
)


@pytest.mark.skipif(not REAL.exists(), reason="the real LGBF workbook is in the workspace's shared/data/lgbf only")
def test_the_real_workbook_gives_the_committed_table_byte_for_byte(tmp_path):
    r = CliRunner().invoke(main, ["import", "lgbf", str(REAL), "--out", str(tmp_path / "benchmarks.csv")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "benchmarks.csv").read_bytes() == (ROOT / "data" / "benchmarks.csv").read_bytes()


def test_import_lgbf_writes_no_live_formula_into_benchmarks_csv(tmp_path):
    import pandas as pd

    from swlib.lgbf import write_csv

    df = pd.DataFrame({"lgbf": ["SW1"], "title": ['=HYPERLINK("http://x")'], "value": [1.5]})
    text = write_csv(df, tmp_path / "benchmarks.csv").read_text()
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_import_writes_a_csv_table_without_the_workbook_writer_or_the_settings(tmp_path):
    """Reading the LGBF workbooks and writing benchmarks.csv imports neither openpyxl nor the
    report settings (pydantic) nor the templates (about 0.35 s of CPU of the command's 1.1 s)."""
    import subprocess
    import sys

    out = tmp_path / "benchmarks.csv"
    args = ["import", "lgbf", str(BOOK), "--metadata", str(META), "--lookups", str(LOOKUPS), "--out", str(out)]
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom swlib.cli import main\n"
        f"r = CliRunner().invoke(main, {args!r})\nassert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('openpyxl', 'pydantic', 'jinja2', 'swlib.excel', 'swlib.config') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
    assert pd.read_csv(out).equals(pd.read_csv(swlib.lgbf.write_csv(imported(), tmp_path / "direct.csv")))
    assert len(pd.read_csv(out)) == 54
