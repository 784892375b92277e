"""JW301: Bericht voor de toewijzing van Jeugdhulp aan een aanbieder.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw301`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw301 as s
from . import basis as b
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "436"


@dataclass(kw_only=True)
class Contact(Model):
    """Gegevens voor de aanduiding van het adres van de client of relatie."""

    _schema: ClassVar = s.Contact

    soort: str
    adres: b.Adres | None = None
    organisatie: str | None = None
    telefoon: b.Telefoonnummers | None = None
    emailadres: str | None = None
    periode: b.OpenPeriode | None = None


@dataclass(kw_only=True)
class Relatie(Model):
    """Persoonsgegevens van de relatie van de client."""

    _schema: ClassVar = s.Relatie

    nummer: str
    volgorde: int | None = None
    soort: str
    geboortedatum: b.Geboortedatum | None = None
    geslacht: str | None = None
    naam: b.VolledigeNaam
    contact: Contact


@dataclass(kw_only=True)
class ToegewezenProduct(Model):
    """Gegevens over een product dat de gemeente toewijst aan een aanbieder."""

    _schema: ClassVar = s.ToegewezenProduct

    toewijzing_nummer: int
    referentie_aanbieder: str | None = None
    product: b.Product | None = None
    toewijzingsdatum: dt.date
    toewijzingstijd: dt.time
    ingangsdatum: dt.date
    einddatum: dt.date | None = None
    reden_wijziging: str | None = None
    omvang: b.Omvang | None = None
    budget: int | None = None
    commentaar: str | None = None


@dataclass(kw_only=True)
class Client(Model):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    bsn: str
    geboortedatum: b.Geboortedatum
    geslacht: str
    naam: b.VolledigeNaam
    communicatie: b.Communicatie | None = None
    juridische_status: str | None = None
    wettelijke_vertegenwoordiging: str | None = None
    commentaar: str | None = None
    relaties: list[Relatie] = field(default_factory=list)
    contactgegevens: list[Contact] = field(default_factory=list)
    toegewezen_producten: list[ToegewezenProduct] = field(default_factory=list)


@dataclass(kw_only=True)
class JW301(Root):
    """Bericht voor de toewijzing van Jeugdhulp aan een aanbieder."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client
