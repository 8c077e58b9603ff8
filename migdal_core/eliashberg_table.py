"""Eliashberg T_c on the web app's slider grid, solved once and shipped.

For an Einstein mode the linearised Eliashberg T_c / omega_E depends only on
(lambda, mu*) at a fixed Matsubara cutoff. The app's sliders move both on a
0.01 grid (lambda 0..4, mu* 0..0.3: 401 x 31 points), and a solve with T_c
near the bottom of the solver range takes up to ~0.4 s (brentq over kernels
of ~2000 Matsubara frequencies). So every grid point is solved once, by

    python -m migdal_core.eliashberg_table

which writes ``migdal_core/data/eliashberg_tc.npz`` with the output of
:func:`migdal_core.tc.tc_eliashberg` (cutoff 15 omega_E, default xtol). There
is no interpolation: :func:`lookup` answers only for exact grid points with
those settings and returns None otherwise, and :mod:`migdal_core.tc` then
solves directly. tests/test_eliashberg_table.py re-solves sample points and
checks the grid matches the app's sliders.
"""

from __future__ import annotations

import argparse
import math
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE_PATH = Path(__file__).resolve().parent / "data" / "eliashberg_tc.npz"
STEPS_PER_UNIT = 100  # grid spacing 0.01 in lambda and mu*
LAMBDA_STEPS = 400  # lambda = 0 .. 4
MU_STAR_STEPS = 30  # mu* = 0 .. 0.3
CUTOFF = 15.0
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
        raise RuntimeError(f"{TABLE_PATH} does not match this module's grid: rebuild it with "
                           "`python -m migdal_core.eliashberg_table`")
    return table


def lookup(lam: float, mu_star: float, cutoff: float, xtol: float) -> float | None:
    """Tabulated T_c / omega_E for a grid point solved with (cutoff, xtol), else None."""
    if cutoff != CUTOFF or xtol != XTOL:
        return None
    i, j = grid_index(lam, LAMBDA_STEPS), grid_index(mu_star, MU_STAR_STEPS)
    if i is None or j is None:
        return None
    return float(_table()[i, j])


def _solve_row(i: int) -> list[float]:
    from migdal_core import tc  # the solver; imported here because tc imports this module

    lam = i / STEPS_PER_UNIT
    if lam == 0.0:  # no coupling, no superconductivity (tc_eliashberg answers before the lookup)
        return [0.0] * (MU_STAR_STEPS + 1)
    return [tc.solve_eliashberg(lam, j / STEPS_PER_UNIT, CUTOFF, XTOL) for j in range(MU_STAR_STEPS + 1)]


def build_table(path: Path = TABLE_PATH, workers: int = 2) -> None:
    """Solve every grid point (a few minutes on 2 cores) and write the table."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        rows = list(pool.map(_solve_row, range(LAMBDA_STEPS + 1)))
    table = np.array(rows)
    if not np.all(np.isfinite(table)) or math.fsum(table.ravel()) <= 0.0:
        raise RuntimeError("Eliashberg table has non-finite entries")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, Tc_over_omega_E=table, steps_per_unit=STEPS_PER_UNIT, cutoff=CUTOFF, xtol=XTOL)


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild the Eliashberg T_c table of the slider grid.")
    parser.add_argument("--output", type=Path, default=TABLE_PATH)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    build_table(args.output, args.workers)


if __name__ == "__main__":
    main()
