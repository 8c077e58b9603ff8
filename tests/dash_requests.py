"""Build Dash callback requests from the app's own ``/_dash-dependencies``.

Used by the layout, callback and fuzz tests to POST exactly what the browser
would send, or garbage in the same shape.
"""

from __future__ import annotations


def callback_for_output(dependencies: list[dict], output_fragment: str) -> dict:
    """The dependency entry whose output string contains ``output_fragment``."""
    for dependency in dependencies:
        if output_fragment in dependency["output"]:
            return dependency
    raise KeyError(output_fragment)


def request_body(dependency: dict, values: list) -> dict:
    """POST body for ``/_dash-update-component`` with ``values`` for the inputs, in order."""
    outputs = dependency["output"].strip(".").split("...")
    output_specs = [dict(zip(("id", "property"), out.rsplit(".", 1))) for out in outputs]
    inputs = [
        {"id": spec["id"], "property": spec["property"], "value": value}
        for spec, value in zip(dependency["inputs"], values)
    ]
    return {
        "output": dependency["output"],
        "outputs": output_specs if len(output_specs) > 1 else output_specs[0],
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else [],
        "state": [],
    }
