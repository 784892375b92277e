"""JW318: Bericht voor Verzoek om wijziging Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw318`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw318 as s
from . import basis as b
from .model import Model, Root


@dataclass(kw_only=True)
class Header(Model):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "487"
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
class OngewijzigdProduct(Model):
    """Gegevens over het product dat ongewijzigd voortgezet gaat worden."""

    _schema: ClassVar = s.OngewijzigdProduct

    toewijzing_nummer: int
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class TeWijzigenProduct(Model):
    """Gegevens over het product waarvoor een wijziging wordt aangevraagd."""

    _schema: ClassVar = s.TeWijzigenProduct

    toewijzing_nummer: int
    gewenste_ingangsdatum: dt.date
    einddatum: dt.date | None = None
    omvang: b.Omvang | None = None
    budget: int | None = None
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class NieuwProduct(Model):
    """Gegevens over het product waarvoor een toewijzing wordt aangevraagd."""

    _schema: ClassVar = s.NieuwProduct

    product: b.Product | None = None
    gewenste_ingangsdatum: dt.date
    einddatum: dt.date | None = None
    omvang: b.Omvang | None = None
    budget: int | None = None
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Verzoek(Model):
    """``Verzoek``."""

    _schema: ClassVar = s.Verzoek

    referentie_aanbieder: str
    reden_verzoek: str
    ongewijzigde_producten: list[OngewijzigdProduct] = field(default_factory=list)
    te_wijzigen_producten: list[TeWijzigenProduct] = field(default_factory=list)
    nieuwe_producten: list[NieuwProduct] = field(default_factory=list)
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(Model):
    """``Client``."""

    _schema: ClassVar = s.Client

    bsn: str
    verzoek: Verzoek
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW318(Root):
    """Bericht voor Verzoek om wijziging Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
