"""Slider moves send only what moved: the phase figure's patches rebuild exactly the full figure."""

import copy
import json

import numpy as np
import plotly.utils
from dash import Patch, no_update
from hypothesis import given, settings
from hypothesis import strategies as st

from components import compare, phase_panel
from components.params import BY_NAME


def jsonable(figure: dict) -> dict:
    """What the browser receives (numpy arrays as lists)."""
    return json.loads(json.dumps(figure, cls=plotly.utils.PlotlyJSONEncoder))


def apply(figure: dict, patch: Patch) -> dict:
    """Apply a patch's Assign operations the way the browser does."""
    result = copy.deepcopy(figure)
    for operation in jsonable(patch.to_plotly_json())["operations"]:
        assert operation["operation"] == "Assign"
        *path, last = operation["location"]
        target = result
        for step in path:
            target = target[step]
        target[last] = operation["params"]["value"]
    return result


def slider_value(name):
    spec = BY_NAME[name]
    return st.floats(0.0, 1.0).map(
        lambda f: spec.from_control(
            spec.to_control(spec.low) + f * (spec.to_control(spec.high) - spec.to_control(spec.low))
        )
    )


point_values = st.fixed_dictionaries(
    {
        "m_over_M": slider_value("m_over_M"),
        "E_F_eV": slider_value("E_F_eV"),
        "omega_ph_eV": slider_value("omega_ph_eV"),
        "coupling": slider_value("coupling"),
        "valence": st.sampled_from(["1", "2", "3", "4"]),
        "ql": slider_value("ql"),
        "lecture": st.sampled_from(["off", "on"]),
        "theme": st.sampled_from(["light", "dark"]),
        "coupling_model": st.sampled_from(["metal", "holstein"]),
        "D_over_E_F": slider_value("D_over_E_F"),
        "compact": st.booleans(),  # a phone's layout of the labels
    }
)
# a pinned point A (components.compare), or none
pins = st.one_of(
    st.none(),
    point_values.map(lambda v: {name: BY_NAME[name].validate(v[name]) for name in compare.POINT_NAMES}),
)


def full(values: dict, pin: dict | None = None) -> dict:
    main, small, _ = phase_panel.figure_updates(values, None, pin)
    return jsonable(main), jsonable(small)


@settings(max_examples=60, deadline=None)
@given(
    old=point_values,
    new=point_values,
    same_style=st.booleans(),
    same_model=st.booleans(),
    old_pin=pins,
    new_pin=pins,
)
def test_a_patch_turns_the_shown_figure_into_the_full_new_one(
    old, new, same_style, same_model, old_pin, new_pin
):
    if same_style:
        new = dict(new, lecture=old["lecture"], theme=old["theme"], compact=old["compact"])
    if same_model:
        new = dict(new, coupling_model=old["coupling_model"], D_over_E_F=old["D_over_E_F"])
    shown_main, shown_small = full(old, old_pin)
    _, _, shown = phase_panel.figure_updates(old, None, old_pin)
    main, small, _ = phase_panel.figure_updates(new, shown, new_pin)
    expected_main, expected_small = full(new, new_pin)
    if main is no_update:
        assert shown_main == expected_main
    elif isinstance(main, Patch):
        assert apply(shown_main, main) == expected_main
    else:  # another coupling model: a new background, the full figure
        assert jsonable(main) == expected_main
        assert old["coupling_model"] != new["coupling_model"] or (
            new["coupling_model"] == "holstein" and old["D_over_E_F"] != new["D_over_E_F"]
        )
    assert (shown_small if small is no_update else jsonable(small)) == expected_small


def test_a_point_move_sends_a_few_kilobytes():
    values = {spec.name: spec.default for spec in phase_panel.SPECS}
    _, _, shown = phase_panel.figure_updates(values, None)
    main, small, _ = phase_panel.figure_updates(dict(values, E_F_eV=0.0731), shown)
    patch_bytes = len(json.dumps(main.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))
    full_bytes = len(json.dumps(full(values)[0]))
    assert small is no_update
    assert patch_bytes < 5000 and full_bytes > 40_000
    print(f"\nphase figure {full_bytes} B, point-move patch {patch_bytes} B")


def test_nothing_is_sent_again_when_nothing_moved():
    values = {spec.name: spec.default for spec in phase_panel.SPECS}
    _, _, shown = phase_panel.figure_updates(values, None)
    main, small, key = phase_panel.figure_updates(values, shown)
    assert main is no_update and small is no_update and key == shown
    assert np.isfinite(shown["point"][1])
