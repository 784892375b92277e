"""JW307: Bericht voor het melden van de stop van levering van Jeugdhulp.

Transcribed from ``JW307.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw307/schema"

Header = ComplexType(
    "Header",
    NS,
    [
        Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern="440")),
        Element("BerichtVersie", b.LDT_BerichtVersie.restrict(pattern="3")),
        Element("BerichtSubversie", b.LDT_BerichtSubversie.restrict(pattern="2")),
        Element("Afzender", b.LDT_AgbCode),
        Element("Ontvanger", b.LDT_Gemeente),
        Element("BerichtIdentificatie", b.CDT_BerichtIdentificatie),
        Element("XsdVersie", b.CDT_XsdVersie),
    ],
)
# Gegevens over het beeindigen van de levering van ondersteuning.
StopProduct = ComplexType(
    "StopProduct",
    NS,
    [
        Element("ToewijzingNummer", b.LDT_Nummer, optional=True),
        Element("Product", b.CDT_Product, optional=True),
        Element("ToewijzingIngangsdatum", b.LDT_Datum, optional=True),
        Element("Begindatum", b.LDT_Datum),
        Element("RedenBeeindiging", b.LDT_RedenBeeindiging),
        Element("Einddatum", b.LDT_Datum),
        Element("StatusAanlevering", b.LDT_StatusAanlevering),
    ],
)
StopProducten = ComplexType(
    "StopProducten",
    NS,
    [
        Element("StopProduct", StopProduct, repeats=True),
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
        Element("StopProducten", StopProducten),
    ],
)
# Bericht voor het melden van de stop van levering van Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client),
    ],
)
MESSAGE = Message("JW307", NS, Root)
