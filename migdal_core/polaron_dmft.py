"""One electron in the Holstein model, exact in dynamical mean-field theory (DMFT), and its polaron crossover.

Method: Ciuchi, de Pasquale, Fratini & Feinberg, PRB 56, 4494 (1997), arXiv:cond-mat/9703118. On the
Bethe lattice (semicircular density of states of half-width D, hopping t = D/2) at T = 0 the local
Green function of a single electron is the continued fraction

    G(w) = 1 / (W(w) - 1 g^2 / (W(w - w0) - 2 g^2 / (W(w - 2 w0) - 3 g^2 / ...))),
    W(w) = G_0^-1(w) = w - t^2 G(w),

self-consistent at every shifted frequency w - n w0. Below the spectrum all quantities are real; there
G(w) = G_sc(w - Sigma(w)) with G_sc(z) = (2/D^2)(z + sqrt(z^2 - D^2)) (z < -D) and Sigma(w) depending only
on G at w - w0, w - 2 w0, ..., so the chain is solved downwards from a frequency deep below the band.

Units: energies in units of D; lambda = E_p / D = g^2 / (w0 D), r = w0 / D, alpha^2 = g^2 / w0^2 = lambda / r.

- ground-state energy E_0: the lowest edge of the spectrum, the largest w at which every pivot of every
  continued fraction is negative and every w - n w0 - Sigma lies below -D (a Sturm-type count: below
  E_0 nothing has a state), found by bisection;
- quasiparticle weight Z = 1 / (1 - dSigma/dw) at E_0 and m*/m = 1/Z (the self-energy is local);
- kinetic energy E_kin = D dE_0/dD at fixed g and w0 (Hellmann-Feynman).

Crossover criterion (this module's choice, stated on the figure): lambda_c(r) is where the electron's
kinetic energy, K = E_kin / (-D) (1 for a free electron, -> 0 for a small polaron), drops fastest with
ln lambda: the maximum of -dK/d ln lambda at fixed w0/D. The papers identify the crossover with the loss
of the electron's itinerancy (Capone, Ciuchi & Grimaldi, arXiv:cond-mat/9812195: a small polaron needs
lambda > 1 and alpha^2 > 1). Limits of this criterion, checked in tests/test_polaron_dmft.py:
anti-adiabatic K = exp(-alpha^2) (Lang-Firsov) gives alpha^2 = 1 exactly, lambda_c -> w0/D;
adiabatic w0 -> 0 gives the Born-Oppenheimer self-trapping point of one site on the Bethe lattice,
lambda = 27/32 (:data:`LAMBDA_C_ADIABATIC`).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from scipy.interpolate import CubicSpline

from migdal_core.validation import in_range

# Adiabatic (w0 -> 0) limit: a static displacement on one site binds the electron with potential V,
# E(V) = -V - D^2/(4V) + V^2/(4 E_p) (Bethe-lattice impurity bound state for V > D/2 plus elastic energy);
# it beats the free electron (-D) from E_p/D = 27/32 on (V = 3D/2): Born-Oppenheimer self-trapping, derived here.
LAMBDA_C_ADIABATIC = 27.0 / 32.0
KINETIC_STEP = 1e-4  # relative step in D for E_kin = D dE_0/dD (error ~1e-8, rounding ~1e-10)
SCAN_POINTS = 25  # points of each ln(lambda) scan for the steepest drop of K
RATIO_RANGE = (1e-3, 1e3)  # omega_0 / D accepted by the solver (cost grows like alpha^4 adiabatically)


def chain_depth(lambda_0: float, ratio: float) -> int:
    """Levels of the continued fraction and of the frequency chain: converged for 30 + alpha^2 + 8 alpha."""
    alpha_squared = lambda_0 / ratio
    return int(30 + alpha_squared + 8.0 * math.sqrt(alpha_squared))


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _sigma_below(omega: float, g2: float, ratio: float, depth: int) -> tuple[float, bool]:
    """Sigma(omega) on the real axis (units of D) and whether everything below omega is empty of states."""
    G = np.empty(2 * depth + 2)
    for j in range(depth + 1, 2 * depth + 2):  # far below the band: the free semicircle
        z = omega - j * ratio
        G[j] = 2.0 * (z + math.sqrt(z * z - 1.0))
    sigma = 0.0
    for j in range(depth, -1, -1):
        sigma = 0.0
        for k in range(depth, 0, -1):
            pivot = omega - (j + k) * ratio - 0.25 * G[j + k] - sigma
            if pivot >= 0.0:
                return sigma, False
            sigma = k * g2 / pivot
        if j == 0:
            break
        z = omega - j * ratio - sigma
        if z >= -1.0:
            return sigma, False
        G[j] = 2.0 * (z + math.sqrt(z * z - 1.0))
    return sigma, True


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _ground_state_energy(lambda_0: float, ratio: float, depth: int) -> float:
    """Lowest spectral edge E_0 / D by bisection on [-1 - lambda, -1] (E_0 >= -D - E_p, E_0 <= -D)."""
    low, high = -1.0 - lambda_0 - 1e-9, -1.0
    g2 = lambda_0 * ratio
    for _ in range(200):
        middle = 0.5 * (low + high)
        if middle == low or middle == high:
            break
        sigma, empty = _sigma_below(middle, g2, ratio, depth)
        if empty and middle - sigma < -1.0:
            low = middle
        else:
            high = middle
    return low


@njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _green_function(omega: complex, g2: float, ratio: float, depth: int) -> complex:
    """Local G(omega) in units of 1/D at complex omega (Im omega > 0): the same chain, retarded branch."""
    G = np.empty(2 * depth + 2, dtype=np.complex128)
    for j in range(depth + 1, 2 * depth + 2):  # far below the band: the free semicircle
        z = omega - j * ratio
        G[j] = 2.0 * (z - np.sqrt(z - 1.0) * np.sqrt(z + 1.0))
    for j in range(depth, -1, -1):
        sigma = 0.0j
        for k in range(depth, 0, -1):
            sigma = k * g2 / (omega - (j + k) * ratio - 0.25 * G[j + k] - sigma)
        z = omega - j * ratio - sigma
        G[j] = 2.0 * (z - np.sqrt(z - 1.0) * np.sqrt(z + 1.0))
    return G[0]


def _checked(lambda_0: float, omega_over_D: float) -> tuple[float, float]:
    lam = in_range("lambda_0", lambda_0, 0.0, 1e4)
    ratio = in_range("omega_over_D", omega_over_D, *RATIO_RANGE)
    return lam, ratio


def _energy(lam: float, ratio: float) -> float:
    return -1.0 if lam == 0.0 else _ground_state_energy(lam, ratio, chain_depth(lam, ratio))


def ground_state_energy(lambda_0: float, omega_over_D: float) -> float:
    """E_0 / D of one Holstein electron (DMFT, Bethe lattice, T = 0); -1 at lambda_0 = 0."""
    return _energy(*_checked(lambda_0, omega_over_D))


def mass_ratio(lambda_0: float, omega_over_D: float) -> float:
    """m*/m = 1/Z = 1 - dSigma/domega at E_0 (local self-energy), central difference below w0."""
    lam, ratio = _checked(lambda_0, omega_over_D)
    if lam == 0.0:
        return 1.0
    depth = chain_depth(lam, ratio)
    energy = _ground_state_energy(lam, ratio, depth)
    step = 1e-6 * min(ratio, 1.0)
    above, _ = _sigma_below(energy + step, lam * ratio, ratio, depth)
    below, _ = _sigma_below(energy - step, lam * ratio, ratio, depth)
    return 1.0 - (above - below) / (2.0 * step)


def kinetic_fraction(lambda_0: float, omega_over_D: float) -> float:
    """K = E_kin / (-D), E_kin = D dE_0/dD at fixed g, w0: 1 for the free electron, -> 0 for a small polaron."""
    lam, ratio = _checked(lambda_0, omega_over_D)
    h = KINETIC_STEP
    up = (1.0 + h) * _energy(lam / (1.0 + h), ratio / (1.0 + h))
    down = (1.0 - h) * _energy(lam / (1.0 - h), ratio / (1.0 - h))
    return -(up - down) / (2.0 * h)


def spectral_function(
    omega_over_D: np.ndarray, lambda_0: float, ratio: float, broadening: float
) -> np.ndarray:
    """A(omega) = -Im G(omega + i broadening) / pi (units of 1/D) on real frequencies omega/D."""
    lam, ratio = _checked(lambda_0, ratio)
    depth = chain_depth(max(lam, 1e-12), ratio)
    g2 = lam * ratio
    values = [_green_function(complex(w, broadening), g2, ratio, depth) for w in np.asarray(omega_over_D)]
    return -np.imag(np.array(values)) / math.pi


def _steepest_drop(log_lambdas: np.ndarray, ratio: float) -> tuple[float, float]:
    """ln lambda of the maximum of -dK/d ln lambda on a scan (cubic spline of K), and the peak's width."""
    fractions = [kinetic_fraction(math.exp(x), ratio) for x in log_lambdas]
    slope = CubicSpline(log_lambdas, fractions).derivative()
    fine = np.linspace(log_lambdas[0], log_lambdas[-1], 2001)
    peak = float(fine[np.argmax(-slope(fine))])
    curvature = abs(float(slope(peak, 2)))
    return peak, math.sqrt(abs(float(slope(peak))) / curvature) if curvature > 0.0 else math.inf


