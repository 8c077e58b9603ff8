"""k integral of the Mermin-Levine-Louie ELF on an omega grid, interpolated (lookup only).

I(omega) of the "mermin" crystal ELF (:mod:`migdal_core.spectra.ionization`) needs
int_{10 eV}^{37289.5 eV} dk k^2 Z_ion(k)^2 ELF(k, omega), ~0.2 ms per omega on 40 log panels of
16 points. With the Levine-Louie substitution ELF_MLL(k, omega) = ELF_Mermin(k, w), w = sqrt(omega^2 -
E_gap^2) (de Vera & Garcia-Molina, J. Phys. Chem. C 123 (2019) 2075), that integral is a smooth
function K(w). ``migdal_core/data/mermin_k_integral.npz`` holds K on ``W_GRID`` (log-spaced,
1e-3 ... 500 eV) for Si and Ge, every Z_ion model and both convention sets (m_e, alpha) at the default
Mermin width, each computed on 400 k panels (the 40 of the direct path are within 6e-4 of that);
between grid points a cubic spline in (ln w, ln K) (within 2e-5 of the converged direct integral,
tests/test_tables_mermin_k_integral.py). Other widths or constants, and w below the grid, are
computed directly. Rebuilt by ``python -m migdal_core.tables.build mermin_k_integral``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from scipy.interpolate import CubicSpline

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "mermin_k_integral.npz"
W_GRID = np.geomspace(1e-3, 500.0, 480)  # w = sqrt(omega^2 - E_gap^2) [eV]
K_PANELS = 400  # log panels of 16 points in k for the tabulated integral


@cache
def _table() -> dict[str, np.ndarray]:
    with np.load(TABLE_PATH) as table:
        if not np.allclose(table["w_eV"], W_GRID, rtol=1e-12):
            raise RuntimeError(
                f"{TABLE_PATH} does not match W_GRID: rebuild it with "
                "`python -m migdal_core.tables.build mermin_k_integral`"
            )
        return {name: table[name] for name in table.files}


def key(target: str, zion: str, m_e_eV: float, alpha: float) -> str:
    """Name of the table column for these inputs."""
    return f"{target}_{zion}_{m_e_eV!r}_{alpha!r}"


@cache
def _spline(name: str) -> CubicSpline:
    return CubicSpline(np.log(W_GRID), np.log(_table()[name]))


def k_integral(
    omegas: np.ndarray, target: str, zion: str, m_e_eV: float, alpha: float, gamma_eV: float, E_gap_eV: float
) -> np.ndarray | None:
    """K at ``omegas`` [eV^3] (NaN where w is below the grid, 0 at or below the gap); None when these
    inputs (width, constants) are not tabulated."""
    table = _table()
    name = key(target, zion, m_e_eV, alpha)
    if (
        name not in table
        or gamma_eV != float(table["gamma_eV"])
        or E_gap_eV != float(table[f"{target}_E_gap_eV"])
    ):
        return None
    w = np.sqrt(np.maximum(omegas * omegas - E_gap_eV * E_gap_eV, 0.0))
    out = np.where(w < W_GRID[0], np.nan, 0.0)
    out[omegas <= E_gap_eV] = 0.0
    inside = w >= W_GRID[0]
    out[inside] = np.exp(_spline(name)(np.log(w[inside])))
    return out
