"""Vertex corrections P_V, P(Q), P_C (migdal_core.vertex) against references.

References: the physics contract §3 (m = 0.1 table, Ward-identity limits,
isotropic limit) and brute-force numerical frequency integrals (scipy quad)
for the closed forms obtained by residues.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import brentq

from migdal_core import vertex as V

TABLE_QC = [0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 1.00]
TABLE_PV = [0.202, 0.362, 0.446, 0.397, 0.308, 0.160, 0.067, 0.014, -0.013, -0.030, -0.039, -0.026]


def _D(nu, w0):
    return -2.0 * w0 / (nu * nu + w0 * w0)


def _cquad(f):
    re = quad(lambda x: f(x).real, -np.inf, np.inf, limit=500, epsabs=1e-11)[0]
    im = quad(lambda x: f(x).imag, -np.inf, np.inf, limit=500, epsabs=1e-11)[0]
    return complex(re, im) / (2.0 * math.pi)


@pytest.mark.parametrize("seed", range(5))
def test_frequency_integrals_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.uniform(-1, 1, 2)
    w0 = rng.uniform(0.05, 1.0)
    for w1, w2 in [(0.0, w0), (0.0, 0.0), tuple(rng.uniform(-0.5, 0.5, 2))]:
        ref = _cquad(
            lambda nu, w1=w1, w2=w2: _D(w1 - nu, w0) / ((1j * nu - x1) * (1j * nu + 1j * (w2 - w1) - x2))
        )
        assert abs(V.frequency_integral(x1, x2, w0, w1, w2) - ref) < 1e-8 * max(1.0, abs(ref))
        refc = _cquad(
            lambda nu, w1=w1, w2=w2: (
                _D(w1 - nu, w0) * _D(nu - w2, w0) / ((1j * nu - x1) * (1j * (nu - w1 - w2) - x2))
            )
        )
        assert abs(V.crossed_frequency_integral(x1, x2, w0, w1, w2) - refc) < 1e-7 * max(1.0, abs(refc))


def test_contract_table_m01():
    ours = V.vertex_PV(0.1, TABLE_QC)
    dev = np.abs(ours - np.array(TABLE_PV))
    print("\n Q_c    ours     contract")
    for q, a, b in zip(TABLE_QC, ours, TABLE_PV):
        print(f" {q:4.2f}  {a:+.4f}  {b:+.3f}")
    assert dev.max() < 0.01


def test_sign_change_near_055():
    root = brentq(lambda q: V.vertex_PV(0.1, q), 0.4, 0.75, xtol=1e-3)
    assert 0.50 <= root <= 0.60


def test_ward_identity_symmetric_frequencies():
    m, nu = 0.5, 0.2
    errs = []
    for qc in (4e-3, 2e-3, 1e-3):
        ward = (8 * qc / 3) * m / (m * m + nu * nu / 4)
        val = V.vertex_PV_general(m, qc, -nu / 2, nu / 2)
        assert abs(val.imag) < 1e-6
        err = abs(val.real / ward - 1.0)
        assert err < 4 * qc / m + 2e-3  # leading correction is O(Q_c / m)
        errs.append(err)
    assert errs[2] < errs[0]  # approaches the Ward value as Q_c -> 0


def test_ward_identity_static():
    for m in (0.3, 1.0):
        for qc in (1e-3, 2e-3):
            val = V.vertex_PV(m, qc, "static")
            assert abs(val - (-1.0 + 8 * qc / (3 * m))) < 0.006
    # the static (0,0) and general (0,0) entry points agree
    assert V.vertex_PV_general(0.3, 2e-3, 0.0, 0.0).real == pytest.approx(
        V.vertex_PV(0.3, 2e-3, "static"), abs=1e-12
    )


def test_isotropic_limit_small_negative_proportional_to_m():
    ms = [0.01, 0.02, 0.05, 0.1]
    vals = [V.vertex_PV(m, 1.0) for m in ms]
    for m, v in zip(ms, vals):
        assert v < 0.0
        assert abs(v) < m
        assert -0.6 < v / m < -0.2
    for a, b in itertools.pairwise(vals):
        assert 1.3 < b / a < 2.6  # grows roughly like m


def test_PC_finite_and_small_dynamic():
    qcs = [0.05, 0.1, 0.2, 0.5, 1.0]
    for m in (0.05, 0.1, 0.2):
        pc = V.vertex_PC(m, qcs)
        assert np.all(np.isfinite(pc))
        assert np.all(np.abs(pc) < 0.25)
    # quadrature error of the default rule
    hi = V.vertex_PC(0.1, [0.1, 0.5], orders=(16, 14, 14, 14))
    assert np.abs(V.vertex_PC(0.1, [0.1, 0.5]) - hi).max() < 0.005


@pytest.mark.parametrize("freq,m", [("dynamic", 0.05), ("dynamic", 0.7), ("static", 0.1), ("static", 2.0)])
def test_quadrature_error_of_default_rule(freq, m):
    qcs = np.linspace(0.05, 1.0, 8)
    fast = V.vertex_PV(m, qcs, freq)
    ref = V.vertex_PV(m, qcs, freq, orders=(16, 18, 18, 18))
    assert np.abs(fast - ref).max() < 0.005


def test_P_of_Q_average_reproduces_PV():
    qc, m = 0.3, 0.1
    x, w = np.polynomial.legendre.leggauss(12)
    y = 0.5 * (x + 1) * qc * qc  # Q^2 nodes
    p = V.vertex_P_of_Q(m, qc, np.sqrt(y))
    avg = float(np.sum(0.5 * w * p))
    assert avg == pytest.approx(V.vertex_PV(m, qc), abs=3e-3)
    assert isinstance(V.vertex_P_of_Q(m, qc, 0.1), float)
    assert V.vertex_P_of_Q(m, qc, np.zeros((2, 2)) + 0.1).shape == (2, 2)


def test_shapes_and_determinism():
    assert isinstance(V.vertex_PV(0.1, 0.3), float)
    arr = V.vertex_PV(0.1, [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    assert arr.shape == (2, 3)
    assert V.vertex_PV(0.1, 0.3) == V.vertex_PV(0.1, 0.3)
    assert V.vertex_PC(0.1, 0.3) == V.vertex_PC(0.1, 0.3)
    assert isinstance(V.vertex_PC(0.1, 0.3), float)


@settings(max_examples=15, deadline=None)
@given(eta=st.floats(0.02, 3.0), qc=st.floats(0.05, 0.99))
def test_PV_continuous_and_deterministic(eta, qc):
    a = V.vertex_PV(eta, qc)
    b = V.vertex_PV(eta, min(1.0, qc + 1e-3))
    assert math.isfinite(a) and abs(a - b) < 0.02
    assert V.vertex_PV(eta, qc) == a


@pytest.mark.parametrize(
    "kwargs,name",
    [
        (dict(eta=0.0, Qc=0.5), "eta"),
        (dict(eta=-1.0, Qc=0.5), "eta"),
        (dict(eta=1e4, Qc=0.5), "eta"),
        (dict(eta=float("nan"), Qc=0.5), "eta"),
        (dict(eta=0.1, Qc=0.0), "Qc"),
        (dict(eta=0.1, Qc=1.5), "Qc"),
        (dict(eta=0.1, Qc=[0.2, 2.0]), "Qc"),
        (dict(eta=0.1, Qc=0.5, frequencies="foo"), "frequencies"),
    ],
)
def test_validation(kwargs, name):
    for fn in (V.vertex_PV, V.vertex_PC):
        with pytest.raises(ValueError, match=name):
            fn(**kwargs)


def test_validation_P_of_Q():
    with pytest.raises(ValueError, match="Q must"):
        V.vertex_P_of_Q(0.1, 0.3, 0.5)
    with pytest.raises(ValueError, match="Qc"):
        V.vertex_P_of_Q(0.1, [0.3, 0.4], 0.1)
