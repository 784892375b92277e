"""JW319: Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.

Transcribed from ``JW319.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .blocks import header
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw319/schema"

Header = header(NS, "488", afzender=b.LDT_Gemeente, ontvanger=b.LDT_AgbCode)
Woonplaatsbeginsel = ComplexType(
    "Woonplaatsbeginsel",
    NS,
    [
        Element("Gemeente", b.LDT_Gemeente),
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
    ],
)
# Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Antwoord", Antwoord),
    ],
)
MESSAGE = Message("JW319", NS, Root)
