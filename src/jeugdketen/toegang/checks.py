"""Allocation checks against the catalogue and the contract of the product's region.

Each check is a small function marked with :func:`jeugdketen.regels.regel`; it returns
:class:`Finding` objects named after a rule of the register (``CONTRACT``, ``LEEFTIJD``, ...).
Whether a finding refuses the allocation or only signals is the register's ``kind`` of that
rule (``weigert`` or ``signaleert``): a signal lets the worker go on with a recorded reason.
Rules written for some regions only ask the register whether they hold in the product's
region (:func:`jeugdketen.regels.register.applies`), so no region's contract leaks into
another. A finding carries a Dutch text for people and the WJ759 reden afwijzing verzoek a
JW319 uses when the allocation came from a request.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from jeugdketen.catalogus.models import Product
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, ContractProduct
from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from . import remembered
from .ages import (
    check_age,
    check_dyslexia_beyond_age,
    check_extended_care,
    check_extended_care_other_law,
    check_stay_past_18_on_request,
)
from .awarded import check_awarded
from .beside import (
    check_gi_within_measure,
    check_samenloop,
    check_separate_diagnostics,
    check_without_measure,
)
from .casusregie import check_case_director
from .durations import check_crisis_duration, check_duration, check_dyslexia_duration, check_product_duration
from .intensity import check_intensity, check_monthly_unit
from .proposal import Finding, Proposal, age_on, current_beside, find_product, product_names
from .selfreferral import check_own_referral
from .sequence import check_after_diagnosis

BRIDGING_DAYS = 42  # overbruggingszorg: at most 6 weeks (Alkmaar)

__all__ = ["AllocationRefused", "Finding", "Proposal", "age_on", "check_allocation", "find_product"]


@regel("PRODUCT")
def check_product(p: Proposal) -> list[Finding]:
    if p.product is None:
        return [Finding("PRODUCT", "Het product staat niet in het productenboek van deze gemeente.", "4")]
    if p.product.valid_until and p.begin > p.product.valid_until and p.replaces is None:
        successor = p.product.current_on(p.begin)
        instead = f"; gebruik {successor.code or successor.name}" if successor.pk != p.product.pk else ""
        return [
            Finding(
                "PRODUCTCODE",
                f"Product {p.product.code or p.product.name} is vervallen per "
                f"{p.product.valid_until + dt.timedelta(days=1):%d-%m-%Y}{instead}.",
                "4",
            )
        ]
    return []


def _contracts_by_product(holders: list[int]) -> dict[int, list]:
    """Per product, the contracts of these providers with a line for it (read once per batch)."""
    found: dict[int, list] = {}
    for line in (
        ContractProduct.objects.filter(contract__provider__in=holders)
        .select_related("contract")
        .order_by("pk")
    ):
        found.setdefault(line.product_id, []).append(line.contract)
    return found


@regel("CONTRACT")
def check_contract(p: Proposal) -> list[Finding]:
    """The provider (or its contract holder) has a contract line for the product on the begin date."""
    if p.product is None:
        return []
    holders = [p.provider.pk] + ([p.provider.contract_holder_id] if p.provider.contract_holder_id else [])
    by_product = remembered.rows(("contract", *holders), lambda: _contracts_by_product(holders))
    if by_product is not None:
        found = any(remembered.on(contract, p.begin) for contract in by_product.get(p.product.pk, ()))
    else:
        found = ContractProduct.objects.filter(
            Q(contract__end__isnull=True) | Q(contract__end__gte=p.begin),
            contract__provider__in=holders,
            contract__start__lte=p.begin,
            product=p.product,
        ).exists()
    if not found:
        return [
            Finding(
                "CONTRACT",
                f"{p.provider.name} heeft geen contract voor {p.product.code or p.product.name} "
                f"op {p.begin:%d-%m-%Y}.",
                "3",
            )
        ]
    return []


def _binding(product: Product) -> bool:
    """Alkmaar: the book names a "rechtmatige verwijzer" (only these may refer), not a logical one."""
    return bool((product.limits or {}).get("referrers_binding"))


def _referrer_findings(p: Proposal, rule: str) -> list[Finding]:
    if p.product is None or not p.referrer_code or p.product.referrers is None:
        return []
    if rule == "VERWIJZER" and applies("VERWIJZER-LOGISCH", p.region) and not _binding(p.product):
        return []  # where a book names logical referrers, only its binding ones refuse
    if rule == "VERWIJZER-LOGISCH" and _binding(p.product):
        return []
    if not applies(rule, p.region) or p.referrer_code in p.product.referrers:
        return []
    allowed = ", ".join(p.product.referrers)
    return [
        Finding(
            rule,
            f"Verwijzer {p.referrer_code} is geen verwijzer die het productenboek voor dit product noemt "
            f"({allowed}).",
            "4",
        )
    ]


@regel("VERWIJZER")
def check_referrer(p: Proposal) -> list[Finding]:
    """Only the referrers the book names may refer to this product (where the book restricts it)."""
    return _referrer_findings(p, "VERWIJZER")


@regel("VERWIJZER-LOGISCH")
def check_logical_referrer(p: Proposal) -> list[Finding]:
    """Alkmaar names a 'logische verwijzer': another referrer is signalled, not refused."""
    return _referrer_findings(p, "VERWIJZER-LOGISCH")


@regel("COMBINATIE")
def check_combination(p: Proposal) -> list[Finding]:
    """No product beside one its product book excludes (e.g. medicatieconsultatie beside behandeling)."""
    if p.product is None or not applies("COMBINATIE", p.region):
        return []
    current = current_beside(p)
    if not current:
        return []
    excluded_ids = set(p.product.excluded_products.values_list("pk", flat=True))
    excluded_names = {name.lower() for name in p.product.excludes or []}
    for other in current:
        product = other.product
        names = {name.lower() for name in product.excludes or []}
        if (
            product.pk in excluded_ids
            or product_names(product) & excluded_names
            or product_names(p.product) & names
        ):
            return [
                Finding(
                    "COMBINATIE",
                    f"{p.product.name} mag niet naast {product.name} (toewijzing {other.number}).",
                    "6",
                )
            ]
        refused = _conditional(p, other)
        if refused:
            return [refused]
    return []


def _conditions(holder: Product, other: Product) -> list[dict]:
    return [
        c
        for c in (holder.limits or {}).get("conditional_excludes") or []
        if c["product"].lower() in product_names(other)
    ]


def _weekly(volume, frequency) -> int | None:
    return volume if volume is not None and frequency == "2" else None


def _conditional(p: Proposal, other) -> Finding | None:
    """Alkmaar: logeren beside part-time pleegzorg (under 5 etmalen a week) is refused."""
    pairs = (
        (p.product, _weekly(p.volume, p.frequency), other.product),
        (other.product, _weekly(other.volume, other.frequency), p.product),
    )
    for holder, weekly, partner in pairs:
        for condition in _conditions(holder, partner):
            below = condition.get("refuse_when_weekly_volume_below")
            if below and weekly is not None and weekly < below:
                return Finding(
                    "COMBINATIE",
                    f"{partner.name} kan niet naast {holder.name} in deeltijd ({weekly} etmalen per week, "
                    f"minder dan {below}).",
                    "6",
                )
    return None


CONDITIONAL_RULES = ("COMBINATIE-VOORWAARDE", "COMBINATIE-INCLUSIEF")


@regel(*CONDITIONAL_RULES)
def check_conditional_combination(p: Proposal) -> list[Finding]:
    """A combination the book allows only on a condition the access team records (signals).

    Alkmaar: logeren beside a gezinshuis only as respite, at most 10 etmalen in 12 months
    (``COMBINATIE-VOORWAARDE``). Noordoost-Brabant: treatment or day programme beside a stay
    whose tariff already includes it (``COMBINATIE-INCLUSIEF``). The catalogue's
    ``conditional_excludes`` name the partner and the signal; ``rule`` says whose it is.
    """
    if p.product is None or not any(applies(rule, p.region) for rule in CONDITIONAL_RULES):
        return []
    for other in current_beside(p):
        for holder, partner in ((p.product, other.product), (other.product, p.product)):
            for condition in _conditions(holder, partner):
                rule = condition.get("rule", "COMBINATIE-VOORWAARDE")
                if condition.get("signal") and applies(rule, p.region):
                    return [Finding(rule, f"{partner.name} naast {holder.name}: {condition['signal']}.", "6")]
    return []


def _first_on(model, p: Proposal):
    """The provider's first client stop or exemption (by key) that holds on the begin date for
    the product; inside :func:`remembered.remembered` from the provider's rows read once."""
    known = remembered.rows(
        (model.__name__, p.provider.pk),
        lambda: list(model.objects.filter(provider=p.provider).order_by("pk")),
    )
    if known is not None:
        return next(
            (r for r in known if remembered.on(r, p.begin) and remembered.for_product(r, p.product)), None
        )
    rows = model.objects.filter(
        Q(end__isnull=True) | Q(end__gte=p.begin), provider=p.provider, start__lte=p.begin
    )
    if p.product is not None:
        rows = rows.filter(Q(product__isnull=True) | Q(product=p.product))
    return rows.order_by("pk").first()


