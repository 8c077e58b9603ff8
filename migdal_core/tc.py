"""Superconducting T_c four ways, for one Einstein mode omega_E (contract §4).

All temperatures are returned both in units of omega_E (k_B T_c / hbar omega_E)
and in kelvin (through ``omega_E_eV`` and k_B from :mod:`migdal_core.constants`).

1. McMillan, Phys. Rev. 167, 331 (1968), as quoted in the contract:
       T_c = (Theta_D / 1.45) exp[-1.04 (1+lam) / (lam - mu*(1+0.62 lam))],
   with k_B Theta_D = hbar omega_E for the Einstein spectrum (stated choice).
2. Allen & Dynes, PRB 12, 905 (1975), eqs. (34)-(36):
       T_c = f1 f2 (omega_log/1.20) exp[-1.04 (1+lam) / (lam - mu*(1+0.62 lam))],
       f1 = [1 + (lam/L1)^(3/2)]^(1/3),  L1 = 2.46 (1 + 3.8 mu*),
       f2 = 1 + (w2/wlog - 1) lam^2 / (lam^2 + L2^2),  L2 = 1.82 (1 + 6.3 mu*) (w2/wlog);
   for an Einstein spectrum omega_log = omega_2bar = omega_E, so f2 = 1 unless
   ``omega2_over_omegalog`` is given.
3. Linearised isotropic Eliashberg equations on the imaginary axis
   (Allen & Mitrovic, Solid State Phys. 37, 1 (1982); Bergmann & Rainer 1973):
       Z_n = 1 + (pi T / w_n) sum_m lam(n-m) sgn(w_m)
           = 1 + (pi T / w_n) [lam(0) + 2 sum_{j=1..n} lam(j)]   (w_n > 0, exact),
       Z_n D_n = pi T sum_{|w_m| < w_N} [lam(n-m) - mu*(w_N)] D_m / |w_m|,
   lam(j) = lam / (1 + (2 pi T j / omega_E)^2), w_n = pi T (2n+1),
   1/mu*(w_N) = 1/mu* + ln(omega_E / w_N).  Using the even gap
   (D_{-n-1} = D_n) and x_n = D_n sqrt(Z_n / w_n) the kernel is symmetric,
       M_nm = pi T [lam(n-m) + lam(n+m+1) - 2 mu*(w_N)] / sqrt(w_n Z_n w_m Z_m),
   and T_c is where its largest eigenvalue equals 1 (scipy brentq in T).
   Largest eigenvalue: dense ``scipy.linalg.eigh`` (N <= 300) or Lanczos
   ``eigsh`` (deterministic start vector). The bracket starts at the
   Allen-Dynes estimate, so a typical solve takes ~1 ms; a T_c near the
   bottom of the range takes up to ~0.4 s (the frequency count, hence the
   kernel, changes in steps along T, and brentq then bisects), so the
   (lambda, mu*) grid on 0.01 steps is tabulated (:mod:`migdal_core.tables.eliashberg_tc`).
   Resolution: at most ``ELIASHBERG_MAX_MATSUBARA`` = 2000 positive
   frequencies, i.e. a T_c below cutoff / (2 pi 2000) ~ 1.2e-3 omega_E
   (cutoff 15) is reported as 0 with a note, decided by one solve at that
   temperature. mu* must satisfy 1/mu* > ln(cutoff/omega_E).
4. Vertex-corrected generalised McMillan form (PSG II, PRB 52, 10530 (1995);
   Grimaldi et al., PRL 75, 1158 (1995)):
       T_c = 1.13 omega_0 exp[-(1 + lam_Z) / (lam_Delta - mu*)],
       lam_Z = lam (1 + lam P_V),  lam_Delta = lam (1 + 2 lam P_V + lam P_C),
   with P_V, P_C from :mod:`migdal_core.vertex`; "PSG Migdal" is P_V = P_C = 0.

5. Anti-adiabatic and dilute limit (eta = omega_E / E_F >~ 1; Gor'kov, PRB 93, 054517 (2016);
   Gastiasoro, Chubukov & Fernandes, PRB 99, 094524 (2019); Pimenov & Chubukov, npj Quantum
   Mater. 7, 45 (2022)): the pairing log is cut at omega_c = min(omega_E, E_F), the Coulomb
   repulsion is not reduced by retardation (mu* -> mu, the given value), the static attraction
   is the full lambda and the mass uses lambda_tilde = lambda E_F / (E_F + omega_E):
       T_c = 1.13 omega_c exp[-(1 + lambda_tilde) / (lambda - mu)].
   For omega_E << E_F it is the generalised McMillan form of 4 without vertex corrections.

The best estimate for a point (:func:`tc_best`) follows its metal-model regime
(:mod:`migdal_core.regimes`): Eliashberg when Migdal's theorem holds (McMillan when the
mode is a Debye temperature and lambda was fitted with McMillan's formula), Eliashberg times
the PSG vertex ratio when it fails, the anti-adiabatic form for eta >= 1, none beyond lambda_c.

Where the formula gives no superconductivity (non-positive denominator,
lam = 0, ...) T_c is 0.0 and ``note`` explains why: never NaN or negative.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numba import njit
from scipy.linalg import eigh
from scipy.optimize import brentq
from scipy.sparse.linalg import eigsh

from migdal_core import vertex as _vertex
from migdal_core.constants import K_B_EV_PER_K
from migdal_core.regimes import classify
from migdal_core.tables import eliashberg_tc
from migdal_core.validation import in_range, one_of

__all__ = [
    "LAMBDA_MAX",
    "MU_STAR_MAX",
    "TcResult",
    "bracketed_root",
    "eliashberg_max_eigenvalue",
    "lambda_Z_Delta",
    "psg_ratio_curve",
    "solve_eliashberg",
    "tc_all",
    "tc_allen_dynes",
    "tc_anti_adiabatic",
    "tc_best",
    "tc_eliashberg",
    "tc_mcmillan",
    "tc_psg",
    "vertex_couplings",
    "warm_up",
]

LAMBDA_MAX = 10.0
MU_STAR_MAX = 0.3
CUTOFF_RANGE = (2.0, 50.0)
ELIASHBERG_MAX_MATSUBARA = 2000


class TcResult(NamedTuple):
    """T_c in units of omega_E, in kelvin, and a note ('' when T_c > 0 normally)."""

    Tc_over_omega_E: float
    Tc_K: float
    note: str


# ---------------------------------------------------------------------------- validation


def _lam(lam: object) -> float:
    return in_range("lambda", lam, 0.0, LAMBDA_MAX)


def _mu(mu_star: object) -> float:
    return in_range("mu_star", mu_star, 0.0, MU_STAR_MAX)


def _omega(omega_E_eV: object) -> float:
    return in_range("omega_E_eV", omega_E_eV, 0.0, 10.0, low_open=True, units="eV")


def _result(t_over_w: float, omega_E_eV: float, note: str = "") -> TcResult:
    t = float(t_over_w)
    if not math.isfinite(t) or t <= 0.0:
        t = 0.0
    return TcResult(t, t * omega_E_eV / K_B_EV_PER_K, note)


def _mcmillan_exponent(lam: float, mu_star: float) -> float | None:
    den = lam - mu_star * (1.0 + 0.62 * lam)
    if lam <= 0.0 or den <= 0.0:
        return None
    return -1.04 * (1.0 + lam) / den


_NO_SC_MCM = "no superconductivity: lambda <= mu*(1 + 0.62 lambda) (McMillan denominator <= 0)"


# ---------------------------------------------------------------------------- 1, 2


def tc_mcmillan(lam, mu_star, omega_E_eV=1.0) -> TcResult:
    """McMillan T_c with Theta_D = omega_E (Einstein mode). See module docstring."""
    lam, mu_star, w = _lam(lam), _mu(mu_star), _omega(omega_E_eV)
    x = _mcmillan_exponent(lam, mu_star)
    if x is None:
        return _result(0.0, w, _NO_SC_MCM)
    return _result(math.exp(x) / 1.45, w)


def allen_dynes_f1_f2(lam: float, mu_star: float, omega2_over_omegalog: float = 1.0) -> tuple[float, float]:
    """Allen-Dynes strong-coupling factors (f1, f2), PRB 12, 905 (1975) eq. (34)."""
    lam1 = 2.46 * (1.0 + 3.8 * mu_star)
    f1 = (1.0 + (lam / lam1) ** 1.5) ** (1.0 / 3.0)
    r = omega2_over_omegalog
    lam2 = 1.82 * (1.0 + 6.3 * mu_star) * r
    f2 = 1.0 + (r - 1.0) * lam * lam / (lam * lam + lam2 * lam2)
    return f1, f2


def tc_allen_dynes(lam, mu_star, omega_E_eV=1.0, omega2_over_omegalog=1.0) -> TcResult:
    """Allen-Dynes T_c; omega_log = omega_E, f2 = 1 for an Einstein spectrum."""
    lam, mu_star, w = _lam(lam), _mu(mu_star), _omega(omega_E_eV)
    r = in_range("omega2_over_omegalog", omega2_over_omegalog, 1.0, 10.0)
    x = _mcmillan_exponent(lam, mu_star)
    if x is None:
        return _result(0.0, w, _NO_SC_MCM)
    f1, f2 = allen_dynes_f1_f2(lam, mu_star, r)
    return _result(f1 * f2 * math.exp(x) / 1.20, w)


# ---------------------------------------------------------------------------- 3 Eliashberg


def _mu_at_cutoff(mu_star: float, cutoff: float) -> float:
    if mu_star == 0.0:
        return 0.0
    inv = 1.0 / mu_star + math.log(1.0 / cutoff)
    return 1.0 / inv


def _check_cutoff(cutoff: object, mu_star: float) -> float:
    c = in_range("cutoff", cutoff, CUTOFF_RANGE[0], CUTOFF_RANGE[1], units="omega_E")
    if mu_star > 0.0 and 1.0 / mu_star <= math.log(c):
        raise ValueError(
            f"mu_star must be in [0, {1.0 / math.log(c):g}) for cutoff {c:g} omega_E "
            f"(1/mu* > ln(cutoff) for the rescaling); got {mu_star!r}"
        )
    return c


def _n_matsubara(t: float, cutoff: float) -> int:
    return max(1, math.floor(cutoff / (2.0 * math.pi * t) + 0.5))


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _gap_kernel(t: float, lam: float, mu_n: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric gap kernel M_nm (module docstring) and 1/sqrt(w_n Z_n), n Matsubara frequencies.

    Built element by element in numba: at n = 2000 numpy's fancy-indexed
    temporaries took ~150 ms, this loop ~10 ms.
    """
    two_pi_t = 2.0 * math.pi * t
    lam_j = np.empty(2 * n + 1)
    for j in range(2 * n + 1):
        lam_j[j] = lam / (1.0 + (two_pi_t * j) ** 2)
    scale = np.empty(n)
    partial_sum = 0.0  # sum_{j=1..i} lam(j)
    for i in range(n):
        w_i = math.pi * t * (2 * i + 1)
        z_i = 1.0 + (math.pi * t / w_i) * (lam_j[0] + 2.0 * partial_sum)
        partial_sum += lam_j[i + 1]
        scale[i] = 1.0 / math.sqrt(w_i * z_i)
    m = np.empty((n, n))
    for i in range(n):
        for k in range(i, n):
            value = math.pi * t * (lam_j[k - i] + lam_j[i + k + 1] - 2.0 * mu_n) * scale[i] * scale[k]
            m[i, k] = value
            m[k, i] = value
    return m, scale


