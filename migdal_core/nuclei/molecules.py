"""Research step: the same split for real molecules, from pyscf (dimerised hydrogen chains (H2)_n).

For a molecule the amplitudes of :mod:`migdal_core.nuclei.amplitudes` become 3-vectors (orientation
average |q.A|^2 -> q^2 |A|^2 / 3). For equal nuclear masses M (hydrogen chains), per unit (q a0)(m/M),

    A_lab(j) = i <n| sum_e d_{R_j} V |0> / Omega_n^2,    A_ad = -i <n| sum_e r_e |0> / N,
    A_na(j)  = A_lab(j) - (1/N) sum_J A_lab(J)    (the derivative at fixed internal coordinates),

and the total A_ad + A_na(j). Singlet excitations |n> of energy Omega_n from the RHF ground state,
with transition moments <n|O|0> = sqrt(2) sum_ia O_ia (X + Y)_ia of one-electron operators O
(spin summed), in one of three approximations (``method``):

- ``"rpa"``: linear-response TDHF (the random-phase approximation; (X, Y) from pyscf's A and B
  matrices, Omega its eigenvalues). RPA keeps the equations of motion of one-body operators
  (Thouless 1961; Harris 1969 "gauge invariance" of RPA oscillator strengths), so
  [[sum r, H], H] = -sum_e grad_e V_nuc holds and the split is frame-free up to basis
  incompleteness: H2 3.1 % aug-cc-pVDZ, 3.4 % aug-cc-pVTZ, 0.7 % aug-cc-pVQZ;
- ``"hf"``: uncoupled RHF orbital excitations i -> a, X = 1, Y = 0, Omega = e_a - e_i: the mean field
  does not follow the displaced nucleus, and the split is off by ~55 % for H2 in every basis;
- ``"independent"``: eigenstates of the core Hamiltonian T + V_nuc (independent electrons in the bare
  nuclear potential, the 3D analogue of the 1D chain without its screening): frame-free up to basis
  incompleteness (H2: 6.2 %, 3.1 %, 1.2 % from aug-cc-pVDZ to QZ), but the bare chain's gap closes.

The per-nucleus operator is pyscf's nuclear-attraction gradient,
<mu| d_{R_j} V |nu> = -Z_j (<d mu| 1/|r - R_j| |nu> + transpose) (``int1e_iprinv`` with the origin at
nucleus j; Sun et al., J. Chem. Phys. 153, 024109 (2020)); its sum over j is the electron gradient
-<mu| d_r V |nu> (``int1e_ipnuc``), the translation sum rule, exact at integral level.
``frame_mismatch`` = ||(1/N) sum_J A_lab(J) - A_ad|| / ||A_ad|| (2-norms over all excitations and
components: unchanged by any mixing of degenerate states, unlike a maximum); A_ad uses the dipole
(length) form, the atomic Migdal standard (Ibe et al. 2018). Blanco, Harris, Kahn, Lillard &
Perez-Rios, PRD 106, 115015 (2022) treat H2+, N2 and CO with this split (their "centre-of-mass
recoil" and "non-adiabatic coupling"); their text was not reachable from here, so no number of
theirs is compared.

pyscf is a development dependency: the web view reads the frozen table MOLECULES_PATH
(``python -m migdal_core.nuclei.molecules`` rebuilds it; tests/test_nuclei_molecules.py reruns pyscf).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import scipy.linalg

from migdal_core.validation import as_int_in_range, in_range, one_of

MOLECULES_PATH = Path(__file__).resolve().parent.parent / "data" / "nuclei_molecules.json"
BASIS = "aug-cc-pvtz"
METHODS = ("rpa", "hf", "independent")
BOND_BOHR = 1.4  # H2 equilibrium bond (Kolos & Wolniewicz 1.4011 bohr)
GAP_BOHR = 3.0  # distance between neighbouring H2 units of the dimerised chain
N_MOLECULES = (1, 2, 3, 4, 5)


def h2_chain_geometry(
    n_molecules: int, bond_bohr: float = BOND_BOHR, gap_bohr: float = GAP_BOHR
) -> np.ndarray:
    """z coordinates [bohr] of the 2n nuclei of a linear (H2)_n chain, centred on 0."""
    as_int_in_range("n_molecules", n_molecules, 1, 20)
    in_range("bond_bohr", bond_bohr, 0.5, 5.0, units="bohr")
    in_range("gap_bohr", gap_bohr, 0.5, 10.0, units="bohr")
    z = np.concatenate(
        [[k * (bond_bohr + gap_bohr), k * (bond_bohr + gap_bohr) + bond_bohr] for k in range(n_molecules)]
    )
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


def orbitals(mol, method: str) -> tuple[np.ndarray, np.ndarray, float, object]:
    """(orbital energies [Ha], coefficients, ground-state energy [Ha], the pyscf SCF or None)."""
    from pyscf import scf

    one_of("method", method, METHODS)
    if method != "independent":
        mf = scf.RHF(mol).run(conv_tol=1e-11)
        return mf.mo_energy, mf.mo_coeff, float(mf.e_tot), mf
    core = mol.intor("int1e_kin") + mol.intor("int1e_nuc")
    energies, coefficients = scipy.linalg.eigh(core, mol.intor("int1e_ovlp"))
    n_occ = mol.nelectron // 2
    return energies, coefficients, float(2.0 * energies[:n_occ].sum() + mol.energy_nuc()), None


def _rpa(mf) -> tuple[np.ndarray, np.ndarray]:
    """Singlet TDHF: (Omega [n], (X + Y)[ia, n]), (X+Y).(X-Y) = 1, from (A-B)^1/2 (A+B) (A-B)^1/2."""
    from pyscf import tdscf

    a, b = tdscf.rhf.get_ab(mf)
    size = a.shape[0] * a.shape[1]
    a, b = a.reshape(size, size), b.reshape(size, size)
    w, v = scipy.linalg.eigh(a - b)
    root = (v * np.sqrt(w)) @ v.T
    omega2, t = scipy.linalg.eigh(root @ (a + b) @ root)
    omega = np.sqrt(omega2)
    return omega, (root @ t) / np.sqrt(omega)


def molecular_amplitudes(mol, method: str = "rpa") -> dict:
    """Excitation energies and the lab, adiabatic and non-adiabatic amplitudes per (q a0)(m/M)."""
    mo_energy, mo_coeff, e_tot, mf = orbitals(mol, method)
    n_occ = mol.nelectron // 2
    c_occ, c_vir = mo_coeff[:, :n_occ], mo_coeff[:, n_occ:]
    grad = (c_occ.T @ gradient_operators(mol) @ c_vir).reshape(mol.natm, 3, -1)  # [j, xyz, ia]
    with mol.with_common_orig(np.zeros(3)):  # nuclear centre of mass (equal masses, centred chain)
        r = (c_occ.T @ mol.intor("int1e_r", comp=3) @ c_vir).reshape(3, -1)
    if method == "rpa":
        omega, x_plus_y = _rpa(mf)
        grad, r = grad @ x_plus_y, r @ x_plus_y
    else:
        omega = (mo_energy[None, n_occ:] - mo_energy[:n_occ, None]).ravel()
    lab = 1j * np.sqrt(2.0) * grad / omega**2
    return {
        "omega_Ha": omega,
        "lab": lab,
        "adiabatic": -1j * np.sqrt(2.0) * r / mol.natm,
        "nonadiabatic": lab - lab.mean(axis=0),
        "mo_energy_Ha": mo_energy,
        "e_tot_Ha": e_tot,
        "n_occupied": n_occ,
    }


def _shares(adiabatic: np.ndarray, nonadiabatic: np.ndarray) -> dict[str, float]:
    """Orientation-averaged probabilities (sum over xyz / 3) per (q a0)^2 (m/M)^2 and the share."""
    p_ad = float(np.sum(np.abs(adiabatic) ** 2)) / 3.0
    p_na = float(np.sum(np.abs(nonadiabatic) ** 2)) / 3.0
    p_total = float(np.sum(np.abs(adiabatic + nonadiabatic) ** 2)) / 3.0
    return {"P_ad": p_ad, "P_na": p_na, "P_total": p_total, "adiabatic_fraction": p_ad / p_total}


def chain_row(n_molecules: int, method: str = "rpa", basis: str = BASIS) -> dict:
    """Shares for the end and the middle nucleus of (H2)_n, the gap and the frame mismatch."""
    z = h2_chain_geometry(n_molecules)
    amps = molecular_amplitudes(hydrogen_chain(z, basis), method)
    N, n_occ = z.size, amps["n_occupied"]
    row = {
        "n_molecules": n_molecules,
        "N": N,
        "method": method,
        "basis": basis,
        "e_tot_Ha": amps["e_tot_Ha"],
        "homo_lumo_gap_Ha": float(amps["mo_energy_Ha"][n_occ] - amps["mo_energy_Ha"][n_occ - 1]),
        "lowest_excitation_Ha": float(amps["omega_Ha"].min()),
    }
    velocity_form = amps["lab"].mean(axis=0)
    row["frame_mismatch"] = float(
        np.linalg.norm(velocity_form - amps["adiabatic"]) / np.linalg.norm(amps["adiabatic"])
    )
    for name, j in (("end", 0), ("middle", N // 2)):
        shares = _shares(amps["adiabatic"], amps["nonadiabatic"][j])
        row.update({f"{name}_{k}": v for k, v in shares.items()})
    return row


def build(path: Path = MOLECULES_PATH) -> None:
    """Run pyscf for every (H2)_n of N_MOLECULES and every method; write the table the view reads."""
    rows = [chain_row(n, method) for method in METHODS for n in N_MOLECULES]
    meta = {
        "basis": BASIS,
        "bond_bohr": BOND_BOHR,
        "gap_bohr": GAP_BOHR,
        "pyscf": _pyscf_version(),
        "units": "probabilities per (q a0)^2 (m/M_H)^2, orientation averaged, spin summed",
    }
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
