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

from migdal_core.validation import positive

_SERIES_BELOW = 1e-2  # below this x, use the Taylor series (cancellation in x - arctan x)


def _pippard_phi(x: np.ndarray) -> np.ndarray:
    """Phi(x) elementwise (plain numpy: nothing to compile at start-up)."""
    # below _SERIES_BELOW: P = 4x^2/15 - 12x^4/175 + ...  =>  Phi = 8x/(5 pi) (1 - 9x^2/35)
    series = 8.0 * x / (5.0 * np.pi) * (1.0 - 9.0 * x * x / 35.0)
    atan = np.arctan(x)
    with np.errstate(divide="ignore", invalid="ignore"):  # x - arctan x -> 0: the series is used there
        p = x * x * atan / (3.0 * (x - atan)) - 1.0
        closed_form = 6.0 * p / (np.pi * x)
    return np.where(x < _SERIES_BELOW, series, closed_form)


def _positive_ql(ql: np.ndarray) -> np.ndarray:
    values = np.ascontiguousarray(ql, dtype=np.float64)
    if not (np.all(np.isfinite(values)) and np.all(values > 0)):
        raise ValueError("ql must be finite and > 0")
    return values


def pippard_phi(ql: float | np.ndarray) -> float | np.ndarray:
    """Pippard coupling factor Phi(q l) relative to the clean limit (dimensionless)."""
    if np.ndim(ql) == 0:
        return float(_pippard_phi(np.float64(positive("ql", ql))))
    return _pippard_phi(_positive_ql(ql))


def diffusive_eta(ql: float | np.ndarray, sound_over_fermi_velocity: float) -> float | np.ndarray:
    """Dirty-limit adiabatic ratio omega/(D q^2) = 3 (c_s/v_F) / (q l) (scalar or array ``ql``)."""
    ratio = 3.0 * positive("sound_over_fermi_velocity", sound_over_fermi_velocity)
    if np.ndim(ql) == 0:
        return ratio / positive("ql", ql)
    return ratio / _positive_ql(ql)
