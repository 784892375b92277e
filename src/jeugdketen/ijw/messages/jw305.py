"""JW305: Bericht voor het melden van de start van levering van Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw305`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw305 as s
from . import basis as b
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "438"


@dataclass(kw_only=True)
class StartProduct(Model):
    """Gegevens over het product waarvan de levering gestart is."""

    _schema: ClassVar = s.StartProduct

    toewijzing_nummer: int | None = None
    product: b.Product | None = None
    toewijzing_ingangsdatum: dt.date | None = None
    begindatum: dt.date
    status_aanlevering: str


@dataclass(kw_only=True)
class Client(Model):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    bsn: str
    geboortedatum: b.Geboortedatum
    geslacht: str
    naam: b.VerkorteNaam
    start_producten: list[StartProduct] = field(default_factory=list)


@dataclass(kw_only=True)
class JW305(Root):
    """Bericht voor het melden van de start van levering van Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client
