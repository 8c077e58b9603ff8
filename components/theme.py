"""Shared figure styling and the figure shown instead of a traceback."""

from __future__ import annotations

import plotly.graph_objects as go

FONT_FAMILY = "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

REGIME_COLORS = {
    "adiabatic": "#cfe8d5",
    "non-adiabatic": "#fbe3b0",
    "anti-adiabatic": "#f6c1b8",
    "polaronic": "#d5c8ea",
}

GRAPH_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "svg", "scale": 1},
    "modeBarButtonsToAdd": ["toImage"],
}


def base_layout(**overrides) -> dict:
    """Layout shared by all figures: white template, readable fonts, tight margins."""
    layout = dict(
        template="plotly_white",
        font=dict(family=FONT_FAMILY, size=13),
        margin=dict(l=60, r=20, t=40, b=50),
        hoverlabel=dict(font_size=13),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    layout.update(overrides)
    return layout


def message_figure(text: str) -> dict:
    """An empty figure carrying a message (bad input, not yet available)."""
    fig = go.Figure()
    fig.update_layout(
        **base_layout(),
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        annotations=[dict(text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                          font=dict(size=15, color="#7a2e1f"))],
    )
    return fig.to_plotly_json()
