"""Standard halo model speed distribution: normalisation and conventions."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from migdal_core import halo as H


@pytest.mark.parametrize("name", ["darkelf", "shm"])
def test_normalised_to_one(name):
    assert H.normalization_integral(name) == pytest.approx(1.0, abs=1e-10)


def test_named_conventions():
    assert H.halo_params("darkelf") == {
        "v0_kms": 220.0,
        "vesc_kms": 500.0,
        "vE_kms": 240.0,
        "rho_GeV_cm3": 0.4,
    }
    assert H.halo_params("shm") == {"v0_kms": 238.0, "vesc_kms": 544.0, "vE_kms": 250.0, "rho_GeV_cm3": 0.3}
    p = H.halo_params("shm", v0_kms=230.0, rho_GeV_cm3=0.5)
    assert p["v0_kms"] == 230.0 and p["rho_GeV_cm3"] == 0.5 and p["vesc_kms"] == 544.0


def test_zero_outside_support_and_continuous_at_kink():
    _v0, vesc, vE = H.HALO_CONVENTIONS["darkelf"][:3]
    f = H.speed_distribution([0.0, vesc + vE, vesc + vE + 1.0, 2000.0], "darkelf")
    assert np.all(f == 0.0)
    kink = vesc - vE
    lo, hi = H.speed_distribution([kink - 1e-7, kink + 1e-7], "darkelf")
    assert lo == pytest.approx(hi, rel=1e-6)


@pytest.mark.parametrize("v", [50.0, 300.0, 400.0, 600.0, 700.0])
def test_matches_direct_angular_integral_of_truncated_maxwellian(v):
    v0, vesc, vE = 220.0, 500.0, 240.0
    z = vesc / v0
    norm = math.pi**1.5 * v0**3 * (math.erf(z) - 2 * z * math.exp(-z * z) / math.sqrt(math.pi))

    def integrand(c):  # galactic-frame speed^2 = v^2 + vE^2 + 2 v vE c, truncated at vesc
        w2 = v * v + vE * vE + 2 * v * vE * c
        return math.exp(-w2 / v0**2) if w2 < vesc**2 else 0.0

    ang, _ = integrate.quad(integrand, -1, 1, points=[(vesc**2 - v * v - vE * vE) / (2 * v * vE)], limit=200)
    expected = 2 * math.pi * v * v * ang / norm
    assert H.speed_distribution(v, "darkelf")[()] == pytest.approx(expected, rel=1e-8)


@settings(max_examples=30, deadline=None)
@given(v0=st.floats(150, 300), vesc=st.floats(400, 700), frac=st.floats(0.0, 0.9))
def test_normalisation_property(v0, vesc, frac):
    vE = frac * vesc
    assert H.normalization_integral("shm", v0, vesc, vE) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"halo": "nfw"}, "halo"),
        ({"v0_kms": 0.0}, "v0_kms"),
        ({"vesc_kms": -5.0}, "vesc_kms"),
        ({"vE_kms": 600.0}, "vE_kms"),
        ({"rho_GeV_cm3": 0.0}, "rho_GeV_cm3"),
    ],
)
def test_validation(kwargs, name):
    with pytest.raises(ValueError, match=name):
        H.halo_params(**kwargs)
