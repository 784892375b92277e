"""JW325: Bericht met retourinformatie voor declaratie Jeugdhulp.

Transcribed from ``JW325.xsd``; each type is declared after the types it uses. Its clients and
prestaties are those of :mod:`.jw323`, each with ``RetourCodes``, so they are derived from there.
"""

from __future__ import annotations

from . import basis as b
from . import jw323
from .blocks import RetourMirror, header
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw325/schema"

_mirror = RetourMirror(NS)
RetourCodes = _mirror.retour_codes
Header = header(
    NS,
    "491",
    afzender=b.LDT_Gemeente,
    ontvanger=b.LDT_AgbCode,
    extra=[
        Element("DeclaratieIdentificatie", b.CDT_BerichtIdentificatie),
        Element("XsltVersie", b.LDT_Versie, optional=True),
        Element("XsdVersieDeclaratie", b.CDT_XsdVersie),
        Element("RetourCodes", RetourCodes),
    ],
)
# The clients and prestaties of the JW323, each with its RetourCodes.
Clienten = _mirror(jw323.Clienten)
Client = _mirror.types["Client"]
Prestaties = _mirror.types["Prestaties"]
Prestatie = _mirror.types["Prestatie"]
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
