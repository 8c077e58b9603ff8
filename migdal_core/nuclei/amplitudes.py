r"""Migdal amplitudes for a dark-matter kick q on nucleus j of an N-nucleus system (contract §7).

Hamiltonian H = sum_J P_J^2/2M + sum_e p_e^2/2m + V(x; X), V depending on x_e - X_J only; the kick
is the operator e^{i q X_j}; electronic states |n> = phi_n(x|X), omega = E_n' - E_n > 0; hbar = 1.
Every amplitude below is for one electron going from an occupied orbital n to an empty n', to
leading order in q (first order in the velocity v = q/M of the kicked nucleus), summed over the
final nuclear states by closure (so nuclear overlaps drop out).

Lab frame (the crystal: Esposito & Rocchi 2025, eqs. 20-23; Berghaus, Esposito, Essig, Sholapurkar
2023). Adiabatic perturbation theory for the electrons while X_j moves at v:
c_n' = -\int_0^inf dt e^{i omega t} v <n'|d_{X_j} n>, with <n'|d_{X_j} n> = <n'|d_{X_j}V|n>/(E_n - E_n'):

    A_lab(j) = i (q/M) <n'| d_{X_j} V |n> / omega^2 .

Centre-of-mass frame (Blanco, Harris, Kahn, Lillard, Perez-Rios, PRD 106, 115015 (2022): the
"centre-of-mass recoil" and the "non-adiabatic coupling"). With internal coordinates
xi_e = x_e - Xbar (Xbar = sum_J X_J / N) and the total centre of mass R,

    e^{i q X_j} = e^{i q R} e^{i q (X_j - Xbar)} e^{-i (m/M_tot) q sum_e xi_e},   M_tot = N M + O(m).

The last factor is the atom's Migdal operator (Ibe, Nakano, Shoji, Suzuki, JHEP 03 (2018) 194,
eq. 11; Landau & Lifshitz QM §41); to first order

    A_ad = -i (m q / (N M)) <n'| x |n>                                    (adiabatic, CM recoil).

The middle factor acts on the nuclei at fixed xi; the electronic state follows them through the
derivative at fixed internal coordinates, d_{X_j}|_xi = d_{X_j}|_x + (1/N) d_x, so

    A_na(j) = i (q/M) <n'| d_{X_j} V|_int |n> / omega^2,   d_{X_j} V|_int = d_{X_j} V + (1/N) d_x V,

(non-adiabatic: the seed's <n'|grad_X V|n>/omega^2 term). Translation invariance,
sum_J d_{X_J} V = -d_x V, gives sum_j d_{X_j} V|_int = 0: A_na vanishes for N = 1 (the atom is
purely adiabatic) and A_ad ~ 1/N vanishes for N -> inf (the crystal is purely non-adiabatic).

Why the split does not change the total: [p, H] = -i d_x V and [H, x] = -i p/m give the
hypervirial (Ehrenfest) identity <n'|d_x V|n> = m omega^2 <n'|x|n>, hence

    A_ad + A_na(j) = A_lab(j)                                              (frame check), and
    sum_j A_lab(j) = N A_ad,  sum_j A_na(j) = 0                            (translation sum rule:
    kicking every nucleus by q is a Galilean boost of the whole system).

Signs: omega > 0 and the kick e^{+iqX} (DM momentum transfer q to the nucleus); the atom's result
A_lab = -i m v <n'|x|n> is the boost e^{-i m v x} of the electrons into the frame of the nucleus.
The model here is one-dimensional, so q is the component along the chain.

Probabilities carry the spin degeneracy g (each of the g electrons of an orbital can be excited):
P_ad = g sum |A_ad|^2, P_na = g sum |A_na|^2, P_total = g sum |A_lab|^2, and the interference is
P_total - P_ad - P_na (zero on average over the kicked nucleus, because sum_j A_na(j) = 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migdal_core.nuclei.chain import Orbitals, atom_force_gradient
from migdal_core.validation import in_range


def dipole(orbitals: Orbitals) -> np.ndarray:
    """<n'|x|n> [bohr] (x measured from the nuclear centre of mass, the origin of the grid)."""
    return orbitals.matrix_element(orbitals.x_bohr)


