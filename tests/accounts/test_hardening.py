"""Authentication hardening: hashing, throttling, session expiry, CSRF, headers, secrets."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.test import Client

from tests.security.world import PASSWORD


def test_passwords_use_djangos_default_hasher():
    assert not hasattr(settings, "PASSWORD_HASHERS") or settings.PASSWORD_HASHERS[0].endswith(
        "PBKDF2PasswordHasher"
    )
    assert get_hasher().algorithm == "pbkdf2_sha256"


@pytest.mark.django_db
def test_stored_password_is_hashed(world):
    user = world.users["toegang"]
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$") and PASSWORD not in user.password
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_login_works_and_is_audited(world, client):
    from jeugdketen.audit.models import AuditEntry

    response = client.post("/inloggen/", {"username": "toegang", "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(actor="toegang", action="login").count() == 1


@pytest.mark.django_db
def test_lockout_after_five_failures(world, client):
    for _ in range(5):
        response = client.post(
            "/inloggen/", {"username": "toegang", "password": "fout"}, REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code in (200, 429)
    # Even the right password is refused now.
    response = client.post(
        "/inloggen/", {"username": "toegang", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(world):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/inloggen/", {"username": "toegang", "password": PASSWORD}).status_code == 403
    strict.force_login(world.users["toegang"])
    assert strict.post("/uitloggen/").status_code == 403


@pytest.mark.django_db
def test_every_form_carries_a_csrf_token(world, client_as):
    import re

    client = client_as("auditor")
    for url in ("/inloggen/", "/", "/audit/"):
        body = client.get(url).content.decode()
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", body, flags=re.S | re.I):
            assert "csrfmiddlewaretoken" in form, url


@pytest.mark.django_db
def test_security_headers_and_strict_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert (
        "script-src 'self'" in csp
        and "style-src 'self'" in csp
        and "unsafe-inline" not in csp
        and "unsafe-eval" not in csp
    )
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp and "base-uri 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_templates_have_no_inline_script_or_style():
    """The CSP forbids inline code; templates must not rely on it (nonce'd scripts excepted)."""
    import re
    from pathlib import Path

    import jeugdketen

    root = Path(jeugdketen.__file__).parent
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text()
        if re.search(r"<style", text) or re.search(r"\sstyle=\"", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(template.relative_to(root)))
        for script in re.findall(r"<script[^>]*>", text):
            if "src=" not in script and "nonce" not in script:
                offenders.append(str(template.relative_to(root)))
    assert not offenders, offenders


def test_secret_key_comes_from_the_environment():
    from pathlib import Path

    import jeugdketen.conf.settings as module

    text = Path(module.__file__).read_text()
    assert 'os.environ.get("DJANGO_SECRET_KEY")' in text
    assert len(settings.SECRET_KEY) >= 40
