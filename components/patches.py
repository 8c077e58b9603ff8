"""Figure updates as ``dash.Patch``: send the parts of a figure that moved, not the whole figure.

A patch is only correct relative to what the browser holds, and the server cannot see that. So each
panel returns, with its figures, a small *shown* key (a ``dcc.Store``, written in the same response
as the figures, so it always describes them) and reads it back as State on the next request:

- the key equals the new one: ``no_update``;
- the same static part (style) is shown: assign the named moving parts (:func:`moving_parts`);
- another style of the same figure is shown: everything but the data arrays (:func:`restyle`);
- nothing usable is shown (first call, an error message): the full figure.

Every patch assigns values, so applying it twice, or after a dropped response, is harmless.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash import Patch

DATA_KEYS = frozenset({"x", "y", "z"})


def _index(items: list[dict], name: str) -> int | None:
    found = [i for i, item in enumerate(items) if item.get("name") == name]
    return found[0] if len(found) == 1 else None


def moving_parts(
    figure: dict, traces: Iterable[str] = (), shapes: Iterable[str] = (), annotations: Iterable[str] = ()
) -> Patch | None:
    """Assign the named traces, shapes and annotations of ``figure``; None when a name is missing
    or not unique (then send the full figure)."""
    patch = Patch()
    layout = figure.get("layout", {})
    for container, names, where in (
        (figure.get("data", []), traces, patch["data"]),
        (layout.get("shapes", []), shapes, patch["layout"]["shapes"]),
        (layout.get("annotations", []), annotations, patch["layout"]["annotations"]),
    ):
        for name in names:
            index = _index(container, name)
            if index is None:
                return None
            where[index] = container[index]
    return patch


def restyle(figure: dict, traces: Iterable[str] = ()) -> Patch:
    """Everything of ``figure`` except the data arrays (x, y, z) of its traces, which a change of style
    leaves alone; the named traces whole (they move)."""
    patch = Patch()
    moving = set(traces)
    for index, trace in enumerate(figure.get("data", [])):
        if trace.get("name") in moving:
            patch["data"][index] = trace
            continue
        for key, value in trace.items():
            if key not in DATA_KEYS:
                patch["data"][index][key] = value
    patch["layout"] = figure.get("layout", {})
    return patch
