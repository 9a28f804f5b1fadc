"""Recommendations drawn from the guidance in shared/seeds, in riskcheck's own words,
each triggered by the rules whose findings call for it.

Seeds: PhysioMantra, "Lower Back Pain When Running"; Recover Athletics, "Lower back pain
when running - how to fix it"; J. Perkins (Run Mummy Run), "Lower back pain in runners -
causes and prevention"; NeedToRace, "Is running bad for lower back pain?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from riskcheck.assess.status import EVIDENCE_WEIGHT

PHYSIOMANTRA = "PhysioMantra, Lower Back Pain When Running"
RECOVER = "Recover Athletics, Lower back pain when running"
PERKINS = "Perkins, Run Mummy Run: Lower back pain in runners"
NEEDTORACE = "NeedToRace, Is Running Bad for Lower Back Pain?"
HEIDERSCHEIT = "Heiderscheit et al. 2011, Med Sci Sports Exerc 43(2):296-302"
FRANDSEN = "Frandsen, Nielsen et al. 2025, Br J Sports Med 59(17):1203-1210"


@dataclass
class Recommendation:
    id: str
    title: str
    text: str
    source: str
    triggered_by: list[str] = field(default_factory=list)
    priority: int = 0


# id -> (title, text, source); order = tie-break order
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "progress-gradually": (
        "Build up in small steps",
        "Raise distance, long-run length or pace one at a time and a little at a time, and hold a new level "
        "for a week before the next step. Keep each run within about 10 % of your longest run of the past month.",
        f"{FRANDSEN}; {PHYSIOMANTRA}; {NEEDTORACE}"),
    "return-plan": (
        "Come back gradually",
        "After a break, restart with short easy runs (walk-run intervals are fine) at about half your old weekly "
        "distance, and add a little each week over several weeks. Stop and rest if the back hurts.",
        PHYSIOMANTRA),
    "strength": (
        "Strength work for the back, hips and legs",
        "Two or three times a week: goblet squats, Romanian deadlifts, (single-leg) bridges, bird dogs, planks "
        "and side planks. Stronger muscles tolerate more running before they complain; leg exercises helped "
        "runners with back pain as much as back exercises did.",
        f"{RECOVER}; {PERKINS}; {PHYSIOMANTRA}"),
    "cadence": (
        "Quicker, shorter steps",
        "At easy pace, raise your step rate by about 5-10 % of your usual cadence at that speed (a metronome "
        "or music helps) and let the foot land under the hips rather than in front: it lowers the load per step "
        "and avoids overstriding.",
        f"{HEIDERSCHEIT}; {PHYSIOMANTRA}"),
    "surfaces": (
        "Change surfaces slowly",
        "Mix a new or harder surface (road especially) into a few runs a week and let its share grow over "
        "several weeks, rather than moving all your running at once.",
        PERKINS),
    "hills": (
        "Go easy on hills",
        "Add hills gradually. Uphill, lean slightly forward from the ankles with ribs over pelvis and push with "
        "the glutes rather than arching the lower back; downhill, slow down and shorten your steps.",
        PERKINS),
    "rest-and-variety": (
        "Rest days and easy days",
        "Keep at least one day a week without running and follow hard days with easy ones, so the week has "
        "lighter days to recover on.",
        f"Foster 1998; {NEEDTORACE}"),
    "cross-training": (
        "Cross-train instead of adding running",
        "Swimming, cycling or yoga keep fitness up while sparing the back the impact of extra running.",
        f"{PHYSIOMANTRA}; {NEEDTORACE}"),
    "shoes": (
        "Replace worn shoes",
        "Running shoes lose cushioning with use: replace them regularly, especially when you run a lot, and "
        "choose a pair that feels comfortable from the first run.",
        f"{PERKINS}; {PHYSIOMANTRA}"),
    "warm-up": (
        "Warm up before running",
        "Start with a few minutes of light jogging and dynamic moves such as leg swings and hip circles; "
        "stretch hip flexors and hamstrings after the run.",
        f"{PHYSIOMANTRA}; {PERKINS}"),
    "back-pain-care": (
        "When the back hurts",
        "Ease off strenuous running while pain is acute but keep moving: gentle walks and stretching help more "
        "than bed rest. Stop a run that brings the pain on, and see a professional if it persists.",
        f"{PHYSIOMANTRA}; {RECOVER}"),
}
ALWAYS = ("strength", "warm-up")
SEVERITY_ORDER = {"info": 0.5, "caution": 1.0, "high": 2.0}  # info still orders, though it scores 0


def recommend(recent: pd.DataFrame, rule_recommendations: dict[str, tuple[str, ...]],
              back_pain_logged: bool, details: dict[str, str] | None = None) -> list[Recommendation]:
    """Recommendations for the recent findings, most urgent first. `rule_recommendations`
    maps rule id -> the recommendation ids the rule carries; `details` adds what the log
    shows to a recommendation's text (recommendation id -> sentence)."""
    urgency: dict[str, float] = {}
    triggers: dict[str, list[str]] = {}
    weight = recent["severity"].map(SEVERITY_ORDER) * recent["evidence"].map(EVIDENCE_WEIGHT)
    for rule_id, score in weight.groupby(recent["rule_id"]).max().items():
        for rec_id in rule_recommendations[rule_id]:
            urgency[rec_id] = max(urgency.get(rec_id, 0.0), float(score))
            triggers.setdefault(rec_id, []).append(rule_id)
    chosen = set(urgency) | set(ALWAYS) | ({"back-pain-care"} if back_pain_logged else set())
    order = list(CATALOGUE)
    ranked = sorted(chosen, key=lambda r: (-urgency.get(r, 0.0), order.index(r)))
    details = details or {}
    return [Recommendation(r, title, f"{text} {details[r]}" if r in details else text, source,
                           triggered_by=sorted(triggers.get(r, [])), priority=n)
            for n, r in enumerate(ranked, start=1) for title, text, source in [CATALOGUE[r]]]
