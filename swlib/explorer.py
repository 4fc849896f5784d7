"""The interactive measure explorer behind notebooks/explore_measures.ipynb.

``Explorer`` holds the selection (council, theme, measure, period) and everything the view
shows for it; its methods are the widgets' callbacks, so they are tested without a browser.
``widget()`` builds the ipywidgets controls around it (imported only then).

With ``audience="public"`` the explorer shows and exports only what a public report prints
(the same disclosure rule: ``hidden.figure_hidden``): the year to date and the earlier
years with [c] for suppressed figures, no numerators or denominators, no figures of single
periods, no SPC chart, and comments that mention small numbers withheld unless cleared.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .charts import trend_chart
from .config import council_settings, outputs_dir, shipped_params_note
from .dataset import Dataset
from .disclosure import SYMBOL, WITHHELD_TEXT
from .errors import SwError
from .excel import write_csv, write_frames
from .hidden import council_small, suppressed_columns
from .measure_series import series
from .measure_spc import long_trend, spc_target
from .national import real_terms_benchmark
from .performance_workbook import printed
from .periods import Period
from .public_text import is_cleared
from .published import missing
from .small_numbers import small_numbers_in
from .status import catalogue, performance, round_half_up
from .templating import render
from .trends import describe, sentence
from .views.performance import performance_table_view
from .views.quarterly import benchmark_row, prices_by_figure
from .views.spc import spc_view


@dataclass
class View:
    """What the explorer shows for the current selection."""

    measure: str | None = None
    title: str = ""
    definition: str = ""
    row: dict = field(default_factory=dict)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # the measure's periods: value, numerator, denominator
    spc: pd.DataFrame | None = None
    benchmark: pd.DataFrame = field(default_factory=pd.DataFrame)  # every council, costs in real terms
    comments: list[str] = field(default_factory=list)
    sentence: str = ""
    years: list[str] = field(default_factory=list)  # the three earlier years of the table
    benchmark_row: dict | None = None  # the council's row as the report's benchmarking table prints it


class Explorer:
    def __init__(
        self, ds: Dataset, council: str | None = None, period=None, theme: str | None = None, measure: str | None = None,
        audience: str = "internal",
    ):  # fmt: skip
        if audience not in ("internal", "public"):
            raise ValueError(f"unknown audience {audience!r}: expected internal or public")
        self.audience = audience
        self.ds = ds
        self.notes: list[str] = []  # what a public explorer says of the record and settings it reads
        self.council = council or str(ds.councils["council"].iloc[0])
        if audience == "public":
            self.notes = public_notes(self.council, ds.path)
            for note in self.notes:
                warnings.warn(note, stacklevel=2)
        self.period = self._public_period(period) if period else self._latest_period()
        self.theme = theme
        self.measure = measure
        self.view = View()
        self._listeners = []
        self.select_council(self.council, theme=theme, measure=measure)

    # --- choices ------------------------------------------------------------------------
    @property
    def councils(self) -> list[str]:
        return list(self.ds.councils["council"])

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(catalogue(self.ds, self.council)["theme"]))

    @property
    def measures(self) -> list[tuple[str, str]]:
        cat = catalogue(self.ds, self.council)
        cat = cat[cat["theme"] == self.theme] if self.theme else cat
        return list(zip(cat["title"], cat["measure"], strict=True))

    @property
    def periods(self) -> list[str]:
        obs = self.ds.observations[self.ds.observations["council"] == self.council]
        return [
            str(p) for p in sorted({Period.parse(p) for p in obs["period"].unique()}) if p.kind in ("quarter", "year")
        ]

    def _latest_period(self) -> Period:
        obs = self.ds.observations
        quarters = [Period.parse(p) for p in obs["period"].unique() if Period.parse(p).kind == "quarter"]
        return max(quarters) if quarters else Period.parse(obs["period"].iloc[0])

    # --- callbacks ----------------------------------------------------------------------
    def select_council(self, council: str, theme: str | None = None, measure: str | None = None) -> None:
        if council not in self.councils:
            raise ValueError(f"unknown council {council!r}: expected one of {', '.join(self.councils)}")
        self.council = council
        self.theme = theme if theme in self.themes else (self.themes[0] if self.themes else None)
        ids = [m for _, m in self.measures]
        self.measure = measure if measure in ids else (ids[0] if ids else None)
        self.refresh()

    def select_theme(self, theme: str) -> None:
        if theme not in self.themes:
            raise ValueError(f"unknown theme {theme!r} for {self.council}")
        self.theme = theme
        ids = [m for _, m in self.measures]
        self.measure = ids[0] if ids else None
        self.refresh()

    def select_measure(self, measure: str) -> None:
        if measure not in [m for _, m in self.measures]:
            raise ValueError(f"measure {measure!r} is not in theme {self.theme!r} for {self.council}")
        self.measure = measure
        self.refresh()

    def select_period(self, period) -> None:
        self.period = self._public_period(period)
        self.refresh()

    def _public_period(self, period) -> Period:
        """``period`` parsed; in public, only a quarter or a year, the periods a public report is made
        for (ATTACK-9 #5): a month's year to date that no report prints (August's 150) would give
        away the month after it against the quarter's report (153: September's 3). Refused rather
        than recorded: a view is not a publication, and recording it would hide figures in the
        council's next reports for what a notebook happened to show."""
        P = Period.parse(period)
        if self.audience == "public" and P.kind not in ("quarter", "year"):
            raise ValueError(
                f"period {period!r}: the public explorer shows a quarter or a year, the periods a public report "
                "is made for (a month's year to date, which no public report prints, could be set against the "
                "quarter's report); give a quarter (2023-24-Q2) or a year (2023-24), or use the internal explorer"
            )
        return P

    def on_change(self, fn) -> None:
        """Call ``fn(view)`` after every change of selection (the widget redraws there)."""
        self._listeners.append(fn)

    def refresh(self) -> None:
        self.view = self._build_view()
        for fn in self._listeners:
            fn(self.view)

    def _build_view(self) -> View:
        if self.measure is None:
            return View()
        perf = performance(self.ds, self.council, self.period, audience=self.audience)
        row = perf[perf["measure"] == self.measure].iloc[0].to_dict()
        if self.audience == "public":
            return self._public_view(perf, row)
        m = self.ds.measures.set_index("measure").loc[self.measure]
        table = series(self.ds, self.council, self.measure, self.period)
        spc = long_trend(
            self.ds, self.council, self.measure, row.get("period_shown") or self.period, target=spc_target(self.ds, row)
        )
        bench, bench_row = self._benchmark(m)
        obs = self.ds.observations
        notes = obs[(obs["council"] == self.council) & (obs["measure"] == self.measure) & obs["comment"].notna()]
        comments = [f"{Period.parse(p).label}: {c}" for p, c in zip(notes["period"], notes["comment"], strict=True)]
        years = perf.attrs.get("years", [])
        return View(self.measure, str(m["title"]), str(m.get("definition") or ""), row, table, spc, bench, comments,
                    sentence(row, years, period=self.period), years, bench_row)  # fmt: skip

    def _public_view(self, perf: pd.DataFrame, row: dict) -> View:
        """What a public report prints of the measure, and nothing more."""

        m = self.ds.measures.set_index("measure").loc[self.measure]
        years = perf.attrs.get("years", [])
        hidden = suppressed_columns(row)
        shown = [*years, "to_date"]
        table = pd.DataFrame({
            "period": [Period.parse(y).label for y in years] + [f"{Period.parse(row['period_shown']).label} to date"],
            "value": [SYMBOL if c in hidden else row.get(c) for c in shown],
        })  # fmt: skip
        table = _rounded(table, self.ds, self.measure)  # as printed: 63.6, not 63.63636363636363 (7 of 11)
        bench, bench_row = self._benchmark(m)
        cfg = council_settings(self.council)  # the council's own range of small numbers, as its public reports
        comments = [row["comment"]] if isinstance(row.get("comment"), str) else []
        comments = [
            c for c in comments if not small_numbers_in(c, cfg.suppress_min, cfg.suppress_max) or "withheld" in c
        ]
        one = perf[perf["measure"] == self.measure]
        words = describe(one, self.ds, self.council, self.period).iloc[0]
        definition = str(m.get("definition") or "")  # the measure's words, as the public table prints them
        if (
            definition
            and not is_cleared({"cleared": m.get("cleared")})
            and small_numbers_in(definition, cfg.suppress_min, cfg.suppress_max)
        ):
            definition = WITHHELD_TEXT
        return View(self.measure, str(row["title"]), definition, row, table, None, bench, comments,
                    words, years, bench_row)  # fmt: skip

    def _benchmark(self, m) -> tuple[pd.DataFrame, dict | None]:
        """The measure's LGBF indicator for every council, ranked and compared as the reports do it
        (``real_terms_benchmark``: a cost in real terms at the LGBF's price year), and the council's
        row as the report's benchmarking table prints it (``benchmark_row``), None without one."""
        if not (isinstance(m.get("lgbf"), str) and m["lgbf"]):
            return pd.DataFrame(), None
        panel, b = real_terms_benchmark(self.ds, self.period)
        bench = b[b["lgbf"] == m["lgbf"]].sort_values("rank").reset_index(drop=True)
        mine = bench[bench["council"] == self.council]
        if mine.empty:
            return bench, None
        return bench, benchmark_row(mine.iloc[0].to_dict(), prices_by_figure(panel))

    # --- export -------------------------------------------------------------------------
    def export(self, path) -> Path:
        """The current view's data to .csv (the periods) or .xlsx (periods, SPC, benchmark)."""

        path = Path(path)
        if not path.is_absolute():
            path = export_dir() / path
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            raise ValueError(f"export to .csv or .xlsx ({path.name!r} given)")
        if not path.parent.is_dir():
            raise ValueError(f"no such folder: {path.parent}")
        v = self.view
        table = _rounded(v.table, self.ds, v.measure)  # as the report prints it, not 92.43243243243244
        if path.suffix.lower() == ".csv":
            write_csv(table, path)
        else:  # .xlsx (the suffix was checked above)
            frames = {"periods": table}
            if v.spc is not None:
                frames["spc"] = v.spc
            if not v.benchmark.empty:
                frames["benchmark"] = v.benchmark
            to_date = SYMBOL if "to_date" in suppressed_columns(v.row) else v.row.get("to_date")
            if self.audience == "public" and isinstance(to_date, int | float) and not pd.isna(to_date):
                to_date = printed(to_date, v.row.get("decimals"))  # as the public report prints it
            frames["summary"] = pd.DataFrame([{"council": self.council, "measure": v.measure, "title": v.title,
                                               "period": str(self.period), "status": v.row.get("status"),
                                               "to_date": to_date, "target": v.row.get("target"),
                                               "summary": v.sentence}])  # fmt: skip
            write_frames(path, frames)
        return path

    def export_message(self, name: str) -> str:
        """Export, and say what happened in words for the widget (never only in the Log Console)."""

        try:
            return f"written {self.export(name)}"
        except (ValueError, OSError, SwError) as e:
            return f"not written: {e}"

    # --- the widget ---------------------------------------------------------------------
    def render_view(self) -> dict | None:
        """What the view shows, as plain data for ``templates/explorer/view.html.j2``."""

        v = self.view
        if v.measure is None:
            return None
        row_df = pd.DataFrame([{**v.row, "sentence": v.sentence}])
        figures = [v.row.get(c) for c in [*v.years, "to_date"]]
        out = {"title": v.title, "definition": v.definition or None, "comments": list(v.comments or []),
               "table": performance_table_view(row_df, v.years, f"{v.title}: {self.period.label}",
                                               small=council_small(self.council)),
               "trend_chart": None, "icons": None, "spc_chart": None, "benchmark": None}  # fmt: skip
        if all(x is None or (isinstance(x, float) and pd.isna(x)) for x in figures):  # nothing to draw
            out["no_figures"] = f"No figures for this measure in the last four years to {self.period.label}."
            return out
        out["trend_chart"] = trend_chart(v.row, v.years, self.period.label).view()
        if v.spc is not None:
            target = spc_target(self.ds, v.row)
            spc = spc_view(v.spc, v.title, v.row["unit"], int(v.row["decimals"]), target, v.row.get("annual_target"))
            out["icons"], out["spc_chart"] = spc["icons"], spc["chart"]
        out["benchmark"] = v.benchmark_row  # the report's benchmarking row: the same figure and words
        return out

    def render_html(self) -> str:
        """The view as HTML (what the widget's output area and the executed notebook show)."""

        return str(render("explorer/view.html.j2", v=self.render_view()))

    def widget(self):
        import ipywidgets as w  # only in a notebook: the explorer's export and HTML need no widgets
        from IPython.display import HTML, display

        council = w.Dropdown(options=self.councils, value=self.council, description="Council")
        theme = w.Dropdown(options=self.themes, value=self.theme, description="Theme", layout=w.Layout(width="60%"))
        measure = w.Dropdown(
            options=self.measures, value=self.measure, description="Measure", layout=w.Layout(width="80%")
        )
        period = w.Dropdown(
            options=self.periods,
            value=str(self.period) if str(self.period) in self.periods else None,
            description="Period",
        )
        name = w.Text(value="measure.xlsx", description="File")
        button = w.Button(description="Export view", icon="download")
        status = w.Label()
        out = w.Output()
        busy = {"on": False}

        def redraw(view):
            out.clear_output(wait=True)
            with out:
                display(HTML(self.render_html()))

        def guarded(fn):
            def handler(change):
                if busy["on"] or change["new"] is None:
                    return
                busy["on"] = True
                try:
                    fn(change["new"])
                    theme.options, theme.value = self.themes, self.theme
                    measure.options, measure.value = self.measures, self.measure
                finally:
                    busy["on"] = False
                redraw(self.view)

            return handler

        council.observe(guarded(self.select_council), names="value")
        theme.observe(guarded(self.select_theme), names="value")
        measure.observe(guarded(self.select_measure), names="value")
        period.observe(guarded(self.select_period), names="value")
        button.on_click(lambda _: status.__setattr__("value", self.export_message(name.value)))
        redraw(self.view)
        explorer = self

        class ExplorerBox(w.VBox):
            """The controls and the view; shown once. Where widgets do not run (a saved or exported
            copy of the notebook), the same output shows the view as static HTML instead."""

            def _repr_mimebundle_(self, **kwargs):
                return {**super()._repr_mimebundle_(**kwargs), "text/html": explorer.render_html()}

        return ExplorerBox([w.HBox([council, period]), theme, measure, w.HBox([name, button, status]), out])


def _rounded(table: pd.DataFrame, ds, measure) -> pd.DataFrame:
    """The periods' values rounded half up to the measure's decimals (a suppressed cell stays)."""

    if table is None or table.empty or "value" not in table or measure is None:
        return table
    decimals = int(ds.measures.set_index("measure").loc[measure, "decimals"])
    out = table.copy()
    out["value"] = out["value"].map(
        lambda x: float(round_half_up(x, decimals)) if isinstance(x, int | float) and not pd.isna(x) else x
    )
    return out


def public_notes(council: str, data=None, out=None) -> list[str]:
    """What a public view or export of ``council`` warns of: no record of what was published in
    the outputs folder (``published.missing``), the package's settings read for a council's data
    (``config.shipped_params_note``)."""
    return [n for n in (missing(council, out), shipped_params_note(data)) if n]


def export_dir() -> Path:
    """Where an export given a bare file name goes: ``outputs/explorer`` of the working folder, or of
    the project when the kernel runs in the package's notebooks folder (never beside the
    notebooks, where git would see it)."""

    return outputs_dir() / "explorer"  # config.project_dir: the project's outputs from notebooks/
