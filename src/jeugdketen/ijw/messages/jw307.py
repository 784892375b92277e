"""JW307: Bericht voor het melden van de stop van levering van Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw307`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw307 as s
from . import basis as b
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "440"


@dataclass(kw_only=True)
class StopProduct(Model):
    """Gegevens over het beeindigen van de levering van ondersteuning."""

    _schema: ClassVar = s.StopProduct

    toewijzing_nummer: int | None = None
    product: b.Product | None = None
    toewijzing_ingangsdatum: dt.date | None = None
    begindatum: dt.date
    reden_beeindiging: str
    einddatum: dt.date
    status_aanlevering: str


@dataclass(kw_only=True)
class Client(Model):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    bsn: str
    geboortedatum: b.Geboortedatum
    geslacht: str
    naam: b.VerkorteNaam
    stop_producten: list[StopProduct] = field(default_factory=list)


@dataclass(kw_only=True)
class JW307(Root):
    """Bericht voor het melden van de stop van levering van Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client
