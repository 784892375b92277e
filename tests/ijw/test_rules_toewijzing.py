"""Each JW301/JW315/JW317/JW319/JW305/JW307 rule on a passing and a failing message."""

from __future__ import annotations

import pytest
from lxml import etree
from tests.ijw.differential.oracle import assert_official

from jeugdketen.ijw.rules import check_rules
from jeugdketen.ijw.rules.common import elfproef

BASE = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
TP1 = "Client/ToegewezenProducten/ToegewezenProduct[1]"
TP2 = "Client/ToegewezenProducten/ToegewezenProduct[2]"
AP1 = "Client/AangevraagdeProducten/AangevraagdProduct[1]"
AP2 = "Client/AangevraagdeProducten/AangevraagdProduct[2]"
NP = "Client/Verzoek/NieuweProducten/NieuwProduct"
CONTACT1 = "Client/Contactgegevens/Contact[1]"


def at(root, path: str):
    node = root
    for step in path.split("/"):
        name, _, index = step.partition("[")
        matches = [c for c in node.iterchildren(etree.Element) if etree.QName(c).localname == name]
        node = matches[int(index[:-1]) - 1 if index else 0]
    return node


def put(root, path: str, value: str) -> None:
    at(root, path).text = value


def add(
    root, parent: str, name: str, value: str | None = None, *, base: bool = False, after: str | None = None
):
    parent_element = at(root, parent)
    element = etree.Element(f"{{{BASE if base else etree.QName(root).namespace}}}{name}")
    element.text = value
    if after is None:
        parent_element.append(element)
    else:
        at(parent_element, after).addnext(element)
    return element


def remove(root, path: str) -> None:
    element = at(root, path)
    element.getparent().remove(element)


def copy_after(root, path: str):
    """Duplicate the element at ``path`` right after itself."""
    element = at(root, path)
    clone = etree.fromstring(etree.tostring(element))
    element.addnext(clone)
    return clone


def found(code: str, root, rule: str) -> list[tuple[str, ...]]:
    """The locations of every ``rule`` issue, after checking that the official stylesheet agrees."""
    assert_official(code, root)
    return [issue.locations for issue in check_rules(code, root) if issue.code == rule]


def clean(example, code: str):
    root = etree.fromstring(example(code))
    if code == "JW315":
        for n in (1, 2):
            put(
                root,
                f"Client/AangevraagdeProducten/AangevraagdProduct[{n}]/ToewijzingEinddatum",
                "2027-06-30",
            )
    if code == "JW317":
        put(root, f"{NP}/Einddatum", "2027-02-28")
    assert check_rules(code, root) == [], code
    return root


@pytest.fixture
def jw301(example):
    return clean(example, "JW301")


@pytest.fixture
def jw315(example):
    return clean(example, "JW315")


@pytest.fixture
def jw317(example):
    return clean(example, "JW317")


@pytest.fixture
def jw319(example):
    return clean(example, "JW319")


# -- shared: BSN, header, birth date ---------------------------------------------------


@pytest.mark.parametrize("bsn", ["999900006", "123456782", "111222333"])
def test_elfproef_accepts_valid_numbers(bsn):
    assert elfproef(bsn)


@pytest.mark.parametrize("bsn", ["999900007", "123456789", "12345678", "12345678a"])
def test_elfproef_rejects_others(bsn):
    assert not elfproef(bsn)


@pytest.mark.parametrize("code", ["JW301", "JW305", "JW307", "JW315", "JW317"])
def test_cs002_bsn(example, code):
    root = clean(example, code)
    put(root, "Client/Bsn", "999900007")
    assert found(code, root, "CS002") == [("/Bericht/Client/Bsn",)]


def test_cs015_cs025_versions(jw319):
    put(jw319, "Header/BerichtVersie", "2")
    put(jw319, "Header/BerichtSubversie", "1")
    assert found("JW319", jw319, "CS025") == [("/Bericht/Header/BerichtVersie",)]
    assert found("JW319", jw319, "CS015") == [("/Bericht/Header/BerichtSubversie",)]


@pytest.mark.parametrize("code", ["JW301", "JW305", "JW307", "JW315"])
def test_tr002_birth_date_within_120_years(example, code):
    root = clean(example, code)
    put(root, "Client/Geboortedatum/Datum", "1900-01-01")
    assert found(code, root, "TR002") == [
        ("/Bericht/Client/Geboortedatum/Datum", "/Bericht/Header/BerichtIdentificatie/Dagtekening")
    ]
    add(root, "Client/Geboortedatum", "DatumGebruik", "3", base=True)
    assert found(code, root, "TR002") == []  # unknown birth date


