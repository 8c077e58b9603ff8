"""The shipped Mermin-Levine-Louie k-integral table against direct computation (off-grid omegas)."""

import math

import numpy as np
import pytest

from migdal_core import spectra as S
from migdal_core.spectra import ionization as ION
from migdal_core.spectra import rates as RT
from migdal_core.tables import mermin_k_integral as MK

OMEGAS = {"Si": [1.1101, 1.113, 1.5, 3.3, 9.7, 16.9, 17.3, 24.4, 61.0, 155.5, 333.0, 499.0]}
OMEGAS["Ge"] = [0.6701, 0.68, 2.1, 15.8, 16.3, 40.2, 87.0, 276.0, 470.0]


def _prefactor(inputs, omegas):
    cs = inputs.constants
    return 4.0 * cs["alpha"] / (3.0 * math.pi**2 * np.asarray(omegas) ** 4 * inputs.m_N_eV)


@pytest.mark.parametrize("target", ["Si", "Ge"])
@pytest.mark.parametrize("zion", ["form-factor", "slater"])
@pytest.mark.parametrize("conventions", ["standard", "darkelf"])
def test_table_matches_the_converged_direct_integral(target, zion, conventions):
    """Within 2e-5 of the direct integral on the table's 400 k panels; the direct path's 40 panels were
    within 6e-4 of it (so the tabulated I is closer to the converged integral than the old I)."""
    inputs = S.resolve(target, elf="mermin", zion=zion, conventions=conventions)
    omegas = np.array(OMEGAS[target])
    converged = ION.mermin_k_integral(omegas, inputs, MK.K_PANELS)
    ours = S.ionization_probability(omegas, target, elf="mermin", zion=zion, conventions=conventions)
    np.testing.assert_allclose(ours, _prefactor(inputs, omegas) * converged, rtol=2e-5)
    old = _prefactor(inputs, omegas) * ION.mermin_k_integral(omegas, inputs, 40)
    np.testing.assert_allclose(ours, old, rtol=6e-4)


def test_other_widths_and_the_gap_edge_are_computed_directly():
    inputs = S.resolve("Si", elf="mermin", gamma_eV=2.0)
    omegas = np.array([1.2, 16.6, 80.0])
    direct = _prefactor(inputs, omegas) * ION.mermin_k_integral(omegas, inputs, 40)
    np.testing.assert_allclose(
        S.ionization_probability(omegas, "Si", elf="mermin", gamma_eV=2.0), direct, rtol=1e-12
    )
    default = S.resolve("Si", elf="mermin")
    edge = np.array([1.11 + 1e-9])  # w = 4.7e-5 eV, below the table's first w
    np.testing.assert_allclose(
        S.ionization_probability(edge, "Si", elf="mermin"),
        _prefactor(default, edge) * ION.mermin_k_integral(edge, default, 40),
        rtol=1e-12,
    )
    assert S.ionization_probability([1.11, 0.5], "Si", elf="mermin").tolist() == [0.0, 0.0]


@pytest.mark.parametrize("target,approximation", [("Si", "free"), ("Ge", "impulse")])
def test_rates_with_the_table_equal_the_direct_ones(target, approximation, monkeypatch):
    """n-electron bins and rates above n: the tabulated I against the direct 40-panel path, within 5e-4."""
    kw = dict(m_chi_MeV=200.0, elf="mermin", approximation=approximation)
    RT.clear_ionization_memo()
    bins, above = S.electron_yield_rates(target, 10, **kw)
    monkeypatch.setattr(MK, "k_integral", lambda *args: None)
    RT.clear_ionization_memo()
    old_bins, old_above = S.electron_yield_rates(target, 10, **kw)
    RT.clear_ionization_memo()
    np.testing.assert_allclose(bins, old_bins, rtol=5e-4)
    np.testing.assert_allclose(above, old_above, rtol=5e-4)
    assert np.any(bins != old_bins)
