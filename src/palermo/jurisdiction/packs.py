"""Load a jurisdiction pack (YAML) into the database: provisions, agencies, languages, calendar."""

import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from palermo.accounts.models import Agency
from palermo.accounts.roles import AgencyKind
from palermo.jurisdiction.models import Jurisdiction, LegalProvision

BUILT_IN = ("generic", "macao")


class PackError(ValueError):
    """A pack file that cannot be loaded, with what is wrong and where."""


def read_pack(name_or_path: str) -> dict[str, Any]:
    if name_or_path in BUILT_IN:
        text = resources.files("palermo.jurisdiction").joinpath(f"packs/{name_or_path}.yaml")
        raw = yaml.safe_load(text.read_text(encoding="utf-8"))
    else:
        try:
            raw = yaml.safe_load(Path(name_or_path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise PackError(f"{name_or_path}: {error}") from None
    _check_pack(raw, name_or_path)
    return dict(raw)


# Kinds of agency that find and help victims but never decide who is one.
NEVER_IDENTIFIES = frozenset({AgencyKind.NGO, AgencyKind.HOTLINE, AgencyKind.HEALTH})


def _check_pack(raw: Any, origin: str) -> None:
    if not isinstance(raw, dict):
        raise PackError(f"{origin}: a pack is a mapping with code, name, provisions, agencies")
    for key in ("code", "name", "provisions", "agencies"):
        if key not in raw:
            raise PackError(f"{origin}: missing '{key}'")
    for number, agency in enumerate(raw["agencies"], start=1):
        if agency.get("kind") not in AgencyKind.values:
            raise PackError(f"{origin}: agency {number} has unknown kind {agency.get('kind')!r}")
        if agency.get("identifies_victims") and agency["kind"] in NEVER_IDENTIFIES:
            raise PackError(
                f"{origin}: agency {number} ({agency['kind']}) cannot be a competent authority"
                " for identification: it refers, the authority decides"
            )
        _check_agency_names(agency.get("names"), f"{origin}: agency {number}")
    _check_population((raw.get("statistics") or {}).get("population"), origin)
    _check_currency(raw.get("currency"), origin)


def _check_currency(currency: Any, origin: str) -> None:
    """currency: an ISO 4217 code, three capital letters ("MOP", "EUR")."""
    if currency is None:
        return
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        raise PackError(f"{origin}: currency {currency!r} is not an ISO 4217 code such as MOP")


def _check_agency_names(names: Any, where: str) -> None:
    """names: {language code: the agency's name in that language}, each a non-empty text."""
    if names is None:
        return
    if not isinstance(names, dict):
        raise PackError(f"{where}: 'names' is a mapping of language: name")
    for language, name in names.items():
        if not isinstance(name, str) or not name.strip():
            raise PackError(f"{where}: names.{language} is empty")


POPULATION_GROUPS = ("total", "female", "male", "child", "adult")


def _check_population(population: Any, origin: str) -> None:
    """statistics.population: a named source and, per year, whole numbers of inhabitants."""
    if population is None:
        return
    where = f"{origin}: statistics.population"
    if not isinstance(population, dict) or not isinstance(population.get("years"), dict):
        raise PackError(f"{where}: a mapping with 'source' and 'years'")
    if not str(population.get("source") or "").strip():
        raise PackError(f"{where}: 'source' is missing (name where the figures come from)")
    for year, groups in population["years"].items():
        if not str(year).isdigit() or not isinstance(groups, dict):
            raise PackError(f"{where}.years.{year}: a year, then a mapping of group: inhabitants")
        for group, value in groups.items():
            if group not in POPULATION_GROUPS:
                known = ", ".join(POPULATION_GROUPS)
                raise PackError(f"{where}.years.{year}.{group}: unknown group (one of {known})")
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise PackError(f"{where}.years.{year}.{group}: not a positive whole number")


@transaction.atomic
def load_pack(name_or_path: str, activate: bool = True) -> Jurisdiction:
    pack = read_pack(name_or_path)
    start = pack.get("reporting_year_start", {"month": 1, "day": 1})
    jurisdiction, _ = Jurisdiction.objects.update_or_create(
        code=pack["code"],
        defaults={
            "name": pack["name"],
            "languages": pack.get("languages", ["en"]),
            "time_zone": pack.get("time_zone", "UTC"),
            "currency": pack.get("currency", ""),
            "reporting_year_start_month": start["month"],
            "reporting_year_start_day": start["day"],
            "statistics": pack.get("statistics", {}),
        },
    )
    for provision in pack["provisions"]:
        LegalProvision.objects.update_or_create(
            jurisdiction=jurisdiction,
            code=provision["code"],
            defaults={key: provision.get(key, default) for key, default in _PROVISION_FIELDS},
        )
    for agency in pack["agencies"]:
        Agency.objects.update_or_create(
            jurisdiction=jurisdiction,
            code=agency["code"],
            defaults={
                "name": agency["name"],
                "names": agency.get("names") or {},
                "kind": agency["kind"],
                "is_committee_member": agency.get("committee_member", False),
                "identifies_victims": agency.get("identifies_victims", False),
            },
        )
    if activate:
        Jurisdiction.objects.exclude(pk=jurisdiction.pk).update(is_active=False)
        Jurisdiction.objects.filter(pk=jurisdiction.pk).update(is_active=True)
    return jurisdiction


_PROVISION_FIELDS = [("title", ""), ("acts", []), ("means", []), ("purposes", []), ("penalty", "")]
