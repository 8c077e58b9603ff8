"""Two-band linearised Eliashberg T_c on the Matsubara axis (contract §6).

Suhl, Matthias & Walker, PRL 3, 552 (1959) for two bands; the imaginary-axis
equations as used for MgB2 by Golubov et al., J. Phys.: Condens. Matter 14,
1353 (2002), eqs. (1)-(2), for one Einstein mode omega_E (= omega_log) shared
by every pair of bands (i, j = 1, 2):

    Z_i(n) = 1 + (pi T / w_n) sum_j sum_m lam_ij(n-m) sgn(w_m),
    Z_i(n) D_i(n) = pi T sum_j sum_{|w_m| < w_N} [lam_ij(n-m) - mu*_ij(w_N)] D_j(m) / |w_m|,

lam_ij(k) = lam_ij / (1 + (2 pi T k / omega_E)^2), so Z_i is the single-band Z
of :mod:`migdal_core.tc` with the row sum sum_j lam_ij. lam_ij couples an
electron of band i to band j: lam_ij / lam_ji = N_j / N_i (densities of
states), and the same holds for mu*_ij; the inputs must respect it (within
2 %, the rounding of published matrices). With that ratio r = lam_12/lam_21
the kernel is similar to a symmetric one (interband entries sqrt(lam_12
lam_21), sqrt(mu_12 mu_21)), whose largest eigenvalue is found by
Lanczos (:mod:`migdal_core.lanczos`); T_c is where it equals 1.

Coulomb matrix at the Matsubara cutoff w_N = cutoff * omega_E, the matrix form
of 1/mu*(w_N) = 1/mu* + ln(omega_E/w_N) (contract §4):

    mu*(w_N) = [1 + mu* ln(omega_E / w_N)]^(-1) mu*.

Gap ratio Delta_1/Delta_2: the leading eigenvector at T_c, at the lowest
Matsubara frequency w_0 = pi T_c. It is the ratio of the gaps *at T_c* (the
linearised problem fixes only their ratio); the low-temperature ratio of the
full non-linear equations differs (Golubov et al. 2002: Delta_sigma ~ 7.1 meV,
Delta_pi ~ 2.7 meV at T = 0).

Vertex corrections on band 1's intraband coupling (PSG; Cappelluti, Ciuchi,
Grimaldi, Pietronero & Strässler, PRL 88, 117003 (2002)): lam_11 is replaced by
lam_Delta = lam_11 (1 + 2 lam_11 P_V + lam_11 P_C) in the gap equation and by
lam_Z = lam_11 (1 + lam_11 P_V) in Z_1 (contract §4, :func:`migdal_core.tc.lambda_Z_Delta`),
with P_V, P_C of :mod:`migdal_core.vertex` at (eta_1, Q_c1), taken frequency
independent. Band 2 and the interband terms are left as they are, so band 2
feels band 1's non-adiabaticity only through lam_12, lam_21 (and mu*_12, mu*_21).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numba import njit
from scipy.optimize import brentq

from migdal_core import lanczos, tc
from migdal_core.constants import K_B_EV_PER_K
from migdal_core.lanczos import kernel_top_pair
from migdal_core.multiband_inputs import (  # the solver's inputs, re-exported
    GOLUBOV_MU_STAR_AT_CUTOFF,
    MGB2,
    MGB2_CUTOFF,
    _band_ratio,
    _matrix,
    band1_couplings,
    coupling_matrix,
    mu_star_at_cutoff,
    mu_star_matrix,
    mu_star_matrix_from_dos,
    rescale_mu_star,
    vertex_factors,
)
from migdal_core.validation import float_list, in_range

__all__ = [
    "GOLUBOV_MU_STAR_AT_CUTOFF",
    "MGB2",
    "MGB2_CUTOFF",
    "TwoBandTc",
    "band1_couplings",
    "band_alone",
    "coupling_matrix",
    "interband_curve",
    "mu_star_at_cutoff",
    "mu_star_matrix",
    "mu_star_matrix_from_dos",
    "rescale_mu_star",
    "solve_two_band",
    "tc_two_band",
    "two_band_tc",
    "vertex_curve",
    "vertex_factors",
    "warm_up",
]

MAX_MATSUBARA = 1000  # per band: kernels up to 2000 x 2000
T_MAX = 10.0  # omega_E: the solver looks for T_c up to here (a vertex-corrected kernel may never fall to 1)
OUT_OF_RANGE = "vertex correction out of its perturbative range"  # how such notes begin


class TwoBandTc(NamedTuple):
    """T_c / omega_E, gap ratio Delta_1/Delta_2 at T_c (inf: band 2 has no gap) and a note."""

    Tc_over_omega_E: float
    gap_ratio: float
    note: str

    @property
    def vertex_out_of_range(self) -> bool:
        """No T_c because band 1's vertex correction left its perturbative range (not: T_c too low)."""
        return self.note.startswith(OUT_OF_RANGE)


