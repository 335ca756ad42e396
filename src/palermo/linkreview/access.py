"""Who may review linkage: only a linkage reviewer, a role granted to see records of every list.

Uncertain pairs put two agencies' records side by side, so ordinary roles (scoped to their own
agency) never reach them; an administrator grants the role to those who do clerical review.
"""

from django.db.models import QuerySet

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.linkreview.models import ReviewBatch


def may_review_linkage(user: object) -> bool:
    return isinstance(user, User) and may_read(user, "linkage_pair")


def review_batches_visible_to(user: User) -> QuerySet[ReviewBatch]:
    if not may_review_linkage(user):
        return ReviewBatch.objects.none()
    return ReviewBatch.objects.all()
