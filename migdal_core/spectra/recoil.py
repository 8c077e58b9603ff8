"""Nuclear side of the Migdal rate: J(v, omega) = int dE_N E_N dsigma/dE_N and its velocity average.

Free ion (contract section 2; Knapen, Kozaczuk & Lin, PRL 127 (2021) 081805):
heavy / general-mass / massless mediator, q_min raised to sqrt(2 m_N E_th).

Impulse approximation (Knapen et al. 2021; DarkELF ``_J(approximation="impulse")``):
the nucleus starts in the harmonic-oscillator ground state, momentum density
exp(-p^2/Delta^2), Delta = sqrt(omegabar m_N). Our impulse J is

    J = A^2 sigma_n / (4 sqrt(pi) mu_n^2 m_N Delta v^2)
        int dq F_med(q)^2 [G(q, qN_max(q)) - G(q, qN_min)],
    qN_max(q) = sqrt(2 m_N (q v - q^2/(2 m_chi) - omega)),  qN_min = sqrt(2 m_N E_th),
    G(q, x) = -(Delta^2/2)(x^2+xq+q^2+Delta^2) e^{-(x-q)^2/Delta^2}
              +(Delta^2/2)(x^2-xq+q^2+Delta^2) e^{-(x+q)^2/Delta^2}
              +(sqrt(pi) Delta/4) q (2q^2+3Delta^2) [erf((x-q)/Delta) + erf((x+q)/Delta)]

(the antiderivative of x^3 [e^{-(x-q)^2/Delta^2} - e^{-(x+q)^2/Delta^2}],
derived here; it equals DarkELF's closed form times Delta/4). It reduces to
the free-ion J as Delta -> 0. The atomic rate uses the free J with the Helm
form factor (Lewin & Smith, Astropart. Phys. 6 (1996) 87, eq. 4.7), as wimprates.
"""

from __future__ import annotations

import math
from collections import namedtuple

import numba as nb
import numpy as np

from migdal_core import halo as H
from migdal_core.numerics import sorted_small
from migdal_core.spectra import helm as HM
from migdal_core.spectra.helm import helm2
from migdal_core.spectra.impulse import ridge_double_integral

#: Parameters of J (all in eV except the Helm radii in fm); pref = A^2/mu_n^2, so J is per sigma_n.
#: approx: 0 free, 1 impulse; med: 0 heavy, 1 light, 2 general; darkelf_vlo: DarkELF's impulse v_min;
#: helm_values, helm_slopes: the Helm moment table of the free-ion J (:func:`.helm.moment_table`).
RecoilParams = namedtuple(
    "RecoilParams",
    "approx m_N m_chi mu_N pref q_th width med m_med q0 helm rn sn darkelf_vlo helm_values helm_slopes",
)
#: Halo speeds in units of c.
HaloSpeeds = namedtuple("HaloSpeeds", "v0 vesc vE")


def _gl(n):
    return tuple(np.ascontiguousarray(a) for a in np.polynomial.legendre.leggauss(n))


