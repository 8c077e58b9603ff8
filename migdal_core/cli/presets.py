"""``python -m migdal_core presets``: every preset with its regime, best-estimate and measured T_c."""

from __future__ import annotations

import argparse

from migdal_core.cli import add_json_flag


def _handler(args: argparse.Namespace) -> dict:
    from migdal_core import materials

    return {"presets": [materials.preset_record(m) for m in materials.MATERIALS]}


def register(subparsers) -> None:
    """Add the ``presets`` subcommand."""
    parser = subparsers.add_parser(
        "presets",
        help="the real-system presets: control values, regime, best-estimate and measured T_c, sources",
        description='Every preset of the web app as one JSON object {"presets": [...]} (see migdal_core.materials).',
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_handler)
