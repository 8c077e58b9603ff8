"""Parameter animation on the phase diagram: E_F sweeping down (or ω_ph, λ up) so the point crosses regimes.

Play / pause, step and speed are buttons and radio items (Tab, Space, Enter). The frames are made in the
browser (``assets/animation.js``, ``migdal_play.frame``): each tick moves one slider's value by
1/:data:`FRAMES` of its range, so a frame costs what a key press on the slider costs (the phase
panel's small patch and the vertex panel: two server requests). A tick is skipped while the phase
figure has not yet drawn the last frame (its shown key, ``phase-shown``), and the sweep stops at the
end of the range.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from components.params import BY_NAME
from components.url_state import REGISTRY_ID

PARAMETER_ID = "play-parameter"
SPEED_ID = "play-speed"
PLAY_ID = "play-button"
STEP_ID = "play-step"
INTERVAL_ID = "play-interval"
CONFIG_ID = "play-config"
FRAMES = 40
# (parameter, direction, label): E_F sweeps down (dilute carriers), omega_ph and lambda up
SWEEPS = (("E_F_eV", -1, "E_F ↓"), ("omega_ph_eV", 1, "ω_ph ↑"), ("coupling", 1, "λ ↑"))
SPEEDS_MS = (("1000", "slow"), ("400", "normal"), ("150", "fast"))
PLAY, PAUSE = "▶ Play", "⏸ Pause"


def controls(shown_id: str) -> html.Div:
    """The play bar (in the phase panel's side column); ``shown_id``: the phase figure's shown key."""
    return html.Div(
        className="play-bar",
        role="group",
        **{"aria-label": "Animate a parameter across the phase diagram"},
        children=[
            dcc.Store(
                id=CONFIG_ID,
                data={
                    "names": [name for name, _, _ in SWEEPS],
                    "directions": [direction for _, direction, _ in SWEEPS],
                    "frames": FRAMES,
                    "shown": shown_id,
                },
            ),
            html.Span("Animate", className="play-title"),
            dcc.RadioItems(
                id=PARAMETER_ID,
                options=[{"label": label, "value": name} for name, _, label in SWEEPS],
                value=SWEEPS[0][0],
                inline=True,
                className="play-choice",
            ),
            html.Button(
                PLAY,
                id=PLAY_ID,
                className="export-button",
                title="Sweep the chosen parameter over its range (Space or Enter: play / pause)",
                **{"aria-pressed": "false"},
            ),
            html.Button("Step", id=STEP_ID, className="export-button", title="One frame of the sweep"),
            dcc.RadioItems(
                id=SPEED_ID,
                options=[{"label": label, "value": ms} for ms, label in SPEEDS_MS],
                value=SPEEDS_MS[1][0],
                inline=True,
                className="play-choice",
            ),
            dcc.Interval(id=INTERVAL_ID, interval=int(SPEEDS_MS[1][0]), disabled=True),
        ],
    )


def register_callbacks(app: Dash, shown_id: str) -> None:
    """One clientside callback: play / pause / step / speed and each tick."""
    specs = [BY_NAME[name] for name, _, _ in SWEEPS]
    app.clientside_callback(
        ClientsideFunction(namespace="migdal_play", function_name="frame"),
        [Output(spec.control_id, "value", allow_duplicate=True) for spec in specs]
        + [
            Output(INTERVAL_ID, "disabled"),
            Output(INTERVAL_ID, "interval"),
            Output(PLAY_ID, "children"),
            Output(PLAY_ID, "aria-pressed"),
        ],
        Input(PLAY_ID, "n_clicks"),
        Input(STEP_ID, "n_clicks"),
        Input(INTERVAL_ID, "n_intervals"),
        Input(SPEED_ID, "value"),
        State(PARAMETER_ID, "value"),
        State(INTERVAL_ID, "disabled"),
        [State(spec.control_id, "value") for spec in specs],
        State(REGISTRY_ID, "data"),
        State(CONFIG_ID, "data"),
        State(shown_id, "data"),
        prevent_initial_call=True,
    )