def test_tr002_relatie(jw301):
    put(jw301, "Client/Relaties/Relatie[2]/Geboortedatum/Datum", "1901-01-01")
    assert found("JW301", jw301, "TR002") == [
        (
            "/Bericht/Client/Relaties/Relatie[2]/Geboortedatum/Datum",
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
        )
    ]


@pytest.mark.parametrize("code", ["JW301", "JW305", "JW307", "JW315"])
def test_tr134_birth_date_not_after_dagtekening(example, code):
    root = clean(example, code)
    put(root, "Client/Geboortedatum/Datum", "2027-01-01")
    assert found(code, root, "TR134") == [
        ("/Bericht/Client/Geboortedatum/Datum", "/Bericht/Header/BerichtIdentificatie/Dagtekening")
    ]


@pytest.mark.parametrize(
    ("gebruik", "datum", "ok"),
    [
        ("1", "2010-02-01", True),
        ("1", "2010-02-14", False),
        ("2", "2010-01-01", True),
        ("2", "2010-02-01", False),
        ("3", "1900-01-01", True),
        ("3", "2010-01-01", False),
    ],
)
def test_cs139_datumgebruik(jw301, gebruik, datum, ok):
    put(jw301, "Client/Geboortedatum/Datum", datum)
    add(jw301, "Client/Geboortedatum", "DatumGebruik", gebruik, base=True)
    assert (found("JW301", jw301, "CS139") == []) is ok


# -- JW301: products -----------------------------------------------------------------


def test_tr101_jw301_duplicates(jw301):
    put(jw301, f"{TP2}/ToewijzingNummer", "300201")
    put(jw301, "Client/Relaties/Relatie[2]/Nummer", "1")
    copy_after(jw301, CONTACT1)
    assert found("JW301", jw301, "TR101") == [
        ("/Bericht/Client/Contactgegevens/Contact[1]", "/Bericht/Client/Contactgegevens/Contact[2]"),
        ("/Bericht/Client/Relaties/Relatie[1]", "/Bericht/Client/Relaties/Relatie[2]"),
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]",
        ),
    ]


def test_tr302_overlapping_same_product(jw301):
    put(jw301, f"{TP2}/Product/Code", "55A11")
    assert found("JW301", jw301, "TR302") == [(f"/Bericht/{TP1}", f"/Bericht/{TP2}")]
    put(jw301, f"{TP2}/Ingangsdatum", "2026-07-15")
    put(jw301, f"{TP2}/Einddatum", "2026-08-31")
    assert found("JW301", jw301, "TR302") == []  # consecutive, not overlapping


def test_tr302_category_level_and_removed_toewijzing(jw301):
    remove(jw301, f"{TP2}/Product/Code")
    remove(jw301, f"{TP2}/Omvang")
    assert found("JW301", jw301, "TR302") == [(f"/Bericht/{TP1}", f"/Bericht/{TP2}")]
    put(jw301, f"{TP2}/Einddatum", "2026-04-01")
    add(jw301, TP2, "RedenWijziging", "13", after="Einddatum")
    assert found("JW301", jw301, "TR302") == []  # a removed toewijzing takes no part


def test_tr302_open_ended_product_overlaps_later_one(jw301):
    put(jw301, f"{TP2}/Product/Code", "55A11")
    remove(jw301, f"{TP1}/Einddatum")
    put(jw301, f"{TP1}/Omvang/Frequentie", "4")
    put(jw301, f"{TP2}/Ingangsdatum", "2030-01-01")
    put(jw301, f"{TP2}/Einddatum", "2030-02-01")
    assert len(found("JW301", jw301, "TR302")) == 1


def test_cd041_omvang_with_code(jw301):
    remove(jw301, f"{TP1}/Omvang")
    assert found("JW301", jw301, "CD041") == [
        ("/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Product/Code",)
    ]


def test_cd075_cd077_cd078_budget(jw301):
    add(jw301, TP1, "Budget", "100000", after="Omvang")
    assert found("JW301", jw301, "CD077") == [
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Budget",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang",
        )
    ]
    assert found("JW301", jw301, "CD078") == [
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Budget",
        )
    ]
    remove(jw301, f"{TP1}/Omvang")
    remove(jw301, f"{TP1}/Product/Code")
    assert found("JW301", jw301, "CD075") == []
    remove(jw301, f"{TP1}/Einddatum")
    assert found("JW301", jw301, "CD075") == [
        ("/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Budget",)
    ]


