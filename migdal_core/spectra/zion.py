"""Screened ion charge Z_ion(k) seen by the valence electrons at momentum transfer k.

Models (``zion=``):

``"constant"``
    Z_ion = 4 for Si and Ge (the valence charge; contract section 2, DarkELF
    ``Zionkdependence=False``).
``"form-factor"`` (default)
    Z_ion(k) = Z - f0,core(s) with f0 the X-ray form factor of the Si4+ / Ge4+ ion
    core (Waasmaier & Kirfel, Acta Cryst. A51 (1995) 416, via ``xraydb.f0``),
    s = sin(theta)/lambda = k/(4 pi) in 1/Angstrom (k converted with hbar c).
    The fit is valid for s <= 6 / Angstrom (k <= 1.5e5 eV); beyond, f0 falls as
    (6/s)^4, the large-s fall of a hydrogen-like 1s density, so Z_ion -> Z.
    Knapen, Kozaczuk & Lin 2021 (DarkELF ``Zionkdependence=True``) use the same
    ion-core form factors from International Tables C, Table 6.1.1.3.
``"slater"``
    Z_ion(k) = Z - sum_s N_s F_s(k) with F_s the form factor of the Slater-type
    orbital density r^(2n-2) exp(-2 Z_eff r/(n a0)), Z_eff from Slater's rules
    (J. C. Slater, Phys. Rev. 36 (1930) 57).

Each model is tabulated once on a log-k grid that the numba kernels
interpolate (:func:`table`, :func:`interpolate`).
"""

from __future__ import annotations

import math
from functools import cache

import numba as nb
import numpy as np

from migdal_core import constants as C
from migdal_core import validation as V
from migdal_core.spectra import targets as T

ZION_MODELS = ("form-factor", "constant", "slater")
CORE_IONS = {"Si": "Si4+", "Ge": "Ge4+"}
_S_MAX_PER_ANGSTROM = 6.0  # upper end of the Waasmaier-Kirfel fit

#: Core shells (N electrons, principal n, Slater Z_eff) for the "slater" model.
CORE_SHELLS = {
    "Si": ((2, 1, 13.70), (8, 2, 9.85)),
    "Ge": ((2, 1, 31.70), (8, 2, 27.85), (8, 3, 20.75), (10, 3, 10.85)),
}

_LN_K_RANGE = (math.log(1.0), math.log(1.0e6))  # [eV]; the ELF integral runs over 10 ... 3.7e4 eV
_GRID_POINTS = 4001  # linear interpolation in ln k: relative error ~1e-6


def _slater(k_eV: np.ndarray, target: str) -> np.ndarray:
    """Z - sum N F_STO(k), F = beta^(2n+1) sin(2 n atan(k/beta)) / (2 n k (beta^2+k^2)^n)."""
    total = np.zeros_like(k_eV)
    for N, n, z_eff in CORE_SHELLS[target]:
        beta = 2.0 * z_eff / n * C.ALPHA_EM * C.M_ELECTRON_EV
        theta = np.arctan2(k_eV, beta)
        total += N * (beta / np.hypot(beta, k_eV)) ** (2 * n) * beta * np.sin(2 * n * theta) / (2 * n * k_eV)
    return T.CRYSTALS[target]["Z"] - total


def _form_factor(k_eV: np.ndarray, target: str) -> np.ndarray:
    """Z - f0(ion core, s = k/(4 pi)), f0 from xraydb (Waasmaier-Kirfel), tapered beyond s = 6/A."""
    import xraydb

    s = k_eV / (C.HBAR_C_EV_CM * 1e8) / (4.0 * math.pi)  # hbar c in eV Angstrom
    s_fit = np.minimum(s, _S_MAX_PER_ANGSTROM)
    f0 = (
        np.asarray(xraydb.f0(CORE_IONS[target], s_fit), dtype=float)
        * np.minimum(1.0, _S_MAX_PER_ANGSTROM / s) ** 4
    )
    return T.CRYSTALS[target]["Z"] - f0


def zion_of_k(k_eV, target: str = "Si", model: str = "form-factor") -> np.ndarray:
    """Z_ion(k) at momenta ``k_eV`` [eV] (array of the same shape) for a crystal target."""
    V.one_of("target", target, tuple(T.CRYSTALS))
    V.one_of("zion", model, ZION_MODELS)
    k = np.asarray(k_eV, dtype=float)
    if not (np.all(np.isfinite(k)) and np.all(k > 0)):
        raise ValueError("k_eV must be in (0, inf) eV")
    if model == "constant":
        return np.full(k.shape, T.CRYSTALS[target]["Z_ion"])
    if model == "form-factor":
        return _form_factor(k, target)
    return _slater(k, target)


@cache
def table(target: str, model: str) -> tuple[float, float, np.ndarray]:
    """(ln k_0, step in ln k, Z_ion on the grid) for :func:`interpolate`."""
    ln_k = np.linspace(*_LN_K_RANGE, _GRID_POINTS)
    return (
        _LN_K_RANGE[0],
        float(ln_k[1] - ln_k[0]),
        np.ascontiguousarray(zion_of_k(np.exp(ln_k), target, model)),
    )


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def interpolate(k, ln_k0, step, values):
    """Z_ion(k) from a :func:`table` (linear in ln k, held constant beyond the ends)."""
    x = (math.log(k) - ln_k0) / step
    if x <= 0.0:
        return values[0]
    i = int(x)
    if i >= values.size - 1:
        return values[values.size - 1]
    t = x - i
    return values[i] * (1.0 - t) + values[i + 1] * t