# ---------------------------------------------------------------------------- kernel


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _two_band_pieces(t, lam_z, n):
    """The pieces of the symmetrised two-band gap kernel (:func:`migdal_core.lanczos.kernel_top_pair`):
    the frequency matrix B_ab = shape(|a-b|) + shape(a+b+1) (n x n) of the Einstein mode, shape(k) =
    1/(1 + (2 pi T k)^2), and s_i(n) = 1/sqrt(w_n Z_i(n)) (2 x n); ``lam_z``: the two row sums entering
    Z_i. With C = pi T lam and U = 2 pi T mu_n the kernel entry ((i, a), (j, b)) is
    pi T [lam_ij (shape(|a-b|) + shape(a+b+1)) - 2 mu_ij] s_i(a) s_j(b).
    """
    two_pi_t = 2.0 * math.pi * t
    shape = np.empty(2 * n + 1)
    for k in range(2 * n + 1):
        shape[k] = 1.0 / (1.0 + (two_pi_t * k) ** 2)
    scale = np.empty((2, n))
    for i in range(2):
        partial = 0.0  # sum_{k=1..n} shape(k)
        for k in range(n):
            w_k = math.pi * t * (2 * k + 1)
            z_k = 1.0 + (math.pi * t / w_k) * lam_z[i] * (shape[0] + 2.0 * partial)
            partial += shape[k + 1]
            scale[i, k] = 1.0 / math.sqrt(w_k * z_k)
    b = np.empty((n, n))
    for a in range(n):
        for c in range(a, n):
            value = shape[c - a] + shape[a + c + 1]
            b[a, c] = value
            b[c, a] = value
    return b, scale


def _kernel_pieces(t: float, p: _Problem, n: int):
    """(B, s, C, U) of the kernel at T = t with n frequencies per band (:func:`_two_band_pieces`)."""
    b, scale = _two_band_pieces(t, p.lam_z, n)
    return b, scale, math.pi * t * p.lam_sym, 2.0 * math.pi * t * p.mu_sym


class _Problem(NamedTuple):
    """Validated dimensionless inputs of one two-band solve."""

    lam_sym: np.ndarray  # pairing matrix, interband entry sqrt(lam_12 lam_21)
    lam_z: np.ndarray  # row sums for Z_i (band 1 with lam_Z)
    mu_sym: np.ndarray  # Coulomb matrix at the cutoff, symmetrised the same way
    ratio: float  # r = N_2/N_1
    cutoff: float
    note: str  # non-empty: no solve possible


