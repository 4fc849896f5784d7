"""Settings from ``params/``: per-council report settings and the schedule of batch runs.

Where things are, for a command run from an analyst's own folder: ``./data`` if it exists,
else the demo data beside the package; ``./params`` if it exists, else the package's; outputs
in ``./outputs``. Environment variables (``SWREPORT_DATA``, ``SWREPORT_PARAMS``,
``SWREPORT_OUT``) override each. YAML is validated into frozen pydantic models with defaults.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import reports
from .base import WITHHELD_TEXT
from .errors import ConfigError
from .periods import Period, is_relative
from .reports import NOTEBOOKS, SCOTLAND, SCOTLAND_NAME
from .small_numbers import small_numbers_in

ROOT = Path(__file__).resolve().parent.parent
# each report's notebook by the report's name (the registry, swlib.reports, defines them)
REPORTS = {name: r.notebook for name, r in reports.REPORTS.items()}
NATIONAL = SCOTLAND  # the "council" the national overview is filed under: outputs/scotland/<year>/
NATIONAL_NAME = SCOTLAND_NAME
AUDIENCES = ("internal", "public")


def project_dir() -> Path:
    """The folder ``./data``, ``./params`` and ``./outputs`` are looked for in: the working folder,
    or the project's when the kernel runs in the package's ``notebooks/`` (where JupyterLab starts
    a notebook's kernel), so that the explorer there reads the record of what was published and
    the settings the reports were run with, not ``notebooks/outputs`` (none) and the shipped ones."""
    cwd = Path.cwd()
    try:
        in_notebooks = cwd.resolve() == NOTEBOOKS.resolve()
    except OSError:
        in_notebooks = False
    return NOTEBOOKS.parent if in_notebooks else cwd


def _here_or_shipped(env: str, name: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    here = project_dir() / name
    return here if here.is_dir() else ROOT / name


def shipped_params() -> bool:
    """Whether the settings in use are the package's own (no ``$SWREPORT_PARAMS``, no ``./params``):
    suppression of 1 to 4 and ``public_text: checked``, not a council's ``params/councils.yaml``."""
    try:
        return params_dir().resolve() == (ROOT / "params").resolve()
    except OSError:
        return False


def default_data_path() -> Path:
    """``$SWREPORT_DATA``, else ``./data`` of the working folder where it exists (a folder, or
    ``./data.xlsx``, the workbook ``swreport init --workbook data.xlsx`` writes), else the demo data."""
    if not os.environ.get("SWREPORT_DATA") and not (project_dir() / "data").is_dir():
        book = project_dir() / "data.xlsx"
        if book.is_file():
            return book
    return _here_or_shipped("SWREPORT_DATA", "data")


def params_dir() -> Path:
    """``$SWREPORT_PARAMS``, else ``./params`` of the working folder where it exists, else the package's."""
    return _here_or_shipped("SWREPORT_PARAMS", "params")


def shipped_params_note(data=None) -> str | None:
    """What a public export or the public explorer says where the settings in use are the
    package's own but the data are not the demo data: a council's ``suppress_max`` and
    ``public_text`` are then not read. None otherwise."""
    if not shipped_params() or data is None or is_demo_data(data):
        return None
    beside = Path(data).parent / "params"
    found = f" ({beside} is there)" if beside.is_dir() and beside.resolve() != (ROOT / "params").resolve() else ""
    return (
        f"settings: the package's own params/ (small numbers 1 to 4, public_text: checked), not a council's: no "
        f"params/ in {project_dir().resolve()}; set SWREPORT_PARAMS to the council's params folder{found}"
    )


def notebooks_dir() -> Path:
    return NOTEBOOKS


def outputs_dir() -> Path:
    """``$SWREPORT_OUT``, else ``./outputs`` of the working folder (of the project, from the
    package's ``notebooks/``: ``project_dir``)."""
    return Path(os.environ.get("SWREPORT_OUT") or project_dir() / "outputs")


def is_demo_data(path) -> bool:
    """Whether ``path`` is the demo data shipped beside the package."""
    try:
        return path is not None and Path(path).resolve() == (ROOT / "data").resolve()
    except OSError:
        return False


def describe_data(path, hint: bool = False) -> str:
    """Which data a message stems from: "the demo data at …" or "the data at …". With ``hint``,
    for the demo data, what to do instead (nothing otherwise)."""
    if hint:
        return (
            "; this is the demo data: run from a folder with ./data, give --data, or start a council's own "
            "data set with 'swreport init COUNCIL --name NAME'"
            if is_demo_data(path)
            else "; add a row for it to the councils table, or start a council's own data set in an empty folder "
            "with 'swreport init COUNCIL --name NAME'"
        )
    if path is None:
        return "the data set"
    return f"the demo data at {Path(path).resolve()}" if is_demo_data(path) else f"the data at {path}"


def where(data, out) -> str:
    """One line saying what a command read and where it writes."""
    d = Path(data) if data is not None else default_data_path()
    o = Path(out) if out is not None else outputs_dir()
    return f"data: {d.resolve()}; settings: {params_dir().resolve()}; outputs: {o.resolve()}"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CouncilSettings(_Model):
    service: str = "Social Work Services"
    owner: str = "Chief Social Work Officer"  # who the report is by: page 1 prints it with the issue date
    tolerance_percent: float = Field(
        5.0, ge=0, le=100, description="amber band as % of target when no tolerance is given"
    )
    suppress_min: int = Field(1, ge=0)
    suppress_max: int = Field(4, ge=0)
    # free text in public reports (swlib.public_text): "checked" withholds what mentions a small number,
    # "cleared" withholds every comment and narrative paragraph an officer has not cleared
    public_text: Literal["checked", "cleared"] = "checked"
    # names and sources printed in public reports that an officer has checked and cleared, word for word:
    # the service's name (above), the council's name (councils.csv), a table's source (swlib.printed_text)
    cleared: list[str] = []
    # a run with period latest (or previous) picks a period only when at least this share of the
    # measures due in it have figures (swlib.scheduling): one early figure does not make a quarter
    latest_share: float = Field(0.5, ge=0, le=1)
    # what the finance return's budget lines are, as the source heads them ("NET Budget by Service"):
    # "net" titles the annual report's budget table and chart "net revenue budget"; "" says neither
    budget_basis: Literal["", "net", "gross"] = ""


class Settings(_Model):
    defaults: CouncilSettings = CouncilSettings()
    councils: dict[str, dict] = {}

    def for_council(self, council: str) -> CouncilSettings:
        merged = {**self.defaults.model_dump(), **self.councils.get(council, {})}
        try:
            return CouncilSettings(**merged)
        except ValidationError as e:
            raise ConfigError(f"params/councils.yaml, council {council}: {_pydantic_message(e)}") from None


class Run(_Model):
    report: str
    period: str
    councils: list[str] | str = "all"
    audience: list[str] = ["internal"]
    pdf: bool = False  # also <report>.pdf beside each HTML (pip install 'swreport[pdf]')
    latest_share: float | None = Field(None, ge=0, le=1)  # period latest: else each council's own (default 0.5)

    @field_validator("report")
    @classmethod
    def _report(cls, v: str) -> str:
        if v not in reports.REPORTS:
            raise ValueError(f"expected one of {', '.join(reports.NAMES)}")
        return v

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        return v.strip().lower() if is_relative(v) else str(Period.parse(v))

    @field_validator("audience")
    @classmethod
    def _audience(cls, v: list[str]) -> list[str]:
        for a in v:
            if a not in AUDIENCES:
                raise ValueError(f"audience {a!r}: expected one of {', '.join(AUDIENCES)}")
        return v


class Schedule(_Model):
    runs: list[Run]


def _pydantic_message(e: ValidationError) -> str:
    parts = []
    for err in e.errors():
        loc = ".".join(str(x) for x in err["loc"])
        parts.append(f"{loc}: {err['msg']} (found {err.get('input')!r})")
    return "; ".join(parts)


def _read_yaml(path: Path, model: type[BaseModel]):
    """``model`` (``Settings``, ``Schedule``) read from the YAML file at ``path``: a ConfigError
    naming the file where it is missing, not YAML, not a mapping or not what ``model`` takes."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({e})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    try:
        return model(**data)
    except ValidationError as e:
        raise ConfigError(f"{path}: {_pydantic_message(e)}") from None


@lru_cache(maxsize=8)
def _settings_at(path: Path, mtime: float) -> Settings:
    return _read_yaml(path, Settings)


def settings() -> Settings:
    path = params_dir() / "councils.yaml"
    if not path.exists():
        return Settings()
    return _settings_at(path, path.stat().st_mtime)


def council_settings(council: str) -> CouncilSettings:
    return settings().for_council(council)


def small_numbers_said(text, council: str, clearing: bool = True) -> list[str]:
    """The passages of ``text`` (a setting, a name, a source: not a string, none) that mention a
    small number by the council's settings (``suppress_min`` to ``suppress_max``); none where an
    officer cleared the text (``cleared`` in params/councils.yaml: ``cleared_text``) and ``clearing``."""
    cfg = council_settings(council)
    if not isinstance(text, str) or (clearing and cleared_text(text, council)):
        return []
    return small_numbers_in(text, cfg.suppress_min, cfg.suppress_max)


def cleared_text(text, council: str, forms=None) -> bool:
    """Whether an officer cleared ``text`` for the council's public reports: it is one of the council's
    ``cleared`` settings word for word (spacing aside), or, with ``forms``, one of them as ``forms``
    prints it (a source as the report's "Data sources" names it)."""
    said = " ".join(str(text).split())
    for phrase in council_settings(council).cleared:
        if said == " ".join(phrase.split()) or (forms is not None and said == " ".join(forms(phrase).split())):
            return True
    return False


def public_name(name: str, council: str, audience: str = "internal") -> str:
    """The council's name (councils.csv) as a report prints it: withheld from a public report where
    it mentions a small number."""
    return WITHHELD_TEXT if audience == "public" and small_numbers_said(name, council) else name


def load_schedule(path: str | os.PathLike) -> Schedule:
    return _read_yaml(Path(path), Schedule)
