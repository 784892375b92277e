"""The allocation rules of the register, each tried on both sides of its edge and in a region
where it does not hold. Ages are exact: born(13, on=BEGIN) turns 13 on the begin date,
born(13, on=BEGIN, days_later=1) is 12 on it, for the last day."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.catalogus.models import Provider
from jeugdketen.contracten.models import ClientStop, Contract, ContractProduct
from jeugdketen.toegang import ages, checks, durations
from jeugdketen.toegang.checks import AllocationRefused, check_allocation
from jeugdketen.toegang.periods import add_months, birthday, last_day_of
from jeugdketen.toegang.services import extend

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)


@pytest.fixture
def books(db):
    """Each world loads only its own product book."""


@pytest.fixture
def alkmaar(books):
    return RegionWorld("alkmaar-2023")


@pytest.fixture
def brabant(books):
    return RegionWorld("noordoost-brabant-2021")


@pytest.fixture
def limburg(books):
    return RegionWorld("midden-limburg-oost-2020")


@pytest.fixture
def groningen(books):
    return RegionWorld("groningen-2016")


def rules(findings) -> list[str]:
    return [finding.rule for finding in findings]


def all_rules(proposal) -> list[str]:
    return rules(check_allocation(proposal))


# PRODUCT and CONTRACT ---------------------------------------------------------------------------


def test_product_in_the_book_is_allowed(limburg):
    client = limburg.client(born(10, on=BEGIN))
    proposal = limburg.proposal("Begeleiding individueel- licht", client, BEGIN, BEGIN + DAY * 180)
    assert checks.check_product(proposal) == []
    assert all_rules(proposal) == []


def test_product_outside_the_book_is_refused(limburg):
    proposal = limburg.proposal("Begeleiding individueel- licht", limburg.client(born(10, on=BEGIN)), BEGIN)
    proposal.product = None
    assert rules(checks.check_product(proposal)) == ["PRODUCT"]


def _contract(world, *, start, end):
    provider = Provider.objects.create(name=f"Aanbieder {start} {end}")
    contract = Contract.objects.create(provider=provider, region=world.region, start=start, end=end)
    product = world.product("Begeleiding individueel- licht")
    ContractProduct.objects.create(contract=contract, product=product, year=BEGIN.year, tariff="10.00")
    proposal = world.proposal(product, world.client(born(10, on=BEGIN)), BEGIN)
    proposal.provider = provider
    return proposal


def test_contract_ending_on_the_begin_date_is_enough(limburg):
    assert checks.check_contract(_contract(limburg, start=dt.date(2020, 1, 1), end=BEGIN)) == []


def test_contract_ended_the_day_before_is_refused(limburg):
    proposal = _contract(limburg, start=dt.date(2020, 1, 1), end=BEGIN - DAY)
    assert rules(checks.check_contract(proposal)) == ["CONTRACT"]


def test_contract_starting_the_day_after_is_refused(limburg):
    assert rules(checks.check_contract(_contract(limburg, start=BEGIN + DAY, end=None))) == ["CONTRACT"]
    assert checks.check_contract(_contract(limburg, start=BEGIN, end=None)) == []


# LEEFTIJD ---------------------------------------------------------------------------------------

DYSLEXIA_MLO = "Behandeling individueel Dyslexie behandeling"


def test_dyslexia_at_twelve_is_allowed(limburg, groningen):
    twelve = born(13, on=BEGIN, days_later=1)  # the last day of being 12
    assert ages.check_age(limburg.proposal(DYSLEXIA_MLO, limburg.client(twelve), BEGIN)) == []
    eed = "Ernstige Enkelvoudige Dyslexie (EED)"
    assert ages.check_age(groningen.proposal(eed, groningen.client(twelve), BEGIN)) == []


def test_dyslexia_at_thirteen_is_refused_in_midden_limburg(limburg):
    proposal = limburg.proposal(DYSLEXIA_MLO, limburg.client(born(13, on=BEGIN)), BEGIN)
    assert rules(ages.check_age(proposal)) == ["LEEFTIJD"]
    seven = limburg.proposal(DYSLEXIA_MLO, limburg.client(born(7, on=BEGIN)), BEGIN)
    six = limburg.proposal(DYSLEXIA_MLO, limburg.client(born(7, on=BEGIN, days_later=1)), BEGIN)
    assert ages.check_age(seven) == [] and rules(ages.check_age(six)) == ["LEEFTIJD"]


def test_fact_jeugd_runs_to_twenty_three(groningen):
    for years, later, expected in ((18, 0, []), (23, 1, []), (23, 0, ["LEEFTIJD"])):
        client = groningen.client(born(years, on=BEGIN, days_later=later))
        proposal = groningen.proposal("FACT Jeugd", client, BEGIN)
        assert rules(ages.check_age(proposal)) == expected, (years, later)
        assert ages.check_extended_care(proposal) == []  # its own range, not verlengde jeugdhulp


def test_gezinshuis_runs_to_twenty_one(alkmaar):
    for years, later, expected in ((18, 0, []), (21, 1, []), (21, 0, ["LEEFTIJD"])):
        proposal = alkmaar.proposal(
            "Gezinshuizen", alkmaar.client(born(years, on=BEGIN, days_later=later)), BEGIN
        )
        assert rules(ages.check_age(proposal)) == expected, (years, later)


def test_minimum_age_edge(alkmaar):
    wonen = "Verblijf: Crisisopvang Wonen (Ondersteuningsgericht)"
    assert ages.check_age(alkmaar.proposal(wonen, alkmaar.client(born(12, on=BEGIN)), BEGIN)) == []
    eleven = alkmaar.proposal(wonen, alkmaar.client(born(12, on=BEGIN, days_later=1)), BEGIN)
    assert rules(ages.check_age(eleven)) == ["LEEFTIJD"]


def test_noordoost_brabant_dyslexia_must_start_before_thirteen(brabant):
    product = "Dyslexie onderzoek, diagnostiek en behandeling"
    twelve = brabant.proposal(product, brabant.client(born(13, on=BEGIN, days_later=1)), BEGIN)
    thirteen = brabant.proposal(product, brabant.client(born(13, on=BEGIN)), BEGIN)
    assert ages.check_age(twelve) == []
    assert rules(ages.check_age(thirteen)) == ["LEEFTIJD"]


# LEEFTIJD-18 ------------------------------------------------------------------------------------

ADULT_MLO = "Begeleiding individueel- licht"  # 0 tot 18, verlengde jeugdhulp tot 23


def _young_adult(world, *, earlier_end, begin):
    client = world.client(dt.date(2005, 6, 10))
    eighteen = birthday(client.birth_date, 18)
    if earlier_end is not False:
        toewijzing(world, client, ADULT_MLO, eighteen - dt.timedelta(days=200), earlier_end)
    return world.proposal(ADULT_MLO, client, begin), eighteen


def test_extended_care_half_a_year_after_eighteen_is_allowed(limburg):
    eighteen = birthday(dt.date(2005, 6, 10), 18)
    proposal, _ = _young_adult(
        limburg, earlier_end=eighteen - dt.timedelta(days=30), begin=add_months(eighteen, 6)
    )
    assert ages.check_age(proposal) == []
    assert ages.check_extended_care(proposal) == []


def test_extended_care_half_a_year_and_a_day_after_eighteen_is_refused(limburg):
    eighteen = birthday(dt.date(2005, 6, 10), 18)
    later = add_months(eighteen, 6) + DAY
    proposal, _ = _young_adult(limburg, earlier_end=eighteen - dt.timedelta(days=30), begin=later)
    assert rules(ages.check_extended_care(proposal)) == ["LEEFTIJD-18"]


def test_extended_care_without_earlier_help_is_refused(limburg, alkmaar):
    eighteen = birthday(dt.date(2005, 6, 10), 18)
    proposal, _ = _young_adult(limburg, earlier_end=False, begin=eighteen + DAY)
    proposal.end = eighteen + DAY * 180
    assert rules(check_allocation(proposal)) == ["LEEFTIJD-18"]
    # Alkmaar's book does not set this condition: there it is only a signal about other laws.
    client = alkmaar.client(dt.date(2005, 6, 10))
    zwaar = alkmaar.proposal("Ondersteuningsgericht Individueel Zwaar", client, eighteen + DAY)
    assert ages.check_extended_care(zwaar) == []


def test_extended_care_continuing_help_is_allowed(limburg):
    eighteen = birthday(dt.date(2005, 6, 10), 18)
    proposal, _ = _young_adult(limburg, earlier_end=None, begin=add_months(eighteen, 20))
    assert ages.check_extended_care(proposal) == []


# VERLENGD-VOORLIGGEND, LEEFTIJD-EED, VERLENGING-VERZOEK ---------------------------------------------


def test_alkmaar_extended_care_at_seventeen_gives_no_signal(alkmaar):
    client = alkmaar.client(born(18, on=BEGIN, days_later=1))
    proposal = alkmaar.proposal("Ondersteuningsgericht Individueel Zwaar", client, BEGIN)
    assert ages.check_extended_care_other_law(proposal) == []


def test_alkmaar_extended_care_at_eighteen_signals(alkmaar):
    client = alkmaar.client(born(18, on=BEGIN))
    proposal = alkmaar.proposal("Ondersteuningsgericht Individueel Zwaar", client, BEGIN, BEGIN + DAY * 180)
    findings = check_allocation(proposal)
    assert rules(findings) == ["VERLENGD-VOORLIGGEND"]
    assert all(finding.is_signal for finding in findings)


def test_groningen_dyslexia_at_twelve_gives_no_signal(groningen):
    twelve = groningen.client(born(13, on=BEGIN, days_later=1))
    proposal = groningen.proposal("Ernstige Enkelvoudige Dyslexie (EED)", twelve, BEGIN)
    assert ages.check_dyslexia_beyond_age(proposal) == []


def test_groningen_dyslexia_at_thirteen_signals_instead_of_refusing(groningen):
    proposal = groningen.proposal(
        "Ernstige Enkelvoudige Dyslexie (EED)", groningen.client(born(13, on=BEGIN)), BEGIN
    )
    assert ages.check_age(proposal) == []
    findings = [f for f in check_allocation(proposal) if f.rule.startswith("LEEFTIJD")]
    assert rules(findings) == ["LEEFTIJD-EED"] and findings[0].is_signal


def test_gezinshuis_at_seventeen_gives_no_request_signal(alkmaar):
    client = alkmaar.client(born(18, on=BEGIN, days_later=1))
    assert ages.check_stay_past_18_on_request(alkmaar.proposal("Gezinshuizen", client, BEGIN)) == []


def test_gezinshuis_at_eighteen_asks_for_the_request(alkmaar):
    proposal = alkmaar.proposal("Gezinshuizen", alkmaar.client(born(18, on=BEGIN)), BEGIN)
    assert rules(ages.check_stay_past_18_on_request(proposal)) == ["VERLENGING-VERZOEK"]


# VERWIJZER and VERWIJZER-LOGISCH ----------------------------------------------------------------


def test_referrer_named_by_the_book_is_allowed(brabant):
    proposal = brabant.proposal("Consultatie & advies hbo", brabant.client(born(9, on=BEGIN)), BEGIN)
    for code in ("01", "04"):
        proposal.referrer_code = code
        assert checks.check_referrer(proposal) == []


def test_referrer_not_named_by_the_book_is_refused(brabant):
    proposal = brabant.proposal(
        "Consultatie & advies hbo", brabant.client(born(9, on=BEGIN)), BEGIN, referrer_code="02"
    )
    assert rules(checks.check_referrer(proposal)) == ["VERWIJZER"]
    assert checks.check_logical_referrer(proposal) == []  # Alkmaar's advice does not hold here


def test_alkmaar_logical_referrer_gives_no_signal(alkmaar):
    proposal = alkmaar.proposal(
        "Ondersteuningsgericht Individueel Licht",
        alkmaar.client(born(9, on=BEGIN)),
        BEGIN,
        referrer_code="04",
    )
    assert checks.check_logical_referrer(proposal) == []


def test_alkmaar_other_referrer_signals_and_is_not_refused(alkmaar):
    proposal = alkmaar.proposal(
        "Ondersteuningsgericht Individueel Licht",
        alkmaar.client(born(9, on=BEGIN)),
        BEGIN,
        BEGIN + DAY * 180,
        referrer_code="02",
    )
    assert checks.check_referrer(proposal) == []
    findings = check_allocation(proposal)
    assert rules(findings) == ["VERWIJZER-LOGISCH"] and findings[0].is_signal


# COMBINATIE and COMBINATIE-VOORWAARDE -----------------------------------------------------------


def test_excluded_product_that_ended_the_day_before_is_no_obstacle(brabant):
    client = brabant.client(born(9, on=BEGIN))
    toewijzing(brabant, client, "(generalistische) Basis GGZ", BEGIN - dt.timedelta(days=90), BEGIN - DAY)
    assert checks.check_combination(brabant.proposal("Medicatie consultatie", client, BEGIN)) == []


def test_excluded_product_running_on_the_begin_date_is_refused(brabant, alkmaar):
    client = brabant.client(born(9, on=BEGIN))
    toewijzing(brabant, client, "(generalistische) Basis GGZ", BEGIN - dt.timedelta(days=90), BEGIN)
    assert rules(checks.check_combination(brabant.proposal("Medicatie consultatie", client, BEGIN))) == [
        "COMBINATIE"
    ]
    # An exclusion is the book's own: a toewijzing from another region's book is not in it.
    other = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, other, "HAJ Individueel Basis GGZ", BEGIN - dt.timedelta(days=90), None)
    assert checks.check_combination(brabant.proposal("Medicatie consultatie", other, BEGIN)) == []


def test_known_toewijzingen_judge_like_those_read_from_the_database(brabant):
    """A caller holding the client's toewijzingen (Proposal.known) gets the database's verdict."""
    client = brabant.client(born(9, on=BEGIN))
    ended = toewijzing(
        brabant, client, "(generalistische) Basis GGZ", BEGIN - dt.timedelta(days=90), BEGIN - DAY
    )
    running = toewijzing(brabant, client, "(generalistische) Basis GGZ", BEGIN - dt.timedelta(days=90), BEGIN)
    proposal = brabant.proposal("Medicatie consultatie", client, BEGIN)
    assert rules(checks.check_combination(proposal)) == ["COMBINATIE"]
    for known, expected in (([], []), ([ended], []), ([ended, running], ["COMBINATIE"])):
        proposal.known = known
        assert rules(checks.check_combination(proposal)) == expected


def test_logeren_beside_part_time_pleegzorg_edge(alkmaar):
    part_time = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, part_time, "Pleegzorg", BEGIN, None, volume=4, frequency="2")
    refused = checks.check_combination(alkmaar.proposal("Logeren", part_time, BEGIN, BEGIN + DAY * 30))
    assert rules(refused) == ["COMBINATIE"]
    full_time = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, full_time, "Pleegzorg", BEGIN, None, volume=5, frequency="2")
    assert checks.check_combination(alkmaar.proposal("Logeren", full_time, BEGIN, BEGIN + DAY * 30)) == []


def test_logeren_without_gezinshuis_gives_no_signal(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, "Gezinshuizen", BEGIN - dt.timedelta(days=90), BEGIN - DAY)
    assert checks.check_conditional_combination(alkmaar.proposal("Logeren", client, BEGIN)) == []


def test_logeren_beside_gezinshuis_signals(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, "Gezinshuizen", BEGIN - dt.timedelta(days=90), None)
    proposal = alkmaar.proposal("Logeren", client, BEGIN, BEGIN + DAY * 9)
    assert checks.check_combination(proposal) == []
    assert rules(checks.check_conditional_combination(proposal)) == ["COMBINATIE-VOORWAARDE"]


# CLIENTENSTOP -----------------------------------------------------------------------------------


def test_client_stop_ended_the_day_before_is_no_obstacle(limburg):
    ClientStop.objects.create(
        provider=limburg.provider, reason="vol", start=BEGIN - DAY * 30, end=BEGIN - DAY
    )
    proposal = limburg.proposal(ADULT_MLO, limburg.client(born(9, on=BEGIN)), BEGIN)
    assert checks.check_client_stop(proposal) == []


def test_client_stop_from_the_begin_date_is_refused(limburg):
    ClientStop.objects.create(provider=limburg.provider, reason="vol", start=BEGIN)
    proposal = limburg.proposal(ADULT_MLO, limburg.client(born(9, on=BEGIN)), BEGIN)
    assert rules(checks.check_client_stop(proposal)) == ["CLIENTENSTOP"]


# DUUR, PRODUCTDUUR ------------------------------------------------------------------------------


def test_two_years_to_the_day_is_allowed(limburg):
    end = last_day_of(BEGIN, months=24)
    assert end == dt.date(2026, 3, 3)
    proposal = limburg.proposal(ADULT_MLO, limburg.client(born(9, on=BEGIN)), BEGIN, end)
    assert durations.check_duration(proposal) == []


def test_two_years_and_a_day_is_refused(limburg):
    proposal = limburg.proposal(ADULT_MLO, limburg.client(born(9, on=BEGIN)), BEGIN, dt.date(2026, 3, 4))
    assert rules(durations.check_duration(proposal)) == ["DUUR"]
    foster = limburg.proposal(
        "Verblijf begeleiding- Licht Pleegzorg J&O",
        limburg.client(born(9, on=BEGIN)),
        BEGIN,
        dt.date(2030, 1, 1),
        guardianship=True,
    )
    assert durations.check_duration(foster) == []


def test_open_ended_toewijzing_is_refused_in_midden_limburg(limburg):
    proposal = limburg.proposal(ADULT_MLO, limburg.client(born(9, on=BEGIN)), BEGIN, None)
    assert rules(durations.check_duration(proposal)) == ["DUUR"]


def test_two_year_limit_does_not_hold_in_other_regions(brabant):
    proposal = brabant.proposal(
        "Begeleiding basis", brabant.client(born(9, on=BEGIN)), BEGIN, dt.date(2027, 1, 1)
    )
    assert durations.check_duration(proposal) == []


def test_extension_past_two_years_is_refused(limburg):
    client = limburg.client(born(9, on=BEGIN))
    t = toewijzing(limburg, client, ADULT_MLO, BEGIN, dt.date(2025, 3, 3))
    with pytest.raises(AllocationRefused) as refused:
        extend(t, end=dt.date(2026, 3, 4), today=BEGIN)
    assert "DUUR" in rules(refused.value.findings)
    t.refresh_from_db()
    assert t.end == dt.date(2025, 3, 3)


def test_product_duration_to_the_last_day_gives_no_signal(alkmaar):
    end = last_day_of(BEGIN, months=24)
    proposal = alkmaar.proposal(
        "Ondersteuningsgericht Individueel Licht", alkmaar.client(born(9, on=BEGIN)), BEGIN, end
    )
    assert durations.check_product_duration(proposal) == []


def test_product_duration_a_day_longer_signals(alkmaar):
    end = last_day_of(BEGIN, months=24) + DAY
    proposal = alkmaar.proposal(
        "Ondersteuningsgericht Individueel Licht", alkmaar.client(born(9, on=BEGIN)), BEGIN, end
    )
    findings = durations.check_product_duration(proposal)
    assert rules(findings) == ["PRODUCTDUUR"] and findings[0].is_signal


def test_open_ended_toewijzing_signals_product_duration(alkmaar):
    proposal = alkmaar.proposal(
        "Ondersteuningsgericht Individueel Licht", alkmaar.client(born(9, on=BEGIN)), BEGIN
    )
    assert rules(durations.check_product_duration(proposal)) == ["PRODUCTDUUR"]


# CRISIS-DUUR and CRISIS-DUUR-ADVIES -------------------------------------------------------------


def test_alkmaar_ambulant_crisis_of_28_days_is_allowed(alkmaar):
    proposal = alkmaar.proposal(
        "Ambulant: Crisishulpverlening", alkmaar.client(born(9, on=BEGIN)), BEGIN, BEGIN + DAY * 27
    )
    assert durations.check_crisis_duration(proposal) == []


def test_alkmaar_ambulant_crisis_of_29_days_is_refused(alkmaar):
    proposal = alkmaar.proposal(
        "Ambulant: Crisishulpverlening", alkmaar.client(born(9, on=BEGIN)), BEGIN, BEGIN + DAY * 28
    )
    assert rules(durations.check_crisis_duration(proposal)) == ["CRISIS-DUUR"]


def test_alkmaar_crisis_stay_past_six_weeks_is_refused(alkmaar):
    wonen = "Verblijf: Crisisopvang Wonen (Ondersteuningsgericht)"
    client = alkmaar.client(born(14, on=BEGIN))
    six_weeks = alkmaar.proposal(wonen, client, BEGIN, BEGIN + DAY * 41)
    assert rules(durations.check_crisis_duration(six_weeks)) == ["CRISIS-DUUR-ADVIES"]
    longer = alkmaar.proposal(wonen, client, BEGIN, BEGIN + DAY * 42)
    assert rules(durations.check_crisis_duration(longer)) == ["CRISIS-DUUR"]


def test_crisis_of_four_weeks_gives_no_signal_in_noordoost_brabant(brabant):
    proposal = brabant.proposal("Crisis ambulant", brabant.client(born(9, on=BEGIN)), BEGIN, BEGIN + DAY * 27)
    assert durations.check_crisis_duration(proposal) == []


def test_crisis_of_four_weeks_and_a_day_signals_in_noordoost_brabant(brabant):
    proposal = brabant.proposal("Crisis ambulant", brabant.client(born(9, on=BEGIN)), BEGIN, BEGIN + DAY * 28)
    findings = durations.check_crisis_duration(proposal)
    assert rules(findings) == ["CRISIS-DUUR-ADVIES"] and findings[0].is_signal


# OVERBRUGGING -----------------------------------------------------------------------------------


def test_bridging_of_exactly_six_weeks_is_allowed(alkmaar):
    client = alkmaar.client(dt.date(2014, 1, 1))
    end = BEGIN + dt.timedelta(days=41)  # day 42: six weeks, both ends counted
    proposal = alkmaar.proposal("Ondersteuningsgericht Individueel Licht", client, BEGIN, end, bridging=True)
    assert checks.check_bridging(proposal) == []


def test_bridging_of_six_weeks_and_a_day_is_refused(alkmaar):
    client = alkmaar.client(dt.date(2014, 1, 1))
    end = BEGIN + dt.timedelta(days=42)
    proposal = alkmaar.proposal("Ondersteuningsgericht Individueel Licht", client, BEGIN, end, bridging=True)
    assert rules(checks.check_bridging(proposal)) == ["OVERBRUGGING"]
    open_ended = alkmaar.proposal("Ondersteuningsgericht Individueel Licht", client, BEGIN, bridging=True)
    assert rules(checks.check_bridging(open_ended)) == ["OVERBRUGGING"]


def test_bridging_limit_of_alkmaar_does_not_hold_in_noordoost_brabant(brabant):
    client = brabant.client(dt.date(2014, 1, 1))
    product = brabant.region.products.filter(category="45").first()
    proposal = brabant.proposal(product, client, BEGIN, BEGIN + dt.timedelta(days=90), bridging=True)
    assert checks.check_bridging(proposal) == []


# EXPERTPOOL and EXPERTPOOL-TRAJECT --------------------------------------------------------------


def test_expertpool_product_with_advice_is_allowed(groningen):
    client = groningen.client(born(12, on=BEGIN))
    proposal = groningen.proposal(
        "Jeugdhulp verblijf inclusief behandeling", client, BEGIN, expert_advice="EP-2024-17"
    )
    assert checks.check_expert_advice(proposal) == []


def test_expertpool_product_without_advice_is_refused(groningen):
    client = groningen.client(born(12, on=BEGIN))
    proposal = groningen.proposal("Jeugdhulp verblijf inclusief behandeling", client, BEGIN)
    assert rules(checks.check_expert_advice(proposal)) == ["EXPERTPOOL"]
    proposal.expert_advice = "   "
    assert rules(checks.check_expert_advice(proposal)) == ["EXPERTPOOL"]


def test_integral_trajectory_with_advice_gives_no_signal(groningen):
    client = groningen.client(born(12, on=BEGIN))
    proposal = groningen.proposal(
        "(Integraal Traject) Jeugdhulp Autisme", client, BEGIN, expert_advice="EP-1"
    )
    assert checks.check_expert_advice(proposal) == []


def test_integral_trajectory_without_advice_signals(groningen):
    client = groningen.client(born(12, on=BEGIN))
    proposal = groningen.proposal("(Integraal Traject) Jeugdhulp Autisme", client, BEGIN)
    findings = checks.check_expert_advice(proposal)
    assert rules(findings) == ["EXPERTPOOL-TRAJECT"] and findings[0].is_signal
