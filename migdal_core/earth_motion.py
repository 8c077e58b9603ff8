"""Earth's velocity through the dark-matter halo versus date: annual modulation.

The lab-frame speed distribution of the standard halo depends on the Earth's
speed v_E = |v_sun + u_E(t)| relative to the halo (Lewin & Smith, Astropart.
Phys. 6 (1996) 87, section 3 and appendix B). Earth's orbital velocity u_E(t),
to first order in the orbital eccentricity e, is that of McCabe, JCAP 02 (2014)
027 (arXiv:1312.1355, section 3), who showed that the Lewin & Smith expression
mis-treats the ellipticity and confirmed that of Lee, Lisanti & Safdi, JCAP 11
(2013) 033. Written here from Kepler's orbit:

    n = days since J2000.0,  T = n / 36525
    L = 280.460 deg + 0.9856474 deg n   (Sun's mean longitude, equinox of date)
    g = 357.528 deg + 0.9856003 deg n   (mean anomaly)
    lambda = L + 1.915 deg sin g + 0.020 deg sin 2g - 1.39697 deg T   (Sun's longitude, J2000 equinox)
    u_E = <u_E> [(sin lambda - e sin w) x_ecl - (cos lambda - e cos w) y_ecl]

with <u_E> = 29.79 km/s, e = 0.016709 and w = 102.937 deg + 0.323 deg T the
longitude of perihelion (Astronomical Almanac low-precision solar coordinates;
Simon et al., A&A 282 (1994) 663; precession in longitude 5028.8"/century,
IAU 2006). Ecliptic -> equatorial by the J2000 obliquity 23.43928 deg; equatorial
(ICRS) -> galactic from the Hipparcos definition of the galactic pole
(RA 192.85948 deg, Dec 27.12825 deg) and of l at the celestial pole, 122.93192 deg
(ESA SP-1200, vol. 1, section 1.5.3). Galactic axes: x to the Galactic centre,
y along the rotation, z to the north Galactic pole.

The Sun moves with v_sun = (U, V_c + V, W), (U, V, W) = (11.1, 12.24, 7.25) km/s
(Schoenrich, Binney & Dehnen, MNRAS 403 (2010) 1829). The named halo
conventions of :mod:`migdal_core.halo` give v_E as the annual mean, so for a
date V_c is set such that the mean of |v_sun + u_E| over a year equals that v_E.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from migdal_core import validation as V

J2000 = dt.datetime(2000, 1, 1, 12, 0)  # 2000-01-01 12:00 TT (UTC differs by ~1 min, negligible here)
MEAN_ORBITAL_SPEED_KMS = 29.79  # McCabe 2014, <u_E>
ECCENTRICITY = 0.016709  # J2000 (Simon et al. 1994)
OBLIQUITY_DEG = 23.439279  # J2000 (IAU 2006: 84381.406")
SUN_PECULIAR_KMS = (11.1, 12.24, 7.25)  # (U, V, W), Schoenrich, Binney & Dehnen 2010
NGP_RA_DEG, NGP_DEC_DEG, L_NCP_DEG = 192.85948, 27.12825, 122.93192  # Hipparcos galactic frame
YEAR_DAYS = 365.25
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))  # the low-precision solar formulas' validity
_MEAN_SAMPLES = 730  # uniform samples of one orbit for the annual mean


def parse_date(date: str | dt.date) -> dt.date:
    """``YYYY-MM-DD`` (or a :class:`datetime.date`) in 1900-01-01 .. 2100-12-31; ValueError otherwise."""
    if isinstance(date, dt.date):
        value = date
    else:
        try:
            value = dt.date.fromisoformat(str(date).strip())
        except ValueError:
            raise ValueError(
                f"date must be a date YYYY-MM-DD in [{DATE_RANGE[0]}, {DATE_RANGE[1]}]; "
                f"got {str(date)[:40]!r}"
            ) from None
    if not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
        raise ValueError(f"date must be in [{DATE_RANGE[0]}, {DATE_RANGE[1]}]; got {value.isoformat()}")
    return value


def days_since_j2000(date: str | dt.date) -> float:
    """Days from J2000.0 to 12:00 of ``date``."""
    day = parse_date(date)
    return (dt.datetime(day.year, day.month, day.day, 12, 0) - J2000).total_seconds() / 86400.0


def _rotation_x(angle_rad: float) -> np.ndarray:
    c, s = math.cos(angle_rad), math.sin(angle_rad)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


@lru_cache(maxsize=1)
def ecliptic_to_galactic() -> np.ndarray:
    """3x3 matrix taking J2000 ecliptic components to galactic (x: centre, y: rotation, z: NGP)."""
    ra, dec, l_ncp = (math.radians(a) for a in (NGP_RA_DEG, NGP_DEC_DEG, L_NCP_DEG))
    z_gal = np.array([math.cos(dec) * math.cos(ra), math.cos(dec) * math.sin(ra), math.sin(dec)])
    ncp = np.array([0.0, 0.0, 1.0])
    # the celestial pole has galactic longitude l_ncp: ncp_perp = cos(l_ncp) x_gal + sin(l_ncp) y_gal
    ncp_perp = ncp - z_gal * (ncp @ z_gal)
    ncp_perp /= np.linalg.norm(ncp_perp)
    y_perp = np.cross(z_gal, ncp_perp)  # 90 deg further in l
    x_gal = math.cos(l_ncp) * ncp_perp - math.sin(l_ncp) * y_perp
    y_gal = np.cross(z_gal, x_gal)
    equatorial_to_galactic = np.vstack([x_gal, y_gal, z_gal])
    return equatorial_to_galactic @ _rotation_x(math.radians(OBLIQUITY_DEG))


def earth_orbital_velocity_kms(n_days: float) -> np.ndarray:
    """Earth's velocity relative to the Sun [km/s], galactic components, ``n_days`` after J2000.0."""
    T = n_days / 36525.0
    L = math.radians(280.460 + 0.9856474 * n_days)
    g = math.radians(357.528 + 0.9856003 * n_days)
    lam = L + math.radians(1.915 * math.sin(g) + 0.020 * math.sin(2.0 * g) - 1.39697 * T)
    w = math.radians(102.937 + 0.323 * T)
    e = ECCENTRICITY
    u_ecl = MEAN_ORBITAL_SPEED_KMS * np.array(
        [math.sin(lam) - e * math.sin(w), -(math.cos(lam) - e * math.cos(w)), 0.0]
    )
    return ecliptic_to_galactic() @ u_ecl


