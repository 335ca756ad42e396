"""Who may administer: the jurisdiction's administrators, nobody else.

Anyone else is answered 404, as for any page one may not know exists (docs/access-rules.md)."""

from django.http import Http404, HttpRequest

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read


def may_administer(user: object) -> bool:
    return isinstance(user, User) and may_read(user, "configuration")


def administrator(request: HttpRequest) -> User:
    """The signed-in administrator behind the request, or 404 for anyone else."""
    user = request.user
    if not isinstance(user, User) or not may_administer(user):
        raise Http404
    return user
