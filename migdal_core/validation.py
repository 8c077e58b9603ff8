"""The one place that turns bad input into ``ValueError`` text.

Every public ``migdal_core`` function validates through these helpers, so the
CLI, the web callbacks and the Python API report the same message: which
parameter, what was given, and the allowed range with units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def _fmt(x: float) -> str:
    return f"{x:g}"


def _short(value: object, limit: int = 60) -> str:
    """repr of a value, cut so a message never echoes a huge input."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_finite_float(name: str, value: object) -> float:
    """Return ``value`` as a finite float or raise ValueError naming ``name``."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number; got {value!r}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number; got {_short(value)}") from None
    except OverflowError:  # an int beyond the float range
        raise ValueError(f"{name} must be a finite number; got {_short(value)}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {_short(value)}")
    return number


def in_range(
    name: str,
    value: object,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    units: str = "",
) -> float:
    """Validate ``low <= value <= high`` (open ends where asked) and return it.

    The message states the interval in mathematical notation, e.g.
    ``E_F_eV must be in (0, inf) eV; got -1``.
    """
    number = as_finite_float(name, value)
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    below = number <= lo if low_open else number < lo
    above = number >= hi if high_open else number > hi
    if below or above:
        left = "(" if (low_open or low is None) else "["
        right = ")" if (high_open or high is None) else "]"
        unit_text = f" {units}" if units else ""
        raise ValueError(
            f"{name} must be in {left}{_fmt(lo)}, {_fmt(hi)}{right}{unit_text}; got {_short(value)}"
        )
    return number


def positive(name: str, value: object, units: str = "") -> float:
    """Validate a strictly positive finite number."""
    return in_range(name, value, 0.0, None, low_open=True, units=units)


def one_of(name: str, value: object, choices: Iterable[str]) -> str:
    """Validate that ``value`` is one of ``choices`` (case-sensitive strings)."""
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}; got {_short(value)}")
    return value


def as_int_in_range(name: str, value: object, low: int, high: int) -> int:
    """Validate an integer in ``[low, high]``."""
    number = as_finite_float(name, value)
    if number != int(number) or not low <= number <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}]; got {_short(value)}")
    return int(number)


def float_list(
    name: str,
    values: Sequence[object] | str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    units: str = "",
    max_length: int = 10_000,
) -> list[float]:
    """Validate a non-empty list (or comma-separated string) of numbers in range."""
    if isinstance(values, str):
        items: Sequence[object] = [v for v in values.split(",") if v.strip()]
    else:
        items = values
    if len(items) == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers")
    if len(items) > max_length:
        raise ValueError(f"{name} may hold at most {max_length} values; got {len(items)}")
    return [in_range(name, v, low, high, low_open=low_open, high_open=high_open, units=units) for v in items]
