"""JW318: Bericht voor Verzoek om wijziging Jeugdhulp.

Transcribed from ``JW318.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw318/schema"

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
        Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern="487")),
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
# Gegevens over het product dat ongewijzigd voortgezet gaat worden.
OngewijzigdProduct = ComplexType(
    "OngewijzigdProduct",
    NS,
    [
        Element("ToewijzingNummer", b.LDT_Nummer),
        Element("RetourCodes", RetourCodes),
    ],
)
OngewijzigdeProducten = ComplexType(
    "OngewijzigdeProducten",
    NS,
    [
        Element("OngewijzigdProduct", OngewijzigdProduct, repeats=True),
    ],
)
# Gegevens over het product waarvoor een wijziging wordt aangevraagd.
TeWijzigenProduct = ComplexType(
    "TeWijzigenProduct",
    NS,
    [
        Element("ToewijzingNummer", b.LDT_Nummer),
        Element("GewensteIngangsdatum", b.LDT_Datum),
        Element("Einddatum", b.LDT_Datum, optional=True),
        Element("Omvang", b.CDT_Omvang, optional=True),
        Element("Budget", b.LDT_Budget, optional=True),
        Element("RetourCodes", RetourCodes),
    ],
)
TeWijzigenProducten = ComplexType(
    "TeWijzigenProducten",
    NS,
    [
        Element("TeWijzigenProduct", TeWijzigenProduct, repeats=True),
    ],
)
# Gegevens over het product waarvoor een toewijzing wordt aangevraagd.
NieuwProduct = ComplexType(
    "NieuwProduct",
    NS,
    [
        Element("Product", b.CDT_Product, optional=True),
        Element("GewensteIngangsdatum", b.LDT_Datum),
        Element("Einddatum", b.LDT_Datum, optional=True),
        Element("Omvang", b.CDT_Omvang, optional=True),
        Element("Budget", b.LDT_Budget, optional=True),
        Element("RetourCodes", RetourCodes),
    ],
)
NieuweProducten = ComplexType(
    "NieuweProducten",
    NS,
    [
        Element("NieuwProduct", NieuwProduct, repeats=True),
    ],
)
Verzoek = ComplexType(
    "Verzoek",
    NS,
    [
        Element("ReferentieAanbieder", b.LDT_Referentie),
        Element("RedenVerzoek", b.LDT_RedenVerzoek),
        Element("OngewijzigdeProducten", OngewijzigdeProducten, optional=True),
        Element("TeWijzigenProducten", TeWijzigenProducten, optional=True),
        Element("NieuweProducten", NieuweProducten, optional=True),
        Element("RetourCodes", RetourCodes),
    ],
)
Client = ComplexType(
    "Client",
    NS,
    [
        Element("Bsn", b.LDT_BurgerServicenummer),
        Element("Verzoek", Verzoek),
        Element("RetourCodes", RetourCodes),
    ],
)
# Bericht voor Verzoek om wijziging Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client, optional=True),
    ],
)
MESSAGE = Message("JW318", NS, Root)
