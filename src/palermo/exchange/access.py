"""Who may make releases and load partners' data: analysts (the committee secretariat's role).

They see aggregates and released files only; the table built from the registry never leaves the
process that protects it.
"""

from django.db.models import QuerySet
from django.http import Http404

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.exchange.models import CtdcExport, DpRelease, ReferenceDataset


def may_exchange(user: object) -> bool:
    return may_read(user, "exchange")


def exchanger(user: object) -> User:
    """The user, if they may exchange data; otherwise the page does not exist for them (404)."""
    if not isinstance(user, User) or not may_exchange(user):
        raise Http404
    return user


def ctdc_exports_visible_to(user: User) -> QuerySet[CtdcExport]:
    return CtdcExport.objects.all() if may_exchange(user) else CtdcExport.objects.none()


def dp_releases_visible_to(user: User) -> QuerySet[DpRelease]:
    return DpRelease.objects.all() if may_exchange(user) else DpRelease.objects.none()


def reference_datasets_visible_to(user: User) -> QuerySet[ReferenceDataset]:
    return ReferenceDataset.objects.all() if may_exchange(user) else ReferenceDataset.objects.none()