def _problem(
    lam: np.ndarray,
    mu: np.ndarray,
    cutoff: float,
    P_V: float = 0.0,
    P_C: float = 0.0,
    mu_n: np.ndarray | None = None,
) -> _Problem:
    """``mu_n``: ``mu_star_at_cutoff(mu, cutoff)`` when the caller has it (a curve at fixed mu*)."""
    ratio = _band_ratio(lam, mu)
    if mu_n is None:
        mu_n = mu_star_at_cutoff(mu, cutoff)
    pairing = lam.copy()
    lam_z11 = lam[0, 0]
    if P_V != 0.0 or P_C != 0.0:
        lam_z11, pairing[0, 0] = band1_couplings(lam[0, 0], P_V, P_C)
    lam_z = np.array([lam_z11 + lam[0, 1], lam[1, 0] + lam[1, 1]])
    note = ""
    if 1.0 + lam_z[0] <= 0.0:
        note = f"{OUT_OF_RANGE}: 1 + lambda_Z of band 1 <= 0"
    elif pairing[0, 0] < 0.0:
        note = f"{OUT_OF_RANGE}: lambda_Delta of band 1 < 0"

    def symmetric(m: np.ndarray) -> np.ndarray:
        off = math.sqrt(m[0, 1] * m[1, 0])
        return np.array([[m[0, 0], off], [off, m[1, 1]]])

    return _Problem(symmetric(pairing), lam_z, symmetric(mu_n), ratio, cutoff, note)


def _leading(t: float, p: _Problem) -> tuple[float, float]:
    """Largest eigenvalue of the kernel at T = t (units of omega_E) and its Delta_1/Delta_2 at w_0.

    Without interband terms the kernel is block diagonal: each band's block is solved alone (a quarter
    of the work per band, nothing for a band without coupling) and Delta_1/Delta_2 is inf or 0.
    """
    n = tc._n_matsubara(t, p.cutoff)
    b, scale, coupling, coulomb = _kernel_pieces(t, p, n)
    if p.lam_sym[0, 1] == 0.0 and p.mu_sym[0, 1] == 0.0:
        best = (-math.inf, math.inf)
        for band, gap_ratio in ((0, math.inf), (1, 0.0)):
            if p.lam_sym[band, band] > 0.0:
                one = slice(band, band + 1)
                value = kernel_top_pair(
                    b, scale[one], coupling[one, one].copy(), coulomb[one, one].copy(), scale[band]
                )[0]
                if value > best[0]:
                    best = (value, gap_ratio)
        return best if best[0] > -math.inf else (0.0, math.nan)
    value, y = kernel_top_pair(b, scale, coupling, coulomb, scale.ravel())
    # undo the symmetrisation: D_i(0) = x_i(0) sqrt(w_0 / Z_i(0)), x_1/x_2 = (y_1/y_2) sqrt(r)
    top, bottom = y[0] * scale[0, 0] * math.sqrt(p.ratio), y[n] * scale[1, 0]
    gap_ratio = top / bottom if abs(bottom) > 1e-12 * abs(top) else math.inf
    return value, float(gap_ratio)


def _t_min(cutoff: float, max_matsubara: int = MAX_MATSUBARA) -> float:
    """Lowest temperature reached with ``max_matsubara`` frequencies per band below the cutoff."""
    return cutoff / (2.0 * math.pi * (max_matsubara - 0.5))


def _largest_eigenvalue(m: np.ndarray) -> float:
    """Largest eigenvalue of a symmetric 2 x 2 matrix (closed form: numpy's eigvalsh costs 20 times more)."""
    mean, half = 0.5 * (m[0, 0] + m[1, 1]), 0.5 * (m[0, 0] - m[1, 1])
    return float(mean + math.hypot(half, m[0, 1]))


def _guess(p: _Problem) -> float:
    """Allen-Dynes T_c of the largest eigenvalue of the pairing matrix (a bracket start only)."""
    lam_eff = _largest_eigenvalue(p.lam_sym)
    mu_at_omega = rescale_mu_star(p.mu_sym, 1.0 / p.cutoff)  # back from the cutoff to omega_E
    mu_eff = float(np.clip(_largest_eigenvalue(mu_at_omega), 0.0, tc.MU_STAR_MAX))
    return tc.tc_allen_dynes(min(lam_eff, tc.LAMBDA_MAX), mu_eff).Tc_over_omega_E