def _max_eig(t: float, lam: float, mu_n: float, cutoff: float) -> float:
    """Largest eigenvalue of the symmetric gap kernel at T = t (units of omega_E)."""
    n = _n_matsubara(t, cutoff)
    m, scale = _gap_kernel(t, lam, mu_n, n)
    if n == 1:
        return float(m[0, 0])
    if n > 300:  # Lanczos for the largest algebraic eigenvalue; deterministic start vector
        val = eigsh(m, k=1, which="LA", v0=scale, tol=1e-10, return_eigenvectors=False)
        return float(val[0])
    return float(eigh(m, eigvals_only=True, subset_by_index=[n - 1, n - 1], check_finite=False)[0])


def eliashberg_max_eigenvalue(T_over_omega_E, lam, mu_star, cutoff=15.0) -> float:
    """Largest eigenvalue of the linearised gap kernel at temperature T/omega_E (=1 at T_c)."""
    lam, mu_star = _lam(lam), _mu(mu_star)
    cutoff = _check_cutoff(cutoff, mu_star)
    t = in_range("T_over_omega_E", T_over_omega_E, 0.0, 10.0, low_open=True)
    if _n_matsubara(t, cutoff) > ELIASHBERG_MAX_MATSUBARA:
        raise ValueError(
            f"T_over_omega_E must be >= {cutoff / (2 * math.pi * ELIASHBERG_MAX_MATSUBARA):g} "
            f"for cutoff {cutoff:g}; got {T_over_omega_E!r}"
        )
    return _max_eig(t, lam, _mu_at_cutoff(mu_star, cutoff), cutoff)


