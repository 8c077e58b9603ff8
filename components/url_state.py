"""The one callback that keeps controls, readouts, presets and the URL in step.

Dash allows a circular dependency only inside one callback, so the three
directions live together here and ``ctx.triggered_id`` tells which happened:
the URL changed (page load, back button), a preset was chosen, or the user
moved a control.
"""

from __future__ import annotations

from dash import Dash, Input, Output, ctx, no_update

from components import state
from components.params import ALL_PARAMETERS, DISPLAY, defaults
from components.presets import BY_KEY

URL_ID = "url"
NOTICE_ID = "url-notice"
PRESET_ID = "preset"


def preset_values(key: str, current: dict) -> dict:
    """Every parameter for preset ``key``: defaults overlaid with the preset, display kept."""
    values = defaults()
    values.update(BY_KEY[key].values)
    values.update({spec.name: current[spec.name] for spec in DISPLAY})
    return values


def register_callbacks(app: Dash) -> None:
    outputs = (
        [Output(spec.control_id, "value") for spec in ALL_PARAMETERS]
        + [Output(spec.readout_id, "children") for spec in ALL_PARAMETERS]
        + [Output(URL_ID, "search"), Output(NOTICE_ID, "children"), Output(PRESET_ID, "value")]
    )
    inputs = ([Input(URL_ID, "search"), Input(PRESET_ID, "value")]
              + [Input(spec.control_id, "value") for spec in ALL_PARAMETERS])

    @app.callback(outputs, inputs)
    def sync_url_presets_and_controls(search, preset, *control_values):
        current, notices = _read_controls(control_values)
        if ctx.triggered_id in (None, URL_ID):
            values, notices = state.decode(search if isinstance(search, str) else None)
            preset_out = no_update
        elif ctx.triggered_id == PRESET_ID and isinstance(preset, str) and preset in BY_KEY:
            values, notices, preset_out = preset_values(preset, current), [], no_update
        else:  # the user moved a control (or sent garbage): controls win, the preset label clears
            values, preset_out = current, None if ctx.triggered_id != PRESET_ID else no_update
            new_controls = [no_update] * len(ALL_PARAMETERS)
            return (new_controls + _readouts(values)
                    + [state.encode(values), " ".join(notices), preset_out])
        new_controls = [
            spec.to_control(values[spec.name]) if current[spec.name] != values[spec.name] else no_update
            for spec in ALL_PARAMETERS
        ]
        canonical = state.encode(values)
        return (new_controls + _readouts(values)
                + [canonical if canonical != search else no_update, " ".join(notices), preset_out])


def _read_controls(control_values: tuple) -> tuple[dict, list[str]]:
    """Physical values of the controls; a bad value falls back to its default with a notice."""
    values, notices = {}, []
    for spec, control_value in zip(ALL_PARAMETERS, control_values):
        try:
            values[spec.name] = spec.from_control(control_value)
        except ValueError as error:
            values[spec.name] = spec.default
            notices.append(str(error))
    return values, notices


def _readouts(values: dict) -> list[str]:
    return [spec.format(values[spec.name]) for spec in ALL_PARAMETERS]


