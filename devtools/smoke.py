"""Drive every panel of a running server through the real callback endpoint.

For every preset of the page's preset list and every target of the spectra
target control, POST each server callback exactly as the browser would
(``/_dash-update-component``) with the controls set to that point, and
collect every problem: a non-2xx answer, an error line shown in a panel
(an output ``*-error`` with text), or a traceback in the response. Used by
``tests/test_runtime_install.py`` against a server built from
``requirements.txt`` alone; by hand: ``python -m devtools.smoke URL``.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request

from components.params import BY_NAME, ParameterSpec
from components.presets import BY_KEY
from devtools.dash_client import UPDATE_PATH, Callback, discover_live, fetch_json, index_layout

PRESET_DROPDOWN = "preset"
TARGET_CONTROL = BY_NAME["target"].control_id


def _post(base_url: str, body: dict, timeout_s: float = 120) -> tuple[int, dict]:
    request = urllib.request.Request(
        base_url + UPDATE_PATH,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as error:
        return error.code, {"body": error.read().decode(errors="replace")[:300]}


def _problems_in(response: dict) -> list[str]:
    problems = []
    for component_id, props in response.get("response", {}).items():
        for prop, value in props.items():
            text = json.dumps(value)
            if component_id.endswith("-error") and value not in (None, "", []):
                problems.append(f"{component_id}.{prop} = {text[:200]}")
            elif "Traceback" in text:
                problems.append(f"{component_id}.{prop} has a traceback")
    return problems


def control_points(layout: object) -> dict[str, dict[str, object]]:
    """``{label: {control id: control value}}``: each preset of the page, then each target."""
    components = index_layout(layout)
    points = {}
    for option in components[PRESET_DROPDOWN]["options"]:
        key = option["value"] if isinstance(option, dict) else option
        specs: dict[str, ParameterSpec] = {name: BY_NAME[name] for name in BY_KEY[key].values}
        points[f"preset {key}"] = {
            spec.control_id: spec.to_control(BY_KEY[key].values[name]) for name, spec in specs.items()
        }
    for option in components[TARGET_CONTROL]["options"]:
        target = option["value"] if isinstance(option, dict) else option
        points[f"target {target}"] = {TARGET_CONTROL: target}
    return points


def drive(base_url: str) -> tuple[int, list[str]]:
    """POST every server callback at every point; return (requests sent, problems)."""
    callbacks: list[Callback] = discover_live(base_url)
    points = control_points(fetch_json(base_url, "/_dash-layout"))
    sent, problems = 0, []
    for label, controls in points.items():
        for callback in callbacks:
            values = [
                controls.get(input_id.rsplit(".", 1)[0], value) if input_id.endswith(".value") else value
                for input_id, value in zip(callback.input_ids, callback.values)
            ]
            status, response = _post(base_url, callback.body(values, changed=list(callback.input_ids)))
            sent += 1
            if status not in (200, 204):
                problems.append(f"{label}: {callback.name}: HTTP {status} {response}")
            problems += [f"{label}: {callback.name}: {p}" for p in _problems_in(response)]
    return sent, problems


if __name__ == "__main__":
    count, found = drive(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050")
    print(f"{count} callback requests, {len(found)} problems")
    print("\n".join(found))
    sys.exit(1 if found else 0)