def _t_min(cutoff: float) -> float:
    """Lowest temperature the solver reaches: ELIASHBERG_MAX_MATSUBARA frequencies below the cutoff."""
    return cutoff / (2.0 * math.pi * (ELIASHBERG_MAX_MATSUBARA - 0.5))


def solve_eliashberg(lam: float, mu_star: float, cutoff: float = 15.0, xtol: float = 1e-7) -> float:
    """T_c / omega_E from the gap kernel (validated inputs, lam > 0); 0.0 below the solver range."""
    mu_n = _mu_at_cutoff(mu_star, cutoff)
    t_min = _t_min(cutoff)
    cache: dict[float, float] = {}

    def f(t: float) -> float:
        if t not in cache:
            cache[t] = _max_eig(t, lam, mu_n, cutoff) - 1.0
        return cache[t]

    # bracket around the Allen-Dynes estimate (cheap at high T)
    guess = tc_allen_dynes(lam, mu_star).Tc_over_omega_E
    t_c = bracketed_root(f, guess, t_min, lambda t: _n_matsubara(t, cutoff) > 1000, xtol)
    return 0.0 if t_c is None else t_c


def bracketed_root(f, guess, t_min, kernel_is_large, xtol, t_max=math.inf) -> float | None:
    """T where the falling function f(T) = (largest eigenvalue - 1) crosses zero, None below t_min, inf
    if f > 0 at ``t_max`` (a vertex-corrected kernel's T -> inf limit (lambda_Delta - 2 mu*)/(1 + lambda_Z)
    may exceed 1). Geometric steps from ``guess`` bracket the root, brentq finds it. Stepping down, before
    the first kernel for which ``kernel_is_large(T)`` one solve at t_min tells whether T_c is in range.
    """
    t0 = min(2.0, max(t_min, guess if guess > 0.0 else t_min))
    if f(t0) > 0.0:
        t_lo, t_hi = t0, min(t0 * 1.3, t_max)
        while f(t_hi) > 0.0:
            if t_hi >= t_max:
                return math.inf
            t_lo, t_hi = t_hi, min(t_hi * 1.5, t_max)
    else:
        t_lo, t_hi = max(t0 / 1.3, t_min), t0
        while True:
            if kernel_is_large(t_lo) and f(t_min) <= 0.0:
                return None
            if f(t_lo) > 0.0:
                break
            t_lo, t_hi = max(t_lo / 1.5, t_min), t_lo
    return float(brentq(f, t_lo, t_hi, xtol=xtol * max(t_lo, 1e-6), rtol=1e-10))


