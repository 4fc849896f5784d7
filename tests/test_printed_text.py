"""The names and sources a report prints besides its comments, actions and narrative (issue 21, the
second attacker): the service's name in params/councils.yaml, the council's name and every table's
source column, each with an attack planted in it, named by `check-public --strict` and withheld from
a public report."""

import csv

import pytest
from click.testing import CliRunner

from swlib.cli import main
from swlib.disclosure import WITHHELD_TEXT

ATTACK = "Secure log: 3 children placed"


def _data(tmp_path, monkeypatch, plant: dict):
    """A data folder and settings with ``plant`` ({(table or "settings", column): text}) planted."""
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2021-22-Q1", "numerator": "90", "denominator": "100", "source": "test"}]
    targets = [{"council": "alpha", "measure": "m0", "period": "2021-22", "target": "80"}]
    acts = [{"council": "alpha", "period": "2021-22", "theme": "Theme one", "outcome": "Outcome one",
             "action": "Review plans", "measure": "m0", "status": "Green", "comment": ""}]  # fmt: skip
    d = make_data(tmp_path / "d", [{}], obs, targets=targets, actions=acts)
    params = tmp_path / "params"
    params.mkdir()
    service = plant.get(("settings", "service"), "Social Work Services")
    (params / "councils.yaml").write_text(f"defaults:\n  service: Social Work Services\ncouncils:\n  alpha:\n"
                                          f"    service: '{service}'\n")  # fmt: skip
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    for (table, col), text in plant.items():
        if table == "settings":
            continue
        f = d / f"{table}.csv"
        rows = list(csv.DictReader(f.open()))
        fields = list(rows[0]) + ([col] if col not in rows[0] else [])
        for r in rows:
            if r.get("council") in ("alpha", "") or table == "measures":
                r[col] = text
        with f.open("w", newline="") as out:
            w = csv.DictWriter(out, fields)
            w.writeheader()
            w.writerows(rows)
    return d


# every text field a council's public report prints besides comments, actions and narrative, and where
# check-public names it
PRINTED = [
    (("settings", "service"), "params/councils.yaml, council alpha, setting 'service'"),
    (("councils", "name"), "councils.csv, row 2, column 'name'"),
    (("councils", "source"), "councils.csv, row 2, column 'source'"),
    (("measures", "source"), "measures.csv, row 2, column 'source'"),
    (("observations", "source"), "observations.csv, row 2, column 'source'"),
    (("targets", "source"), "targets.csv, row 2, column 'source'"),
    (("actions", "source"), "actions.csv, row 2, column 'source'"),
]


@pytest.mark.parametrize("field,place", PRINTED)
def test_check_public_strict_names_an_attack_in_each_printed_field(tmp_path, monkeypatch, field, place):
    d = _data(tmp_path, monkeypatch, {field: ATTACK})
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert f"{place}: ...{ATTACK}" in r.output and "Traceback" not in r.output


def test_the_same_fields_without_a_small_number_pass(tmp_path, monkeypatch):
    d = _data(tmp_path, monkeypatch, {("settings", "service"): "Social Work Resources",
                                      ("observations", "source"): "Service Plan 2023-24"})  # fmt: skip
    r = CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1", "--strict",
                                  "--data", str(d)])  # fmt: skip
    assert r.exit_code == 0, r.output


def test_a_public_report_withholds_the_service_name_and_the_source_and_lists_them(tmp_path, monkeypatch):
    from swlib.loading import load
    from swlib.printed_text import service_name
    from swlib.publishing import withheld
    from swlib.views import sources_view

    d = _data(tmp_path, monkeypatch, {("settings", "service"): "Services (M11 secure unit for 3 children)",
                                      ("observations", "source"): "M4 Secure log: 3 children placed"})  # fmt: skip
    ds = load(d)
    assert service_name("alpha", "public") == WITHHELD_TEXT
    assert service_name("alpha", "internal") == "Services (M11 secure unit for 3 children)"
    shown = [src for src, _ in sources_view(ds, "alpha", "public")["items"]]
    assert WITHHELD_TEXT in shown and not any("3 children" in s for s in shown)
    assert any("3 children" in s for s, _ in sources_view(ds, "alpha", "internal")["items"])
    listed = {(f["file"], f["column"], f["reason"]) for f in withheld(ds, "quarterly", "alpha", "2021-22-Q1")}
    how = ("mentions a small number: reword it, or once an officer has checked it list it word for word under "
           "'cleared' for the council in params/councils.yaml")  # fmt: skip
    assert ("params/councils.yaml, council alpha", "service", how) in listed
    assert ("observations.csv", "source", how) in listed
    # the annual report prints no service name: only the source is listed
    annual = {f["column"] for f in withheld(ds, "annual", "alpha", "2021-22")}
    assert "source" in annual and "service" not in annual


