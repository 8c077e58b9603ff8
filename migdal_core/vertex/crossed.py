"""Crossed (pair-scattering) vertex P_C(Q_c) of the PSG model.

Two crossing phonon lines, k,-k -> k',-k' (Pietronero, Strässler, Grimaldi, PRB 52, 10530 (1995);
Grimaldi, Pietronero, Strässler, PRL 75, 1158 (1995); physics contract §3):

    V_C(k,k') = g^4 sum_q int dnu/2pi D(w1-nu) D(nu-w2) G(k-q, i nu) G(-k'-q, i(nu-w1-w2))

with |q| < q_c and |k-k'-q| < q_c; the nu integral is exact (:mod:`.frequency_integrals`).
Normalisation: the first-order pair kernel is -g^2 D(0) = 2 g^2 / w0 (positive = attractive) and
(-g^2)^2 D D is the crossed term with the same sign convention, so that
lambda_Delta = N_0 <V>_FS = lambda (1 + 2 lambda P_V + lambda P_C):

    P_C = N_0 <V_C>_{whole FS} / lambda^2 = (w0^2 / (8 pi Q_c^4)) <int d^3q I_C>,  <.> = int_0^1 d(Q^2).

Quadrature error of the default rule (:mod:`.quadrature`) < 5e-3 (dynamic; tests/test_vertex.py).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from migdal_core.vertex.frequency_integrals import crossed_frequency_integral
from migdal_core.vertex.inputs import check_eta, check_qc, frequency_pair
from migdal_core.vertex.quadrature import grids, polar_nodes

# quadrature orders (Gauss-Legendre nodes per panel): (nQ, nr, nu, nphi)
ORDERS_PC = {"dynamic": (10, 8, 10, 10), "static": (14, 12, 12, 12)}


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _pc_value(qc, w0, w1, w2, tq, wq, tr, wr, tu, wu, tp, wp):
    """P_C (complex) at one Q_c."""
    qcut = 2.0 * qc
    ymax = min(1.0, 4.0 * qc * qc)  # Q < 2 Q_c
    acc = 0.0 + 0.0j
    for iq in range(tq.size):
        y = ymax * tq[iq]
        q = math.sqrt(y)
        c = 1.0 - 2.0 * y
        s = 2.0 * q * math.sqrt(max(0.0, 1.0 - y))
        one_m_c = 2.0 * y
        rad = 0.0 + 0.0j
        # r in [max(0, 2Q - qcut), qcut] (lens non-empty)
        rlo = max(0.0, 2.0 * q - qcut)
        rhi = qcut
        if rhi <= rlo:
            continue
        for ir in range(tr.size):
            r = rlo + (rhi - rlo) * tr[ir]
            wtr = wr[ir] * (rhi - rlo)
            ulo = max(-1.0, (r * r - 1.0) / (2.0 * r))
            uhi = min(1.0, (r * r + 1.0) / (2.0 * r))
            if uhi <= ulo:
                continue
            u0 = 0.5 * r
            # xi_b = r^2 + 2 r (c u + b cos phi) in [-1, 1]
            vlo = (-1.0 - r * r) / (2.0 * r)
            vhi = (1.0 - r * r) / (2.0 * r)
            v0 = -0.5 * r
            lens = (4.0 * y + r * r - qcut * qcut) / (2.0 * r)
            ang = 0.0 + 0.0j
            theta = math.acos(max(-1.0, min(1.0, c)))
            a0 = math.acos(min(1.0, u0))
            b0 = math.pi - a0
            brks = np.array([a0, b0 - theta, b0 + theta])
            us, ws = polar_nodes(ulo, uhi, brks, a0, tu, wu)
            for i in range(us.size):
                u = us[i]
                wt_u = ws[i]
                xa = r * r - 2.0 * r * u
                b = s * math.sqrt(max(0.0, 1.0 - u * u))
                cu = c * u
                if b < 1e-14:
                    if one_m_c * u <= lens:
                        continue
                    v = cu
                    if v < vlo or v > vhi:
                        continue
                    xb = r * r + 2.0 * r * v
                    ang += wt_u * 2.0 * math.pi * crossed_frequency_integral(xa, xb, w0, w1, w2)
                    continue
                clo = max(-1.0, (vlo - cu) / b)
                chi = min(1.0, (vhi - cu) / b)
                # lens: (1-c) u - b cos(phi) > lens  ->  cos(phi) < ((1-c)u - lens)/b
                chi = min(chi, (one_m_c * u - lens) / b)
                if chi <= clo:
                    continue
                plo = math.acos(chi)
                phi_hi = math.acos(clo)
                c0 = (v0 - cu) / b
                if c0 > clo and c0 < chi:
                    p0 = math.acos(c0)
                else:
                    p0 = plo if c0 >= chi else phi_hi
                acc2 = 0.0 + 0.0j
                for pside in range(2):
                    hp = (plo - p0) if pside == 0 else (phi_hi - p0)
                    if hp == 0.0:
                        continue
                    for j in range(tp.size):
                        tt = tp[j]
                        phi = p0 + hp * tt * tt
                        wt = wp[j] * 2.0 * abs(hp) * tt
                        xb = r * r + 2.0 * r * (cu + b * math.cos(phi))
                        acc2 += wt * crossed_frequency_integral(xa, xb, w0, w1, w2)
                ang += wt_u * 2.0 * acc2
            rad += wtr * r * r * ang
        acc += wq[iq] * ymax * rad
    # P_C = w0^2/(8 pi Qc^4) * int_0^1 dy int d^3q I_C
    return (w0 * w0 / (8.0 * math.pi * qc**4)) * acc


def vertex_PC(eta, Qc, frequencies: str = "dynamic", *, orders=None):
    """Crossed (pair-scattering) vertex P_C(Q_c; eta), real part, dimensionless.

    Two crossing phonon lines, averaged over the whole Fermi surface, and
    normalised so that lambda_Delta = lambda (1 + 2 lambda P_V + lambda P_C)
    (PSG II). Same arguments/shape convention as :func:`vertex_PV`.
    """
    eta = check_eta(eta)
    qcs, scalar = check_qc(Qc)
    w1, w2 = frequency_pair(eta, frequencies)
    rules = grids(orders or ORDERS_PC[frequencies])
    vals = np.array([_pc_value(q, eta, w1, w2, *rules).real for q in qcs.ravel()])
    return float(vals[0]) if scalar else vals.reshape(qcs.shape)


def warm_up() -> None:
    """Compile (or load from cache) the crossed-vertex kernel for both frequency configurations."""
    g = grids((1, 1, 1, 1))
    _pc_value(0.5, 0.1, 0.0, 0.1, *g)
    _pc_value(0.5, 0.1, 0.0, 0.0, *g)
