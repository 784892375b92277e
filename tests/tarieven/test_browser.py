"""A contract manager runs a what-if in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from tests.browser.chromium import ARGS, CHROMIUM

from .conftest import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_contract_manager_runs_a_whatif(live_server, nob, contract_manager, tmp_path):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium not installed")
    result: dict = {}
    target = (
        SCREENSHOTS if os.environ.get("JEUGDKETEN_SCREENSHOTS") == "1" else tmp_path
    ) / "tarieven-wat-als.png"

    def walk():
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{live_server.url}/inloggen/")
            page.fill("input[name=username]", "cm")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit], input[type=submit]")
            page.goto(f"{live_server.url}/")
            page.click("text=Tariefmodel")
            page.click("text=Wat als")
            page.fill("input[name=cao_raise]", "3")
            page.click("button:has-text('Doorrekenen')")
            result["tariffs"] = page.locator("#table-tariffs").inner_text()
            result["budget"] = page.locator("#table-budget").count()
            target.parent.mkdir(parents=True, exist_ok=True)
            page.locator("dl.summary").scroll_into_view_if_needed()
            page.screenshot(path=str(target))
            page.goto(f"{live_server.url}/catalogus/{nob.region.slug}/{nob.daghulp.position}/")
            result["opbouw"] = page.locator("#opbouw").inner_text()
            page.locator("#opbouw").screenshot(path=str(target.with_name("tarieven-opbouw.png")))
            browser.close()

    thread = threading.Thread(target=walk)
    thread.start()
    thread.join(timeout=120)
    assert "€ 64,50" in result["tariffs"]  # 41A23 after a 3 % CAO raise
    assert result["budget"] == 1
    assert "Opbouw van het tarief" in result["opbouw"] and "€ 52,91" in result["opbouw"]
