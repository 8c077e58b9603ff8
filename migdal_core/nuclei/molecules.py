"""Research step: the same split for real molecules, from pyscf (dimerised hydrogen chains (H2)_n).

For a molecule the amplitudes of :mod:`migdal_core.nuclei.amplitudes` become 3-vectors (q along a
unit vector; orientation average |q.A|^2 -> q^2 |A|^2 / 3) with M_j the mass of nucleus j and
M_tot their sum:

    A_lab(j) = i (q/M) <a| grad_{R_j} V |i> / omega^2,   A_ad = -i (m q / (N M)) <a| r |i>,
    A_na(j)  = A_lab(j) - (1/N) sum_J A_lab(J)     (the derivative at fixed internal coordinates),

and the total A_ad + A_na(j) (equal masses: hydrogen chains),

for one-electron excitations i -> a, omega = e_a - e_i, spin degeneracy 2, between the orbitals of
one of two one-electron Hamiltonians (``method``):

- ``"hf"``: restricted Hartree-Fock orbitals, uncoupled (the response of the mean field to the
  displaced nucleus is left out): realistic orbital energies, but see the frame mismatch below;
- ``"independent"``: eigenstates of the core Hamiltonian T + V_nuc (independent electrons in the bare
  nuclear potential, the 3D analogue of the 1D chain, without its screening): the formulation is
  exact here, and the frame mismatch is pure basis incompleteness (H2: 6.7 % aug-cc-pVDZ, 1.8 %
  aug-cc-pVTZ, 0.8 % aug-cc-pVQZ). The per-nucleus operator is pyscf's nuclear-attraction gradient,
<mu| d_{R_j} V |nu> = -Z_j (<d mu| 1/|r - R_j| |nu> + transpose) (``int1e_iprinv`` with the origin
at nucleus j: Sun et al., J. Chem. Phys. 153, 024109 (2020)); its sum over j is the electron
gradient -<mu| d_r V |nu> (``int1e_ipnuc``), the translation sum rule, exact at integral level.

The hypervirial identity <a| d_r V_nuc |i> = omega^2 <a| r |i> that makes the 1D model frame-free
does not hold for HF orbitals (they diagonalise the Fock operator, whose mean field moves with the
electrons, not the nuclei: a ~57 % mismatch for H2 that no basis removes), and only up to basis
incompleteness for the independent electrons. ``frame_mismatch`` =
max |(1/N) sum_J A_lab(J) - A_ad| / max |A_ad| measures it; A_ad uses the dipole (length) form,
the atomic Migdal standard (Ibe et al. 2018). Blanco, Harris, Kahn, Lillard & Perez-Rios, PRD 106,
115015 (2022) treat H2+, N2 and CO with this split (their "centre-of-mass recoil" and "non-adiabatic
coupling"); their text was not reachable from here, so no number of theirs is compared.

pyscf is a development dependency: the web view reads the frozen table MOLECULES_PATH
(``python -m migdal_core.nuclei.molecules`` rebuilds it; tests/test_nuclei_molecules.py reruns pyscf).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from migdal_core.validation import as_int_in_range, in_range, one_of

MOLECULES_PATH = Path(__file__).resolve().parent.parent / "data" / "nuclei_molecules.json"
BASIS = "aug-cc-pvtz"
METHODS = ("hf", "independent")
BOND_BOHR = 1.4  # H2 equilibrium bond (Kolos & Wolniewicz 1.4011 bohr)
GAP_BOHR = 3.0  # distance between neighbouring H2 units of the dimerised chain
N_MOLECULES = (1, 2, 3, 4, 5)


def h2_chain_geometry(n_molecules: int, bond_bohr: float = BOND_BOHR,
                      gap_bohr: float = GAP_BOHR) -> np.ndarray:
    """z coordinates [bohr] of the 2n nuclei of a linear (H2)_n chain, centred on 0."""
    as_int_in_range("n_molecules", n_molecules, 1, 20)
    in_range("bond_bohr", bond_bohr, 0.5, 5.0, units="bohr")
    in_range("gap_bohr", gap_bohr, 0.5, 10.0, units="bohr")
    z = np.concatenate([[k * (bond_bohr + gap_bohr), k * (bond_bohr + gap_bohr) + bond_bohr]
                        for k in range(n_molecules)])
    return z - z.mean()


def hydrogen_chain(z_bohr: np.ndarray, basis: str = BASIS):
    """pyscf Mole of hydrogen atoms on the z axis (closed shell)."""
    from pyscf import gto

    atoms = [("H", (0.0, 0.0, float(z))) for z in z_bohr]
    return gto.M(atom=atoms, unit="Bohr", basis=basis, verbose=0)


def gradient_operators(mol) -> np.ndarray:
    """<mu| d_{R_j} V |nu> for every nucleus j: array [j, xyz, mu, nu] (module docstring)."""
    out = []
    for j in range(mol.natm):
        with mol.with_rinv_at_nucleus(j):
            v = -mol.atom_charge(j) * mol.intor("int1e_iprinv", comp=3)
        out.append(v + v.transpose(0, 2, 1))
    return np.array(out)


def orbitals(mol, method: str) -> tuple[np.ndarray, np.ndarray, float]:
    """(orbital energies [Ha], coefficients, total energy [Ha]) for ``method`` (module docstring)."""
    import scipy.linalg
    from pyscf import scf

    one_of("method", method, METHODS)
    if method == "hf":
        mf = scf.RHF(mol).run(conv_tol=1e-11)
        return mf.mo_energy, mf.mo_coeff, float(mf.e_tot)
    core = mol.intor("int1e_kin") + mol.intor("int1e_nuc")
    energies, coefficients = scipy.linalg.eigh(core, mol.intor("int1e_ovlp"))
    n_occ = mol.nelectron // 2
    return energies, coefficients, float(2.0 * energies[:n_occ].sum() + mol.energy_nuc())


def molecular_amplitudes(mol, method: str = "hf") -> dict[str, np.ndarray]:
    """Orbitals and the lab, adiabatic and non-adiabatic amplitudes per unit (q a0)(m/M)."""
    mo_energy, mo_coeff, e_tot = orbitals(mol, method)
    n_occ = mol.nelectron // 2
    c_occ, c_vir = mo_coeff[:, :n_occ], mo_coeff[:, n_occ:]
    omega = mo_energy[n_occ:, None] - mo_energy[None, :n_occ]
    grad = c_vir.T @ gradient_operators(mol) @ c_occ  # [j, xyz, a, i]
    with mol.with_common_orig(np.zeros(3)):  # nuclear centre of mass (equal masses, centred chain)
        r = c_vir.T @ mol.intor("int1e_r", comp=3) @ c_occ
    N = mol.natm
    lab = 1j * grad / omega**2
    return {"omega_Ha": omega, "lab": lab, "adiabatic": -1j * r / N,
            "nonadiabatic": lab - lab.mean(axis=0), "mo_energy_Ha": mo_energy, "e_tot_Ha": e_tot,
            "n_occupied": n_occ}


def _shares(adiabatic: np.ndarray, nonadiabatic: np.ndarray, spin: int = 2) -> dict[str, float]:
    """Orientation-averaged probabilities (sum over xyz / 3) per (q a0)^2 (m/M)^2 and shares."""
    p_ad = spin * float(np.sum(np.abs(adiabatic) ** 2)) / 3.0
    p_na = spin * float(np.sum(np.abs(nonadiabatic) ** 2)) / 3.0
    p_total = spin * float(np.sum(np.abs(adiabatic + nonadiabatic) ** 2)) / 3.0
    return {"P_ad": p_ad, "P_na": p_na, "P_total": p_total, "adiabatic_fraction": p_ad / p_total}


def chain_row(n_molecules: int, method: str = "hf", basis: str = BASIS) -> dict:
    """Shares for the end and the middle nucleus of (H2)_n, the gap and the frame mismatch."""
    z = h2_chain_geometry(n_molecules)
    amps = molecular_amplitudes(hydrogen_chain(z, basis), method)
    N = z.size
    row = {"n_molecules": n_molecules, "N": N, "method": method, "basis": basis, "e_tot_Ha": amps["e_tot_Ha"],
           "homo_lumo_gap_Ha": float(amps["mo_energy_Ha"][amps["n_occupied"]]
                                     - amps["mo_energy_Ha"][amps["n_occupied"] - 1])}
    velocity_form = amps["lab"].mean(axis=0)
    adiabatic_max = np.max(np.abs(amps["adiabatic"]))
    row["frame_mismatch"] = float(np.max(np.abs(velocity_form - amps["adiabatic"])) / adiabatic_max)
    for name, j in (("end", 0), ("middle", N // 2)):
        shares = _shares(amps["adiabatic"], amps["nonadiabatic"][j])
        row.update({f"{name}_{k}": v for k, v in shares.items()})
    return row


def build(path: Path = MOLECULES_PATH) -> None:
    """Run pyscf for every (H2)_n of N_MOLECULES and write the table the view reads."""
    rows = [chain_row(n, method) for method in METHODS for n in N_MOLECULES]
    meta = {"basis": BASIS, "bond_bohr": BOND_BOHR, "gap_bohr": GAP_BOHR, "pyscf": _pyscf_version(),
            "units": "probabilities per (q a0)^2 (m/M_H)^2, orientation averaged, spin 2"}
    path.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")


def _pyscf_version() -> str:
    import pyscf

    return pyscf.__version__


def load() -> dict:
    """The frozen pyscf table (no pyscf needed)."""
    return json.loads(MOLECULES_PATH.read_text())


if __name__ == "__main__":
    build()
    print(f"wrote {MOLECULES_PATH}")
