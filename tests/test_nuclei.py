"""From atom to crystal: the N-nucleus chain (migdal_core.nuclei; contract migdal_effect.md §7)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core.cli import main
from migdal_core.nuclei import table
from migdal_core.nuclei.amplitudes import (
    amplitudes,
    atom_exact_q,
    dipole,
    electron_gradient,
    translation_sum,
)
from migdal_core.nuclei.chain import ChainModel, Orbitals, sinc_dvr_kinetic, solve
from migdal_core.nuclei.spectrum import adiabatic_power_law, chain_spectrum, chain_summary

# --- the model against numbers from outside -------------------------------------------------------


def test_bare_soft_coulomb_atom_levels_eberly():
    """1D soft-Coulomb H (s = 1): E0 = -0.6698, E1 = -0.2749 Ha (Javanainen, Eberly & Su, PRA 38,
    3430 (1988); Su & Eberly, PRA 44, 5997 (1991))."""
    orbitals = solve(ChainModel(N=1, screening_bohr=math.inf, margin_bohr=60.0))
    assert orbitals.energies_Ha[0] == pytest.approx(-0.6698, abs=1e-4)
    assert orbitals.energies_Ha[1] == pytest.approx(-0.2749, abs=1e-4)


def _harmonic_orbitals(omega0: float) -> Orbitals:
    """Sinc-DVR eigenstates of x^2 omega0^2 / 2 (not a chain: checks the machinery on a textbook case)."""
    x = np.linspace(-12.0, 12.0, 241)
    h = sinc_dvr_kinetic(x.size, x[1] - x[0])
    h[np.diag_indices_from(h)] += 0.5 * omega0**2 * x**2
    energies, vectors = scipy.linalg.eigh(h)
    return Orbitals(ChainModel(N=1), x, energies, vectors)


@pytest.mark.parametrize("q", [0.3, 1.0, 2.5])
def test_exact_q_is_poisson_for_the_harmonic_oscillator(q):
    """|<n|e^{-iqx}|0>|^2 = e^{-eta} eta^n / n!, eta = q^2 / (2 m omega0) (coherent state; Glauber 1963)."""
    omega0 = 0.7
    amps = atom_exact_q(_harmonic_orbitals(omega0), q)
    eta = q * q / (2.0 * omega0)
    n = np.arange(12)
    poisson = np.exp(-eta) * eta**n / np.array([math.factorial(k) for k in n])
    np.testing.assert_allclose(np.abs(amps[:12]) ** 2, poisson, atol=1e-10)


@pytest.mark.parametrize("q_e", [0.05, 0.5, 2.0])
def test_exact_q_bethe_sum_rule(q_e):
    """sum_n' (E_n' - E_0) |<n'|e^{-iqx}|0>|^2 = q^2 / 2m for any potential (Bethe sum rule)."""
    orbitals = solve(ChainModel(N=1))
    weight = np.abs(atom_exact_q(orbitals, q_e)) ** 2
    assert weight.sum() == pytest.approx(1.0, abs=1e-12)
    energy_transfer = np.sum((orbitals.energies_Ha - orbitals.energies_Ha[0]) * weight)
    assert energy_transfer == pytest.approx(0.5 * q_e**2, rel=1e-8)


# --- N = 1: the atom ---------------------------------------------------------------------------------


def test_atom_is_purely_adiabatic():
    amps = amplitudes(solve(ChainModel(N=1)), 0)
    assert np.max(np.abs(amps.nonadiabatic)) < 1e-12 * np.max(np.abs(amps.lab))
    assert amps.probabilities()["adiabatic_fraction"] == pytest.approx(1.0, abs=1e-9)


