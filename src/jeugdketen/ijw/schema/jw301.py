"""JW301: Bericht voor de toewijzing van Jeugdhulp aan een aanbieder.

Transcribed from ``JW301.xsd``; each type is declared after the types it uses.
"""

from __future__ import annotations

from . import basis as b
from .blocks import client_identity, header, wrapper
from .types import ComplexType, Element, Message

NS = "http://www.istandaarden.nl/ijw/3_2/jw301/schema"

Header = header(NS, "436", afzender=b.LDT_Gemeente, ontvanger=b.LDT_AgbCode)
# Gegevens voor de aanduiding van het adres van de client of relatie.
Contact = ComplexType(
    "Contact",
    NS,
    [
        Element("Soort", b.LDT_AdresSoort),
        Element("Adres", b.CDT_Adres, optional=True),
        Element("Organisatie", b.LDT_Organisatienaam, optional=True),
        Element("Telefoon", b.CDT_Telefoonnummers, optional=True),
        Element("Emailadres", b.LDT_Emailadres, optional=True),
        Element("Periode", b.CDT_OpenPeriode, optional=True),
    ],
)
# Persoonsgegevens van de relatie van de client.
Relatie = ComplexType(
    "Relatie",
    NS,
    [
        Element("Nummer", b.LDT_Persoonsid),
        Element("Volgorde", b.LDT_RelatieVolgorde, optional=True),
        Element("Soort", b.LDT_SoortRelatie),
        Element("Geboortedatum", b.CDT_Geboortedatum, optional=True),
        Element("Geslacht", b.LDT_Geslacht, optional=True),
        Element("Naam", b.CDT_VolledigeNaam),
        Element("Contact", Contact),
    ],
)
Relaties = wrapper("Relaties", Relatie)
Contactgegevens = wrapper("Contactgegevens", Contact)
# Gegevens over een product dat de gemeente toewijst aan een aanbieder.
ToegewezenProduct = ComplexType(
    "ToegewezenProduct",
    NS,
    [
        Element("ToewijzingNummer", b.LDT_Nummer),
        Element("ReferentieAanbieder", b.LDT_Referentie, optional=True),
        Element("Product", b.CDT_Product, optional=True),
        Element("Toewijzingsdatum", b.LDT_Datum),
        Element("Toewijzingstijd", b.LDT_Tijd),
        Element("Ingangsdatum", b.LDT_Datum),
        Element("Einddatum", b.LDT_Datum, optional=True),
        Element("RedenWijziging", b.LDT_RedenWijziging, optional=True),
        Element("Omvang", b.CDT_Omvang, optional=True),
        Element("Budget", b.LDT_Budget, optional=True),
        Element("Commentaar", b.LDT_Commentaar, optional=True),
    ],
)
ToegewezenProducten = wrapper("ToegewezenProducten", ToegewezenProduct)
# Persoonsgegevens van de client.
Client = ComplexType(
    "Client",
    NS,
    [
        *client_identity(b.CDT_VolledigeNaam),
        Element("Communicatie", b.CDT_Communicatie, optional=True),
        Element("JuridischeStatus", b.LDT_JuridischeStatus, optional=True),
        Element("WettelijkeVertegenwoordiging", b.LDT_WettelijkeVertegenwoordiging, optional=True),
        Element("Commentaar", b.LDT_Commentaar, optional=True),
        Element("Relaties", Relaties, optional=True),
        Element("Contactgegevens", Contactgegevens),
        Element("ToegewezenProducten", ToegewezenProducten),
    ],
)
# Bericht voor de toewijzing van Jeugdhulp aan een aanbieder.
Root = ComplexType(
    "Root",
    NS,
    [
        Element("Header", Header),
        Element("Client", Client),
    ],
)
MESSAGE = Message("JW301", NS, Root)