def tc_eliashberg(lam, mu_star, omega_E_eV=1.0, cutoff=15.0, xtol=1e-7) -> TcResult:
    """Linearised isotropic Eliashberg T_c for an Einstein mode (Matsubara axis).

    Points of the (lambda, mu*) grid of :mod:`migdal_core.tables.eliashberg_tc` come from that table
    (the same solver's output, stored); any other point is solved here.
    """
    lam, mu_star, w = _lam(lam), _mu(mu_star), _omega(omega_E_eV)
    cutoff = _check_cutoff(cutoff, mu_star)
    if lam == 0.0:
        return _result(0.0, w, "no superconductivity: lambda = 0")
    t_c = eliashberg_tc.lookup(lam, mu_star, cutoff, xtol)
    if t_c is None:
        t_c = solve_eliashberg(lam, mu_star, cutoff, xtol)
    if t_c > 0.0:
        return _result(t_c, w)
    return _result(
        0.0,
        w,
        f"T_c below the Eliashberg solver range ({_t_min(cutoff):.2e} omega_E with "
        f"{ELIASHBERG_MAX_MATSUBARA} Matsubara frequencies) or no superconductivity",
    )


# ---------------------------------------------------------------------------- 4 PSG


def lambda_Z_Delta(lam, P_V, P_C) -> tuple[float, float]:
    """(lambda_Z, lambda_Delta) = (lam (1 + lam P_V), lam (1 + 2 lam P_V + lam P_C)) (PSG II)."""
    lam = _lam(lam)
    pv = in_range("P_V", P_V, -100.0, 100.0)
    pc = in_range("P_C", P_C, -100.0, 100.0)
    return lam * (1.0 + lam * pv), lam * (1.0 + 2.0 * lam * pv + lam * pc)