def _near_root(f, t0: float, t_min: float, xtol: float) -> float | None:
    """Root of f = rho - 1 from a close start (a neighbour's T_c), by secant steps in x = ln T.

    rho - 1 is nearly linear in ln T; the first step takes the weak-coupling slope d rho / d ln T =
    -1/ln(1.13/t) (rho = g ln(1.13 omega_E/T) at rho = 1), later ones the secant through the last two
    kernels, and a point whose |f / slope| < xtol is the root: about three kernels per point instead
    of eight. Where the frequency count changes (rho jumps a little) secants can stall: then brentq on
    the closest sign change seen, or None (the caller brackets from scratch).
    """
    x0 = math.log(t0)
    f0 = f(t0)
    slope = -1.0 / math.log(max(1.13 / t0, 1.5))
    seen = [(x0, f0)]
    for _ in range(6):
        if abs(f0 / slope) < xtol:
            return math.exp(x0 - f0 / slope)
        x1 = x0 - f0 / slope
        if not (math.log(t_min) <= x1 <= math.log(2.0)) or abs(x1 - x0) > 0.7:
            break
        f1 = f(math.exp(x1))
        seen.append((x1, f1))
        if f1 != f0:
            slope = (f1 - f0) / (x1 - x0)
        if slope >= 0.0:  # rho falls with T; a rising secant is a jump of the frequency count
            break
        x0, f0 = x1, f1
    pairs = [(a, b) for a in seen for b in seen if a[1] > 0.0 >= b[1]]
    if not pairs:
        return None
    (xa, _), (xb, _) = min(pairs, key=lambda pair: abs(pair[0][0] - pair[1][0]))
    lo, hi = sorted((math.exp(xa), math.exp(xb)))
    return float(brentq(f, lo, hi, xtol=xtol * lo, rtol=1e-10))


def solve_two_band(
    p: _Problem, xtol: float = 1e-7, guess: float | None = None, max_matsubara: int = MAX_MATSUBARA
) -> TwoBandTc:
    """T_c/omega_E and Delta_1/Delta_2 for validated inputs (:func:`_problem`).

    Secant steps start from ``guess`` (a neighbouring point's T_c) or from the Allen-Dynes estimate; when
    they do not settle, a bracket and brentq as in :func:`tc.solve_eliashberg`.
    T_c below ``cutoff / (2 pi max_matsubara)`` is reported as 0 with a note.
    """
    if p.note:
        return TwoBandTc(0.0, math.nan, p.note)
    t_min = _t_min(p.cutoff, max_matsubara)
    below = TwoBandTc(
        0.0,
        math.nan,
        f"T_c below the two-band solver range ({t_min:.2e} omega_E with "
        f"{max_matsubara} Matsubara frequencies per band) or no superconductivity",
    )
    if _largest_eigenvalue(p.lam_sym) <= 0.0:
        return below
    cache: dict[float, tuple[float, float]] = {}

    def leading(t: float) -> tuple[float, float]:
        if t not in cache:
            cache[t] = _leading(t, p)
        return cache[t]

    def f(t: float) -> float:
        return leading(t)[0] - 1.0

    start = guess or _guess(p)
    t_c = _near_root(f, min(2.0, max(t_min, start)), t_min, xtol) if start > t_min else None
    if t_c is None:
        t_c = tc.bracketed_root(
            f, start, t_min, lambda t: tc._n_matsubara(t, p.cutoff) > max_matsubara // 2, xtol, T_MAX
        )
    if t_c is None:
        return below
    if t_c == math.inf:
        return TwoBandTc(
            0.0,
            math.nan,
            f"{OUT_OF_RANGE}: the gap kernel's largest eigenvalue "
            f"exceeds 1 at every temperature up to {T_MAX:g} omega_E",
        )
    nearest = min(cache, key=lambda t: abs(t - t_c))  # the gap ratio of the closest kernel solved
    if abs(nearest - t_c) > xtol * t_c:
        nearest = t_c
    return TwoBandTc(t_c, leading(nearest)[1], "")


# ---------------------------------------------------------------------------- public API


