"""Rules found by reading every product page of the Alkmaar book and the Midden-Limburg Oost
product book line by line: each tried on both sides of its edge, and where it is a region's own,
shown not to hold in another region."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.catalogus.models import Provider
from jeugdketen.toegang import checks
from jeugdketen.toegang.checks import check_allocation
from jeugdketen.toegang.intensity import check_intensity
from jeugdketen.toegang.sequence import check_after_diagnosis

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)
DIAGNOSE = "Hulp bij Ernstige Enkelvoudige Dyslexie (Diagnostiek)"
BEHANDELING = "Hulp bij Ernstige Enkelvoudige Dyslexie (Behandeling)"
BASIS_GGZ = "HAJ Individueel Basis GGZ"
DAGBEHANDELING_GGZ = "HAJ Dagbehandeling GGZ"


@pytest.fixture
def alkmaar(db):
    return RegionWorld("alkmaar-2023")


@pytest.fixture
def limburg(db):
    return RegionWorld("midden-limburg-oost-2020")


def rules(findings) -> list[str]:
    return [finding.rule for finding in findings]


# VERWIJZER: Consultatie "Rechtmatige verwijzer: Alleen de lokale toegang" (Alkmaar 3900-3901) ---


def test_alkmaar_consultatie_by_the_local_access_team_is_allowed(alkmaar):
    proposal = alkmaar.proposal("Consultatie", alkmaar.client(born(9, on=BEGIN)), BEGIN, referrer_code="01")
    assert checks.check_referrer(proposal) == [] and checks.check_logical_referrer(proposal) == []


def test_alkmaar_consultatie_by_another_referrer_is_refused_not_signalled(alkmaar):
    proposal = alkmaar.proposal("Consultatie", alkmaar.client(born(9, on=BEGIN)), BEGIN, referrer_code="04")
    assert rules(checks.check_referrer(proposal)) == ["VERWIJZER"]
    assert checks.check_logical_referrer(proposal) == []  # one finding: the binding one
    assert not check_allocation(proposal)[0].is_signal


def test_alkmaar_logical_referrers_still_only_signal(alkmaar):
    proposal = alkmaar.proposal(
        "Ondersteuningsgericht Individueel Licht",
        alkmaar.client(born(9, on=BEGIN)),
        BEGIN,
        referrer_code="02",
    )
    assert checks.check_referrer(proposal) == []
    assert rules(checks.check_logical_referrer(proposal)) == ["VERWIJZER-LOGISCH"]


# COMBINATIE: product pages that exclude a product beside another ---------------------------------


@pytest.mark.parametrize("product", [BASIS_GGZ, DAGBEHANDELING_GGZ])
def test_alkmaar_ggz_treatment_beside_a_stay_that_ended_the_day_before_is_allowed(alkmaar, product):
    client = alkmaar.client(born(12, on=BEGIN))
    toewijzing(alkmaar, client, "Behandelgroepen", BEGIN - 90 * DAY, BEGIN - DAY)
    assert checks.check_combination(alkmaar.proposal(product, client, BEGIN)) == []


@pytest.mark.parametrize("product", [BASIS_GGZ, DAGBEHANDELING_GGZ])
def test_alkmaar_ggz_treatment_beside_a_running_stay_is_refused(alkmaar, product):
    client = alkmaar.client(born(12, on=BEGIN))
    toewijzing(alkmaar, client, "Klinische jeugd GGZ (besloten)", BEGIN - 90 * DAY, BEGIN)
    assert rules(checks.check_combination(alkmaar.proposal(product, client, BEGIN))) == ["COMBINATIE"]


def test_alkmaar_ggz_treatment_beside_foster_care_or_a_gezinshuis_is_allowed(alkmaar):
    client = alkmaar.client(born(12, on=BEGIN))
    toewijzing(alkmaar, client, "Pleegzorg", BEGIN - 90 * DAY)  # the page sends GGZ to ambulant care
    assert checks.check_combination(alkmaar.proposal(BASIS_GGZ, client, BEGIN)) == []


def test_alkmaar_a_second_gezinshuis_after_the_first_ended_is_allowed(alkmaar):
    client = alkmaar.client(born(12, on=BEGIN))
    toewijzing(alkmaar, client, "Gezinshuizen", BEGIN - 90 * DAY, BEGIN - DAY)
    assert checks.check_combination(alkmaar.proposal("Gezinshuizen", client, BEGIN)) == []


def test_alkmaar_a_second_gezinshuis_at_the_same_time_is_refused(alkmaar):
    client = alkmaar.client(born(12, on=BEGIN))
    toewijzing(alkmaar, client, "Gezinshuizen", BEGIN - 90 * DAY, BEGIN)
    assert rules(checks.check_combination(alkmaar.proposal("Gezinshuizen", client, BEGIN))) == ["COMBINATIE"]


def test_alkmaar_dyslexia_treatment_beside_ggz_treatment_is_refused(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, "HAJ Individueel S-GGZ", BEGIN - 90 * DAY, BEGIN)
    assert rules(checks.check_combination(alkmaar.proposal(BEHANDELING, client, BEGIN))) == ["COMBINATIE"]
    toewijzing(
        alkmaar, client := alkmaar.client(born(9, on=BEGIN)), "HAJ Individueel Medicatiecontrole", BEGIN
    )
    assert checks.check_combination(alkmaar.proposal(BEHANDELING, client, BEGIN)) == []


def test_limburg_separate_diagnostics_after_the_treatment_ended_is_allowed(limburg):
    client = limburg.client(born(10, on=BEGIN))
    toewijzing(limburg, client, "Behandeling individueel- zwaar JGGZ", BEGIN - 90 * DAY, BEGIN - DAY)
    assert (
        checks.check_combination(limburg.proposal("Behandeling individueel- Diagnostiek", client, BEGIN))
        == []
    )


def test_limburg_separate_diagnostics_beside_a_running_jggz_treatment_is_refused(limburg):
    client = limburg.client(born(10, on=BEGIN))
    toewijzing(limburg, client, "Behandeling individueel- zwaar JGGZ", BEGIN - 90 * DAY, BEGIN)
    proposal = limburg.proposal("Behandeling individueel- Diagnostiek", client, BEGIN)
    assert rules(checks.check_combination(proposal)) == ["COMBINATIE"]
    other = limburg.client(born(10, on=BEGIN))
    toewijzing(limburg, other, "Behandeling individueel- licht JGGZ", BEGIN - 90 * DAY, BEGIN)
    assert (
        checks.check_combination(limburg.proposal("Behandeling individueel- Diagnostiek", other, BEGIN)) == []
    )


# DYSLEXIE-AANBIEDER and DYSLEXIE-DIAGNOSE (Alkmaar 3759-3764, 3800-3801) --------------------------


def test_dyslexia_treatment_at_the_provider_of_the_diagnosis_is_allowed(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, DIAGNOSE, BEGIN - 60 * DAY, BEGIN - DAY)
    assert check_after_diagnosis(alkmaar.proposal(BEHANDELING, client, BEGIN)) == []


def test_dyslexia_treatment_at_another_provider_is_refused(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, DIAGNOSE, BEGIN - 60 * DAY, BEGIN - DAY)
    proposal = alkmaar.proposal(BEHANDELING, client, BEGIN)
    proposal.provider = Provider.objects.create(name="Andere dyslexiepraktijk", agb_code="12340000")
    findings = check_after_diagnosis(proposal)
    assert rules(findings) == ["DYSLEXIE-AANBIEDER"] and not findings[0].is_signal


def test_dyslexia_treatment_at_a_subcontractor_of_the_diagnosing_contract_holder_is_allowed(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, DIAGNOSE, BEGIN - 60 * DAY, BEGIN - DAY)
    proposal = alkmaar.proposal(BEHANDELING, client, BEGIN)
    proposal.provider = Provider.objects.create(
        name="Onderaannemer", agb_code="12340001", contract_holder=alkmaar.provider
    )
    assert check_after_diagnosis(proposal) == []


def test_dyslexia_diagnostics_begun_the_day_before_counts(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, DIAGNOSE, BEGIN - DAY)
    assert check_after_diagnosis(alkmaar.proposal(BEHANDELING, client, BEGIN)) == []


def test_dyslexia_diagnostics_begun_the_same_day_signals_and_does_not_refuse(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    toewijzing(alkmaar, client, DIAGNOSE, BEGIN)
    findings = check_after_diagnosis(alkmaar.proposal(BEHANDELING, client, BEGIN))
    assert rules(findings) == ["DYSLEXIE-DIAGNOSE"] and findings[0].is_signal


def test_dyslexia_treatment_without_known_diagnostics_signals(alkmaar):
    findings = check_after_diagnosis(alkmaar.proposal(BEHANDELING, alkmaar.client(born(9, on=BEGIN)), BEGIN))
    assert rules(findings) == ["DYSLEXIE-DIAGNOSE"]
    assert "DYSLEXIE-DIAGNOSE" in rules(
        check_allocation(alkmaar.proposal(BEHANDELING, alkmaar.client(born(9, on=BEGIN)), BEGIN))
    )


def test_a_withdrawn_diagnostics_toewijzing_does_not_count(alkmaar):
    client = alkmaar.client(born(9, on=BEGIN))
    withdrawn = toewijzing(alkmaar, client, DIAGNOSE, BEGIN - 60 * DAY, BEGIN - DAY)
    withdrawn.status = "ingetrokken"
    withdrawn.save()
    assert rules(check_after_diagnosis(alkmaar.proposal(BEHANDELING, client, BEGIN))) == ["DYSLEXIE-DIAGNOSE"]


def test_dyslexia_order_does_not_hold_in_midden_limburg(limburg):
    client = limburg.client(born(9, on=BEGIN))
    proposal = limburg.proposal("Behandeling individueel Dyslexie behandeling", client, BEGIN)
    assert check_after_diagnosis(proposal) == []  # there diagnostics needs no toewijzing (3032)


# INTENSITEIT data from the product pages ------------------------------------------------------------


def test_alkmaar_dyslexia_diagnostics_of_15_hours_gives_no_signal(alkmaar):
    proposal = alkmaar.proposal(
        DIAGNOSE,
        alkmaar.client(born(9, on=BEGIN)),
        BEGIN,
        BEGIN + 90 * DAY,
        volume=15,
        frequency="6",
        unit="04",
    )
    assert check_intensity(proposal) == []


def test_alkmaar_dyslexia_diagnostics_of_16_hours_signals(alkmaar):
    proposal = alkmaar.proposal(
        DIAGNOSE,
        alkmaar.client(born(9, on=BEGIN)),
        BEGIN,
        BEGIN + 90 * DAY,
        volume=16,
        frequency="6",
        unit="04",
    )
    assert rules(check_intensity(proposal)) == ["INTENSITEIT"]


def test_alkmaar_basis_ggz_has_a_maximum_but_no_minimum(alkmaar):
    def signalled(volume):
        proposal = alkmaar.proposal(
            BASIS_GGZ, alkmaar.client(born(9, on=BEGIN)), BEGIN, volume=volume, frequency="2", unit="04"
        )
        return rules(check_intensity(proposal))

    assert signalled(0) == [] and signalled(2) == []  # "maximaal 1 tot 2 uur per week"
    assert signalled(3) == ["INTENSITEIT"]


def test_alkmaar_medication_check_four_times_a_year_gives_no_signal(alkmaar):
    proposal = alkmaar.proposal(
        "HAJ Individueel Medicatiecontrole",
        alkmaar.client(born(12, on=BEGIN)),
        BEGIN,
        dt.date(2024, 12, 31),
        volume=4,
        frequency="6",
        unit="84",
    )
    assert check_intensity(proposal) == []


def test_alkmaar_medication_check_five_times_a_year_signals(alkmaar):
    proposal = alkmaar.proposal(
        "HAJ Individueel Medicatiecontrole",
        alkmaar.client(born(12, on=BEGIN)),
        BEGIN,
        dt.date(2024, 12, 31),
        volume=5,
        frequency="6",
        unit="84",
    )
    assert rules(check_intensity(proposal)) == ["INTENSITEIT"]


# VERLENGD-VOORLIGGEND: the forensic page names its own condition (Alkmaar 3260-3262) -------------


def test_alkmaar_forensic_care_past_18_asks_for_the_measure_not_for_other_law(alkmaar):
    from jeugdketen.toegang.ages import check_extended_care_other_law

    forensic = "HAJ Individueel Forensische Psychiatrie"
    at_17 = check_extended_care_other_law(
        alkmaar.proposal(forensic, alkmaar.client(born(17, on=BEGIN)), BEGIN)
    )
    assert at_17 == []
    findings = check_extended_care_other_law(
        alkmaar.proposal(forensic, alkmaar.client(born(18, on=BEGIN)), BEGIN)
    )
    assert rules(findings) == ["VERLENGD-VOORLIGGEND"] and "jeugdrechtspraak" in findings[0].text
    other = check_extended_care_other_law(
        alkmaar.proposal("Ondersteuningsgericht Individueel Zwaar", alkmaar.client(born(18, on=BEGIN)), BEGIN)
    )
    assert "voorliggende" in other[0].text


# COMBINATIE-VOORWAARDE: extra part-time foster care as respite (Alkmaar 4269-4270) --------------


def test_alkmaar_a_second_foster_care_after_the_first_ended_gives_no_signal(alkmaar):
    client = alkmaar.client(born(8, on=BEGIN))
    toewijzing(alkmaar, client, "Pleegzorg", BEGIN - 90 * DAY, BEGIN - DAY, volume=7, frequency="2")
    proposal = alkmaar.proposal("Pleegzorg", client, BEGIN, volume=2, frequency="2")
    assert checks.check_conditional_combination(proposal) == []


def test_alkmaar_part_time_foster_care_beside_foster_care_signals(alkmaar):
    client = alkmaar.client(born(8, on=BEGIN))
    toewijzing(alkmaar, client, "Pleegzorg", BEGIN - 90 * DAY, BEGIN, volume=7, frequency="2")
    proposal = alkmaar.proposal("Pleegzorg", client, BEGIN, volume=2, frequency="2")
    findings = checks.check_conditional_combination(proposal)
    assert rules(findings) == ["COMBINATIE-VOORWAARDE"] and findings[0].is_signal
    assert "pleegouders" in findings[0].text
    assert checks.check_combination(proposal) == []  # a signal, not a refusal
