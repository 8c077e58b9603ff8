"""Presets of real systems: every control at once, with the source of the numbers.

The data live in :mod:`migdal_core.materials` (so the CLI ``presets`` prints the same
numbers); this module adapts them for the page and scrolls a detector preset's
panel (the Migdal-effect spectra) into view.
"""

from __future__ import annotations

from dash import Dash, Input, Output

from migdal_core.materials import BY_KEY as MATERIALS_BY_KEY
from migdal_core.materials import DETECTOR_KEYS, MATERIALS, Material

Preset = Material
PRESETS: tuple[Preset, ...] = MATERIALS
BY_KEY = MATERIALS_BY_KEY
SPECTRA_PANEL_ID = "spectra-panel"


def tooltip(preset: Preset) -> str:
    """Source line shown on hover in the preset menu, with the measured T_c and its source."""
    if preset.Tc_measured_K is None:
        return preset.source
    return f"{preset.source} Measured T_c = {preset.Tc_measured_K:g} K ({preset.Tc_measured_source})."


def matching_preset(key: object, values: dict, tolerance: float = 1e-3) -> Preset | None:
    """The preset ``key`` if the current ``values`` still equal its numbers (the user has not moved away)."""
    preset = BY_KEY.get(key) if isinstance(key, str) else None
    if preset is None:
        return None
    for name, value in preset.values.items():
        if name in values and isinstance(value, float) and abs(values[name] - value) > tolerance * abs(value):
            return None
    return preset


def register_callbacks(app: Dash, preset_id: str) -> None:
    """A detector target (Si, Ge, Xe, Ar) scrolls the Migdal-effect spectra panel into view."""
    app.clientside_callback(
        f"""function (key) {{
            if ({sorted(DETECTOR_KEYS)!r}.indexOf(key) >= 0) {{
                // again once the other panels have re-rendered and moved it (they change height)
                const show = () => {{
                    const panel = document.getElementById("{SPECTRA_PANEL_ID}");
                    if (panel) {{ panel.scrollIntoView({{block: "start"}}); }}
                }};
                show();
                setTimeout(show, 1200);
            }}
            return window.dash_clientside.no_update;
        }}""",
        Output(preset_id, "className"),
        Input(preset_id, "value"),
        prevent_initial_call=True,
    )
