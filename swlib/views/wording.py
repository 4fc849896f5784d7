"""The words a report prints that swlib does not compute, read from data files shipped with the
package: ``swlib/data/wording.yaml`` (the status legend, how each table's rows are counted, the
glossary); the documents the demo data was transcribed from are ``printed_text.demo_documents``'s."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def _read(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def status_meanings() -> dict[str, str]:
    return _read("wording.yaml")["status_meanings"]


def row_words(table: str) -> tuple[str, str]:
    """(one, many) of a table's rows, as a reader counts them; the table's name where not listed."""
    one, many = _read("wording.yaml")["row_words"].get(table, (table, table))
    return one, many


def glossary() -> dict[str, str]:
    return _read("wording.yaml")["glossary"]


def national_terms() -> list[str]:
    return _read("wording.yaml")["national_terms"]


def national_glossary() -> dict[str, str]:
    return _read("wording.yaml")["national_glossary"]
