"""Drive the app as the browser does: start gunicorn, discover callbacks, build bodies.

One place for the helpers the tests (``tests/conftest.py``,
``tests/dash_requests.py``) and the benchmarks (``bench/bench_serving.py``)
share. Everything is discovered at run time from ``/_dash-dependencies`` and
``/_dash-layout``, so it works for whatever callbacks and panels the app has.
Never imported by the app itself; traffic goes to loopback only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPDATE_PATH = "/_dash-update-component"


# --------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_gunicorn(
    log_dir: Path,
    extra_env: dict | None = None,
    workers: int | None = 1,
    cache_dir: Path | None = None,
    port: int | None = None,
    python: str = sys.executable,
):
    """Launch ``gunicorn -c gunicorn.conf.py app:server`` on loopback (do not wait).

    Returns ``(process, base_url, log_path)``. ``workers`` 0/None: gunicorn.conf.py's
    default. ``CACHE_DIR`` defaults to ``log_dir / "cache"``; ``extra_env`` overrides anything.
    ``python``: the interpreter (and so the environment) gunicorn runs in.
    """
    log_dir = Path(log_dir)
    port = port or free_port()
    env = dict(os.environ, PORT=str(port), HOST="127.0.0.1", CACHE_DIR=str(cache_dir or (log_dir / "cache")))
    env.pop("WEB_CONCURRENCY", None)
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    env.update(extra_env or {})
    log_path = log_dir / f"gunicorn-{port}.log"
    with open(log_path, "w") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(
            [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}", log_path


def wait_healthy(process: subprocess.Popen, base_url: str, log_path: Path, timeout_s: float = 180) -> None:
    """Wait until ``/healthz`` answers 200; raise (and stop the process) otherwise."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {Path(log_path).read_text()}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    stop_gunicorn(process)
    raise RuntimeError(f"gunicorn did not answer within {timeout_s:g} s")


def start_gunicorn(
    tmp_dir: Path,
    extra_env: dict | None = None,
    workers: int = 1,
    timeout_s: float = 180,
    python: str = sys.executable,
):
    """Start gunicorn and wait until it is healthy; return ``(process, base_url)``."""
    process, base_url, log_path = launch_gunicorn(Path(tmp_dir), extra_env, workers, python=python)
    wait_healthy(process, base_url, log_path, timeout_s)
    return process, base_url


def stop_gunicorn(process: subprocess.Popen, timeout_s: float = 20) -> None:
    """SIGTERM the master (it stops its workers), SIGKILL if it does not exit."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout_s)


# --------------------------------------------------------------------------- nginx in front

NGINX = "/usr/sbin/nginx"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "explorer.conf.template"


def render_nginx_template(upstream: str, listen_port: int | str, cache_dir: Path | str) -> str:
    """``deploy/nginx/explorer.conf.template`` with its variables filled in (as the nginx image does)."""
    text = NGINX_TEMPLATE.read_text()
    return (
        text.replace("${APP_UPSTREAM}", upstream)
        .replace("${LISTEN_PORT}", str(listen_port))
        .replace("${NGINX_CACHE_DIR}", str(cache_dir))
    )


def nginx_main_conf(tmp_dir: Path, upstream: str, listen_port: int) -> Path:
    """A main nginx.conf for an unprivileged run in ``tmp_dir`` that includes the rendered template."""
    tmp_dir = Path(tmp_dir)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "static-cache"):
        (tmp_dir / sub).mkdir(parents=True, exist_ok=True)
    (tmp_dir / "explorer.conf").write_text(
        render_nginx_template(upstream, f"127.0.0.1:{listen_port}", tmp_dir / "static-cache")
    )
    user = (
        "user root;\n" if os.geteuid() == 0 else ""
    )  # workers as root only because the temp dirs are root's
    conf = tmp_dir / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {tmp_dir}/nginx.pid;\nerror_log {tmp_dir}/error.log warn;\n"
        "worker_rlimit_nofile 16384;\nevents { worker_connections 8192; }\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp_dir}/body;\n  proxy_temp_path {tmp_dir}/proxy;\n"
        f"  fastcgi_temp_path {tmp_dir}/fastcgi;\n  uwsgi_temp_path {tmp_dir}/uwsgi;\n"
        f"  scgi_temp_path {tmp_dir}/scgi;\n  include {tmp_dir}/explorer.conf;\n}}\n"
    )
    return conf


def start_nginx(tmp_dir: Path, upstream_url: str, timeout_s: float = 20):
    """Debian's nginx on a free loopback port in front of ``upstream_url``; returns ``(process, base_url)``."""
    port = free_port()
    conf = nginx_main_conf(Path(tmp_dir), upstream_url.removeprefix("http://"), port)
    with open(Path(tmp_dir) / "nginx.out", "w") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(
            [NGINX, "-p", str(tmp_dir), "-c", str(conf), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(Path(tmp_dir) / 'nginx.out').read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, base_url
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("nginx did not listen")


def stop_nginx(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # SIGTERM: fast shutdown
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --------------------------------------------------------------------------- request bodies


def split_outputs(output: str) -> list[dict]:
    """``"a.figure...b.children"`` -> ``[{"id": "a", "property": "figure"}, ...]``."""
    outputs = output.strip(".").split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), out.rsplit(".", 1))) for out in outputs]


