"""Issue, list and revoke API tokens for organisations."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jeugdketen.accounts.models import OrganisationToken
from jeugdketen.accounts.tokens import issue, revoke
from jeugdketen.audit.log import record


class Command(BaseCommand):
    help = "Issue (prints the token once), list or revoke API tokens for a municipality or provider."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue_parser = sub.add_parser("issue", help="issue a token; it is printed once and never stored")
        who = issue_parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--gemeente", metavar="CBS", help="CBS code of the municipality, e.g. 0363")
        who.add_argument("--aanbieder", metavar="AGB", help="AGB code of the provider")
        issue_parser.add_argument(
            "--label", required=True, help="what the token is for, e.g. 'VECOZO-koppeling'"
        )
        sub.add_parser("list", help="list tokens (never the tokens themselves)")
        revoke_parser = sub.add_parser("revoke", help="revoke a token by its id")
        revoke_parser.add_argument("id", type=int)

    def handle(self, *args, **options):
        from jeugdketen.catalogus.models import Municipality, Provider

        action = options["action"]
        if action == "issue":
            municipality = provider = None
            if options["gemeente"]:
                municipality = Municipality.objects.filter(cbs_code=options["gemeente"]).first()
                if municipality is None:
                    raise CommandError(f"geen gemeente met CBS-code {options['gemeente']}")
            else:
                provider = Provider.objects.filter(agb_code=options["aanbieder"]).first()
                if provider is None:
                    raise CommandError(f"geen aanbieder met AGB-code {options['aanbieder']}")
            token, key = issue(label=options["label"], municipality=municipality, provider=provider)
            record(
                actor="cli", action="create", obj=token, route="jeugdketen token issue", detail=token.label
            )
            self.stderr.write(
                f"Token {token.pk} voor {municipality or provider}. Bewaar het nu: het wordt niet opgeslagen."
            )
            self.stdout.write(key)
        elif action == "list":
            for token in OrganisationToken.objects.select_related("municipality", "provider").order_by("pk"):
                state = f"ingetrokken {token.revoked:%Y-%m-%d}" if token.revoked else "actief"
                self.stdout.write(
                    f"{token.pk}\t{token.label}\t{token.municipality or token.provider}\t{state}"
                )
        else:
            token = OrganisationToken.objects.filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(f"geen token met id {options['id']}")
            revoke(token)
            record(actor="cli", action="update", obj=token, route="jeugdketen token revoke", detail="revoked")
            self.stdout.write(f"Token {token.pk} ingetrokken.")