def test_atom_dipole_is_the_small_q_limit_of_the_exact_amplitude():
    """<n'|e^{-i q_e x}|0> / q_e -> A_ad = -i <n'|x|0> as q_e -> 0; the next term, -q_e <n'|x^2|0> / 2,
    makes the error linear in q_e."""
    orbitals = solve(ChainModel(N=1))
    adiabatic = amplitudes(orbitals, 0).adiabatic[:, 0]
    errors = []
    for q_e in (1e-2, 1e-3):
        exact = atom_exact_q(orbitals, q_e)[1:] / q_e
        errors.append(np.max(np.abs(exact - adiabatic)) / np.max(np.abs(adiabatic)))
    assert errors[1] < 1e-3
    assert errors[0] / errors[1] == pytest.approx(10.0, rel=0.02)


def test_atom_total_probability_exact_against_leading_order():
    """1 - |<0|e^{-iq_e x}|0>|^2 = q_e^2 sum |<n'|x|0>|^2 + O(q_e^4): same number two ways."""
    orbitals = solve(ChainModel(N=1))
    q_e = 0.02
    exact = 1.0 - abs(atom_exact_q(orbitals, q_e)[0]) ** 2
    leading = q_e**2 * amplitudes(orbitals, 0).probabilities()["P_total"]
    assert exact == pytest.approx(leading, rel=1e-3)


# --- the split and its checks ------------------------------------------------------------------------


@pytest.mark.parametrize("N", [1, 2, 3, 4, 8, 16])
@pytest.mark.parametrize("kicked", ["end", "middle"])
def test_adiabatic_plus_nonadiabatic_equals_lab_frame(N, kicked):
    model = ChainModel(N=N)
    assert amplitudes(solve(model), model.site(kicked)).frame_check() < 1e-8


def test_hypervirial_identity():
    """<n'|d_x V|n> = m omega^2 <n'|x|n> for exact eigenstates (what makes the split frame-free); checked
    for omega < 10 Ha (above, the grid's own cutoff pi^2/2h^2 = 123 Ha shows) and, weighted by 1/omega^2
    as it enters the amplitudes, for every line."""
    orbitals = solve(ChainModel(N=4))
    lhs, x, omega = electron_gradient(orbitals), dipole(orbitals), orbitals.omega_Ha
    error = np.abs(lhs - omega**2 * x)
    assert error[omega < 10.0].max() < 1e-8 * np.abs(lhs).max()
    assert (error / omega**2).max() < 1e-8 * np.abs(x).max()


@pytest.mark.parametrize("N", [2, 5, 8])
def test_translation_sum_rule_over_nuclei(N):
    """Kicking every nucleus is a Galilean boost: sum_j A_lab(j) = N A_ad, sum_j A_na(j) = 0."""
    orbitals = solve(ChainModel(N=N))
    total, boost = translation_sum(orbitals)
    scale = np.abs(boost).max()
    np.testing.assert_allclose(total, boost, atol=1e-8 * scale)
    na_sum = sum(amplitudes(orbitals, j).nonadiabatic for j in range(N))
    assert np.abs(na_sum).max() < 1e-8 * scale


@settings(max_examples=8, deadline=None)
@given(N=st.integers(2, 6), a_bohr=st.floats(2.5, 8.0), j=st.integers(0, 5), spin_paired=st.booleans())
def test_split_is_exact_for_any_chain(N, a_bohr, j, spin_paired):
    # a denser chain has a shallower top of the band: 35 bohr of box keep its wall term below 1e-8
    model = ChainModel(
        N=N,
        a_bohr=a_bohr,
        Z=2 if spin_paired else 1,
        spin_degeneracy=2 if spin_paired else 1,
        margin_bohr=35.0,
    )
    amps = amplitudes(solve(model), min(j, N - 1))
    assert amps.frame_check() < 1e-8
    p = amps.probabilities()
    assert p["P_total"] == pytest.approx(p["P_ad"] + p["P_na"] + p["P_interference"], rel=1e-12)


