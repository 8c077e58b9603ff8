"""Small-polaron crossover lambda_c(omega_0/D) of one Holstein electron (DMFT), interpolated (lookup only).

``migdal_core/data/polaron_crossover.npz`` holds :func:`migdal_core.polaron_dmft.crossover_lambda0`
(steepest drop of the kinetic energy with ln lambda; the method of Ciuchi et al., PRB 56, 4494 (1997))
on ``RATIO_GRID`` = omega_0/D from 10^-2.6 to 1e2, 5 points per decade; a solve takes 0.05 s to a
minute (adiabatic end), so the app only interpolates: a cubic spline of ln lambda_c in ln(omega_0/D)
(agreement with the solver ~1e-3, tests/test_tables_polaron_crossover.py). Outside the grid the two
limits are continued: below it lambda_c goes linearly in omega_0/D to the adiabatic 27/32
(:data:`migdal_core.polaron_dmft.LAMBDA_C_ADIABATIC`; the solver gives 0.84561 at 1e-3, this 0.8456),
above it lambda_c - omega_0/D keeps its value at the last node (anti-adiabatic alpha^2 -> 1 with an
offset ~1.4-2 that the solver shows from omega_0/D = 10 to 500: 0.1 % of lambda_c there). Rebuilt by ``python -m migdal_core.tables.build polaron_crossover``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.interpolate import CubicSpline

from migdal_core.polaron_dmft import LAMBDA_C_ADIABATIC

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "polaron_crossover.npz"
RATIO_GRID = np.logspace(-2.6, 2.0, 24)


@lru_cache(maxsize=1)
def _spline() -> tuple[CubicSpline, float, float]:
    with np.load(TABLE_PATH) as table:
        ratios, crossover = table["omega_over_D"], table["lambda_c"]
    if not np.allclose(ratios, RATIO_GRID):
        raise RuntimeError(
            f"{TABLE_PATH} does not match the grid of this module: rebuild it "
            "with `python -m migdal_core.tables.build polaron_crossover`"
        )
    return CubicSpline(np.log(ratios), np.log(crossover)), float(crossover[0]), float(crossover[-1])


def crossover_lambda0(omega_over_D):
    """lambda_c at omega_0 / D (float or array, > 0): the DMFT single-polaron crossover of the table."""
    ratio = np.asarray(omega_over_D, dtype=float)
    if not np.all(np.isfinite(ratio) & (ratio > 0)):
        raise ValueError(f"omega_over_D must be finite and > 0; got {omega_over_D!r}")
    spline, first, last = _spline()
    low, high = RATIO_GRID[0], RATIO_GRID[-1]
    inside = np.exp(spline(np.log(np.clip(ratio, low, high))))
    value = np.where(
        ratio < low,
        LAMBDA_C_ADIABATIC + (first - LAMBDA_C_ADIABATIC) * ratio / low,
        np.where(ratio > high, ratio + (last - high), inside),
    )
    return float(value) if value.ndim == 0 else value
