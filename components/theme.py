"""Shared figure styling (normal, lecture, dark) and the figure shown instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

REGIME_COLORS = {
    "adiabatic": "#cfe8d5",
    "non-adiabatic": "#fbe3b0",
    "anti-adiabatic": "#f6c1b8",
    "beyond-migdal-eliashberg": "#c9ccd3",
    "bipolaronic": "#e9c6de",
    "polaronic": "#d5c8ea",
}
REGIME_COLORS_DARK = {
    "adiabatic": "#244a31",
    "non-adiabatic": "#5c4a1c",
    "anti-adiabatic": "#5e2a22",
    "beyond-migdal-eliashberg": "#3a3f4a",
    "bipolaronic": "#552c48",
    "polaronic": "#3d3158",
}

GRAPH_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


@dataclass(frozen=True)
class Style:
    """How a figure is drawn: font size, line-width factor, ink colours, dark or light."""

    font_size: int = 13
    line_scale: float = 1.0
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
        ink="#e8e8e8" if dark else "#333333",
        muted="#bbbbbb" if dark else "#555555",
        dark=dark,
    )


def _axis(style: Style) -> dict:
    """Axis defaults of the trimmed template (what plotly_white / plotly_dark set that we use)."""
    grid = "#3a4150" if style.dark else "#e5e8ee"
    return dict(gridcolor=grid, zerolinecolor=grid, linecolor=grid, automargin=True,
                title=dict(standoff=8), tickfont=dict(color=style.ink), color=style.ink)


def base_layout(style: Style = Style(), **overrides) -> dict:
    """Layout shared by all figures: a trimmed template (a few kB less per figure than plotly_white).

    Axis overrides (``xaxis``, ``yaxis``, ``yaxis2``) are merged into the axis defaults.
    """
    background = "#1b1f27" if style.dark else "#ffffff"
    layout = dict(
        font=dict(family=FONT_FAMILY, size=style.font_size, color=style.ink),
        margin=dict(l=60, r=20, t=40, b=50),
        hoverlabel=dict(font=dict(size=style.font(13))),
        hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        paper_bgcolor=background,
        plot_bgcolor=background,
        colorway=["#1f5fa8", "#d62728", "#2e7d32", "#6a3d9a", "#ff7f0e", "#17becf"],
        xaxis=_axis(style),
        yaxis=_axis(style),
    )
    for key, value in overrides.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            layout[key] = {**_axis(style), **value}
        else:
            layout[key] = value
    return layout


def figure(data: list[dict], layout: dict) -> dict:
    """A plotly figure as a plain dict (no graph_objects validation: builders are tested instead)."""
    return {"data": data, "layout": layout}


def vline(x: float, color: str, width: float, dash: str = "solid") -> dict:
    """Vertical line across the plot (a layout shape)."""
    return dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                line=dict(color=color, width=width, dash=dash))


def hline(y: float, color: str, width: float, dash: str = "solid", yref: str = "y") -> dict:
    """Horizontal line across the plot (a layout shape)."""
    return dict(type="line", xref="paper", yref=yref, x0=0, x1=1, y0=y, y1=y,
                line=dict(color=color, width=width, dash=dash))


def message_figure(text: str, style: Style = Style()) -> dict:
    """An empty figure carrying a message (bad input, not yet available)."""
    layout = base_layout(style, xaxis=dict(visible=False), yaxis=dict(visible=False), annotations=[dict(
        text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
        font=dict(size=style.font(15), color="#d0634f" if style.dark else "#7a2e1f"))])
    return figure([], layout)
