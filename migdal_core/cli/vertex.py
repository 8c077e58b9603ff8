"""``python -m migdal_core vertex``: P_V and P_C versus Q_c (PSG model, contract §3)."""

from __future__ import annotations

import argparse

from migdal_core.cli import add_json_flag, float_list_arg


def _handler(args: argparse.Namespace) -> dict:
    from migdal_core import vertex

    qcs = list(args.Qc)
    if not qcs:
        raise ValueError("Qc must be a non-empty list of numbers in (0, 1]")
    pv = vertex.vertex_PV(args.eta, qcs, args.frequencies)
    pc = vertex.vertex_PC(args.eta, qcs, args.frequencies)
    return {
        "eta": float(args.eta),
        "frequencies": args.frequencies,
        "Qc": [float(q) for q in qcs],
        "P_V": [float(v) for v in pv],
        "P_C": [float(v) for v in pc],
    }


def register(subparsers) -> None:
    """Add the ``vertex`` subcommand."""
    parser = subparsers.add_parser(
        "vertex",
        help="first-order vertex P_V and crossed vertex P_C versus Q_c",
        description="Fermi-surface averaged vertex corrections of the "
        "Pietronero-Strässler-Grimaldi model (units E_F = k_F = 1).",
    )
    parser.add_argument("--eta", type=float, required=True, help="omega_0 / E_F, in (0, 1000]")
    parser.add_argument(
        "--Qc",
        type=float_list_arg,
        required=True,
        help="comma-separated q_c/2k_F values in (0, 1], e.g. 0.1,0.5,1.0",
    )
    parser.add_argument(
        "--frequencies",
        default="dynamic",
        choices=("dynamic", "static"),
        help="external fermion frequencies (0, omega_0) [dynamic] or (0, 0) [static]",
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_handler)
