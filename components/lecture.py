"""Guided lecture: the presets in teaching order, a talking point for each, Previous / Next and keys.

A step *is* its preset: Next sets the preset menu's value, and the one path that applies a preset
(:mod:`components.url_state`) moves every control; the URL carries ``?preset=KEY``, so a bookmark
reopens that step. The buttons, the counter and the talking point work in the browser alone
(``assets/lecture.js``); the keys are a keydown listener there that clicks the buttons.

The order follows the lecturer's journey of ``shared/USERS.md``: simple metals where Migdal's theorem
holds (η = ω_ph/E_F ≪ 1) even at strong coupling, then η climbing through the non-adiabatic into the
anti-adiabatic regime, then the dark-matter Migdal effect in crystals and in atoms. Each talking point's
regime and numbers are checked against the preset's computed regime (tests/test_lecture.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from components.presets import BY_KEY, Preset


@dataclass(frozen=True)
class Step:
    """One stop of the lecture: the preset ``key``, the Migdal's-theorem regime its talking point names
    (None for a detector, whose point is about the Migdal *effect*), and the point itself."""

    key: str
    regime: str | None
    point: str


STEPS: tuple[Step, ...] = (
    Step(
        "Al",
        "adiabatic",
        "η = ω_D/E_F ≈ 3×10⁻³: Migdal's small parameter is tiny, vertex corrections (λη ≈ 10⁻³) are "
        "negligible, adiabatic. Eliashberg theory holds: McMillan's T_c ≈ 1.1 K, measured 1.18 K.",
    ),
    Step(
        "Pb",
        "adiabatic",
        "Strong coupling is not a breakdown: λ = 1.55, but η ≈ 5×10⁻⁴ keeps λη below 10⁻³. Still "
        "adiabatic: Migdal–Eliashberg theory was confirmed on lead's tunnelling spectra (McMillan & Rowell 1965).",
    ),
    Step(
        "Nb",
        "adiabatic",
        "The element with the highest T_c at ambient pressure, measured 9.25 K: λ = 0.82, η ≈ 4×10⁻³. "
        "Adiabatic, and McMillan's formula gives T_c ≈ 9.2 K.",
    ),
    Step(
        "H3S",
        "adiabatic",
        "T_c ≈ 200 K from light hydrogen phonons with λ = 2.19, yet η ≈ 0.01 and λη ≈ 0.025: still "
        "adiabatic. A record T_c does not need Migdal's theorem to fail.",
    ),
    Step(
        "MgB2",
        "non-adiabatic",
        "The σ band's E_F ≈ 0.5 eV is only seven phonon energies: η ≈ 0.14, λη ≈ 0.14, non-adiabatic. "
        "With small q_c/2k_F = 0.3 the vertex correction raises T_c (Cappelluti et al. 2002).",
    ),
    Step(
        "K3C60",
        "non-adiabatic",
        "The 0.1 eV molecular phonons are as fast as the electrons of a narrow band with E_F ≈ 0.25 eV: "
        "η ≈ 0.4, non-adiabatic. Migdal's expansion parameter is no longer small (Gunnarsson 1997).",
    ),
    Step(
        "FeSe_STO",
        "anti-adiabatic",
        "The 90 meV interface phonon outruns the electrons (E_F ≈ 60 meV): η ≈ 1.5, anti-adiabatic. Its "
        "coupling is forward-focused (q_c/2k_F = 0.05), so the vertex correction enhances pairing.",
    ),
    Step(
        "heavy_fermion",
        "anti-adiabatic",
        "Heavy quasiparticles with E_F of a few meV are slower than the 15 meV phonons: η ≈ 3, "
        "anti-adiabatic, Migdal's picture upside down (their pairing is not phonon-driven).",
    ),
    Step(
        "SrTiO3",
        "anti-adiabatic",
        "Dilute electrons, E_F ≈ 5 meV, twenty times below the 0.1 eV optical phonon: η ≈ 20, deep "
        "anti-adiabatic. No retardation, yet it superconducts (Gastiasoro, Chubukov & Fernandes 2019).",
    ),
    Step(
        "Si",
        None,
        "Migdal effect: 50 MeV dark matter kicks a Si nucleus too softly to be seen, but the electrons lag "
        "behind and can cross the 1.11 eV gap. In a crystal the energy-loss function sets the rate "
        "(Knapen, Kozaczuk & Lin 2021).",
    ),
    Step(
        "Ge",
        None,
        "A heavier nucleus (A ≈ 73) and a smaller gap (0.67 eV against Si's 1.11 eV); 100 MeV dark "
        "matter, heavy mediator. Compare the spectrum and the two-electron rate with Si.",
    ),
    Step(
        "Xe",
        None,
        "An isolated Xe atom (A ≈ 131) struck by 1 GeV dark matter: the electron cloud is boosted with the "
        "nucleus (the Born–Oppenheimer term) and inner shells may ionize (Ibe et al. 2018).",
    ),
    Step(
        "Ar",
        None,
        "The same 1 GeV dark matter makes the lighter Ar nucleus (A ≈ 40) recoil about three times "
        "faster than Xe, and the ionization probability grows as the recoil velocity squared (Ibe et al. 2018).",
    ),
)

# (keys, what they do); shown in the bar's "Keys" help and in the About view.
SHORTCUTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("→", "n"), "next step of the lecture"),
    (("←", "p"), "previous step"),
    (("Page Down", "Page Up"), "next / previous step in lecture mode (a presenter's clicker)"),
    (("?",), "show or hide this list"),
    (("Esc",), "hide this list"),
)
KEYS_NOTE = (
    "The keys act when the focus is not in a slider, a text field, a menu or a radio button: there the "
    "arrows move the control as usual (Esc or a click on the page gives the keys back to the lecture)."
)

BAR_ID = "lecture-bar"
PREVIOUS_ID = "lecture-previous"
NEXT_ID = "lecture-next"
COUNTER_ID = "lecture-counter"
TITLE_ID = "lecture-title"
POINT_ID = "lecture-point"
KEYS_ID = "lecture-keys"
MORE_ID = "lecture-more"
SEQUENCE_ID = "lecture-sequence"
INTRO = (
    "Guided lecture: thirteen real systems, from aluminium, where Migdal's theorem is safe, to the "
    "dark-matter Migdal effect in crystals and atoms. Start it with the button or →."
)


def presets_in_order() -> list[Preset]:
    """The presets in lecture order (the preset menu lists them so, matching the step counter)."""
    return [BY_KEY[step.key] for step in STEPS]


def sequence() -> dict:
    """What the browser needs to step and to show a talking point without the server."""
    steps = [{"key": step.key, "label": BY_KEY[step.key].label, "point": step.point} for step in STEPS]
    return {"intro": INTRO, "steps": steps}


def shortcut_list() -> html.Dl:
    """The keys and what they do (the bar's help and the About view)."""
    items = []
    for keys, action in SHORTCUTS:
        named = [part for i, key in enumerate(keys) for part in ([" or "] if i else []) + [html.Kbd(key)]]
        items += [html.Dt(named), html.Dd(action)]
    return html.Dl(items, className="shortcut-list")


def layout() -> html.Div:
    """The lecture bar: Previous, the step counter, Next, the talking point and the keys' help (on a phone
    one row: the arrows, the counter, the step's name and a button that opens its talking point)."""
    return html.Div(
        id=BAR_ID,
        className="lecture-bar lecture-idle",
        role="region",
        **{"aria-label": "Guided lecture"},
        children=[
            dcc.Store(id=SEQUENCE_ID, data=sequence()),
            html.Div(
                className="lecture-nav",
                children=[
                    html.Button(
                        ["◀", html.Span(" Previous", className="lecture-word")],
                        id=PREVIOUS_ID,
                        className="lecture-button",
                        disabled=True,
                        title="Previous step (← or p)",
                        **{"aria-label": "Previous step"},
                    ),
                    html.Span(
                        f"– / {len(STEPS)}",
                        id=COUNTER_ID,
                        className="lecture-step lecture-counter",
                        **{"aria-live": "polite"},
                    ),
                    html.Button(
                        [
                            html.Span("Start the lecture ", className="lecture-start"),
                            html.Span("Next ", className="lecture-word"),
                            "▶",
                        ],
                        id=NEXT_ID,
                        className="lecture-button",
                        title="Next step (→ or n)",
                        **{"aria-label": "Next step"},
                    ),
                ],
            ),
            html.Button(  # a phone shows the step's name only; this opens its talking point (lecture.js)
                html.Span("▴", className="lecture-more-arrow"),
                id=MORE_ID,
                className="lecture-button lecture-more",
                title="Show or hide the talking point",
                **{"aria-label": "Talking point", "aria-expanded": "false", "aria-controls": POINT_ID},
            ),
            html.P(
                className="lecture-step lecture-text",
                **{"aria-live": "polite"},  # a screen reader reads the new talking point
                children=[
                    html.Strong("", id=TITLE_ID, className="lecture-title"),
                    html.Span(INTRO, id=POINT_ID),
                ],
            ),
            html.Details(
                id=KEYS_ID,
                className="lecture-keys",
                children=[
                    html.Summary("Keys: ← → ?", title="Keyboard shortcuts (?)"),
                    html.Div(className="lecture-keys-body", children=[shortcut_list(), html.P(KEYS_NOTE)]),
                ],
            ),
        ],
    )


def register_callbacks(app: Dash, preset_id: str) -> None:
    """Previous / Next set the preset menu (which applies the preset); the menu's value sets the counter,
    the talking point, which buttons are enabled and the bar's idle class (before the first step Next
    reads "Start the lecture", and a phone shows only the buttons). Both run in the browser."""
    app.clientside_callback(
        ClientsideFunction(namespace="migdal_lecture", function_name="step"),
        Output(preset_id, "value", allow_duplicate=True),
        Input(PREVIOUS_ID, "n_clicks"),
        Input(NEXT_ID, "n_clicks"),
        State(preset_id, "value"),
        State(SEQUENCE_ID, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="migdal_lecture", function_name="show"),
        Output(COUNTER_ID, "children"),
        Output(TITLE_ID, "children"),
        Output(POINT_ID, "children"),
        Output(PREVIOUS_ID, "disabled"),
        Output(NEXT_ID, "disabled"),
        Output(BAR_ID, "className"),
        Input(preset_id, "value"),
        State(SEQUENCE_ID, "data"),
    )
