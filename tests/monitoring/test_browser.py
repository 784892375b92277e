"""The dashboard's charts render in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from tests.browser.chromium import ARGS, CHROMIUM

from jeugdketen.monitoring.models import Budget

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_charts_render(live_server, region, contract_manager, tmp_path):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium not installed")
    today = dt.date.today()
    Budget.objects.create(
        municipality=region.gemeente_a, year=today.year, lot=region.lot_ambulant, amount=Decimal("20000")
    )
    Budget.objects.create(
        municipality=region.gemeente_a, year=today.year, lot=region.lot_wonen, amount=Decimal("90000")
    )
    for n in range(6):
        t = region.toewijzing(
            begin=dt.date(today.year - 1, 1 + n, 1),
            volume=2 + n,
            referral_date=dt.date(today.year - 1, 1 + n, 1),
        )
        region.start(t, dt.date(today.year - 1, 1 + n, 10 + n))
        region.toewijzing(product=region.wonen, begin=dt.date(today.year - 1, 2 * n + 1, 1))
    # Playwright's sync API refuses to start in a thread whose event loop is running (another
    # browser test may have left one behind), so the walk gets a thread of its own.
    result: dict = {}
    target = (SCREENSHOTS if os.environ.get("JEUGDKETEN_SCREENSHOTS") == "1" else tmp_path) / (
        "monitoring-dashboard.png"
    )

    def walk():
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{live_server.url}/inloggen/")
            page.fill("input[name=username]", "cm")
            page.fill("input[name=password]", "een-lang-wachtwoord-1")
            page.click("button[type=submit], input[type=submit]")
            page.goto(f"{live_server.url}/monitoring/")
            charts = page.locator("svg.chart")
            result["charts"] = charts.count()
            result["box"] = charts.first.bounding_box()
            result["bars"] = page.locator("svg.chart rect").count()
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            browser.close()

    thread = threading.Thread(target=walk)
    thread.start()
    thread.join(timeout=120)
    assert result["charts"] == 2  # the light dashboard: budget and accountability
    box = result["box"]
    assert box and box["width"] > 100 and box["height"] > 40
    assert result["bars"] > 10
    assert target.stat().st_size > 10_000