def crossover_guess(omega_over_D: float) -> float:
    """A rough lambda_c (within ~10 % of the solver from 1e-3 to 1e3) that centres the scan."""
    return LAMBDA_C_ADIABATIC + omega_over_D + 1.4 * omega_over_D / (1.0 + omega_over_D)


def crossover_lambda0(omega_over_D: float) -> float:
    """lambda_c(w0/D): the steepest drop of the kinetic energy with ln lambda (module docstring).

    A scan of SCAN_POINTS over lambda in [0.6, 1.5] x :func:`crossover_guess` (narrow: the chain grows like
    alpha^2 on the strong side), refined over +-2 steps around the maximum until the step is below 1/8 of
    the peak's width (the adiabatic peak is sharp, ~0.02 in ln lambda; the anti-adiabatic one so flat, ~2,
    that finer scans would only resolve rounding). A maximum on the first scan's edge is an error.
    """
    ratio = in_range("omega_over_D", omega_over_D, *RATIO_RANGE)
    guess = math.log(crossover_guess(ratio))
    scan = np.linspace(guess + math.log(0.6), guess + math.log(1.5), SCAN_POINTS)
    peak, width = _steepest_drop(scan, ratio)
    if not scan[1] < peak < scan[-2]:
        raise RuntimeError(
            f"polaron crossover at omega_over_D = {ratio:g} left the scan (ln lambda = {peak:.3f})"
        )
    for _ in range(3):
        step = scan[1] - scan[0]
        if step < width / 8.0:
            break
        scan = np.linspace(peak - 2.0 * step, peak + 2.0 * step, SCAN_POINTS)
        peak, width = _steepest_drop(scan, ratio)
    return math.exp(peak)
