"""The dashboard's charts render in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from jeugdketen.monitoring.models import Budget

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_charts_render(live_server, region, contract_manager):
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
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/inloggen/")
        page.fill("input[name=username]", "cm")
        page.fill("input[name=password]", "een-lang-wachtwoord-1")
        page.click("button[type=submit], input[type=submit]")
        page.goto(f"{live_server.url}/monitoring/")
        charts = page.locator("svg.chart")
        assert charts.count() == 2  # the light dashboard: budget and accountability
        box = charts.first.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 40
        assert page.locator("svg.chart rect").count() > 10
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / "monitoring-dashboard.png"
        page.screenshot(path=str(target), full_page=True)
        browser.close()
    assert target.stat().st_size > 10_000