def test_the_demo_data_prints_its_names_and_sources_unchanged(demo):
    from swlib.printed_text import findings

    for council in demo.councils["council"]:
        assert findings(demo, council) == [], council


def test_the_guide_lists_each_printed_field_the_public_check_reads():
    from tests.conftest import ROOT

    guide = " ".join((ROOT / "docs" / "guide.md").read_text(encoding="utf-8").split())
    part = guide.split("### Comments and narrative")[1].split("### ")[0]
    for words in ("the `service` setting in `params/councils.yaml`", "the council's `name` in `councils.csv`",
                  "the `source` of every table's rows", "Police arrested a looked after child in July",
                  "312 referrals. There were 309 screenings."):  # fmt: skip
        assert words in part, words


def test_the_public_index_withholds_a_council_name_that_mentions_a_small_number(tmp_path):
    from swlib import outputs
    from swlib.outputs import Outcome
    from tests.test_outputs import _job

    public = tmp_path / "public" / "dundee-city" / "2016-17" / "annual.html"
    public.parent.mkdir(parents=True)
    public.write_text("<html></html>")
    name = "Dundee City Council (M11 secure unit for 3 children)"
    outputs.record(tmp_path, [Outcome.rendered(_job(tmp_path, audience="public", name=name), 0.0, public)])
    index = (tmp_path / "public" / "index.html").read_text()
    assert "3 children" not in index and WITHHELD_TEXT in index and 'href="dundee-city/2016-17/annual.html"' in index
    assert name in (tmp_path / "index.html").read_text()  # the internal index keeps it


def test_an_officer_clears_a_name_or_a_source_in_the_councils_settings(tmp_path, monkeypatch):
    # the service's name, the council's name and a source were withheld with no way to clear them but rewording
    from swlib.config import public_name
    from swlib.loading import load
    from swlib.printed_text import service_name
    from swlib.publishing import withheld
    from swlib.views import sources_view

    service, source, name = "Services (M11 secure unit for 3 children)", "M4 Secure log: 3 children placed", (
        "Alpha Council (2 islands)")  # fmt: skip
    d = _data(tmp_path, monkeypatch, {("settings", "service"): service, ("observations", "source"): source,
                                      ("councils", "name"): name})  # fmt: skip

    def check(strict=True):
        return CliRunner().invoke(main, ["check-public", "--council", "alpha", "--period", "2021-22-Q1"]
                                  + (["--strict"] if strict else []) + ["--data", str(d)])  # fmt: skip

    r = check()
    assert r.exit_code == 2 and "a name or a source: cleared in params/councils.yaml" in r.output
    settings = tmp_path / "params" / "councils.yaml"
    settings.write_text(settings.read_text() + f"    cleared:\n      - '{service}'\n      - '{source}'\n"
                        f"      - '{name}'\n")  # fmt: skip
    ds = load(d)
    assert service_name("alpha", "public") == service and public_name(name, "alpha", "public") == name
    assert source in [src for src, _ in sources_view(ds, "alpha", "public")["items"]]
    assert withheld(ds, "quarterly", "alpha", "2021-22-Q1") == []
    r = check()
    assert r.exit_code == 0, r.output
    for place in (
        "setting 'service'",
        "observations.csv, row 2, column 'source'",
        "councils.csv, row 2, column 'name'",
    ):
        assert next(x for x in r.output.splitlines() if place in x).endswith("(cleared by an officer)"), r.output
    # word for word: another text is not cleared by it, and the settings say so where it is not a list of texts
    settings.write_text(settings.read_text().replace(f"'{source}'", "'M4 Secure log'"))
    assert check().exit_code == 2
    assert WITHHELD_TEXT in [src for src, _ in sources_view(load(d), "alpha", "public")["items"]]
    settings.write_text(settings.read_text().split("    cleared:")[0] + "    cleared: {a: 1}\n")
    r = check(strict=False)
    assert (
        r.exit_code == 2
        and "council alpha: cleared: Input should be a valid list (found {'a': 1})" in r.output
        and "Traceback" not in r.output
    ), r.output


def test_the_demo_documents_every_source_is_named_from_cannot_be_changed_by_a_caller():
    """Read once a process (``demo_documents``) and shared: one caller renaming a document in it
    would rename it in every later report's list of sources."""
    from swlib.printed_text import demo_documents, source_label

    docs = demo_documents()
    number, title = next(iter(docs.items()))
    with pytest.raises(TypeError):
        docs[number] = "a renamed document"
    assert source_label(f"seed {number}") == title
