"""JW325: Bericht met retourinformatie voor declaratie Jeugdhulp.

Transcribed from ``JW325.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw325/schema"

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
        Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern="491")),
        Element("BerichtVersie", b.LDT_BerichtVersie.restrict(pattern="3")),
        Element("BerichtSubversie", b.LDT_BerichtSubversie.restrict(pattern="2")),
        Element("Afzender", b.LDT_Gemeente),
        Element("Ontvanger", b.LDT_AgbCode),
        Element("BerichtIdentificatie", b.CDT_BerichtIdentificatie),
        Element("XsdVersie", b.CDT_XsdVersie),
        Element("DeclaratieIdentificatie", b.CDT_BerichtIdentificatie),
        Element("XsltVersie", b.LDT_Versie, optional=True),
        Element("XsdVersieDeclaratie", b.CDT_XsdVersie),
        Element("RetourCodes", RetourCodes),
    ],
)
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
        Element("RetourCodes", RetourCodes),
    ],
)
Prestaties = ComplexType(
    "Prestaties",
    NS,
    [
        Element("Prestatie", Prestatie, repeats=True),
    ],
)
Client = ComplexType(
    "Client",
    NS,
    [
        Element("Bsn", b.LDT_BurgerServicenummer),
        Element("Prestaties", Prestaties),
        Element("RetourCodes", RetourCodes),
    ],
)
Clienten = ComplexType(
    "Clienten",
    NS,
    [
        Element("Client", Client, repeats=True),
    ],
)
# Gegevens over het antwoord op een ingediende declaratie.
DeclaratieAntwoord = ComplexType(
    "DeclaratieAntwoord",
    NS,
    [
        Element("DeclaratieNummer", b.LDT_IdentificatieDeclaratie),
        Element("TotaalIngediendBedrag", b.CDT_TotaalBedragMetDC),
        Element("TotaalToegekendBedrag", b.CDT_TotaalBedragMetDC),
        Element("Clienten", Clienten, optional=True),
        Element("RetourCodes", RetourCodes),
    ],
)
# Bericht met retourinformatie voor declaratie Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("DeclaratieAntwoord", DeclaratieAntwoord, optional=True),
    ],
)
MESSAGE = Message("JW325", NS, Root)