def test_cd076_einddatum_with_weekly_frequency(jw301):
    remove(jw301, f"{TP1}/Einddatum")
    assert found("JW301", jw301, "CD076") == [
        ("/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Frequentie",)
    ]


def test_cd079_product_without_budget(jw301):
    remove(jw301, f"{TP1}/Product")
    remove(jw301, f"{TP1}/Omvang")
    assert found("JW301", jw301, "CD079") == [(f"/Bericht/{TP1}",)]


def test_cd080_no_omvang_without_code(jw301):
    remove(jw301, f"{TP1}/Product/Code")
    assert found("JW301", jw301, "CD080") == [
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum",
        )
    ]
    put(jw301, f"{TP1}/Ingangsdatum", "2020-01-01")
    put(jw301, f"{TP1}/Einddatum", "2020-12-31")
    assert found("JW301", jw301, "CD080") == []


def test_cs003_einddatum_before_ingangsdatum(jw301):
    put(jw301, f"{TP1}/Einddatum", "2026-03-31")
    assert found("JW301", jw301, "CS003") == [
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Ingangsdatum",
        )
    ]


def test_cs003_contact_periode(jw301):
    add(jw301, "Client/Contactgegevens/Contact[2]/Periode", "Einddatum", "2018-01-01", base=True)
    assert found("JW301", jw301, "CS003") == [
        (
            "/Bericht/Client/Contactgegevens/Contact[2]/Periode/Einddatum",
            "/Bericht/Client/Contactgegevens/Contact[2]/Periode/Begindatum",
        )
    ]


def test_cs335_cs336_reden_wijziging(jw301):
    add(jw301, TP1, "RedenWijziging", "13", after="Einddatum")
    assert found("JW301", jw301, "CS335") == [
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Ingangsdatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum",
        )
    ]
    put(jw301, f"{TP1}/RedenWijziging", "01")
    assert found("JW301", jw301, "CS335") == []
    assert found("JW301", jw301, "CS336") == [(f"/Bericht/{TP1}/RedenWijziging",)]


def test_cs338_frequency_for_day_units(jw301):
    put(jw301, f"{TP2}/Omvang/Frequentie", "1")
    assert found("JW301", jw301, "CS338") == [
        (
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Omvang/Eenheid",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Omvang/Frequentie",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Einddatum",
        )
    ]
    put(jw301, f"{TP2}/Omvang/Eenheid", "04")
    assert found("JW301", jw301, "CS338") == []


# -- JW301: client, names and contacts -----------------------------------------------


def test_tr006_contact_without_phone_or_address(jw301):
    remove(jw301, f"{CONTACT1}/Telefoon")
    assert found("JW301", jw301, "TR006") == []
    remove(jw301, f"{CONTACT1}/Adres/Postcode")
    assert found("JW301", jw301, "TR006") == [(f"/Bericht/{CONTACT1}",)]


def test_tr061_client_needs_home_address(jw301):
    put(jw301, f"{CONTACT1}/Soort", "04")
    assert found("JW301", jw301, "TR061") == [
        ("/Bericht/Client/Contactgegevens/Contact[1]", "/Bericht/Client/Contactgegevens/Contact[2]")
    ]


def test_cd005_landcode_with_postcode(jw301):
    remove(jw301, f"{CONTACT1}/Adres/LandCode")
    assert found("JW301", jw301, "CD005") == [("/Bericht/Client/Contactgegevens/Contact[1]/Adres/Postcode",)]


def test_cd009_periode_only_for_temporary_address(jw301):
    put(jw301, "Client/Contactgegevens/Contact[2]/Soort", "02")
    assert found("JW301", jw301, "CD009") == [
        (
            "/Bericht/Client/Contactgegevens/Contact[2]/Periode",
            "/Bericht/Client/Contactgegevens/Contact[2]/Soort",
        )
    ]


def test_cd025_huis_for_dutch_address(jw301):
    remove(jw301, f"{CONTACT1}/Adres/Huis")
    assert found("JW301", jw301, "CD025") == [("/Bericht/Client/Contactgegevens/Contact[1]/Adres/LandCode",)]


