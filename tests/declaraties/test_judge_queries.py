"""The bill-line rules run set-based: judging a declaration takes the same number of queries
for 2N lines as for N, whatever families of rules the lines meet (residential with and without
a register of stay days, caps per year and per traject, ambulant minutes, credits)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.catalogus.models import Product
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.declaraties.context import load_context
from jeugdketen.declaraties.engine import judge
from jeugdketen.declaraties.models import Verblijfsdag

from .conftest import YEAR

D = dt.date


def _lines(world, n: int) -> list:
    """`n` of each kind of line, each on its own youth and toewijzing."""
    lines = []
    for _ in range(n):
        with_register = world.toewijzing("44A28", volume=None, frequency="", start=D(YEAR, 3, 1))
        march = [D(YEAR, 3, 1) + dt.timedelta(days=day) for day in range(31)]
        for day in march:
            Verblijfsdag.objects.create(
                provider=world.provider, toewijzing=with_register, date=day, kind=Verblijfsdag.Kind.AANWEZIG
            )
        without_register = world.toewijzing("44A28", volume=None, frequency="", start=D(YEAR, 3, 10))
        lines += [
            world.line(with_register, volume=31),
            world.line(without_register, volume=23),  # one more than 10-31 March: VERBLIJF-ETMALEN
            world.line(world.toewijzing("50B05"), volume=60),  # a cap per calendar year
            world.line(world.toewijzing("45B70"), volume=60),  # a cap per traject
            world.line(world.toewijzing("50B01"), volume=60),
        ]
    # One credit of a line that was never billed (TR323): the credit family's query runs as well.
    lines.append(world.credit(world.line(world.toewijzing("50B01"), volume=10)))
    return lines


def _contract_residential(world) -> None:
    """The provider's contract gets 44A28 (verblijf, etmalen) for this year and the last."""
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code="44A28")
    for year in (YEAR - 1, YEAR):
        ContractProduct.objects.create(
            contract=world.contract, product=product, year=year, tariff=Decimal("131.63")
        )
    world.products["44A28"] = product


def _queries(world, lines) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        context = load_context(world.provider, world.municipality, lines)
        verdicts = judge(context, lines, received_on=D(YEAR, 4, 10))
    return len(captured.captured_queries), verdicts


def test_judging_takes_as_many_queries_for_2n_lines_as_for_n(world):
    _contract_residential(world)
    small, large = _lines(world, 3), _lines(world, 6)
    n_queries, n_verdicts = _queries(world, small)
    two_n_queries, two_n_verdicts = _queries(world, large)
    assert len(large) - 1 == 2 * (len(small) - 1)
    assert n_queries == two_n_queries, (n_queries, two_n_queries)
    # The lines were really judged by the families they meet, not waved through.
    for verdicts in (n_verdicts, two_n_verdicts):
        rules = [sorted({finding.rule for finding in verdict.findings}) for verdict in verdicts]
        assert rules[:5] == [[], ["VERBLIJF-ETMALEN"], [], [], []]
        assert rules[-1] == ["TR323"]


def test_a_batch_reads_the_catalogue_and_contract_facts_once_and_judges_the_same(world):
    """Inside a batch (the demo billing a year), products, caps, tariffs and regions are read once:
    a second declaration reads fewer rows, and every verdict equals the one judged alone."""
    from jeugdketen.core.batch import remembered

    _contract_residential(world)
    first, second = _lines(world, 1), _lines(world, 2)

    def findings(verdicts):
        return [sorted((f.rule, f.retourcode, f.text) for f in verdict.findings) for verdict in verdicts]

    alone = [_queries(world, lines) for lines in (first, second)]
    with remembered():
        batched = [_queries(world, lines) for lines in (first, second)]
    assert [findings(v) for _n, v in batched] == [findings(v) for _n, v in alone]
    assert any(findings(batched[1][1]))  # the lines met rules (VERBLIJF-ETMALEN, TR323)
    assert batched[1][0] < alone[1][0], (batched, alone)  # the facts were remembered
    assert batched[0][0] <= alone[0][0] + 1  # the first reads every fact once, in as many queries
