"""Inputs of the two-band Eliashberg problem: coupling and Coulomb matrices, their checks and
rescaling, band 1's vertex factors and the MgB2 case (sources at each definition).

Split from :mod:`migdal_core.multiband` (the solver), which re-exports these names.
"""

from __future__ import annotations

import math

import numpy as np

from migdal_core import tc
from migdal_core import vertex as _vertex
from migdal_core.tables.vertex_curves import vertex_curves
from migdal_core.validation import float_list, in_range, one_of

RATIO_TOLERANCE = 0.02  # lam_12/lam_21 and mu_12/mu_21 must agree to 2 % (both are N_2/N_1)

# Coulomb matrix of Golubov et al. (2002) for MgB2 (sigma, pi), given at the Matsubara cutoff of their
# solution; taken here at ours (15 omega_log = 0.93 eV) and carried to omega_log with the matrix rescaling.
GOLUBOV_MU_STAR_AT_CUTOFF = (0.210, 0.095, 0.069, 0.172)
MGB2_CUTOFF = 15.0


def rescale_mu_star(mu: np.ndarray, energy_ratio: float) -> np.ndarray:
    """mu* carried from energy E to E' = energy_ratio * E: [1 + mu* ln(E/E')]^(-1) mu* (matrix form of
    1/mu*(E') = 1/mu*(E) + ln(E/E'), Morel & Anderson, Phys. Rev. 125, 1263 (1962))."""
    return np.linalg.solve(np.eye(2) + mu * math.log(1.0 / energy_ratio), mu)


# MgB2, sigma = band 1, pi = band 2. Coupling matrix: Golubov et al., JPCM 14, 1353 (2002) (first-principles
# alpha^2F of Kong et al., PRB 64, 020501 (2001)); omega_log = 62 meV of the total alpha^2F. eta_1, Q_c1: sigma
# band E_F ~ 0.5 eV, E_2g mode ~ 0.07 eV, small sigma Fermi surface (Cappelluti et al., PRL 88, 117003 (2002)).
MGB2 = {
    "lambda_matrix": (1.017, 0.213, 0.155, 0.448),
    "mu_star_matrix": tuple(
        round(float(v), 4)
        for v in rescale_mu_star(np.array(GOLUBOV_MU_STAR_AT_CUTOFF).reshape(2, 2), 1.0 / MGB2_CUTOFF).ravel()
    ),
    "omega_log_eV": 0.062,
    "eta1": 0.14,
    "Qc1": 0.3,
    "Tc_measured_K": 39.0,  # Nagamatsu et al., Nature 410, 63 (2001)
    "source": "λ_ij and μ*_ij (at the cutoff): Golubov et al., J. Phys.: Condens. Matter 14, 1353 (2002); "
    "ω_log = 62 meV; η₁, Q_c1 of the σ band: Cappelluti et al., PRL 88, 117003 (2002); "
    "T_c = 39 K: Nagamatsu et al., Nature 410, 63 (2001)",
}


def _matrix(name: str, values, high: float) -> np.ndarray:
    entries = float_list(name, values, 0.0, high)
    if len(entries) != 4:
        raise ValueError(f"{name} must have 4 entries (11, 12, 21, 22); got {len(entries)}")
    return np.array(entries).reshape(2, 2)


def coupling_matrix(values) -> np.ndarray:
    """2 x 2 lam_ij from (l11, l12, l21, l22), each in [0, tc.LAMBDA_MAX]."""
    return _matrix("lambda_matrix", values, tc.LAMBDA_MAX)


def mu_star_matrix(values=None, mu_star=None) -> np.ndarray:
    """2 x 2 mu*_ij from (m11, m12, m21, m22), or diag(mu*, mu*) from one ``mu_star``."""
    if (values is None) == (mu_star is None):
        raise ValueError("give exactly one of mu_star and mu_star_matrix")
    if mu_star is not None:
        return np.diag([in_range("mu_star", mu_star, 0.0, tc.MU_STAR_MAX)] * 2)
    return _matrix("mu_star_matrix", values, tc.MU_STAR_MAX)