def vertex_couplings(lam, eta, Qc, frequencies="dynamic") -> dict:
    """P_V, P_C (from :mod:`migdal_core.vertex`) and lambda_Z, lambda_Delta at one (eta, Q_c)."""
    lam = _lam(lam)
    pv, pc = _vertex.vertex_pair(eta, Qc, frequencies)
    if isinstance(pv, np.ndarray):
        raise ValueError("Qc must be a single number in (0, 1] here")
    lz, ld = lambda_Z_Delta(lam, pv, pc)
    return {"P_V": pv, "P_C": pc, "lambda_Z": lz, "lambda_Delta": ld}


def tc_psg(lam, mu_star, omega_E_eV=1.0, P_V=0.0, P_C=0.0) -> TcResult:
    """Generalised McMillan T_c = 1.13 omega_0 exp[-(1+lam_Z)/(lam_Delta - mu*)].

    P_V = P_C = 0 gives the "PSG Migdal" reference. Units of omega_E = omega_0.
    """
    w = _omega(omega_E_eV)
    mu_star = _mu(mu_star)
    lz, ld = lambda_Z_Delta(lam, P_V, P_C)
    if ld - mu_star <= 0.0:
        return _result(0.0, w, "no superconductivity: lambda_Delta <= mu*")
    if 1.0 + lz <= 0.0:
        return _result(0.0, w, "vertex correction out of its perturbative range: 1 + lambda_Z <= 0")
    return _result(1.13 * math.exp(-(1.0 + lz) / (ld - mu_star)), w)


def psg_ratio_curve(lam, mu_star, P_V, P_C) -> dict[str, list[float]]:
    """T_c(vertex) / T_c(Migdal), lambda_Z and lambda_Delta along aligned sequences of P_V and P_C.

    The ratio of two generalised McMillan T_c (:func:`tc_psg`, PSG II), with and without the vertex
    corrections; NaN where there is no superconductivity without them.
    """
    migdal = tc_psg(lam, mu_star, 1.0, 0.0, 0.0).Tc_over_omega_E
    out: dict[str, list[float]] = {"ratio": [], "lambda_Z": [], "lambda_Delta": []}
    for p_v, p_c in zip(P_V, P_C, strict=True):
        lambda_Z, lambda_Delta = lambda_Z_Delta(lam, p_v, p_c)
        with_vertex = tc_psg(lam, mu_star, 1.0, p_v, p_c).Tc_over_omega_E
        out["ratio"].append(with_vertex / migdal if migdal > 0 else math.nan)
        out["lambda_Z"].append(lambda_Z)
        out["lambda_Delta"].append(lambda_Delta)
    return out


def tc_anti_adiabatic(lam, mu, omega_E_eV, E_F_eV) -> TcResult:
    """Anti-adiabatic / dilute-limit T_c (module docstring, 5): cutoff min(omega_E, E_F), mu unreduced."""
    lam, mu, w = _lam(lam), _mu(mu), _omega(omega_E_eV)
    e_f = in_range("E_F_eV", E_F_eV, 0.0, 100.0, low_open=True, units="eV")
    if lam - mu <= 0.0:
        return _result(0.0, w, "no superconductivity: lambda <= mu (no retardation reduces mu here)")
    lam_tilde = lam * e_f / (e_f + w)
    cutoff = min(w, e_f)
    return _result(1.13 * (cutoff / w) * math.exp(-(1.0 + lam_tilde) / (lam - mu)), w)


OMEGA_KINDS = ("omega_log", "theta_D")


