"""One value pipeline: a control value is snapped once (the parameter registry), and what a panel draws
is what it exports, through the real callbacks (figure JSON and CSV download, compared exactly)."""

import csv
import io
import json
import math

import pytest

from components import params, phase_panel, spectra_panel, vertex_panel
from components.settings import Settings
from migdal_core import regimes, tc, vertex
from tests.dash_requests import callback_for_output


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from app import create_app

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("cache")), warm_up=False)
    return create_app(settings).server.test_client()


@pytest.fixture(scope="module")
def dependencies(client):
    return client.get("/_dash-dependencies").get_json()


def controls(specs, **physical) -> list:
    """What the browser sends: control values (log10 for log sliders, as floats with all their noise)."""
    values = {spec.name: spec.default for spec in specs} | physical
    return [spec.to_control(values[spec.name]) for spec in specs]


def post(client, dependencies, output: str, inputs: list, states: list = ()) -> dict:
    """POST one callback; inputs and states beyond those given (the preset, the shown keys) are None."""
    dependency = callback_for_output(dependencies, output)
    inputs = [*inputs, *[None] * (len(dependency["inputs"]) - len(inputs))]
    states = [*states, *[None] * (len(dependency["state"]) - len(states))]
    body = {
        "output": dependency["output"],
        "outputs": [
            {"id": o.split(".")[0], "property": o.split(".")[1]}
            for o in dependency["output"].strip(".").split("...")
        ],
        "inputs": [dict(spec, value=value) for spec, value in zip(dependency["inputs"], inputs, strict=True)],
        "changedPropIds": [f"{dependency['inputs'][0]['id']}.{dependency['inputs'][0]['property']}"],
        "state": [dict(spec, value=value) for spec, value in zip(dependency["state"], states, strict=True)],
    }
    if not dependency["output"].startswith(".."):
        body["outputs"] = body["outputs"][0]
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


def test_a_dragged_log_slider_and_a_typed_url_give_the_same_number():
    spec = params.BY_NAME["E_F_eV"]
    from_slider = spec.from_control(math.log10(0.3))  # 0.30000000000000004 before snapping
    assert from_slider == spec.validate("0.3") == 0.3
    assert spec.url_text(from_slider) == "0.3"
    assert params.BY_NAME["coupling"].from_control(0.1 + 0.2) == 0.3


@pytest.mark.parametrize(
    "point",
    [
        dict(E_F_eV=0.3, omega_ph_eV=0.06, coupling=0.5, Qc=0.3),
        dict(E_F_eV=11.7, omega_ph_eV=0.0369, coupling=0.43, Qc=1.0, mu_star=0.13),
        dict(E_F_eV=0.0173, omega_ph_eV=0.0123, coupling=1.21, Qc=0.07, frequencies="static"),
    ],
)
def test_vertex_csv_equals_the_plotted_curves(client, dependencies, point):
    inputs = controls(vertex_panel.SPECS, **point)
    shown = post(client, dependencies, "vertex-graph.figure", inputs + [None], [""])  # None: the preset menu
    exported = post(client, dependencies, "vertex-download.data", [1], inputs)
    rows = csv_rows(exported["vertex-download"]["data"]["content"])
    pv = next(t for t in shown["vertex-graph"]["figure"]["data"] if t["name"].startswith("your η"))
    ratio = next(t for t in shown["vertex-tc-graph"]["figure"]["data"] if t["name"].startswith("T_c(vertex)"))
    assert [float(r["Qc"]) for r in rows] == pv["x"] == ratio["x"]
    assert [float(r["P_V"]) for r in rows] == pv["y"]
    assert [float(r["Tc_ratio"]) for r in rows] == ratio["y"]


def test_p_v_at_the_users_q_c_comes_from_one_place(client, dependencies):
    point = dict(E_F_eV=0.3, omega_ph_eV=0.06, coupling=0.5, Qc=0.37)
    shown = post(
        client, dependencies, "vertex-graph.figure", controls(vertex_panel.SPECS, **point) + [None], [""]
    )
    star = next(t for t in shown["vertex-graph"]["figure"]["data"] if t["name"] == "your q_c")
    direct = tc.tc_all(0.5, 0.1, 0.06, eta=vertex.eta_from_energies(0.06, 0.3), Qc=0.37)
    assert star["y"] == [direct["P_V"]]
    assert f"{direct['P_V']:+.4f}, {direct['P_C']:+.4f}" in json.dumps(shown["vertex-tc-table"])


@pytest.mark.parametrize(
    "point",
    [
        dict(target="Si", m_chi_MeV=50.0, mediator="light", sigma_n_cm2=1e-37, approximation="impulse"),
        dict(target="Ge", m_chi_MeV=300.0, elf="mermin"),
        dict(target="Xe", m_chi_MeV=1000.0, sigma_n_cm2=3e-40),
    ],
)
def test_spectra_csv_equals_the_plotted_curves(client, dependencies, point):
    inputs = controls(spectra_panel.SPECS, **point)
    shown = post(client, dependencies, "spectra-graph.figure", inputs)
    exported = post(client, dependencies, "spectra-download.data", [1], inputs)
    rows = csv_rows(exported["spectra-download"]["data"]["content"])
    traces = {t["name"]: t for t in shown["spectra-graph"]["figure"]["data"]}
    columns = (
        {"crystal, free": "free", "crystal, impulse": "impulse"}
        if point["target"] in ("Si", "Ge")
        else {
            "isolated atom, liquid analyses (Xe n = 3, 4; Ar n = 1, 2)": "atom_selected",
            "all shells": "atom_all",
        }
    )
    for name, key in columns.items():
        assert [float(r["omega_eV"]) for r in rows] == traces[name]["x"]
        # the figure leaves exact zeros (kinematically closed) as gaps on its log axis
        assert [float(r[f"dR_domega_{key}"]) or None for r in rows] == traces[name]["y"]


def test_phase_csv_is_the_point_that_is_drawn(client, dependencies):
    point = dict(m_over_M=1.37e-5, E_F_eV=0.0731, omega_ph_eV=0.0213, coupling=0.77)
    inputs = controls(phase_panel.SPECS, **point)
    shown = post(client, dependencies, "phase-graph.figure", inputs + [None])  # None: the preset menu
    exported = post(client, dependencies, "phase-download.data", [1], inputs)
    rows = {r["quantity"]: r["value"] for r in csv_rows(exported["phase-download"]["data"]["content"])}
    star = next(t for t in shown["phase-graph"]["figure"]["data"] if t["name"] == "your point")
    drawn = regimes.regime_point(1.37e-5, 0.0731, 0.0213, 0.77, 1)
    assert float(rows["eta"]) == drawn.eta and star["x"] == [math.log10(drawn.eta)]
    assert rows["regime"] == drawn.regime == star["text"][0]
