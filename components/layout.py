"""Page shell: header, notice bar, control sidebar and the panels."""

from __future__ import annotations

from dash import dcc, html

from components import params
from components.controls import control_group
from components.url_state import NOTICE_ID, URL_ID


def page(panels: list) -> html.Div:
    """Whole page; control values start at the defaults and the URL callback applies the query."""
    values = params.defaults()
    return html.Div(id="page", className="page", children=[
        dcc.Location(id=URL_ID, refresh=False),
        html.Header(className="header", children=[
            html.H1("Migdal regimes explorer"),
            html.P("When do fast electrons and slow nuclei separate — and what happens when they don't?",
                   className="subtitle"),
        ]),
        html.Div(id=NOTICE_ID, className="notice", role="status"),
        html.Div(className="main", children=[
            html.Aside(className="sidebar", children=[
                control_group("Electrons and lattice", params.LATTICE, values),
                control_group("Phase diagram", params.PHASE, values),
                control_group("Vertex and T_c", params.VERTEX, values),
                control_group("Migdal event spectra", params.SPECTRA, values),
            ]),
            html.Main(className="panels", children=panels),
        ]),
    ])
