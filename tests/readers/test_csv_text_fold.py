"""Header and sport names are compared folded: case and Latin accents set aside, other
scripts kept, and German's lone 'Ø' read as 'average' without eating the Danish and
Norwegian letter inside words."""

from __future__ import annotations

import pytest

from riskcheck.readers.csv.columns import header_key
from riskcheck.sport.fold import fold


@pytest.mark.parametrize("name,key", [
    ("Ø HF", "avg hf"),
    ("Ø Geschw(Ø Pace)", "avg geschw avg pace"),
    ("Type d'activité", "type d activite"),
    ("Minste høyde", "minste høyde"),
    ("Tevékenység típusa", "tevekenyseg tipusa"),
    ("アクティビティタイプ", "アクティビティタイプ"),
    ("平均心拍数", "平均心拍数"),
    ("Gem_HS", "gem hs"),
    ("Training Stress Score®", "training stress score"),
])
def test_header_key(name, key):
    assert header_key(name) == key


def test_other_scripts_are_not_folded_away():
    assert fold("Бег") == "бег" and fold("跑步") == "跑步" and fold("러닝") == "러닝"
    assert fold("トレッドミル") != fold("トレットミル")  # the dakuten is part of the letter
    assert fold("Löpning") == "lopning" and fold("Straße") == "strasse"
