"""First-order vertex correction: P(Q) and its Fermi-surface average P_V(Q_c) (PSG model).

Pietronero, Strässler, Grimaldi, PRB 52, 10516 (1995); physics contract §3. Units E_F = k_F = 1,
m = eta = omega_0/E_F, Q = |k - k'|/2k_F, Q_c = q_c/2k_F, band |xi| <= 1 on every internal line,
coupling g theta(q_c - |q|) with lambda = 2 g^2 N_0 Q_c^2 / w0, N_0 = 1/(4 pi^2):

    Gamma1(k,w1; k',w2) = -g^2 sum_x  int dnu/2pi  D(w1 - nu) G(k-x, i nu) G(k'-x, i nu + i(w2-w1))

With the frequency integral K (:mod:`.frequency_integrals`) and Sum_x = int d^3x/(2 pi)^3,

    P(Q)   = Gamma1 / lambda = -(w0 / (4 pi Q_c^2)) int_{|x|<2Q_c} d^3x K
    P_V    = <P(Q)>_{k' on FS, |k-k'| < q_c} = (1/Q_c^2) int_0^{Q_c^2} P(Q) d(Q^2)

(the Fermi-surface measure is uniform in Q^2). Only the real part is returned by ``vertex_PV``
(the (0, w0) configuration has a small imaginary part). Quadrature error of the default rule
(:mod:`.quadrature`), compared with 2-3x the nodes in every dimension: <= 2.5e-3 for P_V (dynamic and
static, eta in [0.02, 20]); against the contract's m = 0.1 table the largest deviation is 3e-3
(converged rule: 1.2e-3). A 40-point curve takes ~50 ms (dynamic) / ~150 ms (static) on one core;
a 40-point P(Q) curve ~12 / ~20 ms.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from migdal_core.validation import in_range
from migdal_core.vertex.frequency_integrals import frequency_integral
from migdal_core.vertex.inputs import check_eta, check_qc, frequency_pair
from migdal_core.vertex.quadrature import grids, polar_nodes

# quadrature orders (Gauss-Legendre nodes per panel): (nQ, nr, nu, nphi)
ORDERS_PV = {"dynamic": (6, 8, 8, 8), "static": (10, 10, 10, 10)}
# P(Q): the azimuth, graded towards its sharp point on both sides, needs fewer nodes than the other
# two dimensions: with 6 / 8 instead of 12 / 16 the curve moves by <= 7e-4 / 3e-4 (P(Q) ~ 0.01-1), 5 and
# 20 times less than the rule's own error against (1, 24, 28, 28) (3.6e-3 / 7.1e-3 at Q > 0), at half the
# cost (tests/test_panel_subresults_frozen.py)
ORDERS_PQ = {"dynamic": (1, 10, 12, 6), "static": (1, 12, 16, 8)}


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _angular_vertex(r, c, s, w0, w1, w2, tu, wu, tp, wp):
    """r^2 * int du dphi K(xi1, xi2) over the sphere |x| = r (both |xi| <= 1).

    xi1 = r^2 - 2 r u, xi2 = r^2 - 2 r v, v = c u + s sqrt(1-u^2) cos(phi),
    u = cos(angle(x, k)), c = cos(angle(k, k')), s = sin(angle(k, k')).
    """
    if r <= 0.0:
        return 0.0 + 0.0j
    ulo = max(-1.0, (r * r - 1.0) / (2.0 * r))
    uhi = min(1.0, (r * r + 1.0) / (2.0 * r))
    if uhi <= ulo:
        return 0.0 + 0.0j
    u0 = 0.5 * r
    vlo = (r * r - 1.0) / (2.0 * r)
    vhi = (r * r + 1.0) / (2.0 * r)
    total = 0.0 + 0.0j
    theta = math.acos(max(-1.0, min(1.0, c)))
    a0 = math.acos(min(1.0, u0))
    brks = np.array([a0, a0 - theta, a0 + theta])
    us, ws = polar_nodes(ulo, uhi, brks, a0, tu, wu)
    for i in range(us.size):
        u = us[i]
        wt_u = ws[i]
        xi1 = r * r - 2.0 * r * u
        b = s * math.sqrt(max(0.0, 1.0 - u * u))
        cu = c * u
        if b < 1e-14:
            v = cu
            if v < vlo or v > vhi:
                continue
            xi2 = r * r - 2.0 * r * v
            total += wt_u * 2.0 * math.pi * frequency_integral(xi1, xi2, w0, w1, w2)
            continue
        clo = max(-1.0, (vlo - cu) / b)
        chi = min(1.0, (vhi - cu) / b)
        if chi <= clo:
            continue
        plo = math.acos(chi)  # phi small <-> cos large
        phi_hi = math.acos(clo)
        c0 = (u0 - cu) / b
        if c0 > clo and c0 < chi:
            p0 = math.acos(c0)
        else:
            p0 = plo if c0 >= chi else phi_hi
        acc = 0.0 + 0.0j
        for pside in range(2):
            if pside == 0:
                hp = plo - p0
            else:
                hp = phi_hi - p0
            if hp == 0.0:
                continue
            for j in range(tp.size):
                tt = tp[j]
                phi = p0 + hp * tt * tt
                wt = wp[j] * 2.0 * abs(hp) * tt
                v = cu + b * math.cos(phi)
                xi2 = r * r - 2.0 * r * v
                acc += wt * frequency_integral(xi1, xi2, w0, w1, w2)
        total += wt_u * 2.0 * acc  # phi in [0, pi] -> x2
    return r * r * total


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _radial_vertex(q, rmax, w0, w1, w2, tr, wr, tu, wu, tp, wp):
    """int_0^rmax dr r^2 int dOmega K at momentum transfer Q = q (complex)."""
    c = 1.0 - 2.0 * q * q
    s = 2.0 * q * math.sqrt(max(0.0, 1.0 - q * q))
    # radial break points: band cut-off enters at sqrt(2)-1, and r = 1
    brk = np.empty(4)
    nb = 0
    brk[nb] = 0.0
    nb += 1
    for cand in (math.sqrt(2.0) - 1.0, 1.0):
        if cand < rmax:
            brk[nb] = cand
            nb += 1
    brk[nb] = rmax
    nb += 1
    total = 0.0 + 0.0j
    for p in range(nb - 1):
        a = brk[p]
        h = brk[p + 1] - a
        for i in range(tr.size):
            r = a + h * tr[i]
            total += wr[i] * h * _angular_vertex(r, c, s, w0, w1, w2, tu, wu, tp, wp)
    return total


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _pv_curve(qcs, w0, w1, w2, tq, wq, tr, wr, tu, wu, tp, wp):
    """Real and imaginary P_V(Q_c) for an array of Q_c."""
    out = np.empty((qcs.size, 2))
    for n in range(qcs.size):
        qc = qcs[n]
        acc = 0.0 + 0.0j
        for i in range(tq.size):
            y = qc * qc * tq[i]  # y = Q^2, uniform FS measure
            acc += wq[i] * _radial_vertex(math.sqrt(y), 2.0 * qc, w0, w1, w2, tr, wr, tu, wu, tp, wp)
        # (1/Qc^2) int_0^{Qc^2} dy P  with P = -(w0/(4 pi Qc^2)) int d^3x K
        val = -(w0 / (4.0 * math.pi * qc * qc)) * acc
        out[n, 0] = val.real
        out[n, 1] = val.imag
    return out


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _pq_curve(qs, qc, w0, w1, w2, tr, wr, tu, wu, tp, wp):
    """P(Q) (real, imag) at fixed Q_c for an array of Q."""
    out = np.empty((qs.size, 2))
    for n in range(qs.size):
        val = -(w0 / (4.0 * math.pi * qc * qc)) * _radial_vertex(
            qs[n], 2.0 * qc, w0, w1, w2, tr, wr, tu, wu, tp, wp
        )
        out[n, 0] = val.real
        out[n, 1] = val.imag
    return out


def _pv_complex(eta: float, qcs: np.ndarray, w1: float, w2: float, orders) -> np.ndarray:
    tq, wq, tr, wr, tu, wu, tp, wp = grids(orders)
    out = _pv_curve(
        np.ascontiguousarray(qcs.ravel(), dtype=np.float64), eta, w1, w2, tq, wq, tr, wr, tu, wu, tp, wp
    )
    return (out[:, 0] + 1j * out[:, 1]).reshape(qcs.shape)


def vertex_PV(eta, Qc, frequencies: str = "dynamic", *, orders=None):
    """Fermi-surface-averaged first-order vertex correction P_V(Q_c; eta).

    Parameters
    ----------
    eta : float in (0, 1000]
        adiabatic ratio m = omega_0 / E_F (dimensionless).
    Qc : float or array of floats in (0, 1]
        phonon momentum cut-off q_c / 2k_F.
    frequencies : "dynamic" (external fermion frequencies (0, omega_0), default)
        or "static" ((0, 0)).

    Returns
    -------
    float or ndarray (same shape as ``Qc``): Re P_V, dimensionless
    (Gamma^(1) = lambda P_V; contract §3, PSG I eq. for P_V).
    """
    eta = check_eta(eta)
    qcs, scalar = check_qc(Qc)
    w1, w2 = frequency_pair(eta, frequencies)
    vals = _pv_complex(eta, qcs, w1, w2, orders or ORDERS_PV[frequencies]).real
    return float(vals) if scalar else vals


def vertex_PV_general(eta, Qc, omega1, omega2, *, orders=None):
    """Complex P_V for arbitrary external fermion frequencies (units of E_F).

    For Ward-identity checks: symmetric (-nu/2, +nu/2) with Q_c -> 0 gives
    P_V -> (8 Q_c/3) m / (m^2 + nu^2/4); (0, 0) gives -1 + 8 Q_c/(3 m).
    Returns a complex number (or complex array of the shape of Qc).
    """
    eta = check_eta(eta)
    qcs, scalar = check_qc(Qc)
    w1 = in_range("omega1", omega1, -1e3, 1e3)
    w2 = in_range("omega2", omega2, -1e3, 1e3)
    orders = orders or (ORDERS_PV["static"] if w1 == w2 else ORDERS_PV["dynamic"])
    vals = _pv_complex(eta, qcs, w1, w2, orders)
    return complex(vals) if scalar else vals


def vertex_P_of_Q(eta, Qc, Q, frequencies: str = "dynamic", *, orders=None):
    """Vertex P(Q) = Re Gamma^(1)(k, k') / lambda versus Q = |k - k'| / 2k_F (no k' average).

    ``Q`` may be a scalar or an array with values in [0, Q_c]; the result has
    the shape of ``Q``. ``eta`` and ``Qc`` are scalars (see :func:`vertex_PV`).
    """
    eta = check_eta(eta)
    qc_arr, scalar_qc = check_qc(Qc)
    if not scalar_qc:
        raise ValueError("Qc must be a single number in (0, 1] for vertex_P_of_Q")
    qc = float(qc_arr)
    q_arr = np.asarray(Q, dtype=object)
    qs = np.array(
        [in_range("Q", v, 0.0, qc, units="(|k-k'|/2k_F, at most Qc)") for v in q_arr.ravel()],
        dtype=float,
    )
    if qs.size == 0:
        raise ValueError("Q must be a non-empty number or array in [0, Qc]")
    w1, w2 = frequency_pair(eta, frequencies)
    _, _, tr, wr, tu, wu, tp, wp = grids(orders or ORDERS_PQ[frequencies])
    out = _pq_curve(qs, qc, eta, w1, w2, tr, wr, tu, wu, tp, wp)[:, 0]
    return float(out[0]) if q_arr.ndim == 0 else out.reshape(q_arr.shape)


def warm_up() -> None:
    """Compile (or load from cache) the first-order kernels with tiny inputs."""
    g = grids((1, 1, 1, 1))
    _pv_curve(np.array([0.5]), 0.1, 0.0, 0.1, *g)
    _pq_curve(np.array([0.2]), 0.5, 0.1, 0.0, 0.1, *g[2:])
