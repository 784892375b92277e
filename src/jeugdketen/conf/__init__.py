"""Django settings, URLs, WSGI and the Celery application of jeugdketen."""

from .celery import app as celery_app

__all__ = ["celery_app"]
