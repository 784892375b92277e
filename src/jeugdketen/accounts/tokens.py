"""Organisation tokens: issued once, stored as a SHA-256 hash, bound to one organisation.

A token is 40 bytes of randomness, url-safe encoded, with a ``jk_`` prefix so secret
scanners recognise it. Because the token has that much entropy a plain SHA-256 is enough
(no salt or slow hash needed, unlike passwords), and it lets the lookup use the index.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import OrganisationToken

PREFIX = "jk_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(*, label: str, municipality=None, provider=None) -> tuple[OrganisationToken, str]:
    """Create a token for exactly one organisation; returns the row and the key (shown once)."""
    if (municipality is None) == (provider is None):
        raise ValueError("a token belongs to exactly one municipality or one provider")
    key = PREFIX + secrets.token_urlsafe(40)
    token = OrganisationToken.objects.create(
        key_hash=hash_key(key), label=label, municipality=municipality, provider=provider
    )
    return token, key


def lookup(key: str) -> OrganisationToken | None:
    """The active token for `key`, or None."""
    if not key or len(key) > 200:
        return None
    return (
        OrganisationToken.objects.select_related("municipality", "provider")
        .filter(key_hash=hash_key(key), revoked__isnull=True)
        .first()
    )


def revoke(token: OrganisationToken) -> None:
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
