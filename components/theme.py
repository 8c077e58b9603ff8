"""Shared figure styling (normal, lecture, dark) and the figure shown instead of a traceback."""

from __future__ import annotations

import math
from dataclasses import dataclass

FONT_FAMILY = "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

REGIME_COLORS = {
    "adiabatic": "#cfe8d5",
    "non-adiabatic": "#fbe3b0",
    "anti-adiabatic": "#f6c1b8",
    "beyond-migdal-eliashberg": "#c9ccd3",
    "bipolaronic": "#c9dcf2",
    "polaronic": "#d5c8ea",
}
REGIME_COLORS_DARK = {
    "adiabatic": "#244a31",
    "non-adiabatic": "#5c4a1c",
    "anti-adiabatic": "#5e2a22",
    "beyond-migdal-eliashberg": "#3a3f4a",
    "bipolaronic": "#233d5c",
    "polaronic": "#3d3158",
}

# Okabe & Ito's colour-blind-safe palette (jfly.uni-koeln.de/color, 2008): in every panel the crystal /
# non-adiabatic curves are blue and the atom / adiabatic curves orange, apart under protanopia and
# deuteranopia (tests/browser/test_readability.py); the blue turns sky blue on the dark background.
NON_ADIABATIC_COLOR = "#0072b2"
NON_ADIABATIC_COLOR_DARK = "#56b4e9"
ADIABATIC_COLOR = "#e69f00"

LECTURE_FONT_PX = 22  # smallest figure text in lecture mode
LECTURE_FIGURE_SCALE = 1.35  # figure heights in lecture mode (same factor as --figure-scale in style.css)
LECTURE_MARGIN_SCALE = 1.6  # top and bottom figure margins in lecture mode

GRAPH_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,  # plotly.js 3 defaults it on: a "Share chart..." button uploading to Plotly Cloud
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


