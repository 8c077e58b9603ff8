"""The "From atom to crystal" view: pure figure builders and exports (no server, no browser)."""

from __future__ import annotations

import pytest

from components import nuclei_panel
from migdal_core.nuclei import table


@pytest.mark.parametrize("requested, expected", [(1, 1), (1.4, 1), (1.5, 2), (20, 16), (23, 32), (128, 128)])
def test_nearest_computed_N_on_a_log_scale(requested, expected):
    assert nuclei_panel.nearest_N(requested) == expected


@pytest.mark.parametrize("kicked", ["end", "middle"])
@pytest.mark.parametrize("N", table.N_VALUES)
def test_figures_for_every_computed_N(N, kicked):
    shares, spectrum = nuclei_panel.figures(N, kicked, 2.03e-5, "off", "light")
    names = [trace["name"] for trace in spectrum["data"]]
    assert f"N = {N}, total" in names and "crystal (periodic chain)" in names and "atom (N = 1)" in names
    adiabatic = next(t for t in shares["data"] if t["name"].startswith("adiabatic"))
    assert adiabatic["y"][0] == pytest.approx(1.0)  # the atom is purely adiabatic
    assert shares["layout"]["xaxis"]["title"]["text"] == "number of nuclei N"
    assert "[1/eV]" in spectrum["layout"]["yaxis"]["title"]["text"]


def test_spectrum_scales_with_the_mass_ratio_squared():
    light = nuclei_panel.figures(8, "middle", 1e-4, "off", "light")[1]
    heavy = nuclei_panel.figures(8, "middle", 1e-5, "off", "light")[1]
    y_light = next(t for t in light["data"] if t["name"] == "N = 8, total")["y"]
    y_heavy = next(t for t in heavy["data"] if t["name"] == "N = 8, total")["y"]
    ratios = [a / b for a, b in zip(y_light, y_heavy, strict=True) if a and b]
    assert ratios and all(r == pytest.approx(100.0) for r in ratios)


def test_exports_name_the_cli_and_the_table():
    values = {"N_nuclei": 64.0, "kicked": "middle", "m_over_M": 2.03e-5, "lecture": "off", "theme": "light"}
    assert "python -m migdal_core nuclei --N 1,2,4,8,16,32,64" in nuclei_panel.code_text(values)
    filename, text = nuclei_panel.csv_text(values)
    assert filename == "migdal_nuclei_middle.csv"
    lines = [line for line in text.strip().splitlines() if not line.startswith("#")]
    assert len(lines) == 1 + len(table.N_VALUES)  # header, one row per N
    assert "np.float64" not in text
