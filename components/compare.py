"""Two-point comparison on the phase diagram: pin the current point as A, keep moving B.

The pin is the phase point's parameters (physical values) in a ``dcc.Store``, set by the "Pin point A"
button and read from the link's ``pinA`` (``?pinA=E_F_eV:0.005,omega_ph_eV:0.1,...``), which the browser
keeps in the URL beside the controls (``assets/compare.js``; :data:`components.state.COMPANION_KEYS`).
The phase panel draws A as its own marker and shows A beside B in its table; every number comes from
:func:`migdal_core.regimes.regime_point` through the panel's own row builder.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from urllib.parse import parse_qs

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from components.params import BY_NAME, physical_values
from components.url_state import URL_ID

PIN_ID = "phase-pin"
PIN_BUTTON_ID = "phase-pin-button"
CLEAR_BUTTON_ID = "phase-unpin-button"
PIN_NOTE_ID = "phase-pin-note"
PIN_URL_DONE_ID = "phase-pin-url"
URL_KEY = "pinA"
TRACE_NAME = "point A"
POINT_NAMES = (
    "m_over_M",
    "E_F_eV",
    "omega_ph_eV",
    "coupling",
    "valence",
    "ql",
    "coupling_model",
    "D_over_E_F",
)
POINT_SPECS = tuple(BY_NAME[name] for name in POINT_NAMES)


def encode(pin: dict) -> str:
    """``pinA`` value: ``name:value`` pairs as the URL writes the controls."""
    return ",".join(f"{spec.name}:{spec.url_text(pin[spec.name])}" for spec in POINT_SPECS)


def decode(text: str) -> dict:
    """Validated physical values of a ``pinA`` value (ValueError naming what is wrong); missing names keep
    their defaults."""
    pin = {spec.name: spec.default for spec in POINT_SPECS}
    for pair in text.split(","):
        name, _, value = pair.partition(":")
        if name not in pin:
            raise ValueError(f"{URL_KEY}: unknown parameter {name!r}")
        pin[name] = BY_NAME[name].validate(value)
    return pin


def stored(values: dict | None) -> dict | None:
    """The pin store's data: the point and its ``pinA`` text (which the browser writes into the link)."""
    return None if values is None else {"point": values, "link": encode(values)}


def pinned_point(data: object) -> dict | None:
    """The pinned parameters from the store's data (None: nothing pinned or unreadable)."""
    if not isinstance(data, dict) or not isinstance(data.get("point"), dict):
        return None
    try:
        return {spec.name: spec.validate(data["point"][spec.name]) for spec in POINT_SPECS}
    except (KeyError, ValueError):
        return None


def pin_from_search(search: object) -> tuple[dict | None, str]:
    """(pin or None, notice) from a page's query string."""
    texts = parse_qs(search.lstrip("?")).get(URL_KEY, []) if isinstance(search, str) else []
    if not texts:
        return None, ""
    try:
        return decode(texts[-1]), ""
    except ValueError as error:
        return None, f"Point A of the link was not pinned ({error})."


def controls() -> html.Div:
    """Pin and clear buttons and the pin's store (in the phase panel's side column)."""
    return html.Div(
        className="compare-bar",
        children=[
            dcc.Store(id=PIN_ID),
            html.Button(
                "Pin point A",
                id=PIN_BUTTON_ID,
                className="export-button",
                title="Keep the current point as A on the diagram and in the table; then move the controls (B)",
            ),
            html.Button(
                "Clear A",
                id=CLEAR_BUTTON_ID,
                className="export-button",
                title="Remove point A",
                disabled=True,
            ),
            html.Span(id=PIN_NOTE_ID, className="pin-note", role="status"),
            html.Span(id=PIN_URL_DONE_ID, hidden=True),
        ],
    )


def marker(pin: dict | None, point, model: str, x_range: tuple[float, float], y_max: float, style) -> dict:
    """Point A's trace (``point`` its :class:`~migdal_core.regimes.RegimePoint`): a labelled diamond, or
    an empty trace when nothing is pinned or A is in another coupling model (another y axis)."""
    trace = dict(
        type="scatter",
        x=[],
        y=[],
        mode="markers+text",
        name=TRACE_NAME,
        text=["A"],
        textposition="middle left",
        textfont=dict(size=style.font(14), color=style.ink),
        marker=dict(
            symbol="diamond",
            size=style.font(15),
            color="#ffffff" if style.dark else "#222222",
            line=dict(color="#222222" if style.dark else "#ffffff", width=1.5),
        ),
    )
    if pin is None or point is None or pin["coupling_model"] != model:
        return trace
    x = min(max(math.log10(point.eta), x_range[0]), x_range[1])
    return dict(
        trace,
        x=[x],
        y=[min(pin["coupling"], y_max)],
        hovertemplate=f"<b>A: {point.regime}</b><br>E_F = {pin['E_F_eV']:.4g} eV, "
        f"ω_ph = {pin['omega_ph_eV']:.4g} eV<br>η = {point.eta:.4g}, λ = {pin['coupling']:.3g}<extra></extra>",
    )


def table(
    rows_a: list[tuple], rows_b: list[tuple], regime_a: str, regime_b: str, shown: Callable[..., str]
) -> html.Table:
    """A beside B: ``rows_*`` are the panel's ``(key, symbol, value, unit, note)`` rows, ``shown`` its
    cell text ``(key, value, unit, which) -> str``; a row of one model only shows "—" for the other."""
    by_key_a = {row[0]: row for row in rows_a}
    keys_b = {row[0] for row in rows_b}
    ordered = list(rows_b) + [row for row in rows_a if row[0] not in keys_b]
    head = html.Thead(html.Tr([html.Th("quantity"), html.Th("A (pinned)"), html.Th("B (now)")]))
    body = [
        html.Tr([html.Td("regime"), html.Td(regime_a, className="num"), html.Td(regime_b, className="num")])
    ]
    for key, symbol, value, unit, note in ordered:
        a = by_key_a.get(key)
        cell_a = shown(key, a[2], a[3], "A") if a else "—"
        cell_b = shown(key, value, unit, "B") if key in keys_b else "—"
        body.append(
            html.Tr(
                [
                    html.Td(symbol, title=note),
                    html.Td(cell_a, className="num"),
                    html.Td(cell_b, className="num"),
                ]
            )
        )
    return html.Table(className="readout-table compare-table", children=[head, html.Tbody(body)])


def register_callbacks(app: Dash) -> None:
    """Pin (button or link), clear, and the link kept in step (clientside)."""

    @app.callback(
        Output(PIN_ID, "data"),
        Output(PIN_NOTE_ID, "children"),
        Output(CLEAR_BUTTON_ID, "disabled"),
        Input(PIN_BUTTON_ID, "n_clicks"),
        Input(CLEAR_BUTTON_ID, "n_clicks"),
        Input(URL_ID, "search"),
        [State(spec.control_id, "value") for spec in POINT_SPECS],
    )
    def pin_point(pin_clicks, clear_clicks, search, *control_values):
        if ctx.triggered_id == CLEAR_BUTTON_ID:
            return None, "", True
        if ctx.triggered_id == PIN_BUTTON_ID:
            try:
                return stored(physical_values(POINT_SPECS, control_values)), "", False
            except ValueError as error:
                return no_update, f"Not pinned: {error}", no_update
        pin, notice = pin_from_search(search)
        return stored(pin), notice, pin is None

    app.clientside_callback(
        ClientsideFunction(namespace="migdal_compare", function_name="writePin"),
        Output(PIN_URL_DONE_ID, "children"),
        Input(PIN_ID, "data"),
        prevent_initial_call=True,
    )
