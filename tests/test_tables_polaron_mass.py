"""The shipped polaron-mass table agrees with the DMFT solver (Ciuchi et al., PRB 56, 4494 (1997)) run
beside it, keeps the Lang-Firsov limit (JETP 16, 1301 (1963)) where it holds, and is monotonic."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migdal_core import polaron_dmft
from migdal_core.tables import build, polaron_mass
from migdal_core.tables.polaron_crossover import RATIO_GRID, crossover_lambda0


def _solver(s: float, ratio: float) -> float:
    return math.log(polaron_dmft.mass_ratio(s * crossover_lambda0(ratio), ratio))


@pytest.mark.parametrize("ratio", (0.1, 1.0, 10.0))
@pytest.mark.parametrize("s", (0.9, 1.0, 1.05, 1.3, 2.0))
def test_table_nodes_are_the_solver_output(ratio, s):
    assert ratio in np.round(RATIO_GRID, 12) and s in polaron_mass.S_GRID
    expected = _solver(s, ratio)
    if expected < polaron_mass.LOG_MASS_TRUSTED:
        value = polaron_mass.log_mass(s * crossover_lambda0(ratio), ratio)
        assert value == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    "ratio, s", [(10**-0.9, 1.1), (10**-0.5, 1.6), (10**0.3, 2.2), (10**1.1, 1.4), (10**0.5, 3.5)]
)
def test_between_nodes_the_table_follows_the_solver(ratio, s):
    """Off the grid in both directions, where the solver resolves the mass (ln m*/m < 12)."""
    assert polaron_mass.log_mass(s * crossover_lambda0(ratio), ratio) == pytest.approx(
        _solver(s, ratio), rel=0.03
    )


def test_lang_firsov_only_anti_adiabatically():
    for ratio, alpha_squared in ((60.0, 3.0), (80.0, 5.0)):
        assert polaron_mass.log_mass(alpha_squared * ratio, ratio) == pytest.approx(alpha_squared, rel=5e-3)
    # omega_0 = 0.1 D, lambda_0 = 1.3 lambda_c: the DMFT mass is e^9, Lang-Firsov's e^13.2
    lam = 1.3 * crossover_lambda0(0.1)
    assert polaron_mass.log_mass(lam, 0.1) < 0.75 * lam / 0.1


def test_masses_beyond_the_solver_precision_keep_growing():
    """Adiabatically the solver's ln(m*/m) saturates near 20-30 whatever lambda_0 (double precision, module
    docstring); the table goes on with gamma frozen, ln m*/m ~ alpha^2, and stays below Lang-Firsov."""
    ratio = RATIO_GRID[2]
    values = [polaron_mass.log_mass(s * crossover_lambda0(ratio), ratio) for s in (1.05, 1.5, 3.0, 10.0)]
    assert values[0] >= polaron_mass.LOG_MASS_TRUSTED and np.all(np.diff(values) > 0)
    assert values[-1] < 10.0 * crossover_lambda0(ratio) / ratio


def test_shipped_table_is_the_builder_output_for_a_row():
    """One row rebuilt (omega_0/D = 1: the solve takes < 1 s): the table is not stale."""
    row = build._polaron_mass_row(1.0)
    with np.load(polaron_mass.TABLE_PATH) as table:
        shipped = table["gamma"][list(np.round(RATIO_GRID, 12)).index(1.0)]
    assert np.allclose(row, shipped, rtol=1e-9, atol=0.0)


@settings(max_examples=200, deadline=None)
@given(st.floats(-3.5, 2.5), st.floats(0.8, 14.0), st.floats(1e-4, 5e-2))
def test_mass_grows_with_the_coupling(log10_ratio, s, step):
    ratio = 10.0**log10_ratio
    lam = s * crossover_lambda0(ratio)
    assert polaron_mass.log_mass(lam * (1 + step), ratio) >= polaron_mass.log_mass(lam, ratio)


def test_bad_input_is_a_clear_error():
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="omega_over_D"):
            polaron_mass.log_mass(1.0, bad)
    with pytest.raises(ValueError, match="lambda_0"):
        polaron_mass.log_mass(-1.0, 1.0)
