"""Eliashberg T_c / omega_E on a (lambda, mu*) grid, solved once and shipped (lookup only).

For an Einstein mode the linearised Eliashberg T_c / omega_E depends only on (lambda, mu*) at a
fixed Matsubara cutoff. A solve with T_c near the bottom of the solver range takes up to ~0.4 s
(brentq over kernels of ~2000 Matsubara frequencies), so the grid below holds the output of
:func:`migdal_core.tc.solve_eliashberg` (cutoff ``CUTOFF``, tolerance ``XTOL``) at every point.
There is no interpolation: :func:`lookup` answers only for exact grid points solved with those
settings and returns None otherwise (the caller then solves directly). Rebuilt by
``python -m migdal_core.tables.build eliashberg_tc``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "eliashberg_tc.npz"
STEPS_PER_UNIT = 100  # grid spacing 0.01 in lambda and mu*
LAMBDA_STEPS = 400  # lambda = 0 .. 4
MU_STAR_STEPS = 30  # mu* = 0 .. 0.3
CUTOFF = 15.0  # Matsubara cutoff in units of omega_E
XTOL = 1e-7


def grid_index(value: float, steps: int) -> int | None:
    """Index k with value == k / STEPS_PER_UNIT (to 1e-9), 0 <= k <= steps; else None."""
    scaled = value * STEPS_PER_UNIT
    k = round(scaled)
    return k if abs(scaled - k) < 1e-9 and 0 <= k <= steps else None


@lru_cache(maxsize=1)
def _table() -> np.ndarray:
    with np.load(TABLE_PATH) as data:
        table = data["Tc_over_omega_E"]
        settings = (int(data["steps_per_unit"]), float(data["cutoff"]), float(data["xtol"]))
    if table.shape != (LAMBDA_STEPS + 1, MU_STAR_STEPS + 1) or settings != (STEPS_PER_UNIT, CUTOFF, XTOL):
        raise RuntimeError(
            f"{TABLE_PATH} does not match this module's grid: rebuild it with "
            "`python -m migdal_core.tables.build eliashberg_tc`"
        )
    return table


def lookup(lam: float, mu_star: float, cutoff: float, xtol: float) -> float | None:
    """Tabulated T_c / omega_E for a grid point solved with (cutoff, xtol), else None."""
    if cutoff != CUTOFF or xtol != XTOL:
        return None
    i, j = grid_index(lam, LAMBDA_STEPS), grid_index(mu_star, MU_STAR_STEPS)
    if i is None or j is None:
        return None
    return float(_table()[i, j])
