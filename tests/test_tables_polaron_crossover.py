"""The shipped polaron-crossover table agrees with the DMFT solver (neither stale nor too coarse)."""

import numpy as np
import pytest

from migdal_core import polaron_dmft
from migdal_core.tables import polaron_crossover as table

# grid nodes whose solve takes < 2 s (the adiabatic end takes minutes: rebuilt by the table builder only)
NODES = (0.1, 1.0, 10.0, 100.0)
OFF_GRID = (10**-1.1, 10**0.3, 10**1.5)


@pytest.mark.parametrize("ratio", NODES)
def test_table_nodes_are_the_solver_output(ratio):
    assert ratio in np.round(table.RATIO_GRID, 12)
    assert table.crossover_lambda0(ratio) == pytest.approx(polaron_dmft.crossover_lambda0(ratio), rel=1e-6)


@pytest.mark.parametrize("ratio", OFF_GRID)
def test_spline_between_nodes_matches_the_solver(ratio):
    assert table.crossover_lambda0(ratio) == pytest.approx(polaron_dmft.crossover_lambda0(ratio), rel=5e-3)


def test_curve_is_continuous_at_the_table_ends_and_keeps_its_limits():
    for end in (table.RATIO_GRID[0], table.RATIO_GRID[-1]):
        inside, outside = table.crossover_lambda0(end * (1 + 1e-9)), table.crossover_lambda0(end * (1 - 1e-9))
        assert inside == pytest.approx(outside, rel=1e-6)
    # adiabatic: Born-Oppenheimer self-trapping 27/32 (tests/test_polaron_dmft.py); anti-adiabatic alpha^2 -> 1
    assert table.crossover_lambda0(1e-7) == pytest.approx(polaron_dmft.LAMBDA_C_ADIABATIC, rel=1e-4)
    assert table.crossover_lambda0(1e4) / 1e4 == pytest.approx(1.0, abs=1e-3)
    curve = table.crossover_lambda0(np.logspace(-7, 5, 400))
    assert np.all(np.diff(curve) > 0)


def test_bad_ratio_is_a_clear_error():
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="omega_over_D"):
            table.crossover_lambda0(bad)
