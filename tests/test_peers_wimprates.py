"""Side by side with wimprates' own Migdal rate (JelleAalbers/wimprates 0.5.0, ``rate_migdal``).

Same inputs: Ibe et al. tables (wimprates ships them; we read the same files),
same halo (v0 = 238, v_esc = 544 km/s, rho = 0.3 GeV/cm^3, v_E = wimprates'
own annual-average Earth speed, 252.1 km/s), Helm form factor, amu-based masses.

Raw, ours is +2.3 ... +2.6 % (Xe) and +3.1 ... +3.4 % (Ar) above wimprates. The
offset is fully traced (``test_offset_is_fully_traced``):
* +3.09 %: wimprates' ``observed_speed_dist`` multiplies by the truncation factor
  k = erf(z) - 2z e^{-z^2}/sqrt(pi) instead of dividing by it, so its speed
  distribution integrates to k^2 = 0.970, not 1 (ours is normalised to 1);
* -0.45 % (Xe), +0.26 % (Ar): wimprates puts the mean atomic weight in the coherent
  A^2 (131.293, 39.948), we the mass number A (131, 40);
* 0 ... -0.3 %: table interpolation, log-log here (the tables are power laws between
  nodes) against linear in wimprates; and within 1 eV above each binding energy
  (below the tables' first energy, 1 eV) we hold the first value, as DarkELF does,
  where wimprates puts zero (Ar at omega = 300 eV, the 2s edge: -10 %; in a rate above
  threshold these 1 eV windows add 0.5 % (Xe) to 1.1 % (Ar));
* what remains is <= 0.06 % (wimprates' dblquad tolerance); the constants (CODATA m_e,
  amu) and m_N = atomic mass x amu agree.
DarkELF is not on the package index reachable here (``pip download darkelf``
finds no distribution), so it is not a test dependency; values produced by
running a DarkELF checkout are compared in test_spectra.py
(``test_side_by_side_with_darkelf_values``).
"""

import itertools
import math
import warnings

import numpy as np
import pytest

from migdal_core import constants as C
from migdal_core import halo as H
from migdal_core import spectra as S

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    wr = pytest.importorskip("wimprates")
import numericalunits as nu

V0, VESC, RHO = 238.0, 544.0, 0.3


@pytest.fixture(scope="module")
def halo():
    vE = wr.v_earth(None, v_0=V0 * nu.km / nu.s) / (nu.km / nu.s)
    model = wr.StandardHaloModel(
        v_0=V0 * nu.km / nu.s, v_esc=VESC * nu.km / nu.s, rho_dm=RHO * nu.GeV / nu.c0**2 / nu.cm**3
    )
    return vE, model


def _wimprates(omegas, m_chi_MeV, material, model, shells):
    unit = 1.0 / (nu.kg * nu.year * nu.eV)
    return (
        np.array(
            [
                wr.rate_migdal(
                    w * nu.eV,
                    m_chi_MeV * nu.MeV / nu.c0**2,
                    1e-38 * nu.cm**2,
                    material=material,
                    halo_model=model,
                    consider_shells=shells,
                )
                for w in omegas
            ]
        )
        / unit
    )


def _wimprates_norm_factor():
    z = VESC / V0
    k = math.erf(z) - 2 * z * math.exp(-z * z) / math.sqrt(math.pi)
    return k * k


CASES = [
    ("Xe", 1000.0, [15.0, 30.0, 100.0, 300.0, 1000.0], ["*"], "all"),
    ("Xe", 5000.0, [80.0, 300.0], ["3*", "4*"], "3*,4*"),
    ("Si", 500.0, [20.0, 50.0, 120.0, 200.0], ["*"], None),
    ("Si", 2000.0, [120.0, 300.0], ["2*"], "2*"),
    ("Ar", 1000.0, [20.0, 50.0, 100.0, 1000.0, 3000.0], ["*"], "all"),
    ("Ar", 300.0, [250.0, 280.0], ["1*", "2*"], "liquid"),
]


@pytest.mark.parametrize("target,m_chi,omegas,wr_shells,our_shells", CASES)
def test_migdal_rate_agrees_with_wimprates(halo, target, m_chi, omegas, wr_shells, our_shells):
    vE, model = halo
    theirs = _wimprates(omegas, m_chi, target, model, wr_shells)
    ours = S.dR_domega(
        omegas,
        target,
        m_chi,
        1e-38,
        model="atomic",
        halo="shm",
        vE_kms=vE,
        rho_GeV_cm3=RHO,
        shells=our_shells,
    )
    assert np.all(theirs > 0)
    np.testing.assert_allclose(ours, theirs, rtol=0.05)
    # with wimprates' speed-distribution normalisation and A^2 convention undone: <= 0.3% seen
    A = S.ATOMS[target]["A"]
    corrected = ours * _wimprates_norm_factor() * (S.ATOMS[target]["mass_amu"] / A) ** 2
    np.testing.assert_allclose(corrected, theirs, rtol=0.005)


