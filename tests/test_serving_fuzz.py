"""Bad input never breaks the served app: hypothesis posts garbage to a running gunicorn.

Bodies for ``/_dash-update-component`` are built from the app's own
``/_dash-dependencies`` (every callback, present or future) and then fuzzed:
wrong types, NaN/inf as strings and as JSON numbers, huge integers, huge
lists, out-of-range values, missing keys, wrong output strings, bodies that
are not JSON at all. Query strings are fuzzed for ``/`` and for the URL
callback. Every answer must be a 2xx/4xx without a traceback, and the
server must still serve a figure afterwards.

Counts (environment): ``FUZZ_CALLBACKS`` (callback bodies), ``FUZZ_QUERIES``
(query strings, each sent to ``/`` and to the URL callback). ``FUZZ_FULL=1``
(what ``bench/bench_serving.py --fuzz`` sets) makes the defaults 10000 and
3000; ``make test`` runs the defaults below (6000 and 600: about 2 min on
the 2-core development machine, ~20 ms per callback body).
"""

from __future__ import annotations

import json
import os
from collections import Counter

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.dash_client import UPDATE_PATH, discover_live, launch_gunicorn, stop_gunicorn, wait_healthy

FULL = os.environ.get("FUZZ_FULL") == "1"
N_CALLBACKS = int(os.environ.get("FUZZ_CALLBACKS") or (10_000 if FULL else 6_000))
N_QUERIES = int(os.environ.get("FUZZ_QUERIES") or (3_000 if FULL else 600))
FUZZ_SETTINGS = dict(
    deadline=None,
    derandomize=not FULL,
    database=None,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)

CLIENT_ERRORS = {400, 404, 405, 411, 413, 414, 415, 422}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process, base_url, log_path = launch_gunicorn(tmp_path_factory.mktemp("fuzz"), workers=2)
    wait_healthy(process, base_url, log_path)
    state = {
        "url": base_url,
        "client": httpx.Client(base_url=base_url, timeout=60),
        "callbacks": discover_live(base_url),
        "log": log_path,
        "statuses": Counter(),
        "callback_errors": [],
    }
    yield state
    state["client"].close()
    stop_gunicorn(process)


# --------------------------------------------------------------------------- strategies

SPECIAL_TEXT = st.sampled_from(
    [
        "NaN",
        "nan",
        "-nan",
        "inf",
        "-inf",
        "Infinity",
        "-Infinity",
        "1e309",
        "-1e309",
        "1e-400",
        "0x10",
        "1_000",
        " 1 ",
        "",
        "None",
        "null",
        "true",
        "[]",
        "{}",
        "１２",
        "1,5",
        "٣",
        "\x00",
        "💥",
        "'; DROP TABLE x;--",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "%s%n",
        "a" * 5000,
    ]
)
HUGE_INTS = st.sampled_from([10**308, 10**309, -(10**400), 2**63, -(2**63) - 1, 2**1024])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    HUGE_INTS,
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    SPECIAL_TEXT,
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=6),
    max_leaves=12,
)
HUGE_LISTS = st.builds(
    lambda n, item: [item] * n, st.integers(1_000, 200_000), st.sampled_from([0, 1.5, "x", None, [1]])
)


def near(low: float, high: float):
    """Values in and just outside a slider's range (the interesting edges)."""
    span = high - low
    return st.one_of(
        st.floats(low, high),
        st.floats(low - span, high + span),
        st.sampled_from([low, high, low - 1e-9, high + 1e-9, (low + high) / 2]),
    )


def input_value(callback, index: int):
    current = callback.values[index]
    options = [st.just(current), JSON_VALUES]
    if index in callback.sliders:
        low, high, _ = callback.sliders[index]
        options.append(near(low, high))
    if index in callback.choices:
        choices = callback.choices[index]
        options += [st.sampled_from(choices), st.sampled_from(choices).map(lambda c: f"{c} ".upper())]
    return st.one_of(options)


@st.composite
def well_formed_bodies(draw, callbacks):
    """A callback's own body shape, each input value fuzzed (or left as in the layout)."""
    callback = draw(st.sampled_from(callbacks))
    values = [draw(input_value(callback, i)) for i in range(len(callback.input_ids))]
    changed = draw(st.one_of(st.none(), st.lists(st.sampled_from(callback.input_ids), max_size=3)))
    return callback, callback.body(values, changed=changed)


