"""Control builders: one function turns a ParameterSpec into a labelled control.

Log sliders move on log10 of the value; the tooltip shows the real value
(``assets/log_slider.js``) and the readout shows it with units.
"""

from __future__ import annotations

import math
from html.parser import HTMLParser

from dash import dcc, html

from components.params import FORMULAS, ParameterSpec

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade_label(k: int) -> str:
    """10**k as a student reads it: 0.001 ... 1000, else 10⁻⁶."""
    return f"{10.0**k:g}" if -3 <= k <= 3 else "10" + str(k).translate(_SUPERSCRIPT)


def _log_marks(spec: ParameterSpec) -> dict[int, str]:
    low, high = math.ceil(math.log10(spec.low)), math.floor(math.log10(spec.high))
    stride = max(1, (high - low) // 5)
    return {k: _decade_label(k) for k in range(low, high + 1, stride)}


def _linear_marks(spec: ParameterSpec) -> dict[float, str]:
    """Both ends and round values between (1, 2, 2.5 or 5 times a power of ten, whole steps): 0.25,
    not 0.2575."""
    raw = (spec.high - spec.low) / 4
    base = 10.0 ** math.floor(math.log10(raw))
    nice = next(
        m * base
        for m in (1, 2, 2.5, 5, 10)
        if m * base >= 0.999 * raw and abs(m * base / spec.step - round(m * base / spec.step)) < 1e-9
    )
    inner = [
        k * nice for k in range(math.ceil(spec.low / nice + 1e-9), math.floor(spec.high / nice - 1e-9) + 1)
    ]
    values = [spec.low] + [v for v in inner if min(v - spec.low, spec.high - v) > 0.4 * nice] + [spec.high]
    return {float(f"{v:.6g}"): f"{v:.4g}" for v in values}


def _tooltip(spec: ParameterSpec, transform: str | None = None) -> dict:
    """The value while dragging, with its unit (log sliders: the physical value, not log10)."""
    tooltip = {"placement": "bottom"} | ({"transform": transform} if transform else {})
    return tooltip | ({"template": "{value} " + spec.unit} if spec.unit else {})


def _slider(spec: ParameterSpec, value: float | str) -> dcc.Slider:
    if spec.kind == "log":
        return dcc.Slider(
            id=spec.control_id,
            min=math.log10(spec.low),
            max=math.log10(spec.high),
            step=spec.step,
            value=spec.to_control(value),
            drag_value=spec.to_control(value),  # set from the start: callbacks that follow the drag read it
            marks=_log_marks(spec),
            tooltip=_tooltip(spec, "migdalPow10"),
            allow_direct_input=False,
            updatemode="mouseup",
        )
    return dcc.Slider(
        id=spec.control_id,
        min=spec.low,
        max=spec.high,
        step=spec.step,
        value=value,
        drag_value=value,
        marks=_linear_marks(spec),
        tooltip=_tooltip(spec),
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
    slider_text = {"data-unit": spec.unit, "data-log": "1" if spec.kind == "log" else "0"}  # aria-valuetext
    return html.Div(
        className="control" if spec.essential else "control advanced",
        **(slider_text if spec.kind != "choice" else {}),
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


_FORMULA_TAGS = {"sub": html.Sub, "sup": html.Sup}


class _FormulaParser(HTMLParser):
    """Text with nested <sub>/<sup> into Dash components; any other tag is kept as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list]] = [("", [])]

    def handle_starttag(self, tag, attrs):
        if tag in _FORMULA_TAGS:
            self.stack.append((tag, []))
        else:
            self.handle_data(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag in _FORMULA_TAGS and len(self.stack) > 1 and self.stack[-1][0] == tag:
            name, children = self.stack.pop()
            self.stack[-1][1].append(_FORMULA_TAGS[name](children))
        else:
            self.handle_data(f"</{tag}>")

    def handle_data(self, data):
        self.stack[-1][1].append(data)


def formula_children(text: str) -> list:
    """A formula typed with Unicode and <sub>/<sup> as Dash components: no Markdown, so brackets stay
    brackets (Markdown made ``[...]`` links that were tab stops), no links, no raw HTML."""
    parser = _FormulaParser()
    parser.feed(text)
    parser.close()
    while len(parser.stack) > 1:  # an unclosed tag: keep what it held
        _, children = parser.stack.pop()
        parser.stack[-1][1].extend(children)
    return parser.stack[0][1]


def _help_popover(spec: ParameterSpec) -> html.Span | None:
    """ "?" that shows, on hover or keyboard focus, the formula and one sentence of why."""
    if not spec.help:
        return None
    formula = FORMULAS.get(spec.name)
    body = ([html.P(formula_children(formula), className="formula")] if formula else []) + [html.P(spec.help)]
    return html.Span(
        className="help",
        children=[
            html.Span(
                "?", className="help-icon", tabIndex=0, role="button", **{"aria-label": f"help: {spec.label}"}
            ),
            html.Div(body, className="help-body", role="tooltip"),
        ],
    )


def control_group(title: str, specs: tuple[ParameterSpec, ...], values: dict) -> html.Details:
    """A titled, collapsible group of controls."""
    return html.Details(
        open=True,
        className="control-group",
        children=[html.Summary(title)] + [control(spec, values[spec.name]) for spec in specs],
    )
