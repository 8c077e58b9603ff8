"""Standard halo model (SHM): truncated, boosted Maxwellian speed distribution.

Physics contract section 4 (Lewin & Smith, Astropart. Phys. 6 (1996) 87;
the same closed form as DarkELF ``fv_1d`` and wimprates
``observed_speed_dist``). Speeds in km/s unless a function says otherwise;
the numba kernel :func:`fv_kernel` works in any consistent speed unit.

    N    = pi^(3/2) v0^3 [erf(z) - 2 z exp(-z^2)/sqrt(pi)],  z = v_esc/v0
    f(v) = 2 pi v^2/N exp(-(v^2+vE^2)/v0^2) 2 sinh(a)/a                   v < v_esc - vE
         = 2 pi v^2/N exp(-(v^2+vE^2)/v0^2) (e^a - e^(-a x_max))/a       v_esc - vE < v < v_esc + vE
    a = 2 v vE/v0^2,  x_max = (v_esc^2 - v^2 - vE^2)/(2 v vE)

normalised so that int_0^(v_esc+vE) f(v) dv = 1.

Named conventions (both selectable, results differ by tens of percent):
``darkelf`` (v0, v_esc, vE, rho) = (220, 500, 240 km/s, 0.4 GeV/cm^3) as in
DarkELF; ``shm`` = (238, 544, 250 km/s, 0.3 GeV/cm^3), the "recommended
conventions" of Baxter et al., Eur. Phys. J. C 81 (2021) 907.
"""

from __future__ import annotations

import itertools
import math

import numba as nb
import numpy as np

from migdal_core import validation as V

#: (v0 [km/s], v_esc [km/s], vE [km/s], rho_chi [GeV/cm^3])
HALO_CONVENTIONS: dict[str, tuple[float, float, float, float]] = {
    "darkelf": (220.0, 500.0, 240.0, 0.4),
    "shm": (238.0, 544.0, 250.0, 0.3),
}


def halo_params(
    halo: str = "shm",
    v0_kms: float | None = None,
    vesc_kms: float | None = None,
    vE_kms: float | None = None,
    rho_GeV_cm3: float | None = None,
) -> dict[str, float]:
    """Validated halo parameters: a named convention with optional explicit overrides.

    Returns ``{"v0_kms", "vesc_kms", "vE_kms", "rho_GeV_cm3"}``.
    """
    V.one_of("halo", halo, tuple(HALO_CONVENTIONS))
    v0, vesc, vE, rho = HALO_CONVENTIONS[halo]
    if v0_kms is not None:
        v0 = V.in_range("v0_kms", v0_kms, 0.0, 2000.0, low_open=True, units="km/s")
    if vesc_kms is not None:
        vesc = V.in_range("vesc_kms", vesc_kms, 0.0, 5000.0, low_open=True, units="km/s")
    if vE_kms is not None:
        vE = V.in_range("vE_kms", vE_kms, 0.0, 2000.0, units="km/s")
    if rho_GeV_cm3 is not None:
        rho = V.in_range("rho_GeV_cm3", rho_GeV_cm3, 0.0, 100.0, low_open=True, units="GeV/cm^3")
    if not vE < vesc:
        raise ValueError(f"vE_kms must be in [0, vesc_kms={vesc:g}) km/s; got {vE!r}")
    return {"v0_kms": float(v0), "vesc_kms": float(vesc), "vE_kms": float(vE), "rho_GeV_cm3": float(rho)}


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def norm_kernel(v0, vesc):
    """N = pi^(3/2) v0^3 [erf(z) - 2 z e^(-z^2)/sqrt(pi)]."""
    z = vesc / v0
    return math.pi**1.5 * v0**3 * (math.erf(z) - 2.0 * z * math.exp(-z * z) / math.sqrt(math.pi))


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def fv_kernel(v, v0, vesc, vE, norm):
    """Speed distribution f(v) (1/speed), any consistent unit; norm from :func:`norm_kernel`."""
    if v <= 0.0 or v >= vesc + vE:
        return 0.0
    a = 2.0 * v * vE / (v0 * v0)
    if a < 1e-280:  # vE -> 0: isotropic truncated Maxwellian
        if v >= vesc:
            return 0.0
        return 4.0 * math.pi * v * v / norm * math.exp(-v * v / (v0 * v0))
    if v < vesc - vE:
        if a < 1e-4:  # 2 sinh(a)/a by its series
            ang_a = math.exp(-(v * v + vE * vE) / (v0 * v0)) * 2.0 * (1.0 + a * a / 6.0)
        else:
            # e^{-(v^2+vE^2)/v0^2} (e^a - e^-a) = e^{-(v-vE)^2/v0^2} - e^{-(v+vE)^2/v0^2}
            ang_a = (math.exp(-((v - vE) ** 2) / (v0 * v0)) - math.exp(-((v + vE) ** 2) / (v0 * v0))) / a
    else:
        # e^{-(v^2+vE^2)/v0^2} (e^a - e^{-a x_max}) = e^{-(v-vE)^2/v0^2} - e^{-vesc^2/v0^2}
        d = (vesc * vesc - (v - vE) ** 2) / (v0 * v0)
        if d <= 0.0:
            return 0.0
        ang_a = math.exp(-(vesc * vesc) / (v0 * v0)) * math.expm1(d) / a
    return 2.0 * math.pi * v * v / norm * ang_a


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _fv_array(v, v0, vesc, vE):
    norm = norm_kernel(v0, vesc)
    out = np.empty(v.size)
    for i in range(v.size):
        out[i] = fv_kernel(v[i], v0, vesc, vE, norm)
    return out


def speed_distribution(
    v_kms,
    halo: str = "shm",
    v0_kms: float | None = None,
    vesc_kms: float | None = None,
    vE_kms: float | None = None,
) -> np.ndarray:
    """Lab-frame DM speed distribution f(v) [s/km] at speeds ``v_kms`` [km/s].

    Normalised: int_0^(v_esc+vE) f dv = 1. Zero outside (0, v_esc + vE).
    Returns an array of the shape of ``v_kms``.
    """
    p = halo_params(halo, v0_kms, vesc_kms, vE_kms)
    v = np.asarray(v_kms, dtype=float)
    if not np.all(np.isfinite(v)) or np.any(v < 0):
        raise ValueError("v_kms must be in [0, inf) km/s")
    out = _fv_array(v.ravel().copy(), p["v0_kms"], p["vesc_kms"], p["vE_kms"])
    return out.reshape(v.shape)


def normalization_integral(
    halo: str = "shm",
    v0_kms: float | None = None,
    vesc_kms: float | None = None,
    vE_kms: float | None = None,
) -> float:
    """int f(v) dv over (0, v_esc + vE) by Gauss-Legendre (should be 1)."""
    p = halo_params(halo, v0_kms, vesc_kms, vE_kms)
    x, w = np.polynomial.legendre.leggauss(200)
    total = 0.0
    edges = [0.0, p["vesc_kms"] - p["vE_kms"], p["vesc_kms"] + p["vE_kms"]]
    for a, b in itertools.pairwise(edges):
        v = 0.5 * (b - a) * x + 0.5 * (b + a)
        total += 0.5 * (b - a) * float(np.sum(w * _fv_array(v, p["v0_kms"], p["vesc_kms"], p["vE_kms"])))
    return total
