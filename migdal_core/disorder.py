"""Electron-phonon coupling of acoustic phonons in a disordered metal.

Contract: ``shared/physics/migdal_theorem.md`` section 5.

Pippard ineffectiveness function for longitudinal acoustic phonons with
electron mean free path ``l`` (A. B. Pippard, Phil. Mag. 46, 1104 (1955)):

    P(x) = x^2 arctan(x) / [3 (x - arctan x)] - 1,   x = q l
    Phi(x) = 6 P(x) / (pi x)      (coupling relative to the clean metal)

with ``Phi -> 1`` for ``x -> inf`` and ``Phi -> 8x / (5 pi)`` for ``x -> 0``.

Why disorder does not break Migdal's theorem for acoustic phonons: with
``omega = c_s q`` the diffusion pole compares ``omega`` with ``D q^2``
(``D = v_F l / 3``), so the dirty-limit adiabatic ratio is

    eta_diffusive = omega / (D q^2) = 3 (c_s / v_F) / (q l)

which stays small unless ``q l`` is of order ``c_s / v_F ~ 1e-2``. That ratio
is our reading of the contract's statement (it reproduces its threshold);
``c_s / v_F`` comes from the Bohm-Staver relation in :mod:`regimes`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from migdal_core.validation import positive

_SERIES_BELOW = 1e-2  # below this x, use the Taylor series (cancellation in x - arctan x)


@njit(cache=True, nogil=True)
def _pippard_phi(x: float) -> float:
    if x < _SERIES_BELOW:
        # P = 4x^2/15 - 12x^4/175 + ...  =>  Phi = 8x/(5 pi) (1 - 9x^2/35)
        return 8.0 * x / (5.0 * np.pi) * (1.0 - 9.0 * x * x / 35.0)
    atan = np.arctan(x)
    p = x * x * atan / (3.0 * (x - atan)) - 1.0
    return 6.0 * p / (np.pi * x)


@njit(cache=True, nogil=True)
def _pippard_phi_array(x_values: np.ndarray) -> np.ndarray:
    out = np.empty_like(x_values)
    for i in range(x_values.size):
        out[i] = _pippard_phi(x_values[i])
    return out


def _positive_ql(ql: np.ndarray) -> np.ndarray:
    values = np.ascontiguousarray(ql, dtype=np.float64)
    if not (np.all(np.isfinite(values)) and np.all(values > 0)):
        raise ValueError("ql must be finite and > 0")
    return values


def pippard_phi(ql: float | np.ndarray) -> float | np.ndarray:
    """Pippard coupling factor Phi(q l) relative to the clean limit (dimensionless)."""
    if np.ndim(ql) == 0:
        return _pippard_phi(positive("ql", ql))
    return _pippard_phi_array(_positive_ql(ql).ravel()).reshape(np.shape(ql))


def diffusive_eta(ql: float | np.ndarray, sound_over_fermi_velocity: float) -> float | np.ndarray:
    """Dirty-limit adiabatic ratio omega/(D q^2) = 3 (c_s/v_F) / (q l) (scalar or array ``ql``)."""
    ratio = 3.0 * positive("sound_over_fermi_velocity", sound_over_fermi_velocity)
    if np.ndim(ql) == 0:
        return ratio / positive("ql", ql)
    return ratio / _positive_ql(ql)


def warm_up() -> None:
    """Compile the kernels (called once at web-app start-up)."""
    pippard_phi(1.0)
    pippard_phi(np.array([1.0, 10.0]))
