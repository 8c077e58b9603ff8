"""Helm nuclear form factor and its q-moments in the free-ion J, tabulated once per nucleus.

Helm form factor (Lewin & Smith, Astropart. Phys. 6 (1996) 87, eq. 4.7):
F(q)^2 = [3 j1(q r_n)/(q r_n)]^2 exp(-q^2 s^2). The free-ion J of a heavy or a massless
mediator needs int q^3 F^2 dq or int F^2 dq / q between q_min and q_max (:mod:`.recoil`);
both are read from one antiderivative per nucleus, t = ln(q / eV):

    heavy   (power 4): R(t) = int_0^q q'^3 F^2 dq' / (q^4/4),      R' = 4 (F^2 - R),  R -> 1 (q -> 0)
    massless (power 0): L(t) = int_{1 eV}^q (F^2 - 1) dq'/q',       L' = F^2 - 1,      L -> 0 (q -> 0)

tabulated on a uniform t grid (8-point Gauss-Legendre per step) and read by cubic Hermite
interpolation with the exact slopes: within ~1e-11 of an adaptive quadrature for the nuclei
and momenta of the Migdal rates (tests/test_spectra.py). A 48-point rule across [q_min, q_max]
(the previous scheme) is as accurate for the heavy mediator but, for the massless one, whose
integrand is F^2/q over up to four decades, was up to 9 % low at omega ~ 10 eV.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numba as nb
import numpy as np

from migdal_core import constants as C

HBARC_EV_FM = C.HBAR_C_EV_CM * 1e13  # [eV fm]
STEP = 0.005  # grid step in ln q
LN_Q_MAX = math.log(1e10)  # [eV]; beyond, exp(-q^2 s^2) < 1e-900 for any nucleus: F = 0
_N = round(LN_Q_MAX / STEP) + 1
_X8, _W8 = (np.ascontiguousarray(a) for a in np.polynomial.legendre.leggauss(8))
#: Table of a mediator with no Helm moment (general mass, or no form factor): never read.
NO_TABLE = np.zeros(2)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def helm2(q, rn_fm, s_fm):
    """Helm form factor squared (Lewin & Smith 1996, eq. 4.7), q in eV."""
    qf = q / HBARC_EV_FM
    x = qf * rn_fm
    if x < 1e-3:
        f = 1.0 - x * x / 10.0
    else:
        f = 3.0 * (math.sin(x) - x * math.cos(x)) / (x * x * x)
    return f * f * math.exp(-((qf * s_fm) ** 2))


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _tabulate(rn_fm, s_fm, power, n, step):
    """(values, slopes d/dt) of R (power 4) or L (power 0) on t = i * step (module docstring)."""
    values = np.empty(n)
    slopes = np.empty(n)
    values[0] = 1.0 if power == 4 else 0.0
    for i in range(n - 1):
        t = i * step
        acc = 0.0
        for j in range(_X8.size):
            u = 0.5 * step * (1.0 + _X8[j])
            f2 = helm2(math.exp(t + u), rn_fm, s_fm)
            acc += _W8[j] * (4.0 * math.exp(-4.0 * (step - u)) * f2 if power == 4 else f2 - 1.0)
        decay = math.exp(-4.0 * step) if power == 4 else 1.0
        values[i + 1] = values[i] * decay + 0.5 * step * acc
    for i in range(n):
        f2 = helm2(math.exp(i * step), rn_fm, s_fm)
        slopes[i] = 4.0 * (f2 - values[i]) if power == 4 else f2 - 1.0
    return values, slopes


@lru_cache(maxsize=64)
def _cached_table(rn_fm: float, s_fm: float, power: int) -> tuple[np.ndarray, np.ndarray]:
    return _tabulate(rn_fm, s_fm, power, _N, STEP)


def moment_table(rn_fm: float, s_fm: float, mediator_code: int) -> tuple[np.ndarray, np.ndarray]:
    """(values, slopes) of R (heavy, code 0) or L (massless, code 1) for the Helm radii [fm];
    :data:`NO_TABLE` twice for the general-mass mediator (integrated numerically)."""
    if mediator_code not in (0, 1):
        return NO_TABLE, NO_TABLE
    return _cached_table(round(rn_fm, 12), round(s_fm, 12), 4 if mediator_code == 0 else 0)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def moment(q, values, slopes, power):
    """R(ln q) (power 4) or L(ln q) (power 0) from a :func:`moment_table` (cubic Hermite in ln q)."""
    t = math.log(q)
    if t <= 0.0:
        return values[0]
    x = t / STEP
    i = int(x)
    if i >= values.size - 1:  # F = 0 beyond the grid: R decays as q^-4, L falls as -ln q
        t_end = (values.size - 1) * STEP
        end = values[values.size - 1]
        return end * math.exp(-4.0 * (t - t_end)) if power == 4 else end - (t - t_end)
    s = x - i
    s2 = s * s
    s3 = s2 * s
    return (
        (2.0 * s3 - 3.0 * s2 + 1.0) * values[i]
        + (s3 - 2.0 * s2 + s) * STEP * slopes[i]
        + (-2.0 * s3 + 3.0 * s2) * values[i + 1]
        + (s3 - s2) * STEP * slopes[i + 1]
    )