def callback_for_output(dependencies: list[dict], output_fragment: str) -> dict:
    """The dependency entry whose output string contains ``output_fragment``."""
    for dependency in dependencies:
        if output_fragment in dependency["output"]:
            return dependency
    raise KeyError(output_fragment)


def request_body(dependency: dict, values: list, changed: list[str] | None = None) -> dict:
    """POST body for ``/_dash-update-component`` with ``values`` for the inputs, in order.

    ``changed`` (prop ids such as ``"param-E_F_eV.value"``) defaults to the first input.
    """
    output_specs = split_outputs(dependency["output"])
    inputs = [
        {"id": spec["id"], "property": spec["property"], "value": value}
        for spec, value in zip(dependency["inputs"], values)
    ]
    if changed is None:
        changed = [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else []
    return {
        "output": dependency["output"],
        "outputs": output_specs if dependency["output"].startswith("..") else output_specs[0],
        "inputs": inputs,
        "changedPropIds": changed,
        "state": [{"id": s["id"], "property": s["property"]} for s in dependency.get("state", [])],
    }


# --------------------------------------------------------------------------- layout discovery


def index_layout(layout: object) -> dict[str, dict]:
    """``{component id: props}`` for every component with a string id in a ``/_dash-layout`` tree."""
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and "type" in node:
                component_id = props.get("id")
                if isinstance(component_id, str):
                    found[component_id] = dict(props, _type=node["type"], _namespace=node.get("namespace"))
                for value in props.values():
                    walk(value)
            else:
                for value in node.values():
                    walk(value)

    walk(layout)
    return found


@dataclass
class Callback:
    """One server callback as the browser sees it, with the layout's current input values."""

    dependency: dict
    outputs: list[dict]
    input_ids: list[str]  # "id.property"
    values: list  # current values from the layout
    sliders: dict[int, tuple[float, float, float]] = field(default_factory=dict)  # index -> (min, max, step)
    choices: dict[int, list] = field(default_factory=dict)  # index -> dropdown option values

    @property
    def output(self) -> str:
        return self.dependency["output"]

    @property
    def figure_outputs(self) -> list[str]:
        return [o["id"] for o in self.outputs if o.get("property") == "figure"]

    @property
    def name(self) -> str:
        figures = self.figure_outputs
        return "+".join(figures) if figures else self.outputs[0]["id"] + "." + self.outputs[0]["property"]

    def body(self, values: list | None = None, changed: list[str] | None = None) -> dict:
        return request_body(self.dependency, self.values if values is None else values, changed)


def discover(dependencies: list[dict], layout: object) -> list[Callback]:
    """Every server-side callback with its inputs' current values and slider ranges.

    Clientside callbacks (``clientside_function`` set) never reach the server
    and are left out.
    """
    components = index_layout(layout)
    callbacks = []
    for dependency in dependencies:
        if dependency.get("clientside_function"):
            continue
        values, sliders, choices, ids = [], {}, {}, []
        for index, spec in enumerate(dependency["inputs"]):
            props = components.get(spec["id"], {}) if isinstance(spec["id"], str) else {}
            ids.append(f"{spec['id']}.{spec['property']}")
            values.append(props.get(spec["property"]))
            numeric_range = all(isinstance(props.get(k), (int, float)) for k in ("min", "max"))
            if (
                spec["property"] in ("value", "drag_value")
                and "Slider" in props.get("_type", "")
                and numeric_range
            ):
                sliders[index] = (float(props["min"]), float(props["max"]), float(props.get("step") or 0))
            elif spec["property"] == "value" and isinstance(props.get("options"), list):
                options = [o.get("value") if isinstance(o, dict) else o for o in props["options"]]
                if options:
                    choices[index] = options
        outputs = split_outputs(dependency["output"])
        callbacks.append(Callback(dependency, outputs, ids, values, sliders, choices))
    return callbacks


def snap(value: float, low: float, high: float, step: float) -> float:
    """``value`` on the slider's grid (as the browser sends it), clipped to the range."""
    if step > 0:
        value = low + round((value - low) / step) * step
        digits = max(0, -int(f"{step:e}".split("e")[1])) + 2
        value = round(value, digits)
    return min(max(value, low), high)


def fetch_json(base_url: str, path: str, timeout_s: float = 30) -> object:
    import json

    with urllib.request.urlopen(base_url + path, timeout=timeout_s) as response:
        return json.loads(response.read())


def discover_live(base_url: str) -> list[Callback]:
    """:func:`discover` against a running server."""
    return discover(fetch_json(base_url, "/_dash-dependencies"), fetch_json(base_url, "/_dash-layout"))
