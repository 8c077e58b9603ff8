"""``python -m migdal_core tc``: T_c by McMillan, Allen-Dynes, Eliashberg and PSG (contract §4)."""

from __future__ import annotations

import argparse

from migdal_core.cli import add_json_flag


def _handler(args: argparse.Namespace) -> dict:
    from migdal_core import tc

    if (args.eta is None) != (args.Qc is None):
        missing = "Qc" if args.Qc is None else "eta"
        raise ValueError(f"{missing} must be given together with {'eta' if missing == 'Qc' else 'Qc'}")
    return tc.tc_all(
        args.lam,
        args.mu_star,
        args.omega_E_eV,
        eta=args.eta,
        Qc=args.Qc,
        frequencies=args.frequencies,
        cutoff=args.cutoff,
        E_F_eV=args.E_F_eV,
        omega_kind=args.omega_kind,
    )


def register(subparsers) -> None:
    """Add the ``tc`` subcommand."""
    parser = subparsers.add_parser(
        "tc",
        help="superconducting T_c (McMillan, Allen-Dynes, Eliashberg, PSG vertex)",
        description="T_c for one Einstein mode omega_E; with --eta and --Qc also the "
        "vertex-corrected generalised McMillan T_c of Pietronero-Strässler-Grimaldi.",
    )
    parser.add_argument("--lambda", dest="lam", type=float, required=True, help="coupling lambda in [0, 10]")
    parser.add_argument(
        "--mu-star", dest="mu_star", type=float, required=True, help="Coulomb mu* in [0, 0.3]"
    )
    parser.add_argument(
        "--omega-E-eV",
        dest="omega_E_eV",
        type=float,
        required=True,
        help="Einstein phonon energy [eV], in (0, 10]",
    )
    parser.add_argument("--eta", type=float, default=None, help="omega_0/E_F in (0, 1000] (with --Qc)")
    parser.add_argument("--Qc", type=float, default=None, help="q_c/2k_F in (0, 1] (with --eta)")
    parser.add_argument("--frequencies", default="dynamic", choices=("dynamic", "static"))
    parser.add_argument(
        "--E-F-eV",
        dest="E_F_eV",
        type=float,
        default=None,
        help="Fermi energy [eV] in (0, 100]: adds the anti-adiabatic T_c (cutoff min(omega_E, E_F), "
        "mu unreduced) and the best estimate for the regime",
    )
    parser.add_argument(
        "--omega-kind",
        default="omega_log",
        choices=("omega_log", "theta_D"),
        help="what omega_E is: omega_log (default) or k_B Theta_D of a McMillan fit",
    )
    parser.add_argument("--cutoff", type=float, default=15.0, help="Matsubara cutoff in units of omega_E")
    add_json_flag(parser)
    parser.set_defaults(handler=_handler)
