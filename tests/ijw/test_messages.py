"""Typed models: every example loads and writes back; generated messages round-trip and are valid.

The property test builds random but valid instances of all 14 message models straight from
the schema declarations, serialises them, and checks that (1) the official XSD accepts
them, (2) our structural check agrees, (3) parse -> model gives the same model back, and
(4) serialise -> parse -> serialise is byte-stable.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.ijw.strategies import models

from jeugdketen.ijw.messages import JW323, MODELS, InvalidMessageError, load
from jeugdketen.ijw.schema import MESSAGES
from jeugdketen.ijw.structure import check_structure
from jeugdketen.ijw.xml import parse, serialise

VALID_EXAMPLES = [code for code in MESSAGES if code not in {"JW315", "JW318"}]


@pytest.mark.parametrize("code", list(MESSAGES))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
def test_generated_messages_round_trip_and_are_valid(code, data, official):
    message = data.draw(models(MESSAGES[code].root))
    xml = message.to_xml()
    assert official(code, xml), xml.decode()
    document = parse(xml)
    assert check_structure(document.root, document.message) == []
    again = load(document)
    assert again == message
    assert again.to_xml() == xml
    assert serialise(parse(xml).root) == xml


@pytest.mark.parametrize("code", VALID_EXAMPLES)
def test_examples_load_and_write_back_valid(code, example, official):
    message = load(parse(example(code)))
    assert type(message) is MODELS[code]
    xml = message.to_xml()
    assert official(code, xml)
    assert load(parse(xml)) == message


def test_typed_values(example):
    declaratie = JW323.from_xml(example("JW323"))
    assert declaratie.header.bericht_code == "490"
    assert declaratie.declaratie.declaratie_periode.begindatum == dt.date(2026, 4, 1)
    prestatie = declaratie.declaratie.clienten[0].prestaties[0]
    assert prestatie.toewijzing_nummer == 10072
    assert prestatie.ingediend_bedrag.bedrag == 5000  # eurocents
    assert prestatie.product_referentie.vorig_referentie_nummer is None


def test_invalid_message_does_not_become_a_model(example):
    with pytest.raises(InvalidMessageError) as caught:
        load(parse(example("JW315")))
    assert caught.value.issues


def test_wrong_message_type_is_refused(example):
    with pytest.raises(InvalidMessageError, match="verwacht JW323"):
        JW323.from_xml(example("JW301"))


def test_building_a_message_in_code(official):
    from jeugdketen.ijw.messages import basis as b
    from jeugdketen.ijw.messages import jw323

    message = JW323(
        header=jw323.Header(
            afzender="12345678",
            ontvanger="0384",
            bericht_identificatie=b.BerichtIdentificatie(identificatie="D1", dagtekening=dt.date(2026, 5, 1)),
            xsd_versie=b.XsdVersie(basisschema_xsd_versie="1.0.0", bericht_xsd_versie="1.0.0"),
        ),
        declaratie=jw323.Declaratie(
            declaratie_nummer="D1",
            declaratie_periode=b.GeslotenPeriode(
                begindatum=dt.date(2026, 4, 1), einddatum=dt.date(2026, 4, 30)
            ),
            declaratie_dagtekening=dt.date(2026, 5, 1),
            totaal_ingediend_bedrag=b.TotaalBedragMetDC(totaal_bedrag=5000, debet_credit="D"),
            clienten=[
                jw323.Client(
                    bsn="999900006",
                    prestaties=[
                        jw323.Prestatie(
                            product_referentie=b.Referentie(referentie_nummer="R1"),
                            toewijzing_nummer=1,
                            product_categorie="45",
                            product_code="45A03",
                            product_periode=b.GeslotenPeriode(
                                begindatum=dt.date(2026, 4, 1), einddatum=dt.date(2026, 4, 30)
                            ),
                            geleverd_volume=4,
                            eenheid="04",
                            product_tarief=1250,
                            ingediend_bedrag=b.BedragMetDC(bedrag=5000, debet_credit="D"),
                        )
                    ],
                )
            ],
        ),
    )
    assert official("JW323", message.to_xml())
