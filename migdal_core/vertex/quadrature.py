"""Gauss-Legendre product rules for the PSG momentum integrals.

Nested rules in (Q^2, |x|, cos angle to k, azimuth) with break points where an internal line crosses
the Fermi surface (xi = 0, where the integrand jumps) and at the band cut-off |xi| = 1, and quadratic
grading towards xi = 0 on both sides (this handles the static 1/(|xi1|+|xi2|) edge). Deterministic:
same input -> same output. Orders are (nQ, nr, nu, nphi) nodes per panel.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from numba import njit

from migdal_core.numerics import sorted_small


@functools.lru_cache(maxsize=64)
def gauss_legendre(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes/weights on [0, 1] (remembered per order: numpy's leggauss takes ~0.1 ms and a
    vertex panel answer needed a dozen; callers only read them)."""
    x, w = np.polynomial.legendre.leggauss(n)
    return 0.5 * (x + 1.0), 0.5 * w


def grids(orders: tuple[int, int, int, int]) -> tuple[np.ndarray, ...]:
    """(tq, wq, tr, wr, tu, wu, tp, wp): nodes and weights on [0, 1] for each of the four orders."""
    return tuple(x for n in orders for x in gauss_legendre(n))


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def polar_nodes(ulo, uhi, brks, focus, tu, wu):
    """Nodes/weights for int_{ulo}^{uhi} du f(u), integrated in the polar angle.

    The alpha = arccos(u) range is cut at the break points ``brks`` (angles)
    and every panel is graded quadratically towards its end nearer to
    ``focus`` (the angle where the integrand is sharpest). du = sin(alpha) dalpha.
    """
    amin = math.acos(min(1.0, uhi))
    amax = math.acos(max(-1.0, ulo))
    edges = np.empty(brks.size + 2)
    ne = 0
    edges[ne] = amin
    ne += 1
    for b in sorted_small(brks):
        if b > amin + 1e-14 and b < amax - 1e-14:
            edges[ne] = b
            ne += 1
    edges[ne] = amax
    ne += 1
    n = tu.size
    us = np.empty((ne - 1) * n)
    ws = np.empty((ne - 1) * n)
    k = 0
    for p in range(ne - 1):
        a = edges[p]
        b = edges[p + 1]
        if abs(a - focus) <= abs(b - focus):
            start = a
            h = b - a
        else:
            start = b
            h = a - b
        for i in range(n):
            t = tu[i]
            al = start + h * t * t
            us[k] = math.cos(al)
            ws[k] = wu[i] * 2.0 * abs(h) * t * math.sin(al)
            k += 1
    return us, ws
