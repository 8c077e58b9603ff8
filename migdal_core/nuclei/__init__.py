"""From atom to crystal: the Migdal effect for N nuclei (contract migdal_effect.md §7).

``chain``: the exactly solvable model (N neutral soft-Coulomb atoms in 1D, independent electrons);
``amplitudes``: adiabatic (centre-of-mass recoil), non-adiabatic (derivative coupling) and lab-frame
amplitudes, with the formulation and its sources; ``bloch``: the periodic chain (crystal limit);
``spectrum``: totals, shares and dP/domega; ``table``: the precomputed curves the web view draws;
``molecules``: the same amplitudes for real molecules from pyscf (research step, optional).
"""
