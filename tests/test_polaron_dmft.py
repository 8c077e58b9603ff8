"""One Holstein electron in DMFT (method of Ciuchi et al., PRB 56, 4494 (1997)) against numbers we did not write.

Units of D (band half-width); lambda = E_p / D, r = omega_0 / D, alpha^2 = lambda / r.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import brentq, minimize_scalar

from migdal_core import polaron_dmft as dmft


def _semicircle_dos(energy):
    return 2.0 / math.pi * math.sqrt(max(1.0 - energy * energy, 0.0))


def _free_moment(omega, power):
    """integral rho(e) / (omega - e)^power over the semicircle, by quadrature (not the solver's closed form)."""
    return quad(lambda e: _semicircle_dos(e) / (omega - e) ** power, -1.0, 1.0, limit=200)[0]


def test_free_electron_sits_at_the_band_bottom():
    for ratio in (1e-2, 1.0, 50.0):
        assert dmft.ground_state_energy(0.0, ratio) == -1.0
        assert dmft.ground_state_energy(1e-9, ratio) == pytest.approx(-1.0, abs=1e-8)
        assert dmft.mass_ratio(0.0, ratio) == 1.0


@pytest.mark.parametrize("ratio", [0.05, 0.5, 2.0, 20.0])
def test_weak_coupling_is_second_order_perturbation_theory(ratio):
    # Rayleigh-Schroedinger, one phonon: E_0 = -D + g^2 int rho(e) / (-D - w0 - e) de, g^2 = lambda w0 D;
    # m*/m = 1 - dSigma/dw = 1 + g^2 int rho / (-D - w0 - e)^2 (local self-energy)
    lam = 1e-3
    g2 = lam * ratio
    shift = g2 * _free_moment(-1.0 - ratio, 1)
    assert dmft.ground_state_energy(lam, ratio) + 1.0 == pytest.approx(shift, rel=2e-3)
    assert dmft.mass_ratio(lam, ratio) - 1.0 == pytest.approx(g2 * _free_moment(-1.0 - ratio, 2), rel=2e-3)


@pytest.mark.parametrize("alpha_squared", [1.0, 2.0, 3.0])
def test_anti_adiabatic_strong_coupling_is_lang_firsov(alpha_squared):
    # Lang & Firsov, JETP 16, 1301 (1963): omega_0 >> D, E_0 = -E_p - D exp(-alpha^2) (polaron band bottom),
    # m*/m = exp(alpha^2); corrections O(D/omega_0) = 1e-3 here
    ratio = 1000.0
    lam = alpha_squared * ratio
    energy = dmft.ground_state_energy(lam, ratio)
    assert -(energy + lam) == pytest.approx(math.exp(-alpha_squared), rel=1e-2)
    assert dmft.mass_ratio(lam, ratio) == pytest.approx(math.exp(alpha_squared), rel=1e-2)


def test_deep_strong_coupling_energy_goes_to_minus_the_polaron_energy():
    # E_0 -> -E_p = -lambda D once alpha^2 >> 1, also at omega_0 ~ D (atomic limit)
    for lam, ratio in ((8.0, 0.5), (20.0, 2.0)):
        assert dmft.ground_state_energy(lam, ratio) / -lam == pytest.approx(1.0, abs=0.02)


def test_spectral_weight_is_normalised():
    # int A(w) dw = 1 (one electron added to the vacuum); the Lorentzian broadening eta loses
    # (eta/pi)(1/(w_low - a) + 1/(b - w_high)) of it outside the window [a, b], added back here
    lam, ratio, eta = 0.5, 0.5, 0.05
    omega = np.linspace(-25.0, 35.0, 24001)
    weight = np.trapezoid(dmft.spectral_function(omega, lam, ratio, eta), omega)
    lost = eta / math.pi * (1.0 / (-1.5 + 25.0) + 1.0 / (35.0 - 6.0))
    assert weight + lost == pytest.approx(1.0, abs=2e-3)


def test_chain_depth_is_converged():
    for lam, ratio in ((2.0, 0.05), (1.0, 0.01), (0.9, 1.0)):
        depth = dmft.chain_depth(lam, ratio)
        assert dmft._ground_state_energy(lam, ratio, depth) == pytest.approx(
            dmft._ground_state_energy(lam, ratio, 2 * depth), abs=1e-12
        )


@settings(max_examples=30, deadline=None)
@given(st.floats(0.01, 4.0), st.floats(0.05, 30.0))
def test_energy_is_bounded_and_decreasing_in_the_coupling(lam, ratio):
    # -D - E_p <= E_0 <= -D (kinetic >= -D, omega0 b+b + g n (b + b+) >= -E_p; the zero-phonon trial state
    # gives -D) and dE_0/dlambda = <H_ep>/lambda < 0 (Hellmann-Feynman)
    energy = dmft.ground_state_energy(lam, ratio)
    assert -1.0 - lam <= energy < -1.0
    assert dmft.ground_state_energy(lam * 1.05, ratio) < energy
    assert 0.0 < dmft.kinetic_fraction(lam, ratio) <= 1.0 + 1e-6


def _born_oppenheimer_self_trapping():
    """lambda where one site's static displacement first beats the free electron (Bethe lattice, D = 1).

    Potential -V on one site binds a state where 1 + V G(E) = 0, G(E) = 2 (E + sqrt(E^2 - 1)) (V > 1/2);
    elastic cost V^2 / (4 E_p). Solved numerically here, independently of the closed form 27/32.
    """

    def bound(V):
        return brentq(lambda E: 1.0 + V * 2.0 * (E + math.sqrt(E * E - 1.0)), -V - 10.0, -1.0 - 1e-15)

    def gain(lam):
        best = minimize_scalar(
            lambda V: bound(V) + V * V / (4.0 * lam), bounds=(0.5 + 1e-9, 10.0), method="bounded"
        )
        return best.fun + 1.0

    return brentq(gain, 0.5, 2.0, xtol=1e-10)


def test_adiabatic_limit_is_born_oppenheimer_self_trapping():
    assert _born_oppenheimer_self_trapping() == pytest.approx(dmft.LAMBDA_C_ADIABATIC, rel=1e-6)
    # the crossover approaches it as omega_0 -> 0, from above, like ~ 1.8 omega_0 / D
    near, nearer = dmft.crossover_lambda0(0.03), dmft.crossover_lambda0(0.01)
    assert dmft.LAMBDA_C_ADIABATIC < nearer < near
    assert nearer == pytest.approx(dmft.LAMBDA_C_ADIABATIC, rel=0.03)
    assert (near - dmft.LAMBDA_C_ADIABATIC) / (nearer - dmft.LAMBDA_C_ADIABATIC) == pytest.approx(
        3.0, rel=0.25
    )


def test_anti_adiabatic_crossover_is_alpha_squared_one():
    # K = exp(-alpha^2) (Lang-Firsov) drops fastest in ln lambda at alpha^2 = 1: lambda_c -> omega_0 / D,
    # the alpha^2 > 1 condition of Capone, Ciuchi & Grimaldi, arXiv:cond-mat/9812195
    deviation = [dmft.crossover_lambda0(ratio) / ratio - 1.0 for ratio in (100.0, 500.0)]
    assert 0.0 < deviation[1] < deviation[0] / 3.0 < 0.01


def test_crossover_is_where_the_kinetic_energy_collapses():
    # intermediate omega_0 = D (a broad crossover): K falls from > 0.8 at lambda_c / 3 through ~ e^-1 at
    # lambda_c (Lang-Firsov's exp(-alpha^2) at alpha^2 = 1) to < 0.1 at 2 lambda_c
    crossover = dmft.crossover_lambda0(1.0)
    assert 1.0 < crossover < 3.0
    assert dmft.kinetic_fraction(crossover / 3.0, 1.0) > 0.8
    assert dmft.kinetic_fraction(crossover, 1.0) == pytest.approx(math.exp(-1.0), abs=0.05)
    assert dmft.kinetic_fraction(2.0 * crossover, 1.0) < 0.1


def test_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match="omega_over_D"):
        dmft.ground_state_energy(1.0, 0.0)
    with pytest.raises(ValueError, match="lambda_0"):
        dmft.ground_state_energy(-1.0, 1.0)
