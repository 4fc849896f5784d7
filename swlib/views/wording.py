"""The words a report prints that swlib does not compute, read from data files shipped with the
package: ``swlib/data/wording.yaml`` (the status legend, how each table's rows are counted, the
glossary); the documents the demo data was transcribed from are ``printed_text.demo_documents``'s.
Each is read once a process and shared by every report it renders, so each is given read only (a
mapping proxy, a tuple): a caller that wants to change one copies it first (``dict(glossary())``),
and one that does not is stopped, not left to write one council's words into the next one's."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def _read(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def status_meanings() -> Mapping[str, str]:
    return MappingProxyType(_read("wording.yaml")["status_meanings"])


def row_words(table: str) -> tuple[str, str]:
    """(one, many) of a table's rows, as a reader counts them; the table's name where not listed."""
    one, many = _read("wording.yaml")["row_words"].get(table, (table, table))  # strings: given, not shared
    return one, many


def glossary() -> Mapping[str, str]:
    return MappingProxyType(_read("wording.yaml")["glossary"])


def national_terms() -> tuple[str, ...]:
    return tuple(_read("wording.yaml")["national_terms"])


def national_glossary() -> Mapping[str, str]:
    return MappingProxyType(_read("wording.yaml")["national_glossary"])
