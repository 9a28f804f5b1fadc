"""Cohort evaluation: does a rule's alert predict injury? (docs/evaluate.md)

    result = riskcheck.evaluate({"ann": activities, ...}, diaries={"ann": diary, ...})
    result.hazard_ratios     # per rule: exposure days, events while active, HR, 95 % CI, p
    result.auc, result.calibration, result.person_days

Modules, one job each: covariates (active alerts and status per day), outcomes (injury
episodes, the risk set), model (Poisson hazard ratios), discrimination (AUC, calibration),
cohort and pool (assessing many athletes), simulate (a cohort with planted ratios), lovdal
(the Lövdal et al. 2021 dataset).
"""

from riskcheck.evaluate.result import Evaluation
from riskcheck.evaluate.run import evaluate
from riskcheck.evaluate.settings import EvaluateSettings

__all__ = ["EvaluateSettings", "Evaluation", "evaluate"]
