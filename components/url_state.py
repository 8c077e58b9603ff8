"""The one callback that keeps controls, readouts and the URL in step.

Dash allows a circular dependency only inside one callback, so the URL ->
controls direction (page load, back button) and controls -> URL (user moves
a slider) live together here; ``ctx.triggered_id`` tells which happened.
"""

from __future__ import annotations

from dash import Dash, Input, Output, ctx, no_update

from components import state
from components.params import ALL_PARAMETERS

URL_ID = "url"
NOTICE_ID = "url-notice"


def register_callbacks(app: Dash) -> None:
    outputs = (
        [Output(spec.control_id, "value") for spec in ALL_PARAMETERS]
        + [Output(spec.readout_id, "children") for spec in ALL_PARAMETERS]
        + [Output(URL_ID, "search"), Output(NOTICE_ID, "children")]
    )
    inputs = [Input(URL_ID, "search")] + [Input(spec.control_id, "value") for spec in ALL_PARAMETERS]

    @app.callback(outputs, inputs)
    def sync_url_and_controls(search, *control_values):
        controls_unchanged = [no_update] * len(ALL_PARAMETERS)
        if ctx.triggered_id in (None, URL_ID):
            values, notices = state.decode(search if isinstance(search, str) else None)
            new_controls = [
                spec.to_control(values[spec.name])
                if _differs(spec, values[spec.name], current) else no_update
                for spec, current in zip(ALL_PARAMETERS, control_values)
            ]
            readouts = [spec.format(values[spec.name]) for spec in ALL_PARAMETERS]
            canonical = state.encode(values)
            return new_controls + readouts + [canonical if canonical != search else no_update, notices_text(notices)]
        values, notices = {}, []
        for spec, control_value in zip(ALL_PARAMETERS, control_values):
            try:
                values[spec.name] = spec.from_control(control_value)
            except ValueError as error:
                values[spec.name] = spec.default
                notices.append(str(error))
        readouts = [spec.format(values[spec.name]) for spec in ALL_PARAMETERS]
        return controls_unchanged + readouts + [state.encode(values), notices_text(notices)]


def _differs(spec, physical, control_value) -> bool:
    try:
        return spec.from_control(control_value) != physical
    except ValueError:
        return True


def notices_text(notices: list[str]) -> str:
    return " ".join(notices)
