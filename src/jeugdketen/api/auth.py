"""Token authentication per organisation: ``Authorization: Token jk_...``.

The token maps to an :class:`~jeugdketen.accounts.access.OrganisationPrincipal`, which
:mod:`jeugdketen.accounts.access` scopes like a user of that municipality or provider.
Tokens never travel in URLs (Dutch API Design Rules); query-string tokens are not read.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from jeugdketen.accounts.access import OrganisationPrincipal
from jeugdketen.accounts.tokens import lookup


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Ongeldige Authorization-header: verwacht 'Token <sleutel>'."
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Ongeldig token.") from exc
        token = lookup(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Ongeldig of ingetrokken token.")
        return OrganisationPrincipal(token), token

    def authenticate_header(self, request):
        return self.keyword


class OrganisationTokenScheme(OpenApiAuthenticationExtension):
    target_class = OrganisationTokenAuthentication
    name = "organisatieToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token per gemeente of aanbieder: `Authorization: Token jk_...`",
        }
