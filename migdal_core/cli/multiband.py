"""``python -m migdal_core multiband``: two-band Eliashberg T_c and gap ratio (contract §6)."""

from __future__ import annotations

import argparse

from migdal_core.cli import add_json_flag, float_list_arg


def _handler(args: argparse.Namespace) -> dict:
    from migdal_core import multiband

    values = {
        "lambda_matrix": args.lambda_matrix,
        "omega_log_eV": args.omega_log_eV,
        "mu_star_matrix": args.mu_star_matrix,
    }
    if args.preset is not None:
        preset = multiband.MGB2
        for key, value in values.items():
            if value is None and not (key == "mu_star_matrix" and args.mu_star is not None):
                values[key] = preset[key]
    for key, flag in (("lambda_matrix", "--lambda-matrix"), ("omega_log_eV", "--omega-log-eV")):
        if values[key] is None:
            raise ValueError(f"{key} is required ({flag}, or --preset MgB2)")
    if (args.mu_star is None) == (values["mu_star_matrix"] is None):
        raise ValueError("give exactly one of --mu-star and --mu-star-matrix (or --preset MgB2)")
    result = multiband.tc_two_band(
        values["lambda_matrix"],
        values["omega_log_eV"],
        mu_star=args.mu_star,
        mu_star_matrix_values=values["mu_star_matrix"],
        eta1=args.eta1,
        Qc1=args.Qc1,
        frequencies=args.frequencies,
        cutoff=args.cutoff,
    )
    if args.preset is not None:
        result["preset"] = {
            "name": args.preset,
            "source": multiband.MGB2["source"],
            "Tc_measured_K": multiband.MGB2["Tc_measured_K"],
        }
    return result


def register(subparsers) -> None:
    """Add the ``multiband`` subcommand."""
    parser = subparsers.add_parser(
        "multiband",
        help="two-band Eliashberg T_c and gap ratio, optional vertex corrections on band 1",
        description="Linearised two-band Eliashberg T_c (one Einstein mode omega_log) and the gap ratio "
        "Delta_1/Delta_2 at T_c; with --eta1 and --Qc1 band 1's intraband coupling carries the PSG vertex "
        "corrections and Tc_K_no_vertex is printed too. --preset MgB2 fills the lambda matrix, the Coulomb "
        "matrix and omega_log (Golubov et al. 2002); the sigma band's eta1 ~ 0.14, Qc1 ~ 0.3 "
        "(Cappelluti et al. 2002) are added with --eta1 0.14 --Qc1 0.3.",
    )
    parser.add_argument(
        "--lambda-matrix",
        dest="lambda_matrix",
        type=float_list_arg,
        default=None,
        help="l11,l12,l21,l22: band i coupled to band j (l12/l21 = N_2/N_1), each in [0, 10]",
    )
    parser.add_argument(
        "--omega-log-eV",
        dest="omega_log_eV",
        type=float,
        default=None,
        help="phonon energy omega_log [eV] of the Einstein mode, in (0, 10]",
    )
    parser.add_argument(
        "--mu-star",
        dest="mu_star",
        type=float,
        default=None,
        help="Coulomb mu* in [0, 0.3] for both bands, no interband term: diag(X, X)",
    )
    parser.add_argument(
        "--mu-star-matrix",
        dest="mu_star_matrix",
        type=float_list_arg,
        default=None,
        help="m11,m12,m21,m22 at omega_log, each in [0, 0.3] (m12/m21 = l12/l21)",
    )
    parser.add_argument(
        "--eta1", type=float, default=None, help="band 1 omega_log/E_F1 in (0, 1000] (with --Qc1)"
    )
    parser.add_argument("--Qc1", type=float, default=None, help="band 1 q_c/2k_F in (0, 1] (with --eta1)")
    parser.add_argument("--frequencies", default="dynamic", choices=("dynamic", "static"))
    parser.add_argument("--cutoff", type=float, default=15.0, help="Matsubara cutoff in units of omega_log")
    parser.add_argument(
        "--preset",
        choices=("MgB2",),
        default=None,
        help="fill lambda matrix, mu* matrix and omega_log from the cited source",
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_handler)
