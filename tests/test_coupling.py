"""Effective/bare coupling and effective masses (migdal_core.coupling) against contract section 2."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core import coupling, polaron_dmft, regimes
from migdal_core.tables import polaron_mass


def test_bare_effective_round_trip_and_rpa_limit():
    # lambda = lambda_0 / (1 - 2 lambda_0) <=> lambda_0 = lambda / (1 + 2 lambda) (Migdal 1958, RPA softening)
    for lam in (0.1, 0.43, 1.0, 1.55, 3.0):
        assert coupling.effective_from_bare(coupling.bare_from_effective(lam)) == pytest.approx(lam)
    assert coupling.bare_from_effective(1e9) < 0.5  # a metal's effective lambda never reaches lambda_0 = 1/2
    assert math.isinf(coupling.effective_from_bare(0.5))


def test_lambda_tilde_limits():
    # lambda_tilde = lambda E_F/(E_F + omega): -> lambda adiabatic, -> lambda E_F/omega anti-adiabatic
    assert coupling.lambda_tilde(0.5, 10.0, 1e-4) == pytest.approx(0.5, rel=1e-4)
    assert coupling.lambda_tilde(0.5, 0.005, 0.1) == pytest.approx(0.5 * 0.005 / 0.105)


def test_polaron_crossover_curve_limits():
    # the DMFT crossover table (tests/test_polaron_dmft.py, test_tables_polaron_crossover.py): lambda_0 -> 27/32
    # for omega << D (Born-Oppenheimer self-trapping on the Bethe lattice, the "lambda > 1" of Capone, Ciuchi &
    # Grimaldi, arXiv:cond-mat/9812195) and alpha^2 -> 1 (lambda_0 -> omega/D) for omega >> D; in between it rises
    # above both limits
    assert coupling.polaron_lambda0(1e-5) == pytest.approx(27.0 / 32.0, rel=1e-3)
    assert coupling.polaron_lambda0(300.0) / 300.0 == pytest.approx(1.0, abs=0.01)
    assert coupling.polaron_lambda0(1.0) > 2.0 and coupling.polaron_lambda0(0.1) > 1.0


def test_holstein_mass_limits():
    # weak coupling: Migdal 1 + lambda_0 D/(D + omega)
    assert math.exp(coupling.log_holstein_mass(0.1, 1.0, 0.01)) == pytest.approx(1 + 0.1 / 1.01, rel=1e-12)
    # deep polaron: the DMFT mass (Ciuchi et al., PRB 56, 4494 (1997); the solver run beside the table),
    # which is Lang-Firsov exp(alpha^2) only anti-adiabatically: omega = 50 D, alpha^2 = 4
    assert coupling.log_holstein_mass(6.0, 1.0, 2.0) == pytest.approx(
        math.log(polaron_dmft.mass_ratio(6.0, 2.0)), rel=5e-3
    )
    assert coupling.log_holstein_mass(200.0, 1.0, 50.0) == pytest.approx(4.0, rel=5e-3)


def test_adiabatic_holstein_mass_is_not_lang_firsov():
    """omega = 0.01 D: 10 % below the crossover one electron is nearly free (DMFT m*/m = 1.10) and the
    carriers of a metal have Migdal's 1 + lambda_0 D/(D + omega) (the interpolation to exp(alpha^2) that
    this replaced gave 528 there); 20 % above it the DMFT mass is e^7.4 at omega = 0.1 D, where
    Lang-Firsov would give e^12.2 (the contract: Lang-Firsov only in the anti-adiabatic limit)."""
    lam = 0.9 * coupling.polaron_lambda0(0.01)
    assert math.exp(coupling.log_holstein_mass(lam, 1.0, 0.01)) == pytest.approx(1 + lam / 1.01, rel=1e-3)
    assert polaron_dmft.mass_ratio(lam, 0.01) < 1.2
    lam = 1.2 * coupling.polaron_lambda0(0.1)
    log_mass = coupling.log_holstein_mass(lam, 1.0, 0.1)
    assert log_mass == pytest.approx(math.log(polaron_dmft.mass_ratio(lam, 0.1)), rel=1e-3)
    assert log_mass < 0.7 * lam / 0.1


def test_mass_text():
    assert coupling.mass_text(math.log(2.549)) == "2.549"
    assert coupling.mass_text(1e4) == "≫ 10³"


@pytest.mark.parametrize(
    "eta, lam", [(1e-3, 1.0), (0.1, 0.3), (1.0, 0.3), (1e-3, regimes.LAMBDA_C), (0.05, 1.0)]
)
def test_metal_mass_has_no_jump_at_any_boundary(eta, lam):
    # lambda = 1 (strong coupling), eta = 0.1, eta = 1, lambda_c, lambda*eta = 0.05: the Nb 1.00 -> 1.01 jump
    below = regimes.mass_enhancement(1.0, eta, lam - 1e-9)
    above = regimes.mass_enhancement(1.0, eta, lam + 1e-9)
    assert above == pytest.approx(below, abs=1e-8)
    # and across the eta boundaries at fixed lambda
    assert regimes.mass_enhancement(1.0, eta * (1 - 1e-9), lam) == pytest.approx(
        regimes.mass_enhancement(1.0, eta * (1 + 1e-9), lam), abs=1e-8
    )


@settings(max_examples=400, deadline=None)
@given(
    st.floats(1e-4, 1e2), st.floats(0.0, 3.9), st.floats(0.05, 20.0), st.sampled_from(["metal", "holstein"])
)
def test_mass_is_finite_and_lipschitz_continuous_in_lambda(eta, lam, D_over_E_F, model):
    # A bound on d ln(m*)/d lambda (from the formulas' derivatives) shows there is no jump anywhere,
    # including across lambda = 1, lambda_0 = 0.4, the polaron crossover and lambda_c.
    E_F, delta = 1.0, 1e-7
    omega, D = eta * E_F, D_over_E_F * E_F
    a = regimes.log_mass_enhancement(E_F, omega, lam, model, D if model == "holstein" else None)
    b = regimes.log_mass_enhancement(E_F, omega, lam + delta, model, D if model == "holstein" else None)
    assert math.isfinite(a) and math.isfinite(b) and a >= 0.0
    # Holstein: the crossover weight's slope (<= 10 / lambda_c) times ln m <= alpha^2, plus the DMFT table's
    # (gamma = ln m / alpha^2 in [0, 1], linear between s = lambda_0 / lambda_c nodes) and Migdal's
    alpha_squared = (lam + delta) * D / omega
    steepest = 1.0 / float(np.diff(polaron_mass.S_GRID).min())
    bound = 2.0 + (
        (10.0 + steepest) * alpha_squared / coupling.polaron_lambda0(omega / D) + D / omega
        if model == "holstein"
        else 0
    )
    assert abs(b - a) <= delta * bound


@settings(max_examples=300, deadline=None)
@given(st.floats(1e-4, 1e2), st.floats(0.0, 3.9))
def test_mass_is_continuous_in_eta(eta, lam):
    a = regimes.log_mass_enhancement(1.0, eta, lam, "holstein")
    b = regimes.log_mass_enhancement(1.0, eta * (1 + 1e-8), lam, "holstein")
    # d ln m / d ln omega is at most ~ alpha^2 (1 + 4/lambda_pol) + 1
    assert abs(b - a) <= 1e-8 * (8.0 * lam / eta + 2.0)
