"""A small allocation world for tests: catalogue, demo region, a provider, clients, a CLI runner."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from jeugdketen.catalogus.loader import load_all
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.demo.people import bsn
from jeugdketen.demo.region import ensure_region
from jeugdketen.ijw.validate import validate
from jeugdketen.toegang.models import Client

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def world(db):
    load_all()
    municipalities, providers = ensure_region(provider_limit=12)
    lines = ContractProduct.objects.filter(contract__provider__in=providers)
    provider = next(
        p for p in providers if lines.filter(contract__provider=p, product__code="45B50").exists()
    )
    dyslexia = next(
        p for p in providers if lines.filter(contract__provider=p, product__code="54B98").exists()
    )
    return SimpleNamespace(
        gemeente=municipalities[0],
        other=municipalities[1],
        provider=provider,
        dyslexia=dyslexia,
        providers=providers,
    )


def make_client(world, n: int = 1, *, birth=dt.date(2014, 5, 17), municipality=None) -> Client:
    return Client.objects.create(
        bsn=bsn(n),
        birth_date=birth,
        given_name="Tom",
        initials="T",
        prefix="de",
        last_name="Wit",
        gender="1",
        street="Kerkstraat",
        house_number="9",
        postcode="5211AB",
        city="'s-Hertogenbosch",
        municipality=municipality or world.gemeente,
    )


def run(*args) -> tuple[int, str]:
    """Runs the jeugdketen CLI in-process; returns (exit code, stdout)."""
    from contextlib import redirect_stderr, redirect_stdout
    from unittest import mock

    from jeugdketen.cli import main

    out, err = io.StringIO(), io.StringIO()
    # BaseCommand.run_from_argv closes every connection when it is done; on PostgreSQL that
    # would end the test's transaction (SQLite's in-memory test database ignores it).
    with (
        redirect_stdout(out),
        redirect_stderr(err),
        mock.patch("django.core.management.base.connections.close_all"),
    ):
        code = main([str(a) for a in args])
    return code, out.getvalue() + err.getvalue()


def process_json(*files, out: Path) -> tuple[int, list[dict]]:
    code, text = run("messages", "process", *files, "--out", out, "--json")
    return code, [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture(scope="session")
def schemas(xsd_dir):
    cache = {}

    def get(code: str) -> etree.XMLSchema:
        if code not in cache:
            cache[code] = etree.XMLSchema(etree.parse(str(xsd_dir / f"{code}.xsd")))
        return cache[code]

    return get


def assert_valid(xml: str | bytes, schemas, xsd_dir) -> None:
    """The official XSD via lxml, and the jeugdketen.ijw judgement (structure and rules)."""
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data)
    code = root.tag.split("/ijw/3_2/")[1].split("/")[0].upper()
    schema = schemas(code)
    assert schema.validate(root), schema.error_log
    report = validate(data, xsd_dir=xsd_dir)
    assert report.ok, [issue.as_dict() for issue in report.issues]


def under_midden_limburg(world) -> None:
    """Puts the demo's municipality under the Midden-Limburg Oost contract as well, whose Bijlage 1
    sets the process deadlines (plan deel 1 and 2, JW301, start): for tests of that process on the
    demo's products. The product rules stay those of the product's own book."""
    from jeugdketen.catalogus.models import Region

    world.gemeente.regions.add(Region.objects.get(slug="midden-limburg-oost-2020"))
