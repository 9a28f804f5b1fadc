"""Assessment of one athlete's log: status, findings, next-week guidance, recommendations."""

from riskcheck.assess.check import Assessment, assess, assess_all
from riskcheck.assess.guidance import NextWeekGuidance
from riskcheck.assess.recommendations import Recommendation
from riskcheck.assess.status import RiskStatus

__all__ = ["Assessment", "NextWeekGuidance", "Recommendation", "RiskStatus", "assess", "assess_all"]
