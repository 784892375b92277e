"""The daily deadline run: what each team has due today and overdue, and an e-mail digest.

A team is the access team of a municipality or the back office of a provider. The digest holds
counts and a link to the worklist only: no client names, no BSNs (AVG). It is sent when
``JEUGDKETEN_SEND_MAIL`` is on, to the active users of the team that have an e-mail address.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q

from .invoicing import open_invoice_tasks
from .models import Task


def deadline_run(today: dt.date | None = None) -> dict:
    """Counts per team (``gemeente:<cbs>`` or ``aanbieder:<agb>``) and how many digests were sent."""
    today = today or dt.date.today()
    # Each month's invoicing deadline of the contract (art. 20.3) for care in the month before.
    open_invoice_tasks(today.replace(day=1) - dt.timedelta(days=1))
    rows = (
        Task.objects.filter(done_on__isnull=True, due__lte=today)
        .values("party", "municipality__cbs_code", "provider__agb_code")
        .annotate(overdue=Count("pk", filter=Q(due__lt=today)), due_today=Count("pk", filter=Q(due=today)))
        .order_by()
    )
    teams: dict[str, dict[str, int]] = defaultdict(lambda: {"overdue": 0, "due_today": 0})
    for row in rows:
        if row["party"] == "aanbieder" and row["provider__agb_code"]:
            key = f"aanbieder:{row['provider__agb_code']}"
        elif row["municipality__cbs_code"]:
            key = f"gemeente:{row['municipality__cbs_code']}"
        else:
            continue
        teams[key]["overdue"] += row["overdue"]
        teams[key]["due_today"] += row["due_today"]
    sent = _send_digests(teams, today) if getattr(settings, "JEUGDKETEN_SEND_MAIL", False) else 0
    return {"date": today.isoformat(), "teams": dict(teams), "digests_sent": sent}


def _send_digests(teams: dict, today: dt.date) -> int:
    from jeugdketen.accounts.models import Role, User

    sent = 0
    for team, counts in sorted(teams.items()):
        kind, code = team.split(":")
        users = User.objects.filter(is_active=True).exclude(email="")
        if kind == "aanbieder":
            users = users.filter(role=Role.AANBIEDER, provider__agb_code=code)
        else:
            users = users.filter(role=Role.TOEGANG, municipalities__cbs_code=code)
        recipients = sorted(set(users.values_list("email", flat=True)))
        if not recipients:
            continue
        send_mail(
            f"jeugdketen: {counts['overdue']} verlopen en {counts['due_today']} vandaag te doen",
            f"Op {today:%d-%m-%Y} staan op de werklijst van uw team:\n"
            f"- {counts['overdue']} taken waarvan de termijn verstreken is;\n"
            f"- {counts['due_today']} taken die vandaag aflopen.\n\n"
            "Open jeugdketen voor de werklijst. Deze e-mail bevat bewust geen cliëntgegevens.",
            None,
            recipients,
        )
        sent += 1
    return sent
