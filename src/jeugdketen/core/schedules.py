"""The periodic tasks, stored in the database (django-celery-beat) so an administrator can see,
pause or move them; ``jeugdketen init`` creates the ones missing and leaves changed ones alone."""

from __future__ import annotations

#: name -> (task, minute, hour, day_of_week); times in Europe/Amsterdam.
SCHEDULES = {
    "Dagelijkse termijnen (werklijsten en e-mail)": ("levering.deadline_run", "0", "6", "*"),
    "Nachtelijke controle van de monitoringcijfers": ("monitoring.check_aggregates", "30", "2", "*"),
    "Betaalrun (wat vervallen is)": ("declaraties.payment_run", "0", "7", "1-5"),
    "Achtergebleven berichten afleveren (outbox)": ("berichten.deliver_outbox", "*", "*", "*"),
}


def ensure_schedules() -> list[str]:
    """Creates the periodic tasks that do not exist yet; returns their names."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    made = []
    for name, (task, minute, hour, day_of_week) in SCHEDULES.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone="Europe/Amsterdam",
        )
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab)
        made.append(name)
    return made
