"""The Flask/Dash server: routes, layout contents and callbacks with bad input."""

import json
import math

import pytest

from components import params, phase_panel, vertex_panel
from components.settings import Settings
from tests.dash_requests import callback_for_output, discover, request_body

FIVE_CONTROLS = ("param-m_over_M", "param-E_F_eV", "param-omega_ph_eV", "param-coupling", "param-Qc")
THREE_GRAPHS = ("phase-graph", "vertex-graph", "spectra-graph")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from app import create_app

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("cache")), warm_up=False)
    return create_app(settings).server.test_client()


@pytest.fixture(scope="module")
def dependencies(client):
    return client.get("/_dash-dependencies").get_json()


def test_index_and_health(client):
    assert client.get("/").status_code == 200
    assert client.get("/healthz").data == b"ok"


def test_layout_lists_the_five_controls_and_three_graphs(client):
    text = client.get("/_dash-layout").get_data(as_text=True)
    for component_id in FIVE_CONTROLS + THREE_GRAPHS:
        assert f'"id":"{component_id}"' in text.replace(" ", "")


def phase_values(**overrides):
    values = {spec.name: spec.to_control(spec.default) for spec in phase_panel.SPECS}
    values.update(overrides)
    # the inputs after the controls: the preset menu, the pinned point A, the phone-layout flag
    return [values[spec.name] for spec in phase_panel.SPECS] + [None, None, None]


def post(client, body):
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


def test_phase_callback_returns_figure_and_regime(client, dependencies):
    dependency = callback_for_output(dependencies, "phase-graph.figure")
    response = post(client, request_body(dependency, phase_values()))
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert payload["phase-badge"]["className"] == "badge badge-adiabatic"
    assert payload["phase-error"]["children"] == ""


@pytest.mark.parametrize(
    "overrides, name",
    [
        ({"E_F_eV": "abc"}, "E_F_eV"),
        ({"coupling": -1}, "lambda"),
        ({"coupling": None}, "lambda"),
        ({"omega_ph_eV": 99}, "omega_ph_eV"),
        ({"valence": "7"}, "valence"),
        ({"m_over_M": [1, 2]}, "m_over_M"),
    ],
)
def test_phase_callback_bad_input_is_a_message_not_a_500(client, dependencies, overrides, name):
    key = next(iter(overrides))
    spec = params.BY_NAME[key]
    dependency = callback_for_output(dependencies, "phase-graph.figure")
    response = post(client, request_body(dependency, phase_values(**overrides)))
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert spec.name in payload["phase-error"]["children"] or name in payload["phase-error"]["children"]
    assert "Traceback" not in response.get_data(as_text=True)


def _url_body(dependencies, search, preset, changed):
    dependency = callback_for_output(dependencies, "url-notice.children")
    body = request_body(dependency, [search, preset], changed=[changed])
    controls = [spec.to_control(spec.default) for spec in params.ALL_PARAMETERS]
    body["state"] = [dict(s, value=v) for s, v in zip(body["state"], controls, strict=True)]
    return body


def test_url_callback_restores_state_and_reports_bad_values(client, dependencies):
    body = _url_body(dependencies, "?E_F_eV=0.002&coupling=oops", None, "url.search")
    payload = post(client, body).get_json()["response"]
    assert payload["param-E_F_eV"]["value"] == pytest.approx(-2.69897, abs=1e-4)  # log10(0.002)
    assert "coupling" in payload["url-notice"]["children"]
    assert "E_F_eV=0.002" in payload["url-sync"]["data"]  # the browser writes this canonical query


def test_preset_sets_every_control_and_the_url(client, dependencies):
    payload = post(client, _url_body(dependencies, "", "FeSe_STO", "preset.value")).get_json()["response"]
    assert payload["param-Qc"]["value"] == 0.05
    assert payload["param-E_F_eV"]["value"] == pytest.approx(-1.2218487, abs=1e-6)  # log10(0.06)
    assert "Qc=0.05" in payload["url-sync"]["data"] and "E_F_eV=0.06" in payload["url-sync"]["data"]


MOVES = {"coupling": 0.9, "mu_star": 0.2, "Qc": 0.5, "E_F_eV": math.log10(0.5)}
SHOWN_DEFAULTS = [params.BY_NAME[name].default for name in vertex_panel.FIGURE_INPUTS]


def _vertex_body(client, dependencies, changed_control: str, shown) -> dict:
    layout = client.get("/_dash-layout").get_json()
    callback = next(cb for cb in discover(dependencies, layout) if "vertex-graph.figure" in cb.output)
    values = list(callback.values)
    values[callback.input_ids.index(f"param-{changed_control}.value")] = MOVES[changed_control]
    body = callback.body(values, changed=[f"param-{changed_control}.value"])
    body["state"] = [dict(body["state"][0], value=shown)]
    return body


@pytest.mark.parametrize(
    "changed,shown,redrawn",
    [
        ("coupling", SHOWN_DEFAULTS, False),
        ("mu_star", SHOWN_DEFAULTS, False),  # only T_c moves: P_V stays
        ("Qc", SHOWN_DEFAULTS, True),
        ("E_F_eV", SHOWN_DEFAULTS, True),
        ("coupling", None, True),  # the browser shows no P_V figure (first call, an error message): draw it
    ],
)
def test_vertex_figures_redrawn_only_when_their_inputs_change(client, dependencies, changed, shown, redrawn):
    response = post(client, _vertex_body(client, dependencies, changed, shown))
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "vertex-tc-graph" in payload and "vertex-tc-table" in payload
    assert ("vertex-graph" in payload) is redrawn
    assert ("vertex-pq-graph" in payload) is redrawn


@pytest.mark.parametrize("request_data", [{"at": 1}, {"values": "abc"}, {"values": 7}, ["x"], None])
def test_a_malformed_code_request_is_a_message(client, dependencies, request_data):
    dependency = callback_for_output(dependencies, "phase-code.children")
    response = post(client, request_body(dependency, [request_data]))
    assert response.status_code == 200
    assert response.get_json()["response"]["phase-code"]["children"].startswith("# invalid input")
