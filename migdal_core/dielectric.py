"""Electron energy-loss functions (ELF) for the crystal Migdal calculation.

Natural units (hbar = c = 1), all energies and momenta in eV.

Two models, both numba-compiled scalar kernels with thin numpy wrappers:

``"lindhard"``
    Free-electron-gas (Lindhard 1954) dielectric function in the closed form of
    the physics contract section 2 (the same expressions as DarkELF
    ``eps1_electrongas``/``eps2_electrongas``, Knapen, Kozaczuk & Lin,
    PRL 127 (2021) 081805). ELF = eps2 / (eps1^2 + eps2^2). Outside the
    particle-hole continuum eps2 = 0 and the ELF is zero *except* for the
    undamped plasmon pole pi delta(eps1); the pole is not part of
    :func:`elf` (as in DarkELF and the contract reference values) but is
    available from :func:`lindhard_plasmon_pole` so that the f-sum rule can
    be checked exactly.

``"mermin"``
    Mermin-Levine-Louie (MLL) ELF: the Mermin (1970) relaxation-time
    dielectric function, Phys. Rev. B 1, 2362, built from the complex Lindhard
    function at omega + i*gamma (number-conserving, so it obeys the f-sum
    rule and gives the plasmon a finite width gamma), with a band gap
    introduced by the Levine & Louie (1982, Phys. Rev. B 25, 6310)
    substitution omega -> sqrt(omega^2 - E_gap^2) applied to the ELF, as in
    the MLL model of de Vera & Garcia-Molina (J. Phys. Chem. C 123 (2019)
    2075). The substitution maps  int omega ELF d omega  onto itself, so the
    f-sum rule is preserved exactly, and the ELF vanishes for omega < E_gap.

f-sum rule (both models):  int_0^inf omega ELF(k, omega) d omega = (pi/2) omega_p^2
(:func:`f_sum_integral`).
"""

from __future__ import annotations

import cmath
import math

import numba as nb
import numpy as np

from migdal_core import constants as C
from migdal_core import validation as V

ELF_MODELS = ("lindhard", "mermin")

#: Default Mermin plasmon width gamma [eV] (order of the measured bulk-plasmon
#: widths of Si and Ge, a few eV; a model parameter, not a fit).
DEFAULT_GAMMA_EV = 3.0


