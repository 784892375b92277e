import csv
import io
import json
from collections import Counter

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

REQUIRED = {
    "region",
    "code",
    "category",
    "name",
    "lot",
    "unit",
    "tariffs",
    "limits",
    "age",
    "providers",
    "source",
    "conflicts",
}


def export(*args) -> str:
    out = io.StringIO()
    call_command("catalog", "export", *args, stdout=out)
    return out.getvalue()


def test_json_export_has_every_product_and_field(catalogue):
    records = json.loads(export("--format", "json"))
    assert Counter(r["region"] for r in records) == {
        "groningen-2016": 77,
        "noordoost-brabant-2021": 55,
        "midden-limburg-oost-2020": 50,
        "alkmaar-2023": 33,
    }
    for record in records:
        assert record.keys() >= REQUIRED
        assert record["source"]["document"].endswith(".txt")
        assert len(record["source"]["lines"]) == 2
        for tariff in record["tariffs"]:
            assert set(tariff) >= {"year", "amount", "unit", "variant"}
            assert isinstance(tariff["amount"], str) and tariff["amount"].count(".") == 1
            assert len(tariff["amount"].split(".")[1]) == 2


def test_json_export_spot_values(catalogue):
    records = json.loads(export("--format", "json", "--region", "noordoost-brabant-2021"))
    assert {r["region"] for r in records} == {"noordoost-brabant-2021"}
    daghulp = next(r for r in records if r["code"] == "41A23")
    assert daghulp["category"] == "41"
    assert daghulp["unit"]["code"] == "16"
    assert {(t["variant"], t["amount"]) for t in daghulp["tariffs"]} == {
        ("regular", "62.80"),
        ("micro", "52.91"),
    }
    conflicted = next(r for r in records if r["code"] == "41B16")
    assert conflicted["conflicts"] and {t["amount"] for t in conflicted["tariffs"]} >= {"139.71", "139.72"}


def test_json_export_groningen_providers(catalogue):
    records = json.loads(export("--region", "groningen-2016"))
    lines = sum(len(r["providers"]) for r in records)
    assert 925 <= lines <= 935
    first = next(r for r in records if r["code"] == "45A04")
    assert "Stichting MJD" in first["providers"]


def test_csv_export_matches_json(catalogue):
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))
    records = json.loads(export())
    assert len(rows) == len(records) == 215
    assert [row["name"] for row in rows] == [r["name"] for r in records]
    daghulp = next(
        row for row in rows if row["code"] == "41A23" and row["region"] == "noordoost-brabant-2021"
    )
    assert "2021 regular 62.80" in daghulp["tariffs"]


def test_unknown_region_is_a_clear_error(catalogue):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown region 'nowhere'"):
        export("--region", "nowhere")
