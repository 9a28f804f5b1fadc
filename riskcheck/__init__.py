"""riskcheck: spot, in a runner's own training log, the overload patterns linked to
lower-back pain. Guidance about risk patterns, not a diagnosis.

    import riskcheck
    result = riskcheck.read("exports/")          # files, folders, zip/gz archives
    result.activities                             # one row per activity (riskcheck.schema)
    result.problems                               # files not read, with the reason
    samples = riskcheck.read_samples("run.fit")  # one activity's per-sample frame
    assessment = riskcheck.assess(result.activities)  # load tables, findings, status, guidance
    check = riskcheck.check("exports/")            # read + assess in one call
    cohort = riskcheck.evaluate(logs, diaries=diaries)  # does a rule's alert predict injury?
"""

from importlib.metadata import PackageNotFoundError, version

from riskcheck.assess import Assessment, assess, assess_all
from riskcheck.checking import CheckResult, check
from riskcheck.config import config_from_toml, load_config
from riskcheck.errors import RiskcheckError
from riskcheck.evaluate import EvaluateSettings, Evaluation, evaluate
from riskcheck.ingest import Limits, ReadResult, read, read_samples
from riskcheck.settings import RiskConfig

try:
    __version__ = version("riskcheck")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["Assessment", "CheckResult", "EvaluateSettings", "Evaluation", "Limits", "ReadResult", "RiskConfig", "RiskcheckError", "assess",
           "assess_all", "check", "evaluate", "config_from_toml", "load_config", "read", "read_samples", "__version__"]
