"""JW316: Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.

Transcribed from ``JW316.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw316/schema"

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
        Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern="447")),
        Element("BerichtVersie", b.LDT_BerichtVersie.restrict(pattern="3")),
        Element("BerichtSubversie", b.LDT_BerichtSubversie.restrict(pattern="2")),
        Element("Afzender", b.LDT_AgbCode),
        Element("Ontvanger", b.LDT_Gemeente),
        Element("BerichtIdentificatie", b.CDT_BerichtIdentificatie),
        Element("XsdVersie", b.CDT_XsdVersie),
        Element("IdentificatieRetour", b.LDT_IdentificatieBericht),
        Element("DagtekeningRetour", b.LDT_Datum),
        Element("XsltVersie", b.LDT_Versie, optional=True),
        Element("XsdVersieRetour", b.CDT_XsdVersie),
        Element("RetourCodes", RetourCodes, optional=True),
    ],
)
# Gegevens over het product waarvoor een toewijzing wordt aangevraagd.
AangevraagdProduct = ComplexType(
    "AangevraagdProduct",
    NS,
    [
        Element("ReferentieAanbieder", b.LDT_Referentie),
        Element("BeschikkingNummer", b.LDT_Nummer, optional=True),
        Element("Product", b.CDT_Product, optional=True),
        Element("BeschikkingIngangsdatum", b.LDT_Datum, optional=True),
        Element("ToewijzingIngangsdatum", b.LDT_Datum),
        Element("ToewijzingEinddatum", b.LDT_Datum, optional=True),
        Element("Omvang", b.CDT_Omvang, optional=True),
        Element("Budget", b.LDT_Budget, optional=True),
        Element("Verwijzer", b.CDT_Verwijzer),
        Element("Raamcontract", b.LDT_JaNee, optional=True),
        Element("Commentaar", b.LDT_Commentaar, optional=True),
        Element("RetourCodes", RetourCodes),
    ],
)
AangevraagdeProducten = ComplexType(
    "AangevraagdeProducten",
    NS,
    [
        Element("AangevraagdProduct", AangevraagdProduct, repeats=True),
    ],
)
# Persoonsgegevens van de client.
Client = ComplexType(
    "Client",
    NS,
    [
        Element("Bsn", b.LDT_BurgerServicenummer),
        Element("Geboortedatum", b.CDT_Geboortedatum),
        Element("Geslacht", b.LDT_Geslacht),
        Element("Naam", b.CDT_VerkorteNaam),
        Element("GezagsdragerBekend", b.LDT_JaNee, optional=True),
        Element("Commentaar", b.LDT_Commentaar, optional=True),
        Element("AangevraagdeProducten", AangevraagdeProducten),
        Element("RetourCodes", RetourCodes),
    ],
)
# Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client, optional=True),
    ],
)
MESSAGE = Message("JW316", NS, Root)
