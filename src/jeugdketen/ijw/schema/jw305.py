"""JW305: Bericht voor het melden van de start van levering van Jeugdhulp.

Transcribed from ``JW305.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .blocks import client_identity, header, wrapper
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw305/schema"

Header = header(NS, "438", afzender=b.LDT_AgbCode, ontvanger=b.LDT_Gemeente)
# Gegevens over het product waarvan de levering gestart is.
StartProduct = ComplexType(
    "StartProduct",
    NS,
    [
        Element("ToewijzingNummer", b.LDT_Nummer, optional=True),
        Element("Product", b.CDT_Product, optional=True),
        Element("ToewijzingIngangsdatum", b.LDT_Datum, optional=True),
        Element("Begindatum", b.LDT_Datum),
        Element("StatusAanlevering", b.LDT_StatusAanlevering),
    ],
)
StartProducten = wrapper("StartProducten", StartProduct)
# Persoonsgegevens van de client.
Client = ComplexType(
    "Client",
    NS,
    [
        *client_identity(b.CDT_VerkorteNaam),
        Element("StartProducten", StartProducten),
    ],
)
# Bericht voor het melden van de start van levering van Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client),
    ],
)
MESSAGE = Message("JW305", NS, Root)
