"""The app's controls land on the core's table grids (the grids are data in migdal_core.tables)."""

import math

import pytest

from components.params import BY_NAME
from migdal_core.tables import eliashberg_tc, vertex_curves


@pytest.mark.parametrize(
    "name,steps", [("coupling", eliashberg_tc.LAMBDA_STEPS), ("mu_star", eliashberg_tc.MU_STAR_STEPS)]
)
def test_lambda_and_mu_star_sliders_step_on_the_eliashberg_grid(name, steps):
    spec = BY_NAME[name]
    assert (spec.low, spec.step) == (0.0, 1.0 / eliashberg_tc.STEPS_PER_UNIT)
    assert spec.high == pytest.approx(steps / eliashberg_tc.STEPS_PER_UNIT, abs=1e-12)
    # every slider position is a table point
    for k in range(round((spec.high - spec.low) / spec.step) + 1):
        assert eliashberg_tc.grid_index(spec.from_control(spec.low + k * spec.step), steps) == k


def test_every_eta_the_sliders_reach_is_inside_the_vertex_table():
    e_f, omega = BY_NAME["E_F_eV"], BY_NAME["omega_ph_eV"]
    assert vertex_curves.ETA_GRID[0] <= omega.low / e_f.high
    assert omega.high / e_f.low <= vertex_curves.ETA_GRID[-1] * (1 + 1e-12)
    assert math.isclose(vertex_curves.QC_GRID[-1], BY_NAME["Qc"].high)
