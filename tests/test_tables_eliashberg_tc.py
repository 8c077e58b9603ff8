"""The shipped Eliashberg T_c table (migdal_core.tables.eliashberg_tc) against the solver."""

import random

import pytest

from migdal_core import tc
from migdal_core.tables import eliashberg_tc as table


def _sample_points():
    rng = random.Random(7)
    points = [(rng.randint(1, table.LAMBDA_STEPS), rng.randint(0, table.MU_STAR_STEPS)) for _ in range(10)]
    # T_c just above the solver's floor, below it (reported 0), and the contract's reference points
    return points + [(44, 16), (14, 1), (50, 0), (100, 10)]


@pytest.mark.parametrize("i,j", _sample_points())
def test_table_entries_equal_a_fresh_solve(i, j):
    lam, mu = i / 100, j / 100
    solved = tc.solve_eliashberg(lam, mu, table.CUTOFF, table.XTOL)
    assert table.lookup(lam, mu, table.CUTOFF, table.XTOL) == pytest.approx(solved, rel=1e-9, abs=1e-15)


def test_reference_values_come_from_the_table_and_match_the_contract():
    assert table.lookup(0.5, 0.0, 15.0, 1e-7) == pytest.approx(0.0394, rel=0.02)
    assert table.lookup(1.0, 0.1, 15.0, 1e-7) == pytest.approx(0.0722, rel=0.02)
    below = tc.tc_eliashberg(0.14, 0.01)
    assert below.Tc_over_omega_E == 0.0 and "below the Eliashberg solver range" in below.note


@pytest.mark.parametrize(
    "lam,mu,cutoff,xtol",
    [
        (0.433, 0.1, 15.0, 1e-7),
        (0.43, 0.105, 15.0, 1e-7),
        (0.43, 0.1, 10.0, 1e-7),
        (0.43, 0.1, 15.0, 1e-9),
        (4.01, 0.1, 15.0, 1e-7),
        (-0.01, 0.1, 15.0, 1e-7),
    ],
)
def test_off_grid_points_are_solved_not_looked_up(lam, mu, cutoff, xtol):
    assert table.lookup(lam, mu, cutoff, xtol) is None


def test_off_grid_point_is_solved_between_its_neighbours():
    low, high = tc.tc_eliashberg(0.43, 0.1), tc.tc_eliashberg(0.44, 0.1)
    middle = tc.tc_eliashberg(0.433, 0.1)
    assert low.Tc_over_omega_E < middle.Tc_over_omega_E < high.Tc_over_omega_E
