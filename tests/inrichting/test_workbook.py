"""The set-up workbook: every sheet in, the same workbook out, all or nothing, with history."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.loader import load_all
from jeugdketen.catalogus.models import Lot, Municipality, Provider, Region
from jeugdketen.contracten.models import (
    AcceptanceExemption,
    ClientStop,
    Contract,
    ContractProduct,
    TariffChange,
)
from jeugdketen.inrichting.workbook import exporting, reading, run
from jeugdketen.monitoring.models import Budget

NOB = "noordoost-brabant-2021"


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_all()
        transaction.set_rollback(True)


def _lot_code() -> str:
    return Lot.objects.filter(region__slug=NOB).order_by("position").first().code


def sheets(lot: str) -> dict[str, list[list[str]]]:
    """A small but complete region: every sheet with valid rows."""
    return {
        "gemeenten": [["cbs_code", "naam", "regio"], ["0363", "Amsterdam", NOB], ["0599", "Rotterdam", NOB]],
        "aanbieders": [
            ["agb_code", "naam", "kvk_nummer", "hoofdaannemer_agb", "micro_onderneming"],
            ["75100001", "Zorg Noord BV", "12345678", "", "nee"],
            ["75100002", "Klein Praktijk", "", "75100001", "ja"],
        ],
        "contracten": [
            [
                "contractnummer",
                "aanbieder_agb",
                "regio",
                "perceel",
                "ingangsdatum",
                "einddatum",
                "acceptatieplicht",
                "indirecte_tijd",
                "opmerking",
            ],
            ["NOB-2026-001", "75100001", NOB, lot, "2026-01-01", "31-12-2027", "ja", "nee", "extra kolom"],
        ],
        "contractproducten": [
            ["contractnummer", "productcode", "jaar", "tarief", "variant"],
            ["NOB-2026-001", "41A23", "2026", "62,80", "regulier"],
            ["NOB-2026-001", "41A23", "2026", "52.91", "micro"],
        ],
        "clientenstops": [
            ["aanbieder_agb", "productcode", "ingangsdatum", "einddatum", "reden"],
            ["75100001", "41A23", "2026-03-01", "", "Wachtlijst vol"],
        ],
        "vrijstellingen": [
            ["aanbieder_agb", "productcode", "ingangsdatum", "einddatum", "reden"],
            ["75100001", "", "2026-01-01", "2026-06-30", "Specialistische doelgroep"],
        ],
        "budgetten": [["cbs_code", "jaar", "perceel", "bedrag"], ["0363", "2026", lot, "1.250.000,00"]],
        "gebruikers": [
            ["gebruikersnaam", "naam", "email", "rol", "organisatie"],
            ["anna", "Anna de Vries", "anna@example.org", "toegangsmedewerker", "0363"],
            ["bram", "Bram Bos", "", "contractmanager", "0363;0599"],
            ["cor", "Cor Klein", "", "aanbieder", "75100002"],
            ["dina", "Dina Beheer", "", "beheerder", NOB],
            ["eva", "Eva Audit", "", "auditor", ""],
        ],
    }


def write_csv(folder: Path, data: dict[str, list[list[str]]]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, rows in data.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as file:
            csv.writer(file, delimiter=";").writerows(rows)
    return folder


def counts():
    return (
        Municipality.objects.count(),
        Provider.objects.count(),
        Contract.objects.count(),
        ContractProduct.objects.count(),
        ClientStop.objects.count(),
        AcceptanceExemption.objects.count(),
        Budget.objects.count(),
        User.objects.count(),
        TariffChange.objects.count(),
    )


@pytest.mark.django_db
def test_every_sheet_is_stored_once_and_again_changes_nothing(catalogue, tmp_path):
    folder = write_csv(tmp_path / "wb", sheets(_lot_code()))
    plan = run(folder, apply=True, source="test")
    assert plan.problems == []
    created = {s.sheet: len(s.created) for s in plan.sheets}
    assert created == {
        "gemeenten": 2,
        "aanbieders": 2,
        "contracten": 1,
        "contractproducten": 2,
        "clientenstops": 1,
        "vrijstellingen": 1,
        "budgetten": 1,
        "gebruikers": 5,
    }
    contract = Contract.objects.get(reference="NOB-2026-001")
    assert contract.provider.agb_code == "75100001" and contract.end == dt.date(2027, 12, 31)
    assert (
        contract.acceptance_duty and not contract.indirect_time_allowed and contract.lot.code == _lot_code()
    )
    small = Provider.objects.get(agb_code="75100002")
    assert small.micro_enterprise and small.contract_holder.agb_code == "75100001"
    assert Provider.objects.get(agb_code="75100001").kvk_number == "12345678"
    tariffs = dict(ContractProduct.objects.filter(contract=contract).values_list("variant", "tariff"))
    assert tariffs == {"regular": Decimal("62.80"), "micro": Decimal("52.91")}
    assert ClientStop.objects.get(provider__agb_code="75100001").product.code == "41A23"
    assert AcceptanceExemption.objects.get(provider__agb_code="75100001").product is None
    assert Budget.objects.get(municipality__cbs_code="0363").amount == Decimal("1250000.00")
    anna, bram, cor = (User.objects.get(username=u) for u in ("anna", "bram", "cor"))
    assert anna.role == Role.TOEGANG and list(anna.municipalities.values_list("cbs_code", flat=True)) == [
        "0363"
    ]
    assert sorted(bram.municipalities.values_list("cbs_code", flat=True)) == ["0363", "0599"]
    assert cor.provider == small and not cor.has_usable_password()
    assert list(User.objects.get(username="dina").regions.values_list("slug", flat=True)) == [NOB]
    assert [u for u, _ in plan.links] == ["anna", "bram", "cor", "dina", "eva"]
    assert all(link.startswith("/inrichting/activeren/") for _, link in plan.links)

    before = counts()
    again = run(folder, apply=True, source="test")
    assert again.problems == [] and counts() == before
    assert all(not s.created and not s.changed for s in again.sheets)
    assert again.links == []


@pytest.mark.django_db
def test_export_then_import_changes_nothing(catalogue, tmp_path):
    run(write_csv(tmp_path / "wb", sheets(_lot_code())), apply=True, source="test")
    out = tmp_path / "export.xlsx"
    call_command("setup", "export", "--out", str(out))
    book = reading.read(out)
    assert book.problems == []
    assert [r.values["contractnummer"] for r in book.sheets["contracten"]] == ["NOB-2026-001"]
    before = counts()
    plan = run(out, apply=True, source="test")
    assert plan.problems == [] and counts() == before
    assert all(not s.created and not s.changed for s in plan.sheets), plan.sheets
    second = tmp_path / "again.xlsx"
    exporting.write(second, empty=False)
    assert exporting.rows() == {k: v for k, v in exporting.rows().items()}
    assert reading.read(second).sheets.keys() == book.sheets.keys()


@pytest.mark.django_db
def test_the_template_explains_every_column(catalogue, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "template.xlsx"
    call_command("setup", "template", "--out", str(out))
    book = load_workbook(out)
    explained = {(r[0], r[1]) for r in book["toelichting"].iter_rows(min_row=2, values_only=True)}
    for name in sheets("x"):
        headers = [c.value for c in book[name][1]]
        assert headers and all((name, h) in explained for h in headers)
        assert book[name].max_row == 1
    assert run(out, apply=True, source="test").problems == []


@pytest.mark.django_db
def test_dry_run_stores_nothing(catalogue, tmp_path, capsys):
    folder = write_csv(tmp_path / "wb", sheets(_lot_code()))
    before = counts()
    call_command("setup", "import", str(folder), "--dry-run")
    out = capsys.readouterr().out
    assert "contracten: 1 created" in out and "nothing was stored" in out
    assert counts() == before


def _broken(sheet: str, row: int, column: str, value: str) -> dict:
    data = sheets(_lot_code())
    header = data[sheet][0]
    data[sheet][row - 1][header.index(column)] = value
    return data


BAD = [
    ("gemeenten", 2, "regio", "atlantis-2026", "onbekende regio 'atlantis-2026'"),
    ("gemeenten", 3, "cbs_code", "0363", "dubbele sleutel, ook in rij 2"),
    ("gemeenten", 2, "cbs_code", "363", "een CBS-code bestaat uit 4 cijfers"),
    ("aanbieders", 3, "micro_onderneming", "misschien", "vul ja of nee in"),
    ("aanbieders", 3, "hoofdaannemer_agb", "75999999", "aanbieder met AGB-code 75999999 bestaat niet"),
    ("contracten", 2, "regio", "onbekend", "onbekende regio 'onbekend'"),
    ("contracten", 2, "ingangsdatum", "31-02-2026", "ongeldige datum '31-02-2026'"),
    ("contracten", 2, "aanbieder_agb", "75999999", "aanbieder met AGB-code 75999999 bestaat niet"),
    ("contractproducten", 2, "productcode", "99Z99", "onbekende productcode '99Z99' voor de regio"),
    ("contractproducten", 2, "tarief", "zestig", "ongeldig bedrag 'zestig'"),
    ("contractproducten", 2, "tarief", "62,805", "ongeldig bedrag '62,805'"),
    ("contractproducten", 3, "variant", "regulier", "dubbele sleutel, ook in rij 2"),
    ("contractproducten", 2, "contractnummer", "NOB-X", "contract 'NOB-X' bestaat niet"),
    ("clientenstops", 2, "einddatum", "2026-02-01", "ligt voor de ingangsdatum"),
    ("vrijstellingen", 2, "aanbieder_agb", "75999999", "aanbieder met AGB-code 75999999 bestaat niet"),
    ("budgetten", 2, "bedrag", "-5", "ongeldig bedrag '-5'"),
    ("budgetten", 2, "cbs_code", "0000", "gemeente 0000 bestaat niet"),
    ("gebruikers", 2, "rol", "directeur", "onbekende rol 'directeur'"),
    ("gebruikers", 2, "organisatie", "9999", "organisatie '9999' bestaat niet"),
    ("gebruikers", 4, "organisatie", "75999999", "aanbieder met AGB-code 75999999 bestaat niet"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("sheet", "row", "column", "value", "message"), BAD)
def test_a_bad_row_is_named_and_nothing_is_stored(
    catalogue, tmp_path, capsys, sheet, row, column, value, message
):
    folder = write_csv(tmp_path / "wb", _broken(sheet, row, column, value))
    before = counts()
    with pytest.raises(SystemExit) as exit_:
        call_command("setup", "import", str(folder))
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    # a duplicate key is reported at the key's product code, whichever of its cells made it one
    where = "productcode" if message.startswith("dubbele") and sheet == "contractproducten" else column
    assert f"{sheet}, rij {row}, {where}: {message}" in err
    assert "nothing was stored" in err
    assert counts() == before


@pytest.mark.django_db
def test_a_missing_column_and_an_unreadable_file_are_problems(catalogue, tmp_path):
    data = sheets(_lot_code())
    data["aanbieders"] = [row[:4] for row in data["aanbieders"]]
    assert (
        "aanbieders, rij 1, micro_onderneming: kolom ontbreekt"
        in run(write_csv(tmp_path / "wb", data), apply=True, source="t").problems
    )
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    assert (
        run(junk, apply=True, source="t")
        .problems[0]
        .startswith("-, -, -: het bestand is geen leesbare werkmap")
    )


@pytest.mark.django_db
def test_a_tariff_change_is_kept_with_its_history(catalogue, tmp_path):
    lot = _lot_code()
    run(write_csv(tmp_path / "a", sheets(lot)), apply=True, source="werkmap a")
    data = sheets(lot)
    data["contractproducten"][1][3] = "64,06"
    plan = run(write_csv(tmp_path / "b", data), apply=True, source="werkmap b")
    changed = {s.sheet: s.changed for s in plan.sheets}["contractproducten"]
    assert changed == ["NOB-2026-001 41A23 2026 regular: 62.80 → 64.06"]
    history = list(TariffChange.objects.filter(contract__reference="NOB-2026-001", variant="regular"))
    assert [(h.old, h.new, h.source) for h in history] == [
        (Decimal("62.80"), Decimal("64.06"), "werkmap b"),
        (None, Decimal("62.80"), "werkmap a"),
    ]


@pytest.mark.django_db
def test_a_row_never_moves_to_another_organisation(catalogue, tmp_path):
    lot = _lot_code()
    run(write_csv(tmp_path / "a", sheets(lot)), apply=True, source="t")
    moved = _broken("contracten", 2, "aanbieder_agb", "75100002")
    problems = run(write_csv(tmp_path / "b", moved), apply=True, source="t").problems
    assert problems == [
        "contracten, rij 2, aanbieder_agb: het contract hoort bij een andere aanbieder; verplaatsen kan niet"
    ]
    user_moved = _broken("gebruikers", 2, "organisatie", "0599")
    problems = run(write_csv(tmp_path / "c", user_moved), apply=True, source="t").problems
    assert problems and problems[0].startswith(
        "gebruikers, rij 2, organisatie: de gebruiker hoort bij een andere"
    )
    assert list(User.objects.get(username="anna").municipalities.values_list("cbs_code", flat=True)) == [
        "0363"
    ]


@pytest.mark.django_db
def test_an_administrator_imports_only_within_her_regions(catalogue, tmp_path):
    admin = User.objects.create(username="beheer-nob", role=Role.BEHEER)
    admin.regions.add(Region.objects.get(slug="alkmaar-2023"))
    problems = run(
        write_csv(tmp_path / "wb", sheets(_lot_code())), user=admin, apply=False, source="t"
    ).problems
    assert f"gemeenten, rij 2, regio: regio '{NOB}' valt buiten uw beheer" in problems
    admin.regions.add(Region.objects.get(slug=NOB))
    admin = User.objects.get(pk=admin.pk)  # forget the cached regions
    before = counts()
    plan = run(write_csv(tmp_path / "wb2", sheets(_lot_code())), user=admin, apply=False, source="t")
    problems = plan.problems
    assert "gebruikers, rij 6, organisatie: een auditor hoort" not in problems
    assert any(
        p.startswith("gebruikers, rij 6, organisatie: deze gebruiker valt buiten uw beheer") for p in problems
    )
    assert counts() == before


@pytest.mark.django_db
def test_a_micro_enterprise_bills_the_micro_tariff(catalogue, tmp_path):
    from jeugdketen.declaraties.backoffice import contract_tariff

    lot = _lot_code()
    data = sheets(lot)
    data["contracten"].append(["NOB-2026-002", "75100002", NOB, lot, "2026-01-01", "", "ja", "nee", ""])
    data["contractproducten"] += [
        ["NOB-2026-002", "41A23", "2026", "62,80", "regulier"],
        ["NOB-2026-002", "41A23", "2026", "52,91", "micro"],
    ]
    assert run(write_csv(tmp_path / "wb", data), apply=True, source="t").problems == []
    line = ContractProduct.objects.filter(contract__reference="NOB-2026-002").first()

    class Toewijzing:
        provider = Provider.objects.get(agb_code="75100002")
        product = line.product

    assert contract_tariff(Toewijzing, 2026) == Decimal("52.91")
    Toewijzing.provider.micro_enterprise = False
    Toewijzing.provider.save()
    assert contract_tariff(Toewijzing, 2026) == Decimal("62.80")


@pytest.mark.django_db
def test_a_product_book_is_imported_from_a_file_all_or_nothing(catalogue, tmp_path, capsys):
    import yaml

    from jeugdketen.catalogus.loader import data_files

    source = next(p for p in data_files() if "alkmaar" in p.name)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["region"]["slug"], data["region"]["year"] = "alkmaar-2027", 2027
    good = tmp_path / "alkmaar-2027.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    call_command("catalog", "import", str(good))
    assert "alkmaar-2027: 33 products loaded" in capsys.readouterr().out
    assert Region.objects.get(slug="alkmaar-2027").products.count() == 33
    data["region"]["slug"] = "alkmaar-2028"
    del data["products"][2]["name"]
    bad = tmp_path / "alkmaar-2028.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("catalog", "import", str(bad))
    assert "product #3: 'name' is required" in capsys.readouterr().err
    assert not Region.objects.filter(slug="alkmaar-2028").exists()


def test_the_guide_names_every_sheet_and_column():
    from jeugdketen.inrichting.workbook.columns import SHEETS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "setup.md").read_text(encoding="utf-8")
    for name, columns in SHEETS.items():
        section = guide.split(f"### `{name}`", 1)[1].split("###", 1)[0]
        for column in columns:
            assert f"| `{column.header}` | {'yes' if column.required else 'no'} |" in section