def test_cd034_postcode_for_home_address(jw301):
    remove(jw301, "Client/Relaties/Relatie[1]/Contact/Adres/Postcode")
    remove(jw301, "Client/Relaties/Relatie[1]/Contact/Adres/LandCode")
    assert found("JW301", jw301, "CD034") == [("/Bericht/Client/Relaties/Relatie[1]/Contact/Soort",)]


def test_cs089_dutch_postcode(jw301):
    put(jw301, f"{CONTACT1}/Adres/Postcode", "0999XX")
    assert found("JW301", jw301, "CS089") == [
        (
            "/Bericht/Client/Contactgegevens/Contact[1]/Adres/LandCode",
            "/Bericht/Client/Contactgegevens/Contact[1]/Adres/Postcode",
        )
    ]
    put(jw301, f"{CONTACT1}/Adres/LandCode", "BE")
    assert found("JW301", jw301, "CS089") == []


def test_cs050_naamgebruik(jw301):
    put(jw301, "Client/Relaties/Relatie[1]/Naam/NaamGebruik", "6")
    assert found("JW301", jw301, "CS050") == [
        (
            "/Bericht/Client/Relaties/Relatie[1]/Naam/Partnernaam",
            "/Bericht/Client/Relaties/Relatie[1]/Naam/NaamGebruik",
        )
    ]
    put(jw301, "Client/Relaties/Relatie[2]/Naam/NaamGebruik", "6")  # no partner name: 6 is allowed
    assert len(found("JW301", jw301, "CS050")) == 1


def test_cs318_client_not_an_organisation(jw301):
    put(jw301, "Client/Naam/NaamGebruik", "6")
    assert found("JW301", jw301, "CS318") == [("/Bericht/Client/Naam/NaamGebruik",)]


def test_cd007_language_for_interpreter(jw301):
    put(jw301, "Client/Communicatie/Vorm", "2")
    assert found("JW301", jw301, "CD007") == [
        ("/Bericht/Client/Communicatie/Taal", "/Bericht/Client/Communicatie/Vorm")
    ]
    put(jw301, "Client/Communicatie/Vorm", "1")
    remove(jw301, "Client/Communicatie/Taal")
    assert found("JW301", jw301, "CD007") == [("/Bericht/Client/Communicatie/Vorm",)]


# -- JW315 ---------------------------------------------------------------------------


def test_tr383_referentie_aanbieder_unique(jw315):
    put(jw315, f"{AP2}/ReferentieAanbieder", "40A12341234")
    assert found("JW315", jw315, "TR383") == [
        ("/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ReferentieAanbieder",)
    ]


def test_tr386_overlapping_requests(jw315):
    put(jw315, f"{AP2}/Product/Code", "55A11")
    assert found("JW315", jw315, "TR386") == [(f"/Bericht/{AP1}", f"/Bericht/{AP2}")]


def test_cd043_beschikking(jw315):
    remove(jw315, f"{AP1}/BeschikkingIngangsdatum")
    assert found("JW315", jw315, "CD043") == [
        ("/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/BeschikkingNummer",)
    ]


def test_cd066_cd067_cd068_verwijzer(jw315):
    add(jw315, f"{AP2}/Verwijzer", "Naam", "dokter", after="Type")
    assert found("JW315", jw315, "CD066") == [
        (
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/Verwijzer/ZorgverlenerCode",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/Verwijzer/Naam",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/Verwijzer/Type",
        )
    ]
    remove(jw315, f"{AP2}/Verwijzer/Naam")
    remove(jw315, f"{AP2}/Verwijzer/ZorgverlenerCode")
    assert found("JW315", jw315, "CD067") == [
        ("/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/Verwijzer/Type",)
    ]
    add(jw315, f"{AP1}/Verwijzer", "ZorgverlenerCode", "12345678")
    assert found("JW315", jw315, "CD068") == [
        (
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Verwijzer/Type",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Verwijzer/ZorgverlenerCode",
        )
    ]


def test_cd095_cs343_jw315(jw315):
    put(jw315, f"{AP1}/Omvang/Frequentie", "1")
    assert found("JW315", jw315, "CS343") == [
        (
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Omvang/Eenheid",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Omvang/Frequentie",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingEinddatum",
        )
    ]
    remove(jw315, f"{AP1}/Product/Code")
    assert found("JW315", jw315, "CD095") == [
        (
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Omvang",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingEinddatum",
        )
    ]


def test_cs003_jw315(jw315):
    put(jw315, f"{AP1}/ToewijzingEinddatum", "2026-03-31")
    assert found("JW315", jw315, "CS003") == [
        (
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingEinddatum",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingIngangsdatum",
        )
    ]


