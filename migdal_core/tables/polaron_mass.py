"""Small-polaron mass ln(m*/m) of one Holstein electron (DMFT), interpolated (lookup only).

``migdal_core/data/polaron_mass.npz`` holds gamma = ln(m*/m) / alpha^2 from
:func:`migdal_core.polaron_dmft.mass_ratio` (Ciuchi et al., PRB 56, 4494 (1997): m*/m = 1/Z of the local
self-energy at the ground state) on ``RATIO_GRID`` (omega_0/D, that of
:mod:`migdal_core.tables.polaron_crossover`) x ``S_GRID`` (s = lambda_0 / lambda_c(omega_0/D), fine around
the crossover, where the adiabatic mass jumps by e^10 within 1 % of lambda_0).

Beyond the solver's double precision. The derivative dSigma/domega resolves masses up to ~e^15: deeper,
the polaron band is narrower than the finite-difference step and the solver's ln(m*/m) saturates at
~20-30 whatever lambda_0 (seen from omega_0/D = 1e-3 to 0.1). So along each omega_0/D the table holds the
solver's gamma while ln(m*/m) <= ``LOG_MASS_TRUSTED``; from the point s* where it reaches that value on,
gamma stays at its value there, i.e. ln(m*/m) = gamma(s*) alpha^2 grows like alpha^2 (the deep-polaron
scaling, exact with gamma = 1 in the Lang-Firsov limit, Lang & Firsov, JETP 16, 1301 (1963)); adiabatically
this is a lower estimate (gamma grows towards 1 as lambda_0 grows). Such masses are shown as ">> 10^3".
Outside the grid gamma is held at its edge (s below 0.85 is never used: the mass is Migdal's there).
Bilinear in (ln(omega_0/D), s). Rebuilt by ``python -m migdal_core.tables.build polaron_mass``.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from migdal_core.tables.polaron_crossover import RATIO_GRID, crossover_lambda0

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "polaron_mass.npz"
S_GRID = np.array(
    [0.85, 0.9, 0.94, 0.97, 0.98, 0.99, 0.995, 1.0, 1.005, 1.01, 1.015, 1.02, 1.03, 1.05, 1.08, 1.12]
    + [1.2, 1.3, 1.45, 1.65, 2.0, 2.5, 3.0, 4.0, 6.0, 9.0, 13.0]
)
LOG_MASS_TRUSTED = 12.0  # ln(m*/m) the solver resolves (module docstring); gamma is frozen beyond
_LOG_RATIOS = np.log(RATIO_GRID)


@lru_cache(maxsize=1)
def _table() -> np.ndarray:
    with np.load(TABLE_PATH) as table:
        ratios, s_values, gamma = table["omega_over_D"], table["s"], table["gamma"]
    if not (np.allclose(ratios, RATIO_GRID) and np.allclose(s_values, S_GRID)):
        raise RuntimeError(
            f"{TABLE_PATH} does not match the grid of this module: rebuild it "
            "with `python -m migdal_core.tables.build polaron_mass`"
        )
    return gamma


def _bracket(grid: np.ndarray, x: float) -> tuple[int, float]:
    """Index i and weight t of x between grid[i] and grid[i + 1] (clamped to the grid)."""
    x = min(max(x, float(grid[0])), float(grid[-1]))
    i = min(int(np.searchsorted(grid, x, side="right")) - 1, len(grid) - 2)
    return i, (x - grid[i]) / (grid[i + 1] - grid[i])


def log_mass(lambda_0: float, omega_over_D: float) -> float:
    """ln(m*/m) of the DMFT Holstein polaron at bare coupling lambda_0 = E_p/D and omega_0/D (both > 0)."""
    if not (math.isfinite(omega_over_D) and omega_over_D > 0.0):
        raise ValueError(f"omega_over_D must be finite and > 0; got {omega_over_D!r}")
    if not (math.isfinite(lambda_0) and lambda_0 >= 0.0):
        raise ValueError(f"lambda_0 must be finite and >= 0; got {lambda_0!r}")
    gamma = _table()
    i, t = _bracket(_LOG_RATIOS, math.log(omega_over_D))
    j, u = _bracket(S_GRID, lambda_0 / crossover_lambda0(omega_over_D))
    value = (1 - t) * ((1 - u) * gamma[i, j] + u * gamma[i, j + 1]) + t * (
        (1 - u) * gamma[i + 1, j] + u * gamma[i + 1, j + 1]
    )
    return float(value) * lambda_0 / omega_over_D