def _append(curve: dict[str, list], result: TwoBandTc) -> None:
    """One point of a curve: T_c/omega_E, Delta_1/Delta_2 and whether a 0 means "vertex out of range"."""
    curve["Tc_over_omega_E"].append(result.Tc_over_omega_E)
    curve["gap_ratio"].append(result.gap_ratio)
    curve["out_of_range"].append(result.vertex_out_of_range)


def interband_curve(
    lambda_matrix, mu_star_mat, scales, P_V=0.0, P_C=0.0, cutoff=15.0, xtol=1e-5, max_matsubara=MAX_MATSUBARA
) -> dict[str, list[float]]:
    """T_c/omega_E and Delta_1/Delta_2 as both interband couplings (lam_12, lam_21) are scaled by s.

    mu*_12, mu*_21 stay as given (scaling them with lam would leave band 2 no Coulomb coupling at s = 0).
    Each point starts from its neighbour's T_c, so the curve costs a few kernels per point.
    """
    lam = coupling_matrix(lambda_matrix)
    mu = _matrix("mu_star_matrix", mu_star_mat, tc.MU_STAR_MAX)
    s_values = float_list("scales", scales, 0.0, 10.0, max_length=400)
    out: dict[str, list] = {"scale": s_values, "Tc_over_omega_E": [], "gap_ratio": [], "out_of_range": []}
    guess, mu_n = None, mu_star_at_cutoff(mu, cutoff)
    for s in s_values:
        scaled = lam.copy()
        scaled[0, 1] *= s
        scaled[1, 0] *= s
        p = _problem(scaled, mu, cutoff, P_V, P_C, mu_n)
        result = solve_two_band(p, xtol, guess, max_matsubara)
        guess = result.Tc_over_omega_E or None
        _append(out, result)
    return out


def vertex_curve(
    lambda_matrix, mu_star_mat, P_V_values, P_C_values, cutoff=15.0, xtol=1e-5, max_matsubara=MAX_MATSUBARA
) -> dict[str, list[float]]:
    """T_c/omega_E and Delta_1/Delta_2 for a sequence of band-1 vertex factors (P_V, P_C), e.g. along eta_1
    (from :mod:`migdal_core.vertex_table`); continuation from point to point as in :func:`interband_curve`."""
    lam = coupling_matrix(lambda_matrix)
    mu = _matrix("mu_star_matrix", mu_star_mat, tc.MU_STAR_MAX)
    p_v = float_list("P_V", P_V_values, -100.0, 100.0, max_length=400)
    p_c = float_list("P_C", P_C_values, -100.0, 100.0, max_length=400)
    if len(p_v) != len(p_c):
        raise ValueError(f"P_V and P_C must have the same length; got {len(p_v)} and {len(p_c)}")
    out: dict[str, list] = {"Tc_over_omega_E": [], "gap_ratio": [], "out_of_range": []}
    guess, mu_n = None, mu_star_at_cutoff(mu, cutoff)
    for pv, pc in zip(p_v, p_c):
        result = solve_two_band(_problem(lam, mu, cutoff, pv, pc, mu_n), xtol, guess, max_matsubara)
        guess = result.Tc_over_omega_E or None
        _append(out, result)
    return out


def _kelvin(t_over_w: float, omega_eV: float) -> float:
    return t_over_w * omega_eV / K_B_EV_PER_K


def two_band_tc(
    lambda_matrix, mu_star_mat, P_V=0.0, P_C=0.0, cutoff=15.0, xtol=1e-7, max_matsubara=MAX_MATSUBARA
) -> TwoBandTc:
    """T_c/omega_E and Delta_1/Delta_2 at T_c for one point (dimensionless; validated inputs)."""
    lam = coupling_matrix(lambda_matrix)
    mu = _matrix("mu_star_matrix", mu_star_mat, tc.MU_STAR_MAX)
    P_V = in_range("P_V", P_V, -100.0, 100.0)
    P_C = in_range("P_C", P_C, -100.0, 100.0)
    return solve_two_band(_problem(lam, mu, cutoff, P_V, P_C), xtol, None, max_matsubara)


