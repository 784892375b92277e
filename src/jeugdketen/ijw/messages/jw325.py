"""JW325: Bericht met retourinformatie voor declaratie Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw325`. Its clients and prestaties are
those of :mod:`.jw323`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw325 as s
from . import basis as b
from . import blocks, jw323
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "491"
    declaratie_identificatie: b.BerichtIdentificatie
    xslt_versie: str | None = None
    xsd_versie_declaratie: b.XsdVersie
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Prestatie(jw323.Prestatie):
    """``Prestatie``."""

    _schema: ClassVar = s.Prestatie

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(jw323.Client):
    """``Client``."""

    _schema: ClassVar = s.Client

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class DeclaratieAntwoord(Model):
    """Gegevens over het antwoord op een ingediende declaratie."""

    _schema: ClassVar = s.DeclaratieAntwoord

    declaratie_nummer: str
    totaal_ingediend_bedrag: b.TotaalBedragMetDC
    totaal_toegekend_bedrag: b.TotaalBedragMetDC
    clienten: list[Client] = field(default_factory=list)
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW325(Root):
    """Bericht met retourinformatie voor declaratie Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    declaratie_antwoord: DeclaratieAntwoord | None = None