def tc_best(Tc_K: dict, lam: float, eta: float, omega_kind: str = "omega_log") -> dict:
    """Which of the computed T_c values is the best estimate for this point, and why.

    ``Tc_K`` is the method -> kelvin dict of :func:`tc_all` (with ``anti_adiabatic``,
    and ``psg_migdal``/``psg_vertex`` when q_c is known). Returns ``method``, ``Tc_K``
    (None beyond lambda_c or without coupling) and ``reason``.
    """
    one_of("omega_kind", omega_kind, OMEGA_KINDS)
    regime = classify(eta, min(lam, 10.0))
    if lam == 0.0:
        return {"regime": regime, "method": None, "Tc_K": None, "reason": "no electron-phonon coupling"}
    if regime == "beyond-migdal-eliashberg":
        return {
            "regime": regime,
            "method": None,
            "Tc_K": None,
            "reason": "λ ≥ λ_c ≈ 3.0–3.7: outside Migdal–Eliashberg theory (Yuzbashyan & Altshuler 2022); "
            "none of these formulas applies",
        }
    if regime == "anti-adiabatic":
        return {
            "regime": regime,
            "method": "anti_adiabatic",
            "Tc_K": Tc_K["anti_adiabatic"],
            "reason": "η ≥ 1: pairing cut at min(ω_ph, E_F), μ not reduced by retardation, mass from λ̃",
        }
    if regime == "non-adiabatic":
        migdal, vertex = Tc_K.get("psg_migdal"), Tc_K.get("psg_vertex")
        if migdal:
            return {
                "regime": regime,
                "method": "eliashberg_x_psg_ratio",
                "Tc_K": Tc_K["eliashberg"] * vertex / migdal,
                "reason": "Migdal's theorem fails (η or λη not small): Eliashberg T_c times the PSG vertex "
                "ratio at your q_c; outside ME theory, an order-of-magnitude estimate",
            }
        return {
            "regime": regime,
            "method": "eliashberg",
            "Tc_K": Tc_K["eliashberg"],
            "reason": "Migdal's theorem fails (η or λη not small) and vertex corrections are not included",
        }
    if omega_kind == "theta_D":
        return {
            "regime": regime,
            "method": "mcmillan",
            "Tc_K": Tc_K["mcmillan"],
            "reason": "Migdal holds; λ and μ* were fitted with McMillan's formula in Θ_D, so that formula "
            "is the consistent one",
        }
    return {
        "regime": regime,
        "method": "eliashberg",
        "Tc_K": Tc_K["eliashberg"],
        "reason": "Migdal holds (η and λη small): Eliashberg theory is the controlled approximation",
    }


def tc_all(
    lam,
    mu_star,
    omega_E_eV,
    eta=None,
    Qc=None,
    frequencies="dynamic",
    cutoff=15.0,
    E_F_eV=None,
    omega_kind="omega_log",
) -> dict:
    """Every T_c for one point (what the CLI ``tc`` prints).

    Returns a dict with ``Tc_K`` and ``Tc_over_omega_E`` (objects keyed by
    method), ``notes`` (method -> note, only non-empty), and with both
    ``eta`` and ``Qc`` also ``P_V``, ``P_C``, ``lambda_Z``, ``lambda_Delta``.
    With ``E_F_eV`` also the anti-adiabatic T_c and ``best`` (:func:`tc_best`);
    ``eta`` must then equal omega_E / E_F.
    """
    lam, mu_star, w = _lam(lam), _mu(mu_star), _omega(omega_E_eV)
    one_of("frequencies", frequencies, ("dynamic", "static"))
    if (eta is None) != (Qc is None):
        name = "Qc" if Qc is None else "eta"
        raise ValueError(f"{name} must be given together with {'eta' if name == 'Qc' else 'Qc'}")
    results = {
        "mcmillan": tc_mcmillan(lam, mu_star, w),
        "allen_dynes": tc_allen_dynes(lam, mu_star, w),
        "eliashberg": tc_eliashberg(lam, mu_star, w, cutoff),
    }
    out: dict = {"lambda": lam, "mu_star": mu_star, "omega_E_eV": w}
    if eta is not None:
        vc = vertex_couplings(lam, eta, Qc, frequencies)
        results["psg_migdal"] = tc_psg(lam, mu_star, w, 0.0, 0.0)
        results["psg_vertex"] = tc_psg(lam, mu_star, w, vc["P_V"], vc["P_C"])
        out.update({"eta": float(eta), "Qc": float(Qc), "frequencies": frequencies, **vc})
    if E_F_eV is not None:
        results["anti_adiabatic"] = tc_anti_adiabatic(lam, mu_star, w, E_F_eV)
        if eta is not None and not math.isclose(float(eta), w / float(E_F_eV), rel_tol=1e-3):
            raise ValueError(f"eta must equal omega_E_eV / E_F_eV = {w / float(E_F_eV):.6g}; got {eta!r}")
    out["Tc_K"] = {k: r.Tc_K for k, r in results.items()}
    out["Tc_over_omega_E"] = {k: r.Tc_over_omega_E for k, r in results.items()}
    out["notes"] = {k: r.note for k, r in results.items() if r.note}
    if E_F_eV is not None:
        out["E_F_eV"] = float(E_F_eV)
        out["best"] = tc_best(out["Tc_K"], lam, w / float(E_F_eV), omega_kind)
    return out


def warm_up_gap() -> None:
    """Compile the gap kernel: one tiny Eliashberg solve."""
    _max_eig(0.1, 1.0, 0.1, 15.0)


def warm_up() -> None:
    """Compile the vertex kernels and the gap kernel."""
    _vertex.warm_up()
    warm_up_gap()