def test_wimprates_speed_distribution_normalisation(halo):
    """Documents the wimprates normalisation (integral k^2 instead of 1)."""
    from scipy.integrate import quad

    vE, _ = halo
    f = lambda v: (
        wr.observed_speed_dist(v * nu.km / nu.s, None, v_0=V0 * nu.km / nu.s, v_esc=VESC * nu.km / nu.s)
        * (nu.km / nu.s)
    )
    total, _ = quad(f, 0, VESC + vE, points=[VESC - vE], limit=200)
    assert total == pytest.approx(_wimprates_norm_factor(), rel=1e-4)
    assert H.normalization_integral("shm", V0, VESC, vE) == pytest.approx(1.0, abs=1e-10)


def _linear_table_sum(omegas, target, shells):
    """sum_nl p_nl(omega - E_nl) with wimprates' interpolation: linear, zero outside the table."""
    _, E, P = S.load_transition_table(target)
    E_nl = np.array(S.ATOMS[target]["E_nl"])
    total = np.zeros(len(omegas))
    for s in S.resolve(target, shells=shells).shell_idx:
        Ee = np.asarray(omegas) - E_nl[s]
        total += np.where(Ee >= E[0], np.interp(Ee, E, P[:, s], right=0.0), 0.0)
    return total


@pytest.mark.parametrize(
    "target,omegas",
    [("Xe", [15.0, 30.0, 100.0, 300.0, 1000.0, 3000.0]), ("Ar", [20.0, 50.0, 100.0, 300.0, 1000.0, 3000.0])],
)
def test_offset_is_fully_traced(halo, target, omegas):
    """Ours / wimprates = (1/k^2) (A/atomic weight)^2 (I_loglog/I_linear) to 0.06 %, m_chi = 1 GeV, all shells."""
    vE, model = halo
    theirs = _wimprates(omegas, 1000.0, target, model, ["*"])
    ours = S.dR_domega(omegas, target, 1000.0, 1e-38, halo="shm", vE_kms=vE, rho_GeV_cm3=RHO, shells="all")
    raw = ours / theirs
    assert np.all((raw > 1.02) & (raw < 1.035)) or target == "Ar"  # Ar at its 2s edge (300 eV) is -10 %
    interpolation = (
        _linear_table_sum(omegas, target, "all")
        * C.M_ELECTRON_EV**2
        / (math.pi * S.resolve(target).m_N_eV)
        / S.ionization_probability(omegas, target, shells="all")
    )
    A, weight = S.ATOMS[target]["A"], S.ATOMS[target]["mass_amu"]
    traced = raw * _wimprates_norm_factor() * (weight / A) ** 2 * interpolation
    np.testing.assert_allclose(traced, 1.0, atol=6e-4)


@pytest.mark.parametrize("target,m_chi,threshold", [("Ar", 500.0, 100.0), ("Xe", 500.0, 150.0)])
def test_rate_above_threshold_with_liquid_shells_agrees_with_wimprates(halo, target, m_chi, threshold):
    """Rate above an electronic-energy threshold, liquid-analysis shells (Xe n = 3, 4; Ar n = 1, 2):
    wimprates' spectrum integrated here by 12-point Gauss-Legendre between its binding edges. The 1 eV
    above each edge (held first table value here, zero in wimprates) is left out of both; it adds
    1.1 % (Ar, 500 MeV, > 100 eV) and 0.5 % (Xe, 500 MeV, > 150 eV) to our rate."""
    vE, model = halo
    wr_shells = ["3*", "4*"] if target == "Xe" else ["1*", "2*"]
    E_nl = np.array(S.ATOMS[target]["E_nl"])[list(S.resolve(target).shell_idx)]
    kw = dict(m_chi_MeV=m_chi, halo="shm", vE_kms=vE, rho_GeV_cm3=RHO)
    inputs = S.resolve(target, **kw)
    top = 0.5 * inputs.mu_N_eV * ((VESC + vE) / inputs.c_kms) ** 2  # kinematic end point
    cuts = sorted({threshold, top, *(e for e in E_nl if threshold < e < top)})
    pieces = [(a + 1.0 if a in E_nl else a, b) for a, b in itertools.pairwise(cuts)]
    x, w = np.polynomial.legendre.leggauss(12)
    theirs = ours = 0.0
    for a, b in pieces:
        nodes = 0.5 * (b - a) * x + 0.5 * (a + b)
        theirs += 0.5 * (b - a) * float(np.sum(w * _wimprates(nodes, m_chi, target, model, wr_shells)))
        ours += S.rate_above_threshold(a, target, **kw) - S.rate_above_threshold(b, target, **kw)
    assert ours > 0 and ours / theirs == pytest.approx(1.03, abs=0.01)
    A, weight = S.ATOMS[target]["A"], S.ATOMS[target]["mass_amu"]
    assert ours * _wimprates_norm_factor() * (weight / A) ** 2 == pytest.approx(theirs, rel=4e-3)
    assert 1.0 <= S.rate_above_threshold(threshold, target, **kw) / ours < 1.015  # the edge windows
