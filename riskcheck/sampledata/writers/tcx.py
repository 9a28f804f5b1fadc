"""TCX v2 exports as Garmin Connect writes them: one Lap per auto-lap with its totals,
Trackpoints with ActivityExtension v2 Speed and RunCadence (strides/min per leg), and the
device in Creator."""

from __future__ import annotations

import numpy as np

from riskcheck.sampledata.athlete import Activity
from riskcheck.sampledata.writers.xml_common import iso, iso_times, strides_per_min

TCX_SPORT = {"run": "Running", "trail_run": "Running", "treadmill_run": "Running",
             "ride": "Biking", "swim": "Other"}

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase
  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
  xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"
  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns4="http://www.garmin.com/xmlschemas/ProfileExtension/v1">
  <Activities>
    <Activity Sport="{sport}">
      <Id>{start}</Id>
"""

FOOTER = """      <Creator xsi:type="Device_t">
        <Name>Garmin {device}</Name>
        <UnitId>{serial}</UnitId>
        <ProductID>{product}</ProductID>
        <Version>
          <VersionMajor>21</VersionMajor>
          <VersionMinor>19</VersionMinor>
          <BuildMajor>0</BuildMajor>
          <BuildMinor>0</BuildMinor>
        </Version>
      </Creator>
    </Activity>
  </Activities>
  <Author xsi:type="Application_t">
    <Name>Connect Api</Name>
    <Build>
      <Version>
        <VersionMajor>0</VersionMajor>
        <VersionMinor>0</VersionMinor>
        <BuildMajor>0</BuildMajor>
        <BuildMinor>0</BuildMinor>
      </Version>
    </Build>
    <LangID>en</LangID>
    <PartNumber>006-D2449-00</PartNumber>
  </Author>
</TrainingCenterDatabase>
"""


def _trackpoint(activity: Activity, i: int, time: str, running: bool) -> str:
    position = ""
    if activity.lat_deg is not None:
        position = (f"            <Position>\n"
                    f"              <LatitudeDegrees>{float(activity.lat_deg[i])!r}</LatitudeDegrees>\n"
                    f"              <LongitudeDegrees>{float(activity.lon_deg[i])!r}</LongitudeDegrees>\n"
                    f"            </Position>\n"
                    f"            <AltitudeMeters>{activity.altitude_m[i]:.1f}</AltitudeMeters>\n")
    cadence = (f"                <ns3:RunCadence>{strides_per_min(activity.cadence[i])}</ns3:RunCadence>\n"
               if running else "")
    bike_cadence = "" if running else f"            <Cadence>{int(activity.cadence[i])}</Cadence>\n"
    return (f"          <Trackpoint>\n            <Time>{time}</Time>\n{position}"
            f"            <DistanceMeters>{activity.distance_m[i]:.2f}</DistanceMeters>\n"
            f"            <HeartRateBpm>\n              <Value>{int(activity.heart_rate_bpm[i])}</Value>\n"
            f"            </HeartRateBpm>\n{bike_cadence}"
            f"            <Extensions>\n              <ns3:TPX>\n"
            f"                <ns3:Speed>{activity.speed_m_s[i]:.3f}</ns3:Speed>\n{cadence}"
            f"              </ns3:TPX>\n            </Extensions>\n          </Trackpoint>\n")


def _lap(activity: Activity, i0: int, i1: int, last: bool, times: list[str], running: bool) -> str:
    sl = slice(i0, i1 + 1)
    timer = activity.timer_between(activity.t_s[i0], activity.t_s[i1])
    distance = activity.distance_m[i1] - activity.distance_m[i0]
    # A boundary sample closes one lap in the totals but is written once, in the next lap.
    points = "".join(_trackpoint(activity, i, times[i], running) for i in range(i0, i1 + 1 if last else i1))
    cadence = activity.cadence[sl]
    lap_ext = (f"            <ns3:AvgRunCadence>{strides_per_min(cadence.mean())}</ns3:AvgRunCadence>\n"
               f"            <ns3:MaxRunCadence>{strides_per_min(cadence.max())}</ns3:MaxRunCadence>\n"
               if running else "")
    bike_cadence = "" if running else f"        <Cadence>{int(round(cadence.mean()))}</Cadence>\n"
    return (f'      <Lap StartTime="{times[i0]}">\n'
            f"        <TotalTimeSeconds>{timer:.1f}</TotalTimeSeconds>\n"
            f"        <DistanceMeters>{distance:.2f}</DistanceMeters>\n"
            f"        <MaximumSpeed>{activity.speed_m_s[sl].max():.3f}</MaximumSpeed>\n"
            f"        <Calories>{activity.calories(i0, i1)}</Calories>\n"
            f"        <AverageHeartRateBpm>\n          <Value>{int(round(np.mean(activity.heart_rate_bpm[sl])))}</Value>\n"
            f"        </AverageHeartRateBpm>\n"
            f"        <MaximumHeartRateBpm>\n          <Value>{int(activity.heart_rate_bpm[sl].max())}</Value>\n"
            f"        </MaximumHeartRateBpm>\n"
            f"        <Intensity>Active</Intensity>\n{bike_cadence}"
            f"        <TriggerMethod>{'Manual' if last else 'Distance'}</TriggerMethod>\n"
            f"        <Track>\n{points}        </Track>\n"
            f"        <Extensions>\n          <ns3:LX>\n"
            f"            <ns3:AvgSpeed>{distance / max(timer, 1):.3f}</ns3:AvgSpeed>\n{lap_ext}"
            f"          </ns3:LX>\n        </Extensions>\n      </Lap>\n")


def encode_tcx(activity: Activity) -> bytes:
    athlete = activity.athlete
    times = iso_times(activity)
    running = activity.cadence_spm is not None
    laps = activity.laps()
    out = [HEADER.format(sport=TCX_SPORT[activity.session.sport], start=iso(activity.start_utc))]
    out += [_lap(activity, i0, i1, n == len(laps) - 1, times, running) for n, (i0, i1) in enumerate(laps)]
    out.append(FOOTER.format(device=athlete.device, serial=athlete.serial_number, product=athlete.garmin_product))
    return "".join(out).encode("utf-8")
