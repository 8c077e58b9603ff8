"""Two-point comparison (issue 18): point A's link text, its marker and the A-beside-B table."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import compare, phase_panel, state
from components.params import BY_NAME, defaults


def test_a_pinned_point_survives_its_link_text():
    pin = dict({n: defaults()[n] for n in compare.POINT_NAMES}, E_F_eV=0.005, omega_ph_eV=0.1, coupling=0.3)
    assert compare.decode(compare.encode(pin)) == pin
    assert compare.pinned_point(compare.stored(pin)) == pin


@settings(max_examples=40, deadline=None)
@given(st.floats(-3, 1.3), st.floats(-4, 0), st.floats(0, 4))
def test_any_point_of_the_controls_round_trips(log_E_F, log_omega, coupling):
    spec = {n: BY_NAME[n] for n in compare.POINT_NAMES}
    pin = dict(
        {n: defaults()[n] for n in compare.POINT_NAMES},
        E_F_eV=spec["E_F_eV"].from_control(log_E_F),
        omega_ph_eV=spec["omega_ph_eV"].from_control(log_omega),
        coupling=spec["coupling"].validate(coupling),
    )
    assert compare.decode(compare.encode(pin)) == pin


@pytest.mark.parametrize("text", ["E_F_eV:-1", "E_F_eV:abc", "nonsense:1", "coupling_model:jellium"])
def test_a_bad_link_pins_nothing_and_says_why(text):
    pin, notice = compare.pin_from_search(f"?{compare.URL_KEY}={text}")
    assert pin is None and "not pinned" in notice


def test_the_link_key_is_no_unknown_parameter_for_the_controls():
    values, notices = state.decode("?E_F_eV=0.3&pinA=E_F_eV:0.005")
    assert notices == [] and values["E_F_eV"] == 0.3


def test_point_a_is_drawn_where_the_regime_kernel_puts_it_and_the_table_holds_both():
    values = dict({spec.name: spec.default for spec in phase_panel.SPECS}, E_F_eV=0.001)
    pin = dict({n: defaults()[n] for n in compare.POINT_NAMES}, E_F_eV=0.3)
    main, _, _ = phase_panel.figure_updates(values, None, pin)
    traces = {t["name"]: t for t in main["data"]}
    a = phase_panel._point(pin)
    assert traces["point A"]["x"] == [pytest.approx(math.log10(a.eta))]
    assert traces["point A"]["y"] == [pin["coupling"]]
    assert traces["point A"].get("hoverinfo") != "skip" and a.regime in traces["point A"]["hovertemplate"]
    assert traces["your point"]["text"][0].startswith("B: ")
    table = phase_panel._table(phase_panel._point(values), values["ql"], (pin, a))
    cells = [[str(td.children) for td in tr.children] for tr in table.children[1].children]
    assert cells[0] == ["regime", a.regime, "anti-adiabatic"]
    eta_row = next(row for row in cells if row[0].startswith("η = "))
    assert eta_row[1] == f"{a.eta:.4g}" and eta_row[2] == f"{0.0369 / 0.001:.4g}"


def test_no_pin_no_marker_and_another_model_hides_it():
    values = {spec.name: spec.default for spec in phase_panel.SPECS}
    main, _, _ = phase_panel.figure_updates(values, None)
    assert next(t for t in main["data"] if t["name"] == "point A")["x"] == []
    pin = dict({n: defaults()[n] for n in compare.POINT_NAMES}, coupling_model="holstein")
    main, _, _ = phase_panel.figure_updates(values, None, pin)
    assert next(t for t in main["data"] if t["name"] == "point A")["x"] == []
