"""JW323: Bericht voor declaratie Jeugdhulp.

Transcribed from ``JW323.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .blocks import header, wrapper
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw323/schema"

Header = header(NS, "490", afzender=b.LDT_AgbCode, ontvanger=b.LDT_Gemeente)
Prestatie = ComplexType(
    "Prestatie",
    NS,
    [
        Element("ProductReferentie", b.CDT_Referentie),
        Element("ToewijzingNummer", b.LDT_Nummer),
        Element("ProductCategorie", b.LDT_ProductCategorie),
        Element("ProductCode", b.LDT_ProductCode),
        Element("ProductPeriode", b.CDT_GeslotenPeriode),
        Element("GeleverdVolume", b.LDT_Volume),
        Element("Eenheid", b.LDT_Eenheid),
        Element("ProductTarief", b.LDT_Bedrag, optional=True),
        Element("IngediendBedrag", b.CDT_BedragMetDC),
    ],
)
Prestaties = wrapper("Prestaties", Prestatie)
Client = ComplexType(
    "Client",
    NS,
    [
        Element("Bsn", b.LDT_BurgerServicenummer),
        Element("Prestaties", Prestaties),
    ],
)
Clienten = wrapper("Clienten", Client)
# Gegevens over de ingediende declaratie.
Declaratie = ComplexType(
    "Declaratie",
    NS,
    [
        Element("DeclaratieNummer", b.LDT_IdentificatieDeclaratie.restrict(pattern="([a-zA-Z0-9])+")),
        Element("DeclaratiePeriode", b.CDT_GeslotenPeriode),
        Element("DeclaratieDagtekening", b.LDT_Datum),
        Element("TotaalIngediendBedrag", b.CDT_TotaalBedragMetDC),
        Element("Clienten", Clienten),
    ],
)
# Bericht voor declaratie Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Declaratie", Declaratie),
    ],
)
MESSAGE = Message("JW323", NS, Root)
