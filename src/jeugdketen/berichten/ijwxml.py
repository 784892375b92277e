"""Adapter from this project's models to the typed iJw 3.2 messages of :mod:`jeugdketen.ijw`.

Every builder here fills the dataclass model of its message (``jeugdketen.ijw.messages``)
from the app's clients and toewijzingen and returns ``model.to_tree()``: the library owns
element names, order and value formats, so there is one way to write a message.

Retour messages are built generically from the inbound message and the retour's schema
declaration in :mod:`jeugdketen.ijw.schema`: a retour mirrors its message and adds
RetourCodes as invulinstructie IV028 prescribes, by :func:`jeugdketen.ijw.build_retour`
(see :func:`retour`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jeugdketen.ijw.messages import basis as b
from jeugdketen.ijw.messages import jw301 as m301
from jeugdketen.ijw.messages import jw305 as m305
from jeugdketen.ijw.messages import jw307 as m307
from jeugdketen.ijw.messages import jw315 as m315
from jeugdketen.ijw.messages import jw317 as m317
from jeugdketen.ijw.messages import jw319 as m319
from jeugdketen.ijw.report import Issue, Report
from jeugdketen.ijw.retour import RETOUR_OF, build_retour
from jeugdketen.ijw.schema import MESSAGES
from jeugdketen.ijw.xml import Document

BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
XSD_VERSION = "1.0.0"
BERICHTCODE = {
    code: message.root.elements[0].type.elements[0].type.patterns[0] for code, message in MESSAGES.items()
}
RETOURS = frozenset(RETOUR_OF.values())
OK = "0200"  # WJ001: geen opmerking over deze berichtklasse


def _opt(value):
    """None for an absent value (None or empty), so the model leaves the element out."""
    return None if value in (None, "") else value


def _header(header_class, sender, receiver, identification, dagtekening):
    return header_class(
        afzender=sender,
        ontvanger=receiver,
        bericht_identificatie=b.BerichtIdentificatie(identificatie=identification, dagtekening=dagtekening),
        xsd_versie=b.XsdVersie(basisschema_xsd_versie=XSD_VERSION, bericht_xsd_versie=XSD_VERSION),
    )


def _gender(client) -> str:
    return client.gender if client.gender in ("0", "1", "2") else "0"


def _born(client) -> b.Geboortedatum:
    return b.Geboortedatum(datum=client.birth_date)


def _name(client, *, full: bool = False):
    """CDT_VolledigeNaam (NaamGebruik 1) when `full`, else CDT_VerkorteNaam."""
    family = b.Achternaam(achternaam=client.last_name, voorvoegsel=_opt(client.prefix))
    initials = "".join(ch for ch in (client.initials or "") if ch.isalpha())[:6]
    if full:
        return b.VolledigeNaam(
            geslachtsnaam=family,
            voornamen=_opt(client.given_name),
            voorletters=_opt(initials),
            naam_gebruik="1",
        )
    return b.VerkorteNaam(geslachtsnaam=family, voornamen=_opt(client.given_name), voorletters=_opt(initials))


def _product(category: str, code: str | None) -> b.Product | None:
    return b.Product(categorie=category, code=_opt(code)) if category else None


def _omvang(volume, unit, frequency) -> b.Omvang | None:
    if volume is None or not unit or not frequency:
        return None
    return b.Omvang(volume=int(volume), eenheid=unit, frequentie=frequency)


def _int(value) -> int | None:
    value = _opt(value)
    return None if value is None else int(value)


def _address(client) -> b.Adres | None:
    if not (client.house_number and client.house_number[:1].isdigit()):
        return None
    number = "".join(ch for ch in client.house_number if ch.isdigit())[:5]
    return b.Adres(
        huis=b.Huis(huisnummer=int(number)),
        postcode=_opt(client.postcode),
        straatnaam=_opt(client.street),
        plaatsnaam=_opt(client.city),
        land_code="NL",
    )


def _identity(client, *, full_name: bool = False) -> dict:
    """Bsn, Geboortedatum, Geslacht and Naam: how JW301, JW305, JW307 and JW315 start a client."""
    return {
        "bsn": client.bsn,
        "geboortedatum": _born(client),
        "geslacht": _gender(client),
        "naam": _name(client, full=full_name),
    }


def jw301(client, toewijzingen: Iterable, *, sender, receiver, identification, dagtekening, time="12:00:00"):
    """Toewijzing: every given toewijzing of this client at this provider (OP033x1 asks all current)."""
    toewijzingstijd = dt.time.fromisoformat(time) if isinstance(time, str) else time
    products = [
        m301.ToegewezenProduct(
            toewijzing_nummer=int(t.number),
            referentie_aanbieder=_opt(t.request_reference),
            product=_product(t.product_category, t.product_code),
            toewijzingsdatum=t.toewijzing_date,
            toewijzingstijd=toewijzingstijd,
            ingangsdatum=t.begin,
            einddatum=_opt(t.end),
            reden_wijziging=_opt(t.reden_wijziging),
            omvang=_omvang(t.volume, t.unit, t.frequency),
            budget=_int(t.budget_cents),
            commentaar=_opt(t.comment),
        )
        for t in toewijzingen
    ]
    message = m301.JW301(
        header=_header(m301.Header, sender, receiver, identification, dagtekening),
        client=m301.Client(
            **_identity(client, full_name=True),
            contactgegevens=[m301.Contact(soort="01", adres=_address(client))],
            toegewezen_producten=products,
        ),
    )
    return message.to_tree()


def jw305(client, starts: Iterable[tuple], *, sender, receiver, identification, dagtekening):
    """Start zorg; `starts` holds (toewijzing, begindatum, StatusAanlevering)."""
    message = m305.JW305(
        header=_header(m305.Header, sender, receiver, identification, dagtekening),
        client=m305.Client(
            **_identity(client),
            start_producten=[
                m305.StartProduct(
                    toewijzing_nummer=int(t.number),
                    product=_product(t.product_category, t.product_code),
                    toewijzing_ingangsdatum=t.begin,
                    begindatum=begin,
                    status_aanlevering=status,
                )
                for t, begin, status in starts
            ],
        ),
    )
    return message.to_tree()


def jw307(client, stops: Iterable[tuple], *, sender, receiver, identification, dagtekening):
    """Stop zorg; `stops` holds (toewijzing, begindatum, reden beëindiging, einddatum, status)."""
    message = m307.JW307(
        header=_header(m307.Header, sender, receiver, identification, dagtekening),
        client=m307.Client(
            **_identity(client),
            stop_producten=[
                m307.StopProduct(
                    toewijzing_nummer=int(t.number),
                    product=_product(t.product_category, t.product_code),
                    toewijzing_ingangsdatum=t.begin,
                    begindatum=begin,
                    reden_beeindiging=reason,
                    einddatum=end,
                    status_aanlevering=status,
                )
                for t, begin, reason, end, status in stops
            ],
        ),
    )
    return message.to_tree()


@dataclass
class Requested:
    """One AangevraagdProduct / NieuwProduct of a JW315 or JW317."""

    reference: str
    category: str
    code: str | None
    begin: dt.date
    end: dt.date | None = None
    volume: int | None = None
    unit: str = ""
    frequency: str = ""
    budget_cents: int | None = None
    referrer_code: str = "01"
    referrer_agb: str = ""
    referrer_name: str = ""


def _verwijzer(r: Requested) -> b.Verwijzer:
    if r.referrer_code == "06":
        return b.Verwijzer(type=r.referrer_code)
    if r.referrer_agb and r.referrer_code in ("02", "03", "04", "05"):
        return b.Verwijzer(type=r.referrer_code, zorgverlener_code=r.referrer_agb)
    return b.Verwijzer(type=r.referrer_code, naam=r.referrer_name or "onbekend")


def jw315(client, items: Iterable[Requested], *, sender, receiver, identification, dagtekening):
    message = m315.JW315(
        header=_header(m315.Header, sender, receiver, identification, dagtekening),
        client=m315.Client(
            **_identity(client),
            aangevraagde_producten=[
                m315.AangevraagdProduct(
                    referentie_aanbieder=r.reference,
                    product=_product(r.category, r.code),
                    toewijzing_ingangsdatum=r.begin,
                    toewijzing_einddatum=_opt(r.end),
                    omvang=_omvang(r.volume, r.unit, r.frequency),
                    budget=_int(r.budget_cents),
                    verwijzer=_verwijzer(r),
                )
                for r in items
            ],
        ),
    )
    return message.to_tree()


def jw317(
    client,
    *,
    reference: str,
    reason: str,
    unchanged: Iterable = (),
    changed: Iterable[tuple] = (),
    new: Iterable[Requested] = (),
    sender,
    receiver,
    identification,
    dagtekening,
):
    """Verzoek om wijziging; `changed` holds (toewijzing, gewenste ingangsdatum, einddatum, volume)."""
    request = m317.Verzoek(
        referentie_aanbieder=reference,
        reden_verzoek=reason,
        ongewijzigde_producten=[m317.OngewijzigdProduct(toewijzing_nummer=int(t.number)) for t in unchanged],
        te_wijzigen_producten=[
            m317.TeWijzigenProduct(
                toewijzing_nummer=int(t.number),
                gewenste_ingangsdatum=begin,
                einddatum=_opt(end),
                omvang=_omvang(volume, t.unit, t.frequency),
            )
            for t, begin, end, volume in changed
        ],
        nieuwe_producten=[
            m317.NieuwProduct(
                product=_product(r.category, r.code),
                gewenste_ingangsdatum=r.begin,
                einddatum=_opt(r.end),
                omvang=_omvang(r.volume, r.unit, r.frequency),
                budget=_int(r.budget_cents),
            )
            for r in new
        ],
    )
    message = m317.JW317(
        header=_header(m317.Header, sender, receiver, identification, dagtekening),
        client=m317.Client(bsn=client.bsn, verzoek=request),
    )
    return message.to_tree()


def jw319(
    *, reference, answer, reason="", right_municipality="", sender, receiver, identification, dagtekening
):
    """Antwoord: VerzoekAntwoord 1 (afgewezen, with WJ759 reason) or 2 (in onderzoek)."""
    message = m319.JW319(
        header=_header(m319.Header, sender, receiver, identification, dagtekening),
        antwoord=m319.Antwoord(
            referentie_aanbieder=reference,
            verzoek_antwoord=answer,
            reden_afwijzing_verzoek=_opt(reason),
            woonplaatsbeginsel=m319.Woonplaatsbeginsel(gemeente=right_municipality)
            if right_municipality
            else None,
        ),
    )
    return message.to_tree()


# --- retour messages -------------------------------------------------------------------------


def retour(original_root, issues: Iterable[Issue], *, code: str, identification, dagtekening):
    """The IV028 retour of `original_root` (a parsed JW301/305/307/315/317/319) with these issues.

    Delegates to :func:`jeugdketen.ijw.build_retour`, so the rules of invulinstructie IV028
    hold here too: no issues -> only the Header, without retourcodes; an in-message rule ->
    only the Header with 0001; a berichtoverstijgend issue in the Header (or without
    location, like TR056 for a duplicate) -> only the Header with its retourcode; issues in
    clients -> those clients whole with a code in every class and 0200 in the Header.
    Raises :class:`jeugdketen.ijw.retour.NoRetourError` for XSD issues: no retour is sent.
    """
    day = dagtekening if isinstance(dagtekening, dt.date) else dt.date.fromisoformat(str(dagtekening))
    document = build_retour(
        Document(MESSAGES[code], original_root),
        Report(code, issues=list(issues)),
        identificatie=identification,
        dagtekening=day,
        xsd_versie_retour=(XSD_VERSION, XSD_VERSION),
    )
    return document.root
