"""``python -m migdal_core nuclei``: adiabatic and non-adiabatic Migdal shares from atom to crystal (§7)."""

from __future__ import annotations

import argparse

from migdal_core.cli import add_json_flag


def _int_list(text: str) -> list[int]:
    try:
        return [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers; got {text!r}") from None


def _handler(args: argparse.Namespace) -> dict:
    from migdal_core.constants import ATOMIC_MOMENTUM_EV
    from migdal_core.nuclei.chain import ChainModel
    from migdal_core.nuclei.spectrum import chain_summary
    from migdal_core.validation import in_range

    if not args.N:
        raise ValueError("N must be a non-empty list of integers in [1, 256]")
    m_over_M = in_range("m_over_M", args.m_over_M, 1e-6, 1e-1)
    q_keV = in_range("q_keV", args.q_keV, 0.0, 100.0, low_open=True, units="keV")
    scale = (q_keV * 1e3 / ATOMIC_MOMENTUM_EV * m_over_M) ** 2  # (q a0)^2 (m/M)^2
    rows = [chain_summary(ChainModel(N=n, a_bohr=args.a_bohr), args.kicked) for n in args.N]
    return {
        "N": [r["N"] for r in rows],
        "kicked": args.kicked,
        "kicked_index": [r["kicked_index"] for r in rows],
        "adiabatic_fraction": [r["adiabatic_fraction"] for r in rows],
        "nonadiabatic_fraction": [r["nonadiabatic_fraction"] for r in rows],
        "P_total": [r["P_total"] * scale for r in rows],
        "P_total_per_qa0_mM_squared": [r["P_total"] for r in rows],
        "frame_check": [r["frame_check"] for r in rows],
        "gap_eV": [r["gap_eV"] for r in rows],
        "q_keV": q_keV,
        "m_over_M": m_over_M,
        "model": "1D chain of N neutral soft-Coulomb atoms (s = 1, lambda = 3 bohr), independent electrons, "
        "one per atom, spin-polarised (full band: insulator); leading order in q",
    }


def register(subparsers) -> None:
    """Add the ``nuclei`` subcommand."""
    parser = subparsers.add_parser(
        "nuclei",
        help="adiabatic / non-adiabatic Migdal shares for a chain of N nuclei (atom to crystal)",
        description="Exactly solvable chain of N neutral soft-Coulomb atoms: the dark matter kicks one "
        "nucleus; prints the adiabatic (centre-of-mass recoil) share of the excitation probability, the "
        "total probability and the frame check |(A_ad + A_na) - A_lab| / max |A_lab|.",
    )
    parser.add_argument(
        "--N", type=_int_list, required=True, help="comma-separated N in [1, 256], e.g. 1,2,4,8"
    )
    parser.add_argument(
        "--kicked", default="middle", choices=("end", "middle"), help="which nucleus is kicked"
    )
    parser.add_argument("--a-bohr", type=float, default=4.0, help="spacing of the nuclei [bohr], in [1, 20]")
    parser.add_argument("--q-keV", type=float, default=1.0, help="momentum transfer [keV], in (0, 100]")
    parser.add_argument(
        "--m-over-M", type=float, default=2.03e-5, help="electron/nucleus mass ratio, [1e-6, 0.1]"
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_handler)