# --------------------------------------------------------------------------- #
# numba kernels
# --------------------------------------------------------------------------- #
@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def fermi_velocity(omega_p, m_e, alpha):
    """v_F = (3 pi omega_p^2 / (4 alpha m_e^2))^(1/3)  (contract section 2)."""
    return (3.0 * math.pi * omega_p * omega_p / (4.0 * alpha * m_e * m_e)) ** (1.0 / 3.0)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _g(x):
    """g(x) = (1 - x^2) ln|(1 + x)/(1 - x)|, with g(+-1) = 0."""
    d = abs(1.0 - x)
    s = abs(1.0 + x)
    if d == 0.0 or s == 0.0:
        return 0.0
    return (1.0 - x * x) * math.log(s / d)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def lindhard_eps(omega, k, omega_p, v_F, m_e):
    """Lindhard (eps1, eps2) at real omega > 0, k > 0 (contract section 2)."""
    u = omega / (k * v_F)
    z = k / (2.0 * m_e * v_F)
    pref = 3.0 * omega_p * omega_p / (v_F * v_F * k * k)
    if abs(z - u) > 4.0 and abs(z + u) > 4.0:
        eps1 = 1.0 + pref * _bracket_series(z, u)
    else:
        eps1 = 1.0 + pref * (0.5 + (_g(z - u) + _g(z + u)) / (8.0 * z))
    if u + z <= 1.0:
        eps2 = pref * math.pi * u / 2.0
    elif abs(z - u) < 1.0:
        eps2 = pref * math.pi * (1.0 - (z - u) * (z - u)) / (8.0 * z)
    else:
        eps2 = 0.0
    return eps1, eps2


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def lindhard_elf_scalar(omega, k, omega_p, v_F, m_e):
    """Lindhard ELF Im[-1/eps] without the plasmon pole."""
    e1, e2 = lindhard_eps(omega, k, omega_p, v_F, m_e)
    if e2 <= 0.0:
        return 0.0
    return e2 / (e1 * e1 + e2 * e2)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _gc(x):
    """Complex g: (1 - x^2) Log((x + 1)/(x - 1)), principal branch."""
    return (1.0 - x * x) * cmath.log((x + 1.0) / (x - 1.0))


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def lindhard_complex(omega_c, k, omega_p, v_F, m_e):
    """Lindhard eps(k, omega) for complex omega with Im omega > 0.

    Analytic continuation of the contract's closed form (retarded branch);
    reduces to :func:`lindhard_eps` as Im omega -> 0+.
    """
    u = omega_c / (k * v_F)
    z = k / (2.0 * m_e * v_F)
    pref = 3.0 * omega_p * omega_p / (v_F * v_F * k * k)
    if abs(z - u) > 4.0 and abs(z + u) > 4.0:
        return 1.0 + pref * _bracket_series(z, u)
    return 1.0 + pref * (0.5 + (_gc(z - u) + _gc(z + u)) / (8.0 * z))


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _bracket_series(z, u):
    """1/2 + (g(z-u) + g(z+u))/(8z) for |z -+ u| > 1 without cancellation.

    From ln((x+1)/(x-1)) = 2 sum_n x^-(2n+1)/(2n+1):
    g(x) = -2x + sum_n 4 x^-(2n+1) / ((2n+1)(2n+3)), so the bracket is
    (1/(2z)) sum_n S_n/((2n+1)(2n+3)), S_n = a^m + b^m, m = 2n+1,
    a = 1/(z+u), b = 1/(z-u); S_n = (a+b) * sum_j a^(m-1-j) (-b)^j with
    a + b = 2z/(z^2 - u^2) taken analytically.
    """
    a = 1.0 / (z + u)
    b = 1.0 / (z - u)
    nb_ = -b
    total = 0.0 * a
    t = 1.0 + 0.0 * a  # T_0
    pb = 1.0 + 0.0 * a  # (-b)^(m-1)
    for n in range(24):
        m = 2 * n + 1
        total += t / (m * (m + 2))
        # next T: sum over j=0..m+1 of a^(m+1-j)(-b)^j = a^2 T + (-b)^m * (a + (-b)) ... computed as
        # a^2*T + a*(-b)^m + (-b)^(m+1)
        pb_m = pb * nb_  # (-b)^m
        t = a * a * t + a * pb_m + pb_m * nb_
        pb = pb_m * nb_
    return total / (z * z - u * u)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def mermin_elf_scalar(omega, k, omega_p, v_F, m_e, gamma):
    """Mermin (1970) ELF with relaxation rate gamma (no gap), omega > 0."""
    if omega <= 0.0:
        return 0.0
    if gamma <= 0.0:
        return lindhard_elf_scalar(omega, k, omega_p, v_F, m_e)
    eps_c = lindhard_complex(complex(omega, gamma), k, omega_p, v_F, m_e)
    e0, _ = lindhard_eps(1e-12 * k * v_F, k, omega_p, v_F, m_e)  # static limit
    r = 1j * gamma / omega
    num = (1.0 + r) * (eps_c - 1.0)
    den = 1.0 + r * (eps_c - 1.0) / (e0 - 1.0)
    eps_m = 1.0 + num / den
    val = (-1.0 / eps_m).imag
    return val if val > 0.0 else 0.0  # noqa: FURB136 (max() would pass a NaN through in numba)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def mll_elf_scalar(omega, k, omega_p, v_F, m_e, gamma, E_gap):
    """Mermin-Levine-Louie ELF: Mermin ELF at sqrt(omega^2 - E_gap^2)."""
    if omega <= E_gap:
        return 0.0
    w = math.sqrt(omega * omega - E_gap * E_gap)
    return mermin_elf_scalar(w, k, omega_p, v_F, m_e, gamma)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def elf_scalar(model, omega, k, omega_p, v_F, m_e, gamma, E_gap):
    """ELF dispatch: model 0 = Lindhard, 1 = Mermin-Levine-Louie."""
    if model == 0:
        return lindhard_elf_scalar(omega, k, omega_p, v_F, m_e)
    return mll_elf_scalar(omega, k, omega_p, v_F, m_e, gamma, E_gap)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _elf_grid(model, omega, k, omega_p, v_F, m_e, gamma, E_gap):
    out = np.empty(omega.size)
    for i in range(omega.size):
        out[i] = elf_scalar(model, omega[i], k[i], omega_p, v_F, m_e, gamma, E_gap)
    return out


