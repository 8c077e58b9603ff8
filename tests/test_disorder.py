"""Pippard ineffectiveness function, contract section 5."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core.disorder import diffusive_eta, pippard_phi


def test_clean_limit_phi_tends_to_one():
    assert pippard_phi(1e6) == pytest.approx(1.0, abs=2e-6)
    # Large-x expansion: Phi = 1 + (pi/2 - 8/pi)/x + O(1/x^2)
    assert pippard_phi(1e3) == pytest.approx(1.0 + (math.pi / 2 - 8 / math.pi) / 1e3, abs=1e-6)


def test_dirty_limit_phi_is_8x_over_5pi():
    for x in (1e-5, 1e-3, 5e-3):
        assert pippard_phi(x) == pytest.approx(8 * x / (5 * math.pi), rel=1e-4)
    # next order of the series: Phi = 8x/(5 pi) (1 - 9x^2/35), checked where the closed form is accurate
    x = 0.05
    assert pippard_phi(x) == pytest.approx(8 * x / (5 * math.pi) * (1 - 9 * x * x / 35), rel=1e-5)


def test_value_at_ql_one_by_hand():
    # P(1) = (pi/4) / (3 (1 - pi/4)) - 1 = 0.219932; Phi = 6 P / pi = 0.420036
    expected_p = (math.pi / 4) / (3 * (1 - math.pi / 4)) - 1
    assert pippard_phi(1.0) == pytest.approx(6 * expected_p / math.pi, rel=1e-12)
    assert pippard_phi(1.0) == pytest.approx(0.420036, rel=1e-5)


def test_series_and_closed_form_join_smoothly():
    below, above = pippard_phi(0.01 * (1 - 1e-9)), pippard_phi(0.01 * (1 + 1e-9))
    assert below == pytest.approx(above, rel=1e-7)


def test_array_input_matches_scalar():
    values = np.array([1e-3, 0.5, 2.0, 300.0])
    assert np.allclose(pippard_phi(values), [pippard_phi(float(v)) for v in values])


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-4, 1e4), st.floats(1e-4, 1e4))
def test_phi_is_monotone_and_bounded(a, b):
    low, high = sorted((a, b))
    assert 0 < pippard_phi(low) <= pippard_phi(high) + 1e-12 <= 1 + 1e-9


def test_migdal_survives_disorder_until_ql_of_order_cs_over_vf():
    # c_s/v_F ~ 1e-2: omega/(D q^2) reaches 1 only at q l ~ 3e-2.
    assert diffusive_eta(1.0, 1e-2) == pytest.approx(0.03)
    assert diffusive_eta(0.03, 1e-2) == pytest.approx(1.0)
    assert diffusive_eta(np.array([1.0, 0.03]), 1e-2) == pytest.approx([0.03, 1.0])
    with pytest.raises(ValueError, match="ql"):
        pippard_phi(-1.0)