def nuclear_gradient(orbitals: Orbitals, j: int) -> np.ndarray:
    """<n'|d_{X_j} V|n> at fixed electron coordinates [Ha/bohr]."""
    r = orbitals.x_bohr - orbitals.model.positions_bohr[j]
    return orbitals.matrix_element(-atom_force_gradient(r, orbitals.model))


def electron_gradient(orbitals: Orbitals) -> np.ndarray:
    """<n'|d_x V|n> [Ha/bohr] (equals omega^2 <n'|x|n> for exact eigenstates, m = 1)."""
    r = orbitals.x_bohr[:, None] - orbitals.model.positions_bohr[None, :]
    return orbitals.matrix_element(atom_force_gradient(r, orbitals.model).sum(axis=1))


@dataclass(frozen=True)
class Amplitudes:
    """Leading-order amplitudes per unit (q a0) (m/M): arrays [empty n', occupied n]."""

    omega_Ha: np.ndarray
    adiabatic: np.ndarray
    nonadiabatic: np.ndarray
    lab: np.ndarray
    spin_degeneracy: int

    def probabilities(self) -> dict[str, float]:
        """P_ad, P_na, P_total, interference and the shares of P_total (per (q a0)^2 (m/M)^2)."""
        g = self.spin_degeneracy
        p_ad = g * float(np.sum(np.abs(self.adiabatic) ** 2))
        p_na = g * float(np.sum(np.abs(self.nonadiabatic) ** 2))
        p_total = g * float(np.sum(np.abs(self.lab) ** 2))
        return {
            "P_ad": p_ad,
            "P_na": p_na,
            "P_total": p_total,
            "P_interference": p_total - p_ad - p_na,
            "adiabatic_fraction": p_ad / p_total,
            "nonadiabatic_fraction": p_na / p_total,
        }

    def frame_check(self) -> float:
        """max |(A_ad + A_na) - A_lab| / max |A_lab| (zero up to the discretisation)."""
        return float(np.max(np.abs(self.adiabatic + self.nonadiabatic - self.lab)) / np.max(np.abs(self.lab)))


def amplitudes(orbitals: Orbitals, j: int) -> Amplitudes:
    """A_ad, A_na(j), A_lab(j) for a kick on nucleus j (module docstring), in units of (q a0)(m/M).

    Multiply by q [1/bohr] and m/M to get the amplitude itself (all three are linear in q m/M).
    """
    N = orbitals.model.N
    omega2 = orbitals.omega_Ha**2
    d_lab = nuclear_gradient(orbitals, j)
    d_int = d_lab + electron_gradient(orbitals) / N
    return Amplitudes(
        omega_Ha=orbitals.omega_Ha,
        adiabatic=-1j * dipole(orbitals) / N,
        nonadiabatic=1j * d_int / omega2,
        lab=1j * d_lab / omega2,
        spin_degeneracy=orbitals.model.spin_degeneracy,
    )


def translation_sum(orbitals: Orbitals) -> tuple[np.ndarray, np.ndarray]:
    """(sum_j A_lab(j), N A_ad): equal by Galilean invariance (module docstring)."""
    total = sum(amplitudes(orbitals, j).lab for j in range(orbitals.model.N))
    return total, -1j * dipole(orbitals)


def atom_exact_q(orbitals: Orbitals, q_e_per_bohr: float, orbital: int = 0) -> np.ndarray:
    """<n'|e^{-i q_e x}|n> for every state n' of the grid from occupied ``orbital`` (exact in q).

    q_e = m q / M_tot is the electron's share of the kick (Ibe et al. 2018, eq. 11, 1D); for a
    single electron the excitation probability is sum_{n' != n} |.|^2 = 1 - |<n|e^{-i q_e x}|n>|^2.
    """
    in_range("q_e_per_bohr", q_e_per_bohr, 0.0, 50.0, units="1/bohr")
    phase = np.exp(-1j * q_e_per_bohr * orbitals.x_bohr)
    return orbitals.vectors.T @ (phase * orbitals.vectors[:, orbital])