# --------------------------------------------------------------------------- #
# public wrappers
# --------------------------------------------------------------------------- #
def _model_index(model: str) -> int:
    V.one_of("elf", model, ELF_MODELS)
    return ELF_MODELS.index(model)


def elf(
    omega_eV,
    k_eV,
    omega_p_eV: float,
    model: str = "lindhard",
    *,
    E_gap_eV: float = 0.0,
    gamma_eV: float = DEFAULT_GAMMA_EV,
    alpha: float = C.ALPHA_EM,
    m_e_eV: float = C.M_ELECTRON_EV,
) -> np.ndarray:
    """Energy-loss function Im[-1/eps(k, omega)] (dimensionless).

    ``omega_eV`` and ``k_eV`` broadcast against each other; returns a float
    array of the broadcast shape. ``model`` is "lindhard" (contract section 2
    closed form, plasmon pole excluded) or "mermin" (Mermin-Levine-Louie with
    plasmon width ``gamma_eV`` and gap ``E_gap_eV``; see module docstring).
    """
    idx = _model_index(model)
    wp = V.positive("omega_p_eV", omega_p_eV, "eV")
    gap = V.in_range("E_gap_eV", E_gap_eV, 0.0, None, units="eV")
    gam = V.in_range("gamma_eV", gamma_eV, 0.0, None, units="eV")
    om = np.asarray(omega_eV, dtype=float)
    kk = np.asarray(k_eV, dtype=float)
    if not (np.all(np.isfinite(om)) and np.all(om > 0)):
        raise ValueError("omega_eV must be in (0, inf) eV")
    if not (np.all(np.isfinite(kk)) and np.all(kk > 0)):
        raise ValueError("k_eV must be in (0, inf) eV")
    om_b, k_b = np.broadcast_arrays(om, kk)
    v_F = fermi_velocity(wp, m_e_eV, alpha)
    out = _elf_grid(idx, om_b.ravel().copy(), k_b.ravel().copy(), wp, v_F, m_e_eV, gam, gap)
    return out.reshape(om_b.shape)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _lindhard_eps1_only(omega, k, omega_p, v_F, m_e):
    e1, _ = lindhard_eps(omega, k, omega_p, v_F, m_e)
    return e1


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _plasmon_pole(k, omega_p, v_F, m_e):
    """(omega_pl, weight) of the Lindhard pole pi*delta(eps1): weight = pi/|d eps1/d omega|."""
    w_edge = k * v_F + k * k / (2.0 * m_e)  # upper edge of the particle-hole continuum
    lo = w_edge * (1.0 + 1e-12) + 1e-12
    if _lindhard_eps1_only(lo, k, omega_p, v_F, m_e) >= 0.0:
        return 0.0, 0.0
    hi = max(2.0 * lo, 2.0 * omega_p)
    while _lindhard_eps1_only(hi, k, omega_p, v_F, m_e) < 0.0:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if _lindhard_eps1_only(mid, k, omega_p, v_F, m_e) < 0.0:
            lo = mid
        else:
            hi = mid
    w = 0.5 * (lo + hi)
    h = 1e-6 * w
    d = (
        _lindhard_eps1_only(w + h, k, omega_p, v_F, m_e) - _lindhard_eps1_only(w - h, k, omega_p, v_F, m_e)
    ) / (2 * h)
    return w, math.pi / abs(d)


