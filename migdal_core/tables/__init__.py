"""Tables shipped with the package (``migdal_core/data/*.npz``): lookup only.

- :mod:`.eliashberg_tc`: Eliashberg T_c / omega_E on a (lambda, mu*) grid, exact solver output;
- :mod:`.vertex_curves`: P_V(Q_c) and P_C(Q_c) on a log-eta grid, interpolated;
- :mod:`.polaron_crossover`: the DMFT small-polaron crossover lambda_c(omega_0/D), interpolated;
- :mod:`.mermin_k_integral`: the k integral of the Mermin-Levine-Louie ELF on an omega grid, interpolated.

Each lookup module defines its grid as data and checks the file against it. One builder rebuilds
them: ``python -m migdal_core.tables.build {eliashberg_tc,vertex_curves,polaron_crossover,mermin_k_integral,all}``.
"""
