"""The frame every panel shares: title, "what am I looking at?", status lines, main figure with
its export bar, a side column and an optional row of smaller figures."""

from __future__ import annotations

from dash import dcc, html

from components.exports import export_bar
from components.theme import GRAPH_CONFIG, message_figure


def _figure_box(height_px: int, child) -> html.Div:
    """Holds a figure's place before the plotly bundle has loaded and drawn it (no layout shift)."""
    return html.Div(child, className="figure-box", style={"--figure-height": f"{height_px}px"})


def graph(graph_id: str, height_px: int) -> dcc.Graph:
    """A figure placeholder of fixed height (no layout shift when the figure arrives); lecture mode
    scales it by ``--figure-scale``, as :meth:`components.theme.Style.height` scales the figure."""
    png = dict(GRAPH_CONFIG["toImageButtonOptions"], filename=f"migdal_{graph_id}")  # the camera icon's file
    return dcc.Graph(
        id=graph_id,
        config=dict(GRAPH_CONFIG, toImageButtonOptions=png),
        figure=message_figure("computing…"),
        style={
            "--figure-height": f"{height_px}px",
            "height": f"calc({height_px}px * var(--figure-scale, 1))",
        },
    )


def panel_section(
    panel_id: str,
    title: str,
    explanation: str,
    status: list,
    main_height_px: int,
    side: list,
    row: list | None = None,
) -> html.Section:
    """Layout of one panel; ``status`` sits above the figures (badge, caption, error line)."""
    children = [
        html.H2(title),
        html.Details(
            className="explain", children=[html.Summary("What am I looking at?"), html.P(explanation)]
        ),
        *status,
        html.Div(
            className="panel-body",
            children=[
                html.Div(
                    className="panel-main",
                    children=[
                        _figure_box(
                            main_height_px,
                            dcc.Loading(graph(f"{panel_id}-graph", main_height_px), delay_show=200),
                        ),
                        export_bar(panel_id, title),
                    ],
                ),
                html.Div(className="panel-side", children=side),
            ],
        ),
    ]
    if row:
        children.append(html.Div(className="panel-row", children=row))
    return html.Section(id=f"{panel_id}-panel", className="panel", children=children)


def titled_graph(title: str, graph_id: str, height_px: int, *extra) -> html.Div:
    """A small figure with its heading (and optional caption) for a panel's row or side column."""
    return html.Div(children=[html.H3(title), _figure_box(height_px, graph(graph_id, height_px)), *extra])
