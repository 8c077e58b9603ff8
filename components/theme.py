"""Shared figure styling (normal, lecture, dark) and the figure shown instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

FONT_FAMILY = "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

REGIME_COLORS = {
    "adiabatic": "#cfe8d5",
    "non-adiabatic": "#fbe3b0",
    "anti-adiabatic": "#f6c1b8",
    "polaronic": "#d5c8ea",
}
REGIME_COLORS_DARK = {
    "adiabatic": "#244a31",
    "non-adiabatic": "#5c4a1c",
    "anti-adiabatic": "#5e2a22",
    "polaronic": "#3d3158",
}

GRAPH_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


@dataclass(frozen=True)
class Style:
    """How a figure is drawn: font size, line-width factor, template, ink colour."""

    font_size: int = 13
    line_scale: float = 1.0
    template: str = "plotly_white"
    ink: str = "#333333"
    muted: str = "#555555"
    dark: bool = False

    def line(self, width: float) -> float:
        return width * self.line_scale

    def font(self, size: float) -> int:
        return round(size * self.font_size / 13)

    @property
    def regime_colors(self) -> dict[str, str]:
        return REGIME_COLORS_DARK if self.dark else REGIME_COLORS


def style_for(lecture: str = "off", theme: str = "light") -> Style:
    """Style for the display parameters (``lecture`` on/off, ``theme`` light/dark)."""
    dark = theme == "dark"
    big = lecture == "on"
    return Style(
        font_size=20 if big else 13,
        line_scale=2.0 if big else 1.0,
        template="plotly_dark" if dark else "plotly_white",
        ink="#e8e8e8" if dark else "#333333",
        muted="#bbbbbb" if dark else "#555555",
        dark=dark,
    )


def base_layout(style: Style = Style(), **overrides) -> dict:
    """Layout shared by all figures: template, readable fonts, tight margins."""
    layout = dict(
        template=style.template,
        font=dict(family=FONT_FAMILY, size=style.font_size),
        margin=dict(l=60, r=20, t=40, b=50),
        hoverlabel=dict(font_size=style.font(13)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        paper_bgcolor="#1b1f27" if style.dark else "#ffffff",
        plot_bgcolor="#1b1f27" if style.dark else "#ffffff",
    )
    layout.update(overrides)
    return layout


def message_figure(text: str, style: Style = Style()) -> dict:
    """An empty figure carrying a message (bad input, not yet available)."""
    fig = go.Figure()
    fig.update_layout(
        **base_layout(style),
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        annotations=[dict(text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                          font=dict(size=style.font(15), color="#d0634f" if style.dark else "#7a2e1f"))],
    )
    return fig.to_plotly_json()
