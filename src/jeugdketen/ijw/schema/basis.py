"""The iJw 3.2 basisschema as Python declarations: the shared LDT_* and CDT_* types.

Transcribed from ``basisschema.xsd`` (BasisschemaXsdVersie 0.1.0). Every message schema builds on
these types; the elements of a ``CDT_*`` type live in the basisschema namespace, which is why the
examples write ``<ijw:Identificatie>`` inside ``<jw323:BerichtIdentificatie>``. Code-list
enumerations refer to :mod:`jeugdketen.ijw.codes`, which holds exactly the XSD's codes.
"""

from __future__ import annotations

from .. import codes
from .types import ComplexType, Element, date, integer, string, time

NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"

# Simple types (LDT_*), in the order of the basisschema.

LDT_AanduidingWoonadres = string("LDT_AanduidingWoonadres", max_length=2, enumeration=codes.NUM061)
LDT_AdresSoort = string("LDT_AdresSoort", max_length=2, enumeration=codes.COD757)
LDT_AgbCode = string("LDT_AgbCode", min_length=1, max_length=8, pattern="[0-9]{8}")
LDT_Bedrag = integer("LDT_Bedrag", min_value=0, max_value=99999999)
LDT_BerichtCode = string("LDT_BerichtCode", min_length=1, max_length=3)
LDT_BerichtSubversie = integer("LDT_BerichtSubversie", min_value=0, max_value=99)
LDT_BerichtVersie = integer("LDT_BerichtVersie", min_value=0, max_value=99)
LDT_Budget = integer("LDT_Budget", min_value=0, max_value=99999999)
LDT_BurgerServicenummer = string("LDT_BurgerServicenummer", min_length=1, max_length=9, pattern="[0-9]{9}")
LDT_Commentaar = string("LDT_Commentaar", min_length=1, pattern=r"([.\s]*\S+[.\s]*)+")
LDT_Communicatievorm = string("LDT_Communicatievorm", max_length=1, enumeration=codes.COD747)
LDT_Datum = date("LDT_Datum", pattern="[^:Z]*")
LDT_DatumGebruik = string("LDT_DatumGebruik", max_length=1, enumeration=codes.COD170)
LDT_DebetCredit = string("LDT_DebetCredit", max_length=1, enumeration=codes.COD043)
LDT_Eenheid = string("LDT_Eenheid", max_length=2, enumeration=codes.WJ756)
LDT_Emailadres = string("LDT_Emailadres", min_length=1, max_length=80, pattern=r".*[^\s].*")
LDT_Frequentie = string("LDT_Frequentie", max_length=1, enumeration=codes.WMO757)
LDT_Gemeente = string("LDT_Gemeente", min_length=1, pattern="[0-9]{4}")
LDT_Geslacht = string("LDT_Geslacht", max_length=1, enumeration=codes.COD046)
LDT_Huisletter = string("LDT_Huisletter", min_length=1, max_length=1, pattern=r".*[^\s].*")
LDT_Huisnummer = integer("LDT_Huisnummer", min_value=0, max_value=99999)
LDT_HuisnummerToevoeging = string(
    "LDT_HuisnummerToevoeging", min_length=1, max_length=4, pattern=r".*[^\s].*"
)
LDT_IdentificatieBericht = string(
    "LDT_IdentificatieBericht", min_length=1, max_length=12, pattern=r".*[^\s].*"
)
LDT_IdentificatieDeclaratie = string("LDT_IdentificatieDeclaratie", min_length=1, max_length=12)
LDT_JaNee = string("LDT_JaNee", max_length=1, enumeration=codes.COD260)
LDT_JuridischeStatus = string("LDT_JuridischeStatus", max_length=2, enumeration=codes.WJ232)
LDT_LandCode = string("LDT_LandCode", max_length=2, enumeration=codes.COD032)
LDT_Landnummer = string("LDT_Landnummer", min_length=1, max_length=4, pattern=r".*[^\s].*")
LDT_Naam = string("LDT_Naam", min_length=1, max_length=200, pattern=r".*[^\s].*")
LDT_NaamGebruik = string("LDT_NaamGebruik", max_length=1, enumeration=codes.COD700)
LDT_NaamVerwijzer = string("LDT_NaamVerwijzer", min_length=1, max_length=64, pattern=r".*[^\s].*")
LDT_Nummer = integer("LDT_Nummer", min_value=0, max_value=999999999)
LDT_Organisatienaam = string("LDT_Organisatienaam", min_length=1, max_length=35, pattern=r".*[^\s].*")
LDT_Persoonsid = string("LDT_Persoonsid", min_length=1, max_length=20, pattern=r".*[^\s].*")
LDT_Plaatsnaam = string("LDT_Plaatsnaam", min_length=1, max_length=80, pattern=r".*[^\s].*")
LDT_Postcode = string("LDT_Postcode", min_length=1, max_length=8, pattern=r".*[^\s].*")
LDT_ProductCategorie = string("LDT_ProductCategorie", max_length=2, enumeration=codes.JZ020)
LDT_ProductCode = string("LDT_ProductCode", min_length=1, max_length=5, pattern=r".*[^\s].*")
LDT_RedenAfwijzingVerzoek = string("LDT_RedenAfwijzingVerzoek", max_length=2, enumeration=codes.WJ759)
LDT_RedenBeeindiging = string("LDT_RedenBeeindiging", max_length=2, enumeration=codes.JZ588)
LDT_RedenVerzoek = string("LDT_RedenVerzoek", max_length=1, enumeration=codes.WJ758)
LDT_RedenWijziging = string("LDT_RedenWijziging", max_length=2, enumeration=codes.JZ002)
LDT_Referentie = string("LDT_Referentie", min_length=1, max_length=36, pattern=r".*[^\s].*")
LDT_ReferentieNummer = string("LDT_ReferentieNummer", min_length=1, max_length=20)
LDT_RelatieVolgorde = integer("LDT_RelatieVolgorde", min_value=0, max_value=99)
LDT_RetourCode = string("LDT_RetourCode", max_length=4, enumeration=codes.WJ001)
LDT_SoortRelatie = string("LDT_SoortRelatie", max_length=2, enumeration=codes.COD472)
LDT_StatusAanlevering = string("LDT_StatusAanlevering", max_length=1, enumeration=codes.COD467)
LDT_Straatnaam = string("LDT_Straatnaam", min_length=1, max_length=24, pattern=r".*[^\s].*")
LDT_Taal = string("LDT_Taal", min_length=1, max_length=25, pattern=r".*[^\s].*")
LDT_Telefoonnummer = string("LDT_Telefoonnummer", min_length=1, max_length=15, pattern="[0-9]*")
LDT_Tijd = time("LDT_Tijd", pattern="[^Z+-]+")
LDT_TotaalBedrag = integer("LDT_TotaalBedrag", min_value=0, max_value=999999999999)
LDT_TypeVerwijzer = string("LDT_TypeVerwijzer", max_length=2, enumeration=codes.COD327)
LDT_Versie = string("LDT_Versie", min_length=1, pattern=r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
LDT_VerzoekAntwoord = string("LDT_VerzoekAntwoord", max_length=1, enumeration=codes.WJ760)
LDT_Volume = integer("LDT_Volume", min_value=0, max_value=99999999)
LDT_Voorletters = string("LDT_Voorletters", min_length=1, max_length=6, pattern="([a-zA-ZÀ-ỳ])+")
LDT_Voorvoegsel = string("LDT_Voorvoegsel", min_length=1, max_length=10, pattern=r".*[^\s].*")
LDT_WettelijkeVertegenwoordiging = string(
    "LDT_WettelijkeVertegenwoordiging", max_length=2, enumeration=codes.WJ003
)

# Composite types (CDT_*), each after the types it uses.

CDT_Achternaam = ComplexType(
    "CDT_Achternaam",
    NS,
    [
        Element("Achternaam", LDT_Naam),
        Element("Voorvoegsel", LDT_Voorvoegsel, optional=True),
    ],
)
CDT_Huis = ComplexType(
    "CDT_Huis",
    NS,
    [
        Element("Huisnummer", LDT_Huisnummer),
        Element("Huisletter", LDT_Huisletter, optional=True),
        Element("HuisnummerToevoeging", LDT_HuisnummerToevoeging, optional=True),
        Element("AanduidingWoonadres", LDT_AanduidingWoonadres, optional=True),
    ],
)
CDT_Adres = ComplexType(
    "CDT_Adres",
    NS,
    [
        Element("Huis", CDT_Huis, optional=True),
        Element("Postcode", LDT_Postcode, optional=True),
        Element("Straatnaam", LDT_Straatnaam, optional=True),
        Element("Plaatsnaam", LDT_Plaatsnaam, optional=True),
        Element("LandCode", LDT_LandCode, optional=True),
    ],
)
CDT_BedragMetDC = ComplexType(
    "CDT_BedragMetDC",
    NS,
    [
        Element("Bedrag", LDT_Bedrag),
        Element("DebetCredit", LDT_DebetCredit),
    ],
)
CDT_BerichtIdentificatie = ComplexType(
    "CDT_BerichtIdentificatie",
    NS,
    [
        Element("Identificatie", LDT_IdentificatieBericht),
        Element("Dagtekening", LDT_Datum),
    ],
)
CDT_Communicatie = ComplexType(
    "CDT_Communicatie",
    NS,
    [
        Element("Vorm", LDT_Communicatievorm),
        Element("Taal", LDT_Taal, optional=True),
    ],
)
CDT_Geboortedatum = ComplexType(
    "CDT_Geboortedatum",
    NS,
    [
        Element("Datum", LDT_Datum),
        Element("DatumGebruik", LDT_DatumGebruik, optional=True),
    ],
)
CDT_GeslotenPeriode = ComplexType(
    "CDT_GeslotenPeriode",
    NS,
    [
        Element("Begindatum", LDT_Datum),
        Element("Einddatum", LDT_Datum),
    ],
)
CDT_Omvang = ComplexType(
    "CDT_Omvang",
    NS,
    [
        Element("Volume", LDT_Volume),
        Element("Eenheid", LDT_Eenheid),
        Element("Frequentie", LDT_Frequentie),
    ],
)
CDT_OpenPeriode = ComplexType(
    "CDT_OpenPeriode",
    NS,
    [
        Element("Begindatum", LDT_Datum, optional=True),
        Element("Einddatum", LDT_Datum, optional=True),
    ],
)
CDT_Product = ComplexType(
    "CDT_Product",
    NS,
    [
        Element("Categorie", LDT_ProductCategorie),
        Element("Code", LDT_ProductCode, optional=True),
    ],
)
CDT_Referentie = ComplexType(
    "CDT_Referentie",
    NS,
    [
        Element("ReferentieNummer", LDT_ReferentieNummer),
        Element("VorigReferentieNummer", LDT_ReferentieNummer, optional=True),
    ],
)
CDT_Telefoon = ComplexType(
    "CDT_Telefoon",
    NS,
    [
        Element("Telefoonnummer", LDT_Telefoonnummer),
        Element("Landnummer", LDT_Landnummer),
    ],
)
CDT_Telefoonnummers = ComplexType(
    "CDT_Telefoonnummers",
    NS,
    [
        Element("Telefoon01", CDT_Telefoon),
        Element("Telefoon02", CDT_Telefoon, optional=True),
    ],
)
CDT_TotaalBedragMetDC = ComplexType(
    "CDT_TotaalBedragMetDC",
    NS,
    [
        Element("TotaalBedrag", LDT_TotaalBedrag),
        Element("DebetCredit", LDT_DebetCredit),
    ],
)
CDT_VerkorteNaam = ComplexType(
    "CDT_VerkorteNaam",
    NS,
    [
        Element("Geslachtsnaam", CDT_Achternaam),
        Element("Voornamen", LDT_Naam, optional=True),
        Element("Voorletters", LDT_Voorletters, optional=True),
    ],
)
CDT_Verwijzer = ComplexType(
    "CDT_Verwijzer",
    NS,
    [
        Element("Type", LDT_TypeVerwijzer),
        Element("Naam", LDT_NaamVerwijzer, optional=True),
        Element("ZorgverlenerCode", LDT_AgbCode, optional=True),
    ],
)
CDT_VolledigeNaam = ComplexType(
    "CDT_VolledigeNaam",
    NS,
    [
        Element("Geslachtsnaam", CDT_Achternaam),
        Element("Partnernaam", CDT_Achternaam, optional=True),
        Element("Voornamen", LDT_Naam, optional=True),
        Element("Voorletters", LDT_Voorletters, optional=True),
        Element("NaamGebruik", LDT_NaamGebruik),
    ],
)
CDT_XsdVersie = ComplexType(
    "CDT_XsdVersie",
    NS,
    [
        Element("BasisschemaXsdVersie", LDT_Versie),
        Element("BerichtXsdVersie", LDT_Versie),
    ],
)
