"""Research step of §7: the adiabatic / non-adiabatic split for real molecules (pyscf, (H2)_n chains)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

pytest.importorskip("pyscf")

from migdal_core.nuclei import molecules


def _h2(basis: str = "aug-cc-pvdz"):
    return molecules.hydrogen_chain(molecules.h2_chain_geometry(1), basis)


def test_gradient_operator_is_the_derivative_of_the_nuclear_attraction():
    """<mu| d_{R_j} V |nu> against a central difference of pyscf's <mu| -Z/|r - R| |nu> in R (basis fixed)."""
    mol = _h2()
    step = 1e-4
    coord = mol.atom_coord(1)

    def attraction(z_shift: float) -> np.ndarray:
        with mol.with_rinv_origin(coord + np.array([0.0, 0.0, z_shift])):
            return -mol.atom_charge(1) * mol.intor("int1e_rinv")

    finite_difference = (attraction(step) - attraction(-step)) / (2.0 * step)
    analytic = molecules.gradient_operators(mol)[1, 2]
    np.testing.assert_allclose(analytic, finite_difference, atol=1e-6 * np.abs(analytic).max())


def test_translation_sum_rule_of_the_integrals():
    """sum_j d_{R_j} V = -d_r V: pyscf's per-nucleus integrals sum to its electron-gradient integral."""
    mol = molecules.hydrogen_chain(molecules.h2_chain_geometry(2), "aug-cc-pvdz")
    ipnuc = mol.intor("int1e_ipnuc", comp=3)
    total = molecules.gradient_operators(mol).sum(axis=0)
    np.testing.assert_allclose(total, ipnuc + ipnuc.transpose(0, 2, 1), atol=1e-12)


def test_h2_hartree_fock_energy_near_the_hf_limit():
    """RHF/aug-cc-pVTZ at R = 1.4 bohr within 1 mHa of the HF limit -1.133629 Ha (Kolos & Roothaan,
    Rev. Mod. Phys. 32, 219 (1960); numerical HF, Laaksonen et al.)."""
    _, _, energy, _ = molecules.orbitals(_h2("aug-cc-pvtz"), "hf")
    assert energy == pytest.approx(-1.133629, abs=1e-3)
    assert energy > -1.133629 - 1e-6  # variational


def test_rpa_makes_the_split_frame_free():
    """TDHF (RPA) keeps the equations of motion of one-body operators, so (1/N) sum_J A_lab(J) = A_ad
    up to basis incompleteness; uncoupled HF orbitals do not (the mean field ignores the nuclei)."""
    assert molecules.chain_row(1, "rpa", "aug-cc-pvdz")["frame_mismatch"] < 0.05
    assert molecules.chain_row(1, "rpa", "aug-cc-pvqz")["frame_mismatch"] < 0.01
    assert molecules.chain_row(1, "hf", "aug-cc-pvdz")["frame_mismatch"] > 0.3


def test_independent_electron_split_converges_with_the_basis():
    """For T + V_nuc eigenstates the frame mismatch is basis incompleteness: it falls with the basis."""
    mismatch = {
        basis: molecules.chain_row(1, "independent", basis)["frame_mismatch"]
        for basis in ("aug-cc-pvdz", "aug-cc-pvqz")
    }
    assert mismatch["aug-cc-pvqz"] < 0.5 * mismatch["aug-cc-pvdz"]
    assert mismatch["aug-cc-pvqz"] < 0.02


@pytest.mark.parametrize("method", molecules.METHODS)
def test_table_equals_a_fresh_pyscf_run(method):
    rows = [r for r in molecules.load()["rows"] if r["method"] == method and r["n_molecules"] <= 2]
    for row in rows:
        fresh = molecules.chain_row(row["n_molecules"], method, row["basis"])
        for key in (
            "e_tot_Ha",
            "homo_lumo_gap_Ha",
            "lowest_excitation_Ha",
            "frame_mismatch",
            "end_adiabatic_fraction",
            "middle_adiabatic_fraction",
            "middle_P_total",
        ):
            assert row[key] == pytest.approx(fresh[key], rel=1e-6), key


def test_molecular_shares_from_the_table():
    """RPA and uncoupled RHF: the diatomic is mostly adiabatic and the adiabatic share falls along the
    (H2)_n chain. RPA and independent electrons: frame-free to basis accuracy at every N."""
    rows = molecules.load()["rows"]
    for method in ("rpa", "hf"):
        chain = sorted((r for r in rows if r["method"] == method), key=lambda r: r["N"])
        shares = [r["middle_adiabatic_fraction"] for r in chain]
        assert shares[0] > 0.75
        assert all(a > b for a, b in itertools.pairwise(shares))
    assert all(r["frame_mismatch"] < 0.05 for r in rows if r["method"] in ("rpa", "independent"))


def test_rpa_adiabatic_share_falls_like_one_over_N_as_in_the_chain():
    from migdal_core.nuclei.spectrum import adiabatic_power_law

    chain = sorted(
        (r for r in molecules.load()["rows"] if r["method"] == "rpa" and r["N"] >= 4), key=lambda r: r["N"]
    )
    power = adiabatic_power_law(
        np.array([r["N"] for r in chain]), np.array([r["middle_adiabatic_fraction"] for r in chain])
    )
    assert power == pytest.approx(1.0, abs=0.1)


def test_h2_lowest_rpa_excitation_is_the_b_state():
    """Vertical B 1Sigma_u+ <- X 1Sigma_g+ of H2 at R = 1.4 bohr: 12.75 eV (Kolos & Wolniewicz potential
    curves); RPA/aug-cc-pVTZ within 0.3 eV."""
    row = next(r for r in molecules.load()["rows"] if r["method"] == "rpa" and r["N"] == 2)
    assert row["lowest_excitation_Ha"] * 27.211386 == pytest.approx(12.75, abs=0.3)