def lindhard_plasmon_pole(
    k_eV: float,
    omega_p_eV: float,
    *,
    alpha: float = C.ALPHA_EM,
    m_e_eV: float = C.M_ELECTRON_EV,
) -> tuple[float, float]:
    """Undamped Lindhard plasmon at momentum k: (omega_pl [eV], pole weight [1/eV]).

    Near the pole ELF = weight * delta(omega - omega_pl), weight = pi/|d eps1/d omega|.
    Returns (0, 0) once the plasmon has entered the particle-hole continuum.
    """
    k = V.positive("k_eV", k_eV, "eV")
    wp = V.positive("omega_p_eV", omega_p_eV, "eV")
    v_F = fermi_velocity(wp, m_e_eV, alpha)
    w, wt = _plasmon_pole(k, wp, v_F, m_e_eV)
    return float(w), float(wt)


_GL_X16, _GL_W16 = np.polynomial.legendre.leggauss(16)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _composite_gl(model, k, a, b, npan, log_map, omega_p, v_F, m_e, gamma, E_gap, xg, wg):
    """int_a^b omega ELF d omega with npan Gauss-Legendre panels (optionally in log)."""
    total = 0.0
    if b <= a:
        return 0.0
    if log_map:
        la = math.log(a)
        lb = math.log(b)
        h = (lb - la) / npan
        for p in range(npan):
            c = la + (p + 0.5) * h
            for j in range(xg.size):
                t = c + 0.5 * h * xg[j]
                w = math.exp(t)
                total += 0.5 * h * wg[j] * w * w * elf_scalar(model, w, k, omega_p, v_F, m_e, gamma, E_gap)
    else:
        h = (b - a) / npan
        for p in range(npan):
            c = a + (p + 0.5) * h
            for j in range(xg.size):
                w = c + 0.5 * h * xg[j]
                total += 0.5 * h * wg[j] * w * elf_scalar(model, w, k, omega_p, v_F, m_e, gamma, E_gap)
    return total


def f_sum_integral(
    k_eV: float,
    omega_p_eV: float,
    model: str = "lindhard",
    *,
    E_gap_eV: float = 0.0,
    gamma_eV: float = DEFAULT_GAMMA_EV,
    include_pole: bool = True,
    alpha: float = C.ALPHA_EM,
    m_e_eV: float = C.M_ELECTRON_EV,
) -> float:
    """Numerical int_0^inf omega ELF(k, omega) d omega [eV^2] at fixed k.

    Should equal (pi/2) omega_p^2 (f-sum rule). For "lindhard" the continuum
    part is integrated piecewise between its analytic edges and, if
    ``include_pole``, the undamped plasmon pole adds omega_pl * weight.
    For "mermin" the integral runs on log panels from E_gap to 1e6 eV.
    """
    idx = _model_index(model)
    k = V.positive("k_eV", k_eV, "eV")
    wp = V.positive("omega_p_eV", omega_p_eV, "eV")
    gap = V.in_range("E_gap_eV", E_gap_eV, 0.0, None, units="eV")
    gam = V.in_range("gamma_eV", gamma_eV, 0.0, None, units="eV")
    v_F = fermi_velocity(wp, m_e_eV, alpha)
    xg, wg = _GL_X16, _GL_W16
    if idx == 0:
        z = k / (2.0 * m_e_eV * v_F)
        w_lo = max(0.0, k * v_F * (z - 1.0))
        w_hi = k * v_F * (z + 1.0)
        w_mid = k * v_F * (1.0 - z) if z < 1.0 else w_lo
        total = _composite_gl(0, k, w_lo, w_mid, 200, False, wp, v_F, m_e_eV, gam, gap, xg, wg)
        total += _composite_gl(0, k, w_mid, w_hi, 400, False, wp, v_F, m_e_eV, gam, gap, xg, wg)
        if include_pole:
            w_pl, weight = _plasmon_pole(k, wp, v_F, m_e_eV)
            total += w_pl * weight
        return float(total)
    lo = gap + 1e-6
    return float(_composite_gl(1, k, lo, 1.0e6, 3000, True, wp, v_F, m_e_eV, gam, gap, xg, wg))


def warm_up() -> None:
    """Compile the kernels the app uses with tiny inputs (the plasmon pole and the f-sum integral, for the
    tests and the CLI, compile on first use)."""
    elf(np.array([5.0]), np.array([1000.0]), 16.6, "lindhard")
    elf(np.array([5.0]), np.array([1000.0]), 16.6, "mermin", E_gap_eV=1.1)
