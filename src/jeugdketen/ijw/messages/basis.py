"""Dataclasses for the basisschema's composite types (``CDT_*``), shared by every message.

Written from :mod:`jeugdketen.ijw.schema.basis`; field names are the snake_case element names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from ..schema import basis as bs
from .model import Model


@dataclass(kw_only=True)
class Achternaam(Model):
    """De achternaam van een natuurlijk persoon, aangeduid als Naam met Voorvoegsel."""

    _schema: ClassVar = bs.CDT_Achternaam

    achternaam: str
    voorvoegsel: str | None = None


@dataclass(kw_only=True)
class Huis(Model):
    """Aanduiding van een specifiek huis in een straat, onderdeel van het adres."""

    _schema: ClassVar = bs.CDT_Huis

    huisnummer: int
    huisletter: str | None = None
    huisnummer_toevoeging: str | None = None
    aanduiding_woonadres: str | None = None


@dataclass(kw_only=True)
class Adres(Model):
    """Gegevens voor de aanduiding van een adres."""

    _schema: ClassVar = bs.CDT_Adres

    huis: Huis | None = None
    postcode: str | None = None
    straatnaam: str | None = None
    plaatsnaam: str | None = None
    land_code: str | None = None


@dataclass(kw_only=True)
class BedragMetDC(Model):
    """Samengesteld bedrag met DebetCredit indicatie."""

    _schema: ClassVar = bs.CDT_BedragMetDC

    bedrag: int
    debet_credit: str


@dataclass(kw_only=True)
class BerichtIdentificatie(Model):
    """Naam of nummer en dagtekening ter identificatie van een totale aanlevering."""

    _schema: ClassVar = bs.CDT_BerichtIdentificatie

    identificatie: str
    dagtekening: dt.date


@dataclass(kw_only=True)
class Communicatie(Model):
    """Aanduiding over bijzondere vorm van communicatie die gebruikt dient te worden."""

    _schema: ClassVar = bs.CDT_Communicatie

    vorm: str
    taal: str | None = None


@dataclass(kw_only=True)
class Geboortedatum(Model):
    """Datum waarop een natuurlijk persoon geboren is."""

    _schema: ClassVar = bs.CDT_Geboortedatum

    datum: dt.date
    datum_gebruik: str | None = None


@dataclass(kw_only=True)
class GeslotenPeriode(Model):
    """Tijdsperiode met zowel begin- als einddatum"""

    _schema: ClassVar = bs.CDT_GeslotenPeriode

    begindatum: dt.date
    einddatum: dt.date


@dataclass(kw_only=True)
class Omvang(Model):
    """Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid
    en Frequentie.
    """

    _schema: ClassVar = bs.CDT_Omvang

    volume: int
    eenheid: str
    frequentie: str


@dataclass(kw_only=True)
class OpenPeriode(Model):
    """Aanduiding van een tijdsperiode met een Begindatum en/of een Einddatum."""

    _schema: ClassVar = bs.CDT_OpenPeriode

    begindatum: dt.date | None = None
    einddatum: dt.date | None = None


@dataclass(kw_only=True)
class Product(Model):
    """Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van
    ondersteuning aan een client. Product wordt uitgedrukt in een categorie en eventueel nader
    gespecificeerd met een specifieke productcode.
    """

    _schema: ClassVar = bs.CDT_Product

    categorie: str
    code: str | None = None


@dataclass(kw_only=True)
class Referentie(Model):
    """``CDT_Referentie``."""

    _schema: ClassVar = bs.CDT_Referentie

    referentie_nummer: str
    vorig_referentie_nummer: str | None = None


@dataclass(kw_only=True)
class Telefoon(Model):
    """Het telefoonnummer waarop de client of relatie van de client te bereiken is."""

    _schema: ClassVar = bs.CDT_Telefoon

    telefoonnummer: str
    landnummer: str


@dataclass(kw_only=True)
class Telefoonnummers(Model):
    """De telefoonnummers waarop de client of relatie van de client te bereiken is."""

    _schema: ClassVar = bs.CDT_Telefoonnummers

    telefoon01: Telefoon
    telefoon02: Telefoon | None = None


@dataclass(kw_only=True)
class TotaalBedragMetDC(Model):
    """Samengesteld totaal bedrag met DebetCredit indicatie."""

    _schema: ClassVar = bs.CDT_TotaalBedragMetDC

    totaal_bedrag: int
    debet_credit: str


@dataclass(kw_only=True)
class VerkorteNaam(Model):
    """De naam van een natuurlijk persoon, aangeduid als Geslachtsnaam en eventueel Voornamen en/of
    Voorletters.
    """

    _schema: ClassVar = bs.CDT_VerkorteNaam

    geslachtsnaam: Achternaam
    voornamen: str | None = None
    voorletters: str | None = None


@dataclass(kw_only=True)
class Verwijzer(Model):
    """Gegevens over de persoon of instantie die een client heeft doorverwezen naar ondersteuning,
    aangeduid als Type en Naam of ZorgverlenerCode.
    """

    _schema: ClassVar = bs.CDT_Verwijzer

    type: str
    naam: str | None = None
    zorgverlener_code: str | None = None


@dataclass(kw_only=True)
class VolledigeNaam(Model):
    """Volledige naam van een natuurlijk persoon, aangeduid als Geslachtsnaam, eventueel Partnernaam,
    Voornamen en/of Voorletters en NaamGebruik.
    """

    _schema: ClassVar = bs.CDT_VolledigeNaam

    geslachtsnaam: Achternaam
    partnernaam: Achternaam | None = None
    voornamen: str | None = None
    voorletters: str | None = None
    naam_gebruik: str


@dataclass(kw_only=True)
class XsdVersie(Model):
    """``CDT_XsdVersie``."""

    _schema: ClassVar = bs.CDT_XsdVersie

    basisschema_xsd_versie: str
    bericht_xsd_versie: str
