"""JW317: Bericht voor Verzoek om wijziging Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw317`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw317 as s
from . import basis as b
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "486"


@dataclass(kw_only=True)
class OngewijzigdProduct(Model):
    """Gegevens over het product dat ongewijzigd voortgezet gaat worden."""

    _schema: ClassVar = s.OngewijzigdProduct

    toewijzing_nummer: int


@dataclass(kw_only=True)
class TeWijzigenProduct(Model):
    """Gegevens over het product waarvoor een wijziging wordt aangevraagd."""

    _schema: ClassVar = s.TeWijzigenProduct

    toewijzing_nummer: int
    gewenste_ingangsdatum: dt.date
    einddatum: dt.date | None = None
    omvang: b.Omvang | None = None
    budget: int | None = None


@dataclass(kw_only=True)
class NieuwProduct(Model):
    """Gegevens over het product waarvoor een toewijzing wordt aangevraagd."""

    _schema: ClassVar = s.NieuwProduct

    product: b.Product | None = None
    gewenste_ingangsdatum: dt.date
    einddatum: dt.date | None = None
    omvang: b.Omvang | None = None
    budget: int | None = None


@dataclass(kw_only=True)
class Verzoek(Model):
    """``Verzoek``."""

    _schema: ClassVar = s.Verzoek

    referentie_aanbieder: str
    reden_verzoek: str
    ongewijzigde_producten: list[OngewijzigdProduct] = field(default_factory=list)
    te_wijzigen_producten: list[TeWijzigenProduct] = field(default_factory=list)
    nieuwe_producten: list[NieuwProduct] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(Model):
    """``Client``."""

    _schema: ClassVar = s.Client

    bsn: str
    verzoek: Verzoek


@dataclass(kw_only=True)
class JW317(Root):
    """Bericht voor Verzoek om wijziging Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client
