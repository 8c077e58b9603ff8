"""``spectrum``, ``rate`` and ``reach`` subcommands: Migdal event spectra.

Examples::

    python -m migdal_core spectrum --target Si --m-chi-MeV 100 --sigma-n-cm2 1e-38 \\
        --mediator heavy --conventions darkelf --omega-eV 5,10,20 --json
    python -m migdal_core rate --target Ge --m-chi-MeV 50 --electrons 2 --json
    python -m migdal_core reach --target Si --electrons 2 --events 3 --exposure-kg-yr 1 \\
        --m-chi-MeV 30,100,1000 --json

All numbers come from :mod:`migdal_core.spectra`; bad input exits with status 2
and a one-line message naming the parameter.
"""

from __future__ import annotations

import argparse

from migdal_core import spectra as S
from migdal_core.cli import add_json_flag, float_list_arg
from migdal_core.earth_motion import parse_date
from migdal_core.spectra.zion import ZION_MODELS

_SPECTRUM_KEYS = (
    "model",
    "sigma_n_cm2",
    "mediator",
    "m_med_MeV",
    "elf",
    "approximation",
    "conventions",
    "halo",
    "E_th_eV",
    "shells",
    "zion",
    "gamma_eV",
    "v0_kms",
    "vesc_kms",
    "vE_kms",
    "rho_GeV_cm3",
    "date",
)


def _add_common(p: argparse.ArgumentParser, mass_list: bool) -> None:
    p.add_argument("--target", default="Si", help="Si | Ge | Xe | Ar (default Si)")
    p.add_argument(
        "--model", default=None, help="crystal (Si, Ge; default there) | atomic (default for Xe, Ar)"
    )
    if mass_list:
        p.add_argument(
            "--m-chi-MeV",
            dest="m_chi_MeV",
            type=float_list_arg,
            required=True,
            help="comma-separated DM masses [MeV]",
        )
    else:
        p.add_argument("--m-chi-MeV", dest="m_chi_MeV", type=float, required=True, help="DM mass [MeV]")
        p.add_argument(
            "--sigma-n-cm2",
            dest="sigma_n_cm2",
            type=float,
            default=None,
            help=f"DM-nucleon cross section [cm^2] (default {S.DEFAULTS['sigma_n_cm2']:g})",
        )
    p.add_argument(
        "--mediator", default=None, help=f"heavy | light | general (default {S.DEFAULTS['mediator']})"
    )
    p.add_argument(
        "--m-med-MeV",
        dest="m_med_MeV",
        type=float,
        default=None,
        help="mediator mass [MeV] (light/general: finite-mass form factor)",
    )
    p.add_argument(
        "--elf",
        default=None,
        help=f"crystal ELF model: {' | '.join(S.ELF_MODELS)} (default {S.DEFAULTS['elf']})",
    )
    p.add_argument(
        "--approximation",
        default=None,
        help=f"free | impulse (crystal only; default {S.DEFAULTS['approximation']})",
    )
    p.add_argument(
        "--conventions",
        default=None,
        help=f"standard (CODATA) | darkelf (reference constants); default {S.DEFAULTS['conventions']}",
    )
    p.add_argument("--halo", default=None, help="darkelf | shm (default follows --conventions)")
    p.add_argument("--v0-kms", dest="v0_kms", type=float, default=None, help="override v0 [km/s]")
    p.add_argument("--vesc-kms", dest="vesc_kms", type=float, default=None, help="override v_esc [km/s]")
    p.add_argument("--vE-kms", dest="vE_kms", type=float, default=None, help="override v_E [km/s]")
    p.add_argument(
        "--rho-GeV-cm3", dest="rho_GeV_cm3", type=float, default=None, help="override rho_chi [GeV/cm^3]"
    )
    p.add_argument(
        "--date",
        default=None,
        help="YYYY-MM-DD: Earth's speed on that day (annual modulation); default: annual-mean v_E",
    )
    p.add_argument(
        "--E-th-eV",
        dest="E_th_eV",
        type=float,
        default=None,
        help="nuclear-recoil cut [eV] (default 4 omegabar for crystals, 0 for atoms)",
    )
    p.add_argument(
        "--shells",
        default=None,
        help="atomic model: liquid (Xe n=3,4; Ar n=1,2; default for Xe, Ar) "
        "| all (default for the Si, Ge atoms) | inner | list such as 2_1,3*",
    )
    p.add_argument(
        "--zion",
        default=None,
        help=f"Z_ion(k) model: {' | '.join(ZION_MODELS)} (default {S.DEFAULTS['zion']})",
    )
    p.add_argument(
        "--gamma-eV",
        dest="gamma_eV",
        type=float,
        default=None,
        help=f"plasmon width of the Mermin ELF [eV] (default {S.DEFAULTS['gamma_eV']})",
    )
    add_json_flag(p)


