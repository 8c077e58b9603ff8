"""An exactly solvable chain of N nuclei: independent electrons in N neutral soft-Coulomb atoms (1D).

Hartree atomic units throughout (m_e = e = hbar = 1; lengths in bohr, energies in Ha).

Each centre J, at X_J = (J - (N-1)/2) a, is a *neutral* soft-Coulomb atom: a nucleus of charge Z
softened over s (the 1D atom of Javanainen, Eberly & Su, PRA 38, 3430 (1988); Su & Eberly,
PRA 44, 5997 (1991)) minus the soft-Coulomb field of its own electron cloud of width lambda,

    v(r) = -Z [ 1/sqrt(r^2 + s^2) - 1/sqrt(r^2 + lambda^2) ],    r = x - X_J,

so v ~ -Z (lambda^2 - s^2) / (2 |r|^3) at large r (a neutral atom seen from outside) and
lambda = inf gives back the bare Eberly atom (ground state -0.6698 Ha at s = 1). The electrons are
independent (no e-e term beyond this frozen screening: a rigid-atom model), V(x; X) = sum_J v(x - X_J).
Z electrons per centre, g = 1 (spin-polarised) or 2 (spin-paired) per orbital, the lowest N Z / g
orbitals filled: with Z = g the lowest band is exactly full and the long chain is a band insulator
(a half-filled band, Z = 1 with g = 2, would be a metal, and one electron on N centres a molecular
ion). Defaults: Z = 1, g = 1, a = 4 bohr (the Si bond is 4.4 bohr), s = 1, lambda = 3 bohr:
gap 5.2 eV for the long chain.

Orbitals are exact eigenvectors of the sinc discrete-variable representation (Colbert & Miller,
J. Chem. Phys. 96, 1982 (1992), eq. A7): spectrally accurate for this analytic potential, so the
Ehrenfest identity <n'|d_x V|n> = m omega^2 <n'|x|n> behind the frame check holds to ~1e-10 with
h = 0.2 bohr and 25 bohr of empty box beyond the end atoms (the occupied states must vanish at the
walls: the identity picks up a wall term psi_n(wall) otherwise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import scipy.linalg

from migdal_core.validation import as_int_in_range, in_range, one_of

MAX_N = 256


@dataclass(frozen=True)
class ChainModel:
    """The chain's parameters (bohr, Ha, charges in e)."""

    N: int = 1
    a_bohr: float = 4.0
    softening_bohr: float = 1.0
    screening_bohr: float = 3.0  # math.inf: bare soft-Coulomb centres
    Z: int = 1
    spin_degeneracy: int = 1
    grid_bohr: float = 0.2
    margin_bohr: float = 25.0  # bound states decay to ~1e-10 at the box walls

    def __post_init__(self) -> None:
        as_int_in_range("N", self.N, 1, MAX_N)
        in_range("a_bohr", self.a_bohr, 1.0, 20.0, units="bohr")
        in_range("softening_bohr", self.softening_bohr, 0.3, 5.0, units="bohr")
        if not math.isinf(self.screening_bohr):
            in_range(
                "screening_bohr", self.screening_bohr, self.softening_bohr, 50.0, low_open=True, units="bohr"
            )
        as_int_in_range("Z", self.Z, 1, 4)
        one_of("spin_degeneracy", str(self.spin_degeneracy), ("1", "2"))
        in_range("grid_bohr", self.grid_bohr, 0.02, 0.5, units="bohr")
        in_range("margin_bohr", self.margin_bohr, 5.0, 200.0, units="bohr")
        if (self.N * self.Z) % self.spin_degeneracy:
            raise ValueError(
                f"N * Z must be a multiple of spin_degeneracy = {self.spin_degeneracy}; "
                f"got N = {self.N}, Z = {self.Z}"
            )

    @property
    def n_occupied(self) -> int:
        """Number of filled orbitals (N Z electrons, spin_degeneracy per orbital)."""
        return self.N * self.Z // self.spin_degeneracy

    @property
    def positions_bohr(self) -> np.ndarray:
        """Nuclear positions X_J, centred on the origin."""
        return (np.arange(self.N) - (self.N - 1) / 2.0) * self.a_bohr

    def site(self, kicked: str | int) -> int:
        """Index of the kicked nucleus: ``"end"`` (0), ``"middle"`` (N // 2) or an index."""
        if kicked == "end":
            return 0
        if kicked == "middle":
            return self.N // 2
        return as_int_in_range("kicked", kicked, 0, self.N - 1)


