"""Earth's velocity through the halo versus date, and the annual modulation of a Migdal rate.

Independent references: the ERFA library (IAU SOFA; pyerfa) — ``epv00``, the Earth's
heliocentric velocity from the VSOP87 planetary theory, and ``icrs2g``, the IAU
ICRS-to-galactic transformation; wimprates 0.5.0 ``earth_velocity`` run side by side
(Freese, Lisanti & Savage, Rev. Mod. Phys. 85 (2013) 1561, circular orbit); and the
textbook phase and amplitude of the modulation (Lewin & Smith, Astropart. Phys. 6 (1996)
87, section 3.3: v_E peaks about June 2 and varies by about +-15 km/s).
"""

import datetime as dt
import math

import erfa
import numpy as np
import pytest

from migdal_core import earth_motion as EM
from migdal_core import spectra as S

AU_KM = 149597870.7


def _erfa_galactic_matrix() -> np.ndarray:
    """Columns: galactic components of the ICRS unit vectors, by erfa.icrs2g."""
    columns = []
    for e in np.eye(3):
        ra, dec = erfa.c2s(e)
        columns.append(erfa.s2c(*erfa.icrs2g(ra, dec)))
    return np.array(columns).T


def test_galactic_frame_matches_iau_icrs_to_galactic():
    obliquity = math.radians(EM.OBLIQUITY_DEG)
    equatorial_from_ecliptic = np.array(
        [
            [1, 0, 0],
            [0, math.cos(obliquity), -math.sin(obliquity)],
            [0, math.sin(obliquity), math.cos(obliquity)],
        ]
    )
    np.testing.assert_allclose(
        EM.ecliptic_to_galactic(), _erfa_galactic_matrix() @ equatorial_from_ecliptic, atol=2e-8
    )


def test_orbital_velocity_matches_vsop87_over_three_decades():
    """First order in e against VSOP87 (erfa.epv00): within 0.03 km/s (of 29.8) in 2000-2030."""
    worst = 0.0
    for k in range(0, 30 * 365, 11):
        n = EM.days_since_j2000(dt.date(2000, 1, 1) + dt.timedelta(days=k))
        heliocentric, _ = erfa.epv00(2451545.0 + n, 0.0)
        reference = _erfa_galactic_matrix() @ (heliocentric[1] * AU_KM / 86400.0)
        worst = max(worst, float(np.linalg.norm(EM.earth_orbital_velocity_kms(n) - reference)))
    assert worst < 0.03


def test_orbital_velocity_side_by_side_with_wimprates():
    """wimprates' circular orbit (no equation of centre, no e) differs by up to e * 2 * 29.8 ~ 1.0 km/s
    in phase and 0.5 km/s in the ellipticity term: 1.7 km/s bounds both."""
    wr = pytest.importorskip("wimprates")
    import numericalunits as nu

    sun = np.array([0.0, 238.0, 0.0]) + np.array([11.1, 12.2, 7.3])  # wimprates' LSR + peculiar velocity
    for k in range(0, 366, 5):
        n = EM.days_since_j2000(dt.date(2024, 1, 1) + dt.timedelta(days=k))
        theirs = wr.earth_velocity(n) / (nu.km / nu.s) - sun
        assert np.linalg.norm(EM.earth_orbital_velocity_kms(n) - theirs) < 1.7


@pytest.mark.parametrize("vE_mean", [240.0, 250.0])
def test_speed_peaks_early_june_with_15_kms_amplitude(vE_mean):
    ext = EM.speed_extremes(vE_mean, 2026)
    peak = dt.date.fromisoformat(ext["date_max"])
    trough = dt.date.fromisoformat(ext["date_min"])
    assert abs((peak - dt.date(2026, 6, 2)).days) <= 3
    assert abs((trough - dt.date(2026, 12, 2)).days) <= 4
    assert 14.0 < (ext["vE_max_kms"] - ext["vE_min_kms"]) / 2 < 15.5


@pytest.mark.parametrize("vE_mean", [240.0, 250.0])
def test_annual_mean_is_the_conventions_vE(vE_mean):
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=k) for k in range(365)]
    assert np.mean([EM.vE_on_date_kms(d, vE_mean) for d in days]) == pytest.approx(vE_mean, abs=0.05)


def test_bad_dates_name_the_parameter():
    for bad in ("2026-13-01", "June 2", "1850-01-01", ""):
        with pytest.raises(ValueError, match="date must be"):
            EM.parse_date(bad)
    with pytest.raises(ValueError, match="vE_kms"):
        S.dR_domega([5.0], "Si", 100.0, vE_kms=495.0, halo="darkelf", date="2026-06-02")


def test_heavy_mediator_100MeV_rate_peaks_early_june_and_dips_early_december():
    """Si, >= 2 electrons (4.71 eV), heavy mediator, 100 MeV, DarkELF halo: the rate sampled every
    4 days of 2026 is largest within 4 days of June 2 and smallest within 5 days of December 2."""
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=k) for k in range(0, 365, 4)]
    threshold = S.electron_threshold_eV("Si", 2)
    rates = [
        S.rate_above_threshold(threshold, "Si", m_chi_MeV=100.0, halo="darkelf", date=d.isoformat())
        for d in days
    ]
    assert abs((days[int(np.argmax(rates))] - dt.date(2026, 6, 2)).days) <= 4
    assert abs((days[int(np.argmin(rates))] - dt.date(2026, 12, 2)).days) <= 5
    mod = S.rate_modulation(threshold, "Si", 2026, m_chi_MeV=100.0, halo="darkelf")
    assert mod["rate_at_max"] == pytest.approx(max(rates), rel=2e-3)
    assert mod["rate_at_min"] == pytest.approx(min(rates), rel=2e-3)
    assert 0.03 < mod["amplitude"] < 0.2


def test_no_date_is_the_annual_mean_halo():
    plain = S.dR_domega([5.0, 10.0], "Si", 100.0, halo="darkelf")
    assert S.resolve("Si", halo="darkelf", date="2026-06-02").vE_kms > 250.0
    assert S.resolve("Si", halo="darkelf").vE_kms == 240.0
    np.testing.assert_array_equal(plain, S.dR_domega([5.0, 10.0], "Si", 100.0, halo="darkelf", vE_kms=240.0))