@regel("CLIENTENSTOP")
def check_client_stop(p: Proposal) -> list[Finding]:
    stop = _first_on(ClientStop, p)
    if stop is not None:
        return [
            Finding(
                "CLIENTENSTOP",
                f"{p.provider.name} heeft een cliëntenstop vanaf {stop.start:%d-%m-%Y}: {stop.reason}",
                "4",
            )
        ]
    return []


@regel("ACCEPTATIEPLICHT")
def check_acceptance_exemption(p: Proposal) -> list[Finding]:
    """A provider exempt from the acceptance duty (acceptatieplicht) may decline clients, so the
    municipality allocates to it only what the provider itself asked for."""
    if p.requested_by_provider:
        return []
    exemption = _first_on(AcceptanceExemption, p)
    if exemption is not None:
        return [
            Finding(
                "ACCEPTATIEPLICHT",
                f"{p.provider.name} is vrijgesteld van de acceptatieplicht ({exemption.reason}); "
                "wijs alleen toe op verzoek van de aanbieder (JW315).",
                "4",
            )
        ]
    return []


@regel("OVERBRUGGING")
def check_bridging(p: Proposal) -> list[Finding]:
    """Bridging care (overbruggingszorg) lasts at most 6 weeks, where the product book says so."""
    if not p.bridging or p.product is None or not applies("OVERBRUGGING", p.region):
        return []
    if p.end is None or (p.end - p.begin).days + 1 > BRIDGING_DAYS:
        return [Finding("OVERBRUGGING", "Overbruggingszorg duurt ten hoogste 6 weken.", "4")]
    return []