def test_parity_kills_interference_in_the_diatomic():
    """N = 2: x is parity-odd (g<->u lines) while d_X_1 V|_int = -d_X_2 V|_int is parity-even (g<->g,
    u<->u), so A_ad and A_na never share a line and P_total = P_ad + P_na exactly."""
    p = amplitudes(solve(ChainModel(N=2)), 0).probabilities()
    assert abs(p["P_interference"]) < 1e-9 * p["P_total"]


def test_bad_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="N must be an integer"):
        ChainModel(N=0)
    with pytest.raises(ValueError, match="multiple of spin_degeneracy"):
        ChainModel(N=3, Z=1, spin_degeneracy=2)
    with pytest.raises(ValueError, match="a_bohr"):
        ChainModel(N=2, a_bohr=-1.0)


# --- from atom to crystal ----------------------------------------------------------------------------


def test_adiabatic_share_falls_like_one_over_N():
    """P_ad = g (m q / N M)^2 sum |<n'|x|n>|^2, the dipole sum ~ N for an insulator (the Resta-Sorella
    localisation length is finite), while P_na of the kicked nucleus is local: share ~ N^-1."""
    fractions = [chain_summary(ChainModel(N=n), "middle")["adiabatic_fraction"] for n in (4, 8, 16)]
    assert fractions[0] > fractions[1] > fractions[2]
    assert adiabatic_power_law(np.array([4, 8, 16]), np.array(fractions)) == pytest.approx(1.0, abs=0.15)
    data = table.load()
    for kicked in table.KICKED:
        tail = data["N"] >= 32
        p = adiabatic_power_law(data["N"][tail], data[f"{kicked}_adiabatic_fraction"][tail])
        assert p == pytest.approx(1.0, abs=0.03)
        assert np.all(np.diff(data[f"{kicked}_adiabatic_fraction"]) <= 0.0)


def test_bulk_nucleus_converges_to_the_periodic_chain():
    """The middle nucleus of a long chain sees the Bloch result of the same atoms (crystal limit)."""
    data = table.load()
    p_mid = data["middle_P_total"]
    error = np.abs(p_mid - data["bulk_P_total"]) / data["bulk_P_total"]
    assert error[list(data["N"]).index(64)] < 1e-4
    assert error[-1] <= error[list(data["N"]).index(16)]
    d_omega = data["omega_eV"][1] - data["omega_eV"][0]
    l1 = [
        np.sum(np.abs(s - data["bulk_dP"])) * d_omega / data["bulk_P_total"] for s in data["middle_dP_total"]
    ]
    assert l1[-1] < 0.05 and l1[-1] < l1[3] < l1[0]


# --- the table the view draws, and the CLI -----------------------------------------------------------


@pytest.mark.parametrize("N", [1, 2, 4, 8])
def test_table_equals_the_solver(N):
    data = table.load()
    row = list(data["N"]).index(N)
    for kicked in table.KICKED:
        fresh = chain_summary(ChainModel(N=N), kicked)
        for name in ("P_ad", "P_na", "P_total", "adiabatic_fraction", "gap_eV"):
            assert data[f"{kicked}_{name}"][row] == pytest.approx(fresh[name], rel=1e-9, abs=1e-14)
        spectrum = chain_spectrum(ChainModel(N=N), kicked, data["omega_eV"], float(data["width_eV"]))
        for part in table.PARTS:
            np.testing.assert_allclose(
                data[f"{kicked}_dP_{part}"][row], spectrum[part], rtol=1e-9, atol=1e-14
            )


def test_cli_nuclei_json(capsys):
    assert main(["nuclei", "--N", "1,2,4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["N"] == [1, 2, 4]
    assert out["adiabatic_fraction"][0] >= 0.999
    assert out["adiabatic_fraction"] == sorted(out["adiabatic_fraction"], reverse=True)
    assert max(out["frame_check"]) <= 1e-8
    assert all(p > 0 for p in out["P_total"])


def test_cli_nuclei_bad_N_exits_2(capsys):
    assert main(["nuclei", "--N", "0,2"]) == 2
    assert "N must be an integer" in capsys.readouterr().err
