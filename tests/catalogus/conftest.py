import pytest
from django.db import transaction

from jeugdketen.catalogus.loader import load_all


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """The four product books, loaded once per module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        results = load_all()
        yield results
        transaction.set_rollback(True)