def _band_ratio(lam: np.ndarray, mu: np.ndarray) -> float:
    """r = N_2/N_1 = lam_12/lam_21 = mu_12/mu_21 (1.0 when nothing couples the bands); ValueError if
    the two matrices disagree."""
    for name, m in (("lambda_matrix", lam), ("mu_star_matrix", mu)):
        if (m[0, 1] > 0.0) != (m[1, 0] > 0.0):
            raise ValueError(
                f"{name} entries 12 and 21 must both be zero or both positive "
                f"(their ratio is N_2/N_1); got {m[0, 1]:g}, {m[1, 0]:g}"
            )
    cross_l, cross_m = lam[0, 1] * mu[1, 0], lam[1, 0] * mu[0, 1]
    if abs(cross_l - cross_m) > RATIO_TOLERANCE * max(cross_l, cross_m):
        raise ValueError(
            f"mu_star_matrix 12/21 ratio must equal lambda_matrix 12/21 (both N_2/N_1, within "
            f"{RATIO_TOLERANCE:.0%}); got {mu[0, 1] / mu[1, 0]:g} and {lam[0, 1] / lam[1, 0]:g}"
        )
    if lam[1, 0] > 0.0:
        return float(lam[0, 1] / lam[1, 0])
    if mu[1, 0] > 0.0:
        return float(mu[0, 1] / mu[1, 0])
    return 1.0


def mu_star_at_cutoff(mu: np.ndarray, cutoff: float) -> np.ndarray:
    """mu*(w_N) = [1 + mu* ln(omega_E/w_N)]^(-1) mu*, w_N = cutoff omega_E (module docstring)."""
    c = in_range("cutoff", cutoff, tc.CUTOFF_RANGE[0], tc.CUTOFF_RANGE[1], units="omega_E")
    largest = float(np.max(np.linalg.eigvals(mu).real))
    if largest * math.log(c) >= 1.0:
        raise ValueError(
            f"mu_star_matrix largest eigenvalue must be below 1/ln(cutoff) = {1 / math.log(c):.4g} "
            f"for cutoff {c:g} omega_E; got {largest:.4g}"
        )
    return rescale_mu_star(mu, c)


def vertex_factors(eta1, Qc1, frequencies: str = "dynamic", tabulated: bool = False) -> tuple[float, float]:
    """(P_V, P_C) of band 1 at (eta_1, Q_c1), computed by :mod:`migdal_core.vertex` (tens of ms), or with
    ``tabulated`` from :mod:`migdal_core.tables.vertex_curves` (microseconds; linear in Q_c between
    its 50 points, Q_c1 >= 0.02)."""
    one_of("frequencies", frequencies, ("dynamic", "static"))
    qc = in_range("Qc1", Qc1, 0.0, 1.0, low_open=True)
    eta = in_range("eta1", eta1, 0.0, 1000.0, low_open=True, units="(omega_log/E_F1)")
    if tabulated:
        curves = vertex_curves(eta, frequencies)
        return (
            float(np.interp(qc, curves["Qc"], curves["P_V"])),
            float(np.interp(qc, curves["Qc"], curves["P_C"])),
        )
    return float(_vertex.vertex_PV(eta, qc, frequencies)), float(_vertex.vertex_PC(eta, qc, frequencies))


def mu_star_matrix_from_dos(mu11, mu12, mu22, lambda_matrix) -> np.ndarray:
    """Coulomb matrix with mu*_21 = mu*_12 lam_21/lam_12 (both ratios are N_1/N_2; mu*_21 = mu*_12 when
    the bands have no phonon coupling to fix the ratio)."""
    lam = coupling_matrix(lambda_matrix)
    _band_ratio(lam, np.zeros((2, 2)))  # lam_12, lam_21 both zero or both positive: the ratio exists
    m12 = in_range("mu_star_12", mu12, 0.0, tc.MU_STAR_MAX)
    m21 = m12 * lam[1, 0] / lam[0, 1] if lam[0, 1] > 0.0 else m12
    if m21 > tc.MU_STAR_MAX:
        raise ValueError(
            f"mu_star_21 = mu_star_12 lambda_21/lambda_12 must be in [0, {tc.MU_STAR_MAX:g}]; got {m21:.3g}"
        )
    return np.array(
        [
            [in_range("mu_star_11", mu11, 0.0, tc.MU_STAR_MAX), m12],
            [m21, in_range("mu_star_22", mu22, 0.0, tc.MU_STAR_MAX)],
        ]
    )


def band1_couplings(lam11: float, P_V: float, P_C: float) -> tuple[float, float]:
    """(lam_Z, lam_Delta) of band 1's intraband coupling (contract §4, PSG)."""
    return tc.lambda_Z_Delta(lam11, P_V, P_C)
