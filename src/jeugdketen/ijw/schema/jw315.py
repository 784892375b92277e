"""JW315: Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.

Transcribed from ``JW315.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .blocks import client_identity, header, wrapper
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw315/schema"

Header = header(NS, "446", afzender=b.LDT_AgbCode, ontvanger=b.LDT_Gemeente)
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
    ],
)
AangevraagdeProducten = wrapper("AangevraagdeProducten", AangevraagdProduct)
# Persoonsgegevens van de client.
Client = ComplexType(
    "Client",
    NS,
    [
        *client_identity(b.CDT_VerkorteNaam),
        Element("GezagsdragerBekend", b.LDT_JaNee, optional=True),
        Element("Commentaar", b.LDT_Commentaar, optional=True),
        Element("AangevraagdeProducten", AangevraagdeProducten),
    ],
)
# Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client),
    ],
)
MESSAGE = Message("JW315", NS, Root)
