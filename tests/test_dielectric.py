"""Lindhard and Mermin-Levine-Louie ELFs: closed form, continuation, f-sum rule."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core import dielectric as D

WP = 16.6  # Si plasmon energy [eV]
ALPHA, ME = 1 / 137, 511e3
VF = D.fermi_velocity(WP, ME, ALPHA)


def test_fermi_velocity_closed_form():
    assert VF == pytest.approx((3 * math.pi * WP**2 / (4 * ALPHA * ME**2)) ** (1 / 3), rel=1e-14)
    # electron density n = omega_p^2 m_e/(4 pi alpha), k_F = (3 pi^2 n)^(1/3)
    n = WP**2 * ME / (4 * math.pi * ALPHA)
    assert VF * ME == pytest.approx((3 * math.pi**2 * n) ** (1 / 3), rel=1e-12)


def test_lindhard_eps2_regions():
    # u + z <= 1: eps2 = pref * pi u / 2
    k, w = 1000.0, 5.0
    e1, e2 = D.lindhard_eps(w, k, WP, VF, ME)
    pref = 3 * WP**2 / (VF**2 * k**2)
    assert e2 == pytest.approx(pref * math.pi / 2 * w / (k * VF), rel=1e-12)
    # far outside the continuum eps2 = 0 and eps1 -> 1 - omega_p^2/omega^2
    e1, e2 = D.lindhard_eps(500.0, 300.0, WP, VF, ME)
    assert e2 == 0.0 and e1 == pytest.approx(1 - WP**2 / 500.0**2, rel=1e-3)


@pytest.mark.parametrize("w,k", [(5, 1000), (10, 3000), (20, 5000), (50, 10000), (30, 500), (3, 20000)])
def test_complex_continuation_matches_real_form(w, k):
    e1, e2 = D.lindhard_eps(w, k, WP, VF, ME)
    ec = D.lindhard_complex(complex(w, 1e-8), k, WP, VF, ME)
    assert ec.real == pytest.approx(e1, rel=1e-6, abs=1e-9)
    assert ec.imag == pytest.approx(e2, rel=1e-5, abs=1e-7)


def test_static_limit_large_u_series_is_continuous():
    # the large-|u| series and the closed form agree where both apply
    k = 2000.0
    for w in (4.5 * k * VF, 5.5 * k * VF):
        u, z = w / (k * VF), k / (2 * ME * VF)
        closed = 0.5 + (D._g(z - u) + D._g(z + u)) / (8 * z)
        assert D._bracket_series(z, u) == pytest.approx(closed, rel=1e-9)


@pytest.mark.parametrize("k", [300.0, 1000.0, 3000.0, 7000.0, 15000.0, 30000.0])
def test_f_sum_rule_lindhard(k):
    target = math.pi / 2 * WP**2
    assert D.f_sum_integral(k, WP, "lindhard", alpha=ALPHA, m_e_eV=ME) == pytest.approx(target, rel=0.01)


def test_lindhard_plasmon_pole_needed_at_small_k():
    w_pl, weight = D.lindhard_plasmon_pole(300.0, WP, alpha=ALPHA, m_e_eV=ME)
    assert WP < w_pl < 1.1 * WP and weight > 0
    no_pole = D.f_sum_integral(300.0, WP, "lindhard", include_pole=False, alpha=ALPHA, m_e_eV=ME)
    assert no_pole < 0.5 * math.pi / 2 * WP**2
    assert D.lindhard_plasmon_pole(20000.0, WP) == (0.0, 0.0)


@pytest.mark.parametrize("k", [300.0, 1000.0, 5000.0, 30000.0])
@pytest.mark.parametrize("gap,gamma", [(1.11, 3.0), (0.67, 1.0), (0.0, 0.5)])
def test_f_sum_rule_mermin_levine_louie(k, gap, gamma):
    target = math.pi / 2 * WP**2
    got = D.f_sum_integral(k, WP, "mermin", E_gap_eV=gap, gamma_eV=gamma, alpha=ALPHA, m_e_eV=ME)
    assert got == pytest.approx(target, rel=0.01)


def test_mermin_has_gap_and_finite_plasmon():
    w = np.array([0.5, 1.0, 1.1, 1.2, 16.6, 17.0])
    vals = D.elf(w, 300.0, WP, "mermin", E_gap_eV=1.11, gamma_eV=3.0)
    assert np.all(vals[:3] == 0.0) and np.all(vals[3:] > 0)
    # small-k Mermin is the Drude ELF omega_p^2 gamma omega / ((omega_p^2 - omega^2)^2 + omega^2 gamma^2)
    drude = WP**2 * 3.0 * 16.6 / (0 + 16.6**2 * 9.0)
    assert D.elf(16.6, 30.0, WP, "mermin", gamma_eV=3.0)[()] == pytest.approx(drude, rel=0.02)


def test_mermin_tends_to_lindhard_inside_continuum():
    w, k = np.array([5.0, 10.0, 20.0]), np.array([3000.0, 5000.0, 8000.0])
    lind = D.elf(w, k, WP, "lindhard")
    merm = D.elf(w, k, WP, "mermin", gamma_eV=1e-4)
    np.testing.assert_allclose(merm, lind, rtol=1e-3)


@settings(max_examples=60, deadline=None)
@given(w=st.floats(0.01, 2000.0), k=st.floats(1.0, 1e5), model=st.sampled_from(D.ELF_MODELS))
def test_elf_nonnegative_and_finite(w, k, model):
    val = D.elf(w, k, WP, model, E_gap_eV=1.11)
    assert np.isfinite(val) and val >= 0.0


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"model": "drude"}, "elf"),
        ({"omega_p_eV": -1.0}, "omega_p_eV"),
        ({"E_gap_eV": -1.0}, "E_gap_eV"),
        ({"gamma_eV": float("nan")}, "gamma_eV"),
    ],
)
def test_elf_validation(kwargs, name):
    args = {"omega_eV": 5.0, "k_eV": 1000.0, "omega_p_eV": WP, **kwargs}
    with pytest.raises(ValueError, match=name):
        D.elf(**args)


def test_elf_rejects_nonpositive_omega_and_k():
    with pytest.raises(ValueError, match="omega_eV"):
        D.elf(0.0, 1000.0, WP)
    with pytest.raises(ValueError, match="k_eV"):
        D.elf(1.0, -3.0, WP)