_XV, _WV = _gl(32)  # velocity: per segment (split at v_esc - vE)
# Impulse J costs ~100 free-ion J each: 8 velocity nodes per segment, on the segment that starts at
# v_min in t with v = v_min + (b - v_min) t^2 (the q range opens as sqrt(v - v_min) there), keep the
# n-electron rates within 1.2e-4 of 64 such nodes (Si, Ge; heavy, light; m_chi 30 MeV - 10 GeV;
# tests/test_spectra.py); 16 plain Gauss-Legendre nodes, at twice the cost, were within 2.4e-4.
_XV_IMPULSE, _WV_IMPULSE = _gl(8)
_XQ, _WQ = _gl(8)  # impulse q integral: per piece between break points
_XH, _WH = _gl(48)  # free-ion q integral with the Helm form factor, general-mass mediator


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def mediator_form_factor2(q, med, m_med, q0):
    """Mediator form factor squared, normalised to 1 at q0 (heavy: 1)."""
    if med == 0:
        return 1.0
    if med == 1:
        return (q0 * q0 / (q * q)) ** 2
    return ((q0 * q0 + m_med * m_med) / (q * q + m_med * m_med)) ** 2


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _h_med(a):
    """h(a) = ln(1+a) - a/(1+a), stable for small a."""
    if a < 1e-3:
        return a * a * (0.5 - a * (2.0 / 3.0 - 0.75 * a))
    return math.log1p(a) - a / (1.0 + a)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def J_free(v, omega, r):
    """Free-ion J(v, omega) times r.pref/(A^2/mu_n^2) [eV] (contract section 2)."""
    arg = 1.0 - 2.0 * omega / (r.mu_N * v * v)
    if arg <= 0.0:
        return 0.0
    sq = math.sqrt(arg)
    qmax = r.mu_N * v * (1.0 + sq)
    qmin = max(r.mu_N * v * (1.0 - sq), r.q_th)
    if qmin >= qmax:
        return 0.0
    base = r.pref / (r.m_N * v * v)
    if r.helm and r.med < 2:  # tabulated Helm moments (.helm); power from r.med: no literal specialisation
        power = 4 - 4 * r.med
        hi = HM.moment(qmax, r.helm_values, r.helm_slopes, power)
        lo = HM.moment(qmin, r.helm_values, r.helm_slopes, power)
        if r.med == 0:  # A^2/(4 mu^2 m_N v^2) int q^3 F_helm^2 dq
            return base * (qmax**4 * hi - qmin**4 * lo) / 16.0
        return base * r.q0**4 / 4.0 * (math.log(qmax / qmin) + hi - lo)  # ... q0^4 int F_helm^2 dq / q
    if r.helm:
        # numeric: A^2/(4 mu^2 m_N v^2) int q^3 F_med^2 F_helm^2 dq
        tot = 0.0
        half = 0.5 * (qmax - qmin)
        mid = 0.5 * (qmax + qmin)
        for j in range(_XH.size):
            q = mid + half * _XH[j]
            tot += _WH[j] * q * q * q * mediator_form_factor2(q, r.med, r.m_med, r.q0) * helm2(q, r.rn, r.sn)
        return base * 0.25 * half * tot
    if r.med == 0:
        return base * (qmax**4 - qmin**4) / 16.0
    if r.med == 1:
        return base * r.q0**4 / 8.0 * 2.0 * math.log(qmax / qmin)
    m2 = r.m_med * r.m_med
    return base * (r.q0 * r.q0 + m2) ** 2 / 8.0 * (_h_med(qmax * qmax / m2) - _h_med(qmin * qmin / m2))


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _erf_diff(x1, x2):
    """erf(x2) - erf(x1), using erfc in the tails for accuracy."""
    if x1 > 0.0 and x2 > 0.0:
        return math.erfc(x1) - math.erfc(x2)
    if x1 < 0.0 and x2 < 0.0:
        return math.erfc(-x2) - math.erfc(-x1)
    return math.erf(x2) - math.erf(x1)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def smeared_cubic_integral(q, x1, x2, width):
    """G(q, x2) - G(q, x1) = int_x1^x2 x^3 [e^{-(x-q)^2/width^2} - e^{-(x+q)^2/width^2}] dx."""
    d2 = width * width
    t1 = (x1 - q) / width
    t2 = (x2 - q) / width
    if t2 < -6.5 or t1 > 6.5:
        return 0.0  # the Gaussian around x = q misses [x1, x2] (e^-42 ~ 1e-18)
    if t1 < -6.5 and t2 > 6.5 and (x1 + q) / width > 6.5:
        return math.sqrt(math.pi) * width / 2.0 * q * (2.0 * q * q + 3.0 * d2)  # full Gaussian inside
    res = 0.0
    for x, sgn in ((x2, 1.0), (x1, -1.0)):
        e1 = math.exp(-((x - q) ** 2) / d2)
        e2 = math.exp(-((x + q) ** 2) / d2)
        res += sgn * (
            -0.5 * d2 * (x * x + x * q + q * q + d2) * e1 + 0.5 * d2 * (x * x - x * q + q * q + d2) * e2
        )
    c = math.sqrt(math.pi) * width / 4.0 * q * (2.0 * q * q + 3.0 * d2)
    res += c * (_erf_diff((x1 - q) / width, (x2 - q) / width) + _erf_diff((x1 + q) / width, (x2 + q) / width))
    return res


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _impulse_q_range(v, omega, r):
    """(q_lo, q_hi) outside which the impulse integrand vanishes (0, 0 if empty)."""
    e_min = omega + r.q_th * r.q_th / (2.0 * r.m_N)
    arg = 1.0 - 2.0 * e_min / (r.m_chi * v * v)
    if arg <= 0.0:
        return 0.0, 0.0
    sq = math.sqrt(arg)
    qlo = r.m_chi * v * (1.0 - sq)
    qhi = r.m_chi * v * (1.0 + sq)
    if qlo <= 0.0:
        qlo = 2.0 * e_min / v * 0.5  # q v >= e_min (rounding guard)
    # Trim where smeared_cubic_integral vanishes identically: q < q_th - 6.5 Delta,
    # and q above the larger root of qN_max(q) = q - 6.5 Delta.
    if r.q_th > 0.0:
        qlo = max(qlo, r.q_th - 6.5 * r.width)
    b6 = v + 6.5 * r.width / r.m_N
    d6 = b6 * b6 - 2.0 * ((6.5 * r.width) ** 2 / (2.0 * r.m_N) + omega) / r.mu_N
    if d6 > 0.0:
        q_up = r.mu_N * (b6 + math.sqrt(d6))
        if q_up > 6.5 * r.width:
            qhi = min(qhi, q_up)
    return qlo, qhi


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def J_impulse(v, omega, r):
    """Impulse-approximation J(v, omega) times r.pref/(A^2/mu_n^2) [eV] (module docstring).

    Heavy and massless mediators without a nuclear form factor: the ridge form of :mod:`.impulse`
    (analytic in q); otherwise Gauss-Legendre in log q between the break points below.
    """
    prefactor = r.pref / (4.0 * math.sqrt(math.pi) * r.m_N * r.width * v * v)
    if not r.helm and r.med != 2:
        return prefactor * ridge_double_integral(v, omega, r)
    qlo, qhi = _impulse_q_range(v, omega, r)
    if qhi <= qlo:
        return 0.0
    # Break points. The integrand is the free-ion one smeared by the Gaussian
    # of width Delta: it switches on/off where qN_max(q) = q + s and where
    # q = qN_min + s, |s| <~ few Delta; near q_max qN_max(q) changes fast, so
    # those edges are only ~100 eV wide. Solving qN_max(q)^2 = (q + s)^2:
    #   q^2/(2 mu_N) - q (v - s/m_N) + s^2/(2 m_N) + omega = 0.
    # Each piece gets a Gauss-Legendre rule in log q.
    pts = np.empty(40)
    pts[0] = qlo
    pts[1] = qhi
    n = 2
    for s_f in (-5.0, -2.0, 0.0, 2.0, 5.0):
        sh = s_f * r.width
        b = v - sh / r.m_N
        disc = b * b - 2.0 * (sh * sh / (2.0 * r.m_N) + omega) / r.mu_N
        if disc > 0.0:
            root = math.sqrt(disc)
            for qq in (r.mu_N * (b - root), r.mu_N * (b + root)):
                if qq > qlo and qq < qhi:
                    pts[n] = qq
                    n += 1
        qq = r.q_th + sh
        if r.q_th > 0.0 and qq > qlo and qq < qhi:
            pts[n] = qq
            n += 1
    pts = sorted_small(pts[:n])
    tot = 0.0
    for sgm in range(n - 1):
        la = math.log(pts[sgm])
        lb = math.log(pts[sgm + 1])
        if lb - la < 1e-14:
            continue
        h = lb - la
        c = 0.5 * (la + lb)
        for j in range(_XQ.size):
            q = math.exp(c + 0.5 * h * _XQ[j])
            en = q * v - q * q / (2.0 * r.m_chi) - omega
            if en <= 0.0:
                continue
            qn_max = math.sqrt(2.0 * r.m_N * en)
            if qn_max <= r.q_th:
                continue
            w = mediator_form_factor2(q, r.med, r.m_med, r.q0)
            if r.helm:
                w *= helm2(q, r.rn, r.sn)
            tot += 0.5 * h * _WQ[j] * q * w * smeared_cubic_integral(q, r.q_th, qn_max, r.width)
    return prefactor * tot


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _v_min(omega, r):
    """Lowest DM speed that can deposit omega with a nuclear recoil above the cut."""
    if r.approx == 0:
        if r.q_th * r.q_th > 2.0 * r.mu_N * omega:
            return r.q_th / (2.0 * r.mu_N) + omega / r.q_th
        return math.sqrt(2.0 * omega / r.mu_N)
    vlo = math.sqrt(2.0 * (omega + r.q_th * r.q_th / (2.0 * r.m_N)) / r.m_chi)
    if r.darkelf_vlo:
        vlo = max(vlo, math.sqrt(2.0 * omega / r.mu_N))
    return vlo


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def velocity_integrals(omegas, r, halo):
    """int dv v f(v) J(v, omega) for each omega (per unit sigma_n when r.pref = A^2/mu_n^2)."""
    norm = H.norm_kernel(halo.v0, halo.vesc)
    vmax = halo.vesc + halo.vE
    vkink = halo.vesc - halo.vE
    xv, wv = (_XV, _WV) if r.approx == 0 else (_XV_IMPULSE, _WV_IMPULSE)
    out = np.zeros(omegas.size)
    for i in range(omegas.size):
        w = omegas[i]
        vlo = _v_min(w, r)
        if vlo >= vmax:
            continue
        tot = 0.0
        onset = r.approx == 1  # impulse: the first non-empty segment starts at the sqrt onset v_min
        for a, b in ((vlo, min(vkink, vmax)), (max(vlo, vkink), vmax)):
            if b <= a:
                continue
            for j in range(xv.size):
                if onset:
                    t = 0.5 * (1.0 + xv[j])
                    v = a + (b - a) * t * t
                    weight = (b - a) * t * wv[j]
                else:
                    v = 0.5 * (b + a) + 0.5 * (b - a) * xv[j]
                    weight = 0.5 * (b - a) * wv[j]
                fv = H.fv_kernel(v, halo.v0, halo.vesc, halo.vE, norm)
                if fv == 0.0:
                    continue
                J = J_free(v, w, r) if r.approx == 0 else J_impulse(v, w, r)
                tot += weight * v * fv * J
            onset = False
        out[i] = tot
    return out


