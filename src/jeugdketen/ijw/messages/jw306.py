"""JW306: Bericht voor het melden van de start van levering van Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw306`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw306 as s
from . import basis as b
from .model import Model, Root


@dataclass(kw_only=True)
class Header(Model):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "439"
    bericht_versie: int = 3
    bericht_subversie: int = 2
    afzender: str
    ontvanger: str
    bericht_identificatie: b.BerichtIdentificatie
    xsd_versie: b.XsdVersie
    identificatie_retour: str
    dagtekening_retour: dt.date
    xslt_versie: str | None = None
    xsd_versie_retour: b.XsdVersie
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class StartProduct(Model):
    """Gegevens over het product waarvan de levering gestart is."""

    _schema: ClassVar = s.StartProduct

    toewijzing_nummer: int | None = None
    product: b.Product | None = None
    toewijzing_ingangsdatum: dt.date | None = None
    begindatum: dt.date
    status_aanlevering: str
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(Model):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    bsn: str
    geboortedatum: b.Geboortedatum
    geslacht: str
    naam: b.VerkorteNaam
    start_producten: list[StartProduct] = field(default_factory=list)
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW306(Root):
    """Bericht voor het melden van de start van levering van Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