@dataclass(frozen=True)
class Style:
    """How a figure is drawn: font size, line-width factor, ink colours, dark or light.

    ``min_font`` is the smallest text in a figure (lecture mode: 22 px, readable from the back of a
    hall); ``height_scale`` makes lecture figures taller (``--figure-scale`` in ``assets/style.css``
    scales their containers by the same factor).
    """

    font_size: int = 13
    line_scale: float = 1.0
    ink: str = "#333333"
    muted: str = "#555555"
    dark: bool = False
    min_font: int = 0
    height_scale: float = 1.0

    @property
    def blue(self) -> str:
        """The crystal / non-adiabatic / main-curve blue, readable on this background."""
        return NON_ADIABATIC_COLOR_DARK if self.dark else NON_ADIABATIC_COLOR

    @property
    def red_text(self) -> str:
        """Text in the selection red, 4.5:1 on this background (WCAG 2.1; #d62728 is 3.3:1 on the dark)."""
        return "#ff7b7b" if self.dark else "#d62728"

    def blue_fill(self, alpha: float) -> str:
        red, green, blue = (int(self.blue[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgba({red},{green},{blue},{alpha})"

    @property
    def lecture(self) -> bool:
        return self.min_font > 0

    def line(self, width: float) -> float:
        return width * self.line_scale

    def font(self, size: float) -> int:
        return max(self.min_font, round(size * self.font_size / 13))

    def cited(self, text: str, source: str) -> str:
        """A figure label with its source; lecture mode keeps the label only (the back row cannot read a
        reference; the normal view and the About view list them)."""
        return text if self.lecture else f"{text} ({source})"

    def height(self, height_px: float) -> int:
        return round(height_px * self.height_scale)

    @property
    def regime_colors(self) -> dict[str, str]:
        return REGIME_COLORS_DARK if self.dark else REGIME_COLORS


def style_for(lecture: str = "off", theme: str = "light") -> Style:
    """Style for the display parameters (``lecture`` on/off, ``theme`` light/dark)."""
    dark = theme == "dark"
    big = lecture == "on"
    return Style(
        font_size=LECTURE_FONT_PX if big else 13,
        line_scale=2.0 if big else 1.0,
        ink="#e8e8e8" if dark else "#333333",
        muted="#bbbbbb" if dark else "#555555",
        dark=dark,
        min_font=LECTURE_FONT_PX if big else 0,
        height_scale=LECTURE_FIGURE_SCALE if big else 1.0,
    )


def _axis(style: Style) -> dict:
    """Axis defaults of the trimmed template (what plotly_white / plotly_dark set that we use)."""
    grid = "#3a4150" if style.dark else "#e5e8ee"
    return dict(
        gridcolor=grid,
        zerolinecolor=grid,
        linecolor=grid,
        automargin=True,
        title=dict(standoff=8),
        tickfont=dict(color=style.ink),
        color=style.ink,
        ticklabelstandoff=6 if style.lecture else 2,
    )


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
        colorway=[style.blue, "#d55e00", "#009e73", "#cc79a7", ADIABATIC_COLOR, "#56b4e9"],
        xaxis=_axis(style),
        yaxis=_axis(style),
    )
    for key, value in overrides.items():
        if key == "height":
            layout[key] = style.height(value)
        elif key == "margin" and style.lecture:  # room for 22 px titles, threshold labels and legends
            layout[key] = {
                side: round(px * (LECTURE_MARGIN_SCALE if side in "tb" else 1)) for side, px in value.items()
            }
        elif key == "legend" and value.get("y", 1) < 0:
            # under the plot: pinned to the figure's bottom edge, clear of the x axis title (figure() makes room)
            layout[key] = {**value, "yref": "container", "y": 0, "yanchor": "bottom"}
        elif key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            layout[key] = {**_axis(style), **value}
        else:
            layout[key] = value
    return layout


MAX_DECADE_LABELS = 6


def _data_span(data: list[dict], axis_key: str) -> tuple[float, float] | None:
    """log10 of the smallest and largest positive value the traces put on ``xaxis``/``yaxis2``/...."""
    letter, suffix = axis_key[0], axis_key[5:]
    values = [
        v
        for trace in data
        if trace.get(f"{letter}axis", letter) == letter + suffix
        for v in (trace.get(letter) if trace.get(letter) is not None else [])
        if isinstance(v, (int, float)) and v > 0 and math.isfinite(v)
    ]
    return (math.log10(min(values)), math.log10(max(values))) if values else None


def _decade_ticks(data: list[dict], layout: dict) -> None:
    """Log axes labelled at whole decades only (plotly's 2-and-5 labels between decades pile up), at most
    ``MAX_DECADE_LABELS`` of them, fewer on a short y axis (one label per 2.4 lines of text)."""
    margin = layout.get("margin", {})
    plot_height_px = layout.get("height", 450) - margin.get("t", 0) - margin.get("b", 0)
    font_px = layout.get("font", {}).get("size", 13)
    y_labels = min(MAX_DECADE_LABELS, max(3, int(plot_height_px / (2.4 * font_px))))
    for key, axis in layout.items():
        if not (key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict) and axis.get("type") == "log"):
            continue
        if "dtick" in axis or "tickvals" in axis:
            continue
        span = tuple(axis["range"]) if axis.get("range") else _data_span(data, key)
        if span:
            labels = y_labels if key.startswith("y") else MAX_DECADE_LABELS
            axis["dtick"] = max(1, math.ceil((span[1] - span[0]) / labels))


LEGEND_LINE_WIDTH_PX = {True: 800, False: 420}  # narrowest figure, lecture mode or not


def _text_px(text: str, font_px: float) -> float:
    """Rough width of a line of text (mean glyph width 0.55 em)."""
    return 0.55 * font_px * len(text)


def _legend_rows(data: list[dict], legend_font_px: float, line_px: float) -> int:
    rows, used = 1, 0.0
    for trace in data:
        if trace.get("showlegend", True) and trace.get("name"):
            entry = _text_px(trace["name"], legend_font_px) + 50
            if used and used + entry > line_px:
                rows, used = rows + 1, 0.0
            used += entry
    return rows


def _make_room(data: list[dict], layout: dict, lecture: bool) -> None:
    """Room under the plot for a legend pinned to the figure's bottom edge; in lecture mode the figure
    grows by it, and enough that the y axis title fits along the plot (the graph container follows:
    ``.lecture .dash-graph`` in style.css); otherwise the plot gives up the height."""
    font_px = layout["font"]["size"]
    legend = layout.get("legend", {})
    legend_px = 0.0
    if layout.get("showlegend", True) and legend.get("yref") == "container":
        legend_font_px = legend.get("font", {}).get("size", font_px)
        legend_px = 1.5 * legend_font_px * _legend_rows(data, legend_font_px, LEGEND_LINE_WIDTH_PX[lecture])
    margin = dict(layout.get("margin", {}))
    if legend_px:  # x tick labels and title (about 3.2 lines) above the legend
        margin["b"] = round(max(margin.get("b", 0), 3.2 * font_px + legend_px))
    height = layout.get("height", 450) + (legend_px if lecture else 0.0)
    if lecture:
        plot_px = height - margin.get("t", 0) - margin["b"] - 2 * font_px  # less the x tick labels
        title = (layout.get("yaxis", {}).get("title") or {}).get("text") or ""
        height += max(0.0, _text_px(title, font_px) - plot_px)
    layout["margin"] = margin
    if "height" in layout or lecture:
        layout["height"] = round(height)


def figure(data: list[dict], layout: dict) -> dict:
    """A plotly figure as a plain dict (no graph_objects validation: builders are tested instead)."""
    _decade_ticks(data, layout)
    if "font" in layout:
        _make_room(data, layout, layout["font"]["size"] >= LECTURE_FONT_PX)
    return {"data": data, "layout": layout}


def vline(x: float, color: str, width: float, dash: str = "solid") -> dict:
    """Vertical line across the plot (a layout shape)."""
    return dict(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        line=dict(color=color, width=width, dash=dash),
    )


def hline(y: float, color: str, width: float, dash: str = "solid", yref: str = "y") -> dict:
    """Horizontal line across the plot (a layout shape)."""
    return dict(
        type="line",
        xref="paper",
        yref=yref,
        x0=0,
        x1=1,
        y0=y,
        y1=y,
        line=dict(color=color, width=width, dash=dash),
    )


def message_figure(text: str, style: Style = Style()) -> dict:
    """An empty figure carrying a message (bad input, not yet available)."""
    layout = base_layout(
        style,
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",  # the card shows through
        annotations=[
            dict(
                text=text,
                showarrow=False,
                x=0.5,
                y=0.5,
                xref="paper",
                yref="paper",
                # at least 4.5:1 on the card (WCAG 2.1 SC 1.4.3)
                font=dict(size=style.font(15), color="#e07a66" if style.dark else "#7a2e1f"),
            )
        ],
    )
    return figure([], layout)
