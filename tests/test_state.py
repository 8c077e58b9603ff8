"""URL query codec: round trips, and bad values fall back with a notice."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import params, state


def test_defaults_round_trip():
    values, notices = state.decode(state.encode(params.defaults()))
    assert notices == []
    assert values == params.defaults()


def test_empty_query_gives_defaults_silently():
    assert state.decode("") == (params.defaults(), [])
    assert state.decode(None) == (params.defaults(), [])


def test_malformed_and_out_of_range_values_fall_back_with_notice():
    values, notices = state.decode("?E_F_eV=abc&coupling=-3&target=Pb&Qc=nan&bogus=1")
    defaults = params.defaults()
    for name in ("E_F_eV", "coupling", "target", "Qc"):
        assert values[name] == defaults[name]
    text = " ".join(notices)
    for name in ("E_F_eV", "coupling", "target", "Qc", "bogus"):
        assert name in text


def test_valid_values_are_applied():
    values, notices = state.decode("?E_F_eV=0.005&coupling=0.8&target=Xe")
    assert notices == []
    assert values["E_F_eV"] == 0.005 and values["coupling"] == 0.8 and values["target"] == "Xe"


def test_huge_query_is_refused_politely():
    values, notices = state.decode("?E_F_eV=" + "9" * 10_000)
    assert values == params.defaults() and notices


numeric_specs = [s for s in params.ALL_PARAMETERS if s.kind != "choice"]


@st.composite
def parameter_values(draw):
    values = params.defaults()
    for spec in numeric_specs:
        if spec.kind == "log":  # any slider position, as the browser sends it
            values[spec.name] = spec.from_control(
                draw(st.floats(math.log10(spec.low), math.log10(spec.high)))
            )
        else:
            values[spec.name] = spec.from_control(draw(st.floats(spec.low, spec.high)))
    for spec in params.ALL_PARAMETERS:
        if spec.kind == "choice":
            values[spec.name] = draw(st.sampled_from([v for v, _ in spec.options]))
    return values


@settings(max_examples=200, deadline=None)
@given(parameter_values())
def test_any_valid_state_survives_the_url_exactly(values):
    # controls snap their values once (ParameterSpec.validate), and the URL carries the snapped value:
    # a shared link reproduces the very numbers the sender saw
    decoded, notices = state.decode(state.encode(values))
    assert notices == []
    assert decoded == values


@pytest.mark.parametrize("name", [s.name for s in numeric_specs])
def test_snapping_is_idempotent_and_stays_in_range(name):
    spec = params.BY_NAME[name]
    for fraction in np.linspace(0.0, 1.0, 57):
        value = spec.low + fraction * (spec.high - spec.low)
        snapped = spec.validate(value)
        assert spec.low <= snapped <= spec.high and spec.validate(snapped) == snapped


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_decode_never_raises(text):
    values, _notices = state.decode(text)
    assert set(values) == set(params.defaults())


def test_preset_link_applies_the_preset_and_its_key():
    """?preset=Pb (a lecture step's bookmark) gives exactly what choosing Pb in the menu gives."""
    values, preset, notices = state.decode_link("?preset=Pb")
    assert (preset, notices) == ("Pb", [])
    assert values == state.preset_values("Pb", params.defaults())
    assert values["coupling"] == 1.55 and values["E_F_eV"] == 9.47


def test_parameters_beside_a_preset_override_it_and_the_display_is_kept():
    values, preset, notices = state.decode_link("?coupling=1.2&preset=Pb&lecture=on")
    assert (preset, notices) == ("Pb", [])
    assert values["coupling"] == 1.2 and values["E_F_eV"] == 9.47 and values["lecture"] == "on"
    # the canonical link the browser writes back (preset first, then every parameter) is the same state
    again, preset_again, _ = state.decode_link("?preset=Pb&" + state.encode(values).lstrip("?"))
    assert (again, preset_again) == (values, "Pb")


@pytest.mark.parametrize("text", ["nonsense", "", "pb", "<script>", "x" * 500])
def test_unknown_preset_is_ignored_with_a_notice_naming_it(text):
    values, preset, notices = state.decode_link("?preset=" + text + "&coupling=0.8")
    assert preset is None
    assert values == dict(params.defaults(), coupling=0.8)
    assert len(notices) == 1 and "unknown preset" in notices[0] and repr(text[:40]) in notices[0]
    assert "Pb" in notices[0]  # it says which presets there are
