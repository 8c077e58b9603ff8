"""Regimes and scales against shared/physics/migdal_theorem.md sections 1-2."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core import polaron_dmft, regimes

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
        # strong coupling is still adiabatic (ME-valid) in the metal model: no polaronic region
        (1e-2, 2.5, "adiabatic"),
        # eta = 0.1 boundary (lambda*eta stays below 0.05)
        (0.0999, 0.2, "adiabatic"),
        (0.1, 0.2, "non-adiabatic"),
        # eta = 1 boundary
        (0.999, 0.5, "non-adiabatic"),
        (1.0, 0.5, "anti-adiabatic"),
        # lambda*eta = 0.05 boundary at eta = 0.05
        (0.05, 0.99, "adiabatic"),
        (0.05, 1.0, "non-adiabatic"),
        # lambda_c = 3.0 (lower end of 3.0-3.7, Yuzbashyan & Altshuler, PRB 106, 054518 (2022))
        (1e-3, 2.999, "adiabatic"),
        (1e-3, 3.0, "beyond-migdal-eliashberg"),
        (5.0, 3.5, "beyond-migdal-eliashberg"),
    ],
)
def test_metal_regime_table_and_both_sides_of_each_boundary(eta, coupling, expected):
    assert regimes.classify(eta, coupling) == expected


@pytest.mark.parametrize(
    "eta, lambda_0, expected",
    [
        # Esterlis et al., PRB 97, 140501(R) (2018), DQMC: ME accurate for lambda_0 < ~0.4, bipolaron/CDW beyond
        (1e-3, 0.39, "adiabatic"),
        (1e-3, 0.41, "bipolaronic"),
        # small polaron beyond the DMFT crossover of one electron computed by the method of Ciuchi et al.,
        # PRB 56, 4494 (1997) (steepest drop of the kinetic energy; tests/test_polaron_dmft.py checks it against
        # perturbation theory, Lang-Firsov and its limits): adiabatic lambda_c = 0.8456 at omega = 1e-3 D
        # (-> 27/32, Born-Oppenheimer self-trapping; the "lambda > 1" of Capone, Ciuchi & Grimaldi,
        # arXiv:cond-mat/9812195) ...
        (1e-3, 0.83, "bipolaronic"),
        (1e-3, 0.86, "polaronic"),
        # ... and alpha^2 ~ 1 anti-adiabatic (their "alpha^2 > 1"): at omega = 3 D, lambda_c = 4.38 (alpha^2 = 1.46)
        (3.0, 4.2, "bipolaronic"),
        (3.0, 4.6, "polaronic"),
        # weak coupling keeps the eta rules (lambda_eff = lambda_0 / (1 - 2 lambda_0))
        (0.3, 0.2, "non-adiabatic"),
        (3.0, 0.2, "anti-adiabatic"),
    ],
)
def test_holstein_points_on_both_sides_of_each_cited_boundary(eta, lambda_0, expected):
    assert regimes.classify(eta, lambda_0, "holstein", 1.0) == expected


def test_holstein_band_width_moves_the_polaron_crossover():
    # omega/D is what matters: a narrower band (D = E_F / 10) makes eta = 0.3 anti-adiabatic for the polaron
    # (DMFT crossover lambda_c = 1.37 at omega = 0.3 D, 4.38 at omega = 3 D)
    assert regimes.classify(0.3, 1.5, "holstein", 1.0) == "polaronic"
    assert regimes.classify(0.3, 1.5, "holstein", 0.1) == "bipolaronic"


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


def test_polaron_scales_only_in_the_holstein_model():
    point = regimes.regime_point(1e-4, 2.0, 0.05, 1.5, coupling_model="holstein")
    assert point.polaron_energy_eV == pytest.approx(3.0)  # E_p = lambda_0 * D, D = E_F
    assert point.alpha_squared == pytest.approx(60.0)  # E_p / omega_ph
    narrow = regimes.regime_point(1e-4, 2.0, 0.05, 1.5, coupling_model="holstein", D_eV=0.5)
    assert narrow.polaron_energy_eV == pytest.approx(0.75) and narrow.alpha_squared == pytest.approx(15.0)
    metal = regimes.regime_point(1e-4, 2.0, 0.05, 1.5)
    assert metal.polaron_energy_eV is None and metal.alpha_squared is None and metal.D_eV is None


def test_bare_and_effective_coupling():
    # lambda_0 = lambda / (1 + 2 lambda) (contract section 2; Bauer, Han & Gunnarsson PRB 84, 184531 (2011))
    point = regimes.regime_point(2.6e-6, 9.47, 0.0048, 1.55)  # Pb
    assert point.lambda_bare == pytest.approx(1.55 / 4.1)
    assert point.strong_coupling and point.regime == "adiabatic"
    holstein = regimes.regime_point(1e-4, 5.0, 0.02, 0.25, coupling_model="holstein")
    assert holstein.lambda_effective == pytest.approx(0.5)


def test_mass_enhancement_by_model():
    # metal: 1 + lambda E_F/(E_F + omega): 1 + lambda adiabatic, 1 + lambda_tilde anti-adiabatic
    assert regimes.mass_enhancement(5.0, 0.005, 0.5) == pytest.approx(1.5, rel=1e-3)
    assert regimes.mass_enhancement(1.0, 0.3, 0.5) == pytest.approx(1 + 0.5 / 1.3)
    assert regimes.mass_enhancement(1.0, 3.0, 0.5) == pytest.approx(1 + 0.5 / 4.0)
    # Pb: strong coupling, m*/m = 1 + lambda = 2.55 (not "infinite")
    assert regimes.regime_point(2.6e-6, 9.47, 0.0048, 1.55).mass_text == "2.549"
    # Holstein deep in the polaron (lambda_0 = 4 > 1.15 lambda_c, lambda_c(omega = D) = 2.27): the DMFT mass
    # (solver run beside, Ciuchi et al. 1997: 25.6), below Lang-Firsov exp(alpha^2 = 4) = 54.6 at omega = D
    assert regimes.mass_enhancement(1.0, 1.0, 4.0, "holstein") == pytest.approx(
        polaron_dmft.mass_ratio(4.0, 1.0), rel=0.02
    )
    # astronomically large masses stay finite and are shown as >> 10^3 (adiabatic: below Lang-Firsov's e^2000)
    point = regimes.regime_point(1e-4, 1.0, 1e-3, 2.0, coupling_model="holstein")
    assert math.isfinite(point.mass_enhancement) and point.mass_text == "≫ 10³"
    assert 3.0 < point.log10_mass_enhancement < 2000 / math.log(10)


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
    for model, d_ratio in (("metal", 1.0), ("holstein", 1.0), ("holstein", 0.2)):
        grid = regimes.regime_grid(etas, lambdas, model, d_ratio)
        for i, lam in enumerate(lambdas):
            for j, eta in enumerate(etas):
                assert regimes.REGIME_NAMES[grid[i, j]] == regimes.classify(eta, lam, model, d_ratio)


etas = st.floats(min_value=1e-6, max_value=1e3, allow_nan=False)
couplings = st.floats(min_value=0.0, max_value=10.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(etas, couplings)
def test_classification_is_total_and_stays_in_its_model(eta, coupling):
    assert regimes.classify(eta, coupling) in regimes.METAL_REGIMES
    assert regimes.classify(eta, coupling, "holstein") in regimes.HOLSTEIN_REGIMES


@settings(max_examples=300, deadline=None)
@given(etas, couplings, couplings)
def test_stronger_coupling_never_makes_migdal_safer(eta, lam_a, lam_b):
    low, high = sorted((lam_a, lam_b))
    assert SEVERITY[regimes.classify(eta, low)] <= SEVERITY[regimes.classify(eta, high)]


@settings(max_examples=300, deadline=None)
@given(etas, etas, st.floats(min_value=0.0, max_value=1.0))
def test_faster_phonons_never_make_migdal_safer_at_weak_coupling(eta_a, eta_b, coupling):
    # Metal model: severity (adiabatic < non- < anti-adiabatic) is monotone in eta below lambda_c.
    low, high = sorted((eta_a, eta_b))
    assert SEVERITY[regimes.classify(low, coupling)] <= SEVERITY[regimes.classify(high, coupling)]


def test_huge_integers_and_long_inputs_give_short_messages():
    with pytest.raises(ValueError, match="E_F_eV must be a finite number") as info:
        regimes.regime_point(2e-5, 10**400, 0.02, 0.5)
    assert len(str(info.value)) < 150