@st.composite
def mutated_bodies(draw, callbacks):
    """A well-formed body with its structure broken in one or more places."""
    _, body = draw(well_formed_bodies(callbacks))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds", "extra"]))
        action = draw(st.sampled_from(["drop", "replace", "inputs-shape", "output-string"]))
        if action == "drop":
            body.pop(key, None)
        elif action == "replace":
            body[key] = draw(JSON_VALUES)
        elif action == "inputs-shape" and isinstance(body.get("inputs"), list):
            inputs = body["inputs"]
            choice = draw(st.sampled_from(["truncate", "extend", "bad-id", "bad-prop", "drop-value", "nest"]))
            item = inputs[draw(st.integers(0, len(inputs) - 1))] if inputs else None
            if choice == "truncate" and inputs:
                body["inputs"] = inputs[: draw(st.integers(0, len(inputs) - 1))]
            elif choice == "extend":
                body["inputs"] = inputs + [{"id": "x", "property": "value", "value": draw(JSON_VALUES)}]
            elif choice == "nest":
                body["inputs"] = [inputs]
            elif isinstance(item, dict):
                if choice == "bad-id":
                    item["id"] = draw(JSON_VALUES)
                elif choice == "bad-prop":
                    item["property"] = draw(st.text(max_size=10))
                else:
                    item.pop("value", None)
        elif action == "output-string":
            other = draw(st.sampled_from(callbacks)).output
            body["output"] = draw(
                st.sampled_from(
                    [
                        other,
                        other + ".",
                        "." + other,
                        other.replace("figure", "children"),
                        "..",
                        "...",
                        "",
                        str(body.get("output")) + "...x.y..",
                        draw(st.text(max_size=30)),
                    ]
                )
            )
    return body


RAW_BODIES = st.one_of(
    st.binary(max_size=300).map(lambda b: (b, "application/json")),
    st.text(max_size=200).map(lambda t: (t.encode("utf-8", "surrogatepass"), "application/json")),
    JSON_VALUES.map(lambda v: (json.dumps(v).encode(), "application/json")),
    st.integers(1, 200_000).map(lambda n: (b"[" * n + b"]" * n, "application/json")),
    st.integers(1, 50_000).map(lambda n: (b'{"a":' * n + b"1" + b"}" * n, "application/json")),
    st.sampled_from([b"NaN", b"Infinity", b"-Infinity", b'{"output": NaN}', b"\xff\xfe", b"", b"{}"]).map(
        lambda b: (b, "application/json")
    ),
    st.tuples(
        st.binary(max_size=100),
        st.sampled_from(
            [
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "",
                "application/json; charset=latin-1",
            ]
        ),
    ),
)


def dumps(body: dict) -> bytes:
    """JSON as a browser would never send it: NaN/Infinity as bare tokens are kept (Python allows them)."""
    return json.dumps(body, allow_nan=True).encode()


# --------------------------------------------------------------------------- checks


def check(server, response: httpx.Response, what: str) -> None:
    server["statuses"][response.status_code] += 1
    assert response.status_code < 500, f"{what}: HTTP {response.status_code}: {response.text[:500]}"
    assert response.status_code in {200, 204} | CLIENT_ERRORS, f"{what}: HTTP {response.status_code}"
    assert "Traceback" not in response.text, f"{what}: traceback in the answer"


def post_bytes(server, data: bytes, content_type: str = "application/json") -> httpx.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    response = server["client"].post(UPDATE_PATH, content=data, headers=headers)
    if response.status_code == 413:
        # gunicorn answers 413 before reading the body, drains at most 64 kB of it and then
        # closes the connection although the answer said keep-alive: do not reuse it
        # (browsers retry on a fresh connection; httpx would fail the next request).
        server["client"].close()
        server["client"] = httpx.Client(base_url=server["url"], timeout=60)
    return response


