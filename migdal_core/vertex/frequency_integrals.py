"""Frequency integrals of the PSG vertices, exact by residues (T = 0, continuous Matsubara frequencies).

Einstein phonon D(nu) = -2 w0 / (nu^2 + w0^2), electron G(p, i nu) = 1/(i nu - xi_p), units E_F = 1
(Pietronero, Strässler, Grimaldi, PRB 52, 10516 (1995); physics contract §3).

First-order vertex: closing the contour in the upper half plane (only the phonon pole w1 + i w0 and,
for xi < 0, the electron pole contribute),

    int dnu/2pi D(w1 - nu) / (i nu + i w - xi) = J(xi, w1 + w),
    J(xi, s) = sgn(xi) / (w0 + |xi| - i sgn(xi) s).

With G1 G2 = [G1 - G2] / (i Omega + xi1 - xi2), Omega = w2 - w1, the frequency integral is
K = [J(xi1, w1) - J(xi2, w2)] / (i Omega + xi1 - xi2); written without cancellation
(D_j = w0 + |xi_j| - i sgn(xi_j) w_j, A = |xi1| + |xi2|, s1 = sgn xi1):

    K = -1 / (D1 D2)                                   if sgn xi1 == sgn xi2
    K = [1 + 2 w0 / (A + i s1 Omega)] / (D1 D2)         otherwise.

Crossed pair vertex: int dnu/2pi D(w1-nu) D(nu-w2) G(xa, i nu) G(xb, i(nu - w1 - w2)) by the residue
theorem (six poles, w1 + i w0 and w2 + i w0 always in the upper half plane, the electron poles when
xi < 0; the double pole for w1 = w2 is treated with the logarithmic derivative).
"""

from __future__ import annotations

from numba import njit


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def frequency_integral(xi1, xi2, w0, w1, w2):
    """K(xi1, xi2; w0, w1, w2) = int dnu/2pi D(w1 - nu) G(xi1, i nu) G(xi2, i nu + i(w2 - w1)), complex."""
    s1 = 1.0 if xi1 >= 0.0 else -1.0
    s2 = 1.0 if xi2 >= 0.0 else -1.0
    a1 = abs(xi1)
    a2 = abs(xi2)
    d1 = complex(w0 + a1, -s1 * w1)
    d2 = complex(w0 + a2, -s2 * w2)
    if s1 == s2:
        return -1.0 / (d1 * d2)
    big_a = a1 + a2
    return (1.0 + 2.0 * w0 / complex(big_a, s1 * (w2 - w1))) / (d1 * d2)


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def crossed_frequency_integral(xa, xb, w0, w1, w2):
    """int dnu/2pi D(w1-nu) D(nu-w2) G(xa, i nu) G(xb, i(nu - w1 - w2)) by residues."""
    ww = w1 + w2
    # guard exact pole coincidences (measure zero): nudge by 1e-9
    for _ in range(3):
        moved = False
        za = complex(0.0, -xa)
        zb = complex(ww, -xb)
        if xa < 0.0 and xb < 0.0 and abs(za - zb) < 1e-9:
            xb += 1e-9
            moved = True
        if xa < 0.0 and (abs(za - complex(w1, w0)) < 1e-9 or abs(za - complex(w2, w0)) < 1e-9):
            xa -= 1e-9
            moved = True
        if xb < 0.0 and (abs(zb - complex(w1, w0)) < 1e-9 or abs(zb - complex(w2, w0)) < 1e-9):
            xb -= 1e-9
            moved = True
        if not moved:
            break
    z = (
        complex(w1, w0),
        complex(w1, -w0),
        complex(w2, w0),
        complex(w2, -w0),
        complex(0.0, -xa),
        complex(ww, -xb),
    )
    pref = -4.0 * w0 * w0
    res = 0.0 + 0.0j
    double = abs(w1 - w2) < 1e-12
    if double:
        # h(nu) = pref / ((nu-z1)(nu-z3)(nu-z4)(nu-z5)); z3 == z1 (0-based 1,3)
        zz = z[0]
        h = pref / ((zz - z[1]) * (zz - z[3]) * (zz - z[4]) * (zz - z[5]))
        res += h * (-1.0 / (zz - z[1]) - 1.0 / (zz - z[3]) - 1.0 / (zz - z[4]) - 1.0 / (zz - z[5]))
    for j in range(6):
        if j == 1 or j == 3:
            continue
        if double and (j == 0 or j == 2):
            continue
        if j == 4 and xa >= 0.0:
            continue
        if j == 5 and xb >= 0.0:
            continue
        den = 1.0 + 0.0j
        for k in range(6):
            if k != j:
                den *= z[j] - z[k]
        res += pref / den
    return complex(0.0, 1.0) * res
