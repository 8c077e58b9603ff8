"""T_c (migdal_core.tc) against the contract's references and closed forms."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import eigvalsh

from migdal_core import tc
from migdal_core.constants import K_B_EV_PER_K
from migdal_core.tables.vertex_curves import vertex_curves


@pytest.mark.parametrize("lam,mu,ref", [(0.5, 0.0, 0.0394), (1.0, 0.1, 0.0722)])
def test_eliashberg_reference(lam, mu, ref):
    r = tc.tc_eliashberg(lam, mu, 1.0, cutoff=15.0)
    assert r.Tc_over_omega_E == pytest.approx(ref, rel=0.02)
    assert r.note == ""
    assert tc.eliashberg_max_eigenvalue(r.Tc_over_omega_E, lam, mu) == pytest.approx(1.0, abs=1e-5)


def test_eliashberg_lanczos_path_matches_dense():
    # an independent dense build of the kernel of the module docstring (~600 Matsubara frequencies below
    # the cutoff 15 omega_E, so the solver takes its Lanczos path), with 1/mu*(w_N) = 1/mu* + ln(omega_E/w_N)
    t, lam, mu_star, cutoff = 0.004, 0.4, 0.1, 15.0
    n = math.floor(cutoff / (2 * math.pi * t) + 0.5)
    assert n > 300
    mu_n = 1 / (1 / mu_star + math.log(1 / cutoff))
    idx = np.arange(n)
    wn = math.pi * t * (2 * idx + 1)
    lj = lam / (1 + (2 * math.pi * t * np.arange(2 * n + 1)) ** 2)
    z = np.array([1 + math.pi * t / wn[k] * (lj[0] + 2 * lj[1 : k + 1].sum()) for k in range(n)])
    kern = lj[np.abs(idx[:, None] - idx[None, :])] + lj[idx[:, None] + idx[None, :] + 1] - 2 * mu_n
    m = math.pi * t * kern / np.sqrt(np.outer(wn * z, wn * z))
    assert tc.eliashberg_max_eigenvalue(t, lam, mu_star, cutoff) == pytest.approx(eigvalsh(m)[-1], rel=1e-8)


def _allen_dynes_reference(lam, mu):
    # independent transcription of Allen & Dynes PRB 12, 905 (1975), Einstein spectrum
    big_l1 = 2.46 * (1 + 3.8 * mu)
    f1 = (1 + (lam / big_l1) ** 1.5) ** (1 / 3)
    return f1 * (1 / 1.2) * math.exp(-1.04 * (1 + lam) / (lam - mu * (1 + 0.62 * lam)))


@pytest.mark.parametrize("lam,mu", [(0.5, 0.1), (1.0, 0.1), (2.5, 0.13), (4.0, 0.0)])
def test_allen_dynes_closed_form(lam, mu):
    assert tc.tc_allen_dynes(lam, mu).Tc_over_omega_E == pytest.approx(
        _allen_dynes_reference(lam, mu), rel=1e-12
    )


def test_allen_dynes_f2():
    lam, mu, r = 1.5, 0.1, 2.0
    l2 = 1.82 * (1 + 6.3 * mu) * r
    f2 = 1 + (r - 1) * lam**2 / (lam**2 + l2**2)
    got = tc.tc_allen_dynes(lam, mu, 1.0, omega2_over_omegalog=r).Tc_over_omega_E
    assert got == pytest.approx(f2 * _allen_dynes_reference(lam, mu), rel=1e-12)


def test_mcmillan_known_value_and_kelvin():
    # lambda = 1, mu* = 0.1: exp(-2.08/0.838)/1.45 = 0.057633 (hand calculation)
    r = tc.tc_mcmillan(1.0, 0.1, 0.05)
    assert r.Tc_over_omega_E == pytest.approx(0.057633, abs=2e-6)
    assert r.Tc_K == pytest.approx(r.Tc_over_omega_E * 0.05 / 8.617333262e-5, rel=1e-12)
    assert K_B_EV_PER_K == 8.617333262e-5


@pytest.mark.parametrize("lam,mu", [(0.1, 0.1), (0.0, 0.0), (0.05, 0.2)])
def test_no_superconductivity(lam, mu):
    for r in (
        tc.tc_mcmillan(lam, mu),
        tc.tc_allen_dynes(lam, mu),
        tc.tc_psg(lam, mu),
        tc.tc_eliashberg(lam, mu),
    ):
        assert r.Tc_over_omega_E == 0.0 and r.Tc_K == 0.0
        assert r.note


def test_psg_migdal_and_couplings():
    lam, mu = 0.8, 0.1
    assert tc.tc_psg(lam, mu).Tc_over_omega_E == pytest.approx(
        1.13 * math.exp(-(1 + lam) / (lam - mu)), rel=1e-12
    )
    lz, ld = tc.lambda_Z_Delta(0.5, 0.2, -0.1)
    assert lz == pytest.approx(0.5 * (1 + 0.5 * 0.2))
    assert ld == pytest.approx(0.5 * (1 + 2 * 0.5 * 0.2 - 0.5 * 0.1))
    r = tc.tc_psg(0.5, 0.1, 1.0, 0.2, -0.1)
    assert r.Tc_over_omega_E == pytest.approx(1.13 * math.exp(-(1 + lz) / (ld - 0.1)), rel=1e-12)
    # lambda_Delta <= mu*: no superconductivity
    assert tc.tc_psg(0.5, 0.1, 1.0, -0.9, 0.0).Tc_over_omega_E == 0.0


def test_forward_scattering_enhances_backscattering_suppresses():
    small = tc.tc_all(0.5, 0.1, 0.05, eta=0.2, Qc=0.1)["Tc_over_omega_E"]
    iso = tc.tc_all(0.5, 0.1, 0.05, eta=0.2, Qc=1.0)["Tc_over_omega_E"]
    assert small["psg_vertex"] / small["psg_migdal"] > 1.5
    assert iso["psg_vertex"] / iso["psg_migdal"] < 1.0


def test_tc_all_keys():
    d = tc.tc_all(1.0, 0.1, 0.05)
    assert set(d["Tc_K"]) == {"mcmillan", "allen_dynes", "eliashberg"}
    d = tc.tc_all(1.0, 0.1, 0.05, eta=0.1, Qc=0.5)
    assert set(d["Tc_K"]) == {"mcmillan", "allen_dynes", "eliashberg", "psg_migdal", "psg_vertex"}
    for key in ("lambda_Z", "lambda_Delta", "P_V", "P_C", "notes", "Tc_over_omega_E"):
        assert key in d


@settings(max_examples=25, deadline=None)
@given(lam=st.floats(0.35, 3.5), dl=st.floats(0.01, 0.5), mu=st.floats(0.0, 0.2))
def test_tc_monotone_in_lambda(lam, dl, mu):
    for fn in (tc.tc_mcmillan, tc.tc_allen_dynes, tc.tc_eliashberg):
        a = fn(lam, mu).Tc_over_omega_E
        b = fn(lam + dl, mu).Tc_over_omega_E
        assert b >= a * (1 - 1e-6)


@settings(max_examples=40, deadline=None)
@given(lam=st.floats(0.0, 4.0), mu=st.floats(0.0, 0.3))
def test_allen_dynes_at_least_mcmillan_ratio_and_never_nan(lam, mu):
    mc = tc.tc_mcmillan(lam, mu).Tc_over_omega_E
    ad = tc.tc_allen_dynes(lam, mu).Tc_over_omega_E
    assert math.isfinite(mc) and math.isfinite(ad) and mc >= 0 and ad >= 0
    assert ad >= mc * (1.45 / 1.2) * (1 - 1e-12)  # f1 >= 1, f2 = 1


@settings(max_examples=15, deadline=None)
@given(lam=st.floats(0.4, 3.0), mu=st.floats(0.0, 0.15), dmu=st.floats(0.01, 0.1))
def test_eliashberg_decreases_with_mu(lam, mu, dmu):
    a = tc.tc_eliashberg(lam, mu).Tc_over_omega_E
    b = tc.tc_eliashberg(lam, mu + dmu).Tc_over_omega_E
    assert b <= a * (1 + 1e-6)


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: tc.tc_mcmillan(-0.1, 0.1), "lambda"),
        (lambda: tc.tc_allen_dynes(1.0, -0.1), "mu_star"),
        (lambda: tc.tc_allen_dynes(1.0, 0.5), "mu_star"),
        (lambda: tc.tc_eliashberg(1.0, 0.1, 0.0), "omega_E_eV"),
        (lambda: tc.tc_eliashberg(1.0, 0.1, 1.0, cutoff=1.0), "cutoff"),
        (lambda: tc.tc_all(1.0, 0.1, 0.05, eta=-1, Qc=0.5), "eta"),
        (lambda: tc.tc_all(1.0, 0.1, 0.05, eta=0.1, Qc=1.2), "Qc"),
        (lambda: tc.tc_all(1.0, 0.1, 0.05, eta=0.1), "Qc"),
        (lambda: tc.tc_mcmillan(float("inf"), 0.1), "lambda"),
    ],
)
def test_validation(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_tc_ratio_is_one_without_vertex_corrections():
    ratio = tc.psg_ratio_curve(0.5, 0.1, [0.0, 0.0], [0.0, 0.0])
    assert ratio["ratio"] == pytest.approx([1.0, 1.0])
    assert ratio["lambda_Z"] == ratio["lambda_Delta"] == pytest.approx([0.5, 0.5])


def test_forward_scattering_raises_tc_backscattering_lowers_it():
    # contract section 4: forward scattering can double T_c for lambda = 0.5, m = 0.2
    curves = vertex_curves(0.2, "dynamic")
    ratio = tc.psg_ratio_curve(0.5, 0.1, curves["P_V"], curves["P_C"])
    assert max(ratio["ratio"]) > 2.0
    assert ratio["ratio"][-1] < 1.0  # Q_c = 1 includes backscattering


def test_anti_adiabatic_tc_limits():
    # contract section 4 / Gor'kov PRB 93, 054517 (2016): cutoff min(omega, E_F), mu unreduced, mass lambda_tilde.
    lam, mu = 0.3, 0.05
    # omega << E_F: the generalised McMillan form 1.13 omega exp[-(1+lam)/(lam-mu)] (PSG without vertex)
    slow = tc.tc_anti_adiabatic(lam, mu, 1e-4, 10.0)
    assert slow.Tc_over_omega_E == pytest.approx(tc.tc_psg(lam, mu, 1e-4).Tc_over_omega_E, rel=1e-4)
    # omega >> E_F: the BCS log is cut at E_F, and the mass correction vanishes
    fast = tc.tc_anti_adiabatic(lam, mu, 1.0, 1e-3)
    expected = 1.13 * 1e-3 * math.exp(-(1 + lam * 1e-3 / 1.001) / (lam - mu)) / K_B_EV_PER_K
    assert fast.Tc_K == pytest.approx(expected, rel=1e-9)
    assert tc.tc_anti_adiabatic(0.1, 0.1, 1.0, 1e-3).Tc_K == 0.0


def test_tc_all_with_fermi_energy_reports_a_best_estimate():
    out = tc.tc_all(0.2, 0.0, 0.1, E_F_eV=0.005)
    assert out["best"]["method"] == "anti_adiabatic" and out["best"]["Tc_K"] == out["Tc_K"]["anti_adiabatic"]
    assert tc.tc_all(3.5, 0.1, 0.01, E_F_eV=5.0)["best"]["Tc_K"] is None  # beyond lambda_c
    with pytest.raises(ValueError, match="eta must equal"):
        tc.tc_all(0.5, 0.1, 0.01, eta=0.5, Qc=1.0, E_F_eV=5.0)