def atom_potential(r: np.ndarray, model: ChainModel) -> np.ndarray:
    """v(r) of one neutral soft-Coulomb atom [Ha] (module docstring)."""
    s2, lam = model.softening_bohr**2, model.screening_bohr
    v = -model.Z / np.sqrt(r * r + s2)
    return v if math.isinf(lam) else v + model.Z / np.sqrt(r * r + lam * lam)


def atom_force_gradient(r: np.ndarray, model: ChainModel) -> np.ndarray:
    """dv/dr of one atom [Ha/bohr]; d V / d X_J = -dv/dr(x - X_J)."""
    s2, lam = model.softening_bohr**2, model.screening_bohr
    dv = model.Z * r / (r * r + s2) ** 1.5
    return dv if math.isinf(lam) else dv - model.Z * r / (r * r + lam * lam) ** 1.5


def sinc_dvr_kinetic(n_points: int, h_bohr: float, mass: float = 1.0) -> np.ndarray:
    """-1/(2m) d^2/dx^2 on a uniform grid, sinc DVR (Colbert & Miller 1992, eq. A7)."""
    d = np.arange(n_points)[:, None] - np.arange(n_points)[None, :]
    off = 2.0 * np.where(d % 2 == 0, 1.0, -1.0) / np.where(d == 0, 1, d) ** 2
    return np.where(d == 0, math.pi**2 / 3.0, off) / (2.0 * mass * h_bohr**2)


@dataclass(frozen=True)
class Orbitals:
    """Exact one-electron states of a model on its grid: energies [Ha], columns = orbitals."""

    model: ChainModel
    x_bohr: np.ndarray
    energies_Ha: np.ndarray
    vectors: np.ndarray  # grid-normalised: sum_x |c|^2 = 1 (the DVR weight h is absorbed)

    @cached_property
    def occupied(self) -> np.ndarray:
        return self.vectors[:, : self.model.n_occupied]

    @cached_property
    def empty(self) -> np.ndarray:
        return self.vectors[:, self.model.n_occupied :]

    @cached_property
    def omega_Ha(self) -> np.ndarray:
        """Excitation energies omega[n', n] = E_n' - E_n, empty n' by occupied n."""
        n = self.model.n_occupied
        return self.energies_Ha[n:, None] - self.energies_Ha[None, :n]

    def matrix_element(self, values_on_grid: np.ndarray) -> np.ndarray:
        """<n'|f(x)|n> for a local operator f, empty n' by occupied n."""
        return self.empty.T @ (values_on_grid[:, None] * self.occupied)

    @property
    def gap_Ha(self) -> float:
        n = self.model.n_occupied
        return float(self.energies_Ha[n] - self.energies_Ha[n - 1])


def grid(model: ChainModel) -> np.ndarray:
    """Uniform grid [bohr] covering the chain plus ``margin_bohr`` on each side."""
    half = (model.N - 1) * model.a_bohr / 2.0 + model.margin_bohr
    n_points = 2 * math.ceil(half / model.grid_bohr) + 1
    return np.linspace(-half, half, n_points)


def potential(x_bohr: np.ndarray, model: ChainModel) -> np.ndarray:
    """V(x; X) = sum_J v(x - X_J) [Ha]."""
    return atom_potential(x_bohr[:, None] - model.positions_bohr[None, :], model).sum(axis=1)


@lru_cache(maxsize=8)
def solve(model: ChainModel) -> Orbitals:
    """Diagonalise h = p^2/2 + V(x; X) exactly on the DVR grid (scipy.linalg.eigh); memoised."""
    x = grid(model)
    h = sinc_dvr_kinetic(x.size, x[1] - x[0])
    h[np.diag_indices_from(h)] += potential(x, model)
    energies, vectors = scipy.linalg.eigh(h, overwrite_a=True, check_finite=False)
    return Orbitals(model, x, energies, vectors)
