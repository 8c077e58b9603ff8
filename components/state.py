"""URL query string <-> parameter values.

Every control is mirrored in the query string (physical values, readable:
``?E_F_eV=0.005&coupling=0.5``). ``?preset=Pb`` starts from that preset (a
lecture step's bookmark); parameters given beside it override it. Decoding
never fails: an unknown key or preset, or a malformed / out-of-range value,
falls back to the default and yields a notice the page shows.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from components.params import ALL_PARAMETERS, BY_NAME, DISPLAY, defaults
from components.presets import BY_KEY as PRESETS_BY_KEY

MAX_QUERY_LENGTH = 4096
# Keys of the link that are not controls but belong to it (read by their own components): decoding skips
# them without a notice and the browser's mirror (assets/state.js) keeps them when it rewrites the query.
COMPANION_KEYS = ("pinA",)  # components.compare
PRESET_PARAMETER = "preset"


def preset_values(key: str, current: dict) -> dict:
    """Every parameter for preset ``key``: defaults overlaid with the preset, display kept."""
    values = defaults()
    values.update(PRESETS_BY_KEY[key].values)
    values.update({spec.name: current[spec.name] for spec in DISPLAY})
    return values


def encode(values: dict[str, float | str]) -> str:
    """Query string (with leading ``?``) for the given physical values."""
    pairs = [(spec.name, spec.url_text(values[spec.name])) for spec in ALL_PARAMETERS if spec.name in values]
    return "?" + urlencode(pairs)


def _whole_steps(spec, text: str) -> None:
    """A count (a linear control with a whole-number step, e.g. the electron threshold) must be a whole
    number of steps: ``electrons=3.5`` is refused with a notice, not silently rounded."""
    if spec.kind != "linear" or not float(spec.step).is_integer():
        return
    try:
        steps = (float(text) - spec.low) / spec.step
    except ValueError:
        return  # not a number: the validator names the problem
    if abs(steps - round(steps)) > 1e-9:
        raise ValueError(f"{spec.name} must be a whole number from {spec.low:g} to {spec.high:g}")


def decode(search: str | None) -> tuple[dict[str, float | str], list[str]]:
    """Physical values for every parameter and the notices for what was ignored."""
    values, _preset, notices = decode_link(search)
    return values, notices


def _preset(pairs: list[tuple[str, str]], notices: list[str]) -> str | None:
    """The key of the link's ``preset=`` (the last one given), or None with a notice if it names none."""
    keys = [text for key, text in pairs if key == PRESET_PARAMETER]
    if not keys:
        return None
    if keys[-1] in PRESETS_BY_KEY:
        return keys[-1]
    notices.append(f"Ignored unknown preset {keys[-1][:40]!r}; the presets are {', '.join(PRESETS_BY_KEY)}.")
    return None


def decode_link(search: str | None) -> tuple[dict[str, float | str], str | None, list[str]]:
    """Physical values for every parameter, the preset the link names (or None) and the notices."""
    values = {spec.name: spec.default for spec in ALL_PARAMETERS}
    notices: list[str] = []
    if not search:
        return values, None, notices
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return values, None, ["The link's parameters were unreadable; showing the defaults."]
    pairs = parse_qsl(search.lstrip("?"), keep_blank_values=True)
    preset = _preset(pairs, notices)
    if preset is not None:
        values = preset_values(preset, values)
    for key, text in pairs:
        if key == PRESET_PARAMETER or key in COMPANION_KEYS:
            continue
        spec = BY_NAME.get(key)
        if spec is None:
            notices.append(f"Ignored unknown parameter {key!r}.")
            continue
        try:
            _whole_steps(spec, text)
            values[key] = spec.validate(text)  # numbers are parsed (and checked) by the validator
        except ValueError as error:
            notices.append(f"Ignored {key}={text!r} ({error}); using {spec.format(values[key])}.")
    return values, preset, notices
