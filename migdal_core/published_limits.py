"""Published Migdal-effect limits and projections, for comparison with a reach curve.

Spin-independent DM-nucleon cross sections sigma_n [cm^2] versus m_chi [MeV],
as published (each experiment's own halo and statistics; 90% CL upper limits,
or the projected 3-event reach). The points are in ``data/migdal_limits.csv``;
:data:`CURVES` says for each curve where it was published, the exposure and
threshold, and where the numbers were taken from. No curve here was drawn by
eye from a figure by us: where no table of a paper's curve could be found
(EDELWEISS 2022 Ge, PRD 106, 062004; LUX 2019; SENSEI / DAMIC-M Migdal), the
curve is left out.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from migdal_core import validation as V

DATA_FILE = Path(__file__).parent / "data" / "migdal_limits.csv"
_DARKLIM = (
    "numbers as tabulated in DarkLim (github spice-herald/DarkLim, examples/ExistingLimits/, MIT licence)"
)


@dataclass(frozen=True)
class LimitCurve:
    """One published curve: what it is, where it is from, and what the experiment (or projection) assumed."""

    key: str
    label: str  # legend text, with the short citation
    kind: str  # "limit" (90% CL) | "projection"
    target: str
    mediator: str  # "heavy" | "light", as in migdal_core.spectra
    citation: str  # journal reference
    doi: str
    arxiv: str
    exposure: str
    threshold: str
    numbers_from: str


CURVES: dict[str, LimitCurve] = {
    c.key: c
    for c in (
        LimitCurve(
            "xenon1t_2019",
            "XENON1T 2019, Xe (PRL 123, 241803)",
            "limit",
            "Xe",
            "heavy",
            "XENON Collaboration, Phys. Rev. Lett. 123, 241803 (2019)",
            "10.1103/PhysRevLett.123.241803",
            "1907.12771",
            "S2-only 22 t·d; S1+S2 1.0 t·yr",
            "S2-only: S2 ≥ 150 PE; S1+S2: electronic recoils above ~1 keV",
            f"{_DARKLIM}, XENON1T_Migdal_2019.txt",
        ),
        LimitCurve(
            "darkside50_2023",
            "DarkSide-50 2023, Ar (PRL 130, 101001)",
            "limit",
            "Ar",
            "heavy",
            "DarkSide-50 Collaboration, Phys. Rev. Lett. 130, 101001 (2023)",
            "10.1103/PhysRevLett.130.101001",
            "2207.11967",
            "(12306 ± 184) kg·d",
            "ionization only (S2), N_e ≥ 4 extracted electrons",
            f"{_DARKLIM}, Darkside50_Migdal_2023.txt",
        ),
        *(
            LimitCurve(
                f"knapen2021_{t.lower()}_{med}",
                f"Knapen et al. 2021 projection, {t} (PRL 127, 081805)",
                "projection",
                t,
                med,
                "S. Knapen, J. Kozaczuk, T. Lin, Phys. Rev. Lett. 127, 081805 (2021)",
                "10.1103/PhysRevLett.127.081805",
                "2011.09496",
                "1 kg·yr, no background (3 events)",
                "≥ 2 electrons, nuclear recoil E_N > 4 ω̄, impulse approximation, DFT (GPAW) ELF",
                f"the authors' table (github tongylin/DarkELF, examples/data/migdal_{t}_{file_med}_4.0.txt)",
            )
            for t in ("Si", "Ge")
            for med, file_med in (("heavy", "massive"), ("light", "massless"))
        ),
    )
}


@lru_cache(maxsize=1)
def _points() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    by_curve: dict[str, list[tuple[float, float]]] = {}
    with DATA_FILE.open() as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            by_curve.setdefault(row["curve"], []).append((float(row["m_chi_MeV"]), float(row["sigma_n_cm2"])))
    return {
        key: (np.array([m for m, _ in pts]), np.array([s for _, s in pts])) for key, pts in by_curve.items()
    }


def curve_points(key: str) -> tuple[np.ndarray, np.ndarray]:
    """(m_chi [MeV], sigma_n [cm^2]) of curve ``key`` (copies)."""
    V.one_of("curve", key, tuple(CURVES))
    masses, sigmas = _points()[key]
    return masses.copy(), sigmas.copy()


def curves_for(mediator: str, target: str | None = None) -> list[LimitCurve]:
    """Curves for ``mediator``: every experimental limit, and the projections for ``target`` (all if None)."""
    return [
        c
        for c in CURVES.values()
        if c.mediator == mediator and (c.kind == "limit" or target is None or c.target == target)
    ]
