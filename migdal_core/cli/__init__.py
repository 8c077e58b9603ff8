"""Command-line front end: ``python -m migdal_core SUBCOMMAND ... [--json]``.

Each module in this package that defines ``register(subparsers)`` adds one
subcommand (discovered automatically, so a physics module adds its command
without touching this file). ``register`` must call
``parser.set_defaults(handler=fn)`` where ``fn(args) -> dict`` returns a
JSON-serialisable result computed through the public ``migdal_core`` API.

Contract for every subcommand:
- ``--json`` prints exactly one JSON object on stdout;
- without it, a readable ``key: value`` listing;
- invalid arguments exit with status 2 and one line on stderr naming the
  parameter and its allowed range (no traceback).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import pkgutil
import sys
from collections.abc import Sequence

from migdal_core import __version__


class _OneLineParser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> None:
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def float_list_arg(text: str) -> list[float]:
    """argparse type for comma-separated numbers, e.g. ``0.1,0.5,1``."""
    try:
        return [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated numbers; got {text!r}") from None


def _json_safe(value: object) -> object:
    """Convert numpy scalars/arrays and non-finite floats to JSON-safe values."""
    if hasattr(value, "tolist"):
        value = value.tolist()  # numpy arrays and scalars
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def build_parser() -> argparse.ArgumentParser:
    """Parser with every subcommand found in this package."""
    parser = _OneLineParser(
        prog="python -m migdal_core",
        description="Migdal regimes explorer: numbers behind every figure of the web app.",
    )
    parser.add_argument("--version", action="version", version=f"migdal_core {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_OneLineParser)
    subparsers.required = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(subparsers)
    return parser


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """The ``--json`` flag every subcommand takes."""
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = _json_safe(args.handler(args))
    except ValueError as error:
        sys.stderr.write(f"{parser.prog} {args.command}: error: {error}\n")
        return 2
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        for key, value in result.items():  # type: ignore[union-attr]
            sys.stdout.write(f"{key}: {value}\n")
    return 0
