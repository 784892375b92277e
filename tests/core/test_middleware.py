import pytest

from jeugdketen.catalogus.models import Region


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, params",
    [("/catalogus/zoeken/", {"q": "pleeg\x00zorg"}), ("/api/v1/catalogus/producten", {"code": "\x00"})],
)
def test_nul_in_the_query_is_refused_clearly(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    if path.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_nul_in_a_form_is_refused_and_nothing_changes(client):
    before = Region.objects.count()
    response = client.post("/inloggen/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert Region.objects.count() == before


@pytest.mark.django_db
def test_ordinary_input_passes(client):
    assert client.get("/catalogus/zoeken/", {"q": "pleegzorg"}).status_code == 200
