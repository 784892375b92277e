"""JW318: Bericht voor Verzoek om wijziging Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw318`. Its classes are
those of :mod:`.jw317`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw318 as s
from . import blocks, jw317
from .model import Root


@dataclass(kw_only=True)
class Header(blocks.RetourHeader):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "487"


@dataclass(kw_only=True)
class OngewijzigdProduct(jw317.OngewijzigdProduct):
    """Gegevens over het product dat ongewijzigd voortgezet gaat worden."""

    _schema: ClassVar = s.OngewijzigdProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class TeWijzigenProduct(jw317.TeWijzigenProduct):
    """Gegevens over het product waarvoor een wijziging wordt aangevraagd."""

    _schema: ClassVar = s.TeWijzigenProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class NieuwProduct(jw317.NieuwProduct):
    """Gegevens over het product waarvoor een toewijzing wordt aangevraagd."""

    _schema: ClassVar = s.NieuwProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Verzoek(jw317.Verzoek):
    """``Verzoek``."""

    _schema: ClassVar = s.Verzoek

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(jw317.Client):
    """``Client``."""

    _schema: ClassVar = s.Client

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW318(Root):
    """Bericht voor Verzoek om wijziging Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
