"""Impulse-approximation J(v, omega) as one integral across the Gaussian ridge, analytic along it.

The impulse J of :mod:`.recoil` (Knapen, Kozaczuk & Lin, PRL 127 (2021) 081805; DarkELF
``_J(approximation="impulse")``) is, up to its prefactor, the double integral

    T = int dq F_med(q)^2 int_{q_th}^{qN_max(q)} dx x^3 [phi(x - q) - phi(x + q)],   phi(u) = e^{-u^2/Delta^2},
    qN_max(q)^2 = 2 m_N (q v - q^2/(2 m_chi) - omega).

With u = x - q (and u' = x + q for the mirror term) the region at fixed u is an interval in q:
x < qN_max(q) is q^2/(2 mu_N) - q (v - u/m_N) + u^2/(2 m_N) + omega < 0 (roots q_-(u), q_+(u)) and
x > q_th is q > q_th - u. So

    T = int du phi(u) [A(q_+(u); u) - A(max(q_th - u, q_-(u)); u)]
        + int_{q_th} du' phi(u') [A(min(u' - q_th, q_+(-u')); -u') - A(q_-(-u'); -u')],

A(q; u) = int (q + u)^3 F_med^2 dq in closed form for the heavy (F = 1) and massless
(F^2 = q0^4/q^4) mediators. The region is that of the q-space scheme (:func:`.recoil.J_impulse` with a form factor): its cut
q >= q_th - 6.5 Delta, u >= -6.5 Delta, and u up to where phi has fallen e^-45 below its value
where the bracket's support starts. The u integrals are split where an end of the interval changes
formula or the interval closes (square-root ends: Gauss-Legendre in theta, u = (1 - cos theta)/2 on
the unit piece), at multiples of 2 Delta, and, for the massless mediator, graded towards the
crossings, where the bracket peaks on the scale q_c. 8 nodes per piece (12 at a square-root end):
within 2e-8 of scipy's adaptive quadrature of the q-space form, which the previous Gauss-Legendre
in log q missed by up to 2 % in the Gaussian tails (tests/test_spectra.py), at a quarter of its cost.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

from migdal_core.numerics import sorted_small

CUT = 6.5  # the q-space scheme's cut: q >= q_th - CUT Delta, u >= -CUT Delta
TOP = 9.5  # u, u' <= TOP Delta: phi(TOP)/phi(CUT) < 1e-17, so the cut is the only truncation
GRID = 2.0  # pieces also end at multiples of GRID Delta, so each holds at most ~2 Delta of the Gaussian
NODES = 8  # Gauss-Legendre nodes per piece
NODES_COSINE = 12  # ... on a piece that ends where the interval closes
TAIL = 45.0  # u <= sqrt(u_s^2 + TAIL Delta^2), u_s where the bracket's support starts: phi < e^-45
GRADING = 4.0  # massless mediator: break points at q_c GRADING^k from a crossing (module docstring)
_MAX_GRADES = 20  # GRADING^20 q_c > 2 Delta for any q_c > 1e-8 eV


def _rules(n_plain, n_cosine):
    """Nodes (fractions of a piece) and weights (per unit length): Gauss-Legendre, and Gauss-Legendre
    in theta with u = (1 - cos theta)/2, which clusters nodes at both ends (square-root ends)."""
    x, w = np.polynomial.legendre.leggauss(n_plain)
    plain = np.ascontiguousarray(0.5 * (1.0 + x)), np.ascontiguousarray(0.5 * w)
    x, w = np.polynomial.legendre.leggauss(n_cosine)
    theta = 0.5 * np.pi * (1.0 + x)
    cosine = (
        np.ascontiguousarray(0.5 * (1.0 - np.cos(theta))),
        np.ascontiguousarray(0.25 * np.pi * w * np.sin(theta)),
    )
    return plain, cosine


(_FRACTION, _WEIGHT), (_FRACTION_COS, _WEIGHT_COS) = _rules(NODES, NODES_COSINE)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _roots(s, v, omega, m_N, mu_N):
    """(q_-, q_+) of q^2/(2 mu_N) - q (v - s/m_N) + s^2/(2 m_N) + omega = 0; (1, 0) if none."""
    b = v - s / m_N
    constant = s * s / (2.0 * m_N) + omega
    disc = b * b - 2.0 * constant / mu_N
    if disc <= 0.0 or b <= 0.0:
        return 1.0, 0.0
    q_plus = mu_N * (b + math.sqrt(disc))
    return 2.0 * mu_N * constant / q_plus, q_plus  # product of the roots: no cancellation


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _antiderivative(q, u, med, q0):
    """A(q; u) = int (q + u)^3 F_med(q)^2 dq: heavy (med 0) or massless (med 1) mediator."""
    if med == 0:
        x = (q + u) * (q + u)
        return 0.25 * x * x
    return q0**4 * (math.log(q) - (3.0 * u + (1.5 * u * u + u * u * u / (3.0 * q)) / q) / q)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _ridge(u, mirror, v, omega, m_N, mu_N, q_th, floor, med, q0):
    """The bracket [A(upper) - A(lower)] of the direct term at u, or of the mirror term at u' = u."""
    if mirror:
        lo, hi = _roots(-u, v, omega, m_N, mu_N)
        lo = max(lo, floor)
        hi = min(hi, u - q_th)
        shift = -u
    else:
        lo, hi = _roots(u, v, omega, m_N, mu_N)
        lo = max(lo, q_th - u, floor)
        shift = u
    if hi <= lo:
        return 0.0
    return _antiderivative(hi, shift, med, q0) - _antiderivative(lo, shift, med, q0)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _add_quadratic_roots(points, n, a, b, c, lo, hi):
    """Append the real roots of a x^2 + b x + c = 0 inside (lo, hi) to points[n:]; the new n."""
    disc = b * b - 4.0 * a * c
    if disc < 0.0:
        return n
    root = math.sqrt(disc)
    for x in ((-b - root) / (2.0 * a), (-b + root) / (2.0 * a)):
        if lo < x < hi:
            points[n] = x
            n += 1
    return n


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _ridge_integral(mirror, v, omega, r):
    """int phi(u) [bracket] du over the direct term's u >= -CUT Delta or the mirror's u' >= q_th, split
    at the break points (module docstring)."""
    width, m_N, mu_N, med, q0 = r.width, r.m_N, r.mu_N, r.med, r.q0
    lo, hi = (max(r.q_th, 0.0), TOP * width) if mirror else (-CUT * width, TOP * width)
    if hi <= lo:
        return 0.0
    points = np.empty(12 + int(TOP / GRID) + 4 * _MAX_GRADES)
    points[0], points[1] = lo, hi
    n = 2
    k = math.ceil(lo / (GRID * width))
    while k * GRID * width < hi:
        if k * GRID * width > lo:
            points[n] = k * GRID * width
            n += 1
        k += 1
    sign = -1.0 if mirror else 1.0  # the root formulas take s = sign * u
    # the interval closes where (s + m_chi v)^2 = (m_chi + m_N)(m_chi v^2 - 2 omega)
    slope = sign * 2.0 * r.m_chi * v
    closing = n
    n = _add_quadratic_roots(points, n, 1.0, slope, -r.m_N * r.m_chi * (v * v - 2.0 * omega / r.mu_N), lo, hi)
    n_closes = n - closing
    closes = points[closing : closing + 2].copy()
    # a root meets the floor K = q_th - CUT Delta: s^2/(2 m_N) + s K/m_N + K^2/(2 mu_N) - K v + omega = 0
    floor = r.q_th - CUT * width
    if floor > 0.0:
        c = floor * floor / (2.0 * r.mu_N) - floor * v + omega
        n = _add_quadratic_roots(points, n, 0.5 / r.m_N, sign * floor / r.m_N, c, lo, hi)
        if not mirror and lo < CUT * width < hi:  # q_th - u meets the floor
            points[n] = CUT * width
            n += 1
    # the lower end q_th - u (upper end u' - q_th) of the interval meets a root
    a = r.q_th
    if mirror:
        b, c = -v - a / r.m_chi, a * a / (2.0 * r.mu_N) + a * v + omega
    else:
        b, c = v - a / r.m_chi, a * a / (2.0 * r.mu_N) - a * v + omega
    first = n
    n = _add_quadratic_roots(points, n, 0.5 / r.m_chi, b, c, lo, hi)
    if r.med == 1:  # massless: the bracket peaks as q_c^3/(q_c + |u - u_c|)^3 within q_c of a crossing u_c
        for i in range(first, n):
            q_c = points[i] - a if mirror else a - points[i]
            step = q_c
            while 0.0 < step < GRID * width:
                for x in (points[i] - step, points[i] + step):
                    if lo < x < hi:
                        points[n] = x
                        n += 1
                step *= GRADING
    ordered = sorted_small(points[:n])
    total = 0.0
    top = hi
    for p in range(n - 1):
        start, stop = ordered[p], min(ordered[p + 1], top)
        length = stop - start
        # every end of the bracket's support is a break point: zero at the middle, zero throughout
        if (
            length <= 0.0
            or _ridge(start + 0.5 * length, mirror, v, omega, m_N, mu_N, a, floor, med, q0) == 0.0
        ):
            continue
        if top == hi:  # the support starts here: beyond, phi is e^-TAIL of its value here
            top = min(hi, math.sqrt(max(start, 0.0) ** 2 + TAIL * width * width))
            stop = min(stop, top)
            length = stop - start
        fraction, weight = _FRACTION, _WEIGHT
        for i in range(n_closes):
            if closes[i] == start or closes[i] == ordered[p + 1]:
                fraction, weight = _FRACTION_COS, _WEIGHT_COS
        for j in range(fraction.size):
            u = start + length * fraction[j]
            z = u / width
            total += (
                length
                * weight[j]
                * math.exp(-z * z)
                * _ridge(u, mirror, v, omega, m_N, mu_N, a, floor, med, q0)
            )
    return total


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def ridge_double_integral(v, omega, r):
    """T of the module docstring (heavy or massless mediator, no nuclear form factor) [eV^6 or eV^2 q0^4]."""
    total = 0.0
    for term in range(2):  # a runtime flag: numba would compile twice for literal True / False
        total += _ridge_integral(term == 1, v, omega, r)
    return total