def _kwargs(args: argparse.Namespace, with_sigma: bool = True) -> dict:
    kw = {k: getattr(args, k) for k in _SPECTRUM_KEYS if getattr(args, k, None) is not None}
    if not with_sigma:
        kw.pop("sigma_n_cm2", None)
    return kw


def _threshold(args: argparse.Namespace) -> float:
    if args.threshold_eV is not None:
        if args.electrons is not None:
            raise ValueError("electrons and threshold_eV are exclusive; give one of them")
        return float(args.threshold_eV)
    n = S.DEFAULT_ELECTRONS if args.electrons is None else args.electrons
    if args.target not in S.CRYSTALS:
        raise ValueError(
            "electrons needs target Si or Ge (Q(omega) needs E_gap, e0); "
            f"use --threshold-eV for {args.target!r}"
        )
    return S.electron_threshold_eV(args.target, n)


def _spectrum(args: argparse.Namespace) -> dict:
    values = S.dR_domega(args.omega_eV, args.target, args.m_chi_MeV, **_kwargs(args))
    return {
        "omega_eV": list(args.omega_eV),
        "dR_domega": values,
        "units": {"omega_eV": "eV", "dR_domega": "events/kg/yr/eV"},
    }


def _rate(args: argparse.Namespace) -> dict:
    thr = _threshold(args)
    kwargs = _kwargs(args)
    rate = S.rate_above_threshold(thr, args.target, m_chi_MeV=args.m_chi_MeV, **kwargs)
    result = {
        "rate": rate,
        "threshold_eV": thr,
        "electrons": args.electrons if args.threshold_eV is None else None,
        "vE_kms": S.resolve(args.target, m_chi_MeV=args.m_chi_MeV, **kwargs).vE_kms,
        "units": {"rate": "events/kg/yr", "threshold_eV": "eV", "vE_kms": "km/s"},
    }
    if args.date is not None:  # the year's extremes of the same rate
        year = parse_date(args.date).year
        result["modulation"] = S.rate_modulation(
            thr, args.target, year=year, m_chi_MeV=args.m_chi_MeV, **kwargs
        )
    return result


def _reach(args: argparse.Namespace) -> dict:
    thr = _threshold(args)
    sig = S.reach_sigma_n(
        args.m_chi_MeV,
        args.target,
        threshold_eV=thr,
        events=args.events,
        exposure_kg_yr=args.exposure_kg_yr,
        **_kwargs(args, with_sigma=False),
    )
    return {
        "m_chi_MeV": list(args.m_chi_MeV),
        "sigma_n_cm2": sig,
        "threshold_eV": thr,
        "units": {"m_chi_MeV": "MeV", "sigma_n_cm2": "cm^2 (null: no events kinematically possible)"},
    }


def _add_threshold(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--electrons",
        type=int,
        default=None,
        help=f"electron threshold n (Si, Ge; default {S.DEFAULT_ELECTRONS})",
    )
    p.add_argument(
        "--threshold-eV",
        dest="threshold_eV",
        type=float,
        default=None,
        help="energy threshold [eV] instead of --electrons",
    )


def register(subparsers) -> None:
    """Add ``spectrum``, ``rate`` and ``reach``."""
    p = subparsers.add_parser("spectrum", help="Migdal dR/domega [events/kg/yr/eV]")
    _add_common(p, mass_list=False)
    p.add_argument(
        "--omega-eV",
        dest="omega_eV",
        type=float_list_arg,
        required=True,
        help="comma-separated electronic energies [eV]",
    )
    p.set_defaults(handler=_spectrum)

    p = subparsers.add_parser("rate", help="Migdal rate above an electron/energy threshold [events/kg/yr]")
    _add_common(p, mass_list=False)
    _add_threshold(p)
    p.set_defaults(handler=_rate)

    p = subparsers.add_parser("reach", help="sigma_n giving N events for an exposure, versus m_chi")
    _add_common(p, mass_list=True)
    _add_threshold(p)
    p.add_argument("--events", type=float, default=3.0, help="number of events (default 3)")
    p.add_argument(
        "--exposure-kg-yr",
        dest="exposure_kg_yr",
        type=float,
        default=1.0,
        help="exposure [kg yr] (default 1)",
    )
    p.set_defaults(handler=_reach)
