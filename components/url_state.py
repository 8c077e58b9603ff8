"""Controls, presets and the URL kept in step, with the server involved only when it has to be.

- A control move: the browser updates the readouts and the URL itself (``assets/state.js``,
  ``migdal_state.mirror``), no request.
- Page load or back/forward (the URL changed) and choosing a preset: one server callback decodes the
  query (:mod:`components.state`) or the preset, sets the controls and reports what it ignored; its
  URL-sync token makes the browser write the canonical query. A link's ``?preset=KEY`` also sets the
  preset menu (so the lecture step shows), and the menu's value is written back to the URL.

Dash forbids circular dependencies between callbacks: the server callback reads the URL and writes
the controls, the clientside one reads the controls and writes the URL through ``history.replaceState``
(not a Dash output), so the graph has no cycle.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, no_update

from components import state
from components.params import ALL_PARAMETERS, client_registry, live_property
from components.presets import BY_KEY

URL_ID = "url"
NOTICE_ID = "url-notice"
PRESET_ID = "preset"
URL_SYNC_ID = "url-sync"
REGISTRY_ID = "param-registry"
SLIDERS = tuple(spec for spec in ALL_PARAMETERS if spec.kind != "choice")


def stores() -> list[dcc.Store]:
    """The registry the browser mirrors with, and the server's URL-sync token."""
    registry = dict(client_registry(), companions=list(state.COMPANION_KEYS))
    return [dcc.Store(id=REGISTRY_ID, data=registry), dcc.Store(id=URL_SYNC_ID)]


def register_callbacks(app: Dash) -> None:
    @app.callback(
        [Output(spec.control_id, "value") for spec in ALL_PARAMETERS]
        + [Output(NOTICE_ID, "children"), Output(URL_SYNC_ID, "data"), Output(PRESET_ID, "value")],
        Input(URL_ID, "search"),
        Input(PRESET_ID, "value"),
        [State(spec.control_id, "value") for spec in ALL_PARAMETERS],
    )
    def apply_url_or_preset(search, preset, *control_values):
        current, _ = _read_controls(control_values)
        if ctx.triggered_id == PRESET_ID:
            if not (isinstance(preset, str) and preset in BY_KEY):  # the preset label was cleared
                return [no_update] * (len(ALL_PARAMETERS) + 3)
            values, notices, linked = state.preset_values(preset, current), [], preset
        else:  # page load, back or forward
            values, linked, notices = state.decode_link(search if isinstance(search, str) else None)
        new_controls = [
            spec.to_control(values[spec.name]) if current[spec.name] != values[spec.name] else no_update
            for spec in ALL_PARAMETERS
        ]
        new_preset = linked if linked != preset else no_update
        return [*new_controls, " ".join(notices), state.encode(values), new_preset]

    app.clientside_callback(
        ClientsideFunction(namespace="migdal_state", function_name="mirror"),
        [Output(spec.readout_id, "children") for spec in ALL_PARAMETERS],
        [Input(spec.control_id, "value") for spec in ALL_PARAMETERS]
        + [Input(spec.control_id, live_property(spec)) for spec in SLIDERS]
        + [Input(URL_SYNC_ID, "data"), Input(PRESET_ID, "value")],
        State(REGISTRY_ID, "data"),
    )


def _read_controls(control_values: tuple) -> tuple[dict, list[str]]:
    """Physical values of the controls; a bad value falls back to its default with a notice."""
    values, notices = {}, []
    for spec, control_value in zip(ALL_PARAMETERS, control_values, strict=True):
        try:
            values[spec.name] = spec.from_control(control_value)
        except ValueError as error:
            values[spec.name] = spec.default
            notices.append(str(error))
    return values, notices
