"""Where a simulated run goes: a closed loop around a start point, over made-up terrain.

Altitude is a function of position, not of the run, so every loop through the same
place climbs the same hill and a loop ends at the height it started.
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_M = 6_371_008.8


def loop_xy(distance_m: float, rng: np.random.Generator, n: int = 720) -> tuple[np.ndarray, np.ndarray]:
    """Vertices (metres east, north of the start) of a closed, wobbly loop of the given
    length that starts and ends at (0, 0)."""
    theta = np.linspace(0.0, 2 * np.pi, n)
    radius = np.ones(n)
    for k in (2, 3, 5):  # a few harmonics make a street-block-ish, non-circular loop
        radius += rng.uniform(0.04, 0.15) * np.sin(k * theta + rng.uniform(0, 2 * np.pi))
    heading = rng.uniform(0, 2 * np.pi)
    # Centre the loop one radius away from the start so the start lies on it.
    x = radius * np.cos(theta + heading) - radius[0] * np.cos(heading)
    y = radius * np.sin(theta + heading) - radius[0] * np.sin(heading)
    perimeter = np.hypot(np.diff(x), np.diff(y)).sum()
    scale = distance_m / perimeter
    return x * scale, y * scale


def along(x: np.ndarray, y: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points at arc lengths `s` along the polyline (x, y); beyond its end the loop repeats."""
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
    s = np.mod(s, arc[-1])
    return np.interp(s, arc, x), np.interp(s, arc, y)


def terrain_m(x: np.ndarray, y: np.ndarray, base_m: float, relief_m: float) -> np.ndarray:
    """Smooth rolling hills; `relief_m` is about the height of the biggest hill."""
    return base_m + relief_m * (0.5 * np.sin(x / 900.0 + 0.7) * np.cos(y / 1300.0 - 0.4)
                                + 0.3 * np.sin((x + y) / 520.0 + 1.9)
                                + 0.2 * np.cos((x - 2 * y) / 330.0))


def to_lat_lon(lat0: float, lon0: float, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Local east/north metres -> degrees (equirectangular: fine over a few km)."""
    lat = lat0 + np.degrees(y / EARTH_RADIUS_M)
    lon = lon0 + np.degrees(x / (EARTH_RADIUS_M * np.cos(np.radians(lat0))))
    return lat, lon
