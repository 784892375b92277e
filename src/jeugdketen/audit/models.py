"""The append-only audit log: who did what to which object, and who viewed which client.

Rows are never updated or deleted: the model refuses it, and so does its queryset
(``AuditEntry.objects.filter(...).update()`` or ``.delete()`` raise), so neither a view, the
API nor a careless bulk operation can rewrite history. Only the database owner can.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AppendOnlyError(PermissionError):
    """Raised on any attempt to change or remove an audit entry."""

    def __init__(self) -> None:
        super().__init__("audit entries are append-only")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError

    def delete(self):
        raise AppendOnlyError

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError

    _raw_delete = delete


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "bekeken"
        CREATE = "create", "aangemaakt"
        UPDATE = "update", "gewijzigd"
        DELETE = "delete", "verwijderd"
        EXPORT = "export", "geëxporteerd"
        MESSAGE = "message", "bericht verwerkt"
        LOGIN = "login", "ingelogd"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor = models.CharField(max_length=150, help_text="username, token label or 'system'")
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    client = models.ForeignKey(
        "toegang.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    route = models.CharField(max_length=255, help_text="web path, API endpoint or CLI command")
    detail = models.CharField(max_length=255, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError
