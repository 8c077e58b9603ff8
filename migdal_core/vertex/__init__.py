"""First-order vertex correction P_V and crossed pair vertex P_C (Pietronero-Strässler-Grimaldi model).

Physics contract §3; Pietronero, Strässler, Grimaldi, PRB 52, 10516 and 10530 (1995); Grimaldi,
Pietronero, Strässler, PRL 75, 1158 (1995). Units E_F = k_F = 1, hbar = 1, m = eta = omega_0/E_F,
3D parabolic band xi_p = p^2 - 1 with |xi| <= 1 on every internal line, Einstein phonon, coupling
g theta(q_c - |q|), T = 0. One module per piece:

- :mod:`.first_order`: P(Q) and P_V(Q_c) (``vertex_PV``, ``vertex_PV_general``, ``vertex_P_of_Q``);
- :mod:`.crossed`: the crossed pair vertex P_C(Q_c) (``vertex_PC``);
- :mod:`.frequency_integrals`: the frequency integrals, exact by residues;
- :mod:`.quadrature`: the graded Gauss-Legendre product rules;
- :mod:`.inputs`: validation of eta, Q_c and the frequency configuration.

Orders can be raised with ``orders=(nQ, nr, nu, nphi)``. Curves on a fixed (eta, Q_c) grid are
tabulated in :mod:`migdal_core.tables.vertex_curves` for interactive use.
"""

from __future__ import annotations

import functools

from migdal_core.vertex import crossed, first_order
from migdal_core.vertex.crossed import vertex_PC
from migdal_core.vertex.first_order import vertex_P_of_Q, vertex_PV, vertex_PV_general
from migdal_core.vertex.frequency_integrals import crossed_frequency_integral, frequency_integral
from migdal_core.vertex.inputs import ETA_MAX, FREQUENCIES, eta_from_energies, frequency_pair

__all__ = [
    "ETA_MAX",
    "FREQUENCIES",
    "crossed_frequency_integral",
    "eta_from_energies",
    "frequency_integral",
    "frequency_pair",
    "vertex_PC",
    "vertex_PV",
    "vertex_PV_general",
    "vertex_P_of_Q",
    "vertex_pair",
    "warm_up",
]


def vertex_pair(eta, Qc, frequencies: str = "dynamic"):
    """(P_V, P_C) at (eta, Q_c); for scalars (~5 ms) remembered per process: the vertex panel asks again
    for the same pair whenever only lambda or mu* moves. Arrays and bad values go straight through
    (:func:`vertex_PV` validates)."""
    if isinstance(eta, float | int) and isinstance(Qc, float | int) and isinstance(frequencies, str):
        return _scalar_pair(eta, Qc, frequencies)
    return vertex_PV(eta, Qc, frequencies), vertex_PC(eta, Qc, frequencies)


@functools.lru_cache(maxsize=4096)
def _scalar_pair(eta: float, Qc: float, frequencies: str) -> tuple[float, float]:
    return vertex_PV(eta, Qc, frequencies), vertex_PC(eta, Qc, frequencies)


def warm_up() -> None:
    """Compile (or load from cache) all vertex kernels with tiny inputs."""
    first_order.warm_up()
    crossed.warm_up()
