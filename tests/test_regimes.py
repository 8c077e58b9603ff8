"""Regimes and scales against shared/physics/migdal_theorem.md sections 1-2."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core import regimes

SEVERITY = {name: i for i, name in enumerate(regimes.REGIME_NAMES)}


def test_seed_value_simple_metal_is_adiabatic():
    # Contract section 1 / seed: E_F = 5 eV, Theta_D = 300 K -> omega_D = 0.02585 eV, eta ~ 0.0052.
    point = regimes.regime_point(2e-5, 5.0, 0.02585, 0.5)
    assert point.eta == pytest.approx(0.00517, rel=1e-3)
    assert point.regime == "adiabatic"
    assert point.migdal_parameter == pytest.approx(0.5 * 0.00517, rel=1e-3)
    assert point.theta_ph_K == pytest.approx(300.0, rel=1e-3)


@pytest.mark.parametrize(
    "eta, coupling, expected",
    [
        (1e-3, 0.3, "adiabatic"),
        (0.3, 0.3, "non-adiabatic"),
        (5.0, 0.5, "anti-adiabatic"),
        (1e-2, 2.5, "polaronic"),
        # eta = 0.1 boundary (lambda*eta stays below 0.05)
        (0.0999, 0.2, "adiabatic"),
        (0.1, 0.2, "non-adiabatic"),
        # eta = 1 boundary
        (0.999, 0.5, "non-adiabatic"),
        (1.0, 0.5, "anti-adiabatic"),
        # lambda*eta = 0.05 boundary at eta = 0.05
        (0.05, 0.99, "adiabatic"),
        (0.05, 1.0, "non-adiabatic"),
        # polaron crossover lambda = max(1, eta): both lambda > 1 and alpha^2 > 1
        (0.01, 1.0, "adiabatic"),
        (0.01, 1.001, "polaronic"),
        (2.0, 2.0, "anti-adiabatic"),
        (2.0, 2.001, "polaronic"),
    ],
)
def test_regime_table_and_both_sides_of_each_boundary(eta, coupling, expected):
    assert regimes.classify(eta, coupling) == expected


def test_jellium_line_matches_bohm_staver_estimate():
    # Contract: omega_D/E_F = 2 (2/Z)^(1/3) (Z/3)^(1/2) sqrt(m/M) ~ 1.45 sqrt(m/M) for Z = 1.
    assert regimes.jellium_eta(1e-4) == pytest.approx(1.45 * 1e-2, rel=5e-3)
    assert regimes.jellium_eta(1e-4, valence=1) == pytest.approx(0.01454832, rel=1e-5)
    # Z = 2: 2 * 1 * sqrt(2/3) = 1.63299
    assert regimes.jellium_eta(1e-4, valence=2) == pytest.approx(0.0163299, rel=1e-5)


def test_born_oppenheimer_scales():
    point = regimes.regime_point(1e-4, 5.0, 0.02, 0.5)
    assert point.bo_epsilon == pytest.approx(0.1)
    assert point.bo_displacement_over_a == pytest.approx(1000.0)


def test_polaron_scales_flat_band():
    point = regimes.regime_point(1e-4, 2.0, 0.05, 1.5)
    assert point.polaron_energy_eV == pytest.approx(3.0)  # E_p = lambda * D, D = E_F
    assert point.alpha_squared == pytest.approx(60.0)  # E_p / omega_ph


def test_mass_enhancement_by_regime():
    assert regimes.mass_enhancement(1e-3, 0.5, 5.0) == pytest.approx(1.5)
    # finite band, D = E_F = 1 eV, omega = 0.3 eV: 1 + lambda D/(D + omega)
    assert regimes.mass_enhancement(0.3, 0.5, 1.0) == pytest.approx(1 + 0.5 / 1.3)
    assert regimes.mass_enhancement(3.0, 0.5, 1.0) == pytest.approx(1 + 0.5 / 4.0)
    # Lang-Firsov: exp(alpha^2), alpha^2 = lambda/eta = 2
    assert regimes.mass_enhancement(1.0, 2.0, 1.0) == pytest.approx(math.exp(2.0))
    assert math.isinf(regimes.mass_enhancement(1e-3, 2.0, 1.0))


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(m_over_M=2e-5, E_F_eV=0.0, omega_ph_eV=0.02, coupling=0.5), "E_F_eV"),
        (dict(m_over_M=2e-5, E_F_eV=float("nan"), omega_ph_eV=0.02, coupling=0.5), "E_F_eV"),
        (dict(m_over_M=2e-5, E_F_eV=5.0, omega_ph_eV=-1.0, coupling=0.5), "omega_ph_eV"),
        (dict(m_over_M=2e-5, E_F_eV=5.0, omega_ph_eV=0.02, coupling=-0.1), "lambda"),
        (dict(m_over_M=1.0, E_F_eV=5.0, omega_ph_eV=0.02, coupling=0.5), "m_over_M"),
        (dict(m_over_M="heavy", E_F_eV=5.0, omega_ph_eV=0.02, coupling=0.5), "m_over_M"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        regimes.regime_point(**kwargs)


def test_grid_kernel_agrees_with_scalar_classification():
    etas = np.logspace(-4, 2, 61)
    lambdas = np.linspace(0, 4, 41)
    grid = regimes.regime_grid(etas, lambdas)
    for i, lam in enumerate(lambdas):
        for j, eta in enumerate(etas):
            assert regimes.REGIME_NAMES[grid[i, j]] == regimes.classify(eta, lam)


etas = st.floats(min_value=1e-6, max_value=1e3, allow_nan=False)
couplings = st.floats(min_value=0.0, max_value=10.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(etas, couplings)
def test_classification_is_total(eta, coupling):
    assert regimes.classify(eta, coupling) in regimes.REGIME_NAMES


@settings(max_examples=300, deadline=None)
@given(etas, couplings, couplings)
def test_stronger_coupling_never_makes_migdal_safer(eta, lam_a, lam_b):
    low, high = sorted((lam_a, lam_b))
    assert SEVERITY[regimes.classify(eta, low)] <= SEVERITY[regimes.classify(eta, high)]


@settings(max_examples=300, deadline=None)
@given(etas, etas, st.floats(min_value=0.0, max_value=1.0))
def test_faster_phonons_never_make_migdal_safer_at_weak_coupling(eta_a, eta_b, coupling):
    # For lambda <= 1 there is no polaronic region, so severity is monotone in eta.
    low, high = sorted((eta_a, eta_b))
    assert SEVERITY[regimes.classify(low, coupling)] <= SEVERITY[regimes.classify(high, coupling)]


def test_huge_integers_and_long_inputs_give_short_messages():
    with pytest.raises(ValueError, match="E_F_eV must be a finite number") as info:
        regimes.regime_point(2e-5, 10**400, 0.02, 0.5)
    assert len(str(info.value)) < 150
