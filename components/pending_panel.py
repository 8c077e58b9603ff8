"""A panel whose physics has not landed yet: says so, never shows fake data."""

from __future__ import annotations

from dash import dcc, html

from components.theme import GRAPH_CONFIG, message_figure


def layout(panel_id: str, title: str) -> html.Section:
    return html.Section(id=f"{panel_id}-panel", className="panel panel-pending", children=[
        html.H2(title),
        dcc.Graph(id=f"{panel_id}-graph", config=GRAPH_CONFIG,
                  figure=message_figure("Not yet available: this panel's physics is still being built."),
                  style={"height": "320px"}),
    ])