@regel("EXPERTPOOL", "EXPERTPOOL-TRAJECT")
def check_expert_advice(p: Proposal) -> list[Finding]:
    """Groningen: products marked 'Advies Expertpool noodzakelijk' need that advice first; an
    integraal traject needs it only when it uses verblijf or dagbehandeling (a signal)."""
    if p.product is None or p.expert_advice.strip():
        return []
    limits = p.product.limits or {}
    if limits.get("expert_advice_required") and applies("EXPERTPOOL", p.region):
        return [
            Finding(
                "EXPERTPOOL",
                f"Voor {p.product.name} is eerst advies van de expertpool nodig; vul de referentie van "
                "dat advies in.",
                "4",
            )
        ]
    if limits.get("expert_advice_conditional") and applies("EXPERTPOOL-TRAJECT", p.region):
        return [
            Finding(
                "EXPERTPOOL-TRAJECT",
                f"{p.product.name} vraagt advies van de expertpool als het traject verblijf of "
                "dagbehandeling inzet: vul de referentie in, of leg vast dat dat niet zo is.",
                "4",
            )
        ]
    return []


CHECKS = [
    check_product,
    check_contract,
    check_awarded,
    check_age,
    check_extended_care,
    check_extended_care_other_law,
    check_dyslexia_beyond_age,
    check_referrer,
    check_logical_referrer,
    check_combination,
    check_conditional_combination,
    check_separate_diagnostics,
    check_samenloop,
    check_without_measure,
    check_gi_within_measure,
    check_case_director,
    check_client_stop,
    check_acceptance_exemption,
    check_duration,
    check_dyslexia_duration,
    check_product_duration,
    check_crisis_duration,
    check_bridging,
    check_expert_advice,
    check_stay_past_18_on_request,
    check_intensity,
    check_monthly_unit,
    check_after_diagnosis,
    check_own_referral,
]


def check_allocation(proposal: Proposal) -> list[Finding]:
    """Every finding against this proposal; empty means it may be allocated without a word.

    Findings of kind ``signaleert`` do not refuse: :func:`refusals` and :func:`signals` split them.
    """
    if proposal.end is not None and proposal.end < proposal.begin:
        return [Finding("PERIODE", "De einddatum ligt vóór de ingangsdatum.", "4")]
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(proposal))
    return findings


def refusals(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if not finding.is_signal]


def signals(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.is_signal]


class AllocationRefused(Exception):
    """An allocation that breaks a rule; `findings` name the rules (refusals first)."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f"{f.rule}: {f.text}" for f in findings))
        self.findings = findings

    @property
    def only_signals(self) -> bool:
        """Nothing refuses: recording a reason for each signal lets the allocation go on."""
        return bool(self.findings) and all(finding.is_signal for finding in self.findings)