def sun_velocity_kms(v_lsr_kms: float) -> np.ndarray:
    """The Sun's galactic velocity (U, V_lsr + V, W) [km/s] for a circular speed ``v_lsr_kms``."""
    U, Vp, W = SUN_PECULIAR_KMS
    return np.array([U, v_lsr_kms + Vp, W])


def earth_speed_kms(n_days: float, v_lsr_kms: float) -> float:
    """|v_sun + u_E| [km/s] ``n_days`` after J2000.0 for a circular speed ``v_lsr_kms``."""
    return float(np.linalg.norm(sun_velocity_kms(v_lsr_kms) + earth_orbital_velocity_kms(n_days)))


@lru_cache(maxsize=1)
def _orbit_samples_kms() -> np.ndarray:
    """u_E on _MEAN_SAMPLES uniform days of one orbit from J2000.0 (rows; they do not depend on V_c)."""
    days = np.arange(_MEAN_SAMPLES) * (YEAR_DAYS / _MEAN_SAMPLES)
    return np.array([earth_orbital_velocity_kms(n) for n in days])


def annual_mean_speed_kms(v_lsr_kms: float) -> float:
    """Mean of |v_sun + u_E| over one orbit (uniform in time, starting at J2000.0)."""
    return float(np.mean(np.linalg.norm(sun_velocity_kms(v_lsr_kms) + _orbit_samples_kms(), axis=1)))


@lru_cache(maxsize=64)
def lsr_speed_for_mean_kms(vE_mean_kms: float) -> float:
    """Circular speed V_c for which the annual mean Earth speed is ``vE_mean_kms``."""
    V.in_range("vE_kms", vE_mean_kms, 40.0, 2000.0, units="km/s")
    return brentq(lambda vc: annual_mean_speed_kms(vc) - vE_mean_kms, 0.0, 2100.0, xtol=1e-9)


def vE_on_date_kms(date: str | dt.date, vE_mean_kms: float) -> float:
    """Earth's speed through the halo on ``date`` [km/s], for a halo whose annual-mean v_E is ``vE_mean_kms``."""
    return earth_speed_kms(days_since_j2000(date), lsr_speed_for_mean_kms(float(vE_mean_kms)))


def speed_extremes(vE_mean_kms: float, year: int = 2026) -> dict:
    """Dates (ISO) and speeds [km/s] of the fastest and slowest day of ``year``."""
    return dict(_speed_extremes(float(vE_mean_kms), year))


@lru_cache(maxsize=64)
def _speed_extremes(vE_mean_kms: float, year: int) -> dict:
    """:func:`speed_extremes`, memoized (365 dates, ~13 ms; the halos have a few v_E)."""
    start = dt.date(V.as_int_in_range("year", year, DATE_RANGE[0].year, DATE_RANGE[1].year), 1, 1)
    days = [start + dt.timedelta(days=k) for k in range(366 if calendar.isleap(year) else 365)]
    speeds = [vE_on_date_kms(d, vE_mean_kms) for d in days]
    i_max, i_min = int(np.argmax(speeds)), int(np.argmin(speeds))
    return {
        "date_max": days[i_max].isoformat(),
        "vE_max_kms": speeds[i_max],
        "date_min": days[i_min].isoformat(),
        "vE_min_kms": speeds[i_min],
    }


def modulation(rate_at_vE, vE_mean_kms: float, year: int = 2026) -> dict:
    """Annual modulation of a rate: its values on the fastest and slowest day and the amplitude.

    ``rate_at_vE(vE_kms) -> float``. Amplitude (R_max_speed - R_min_speed) / (R_max_speed +
    R_min_speed): positive when the rate peaks with the Earth's speed (early June), negative
    for a phase-reversed rate.
    """
    ext = speed_extremes(vE_mean_kms, year)
    fast, slow = float(rate_at_vE(ext["vE_max_kms"])), float(rate_at_vE(ext["vE_min_kms"]))
    total = fast + slow
    return {
        **ext,
        "rate_at_max": fast,
        "rate_at_min": slow,
        "amplitude": (fast - slow) / total if total > 0 else 0.0,
    }