def band_alone(lambda_matrix, mu_star_mat, band: int) -> tuple[list[float], list[float]]:
    """The (lambda, mu*) matrices with everything but band ``band``'s own entries zeroed."""
    keep = np.zeros((2, 2))
    keep[band - 1, band - 1] = 1.0
    lam = coupling_matrix(lambda_matrix) * keep
    mu = _matrix("mu_star_matrix", mu_star_mat, tc.MU_STAR_MAX) * keep
    return lam.ravel().tolist(), mu.ravel().tolist()


def tc_two_band(
    lambda_matrix,
    omega_log_eV,
    mu_star=None,
    mu_star_matrix_values=None,
    eta1=None,
    Qc1=None,
    frequencies="dynamic",
    cutoff=15.0,
    xtol=1e-7,
) -> dict:
    """Two-band T_c [K] and Delta_1/Delta_2 at T_c (what the CLI ``multiband`` prints).

    With ``eta1`` and ``Qc1`` band 1's intraband coupling carries the PSG vertex correction and the
    result also holds the uncorrected ``Tc_K_no_vertex``, ``gap_ratio_no_vertex``, P_V, P_C, lambda_Z1,
    lambda_Delta1. ``Tc_K_band1_alone`` / ``Tc_K_band2_alone``: each band with the interband terms zeroed
    (band 1 with its vertex correction, if any).
    """
    lam = coupling_matrix(lambda_matrix)
    mu = mu_star_matrix(mu_star_matrix_values, mu_star)
    w = in_range("omega_log_eV", omega_log_eV, 0.0, 10.0, low_open=True, units="eV")
    if (eta1 is None) != (Qc1 is None):
        missing = "Qc1" if Qc1 is None else "eta1"
        raise ValueError(f"{missing} must be given together with {'eta1' if missing == 'Qc1' else 'Qc1'}")
    P_V = P_C = 0.0
    out: dict = {
        "lambda_matrix": lam.ravel().tolist(),
        "mu_star_matrix": mu.ravel().tolist(),
        "omega_log_eV": w,
        "cutoff": cutoff,
    }
    if eta1 is not None:
        P_V, P_C = vertex_factors(eta1, Qc1, frequencies)
        lam_z, lam_d = band1_couplings(lam[0, 0], P_V, P_C)
        out.update(
            {
                "eta1": float(eta1),
                "Qc1": float(Qc1),
                "frequencies": frequencies,
                "P_V": P_V,
                "P_C": P_C,
                "lambda_Z1": lam_z,
                "lambda_Delta1": lam_d,
            }
        )
    result = solve_two_band(_problem(lam, mu, cutoff, P_V, P_C), xtol)
    out.update(
        {
            "Tc_K": _kelvin(result.Tc_over_omega_E, w),
            "Tc_over_omega_E": result.Tc_over_omega_E,
            "gap_ratio": result.gap_ratio,
        }
    )
    notes = {"two_band": result.note} if result.note else {}
    if eta1 is not None:
        plain = solve_two_band(_problem(lam, mu, cutoff), xtol)
        out.update(
            {"Tc_K_no_vertex": _kelvin(plain.Tc_over_omega_E, w), "gap_ratio_no_vertex": plain.gap_ratio}
        )
        if plain.note:
            notes["no_vertex"] = plain.note
    for band, (pv, pc) in ((1, (P_V, P_C)), (2, (0.0, 0.0))):
        alone = two_band_tc(*band_alone(lam.ravel(), mu.ravel(), band), pv, pc, cutoff, xtol)
        out[f"Tc_K_band{band}_alone"] = _kelvin(alone.Tc_over_omega_E, w)
    out["notes"] = notes
    return out


def warm_up() -> None:
    """Compile the two-band kernel and the Lanczos solver (or load them from the numba cache)."""
    _two_band_pieces(0.1, np.ones(2), 4)
    lanczos.warm_up()
