"""Target tables: crystals (Si, Ge) and atoms (Xe, Ar, Si, Ge) for the Migdal rate.

Crystal data: physics contract section 2 table (atomic masses IUPAC 2021).
Atomic transition tables (Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194)
are read at run time from the installed wimprates package
(``wimprates/data/migdal/migdal_transition_*.csv``).
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
from functools import cache

import numpy as np

from migdal_core import validation as V

#: Crystal targets (contract section 2 table; atomic masses: IUPAC 2021).
CRYSTALS = {
    "Si": {
        "A": 28,
        "mass_amu": 28.0855,
        "Z": 14,
        "Z_ion": 4.0,
        "E_gap_eV": 1.11,
        "e0_eV": 3.6,
        "omega_p_eV": 16.6,
        "omega_bar_eV": 0.03,
    },
    "Ge": {
        "A": 72,
        "mass_amu": 72.630,
        "Z": 32,
        "Z_ion": 4.0,
        "E_gap_eV": 0.67,
        "e0_eV": 2.9,
        "omega_p_eV": 16.0,
        "omega_bar_eV": 0.02,
    },
}

#: Atomic targets for the Ibe et al. calculation. Binding energies E_nl [eV]
#: per shell column of the wimprates tables: Xe, Ar, Ge from Ibe et al. 2018
#: Table 2 (as in wimprates); Si from the atomic binding-energy table used by
#: wimprates (chembio.uoguelph.ca).
ATOMS = {
    "Xe": {
        "A": 131,
        "mass_amu": 131.293,
        "valence_n": 5,
        "E_nl": (3.5e4, 5.4e3, 4.9e3, 1.1e3, 9.3e2, 6.6e2, 2.0e2, 1.4e2, 6.1e1, 2.1e1, 9.8),
    },
    "Ar": {"A": 40, "mass_amu": 39.948, "valence_n": 3, "E_nl": (3.2e3, 3.0e2, 2.4e2, 2.7e1, 1.3e1)},
    "Ge": {
        "A": 72,
        "mass_amu": 72.630,
        "valence_n": 4,
        "E_nl": (1.1e4, 1.4e3, 1.2e3, 1.7e2, 1.2e2, 3.5e1, 1.5e1, 6.5),
    },
    "Si": {"A": 28, "mass_amu": 28.0855, "valence_n": 3, "E_nl": (1844.1, 154.04, 103.71, 13.46, 8.1517)},
}

#: Shells kept by liquid-noble analyses ("liquid"): for Xe n = 3, 4, as in the XENON1T Migdal search
#: (PRL 123, 241803 (2019); wimprates' default): n = 5 is the valence shell, which in the liquid is a band,
#: not an isolated-atom state, and n = 1, 2 add almost nothing. For Ar the same reasoning drops the valence
#: n = 3 shell and keeps n = 1, 2.
LIQUID_SHELLS = {"Xe": "3*,4*", "Ar": "1*,2*"}

TARGETS = ("Si", "Ge", "Xe", "Ar")
MODELS = ("crystal", "atomic")

#: Largest electronic energy omega [eV] of each model: the valence ELF range for
#: crystals, the end of the Ibe tables (plus binding) for atoms.
OMEGA_MAX_EV = {"crystal": 500.0, "atomic": 2.0e4}
TABLE_E_MIN_EV = 1.0  # first electron energy of the Ibe tables
_TAIL_CUTS_EV = (60.0, 100.0, 160.0, 250.0, 400.0)  # fixed cuts of a crystal's omega integrals above the bins


def quadrature_cuts_eV(inputs) -> tuple[float, ...]:
    """Energies [eV] where every omega integral of a crystal is split: the n-electron thresholds
    E_gap + (n - 1) e0 below 60 eV, then 60, 100, 160, 250, 400 eV; so the bins, the rates above each
    threshold and those for many masses, whose ranges differ only in their last piece, share segments
    (and the memoized I of :mod:`.rates`). Atoms: none (their shell edges split the integrals)."""
    if inputs.model != "crystal":
        return ()
    td = CRYSTALS[inputs.target]
    n = int((_TAIL_CUTS_EV[0] - td["E_gap_eV"]) // td["e0_eV"])
    return tuple(td["E_gap_eV"] + q * td["e0_eV"] for q in range(n + 1)) + _TAIL_CUTS_EV


def default_model(target: str) -> str:
    """ "crystal" for Si and Ge, "atomic" for Xe and Ar."""
    return "crystal" if target in CRYSTALS else "atomic"


@cache
def _wimprates_dir() -> str:
    spec = importlib.util.find_spec("wimprates")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(
            "model=atomic needs the 'wimprates' package (transition tables); it is not installed"
        )
    return next(iter(spec.submodule_search_locations))


@cache
def load_transition_table(target: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Ibe et al. transition table from the installed wimprates package.

    Returns (shell names like "2_1", E_e grid [eV], p[E, shell] [1/eV at q_e = 1 eV]).
    """
    V.one_of("target", target, tuple(ATOMS))
    path = os.path.join(_wimprates_dir(), "data", "migdal", f"migdal_transition_{target}.csv")
    with open(path) as fh:
        header = fh.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    e_col = header.index("E")
    names = tuple(h for i, h in enumerate(header) if i != e_col)
    P = np.delete(data, e_col, axis=1)
    if len(names) != len(ATOMS[target]["E_nl"]):
        raise ValueError(f"unexpected transition table layout for {target}: {header}")
    return names, data[:, e_col].copy(), P


def default_shells(target: str) -> str:
    """ "liquid" for the liquid-noble targets Xe and Ar, "all" for the Si and Ge atoms."""
    return "liquid" if target in LIQUID_SHELLS else "all"


def select_shells(target: str, shells) -> tuple[int, ...]:
    """Indices of the shells to include: None (:func:`default_shells`), "all", "inner" (no valence n),
    "liquid" (Xe, Ar: :data:`LIQUID_SHELLS`), or names/patterns such as "3*,4_1"."""
    names, _, _ = load_transition_table(target)
    if shells is None:
        shells = default_shells(target)
    if shells == "liquid":
        if target not in LIQUID_SHELLS:
            raise ValueError(
                f"shells='liquid' is defined for Xe and Ar; for {target!r} use 'all', 'inner' "
                "or a list of shells"
            )
        shells = LIQUID_SHELLS[target]
    if shells == "all":
        return tuple(range(len(names)))
    if shells == "inner":
        nv = ATOMS[target]["valence_n"]
        return tuple(i for i, s in enumerate(names) if int(s.split("_")[0]) != nv)
    items = [s.strip() for s in shells.split(",")] if isinstance(shells, str) else list(shells)
    if not items or any(not isinstance(s, str) or not s for s in items):
        raise ValueError(
            f"shells must be 'all', 'inner', 'liquid' or a list of shells from {', '.join(names)}; "
            f"got {shells!r}"
        )
    idx = []
    for pat in items:
        hit = [i for i, s in enumerate(names) if fnmatch.fnmatch(s, pat)]
        if not hit:
            raise ValueError(
                f"shells must be 'all', 'inner', 'liquid' or shells from {', '.join(names)} "
                f"(patterns like '2*' allowed); got {pat!r}"
            )
        idx.extend(hit)
    return tuple(sorted(set(idx)))
