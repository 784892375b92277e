"""JW317: Bericht voor Verzoek om wijziging Jeugdhulp.

Transcribed from ``JW317.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .blocks import header, wrapper
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw317/schema"

Header = header(NS, "486", afzender=b.LDT_AgbCode, ontvanger=b.LDT_Gemeente)
# Gegevens over het product dat ongewijzigd voortgezet gaat worden.
OngewijzigdProduct = ComplexType(
    "OngewijzigdProduct",
    NS,
    [
        Element("ToewijzingNummer", b.LDT_Nummer),
    ],
)
OngewijzigdeProducten = wrapper("OngewijzigdeProducten", OngewijzigdProduct)
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
    ],
)
TeWijzigenProducten = wrapper("TeWijzigenProducten", TeWijzigenProduct)
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
    ],
)
NieuweProducten = wrapper("NieuweProducten", NieuwProduct)
Verzoek = ComplexType(
    "Verzoek",
    NS,
    [
        Element("ReferentieAanbieder", b.LDT_Referentie),
        Element("RedenVerzoek", b.LDT_RedenVerzoek),
        Element("OngewijzigdeProducten", OngewijzigdeProducten, optional=True),
        Element("TeWijzigenProducten", TeWijzigenProducten, optional=True),
        Element("NieuweProducten", NieuweProducten, optional=True),
    ],
)
Client = ComplexType(
    "Client",
    NS,
    [
        Element("Bsn", b.LDT_BurgerServicenummer),
        Element("Verzoek", Verzoek),
    ],
)
# Bericht voor Verzoek om wijziging Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client),
    ],
)
MESSAGE = Message("JW317", NS, Root)
