"""The spectra panel for atoms (Xe, Ar): shells shown, a rate above ω_th, the reach with the limits, and the
crystal-only controls disabled with a reason (and the atom-only ones for crystals)."""

import pytest

from components import spectra_panel as P
from components.params import BY_NAME, defaults
from components.theme import style_for
from migdal_core import spectra


def _values(**changes):
    values = {name: defaults()[name] for name in P.INPUT_NAMES} | changes
    return values


@pytest.mark.parametrize("target", ["Xe", "Ar"])
def test_atomic_view_has_a_rate_above_threshold_and_a_reach(target):
    values = _values(target=target, m_chi_MeV=1000.0, omega_th_eV=200.0)
    curves = P.spectrum_curves(*P._curve_args(values), values["shells"])
    data = {
        k: P.scaled(v, values["sigma_n_cm2"]) if isinstance(v, list) and k != "omega_eV" else v
        for k, v in curves.items()
    }
    main, _, _, reach, readout = P._atomic_view(values, data, style_for("off", "light"))
    names = [t["name"] for t in main["data"]]
    assert names[0].startswith("isolated atom, liquid analyses") and "all shells" in names
    expected = spectra.rate_above_threshold(
        200.0,
        target,
        m_chi_MeV=1000.0,
        halo=values["halo"],
        E_th_eV=values["E_th_eV"],
        conventions=values["conventions"],
    )
    table = readout
    cells = [[c.children for c in row.children] for row in table.children.children]
    assert cells[0][1] == "200 eV"
    assert float(cells[1][1].split()[0]) == pytest.approx(expected, rel=1e-3)
    assert any(row[0] == "annual modulation" for row in cells)
    curve_names = [t["name"] for t in reach["data"]]
    assert curve_names[0] == f"this view: {target}, ω > 200 eV"
    assert "XENON1T 2019, Xe (PRL 123, 241803)" in curve_names
    assert not any("Knapen" in n for n in curve_names)  # projections are for Si and Ge
    assert sum(s is not None for s in reach["data"][0]["y"]) >= 10


def test_xe_default_shells_are_n3_and_n4():
    names, _, _ = spectra.load_transition_table("Xe")
    assert [names[i] for i in spectra.resolve("Xe").shell_idx] == [n for n in names if n[0] in "34"]
    assert spectra.resolve("Xe", shells="all").shell_idx == tuple(range(len(names)))


@pytest.mark.parametrize("target", ["Xe", "Ar", "Si", "Ge"])
def test_inapplicable_controls_are_disabled_with_a_reason(target):
    states, reason = P.applicability(target)
    crystal = target in ("Si", "Ge")
    for name, state in zip(P.CRYSTAL_ONLY + P.ATOM_ONLY, states, strict=True):
        off = (name in P.CRYSTAL_ONLY) != crystal
        if isinstance(state, list):  # radio buttons: every option
            assert all(option["disabled"] == off for option in state)
        else:
            assert state == off
        if off:
            assert BY_NAME[name].label in reason
    assert target in reason
    assert {"electrons", "elf", "approximation"} <= set(P.CRYSTAL_ONLY)
