"""GPX exports: GPX 1.1 as Garmin Connect writes it (TrackPointExtension v1 with hr and
cad, cad in strides/min per leg), and GPX 1.0 with the same extensions, as some phone apps
write it (readers such as gpxpy silently drop 1.0 extensions)."""

from __future__ import annotations

from riskcheck.errors import RiskcheckError
from riskcheck.sampledata.athlete import Activity
from riskcheck.sampledata.writers.xml_common import iso, iso_times, strides_per_min, text

GPX_TYPE = {"run": "running", "trail_run": "trail_running", "treadmill_run": "treadmill_running",
            "ride": "cycling", "swim": "open_water_swimming"}

HEADER_11 = """<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>{start}</time>
  </metadata>
"""

HEADER_10 = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.0" creator="RunLog for Android 4.2"
  xmlns="http://www.topografix.com/GPX/1/0"
  xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <time>{start}</time>
"""


def _require_track(activity: Activity) -> None:
    if activity.lat_deg is None:
        raise RiskcheckError(f"a {activity.session.sport} without positions cannot be written as GPX")


def encode_gpx(activity: Activity) -> bytes:
    """GPX 1.1, Garmin Connect style."""
    _require_track(activity)
    out = [HEADER_11.format(start=iso(activity.start_utc)),
           f"  <trk>\n    <name>{text(activity.session.name)}</name>\n"
           f"    <type>{GPX_TYPE[activity.session.sport]}</type>\n    <trkseg>\n"]
    cadence = activity.cadence
    running = activity.cadence_spm is not None
    for i, time in enumerate(iso_times(activity)):
        cad = strides_per_min(cadence[i]) if running else int(cadence[i])
        out.append(
            f'      <trkpt lat="{float(activity.lat_deg[i])!r}" lon="{float(activity.lon_deg[i])!r}">\n'
            f"        <ele>{activity.altitude_m[i]:.1f}</ele>\n"
            f"        <time>{time}</time>\n"
            "        <extensions>\n          <ns3:TrackPointExtension>\n"
            f"            <ns3:hr>{int(activity.heart_rate_bpm[i])}</ns3:hr>\n"
            f"            <ns3:cad>{cad}</ns3:cad>\n"
            "          </ns3:TrackPointExtension>\n        </extensions>\n      </trkpt>\n")
    out.append("    </trkseg>\n  </trk>\n</gpx>\n")
    return "".join(out).encode("utf-8")


def encode_gpx10(activity: Activity) -> bytes:
    """GPX 1.0 with <speed> and Garmin hr/cad extensions on each point."""
    _require_track(activity)
    out = [HEADER_10.format(start=iso(activity.start_utc)),
           f"  <trk>\n    <name>{text(activity.session.name)}</name>\n    <trkseg>\n"]
    running = activity.cadence_spm is not None
    for i, time in enumerate(iso_times(activity)):
        cad = strides_per_min(activity.cadence[i]) if running else int(activity.cadence[i])
        out.append(
            f'      <trkpt lat="{activity.lat_deg[i]:.7f}" lon="{activity.lon_deg[i]:.7f}">\n'
            f"        <ele>{activity.altitude_m[i]:.1f}</ele>\n"
            f"        <time>{time}</time>\n"
            f"        <speed>{activity.speed_m_s[i]:.2f}</speed>\n"
            "        <extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:hr>{int(activity.heart_rate_bpm[i])}</gpxtpx:hr>"
            f"<gpxtpx:cad>{cad}</gpxtpx:cad>"
            "</gpxtpx:TrackPointExtension></extensions>\n      </trkpt>\n")
    out.append("    </trkseg>\n  </trk>\n</gpx>\n")
    return "".join(out).encode("utf-8")
