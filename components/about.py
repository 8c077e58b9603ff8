"""About view: version, how to cite, the keys, the README's validation table and the papers behind the numbers.

A ``<details>`` section under the panels (keyboard: Tab to its summary, Enter opens it). The validation
table is read from the README at start-up, so the page and the README never disagree; its cells are
shown as plain text (no Markdown, no HTML).
"""

from __future__ import annotations

from pathlib import Path

from dash import html

from components.exports import CITATION, VERSION
from components.lecture import KEYS_NOTE, shortcut_list

README = Path(__file__).resolve().parent.parent / "README.md"
VALIDATION_HEADING = "## Physics and how it was checked"

# (reference as cited in the panels and presets, DOI); DOIs of APS, Springer and Nature papers.
REFERENCES = (
    ("A. B. Migdal, Sov. Phys. JETP 7, 996 (1958): interaction between electrons and lattice vibrations", ""),
    (
        "W. L. McMillan, Phys. Rev. 167, 331 (1968): transition temperature of strong-coupled superconductors",
        "10.1103/PhysRev.167.331",
    ),
    (
        (
            "W. L. McMillan & J. M. Rowell, Phys. Rev. Lett. 14, 108 (1965): lead phonon spectrum calculated "
            "from the superconducting density of states"
        ),
        "10.1103/PhysRevLett.14.108",
    ),
    (
        "P. B. Allen & R. C. Dynes, Phys. Rev. B 12, 905 (1975): T_c of strong-coupled superconductors",
        "10.1103/PhysRevB.12.905",
    ),
    (
        (
            "L. Pietronero, S. Strässler & C. Grimaldi, Phys. Rev. B 52, 10516 (1995): non-adiabatic "
            "superconductivity I"
        ),
        "10.1103/PhysRevB.52.10516",
    ),
    (
        (
            "C. Grimaldi, L. Pietronero & S. Strässler, Phys. Rev. B 52, 10530 (1995): non-adiabatic "
            "superconductivity II"
        ),
        "10.1103/PhysRevB.52.10530",
    ),
    (
        "I. Esterlis et al., Phys. Rev. B 97, 140501 (2018): breakdown of Migdal–Eliashberg theory (DQMC)",
        "10.1103/PhysRevB.97.140501",
    ),
    (
        (
            "E. A. Yuzbashyan & B. L. Altshuler, Phys. Rev. B 106, 054518 (2022), arXiv:2206.01593: breakdown of "
            "the Migdal–Eliashberg theory (λ_c ≈ 3.0–3.7) and a theory of lattice-fermionic superfluidity"
        ),
        "10.1103/PhysRevB.106.054518",
    ),
    (
        (
            "M. Capone & S. Ciuchi, Phys. Rev. Lett. 91, 186405 (2003), arXiv:cond-mat/0304677: polaron crossover "
            "and bipolaronic metal-insulator transition in the half-filled Holstein model (DMFT)"
        ),
        "10.1103/PhysRevLett.91.186405",
    ),
    (
        (
            "S. Ciuchi, F. de Pasquale, S. Fratini & D. Feinberg, Phys. Rev. B 56, 4494 (1997), "
            "arXiv:cond-mat/9703118: dynamical mean-field theory of the small polaron; its continued fraction is "
            "solved here for the Holstein-mode crossover curve (steepest drop of the kinetic energy with ln λ₀)"
        ),
        "10.1103/PhysRevB.56.4494",
    ),
    (
        (
            "M. Capone, S. Ciuchi & C. Grimaldi, arXiv:cond-mat/9812195: the small polaron crossover needs "
            "λ > 1 (adiabatic) and α² > 1 (anti-adiabatic)"
        ),
        "",
    ),
    (
        "O. Gunnarsson, Rev. Mod. Phys. 69, 575 (1997): superconductivity in fullerides",
        "10.1103/RevModPhys.69.575",
    ),
    (
        "E. Cappelluti et al., Phys. Rev. Lett. 88, 117003 (2002): non-adiabatic effects in MgB₂",
        "10.1103/PhysRevLett.88.117003",
    ),
    (
        "M. N. Gastiasoro, A. V. Chubukov & R. M. Fernandes, Phys. Rev. B 99, 094524 (2019): SrTiO₃",
        "10.1103/PhysRevB.99.094524",
    ),
    (
        (
            "S. Knapen, J. Kozaczuk & T. Lin, Phys. Rev. Lett. 127, 081805 (2021): "
            "Migdal effect in semiconductors"
        ),
        "10.1103/PhysRevLett.127.081805",
    ),
    (
        (
            "M. Ibe, W. Nakano, Y. Shoji & K. Suzuki, JHEP 03 (2018) 194: Migdal effect in dark matter direct "
            "detection"
        ),
        "10.1007/JHEP03(2018)194",
    ),
    (
        (
            "XENON collaboration, Phys. Rev. Lett. 123, 241803 (2019): light dark matter search with the Migdal "
            "effect"
        ),
        "10.1103/PhysRevLett.123.241803",
    ),
    (
        (
            "DarkSide-50 collaboration, Phys. Rev. Lett. 130, 101001 (2023): search for dark-matter–nucleon "
            "interactions via the Migdal effect"
        ),
        "10.1103/PhysRevLett.130.101001",
    ),
)


def validation_rows(readme: Path = README) -> list[list[str]]:
    """The rows (header first) of the first Markdown table after the validation heading of the README."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    start = lines.index(VALIDATION_HEADING)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            cells = [cell.strip().replace("`", "") for cell in line.strip().strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                rows.append(cells)
        elif rows:
            break
    return rows


def _reference(text: str, doi: str) -> html.Li:
    link = (
        [" ", html.A(f"doi:{doi}", href=f"https://doi.org/{doi}", target="_blank", rel="noopener")]
        if doi
        else []
    )
    return html.Li([text, *link])


def layout() -> html.Section:
    header, *body = validation_rows()
    return html.Section(
        id="about-panel",
        className="panel about",
        children=html.Details(
            [
                html.Summary(html.H2("About, references and how to cite", className="about-title")),
                html.P(
                    f"Version {VERSION}. How to cite: {CITATION}; and cite the papers below for the physics."
                ),
                html.H3("Keyboard shortcuts"),
                shortcut_list(),
                html.P(KEYS_NOTE),
                html.H3("Papers behind the numbers"),
                html.Ul([_reference(text, doi) for text, doi in REFERENCES], className="references"),
                html.H3("How the numbers were checked (from the README)"),
                html.Div(
                    className="table-scroll",
                    children=html.Table(
                        className="readout-table validation",
                        children=[
                            html.Thead(html.Tr([html.Th(cell) for cell in header])),
                            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in body]),
                        ],
                    ),
                ),
            ]
        ),
    )