# -- JW317 ---------------------------------------------------------------------------


def test_tr352_tr353_verzoek_content(jw317):
    remove(jw317, "Client/Verzoek/OngewijzigdeProducten")
    assert found("JW317", jw317, "TR352") == [("/Bericht/Client/Verzoek",)]
    assert found("JW317", jw317, "TR353") == []
    remove(jw317, "Client/Verzoek/NieuweProducten")
    assert found("JW317", jw317, "TR353") == [("/Bericht/Client/Verzoek",)]


def test_tr380_new_product_in_the_future(jw317):
    put(jw317, f"{NP}/GewensteIngangsdatum", "2026-01-02")
    assert found("JW317", jw317, "TR380") == [
        (
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum",
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
        )
    ]


def test_tr410_overlapping_new_products(jw317):
    copy_after(jw317, NP)
    assert found("JW317", jw317, "TR410") == [
        (
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[1]",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[2]",
        )
    ]


def test_tr101_toewijzing_named_twice(jw317):
    copy_after(jw317, "Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct")
    assert len(found("JW317", jw317, "TR101")) == 1


def test_cd096_cs338_jw317(jw317):
    put(jw317, f"{NP}/Omvang/Eenheid", "16")
    put(jw317, f"{NP}/Omvang/Frequentie", "1")
    assert found("JW317", jw317, "CS338") == [
        (
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang/Eenheid",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang/Frequentie",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        )
    ]
    remove(jw317, f"{NP}/Product/Code")
    assert found("JW317", jw317, "CD096") == [
        (
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        )
    ]


def test_cd041_cd079_jw317(jw317):
    remove(jw317, f"{NP}/Omvang")
    assert found("JW317", jw317, "CD041") == [
        ("/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Product/Code",)
    ]
    remove(jw317, f"{NP}/Product")
    assert found("JW317", jw317, "CD079") == [(f"/Bericht/{NP}",)]


# -- JW319 ---------------------------------------------------------------------------


def test_tr377_tr409_woonplaatsbeginsel(jw319):
    remove(jw319, "Antwoord/Woonplaatsbeginsel")
    assert found("JW319", jw319, "TR377") == [("/Bericht/Antwoord/RedenAfwijzingVerzoek",)]
    add(jw319, "Antwoord", "Woonplaatsbeginsel")
    put(jw319, "Antwoord/RedenAfwijzingVerzoek", "3")
    assert found("JW319", jw319, "TR409") == [
        ("/Bericht/Antwoord/RedenAfwijzingVerzoek", "/Bericht/Antwoord/Woonplaatsbeginsel")
    ]


def test_cd085_cd086_reden_afwijzing(jw319):
    put(jw319, "Antwoord/VerzoekAntwoord", "2")
    remove(jw319, "Antwoord/Woonplaatsbeginsel")
    assert found("JW319", jw319, "CD086") == [
        ("/Bericht/Antwoord/VerzoekAntwoord", "/Bericht/Antwoord/RedenAfwijzingVerzoek")
    ]
    remove(jw319, "Antwoord/RedenAfwijzingVerzoek")
    assert check_rules("JW319", jw319) == []
    put(jw319, "Antwoord/VerzoekAntwoord", "1")
    assert found("JW319", jw319, "CD085") == [("/Bericht/Antwoord/VerzoekAntwoord",)]


# -- JW305 and JW307 -----------------------------------------------------------------


@pytest.mark.parametrize(("code", "product"), [("JW305", "StartProduct"), ("JW307", "StopProduct")])
def test_tr101_and_cs058_start_and_stop(example, code, product):
    root = clean(example, code)
    path = f"Client/{product}en/{product}"
    put(root, f"{path}[2]/StatusAanlevering", "2")
    assert found(code, root, "CS058") == [(f"/Bericht/{path}[2]/StatusAanlevering",)]
    copy_after(root, f"{path}[1]")
    assert found(code, root, "TR101") == [(f"/Bericht/{path}[1]", f"/Bericht/{path}[2]")]


def test_tr018_stop_before_start(example):
    root = clean(example, "JW307")
    put(root, "Client/StopProducten/StopProduct[2]/Einddatum", "2026-04-14")
    assert found("JW307", root, "TR018") == [
        (
            "/Bericht/Client/StopProducten/StopProduct[2]/Einddatum",
            "/Bericht/Client/StopProducten/StopProduct[2]/Begindatum",
        )
    ]
