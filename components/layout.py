"""Page shell: header (presets, display), lecture bar, notice bar, control sidebar and the panels."""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html

from components import about, lecture, params
from components.controls import control, control_group
from components.presets import tooltip
from components.url_state import NOTICE_ID, PRESET_ID, URL_ID, stores

PAGE_ID = "page"


def _preset_picker() -> html.Div:
    return html.Div(
        className="preset-picker",
        children=[
            html.Label("Preset", htmlFor=PRESET_ID),
            dcc.Dropdown(
                id=PRESET_ID,
                options=[
                    {
                        "label": html.Span(p.label, title=tooltip(p), className="preset-option"),
                        "value": p.key,
                        "search": p.label,
                    }
                    for p in lecture.presets_in_order()
                ],
                maxHeight=720,  # all 13 at once: the menu is min(720px, 100vh - 100px) tall
                placeholder="choose a real system…",
                clearable=True,
                searchable=True,
                className="preset-dropdown",
            ),
        ],
    )


def page(panels: list) -> html.Div:
    """Whole page; control values start at the defaults and the URL callback applies the query."""
    values = params.defaults()
    return html.Div(
        id=PAGE_ID,
        className="page theme-light",
        children=[
            dcc.Location(id=URL_ID, refresh=False),
            *stores(),
            html.Header(
                className="header",
                children=[
                    html.Div(
                        className="title",
                        children=[
                            html.H1("Migdal regimes explorer"),
                            html.P(
                                "When do fast electrons and slow nuclei separate, and what happens when they don't?",
                                className="subtitle",
                            ),
                        ],
                    ),
                    _preset_picker(),
                    html.Div(
                        className="display-controls",
                        children=[control(spec, values[spec.name]) for spec in params.DISPLAY],
                    ),
                ],
            ),
            lecture.layout(),
            html.Div(id=NOTICE_ID, className="notice", role="status"),
            html.Div(
                className="main",
                children=[
                    html.Aside(
                        className="sidebar",
                        children=[
                            control_group("Electrons and lattice", params.LATTICE, values),
                            control_group("Phase diagram", params.PHASE, values),
                            control_group("Vertex and T_c", params.VERTEX, values),
                            control_group("Migdal event spectra", params.SPECTRA, values),
                            control_group("From atom to crystal", params.NUCLEI, values),
                            control_group("Two bands", params.MULTIBAND, values),
                        ],
                    ),
                    html.Main(className="panels", children=[*panels, about.layout()]),
                ],
            ),
        ],
    )


def register_callbacks(app: Dash) -> None:
    """Lecture mode and theme are CSS classes on the page."""
    app.clientside_callback(
        """function (lecture, theme) {
            return "page theme-" + (theme === "dark" ? "dark" : "light") + (lecture === "on" ? " lecture" : "");
        }""",
        Output(PAGE_ID, "className"),
        Input(params.BY_NAME["lecture"].control_id, "value"),
        Input(params.BY_NAME["theme"].control_id, "value"),
    )