def recoil_params(inputs) -> RecoilParams:
    """The :class:`RecoilParams` of resolved :class:`~migdal_core.spectra.inputs.SpectrumInputs`."""
    return RecoilParams(
        int(inputs.approximation == "impulse"),
        float(inputs.m_N_eV),
        float(inputs.m_chi_eV),
        float(inputs.mu_N_eV),
        float(inputs.A**2 / inputs.mu_n_eV**2),
        float(inputs.q_th_eV),
        float(inputs.width_eV),
        int(inputs.mediator_code),
        float(inputs.m_med_eV),
        float(inputs.q0_eV),
        bool(inputs.nuclear_form_factor),
        float(inputs.helm_rn_fm),
        float(inputs.helm_s_fm),
        bool(inputs.conventions == "darkelf"),
        *(
            HM.moment_table(inputs.helm_rn_fm, inputs.helm_s_fm, inputs.mediator_code)
            if inputs.nuclear_form_factor
            else (HM.NO_TABLE, HM.NO_TABLE)
        ),
    )


def halo_speeds(inputs) -> HaloSpeeds:
    """Halo speeds of ``inputs`` in units of c."""
    c = inputs.c_kms
    return HaloSpeeds(float(inputs.v0_kms / c), float(inputs.vesc_kms / c), float(inputs.vE_kms / c))


def velocity_integral(omegas: np.ndarray, inputs) -> np.ndarray:
    """int dv v f(v) J(v, omega) per unit sigma_n at each omega (the DM side of the rate)."""
    return velocity_integrals(omegas, recoil_params(inputs), halo_speeds(inputs))


def omega_max_eV(inputs) -> float:
    """Kinematic endpoint of the spectrum [eV]."""
    vmax = (inputs.vesc_kms + inputs.vE_kms) / inputs.c_kms
    if inputs.approximation == "impulse":
        # DM energy loss q v - q^2/(2 m_chi) <= m_chi v^2/2 must cover omega + E_th
        return max(0.0, 0.5 * inputs.m_chi_eV * vmax**2 - inputs.E_th_eV)
    mu, q_th = inputs.mu_N_eV, inputs.q_th_eV
    if q_th <= mu * vmax:
        return 0.5 * mu * vmax**2
    # q_max(v_max) >= q_th  <=>  omega <= q_th v_max - q_th^2/(2 mu_N)
    return max(0.0, q_th * vmax - q_th * q_th / (2.0 * mu))
