"""`jeugdketen tariffs`: calibrate, explain, propose and import-scales on the command line."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from jeugdketen.tarieven.models import ScaleAmount


def _json(capsys, *args):
    call_command("tariffs", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_calibrate_lists_every_tariff(capsys):
    data = _json(capsys, "calibrate")
    assert len(data["tariffs"]) == 57
    statuses = {(row["code"], row["variant"], row["published"]): row["status"] for row in data["tariffs"]}
    assert statuses[("41A23", "micro", "52.91")] == "reproduced"
    assert statuses[("43A11", "micro", "129.68")] == "conflict"
    assert any(b["figure"] == "45C56 uurtarief € 90,00" for b in data["breaches"])


def test_explain_shows_steps_with_lines(capsys):
    data = _json(capsys, "explain", "41A23", "--variant", "micro")
    assert data["tariff"] == data["published"] == "52.91"
    risk = next(step for step in data["steps"] if step["label"] == "Risico-opslag")
    assert risk["lines"] == [2202, 2203]


def test_propose_indexes_by_the_documents_weights(capsys, db):
    data = _json(capsys, "propose", "--ova", "2", "--material", "1", "--year", "2024")
    assert data["year"] == 2025
    rows = {(row["code"], row["variant"]): row for row in data["tariffs"]}
    assert rows[("41A23", "regular")]["proposed"] == "63.96"
    assert rows[("45B51", "regular")]["proposed"] == "1.21"


def test_import_scales_exit_codes(tmp_path, db):
    bad = tmp_path / "bad.csv"
    bad.write_text("cao;schaal;jaar;bedrag;bron\nXX;8;2021;100;bron\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("tariffs", "import-scales", str(bad))
    assert exit_.value.code == 1 and not ScaleAmount.objects.exists()
    with pytest.raises(SystemExit) as exit_:
        call_command("tariffs", "import-scales", str(tmp_path / "missing.csv"))
    assert exit_.value.code == 2
    good = tmp_path / "good.csv"
    good.write_text("cao,schaal,jaar,bedrag,bron\nGGZ,AMS,2021,9000.00,Cao GGZ 2020\n", encoding="utf-8")
    call_command("tariffs", "import-scales", str(good))
    assert ScaleAmount.objects.get().scale == "AMS"
