"""The shipped P_V / P_C table agrees with direct computation (so it is neither stale nor too coarse)."""

import numpy as np
import pytest

from migdal_core import vertex
from migdal_core.tables import vertex_curves as vertex_table

# Off-grid etas (between table nodes) across the range, including the contract's m = 0.1.
OFF_GRID_ETAS = (3.7e-6, 2.2e-5, 4.1e-4, 1.37e-3, 0.0437, 0.1, 0.2333, 1.9, 71.0)


@pytest.mark.parametrize("frequencies", ["dynamic", "static"])
@pytest.mark.parametrize("eta", OFF_GRID_ETAS)
def test_table_matches_direct_computation(eta, frequencies):
    curves = vertex_table.vertex_curves(eta, frequencies)
    grid = np.array(curves["Qc"])
    assert len(grid) >= 40
    assert curves["P_V"] == pytest.approx(vertex.vertex_PV(eta, grid, frequencies), abs=1e-3)
    assert curves["P_C"] == pytest.approx(vertex.vertex_PC(eta, grid, frequencies), abs=2e-3)


def test_table_reproduces_the_contract_reference():
    # contract section 3, m = 0.1, dynamic: P_V(0.10) = +0.446, P_V(0.50) = +0.014, P_V(1.00) = -0.026 (+-0.005 MC)
    curves = vertex_table.vertex_curves(0.1)
    p_v = dict(zip(curves["Qc"], curves["P_V"]))
    assert p_v[0.1] == pytest.approx(0.446, abs=0.01)
    assert p_v[1.0] == pytest.approx(-0.026, abs=0.01)


def test_below_the_table_eta_is_computed_directly():
    # below every eta the sliders reach (5e-6), e.g. from the CLI or a hand-written URL
    curves = vertex_table.vertex_curves(4.0e-7)
    assert curves["P_V"] == pytest.approx(
        vertex.vertex_PV(4.0e-7, np.array(curves["Qc"])).tolist(), abs=1e-12
    )


def test_bad_eta_is_a_clear_error():
    for bad in (0.0, -1.0, 2e3, float("nan")):
        with pytest.raises(ValueError, match="eta"):
            vertex_table.vertex_curves(bad)
