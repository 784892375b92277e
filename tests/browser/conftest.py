import os
from pathlib import Path

import pytest

from tests.browser.chromium import ARGS, CHROMIUM
from tests.security.fixtures import api_token, client_as, world  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


# Module scope: tests/monitoring/test_browser.py starts its own Playwright, which refuses to run
# while another sync Playwright (and its event loop) is still alive in the same process.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def new_page(browser):
    """A page in a fresh context (its own cookies) that records console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def second_page(browser):
    """A second person's browser, for a walk that hands over from one role to another."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def demo(settings, world, live_server):  # noqa: F811 - the world fixture imported above
    settings.DEMO_MODE = True
    return live_server.url


@pytest.fixture
def flows(world):  # noqa: F811
    from .world import build_flows

    return build_flows(world)


@pytest.fixture
def shoot(tmp_path):
    """``shoot(page, "auditor-auditlog")`` saves a screenshot; into docs/screenshots/ when
    JEUGDKETEN_SCREENSHOTS=1 (to refresh the README's pictures), else into a temp dir."""
    target = SCREENSHOTS if os.environ.get("JEUGDKETEN_SCREENSHOTS") == "1" else tmp_path

    def save(page, name: str) -> Path:
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return save
