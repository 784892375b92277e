"""Template filters that show a client without personal data, for lists and worklists.

Only the client file (:func:`jeugdketen.toegang.views.client_file`) shows BSN, names,
birth date and address; everywhere else a client is its number, initials and the last
three digits of the BSN (:mod:`jeugdketen.core.privacy`).
"""

from django import template

from jeugdketen.core.privacy import mask_bsn, mask_name
from jeugdketen.ijw import codes

register = template.Library()


@register.filter
def client_masked(client) -> str:
    if client is None:
        return "—"
    initials = " ".join(
        x for x in (mask_name(client.given_name or client.initials), mask_name(client.last_name)) if x
    )
    return f"Cliënt {client.pk} · {initials} · BSN {mask_bsn(client.bsn)}"


@register.filter
def bsn_masked(value: str) -> str:
    return mask_bsn(value or "")


@register.filter
def code_meaning(value: str, code_list: str) -> str:
    """``{{ t.unit|code_meaning:"WJ756" }}``: the Dutch meaning of an iJw code."""
    if not value:
        return ""
    found = getattr(codes, code_list, None)
    return f"{value} – {found.meaning(value)}" if found is not None else value
