"""Users, their role and the organisation they act for.

Every user has exactly one role, bound to an organisation: one municipality for the access
team, one or more municipalities for contract management, one provider for a provider's
back office. Functional administrators and auditors are bound to no client data at all; a
functional administrator manages the set-up (contracts, tariffs, users) of her regions only.
Who may see what is decided in :mod:`jeugdketen.accounts.access`, in one place.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    TOEGANG = "toegangsmedewerker", "Toegangsmedewerker"
    CONTRACT = "contractmanager", "Contractmanager / controller"
    AANBIEDER = "aanbieder", "Aanbieder-medewerker"
    BEHEER = "beheerder", "Functioneel beheerder"
    AUDITOR = "auditor", "Auditor"


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    municipalities = models.ManyToManyField(
        "catalogus.Municipality",
        blank=True,
        related_name="users",
        help_text="Toegang: exactly one; contractmanager: one or more",
    )
    provider = models.ForeignKey(
        "catalogus.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    regions = models.ManyToManyField(
        "catalogus.Region",
        blank=True,
        related_name="administrators",
        help_text="Beheerder: the regions whose set-up this user manages (none: nothing)",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OrganisationToken(models.Model):
    """An API token for system-to-system exchange, issued to one organisation.

    Only the hash is stored; the token itself is shown once when it is created.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=128)
    municipality = models.ForeignKey(
        "catalogus.Municipality", null=True, blank=True, on_delete=models.CASCADE, related_name="tokens"
    )
    provider = models.ForeignKey(
        "catalogus.Provider", null=True, blank=True, on_delete=models.CASCADE, related_name="tokens"
    )
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False, provider__isnull=True)
                | models.Q(municipality__isnull=True, provider__isnull=False),
                name="token_belongs_to_one_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.label
