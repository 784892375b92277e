"""JW320: Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.

Transcribed from ``JW320.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw320/schema"

RetourCodes = ComplexType(
    "RetourCodes",
    NS,
    [
        Element("RetourCode", b.LDT_RetourCode, repeats=True),
    ],
)
Header = ComplexType(
    "Header",
    NS,
    [
        Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern="489")),
        Element("BerichtVersie", b.LDT_BerichtVersie.restrict(pattern="3")),
        Element("BerichtSubversie", b.LDT_BerichtSubversie.restrict(pattern="2")),
        Element("Afzender", b.LDT_Gemeente),
        Element("Ontvanger", b.LDT_AgbCode),
        Element("BerichtIdentificatie", b.CDT_BerichtIdentificatie),
        Element("XsdVersie", b.CDT_XsdVersie),
        Element("IdentificatieRetour", b.LDT_IdentificatieBericht),
        Element("DagtekeningRetour", b.LDT_Datum),
        Element("XsltVersie", b.LDT_Versie, optional=True),
        Element("XsdVersieRetour", b.CDT_XsdVersie),
        Element("RetourCodes", RetourCodes, optional=True),
    ],
)
Woonplaatsbeginsel = ComplexType(
    "Woonplaatsbeginsel",
    NS,
    [
        Element("Gemeente", b.LDT_Gemeente),
        Element("RetourCodes", RetourCodes),
    ],
)
# Gegevens over het antwoord dat de gemeente geeft op een verzoek van de aanbieder.
Antwoord = ComplexType(
    "Antwoord",
    NS,
    [
        Element("ReferentieAanbieder", b.LDT_Referentie),
        Element("VerzoekAntwoord", b.LDT_VerzoekAntwoord),
        Element("RedenAfwijzingVerzoek", b.LDT_RedenAfwijzingVerzoek, optional=True),
        Element("Woonplaatsbeginsel", Woonplaatsbeginsel, optional=True),
        Element("RetourCodes", RetourCodes),
    ],
)
# Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Antwoord", Antwoord, optional=True),
    ],
)
MESSAGE = Message("JW320", NS, Root)
