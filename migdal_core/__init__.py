"""migdal_core: numerics for the Migdal regimes explorer.

No Dash import anywhere in this package. Public entry points live in the
concept modules (``regimes``, ``vertex``, ``tc``, ``dielectric``, ``halo``,
``spectra``); ``python -m migdal_core`` is the command-line front end.
"""

__version__ = "0.1.0"
