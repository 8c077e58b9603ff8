"""Control builders: one function turns a ParameterSpec into a labelled control.

Log sliders move on log10 of the value; the tooltip shows the real value
(``assets/log_slider.js``) and the readout shows it with units.
"""

from __future__ import annotations

import math

from dash import dcc, html

from components.params import FORMULAS, ParameterSpec


def _log_marks(spec: ParameterSpec) -> dict[int, str]:
    low, high = math.ceil(math.log10(spec.low)), math.floor(math.log10(spec.high))
    stride = max(1, (high - low) // 5)
    return {k: f"1e{k}" for k in range(low, high + 1, stride)}


def _slider(spec: ParameterSpec, value: float | str) -> dcc.Slider:
    if spec.kind == "log":
        return dcc.Slider(
            id=spec.control_id,
            min=math.log10(spec.low),
            max=math.log10(spec.high),
            step=spec.step,
            value=spec.to_control(value),
            marks=_log_marks(spec),
            tooltip={"placement": "bottom", "transform": "migdalPow10"},
            allow_direct_input=False,
            updatemode="mouseup",
        )
    span = spec.high - spec.low
    marks = {round(spec.low + i * span / 4, 2): f"{spec.low + i * span / 4:g}" for i in range(5)}
    return dcc.Slider(
        id=spec.control_id,
        min=spec.low,
        max=spec.high,
        step=spec.step,
        value=value,
        marks=marks,
        tooltip={"placement": "bottom"},
        allow_direct_input=False,
        updatemode="mouseup",
    )


def control(spec: ParameterSpec, value: float | str) -> html.Div:
    """Label with help icon, readout in physical units, and the control itself."""
    if spec.kind == "choice" and spec.inline:
        widget = dcc.RadioItems(
            id=spec.control_id,
            options=[{"label": label, "value": v} for v, label in spec.options],
            value=value,
            inline=True,
            className="radio",
        )
    elif spec.kind == "choice":
        widget = dcc.Dropdown(
            id=spec.control_id,
            options=[{"label": label, "value": v} for v, label in spec.options],
            value=value,
            clearable=False,
            searchable=False,
        )
    else:
        widget = _slider(spec, value)
    return html.Div(
        className="control" if spec.essential else "control advanced",
        children=[
            html.Div(
                className="control-label",
                children=[
                    html.Label(spec.label, htmlFor=spec.control_id),
                    _help_popover(spec),
                    html.Span(spec.format(value), id=spec.readout_id, className="readout"),
                ],
            ),
            widget,
        ],
    )


def _help_popover(spec: ParameterSpec) -> html.Span | None:
    """"?" that shows, on hover or keyboard focus, the formula and one sentence of why."""
    if not spec.help:
        return None
    formula = FORMULAS.get(spec.name)
    body = ([dcc.Markdown(formula, dangerously_allow_html=True, className="formula")] if formula else []) + [
        html.P(spec.help)]
    return html.Span(className="help", children=[
        html.Span("?", className="help-icon", tabIndex=0, role="button", **{"aria-label": f"help: {spec.label}"}),
        html.Div(body, className="help-body", role="tooltip"),
    ])


def control_group(title: str, specs: tuple[ParameterSpec, ...], values: dict) -> html.Details:
    """A titled, collapsible group of controls."""
    return html.Details(
        open=True,
        className="control-group",
        children=[html.Summary(title)] + [control(spec, values[spec.name]) for spec in specs],
    )
