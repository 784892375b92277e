"""The published examples give exactly the verdicts the issue names, with and without the XSDs."""

from __future__ import annotations

import pytest

from jeugdketen.ijw.schema import MESSAGES
from jeugdketen.ijw.validate import validate

CODES = list(MESSAGES)
CLEAN = [code for code in CODES if code not in {"JW315", "JW317", "JW318", "JW323"}]


@pytest.mark.parametrize("with_xsd", [False, True], ids=["declarations", "plus-official-xsd"])
@pytest.mark.parametrize("code", CLEAN)
def test_clean_examples(code, with_xsd, example, xsd_dir):
    report = validate(example(code), xsd_dir=xsd_dir if with_xsd else None)
    assert report.message == code
    assert report.schema_valid
    assert report.issues == []


@pytest.mark.parametrize("with_xsd", [False, True], ids=["declarations", "plus-official-xsd"])
def test_jw315_has_an_impossible_date(with_xsd, example, xsd_dir):
    report = validate(example("JW315"), xsd_dir=xsd_dir if with_xsd else None)
    assert not report.schema_valid
    assert set(report.codes()) == {"XSD"}
    assert {issue.return_code for issue in report.issues} == {"0001"}
    locations = [loc for issue in report.issues for loc in issue.locations]
    assert locations == [
        "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingEinddatum",
        "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/ToewijzingEinddatum",
    ]
    assert all("2027-06-31" in issue.text for issue in report.issues)


@pytest.mark.parametrize("with_xsd", [False, True], ids=["declarations", "plus-official-xsd"])
def test_jw318_has_a_retourcode_out_of_place(with_xsd, example, xsd_dir):
    report = validate(example("JW318"), xsd_dir=xsd_dir if with_xsd else None)
    assert not report.schema_valid
    assert report.codes() == ["XSD"]
    assert report.issues[0].locations == ("/Bericht/Client/Verzoek/RetourCode",)


def test_jw317_fails_cs003(example):
    report = validate(example("JW317"))
    assert report.schema_valid
    assert set(report.codes()) == {"CS003"}


def test_jw323_fails_tr101_at_the_duplicates(example):
    report = validate(example("JW323"))
    assert report.schema_valid
    assert set(report.codes()) == {"TR101"}
    prestaties = "/Bericht/Declaratie/Clienten/Client[2]/Prestaties"
    locations = {location for issue in report.issues for location in issue.locations}
    assert locations == {f"{prestaties}/Prestatie[2]", f"{prestaties}/Prestatie[3]"}
