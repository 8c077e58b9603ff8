"""``regime`` subcommand: scales and regime of one parameter point (issue 3)."""

from __future__ import annotations

import argparse

from migdal_core.cli import add_json_flag
from migdal_core.disorder import diffusive_eta, pippard_phi
from migdal_core.regimes import regime_point
from migdal_core.validation import in_range


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "regime",
        help="regime of Migdal's theorem and derived scales for one point",
        description="Regime and derived scales of shared/physics/migdal_theorem.md sections 1-2. "
        "metal (effective lambda): adiabatic, non-adiabatic, anti-adiabatic, beyond-migdal-eliashberg; "
        "holstein (bare lambda_0, band half-width D) adds bipolaronic and polaronic.",
    )
    parser.add_argument("--m-over-M", type=float, required=True, help="electron/ion mass ratio, (0, 1)")
    parser.add_argument("--E-F-eV", type=float, required=True, help="Fermi energy [eV], > 0")
    parser.add_argument("--omega-ph-eV", type=float, required=True, help="phonon energy [eV], > 0")
    parser.add_argument(
        "--lambda",
        dest="coupling",
        type=float,
        required=True,
        help="coupling in [0, 10]: effective lambda (metal) or bare lambda_0 (holstein)",
    )
    parser.add_argument(
        "--coupling-model",
        default="metal",
        choices=("metal", "holstein"),
        help="metal: effective lambda of a real material (default); holstein: bare lambda_0 = E_p/D",
    )
    parser.add_argument(
        "--D-eV",
        dest="D_eV",
        type=float,
        default=None,
        help="Holstein band half-width D [eV], > 0 (default E_F; holstein only)",
    )
    parser.add_argument("--Qc", type=float, default=1.0, help="q_c/2k_F, (0, 1] (reported only)")
    parser.add_argument("--valence", type=int, default=1, help="valence Z for the jellium line, 1-4")
    parser.add_argument("--ql", type=float, default=None, help="disorder: q times mean free path, > 0")
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> dict:
    if args.D_eV is not None and args.coupling_model != "holstein":
        raise ValueError("D_eV applies to --coupling-model holstein only")
    point = regime_point(
        args.m_over_M,
        args.E_F_eV,
        args.omega_ph_eV,
        args.coupling,
        args.valence,
        args.coupling_model,
        args.D_eV,
    )
    result: dict = point.as_dict()
    result["Qc"] = in_range("Qc", args.Qc, 0.0, 1.0, low_open=True)
    if args.ql is not None:
        phi = float(pippard_phi(args.ql))
        result["pippard_phi"] = phi
        result["diffusive_eta"] = diffusive_eta(args.ql, point.sound_over_fermi_velocity)
    return result