def still_serving(server) -> None:
    client = server["client"]
    assert client.get("/healthz").text == "ok"
    for callback in server["callbacks"]:
        if callback.figure_outputs:
            response = client.post(
                UPDATE_PATH, content=dumps(callback.body()), headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 200
            figures = response.json()["response"]
            assert all(figures[i]["figure"]["data"] for i in callback.figure_outputs), callback.name
    log = server["log"].read_text()
    assert "WORKER TIMEOUT" not in log and "SIGKILL" not in log and "Worker exited" not in log


# --------------------------------------------------------------------------- tests


def test_fuzzed_callback_bodies_never_break_the_server(server):
    callbacks = server["callbacks"]
    strategy = st.one_of(
        well_formed_bodies(callbacks).map(
            lambda cb_body: ("well-formed", dumps(cb_body[1]), "application/json")
        ),
        mutated_bodies(callbacks).map(lambda body: ("mutated", dumps(body), "application/json")),
        RAW_BODIES.map(lambda raw: ("raw", raw[0], raw[1])),
        st.tuples(well_formed_bodies(callbacks), HUGE_LISTS).map(
            lambda pair: ("huge-list", dumps(_with_value(pair[0][1], pair[1])), "application/json")
        ),
    )

    @settings(max_examples=N_CALLBACKS, **FUZZ_SETTINGS)
    @given(strategy)
    def run(case):
        kind, data, content_type = case
        response = post_bytes(server, data, content_type)
        check(server, response, f"{kind} body {data[:300]!r}")
        if kind == "well-formed" and response.status_code == 422:
            server["callback_errors"].append(data[:300])

    run()
    still_serving(server)
    print(
        f"\ncallback bodies: {N_CALLBACKS}; statuses {dict(server['statuses'])}; "
        f"422 on well-formed bodies: {len(server['callback_errors'])} {server['callback_errors'][:3]}"
    )


def _with_value(body: dict, value) -> dict:
    if body["inputs"]:
        body["inputs"][0]["value"] = value
    return body


def test_well_formed_bodies_with_bad_values_get_a_message_not_an_error(server):
    """The callbacks validate values themselves: any JSON scalar in any input is 200/204.

    A 422 here means a callback raised something other than ValueError on a
    value: a bug in that callback (the server survives it, but the user gets
    no message). This found ``OverflowError`` escaping
    ``migdal_core.validation.as_finite_float`` for integers beyond the float
    range (fixed in 04c10c2).
    """
    callbacks = server["callbacks"]
    scalar_bodies = st.sampled_from(callbacks).flatmap(
        lambda cb: st.lists(
            st.one_of(SCALARS, st.just(None)), min_size=len(cb.input_ids), max_size=len(cb.input_ids)
        ).map(lambda values: cb.body(values))
    )

    @settings(max_examples=max(200, N_CALLBACKS // 10), **FUZZ_SETTINGS)
    @given(scalar_bodies)
    def run(body):
        response = post_bytes(server, dumps(body))
        check(server, response, f"body {dumps(body)[:300]!r}")
        assert response.status_code in (200, 204), (
            f"callback failed on {dumps(body)[:400]!r}: {response.text}"
        )

    run()


QUERY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(
                    [
                        "E_F_eV",
                        "omega_ph_eV",
                        "coupling",
                        "m_over_M",
                        "valence",
                        "Qc",
                        "ql",
                        "target",
                        "lecture",
                        "theme",
                        "preset",
                    ]
                ),
                st.text(max_size=12),
            ),
            st.one_of(SPECIAL_TEXT, st.floats().map(repr), st.text(max_size=20)),
        ),
        max_size=12,
    ).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)),
    st.integers(4_000, 7_000).map(lambda n: "E_F_eV=" + "9" * n),
)


def test_fuzzed_query_strings_never_break_the_page_or_the_url_callback(server):
    url_callback = next((cb for cb in server["callbacks"] if "url.search" in cb.input_ids), None)

    @settings(max_examples=N_QUERIES, **FUZZ_SETTINGS)
    @given(QUERY_TEXT)
    def run(query):
        search = "?" + query
        page = server["client"].request("GET", httpx.URL(server["url"] + "/", query=_encode_query(query)))
        check(server, page, f"GET /{search[:200]!r}")
        if url_callback is not None:
            values = list(url_callback.values)
            values[url_callback.input_ids.index("url.search")] = search
            response = post_bytes(server, dumps(url_callback.body(values, changed=["url.search"])))
            check(server, response, f"URL callback with {search[:200]!r}")
            assert response.status_code in (200, 204), f"URL callback failed on {search[:300]!r}"

    run()
    still_serving(server)


def _encode_query(query: str) -> bytes:
    """The query as raw bytes on the request line (percent-encoding what HTTP forbids)."""
    from urllib.parse import quote

    return quote(query, safe="=&;/?:@!$'()*+,~-._%").encode("ascii")


PATH_SEGMENTS = st.one_of(
    st.sampled_from(
        [
            "dash",
            "dcc",
            "dash_table",
            "html",
            "deps",
            "plotly",
            "package_data",
            "os",
            "sys",
            "__main__",
            "..",
            ".",
            "",
            "%2e%2e",
            "%00",
            "vendor",
            "build",
            "dash-renderer",
            "async-graph.js",
            "plotly.min.js",
            "x.js",
            "x.js.map",
            "style.css",
            "react@18.v1_0m1.js",
            "dash_renderer.v4_4_1m1796157100.min.js",
            "a" * 300,
        ]
    ),
    st.text(min_size=1, max_size=20),
)
METHODS = st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
PREFIXES = st.sampled_from(
    [
        "/_dash-component-suites/",
        "/assets/",
        "/_dash-component-suites/dash/",
        "/assets/vendor/",
        "/_dash-component-suites/dash/dcc/",
    ]
)


def test_fuzzed_static_paths_and_methods_are_never_500(server):
    """Paths under /_dash-component-suites/ and /assets/ (packages Dash does not serve, traversal, odd
    bytes, source maps) with any method: 2xx/3xx/4xx, never a 500, never a traceback in the log."""

    @settings(max_examples=max(300, N_QUERIES), **FUZZ_SETTINGS)
    @given(
        PREFIXES,
        st.lists(PATH_SEGMENTS, min_size=1, max_size=4),
        st.sampled_from(["", "?m=1", "?v=1"]),
        METHODS,
    )
    def run(prefix, segments, query, method):
        from urllib.parse import quote

        path = prefix + "/".join(quote(s, safe="%@.") for s in segments) + query
        response = server["client"].request(method, path)
        server["statuses"][response.status_code] += 1
        assert response.status_code < 500, f"{method} {path}: HTTP {response.status_code}"
        assert "Traceback" not in response.text

    run()
    log = server["log"].read_text()
    assert "Traceback" not in log and "DependencyException" not in log
    still_serving(server)
