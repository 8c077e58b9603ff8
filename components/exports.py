"""Exports shared by the panels: SVG images, CSV of the plotted data, copy as code.

Every click downloads one file that says what it is: PNG comes from each graph's mode bar (camera
icon); one SVG holding every figure of the panel (stacked, with the parameters, units, version and
citation in its ``<title>``, ``<desc>`` and ``<metadata>``) and a tidy CSV of every plotted curve
(figure, trace, x, y; the same ``#`` header as the server's CSV) are made in the browser
(``assets/exports.js``). Each panel supplies two
pure functions of its validated parameter values:
``csv_text(values) -> (filename, text)`` and ``code_text(values) -> str``
(the ``python -m migdal_core`` command and the Python call that reproduce
the numbers). The code text is computed only while its box is open
(``migdal_state.codeRequest`` in ``assets/state.js`` forwards the controls then).
"""

from __future__ import annotations

import csv
import io
import math
import tomllib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update

from components.params import DISPLAY, ParameterSpec, physical_values
from components.url_state import REGISTRY_ID


def export_bar(panel_id: str, title: str = "") -> html.Div:
    """Buttons under a panel's figure; ``title`` (the panel's heading) goes into the exported files."""
    code_id = f"{panel_id}-code"
    return html.Div(
        className="export-bar",
        children=[
            dcc.Store(
                id=f"{panel_id}-export-meta",
                data={"version": VERSION, "citation": CITATION, "panel": panel_id, "title": title},
            ),
            html.Button(
                "SVG",
                id=f"{panel_id}-svg-button",
                className="export-button",
                title="Download one SVG file with every figure of this panel and its parameters "
                "(PNG: camera icon on each figure)",
            ),
            html.Span(id=f"{panel_id}-svg-done", hidden=True),
            html.Button(
                "CSV",
                id=f"{panel_id}-csv-button",
                className="export-button",
                title="Download the main figure's numbers as CSV, computed at full precision",
            ),
            dcc.Download(id=f"{panel_id}-download"),
            html.Button(
                "CSV, all figures",
                id=f"{panel_id}-allcsv-button",
                className="export-button",
                title="Every curve of every figure of this panel as drawn: figure, trace, x, y",
            ),
            dcc.Download(id=f"{panel_id}-allcsv-download"),
            dcc.Store(id=f"{panel_id}-code-request"),
            html.Details(
                id=f"{panel_id}-code-details",
                className="code-export",
                children=[
                    html.Summary("Copy as code", id=f"{panel_id}-code-summary"),
                    html.Div(
                        className="code-box",
                        children=[
                            html.Pre(id=code_id, className="code"),
                            dcc.Clipboard(target_id=code_id, title="copy", className="copy-button"),
                        ],
                    ),
                ],
            ),
        ],
    )


def _version() -> str:
    """The project version, from pyproject.toml (the one place it is written)."""
    with open(Path(__file__).resolve().parent.parent / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


VERSION = _version()
CITATION = (
    f"Migdal regimes explorer {VERSION}; the physics sources of every number are listed in the "
    "page's About view and the README"
)


def export_header() -> list[str]:
    """The lines every export starts with: what made it, its version, how to cite it."""
    return [
        f"Migdal regimes explorer {VERSION}, exported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"cite: {CITATION}",
    ]


def _cell(value: object) -> object:
    """A CSV cell: floats (numpy's too) as their shortest exact repr, undefined values (nan) as an empty
    cell. ``float()`` first: numpy 2 reprs its scalars as ``np.float64(...)``."""
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(float(value))
    return value


def csv_string(header: Sequence[str], rows: Sequence[Sequence[object]], comment: str = "") -> str:
    """CSV text: ``#`` lines with the version, citation and ``comment`` (parameters, units), then the
    table; an empty cell is a value that is undefined there (e.g. a T_c ratio at λ = 0)."""
    buffer = io.StringIO()
    for line in export_header() + ([f"parameters and units: {comment}"] if comment else []):
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def register_export_callbacks(
    app: Dash,
    panel_id: str,
    graph_id: str,
    specs: tuple[ParameterSpec, ...],
    csv_text: Callable[[dict], tuple[str, str]],
    code_text: Callable[[dict], str],
) -> None:
    """SVG and all-figures CSV (clientside), CSV download and code text for one panel."""
    browser_exports = (  # (button, JS function in assets/exports.js, output it writes)
        ("svg", "downloadSvg", Output(f"{panel_id}-svg-done", "children")),
        ("allcsv", "allFiguresCsv", Output(f"{panel_id}-allcsv-download", "data")),
    )
    states = [State(spec.control_id, "value") for spec in specs]
    described = [spec for spec in specs if spec not in DISPLAY]  # the files' parameter lines
    for button, function_name, output in browser_exports:
        app.clientside_callback(
            ClientsideFunction(namespace="migdal", function_name=function_name),
            output,
            Input(f"{panel_id}-{button}-button", "n_clicks"),
            State(f"{panel_id}-{button}-button", "id"),
            State(f"{panel_id}-export-meta", "data"),
            State(REGISTRY_ID, "data"),
            [State(spec.control_id, "id") for spec in described],
            [State(spec.control_id, "value") for spec in described],
            prevent_initial_call=True,
        )

    @app.callback(
        Output(f"{panel_id}-download", "data"),
        Input(f"{panel_id}-csv-button", "n_clicks"),
        *states,
        prevent_initial_call=True,
    )
    def download_csv(n_clicks, *control_values):
        try:
            filename, text = csv_text(physical_values(specs, control_values))
        except ValueError:
            return no_update
        return dcc.send_string(text, filename)

    app.clientside_callback(
        ClientsideFunction(namespace="migdal_state", function_name="codeRequest"),
        Output(f"{panel_id}-code-request", "data"),
        Input(f"{panel_id}-code-summary", "n_clicks"),
        [Input(spec.control_id, "value") for spec in specs],
        State(f"{panel_id}-code-details", "id"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(f"{panel_id}-code", "children"),
        Input(f"{panel_id}-code-request", "data"),
        prevent_initial_call=True,
    )
    def show_code(request):
        try:
            control_values = request.get("values") if isinstance(request, dict) else None
            return code_text(physical_values(specs, tuple(control_values or ())))
        except (ValueError, TypeError) as error:
            return f"# invalid input: {error}"
